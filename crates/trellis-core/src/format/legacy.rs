//! Workspaces written before storage version 5: schemas 1 and 2 (the same envelope, but
//! responses as a list of objects, each naming every statement beside its answer),
//! schema 3 (today's envelope, but rounds without their own context) and schema 4
//! (today's envelope and table, without the partner map, which is off for its rounds and
//! absent from its responses, as their defaults say).
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
        let mut workspace = Workspace {
            schema: WORKSPACE_SCHEMA,
            collaborations: old.collaborations,
            responses: old.responses,
            deleted: old.deleted,
            lineage: Default::default(),
        };
        give_rounds_their_context(&mut workspace);
        workspace
    }
}

/// Reads workspace text of an earlier storage version (1 to 4) and brings it up to date.
/// Schemas 3 and 4 are today's envelope read as it is (schema 3's rounds then take their
/// collaboration's context); schemas 1 and 2 go through [`LegacyWorkspace`].
pub fn read_older(schema: u32, text: &str) -> Result<Workspace, serde_json::Error> {
    if schema >= 3 {
        let mut workspace: Workspace = serde_json::from_str(text)?;
        workspace.schema = WORKSPACE_SCHEMA;
        // A schema 4 round with no context of its own (one joined through an invitation,
        // or described only after it closed) keeps none.
        if schema == 3 {
            give_rounds_their_context(&mut workspace);
        }
        Ok(workspace)
    } else {
        serde_json::from_str::<LegacyWorkspace>(text).map(Workspace::from)
    }
}

/// Before schema 4 the context was kept only for the collaboration, and every round was
/// read under it. Each round of an older workspace therefore takes the collaboration's
/// context as it stands when the workspace is read, which is what its results showed the
/// day before the migration.
fn give_rounds_their_context(workspace: &mut Workspace) {
    for collaboration in &mut workspace.collaborations {
        for round in &mut collaboration.rounds {
            if round.context.is_empty() {
                round.context = collaboration.context.clone();
            }
        }
    }
}
