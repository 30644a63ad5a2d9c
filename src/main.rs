//! Entry point of the app (index.html): every section, moved between without a page
//! load. Everything else lives in the library.

fn main() {
    trellis::start::<trellis::app::Full>();
}
