//! The readiness result (rule 15), acquiescence (rule 3b) and comparing rounds across
//! questionnaire versions (rule 16), on the format 3 fixture and the shipped files.

use std::collections::BTreeMap;

use trellis_core::analysis::{
    compare, LevelChange, ReadinessResult, ReadinessState, ReadinessVerdict, ReconsiderReason, RoundAnalysis,
    Verdict,
};
use trellis_core::format::{ContextAnswer, Response};
use trellis_core::{Catalogue, Instrument};

use crate::common::{analyse_round, readiness, response};

/// A response from organisation `org` with answers as "statement=code" pairs.
fn resp(id: usize, org: &str, answers: &str) -> Response {
    let pairs: Vec<(&str, &str)> = answers
        .split_whitespace()
        .filter_map(|p| p.split_once('='))
        .collect();
    Response {
        organisation: org.to_string(),
        ..response(&format!("r{id}"), &pairs)
    }
}

fn run(
    i: &Instrument,
    mode: &str,
    responses: &[Response],
    context: &BTreeMap<String, ContextAnswer>,
    min_group: usize,
) -> RoundAnalysis {
    analyse_round(i, mode, responses, context, &BTreeMap::new(), min_group)
}

/// Respondents of organisation p1 answering the fixture's readiness mode, one row each:
/// need.1, need.2, mandate.1, benefit.1 and setup.1, in that order.
fn rows(rows: &[&str]) -> Vec<Response> {
    let ids = ["need.1", "need.2", "mandate.1", "benefit.1", "setup.1"];
    rows.iter()
        .enumerate()
        .map(|(k, row)| {
            let pairs: Vec<String> = ids
                .iter()
                .zip(row.split_whitespace())
                .map(|(s, code)| format!("{s}={code}"))
                .collect();
            resp(k, "p1", &pairs.join(" "))
        })
        .collect()
}

/// A readiness result in words: the verdict, the reasons to reconsider in brackets, then
/// every domain in the result's order with its mean (a gate marked `*`) and its state.
fn describe(result: Option<&ReadinessResult>) -> String {
    let Some(r) = result else {
        return "none".to_string();
    };
    let verdict = match r.verdict {
        ReadinessVerdict::Ready => "ready",
        ReadinessVerdict::ReadyWithConditions => "ready with conditions",
        ReadinessVerdict::Reconsider => "reconsider",
    };
    let reasons: Vec<String> = r
        .reasons
        .iter()
        .map(|x| match x {
            ReconsiderReason::GateAgainst { domain, score } => format!("gate {domain} {score:.2}"),
            ReconsiderReason::MostNotInPlace { not_in_place, scored } => {
                format!("{not_in_place} of {scored} not in place")
            }
        })
        .collect();
    let domains: Vec<String> = r
        .domains
        .iter()
        .map(|d| {
            let state = match d.state {
                ReadinessState::InPlace => "in place",
                ReadinessState::NotInPlace => "not in place",
                ReadinessState::Against => "against",
                ReadinessState::Unknown => "unknown",
            };
            let score = d.score.map_or("-".to_string(), |s| format!("{s:.2}"));
            format!("{}{} {score} {state}", d.domain, if d.gate { "*" } else { "" })
        })
        .collect();
    let reasons = if reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", reasons.join(", "))
    };
    format!("{verdict}{reasons}: {}", domains.join(", "))
}

/// Runs the readiness mode of the fixture on `answers` (see [`rows`]) and checks the
/// result in words (see [`describe`]).
fn check(answers: &[&str], expected: &str) {
    let i = readiness();
    let a = run(&i, "readiness", &rows(answers), &BTreeMap::new(), 3);
    assert_eq!(describe(a.readiness_result.as_ref()), expected, "{answers:?}");
}

#[test]
fn every_readiness_domain_in_place_is_ready() {
    check(
        &["4 4 4 4 4", "4 5 4 4 4", "5 4 4 4 4"],
        "ready: benefit* 4.00 in place, need* 4.33 in place, mandate 4.00 in place, setup 4.00 in place",
    );
    // 3.5 is in place.
    check(
        &["3 4 3 4 3", "4 3 4 3 4"],
        "ready: need* 3.50 in place, benefit* 3.50 in place, mandate 3.50 in place, setup 3.50 in place",
    );
}

#[test]
fn a_domain_not_in_place_or_unknown_is_a_condition() {
    // Mandate not in place, set-up unknown: conditions first (not in place, then unknown).
    check(
        &["4 4 3 4 dk", "4 4 3 4 dk"],
        "ready with conditions: mandate 3.00 not in place, setup - unknown, need* 4.00 in place, benefit* 4.00 in place",
    );
    // Against, but not a gate: a condition, not a reason to reconsider.
    check(
        &["4 4 1 4 4"],
        "ready with conditions: mandate 1.00 against, need* 4.00 in place, benefit* 4.00 in place, setup 4.00 in place",
    );
    // A gate at 2.5 is not in place but not against.
    check(
        &["2 3 4 4 4"],
        "ready with conditions: need* 2.50 not in place, benefit* 4.00 in place, mandate 4.00 in place, setup 4.00 in place",
    );
    // A gate without a score is a condition; gates come first among equals.
    check(
        &["dk dk 4 4 3"],
        "ready with conditions: setup 3.00 not in place, need* - unknown, benefit* 4.00 in place, mandate 4.00 in place",
    );
    // Exactly half of the scored domains not in place is not "more than half".
    check(
        &["3 3 3 4 4"],
        "ready with conditions: need* 3.00 not in place, mandate 3.00 not in place, benefit* 4.00 in place, setup 4.00 in place",
    );
}

#[test]
fn a_gate_against_or_most_not_in_place_means_reconsider() {
    check(
        &["2 2 4 4 4", "2 3 4 4 4"],
        "reconsider (gate need 2.25): need* 2.25 against, benefit* 4.00 in place, mandate 4.00 in place, setup 4.00 in place",
    );
    check(
        &["4 4 4 1 4", "4 4 4 3 4"],
        "reconsider (gate benefit 2.00): benefit* 2.00 against, need* 4.00 in place, mandate 4.00 in place, setup 4.00 in place",
    );
    // Three of four not in place, none of them a gate against.
    check(
        &["3 3 3 3 4"],
        "reconsider (3 of 4 not in place): need* 3.00 not in place, benefit* 3.00 not in place, mandate 3.00 not in place, setup 4.00 in place",
    );
    // Two of three scored (set-up unknown) is more than half.
    check(
        &["3 3 3 4 dk"],
        "reconsider (2 of 3 not in place): need* 3.00 not in place, mandate 3.00 not in place, setup - unknown, benefit* 4.00 in place",
    );
    // Both reasons, each named.
    check(
        &["1 2 3 1 4"],
        "reconsider (gate need 1.50, gate benefit 1.00, 3 of 4 not in place): benefit* 1.00 against, need* 1.50 against, mandate 3.00 not in place, setup 4.00 in place",
    );
}

#[test]
fn no_result_without_enough_scores_or_readiness_domains() {
    // Half of the domains scored is enough; fewer is not.
    check(
        &["4 4 dk dk 4"],
        "ready with conditions: benefit* - unknown, mandate - unknown, need* 4.00 in place, setup 4.00 in place",
    );
    check(&["4 4 dk dk dk"], "none");
    check(&[], "none");
    // A mode with no readiness domains has no readiness result.
    let i = readiness();
    let full = run(
        &i,
        "full",
        &[resp(1, "p1", "a.1=4 a.2=4 b.1=4 o.1=4")],
        &BTreeMap::new(),
        3,
    );
    assert_eq!(full.readiness_result, None);
}

/// Each condition carries the actions rule 14 chooses for its domain at its level; a
/// domain in place has none, and the round's agenda actions leave readiness domains out.
#[test]
fn conditions_carry_their_actions() {
    let i = readiness();
    let answers = rows(&["1 2 3 4 dk", "2 1 3 4 dk", "1 1 3 4 dk"]);
    let actions = |context: &BTreeMap<String, ContextAnswer>| -> Vec<(String, Vec<String>)> {
        let a = run(&i, "readiness", &answers, context, 3);
        assert!(a.actions.is_empty(), "{:?}", a.actions);
        let r = a.readiness_result.expect("a result");
        r.domains
            .iter()
            .map(|d| {
                assert!(d
                    .actions
                    .iter()
                    .all(|s| s.agenda_rank.is_none() && s.domain == d.domain));
                (
                    d.domain.clone(),
                    d.actions.iter().map(|s| s.action.clone()).collect(),
                )
            })
            .collect()
    };
    let named = |list: &[(&str, &[&str])]| -> Vec<(String, Vec<String>)> {
        list.iter()
            .map(|(d, a)| (d.to_string(), a.iter().map(|x| x.to_string()).collect()))
            .collect()
    };
    // Need (1.33, level 1): "map who is missing" works on its weakest statement (need.2,
    // 1.33 against need.1's 1.33), so it comes first. Mandate (3.0, level 2): both actions
    // suit level 2, the lower effort first. Set-up (unknown, level 1): the nearest level.
    assert_eq!(
        actions(&BTreeMap::new()),
        named(&[
            ("need", &["need.map", "need.case"]),
            ("mandate", &["mandate.brief", "mandate.sponsor"]),
            ("setup", &["setup.time"]),
            ("benefit", &[]),
        ])
    );
    // A voluntary partnership brings the sponsor action first.
    let voluntary = [("origin".to_string(), ContextAnswer::One("voluntary".into()))].into();
    assert_eq!(
        actions(&voluntary)[1],
        named(&[("mandate", &["mandate.sponsor", "mandate.brief"])])[0]
    );
}

/// A domain in place overall is not in place for an organisation shown on its own whose
/// mean is below 3.5; organisations too small to show are never named.
#[test]
fn a_domain_in_place_can_be_not_in_place_for_one_partner() {
    fn check(min_group: usize, orgs: &[(&str, usize, &str)], expected: &[(&str, f64)]) {
        let i = readiness();
        let mut responses = Vec::new();
        for (org, n, setup) in orgs {
            for _ in 0..*n {
                let answers = format!("need.1=4 need.2=4 mandate.1=4 benefit.1=4 setup.1={setup}");
                responses.push(resp(responses.len(), org, &answers));
            }
        }
        let a = run(&i, "readiness", &responses, &BTreeMap::new(), min_group);
        let r = a.readiness_result.expect("a result");
        let setup = r.domain("setup").expect("set-up");
        assert_eq!(setup.state, ReadinessState::InPlace);
        let found: Vec<(&str, f64)> = setup
            .not_in_place_for
            .iter()
            .map(|o| (o.organisation.as_str(), o.mean))
            .collect();
        assert_eq!(found, expected, "{orgs:?} with groups of {min_group}");
        assert!(r.domain("need").expect("need").not_in_place_for.is_empty());
    }
    // Set-up 4 × 4 and 3 × 3: mean 3.57, in place, but not for p2 (3.0).
    check(3, &[("p1", 4, "4"), ("p2", 3, "3")], &[("p2", 3.0)]);
    // 6 × 5, 3 × 3 and 3 × 2: mean 3.75, not in place for p3 (2.0) nor p2, lowest first.
    check(
        3,
        &[("p1", 6, "5"), ("p2", 3, "3"), ("p3", 3, "2")],
        &[("p3", 2.0), ("p2", 3.0)],
    );
    // With groups of at least 4, p2 is not shown on its own.
    check(4, &[("p1", 4, "4"), ("p2", 3, "3")], &[]);
    // Two people from p2 are pooled with p1: nobody is shown on their own.
    check(3, &[("p1", 4, "5"), ("p2", 2, "2")], &[]);
}

/// A mode of readiness domains only has no stage, agenda or functioning conditions, and
/// nothing panics on it; a mode with both has a stage from the functioning domains and a
/// readiness result from the readiness domains.
#[test]
fn readiness_and_functioning_domains_are_read_apart() {
    let i = readiness();
    let none = BTreeMap::new();
    let only = run(&i, "readiness", &rows(&["4 4 4 4 4"; 3]), &none, 3);
    assert_eq!(only.stage.level, None);
    assert!(only.agenda.is_empty() && only.actions.is_empty() && only.readiness.is_empty());
    assert!(only.most_contested().is_empty() && only.strengths().is_empty());
    let full = run(&i, "full", &[resp(1, "p1", "a.1=4 a.2=4 b.1=4 o.1=4")], &none, 3);
    let change = compare(&full, &only);
    assert!(change.domains.is_empty() && change.versions.is_none());
    let labels: Vec<String> = Vec::new();
    trellis_core::chart::radar(&labels, &[], 1.0, 5.0);

    let both: Vec<Response> = (0..3)
        .map(|k| {
            let answers = "need.1=2 need.2=2 mandate.1=4 benefit.1=4 setup.1=4 a.1=4 b.1=2";
            resp(k, "p1", answers)
        })
        .collect();
    let a = run(&i, "both", &both, &none, 3);
    // a is level 4, b level 1: the stage is the lower middle, 1.
    assert_eq!(a.stage.level, Some(1));
    assert_eq!(
        a.readiness.iter().map(|c| c.domain.as_str()).collect::<Vec<_>>(),
        ["b", "a"]
    );
    let r = a.readiness_result.as_ref().expect("a readiness result");
    assert_eq!(r.verdict, ReadinessVerdict::Reconsider);
    assert_eq!(
        a.agenda.iter().filter_map(|x| x.domain()).collect::<Vec<_>>(),
        ["b", "a"]
    );
}

/// The statements of the shipped 1.0.0 readiness mode (sixteen), in questionnaire order.
fn quick_1_0_0() -> (Instrument, Vec<String>) {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let i = catalogue.get("trellis", "1.0.0").expect("1.0.0 stays shipped");
    let ids = i
        .statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == "readiness"))
        .map(|s| s.id.clone())
        .collect();
    ((**i).clone(), ids)
}

/// A response to the 1.0.0 readiness mode with one answer code per statement, in order.
fn quick_response(id: usize, ids: &[String], codes: &[&str]) -> Response {
    let pairs: Vec<String> = ids.iter().zip(codes).map(|(s, c)| format!("{s}={c}")).collect();
    resp(id, "p1", &pairs.join(" "))
}

#[test]
fn responses_that_agree_with_everything_are_flagged() {
    fn check(codes: &[&str], flagged: bool) {
        let (i, ids) = quick_1_0_0();
        let a = run(
            &i,
            "readiness",
            &[quick_response(7, &ids, codes)],
            &BTreeMap::new(),
            3,
        );
        let expected: &[&str] = if flagged { &["r7"] } else { &[] };
        assert_eq!(a.acquiescence.responses, expected, "{codes:?}");
        // Nothing is left out: the response still counts.
        assert_eq!(a.n, 1);
    }
    let repeat = |code: &'static str, n: usize| vec![code; n];
    let join = |a: Vec<&'static str>, b: Vec<&'static str>| [a, b].concat();
    check(&repeat("5", 16), true);
    check(&["4", "5"].repeat(8), true);
    // The same answer to every statement, whatever it is (straight-lining).
    check(&repeat("2", 16), true);
    check(&join(repeat("3", 15), repeat("na", 1)), true);
    // At least ten answers on the scale: don't know, not applicable and gaps do not count.
    check(&join(repeat("5", 10), repeat("dk", 6)), true);
    check(&join(repeat("5", 9), repeat("dk", 7)), false);
    check(&repeat("5", 9), false);
    // One answer that does not agree, and different answers, are not flagged.
    check(&join(repeat("4", 15), repeat("3", 1)), false);
    check(&["1", "2", "3", "4"].repeat(4), false);
}

/// The round is analysed again without the flagged responses, and the domains whose level
/// from individual answers would change are named with both levels.
#[test]
fn the_levels_that_flagged_responses_move_are_named() {
    let (i, ids) = quick_1_0_0();
    // Four people answer 3 throughout except 2 and 3 on leadership (mean 2.5 there, 3.0
    // elsewhere: level 2); one answers 5 to everything, one 4 and 5 in turn.
    let mut codes = vec!["2", "3"];
    codes.extend(["3"; 14]);
    let mut responses: Vec<Response> = (0..4).map(|k| quick_response(k, &ids, &codes)).collect();
    responses.push(quick_response(4, &ids, &["5"; 16]));
    responses.push(quick_response(5, &ids, &["4", "5"].repeat(8)));
    let a = run(&i, "readiness", &responses, &BTreeMap::new(), 3);
    assert_eq!(a.acquiescence.responses, ["r4", "r5"]);
    assert_eq!(a.n, 6, "nothing is left out");
    // With them: (4 × 3 + 5 + 4.5) / 6 = 3.58, level 3, against 3.0 (level 2) without.
    // Leadership: (4 × 2.5 + 5 + 4.5) / 6 = 3.25, level 2 either way.
    let moved: Vec<LevelChange> = i
        .domains()
        .iter()
        .filter(|d| i.is_functioning(&d.id) && d.id != "leadership")
        .map(|d| LevelChange {
            domain: d.id.clone(),
            level: Some(3),
            without: Some(2),
        })
        .collect();
    assert_eq!(a.acquiescence.level_changes, moved);
    // Without them nobody is flagged and nothing moves.
    let a = run(&i, "readiness", &responses[..4], &BTreeMap::new(), 3);
    assert_eq!(a.acquiescence, Default::default());
}

/// A "2.0.0" made from 1.0.0 for comparing versions: trust.past reworded (a new id),
/// vision asks one more statement in the full mode, and a readiness domain is added.
fn like_2_0_0() -> Instrument {
    let text = trellis_core::catalogue::SHIPPED
        .iter()
        .find(|(name, _)| *name == "trellis-1.0.0.json")
        .expect("1.0.0 stays shipped")
        .1;
    let mut v: serde_json::Value = serde_json::from_str(text).expect("1.0.0 is JSON");
    v["format"] = 3.into();
    v["version"] = "2.0.0".into();
    let renamed = text.replace("\"trust.past\"", "\"trust.history\"");
    let renamed: serde_json::Value = serde_json::from_str(&renamed).expect("still JSON");
    v["statements"] = renamed["statements"].clone();
    v["actions"] = renamed["actions"].clone();
    let statements = v["statements"].as_array_mut().expect("statements");
    statements.push(serde_json::json!({"id": "vision.pace", "domain": "vision", "text": "The pace suits us.", "modes": ["full"]}));
    statements.push(serde_json::json!({"id": "need.aim", "domain": "need", "text": "We need partners for this aim.", "modes": ["full"]}));
    v["domains"]
        .as_array_mut()
        .expect("domains")
        .push(serde_json::json!({"id": "need", "title": "Need", "kind": "readiness", "gate": true}));
    Instrument::from_json(&v.to_string()).unwrap_or_else(|e| panic!("the 2.0.0-like file: {e:?}"))
}

/// Everyone answers `code` to every statement of `mode`, and chooses `level` everywhere.
fn everyone(i: &Instrument, mode: &str, code: &str, level: u8, n: usize) -> Vec<Response> {
    (0..n)
        .map(|k| {
            let answers: Vec<String> = i
                .statements()
                .iter()
                .filter(|s| s.modes.iter().any(|m| m == mode))
                .map(|s| format!("{}={code}", s.id))
                .collect();
            let mut r = resp(k, if k % 2 == 0 { "p1" } else { "p2" }, &answers.join(" "));
            r.levels = i.domains().iter().map(|d| (d.id.clone(), level)).collect();
            r
        })
        .collect()
}

#[test]
fn rounds_of_different_versions_compare_only_what_is_comparable() {
    let (old, _) = quick_1_0_0();
    let new = like_2_0_0();
    let none = BTreeMap::new();
    let before = run(&old, "full", &everyone(&old, "full", "2", 2, 6), &none, 3);
    let after = run(&new, "full", &everyone(&new, "full", "4", 4, 6), &none, 3);
    let c = compare(&before, &after);
    assert_eq!(
        c.versions.map(|(e, l)| (e.to_string(), l.to_string())),
        Some(("1.0.0".to_string(), "2.0.0".to_string()))
    );
    // Each domain: its verdict, both levels, and whether there is an interval.
    type Change<'a> = (&'a str, Verdict, Option<u8>, Option<u8>, bool);
    let changes: Vec<Change> = c
        .domains
        .iter()
        .map(|d| {
            (
                d.domain.as_str(),
                d.verdict,
                d.earlier_level,
                d.later_level,
                d.difference.is_some(),
            )
        })
        .collect();
    use Verdict::*;
    assert_eq!(
        changes,
        [
            ("leadership", Improved, Some(2), Some(4), true),
            ("trust", QuestionsChanged, Some(2), Some(4), false),
            ("vision", QuestionsChanged, Some(2), Some(4), false),
            ("agreements", Improved, Some(2), Some(4), true),
            ("conflict", Improved, Some(2), Some(4), true),
            ("capacity", Improved, Some(2), Some(4), true),
            ("progress", Improved, Some(2), Some(4), true),
            ("risk", Improved, Some(2), Some(4), true),
            ("outcomes", Improved, Some(2), Some(4), true),
        ]
    );
    // The same version and mode: nothing is marked.
    let again = compare(
        &before,
        &run(&old, "full", &everyone(&old, "full", "3", 3, 6), &none, 3),
    );
    assert!(again.versions.is_none());
    assert!(again.domains.iter().all(|d| d.verdict != QuestionsChanged));
    // The same version in another mode asks other statements of each domain.
    let quick = run(
        &old,
        "readiness",
        &everyone(&old, "readiness", "3", 3, 6),
        &none,
        3,
    );
    let modes = compare(&quick, &before);
    assert!(modes.versions.is_none());
    assert_eq!(modes.domains.len(), 8);
    assert!(modes.domains.iter().all(|d| d.verdict == QuestionsChanged));
}

// ---------------------------------------------------------------------------------------
// The readiness rules on the shipped questionnaire 2.0.0's readiness check (the worked
// examples of docs/scoring.md, rule 15).

/// The shipped 2.0.0 readiness check's domains, in order: need and benefit are gates.
const READINESS_2_0_0: [&str; 6] = ["need", "mandate", "benefit", "history", "setup", "power"];

/// A 2.0.0 readiness round: one row per person, "organisation" then one answer code per
/// readiness domain in [`READINESS_2_0_0`] order, given to every statement of that domain
/// (so the person's domain score is that answer).
fn round_2_0_0(rows: &[&str], context: &BTreeMap<String, ContextAnswer>) -> RoundAnalysis {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let i = catalogue.get("trellis", "2.0.0").expect("2.0.0 is shipped");
    let responses: Vec<Response> = rows
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let mut fields = row.split_whitespace();
            let org = fields.next().expect("an organisation");
            let mut answers = Vec::new();
            for (domain, code) in READINESS_2_0_0.iter().zip(fields) {
                for s in i.statements_in("readiness", domain) {
                    answers.push(format!("{}={code}", s.id));
                }
            }
            resp(k, org, &answers.join(" "))
        })
        .collect();
    run(i, "readiness", &responses, context, 3)
}

/// Checks the result of a 2.0.0 readiness round in words (see [`describe`]).
fn check_2_0_0(rows: &[&str], expected: &str) {
    let a = round_2_0_0(rows, &BTreeMap::new());
    assert_eq!(describe(a.readiness_result.as_ref()), expected, "{rows:?}");
}

#[test]
fn the_shipped_readiness_check_has_its_domains_and_gates() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let i = catalogue.get("trellis", "2.0.0").expect("2.0.0 is shipped");
    let asked: Vec<&str> = i.domains_in_mode("readiness").map(|d| d.id.as_str()).collect();
    assert_eq!(asked, READINESS_2_0_0);
    let gates: Vec<&str> = READINESS_2_0_0.into_iter().filter(|d| i.is_gate(d)).collect();
    assert_eq!(gates, ["need", "benefit"]);
}

#[test]
fn shipped_readiness_check_ready_and_ready_with_conditions() {
    // Everything in place.
    check_2_0_0(
        &["p1 4 4 4 4 4 4", "p1 4 5 4 4 4 5", "p1 5 4 4 4 4 4"],
        "ready: benefit* 4.00 in place, need* 4.33 in place, history 4.00 in place, setup 4.00 in place, mandate 4.33 in place, power 4.33 in place",
    );
    // Need 4.2, mandate 3.8, benefit 3.6, history 3.0, set-up 2.8, power 4.0: two of six
    // not in place.
    let first = [
        "p1 4 4 4 3 3 4",
        "p1 4 4 4 3 3 4",
        "p1 4 4 4 3 3 4",
        "p1 4 4 3 3 3 4",
        "p1 5 3 3 3 2 4",
    ];
    check_2_0_0(
        &first,
        "ready with conditions: setup 2.80 not in place, history 3.00 not in place, benefit* 3.60 in place, need* 4.20 in place, mandate 3.80 in place, power 4.00 in place",
    );
    // Each condition carries its actions for level 2 (both means are level 2 from
    // scores). Every set-up statement is equally weak, so each set-up action works on a
    // weakest statement; then lower effort, then library order. Likewise for history,
    // where "start with a small first task" works on no statement, so comes last.
    let a = round_2_0_0(&first, &BTreeMap::new());
    let r = a.readiness_result.expect("a result");
    let actions = |d: &str| -> Vec<String> {
        let domain = r.domain(d).expect("a readiness domain");
        domain.actions.iter().map(|s| s.action.clone()).collect()
    };
    assert_eq!(
        actions("setup"),
        ["setup.judge-first-year", "setup.protect-time", "setup.fund-start"]
    );
    assert_eq!(
        actions("history"),
        [
            "history.talk-it-through",
            "history.build-on-success",
            "history.first-task"
        ]
    );
    assert!(actions("need").is_empty(), "in place: no actions");
    // A collaboration under workforce pressure: protecting time fits on two counts.
    let pressed = [(
        "pressures".to_string(),
        ContextAnswer::Many(vec!["workforce".into()]),
    )]
    .into();
    let a = round_2_0_0(&first, &pressed);
    let setup = a.readiness_result.expect("a result");
    let setup = setup.domain("setup").expect("set-up");
    assert_eq!(setup.actions[0].action, "setup.protect-time");
    assert_eq!(setup.actions[0].fit(), 2);
    // Exactly half (three of six) not in place is still "ready with conditions".
    check_2_0_0(
        &[
            "p1 3 3 3 4 4 4",
            "p1 3 3 3 4 4 4",
            "p1 3 3 4 4 4 4",
            "p1 3 3 4 4 3 3",
            "p1 4 3 3 4 3 3",
        ],
        "ready with conditions: need* 3.20 not in place, benefit* 3.40 not in place, mandate 3.00 not in place, setup 3.60 in place, power 3.60 in place, history 4.00 in place",
    );
}

#[test]
fn shipped_readiness_check_reconsider() {
    // The first worked example with benefit at 2.2: a gate against.
    check_2_0_0(
        &[
            "p1 4 4 2 3 3 4",
            "p1 4 4 2 3 3 4",
            "p1 4 4 2 3 3 4",
            "p1 4 4 2 3 3 4",
            "p1 5 3 3 3 2 4",
        ],
        "reconsider (gate benefit 2.20): benefit* 2.20 against, setup 2.80 not in place, history 3.00 not in place, need* 4.20 in place, mandate 3.80 in place, power 4.00 in place",
    );
    // A gate at exactly 2.5 is not against.
    check_2_0_0(
        &["p1 4 4 2 4 4 4", "p1 4 4 3 4 4 4"],
        "ready with conditions: benefit* 2.50 not in place, need* 4.00 in place, mandate 4.00 in place, history 4.00 in place, setup 4.00 in place, power 4.00 in place",
    );
    // Need 3.2, mandate 3.0, benefit 3.4, history 4.0, set-up 2.6, power 3.6: no gate is
    // against, but four of six are not in place.
    check_2_0_0(
        &[
            "p1 3 3 3 4 3 4",
            "p1 3 3 3 4 3 4",
            "p1 3 3 3 4 3 4",
            "p1 3 3 4 4 2 3",
            "p1 4 3 4 4 2 3",
        ],
        "reconsider (4 of 6 not in place): need* 3.20 not in place, benefit* 3.40 not in place, setup 2.60 not in place, mandate 3.00 not in place, power 3.60 in place, history 4.00 in place",
    );
}

#[test]
fn shipped_readiness_check_unknown() {
    // Only need and benefit scored: two of six, fewer than half.
    check_2_0_0(&["p1 4 dk 4 dk dk dk"; 3], "none");
    // Three scored: a result, the three unknown domains its conditions.
    check_2_0_0(
        &["p1 4 dk 4 dk dk 4"; 3],
        "ready with conditions: mandate - unknown, history - unknown, setup - unknown, need* 4.00 in place, benefit* 4.00 in place, power 4.00 in place",
    );
}

#[test]
fn shipped_readiness_check_names_a_partner_it_is_not_in_place_for() {
    // Power 3.7 overall: four from the council answer 3, 3, 3 and 4, six others 4. The
    // council's mean is 3.25.
    let mut rows = vec!["council 4 4 4 4 4 3"; 3];
    rows.push("council 4 4 4 4 4 4");
    rows.extend(["hospital 4 4 4 4 4 4"; 3]);
    rows.extend(["charity 4 4 4 4 4 4"; 3]);
    let a = round_2_0_0(&rows, &BTreeMap::new());
    let r = a.readiness_result.expect("a result");
    assert_eq!(r.verdict, ReadinessVerdict::Ready);
    let power = r.domain("power").expect("power");
    assert!((power.score.expect("a mean") - 3.7).abs() < 1e-12);
    let named: Vec<(&str, f64)> = power
        .not_in_place_for
        .iter()
        .map(|o| (o.organisation.as_str(), o.mean))
        .collect();
    assert_eq!(named, [("council", 3.25)]);
    // Two people from the council are pooled with another organisation: not named.
    let mut rows = vec!["council 4 4 4 4 4 3"; 2];
    rows.extend(["hospital 4 4 4 4 4 4"; 3]);
    rows.extend(["charity 4 4 4 4 4 4"; 3]);
    let a = round_2_0_0(&rows, &BTreeMap::new());
    let r = a.readiness_result.expect("a result");
    assert!(r.domains.iter().all(|d| d.not_in_place_for.is_empty()));
}

/// Rounds of the shipped 1.0.0 and 2.0.0: 2.0.0 reworded or added statements in every
/// domain of the full assessment, so no mean is compared, while every level is; their
/// readiness checks share no domain.
#[test]
fn shipped_1_0_0_and_2_0_0_rounds_compare_by_level() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let old = catalogue.get("trellis", "1.0.0").expect("1.0.0");
    let new = catalogue.get("trellis", "2.0.0").expect("2.0.0");
    let none = BTreeMap::new();
    let before = run(old, "full", &everyone(old, "full", "3", 2, 6), &none, 3);
    let after = run(new, "full", &everyone(new, "full", "4", 3, 6), &none, 3);
    let c = compare(&before, &after);
    assert_eq!(
        c.versions.map(|(e, l)| (e.to_string(), l.to_string())),
        Some(("1.0.0".to_string(), "2.0.0".to_string()))
    );
    let changes: Vec<(&str, Verdict, Option<u8>, Option<u8>)> = c
        .domains
        .iter()
        .map(|d| (d.domain.as_str(), d.verdict, d.earlier_level, d.later_level))
        .collect();
    let expected: Vec<(&str, Verdict, Option<u8>, Option<u8>)> = old
        .domains()
        .iter()
        .map(|d| (d.id.as_str(), Verdict::QuestionsChanged, Some(2), Some(3)))
        .collect();
    assert_eq!(changes, expected);
    assert!(c.domains.iter().all(|d| d.difference.is_none()));
    let quick_before = run(old, "readiness", &everyone(old, "readiness", "3", 0, 6), &none, 3);
    let quick_after = run(new, "readiness", &everyone(new, "readiness", "4", 0, 6), &none, 3);
    assert!(compare(&quick_before, &quick_after).domains.is_empty());
}
