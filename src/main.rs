//! Entry point of the main page (index.html): the start page, setting up collaborations
//! and rounds, describing the context, inviting. Everything else lives in the library.

fn main() {
    trellis::start(trellis::route::Surface::Main, trellis::app::main_pages);
}
