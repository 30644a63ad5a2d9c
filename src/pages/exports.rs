//! The export buttons of a round: answers, scores and summary as CSV for spreadsheets,
//! and the round as a Trellis file another facilitator's browser can open.

use std::rc::Rc;

use trellis_core::analysis::RoundAnalysis;
use trellis_core::export::{answers_csv, scores_csv, summary_csv};
use trellis_core::format::{Collaboration, Round, Workspace};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser::files::download;
use crate::messages as msg;

/// A file-name-safe version of a name: ASCII letters and digits, words joined by `-`.
pub fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    if words.is_empty() {
        "trellis".to_string()
    } else {
        words.join("-")
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Answers,
    Scores,
    Summary,
    RoundFile,
}

/// The export section for a round; `status` holds the last download's outcome.
pub fn export_section(
    workspace: &Rc<Workspace>,
    collaboration: &Collaboration,
    round: &Round,
    instrument: &Rc<Instrument>,
    analysis: &Rc<RoundAnalysis>,
    status: &UseStateHandle<Option<String>>,
) -> Html {
    let stem = format!("trellis-{}-{}", slug(&collaboration.name), round.date);
    let button = |kind: Kind, label: &'static str, test: &'static str| {
        let (ws, c, r, i, a, stem, status) = (
            workspace.clone(),
            collaboration.clone(),
            round.clone(),
            instrument.clone(),
            analysis.clone(),
            stem.clone(),
            status.clone(),
        );
        let onclick = Callback::from(move |_: MouseEvent| {
            // Every response of the round; the CSV writers keep only those sent.
            let responses: Vec<_> = ws.responses_for(&r.id).collect();
            let (name, text, mime) = match kind {
                Kind::Answers => (
                    format!("{stem}-answers.csv"),
                    answers_csv(&i, &c, &r, &responses),
                    "text/csv",
                ),
                Kind::Scores => (
                    format!("{stem}-scores.csv"),
                    scores_csv(&i, &c, &r, &responses),
                    "text/csv",
                ),
                Kind::Summary => (format!("{stem}-summary.csv"), summary_csv(&i, &r, &a), "text/csv"),
                Kind::RoundFile => (
                    format!("{stem}.trellis.json"),
                    ws.extract(&c.id, Some(&r.id))
                        .map(|w| w.to_json())
                        .unwrap_or_default(),
                    "application/json",
                ),
            };
            status.set(Some(match download(&name, &text, mime) {
                Ok(()) => msg::downloaded(&name),
                Err(e) => msg::download_failed(&e),
            }));
        });
        html! { <button type="button" class="button button-secondary" data-testid={test} {onclick}>{ label }</button> }
    };
    html! {
        <section aria-labelledby="export-heading" class="exports no-print">
            <h2 id="export-heading">{ msg::EXPORT_TITLE }</h2>
            <p>{ msg::EXPORT_LEAD }</p>
            <p class="export-buttons">
                { button(Kind::Answers, msg::EXPORT_ANSWERS, "export-answers") }
                { button(Kind::Scores, msg::EXPORT_SCORES, "export-scores") }
                { button(Kind::Summary, msg::EXPORT_SUMMARY, "export-summary") }
                { button(Kind::RoundFile, msg::EXPORT_ROUND, "export-round") }
            </p>
            <p class="hint">{ msg::EXPORT_HINT }</p>
            <p role="status" class="export-status">{ (**status).clone().unwrap_or_default() }</p>
        </section>
    }
}
