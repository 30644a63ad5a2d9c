//! Entry point of the facilitator's page (facilitate.html): results, the agreed view,
//! targets and the action plan. Built as its own bundle so the
//! main page that respondents open stays small.

fn main() {
    trellis::start(
        trellis::route::Surface::Facilitate,
        trellis::app::facilitator_pages,
    );
}
