//! Co-facilitators through a shared file: a collaboration linked to a workspace file in a
//! shared (for example OneDrive-synchronised) folder. Syncing reads the file, settles the
//! real conflicts as the facilitator chooses (core's `sync`), merges the rest record by
//! record, says what came in, and writes the union back. It runs on "Sync now", when the
//! page regains focus, and shortly after each change, while a page showing it is open;
//! one sync runs at a time, and a sync asked for meanwhile runs after it. Where the
//! browser cannot keep a file handle, the facilitator saves and opens the file by hand,
//! and the merge and the conflicts are the same.

use std::cell::RefCell;
use std::rc::Rc;

use trellis_core::format::Workspace;
use trellis_core::sync::{conflicts, settle, sync_base, with_lineage, Conflict, Side};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser;
use crate::browser::folder::Status;
use crate::components::names::{domain_title, level_text};
use crate::messages as msg;
use crate::state::{use_app_state, AppHandle};

/// Where a collaboration's shared file is kept (`static/folder.js`).
fn file_key(id: &str) -> String {
    format!("shared:{id}")
}

/// Where the copy last synchronised (the base of the three-way check) is kept.
fn base_key(id: &str) -> String {
    format!("trellis.sync.{id}")
}

/// The collaboration as the shared file holds it: its rounds and responses, and every
/// deletion, so a round or response deleted by one facilitator stays deleted for both.
fn shared_copy(ws: &Workspace, id: &str) -> Option<Workspace> {
    let mut file = ws.extract(id, None)?;
    file.deleted = ws.deleted.clone();
    Some(file)
}

/// What the page shows after a sync.
#[derive(Clone, PartialEq, Default)]
struct Outcome {
    note: Option<String>,
    conflicts: Rc<Vec<Conflict>>,
    /// The file's text the conflicts were found in (by-hand sharing keeps it to apply).
    text: Rc<String>,
    /// Whether anything came in (an automatic sync that took nothing in leaves the note
    /// of the last one that did).
    news: bool,
}

impl Outcome {
    fn note(note: String) -> Self {
        Outcome {
            note: Some(note),
            news: true,
            ..Outcome::default()
        }
    }
}

/// A sync's result before it is written back.
struct TakenIn {
    outcome: Outcome,
    /// The collaboration as the file should now hold it (none when conflicts wait).
    copy: Option<Workspace>,
    /// Whether the file lacks something this copy holds, so must be written.
    behind: bool,
}

/// Reads `text` (the shared file; empty for a new file) into this browser's copy of
/// collaboration `id`: conflicts without `choices` stop here; otherwise the file's copy,
/// with the chosen side of each conflict, is merged into the workspace. The merge is a
/// command, so it applies to the workspace as it is when it runs, and a change made
/// since `app` was read is kept.
fn take_in(app: &AppHandle, id: &str, name: &str, text: &str, choices: Option<&[Side]>) -> TakenIn {
    let fail = |note: String| TakenIn {
        outcome: Outcome::note(note),
        copy: None,
        behind: false,
    };
    let theirs = if text.trim().is_empty() {
        None
    } else {
        match Workspace::from_json(text) {
            Ok(ws) if ws.collaborations.iter().all(|c| c.id != id) => {
                return fail(msg::shared_other_collaboration(name))
            }
            Ok(ws) => Some(ws),
            Err(e) => return fail(msg::not_a_trellis_file(name, &msg::load_error(&e))),
        }
    };
    let base = browser::folder::load_text(&base_key(id)).and_then(|t| Workspace::from_json(&t).ok());
    let mut mine = (*app.workspace).clone();
    let mut report = None;
    if let Some(mut theirs) = theirs.clone() {
        let found = conflicts(base.as_ref(), &mine, &theirs, id);
        match choices {
            Some(chosen) if chosen.len() == found.len() => settle(&mut mine, &mut theirs, &found, chosen),
            _ if !found.is_empty() => {
                let outcome = Outcome {
                    conflicts: Rc::new(found),
                    text: Rc::new(text.to_string()),
                    news: true,
                    ..Outcome::default()
                };
                return TakenIn {
                    outcome,
                    copy: None,
                    behind: false,
                };
            }
            _ => {}
        }
        app.merge(theirs.clone());
        report = Some(mine.merge(theirs));
    }
    let Some(mut copy) = shared_copy(&mine, id) else {
        return fail(msg::COLLABORATION_MISSING.to_string());
    };
    with_lineage(&mut copy, theirs.as_ref(), id);
    // Written only when this copy holds something the file lacks, so two facilitators'
    // browsers do not rewrite the file back and forth over the order of its records.
    let behind = match theirs {
        None => true,
        Some(file) => {
            let mut updated = file.clone();
            updated.merge(copy.clone());
            updated != file
        }
    };
    let outcome = match report {
        Some(r) if r.changes_anything() => Outcome::note(msg::shared_came_in(name, &r)),
        _ => Outcome {
            note: Some(msg::SHARED_NOTHING_NEW.to_string()),
            ..Outcome::default()
        },
    };
    TakenIn {
        outcome,
        copy: Some(copy),
        behind,
    }
}

/// Remembers `copy` as the base of the next sync's three-way check.
fn keep_base(id: &str, copy: &Workspace) {
    browser::folder::save_text(&base_key(id), &sync_base(copy).to_json());
}

/// Takes in a file opened by hand (no file handle to write back to).
fn take_in_by_hand(app: &AppHandle, id: &str, name: &str, text: &str, choices: Option<&[Side]>) -> Outcome {
    let taken = take_in(app, id, name, text, choices);
    if let Some(copy) = &taken.copy {
        keep_base(id, copy);
    }
    taken.outcome
}

/// Syncs with the linked file: read, take in, write back. `ask` only after a click (the
/// browser may ask for permission then). `app` reads the workspace as it is now. Before
/// writing, the file is read again: if a co-facilitator wrote it meanwhile, the sync
/// starts over from their version rather than writing over it.
async fn sync_linked(app: &AppHandle, id: &str, ask: bool, choices: Option<&[Side]>) -> Outcome {
    let key = file_key(id);
    let name = browser::folder::linked(&key).await.unwrap_or_default();
    let mut tries = 0;
    loop {
        tries += 1;
        let text = match browser::folder::read_file(&key, ask).await {
            Ok(text) => text,
            Err(status) => return failed(&status),
        };
        let taken = take_in(app, id, &name, &text, choices);
        let Some(copy) = taken.copy else {
            return taken.outcome;
        };
        if taken.behind {
            match browser::folder::read_file(&key, false).await {
                Ok(again) if again != text && tries < 3 => continue,
                Ok(_) => {}
                Err(status) => return failed(&status),
            }
            if let Err(status) = browser::folder::write_file(&key, &copy.to_json(), ask).await {
                return failed(&status);
            }
        }
        keep_base(id, &copy);
        return taken.outcome;
    }
}

fn failed(status: &Status) -> Outcome {
    Outcome::note(msg::folder_status(status))
}

/// What a sync was asked for: an automatic one, or "Sync now" (with the facilitator's
/// choices for the conflicts shown, when they applied them).
#[derive(Clone, PartialEq)]
enum Ask {
    Auto,
    Now(Option<Vec<Side>>),
}

impl Ask {
    /// The request that stands when `later` is asked for while `self` waits: a click
    /// outranks an automatic sync, and choices outrank a plain click.
    fn or(self, later: Ask) -> Ask {
        match (&self, &later) {
            (Ask::Now(Some(_)), Ask::Now(None) | Ask::Auto) | (Ask::Now(None), Ask::Auto) => self,
            _ => later,
        }
    }
}

/// One shared-file section's syncing: one sync at a time, a request made meanwhile kept
/// to run after it, and nothing done once the section has left the page (a page opened
/// next syncs on its own, with the workspace as it is then).
struct Syncer {
    alive: bool,
    running: bool,
    again: Option<Ask>,
    /// Debounces automatic syncs: only the latest one asked for runs.
    ticket: u32,
    /// Conflicts are waiting for the facilitator's choice: no automatic sync then.
    held: bool,
    /// Syncs finished (`data-syncs`, so a test can tell a sync it asked for has run).
    finished: u32,
}

/// The handles a sync reports through.
#[derive(Clone)]
struct Report {
    /// Reads the app's state as it is when read (not as it was rendered).
    app: AppHandle,
    syncer: Rc<RefCell<Syncer>>,
    outcome: UseStateHandle<Outcome>,
    choices: UseStateHandle<Vec<Option<Side>>>,
    /// Syncs finished, and whether one is running (`data-syncs`, `data-busy`).
    count: UseStateHandle<(u32, bool)>,
    id: String,
}

impl Report {
    /// Asks for a sync; it runs now, or after the one running.
    fn request(&self, ask: Ask) {
        {
            let mut s = self.syncer.borrow_mut();
            if !s.alive || (ask == Ask::Auto && s.held) {
                return;
            }
            if ask != Ask::Auto {
                // A waiting automatic sync is not needed after this one.
                s.ticket += 1;
            }
            if s.running {
                s.again = Some(match s.again.take() {
                    Some(waiting) => waiting.or(ask),
                    None => ask,
                });
                return;
            }
            s.running = true;
        }
        let me = self.clone();
        self.count.set((self.syncer.borrow().finished, true));
        wasm_bindgen_futures::spawn_local(async move {
            let mut ask = ask;
            loop {
                let (now, chosen) = match &ask {
                    Ask::Auto => (false, None),
                    Ask::Now(chosen) => (true, chosen.clone()),
                };
                let done = sync_linked(&me.app, &me.id, now, chosen.as_deref()).await;
                let (next, finished) = {
                    let mut s = me.syncer.borrow_mut();
                    if !s.alive {
                        return;
                    }
                    s.held = !done.conflicts.is_empty();
                    s.finished += 1;
                    let next = s.again.take();
                    s.running = next.is_some();
                    (next, s.finished)
                };
                if now || done.news {
                    me.choices.set(vec![None; done.conflicts.len()]);
                    me.outcome.set(done);
                }
                me.count.set((finished, next.is_some()));
                match next {
                    Some(n) => ask = n,
                    None => return,
                }
            }
        });
    }

    /// Asks for an automatic sync after a short pause, unless another is asked for first.
    fn soon(&self) {
        let ticket = {
            let mut s = self.syncer.borrow_mut();
            s.ticket += 1;
            s.ticket
        };
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            browser::folder::pause(1500).await;
            if me.syncer.borrow().ticket == ticket {
                me.request(Ask::Auto);
            }
        });
    }
}

#[derive(Properties, PartialEq)]
pub struct SharedFileProps {
    /// The collaboration's id.
    pub id: AttrValue,
    /// Shown only while the collaboration is linked to a shared file (the plan and the
    /// agreed view, where co-facilitators edit; linking is done on the collaboration page).
    #[prop_or_default]
    pub only_linked: bool,
}

/// The shared-file section of a collaboration (and of the pages where co-facilitators
/// edit: the plan and the agreed view).
#[component]
pub fn SharedFile(props: &SharedFileProps) -> Html {
    let app = use_app_state();
    let linked = use_state(|| None::<String>);
    let outcome = use_state(Outcome::default);
    let choices = use_state(Vec::<Option<Side>>::new);
    let count = use_state(|| (0u32, false));
    let syncer = use_mut_ref(|| Syncer {
        alive: true,
        running: false,
        again: None,
        ticket: 0,
        held: false,
        finished: 0,
    });
    let handles = browser::folder::can_link_file();
    let id = props.id.to_string();
    let report = Report {
        app: app.clone(),
        syncer: syncer.clone(),
        outcome: outcome.clone(),
        choices: choices.clone(),
        count: count.clone(),
        id: id.clone(),
    };
    {
        let syncer = syncer.clone();
        use_effect_with((), move |_| move || syncer.borrow_mut().alive = false);
    }
    {
        let (linked, key) = (linked.clone(), file_key(&id));
        use_effect_with(id.clone(), move |_| {
            if handles {
                wasm_bindgen_futures::spawn_local(
                    async move { linked.set(browser::folder::linked(&key).await) },
                );
            }
        });
    }
    // An automatic sync, shortly after each change and when the page regains focus.
    {
        let report = report.clone();
        use_effect_with((app.revision, linked.is_some()), move |(_, linked)| {
            if *linked {
                report.soon();
            }
        });
    }
    {
        let report = report.clone();
        use_effect_with(linked.is_some(), move |on| {
            let on = *on;
            let listener = browser::dom::on_window("focus", move || {
                if on {
                    report.soon();
                }
            });
            move || drop(listener)
        });
    }
    let sync_now = {
        let report = report.clone();
        Callback::from(move |chosen: Option<Vec<Side>>| report.request(Ask::Now(chosen)))
    };
    let on_link = {
        let (id, linked, outcome, sync_now) = (id.clone(), linked.clone(), outcome.clone(), sync_now.clone());
        let suggested = app
            .workspace
            .collaboration(&id)
            .map_or_else(String::new, |c| msg::shared_file_name(&c.name));
        Callback::from(move |create: bool| {
            let (key, linked, outcome, sync_now, suggested) = (
                file_key(&id),
                linked.clone(),
                outcome.clone(),
                sync_now.clone(),
                suggested.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match browser::folder::link_file(&key, create, &suggested).await {
                    Ok((name, kept)) => {
                        linked.set(Some(name.clone()));
                        let mut note = msg::shared_linked(&name);
                        if !kept {
                            note = format!("{note} {}", msg::FOLDER_NOT_KEPT);
                        }
                        outcome.set(Outcome {
                            note: Some(note),
                            ..Outcome::default()
                        });
                        sync_now.emit(None);
                    }
                    Err(status) => outcome.set(failed(&status)),
                }
            });
        })
    };
    let on_unlink = {
        let (key, linked, outcome, id) = (file_key(&id), linked.clone(), outcome.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let (key, linked, outcome) = (key.clone(), linked.clone(), outcome.clone());
            browser::folder::save_text(&base_key(&id), "");
            wasm_bindgen_futures::spawn_local(async move {
                browser::folder::forget(&key).await;
                linked.set(None);
                outcome.set(Outcome::default());
            });
        })
    };
    // By hand: save this collaboration's file, or open the co-facilitator's.
    let on_save = {
        let (app, id, outcome) = (app.clone(), id.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(mut copy) = shared_copy(&app.workspace, &id) else {
                return;
            };
            // The file as this browser last saved or opened it stands for the shared
            // file, which a browser without file handles cannot read before saving.
            let base = browser::folder::load_text(&base_key(&id)).and_then(|t| Workspace::from_json(&t).ok());
            with_lineage(&mut copy, base.as_ref(), &id);
            let name = app
                .workspace
                .collaboration(&id)
                .map_or_else(String::new, |c| msg::shared_file_name(&c.name));
            let note = match browser::files::download(&name, &copy.to_json(), "application/json") {
                Ok(()) => {
                    keep_base(&id, &copy);
                    None
                }
                Err(e) => Some(msg::download_failed(&e)),
            };
            outcome.set(Outcome {
                note,
                ..Outcome::default()
            });
        })
    };
    let on_open = {
        let (app, id, outcome, choices) = (app.clone(), id.clone(), outcome.clone(), choices.clone());
        Callback::from(move |e: Event| {
            let Some(files) = browser::files::input_files(&e) else {
                return;
            };
            browser::files::FileInput::of(&e).clear();
            let (app, id, outcome, choices) = (app.clone(), id.clone(), outcome.clone(), choices.clone());
            wasm_bindgen_futures::spawn_local(async move {
                for (name, text) in browser::files::read_all(files).await {
                    let done = match text {
                        Ok(text) => take_in_by_hand(&app, &id, &name, &text, None),
                        Err(e) => Outcome {
                            note: Some(msg::not_a_trellis_file(&name, &e)),
                            ..Outcome::default()
                        },
                    };
                    choices.set(vec![None; done.conflicts.len()]);
                    outcome.set(done);
                }
            });
        })
    };
    let on_apply = {
        let (app, id, outcome, choices, sync_now) = (
            app.clone(),
            id.clone(),
            outcome.clone(),
            choices.clone(),
            sync_now.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(chosen) = choices.iter().copied().collect::<Option<Vec<Side>>>() else {
                return;
            };
            if handles {
                sync_now.emit(Some(chosen));
            } else {
                let text = outcome.text.clone();
                outcome.set(take_in_by_hand(&app, &id, "", &text, Some(&chosen)));
            }
        })
    };
    let Some(instrument) = app.current_instrument().cloned() else {
        return Html::default();
    };
    let conflict_list = outcome.conflicts.iter().enumerate().map(|(k, c)| {
        let choose = |side: Side| {
            let choices = choices.clone();
            Callback::from(move |_: Event| {
                let mut next = (*choices).clone();
                if let Some(slot) = next.get_mut(k) {
                    *slot = Some(side);
                }
                choices.set(next);
            })
        };
        let (record, mine, theirs) = conflict_words(&instrument, c);
        let picked = choices.get(k).copied().flatten();
        let name = format!("shared-conflict-{k}");
        html! {
            <fieldset data-testid="shared-conflict">
                <legend>{ msg::shared_chose(&record) }</legend>
                <div class="choice-block">
                    <input type="radio" id={format!("{name}-mine")} name={name.clone()} checked={picked == Some(Side::Mine)} onchange={choose(Side::Mine)} />
                    <label for={format!("{name}-mine")}>{ format!("{}: {mine}", msg::SHARED_KEEP_MINE) }</label>
                </div>
                <div class="choice-block">
                    <input type="radio" id={format!("{name}-theirs")} name={name.clone()} checked={picked == Some(Side::Theirs)} onchange={choose(Side::Theirs)} />
                    <label for={format!("{name}-theirs")}>{ format!("{}: {theirs}", msg::SHARED_KEEP_THEIRS) }</label>
                </div>
            </fieldset>
        }
    });
    if props.only_linked && linked.is_none() {
        return Html::default();
    }
    let all_chosen = choices.iter().all(Option::is_some);
    let link = on_link.clone();
    html! {
        <section aria-labelledby="shared-heading" data-testid="shared" data-syncs={count.0.to_string()} data-busy={count.1.to_string()}>
            <h2 id="shared-heading">{ msg::SHARED_TITLE }</h2>
            <p class="hint">{ msg::SHARED_LEAD }</p>
            if !handles {
                <p>{ msg::SHARED_MANUAL }</p>
                <div class="button-row">
                    <button type="button" class="button button-secondary" onclick={on_save}>{ msg::SHARED_SAVE }</button>
                </div>
                <div class="field">
                    <label for="shared-open">{ msg::SHARED_OPEN }</label>
                    <input id="shared-open" type="file" accept=".json" onchange={on_open} />
                </div>
            } else if let Some(name) = &*linked {
                <p data-testid="shared-linked">{ msg::shared_linked(name) }</p>
                <div class="button-row">
                    <button type="button" class="button" onclick={sync_now.reform(|_: MouseEvent| None)}>{ msg::SHARED_SYNC }</button>
                    <button type="button" class="link-button" onclick={on_unlink}>{ msg::SHARED_UNLINK }</button>
                </div>
            } else {
                <div class="button-row">
                    <button type="button" class="button button-secondary" onclick={link.reform(|_: MouseEvent| true)}>{ msg::SHARED_NEW }</button>
                    <button type="button" class="button button-secondary" onclick={on_link.reform(|_: MouseEvent| false)}>{ msg::SHARED_EXISTING }</button>
                </div>
            }
            if let Some(note) = &outcome.note { <p role="status" data-testid="shared-note">{ note.clone() }</p> }
            if !outcome.conflicts.is_empty() {
                <div class="notice notice-warning" data-testid="shared-conflicts">
                    <h3>{ msg::SHARED_CONFLICTS }</h3>
                    <p>{ msg::SHARED_CONFLICTS_HELP }</p>
                    { for conflict_list }
                    <button type="button" class="button" disabled={!all_chosen} onclick={on_apply}>{ msg::SHARED_APPLY }</button>
                </div>
            }
        </section>
    }
}

/// A conflicting record in words: what it is, then each side's version.
fn conflict_words(instrument: &Instrument, c: &Conflict) -> (String, String, String) {
    match c {
        Conflict::Plan { mine, theirs, .. } => {
            let words = |i: &trellis_core::format::PlanItem| {
                let mut parts = vec![
                    format!("\u{201c}{}\u{201d}", i.title),
                    msg::status_name(i.status).to_string(),
                ];
                parts.extend(
                    [i.owner.clone(), i.due.clone()]
                        .into_iter()
                        .filter(|p| !p.is_empty()),
                );
                parts.join(", ")
            };
            (msg::shared_conflict_plan(&mine.title), words(mine), words(theirs))
        }
        Conflict::Consensus {
            domain, mine, theirs, ..
        } => {
            let words = |a: &trellis_core::format::Consensus| {
                let level = a
                    .level
                    .map_or_else(|| msg::NO_LEVEL_AGREED.to_string(), |l| level_text(instrument, l));
                if a.rationale.is_empty() {
                    level
                } else {
                    format!("{level} (\u{201c}{}\u{201d})", a.rationale)
                }
            };
            (
                msg::shared_conflict_level(&domain_title(instrument, domain)),
                words(mine),
                words(theirs),
            )
        }
    }
}

/// Opening a collaboration a co-facilitator shares: pick their file, take the
/// collaboration in, and keep it linked to that file (browsers that keep file handles; in
/// others the data page opens the file by hand).
#[component]
pub fn OpenShared() -> Html {
    let app = use_app_state();
    let note = use_state(|| None::<String>);
    if !browser::folder::can_link_file() {
        return Html::default();
    }
    let onclick = {
        let (app, note) = (app.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            let (app, note) = (app.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let picked = "shared:picked";
                let read = match browser::folder::link_file(picked, false, "").await {
                    Ok((name, _)) => browser::folder::read_file(picked, true).await.map(|t| (name, t)),
                    Err(status) => Err(status),
                };
                let (name, text) = match read {
                    Ok(found) => found,
                    Err(status) => return note.set(Some(msg::folder_status(&status))),
                };
                let id = match Workspace::from_json(&text) {
                    Ok(ws) => match ws.collaborations.first() {
                        Some(c) => c.id.clone(),
                        None => return note.set(Some(msg::shared_other_collaboration(&name))),
                    },
                    Err(e) => return note.set(Some(msg::not_a_trellis_file(&name, &msg::load_error(&e)))),
                };
                browser::folder::relink(picked, &file_key(&id)).await;
                let taken = take_in(&app, &id, &name, &text, None);
                if let Some(copy) = taken.copy {
                    let written = !taken.behind
                        || browser::folder::write_file(&file_key(&id), &copy.to_json(), true)
                            .await
                            .is_ok();
                    if written {
                        keep_base(&id, &copy);
                    }
                }
                crate::route::navigate(&crate::route::Route::Collaboration { id });
            });
        })
    };
    html! {
        <section aria-labelledby="open-shared-heading">
            <h2 id="open-shared-heading">{ msg::SHARED_TITLE }</h2>
            <p class="hint">{ msg::SHARED_OPEN_HOME_HINT }</p>
            <button type="button" class="button button-secondary" {onclick}>{ msg::SHARED_OPEN_HOME }</button>
            if let Some(n) = &*note { <p role="status">{ n.clone() }</p> }
        </section>
    }
}
