//! Entry point of the reports page (reports.html): the board report, each statement in
//! detail, and progress over time. Its own bundle, so the results page stays small.

fn main() {
    trellis::start(trellis::route::Surface::Reports, trellis::app::report_pages);
}
