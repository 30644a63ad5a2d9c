//! Round analysis: hand-computed expectations for every rule, and properties.

use std::collections::BTreeMap;

use proptest::prelude::*;
use trellis_core::analysis::{
    analyse, band_level, compare, level_votes, protect_groups, rwg_j, AgreementBand, Critical, GroupKey,
    GroupLevel, LevelSource, Reason, RoundAnalysis, RoundInput, Verdict,
};
use trellis_core::format::{Answer, ContextAnswer, Response, RoleCategory, Timestamp};
use trellis_core::Instrument;

use crate::common::answer;

fn instrument() -> Instrument {
    Instrument::from_json(include_str!("fixtures/analysis.json")).expect("analysis fixture is valid")
}

/// A sent response: organisation, role, answers as "statement=code" pairs, levels as
/// "domain=level" pairs.
fn resp(id: usize, org: &str, role: RoleCategory, answers: &str, levels: &str) -> Response {
    let pairs = |text: &str| -> Vec<(String, String)> {
        text.split_whitespace()
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    Response {
        id: format!("r{id}"),
        round_id: "round".into(),
        organisation: org.into(),
        role,
        answers: pairs(answers).into_iter().map(|(k, v)| (k, answer(&v))).collect(),
        levels: pairs(levels)
            .into_iter()
            .map(|(k, v)| (k, v.parse().expect("level")))
            .collect(),
        comments: Default::default(),
        started: Timestamp(0),
        updated: Timestamp(0),
        submitted: Some(Timestamp(1)),
    }
}

fn run(
    i: &Instrument,
    mode: &str,
    responses: &[Response],
    context: &BTreeMap<String, ContextAnswer>,
    targets: &BTreeMap<String, u8>,
) -> RoundAnalysis {
    analyse(&RoundInput {
        instrument: i,
        mode,
        responses: responses.iter().collect(),
        context,
        targets,
        consensus: &Default::default(),
        earlier_targets: &Default::default(),
        min_group: 3,
    })
}

#[test]
fn level_votes_take_the_median_and_apply_the_split_rule() {
    fn check(choices: &[u8], median: Option<u8>, outside: usize, split: bool) {
        let v = level_votes(choices, 5);
        assert_eq!(
            (v.median, v.outside, v.split),
            (median, outside, split),
            "{choices:?}"
        );
        assert_eq!(v.counts.iter().sum::<usize>(), choices.len());
    }
    check(&[3, 3, 3], Some(3), 0, false);
    check(&[2, 3, 4, 3], Some(3), 0, false);
    check(&[1, 3, 5, 5], Some(3), 3, true);
    check(&[1, 2, 2, 4], Some(2), 1, false);
    check(
        &[2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4],
        Some(2),
        4,
        true,
    );
    check(&[3, 3, 3, 3, 3, 3, 3, 3, 1, 5], Some(3), 2, false);
    check(&[3, 3, 3, 3, 3, 3, 1, 5], Some(3), 2, true);
    check(&[], None, 0, false);
}

#[test]
fn score_bands_map_means_to_levels() {
    for (score, level) in [
        (1.0, 1),
        (1.79, 1),
        (1.8, 2),
        (2.6, 3),
        (3.39, 3),
        (3.4, 4),
        (4.19, 4),
        (4.2, 5),
        (5.0, 5),
    ] {
        assert_eq!(band_level(score, 5), level, "{score}");
    }
}

#[test]
fn rwg_j_combines_statement_variances() {
    assert_eq!(rwg_j(&[vec![4.0, 4.0, 4.0], vec![2.0, 2.0]], 5), Some(1.0));
    assert_eq!(rwg_j(&[vec![1.0, 5.0], vec![1.0, 5.0]], 5), Some(0.0));
    let r = rwg_j(&[vec![3.0, 4.0], vec![4.0, 4.0]], 5).expect("defined");
    assert!((r - 1.75 / 1.875).abs() < 1e-12, "{r}");
    assert_eq!(rwg_j(&[vec![3.0]], 5), None);
    assert_eq!(AgreementBand::of(0.95), AgreementBand::VeryStrong);
    assert_eq!(AgreementBand::of(0.5), AgreementBand::Weak);
    assert_eq!(AgreementBand::of(0.0), AgreementBand::Little);
}

#[test]
fn small_groups_are_pooled_so_they_cannot_be_recovered() {
    fn check(sizes: &[(&str, usize)], shown: &[&str], pooled: &[&str], withheld: bool) {
        let map: BTreeMap<String, usize> = sizes.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        let (s, p, w) = protect_groups(&map, 3);
        assert_eq!(
            (s, p, w),
            (
                shown.iter().map(|x| x.to_string()).collect(),
                pooled.iter().map(|x| x.to_string()).collect(),
                withheld
            ),
            "{sizes:?}"
        );
    }
    check(&[("A", 5), ("B", 4), ("C", 3)], &["A", "B", "C"], &[], false);
    check(&[("A", 5), ("B", 4), ("C", 2)], &["A"], &["B", "C"], false);
    check(&[("A", 5), ("B", 1), ("C", 1)], &[], &["A", "B", "C"], false);
    check(
        &[("A", 3), ("B", 3), ("C", 3), ("D", 2)],
        &["A", "B"],
        &["C", "D"],
        false,
    );
    check(&[("A", 6), ("B", 1), ("C", 2)], &["A"], &["B", "C"], false);
    check(&[("A", 2)], &[], &[], true);
    check(&[("A", 1), ("B", 1)], &[], &[], true);
}

/// Six respondents from three organisations: two large enough to show, one (p3) alone.
fn six() -> Vec<Response> {
    use RoleCategory::*;
    vec![
        resp(
            1,
            "p1",
            Manager,
            "a.1=4 a.2=4 a.3=5 b.1=2 b.2=1 c.1=4 c.2=4 o.1=3",
            "a=4 b=1 c=4 o=3",
        ),
        resp(
            2,
            "p1",
            Manager,
            "a.1=4 a.2=5 a.3=4 b.1=1 b.2=2 c.1=4 c.2=dk o.1=3",
            "a=4 b=2 c=4 o=3",
        ),
        resp(
            3,
            "p1",
            Clinician,
            "a.1=5 a.2=4 a.3=4 b.1=2 b.2=2 c.1=5 c.2=4 o.1=4",
            "a=5 b=1 c=4",
        ),
        resp(
            4,
            "p2",
            Clinician,
            "a.1=3 a.2=4 a.3=4 b.1=1 b.2=2 c.1=2 c.2=2 o.1=2",
            "a=4 b=2 c=2 o=2",
        ),
        resp(
            5,
            "p2",
            FrontLine,
            "a.1=4 a.2=4 a.3=4 b.1=2 b.2=1 c.1=2 c.2=3 o.1=na",
            "a=4 b=1 c=2",
        ),
        resp(
            6,
            "p3",
            FrontLine,
            "a.1=4 a.2=3 a.3=4 b.1=1 b.2=1 c.1=dk c.2=na o.1=2",
            "a=4 b=1 c=5",
        ),
    ]
}

#[test]
fn domain_statistics_levels_and_stage() {
    let i = instrument();
    let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
    let a = run(&i, "full", &six(), &none, &no_targets);
    assert_eq!(a.n, 6);
    let da = a.domain("a").expect("a");
    // Respondents' a scores: 13/3, 13/3, 13/3, 11/3, 4, 11/3 -> mean 73/18.
    assert!((da.stats.as_ref().expect("stats").mean - 73.0 / 18.0).abs() < 1e-12);
    assert_eq!(da.level, GroupLevel::Chosen(4));
    assert_eq!(da.band_level, Some(4));
    assert!(!da.mismatch);
    let dc = a.domain("c").expect("c");
    // Respondent 6 answered no c statement on the scale: not enough answers.
    assert_eq!((dc.scores.len(), dc.not_enough), (5, 1));
    assert_eq!(dc.distribution.dont_know + dc.distribution.not_applicable, 3);
    // c choices 4,4,4,2,2,5 -> median 4; 2,2 are outside 3..5: two of six is 33% -> split.
    assert_eq!(dc.level, GroupLevel::Uncertain);
    let db = a.domain("b").expect("b");
    assert_eq!(db.level, GroupLevel::Chosen(1));
    // c is uncertain, so its working level is its score band: c scores 4, 4, 4.5, 2, 2.5
    // have mean 3.4, which is in band 4. No context: median of a=4, b=1, c=4 is 4.
    assert_eq!(dc.band_level, Some(4));
    assert_eq!((a.stage.level, a.stage.median), (Some(4), Some(4)));
    assert!(a.stage.held_back_by.is_empty());
    // Outcome domain is scored but is not part of the stage.
    assert!(!a.domain("o").expect("o").functioning);
}

#[test]
fn a_weak_critical_domain_caps_the_stage() {
    let i = instrument();
    let context: BTreeMap<String, ContextAnswer> =
        [("history".to_string(), ContextAnswer::One("negative".into()))].into();
    let a = run(&i, "full", &six(), &context, &BTreeMap::new());
    let db = a.domain("b").expect("b");
    assert_eq!(
        db.critical,
        Some(Critical {
            question: "history".into(),
            option: "negative".into()
        })
    );
    assert_eq!((a.stage.level, a.stage.median), (Some(1), Some(4)));
    assert_eq!(a.stage.held_back_by, ["b"]);
}

#[test]
fn breakdowns_protect_the_lone_respondent() {
    let i = instrument();
    let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
    let a = run(&i, "full", &six(), &none, &no_targets);
    // p1 has 3, p2 has 2, p3 has 1: p2 and p3 are pooled; only p1 is shown alone.
    let shown: Vec<&GroupKey> = a.by_organisation.groups.iter().flat_map(|g| &g.members).collect();
    assert_eq!(shown, [&GroupKey::Organisation("p1".into())]);
    let combined = a.by_organisation.combined.as_ref().expect("combined group");
    assert_eq!(combined.n, 3);
    // Roles: 2 managers, 2 clinicians, 2 front line: every role is too small; pooled
    // together they are everyone, which reveals nothing beyond the round itself.
    assert!(a.by_role.groups.is_empty());
    assert_eq!(a.by_role.combined.as_ref().map(|g| g.n), Some(6));
    // With fewer organisations shown than two, no gap between organisations is reported.
    assert!(a.organisation_gaps.is_empty());
}

#[test]
fn organisation_gaps_are_flagged_at_one_scale_point() {
    use RoleCategory::*;
    let i = instrument();
    let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
    let mut responses = Vec::new();
    for k in 0..3 {
        responses.push(resp(
            k,
            "p1",
            Manager,
            "a.1=5 a.2=5 a.3=5 b.1=3 b.2=3 c.1=3 c.2=3",
            "",
        ));
        responses.push(resp(
            10 + k,
            "p2",
            Manager,
            "a.1=3 a.2=4 a.3=4 b.1=3 b.2=3 c.1=3 c.2=3",
            "",
        ));
    }
    let a = run(&i, "full", &responses, &none, &no_targets);
    let gap = a
        .organisation_gaps
        .iter()
        .find(|g| g.domain == "a")
        .expect("gap for a");
    assert_eq!((gap.highest.as_str(), gap.lowest.as_str()), ("p1", "p2"));
    assert!((gap.gap - (5.0 - 11.0 / 3.0)).abs() < 1e-12 && gap.flagged);
    assert!(
        !a.organisation_gaps
            .iter()
            .find(|g| g.domain == "b")
            .expect("gap for b")
            .flagged
    );
}

#[test]
fn agenda_and_actions_follow_targets_context_and_disagreement() {
    let i = instrument();
    let context: BTreeMap<String, ContextAnswer> = [
        ("history".to_string(), ContextAnswer::One("negative".into())),
        (
            "pressures".to_string(),
            ContextAnswer::Many(vec!["workforce".into()]),
        ),
    ]
    .into();
    let targets: BTreeMap<String, u8> = [("a".to_string(), 5u8), ("c".to_string(), 3u8)].into();
    let a = run(&i, "full", &six(), &context, &targets);
    let order: Vec<&str> = a.agenda.iter().map(|x| x.domain.as_str()).collect();
    // b: 2 levels below the default target 3, critical, disagreement -> first.
    assert_eq!(order[0], "b");
    assert!(a.agenda[0].reasons.contains(&Reason::Critical(Critical {
        question: "history".into(),
        option: "negative".into()
    })));
    assert!(a.agenda[0].reasons.iter().any(|r| matches!(
        r,
        Reason::BelowTarget {
            levels: 2,
            target: 3,
            target_set: false
        }
    )));
    assert!(order.contains(&"a") && order.contains(&"c") && !order.contains(&"o"));
    // b's actions at level 1: the context match first, then low effort before medium.
    let b_actions: Vec<&str> = a
        .actions
        .iter()
        .filter(|s| s.domain == "b")
        .map(|s| s.action.as_str())
        .collect();
    assert_eq!(b_actions, ["b.reflect", "b.easy", "b.talk"]);
    // a is one level below its target of 5; no action suits level 4, so the nearest
    // level's action comes, flagged as matching the workforce pressure.
    let a_one = a
        .actions
        .iter()
        .find(|s| s.action == "a.one")
        .expect("a.one suggested");
    assert_eq!(
        a_one.context_matches,
        [Critical {
            question: "pressures".into(),
            option: "workforce".into()
        }]
    );
    // c is at level 4 against a target of 3 and not critical: nothing to suggest.
    assert!(a.actions.iter().all(|s| s.domain != "c"));
}

#[test]
fn an_agreed_level_is_the_level_everywhere_and_earlier_targets_are_checked() {
    use trellis_core::format::Consensus;
    let i = instrument();
    let targets: BTreeMap<String, u8> = [("c".to_string(), 3u8)].into();
    let earlier: BTreeMap<String, u8> = [("a".to_string(), 2u8), ("c".to_string(), 3u8)].into();
    let agreed = |level: Option<u8>| Consensus {
        level,
        rationale: String::new(),
        evidence: String::new(),
        recorded: Timestamp(5),
    };
    // The group agreed c at level 2 although people chose 4; a note on b without a level
    // leaves b as people chose it.
    let consensus: BTreeMap<String, Consensus> = [
        ("c".to_string(), agreed(Some(2))),
        ("b".to_string(), agreed(None)),
    ]
    .into();
    let responses = six();
    let empty = BTreeMap::new();
    let run_with = |consensus: &BTreeMap<String, Consensus>| {
        analyse(&RoundInput {
            instrument: &i,
            mode: "full",
            responses: responses.iter().collect(),
            context: &empty,
            targets: &targets,
            consensus,
            earlier_targets: &earlier,
            min_group: 3,
        })
    };
    let without = run_with(&BTreeMap::new());
    let with = run_with(&consensus);
    let c_before = without.domain("c").expect("c");
    assert_eq!((c_before.working_level(), c_before.gap()), (Some(4), Some(0)));
    assert_eq!(c_before.level_source(), Some(LevelSource::ScoreBand));
    assert_eq!(c_before.earlier_target_met(), Some(true));
    let c = with.domain("c").expect("c");
    assert_eq!(c.agreed, Some(2));
    assert_eq!(
        c.individual_level(),
        Some(4),
        "the individual picture stays beside it"
    );
    assert_eq!((c.working_level(), c.gap()), (Some(2), Some(1)));
    assert_eq!(c.level_source(), Some(LevelSource::Agreed));
    assert_eq!(c.earlier_target_met(), Some(false));
    // c now has a gap, so it gets a reason on the agenda and its actions.
    let item = with.agenda.iter().find(|x| x.domain == "c").expect("c on agenda");
    assert!(item.reasons.contains(&Reason::BelowTarget {
        levels: 1,
        target: 3,
        target_set: true
    }));
    assert!(without.actions.iter().all(|s| s.domain != "c"));
    assert!(with.actions.iter().any(|s| s.domain == "c" && s.level == 2));
    // b has no agreed level, so its level is the people's choice.
    let (b_before, b) = (without.domain("b").expect("b"), with.domain("b").expect("b"));
    assert_eq!(b.agreed, None);
    assert_eq!(b.working_level(), b_before.working_level());
    // a had an earlier target of 2.
    let a = with.domain("a").expect("a");
    assert_eq!(a.earlier_target, Some(2));
    assert_eq!(a.earlier_target_met(), a.working_level().map(|l| l >= 2));
    // An agreed level outside the instrument's levels is ignored, not trusted.
    let odd: BTreeMap<String, Consensus> = [("c".to_string(), agreed(Some(9)))].into();
    let ignored = run_with(&odd);
    assert_eq!(ignored.domain("c").expect("c").agreed, None);
}

#[test]
fn comments_from_small_groups_are_held_back() {
    use RoleCategory::*;
    let i = instrument();
    let with_comment = |mut r: Response, text: &str| {
        r.comments.insert("a.1".into(), text.into());
        r
    };
    let answers = "a.1=4 a.2=4 a.3=4";
    let responses = vec![
        with_comment(resp(1, "p1", Manager, answers, ""), "from a big group"),
        resp(2, "p1", Manager, answers, ""),
        resp(3, "p1", Manager, answers, ""),
        resp(4, "p1", Manager, answers, ""),
        // The only person from p2, and the only clinician: each could be recognised.
        with_comment(resp(5, "p2", Manager, answers, ""), "the only one from p2"),
        with_comment(resp(6, "p1", Clinician, answers, ""), "the only clinician"),
        with_comment(resp(7, "p1", Manager, answers, ""), "  "),
    ];
    let a = run(&i, "full", &responses, &BTreeMap::new(), &BTreeMap::new());
    let s = a.statements.iter().find(|s| s.statement == "a.1").expect("a.1");
    assert_eq!(s.comments, ["from a big group"]);
    assert_eq!(s.withheld_comments, 2, "a blank comment is no comment");
    // Under the minimum group size, every comment is held back.
    let few = run(&i, "full", &responses[..2], &BTreeMap::new(), &BTreeMap::new());
    let s = few.statements.iter().find(|s| s.statement == "a.1").expect("a.1");
    assert_eq!((s.comments.len(), s.withheld_comments), (0, 1));
    assert!(few.small_sample() && a.small_sample());
}

#[test]
fn readiness_lists_missing_conditions_first() {
    use RoleCategory::*;
    let i = instrument();
    let context: BTreeMap<String, ContextAnswer> =
        [("history".to_string(), ContextAnswer::One("negative".into()))].into();
    let responses = vec![
        resp(1, "p1", Manager, "a.1=4 b.1=3 c.1=2", ""),
        resp(2, "p2", Manager, "a.1=5 b.1=3 c.1=2", ""),
        resp(3, "p3", Manager, "a.1=4 b.1=4 c.1=dk", ""),
    ];
    let a = run(&i, "quick", &responses, &context, &BTreeMap::new());
    let order: Vec<(&str, Option<bool>)> = a
        .readiness
        .iter()
        .map(|c| (c.domain.as_str(), c.in_place))
        .collect();
    // b (critical, 3.33) comes before c (2.0) although c is lower; a (4.33) is in place.
    assert_eq!(order, [("b", Some(false)), ("c", Some(false)), ("a", Some(true))]);
    // Without level choices, levels come from the score bands.
    assert_eq!(a.domain("a").expect("a").level, GroupLevel::FromScores(5));
}

#[test]
fn comments_need_the_minimum_group() {
    use RoleCategory::*;
    let i = instrument();
    let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
    let mut two = vec![
        resp(1, "p1", Manager, "a.1=4", ""),
        resp(2, "p1", Manager, "a.1=4", ""),
    ];
    two[0].comments.insert("a.1".into(), "Zebra".into());
    two[1].comments.insert("a.1".into(), "Apple".into());
    let a = run(&i, "quick", &two, &none, &no_targets);
    assert!(a.statements[0].comments.is_empty());
    two.push(resp(3, "p1", Manager, "a.1=4", ""));
    let a = run(&i, "quick", &two, &none, &no_targets);
    assert_eq!(a.statements[0].comments, ["Apple", "Zebra"]);
}

#[test]
fn reliability_needs_ten_complete_responses() {
    use RoleCategory::*;
    let i = instrument();
    let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
    let mut responses = Vec::new();
    for k in 0..10 {
        let v = 1 + k % 5;
        let w = 1 + (k + 1) % 5;
        responses.push(resp(
            k,
            "p1",
            Manager,
            &format!("a.1={v} a.2={v} a.3={w} b.1={v} b.2={v}"),
            "",
        ));
    }
    let a = run(&i, "full", &responses[..9], &none, &no_targets);
    let ra = a.reliability.iter().find(|r| r.domain == "a").expect("a");
    assert_eq!((ra.complete, ra.alpha), (9, None));
    let a = run(&i, "full", &responses, &none, &no_targets);
    let rb = a.reliability.iter().find(|r| r.domain == "b").expect("b");
    assert!(
        (rb.alpha.expect("alpha") - 1.0).abs() < 1e-12,
        "identical items: alpha 1"
    );
    let ra = a.reliability.iter().find(|r| r.domain == "a").expect("a");
    assert_eq!(ra.complete, 10);
    assert!(ra.low_items.contains(&"a.3".to_string()), "{ra:?}");
}

#[test]
fn rounds_compare_with_an_honest_verdict() {
    use RoleCategory::*;
    let i = instrument();
    let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
    let before: Vec<Response> = (0..6)
        .map(|k| {
            resp(
                k,
                "p1",
                Manager,
                &format!("a.1={} b.1=3 c.1={}", 1 + k % 2, 2 + k % 3),
                "",
            )
        })
        .collect();
    let after: Vec<Response> = (0..6)
        .map(|k| {
            resp(
                k,
                if k < 3 { "p1" } else { "p2" },
                Manager,
                &format!("a.1={} b.1=3 c.1={}", 4 + k % 2, 2 + (k + 1) % 3),
                "",
            )
        })
        .collect();
    let c = compare(
        &run(&i, "quick", &before, &none, &no_targets),
        &run(&i, "quick", &after, &none, &no_targets),
    );
    let verdict = |d: &str| c.domains.iter().find(|x| x.domain == d).map(|x| x.verdict);
    assert_eq!(verdict("a"), Some(Verdict::Improved));
    assert_eq!(verdict("b"), Some(Verdict::NoClearChange));
    assert_eq!(verdict("c"), Some(Verdict::NoClearChange));
    assert!((c.organisation_shift - 0.5).abs() < 1e-12 && c.mix_changed);
    assert_eq!(c.role_shift, 0.0);
    let worse = compare(
        &run(&i, "quick", &after, &none, &no_targets),
        &run(&i, "quick", &before, &none, &no_targets),
    );
    assert_eq!(worse.domains[0].verdict, Verdict::Declined);
    let tiny = compare(
        &run(&i, "quick", &before[..1], &none, &no_targets),
        &run(&i, "quick", &after, &none, &no_targets),
    );
    assert_eq!(tiny.domains[0].verdict, Verdict::TooFewAnswers);
}

fn arbitrary_response() -> impl Strategy<Value = Response> {
    let answer = prop_oneof![
        (1u8..=5).prop_map(Answer::Scale),
        Just(Answer::DontKnow),
        Just(Answer::NotApplicable)
    ];
    let ids = ["a.1", "a.2", "a.3", "b.1", "b.2", "c.1", "c.2", "o.1"];
    (
        proptest::collection::vec(proptest::option::of(answer), ids.len()),
        0usize..4,
        0usize..6,
        proptest::collection::vec(proptest::option::of(1u8..=5), 4),
    )
        .prop_map(move |(answers, org, role, levels)| {
            let mut r = resp(0, &format!("p{org}"), RoleCategory::ALL[role], "", "");
            for (id, a) in ids.iter().zip(answers) {
                if let Some(a) = a {
                    r.answers.insert(id.to_string(), a);
                }
            }
            for (d, l) in ["a", "b", "c", "o"].iter().zip(levels) {
                if let Some(l) = l {
                    r.levels.insert(d.to_string(), l);
                }
            }
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn results_do_not_depend_on_respondent_order(mut responses in proptest::collection::vec(arbitrary_response(), 0..25), seed in any::<u64>()) {
        let i = instrument();
        let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
        for (k, r) in responses.iter_mut().enumerate() { r.id = format!("r{k}"); }
        let first = run(&i, "full", &responses, &none, &no_targets);
        // A deterministic shuffle from the seed.
        let mut shuffled = responses.clone();
        let mut state = seed | 1;
        for k in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(k, (state % (k as u64 + 1)) as usize);
        }
        prop_assert_eq!(first, run(&i, "full", &shuffled, &none, &no_targets));
    }

    #[test]
    fn scores_stay_on_the_scale_and_groups_stay_protected(responses in proptest::collection::vec(arbitrary_response(), 0..25)) {
        let i = instrument();
        let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
        let a = run(&i, "full", &responses, &none, &no_targets);
        for d in &a.domains {
            if let Some(s) = &d.stats {
                prop_assert!(s.min >= 1.0 && s.max <= 5.0 && s.mean >= 1.0 && s.mean <= 5.0);
            }
            if let Some(r) = d.agreement { prop_assert!((0.0..=1.0).contains(&r)); }
        }
        // The round's per-respondent scores are exactly the single-response rule's.
        for (di, d) in a.domains.iter().enumerate() {
            let mut expected: Vec<f64> = responses
                .iter()
                .filter_map(|r| trellis_core::scoring::response_scores(&i, "full", r)[di].score)
                .collect();
            expected.sort_by(f64::total_cmp);
            prop_assert_eq!(&d.scores, &expected);
        }
        for b in [&a.by_organisation, &a.by_role] {
            for g in &b.groups { prop_assert!(g.n >= 3 && g.members.len() == 1); }
            if let Some(c) = &b.combined { prop_assert!(c.n >= 3 && c.members.len() >= 2); }
            let shown: usize = b.groups.iter().map(|g| g.n).sum::<usize>() + b.combined.as_ref().map_or(0, |c| c.n);
            prop_assert!(b.withheld || shown == a.n);
        }
    }

    #[test]
    fn a_respondent_at_the_mean_leaves_the_mean_unchanged(values in proptest::collection::vec(1u8..=5, 1..30)) {
        // One statement per respondent in domain a (quick mode): respondents' scores are
        // their answers. Repeating the whole set doubles it without moving the mean;
        // adding one respondent at an integer mean keeps it exactly.
        let i = instrument();
        let (none, no_targets) = (BTreeMap::new(), BTreeMap::new());
        let responses: Vec<Response> = values.iter().enumerate()
            .map(|(k, v)| resp(k, "p1", RoleCategory::Manager, &format!("a.1={v}"), "")).collect();
        let before = run(&i, "quick", &responses, &none, &no_targets).domain("a").and_then(|d| d.stats.clone()).map(|s| s.mean);
        let mean = before.unwrap_or(0.0);
        if mean.fract() == 0.0 {
            let mut more = responses.clone();
            more.push(resp(99, "p1", RoleCategory::Manager, &format!("a.1={}", mean as u8), ""));
            let after = run(&i, "quick", &more, &none, &no_targets).domain("a").and_then(|d| d.stats.clone()).map(|s| s.mean);
            prop_assert!((after.unwrap_or(0.0) - mean).abs() < 1e-12);
        }
    }
}
