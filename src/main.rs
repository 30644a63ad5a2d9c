//! Entry point of the main page (index.html): setting up collaborations and rounds,
//! inviting, answering and sending answers back. Everything else lives in the library.

fn main() {
    trellis::start(trellis::route::Surface::Main, trellis::app::main_pages);
}
