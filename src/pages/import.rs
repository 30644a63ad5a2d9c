//! The facilitator's import: response files (many at once, picked or dropped), pasted
//! codes (plain or passphrase-protected), and spreadsheets (CSV, TSV or .xlsx: Trellis's
//! own columns or a survey platform's export), whose columns and labels are checked
//! before any row is read. Everything is checked first, every row is accounted for in the
//! check list, conflicting copies are shown side by side; adding is all or nothing.

use std::collections::BTreeMap;
use std::rc::Rc;

use trellis_core::format::folder::{FolderRecord, SeenFile};
use trellis_core::format::Answer;
use trellis_core::transfer::{
    decode_envelope, decode_response_code, decode_text, extract_codes, parse_response_file, plan_import,
    prepare_import, read_csv_table, ColumnTarget, ConflictChoice, CsvMapping, ImportItem, ImportReport,
    LabelMapping, PreparedImport, Table, TransferError, ENCRYPTED_PREFIX,
};
use yew::prelude::*;

use crate::browser;
use crate::browser::crypto::CryptoError;
use crate::browser::dom::event_value;
use crate::components::import_conflicts::ImportConflict;
use crate::components::import_labels::{ImportLabels, LabelKind};
use crate::components::import_mapping::{ImportMapping, UnclosedQuote};
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

/// A spreadsheet waiting for its columns and labels to be confirmed.
#[derive(Clone, PartialEq)]
struct PendingTable {
    prepared: Rc<PreparedImport>,
    mapping: Rc<CsvMapping>,
    labels: Rc<LabelMapping>,
    /// Whether to take the rows before an unclosed quote.
    take: bool,
}

/// What a file holds, judged by its name and first characters.
enum FileKind {
    Spreadsheet,
    Table,
    Other,
}

fn file_kind(name: &str) -> FileKind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") {
        FileKind::Spreadsheet
    } else if lower.ends_with(".csv") || lower.ends_with(".tsv") {
        FileKind::Table
    } else {
        FileKind::Other
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

/// Reads a spreadsheet's bytes into a table: an .xlsx workbook, or CSV or TSV text in
/// any encoding (UTF-8, or UTF-16 as some platforms write it).
async fn table_of(kind: &FileKind, bytes: Vec<u8>) -> Result<Table, TransferError> {
    match kind {
        FileKind::Spreadsheet => browser::xlsx::read_xlsx(bytes)
            .await
            .map(Table::from_rows)
            .map_err(TransferError::Unreadable),
        _ => read_csv_table(&decode_text(&bytes)?),
    }
}

/// A tab in the first line of a text file: a table saved as "Unicode text" or TSV.
fn looks_like_table(text: &str) -> bool {
    text.lines().next().is_some_and(|line| line.contains('\t'))
}

/// Sets label `k` of one list to the form value `value` ("" unmaps it).
fn choose_label(labels: &mut LabelMapping, kind: LabelKind, k: usize, value: &str) {
    match kind {
        LabelKind::Organisation => {
            if let Some(l) = labels.organisations.get_mut(k) {
                l.choice = (!value.is_empty()).then(|| value.to_string());
                l.exact = true;
            }
        }
        LabelKind::Role => {
            if let Some(l) = labels.roles.get_mut(k) {
                l.choice = trellis_core::format::RoleCategory::from_id(value);
                l.exact = true;
            }
        }
        LabelKind::Answer => {
            if let Some(l) = labels.answers.get_mut(k) {
                l.choice = match value {
                    "dk" => Some(Answer::DontKnow),
                    "na" => Some(Answer::NotApplicable),
                    v => v.parse::<u8>().ok().map(Answer::Scale),
                };
                l.exact = true;
            }
        }
    }
}

#[component]
pub fn ImportPage(props: &ImportProps) -> Html {
    let app = use_app_state();
    let items = use_state(|| Rc::new(Vec::<Item>::new()));
    let pasted = use_state(String::new);
    let passphrase = use_state(String::new);
    let tables = use_state(Vec::<PendingTable>::new);
    let choices = use_state(BTreeMap::<usize, ConflictChoice>::new);
    let done = use_state(|| None::<ImportReport>);
    let busy = use_state(|| false);
    // Files of this round's folder read into the check list, remembered once added.
    let folder_files = use_state(Vec::<SeenFile>::new);
    let folder_note = use_state(|| None::<String>);
    let folder_kept = use_state(|| None::<String>);
    {
        let (kept, key) = (folder_kept.clone(), folder_key(&props.id));
        use_effect_with(props.id.clone(), move |_| {
            if browser::folder::can_pick_folder() {
                wasm_bindgen_futures::spawn_local(
                    async move { kept.set(browser::folder::linked(&key).await) },
                );
            }
        });
    }
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
        let (catalogue, passphrase, tables, busy, add_items, done) = (
            app.catalogue.clone(),
            passphrase.clone(),
            tables.clone(),
            busy.clone(),
            add_items.clone(),
            done.clone(),
        );
        let (instrument, mode, collaboration) =
            (instrument.clone(), round.mode.clone(), collaboration.clone());
        Rc::new(
            move |files: browser::files::Files, input: Option<browser::files::FileInput>| {
                let (catalogue, passphrase, tables, busy, add_items, done) = (
                    catalogue.clone(),
                    passphrase.clone(),
                    tables.clone(),
                    busy.clone(),
                    add_items.clone(),
                    done.clone(),
                );
                let (instrument, mode, collaboration) =
                    (instrument.clone(), mode.clone(), collaboration.clone());
                busy.set(true);
                done.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let mut found = Vec::new();
                    let mut pending = (*tables).clone();
                    let read = browser::files::read_bytes(files).await;
                    // Cleared once read, so choosing the same file again (after fixing it) is seen.
                    if let Some(input) = input {
                        input.clear();
                    }
                    for (name, bytes) in read {
                        let bytes = match bytes {
                            Ok(b) => b,
                            Err(e) => {
                                found.push(ImportItem::new(name, Err(TransferError::Unreadable(e))));
                                continue;
                            }
                        };
                        let kind = file_kind(&name);
                        let table = match kind {
                            FileKind::Other => {
                                let text = match decode_text(&bytes) {
                                    Ok(t) => t,
                                    Err(e) => {
                                        found.push(ImportItem::new(name, Err(e)));
                                        continue;
                                    }
                                };
                                if text.trim_start().starts_with('{') {
                                    found.push(ImportItem::new(name, parse_response_file(&text)));
                                    continue;
                                }
                                let codes = decode_codes(&name, &text, &passphrase, &catalogue).await;
                                if !codes.is_empty() || !looks_like_table(&text) {
                                    if codes.is_empty() {
                                        found.push(ImportItem::new(name, Err(TransferError::NotTrellis)));
                                    }
                                    found.extend(codes);
                                    continue;
                                }
                                read_csv_table(&text)
                            }
                            _ => table_of(&kind, bytes).await,
                        };
                        let prepared =
                            table.and_then(|t| prepare_import(&name, t, &instrument, &mode, &collaboration));
                        match prepared {
                            Ok(p) => pending.push(PendingTable {
                                mapping: Rc::new(p.mapping.clone()),
                                labels: Rc::new(p.labels.clone()),
                                prepared: Rc::new(p),
                                take: false,
                            }),
                            Err(e) => found.push(ImportItem::new(name, Err(e))),
                        }
                    }
                    tables.set(pending);
                    add_items(found);
                    busy.set(false);
                });
            },
        )
    };
    let on_files = {
        let take = take_files.clone();
        Callback::from(move |e: Event| {
            if let Some(files) = browser::files::input_files(&e) {
                take(files, Some(browser::files::FileInput::of(&e)));
            }
        })
    };
    let on_drop = {
        let take = take_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = browser::files::dropped_files(&e) {
                take(files, None);
            }
        })
    };
    // A folder's listing: read only the answer files not read before (or changed since).
    let take_listing = {
        let (take, folder_files, folder_note, round_id) = (
            take_files.clone(),
            folder_files.clone(),
            folder_note.clone(),
            round.id.clone(),
        );
        Rc::new(move |listing: browser::folder::Listing| {
            let (record, damaged) = browser::folder::load_record(&round_id);
            let mut record = record.unwrap_or_else(|| FolderRecord::new(&listing.name));
            record.folder = listing.name.clone();
            browser::folder::save_text(&browser::folder::record_key(&round_id), &record.to_json());
            let new = record.unread(&listing.files);
            let mut note = msg::folder_found(&listing.name, new.len(), listing.files.len());
            if let Some(e) = damaged {
                note = format!("{} {note}", msg::folder_record_damaged(&e));
            }
            if !listing.kept && browser::folder::can_pick_folder() {
                note = format!("{note} {}", msg::FOLDER_NOT_KEPT);
            }
            folder_note.set(Some(note));
            if new.is_empty() {
                return;
            }
            let mut pending = (*folder_files).clone();
            pending.extend(new.iter().filter_map(|&k| listing.files.get(k).cloned()));
            folder_files.set(pending);
            take(listing.handles.only(&new), None);
        })
    };
    let on_folder = {
        let (take, note, kept, key) = (
            take_listing.clone(),
            folder_note.clone(),
            folder_kept.clone(),
            folder_key(&round.id),
        );
        Callback::from(move |again: bool| {
            let (take, note, kept, key) = (take.clone(), note.clone(), kept.clone(), key.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let listed = if again {
                    browser::folder::open_folder(&key, true).await
                } else {
                    browser::folder::pick_folder(&key).await
                };
                match listed {
                    Ok(listing) => {
                        kept.set(Some(listing.name.clone()));
                        take(listing);
                    }
                    Err(status) => note.set(Some(msg::folder_status(&status))),
                }
            });
        })
    };
    let on_folder_input = {
        let take = take_listing.clone();
        Callback::from(move |e: Event| {
            if let Some(files) = browser::files::input_files(&e) {
                browser::files::FileInput::of(&e).clear();
                take(browser::folder::input_listing(files));
            }
        })
    };
    let on_forget_folder = {
        let (kept, note, key) = (folder_kept.clone(), folder_note.clone(), folder_key(&round.id));
        Callback::from(move |_: MouseEvent| {
            let (kept, note, key) = (kept.clone(), note.clone(), key.clone());
            wasm_bindgen_futures::spawn_local(async move {
                browser::folder::forget(&key).await;
                kept.set(None);
                note.set(None);
            });
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
    // The first waiting spreadsheet, changed in place.
    let update_table = {
        let tables = tables.clone();
        move |change: Box<dyn Fn(&mut PendingTable)>| {
            let mut next = (*tables).clone();
            if let Some(first) = next.first_mut() {
                change(first);
            }
            tables.set(next);
        }
    };
    let on_column = {
        let (update, instrument, collaboration) =
            (update_table.clone(), instrument.clone(), collaboration.clone());
        Callback::from(move |(k, target): (usize, ColumnTarget)| {
            let (instrument, collaboration) = (instrument.clone(), collaboration.clone());
            update(Box::new(move |t: &mut PendingTable| {
                let mut mapping = (*t.mapping).clone();
                if let Some(slot) = mapping.columns.get_mut(k) {
                    *slot = target.clone();
                }
                t.labels = Rc::new(
                    t.prepared
                        .relabel(&mapping, &t.labels, &instrument, &collaboration),
                );
                t.mapping = Rc::new(mapping);
            }));
        })
    };
    let on_label = {
        let update = update_table.clone();
        Callback::from(move |(kind, k, value): (LabelKind, usize, String)| {
            update(Box::new(move |t: &mut PendingTable| {
                let mut labels = (*t.labels).clone();
                choose_label(&mut labels, kind, k, &value);
                t.labels = Rc::new(labels);
            }));
        })
    };
    let on_take = {
        let update = update_table.clone();
        Callback::from(move |take: bool| update(Box::new(move |t: &mut PendingTable| t.take = take)))
    };
    let on_read_rows = {
        let (tables, add_items, instrument, collaboration, round_id, mode) = (
            tables.clone(),
            add_items.clone(),
            instrument.clone(),
            collaboration.clone(),
            round.id.clone(),
            round.mode.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut rest = (*tables).clone();
            if rest.is_empty() {
                return;
            }
            let t = rest.remove(0);
            add_items(t.prepared.read(
                &t.mapping,
                &t.labels,
                t.take,
                &instrument,
                &mode,
                &collaboration,
                &round_id,
                browser::random_id,
                browser::now(),
            ));
            tables.set(rest);
        })
    };
    let on_skip_table = {
        let tables = tables.clone();
        Callback::from(move |_: MouseEvent| {
            let mut rest = (*tables).clone();
            if !rest.is_empty() {
                rest.remove(0);
            }
            tables.set(rest);
        })
    };
    let plan = (!items.is_empty()).then(|| {
        plan_import(
            &app.workspace,
            &round.id,
            &app.catalogue,
            (**items).clone(),
            &choices,
        )
    });
    let on_apply = {
        let (app, items, done, plan, choices) = (
            app.clone(),
            items.clone(),
            done.clone(),
            plan.clone(),
            choices.clone(),
        );
        let (folder_files, tables, round_id) = (folder_files.clone(), tables.clone(), round.id.clone());
        Callback::from(move |_| {
            if let Some((workspace, report)) = plan.clone() {
                app.replace_workspace(workspace);
                remember_read(&round_id, &folder_files, &tables);
                done.set(Some(report));
                items.set(Rc::new(Vec::new()));
                choices.set(BTreeMap::new());
            }
        })
    };
    let on_clear = {
        let (items, choices) = (items.clone(), choices.clone());
        Callback::from(move |_: MouseEvent| {
            items.set(Rc::new(Vec::new()));
            choices.set(BTreeMap::new());
        })
    };
    let partners: Rc<Vec<(String, String)>> = Rc::new(
        collaboration
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
    );
    let partner_name = |id: &str| {
        partners
            .iter()
            .find(|(p, _)| p == id)
            .map_or(id.to_string(), |(_, name)| name.clone())
    };
    let sent_time = |r: &trellis_core::format::Response| {
        r.submitted
            .map(|t| AttrValue::from(msg::uk_date_time(&browser::local_time(t))))
    };
    let report_view = |report: &ImportReport, applied: bool| {
        html! {
            <div class="import-report" data-testid={if applied { "import-done" } else { "import-preview" }}>
                <p class="lead" data-testid="rows-read">{ msg::rows_read(report.row_counts(), applied) }</p>
                <ul>
                    for i in report.added.iter() {
                        if i.submitted {
                            <li>{ msg::import_added(&i.source, &partner_name(&i.organisation)) }</li>
                        } else {
                            <li data-testid="import-draft">{ msg::import_draft(&i.source, &partner_name(&i.organisation)) }</li>
                        }
                    }
                    for i in report.updated.iter() { <li>{ msg::import_updated(&i.source, &partner_name(&i.organisation)) }</li> }
                    for u in report.unchanged.iter() { <li data-testid="import-unchanged">{ msg::import_unchanged(&u.item.source, u.reason) }</li> }
                    for c in report.conflicts.iter() {
                        <li data-testid="import-conflict">{ msg::conflict_outcome(&c.source, c.first_source.as_deref(), c.choice, c.kept_as.as_deref()) }</li>
                    }
                    for r in report.rejected.iter() { <li class="error-message" data-testid="import-rejected">{ msg::import_rejected(&r.source, &msg::transfer_error(&r.error)) }</li> }
                </ul>
            </div>
        }
    };
    let answers: Rc<Vec<(Answer, String)>> = Rc::new(
        instrument
            .scale()
            .points
            .iter()
            .map(|p| Answer::Scale(p.value))
            .chain([Answer::DontKnow, Answer::NotApplicable])
            .map(|a| (a, msg::answer_label(instrument, a)))
            .collect(),
    );
    let table_view = tables.first().cloned().map(|t| {
        let p = &t.prepared;
        let problem = p
            .check_mapping(&t.mapping, instrument, &round.mode)
            .err()
            .map(|e| AttrValue::from(msg::transfer_error(&e)));
        let columns = Rc::new(p.columns.clone());
        html! {
            <section aria-labelledby="csv-heading" class="import-step">
                <h2 id="csv-heading">{ msg::csv_title(&p.name) }</h2>
                if let Some(stop) = p.stopped {
                    <UnclosedQuote name={p.name.clone()} {stop} rows={p.data_rows} take={t.take} on_take={on_take.clone()} />
                }
                <ImportMapping name={p.name.clone()} platform={p.platform} header_rows={p.header_rows} data_rows={p.data_rows}
                    {columns} mapping={t.mapping.clone()} instrument={instrument.clone()} mode={round.mode.clone()}
                    {problem} on_change={on_column.clone()} />
                <ImportLabels labels={t.labels.clone()} partners={partners.clone()} answers={answers.clone()} on_choose={on_label.clone()} />
                <div class="button-row">
                    <button type="button" class="button" onclick={on_read_rows.clone()}>{ msg::READ_ROWS }</button>
                    <button type="button" class="button button-secondary" onclick={on_skip_table.clone()}>{ msg::SKIP_FILE }</button>
                </div>
                if tables.len() > 1 { <p class="hint">{ msg::files_waiting(tables.len() - 1) }</p> }
            </section>
        }
    });
    let conflicts_view = |report: &ImportReport| {
        if report.conflicts.is_empty() {
            return Html::default();
        }
        let pairs = report.conflicts.iter().map(|c| {
            let index = c.index;
            let on_choose = {
                let choices = choices.clone();
                Callback::from(move |choice: ConflictChoice| {
                    let mut next = (*choices).clone();
                    next.insert(index, choice);
                    choices.set(next);
                })
            };
            html! {
                <ImportConflict conflict={Rc::new(c.clone())} instrument={instrument.clone()} partners={partners.clone()}
                    first_sent={sent_time(&c.first)} second_sent={sent_time(&c.second)} {on_choose} />
            }
        });
        html! {
            <section aria-labelledby="conflicts-heading" data-testid="conflicts">
                <h3 id="conflicts-heading">{ msg::CONFLICTS_TITLE }</h3>
                <p>{ msg::CONFLICTS_HELP }</p>
                { for pairs }
            </section>
        }
    };
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
                    <input id="import-files" type="file" multiple=true accept=".json,.csv,.tsv,.txt,.xlsx" onchange={on_files} />
                </div>
            </section>
            { folder_view(FolderView {
                kept: (*folder_kept).clone(),
                record: browser::folder::load_record(&round.id).0,
                note: (*folder_note).clone(),
                on_folder,
                on_input: on_folder_input,
                on_forget: on_forget_folder,
            }) }
            <section aria-labelledby="paste-heading">
                <h2 id="paste-heading">{ msg::IMPORT_CODES }</h2>
                <label for="import-codes">{ msg::PASTE_CODES }</label>
                { hint(msg::PASTE_HINT) }
                <textarea id="import-codes" rows="6" value={(*pasted).clone()}
                    oninput={let p = pasted.clone(); Callback::from(move |e: InputEvent| p.set(event_value(&e)))} />
                <button type="button" class="button button-secondary" onclick={on_paste}>{ msg::READ_CODES }</button>
            </section>
            { table_view.unwrap_or_default() }
            if *busy { <p role="status">{ msg::READING }</p> }
            if let Some((_, report)) = &plan {
                <section aria-labelledby="check-heading">
                    <h2 id="check-heading">{ msg::CHECKED_TITLE }</h2>
                    { report_view(report, false) }
                    { conflicts_view(report) }
                    if report.changes_anything() {
                        <button type="button" class="button" onclick={on_apply}>{ msg::add_to_round(changes(report)) }</button>
                    }
                    <button type="button" class="button button-secondary" onclick={on_clear}>{ msg::CLEAR_LIST }</button>
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

/// Responses the import adds or changes: new, updated, and conflicts resolved other than
/// by keeping the first.
fn changes(report: &ImportReport) -> usize {
    report.added.len()
        + report.updated.len()
        + report
            .conflicts
            .iter()
            .filter(|c| c.choice != ConflictChoice::KeepFirst)
            .count()
}

/// Where this round's folder is kept (`static/folder.js`).
fn folder_key(round: &str) -> String {
    format!("answers:{round}")
}

/// Remembers the folder's files just added as read, except spreadsheets still waiting
/// for their columns (read with the next addition).
fn remember_read(round: &str, files: &UseStateHandle<Vec<SeenFile>>, tables: &[PendingTable]) {
    if files.is_empty() {
        return;
    }
    let (waiting, read): (Vec<SeenFile>, Vec<SeenFile>) = files.iter().cloned().partition(|f| {
        let base = f.name.rsplit('/').next().unwrap_or(&f.name);
        tables.iter().any(|t| t.prepared.name == base)
    });
    let (record, _) = browser::folder::load_record(round);
    let mut record = record.unwrap_or_else(|| FolderRecord::new(""));
    record.mark_read(&read);
    browser::folder::save_text(&browser::folder::record_key(round), &record.to_json());
    files.set(waiting);
}

struct FolderView {
    kept: Option<String>,
    record: Option<FolderRecord>,
    note: Option<String>,
    /// `true` to check the kept folder again, `false` to pick one.
    on_folder: Callback<bool>,
    on_input: Callback<Event>,
    on_forget: Callback<MouseEvent>,
}

/// The folder section: open a folder (kept where the browser can), check it again, or
/// the directory input where it cannot; what has been read, and the sentence for
/// respondents.
fn folder_view(v: FolderView) -> Html {
    let folder = v
        .kept
        .clone()
        .or_else(|| v.record.as_ref().map(|r| r.folder.clone()))
        .filter(|f| !f.is_empty());
    let read = v.record.as_ref().map_or(0, |r| r.read.len());
    let pick = v.on_folder.reform(|_: MouseEvent| false);
    let check = v.on_folder.reform(|_: MouseEvent| true);
    let body = if browser::folder::can_pick_folder() {
        html! {
            <div class="button-row">
                <button type="button" class="button button-secondary" onclick={pick}>{ msg::OPEN_FOLDER }</button>
                if v.kept.is_some() {
                    <button type="button" class="button" onclick={check}>{ msg::CHECK_FOLDER }</button>
                    <button type="button" class="link-button" onclick={v.on_forget}>{ msg::FOLDER_FORGET }</button>
                }
            </div>
        }
    } else if browser::folder::can_choose_directory() {
        html! {
            <div class="field">
                <label for="import-folder">{ msg::CHOOSE_FOLDER }</label>
                <p class="hint" id="import-folder-hint">{ msg::CHOOSE_FOLDER_HINT }</p>
                <input id="import-folder" type="file" webkitdirectory=true aria-describedby="import-folder-hint" onchange={v.on_input} />
            </div>
        }
    } else {
        html! { <p>{ msg::NO_FOLDER_SUPPORT }</p> }
    };
    html! {
        <section aria-labelledby="folder-heading" data-testid="folder">
            <h2 id="folder-heading">{ msg::FOLDER_TITLE }</h2>
            { hint(msg::FOLDER_LEAD) }
            if let Some(f) = &folder {
                <p data-testid="folder-in-use">{ msg::folder_in_use(f, read) }</p>
            }
            { body }
            if let Some(note) = v.note { <p role="status" data-testid="folder-note">{ note }</p> }
            if let Some(f) = &folder { <p class="hint">{ msg::folder_tell_respondents(f) }</p> }
        </section>
    }
}
