//! App state: the workspace, the instrument catalogue and storage status, behind a
//! reducer whose every rule is delegated to trellis-core.
//!
//! Pages use [`use_app_state`], whose verbs read the clock and make random ids (through
//! `browser`), validate input with core, and dispatch. The reducer itself does no I/O.

use std::rc::Rc;

use trellis_core::config::Config;
use trellis_core::format::{
    ActionStatus, Answer, Collaboration, ContextAnswer, RoleCategory, Round, RoundStatus, Timestamp,
    TombstoneKind, Workspace,
};
use trellis_core::plan::{PlanError, PlanFields};
use trellis_core::workspace::{InputError, NewCollaboration, NewRound};
use trellis_core::{Catalogue, Instrument};
use yew::prelude::*;

use crate::browser;
use crate::browser::storage::StorageProblem;

/// Everything the app knows.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub workspace: Rc<Workspace>,
    pub catalogue: Rc<Catalogue>,
    /// Bumped on every change to the workspace; the root effect saves when it moves.
    pub revision: u64,
    /// Whether the workspace may be written to storage at all.
    pub writable: bool,
    pub storage_problem: Option<StorageProblem>,
    /// The last change that core refused, in words for the user.
    pub notice: Option<String>,
    /// The round whose workshop (kiosk) session is running on this device, if any. Saved
    /// under its own key so that reloading the page does not end the session.
    pub kiosk: Option<String>,
    /// The host's settings (config.json), checked by core; defaults until read.
    pub config: Rc<Config>,
    /// What was wrong with config.json, in words; those settings keep their defaults.
    pub config_problems: Vec<String>,
    /// The last deletion, which can still be undone: what it was called, and the record.
    pub undo: Option<(String, Rc<trellis_core::delete::Deleted>)>,
}

impl AppState {
    pub fn new(
        catalogue: Catalogue,
        workspace: Workspace,
        writable: bool,
        problem: Option<StorageProblem>,
        kiosk: Option<String>,
    ) -> Self {
        AppState {
            workspace: Rc::new(workspace),
            catalogue: Rc::new(catalogue),
            revision: 0,
            writable,
            storage_problem: problem,
            notice: None,
            kiosk,
            config: Rc::default(),
            config_problems: Vec::new(),
            undo: None,
        }
    }

    /// The instrument a round was created with, if this build still ships it.
    pub fn instrument_for(&self, round: &Round) -> Option<&Rc<Instrument>> {
        self.catalogue
            .get(&round.instrument_id, &round.instrument_version)
    }

    /// The newest version of the default instrument, used for new rounds.
    pub fn current_instrument(&self) -> Option<&Rc<Instrument>> {
        self.catalogue.latest(trellis_core::catalogue::DEFAULT_INSTRUMENT)
    }
}

/// A change to the state. Ids and times are made by the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    CreateCollaboration {
        collaboration: Collaboration,
        round: NewRound,
        round_id: String,
        now: Timestamp,
    },
    AddRound {
        collaboration_id: String,
        round: NewRound,
        round_id: String,
        now: Timestamp,
    },
    StartResponse {
        round_id: String,
        organisation: String,
        role: RoleCategory,
        response_id: String,
        now: Timestamp,
    },
    Answer {
        response_id: String,
        statement: String,
        answer: Option<Answer>,
        now: Timestamp,
    },
    Level {
        response_id: String,
        domain: String,
        level: Option<u8>,
        now: Timestamp,
    },
    Comment {
        response_id: String,
        statement: String,
        text: String,
        now: Timestamp,
    },
    Submit {
        response_id: String,
        now: Timestamp,
    },
    SetConsensus {
        round_id: String,
        domain: String,
        level: Option<u8>,
        rationale: String,
        evidence: String,
        now: Timestamp,
    },
    Kiosk(Option<String>),
    SetTarget {
        round_id: String,
        domain: String,
        level: Option<u8>,
    },
    SetStatus {
        round_id: String,
        status: RoundStatus,
    },
    /// Replaces the whole workspace (an import planned and checked by core).
    ReplaceWorkspace(Box<Workspace>),
    AcceptInvitation(Box<trellis_core::format::transfer::InvitationFile>, Timestamp),
    SetContact {
        collaboration_id: String,
        contact: String,
    },
    SetContext {
        collaboration_id: String,
        question: String,
        answer: Option<ContextAnswer>,
    },
    Saved(Result<(), StorageProblem>),
    DismissNotice,
    /// A change to a round's action plan.
    Plan {
        round_id: String,
        change: PlanChange,
        now: Timestamp,
    },
    RemoveExamples,
    /// Merges a collaboration or round file, already read and checked by core.
    Merge(Box<Workspace>),
    /// The host's settings, read from config.json, and what was wrong with them.
    Config(Rc<Config>, Vec<String>),
    /// Deletes a record, keeping it to undo; `label` names it for the undo notice.
    Delete {
        kind: TombstoneKind,
        id: String,
        label: String,
        now: Timestamp,
    },
    Undo,
    ForgetUndo,
}

/// A change to an action plan; ids are made by the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanChange {
    Adopt {
        action: String,
        id: String,
    },
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

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        // Changes that leave the workspace alone return before it is copied: with
        // thousands of responses a copy is the slowest part of a change.
        let action = match action {
            Action::Saved(result) => {
                next.storage_problem = match (result, &self.storage_problem) {
                    (Err(problem), _) => Some(problem),
                    // A successful write clears an earlier write failure, nothing else.
                    (Ok(()), Some(StorageProblem::WriteFailed)) => None,
                    (Ok(()), other) => other.clone(),
                };
                return Rc::new(next);
            }
            Action::DismissNotice => {
                next.notice = None;
                return Rc::new(next);
            }
            Action::Kiosk(round) => {
                next.kiosk = round;
                return Rc::new(next);
            }
            Action::Config(config, problems) => {
                next.config = config;
                next.config_problems = problems;
                return Rc::new(next);
            }
            other => other,
        };
        let mut ws = (*self.workspace).clone();
        let result: Result<(), String> = match action {
            Action::Plan {
                round_id,
                change,
                now,
            } => {
                let instrument = ws
                    .round(&round_id)
                    .and_then(|(_, r)| self.instrument_for(r))
                    .cloned();
                match (instrument, change) {
                    (None, _) => Err(PlanError::Input(InputError::UnknownRound)),
                    (Some(i), PlanChange::Adopt { action, id }) => {
                        ws.adopt_action(&i, &round_id, &action, id, now)
                    }
                    (Some(i), PlanChange::Add { domain, fields, id }) => {
                        ws.add_plan_item(&i, &round_id, &domain, &fields, id, now)
                    }
                    (Some(_), PlanChange::Update { item, fields }) => {
                        ws.update_plan_item(&round_id, &item, &fields, now)
                    }
                    (Some(_), PlanChange::Status { item, status }) => {
                        ws.set_plan_status(&round_id, &item, status, now)
                    }
                    (Some(_), PlanChange::Remove { item }) => {
                        ws.remove_plan_item(&round_id, &item).map(|_| ())
                    }
                }
                .map_err(|e| e.to_string())
            }
            Action::RemoveExamples => {
                trellis_core::example::remove_examples(&mut ws);
                Ok(())
            }
            Action::Merge(other) => {
                // Nothing new (for example another tab echoing this one): no save, no loop.
                if !ws.merge(*other).changes_anything() {
                    return Rc::new(next);
                }
                Ok(())
            }
            Action::Delete { kind, id, label, now } => {
                let deleted = match kind {
                    TombstoneKind::Collaboration => ws.delete_collaboration(&id, now),
                    TombstoneKind::Round => ws.delete_round(&id, now),
                    TombstoneKind::Response => ws.delete_response(&id, now),
                };
                match deleted {
                    Ok(d) => {
                        next.undo = Some((label, Rc::new(d)));
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            Action::Undo => match self.undo.clone() {
                Some((_, d)) => {
                    next.undo = None;
                    ws.undo_delete((*d).clone()).map_err(|e| e.to_string())
                }
                None => return Rc::new(next),
            },
            Action::ForgetUndo => {
                next.undo = None;
                return Rc::new(next);
            }
            other => self.reduce_input(&mut ws, other).map_err(|e| e.to_string()),
        };
        match result {
            Ok(()) => {
                next.workspace = Rc::new(ws);
                next.revision += 1;
                next.notice = None;
            }
            // A refused change leaves the workspace exactly as it was.
            Err(e) => next.notice = Some(e),
        }
        Rc::new(next)
    }
}

impl AppState {
    /// The workspace operations whose refusals are input errors.
    fn reduce_input(self: &Rc<Self>, ws: &mut Workspace, action: Action) -> Result<(), InputError> {
        let instrument_of = |ws: &Workspace, response_id: &str| {
            ws.response(response_id)
                .and_then(|r| ws.round(&r.round_id))
                .and_then(|(_, round)| self.instrument_for(round))
                .cloned()
        };
        match action {
            Action::ReplaceWorkspace(workspace) => {
                *ws = *workspace;
                Ok(())
            }
            Action::AcceptInvitation(invitation, now) => {
                match self.catalogue.get(&invitation.instrument, &invitation.version) {
                    Some(i) => ws.accept_invitation(&invitation, i, now),
                    None => Err(InputError::UnknownRound),
                }
            }
            Action::SetContact {
                collaboration_id,
                contact,
            } => ws.set_contact(&collaboration_id, &contact),
            Action::SetTarget {
                round_id,
                domain,
                level,
            } => {
                match ws
                    .round(&round_id)
                    .and_then(|(_, r)| self.instrument_for(r))
                    .cloned()
                {
                    Some(i) => ws.set_target(&i, &round_id, &domain, level),
                    None => Err(InputError::UnknownRound),
                }
            }
            Action::SetStatus { round_id, status } => ws.set_status(&round_id, status),
            Action::SetConsensus {
                round_id,
                domain,
                level,
                rationale,
                evidence,
                now,
            } => {
                match ws
                    .round(&round_id)
                    .and_then(|(_, r)| self.instrument_for(r))
                    .cloned()
                {
                    Some(i) => ws.set_consensus(&i, &round_id, &domain, level, &rationale, &evidence, now),
                    None => Err(InputError::UnknownRound),
                }
            }
            Action::CreateCollaboration {
                collaboration,
                round,
                round_id,
                now,
            } => {
                let id = collaboration.id.clone();
                ws.add_collaboration(collaboration);
                match self.current_instrument() {
                    Some(instrument) => ws.add_round(&id, &round, instrument, round_id, now).map(|_| ()),
                    None => Err(InputError::UnknownRound),
                }
            }
            Action::AddRound {
                collaboration_id,
                round,
                round_id,
                now,
            } => match self.current_instrument() {
                Some(instrument) => ws
                    .add_round(&collaboration_id, &round, instrument, round_id, now)
                    .map(|_| ()),
                None => Err(InputError::UnknownRound),
            },
            Action::StartResponse {
                round_id,
                organisation,
                role,
                response_id,
                now,
            } => ws
                .start_response(&round_id, &organisation, role, response_id, now)
                .map(|_| ()),
            Action::Answer {
                response_id,
                statement,
                answer,
                now,
            } => match instrument_of(ws, &response_id) {
                Some(i) => ws.set_answer(&i, &response_id, &statement, answer, now),
                None => Err(InputError::UnknownResponse),
            },
            Action::Level {
                response_id,
                domain,
                level,
                now,
            } => match instrument_of(ws, &response_id) {
                Some(i) => ws.set_level(&i, &response_id, &domain, level, now),
                None => Err(InputError::UnknownResponse),
            },
            Action::Comment {
                response_id,
                statement,
                text,
                now,
            } => match instrument_of(ws, &response_id) {
                Some(i) => ws.set_comment(&i, &response_id, &statement, &text, now),
                None => Err(InputError::UnknownResponse),
            },
            Action::Submit { response_id, now } => ws.submit(&response_id, now),
            Action::SetContext {
                collaboration_id,
                question,
                answer,
            } => match self.current_instrument() {
                Some(i) => ws.set_context(i, &collaboration_id, &question, answer),
                None => Err(InputError::UnknownCollaboration),
            },
            // Handled in `reduce`.
            Action::Saved(_)
            | Action::DismissNotice
            | Action::Kiosk(_)
            | Action::Plan { .. }
            | Action::RemoveExamples
            | Action::Merge(_)
            | Action::Config(..)
            | Action::Delete { .. }
            | Action::Undo
            | Action::ForgetUndo => Ok(()),
        }
    }
}

/// The handle pages use: read `state`, act through the verbs.
#[derive(Clone, PartialEq)]
pub struct AppHandle {
    handle: UseReducerHandle<AppState>,
}

impl std::ops::Deref for AppHandle {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.handle
    }
}

impl AppHandle {
    pub fn new(handle: UseReducerHandle<AppState>) -> Self {
        AppHandle { handle }
    }

    pub fn dispatch(&self, action: Action) {
        self.handle.dispatch(action);
    }

    /// Creates a collaboration with its first round; returns the new collaboration's id.
    pub fn create_collaboration(
        &self,
        input: &NewCollaboration,
        round: NewRound,
    ) -> Result<String, InputError> {
        let instrument = self.current_instrument().ok_or(InputError::UnknownRound)?;
        let now = browser::now();
        let collaboration = input.validate(browser::random_id(), now)?;
        round.check(instrument)?;
        let id = collaboration.id.clone();
        self.dispatch(Action::CreateCollaboration {
            collaboration,
            round,
            round_id: browser::random_id(),
            now,
        });
        Ok(id)
    }

    pub fn add_round(&self, collaboration_id: &str, round: NewRound) -> Result<(), InputError> {
        let instrument = self.current_instrument().ok_or(InputError::UnknownRound)?;
        round.check(instrument)?;
        self.dispatch(Action::AddRound {
            collaboration_id: collaboration_id.to_string(),
            round,
            round_id: browser::random_id(),
            now: browser::now(),
        });
        Ok(())
    }

    pub fn start_response(&self, round_id: &str, organisation: &str, role: RoleCategory) {
        self.dispatch(Action::StartResponse {
            round_id: round_id.to_string(),
            organisation: organisation.to_string(),
            role,
            response_id: browser::random_id(),
            now: browser::now(),
        });
    }

    pub fn answer(&self, response_id: &str, statement: &str, answer: Option<Answer>) {
        self.dispatch(Action::Answer {
            response_id: response_id.to_string(),
            statement: statement.to_string(),
            answer,
            now: browser::now(),
        });
    }

    pub fn choose_level(&self, response_id: &str, domain: &str, level: Option<u8>) {
        self.dispatch(Action::Level {
            response_id: response_id.to_string(),
            domain: domain.to_string(),
            level,
            now: browser::now(),
        });
    }

    pub fn comment(&self, response_id: &str, statement: &str, text: String) {
        self.dispatch(Action::Comment {
            response_id: response_id.to_string(),
            statement: statement.to_string(),
            text,
            now: browser::now(),
        });
    }

    pub fn set_context(&self, collaboration_id: &str, question: &str, answer: Option<ContextAnswer>) {
        self.dispatch(Action::SetContext {
            collaboration_id: collaboration_id.to_string(),
            question: question.to_string(),
            answer,
        });
    }

    pub fn set_consensus(
        &self,
        round_id: &str,
        domain: &str,
        level: Option<u8>,
        rationale: String,
        evidence: String,
    ) {
        self.dispatch(Action::SetConsensus {
            round_id: round_id.to_string(),
            domain: domain.to_string(),
            level,
            rationale,
            evidence,
            now: browser::now(),
        });
    }

    pub fn set_target(&self, round_id: &str, domain: &str, level: Option<u8>) {
        self.dispatch(Action::SetTarget {
            round_id: round_id.to_string(),
            domain: domain.to_string(),
            level,
        });
    }

    pub fn set_status(&self, round_id: &str, status: RoundStatus) {
        self.dispatch(Action::SetStatus {
            round_id: round_id.to_string(),
            status,
        });
        if status == RoundStatus::Closed {
            self.tell_host("round-closed", round_id, None);
        }
    }

    /// Tells the embedding intranet page (config `host_origin`) that something happened:
    /// `{"source": "trellis", "type": ..., "round": ..., "collaboration": ...}`, plus the
    /// sent answers when the config's `share_answers` is true. Nothing is posted without
    /// a configured host origin, or when the app is not embedded.
    fn tell_host(&self, kind: &str, round_id: &str, response_id: Option<&str>) {
        let Some(origin) = self.config.host_origin.as_deref() else {
            return;
        };
        // Written by hand rather than through serde_json::Value, which would add its
        // whole serializer to every page's bundle.
        let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let collaboration = self
            .workspace
            .round(round_id)
            .map_or("null".to_string(), |(c, _)| text(&c.id));
        let mut message = format!(
            r#"{{"source":"trellis","type":{},"round":{},"collaboration":{}"#,
            text(kind),
            text(round_id),
            collaboration
        );
        if let Some(id) = response_id {
            message.push_str(&format!(r#","response":{}"#, text(id)));
            if let Some(r) = self.workspace.response(id).filter(|_| self.config.share_answers) {
                let answers = serde_json::to_string(&r.answers).unwrap_or_else(|_| "{}".into());
                let levels = serde_json::to_string(&r.levels).unwrap_or_else(|_| "{}".into());
                message.push_str(&format!(r#","answers":{answers},"levels":{levels}"#));
            }
        }
        message.push('}');
        browser::host::post_to_host(origin, &message);
    }

    pub fn replace_workspace(&self, workspace: Workspace) {
        self.dispatch(Action::ReplaceWorkspace(Box::new(workspace)));
    }

    /// Copies an invited round to this device (once; opening the link again is harmless).
    pub fn accept_invitation(&self, invitation: trellis_core::format::transfer::InvitationFile) {
        self.dispatch(Action::AcceptInvitation(Box::new(invitation), browser::now()));
    }

    pub fn set_contact(&self, collaboration_id: &str, contact: &str) {
        self.dispatch(Action::SetContact {
            collaboration_id: collaboration_id.to_string(),
            contact: contact.to_string(),
        });
    }

    /// Starts (with a round id) or ends (with `None`) a workshop session on this device.
    pub fn kiosk(&self, round: Option<&str>) {
        self.dispatch(Action::Kiosk(round.map(str::to_string)));
    }

    /// Changes a round's action plan. New items get a fresh random id.
    pub fn plan(&self, round_id: &str, change: PlanChange) {
        self.dispatch(Action::Plan {
            round_id: round_id.to_string(),
            change,
            now: browser::now(),
        });
    }

    /// Adds the fictional example collaboration, dated today. It is generated here and
    /// merged like a file, so the generator is only in the bundle of the page that offers
    /// it.
    pub fn add_example(&self) -> Result<(), InputError> {
        let instrument = self.current_instrument().ok_or(InputError::UnknownRound)?;
        let mut example = Workspace::default();
        trellis_core::example::add_example(
            &mut example,
            instrument,
            trellis_core::example::SEED,
            &browser::today(),
            browser::now(),
        )?;
        self.merge(example);
        Ok(())
    }

    pub fn remove_examples(&self) {
        self.dispatch(Action::RemoveExamples);
    }

    pub fn merge(&self, other: Workspace) {
        self.dispatch(Action::Merge(Box::new(other)));
    }

    /// Downloads everything in this browser as one file (what is on screen, including
    /// changes that could not be saved) and remembers when; the error says why not.
    pub fn download_backup(&self) -> Result<(), String> {
        let name = format!("trellis-backup-{}.json", browser::today());
        browser::files::download(&name, &self.workspace.to_json(), "application/json")
            .map_err(|e| crate::messages::download_failed(&e))?;
        browser::storage::record_backup(browser::now().0);
        Ok(())
    }

    /// Deletes a collaboration, round or response after the user confirms; it can be
    /// undone from the notice that follows.
    /// Returns whether the user confirmed.
    pub fn delete(&self, kind: TombstoneKind, id: &str, label: &str) -> bool {
        let confirmed = browser::dom::confirm(&crate::messages::confirm_delete(label));
        if confirmed {
            self.dispatch(Action::Delete {
                kind,
                id: id.to_string(),
                label: label.to_string(),
                now: browser::now(),
            });
        }
        confirmed
    }

    pub fn submit(&self, response_id: &str) {
        self.dispatch(Action::Submit {
            response_id: response_id.to_string(),
            now: browser::now(),
        });
        if let Some(r) = self.workspace.response(response_id) {
            self.tell_host("response-sent", &r.round_id.clone(), Some(response_id));
        }
    }
}

/// The app state and its verbs, from the provider at the root of the app.
#[hook]
pub fn use_app_state() -> AppHandle {
    match use_context::<AppHandle>() {
        Some(handle) => handle,
        // Pages are only ever rendered inside App, which provides the context.
        None => panic!("use_app_state called outside App"),
    }
}
