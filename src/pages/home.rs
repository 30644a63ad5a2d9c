//! The landing page: what Trellis is, the privacy promise, the collaborations here,
//! fictional example data to try, and opening a collaboration or round file.

use trellis_core::format::Workspace;
use trellis_core::merge::MergeReport;
use yew::prelude::*;

use crate::browser::files::{input_files, read_all};
use crate::messages as msg;
use crate::route::{Link, Route};
use crate::state::use_app_state;

/// Largest Trellis file accepted (a round of several thousand responses fits easily).
const MAX_FILE: usize = 20 * 1024 * 1024;

#[component]
pub fn Home() -> Html {
    let app = use_app_state();
    // A file read and checked, waiting for the user to confirm: (name, contents, preview).
    let pending = use_state(|| None::<(String, Workspace, MergeReport)>);
    let file_error = use_state(|| None::<String>);
    let collaborations = &app.workspace.collaborations;
    let reminder_dismissed = use_state(|| false);
    let space = {
        let ws = app.workspace.clone();
        use_memo(app.revision, move |_| ws.space_used())
    };
    let last_backup = use_state(crate::browser::storage::last_backup);
    // A gentle reminder once there are answers worth keeping and no backup for 30 days.
    let has_answers = app.workspace.responses.iter().any(|r| r.submitted.is_some());
    let stale = last_backup.is_none_or(|t| crate::browser::now().0 - t > 30 * 24 * 3600 * 1000);
    let on_backup = {
        let (app, last_backup, file_error) = (app.clone(), last_backup.clone(), file_error.clone());
        Callback::from(move |_: MouseEvent| {
            let name = format!("trellis-backup-{}.json", crate::browser::today());
            match crate::browser::files::download(&name, &app.workspace.to_json(), "application/json") {
                Ok(()) => {
                    let now = crate::browser::now().0;
                    crate::browser::storage::record_backup(now);
                    last_backup.set(Some(now));
                }
                Err(e) => file_error.set(Some(msg::download_failed(&e))),
            }
        })
    };
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
    let has_example = collaborations.iter().any(|c| c.example);
    let on_file = {
        let (app, pending, file_error) = (app.clone(), pending.clone(), file_error.clone());
        Callback::from(move |e: Event| {
            let Some(files) = input_files(&e) else { return };
            let input = e.target_dyn_into::<web_sys::HtmlInputElement>();
            let (app, pending, file_error) = (app.clone(), pending.clone(), file_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_all(files).await;
                // Cleared, so that choosing the same file again (after fixing it) is noticed.
                if let Some(input) = input {
                    input.set_value("");
                }
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
                            .map_err(|e| msg::not_a_trellis_file(&name, &e.to_string()))
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
    let on_example = {
        let (app, file_error) = (app.clone(), file_error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(e) = app.add_example() {
                file_error.set(Some(e.to_string()));
            }
        })
    };
    let on_remove_example = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            if crate::browser::dom::confirm(msg::CONFIRM_REMOVE_EXAMPLE) {
                app.remove_examples()
            }
        })
    };
    html! {
        <>
            <h1 tabindex="-1">{ msg::HOME_TITLE }</h1>
            <p class="lead">{ msg::HOME_LEAD }</p>
            <p>{ msg::PRIVACY_PROMISE }</p>
            if has_answers && stale && !*reminder_dismissed {
                <div class="notice" role="status" data-testid="backup-reminder">
                    <p>{ if last_backup.is_none() { msg::BACKUP_NEVER } else { msg::BACKUP_REMINDER } }</p>
                    <button type="button" class="button" onclick={on_backup.clone()}>{ msg::BACKUP_NOW }</button>
                    <button type="button" class="link-button" onclick={let d = reminder_dismissed.clone(); Callback::from(move |_: MouseEvent| d.set(true))}>{ msg::DISMISS }</button>
                </div>
            }
            <section aria-labelledby="collaborations-heading">
                <h2 id="collaborations-heading">{ msg::YOUR_COLLABORATIONS }</h2>
                if collaborations.is_empty() {
                    <p class="empty" data-testid="no-collaborations">{ msg::NO_COLLABORATIONS }</p>
                } else {
                    <ul class="card-list" data-testid="collaborations">
                        for c in collaborations.iter() {
                            <li class="card">
                                <Link to={Route::Collaboration { id: c.id.clone() }}>{ c.name.clone() }</Link>
                                if c.example { <span class="tag example-tag">{ msg::EXAMPLE_LABEL }</span> }
                                <span class="meta">{ msg::partners_and_rounds(c.partners.len(), c.rounds.len()) }</span>
                            </li>
                        }
                    </ul>
                }
                <p>
                    <Link to={Route::NewCollaboration} classes="button">{ msg::SET_UP_COLLABORATION }</Link>
                </p>
            </section>
            <section aria-labelledby="example-heading">
                <h2 id="example-heading">{ msg::EXAMPLE_TITLE }</h2>
                if has_example {
                    <p>{ msg::EXAMPLE_LOADED }</p>
                    <button type="button" class="button button-secondary" data-testid="remove-example" onclick={on_remove_example}>{ msg::REMOVE_EXAMPLE }</button>
                } else {
                    <p>{ msg::EXAMPLE_LEAD }</p>
                    <button type="button" class="button button-secondary" data-testid="add-example" onclick={on_example}>{ msg::TRY_EXAMPLE }</button>
                }
            </section>
            <section aria-labelledby="backup-heading">
                <h2 id="backup-heading">{ msg::BACKUP_TITLE }</h2>
                <p>{ msg::BACKUP_LEAD }</p>
                <p>{ msg::STORAGE_USED_LABEL }{ " " }<span data-testid="storage-used">{ msg::storage_used(crate::browser::storage::bytes_used()) }</span></p>
                <button type="button" class="button button-secondary" data-testid="backup" onclick={on_backup}>{ msg::BACKUP_NOW }</button>
                if !space.is_empty() {
                    <h3 id="space-heading">{ msg::SPACE_TITLE }</h3>
                    <p class="hint">{ msg::SPACE_HINT }</p>
                    { crate::components::markup::table(Some("space-used"), None, Some(msg::SPACE_TITLE), &[msg::COLLABORATION, msg::ROUNDS, msg::ANSWER_SETS, msg::SIZE], html! {
                        for u in space.iter() {
                            <tr>
                                <th scope="row"><Link to={Route::Collaboration { id: u.collaboration.clone() }}>{ u.name.clone() }</Link></th>
                                <td class="num">{ u.rounds }</td>
                                <td class="num">{ u.responses }</td>
                                <td class="num">{ msg::storage_used(u.chars * 2) }</td>
                            </tr>
                        }
                    }) }
                }
            </section>
            <section aria-labelledby="open-heading">
                <h2 id="open-heading">{ msg::OPEN_FILE_TITLE }</h2>
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
        </>
    }
}
