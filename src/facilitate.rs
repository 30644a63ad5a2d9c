//! Entry point of the results page (facilitate.html): the round's dashboard. Each page
//! is its own bundle so that none carries another's views (see route::Surface).

fn main() {
    trellis::start(
        trellis::route::Surface::Facilitate,
        trellis::app::facilitator_pages,
        trellis_core::format::Workspace::from_current_json,
    );
}
