//! The comparison page (`#/compare`): a regional analyst opens many summary files
//! (picked or dropped), sees which could not be used and why, picks a collaboration to
//! highlight, and sees them side by side. Nothing is stored: the files live in this
//! page's state only.

use std::rc::Rc;

use trellis_core::summary::{compare_collaborations, gather, read_summary_file, SummaryFile};
use yew::prelude::*;

use crate::browser::files::{dropped_files, input_files, read_all, FileInput, Files};
use crate::components::comparison::Comparison;
use crate::messages as msg;

#[component]
pub fn ComparePage() -> Html {
    // Every file read so far, as read (duplicates are counted once when compared).
    let files = use_state(|| Rc::new(Vec::<SummaryFile>::new()));
    let problems = use_state(Vec::<String>::new);
    let highlight = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // Counts changes to `files`, so the comparison is worked out again only then (two
    // hundred files are slow to compare for equality on every render).
    let revision = use_state(|| 0usize);
    let gathered = {
        let files = files.clone();
        use_memo(*revision, move |_| gather(files.to_vec()))
    };
    let overview = use_memo(
        (gathered.clone(), (*highlight).clone()),
        |(gathered, highlight)| Rc::new(compare_collaborations(&gathered.0, highlight.as_deref())),
    );
    let take = {
        let (files, problems, busy, revision) =
            (files.clone(), problems.clone(), busy.clone(), revision.clone());
        Rc::new(move |list: Files, input: Option<FileInput>| {
            let (files, problems, busy, revision) =
                (files.clone(), problems.clone(), busy.clone(), revision.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let mut read = (**files).clone();
                let mut errors = (*problems).clone();
                let read_now = read_all(list).await;
                // Cleared only once read: the input's list of files empties with it.
                if let Some(input) = input {
                    input.clear();
                }
                for (name, text) in read_now {
                    match text {
                        Ok(text) => match read_summary_file(&name, &text) {
                            Ok(file) => read.push(file),
                            Err(e) => errors.push(msg::summary_error(&e)),
                        },
                        Err(why) => errors.push(format!("{name}: {why}")),
                    }
                }
                files.set(Rc::new(read));
                revision.set(*revision + 1);
                problems.set(errors);
                busy.set(false);
            });
        })
    };
    let on_files = {
        let take = take.clone();
        Callback::from(move |e: Event| {
            if let Some(list) = input_files(&e) {
                take(list, Some(FileInput::of(&e)));
            }
        })
    };
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(list) = dropped_files(&e) {
            take(list, None);
        }
    });
    let on_clear = {
        let (files, problems, highlight, revision) = (
            files.clone(),
            problems.clone(),
            highlight.clone(),
            revision.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            files.set(Rc::new(Vec::new()));
            revision.set(*revision + 1);
            problems.set(Vec::new());
            highlight.set(None);
        })
    };
    let on_highlight = {
        let highlight = highlight.clone();
        Callback::from(move |key: Option<String>| highlight.set(key))
    };
    let (used, duplicates) = &*gathered;
    html! {
        <>
            <h1 tabindex="-1">{ msg::COMPARE_TITLE }</h1>
            <p class="lead">{ msg::COMPARE_LEAD }</p>
            <p class="notice" data-testid="compare-caution">{ msg::COMPARE_CAUTION }</p>
            <section aria-labelledby="compare-files-heading">
                <h2 id="compare-files-heading">{ msg::COMPARE_FILES }</h2>
                <div class="drop-zone" data-testid="compare-drop" ondrop={on_drop} ondragover={Callback::from(|e: DragEvent| e.prevent_default())}>
                    <label for="compare-files">{ msg::COMPARE_CHOOSE }</label>
                    <p class="hint" id="compare-files-hint">{ msg::COMPARE_DROP_HINT }</p>
                    <input id="compare-files" type="file" multiple=true accept=".csv,text/csv" aria-describedby="compare-files-hint" onchange={on_files} />
                </div>
                <p role="status">{ if *busy { msg::COMPARE_READING } else { "" } }</p>
                if !problems.is_empty() {
                    <div class="notice notice-warning" role="alert" data-testid="compare-problems">
                        <p>{ msg::COMPARE_NOT_USED }</p>
                        <ul>for p in problems.iter() { <li>{ p.clone() }</li> }</ul>
                    </div>
                }
                if !duplicates.is_empty() {
                    <ul class="notice" data-testid="compare-duplicates">
                        for d in duplicates.iter() { <li>{ msg::compare_duplicate(&d.file, &d.kept) }</li> }
                    </ul>
                }
                if !files.is_empty() {
                    <p><button type="button" class="button button-secondary" onclick={on_clear}>{ msg::COMPARE_CLEAR }</button></p>
                }
            </section>
            if !used.is_empty() {
                <Comparison overview={(*overview).clone()} files={used.len()}
                    highlight={(*highlight).clone().map(AttrValue::from)} {on_highlight} />
            }
        </>
    }
}
