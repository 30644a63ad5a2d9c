//! The board report of a round, made for printing or saving as PDF: a summary of about
//! two pages in plain words (the overall stage with its caution, or for a readiness check
//! the readiness result with its conditions and their first actions; responses that agree
//! with everything; each topic's level now beside the people's view and the target, the
//! topics to work on first, what changed since the last round and whether its targets
//! were met, what we will do, the method in three sentences), then appendices with every
//! topic and statement in detail that leave out what cannot be computed.

use std::rc::Rc;

use trellis_core::analysis::{compare, DomainResult, RoundAnalysis, Verdict, MIN_GROUP};
use trellis_core::format::ActionStatus;
use trellis_core::scoring::format_score;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::charts::distribution_table;
use crate::components::names::{
    agenda_topic, answer_categories, domain_title, group_level_text, level_now_text, level_or_standing,
    level_text, statement_text,
};
use crate::components::readiness::{acquiescence_note, asks_readiness, readiness_body, readiness_only};
use crate::components::round_results::{reason_text, small_sample};
use crate::components::RoundResults;
use crate::messages as msg;
use crate::pages::context::{answer_text, question_text};
use crate::pages::{find_analysed_round, use_round_analyses};
use crate::route::{Link, Route};
use crate::state::use_app_state;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub id: AttrValue,
}

#[component]
pub fn ReportPage(props: &ReportProps) -> Html {
    let app = use_app_state();
    // This round and the one before it, for the change since then.
    let earlier = app.workspace.previous_round(&props.id);
    let ids = std::iter::once(props.id.to_string()).chain(earlier.map(|e| e.id.clone()));
    let analyses = use_round_analyses(&app, ids.collect(), MIN_GROUP);
    let this_round = analyses.first().cloned().flatten();
    let ((collaboration, round, instrument), analysis) =
        match find_analysed_round(&app, &props.id, this_round) {
            Ok(found) => found,
            Err(page) => return page,
        };
    let ask_levels = instrument.mode(&round.mode).is_some_and(|m| m.ask_levels);
    let partners: Vec<(String, String)> = collaboration
        .partners
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    let readiness = asks_readiness(&analysis, instrument);
    // A readiness check has no functioning topics: no levels table and no agenda.
    let levels = !readiness_only(&analysis, instrument);
    let change = earlier
        .zip(analyses.get(1).cloned().flatten())
        .map(|(e, before)| (e.name.clone(), compare(&before, &analysis)));
    let agreed_actions: Vec<_> = round
        .plan
        .iter()
        .filter(|i| i.status != ActionStatus::Dropped)
        .collect();
    let statements: Vec<(String, trellis_core::analysis::Distribution)> = analysis
        .statements
        .iter()
        .map(|s| {
            let text = statement_text(instrument, &s.statement);
            (text, s.distribution.clone())
        })
        .collect();
    let change_html = html! {
        <section aria-labelledby="r-change" class={classes!(levels.then_some("report-page-two"))}>
            <h2 id="r-change">{ msg::REPORT_WHAT_CHANGED }</h2>
            if change.is_some() && levels { { targets_met(&analysis, instrument) } }
            { change_section(instrument, &round.name, change.as_ref(), true) }
        </section>
    };
    // The partner map's concerns, when the round has the map and there are any.
    let partners_html = analysis
        .partners
        .as_ref()
        .map(|map| crate::components::partner_map::partner_map_summary(map, instrument, &partners))
        .unwrap_or_default();
    let actions_html = html! {
        <section aria-labelledby="r-actions">
            <h2 id="r-actions">{ msg::REPORT_WHAT_WE_WILL_DO }</h2>
            if agreed_actions.is_empty() {
                <p>{ msg::PLAN_EMPTY }</p>
            } else {
                <table class="data-table" data-testid="report-actions">
                    <thead><tr>
                        <th scope="col">{ msg::ACTION_TEXT }</th>
                        <th scope="col">{ msg::TOPIC }</th>
                        <th scope="col">{ msg::OWNER }</th>
                        <th scope="col">{ msg::DUE }</th>
                        <th scope="col">{ msg::STATUS }</th>
                    </tr></thead>
                    <tbody>
                        for item in agreed_actions.iter() {
                            <tr>
                                <td>{ item.title.clone() }</td>
                                <td>{ domain_title(instrument, &item.domain) }</td>
                                <td>{ item.owner.clone() }</td>
                                <td>{ msg::uk_date(&item.due) }</td>
                                <td>{ msg::status_name(item.status) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            }
        </section>
    };
    html! {
        <article class="report" data-testid="report">
            <p class="breadcrumb no-print"><Link to={Route::Results { id: round.id.clone() }}>{ msg::results_title(&round.name) }</Link></p>
            <p class="no-print">
                <button type="button" class="button" onclick={Callback::from(|_: MouseEvent| crate::browser::dom::print())}>{ msg::PRINT_REPORT }</button>
            </p>
            <div class="report-summary" data-testid="report-summary">
                <header class="report-header">
                    <p class="report-kicker">{ msg::BOARD_REPORT }</p>
                    <h1 tabindex="-1">{ format!("{}: {}", collaboration.name, round.name) }</h1>
                    <p class="meta">{ msg::report_meta(&round.date, analysis.n, collaboration.partners.len()) }</p>
                    if collaboration.example { <p class="tag example-tag">{ msg::EXAMPLE_LABEL }</p> }
                </header>
                if readiness {
                    <section aria-labelledby="r-stage" class="report-readiness" data-testid="report-readiness">
                        <h2 id="r-stage">{ msg::READINESS_RESULT_TITLE }</h2>
                        { readiness_body(&analysis, instrument, &partners, true) }
                    </section>
                } else {
                    <section aria-labelledby="r-stage">
                        <h2 id="r-stage">{ msg::REPORT_STAGE }</h2>
                        { stage(&analysis, instrument, ask_levels) }
                        { small_sample(&analysis) }
                        { acquiescence_note(&analysis, instrument) }
                    </section>
                }
                if levels {
                    <section aria-labelledby="r-levels" class="report-levels">
                        <h2 id="r-levels">{ msg::REPORT_WHERE_WE_ARE }</h2>
                        { levels_table(&analysis, instrument, ask_levels) }
                    </section>
                    <section aria-labelledby="r-focus">
                        <h2 id="r-focus">{ msg::REPORT_FOCUS }</h2>
                        { focus(&analysis, instrument) }
                    </section>
                }
                // A readiness check has no levels or agenda, so what we will do follows its
                // result on the first page; otherwise it follows what changed.
                if levels {
                    { change_html }
                    { partners_html }
                    { actions_html }
                } else {
                    { actions_html }
                    { change_html }
                    { partners_html }
                }
                <section aria-labelledby="r-method">
                    <h2 id="r-method">{ msg::REPORT_METHOD }</h2>
                    if readiness { <p>{ msg::READINESS_METHOD_SHORT }</p> }
                    // How levels are read says nothing about a readiness check.
                    for s in msg::METHOD_SHORT.iter().enumerate().filter(|(k, _)| levels || *k != 1).map(|(_, s)| s) {
                        <p>{ *s }</p>
                    }
                    <p data-testid="report-rules-version">{ msg::rules_version(trellis_core::analysis::RULES_VERSION) }</p>
                </section>
            </div>
            <section class="report-appendix" aria-labelledby="r-app-a">
                <h2 id="r-app-a">{ msg::APPENDIX_DOMAINS }</h2>
                { context_list(instrument, &round.context) }
                <RoundResults
                    analysis={analysis.clone()}
                    instrument={instrument.clone()}
                    partners={Rc::new(partners)}
                    {ask_levels}
                    contested_first={false}
                    on_order={Callback::noop()}
                    in_report={true}
                />
            </section>
            <section class="report-appendix" aria-labelledby="r-app-b">
                <h2 id="r-app-b">{ msg::APPENDIX_STATEMENTS }</h2>
                { distribution_table(&statements, &answer_categories(instrument)) }
            </section>
        </article>
    }
}

/// The collaboration's circumstances as this round records them (each round keeps its
/// own), which decide the critical topics and the actions that come first.
fn context_list(
    instrument: &Instrument,
    context: &std::collections::BTreeMap<String, trellis_core::format::ContextAnswer>,
) -> Html {
    let answered: Vec<(String, String)> = instrument
        .context()
        .iter()
        .filter_map(|q| {
            let answer = context.get(&q.id)?;
            Some((
                question_text(instrument, &q.id),
                answer_text(instrument, &q.id, Some(answer)),
            ))
        })
        .collect();
    html! {
        <section aria-labelledby="r-context" data-testid="report-context">
            <h3 id="r-context">{ msg::REPORT_CONTEXT }</h3>
            if answered.is_empty() {
                <p>{ msg::REPORT_NO_CONTEXT }</p>
            } else {
                <ul>
                    for (question, answer) in answered.iter() {
                        <li>{ format!("{question} {answer}") }</li>
                    }
                </ul>
            }
        </section>
    }
}

/// The overall stage in a sentence (full mode), or how many readiness conditions are in
/// place and which are not (readiness check).
fn stage(a: &RoundAnalysis, instrument: &Instrument, ask_levels: bool) -> Html {
    if !ask_levels {
        let missing: Vec<String> = a
            .readiness
            .iter()
            .filter(|c| c.in_place == Some(false))
            .map(|c| domain_title(instrument, &c.domain))
            .collect();
        let in_place = a.readiness.iter().filter(|c| c.in_place == Some(true)).count();
        return html! {
            <>
                <p class="stage-value">{ msg::readiness_summary(in_place, a.readiness.len()) }</p>
                if !missing.is_empty() { <p>{ format!("{} {}.", msg::READINESS_FIRST, missing.join(", ")) }</p> }
            </>
        };
    }
    let Some(level) = a.stage.level else {
        return html! { <p class="stage-value">{ msg::NOT_ENOUGH_ANSWERS }</p> };
    };
    let held: Vec<String> = a
        .stage
        .held_back_by
        .iter()
        .map(|d| domain_title(instrument, d))
        .collect();
    html! {
        <>
            <p class="stage-value">{ msg::stage_summary(&level_text(instrument, level)) }</p>
            if let (Some(median), false) = (a.stage.median, held.is_empty()) {
                <p>{ msg::stage_held_back(&level_text(instrument, median), &held.join(", ")) }</p>
            }
            <p class="hint">{ msg::STAGE_RULE }</p>
        </>
    }
}

/// Each topic's level now (agreed where recorded) in words and as a bar with its target,
/// beside the people's view and the target. Last round's targets are in "what changed".
fn levels_table(a: &RoundAnalysis, instrument: &Instrument, ask_levels: bool) -> Html {
    let levels = instrument.levels().len() as u8;
    let rows = a.domains.iter().map(|d| {
        let people = match (ask_levels, d.stats.as_ref()) {
            (true, _) => group_level_text(instrument, d.level),
            (false, Some(s)) => msg::average(Some(format_score(s.mean))),
            (false, None) => msg::NOT_ENOUGH_ANSWERS.to_string(),
        };
        html! {
            <tr data-testid={format!("report-level-{}", d.domain)}>
                <th scope="row">{ domain_title(instrument, &d.domain) }</th>
                <td>{ level_now_text(instrument, d) }</td>
                <td class="level-bar-cell">{ level_bar(d, levels) }</td>
                <td>{ people }</td>
                <td>{ d.target.map_or("–".to_string(), |l| level_text(instrument, l)) }</td>
            </tr>
        }
    });
    html! {
        <>
            <table class="data-table report-level-table" data-testid="report-levels">
                <caption class="visually-hidden">{ msg::REPORT_LEVEL_CHART }</caption>
                <thead><tr>
                    <th scope="col">{ msg::TOPIC }</th>
                    <th scope="col">{ msg::CURRENT_LEVEL }</th>
                    <th scope="col"><span class="visually-hidden">{ msg::REPORT_LEVEL_CHART }</span></th>
                    <th scope="col">{ if ask_levels { msg::PEOPLES_LEVEL } else { msg::PEOPLES_VIEW } }</th>
                    <th scope="col">{ msg::TARGET }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="hint">{ msg::LEVEL_NOW_RULE }</p>
        </>
    }
}

/// A small bar of the level now out of the instrument's levels, with the target as a
/// tick; the cells beside it say both in words, so the bar is hidden from screen readers.
fn level_bar(d: &DomainResult, levels: u8) -> Html {
    let width = 100.0;
    let x = |l: u8| f64::from(l) / f64::from(levels.max(1)) * width;
    html! {
        <svg class="level-bar" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="level-bar-track" x="0" y="2" width="100" height="8" />
            if let Some(l) = d.working_level() {
                <rect class="level-bar-fill" x="0" y="2" width={format!("{:.1}", x(l))} height="8" />
            }
            if let Some(t) = d.target {
                <rect class="level-bar-target" x={format!("{:.1}", (x(t) - 1.5).max(0.0))} y="0" width="3" height="12" />
            }
        </svg>
    }
}

/// The topics to work on first: the top of the agenda, keeping only topics with a reason
/// to talk (a topic at its target, agreed and not critical is not a gap).
fn focus(a: &RoundAnalysis, instrument: &Instrument) -> Html {
    let items: Vec<Html> = a
        .concerns()
        .into_iter()
        .map(|item| {
            let reasons: Vec<String> = item.reasons.iter().map(|r| reason_text(instrument, r, item.domain().and_then(|d| a.domain(d)))).collect();
            html! { <li><strong>{ agenda_topic(instrument, &item.topic) }</strong>{ format!(": {}.", reasons.join("; ")) }</li> }
        })
        .collect();
    if items.is_empty() {
        return html! { <p>{ msg::REPORT_NO_GAPS }</p> };
    }
    html! { <ol data-testid="report-focus">{ for items }</ol> }
}

/// Whether the targets set at the round before are met now: how many, then each one not
/// yet met with its target.
fn targets_met(a: &RoundAnalysis, instrument: &Instrument) -> Html {
    let set: Vec<&DomainResult> = a.domains.iter().filter(|d| d.earlier_target.is_some()).collect();
    if set.is_empty() {
        return html! { <p data-testid="targets-met">{ msg::REPORT_TARGETS_MET_NONE }</p> };
    }
    let met = set
        .iter()
        .filter(|d| d.earlier_target_met() == Some(true))
        .count();
    let not_met: Vec<String> = set
        .iter()
        .filter(|d| d.earlier_target_met() != Some(true))
        .filter_map(|d| {
            let target = level_text(instrument, d.earlier_target?);
            Some(msg::target_not_met(&domain_title(instrument, &d.domain), &target))
        })
        .collect();
    html! {
        <>
            <p data-testid="targets-met">{ msg::targets_met(met, set.len()) }</p>
            if !not_met.is_empty() && set.len() > 1 {
                <ul data-testid="targets-not-met">
                    for line in not_met.iter() { <li>{ line.clone() }</li> }
                </ul>
            }
        </>
    }
}

/// Change since the round before (`before` is its name, `now` this round's): when the two
/// used different questionnaire versions and `say_versions`, a sentence saying so (the
/// progress page says it for every pair of rounds above); per topic, the average
/// before and now with the verdict (not comparable where the questions changed), the
/// level (for a readiness topic, where it stands) at each, and the respondent-mix
/// warning.
pub fn change_section(
    instrument: &Instrument,
    now: &str,
    change: Option<&(String, trellis_core::analysis::Comparison)>,
    say_versions: bool,
) -> Html {
    let Some((before, c)) = change else {
        return html! { <p>{ msg::NO_EARLIER_ROUND }</p> };
    };
    let level = |domain: &str, l: Option<u8>| level_or_standing(instrument, domain, l);
    html! {
        <>
            if let (Some((earlier, later)), true) = (&c.versions, say_versions) {
                <p class="notice" data-testid="version-note">
                    { msg::versions_differ(before, &earlier.to_string(), now, &later.to_string()) }
                </p>
            }
            <table class="data-table" data-testid="change-table">
                <thead><tr>
                    <th scope="col">{ msg::TOPIC }</th>
                    <th scope="col" class="num">{ before.clone() }</th>
                    <th scope="col" class="num">{ msg::NOW }</th>
                    <th scope="col">{ msg::CHANGE }</th>
                    <th scope="col">{ msg::LEVEL_CHANGE }</th>
                </tr></thead>
                <tbody>
                    for d in c.domains.iter() {
                        <tr data-testid={format!("change-{}", d.domain)}>
                            <th scope="row">{ domain_title(instrument, &d.domain) }</th>
                            <td class="num">{ d.earlier.map_or("–".to_string(), format_score) }</td>
                            <td class="num">{ d.later.map_or("–".to_string(), format_score) }</td>
                            <td>{ verdict_text(d.verdict) }</td>
                            <td>
                                // Level numbers alone keep each row to one line on the
                                // board paper; page one names the level now.
                                if instrument.is_readiness(&d.domain) {
                                    { msg::level_change(&level(&d.domain, d.earlier_level), &level(&d.domain, d.later_level)) }
                                } else {
                                    { msg::level_change_short(d.earlier_level, d.later_level) }
                                }
                            </td>
                        </tr>
                    }
                </tbody>
            </table>
            if c.mix_changed { <p class="notice">{ msg::MIX_CHANGED }</p> }
            <p class="hint">{ msg::EARLY_DIP }</p>
        </>
    }
}

pub fn verdict_text(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => msg::IMPROVED,
        Verdict::Declined => msg::DECLINED,
        Verdict::NoClearChange => msg::NO_CLEAR_CHANGE,
        Verdict::TooFewAnswers => msg::TOO_FEW_TO_COMPARE,
        Verdict::QuestionsChanged => msg::QUESTIONS_CHANGED,
    }
}
