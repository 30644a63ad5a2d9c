//! The facilitator's import: response files (many at once, picked or dropped), pasted
//! codes (plain or passphrase-protected), and CSV files (Trellis's own columns or a survey
//! platform's export, mapped to statements with a preview). Everything is checked first;
//! adding is all or nothing.

use std::collections::BTreeMap;
use std::rc::Rc;

use trellis_core::transfer::{
    csv_headers, decode_envelope, decode_response_code, extract_codes, parse_csv, parse_response_file,
    plan_import, suggest_mapping, ColumnTarget, CsvMapping, ImportItem, ImportReport, TransferError,
    ENCRYPTED_PREFIX,
};
use yew::prelude::*;

use crate::browser;
use crate::browser::crypto::CryptoError;
use crate::browser::dom::event_value;
use crate::components::markup::{hint, table};
use crate::messages as msg;
use crate::pages::find_round;
use crate::route::{Link, Route};
use crate::state::use_app_state;

type Item = ImportItem;

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub id: AttrValue,
}

/// A CSV file waiting for its columns to be confirmed.
#[derive(Clone, PartialEq)]
struct PendingCsv {
    name: String,
    text: String,
    headers: Vec<String>,
    mapping: CsvMapping,
}

fn target_value(t: &ColumnTarget) -> String {
    match t {
        ColumnTarget::Ignore => "ignore".into(),
        ColumnTarget::Organisation => "organisation".into(),
        ColumnTarget::Role => "role".into(),
        ColumnTarget::ResponseId => "response_id".into(),
        ColumnTarget::Statement(s) => format!("s:{s}"),
        ColumnTarget::Level(d) => format!("l:{d}"),
        ColumnTarget::Comment(s) => format!("c:{s}"),
        // The import page is being rebuilt for these (issue 19); until then they are
        // shown as left out.
        _ => "ignore".into(),
    }
}

fn parse_target(v: &str) -> ColumnTarget {
    match v {
        "organisation" => ColumnTarget::Organisation,
        "role" => ColumnTarget::Role,
        "response_id" => ColumnTarget::ResponseId,
        _ => match v.split_once(':') {
            Some(("s", id)) => ColumnTarget::Statement(id.to_string()),
            Some(("l", id)) => ColumnTarget::Level(id.to_string()),
            Some(("c", id)) => ColumnTarget::Comment(id.to_string()),
            _ => ColumnTarget::Ignore,
        },
    }
}

/// Decodes pasted or file-borne codes; protected codes need the passphrase.
async fn decode_codes(
    source: &str,
    text: &str,
    passphrase: &str,
    catalogue: &trellis_core::Catalogue,
) -> Vec<Item> {
    let mut out = Vec::new();
    for (k, code) in extract_codes(text).into_iter().enumerate() {
        let label = msg::code_source(source, k + 1);
        let item = if code.starts_with(ENCRYPTED_PREFIX) {
            match decode_envelope(&code) {
                Err(e) => Err(e),
                Ok(_) if passphrase.is_empty() => Err(TransferError::Encrypted),
                Ok(envelope) => match browser::crypto::open(passphrase, &envelope).await {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(plain) => decode_response_code(&plain, catalogue),
                        Err(_) => Err(TransferError::NotTrellis),
                    },
                    Err(CryptoError::WrongPassphrase) => Err(TransferError::WrongPassphrase),
                    Err(_) => Err(TransferError::Encrypted),
                },
            }
        } else {
            decode_response_code(&code, catalogue)
        };
        out.push(ImportItem::new(label, item));
    }
    out
}

#[component]
pub fn ImportPage(props: &ImportProps) -> Html {
    let app = use_app_state();
    let items = use_state(|| Rc::new(Vec::<Item>::new()));
    let pasted = use_state(String::new);
    let passphrase = use_state(String::new);
    let csv = use_state(|| None::<PendingCsv>);
    let done = use_state(|| None::<ImportReport>);
    let busy = use_state(|| false);
    let (collaboration, round, instrument) = match find_round(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    let add_items = {
        let items = items.clone();
        move |more: Vec<Item>| {
            let mut next = (**items).clone();
            next.extend(more);
            items.set(Rc::new(next));
        }
    };
    let take_files = {
        let (catalogue, passphrase, csv, busy, add_items, done) = (
            app.catalogue.clone(),
            passphrase.clone(),
            csv.clone(),
            busy.clone(),
            add_items.clone(),
            done.clone(),
        );
        let (instrument, mode) = (instrument.clone(), round.mode.clone());
        Rc::new(move |files: browser::files::Files| {
            let (catalogue, passphrase, csv, busy, add_items, done) = (
                catalogue.clone(),
                passphrase.clone(),
                csv.clone(),
                busy.clone(),
                add_items.clone(),
                done.clone(),
            );
            let (instrument, mode) = (instrument.clone(), mode.clone());
            busy.set(true);
            done.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let mut found = Vec::new();
                for (name, text) in browser::files::read_all(files).await {
                    let text = match text {
                        Ok(t) => t,
                        Err(e) => {
                            found.push(ImportItem::new(name, Err(TransferError::Unreadable(e))));
                            continue;
                        }
                    };
                    if name.to_ascii_lowercase().ends_with(".csv") {
                        match csv_headers(&text) {
                            Ok(headers) => {
                                let mapping = suggest_mapping(&headers, &instrument, &mode);
                                csv.set(Some(PendingCsv {
                                    name,
                                    text,
                                    headers,
                                    mapping,
                                }));
                            }
                            Err(e) => found.push(ImportItem::new(name, Err(e))),
                        }
                    } else if text.trim_start().starts_with('{') {
                        found.push(ImportItem::new(name, parse_response_file(&text)));
                    } else {
                        let codes = decode_codes(&name, &text, &passphrase, &catalogue).await;
                        if codes.is_empty() {
                            found.push(ImportItem::new(name, Err(TransferError::NotTrellis)));
                        }
                        found.extend(codes);
                    }
                }
                add_items(found);
                busy.set(false);
            });
        })
    };
    let on_files = {
        let take = take_files.clone();
        Callback::from(move |e: Event| {
            if let Some(files) = browser::files::input_files(&e) {
                take(files);
            }
        })
    };
    let on_drop = {
        let take = take_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = browser::files::dropped_files(&e) {
                take(files);
            }
        })
    };
    let on_paste = {
        let (catalogue, passphrase, pasted, busy, add_items, done) = (
            app.catalogue.clone(),
            passphrase.clone(),
            pasted.clone(),
            busy.clone(),
            add_items.clone(),
            done.clone(),
        );
        Callback::from(move |_| {
            let (catalogue, passphrase, pasted, busy, add_items) = (
                catalogue.clone(),
                passphrase.clone(),
                pasted.clone(),
                busy.clone(),
                add_items.clone(),
            );
            busy.set(true);
            done.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let found = decode_codes(msg::PASTED, &pasted, &passphrase, &catalogue).await;
                if found.is_empty() {
                    add_items(vec![ImportItem::new(msg::PASTED, Err(TransferError::NotTrellis))]);
                } else {
                    add_items(found);
                }
                pasted.set(String::new());
                busy.set(false);
            });
        })
    };
    let on_csv_rows = {
        let (csv, add_items, instrument, collaboration, round_id, mode) = (
            csv.clone(),
            add_items.clone(),
            instrument.clone(),
            collaboration.clone(),
            round.id.clone(),
            round.mode.clone(),
        );
        Callback::from(move |_| {
            let Some(pending) = (*csv).clone() else { return };
            let parsed = parse_csv(
                &pending.text,
                &instrument,
                &mode,
                &collaboration,
                &round_id,
                &pending.mapping,
                browser::random_id,
                browser::now(),
            );
            match parsed {
                Ok(rows) => add_items(rows),
                Err(e) => add_items(vec![ImportItem::new(pending.name.clone(), Err(e))]),
            }
            csv.set(None);
        })
    };
    let plan = (!items.is_empty()).then(|| {
        plan_import(
            &app.workspace,
            &round.id,
            &app.catalogue,
            (**items).clone(),
            &BTreeMap::new(),
        )
    });
    let on_apply = {
        let (app, items, done, plan) = (app.clone(), items.clone(), done.clone(), plan.clone());
        Callback::from(move |_| {
            if let Some((workspace, report)) = plan.clone() {
                app.replace_workspace(workspace);
                done.set(Some(report));
                items.set(Rc::new(Vec::new()));
            }
        })
    };
    let partner_name = |id: &str| {
        collaboration
            .partners
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.name.clone())
    };
    let report_view = |report: &ImportReport, applied: bool| {
        html! {
            <div class="import-report" data-testid={if applied { "import-done" } else { "import-preview" }}>
                <p class="lead">{ msg::import_counts(report.added.len(), report.updated.len(), report.unchanged.len() + report.conflicts.len(), report.rejected.len(), applied) }</p>
                <ul>
                    for i in report.added.iter() { <li>{ msg::import_added(&i.source, &partner_name(&i.organisation)) }</li> }
                    for i in report.updated.iter() { <li>{ msg::import_updated(&i.source, &partner_name(&i.organisation)) }</li> }
                    for u in report.unchanged.iter() { <li>{ msg::import_unchanged(&u.item.source, u.reason) }</li> }
                    for c in report.conflicts.iter() { <li class="error-message" data-testid="import-conflict">{ msg::import_conflict(&c.source, c.first_source.as_deref()) }</li> }
                    for r in report.rejected.iter() { <li class="error-message" data-testid="import-rejected">{ msg::import_rejected(&r.source, &msg::transfer_error(&r.error)) }</li> }
                </ul>
            </div>
        }
    };
    let csv_view = (*csv).clone().map(|pending| {
        let mut options: Vec<(String, String)> = vec![
            ("ignore".into(), msg::IGNORE_COLUMN.into()),
            ("organisation".into(), msg::YOUR_ORGANISATION.into()),
            ("role".into(), msg::YOUR_ROLE.into()),
            ("response_id".into(), msg::RESPONSE_ID.into()),
        ];
        for s in instrument.statements().iter().filter(|s| s.modes.contains(&round.mode)) {
            options.push((format!("s:{}", s.id), msg::statement_option(&s.text)));
        }
        for d in instrument.domains_in_mode(&round.mode) {
            options.push((format!("l:{}", d.id), msg::level_option(&d.title)));
        }
        let rows = pending.headers.iter().enumerate().map(|(col, header)| {
            let current = pending.mapping.columns.get(col).map(target_value).unwrap_or_else(|| "ignore".into());
            let on_change = {
                let csv = csv.clone();
                Callback::from(move |e: Event| {
                    if let Some(mut p) = (*csv).clone() {
                        if let Some(slot) = p.mapping.columns.get_mut(col) {
                            *slot = parse_target(&event_value(&e));
                        }
                        csv.set(Some(p));
                    }
                })
            };
            let id = format!("column-{col}");
            html! {
                <tr>
                    <th scope="row"><label for={id.clone()}>{ header.clone() }</label></th>
                    <td data-label={msg::MEANS}>
                        <select {id} onchange={on_change}>
                            for (value, label) in options.iter() {
                                <option value={value.clone()} selected={*value == current}>{ label.clone() }</option>
                            }
                        </select>
                    </td>
                </tr>
            }
        });
        html! {
            <section aria-labelledby="csv-heading" data-testid="csv-mapping">
                <h2 id="csv-heading">{ msg::csv_title(&pending.name) }</h2>
                <p>{ msg::CSV_MAPPING_HELP }</p>
                { table(None, None, None, &[msg::COLUMN, msg::MEANS], rows.collect()) }
                <button type="button" class="button" onclick={on_csv_rows.clone()}>{ msg::READ_ROWS }</button>
            </section>
        }
    });
    // Every set of answers this round holds, so a duplicate or a test can be deleted.
    let received = app
        .workspace
        .responses_for(&round.id)
        .map(|r| {
            let organisation = collaboration
                .partners
                .iter()
                .find(|p| p.id == r.organisation)
                .map_or(r.organisation.as_str(), |p| p.name.as_str());
            let sent = r.submitted.map(|t| msg::uk_date_time(&browser::local_time(t)));
            let label = msg::response_label(organisation, msg::role_label(r.role), sent.as_deref());
            let sent = sent.unwrap_or_else(|| msg::NOT_SENT.to_string());
            let onclick = {
                let (app, id, label) = (app.clone(), r.id.clone(), label.clone());
                Callback::from(move |_: MouseEvent| {
                    app.delete(trellis_core::format::TombstoneKind::Response, &id, &label);
                })
            };
            html! {
                <tr>
                    <th scope="row">{ organisation.to_string() }</th>
                    <td data-label={msg::ROLE_COLUMN}>{ msg::role_label(r.role) }</td>
                    <td data-label={msg::SENT_COLUMN}>{ sent }</td>
                    <td class="num" data-testid="statements-answered" data-label={msg::ANSWERED_COLUMN}>{ r.answers.len() }</td>
                    <td><button type="button" class="link-button" aria-label={msg::delete_named(&label)} {onclick}>{ msg::DELETE }</button></td>
                </tr>
            }
        })
        .collect::<Vec<Html>>();
    let received = (!received.is_empty()).then(|| received.into_iter().collect::<Html>());
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link></p>
            <h1 tabindex="-1">{ msg::import_title(&round.name) }</h1>
            <p class="lead">{ msg::IMPORT_LEAD }</p>
            <div class="field">
                <label for="import-passphrase">{ msg::IMPORT_PASSPHRASE }</label>
                <p class="hint" id="import-passphrase-hint">{ msg::IMPORT_PASSPHRASE_HINT }</p>
                <input id="import-passphrase" type="password" autocomplete="off" value={(*passphrase).clone()}
                    aria-describedby="import-passphrase-hint"
                    oninput={let p = passphrase.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
            </div>
            <section aria-labelledby="files-heading">
                <h2 id="files-heading">{ msg::IMPORT_FILES }</h2>
                <div class="drop-zone" ondrop={on_drop} ondragover={Callback::from(|e: DragEvent| e.prevent_default())}>
                    <label for="import-files">{ msg::CHOOSE_FILES }</label>
                    { hint(msg::DROP_HINT) }
                    <input id="import-files" type="file" multiple=true accept=".json,.csv,.txt" onchange={on_files} />
                </div>
            </section>
            <section aria-labelledby="paste-heading">
                <h2 id="paste-heading">{ msg::IMPORT_CODES }</h2>
                <label for="import-codes">{ msg::PASTE_CODES }</label>
                { hint(msg::PASTE_HINT) }
                <textarea id="import-codes" rows="6" value={(*pasted).clone()}
                    oninput={let p = pasted.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
                <button type="button" class="button button-secondary" onclick={on_paste}>{ msg::READ_CODES }</button>
            </section>
            { csv_view.unwrap_or_default() }
            if *busy { <p role="status">{ msg::READING }</p> }
            if let Some((_, report)) = &plan {
                <section aria-labelledby="check-heading">
                    <h2 id="check-heading">{ msg::CHECKED_TITLE }</h2>
                    { report_view(report, false) }
                    if report.added.len() + report.updated.len() > 0 {
                        <button type="button" class="button" onclick={on_apply}>{ msg::add_to_round(report.added.len() + report.updated.len()) }</button>
                    }
                    <button type="button" class="button button-secondary" onclick={let items = items.clone(); Callback::from(move |_| items.set(Rc::new(Vec::new())))}>{ msg::CLEAR_LIST }</button>
                </section>
            }
            if let Some(report) = &*done {
                <section aria-labelledby="done-heading" role="status">
                    <h2 id="done-heading">{ msg::IMPORT_DONE_TITLE }</h2>
                    { report_view(report, true) }
                    <Link to={Route::Results { id: round.id.clone() }} classes="button">{ msg::SEE_RESULTS }</Link>
                </section>
            }
            <section aria-labelledby="received-heading">
                <h2 id="received-heading">{ msg::RECEIVED_TITLE }</h2>
                if let Some(rows) = received {
                    { hint(msg::RECEIVED_HINT) }
                    { table(Some("received"), None, Some(msg::RECEIVED_TITLE), &[msg::ORGANISATION_COLUMN, msg::ROLE_COLUMN, msg::SENT_COLUMN, msg::ANSWERED_COLUMN, msg::DELETE], rows) }
                } else {
                    <p class="empty">{ msg::NOTHING_RECEIVED }</p>
                }
            </section>
            <section aria-labelledby="paper-heading">
                <h2 id="paper-heading">{ msg::PAPER_TITLE }</h2>
                <p>{ msg::PAPER_HOW }</p>
                <Link to={Route::AnswerStart { id: round.id.clone() }} classes="button button-secondary">{ msg::ENTER_PAPER }</Link>
            </section>
        </>
    }
}
