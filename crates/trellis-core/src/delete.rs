//! Deleting collaborations, rounds and responses, and undoing it.
//!
//! A deletion leaves a tombstone (the kind, id and time) in the workspace, so that a
//! merge with an older copy (another tab, a restored backup, a colleague's file) does not
//! bring the record back. Undo puts the record back and removes its tombstone.

use crate::format::{Collaboration, Response, Round, Timestamp, Tombstone, TombstoneKind, Workspace};
use crate::workspace::InputError;

/// What was deleted, kept by the app for a while so it can be put back.
#[derive(Debug, Clone, PartialEq)]
pub enum Deleted {
    Collaboration {
        collaboration: Collaboration,
        responses: Vec<Response>,
    },
    Round {
        collaboration_id: String,
        round: Round,
        responses: Vec<Response>,
    },
    Response(Response),
}

impl Deleted {
    fn tombstone_id(&self) -> (TombstoneKind, &str) {
        match self {
            Deleted::Collaboration { collaboration, .. } => (TombstoneKind::Collaboration, &collaboration.id),
            Deleted::Round { round, .. } => (TombstoneKind::Round, &round.id),
            Deleted::Response(r) => (TombstoneKind::Response, &r.id),
        }
    }
}

impl Workspace {
    fn bury(&mut self, kind: TombstoneKind, id: &str, now: Timestamp) {
        self.deleted.retain(|t| !(t.kind == kind && t.id == id));
        self.deleted.push(Tombstone {
            kind,
            id: id.to_string(),
            at: now,
        });
    }

    /// Removes and returns the responses for which `belongs` holds.
    fn take_responses(&mut self, belongs: impl Fn(&Response) -> bool) -> Vec<Response> {
        let (taken, kept) = std::mem::take(&mut self.responses)
            .into_iter()
            .partition(|r| belongs(r));
        self.responses = kept;
        taken
    }

    /// Deletes a collaboration with its rounds and their responses.
    pub fn delete_collaboration(&mut self, id: &str, now: Timestamp) -> Result<Deleted, InputError> {
        let at = self
            .collaborations
            .iter()
            .position(|c| c.id == id)
            .ok_or(InputError::UnknownCollaboration)?;
        let collaboration = self.collaborations.remove(at);
        let responses = self.take_responses(|r| collaboration.rounds.iter().any(|x| x.id == r.round_id));
        self.bury(TombstoneKind::Collaboration, id, now);
        Ok(Deleted::Collaboration {
            collaboration,
            responses,
        })
    }

    /// Deletes a round with its responses.
    pub fn delete_round(&mut self, id: &str, now: Timestamp) -> Result<Deleted, InputError> {
        let collaboration = self
            .collaborations
            .iter_mut()
            .find(|c| c.rounds.iter().any(|r| r.id == id))
            .ok_or(InputError::UnknownRound)?;
        let at = collaboration
            .rounds
            .iter()
            .position(|r| r.id == id)
            .ok_or(InputError::UnknownRound)?;
        let round = collaboration.rounds.remove(at);
        let collaboration_id = collaboration.id.clone();
        let responses = self.take_responses(|r| r.round_id == id);
        self.bury(TombstoneKind::Round, id, now);
        Ok(Deleted::Round {
            collaboration_id,
            round,
            responses,
        })
    }

    /// Deletes one response (for example a test answer or one sent by mistake).
    pub fn delete_response(&mut self, id: &str, now: Timestamp) -> Result<Deleted, InputError> {
        let at = self
            .responses
            .iter()
            .position(|r| r.id == id)
            .ok_or(InputError::UnknownResponse)?;
        let response = self.responses.remove(at);
        self.bury(TombstoneKind::Response, id, now);
        Ok(Deleted::Response(response))
    }

    /// Puts back what a deletion removed. A round whose collaboration has since gone is
    /// refused, and so is anything that has been put back already.
    pub fn undo_delete(&mut self, deleted: Deleted) -> Result<(), InputError> {
        let (kind, id) = deleted.tombstone_id();
        let id = id.to_string();
        match deleted {
            Deleted::Collaboration {
                collaboration,
                responses,
            } => {
                if self.collaboration(&collaboration.id).is_some() {
                    return Err(InputError::UnknownCollaboration);
                }
                self.collaborations.push(collaboration);
                self.responses.extend(responses);
            }
            Deleted::Round {
                collaboration_id,
                round,
                responses,
            } => {
                if self.round(&round.id).is_some() {
                    return Err(InputError::UnknownRound);
                }
                let c = self
                    .collaborations
                    .iter_mut()
                    .find(|c| c.id == collaboration_id)
                    .ok_or(InputError::UnknownCollaboration)?;
                c.rounds.push(round);
                self.responses.extend(responses);
            }
            Deleted::Response(response) => {
                if self.response(&response.id).is_some() || self.round(&response.round_id).is_none() {
                    return Err(InputError::UnknownResponse);
                }
                self.responses.push(response);
            }
        }
        self.deleted.retain(|t| !(t.kind == kind && t.id == id));
        Ok(())
    }

    /// Whether a record has been deleted here.
    pub fn is_deleted(&self, kind: TombstoneKind, id: &str) -> bool {
        self.deleted.iter().any(|t| t.kind == kind && t.id == id)
    }
}
