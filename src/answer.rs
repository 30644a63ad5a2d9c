//! Entry point of the respondent's entry (answer.html, what an invitation link opens):
//! joining, answering, sending the answers back, and workshop sessions, in a bundle that
//! carries none of the facilitator's pages.

fn main() {
    trellis::start::<trellis::app::Respondent>();
}
