//! Every change the app makes to a workspace, as data: a [`Command`] names the change
//! and carries its ids and times, and [`Workspace::apply`] carries it out.
//!
//! The app's reducer holds no rules of its own: it hands each command to `apply` on a
//! copy of the workspace and keeps the copy only when the command succeeded. `apply`
//! itself also leaves the workspace as it was when it refuses a command, so that
//! guarantee can be tested here without the app. The catalogue is passed in because core
//! holds no global state; new rounds and the collaboration's context use the newest
//! version of [`DEFAULT_INSTRUMENT`], rounds already made use the version they recorded.

use crate::catalogue::{Catalogue, DEFAULT_INSTRUMENT};
use crate::delete::Deleted;
use crate::format::transfer::InvitationFile;
use crate::format::{
    ActionStatus, Answer, ContextAnswer, RoleCategory, RoundStatus, Tie, Timestamp, TombstoneKind, Workspace,
};
use crate::instrument::Instrument;
use crate::plan::{PlanError, PlanFields};
use crate::workspace::{InputError, NewCollaboration, NewRound};

/// A change to a workspace. Ids and times are made by the caller, so applying the same
/// command to the same workspace always gives the same result.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Sets up a collaboration (from what the facilitator typed) with its first round.
    AddCollaboration {
        collaboration: NewCollaboration,
        id: String,
        round: NewRound,
        round_id: String,
        now: Timestamp,
    },
    AddRound {
        collaboration: String,
        round: NewRound,
        id: String,
        now: Timestamp,
    },
    StartResponse {
        round: String,
        organisation: String,
        role: RoleCategory,
        id: String,
        now: Timestamp,
    },
    /// Records (or with `None`, clears) the answer to one statement.
    Answer {
        response: String,
        statement: String,
        answer: Option<Answer>,
        now: Timestamp,
    },
    /// Records (or with `None`, clears) the maturity level a respondent chose for a domain.
    ChooseLevel {
        response: String,
        domain: String,
        level: Option<u8>,
        now: Timestamp,
    },
    /// Records a comment on a statement; an empty one removes it.
    Comment {
        response: String,
        statement: String,
        text: String,
        now: Timestamp,
    },
    /// Records how the respondent's organisation works with another partner, now and as
    /// it should (a round with a partner map only); a tie with neither removes it.
    SetTie {
        response: String,
        partner: String,
        tie: Tie,
        now: Timestamp,
    },
    /// Marks a response as sent; it can no longer change.
    Submit {
        response: String,
        now: Timestamp,
    },
    /// Answers (or with `None`, clears) a question about the collaboration.
    SetContext {
        collaboration: String,
        question: String,
        answer: Option<ContextAnswer>,
    },
    /// Records the group's agreed view of a domain (all empty removes it).
    SetConsensus {
        round: String,
        domain: String,
        level: Option<u8>,
        rationale: String,
        evidence: String,
        now: Timestamp,
    },
    SetTarget {
        round: String,
        domain: String,
        level: Option<u8>,
    },
    SetStatus {
        round: String,
        status: RoundStatus,
    },
    /// Turns a round's partner map on or off (ties already given are kept).
    SetPartnerMap {
        round: String,
        on: bool,
    },
    /// Sets (or with an empty text, clears) the facilitator's contact.
    SetContact {
        collaboration: String,
        contact: String,
    },
    /// Copies an invited round to this device; a round already here is left alone.
    AcceptInvitation {
        invitation: InvitationFile,
        now: Timestamp,
    },
    /// Changes a round's action plan.
    Plan {
        round: String,
        change: PlanChange,
        now: Timestamp,
    },
    /// Removes every example collaboration; real data is untouched.
    RemoveExamples,
    /// Takes in another copy (another tab, a file) record by record (see `merge`).
    Merge(Box<Workspace>),
    /// Puts another workspace in place of this one (opening a file to replace).
    ReplaceWorkspace(Box<Workspace>),
    /// Deletes a collaboration, round or response, leaving a tombstone.
    Delete {
        kind: TombstoneKind,
        id: String,
        now: Timestamp,
    },
    /// Puts back what a [`Command::Delete`] removed (its [`Outcome::Deleted`]).
    UndoDelete(Box<Deleted>),
    /// Removes rounds already written to a round file, without tombstones, so opening
    /// the file brings them back (see `quota`).
    MoveOut(Vec<String>),
}

/// A change to an action plan; ids of new items are made by the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanChange {
    /// Puts one of the instrument's suggested actions on the plan.
    Adopt {
        action: String,
        id: String,
    },
    /// Adds the group's own action for a domain.
    Add {
        domain: String,
        fields: PlanFields,
        id: String,
    },
    Update {
        item: String,
        fields: PlanFields,
    },
    Status {
        item: String,
        status: ActionStatus,
    },
    Remove {
        item: String,
    },
}

/// What an applied command did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The workspace changed.
    Changed,
    /// Nothing needed changing (a merge with nothing new, an invitation already taken
    /// up, no examples to remove): there is nothing to save, so tabs never echo each
    /// other's saves forever.
    Unchanged,
    /// A record was deleted; this is what [`Command::UndoDelete`] needs to put it back.
    Deleted(Box<Deleted>),
}

/// Why a command was refused. The workspace is left as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    Input(InputError),
    Plan(PlanError),
    /// The questionnaire the change needs is not in this build (a round made by a newer
    /// version, or a catalogue without the default instrument).
    UnknownInstrument {
        id: String,
        version: Option<String>,
    },
    /// A facilitator's change reached [`Workspace::apply_answering`], which only takes a
    /// respondent's (joining, answering, sending): the respondent's entry never makes one.
    NotAnswering,
}

/// One representation per problem: a plan change on a missing round is the same
/// [`InputError`] as any other change on a missing round.
impl From<PlanError> for CommandError {
    fn from(e: PlanError) -> Self {
        match e {
            PlanError::Input(e) => CommandError::Input(e),
            other => CommandError::Plan(other),
        }
    }
}

impl From<InputError> for CommandError {
    fn from(e: InputError) -> Self {
        CommandError::Input(e)
    }
}

impl Workspace {
    /// Carries out a command. A refused command leaves the workspace unchanged.
    pub fn apply(&mut self, catalogue: &Catalogue, command: Command) -> Result<Outcome, CommandError> {
        let changed = Ok(Outcome::Changed);
        match command {
            Command::AddCollaboration {
                collaboration,
                id,
                round,
                round_id,
                now,
            } => {
                let instrument = newest(catalogue)?;
                let collaboration = collaboration.validate(id, now)?;
                // Checked before the collaboration goes in, so that adding the round
                // below cannot fail and leave a collaboration without it.
                round.check(instrument)?;
                let id = collaboration.id.clone();
                self.add_collaboration(collaboration);
                self.add_round(&id, &round, instrument, round_id, now)?;
                changed
            }
            Command::AddRound {
                collaboration,
                round,
                id,
                now,
            } => {
                self.add_round(&collaboration, &round, newest(catalogue)?, id, now)?;
                changed
            }
            Command::SetContext {
                collaboration,
                question,
                answer,
            } => {
                self.set_context(newest(catalogue)?, &collaboration, &question, answer)?;
                changed
            }
            Command::SetConsensus {
                round,
                domain,
                level,
                rationale,
                evidence,
                now,
            } => {
                let i = self.round_instrument(catalogue, &round)?;
                self.set_consensus(i, &round, &domain, level, &rationale, &evidence, now)?;
                changed
            }
            Command::SetTarget { round, domain, level } => {
                let i = self.round_instrument(catalogue, &round)?;
                self.set_target(i, &round, &domain, level)?;
                changed
            }
            Command::SetStatus { round, status } => {
                self.set_status(&round, status)?;
                changed
            }
            Command::SetPartnerMap { round, on } => {
                self.set_partner_map(&round, on)?;
                changed
            }
            Command::SetContact {
                collaboration,
                contact,
            } => {
                self.set_contact(&collaboration, &contact)?;
                changed
            }
            Command::Plan { round, change, now } => {
                self.change_plan(catalogue, &round, change, now)?;
                changed
            }
            Command::RemoveExamples => match crate::example::remove_examples(self) {
                0 => Ok(Outcome::Unchanged),
                _ => changed,
            },
            Command::ReplaceWorkspace(other) => {
                *self = *other;
                changed
            }
            Command::Delete { kind, id, now } => {
                let deleted = match kind {
                    TombstoneKind::Collaboration => self.delete_collaboration(&id, now),
                    TombstoneKind::Round => self.delete_round(&id, now),
                    TombstoneKind::Response => self.delete_response(&id, now),
                }?;
                Ok(Outcome::Deleted(Box::new(deleted)))
            }
            Command::UndoDelete(deleted) => {
                self.undo_delete(*deleted)?;
                changed
            }
            Command::MoveOut(rounds) => {
                self.move_out(&rounds)?;
                changed
            }
            // Joining, answering and sending: shared with the respondent's entry.
            answering => self.apply_answering(catalogue, answering),
        }
    }

    /// Carries out a respondent's command (starting, answering, rating ties with other
    /// partners and sending a response, accepting an invitation, taking in another tab's
    /// copy) and refuses any other with [`CommandError::NotAnswering`]. The respondent's
    /// entry applies commands through this alone, so its bundle carries none of the
    /// facilitator's workspace operations.
    pub fn apply_answering(
        &mut self,
        catalogue: &Catalogue,
        command: Command,
    ) -> Result<Outcome, CommandError> {
        let changed = Ok(Outcome::Changed);
        match command {
            Command::StartResponse {
                round,
                organisation,
                role,
                id,
                now,
            } => {
                self.start_response(&round, &organisation, role, id, now)?;
                changed
            }
            Command::Answer {
                response,
                statement,
                answer,
                now,
            } => {
                let i = self.response_instrument(catalogue, &response)?;
                self.set_answer(i, &response, &statement, answer, now)?;
                changed
            }
            Command::ChooseLevel {
                response,
                domain,
                level,
                now,
            } => {
                let i = self.response_instrument(catalogue, &response)?;
                self.set_level(i, &response, &domain, level, now)?;
                changed
            }
            Command::Comment {
                response,
                statement,
                text,
                now,
            } => {
                let i = self.response_instrument(catalogue, &response)?;
                self.set_comment(i, &response, &statement, &text, now)?;
                changed
            }
            Command::SetTie {
                response,
                partner,
                tie,
                now,
            } => {
                self.set_tie(&response, &partner, tie, now)?;
                changed
            }
            Command::Submit { response, now } => {
                self.submit(&response, now)?;
                changed
            }
            Command::AcceptInvitation { invitation, now } => {
                if self.round(&invitation.round_id).is_some() {
                    return Ok(Outcome::Unchanged);
                }
                let instrument = catalogue
                    .get(&invitation.instrument, &invitation.version)
                    .ok_or_else(|| CommandError::UnknownInstrument {
                        id: invitation.instrument.clone(),
                        version: Some(invitation.version.clone()),
                    })?;
                self.accept_invitation(&invitation, instrument, now)?;
                changed
            }
            Command::Merge(other) => {
                if self.merge(*other).changes_anything() {
                    changed
                } else {
                    Ok(Outcome::Unchanged)
                }
            }
            _ => Err(CommandError::NotAnswering),
        }
    }

    fn change_plan(
        &mut self,
        catalogue: &Catalogue,
        round: &str,
        change: PlanChange,
        now: Timestamp,
    ) -> Result<(), CommandError> {
        match change {
            PlanChange::Adopt { action, id } => {
                let i = self.round_instrument(catalogue, round)?;
                self.adopt_action(i, round, &action, id, now)?;
            }
            PlanChange::Add { domain, fields, id } => {
                let i = self.round_instrument(catalogue, round)?;
                self.add_plan_item(i, round, &domain, &fields, id, now)?;
            }
            PlanChange::Update { item, fields } => self.update_plan_item(round, &item, &fields, now)?,
            PlanChange::Status { item, status } => self.set_plan_status(round, &item, status, now)?,
            PlanChange::Remove { item } => {
                self.remove_plan_item(round, &item)?;
            }
        }
        Ok(())
    }

    /// The exact instrument version a round recorded. The instrument is shared from the
    /// catalogue, so the borrow does not hold on to the workspace while it changes.
    fn round_instrument<'c>(
        &self,
        catalogue: &'c Catalogue,
        round_id: &str,
    ) -> Result<&'c Instrument, CommandError> {
        let (_, round) = self.round(round_id).ok_or(InputError::UnknownRound)?;
        catalogue
            .get(&round.instrument_id, &round.instrument_version)
            .map(|i| &**i)
            .ok_or_else(|| CommandError::UnknownInstrument {
                id: round.instrument_id.clone(),
                version: Some(round.instrument_version.clone()),
            })
    }

    /// The instrument of the round a response belongs to.
    fn response_instrument<'c>(
        &self,
        catalogue: &'c Catalogue,
        response_id: &str,
    ) -> Result<&'c Instrument, CommandError> {
        let response = self.response(response_id).ok_or(InputError::UnknownResponse)?;
        match self.round_instrument(catalogue, &response.round_id) {
            // A response whose round is gone cannot be changed, like one that is gone.
            Err(CommandError::Input(InputError::UnknownRound)) => Err(InputError::UnknownResponse.into()),
            other => other,
        }
    }
}

/// The newest version of the default instrument, for new rounds and context questions.
fn newest(catalogue: &Catalogue) -> Result<&Instrument, CommandError> {
    catalogue
        .latest(DEFAULT_INSTRUMENT)
        .map(|i| &**i)
        .ok_or_else(|| CommandError::UnknownInstrument {
            id: DEFAULT_INSTRUMENT.to_string(),
            version: None,
        })
}
