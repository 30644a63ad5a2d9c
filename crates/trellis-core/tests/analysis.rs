//! Round analysis: hand-computed expectations for every rule, and properties.

use std::collections::BTreeMap;

use proptest::prelude::*;
use trellis_core::analysis::{
    analyse, band_level, compare, level_votes, protect_groups, rwg_j, AgreementBand, Critical, GroupKey,
    GroupLevel, LevelSource, Reason, RoundAnalysis, RoundInput, Verdict,
};
use trellis_core::format::{Answer, ContextAnswer, Response, RoleCategory, Timestamp};
use trellis_core::Instrument;

use crate::common::{analyse_round, answer};

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
        ties: Default::default(),
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
    analyse_round(i, mode, responses, context, targets, 3)
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

/// The bands of rule 9, at each edge: a mean on a floor is in the level above it, also when
/// computing it left it a hair short (within EDGE), and not when it is really short.
#[test]
fn score_bands_map_means_to_levels() {
    for (score, level) in [
        (1.0, 1),
        (2.49, 1),
        (2.5 - 1e-6, 1),
        (2.5 - 1e-10, 2),
        (2.5, 2),
        (3.49, 2),
        (3.5 - 1e-6, 2),
        (3.5 - 3e-13, 3),
        (3.5, 3),
        (3.99, 3),
        (4.0, 4),
        (4.49, 4),
        (4.5, 5),
        (5.0, 5),
    ] {
        assert_eq!(band_level(score, 5), level, "{score}");
    }
    // A mean of 2.6 (between disagree and neither) is not Established.
    assert_eq!(band_level(2.6, 5), 2);
    // Never above the instrument's top level.
    assert_eq!(band_level(5.0, 3), 3);
}

/// Readiness "in place", the floor of the Established band and the default target are one
/// scale: on a fine grid of means, a domain is in place exactly when its band is at least
/// the default target.
#[test]
fn in_place_and_the_established_band_are_one_threshold() {
    use trellis_core::analysis::{reaches, DEFAULT_TARGET, IN_PLACE};
    assert_eq!(IN_PLACE, 3.5);
    assert_eq!(DEFAULT_TARGET, 3);
    for k in 0..=4000 {
        let mean = 1.0 + f64::from(k) / 1000.0;
        assert_eq!(
            reaches(mean, IN_PLACE),
            band_level(mean, 5) >= DEFAULT_TARGET,
            "{mean}"
        );
    }
}

#[test]
fn each_level_read_from_scores_has_its_score_range() {
    use trellis_core::analysis::{score_range, ScoreRange};
    let range = |from, below| Some(ScoreRange { from, below });
    assert_eq!(score_range(1, 5), range(None, Some(2.5)));
    assert_eq!(score_range(2, 5), range(Some(2.5), Some(3.5)));
    assert_eq!(score_range(3, 5), range(Some(3.5), Some(4.0)));
    assert_eq!(score_range(4, 5), range(Some(4.0), Some(4.5)));
    assert_eq!(score_range(5, 5), range(Some(4.5), None));
    assert_eq!(score_range(0, 5), None);
    assert_eq!(score_range(6, 5), None);
    // With three levels the top one takes every mean above its floor.
    assert_eq!(score_range(3, 3), range(Some(3.5), None));
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
    // have mean 3.4, short of 3.5, so band 2. No context: median of a=4, b=1, c=2 is 2.
    assert_eq!(dc.band_level, Some(2));
    assert_eq!((a.stage.level, a.stage.median), (Some(2), Some(2)));
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
    assert_eq!((a.stage.level, a.stage.median), (Some(1), Some(2)));
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
    // b: 2 levels below the default target 3, critical, rwg 0.919: 3.08, rounded 3.0.
    // c: band 2 (mean 3.4), 1 below its target 3, rwg 0.486, split: 2.01, rounded 2.0.
    // a: level 4, 1 below its target 5, rwg 0.940: 1.06, rounded 1.0.
    let order: Vec<(&str, f64)> = a
        .agenda
        .iter()
        .map(|x| (x.domain().unwrap_or_default(), x.rounded_priority()))
        .collect();
    assert_eq!(order, [("b", 3.0), ("c", 2.0), ("a", 1.0)]);
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
    let picked: Vec<(&str, Option<usize>, u8, usize)> = a
        .actions
        .iter()
        .map(|s| (s.action.as_str(), s.agenda_rank, s.level_distance, s.fit()))
        .collect();
    assert_eq!(
        picked,
        [
            // b at level 1; b.1 and b.2 both have mean 1.5, so both are weakest. b.reflect
            // matches the history and works on b.2 (fit 2); b.talk works on b.1 (fit 1),
            // ahead of the easier b.easy, which has no reason here (fit 0).
            ("b.reflect", Some(0), 0, 2),
            ("b.talk", Some(0), 0, 1),
            ("b.easy", Some(0), 0, 0),
            // c at level 2: c.one is for level 3, one level up, and works on c.2 (mean
            // 3.25, the weakest), so it is within reach and fits better than c.now.
            ("c.one", Some(1), 1, 1),
            ("c.now", Some(1), 0, 0),
            // a at level 4: a.one (levels 1 to 3) is the nearest; it matches the pressure
            // and works on a.1 (mean 4.0, the weakest with a.2).
            ("a.one", Some(2), 1, 2),
        ]
    );
    let a_one = a.actions.iter().find(|s| s.action == "a.one").expect("a.one");
    assert_eq!(
        a_one.context_matches,
        [Critical {
            question: "pressures".into(),
            option: "workforce".into()
        }]
    );
    assert_eq!(a_one.weakest.len(), 1);
    assert_eq!(a_one.weakest[0].statement, "a.1");
    assert!((a_one.weakest[0].value - 4.0).abs() < 1e-12);
    // b.later (levels 4 and 5) is three levels from b's level: out of reach.
    assert!(a.actions.iter().all(|s| s.action != "b.later"));
}

/// Equal rounded priorities are ordered by the instrument's `builds_on` before instrument
/// order: in the analysis fixture a builds on c, so c comes first when they tie.
#[test]
fn ties_follow_what_builds_on_what() {
    use RoleCategory::*;
    let i = instrument();
    assert!(i.builds_on("a", "c") && !i.builds_on("c", "a"));
    // Everyone answers 3 to everything: every domain is at band 2 (mean 3.0), one level
    // below the default target, rwg 1 (no spread): priority 1.0 each.
    let responses: Vec<Response> = (0..8)
        .map(|k| resp(k, "p1", Manager, "a.1=3 b.1=3 c.1=3", ""))
        .collect();
    let a = run(&i, "quick", &responses, &BTreeMap::new(), &BTreeMap::new());
    let order: Vec<&str> = a.agenda.iter().map(|x| x.domain().unwrap_or_default()).collect();
    assert_eq!(order, ["b", "c", "a"]);
    // A difference in agreement below the rounding step does not reorder: one 4 and one 2
    // among a's eight answers (variance 2/7, rwg 6/7) give a priority of 1 + 1/7, which
    // rounds to 1.0 like the others; unrounded, a would come first.
    let mut spread = responses.clone();
    spread[0] = resp(0, "p1", Manager, "a.1=4 b.1=3 c.1=3", "");
    spread[1] = resp(1, "p1", Manager, "a.1=2 b.1=3 c.1=3", "");
    let a = run(&i, "quick", &spread, &BTreeMap::new(), &BTreeMap::new());
    let order: Vec<(&str, f64)> = a
        .agenda
        .iter()
        .map(|x| (x.domain().unwrap_or_default(), x.priority))
        .collect();
    assert_eq!(order[0].0, "b");
    assert_eq!(order[1].0, "c");
    assert_eq!(order[2].0, "a");
    assert!((order[2].1 - 8.0 / 7.0).abs() < 1e-12, "{order:?}");
}

/// An outcomes domain is not on the agenda, but gets actions when it is below its target.
#[test]
fn weak_outcomes_get_actions() {
    let i = instrument();
    let none = BTreeMap::new();
    // In `six`, people chose o at 3, 3 and 2: level 3, the default target, so no actions.
    let a = run(&i, "full", &six(), &none, &BTreeMap::new());
    assert!(a.actions.iter().all(|s| s.domain != "o"));
    assert!(a.agenda.iter().all(|x| x.domain() != Some("o")));
    // With a target of 4 for o, its one action is suggested, outside the agenda.
    let targets: BTreeMap<String, u8> = [("o".to_string(), 4u8)].into();
    let a = run(&i, "full", &six(), &none, &targets);
    let o: Vec<(&str, Option<usize>, u8)> = a
        .actions
        .iter()
        .filter(|s| s.domain == "o")
        .map(|s| (s.action.as_str(), s.agenda_rank, s.level))
        .collect();
    assert_eq!(o, [("o.measure", None, 3)]);
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
    // The group agreed c at level 4 although people's scores put it at 2; a note on b
    // without a level leaves b as people chose it.
    let consensus: BTreeMap<String, Consensus> = [
        ("c".to_string(), agreed(Some(4))),
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
            partner_map: None,
        })
    };
    let without = run_with(&BTreeMap::new());
    let with = run_with(&consensus);
    let c_before = without.domain("c").expect("c");
    assert_eq!((c_before.working_level(), c_before.gap()), (Some(2), Some(1)));
    assert_eq!(c_before.level_source(), Some(LevelSource::ScoreBand));
    assert_eq!(c_before.earlier_target_met(), Some(false));
    let c = with.domain("c").expect("c");
    assert_eq!(c.agreed, Some(4));
    assert_eq!(
        c.individual_level(),
        Some(2),
        "the individual picture stays beside it"
    );
    assert_eq!((c.working_level(), c.gap()), (Some(4), Some(0)));
    assert_eq!(c.level_source(), Some(LevelSource::Agreed));
    assert_eq!(c.earlier_target_met(), Some(true));
    // Without the agreed level c is below its target, with its actions; with it, c has
    // reached its target and is no longer split, so it has no reason on the agenda and
    // no actions.
    let reasons = |a: &RoundAnalysis| {
        a.agenda
            .iter()
            .find(|x| x.domain() == Some("c"))
            .map(|x| x.reasons.clone())
            .unwrap_or_default()
    };
    assert!(reasons(&without).contains(&Reason::BelowTarget {
        levels: 1,
        target: 3,
        target_set: true
    }));
    assert!(with.agenda.iter().any(|x| x.domain() == Some("c")));
    assert!(reasons(&with)
        .iter()
        .all(|r| !matches!(r, Reason::BelowTarget { .. } | Reason::Split)));
    assert!(without.actions.iter().any(|s| s.domain == "c" && s.level == 2));
    assert!(with.actions.iter().all(|s| s.domain != "c"));
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
    // Without level choices, levels come from the score bands: a 4.33 is level 4, b 3.33
    // (not in place) level 2, like c 2.0 below 2.5 level 1.
    let level = |d: &str| a.domain(d).expect("domain").level;
    assert_eq!(
        [level("a"), level("b"), level("c")],
        [
            GroupLevel::FromScores(4),
            GroupLevel::FromScores(2),
            GroupLevel::FromScores(1)
        ]
    );
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
