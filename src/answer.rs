//! Entry point of the respondent's page (answer.html): joining from an invitation link,
//! answering, sending the answers back, and workshop sessions. All a respondent loads.

fn main() {
    trellis::start(
        trellis::route::Surface::Answer,
        trellis::app::answer_pages,
        trellis_core::format::Workspace::from_current_json,
    );
}
