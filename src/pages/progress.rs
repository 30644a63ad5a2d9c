//! Progress over time for a collaboration: each topic's score across its rounds with
//! 95% intervals, the engine's verdict and the levels between the last two rounds, the
//! respondent-mix warning, the note about an early dip, the rounds that used different
//! questionnaire versions (levels compare across them, scores only where the questions
//! were the same), and the context answers that changed between rounds (each round is
//! read under its own).

use trellis_core::analysis::{compare, RoundAnalysis, MIN_GROUP};
use trellis_core::chart::TrendItem;
use trellis_core::format::Round;
use trellis_core::scoring::format_score;
use trellis_core::workspace::context_changes;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::charts::trend_figure;
use crate::components::names::{domain_title, level_or_standing};
use crate::messages as msg;
use crate::pages::context::{answer_text, question_text};
use crate::pages::report::{change_section, verdict_text};
use crate::pages::{find_collaboration, use_round_analyses};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub id: AttrValue,
}

/// The context answers that changed from each round to the next, if any did: scores read
/// under different contexts may not compare like with like.
fn context_section(instrument: &Instrument, rounds: &[&Round]) -> Html {
    let pairs: Vec<(&Round, &Round, Vec<String>)> = rounds
        .windows(2)
        .filter_map(|pair| {
            let (earlier, later) = (pair[0], pair[1]);
            let changes: Vec<String> = context_changes(instrument, &earlier.context, &later.context)
                .iter()
                .map(|c| {
                    msg::context_change(
                        &question_text(instrument, &c.question),
                        &answer_text(instrument, &c.question, c.before.as_ref()),
                        &earlier.name,
                        &answer_text(instrument, &c.question, c.after.as_ref()),
                        &later.name,
                    )
                })
                .collect();
            (!changes.is_empty()).then_some((earlier, later, changes))
        })
        .collect();
    if pairs.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="context-changed-heading" data-testid="context-changes">
            <h2 id="context-changed-heading">{ msg::CONTEXT_CHANGED_TITLE }</h2>
            <p>{ msg::CONTEXT_CHANGED_LEAD }</p>
            for (earlier, later, changes) in pairs {
                <p>{ msg::context_changed_between(&earlier.name, &later.name) }</p>
                <ul>
                    for text in changes { <li>{ text }</li> }
                </ul>
            }
        </section>
    }
}

/// Each pair of rounds in a row that used different questionnaire versions, in a sentence.
pub fn versions_section(rounds: &[(&Round, &RoundAnalysis)]) -> Html {
    let notes: Vec<String> = rounds
        .windows(2)
        .filter(|pair| pair[0].1.version != pair[1].1.version)
        .map(|pair| {
            let ((earlier, a), (later, b)) = (pair[0], pair[1]);
            msg::versions_differ(
                &earlier.name,
                &a.version.to_string(),
                &later.name,
                &b.version.to_string(),
            )
        })
        .collect();
    if notes.is_empty() {
        return Html::default();
    }
    html! {
        <div class="notice" data-testid="version-notes">
            for note in notes { <p>{ note }</p> }
        </div>
    }
}

#[component]
pub fn ProgressPage(props: &ProgressProps) -> Html {
    let app = use_app_state();
    let mut rounds: Vec<&Round> = app
        .workspace
        .collaboration(&props.id)
        .map_or_else(Vec::new, |c| c.rounds.iter().collect());
    rounds.sort_by(|a, b| (&a.date, a.created).cmp(&(&b.date, b.created)));
    let analysed = use_round_analyses(&app, rounds.iter().map(|r| r.id.clone()).collect(), MIN_GROUP);
    let (collaboration, instrument) = match find_collaboration(&app, &props.id) {
        Ok(found) => found,
        Err(page) => return page,
    };
    // Rounds whose instrument this build no longer has are left out.
    let analyses: Vec<(&Round, &RoundAnalysis)> = rounds
        .iter()
        .zip(analysed.iter())
        .filter_map(|(r, a)| Some((*r, &**a.as_ref()?)))
        .collect();
    let last_two = match analyses.as_slice() {
        [.., (e, before), (_, after)] => Some((e.name.clone(), compare(before, after))),
        _ => None,
    };
    let later_name = analyses.last().map_or(String::new(), |(r, _)| r.name.clone());
    // The functioning topics, and the readiness topics any round asked about.
    let domains: Vec<_> = instrument
        .domains()
        .iter()
        .filter(|d| {
            instrument.is_functioning(&d.id)
                || (instrument.is_readiness(&d.id) && analyses.iter().any(|(_, a)| a.domain(&d.id).is_some()))
        })
        .collect();
    let cards = domains.iter().map(|d| {
        let items: Vec<TrendItem> = analyses
            .iter()
            .map(|(r, a)| {
                let s = a.domain(&d.id).and_then(|x| x.stats.as_ref());
                (msg::uk_month(&r.date), s.map(|s| s.mean), s.and_then(|s| s.ci95))
            })
            .collect();
        let said: Vec<String> = analyses
            .iter()
            .map(|(r, a)| {
                let mean = a.domain(&d.id).and_then(|x| x.stats.as_ref()).map_or("–".to_string(), |s| format_score(s.mean));
                format!("{} {}", r.name, mean)
            })
            .collect();
        let latest = last_two
            .as_ref()
            .and_then(|(_, c)| c.domains.iter().find(|x| x.domain == d.id));
        let verdict = latest.map(|x| verdict_text(x.verdict));
        let level = latest.map(|x| {
            msg::level_change(
                &level_or_standing(instrument, &d.id, x.earlier_level),
                &level_or_standing(instrument, &d.id, x.later_level),
            )
        });
        html! {
            <li class="trend-card" data-testid={format!("trend-{}", d.id)}>
                <h3>{ d.title.clone() }</h3>
                { trend_figure(&d.title, &items, said.join("; ")) }
                if let Some(v) = verdict { <p class="verdict"><strong>{ msg::LATEST_CHANGE }</strong>{ format!(" {v}") }</p> }
                if let Some(l) = level { <p class="verdict" data-testid={format!("trend-level-{}", d.id)}><strong>{ format!("{}:", msg::LEVEL_CHANGE) }</strong>{ format!(" {l}") }</p> }
            </li>
        }
    });
    html! {
        <>
            <p class="breadcrumb"><Link to={Route::Collaboration { id: collaboration.id.clone() }}>{ collaboration.name.clone() }</Link></p>
            <h1 tabindex="-1">{ msg::progress_title(&collaboration.name) }</h1>
            if analyses.len() < 2 {
                <p class="empty" data-testid="progress-empty">{ msg::PROGRESS_NEEDS_TWO }</p>
            } else {
                <p class="lead">{ msg::PROGRESS_LEAD }</p>
                { versions_section(&analyses) }
                { context_section(instrument, &analyses.iter().map(|(r, _)| *r).collect::<Vec<_>>()) }
                <ul class="trend-grid" data-testid="trends">{ for cards }</ul>
                <section aria-labelledby="change-heading">
                    <h2 id="change-heading">{ msg::REPORT_CHANGE }</h2>
                    // Scrolls on its own on a narrow screen rather than widening the page.
                    <div class="table-wrap" role="region" tabindex="0" aria-label={msg::REPORT_CHANGE}>
                        { change_section(instrument, &later_name, last_two.as_ref(), false) }
                    </div>
                </section>
                <section aria-labelledby="all-rounds-heading">
                    <h2 id="all-rounds-heading">{ msg::ALL_ROUNDS }</h2>
                    <div class="table-wrap" role="region" tabindex="0" aria-label={msg::ALL_ROUNDS}>
                        <table class="data-table stack" data-testid="progress-table">
                            <thead><tr>
                                <th scope="col">{ msg::TOPIC }</th>
                                for (r, _) in analyses.iter() { <th scope="col" class="num">{ msg::round_and_date(&r.name, &r.date) }</th> }
                            </tr></thead>
                            <tbody>
                                for d in domains.iter() {
                                    <tr>
                                        <th scope="row">{ domain_title(instrument, &d.id) }</th>
                                        for (r, a) in analyses.iter() {
                                            <td class="num" data-label={msg::round_and_date(&r.name, &r.date)}>{ a.domain(&d.id).and_then(|x| x.stats.as_ref()).map_or("–".to_string(), |s| format_score(s.mean)) }</td>
                                        }
                                    </tr>
                                }
                                <tr>
                                    <th scope="row">{ msg::PEOPLE_ANSWERED }</th>
                                    for (r, a) in analyses.iter() { <td class="num" data-label={msg::round_and_date(&r.name, &r.date)}>{ a.n }</td> }
                                </tr>
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        </>
    }
}
