//! Entry point of the reports page (reports.html): the board report, each statement in
//! detail, progress over time, and the method with its sources. Its own bundle, so the
//! results page and the main page stay small.

fn main() {
    trellis::start(trellis::route::Surface::Reports, trellis::app::report_pages);
}
