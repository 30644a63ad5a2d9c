//! Entry point of the facilitator's page (facilitate.html): results, agreement, action
//! plans, board reports and progress over time. Built as its own bundle so the
//! main page that respondents open stays small.

fn main() {
    trellis::start(
        trellis::route::Surface::Facilitate,
        trellis::app::facilitator_pages,
    );
}
