//! Pages: one per route. They read state through `use_app_state` and act through its verbs.

pub mod answer;
pub mod collaboration;
pub mod home;
pub mod new_collaboration;
pub mod not_found;
pub mod results;
pub mod round_fields;

pub use answer::{AnswerStart, AnswerStep};
pub use collaboration::CollaborationPage;
pub use home::Home;
pub use new_collaboration::NewCollaborationPage;
pub use not_found::NotFound;
pub use results::Results;
