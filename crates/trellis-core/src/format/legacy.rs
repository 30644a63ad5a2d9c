//! Workspaces written before storage version 3 (schemas 1 and 2): the same envelope, but
//! responses as a list of objects, each naming every statement beside its answer.
//!
//! Kept apart from [`super::workspace`] so that only code that may meet old data (the
//! start page, which migrates storage, and the data page, which opens old backups) links
//! this reader; see [`crate::workspace::LoadError::OlderSchema`].

use serde::Deserialize;

use super::workspace::{Collaboration, Response, Tombstone, Workspace, WORKSPACE_SCHEMA};

/// A schema 1 or 2 workspace as stored. Schema 1 lacks fields that default to empty
/// (action plans, the example flag), so one reader serves both.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyWorkspace {
    #[allow(dead_code)]
    schema: u32,
    #[serde(default)]
    collaborations: Vec<Collaboration>,
    #[serde(default)]
    responses: Vec<Response>,
    #[serde(default)]
    deleted: Vec<Tombstone>,
}

impl From<LegacyWorkspace> for Workspace {
    fn from(old: LegacyWorkspace) -> Workspace {
        Workspace {
            schema: WORKSPACE_SCHEMA,
            collaborations: old.collaborations,
            responses: old.responses,
            deleted: old.deleted,
        }
    }
}
