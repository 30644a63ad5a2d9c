//! The app's routes. Hash routing keeps deep links working from any folder of any host.

use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/new")]
    NewCollaboration,
    #[at("/collaboration/:id")]
    Collaboration { id: String },
    #[at("/collaboration/:id/context")]
    Context { id: String },
    #[at("/about")]
    About,
    #[at("/round/:id/answer")]
    AnswerStart { id: String },
    /// Step 1..=n is a domain; n + 1 is the review page.
    #[at("/round/:id/answer/:step")]
    AnswerStep { id: String, step: usize },
    #[at("/join/:code")]
    Join { code: String },
    #[at("/round/:id/invite")]
    Invite { id: String },
    #[at("/round/:id/import")]
    Import { id: String },
    #[at("/round/:id/sent")]
    Sent { id: String },
    #[at("/round/:id/consensus")]
    Consensus { id: String },
    #[at("/round/:id/kiosk")]
    Kiosk { id: String },
    #[at("/round/:id/results")]
    Results { id: String },
    #[at("/round/:id/plan")]
    Plan { id: String },
    #[at("/round/:id/report")]
    Report { id: String },
    #[at("/round/:id/statements")]
    Statements { id: String },
    #[at("/collaboration/:id/progress")]
    Progress { id: String },
    #[not_found]
    #[at("/not-found")]
    NotFound,
}
