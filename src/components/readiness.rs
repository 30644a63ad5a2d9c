//! The readiness result of a round in words (docs/scoring.md, rule 15): the verdict, why
//! it is to reconsider, each condition with where it stands and its actions, the topics in
//! place and whom one is not yet in place for; and the note on responses that agree with
//! everything (rule 3b), which every results view of a round carries.

use trellis_core::analysis::{
    ReadinessDomain, ReadinessResult, ReadinessVerdict, ReconsiderReason, RoundAnalysis,
};
use trellis_core::scoring::format_score;
use trellis_core::Instrument;
use yew::prelude::*;

use crate::components::names;
use crate::components::round_results::action_card;
use crate::messages as msg;

/// Whether the round asks about any readiness topic (the readiness check of 2.0.0).
pub fn asks_readiness(a: &RoundAnalysis, instrument: &Instrument) -> bool {
    a.domains.iter().any(|d| instrument.is_readiness(&d.domain))
}

/// Whether every topic of the round is a readiness topic, so it has no stage, workshop
/// agenda or levels to climb.
pub fn readiness_only(a: &RoundAnalysis, instrument: &Instrument) -> bool {
    !a.domains.is_empty() && a.domains.iter().all(|d| instrument.is_readiness(&d.domain))
}

/// The verdict in words; `None` is no result (too few answers).
pub fn verdict_words(verdict: Option<ReadinessVerdict>) -> &'static str {
    match verdict {
        Some(ReadinessVerdict::Ready) => msg::VERDICT_READY,
        Some(ReadinessVerdict::ReadyWithConditions) => msg::VERDICT_CONDITIONS,
        Some(ReadinessVerdict::Reconsider) => msg::VERDICT_RECONSIDER,
        None => msg::VERDICT_UNKNOWN,
    }
}

/// The verdict as a stable word for tests and styles.
fn verdict_id(verdict: Option<ReadinessVerdict>) -> &'static str {
    match verdict {
        Some(ReadinessVerdict::Ready) => "ready",
        Some(ReadinessVerdict::ReadyWithConditions) => "conditions",
        Some(ReadinessVerdict::Reconsider) => "reconsider",
        None => "unknown",
    }
}

/// An organisation's name from the round's partners, or its id.
fn partner_name(partners: &[(String, String)], id: &str) -> String {
    partners
        .iter()
        .find(|(p, _)| p == id)
        .map_or_else(|| id.to_string(), |(_, name)| name.clone())
}

/// The results page's headline for a round with readiness topics: the whole result, each
/// condition with all its actions.
pub fn readiness_headline(a: &RoundAnalysis, instrument: &Instrument, partners: &[(String, String)]) -> Html {
    let verdict = verdict_id(a.readiness_result.as_ref().map(|r| r.verdict));
    html! {
        <section aria-labelledby="readiness-heading" class={classes!("headline", "readiness-result", format!("result-{verdict}"))}
            data-testid="readiness-result">
            <h2 id="readiness-heading">{ msg::READINESS_RESULT_TITLE }</h2>
            { readiness_body(a, instrument, partners, false) }
        </section>
    }
}

/// The readiness result under a heading the caller gives: the verdict, the small-sample
/// caution and the note on responses that agree with everything, why (or what is missing
/// for a result), the conditions and the topics in place, and how it is worked out. `compact` (the board report's first page) gives each
/// condition its first action only.
pub fn readiness_body(
    a: &RoundAnalysis,
    instrument: &Instrument,
    partners: &[(String, String)],
    compact: bool,
) -> Html {
    let verdict = a.readiness_result.as_ref().map(|r| r.verdict);
    let gates: Vec<String> = a
        .domains
        .iter()
        .filter(|d| instrument.is_gate(&d.domain))
        .map(|d| names::domain_title(instrument, &d.domain))
        .collect();
    html! {
        <>
            <p class={classes!("stage-value", "verdict", format!("verdict-{}", verdict_id(verdict)))}
                data-testid="readiness-verdict">{ verdict_words(verdict) }</p>
            { caution(a) }
            { acquiescence_note(a, instrument) }
            { match a.readiness_result.as_ref() {
                Some(r) => result(a, r, instrument, partners, compact),
                None => missing(a, instrument),
            } }
            <p class="hint">{ msg::readiness_result_rule(&gates) }</p>
        </>
    }
}

/// The small-sample caution of a readiness check (with a result or not), when fewer than
/// ten people answered.
pub fn caution(a: &RoundAnalysis) -> Html {
    if !a.small_sample() {
        return Html::default();
    }
    html! { <p class="notice notice-warning" data-testid="small-sample">{ msg::small_sample_readiness(a.n) }</p> }
}

/// Why there is no result: how many topics have a score, and which have too few answers.
fn missing(a: &RoundAnalysis, instrument: &Instrument) -> Html {
    let topics: Vec<_> = a
        .domains
        .iter()
        .filter(|d| instrument.is_readiness(&d.domain))
        .collect();
    let without: Vec<String> = topics
        .iter()
        .filter(|d| d.stats.is_none())
        .map(|d| names::domain_title(instrument, &d.domain))
        .collect();
    let scored = topics.len() - without.len();
    html! {
        <p data-testid="readiness-missing-answers">{ msg::readiness_unknown(scored, topics.len(), &without) }</p>
    }
}

fn result(
    a: &RoundAnalysis,
    r: &ReadinessResult,
    instrument: &Instrument,
    partners: &[(String, String)],
    compact: bool,
) -> Html {
    let conditions: Vec<&ReadinessDomain> = r.conditions().collect();
    let in_place: Vec<&ReadinessDomain> = r.domains.iter().filter(|d| !d.is_condition()).collect();
    let reasons: Vec<String> = r
        .reasons
        .iter()
        .map(|reason| match reason {
            ReconsiderReason::GateAgainst { domain, score } => {
                msg::reason_gate_against(&names::domain_title(instrument, domain), *score)
            }
            ReconsiderReason::MostNotInPlace { not_in_place, scored } => {
                msg::reason_most_not_in_place(*not_in_place, *scored)
            }
        })
        .collect();
    html! {
        <>
            if !reasons.is_empty() {
                <p>{ msg::RECONSIDER_LEAD }</p>
                <ul data-testid="readiness-reasons">
                    for reason in reasons { <li>{ reason }</li> }
                </ul>
            }
            if conditions.is_empty() {
                <p>{ msg::READY_LEAD }</p>
            } else {
                <p>{ if r.verdict == ReadinessVerdict::Reconsider { msg::RECONSIDER_MISSING } else { msg::CONDITIONS_LEAD } }</p>
                <ol class="condition-list" data-testid="readiness-conditions">
                    for d in conditions { { condition(a, d, instrument, compact) } }
                </ol>
            }
            if !in_place.is_empty() {
                <p>{ msg::IN_PLACE_NOW }</p>
                <ul data-testid="readiness-in-place">
                    for d in in_place { { placed(d, instrument, partners) } }
                </ul>
            }
        </>
    }
}

/// Where a condition stands in a sentence or two: "Not yet in place: average 2.9.", then
/// whether it is a gate and whether it is critical for this collaboration (and why).
pub fn condition_standing(a: &RoundAnalysis, d: &ReadinessDomain, instrument: &Instrument) -> String {
    let mut text = msg::standing_sentence(names::standing_text(d.state), d.score);
    if d.gate {
        text = format!("{text} {}", msg::A_GATE);
    }
    if let Some(critical) = a.domain(&d.domain).and_then(|x| x.critical.as_ref()) {
        let why = msg::critical_because(&names::condition_label(instrument, critical));
        text = format!("{text} {}", msg::sentence(&why));
    }
    text
}

/// One condition: its topic, where it stands, whether it is a gate or critical here, and
/// its actions (the first only when `compact`).
fn condition(a: &RoundAnalysis, d: &ReadinessDomain, instrument: &Instrument, compact: bool) -> Html {
    let standing = condition_standing(a, d, instrument);
    let first = d
        .actions
        .first()
        .and_then(|s| instrument.actions().iter().find(|x| x.id == s.action));
    html! {
        <li class="condition" data-testid={format!("condition-{}", d.domain)}>
            <h3 class="condition-title">
                { names::domain_title(instrument, &d.domain) }
                if d.gate { <span class="tag">{ msg::GATE_TAG }</span> }
            </h3>
            <p>{ standing }</p>
            if compact {
                if let Some(action) = first {
                    <p data-testid={format!("condition-first-{}", d.domain)}>
                        <strong>{ msg::FIRST_STEP }</strong>{ format!(" {}", msg::first_step(&action.title, &action.detail)) }
                    </p>
                }
            } else if !d.actions.is_empty() {
                <p class="condition-actions-lead"><strong>{ msg::WHAT_COULD_HELP }</strong></p>
                <ul class="card-list" data-testid={format!("condition-actions-{}", d.domain)}>
                    for s in d.actions.iter() {
                        { action_card(instrument, s, "h4", names::why_condition(instrument, s, d)) }
                    }
                </ul>
            }
        </li>
    }
}

/// A topic in place, with its average, and the organisations shown on their own for
/// whom it is not yet in place.
fn placed(d: &ReadinessDomain, instrument: &Instrument, partners: &[(String, String)]) -> Html {
    let title = names::domain_title(instrument, &d.domain);
    let average = msg::average(d.score.map(format_score));
    let for_whom: Vec<String> = d
        .not_in_place_for
        .iter()
        .map(|o| msg::organisation_average(&partner_name(partners, &o.organisation), o.mean))
        .collect();
    html! {
        <li data-testid={format!("in-place-{}", d.domain)}>
            <strong>{ title }</strong>{ format!(" ({average})") }
            if !for_whom.is_empty() {
                { ". " }<span class="not-yet-for" data-testid={format!("not-yet-for-{}", d.domain)}>{ msg::not_yet_for(&for_whom) }</span>
            }
        </li>
    }
}

/// The note on responses that agree with everything (rule 3b): how many, and each topic
/// whose level (for a readiness topic, where it stands) would be different without them.
/// Nothing when no response is flagged. Nobody is named.
pub fn acquiescence_note(a: &RoundAnalysis, instrument: &Instrument) -> Html {
    let flagged = a.acquiescence.responses.len();
    if flagged == 0 {
        return Html::default();
    }
    if flagged == a.n {
        return html! {
            <p class="notice notice-warning" data-testid="acquiescence">{ msg::acquiescence_everyone(flagged) }</p>
        };
    }
    let changes: Vec<String> = a
        .acquiescence
        .level_changes
        .iter()
        .filter_map(|c| {
            let title = names::domain_title(instrument, &c.domain);
            let with = names::level_or_standing(instrument, &c.domain, c.level);
            let without = names::level_or_standing(instrument, &c.domain, c.without);
            if c.without.is_none() {
                return Some(msg::level_would_go(&title, &with));
            }
            if !instrument.is_readiness(&c.domain) {
                return Some(msg::level_would_change(&title, &without, &with));
            }
            // A readiness topic shows only where it stands, so a move within "in place"
            // (from level 4 to 3, say) changes nothing that is shown.
            (with != without).then(|| msg::standing_would_change(&title, &without, &with))
        })
        .collect();
    let readiness = readiness_only(a, instrument);
    html! {
        <p class="notice notice-warning" data-testid="acquiescence">{ msg::acquiescence(flagged, &changes, readiness) }</p>
    }
}
