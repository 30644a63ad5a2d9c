//! App state: the workspace, the instrument catalogue and storage status, behind a
//! reducer whose every rule is delegated to trellis-core.
//!
//! Pages use [`use_app_state`], whose verbs read the clock and make random ids (through
//! `browser`), validate input with core, and dispatch. The reducer itself does no I/O.

use std::rc::Rc;

pub use trellis_core::command::PlanChange;
use trellis_core::command::{Command, CommandError, Outcome};
use trellis_core::config::Config;
use trellis_core::format::{
    Answer, ContextAnswer, HostEvent, RoleCategory, Round, RoundStatus, Tie, Timestamp, TombstoneKind,
    Workspace,
};
use trellis_core::workspace::{InputError, NewCollaboration, NewRound};
use trellis_core::{Catalogue, Instrument};
use yew::prelude::*;

use crate::browser;
use crate::browser::storage::StorageProblem;

/// A way of carrying out workspace commands (see [`AppState::apply`]).
pub type Apply = fn(&mut Workspace, &Catalogue, Command) -> Result<Outcome, CommandError>;

/// Everything the app knows.
#[derive(Debug, Clone)]
pub struct AppState {
    /// How commands are carried out: [`Workspace::apply`] in the app, or
    /// [`Workspace::apply_answering`] in the respondent's entry, whose bundle then carries
    /// none of the facilitator's workspace operations (see `app::Entry`).
    pub apply: Apply,
    pub workspace: Rc<Workspace>,
    pub catalogue: Rc<Catalogue>,
    /// Bumped every time the workspace is replaced, which is on every change to it; the
    /// root effect saves when it moves.
    pub revision: u64,
    /// Whether the workspace may be written to storage at all.
    pub writable: bool,
    pub storage_problem: Option<StorageProblem>,
    /// UTF-16 code units this site's storage held after the last load or save (what the
    /// browser's quota counts; see `trellis_core::quota`).
    pub stored_units: usize,
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

/// The context provider compares states on every render of the root (after every save,
/// for one) to decide whether pages must render again. The workspace, the catalogue and
/// the undo record are never changed in place: a change puts a new one behind a new `Rc`
/// (see `run`). So the same address means the same contents, and comparing addresses
/// never calls two different states equal; comparing contents instead would walk every
/// response in the workspace each time. The rest is small and compared by value.
impl PartialEq for AppState {
    // `apply` is left out: each bundle sets it once, from its entry, and never changes it.
    fn eq(&self, other: &Self) -> bool {
        let same_undo = match (&self.undo, &other.undo) {
            (Some((a, x)), Some((b, y))) => a == b && Rc::ptr_eq(x, y),
            (a, b) => a.is_none() && b.is_none(),
        };
        Rc::ptr_eq(&self.workspace, &other.workspace)
            && Rc::ptr_eq(&self.catalogue, &other.catalogue)
            && same_undo
            && self.revision == other.revision
            && self.writable == other.writable
            && self.storage_problem == other.storage_problem
            && self.stored_units == other.stored_units
            && self.notice == other.notice
            && self.kiosk == other.kiosk
            && self.config == other.config
            && self.config_problems == other.config_problems
    }
}

impl AppState {
    pub fn new(
        apply: Apply,
        catalogue: Catalogue,
        workspace: Workspace,
        writable: bool,
        problem: Option<StorageProblem>,
        kiosk: Option<String>,
        migrated: bool,
    ) -> Self {
        AppState {
            apply,
            workspace: Rc::new(workspace),
            catalogue: Rc::new(catalogue),
            // Data migrated from an earlier storage version counts as a change, so the
            // root effect saves it in today's form straight away.
            revision: u64::from(migrated),
            writable,
            storage_problem: problem,
            stored_units: 0,
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
pub enum Action {
    /// A change to the workspace, carried out by core.
    Command(Command),
    /// Deletes a record through core, keeping it to undo; `label` names it for the undo
    /// notice.
    Delete {
        kind: TombstoneKind,
        id: String,
        label: String,
        now: Timestamp,
    },
    /// Puts back the last deletion.
    Undo,
    ForgetUndo,
    DismissNotice,
    Kiosk(Option<String>),
    /// A save's result: on success, the code units storage then holds.
    Saved(Result<usize, StorageProblem>),
    /// Storage holds data this page must not write over (see `storage::written_elsewhere`).
    ReadOnly(StorageProblem),
    /// The host's settings, read from config.json, and what was wrong with them.
    Config(Rc<Config>, Vec<String>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Command(command) => {
                next.run(command);
            }
            Action::Delete { kind, id, label, now } => {
                if let Some(Outcome::Deleted(deleted)) = next.run(Command::Delete { kind, id, now }) {
                    next.undo = Some((label, Rc::from(deleted)));
                }
            }
            Action::Undo => {
                if let Some((_, deleted)) = next.undo.take() {
                    next.run(Command::UndoDelete(Box::new((*deleted).clone())));
                }
            }
            Action::ForgetUndo => next.undo = None,
            Action::DismissNotice => next.notice = None,
            Action::Kiosk(round) => next.kiosk = round,
            Action::Saved(result) => {
                if let Ok(units) = result {
                    next.stored_units = units;
                }
                next.storage_problem = match (result, &self.storage_problem) {
                    (Err(problem), _) => Some(problem),
                    // A successful write clears an earlier write failure, nothing else.
                    (Ok(_), Some(StorageProblem::WriteFailed)) => None,
                    (Ok(_), other) => other.clone(),
                };
            }
            Action::ReadOnly(problem) => {
                next.storage_problem = Some(problem);
                next.writable = false;
            }
            Action::Config(config, problems) => {
                next.config = config;
                next.config_problems = problems;
            }
        }
        Rc::new(next)
    }
}

impl AppState {
    /// Applies a command to a copy of the workspace, which replaces the workspace only if
    /// the command changed it. Only commands copy the workspace: with thousands of
    /// responses the copy is the slowest part of a change. A refusal is kept, in words,
    /// as the notice; `None` then.
    fn run(&mut self, command: Command) -> Option<Outcome> {
        let mut ws = (*self.workspace).clone();
        match (self.apply)(&mut ws, &self.catalogue, command) {
            // Nothing to save (for example another tab echoing this one): no save, no loop.
            Ok(Outcome::Unchanged) => Some(Outcome::Unchanged),
            Ok(outcome) => {
                self.workspace = Rc::new(ws);
                self.revision += 1;
                self.notice = None;
                Some(outcome)
            }
            Err(e) => {
                self.notice = Some(crate::messages::command_error(&e));
                None
            }
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

    /// Dispatches a change to the workspace, for core to apply.
    fn command(&self, command: Command) {
        self.dispatch(Action::Command(command));
    }

    /// Creates a collaboration with its first round; returns the new collaboration's id.
    /// The input is checked here too, so the form can say at once what is wrong.
    pub fn create_collaboration(
        &self,
        input: &NewCollaboration,
        round: NewRound,
    ) -> Result<String, InputError> {
        let instrument = self.current_instrument().ok_or(InputError::UnknownRound)?;
        let (id, now) = (browser::random_id(), browser::now());
        input.validate(id.clone(), now)?;
        round.check(instrument)?;
        self.command(Command::AddCollaboration {
            collaboration: input.clone(),
            id: id.clone(),
            round,
            round_id: browser::random_id(),
            now,
        });
        Ok(id)
    }

    pub fn add_round(&self, collaboration_id: &str, round: NewRound) -> Result<(), InputError> {
        let instrument = self.current_instrument().ok_or(InputError::UnknownRound)?;
        round.check(instrument)?;
        self.command(Command::AddRound {
            collaboration: collaboration_id.to_string(),
            round,
            id: browser::random_id(),
            now: browser::now(),
        });
        Ok(())
    }

    pub fn start_response(&self, round_id: &str, organisation: &str, role: RoleCategory) {
        self.command(Command::StartResponse {
            round: round_id.to_string(),
            organisation: organisation.to_string(),
            role,
            id: browser::random_id(),
            now: browser::now(),
        });
    }

    pub fn answer(&self, response_id: &str, statement: &str, answer: Option<Answer>) {
        self.command(Command::Answer {
            response: response_id.to_string(),
            statement: statement.to_string(),
            answer,
            now: browser::now(),
        });
    }

    pub fn choose_level(&self, response_id: &str, domain: &str, level: Option<u8>) {
        self.command(Command::ChooseLevel {
            response: response_id.to_string(),
            domain: domain.to_string(),
            level,
            now: browser::now(),
        });
    }

    pub fn comment(&self, response_id: &str, statement: &str, text: String) {
        self.command(Command::Comment {
            response: response_id.to_string(),
            statement: statement.to_string(),
            text,
            now: browser::now(),
        });
    }

    pub fn set_context(&self, collaboration_id: &str, question: &str, answer: Option<ContextAnswer>) {
        self.command(Command::SetContext {
            collaboration: collaboration_id.to_string(),
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
        self.command(Command::SetConsensus {
            round: round_id.to_string(),
            domain: domain.to_string(),
            level,
            rationale,
            evidence,
            now: browser::now(),
        });
    }

    pub fn set_target(&self, round_id: &str, domain: &str, level: Option<u8>) {
        self.command(Command::SetTarget {
            round: round_id.to_string(),
            domain: domain.to_string(),
            level,
        });
    }

    /// Rates how the respondent's organisation and another partner work together: both
    /// sides of the tie as they now stand (`None` for "don't know").
    pub fn set_tie(&self, response_id: &str, partner: &str, tie: Tie) {
        self.command(Command::SetTie {
            response: response_id.to_string(),
            partner: partner.to_string(),
            tie,
            now: browser::now(),
        });
    }

    /// Turns a round's partner map on or off (ratings already given are kept).
    pub fn set_partner_map(&self, round_id: &str, on: bool) {
        self.command(Command::SetPartnerMap {
            round: round_id.to_string(),
            on,
        });
    }

    pub fn set_status(&self, round_id: &str, status: RoundStatus) {
        self.command(Command::SetStatus {
            round: round_id.to_string(),
            status,
        });
        if status == RoundStatus::Closed {
            self.tell_host(HostEvent::round_closed(&self.workspace, round_id));
        }
    }

    /// Tells the embedding intranet page (config `host_origin`) that something happened
    /// (see `HostEvent`). Nothing is posted without a configured host origin, or when the
    /// app is not embedded.
    fn tell_host(&self, event: Option<HostEvent>) {
        if let (Some(origin), Some(event)) = (self.config.host_origin.as_deref(), event) {
            browser::host::post_to_host(origin, &event);
        }
    }

    pub fn replace_workspace(&self, workspace: Workspace) {
        self.command(Command::ReplaceWorkspace(Box::new(workspace)));
    }

    /// Copies an invited round to this device (once; opening the link again is harmless).
    pub fn accept_invitation(&self, invitation: trellis_core::format::transfer::InvitationFile) {
        self.command(Command::AcceptInvitation {
            invitation,
            now: browser::now(),
        });
    }

    pub fn set_contact(&self, collaboration_id: &str, contact: &str) {
        self.command(Command::SetContact {
            collaboration: collaboration_id.to_string(),
            contact: contact.to_string(),
        });
    }

    /// Starts (with a round id) or ends (with `None`) a workshop session on this device.
    pub fn kiosk(&self, round: Option<&str>) {
        self.dispatch(Action::Kiosk(round.map(str::to_string)));
    }

    /// Changes a round's action plan.
    pub fn plan(&self, round_id: &str, change: PlanChange) {
        self.command(Command::Plan {
            round: round_id.to_string(),
            change,
            now: browser::now(),
        });
    }

    /// Adds the fictional example collaboration, dated today. It is generated here and
    /// merged like a file.
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
        self.command(Command::RemoveExamples);
    }

    pub fn merge(&self, other: Workspace) {
        self.command(Command::Merge(Box::new(other)));
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

    /// Moves finished rounds out of this browser: downloads them as one round file and,
    /// only once the download has started, removes them (no tombstone, so opening the
    /// file brings them back). Returns the file's name and contents (kept by the page to
    /// put the rounds back at once if the download did not arrive); on an error nothing
    /// was removed. The caller has asked the user to confirm.
    pub fn move_to_file(&self, rounds: &[String]) -> Result<(String, Workspace), String> {
        let file = self
            .workspace
            .extract_rounds(rounds)
            .ok_or_else(|| crate::messages::MOVE_ROUNDS_GONE.to_string())?;
        let name = format!("trellis-rounds-{}.json", browser::today());
        browser::files::download(&name, &file.to_json(), "application/json")
            .map_err(|e| crate::messages::move_download_failed(&e))?;
        self.command(Command::MoveOut(rounds.to_vec()));
        Ok((name, file))
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
        self.command(Command::Submit {
            response: response_id.to_string(),
            now: browser::now(),
        });
        let share = self.config.share_answers;
        self.tell_host(HostEvent::response_sent(&self.workspace, response_id, share));
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
