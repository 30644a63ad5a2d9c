//! The export page of a round (data.html#/round/:id/export): answers (a row per answer,
//! and a row per person in Trellis's own import columns), scores and summary as CSV for spreadsheets (and the partner ratings, for a round with a partner map), and
//! the round as a Trellis file another facilitator's browser can open, and the anonymised summary for comparing collaborations. It has a page of its own so the results page's bundle stays small.

use std::rc::Rc;

use trellis_core::analysis::RoundAnalysis;
use trellis_core::export::{answers_csv, answers_wide_csv, partner_ratings_csv, scores_csv, summary_csv};
use trellis_core::format::{Collaboration, Round, Workspace};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::browser::dom::event_value;
use crate::browser::files::download;
use crate::messages as msg;
use crate::pages::{find_analysed_round, hidden_by_workshop, min_group_field, use_round_analysis};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub id: AttrValue,
}

#[component]
pub fn ExportPage(props: &ExportProps) -> Html {
    let app = use_app_state();
    let status = use_state_eq(|| None::<String>);
    let min_group = use_state(|| trellis_core::analysis::MIN_GROUP);
    let analysis = use_round_analysis(&app, &props.id, *min_group);
    // The label the summary for comparison names the collaboration by; `None` until
    // the facilitator types one, so it follows the collaboration's name.
    let label = use_state(|| None::<String>);
    let ((collaboration, round, instrument), analysis) = match find_analysed_round(&app, &props.id, analysis)
    {
        Ok(found) => found,
        Err(page) => return page,
    };
    if let Some(page) = hidden_by_workshop(&app) {
        return page;
    }
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link></p>
            <h1 tabindex="-1">{ msg::export_title(&round.name) }</h1>
            <p class="lead">{ msg::results_count(analysis.n) }</p>
            { min_group_field(&min_group) }
            { export_section(&app.workspace, collaboration, round, instrument, &analysis, &status) }
            { comparison_section(collaboration, round, instrument, &analysis, &label, &status) }
            <p><Link to={Route::Results { id: round.id.clone() }}>{ msg::BACK_TO_RESULTS }</Link></p>
        </>
    }
}

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
    AnswersByPerson,
    Scores,
    Summary,
    PartnerRatings,
    RoundFile,
}

/// The export section for a round; `status` holds the last download's outcome.
fn export_section(
    workspace: &Rc<Workspace>,
    collaboration: &Collaboration,
    round: &Round,
    instrument: &Rc<Instrument>,
    analysis: &Rc<RoundAnalysis>,
    status: &UseStateHandle<Option<String>>,
) -> Html {
    let stem = format!("trellis-{}-{}", slug(&collaboration.name), round.date);
    // Offered for a round with the map, or one holding ratings given while it had one
    // (the file then has them, docs/exports.md).
    let has_ratings = round.partner_map
        || workspace
            .responses_for(&round.id)
            .any(|r| r.submitted.is_some() && !r.ties.is_empty());
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
                Kind::AnswersByPerson => (
                    format!("{stem}-answers-by-person.csv"),
                    answers_wide_csv(&i, &c, &r, &responses),
                    "text/csv",
                ),
                Kind::Scores => (
                    format!("{stem}-scores.csv"),
                    scores_csv(&i, &c, &r, &responses),
                    "text/csv",
                ),
                Kind::Summary => (format!("{stem}-summary.csv"), summary_csv(&i, &r, &a), "text/csv"),
                Kind::PartnerRatings => (
                    format!("{stem}-partner-ratings.csv"),
                    partner_ratings_csv(&c, &r, &responses),
                    "text/csv",
                ),
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
                { button(Kind::AnswersByPerson, msg::EXPORT_ANSWERS_BY_PERSON, "export-answers-by-person") }
                { button(Kind::Scores, msg::EXPORT_SCORES, "export-scores") }
                { button(Kind::Summary, msg::EXPORT_SUMMARY, "export-summary") }
                if has_ratings {
                    { button(Kind::PartnerRatings, msg::EXPORT_PARTNER_RATINGS, "export-partner-ratings") }
                }
                { button(Kind::RoundFile, msg::EXPORT_ROUND, "export-round") }
            </p>
            if has_ratings {
                <p class="hint" data-testid="export-partner-ratings-hint">{ msg::EXPORT_PARTNER_RATINGS_HINT }</p>
            }
            <p class="hint">{ msg::EXPORT_ANSWERS_BY_PERSON_HINT }</p>
            <p class="hint">{ msg::EXPORT_HINT }</p>
            <p role="status" class="export-status">{ (**status).clone().unwrap_or_default() }</p>
        </section>
    }
}

/// The anonymised summary of the round for comparing collaborations, under a label the
/// facilitator may change (the collaboration's name until they do).
fn comparison_section(
    collaboration: &Collaboration,
    round: &Round,
    instrument: &Rc<Instrument>,
    analysis: &Rc<RoundAnalysis>,
    label: &UseStateHandle<Option<String>>,
    status: &UseStateHandle<Option<String>>,
) -> Html {
    let text = (**label).clone().unwrap_or_else(|| collaboration.name.clone());
    let missing = text.trim().is_empty();
    let onclick = {
        let (c, r, i, a, status, text) = (
            collaboration.clone(),
            round.clone(),
            instrument.clone(),
            analysis.clone(),
            status.clone(),
            text.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if text.trim().is_empty() {
                return;
            }
            let number = c.rounds.iter().position(|x| x.id == r.id).map_or(1, |k| k + 1);
            let name = format!("trellis-summary-{}-round-{number}-{}.csv", slug(&text), r.date);
            let file = trellis_core::summary::summary_file(&i, &c, &r, &a, &text);
            status.set(Some(match download(&name, &file, "text/csv") {
                Ok(()) => msg::downloaded(&name),
                Err(e) => msg::download_failed(&e),
            }));
        })
    };
    let oninput = {
        let label = label.clone();
        Callback::from(move |e: InputEvent| label.set(Some(event_value(&e))))
    };
    html! {
        <section aria-labelledby="compare-export-heading" class="exports no-print">
            <h2 id="compare-export-heading">{ msg::EXPORT_COMPARE_TITLE }</h2>
            <p>{ msg::EXPORT_COMPARE_LEAD }</p>
            <div class={classes!("field", missing.then_some("field-error"))}>
                <label for="compare-label">{ msg::EXPORT_COMPARE_LABEL }</label>
                <p class="hint" id="compare-label-hint">{ msg::EXPORT_COMPARE_LABEL_HINT }</p>
                if missing {
                    <p class="error-message" id="compare-label-error">{ msg::EXPORT_COMPARE_NO_LABEL }</p>
                }
                <input id="compare-label" type="text" value={text} {oninput} aria-invalid={missing.then_some("true")}
                    aria-describedby={if missing { "compare-label-hint compare-label-error" } else { "compare-label-hint" }} />
            </div>
            <p><button type="button" class="button button-secondary" data-testid="export-comparison" disabled={missing} {onclick}>{ msg::EXPORT_COMPARE_BUTTON }</button></p>
            <p><Link to={Route::Compare}>{ msg::COMPARE_LINK }</Link></p>
        </section>
    }
}
