//! "Your data in this browser": back up and restore (open a Trellis file, merge or
//! replace), what uses the space, moving finished rounds to a file, clearing out old
//! rounds, and damaged data kept aside.

use trellis_core::format::{TombstoneKind, Workspace};
use trellis_core::merge::MergeReport;
use yew::prelude::*;

use crate::browser::files::{input_files, read_all, FileInput};
use crate::browser::storage;
use crate::components::markup::table;
use crate::messages as msg;
use crate::route::{Link, Route};
use crate::state::use_app_state;

/// Largest Trellis file accepted (a round of several thousand responses fits easily).
const MAX_FILE: usize = 20 * 1024 * 1024;

#[component]
pub fn DataPage() -> Html {
    let app = use_app_state();
    // A file read and checked, waiting for the user to confirm: (name, contents, preview).
    let pending = use_state(|| None::<(String, Workspace, MergeReport)>);
    let file_error = use_state(|| None::<String>);
    let space = {
        let ws = app.workspace.clone();
        use_memo(app.revision, move |_| (ws.space_used(), ws.round_space()))
    };
    let (by_collaboration, by_round) = &*space;
    let damaged = use_state(storage::damaged_copies);
    let damaged_error = use_state(|| None::<String>);
    let on_replace = {
        let (app, pending) = (app.clone(), pending.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((_, file, _)) = (*pending).clone() {
                if crate::browser::dom::confirm(msg::CONFIRM_REPLACE) {
                    app.replace_workspace(file);
                    pending.set(None);
                }
            }
        })
    };
    let on_file = {
        let (app, pending, file_error) = (app.clone(), pending.clone(), file_error.clone());
        Callback::from(move |e: Event| {
            let Some(files) = input_files(&e) else { return };
            let input = FileInput::of(&e);
            let (app, pending, file_error) = (app.clone(), pending.clone(), file_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_all(files).await;
                input.clear();
                let Some((name, text)) = read.into_iter().next() else {
                    return;
                };
                let checked = text
                    .map_err(|e| msg::file_unreadable(&name, &e))
                    .and_then(|text| {
                        if text.len() > MAX_FILE {
                            return Err(msg::file_too_big(&name, MAX_FILE / (1024 * 1024)));
                        }
                        Workspace::from_json(&text)
                            .map_err(|e| msg::not_a_trellis_file(&name, &msg::load_error(&e)))
                    });
                match checked {
                    Ok(file) => {
                        let report = (*app.workspace).clone().merge(file.clone());
                        file_error.set(None);
                        pending.set(Some((name, file, report)));
                    }
                    Err(problem) => {
                        pending.set(None);
                        file_error.set(Some(problem));
                    }
                }
            });
        })
    };
    let on_confirm = {
        let (app, pending) = (app.clone(), pending.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((_, file, _)) = (*pending).clone() {
                app.merge(file);
            }
            pending.set(None);
        })
    };
    let round_rows = by_round
        .iter()
        .map(|r| {
            let label = msg::round_label(&r.name);
            let onclick = {
                let (app, id, label) = (app.clone(), r.round.clone(), label.clone());
                Callback::from(move |_: MouseEvent| {
                    app.delete(TombstoneKind::Round, &id, &label);
                })
            };
            let button_label = msg::delete_named(&format!("{} ({})", r.name, r.collaboration_name));
            html! {
                <tr>
                    <td data-label={msg::COLLABORATION}><Link to={Route::Collaboration { id: r.collaboration.clone() }}>{ r.collaboration_name.clone() }</Link></td>
                    <th scope="row">{ r.name.clone() }</th>
                    <td data-label={msg::DATE}>{ msg::uk_date(&r.date) }</td>
                    <td class="num" data-label={msg::ANSWER_SETS}>{ r.responses }</td>
                    <td class="num" data-label={msg::SIZE}>{ msg::storage_used(r.chars * 2) }</td>
                    <td><button type="button" class="link-button" aria-label={button_label} {onclick}>{ msg::DELETE }</button></td>
                </tr>
            }
        })
        .collect::<Html>();
    let damaged_rows = damaged
        .iter()
        .map(|copy| {
            let kept_at = copy
                .kept_at
                .map_or_else(|| msg::UNKNOWN_TIME.to_string(), |t| crate::browser::local_time(trellis_core::format::Timestamp(t)));
            let shown = msg::uk_date_time(&kept_at);
            let on_download = {
                let (key, name) = (copy.key.clone(), msg::damaged_file_name(&kept_at));
                let damaged_error = damaged_error.clone();
                Callback::from(move |_: MouseEvent| {
                    // The copy stays where it is whatever happens here.
                    let result = storage::damaged_text(&key)
                        .ok_or_else(|| msg::COPY_GONE.to_string())
                        .and_then(|text| crate::browser::files::download(&name, &text, "text/plain"));
                    damaged_error.set(result.err().map(|e| msg::download_failed(&e)));
                })
            };
            let on_delete = {
                let (key, damaged) = (copy.key.clone(), damaged.clone());
                Callback::from(move |_: MouseEvent| {
                    if crate::browser::dom::confirm(msg::CONFIRM_DELETE_DAMAGED) {
                        storage::remove_damaged(&key);
                        damaged.set(storage::damaged_copies());
                    }
                })
            };
            html! {
                <tr>
                    <th scope="row">{ shown.clone() }</th>
                    <td class="num" data-label={msg::SIZE}>{ msg::storage_used(copy.chars * 2) }</td>
                    <td>
                        <button type="button" class="link-button" aria-label={msg::download_named(&shown)} onclick={on_download}>{ msg::DOWNLOAD }</button>
                        { " " }
                        <button type="button" class="link-button" aria-label={msg::delete_named(&shown)} onclick={on_delete}>{ msg::DELETE }</button>
                    </td>
                </tr>
            }
        })
        .collect::<Html>();
    html! {
        <>
            <h1 tabindex="-1">{ msg::DATA_TITLE }</h1>
            <p class="lead">{ msg::DATA_LEAD }</p>
            <section aria-labelledby="backup-heading">
                <h2 id="backup-heading">{ msg::BACKUP_TITLE }</h2>
                <p>{ msg::BACKUP_LEAD }</p>
                <p>{ msg::STORAGE_USED_LABEL }{ " " }<span data-testid="storage-used">{ msg::storage_used(storage::bytes_used()) }</span></p>
                <BackupButton />
                <h3 id="open-heading">{ msg::OPEN_FILE_TITLE }</h3>
                <div class="field">
                    <label for="open-file">{ msg::OPEN_FILE_LABEL }</label>
                    <p class="hint" id="open-file-hint">{ msg::OPEN_FILE_HINT }</p>
                    <input type="file" id="open-file" accept=".json" aria-describedby="open-file-hint" onchange={on_file} />
                </div>
                if let Some(problem) = (*file_error).clone() {
                    <p class="notice notice-warning" role="alert" data-testid="open-file-error">{ problem }</p>
                }
                if let Some((name, _, report)) = (*pending).clone() {
                    <div class="notice" role="status" data-testid="open-file-preview">
                        <p>{ msg::merge_preview(&name, &report) }</p>
                        if report.changes_anything() {
                            <button type="button" class="button" data-testid="open-file-confirm" onclick={on_confirm}>{ msg::ADD_FILE }</button>
                        }
                        <button type="button" class="button button-secondary" data-testid="open-file-replace" onclick={on_replace}>{ msg::REPLACE_ALL }</button>
                        <button type="button" class="button button-secondary" onclick={let p = pending.clone(); Callback::from(move |_: MouseEvent| p.set(None))}>{ msg::CANCEL }</button>
                    </div>
                }
            </section>
            if !by_collaboration.is_empty() {
                <section aria-labelledby="space-heading">
                    <h2 id="space-heading">{ msg::SPACE_TITLE }</h2>
                    <p class="hint">{ msg::SPACE_HINT }</p>
                    { table(Some("space-used"), None, Some(msg::SPACE_TITLE), &[msg::COLLABORATION, msg::ROUNDS, msg::ANSWER_SETS, msg::SIZE], html! {
                        for u in by_collaboration.iter() {
                            <tr>
                                <th scope="row"><Link to={Route::Collaboration { id: u.collaboration.clone() }}>{ u.name.clone() }</Link></th>
                                <td class="num" data-label={msg::ROUNDS}>{ u.rounds }</td>
                                <td class="num" data-label={msg::ANSWER_SETS}>{ u.responses }</td>
                                <td class="num" data-label={msg::SIZE}>{ msg::storage_used(u.chars * 2) }</td>
                            </tr>
                        }
                    }) }
                </section>
            }
            <MoveRounds />
            <section aria-labelledby="old-rounds-heading">
                <h2 id="old-rounds-heading">{ msg::OLD_ROUNDS_TITLE }</h2>
                if by_round.is_empty() {
                    <p class="empty">{ msg::NO_ROUNDS_TO_CLEAR }</p>
                } else {
                    <p class="hint">{ msg::OLD_ROUNDS_HINT }</p>
                    { table(Some("old-rounds"), None, Some(msg::OLD_ROUNDS_TITLE), &[msg::COLLABORATION, msg::ROUND, msg::DATE, msg::ANSWER_SETS, msg::SIZE, msg::DELETE], round_rows) }
                }
            </section>
            if !damaged.is_empty() {
                <section aria-labelledby="damaged-heading">
                    <h2 id="damaged-heading">{ msg::DAMAGED_TITLE }</h2>
                    <p class="hint">{ msg::DAMAGED_HINT }</p>
                    { table(Some("damaged-copies"), None, Some(msg::DAMAGED_TITLE), &[msg::KEPT_AT, msg::SIZE, msg::ACTIONS], damaged_rows) }
                    if let Some(e) = (*damaged_error).clone() {
                        <p class="notice notice-warning" role="alert">{ e }</p>
                    }
                </section>
            }
        </>
    }
}

/// Downloads a backup of everything on screen, saying why if the browser refuses.
#[component]
pub fn BackupButton() -> Html {
    let app = use_app_state();
    let error = use_state(|| None::<String>);
    let onclick = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| error.set(app.download_backup().err()))
    };
    html! {
        <>
            <button type="button" class="button button-secondary" data-testid="backup" {onclick}>{ msg::BACKUP_NOW }</button>
            if let Some(e) = (*error).clone() {
                <p class="notice notice-warning" role="alert">{ e }</p>
            }
        </>
    }
}

/// Moving finished rounds to a round file: the facilitator ticks rounds (oldest first,
/// each with its size), confirms, and Trellis downloads the file and only then removes
/// them (`AppHandle::move_to_file`).
#[component]
fn MoveRounds() -> Html {
    let app = use_app_state();
    let movable = {
        let ws = app.workspace.clone();
        use_memo(app.revision, move |_| ws.movable_rounds())
    };
    let chosen = use_state(std::collections::BTreeSet::<String>::new);
    // What the last attempt did: after a move, what to say and the file's contents (to put
    // the rounds back at once); Err(why) when nothing moved.
    let outcome = use_state(|| None::<Result<(String, std::rc::Rc<Workspace>), String>>);
    let usage = trellis_core::quota::StorageUse::of(app.stored_units);
    // Only rounds still listed count, so a round another tab removed drops out.
    let picked: Vec<&trellis_core::quota::Movable> = movable
        .iter()
        .filter(|m| chosen.contains(&m.space.round))
        .collect();
    let picked_chars: usize = picked.iter().map(|m| m.space.chars).sum();
    let on_move = {
        let (app, chosen, outcome) = (app.clone(), chosen.clone(), outcome.clone());
        let ids: Vec<String> = picked.iter().map(|m| m.space.round.clone()).collect();
        Callback::from(move |_: MouseEvent| {
            if ids.is_empty() {
                outcome.set(Some(Err(msg::MOVE_NONE_CHOSEN.to_string())));
                return;
            }
            if !crate::browser::dom::confirm(&msg::confirm_move(ids.len())) {
                return;
            }
            let result = app
                .move_to_file(&ids)
                .map(|(name, file)| (msg::moved_rounds(ids.len(), &name), std::rc::Rc::new(file)));
            if result.is_ok() {
                chosen.set(Default::default());
            }
            outcome.set(Some(result));
        })
    };
    let rows = movable
        .iter()
        .map(|m| {
            let r = &m.space;
            let id = r.round.clone();
            let onchange = {
                let chosen = chosen.clone();
                let id = id.clone();
                Callback::from(move |_: Event| {
                    let mut next = (*chosen).clone();
                    if !next.remove(&id) {
                        next.insert(id.clone());
                    }
                    chosen.set(next);
                })
            };
            let why = match m.finished {
                trellis_core::quota::Finished::Closed => msg::FINISHED_CLOSED,
                trellis_core::quota::Finished::Superseded => msg::FINISHED_SUPERSEDED,
            };
            html! {
                <tr>
                    <td data-label={msg::CHOOSE}><input type="checkbox" class="row-check" aria-label={msg::choose_round(&r.name, &r.collaboration_name)} checked={chosen.contains(&id)} {onchange} /></td>
                    <td data-label={msg::COLLABORATION}>{ r.collaboration_name.clone() }</td>
                    <th scope="row">{ r.name.clone() }</th>
                    <td data-label={msg::DATE}>{ msg::uk_date(&r.date) }</td>
                    <td data-label={msg::FINISHED}>{ why }</td>
                    <td class="num" data-label={msg::ANSWER_SETS}>{ r.responses }</td>
                    <td class="num" data-label={msg::SHARE_OF_SPACE}>{ msg::share_of_space(trellis_core::quota::share_of_quota(r.chars)) }</td>
                </tr>
            }
        })
        .collect::<Html>();
    let outcome_note = match (*outcome).clone() {
        Some(Ok((done, file))) => {
            // Putting back is an ordinary merge of the file, as opening it would be.
            let on_put_back = {
                let (app, outcome) = (app.clone(), outcome.clone());
                Callback::from(move |_: MouseEvent| {
                    app.merge((*file).clone());
                    outcome.set(None);
                })
            };
            html! {
                <div class="notice" role="status" data-testid="moved">
                    <p>{ done }</p>
                    <p>{ msg::MOVE_PUT_BACK_HINT }</p>
                    <button type="button" class="button button-secondary" data-testid="put-back" onclick={on_put_back}>{ msg::MOVE_PUT_BACK }</button>
                </div>
            }
        }
        Some(Err(why)) => {
            html! { <p class="notice notice-warning" role="alert" data-testid="move-error">{ why }</p> }
        }
        None => html! {},
    };
    html! {
        <section aria-labelledby="move-rounds-heading" data-testid="move-rounds">
            <h2 id="move-rounds-heading">{ msg::MOVE_ROUNDS_TITLE }</h2>
            <p data-testid="storage-share">{ msg::storage_share(usage.percent()) }</p>
            <p class="hint">{ msg::MOVE_ROUNDS_LEAD }</p>
            { outcome_note }
            if movable.is_empty() {
                <p class="empty">{ msg::NO_ROUNDS_TO_MOVE }</p>
            } else {
                <p class="hint">{ msg::MOVE_ROUNDS_TABS }</p>
                { table(Some("movable-rounds"), None, Some(msg::MOVE_ROUNDS_TITLE), &[msg::CHOOSE, msg::COLLABORATION, msg::ROUND, msg::DATE, msg::FINISHED, msg::ANSWER_SETS, msg::SHARE_OF_SPACE], rows) }
                <p role="status" data-testid="move-summary">{ msg::move_chosen(picked.len(), &msg::share_of_space(trellis_core::quota::share_of_quota(picked_chars)), usage.after_freeing(picked_chars).percent()) }</p>
                <button type="button" class="button" data-testid="move-rounds-button" onclick={on_move}>{ msg::MOVE_ROUNDS_BUTTON }</button>
            }
        </section>
    }
}
