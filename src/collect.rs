//! Entry point of the collecting page (collect.html): importing the answers people send
//! back as files, codes or spreadsheets. Built as its own bundle because its parsers and
//! forms are large and only the facilitator needs them.

fn main() {
    trellis::start(
        trellis::route::Surface::Collect,
        trellis::app::collect_pages,
        trellis_core::format::Workspace::from_current_json,
    );
}
