//! Entry point of the detail page (progress.html): each statement in detail, progress
//! over time, and the method with its sources (About).

fn main() {
    trellis::start(
        trellis::route::Surface::Progress,
        trellis::app::progress_pages,
        trellis_core::format::Workspace::from_current_json,
    );
}
