//! The workshop agenda and the suggested actions on the shipped questionnaire 1.0.0 (which
//! stays shipped for the rounds that used it), for four
//! collaborations (`fixtures/agenda/*.json`): a mandated merger, a bad history, workforce
//! and finance pressure, and no context at all. The expected order, priorities and
//! actions below were worked out by hand from docs/scoring.md (rules 9, 13 and 14) and
//! the instrument's data, and are written out here rather than computed by the engine.
//!
//! Each fixture has six respondents from two organisations of three. Everyone in a
//! fixture answers alike (so agreement is perfect and a priority is a whole number or a
//! half) except where a fixture says otherwise.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Deserialize;
use trellis_core::analysis::{analyse, Critical, Reason, RoundAnalysis, RoundInput, SuggestedAction};
use trellis_core::format::{Answer, ContextAnswer, Response, RoleCategory, Timestamp};
use trellis_core::{Catalogue, Instrument};

#[derive(Deserialize)]
struct Fixture {
    mode: String,
    context: BTreeMap<String, ContextAnswer>,
    groups: Vec<Group>,
}

/// `count` respondents of one organisation and role who answer alike: per domain, one
/// answer per statement in instrument order, and a level.
#[derive(Deserialize)]
struct Group {
    organisation: String,
    role: RoleCategory,
    count: usize,
    levels: BTreeMap<String, u8>,
    answers: BTreeMap<String, Vec<u8>>,
}

fn shipped() -> Rc<Instrument> {
    Catalogue::shipped()
        .expect("shipped catalogue")
        .get("trellis", "1.0.0")
        .expect("the trellis instrument 1.0.0")
        .clone()
}

fn analysed(name: &str, text: &str) -> RoundAnalysis {
    let instrument = shipped();
    let fixture: Fixture = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut responses = Vec::new();
    for g in &fixture.groups {
        for _ in 0..g.count {
            let mut answers = BTreeMap::new();
            for (domain, values) in &g.answers {
                let statements: Vec<&str> = instrument
                    .statements()
                    .iter()
                    .filter(|s| &s.domain == domain)
                    .map(|s| s.id.as_str())
                    .collect();
                assert_eq!(statements.len(), values.len(), "{name}: answers for {domain}");
                for (s, v) in statements.iter().zip(values) {
                    answers.insert(s.to_string(), Answer::Scale(*v));
                }
            }
            responses.push(Response {
                id: format!("{name}-{}", responses.len() + 1),
                round_id: name.into(),
                organisation: g.organisation.clone(),
                role: g.role,
                answers,
                levels: g.levels.clone(),
                comments: BTreeMap::new(),
                ties: Default::default(),
                started: Timestamp(0),
                updated: Timestamp(0),
                submitted: Some(Timestamp(1)),
            });
        }
    }
    analyse(&RoundInput {
        instrument: &instrument,
        mode: &fixture.mode,
        responses: responses.iter().collect(),
        context: &fixture.context,
        targets: &BTreeMap::new(),
        consensus: &BTreeMap::new(),
        earlier_targets: &BTreeMap::new(),
        min_group: 3,
        partner_map: None,
    })
}

/// The agenda as (domain, rounded priority) and the actions in order.
fn check(a: &RoundAnalysis, agenda: &[(&str, f64)], actions: &[&str]) {
    let got: Vec<(&str, f64)> = a
        .agenda
        .iter()
        .map(|x| (x.domain().unwrap_or_default(), x.rounded_priority()))
        .collect();
    assert_eq!(got, agenda);
    let got: Vec<&str> = a.actions.iter().map(|s| s.action.as_str()).collect();
    assert_eq!(got, actions);
}

fn action<'a>(a: &'a RoundAnalysis, id: &str) -> &'a SuggestedAction {
    a.actions
        .iter()
        .find(|s| s.action == id)
        .unwrap_or_else(|| panic!("{id} is not suggested"))
}

fn when(question: &str, option: &str) -> Critical {
    Critical {
        question: question.into(),
        option: option.into(),
    }
}

/// The weakest statements an action was chosen for.
fn weakest(s: &SuggestedAction) -> Vec<(&str, f64)> {
    s.weakest
        .iter()
        .map(|w| (w.statement.as_str(), w.value))
        .collect()
}

/// Agreements and shared risk are both critical (origin mandated; depth deep) and one
/// level below the default target 3. One person answering 1 to risk.share makes risk's
/// agreement 0.9859 and its priority 2.014 against agreements' 2.0: the old rule put risk
/// first on that noise. Rounded, both are 2.0, and risk builds on agreements, so
/// agreements comes first. The rest are at target (0.0), leadership first because every
/// other topic builds on it, and vision after progress, which it builds on.
#[test]
fn mandated_merger() {
    let a = analysed(
        "mandated-merger",
        include_str!("fixtures/agenda/mandated-merger.json"),
    );
    check(
        &a,
        &[
            ("agreements", 2.0),
            ("risk", 2.0),
            ("leadership", 0.0),
            ("trust", 0.0),
            ("conflict", 0.0),
            ("capacity", 0.0),
            ("progress", 0.0),
            ("vision", 0.0),
        ],
        &[
            // Agreements at level 2; its weakest statement is agreements.decisions (2.0).
            "agreements.decision-rights",
            "agreements.who-does-what",
            "agreements.match-formality",
            // Risk at level 2; its weakest statements are risk.pool and risk.long-term.
            "risk.pooled-budget",
            "risk.share-terms",
            "risk.open-books",
            // Outcomes at level 2, below the default target 3, not on the agenda.
            "outcomes.ask-service-users",
            "outcomes.map-journeys",
            "outcomes.joint-report",
        ],
    );
    let risk = a
        .agenda
        .iter()
        .find(|x| x.domain() == Some("risk"))
        .expect("risk");
    assert!(
        (risk.priority - (2.0 + 1.0 / 71.0)).abs() < 1e-12,
        "{}",
        risk.priority
    );
    assert_eq!(
        risk.reasons,
        [
            Reason::BelowTarget {
                levels: 1,
                target: 3,
                target_set: false
            },
            Reason::Critical(when("depth", "deep")),
        ]
    );
    // decision-rights: for levels 2 and 3, deep integration, and the weakest statement.
    let rights = action(&a, "agreements.decision-rights");
    assert_eq!(
        (rights.agenda_rank, rights.level, rights.level_distance),
        (Some(0), 2, 0)
    );
    assert_eq!(rights.context_matches, [when("depth", "deep")]);
    assert_eq!(weakest(rights), [("agreements.decisions", 2.0)]);
    // match-formality matches all three answers that call for formal agreements.
    assert_eq!(
        action(&a, "agreements.match-formality").context_matches,
        [
            when("origin", "mandated"),
            when("depth", "deep"),
            when("type", "merger")
        ]
    );
    // pooled-budget is for levels 3 and 4, one above risk's 2, and is within reach
    // because it works on both weakest statements and suits deep integration.
    let pooled = action(&a, "risk.pooled-budget");
    assert_eq!((pooled.level, pooled.level_distance, pooled.fit()), (2, 1, 2));
    assert_eq!(weakest(pooled), [("risk.pool", 2.0), ("risk.long-term", 2.0)]);
    let outcomes = action(&a, "outcomes.joint-report");
    assert_eq!((outcomes.agenda_rank, outcomes.level_distance), (None, 1));
    // The stage: the middle level is 3, held back to 2 by the two critical topics.
    assert_eq!((a.stage.level, a.stage.median), (Some(2), Some(3)));
    assert_eq!(a.stage.held_back_by, ["agreements", "risk"]);
}

/// Trust and conflict are critical after a collaboration that ended badly. Trust (level
/// 2) has priority 2.0; conflict (level 3, at target, critical), vision, progress and risk
/// (level 2) have 1.0 each. Among those, conflict comes first, then progress before
/// vision, which builds on it ("visible progress sustains belief"), though vision is
/// earlier in the questionnaire; risk, which builds on trust, comes last.
#[test]
fn bad_history() {
    let a = analysed("bad-history", include_str!("fixtures/agenda/bad-history.json"));
    check(
        &a,
        &[
            ("trust", 2.0),
            ("conflict", 1.0),
            ("progress", 1.0),
            ("vision", 1.0),
            ("risk", 1.0),
            ("leadership", 0.0),
            ("agreements", 0.0),
            ("capacity", 0.0),
        ],
        &[
            "trust.reflective-space",
            "trust.keep-promises",
            "trust.spaces-to-talk",
            // Conflict is at level 3; the escalation route is for levels 1 and 2, but the
            // history and its weakest statement (conflict.route) bring it in, first.
            "conflict.escalation-route",
            "conflict.compare-cultures",
            "conflict.named-leads",
            "progress.quick-wins",
            "progress.review-cycle",
            "progress.short-list",
            // Ten in all: vision gets one, risk none.
            "vision.right-size",
        ],
    );
    let route = action(&a, "conflict.escalation-route");
    assert_eq!((route.level, route.level_distance, route.fit()), (3, 1, 2));
    assert_eq!(route.context_matches, [when("history", "ended-badly")]);
    assert_eq!(weakest(route), [("conflict.route", 3.0)]);
    let quick = action(&a, "progress.quick-wins");
    assert_eq!(
        weakest(quick),
        [("progress.quick-wins", 2.0), ("progress.seeing", 2.0)]
    );
    let conflict = a
        .agenda
        .iter()
        .find(|x| x.domain() == Some("conflict"))
        .expect("conflict");
    assert_eq!(
        conflict.reasons,
        [Reason::Critical(when("history", "ended-badly"))]
    );
}

/// Capacity is critical under financial pressure (the first pressure ticked) and at level
/// 2; leadership and shared risk are at level 2 too. One organisation answers 1 and 2 to
/// capacity.time and capacity.money where the other answers 3: the topic means differ by
/// only 0.6, but on those statements by 2 and 1 points, so the action for protected time
/// fits on three counts.
#[test]
fn workforce_and_finance_pressure() {
    let a = analysed("pressure", include_str!("fixtures/agenda/pressure.json"));
    check(
        &a,
        &[
            ("capacity", 2.0),
            ("leadership", 1.0),
            ("risk", 1.0),
            ("trust", 0.0),
            ("agreements", 0.0),
            ("conflict", 0.0),
            ("progress", 0.0),
            ("vision", 0.0),
        ],
        &[
            "capacity.protect-time",
            "capacity.joint-posts",
            "capacity.name-the-cost",
            "leadership.honest-pressures",
            "leadership.champions",
            "leadership.joint-development",
            "risk.no-poaching",
            "risk.share-terms",
            "risk.open-books",
        ],
    );
    let capacity = a
        .agenda
        .iter()
        .find(|x| x.domain() == Some("capacity"))
        .expect("capacity");
    // rwg(J) = 4.25 / 4.4 (statement variances 1.2 and 0.3 of five): 2 + 0.15 / 4.4.
    assert!((capacity.priority - (2.0 + 0.15 / 4.4)).abs() < 1e-12);
    assert!(capacity
        .reasons
        .contains(&Reason::Critical(when("pressures", "finance"))));
    assert!(!capacity
        .reasons
        .iter()
        .any(|r| matches!(r, Reason::OrganisationGap(_))));
    let time = action(&a, "capacity.protect-time");
    assert_eq!(time.context_matches, [when("pressures", "workforce")]);
    assert_eq!(weakest(time), [("capacity.time", 2.0)]);
    let gaps: Vec<(&str, f64)> = time
        .organisation_gaps
        .iter()
        .map(|g| (g.statement.as_str(), g.value))
        .collect();
    assert_eq!(gaps, [("capacity.time", 2.0)]);
    assert_eq!(time.fit(), 3);
    assert_eq!(
        action(&a, "leadership.honest-pressures").context_matches,
        [when("pressures", "finance"), when("pressures", "workforce")]
    );
}

/// Without context answers nothing is critical and no action matches a context: the
/// actions with no conditions compete on level and weakest statements. Conflict is at
/// level 1 with conflict.fair weakest (1.0), so the early check (levels 2 to 4) is within
/// reach and comes first; progress is at level 2 with progress.measure weakest (2.0), so
/// simple measures come first although they take more effort than the others.
#[test]
fn no_context() {
    let a = analysed("no-context", include_str!("fixtures/agenda/no-context.json"));
    check(
        &a,
        &[
            ("conflict", 2.0),
            ("progress", 1.0),
            ("leadership", 0.0),
            ("trust", 0.0),
            ("vision", 0.0),
            ("agreements", 0.0),
            ("capacity", 0.0),
            ("risk", 0.0),
        ],
        &[
            "conflict.early-check",
            "conflict.escalation-route",
            "conflict.compare-cultures",
            "progress.simple-measures",
            "progress.quick-wins",
            "progress.short-list",
        ],
    );
    let check = action(&a, "conflict.early-check");
    assert_eq!((check.level, check.level_distance), (1, 1));
    assert_eq!(weakest(check), [("conflict.fair", 1.0)]);
    assert!(a.actions.iter().all(|s| s.context_matches.is_empty()));
    assert_eq!(
        weakest(action(&a, "progress.simple-measures")),
        [("progress.measure", 2.0)]
    );
}
