//! Entry point of the planning page (plan.html): the agreed view, targets and the action
//! plan of a round.

fn main() {
    trellis::start(
        trellis::route::Surface::Plan,
        trellis::app::plan_pages,
        trellis_core::format::Workspace::from_current_json,
    );
}
