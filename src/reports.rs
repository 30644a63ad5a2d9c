//! Entry point of the board report page (reports.html). Its own bundle, so the results
//! page and the main page stay small.

fn main() {
    trellis::start(
        trellis::route::Surface::Reports,
        trellis::app::report_pages,
        trellis_core::format::Workspace::from_current_json,
    );
}
