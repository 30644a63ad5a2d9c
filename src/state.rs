//! App state: the workspace, the instrument catalogue and storage status, behind a
//! reducer whose every rule is delegated to trellis-core.
//!
//! Pages use [`use_app_state`], whose verbs read the clock and make random ids (through
//! `browser`), validate input with core, and dispatch. The reducer itself does no I/O.

use std::rc::Rc;

use trellis_core::config::Config;
use trellis_core::format::{
    ActionStatus, Answer, ContextAnswer, RoleCategory, Round, RoundStatus, Timestamp, TombstoneKind,
    Workspace,
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
        migrated: bool,
    ) -> Self {
        AppState {
            workspace: Rc::new(workspace),
            catalogue: Rc::new(catalogue),
            // Data migrated from an earlier storage version counts as a change, so the
            // root effect saves it in today's form straight away.
            revision: u64::from(migrated),
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

    /// The instrument of a round in `ws` (the copy being changed).
    fn round_instrument(&self, ws: &Workspace, round_id: &str) -> Result<Rc<Instrument>, InputError> {
        ws.round(round_id)
            .and_then(|(_, r)| self.instrument_for(r))
            .cloned()
            .ok_or(InputError::UnknownRound)
    }

    /// The instrument of the round a response in `ws` belongs to.
    fn response_instrument(&self, ws: &Workspace, response_id: &str) -> Result<Rc<Instrument>, InputError> {
        ws.response(response_id)
            .and_then(|r| ws.round(&r.round_id))
            .and_then(|(_, round)| self.instrument_for(round))
            .cloned()
            .ok_or(InputError::UnknownResponse)
    }

    /// The newest version of the default instrument, used for new rounds.
    pub fn current_instrument(&self) -> Option<&Rc<Instrument>> {
        self.catalogue.latest(trellis_core::catalogue::DEFAULT_INSTRUMENT)
    }
}

/// A change to the workspace made by a verb: it runs on a copy of the workspace, with
/// the state for context, and an error (in words for the user) leaves the workspace as it
/// was. Carried as a closure so that each page's bundle holds only the workspace
/// operations its own pages use, not every operation the app has.
pub struct Edit(Box<Change>);

/// What an [`Edit`] does.
type Change = dyn FnOnce(&AppState, &mut Workspace) -> Result<(), String>;

/// A change to the state. Ids and times are made by the caller.
pub enum Action {
    Edit(Edit),
    Kiosk(Option<String>),
    Saved(Result<(), StorageProblem>),
    /// Storage holds data this page must not write over (see `storage::written_elsewhere`).
    ReadOnly(StorageProblem),
    /// Storage holds data this page can read again: ends a wait for older data to be
    /// brought up to date, and nothing else.
    Readable,
    DismissNotice,
    /// Merges another copy (another tab, a file), already read and checked by core.
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
            Action::ReadOnly(problem) => {
                next.storage_problem = Some(problem);
                next.writable = false;
                return Rc::new(next);
            }
            Action::Readable => {
                if matches!(self.storage_problem, Some(StorageProblem::Older(_))) {
                    next.storage_problem = None;
                    next.writable = true;
                }
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
            Action::Edit(Edit(change)) => change(&self, &mut ws),
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
            // Handled before the workspace was copied.
            Action::Saved(_)
            | Action::DismissNotice
            | Action::Kiosk(_)
            | Action::Config(..)
            | Action::ReadOnly(_)
            | Action::Readable => Ok(()),
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

    /// Dispatches a change to the workspace (see [`Edit`]).
    fn edit<E: ToString>(&self, change: impl FnOnce(&AppState, &mut Workspace) -> Result<(), E> + 'static) {
        self.dispatch(Action::Edit(Edit(Box::new(move |state, ws| {
            change(state, ws).map_err(|e| e.to_string())
        }))));
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
        let round_id = browser::random_id();
        self.edit(move |state, ws| {
            let id = collaboration.id.clone();
            ws.add_collaboration(collaboration);
            let instrument = state.current_instrument().ok_or(InputError::UnknownRound)?;
            ws.add_round(&id, &round, instrument, round_id, now).map(|_| ())
        });
        Ok(id)
    }

    pub fn add_round(&self, collaboration_id: &str, round: NewRound) -> Result<(), InputError> {
        let instrument = self.current_instrument().ok_or(InputError::UnknownRound)?;
        round.check(instrument)?;
        let (collaboration_id, round_id, now) =
            (collaboration_id.to_string(), browser::random_id(), browser::now());
        self.edit(move |state, ws| {
            let instrument = state.current_instrument().ok_or(InputError::UnknownRound)?;
            ws.add_round(&collaboration_id, &round, instrument, round_id, now)
                .map(|_| ())
        });
        Ok(())
    }

    pub fn start_response(&self, round_id: &str, organisation: &str, role: RoleCategory) {
        let (round_id, organisation) = (round_id.to_string(), organisation.to_string());
        let (response_id, now) = (browser::random_id(), browser::now());
        self.edit(move |_, ws| {
            ws.start_response(&round_id, &organisation, role, response_id, now)
                .map(|_| ())
        });
    }

    pub fn answer(&self, response_id: &str, statement: &str, answer: Option<Answer>) {
        let (response_id, statement, now) = (response_id.to_string(), statement.to_string(), browser::now());
        self.edit(move |state, ws| {
            let i = state.response_instrument(ws, &response_id)?;
            ws.set_answer(&i, &response_id, &statement, answer, now)
        });
    }

    pub fn choose_level(&self, response_id: &str, domain: &str, level: Option<u8>) {
        let (response_id, domain, now) = (response_id.to_string(), domain.to_string(), browser::now());
        self.edit(move |state, ws| {
            let i = state.response_instrument(ws, &response_id)?;
            ws.set_level(&i, &response_id, &domain, level, now)
        });
    }

    pub fn comment(&self, response_id: &str, statement: &str, text: String) {
        let (response_id, statement, now) = (response_id.to_string(), statement.to_string(), browser::now());
        self.edit(move |state, ws| {
            let i = state.response_instrument(ws, &response_id)?;
            ws.set_comment(&i, &response_id, &statement, &text, now)
        });
    }

    pub fn set_context(&self, collaboration_id: &str, question: &str, answer: Option<ContextAnswer>) {
        let (collaboration_id, question) = (collaboration_id.to_string(), question.to_string());
        self.edit(move |state, ws| {
            let i = state
                .current_instrument()
                .ok_or(InputError::UnknownCollaboration)?;
            ws.set_context(i, &collaboration_id, &question, answer)
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
        let (round_id, domain, now) = (round_id.to_string(), domain.to_string(), browser::now());
        self.edit(move |state, ws| {
            let i = state.round_instrument(ws, &round_id)?;
            ws.set_consensus(&i, &round_id, &domain, level, &rationale, &evidence, now)
        });
    }

    pub fn set_target(&self, round_id: &str, domain: &str, level: Option<u8>) {
        let (round_id, domain) = (round_id.to_string(), domain.to_string());
        self.edit(move |state, ws| {
            let i = state.round_instrument(ws, &round_id)?;
            ws.set_target(&i, &round_id, &domain, level)
        });
    }

    pub fn set_status(&self, round_id: &str, status: RoundStatus) {
        let id = round_id.to_string();
        self.edit(move |_, ws| ws.set_status(&id, status));
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
        self.edit(move |_, ws| {
            *ws = workspace;
            Ok::<(), InputError>(())
        });
    }

    /// Copies an invited round to this device (once; opening the link again is harmless).
    pub fn accept_invitation(&self, invitation: trellis_core::format::transfer::InvitationFile) {
        let now = browser::now();
        self.edit(move |state, ws| {
            let i = state
                .catalogue
                .get(&invitation.instrument, &invitation.version)
                .ok_or(InputError::UnknownRound)?;
            ws.accept_invitation(&invitation, i, now)
        });
    }

    pub fn set_contact(&self, collaboration_id: &str, contact: &str) {
        let (collaboration_id, contact) = (collaboration_id.to_string(), contact.to_string());
        self.edit(move |_, ws| ws.set_contact(&collaboration_id, &contact));
    }

    /// Starts (with a round id) or ends (with `None`) a workshop session on this device.
    pub fn kiosk(&self, round: Option<&str>) {
        self.dispatch(Action::Kiosk(round.map(str::to_string)));
    }

    /// Changes a round's action plan. New items get a fresh random id.
    pub fn plan(&self, round_id: &str, change: PlanChange) {
        let (round_id, now) = (round_id.to_string(), browser::now());
        self.edit(move |state, ws| {
            let i = state.round_instrument(ws, &round_id).map_err(PlanError::Input)?;
            match change {
                PlanChange::Adopt { action, id } => ws.adopt_action(&i, &round_id, &action, id, now),
                PlanChange::Add { domain, fields, id } => {
                    ws.add_plan_item(&i, &round_id, &domain, &fields, id, now)
                }
                PlanChange::Update { item, fields } => ws.update_plan_item(&round_id, &item, &fields, now),
                PlanChange::Status { item, status } => ws.set_plan_status(&round_id, &item, status, now),
                PlanChange::Remove { item } => ws.remove_plan_item(&round_id, &item).map(|_| ()),
            }
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
        self.edit(|_, ws| {
            trellis_core::example::remove_examples(ws);
            Ok::<(), InputError>(())
        });
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
        let (id, now) = (response_id.to_string(), browser::now());
        self.edit(move |_, ws| ws.submit(&id, now));
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
