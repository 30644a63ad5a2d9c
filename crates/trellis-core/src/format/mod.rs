//! The serializable data formats: the only types in trellis-core that touch serde.
//!
//! Everything that crosses a boundary (an instrument file shipped with the app, the
//! workspace kept in browser storage, later exported and imported files) is described
//! here and nowhere else. Each top-level format carries an explicit version number so
//! that older data can be recognised and migrated rather than misread.

pub mod chars;
pub mod config;
pub mod folder;
pub mod host;
pub mod instrument;
pub mod legacy;
pub mod packed;
pub mod stored;
pub mod transfer;
pub mod workspace;

pub use host::{HostEvent, HostEventKind};
pub use instrument::{
    ActionFile, ContextKind, ContextOptionFile, ContextQuestionFile, DomainFile, DomainKind, InstrumentFile,
    LevelFile, ModeFile, PriorityWhenFile, ScaleFile, ScalePointFile, StatementFile, INSTRUMENT_FORMAT,
    READS_FORMATS,
};
pub use transfer::{
    InvitationFile, ResponseCodePayload, ResponseFile, INVITATION_FORMAT, RESPONSE_FORMAT, RESPONSE_MARKER,
};
pub use workspace::{
    ActionStatus, Answer, Collaboration, Consensus, ContextAnswer, Invited, Partner, PlanItem, Response,
    RoleCategory, Round, RoundStatus, Tie, Timestamp, Tombstone, TombstoneKind, Workspace, TIE_STEPS,
    WORKSPACE_SCHEMA,
};
