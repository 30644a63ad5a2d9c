//! The results of a round, as computed by the engine's round analysis: overall stage,
//! readiness result (`readiness.rs`) or readiness conditions, responses that agree with
//! everything, scores with spread, agreement and levels, the workshop agenda, suggested
//! actions, breakdowns by organisation and role (small groups protected) and reliability.

use std::rc::Rc;

use trellis_core::analysis::{
    Breakdown, Critical, DomainResult, GroupKey, GroupLevel, Reason, RoundAnalysis, SuggestedAction,
};
use trellis_core::chart::{bar_chart, heat_shade};
use trellis_core::scoring::{format_score, interval_on_scale};
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::markup::{hint, table};
use crate::components::names;
use crate::components::readiness::{acquiescence_note, asks_readiness, readiness_headline, readiness_only};

use crate::components::BarChartView;
use crate::messages as msg;

#[derive(Properties)]
pub struct RoundResultsProps {
    pub analysis: Rc<RoundAnalysis>,
    pub instrument: Rc<Instrument>,
    /// (partner id, partner name)
    pub partners: Rc<Vec<(String, String)>>,
    /// Whether this round's mode asks for maturity levels.
    pub ask_levels: bool,
    /// Order the agenda by disagreement instead of priority.
    pub contested_first: bool,
    /// Shown as the board report's appendix: no controls.
    #[prop_or_default]
    pub in_report: bool,
    pub on_order: Callback<bool>,
}

// The analysis by its address rather than its contents. An analysis is never changed
// once made, so the same address means the same analysis; and pages take it from
// `use_round_analysis`, which hands out the same one until what it is made from changes,
// so a different address means it was made again (at worst this view renders once more
// with equal numbers). Comparing every number of two analyses would add kilobytes to each
// results bundle.
impl PartialEq for RoundResultsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.instrument == other.instrument
            && self.partners == other.partners
            && self.ask_levels == other.ask_levels
            && self.contested_first == other.contested_first
            && self.in_report == other.in_report
            && self.on_order == other.on_order
    }
}

/// Words for numbers, looked up in the instrument and partner list.
struct Names<'a> {
    instrument: &'a Instrument,
    partners: &'a [(String, String)],
}

impl Names<'_> {
    fn domain(&self, id: &str) -> String {
        names::domain_title(self.instrument, id)
    }
    fn level(&self, level: u8) -> String {
        names::level_text(self.instrument, level)
    }
    fn condition(&self, c: &Critical) -> String {
        names::condition_label(self.instrument, c)
    }
    fn group(&self, key: &GroupKey) -> String {
        match key {
            GroupKey::Organisation(id) => self
                .partners
                .iter()
                .find(|(p, _)| p == id)
                .map_or_else(|| id.clone(), |(_, n)| n.clone()),
            GroupKey::Role(r) => msg::role_label(*r).to_string(),
        }
    }
    fn domain_level(&self, d: &DomainResult) -> String {
        names::group_level_text(self.instrument, d.level)
    }
    /// How a topic's chosen level and its scores differ, when they do.
    fn mismatch(&self, d: &DomainResult) -> Option<String> {
        mismatch_text(self.instrument, d)
    }
    /// A reason a topic is on the agenda; `d` is the topic's result (for a mismatch).
    fn reason(&self, r: &Reason, d: Option<&DomainResult>) -> String {
        reason_text(self.instrument, r, d)
    }
}

/// How a topic's chosen level and its scores differ ("people chose 4 Maturing but the
/// scores suggest 2 Developing"), when they do.
pub fn mismatch_text(instrument: &Instrument, d: &DomainResult) -> Option<String> {
    match (d.mismatch, d.level, d.band_level) {
        (true, GroupLevel::Chosen(chosen), Some(scores)) => Some(msg::mismatch(
            &names::level_text(instrument, chosen),
            &names::level_text(instrument, scores),
        )),
        _ => None,
    }
}

/// Why a topic is on the agenda, in words; `d` is the topic's result (for a mismatch).
pub fn reason_text(instrument: &Instrument, r: &Reason, d: Option<&DomainResult>) -> String {
    match r {
        Reason::BelowTarget {
            levels,
            target,
            target_set,
        } => msg::below_target(*levels, &names::level_text(instrument, *target), *target_set),
        Reason::Critical(c) => msg::critical_because(&names::condition_label(instrument, c)),
        Reason::Disagreement(a) => msg::disagreement(*a),
        Reason::Split => msg::SPLIT_REASON.to_string(),
        Reason::Mismatch => d.and_then(|d| mismatch_text(instrument, d)).unwrap_or_default(),
        Reason::OrganisationGap(g) => msg::organisation_gap(*g),
        Reason::NotEnoughAnswers => msg::NOT_ENOUGH_REASON.to_string(),
        Reason::PairsSeenDifferently(n) => msg::pairs_seen_differently(*n),
        Reason::FarFromWanted { pairs, largest } => msg::far_from_wanted(*pairs, *largest),
        Reason::FewStrongTies(n) => msg::few_strong_ties(*n),
    }
}

/// How much people agree on a topic, in words.
fn agreement_words(d: &DomainResult) -> String {
    d.agreement_band()
        .map_or_else(|| "–".to_string(), |band| msg::agreement_words(band).to_string())
}

/// The words with the agreement index, for the results table (the detail).
fn agreement_detail(d: &DomainResult) -> String {
    match d.agreement {
        Some(rwg) => format!("{} ({rwg:.2})", agreement_words(d)),
        None => agreement_words(d),
    }
}

#[component]
pub fn RoundResults(props: &RoundResultsProps) -> Html {
    let a = &props.analysis;
    let names = Names {
        instrument: &props.instrument,
        partners: &props.partners,
    };
    // A readiness check has no stage, agenda or levels to climb: its headline holds the
    // result, the conditions and their actions.
    let readiness = readiness_only(a, &props.instrument);
    html! {
        <>
            // The board report says these in its summary; its appendix holds the detail.
            if !props.in_report {
                { headline(a, &names, props.ask_levels) }
                if !readiness { { in_words(a, &names) } }
            }
            { scores(a, &names, props.ask_levels) }
            if !readiness {
                { agenda(a, &names, props.contested_first, (!props.in_report).then_some(&props.on_order)) }
                { actions(a, &names) }
            }
            // The report leaves out a breakdown with nothing to compare (one group or none).
            if !props.in_report || compared(&a.by_organisation) {
                { breakdown("by-organisation", msg::BY_ORGANISATION, &a.by_organisation, a, &names) }
            }
            { gaps(a, &names) }
            if !props.in_report || compared(&a.by_role) {
                { breakdown("by-role", msg::BY_ROLE, &a.by_role, a, &names) }
            }
            if let Some(map) = &a.partners {
                { crate::components::partner_map::partner_map_section(map, &props.instrument, &props.partners, a.min_group) }
            }
            { reliability(a, &names) }
        </>
    }
}

/// Strengths and concerns named in words (scoring rule 19).
fn in_words(a: &RoundAnalysis, names: &Names) -> Html {
    let strengths = a.strengths();
    let concerns = a.concerns();
    html! {
        <section aria-labelledby="words-heading" class="in-words" data-testid="in-words">
            <h2 id="words-heading">{ msg::IN_WORDS }</h2>
            <div class="words-grid">
                <div>
                    <h3>{ msg::GOING_WELL }</h3>
                    if strengths.is_empty() {
                        <p>{ msg::NOTHING_STANDS_OUT }</p>
                    } else {
                        <ul data-testid="strengths">
                            for d in strengths.iter() {
                                <li>{ msg::strength(&names.domain(&d.domain), &d.stats.as_ref().map_or(String::new(), |s| format_score(s.mean)), &agreement_words(d)) }</li>
                            }
                        </ul>
                    }
                </div>
                <div>
                    <h3>{ msg::NEEDS_ATTENTION }</h3>
                    if concerns.is_empty() {
                        <p>{ msg::NOTHING_STANDS_OUT }</p>
                    } else {
                        <ul data-testid="concerns">
                            for item in concerns.iter() {
                                <li>{ msg::concern(&names::agenda_topic(names.instrument, &item.topic), &item.reasons.iter().map(|r| names.reason(r, item.domain().and_then(|d| a.domain(d)))).collect::<Vec<_>>().join("; ")) }</li>
                            }
                        </ul>
                    }
                </div>
            </div>
        </section>
    }
}

/// The small-sample caution, when the round has fewer than ten respondents (a readiness
/// check's is `readiness::caution`).
pub fn small_sample(a: &RoundAnalysis) -> Html {
    if !a.small_sample() {
        return html! {};
    }
    html! { <p class="notice notice-warning" data-testid="small-sample">{ msg::small_sample(a.n) }</p> }
}

/// The readiness result (a round with readiness topics), the overall stage (full mode) or
/// the readiness conditions (the quick check, and 1.0.0's readiness check).
fn headline(a: &RoundAnalysis, names: &Names, ask_levels: bool) -> Html {
    if asks_readiness(a, names.instrument) {
        return readiness_headline(a, names.instrument, names.partners);
    }
    if !ask_levels {
        let missing: Vec<_> = a.readiness.iter().filter(|c| c.in_place == Some(false)).collect();
        let in_place: Vec<_> = a.readiness.iter().filter(|c| c.in_place == Some(true)).collect();
        return html! {
            <section aria-labelledby="readiness-heading" class="headline" data-testid="readiness">
                <h2 id="readiness-heading">{ msg::READINESS_TITLE }</h2>
                { small_sample(a) }
                { acquiescence_note(a, names.instrument) }
                if missing.is_empty() {
                    <p>{ msg::READINESS_ALL_IN_PLACE }</p>
                } else {
                    <p>{ msg::READINESS_FIRST }</p>
                    <ol data-testid="readiness-missing">
                        for c in missing.iter() {
                            <li>
                                <strong>{ names.domain(&c.domain) }</strong>
                                { format!(" – {}", msg::average(c.score.map(format_score))) }
                                if let Some(crit) = &c.critical { { format!(". {}", msg::critical_because(&names.condition(crit))) } }
                            </li>
                        }
                    </ol>
                }
                if !in_place.is_empty() {
                    <p>{ msg::READINESS_IN_PLACE }</p>
                    <ul data-testid="readiness-in-place">
                        for c in in_place.iter() { <li>{ names.domain(&c.domain) }</li> }
                    </ul>
                }
                { hint(msg::READINESS_RULE) }
            </section>
        };
    }
    let stage = match a.stage.level {
        Some(l) => names.level(l),
        None => msg::NOT_ENOUGH_ANSWERS.to_string(),
    };
    let held: Vec<String> = a.stage.held_back_by.iter().map(|d| names.domain(d)).collect();
    html! {
        <section aria-labelledby="stage-heading" class="headline" data-testid="stage">
            <h2 id="stage-heading">{ msg::STAGE_TITLE }</h2>
            <p class="stage-value">{ stage }</p>
            { small_sample(a) }
            { acquiescence_note(a, names.instrument) }
            if let (Some(median), false) = (a.stage.median, held.is_empty()) {
                <p data-testid="stage-held-back">{ msg::stage_held_back(&names.level(median), &held.join(", ")) }</p>
            }
            { hint(msg::STAGE_RULE) }
        </section>
    }
}

fn scores(a: &RoundAnalysis, names: &Names, ask_levels: bool) -> Html {
    let readiness = readiness_only(a, names.instrument);
    let items: Vec<(String, Option<f64>)> = a
        .domains
        .iter()
        .map(|d| (names.domain(&d.domain), d.stats.as_ref().map(|s| s.mean)))
        .collect();
    let max = f64::from(names.instrument.scale_max());
    let chart = bar_chart(&items, 1.0, max, msg::NOT_ENOUGH_ANSWERS);
    let rows = a.domains.iter().map(|d| {
        let s = d.stats.as_ref();
        let mean = s.map_or_else(|| msg::NOT_ENOUGH_ANSWERS.to_string(), |s| format_score(s.mean));
        let ci = s.and_then(|s| s.ci95).map_or("–".to_string(), |(lo, hi)| {
            let (lo, hi) = interval_on_scale((lo, hi), names.instrument.scale_max());
            format!("{} – {}", format_score(lo), format_score(hi))
        });
        let spread = s.map_or("–".to_string(), |s| {
            format!(
                "{} ({} – {})",
                format_score(s.median),
                format_score(s.q1),
                format_score(s.q3)
            )
        });
        let coverage = d.distribution.answered() as f64 / d.distribution.total().max(1) as f64;
        let target = d.target.map_or("–".to_string(), |t| names.level(t));
        html! {
            <tr data-testid={format!("result-{}", d.domain)}>
                <th scope="row">
                    { names.domain(&d.domain) }
                    if names.instrument.is_gate(&d.domain) {
                        <span class="tag">{ msg::GATE_TAG }</span>
                    } else if !d.functioning && !names.instrument.is_readiness(&d.domain) {
                        <span class="tag">{ msg::OUTCOME_TAG }</span>
                    }
                    if d.critical.is_some() { <span class="tag">{ msg::CRITICAL_TAG }</span> }
                </th>
                <td class="num" data-label={msg::SCORE}>{ mean }</td>
                <td class="num" data-label={msg::CI_95}>{ ci }</td>
                <td class="num" data-label={msg::MEDIAN_IQR}>{ spread }</td>
                <td class="num" data-label={msg::PEOPLE_SCORED}>{ format!("{} / {}", d.scores.len(), d.scores.len() + d.not_enough) }</td>
                <td class="num" data-label={msg::COVERAGE}>{ format!("{:.0}%", coverage * 100.0) }</td>
                <td data-label={msg::AGREEMENT}>{ agreement_detail(d) }</td>
                <td data-label={if readiness { msg::STANDING } else { msg::CURRENT_LEVEL }}>{ names::level_now_text(names.instrument, d) }</td>
                if ask_levels {
                    <td data-label={msg::PEOPLES_LEVEL}>
                        { names.domain_level(d) }
                        if let Some(m) = names.mismatch(d) { <span class="flag">{ format!(" ⚑ {m}") }</span> }
                    </td>
                }
                if ask_levels { <td data-label={msg::TARGET}>{ target }</td> }
            </tr>
        }
    });
    let all = [
        msg::TOPIC,
        msg::SCORE,
        msg::CI_95,
        msg::MEDIAN_IQR,
        msg::PEOPLE_SCORED,
        msg::COVERAGE,
        msg::AGREEMENT,
        if readiness {
            msg::STANDING
        } else {
            msg::CURRENT_LEVEL
        },
        msg::PEOPLES_LEVEL,
        msg::TARGET,
    ];
    let columns = if ask_levels { &all[..] } else { &all[..8] };
    html! {
        <section aria-labelledby="scores-heading">
            <h2 id="scores-heading">{ msg::SCORES_BY_TOPIC }</h2>
            <BarChartView id="domain-scores" title={msg::CHART_TITLE} description={msg::chart_description(&items)} {chart} />
            { table(Some("results-table"), Some("results-table stack-wide"), Some(msg::RESULTS_TABLE_CAPTION), columns, rows.collect()) }
            { hint(if readiness { msg::STANDING_RULE } else { msg::LEVEL_NOW_RULE }) }
        </section>
    }
}

fn agenda(
    a: &RoundAnalysis,
    names: &Names,
    contested_first: bool,
    on_order: Option<&Callback<bool>>,
) -> Html {
    let items: Vec<Html> = if contested_first {
        a.most_contested()
            .into_iter()
            .map(|d| {
                html! {
                    <li>
                        <strong>{ names.domain(&d.domain) }</strong>
                        { format!(" – {}", agreement_words(d)) }
                        if d.votes.split { { format!("; {}", msg::SPLIT_REASON) } }
                    </li>
                }
            })
            .collect()
    } else {
        a.agenda
            .iter()
            .map(|item| {
                let reasons: Vec<String> = item
                    .reasons
                    .iter()
                    .map(|r| names.reason(r, item.domain().and_then(|d| a.domain(d))))
                    .collect();
                html! {
                    <li>
                        <strong>{ names::agenda_topic(names.instrument, &item.topic) }</strong>
                        if !reasons.is_empty() { { format!(" – {}", reasons.join("; ")) } }
                    </li>
                }
            })
            .collect()
    };
    html! {
        <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{ msg::AGENDA_TITLE }</h2>
            if let Some(on_order) = on_order {
                <fieldset class="inline-choice">
                    <legend>{ msg::AGENDA_ORDER }</legend>
                    <div class="choice-block">
                        <input type="radio" id="order-priority" name="agenda-order" checked={!contested_first}
                            onchange={on_order.reform(|_| false)} />
                        <label for="order-priority">{ msg::ORDER_PRIORITY }</label>
                    </div>
                    <div class="choice-block">
                        <input type="radio" id="order-contested" name="agenda-order" checked={contested_first}
                            onchange={on_order.reform(|_| true)} />
                        <label for="order-contested">{ msg::ORDER_CONTESTED }</label>
                    </div>
                </fieldset>
            }
            if a.small_sample() {
                <p class="notice" data-testid="agenda-small-sample">{ msg::small_sample_order(a.n) }</p>
            }
            <ol data-testid="agenda">{ for items }</ol>
            <p class="hint">{ if contested_first { msg::CONTESTED_RULE } else { msg::AGENDA_RULE } }</p>
        </section>
    }
}

/// One suggested action as a card: its title (a heading of the level given, "h3" or
/// "h4"), topic, effort and time, what to do, why it works, `why` it is suggested here and
/// how to tell it is working.
pub fn action_card(instrument: &Instrument, s: &SuggestedAction, heading: &'static str, why: String) -> Html {
    let Some(action) = instrument.actions().iter().find(|x| x.id == s.action) else {
        return Html::default();
    };
    html! {
        <li class="card" data-testid={format!("action-{}", s.action)}>
            <@{heading}>{ action.title.clone() }</@>
            <p class="meta">{ msg::action_meta(&names::domain_title(instrument, &s.domain), &action.effort, &action.horizon) }</p>
            <p>{ action.detail.clone() }</p>
            <p><strong>{ msg::WHY_IT_WORKS }</strong>{ format!(" {}", action.why) }</p>
            <p><strong>{ msg::WHY_SUGGESTED }</strong>{ format!(" {why}") }</p>
            if !action.signs.is_empty() {
                <p><strong>{ msg::SIGNS }</strong>{ format!(" {}", names::plain_text(instrument, &action.signs)) }</p>
            }
        </li>
    }
}

fn actions(a: &RoundAnalysis, names: &Names) -> Html {
    let cards = a.actions.iter().map(|s| {
        action_card(
            names.instrument,
            s,
            "h3",
            names::why_suggested(names.instrument, s),
        )
    });
    html! {
        <section aria-labelledby="actions-heading">
            <h2 id="actions-heading">{ msg::ACTIONS_TITLE }</h2>
            if a.actions.is_empty() {
                <p class="empty">{ msg::NO_ACTIONS }</p>
            } else {
                <ul class="card-list" data-testid="actions">{ for cards }</ul>
            }
            { hint(msg::ACTIONS_RULE) }
        </section>
    }
}

/// Whether a breakdown shows at least two groups side by side.
fn compared(b: &Breakdown) -> bool {
    !b.withheld && b.groups.len() + usize::from(b.combined.is_some()) >= 2
}

fn breakdown(id: &str, title: &str, b: &Breakdown, a: &RoundAnalysis, names: &Names) -> Html {
    let heading = format!("{id}-heading");
    let body = if b.withheld || (b.groups.is_empty() && b.combined.as_ref().is_none_or(|c| c.n == a.n)) {
        html! { <p class="notice" data-testid={format!("{id}-withheld")}>{ msg::breakdown_withheld(a.min_group) }</p> }
    } else {
        // One column a group and one row a topic: a handful of groups fit a phone's
        // width and an A4 page, where a column for each of ten topics would not.
        let mut groups: Vec<(String, &trellis_core::analysis::GroupResult)> = b
            .groups
            .iter()
            .map(|g| (g.members.first().map(|k| names.group(k)).unwrap_or_default(), g))
            .collect();
        if let Some(g) = b.combined.as_ref() {
            let members: Vec<String> = g.members.iter().map(|k| names.group(k)).collect();
            groups.push((msg::combined_group(&members.join(", ")), g));
        }
        html! {
            <div class="table-wrap" role="region" tabindex="0" aria-label={title.to_string()}>
                <table data-testid={id.to_string()} class="heatmap stack">
                    <thead><tr>
                        <th scope="col">{ msg::TOPIC }</th>
                        for (label, _) in groups.iter() { <th scope="col">{ label.clone() }</th> }
                    </tr></thead>
                    <tbody>
                        <tr>
                            <th scope="row">{ msg::PEOPLE }</th>
                            for (label, g) in groups.iter() { <td class="num" data-label={label.clone()}>{ g.n }</td> }
                        </tr>
                        for (i, d) in a.domains.iter().enumerate() {
                            <tr>
                                <th scope="row">{ names.domain(&d.domain) }</th>
                                for (label, g) in groups.iter() {
                                    { heat_cell(label, g.means.get(i).copied().flatten()) }
                                }
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        }
    };
    html! {
        <section aria-labelledby={heading.clone()}>
            <h2 id={heading}>{ title }</h2>
            { body }
            <p class="hint">{ msg::HEATMAP_KEY }</p>
            <p class="hint">{ msg::suppression_rule(a.min_group) }</p>
        </section>
    }
}

/// One shaded cell of a breakdown: the group's mean for a topic, or a dash.
fn heat_cell(group: &str, mean: Option<f64>) -> Html {
    html! {
        <td class={classes!("num", mean.map(|v| format!("heat-{}", heat_shade(v, 1.0, 5.0))))} data-testid={mean.map(|_| "heat-cell")}
            data-label={group.to_string()}>
            { mean.map_or("–".to_string(), format_score) }
        </td>
    }
}

fn gaps(a: &RoundAnalysis, names: &Names) -> Html {
    let flagged: Vec<_> = a.organisation_gaps.iter().filter(|g| g.flagged).collect();
    if a.organisation_gaps.is_empty() {
        return html! {};
    }
    html! {
        <section aria-labelledby="gaps-heading">
            <h3 id="gaps-heading">{ msg::GAPS_TITLE }</h3>
            if flagged.is_empty() {
                <p data-testid="gaps">{ msg::NO_BIG_GAPS }</p>
            } else {
                <ul data-testid="gaps">
                    for g in flagged.iter() {
                        <li>{ msg::gap_line(&names.domain(&g.domain), &names.group(&GroupKey::Organisation(g.highest.clone())), &names.group(&GroupKey::Organisation(g.lowest.clone())), &format_score(g.gap)) }</li>
                    }
                </ul>
            }
        </section>
    }
}

fn reliability(a: &RoundAnalysis, names: &Names) -> Html {
    let rows = a.reliability.iter().map(|r| {
        let alpha = match r.alpha {
            Some(alpha) => format!(
                "{alpha:.2}{}",
                if r.low_alpha {
                    format!(" ⚑ {}", msg::LOW)
                } else {
                    String::new()
                }
            ),
            None => msg::needs_complete(r.complete),
        };
        let low: Vec<String> = r
            .low_items
            .iter()
            .filter_map(|s| {
                names
                    .instrument
                    .statements()
                    .iter()
                    .find(|x| &x.id == s)
                    .map(|x| format!("“{}”", x.text))
            })
            .collect();
        html! {
            <tr>
                <th scope="row">{ names.domain(&r.domain) }</th>
                <td class="num" data-label={msg::COMPLETE_RESPONSES}>{ r.complete }</td>
                <td data-label={msg::ALPHA}>{ alpha }</td>
                <td data-label={msg::WEAK_STATEMENTS}>{ if low.is_empty() { "–".to_string() } else { low.join("; ") } }</td>
            </tr>
        }
    });
    // Where nothing can be computed yet, one sentence says so instead of a table of
    // "needs 10 complete answers" on every row.
    let computed = a.reliability.iter().any(|r| r.alpha.is_some());
    html! {
        <section aria-labelledby="reliability-heading">
            <h2 id="reliability-heading">{ msg::RELIABILITY_TITLE }</h2>
            if computed {
                <p>{ msg::RELIABILITY_LEAD }</p>
                { table(Some("reliability"), None, None, &[msg::TOPIC, msg::COMPLETE_RESPONSES, msg::ALPHA, msg::WEAK_STATEMENTS], rows.collect()) }
            } else {
                <p data-testid="reliability-none">{ msg::RELIABILITY_NONE_YET }</p>
            }
        </section>
    }
}
