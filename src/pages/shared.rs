//! Co-facilitators through a shared file: a collaboration linked to a workspace file in a
//! shared (for example OneDrive-synchronised) folder. Syncing reads the file, settles the
//! real conflicts as the facilitator chooses (core's `sync`), merges the rest record by
//! record, says what came in, and writes the union back. It runs on "Sync now", when the
//! page regains focus, and shortly after each change, while a page showing it is open.
//! Where the browser cannot keep a file handle, the facilitator saves and opens the file
//! by hand, and the merge and the conflicts are the same.

use std::cell::Cell;
use std::rc::Rc;

use trellis_core::format::Workspace;
use trellis_core::sync::{conflicts, settle, sync_base, Conflict, Side};
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
}

/// Reads `text` (the shared file; empty for a new file) into this browser's copy of
/// collaboration `id`: conflicts without `choices` stop here; otherwise the merged copy
/// replaces the workspace. Returns the outcome and the text to write back, if it changed.
fn take_in(
    app: &AppHandle,
    id: &str,
    name: &str,
    text: &str,
    choices: Option<&[Side]>,
) -> (Outcome, Option<String>) {
    let fail = |note: String| {
        (
            Outcome {
                note: Some(note),
                ..Outcome::default()
            },
            None,
        )
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
                    note: None,
                    conflicts: Rc::new(found),
                    text: Rc::new(text.to_string()),
                };
                return (outcome, None);
            }
            _ => {}
        }
        report = Some(mine.merge(theirs));
    }
    if mine != *app.workspace {
        app.replace_workspace(mine.clone());
    }
    let Some(copy) = shared_copy(&mine, id) else {
        return fail(msg::COLLABORATION_MISSING.to_string());
    };
    browser::folder::save_text(&base_key(id), &sync_base(&copy).to_json());
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
    let note = match report {
        Some(r) if r.changes_anything() => msg::shared_came_in(name, &r),
        _ => msg::SHARED_NOTHING_NEW.to_string(),
    };
    let outcome = Outcome {
        note: Some(note),
        ..Outcome::default()
    };
    (outcome, behind.then(|| copy.to_json()))
}

/// Syncs with the linked file: read, take in, write back. `ask` only after a click (the
/// browser may ask for permission then).
async fn sync_linked(app: AppHandle, id: String, ask: bool, choices: Option<Vec<Side>>) -> Outcome {
    let key = file_key(&id);
    let (name, text) = match browser::folder::read_file(&key, ask).await {
        Ok(text) => (browser::folder::linked(&key).await.unwrap_or_default(), text),
        Err(status) => return failed(&status),
    };
    let (outcome, write) = take_in(&app, &id, &name, &text, choices.as_deref());
    if let Some(text) = write {
        if let Err(status) = browser::folder::write_file(&key, &text, ask).await {
            return failed(&status);
        }
    }
    outcome
}

fn failed(status: &Status) -> Outcome {
    Outcome {
        note: Some(msg::folder_status(status)),
        ..Outcome::default()
    }
}

#[derive(Properties, PartialEq)]
pub struct SharedFileProps {
    /// The collaboration's id.
    pub id: AttrValue,
}

/// The shared-file section of a collaboration (and of the pages where co-facilitators
/// edit: the plan and the agreed view).
#[component]
pub fn SharedFile(props: &SharedFileProps) -> Html {
    let app = use_app_state();
    let linked = use_state(|| None::<String>);
    let outcome = use_state(Outcome::default);
    let choices = use_state(Vec::<Option<Side>>::new);
    // Debounces syncs: each trigger takes a number, and only the latest one runs; a
    // "Sync now" takes a number too, so an automatic sync waiting or running when it is
    // pressed neither starts nor reports over it.
    let latest = use_mut_ref(|| Cell::new(0u32));
    // Whether conflicts are waiting for the facilitator's choice (read when a waiting
    // automatic sync wakes, so not from the render that scheduled it).
    let held = use_mut_ref(|| Cell::new(false));
    let handles = browser::folder::can_link_file();
    let id = props.id.to_string();
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
    // A sync started by the page itself (a change, or focus), after a short pause.
    let later = {
        let (app, id, outcome, latest, linked, held) = (
            app.clone(),
            id.clone(),
            outcome.clone(),
            latest.clone(),
            linked.clone(),
            held.clone(),
        );
        Rc::new(move || {
            if linked.is_none() || held.borrow().get() {
                return;
            }
            let ticket = latest.borrow().get() + 1;
            latest.borrow().set(ticket);
            let (app, id, outcome, latest, held) = (
                app.clone(),
                id.clone(),
                outcome.clone(),
                latest.clone(),
                held.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                browser::folder::pause(1500).await;
                if latest.borrow().get() != ticket || held.borrow().get() {
                    return;
                }
                let done = sync_linked(app, id, false, None).await;
                // A "Sync now" pressed meanwhile reports instead.
                if latest.borrow().get() == ticket {
                    held.borrow().set(!done.conflicts.is_empty());
                    outcome.set(done);
                }
            });
        })
    };
    {
        let later = later.clone();
        use_effect_with((app.revision, linked.is_some()), move |_| later());
    }
    {
        let later = later.clone();
        use_effect_with((), move |_| {
            let listener = browser::dom::on_window("focus", move || later());
            move || drop(listener)
        });
    }
    let sync_now = {
        let (app, id, outcome, choices, latest, held) = (
            app.clone(),
            id.clone(),
            outcome.clone(),
            choices.clone(),
            latest.clone(),
            held.clone(),
        );
        Callback::from(move |chosen: Option<Vec<Side>>| {
            let (app, id, outcome, choices, held) = (
                app.clone(),
                id.clone(),
                outcome.clone(),
                choices.clone(),
                held.clone(),
            );
            let ticket = latest.borrow().get() + 1;
            latest.borrow().set(ticket);
            wasm_bindgen_futures::spawn_local(async move {
                let done = sync_linked(app, id, true, chosen).await;
                held.borrow().set(!done.conflicts.is_empty());
                choices.set(vec![None; done.conflicts.len()]);
                outcome.set(done);
            });
        })
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
            let Some(copy) = shared_copy(&app.workspace, &id) else {
                return;
            };
            let name = app
                .workspace
                .collaboration(&id)
                .map_or_else(String::new, |c| msg::shared_file_name(&c.name));
            let note = match browser::files::download(&name, &copy.to_json(), "application/json") {
                Ok(()) => {
                    browser::folder::save_text(&base_key(&id), &sync_base(&copy).to_json());
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
                        Ok(text) => take_in(&app, &id, &name, &text, None).0,
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
                outcome.set(take_in(&app, &id, "", &text, Some(&chosen)).0);
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
    let all_chosen = choices.iter().all(Option::is_some);
    let link = on_link.clone();
    html! {
        <section aria-labelledby="shared-heading" data-testid="shared">
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
                let (_, write) = take_in(&app, &id, &name, &text, None);
                if let Some(text) = write {
                    let _ = browser::folder::write_file(&file_key(&id), &text, true).await;
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
