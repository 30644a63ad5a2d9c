//! Entry point of the respondent's page (answer.html): joining from an invitation link,
//! answering, sending the answers back, and workshop sessions. All a respondent loads.

// A respondent may open an invitation on a device that holds data from an earlier
// version (an earlier round); this page brings it up to date itself.
fn main() {
    trellis::start(
        trellis::route::Surface::Answer,
        trellis::app::answer_pages,
        trellis_core::format::Workspace::from_json,
    );
}
