//! Entry point of the main page (index.html): the start page, setting up collaborations
//! and rounds, describing the context, inviting. Everything else lives in the library.

// This page migrates data written by earlier versions of Trellis, so it reads them all.
fn main() {
    trellis::start(
        trellis::route::Surface::Main,
        trellis::app::main_pages,
        trellis_core::format::Workspace::from_json,
    );
}
