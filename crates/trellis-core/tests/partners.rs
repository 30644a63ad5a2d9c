//! The partner map: how respondents rate their organisation's ties with the other
//! partners, and everything that carries and reads those ratings (the matrix and its
//! concerns, the agenda, storage, links, codes, files, commands, exports and the example).

use std::collections::BTreeMap;

use proptest::prelude::*;
use trellis_core::analysis::{
    analyse, AgendaTopic, CellView, FewStrongTies, Reason, RoundAnalysis, RoundInput, MIN_GROUP,
};
use trellis_core::command::{Command, CommandError, Outcome};
use trellis_core::format::{
    Answer, Partner, Response, RoleCategory, Tie, Timestamp, Workspace, WORKSPACE_SCHEMA,
};
use trellis_core::transfer::{
    decode_invitation, decode_response_code, encode_invitation, encode_response_code, invitation_for,
    parse_response_file, plan_import, response_file_json, ImportItem, Malformed, TransferError,
};
use trellis_core::workspace::{InputError, LoadError, NewCollaboration, NewRound};
use trellis_core::{Catalogue, Instrument};

use crate::common::mini;

fn s(text: &str) -> String {
    text.to_string()
}

fn partners(n: usize) -> Vec<Partner> {
    (1..=n)
        .map(|k| Partner {
            id: format!("p{k}"),
            name: format!("Partner {k}"),
        })
        .collect()
}

fn tie(now: Option<u8>, wanted: Option<u8>) -> Tie {
    Tie { now, wanted }
}

/// A sent response from `organisation` with ties given as (partner, now, wanted), where 0
/// stands for unanswered.
fn rater(id: &str, organisation: &str, ties: &[(&str, u8, u8)]) -> Response {
    let step = |v: u8| (v > 0).then_some(v);
    Response {
        id: s(id),
        round_id: s("r1"),
        organisation: s(organisation),
        role: RoleCategory::Manager,
        answers: BTreeMap::new(),
        levels: BTreeMap::new(),
        comments: BTreeMap::new(),
        ties: ties
            .iter()
            .map(|(p, now, wanted)| (s(p), tie(step(*now), step(*wanted))))
            .collect(),
        started: Timestamp(1),
        updated: Timestamp(2),
        submitted: Some(Timestamp(2)),
    }
}

fn analysis(responses: &[Response], partners: Option<&[Partner]>, min_group: usize) -> RoundAnalysis {
    let i = mini();
    analysis_with(&i, responses, partners, min_group)
}

fn analysis_with(
    i: &Instrument,
    responses: &[Response],
    partners: Option<&[Partner]>,
    min_group: usize,
) -> RoundAnalysis {
    analyse(&RoundInput {
        instrument: i,
        mode: "quick",
        responses: responses.iter().collect(),
        context: &BTreeMap::new(),
        targets: &BTreeMap::new(),
        consensus: &BTreeMap::new(),
        earlier_targets: &BTreeMap::new(),
        min_group,
        partner_map: partners,
    })
}

/// The worked example of docs/scoring.md ("Partner map"): four people from p1, three
/// from p2 (two of whom rate p3) and three from p3 (one leaves "wanted" unanswered).
fn worked_example() -> Vec<Response> {
    vec![
        rater("a1", "p1", &[("p2", 3, 4), ("p3", 1, 4)]),
        rater("a2", "p1", &[("p2", 3, 4), ("p3", 2, 4)]),
        rater("a3", "p1", &[("p2", 4, 5), ("p3", 1, 3)]),
        rater("a4", "p1", &[("p2", 3, 4), ("p3", 2, 4)]),
        rater("b1", "p2", &[("p1", 2, 3), ("p3", 2, 3)]),
        rater("b2", "p2", &[("p1", 2, 3), ("p3", 3, 3)]),
        rater("b3", "p2", &[("p1", 1, 3)]),
        rater("c1", "p3", &[("p1", 2, 4)]),
        rater("c2", "p3", &[("p1", 2, 4)]),
        rater("c3", "p3", &[("p1", 2, 0)]),
    ]
}

/// What a cell should show: not rated, suppressed, or shown with (raters, now median,
/// wanted median), a median `None` where too few gave it.
#[derive(Debug, PartialEq)]
enum Cell {
    NotRated,
    Suppressed,
    Shown(usize, Option<f64>, Option<f64>),
}

fn cells(a: &RoundAnalysis) -> Vec<(String, String, Cell)> {
    let map = a.partners.as_ref().expect("a partner map");
    map.cells
        .iter()
        .map(|c| {
            let cell = match &c.view {
                CellView::NotRated => Cell::NotRated,
                CellView::Suppressed => Cell::Suppressed,
                CellView::Shown(f) => Cell::Shown(
                    f.raters,
                    f.now.as_ref().map(|x| x.median),
                    f.wanted.as_ref().map(|x| x.median),
                ),
            };
            (c.from.clone(), c.to.clone(), cell)
        })
        .collect()
}

fn check_cells(responses: &[Response], min_group: usize, expected: &[(&str, &str, Cell)]) {
    let p = partners(3);
    let got = cells(&analysis(responses, Some(&p), min_group));
    let expected: Vec<(String, String, Cell)> = expected
        .iter()
        .map(|(a, b, c)| {
            let c = match c {
                Cell::NotRated => Cell::NotRated,
                Cell::Suppressed => Cell::Suppressed,
                Cell::Shown(n, now, wanted) => Cell::Shown(*n, *now, *wanted),
            };
            (s(a), s(b), c)
        })
        .collect();
    assert_eq!(got, expected, "min_group {min_group}");
}

// ---------------------------------------------------------------------------------------
// The matrix.

#[test]
fn cells_rated_by_fewer_than_the_minimum_group_are_hidden() {
    use Cell::*;
    let example = worked_example();
    check_cells(
        &example,
        MIN_GROUP,
        &[
            ("p1", "p2", Shown(4, Some(3.0), Some(4.0))),
            ("p1", "p3", Shown(4, Some(1.5), Some(4.0))),
            ("p2", "p1", Shown(3, Some(2.0), Some(3.0))),
            // Two people from p2 rated p3: hidden, and how many is not said.
            ("p2", "p3", Suppressed),
            // Three rated p3's tie with p1, but only two said how it should be.
            ("p3", "p1", Shown(3, Some(2.0), None)),
            ("p3", "p2", NotRated),
        ],
    );
    // Raising the minimum group hides more: only p1's four people are shown.
    check_cells(
        &example,
        4,
        &[
            ("p1", "p2", Shown(4, Some(3.0), Some(4.0))),
            ("p1", "p3", Shown(4, Some(1.5), Some(4.0))),
            ("p2", "p1", Suppressed),
            ("p2", "p3", Suppressed),
            ("p3", "p1", Suppressed),
            ("p3", "p2", NotRated),
        ],
    );
    // A minimum below the rule's own is raised to it: two raters never show.
    let two = [
        rater("a1", "p1", &[("p2", 3, 4)]),
        rater("a2", "p1", &[("p2", 3, 4)]),
    ];
    check_cells(
        &two,
        1,
        &[
            ("p1", "p2", Suppressed),
            ("p1", "p3", NotRated),
            ("p2", "p1", NotRated),
            ("p2", "p3", NotRated),
            ("p3", "p1", NotRated),
            ("p3", "p2", NotRated),
        ],
    );
}

#[test]
fn a_shown_cell_gives_medians_and_means() {
    let mut example = worked_example();
    // A tie with a partner the collaboration does not have is no cell of its matrix.
    example[0].ties.insert(s("p9"), tie(Some(5), Some(5)));
    let a = analysis(&example, Some(&partners(3)), MIN_GROUP);
    let map = a.partners.as_ref().expect("map");
    assert_eq!(map.partners, ["p1", "p2", "p3"]);
    assert_eq!(map.cells.len(), 6);
    let f = map.cell("p1", "p2").and_then(|c| c.figures()).expect("shown");
    let now = f.now.as_ref().expect("now");
    let wanted = f.wanted.as_ref().expect("wanted");
    assert_eq!((now.n, now.median, now.mean), (4, 3.0, 3.25));
    assert_eq!((wanted.n, wanted.median, wanted.mean), (4, 4.0, 4.25));
    let f = map.cell("p2", "p1").and_then(|c| c.figures()).expect("shown");
    let now = f.now.as_ref().expect("now");
    assert!((now.mean - 5.0 / 3.0).abs() < 1e-12, "{}", now.mean);
    assert!(map.cell("p1", "p1").is_none());
    assert!(map.cell("p1", "p9").is_none());
}

#[test]
fn a_round_without_a_partner_map_has_none() {
    let a = analysis(&worked_example(), None, MIN_GROUP);
    assert_eq!(a.partners, None);
    assert!(a.agenda.iter().all(|x| x.topic != AgendaTopic::PartnerMap));
}

// ---------------------------------------------------------------------------------------
// The concerns.

/// Pairs seen differently as (a, b, a's median, b's median).
fn seen_differently(responses: &[Response], min_group: usize) -> Vec<(String, String, f64, f64)> {
    let a = analysis(responses, Some(&partners(3)), min_group);
    let map = a.partners.expect("map");
    map.seen_differently
        .into_iter()
        .map(|x| (x.a, x.b, x.a_now, x.b_now))
        .collect()
}

#[test]
fn pairs_whose_two_sides_differ_by_a_step_or_more_are_named() {
    let example = worked_example();
    // p1 says 3 (coordination), p2 says 2 (cooperation); p1 and p3 differ by half a step.
    assert_eq!(
        seen_differently(&example, MIN_GROUP),
        [(s("p1"), s("p2"), 3.0, 2.0)]
    );
    // Both sides must be shown: with p2's side hidden there is nothing to compare.
    assert_eq!(seen_differently(&example, 4), []);
    // Largest difference first.
    let wide = [
        rater("a1", "p1", &[("p2", 3, 0), ("p3", 5, 0)]),
        rater("a2", "p1", &[("p2", 3, 0), ("p3", 5, 0)]),
        rater("a3", "p1", &[("p2", 3, 0), ("p3", 5, 0)]),
        rater("b1", "p2", &[("p1", 2, 0)]),
        rater("b2", "p2", &[("p1", 2, 0)]),
        rater("b3", "p2", &[("p1", 2, 0)]),
        rater("c1", "p3", &[("p1", 2, 0)]),
        rater("c2", "p3", &[("p1", 2, 0)]),
        rater("c3", "p3", &[("p1", 2, 0)]),
    ];
    assert_eq!(
        seen_differently(&wide, MIN_GROUP),
        [(s("p1"), s("p3"), 5.0, 2.0), (s("p1"), s("p2"), 3.0, 2.0)]
    );
}

#[test]
fn ties_two_steps_or_more_below_what_is_wanted_are_named() {
    let far = |responses: &[Response]| -> Vec<(String, String, f64, f64)> {
        let a = analysis(responses, Some(&partners(3)), MIN_GROUP);
        let map = a.partners.expect("map");
        map.far_from_wanted
            .into_iter()
            .map(|x| (x.from, x.to, x.now, x.wanted))
            .collect()
    };
    // p1 to p3: now 1.5, wanted 4. The gaps of one step (p1 to p2, p2 to p1) are not
    // far, and p3's "wanted" is hidden (two answers), so its tie is not judged.
    assert_eq!(far(&worked_example()), [(s("p1"), s("p3"), 1.5, 4.0)]);
    // Exactly two steps counts; wanting less than now never does.
    let edge = [
        rater("a1", "p1", &[("p2", 2, 4), ("p3", 5, 1)]),
        rater("a2", "p1", &[("p2", 2, 4), ("p3", 5, 1)]),
        rater("a3", "p1", &[("p2", 2, 4), ("p3", 5, 1)]),
    ];
    assert_eq!(far(&edge), [(s("p1"), s("p2"), 2.0, 4.0)]);
}

#[test]
fn partners_with_strong_ties_to_fewer_than_half_the_others_are_named() {
    let few = |responses: &[Response], n: usize, min_group: usize| -> Vec<FewStrongTies> {
        let p = partners(n);
        let a = analysis(responses, Some(&p), min_group);
        a.partners.expect("map").few_strong_ties
    };
    let judged = |partner: &str, strong: usize, others: usize| FewStrongTies {
        partner: s(partner),
        strong,
        others,
    };
    // p3 has no tie of coordination or closer; p1 and p2 have one (p1's view of their
    // tie, 3), which is half of their two others: not fewer than half.
    assert_eq!(few(&worked_example(), 3, MIN_GROUP), [judged("p3", 0, 2)]);
    assert_eq!(few(&worked_example(), 3, 4), [judged("p3", 0, 2)]);
    // With a fourth partner that nobody rated, p4 is not judged (nothing is known of
    // it), but everyone else now has three others: one strong tie is too few.
    assert_eq!(
        few(&worked_example(), 4, MIN_GROUP),
        [judged("p1", 1, 3), judged("p2", 1, 3), judged("p3", 0, 3)]
    );
}

// ---------------------------------------------------------------------------------------
// The agenda.

fn partner_item(a: &RoundAnalysis) -> Option<(usize, f64, Vec<Reason>)> {
    a.agenda
        .iter()
        .enumerate()
        .find(|(_, x)| x.topic == AgendaTopic::PartnerMap)
        .map(|(k, x)| (k, x.priority, x.reasons.clone()))
}

/// The numbers docs/scoring.md gives for its worked example.
#[test]
fn the_worked_example_in_scoring_md() {
    let a = analysis(&worked_example(), Some(&partners(3)), MIN_GROUP);
    // Domains without answers have priority 0.5 (rule 13); the partner map's 3.5 is first.
    assert_eq!(
        partner_item(&a),
        Some((
            0,
            3.5,
            vec![
                Reason::PairsSeenDifferently(1),
                Reason::FarFromWanted {
                    pairs: 1,
                    largest: 2.5
                },
                Reason::FewStrongTies(1),
            ]
        ))
    );
    let a = analysis(&worked_example(), Some(&partners(3)), 4);
    assert_eq!(
        partner_item(&a),
        Some((
            0,
            3.0,
            vec![
                Reason::FarFromWanted {
                    pairs: 1,
                    largest: 2.5
                },
                Reason::FewStrongTies(1),
            ]
        ))
    );
}

/// The agenda of six people (three from each of two partners) who all answer trust.a 1
/// and vision.a 4 (mini's quick mode: trust 2 levels below the default target, priority
/// 2.0; vision 1 level, 1.0; no disagreement), when p1's three people rate their tie with
/// p2 `(now, wanted)`: as (topic, rounded priority), the partner map's item as "partners".
fn check_agenda(p1_sees_p2: Option<(u8, u8)>, expected: &[(&str, f64)]) {
    let i = mini();
    let people: Vec<Response> = ["p1", "p1", "p1", "p2", "p2", "p2"]
        .iter()
        .enumerate()
        .map(|(k, org)| {
            let ties = match p1_sees_p2 {
                Some((now, wanted)) if *org == "p1" => vec![("p2", now, wanted)],
                _ => Vec::new(),
            };
            let mut r = rater(&format!("r{k}"), org, &ties);
            r.answers.insert(s("trust.a"), Answer::Scale(1));
            r.answers.insert(s("vision.a"), Answer::Scale(4));
            r
        })
        .collect();
    let a = analysis_with(&i, &people, Some(&partners(2)), MIN_GROUP);
    let got: Vec<(&str, f64)> = a
        .agenda
        .iter()
        .map(|x| (x.domain().unwrap_or("partners"), x.rounded_priority()))
        .collect();
    assert_eq!(got, expected, "{p1_sees_p2:?}");
}

#[test]
fn the_partner_item_comes_after_the_topics_of_its_priority() {
    // No ties, or no concern (coordination now, one step below what is wanted, and a
    // strong tie each): the domain agenda as it was.
    check_agenda(None, &[("trust", 2.0), ("vision", 1.0)]);
    check_agenda(Some((3, 4)), &[("trust", 2.0), ("vision", 1.0)]);
    // Two steps from coordination to collaboration: priority 2, as trust's, so after it.
    check_agenda(
        Some((3, 5)),
        &[("trust", 2.0), ("partners", 2.0), ("vision", 1.0)],
    );
    // Networking wanted as coalition: three steps, and neither partner has a strong tie
    // (+0.5): first.
    check_agenda(
        Some((1, 4)),
        &[("partners", 3.5), ("trust", 2.0), ("vision", 1.0)],
    );
    // Only few strong ties: 0.5, last.
    check_agenda(
        Some((2, 2)),
        &[("trust", 2.0), ("vision", 1.0), ("partners", 0.5)],
    );
}

// ---------------------------------------------------------------------------------------
// Storage (schema 5).

/// A workspace with collaboration `c1` (partners p1 to p3) and round `r1`, with or
/// without a partner map, and `responses`.
fn workspace(partner_map: bool, responses: Vec<Response>) -> Workspace {
    let mut ws = Workspace::default();
    let collaboration = NewCollaboration {
        name: s("Harbour alliance"),
        partners: vec![s("Harbour Trust"), s("=Harbour Council"), s("Harbour Carers")],
    }
    .validate(s("c1"), Timestamp(1))
    .expect("valid");
    ws.add_collaboration(collaboration);
    let round = NewRound {
        name: s("Spring"),
        date: s("2026-03-01"),
        mode: s("quick"),
        partner_map,
    };
    ws.add_round("c1", &round, &mini(), s("r1"), Timestamp(1))
        .expect("valid round");
    ws.responses = responses;
    ws
}

#[test]
fn ties_are_stored_as_two_characters_per_partner() {
    let mut first = rater("a", "p1", &[("p2", 3, 4), ("p3", 0, 5)]);
    first.answers.insert(s("trust.a"), Answer::Scale(4));
    let second = rater("b", "p2", &[]);
    let ws = workspace(true, vec![first, second]);
    let text = ws.to_json();
    assert!(
        text.starts_with(&format!("{{\"schema\":{WORKSPACE_SCHEMA},")),
        "{text}"
    );
    assert_eq!(WORKSPACE_SCHEMA, 5);
    assert!(text.contains(r#""partner_map":true"#), "{text}");
    // The partners rated are named once; each row has their ties after `submitted`
    // (`-` for unanswered), a row without ties one `-` per step.
    assert!(
        text.contains(
            r#""responses":{"statements":["trust.a"],"domains":[],"partners":["p2","p3"],"rows":[["a","r1","p1","manager","4","","1","2","2","34-5"],["b","r1","p2","manager","-","","1","2","2","----"]]}"#
        ),
        "{text}"
    );
    assert_eq!(Workspace::from_current_json(&text), Ok(ws));
    // Without ties the table and the rounds are exactly as in schema 4.
    let plain = workspace(false, vec![rater("b", "p2", &[])]).to_json();
    assert!(
        plain.contains(r#""responses":{"statements":[],"domains":[],"rows":[["b","r1","p2","manager","","","1","2","2"]]}"#),
        "{plain}"
    );
    assert!(!plain.contains("partner_map"), "{plain}");
}

#[test]
fn damaged_ties_in_storage_are_named() {
    let ws = workspace(true, vec![rater("a", "p1", &[("p2", 3, 4), ("p3", 0, 5)])]);
    let text = ws.to_json();
    let row = r#""2","34-5"]"#;
    assert!(text.contains(row), "{text}");
    for (damaged, problem) in [
        (
            r#""2","34-"]"#,
            "response 1 of the table: it has 3 tie characters for 2 partners",
        ),
        (r#""2","34?5"]"#, "\"?\" is not a step of a tie (with p3)"),
        (
            r#""2"]"#,
            "it has 9 fields (10, then pairs of statement and comment, were expected)",
        ),
    ] {
        let bad = text.replace(row, damaged);
        assert!(
            matches!(Workspace::from_json(&bad), Err(LoadError::Damaged(ref m)) if m.contains(problem)),
            "{problem}: {:?}",
            Workspace::from_json(&bad)
        );
    }
}

#[test]
fn a_schema_4_workspace_loads_identically() {
    let text = include_str!("fixtures/workspace-v4.json");
    assert_eq!(Workspace::from_current_json(text), Err(LoadError::OlderSchema(4)));
    let ws = Workspace::from_json(text).expect("schema 4 loads");
    assert_eq!(ws.schema, WORKSPACE_SCHEMA);
    // Written back, it is the same data field for field, only the schema number changed:
    // nothing is lost, and nothing (a partner map, ties, a context) is added.
    let mut expected: serde_json::Value = serde_json::from_str(text).expect("json");
    expected["schema"] = WORKSPACE_SCHEMA.into();
    let written: serde_json::Value = serde_json::from_str(&ws.to_json()).expect("json");
    assert_eq!(written, expected);
    // A closed round described only afterwards keeps no context (schema 3's rounds took
    // their collaboration's), and no round has a partner map.
    let (c, r1) = ws.round("v4-r1").expect("r1");
    assert!(r1.context.is_empty() && !c.context.is_empty());
    assert!(ws
        .collaborations
        .iter()
        .flat_map(|c| &c.rounds)
        .all(|r| !r.partner_map));
    assert!(ws.responses.iter().all(|r| r.ties.is_empty()));
    let sent = ws.response("v4-resp-1").expect("response");
    assert_eq!(sent.answers.get("trust.b"), Some(&Answer::Scale(2)));
    assert_eq!(sent.answers.get("vision.a"), Some(&Answer::DontKnow));
    assert_eq!(sent.levels.get("vision"), Some(&2));
    assert_eq!(
        sent.comments.get("vision.a").map(String::as_str),
        Some("=SUM(A1)")
    );
    assert_eq!(Workspace::from_current_json(&ws.to_json()), Ok(ws));
}

/// Ties as storage may meet them: any value of 0 to 255 on either side (but not neither).
fn arb_ties() -> impl Strategy<Value = BTreeMap<String, Tie>> {
    let value = proptest::option::of(any::<u8>());
    let tie = (value.clone(), value).prop_filter_map("a tie with a rating", |(now, wanted)| {
        let t = tie(now, wanted);
        (!t.is_empty()).then_some(t)
    });
    proptest::collection::btree_map("p[0-9]{1,2}|[a-z\\-]{1,8}", tie, 0..6)
}

proptest! {
    #[test]
    fn stored_ties_round_trip(all in proptest::collection::vec(arb_ties(), 1..5)) {
        let responses = all
            .into_iter()
            .enumerate()
            .map(|(k, ties)| Response { ties, ..rater(&format!("r{k}"), "p1", &[]) })
            .collect();
        let ws = workspace(true, responses);
        prop_assert_eq!(Workspace::from_current_json(&ws.to_json()), Ok(ws));
    }

    #[test]
    fn ties_round_trip_in_codes_and_files(
        ratings in proptest::collection::btree_map(
            "p[2-9]",
            (proptest::option::of(1u8..=5), proptest::option::of(1u8..=5)),
            0..8,
        ),
    ) {
        let ties: BTreeMap<String, Tie> = ratings
            .into_iter()
            .map(|(p, (now, wanted))| (p, tie(now, wanted)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let c = catalogue();
        let i = trellis(&c);
        let response = Response { ties, ..shipped_response(&i) };
        let file = decode_response_code(&encode_response_code(&i, "full", &response), &c);
        prop_assert_eq!(file.map(|f| f.response), Ok(response.clone()));
        let parsed = parse_response_file(&response_file_json(&i, &response));
        prop_assert_eq!(parsed.map(|f| f.response), Ok(response));
    }
}

// ---------------------------------------------------------------------------------------
// Links, codes and files.

fn catalogue() -> Catalogue {
    Catalogue::shipped().expect("shipped catalogue")
}

fn trellis(c: &Catalogue) -> std::rc::Rc<Instrument> {
    c.latest("trellis").expect("the shipped instrument").clone()
}

/// A sent response to round `r1` of the shipped instrument from p1, one answer given.
fn shipped_response(i: &Instrument) -> Response {
    let mut r = rater("0123456789abcdef0123456789abcdef", "p1", &[]);
    let first = i.statements().first().expect("a statement");
    r.answers.insert(first.id.clone(), Answer::Scale(4));
    r
}

#[test]
fn an_invitation_carries_the_partner_map_and_older_links_read_without_it() {
    let ws = workspace(true, Vec::new());
    let (c, round) = ws.round("r1").expect("r1");
    let with = invitation_for(c, round, None);
    assert!(with.partner_map);
    let link = encode_invitation(&with);
    assert_eq!(decode_invitation(&link), Ok(with.clone()));
    let without = trellis_core::format::InvitationFile {
        partner_map: false,
        ..with.clone()
    };
    // A link without the map is as every link was before it: its packed bytes are those
    // of the link with the map, less the one options byte at the end.
    let bytes = |text: &str| {
        use base64::Engine as _;
        let body = text.split('.').next().expect("body");
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body)
            .expect("base64")
    };
    let (old, new) = (bytes(&encode_invitation(&without)), bytes(&link));
    assert_eq!((new.len(), new.last()), (old.len() + 1, Some(&1)));
    assert_eq!(new[..old.len()], old[..]);
    assert_eq!(decode_invitation(&encode_invitation(&without)), Ok(without));
    // Options this build does not know, or written as none, do not fit.
    for options in [[2u8], [0], [3]] {
        let text = wrap(&[&old[..], &options[..]].concat());
        assert_eq!(
            decode_invitation(&text),
            Err(TransferError::Malformed(Malformed::PackedInvitation)),
            "{options:?}"
        );
    }
}

/// Checksummed text as the engine writes it, for crafting valid-but-wrong content.
fn wrap(bytes: &[u8]) -> String {
    use base64::Engine as _;
    let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    format!("{body}.{:08x}", crc32fast::hash(body.as_bytes()))
}

/// A response code around a payload written as JSON by hand.
fn code_of(payload: &str) -> String {
    format!("TRELLIS1-{}", wrap(payload.as_bytes()))
}

#[test]
fn codes_carry_ties_and_codes_without_them_read_as_before() {
    let c = catalogue();
    let i = trellis(&c);
    let asked = i
        .statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == "readiness"))
        .count();
    let version = i.version().to_string();
    let answers = "-".repeat(asked);
    let levels = "0".repeat(i.domains_in_mode("readiness").count());
    // A code of the first builds: thirteen fields, no ties.
    let old = format!(
        r#"["r1","x1","p1","manager","trellis","{version}","readiness",1,2,3,"{answers}","{levels}",{{}}]"#
    );
    let read = decode_response_code(&code_of(&old), &c).expect("an old code reads");
    assert!(read.response.ties.is_empty());
    // The same with ties: a fourteenth field, partner id to now and wanted (`0` none).
    let with = format!(
        r#"["r1","x1","p1","manager","trellis","{version}","readiness",1,2,3,"{answers}","{levels}",{{}},{{"p2":"34","p3":"05","p4":"00"}}]"#
    );
    let read = decode_response_code(&code_of(&with), &c).expect("reads");
    assert_eq!(
        read.response.ties,
        BTreeMap::from([(s("p2"), tie(Some(3), Some(4))), (s("p3"), tie(None, Some(5))),])
    );
    // What the engine writes is that, and a response without ties gives the old form.
    let mut response = read.response.clone();
    response.round_id = s("r1");
    let json = |r: &Response| {
        let code = encode_response_code(&i, "readiness", r);
        use base64::Engine as _;
        let body = code["TRELLIS1-".len()..]
            .split('.')
            .next()
            .expect("body")
            .to_string();
        String::from_utf8(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(body)
                .expect("base64"),
        )
        .expect("utf-8")
    };
    assert!(
        json(&response).ends_with(r#",{},{"p2":"34","p3":"05"}]"#),
        "{}",
        json(&response)
    );
    response.ties.clear();
    assert_eq!(json(&response), old);
    // Ties that are not two level characters are named.
    // (A level character past 5, such as `x` for 33, is a tie out of range, which the
    // import names: see `imported_ties_are_checked_against_the_collaboration`.)
    for (text, bad) in [("3", "3"), ("345", "345"), ("?4", "?4"), ("3-", "3-")] {
        let payload = format!(
            r#"["r1","x1","p1","manager","trellis","{version}","readiness",1,2,3,"{answers}","{levels}",{{}},{{"p2":"{text}"}}]"#
        );
        assert_eq!(
            decode_response_code(&code_of(&payload), &c),
            Err(TransferError::Malformed(Malformed::NotATie {
                partner: s("p2"),
                text: s(bad)
            }))
        );
    }
    // Fifteen fields is too many.
    let long = format!(
        r#"["r1","x1","p1","manager","trellis","{version}","readiness",1,2,3,"{answers}","{levels}",{{}},{{}},1]"#
    );
    assert!(matches!(
        decode_response_code(&code_of(&long), &c),
        Err(TransferError::BadJson(m)) if m.contains("invalid length 15")
    ));
}

/// Imports `ties` from a response file into a round with a partner map; what happened.
fn import(ties: &[(&str, Tie)]) -> Result<Response, TransferError> {
    let c = catalogue();
    let i = trellis(&c);
    let ws = set_up(true);
    let response = Response {
        ties: ties.iter().map(|(p, t)| (s(p), *t)).collect(),
        ..shipped_response(&i)
    };
    let text = response_file_json(&i, &response);
    let (after, report) = plan_import(
        &ws,
        "r1",
        &c,
        vec![ImportItem::new("file.json", parse_response_file(&text))],
        &Default::default(),
    );
    match report.rejected.first() {
        Some(r) => Err(r.error.clone()),
        None => Ok(after.responses[0].clone()),
    }
}

#[test]
fn imported_ties_are_checked_against_the_collaboration() {
    let ok = tie(Some(2), Some(4));
    assert_eq!(
        import(&[("p2", ok), ("p3", tie(None, Some(1)))]).map(|r| r.ties.len()),
        Ok(2)
    );
    // A tie with neither rating is no tie.
    assert_eq!(
        import(&[("p2", ok), ("p3", Tie::default())]).map(|r| r.ties.into_keys().collect::<Vec<_>>()),
        Ok(vec![s("p2")])
    );
    for (ties, error) in [
        (vec![("p1", ok)], TransferError::TieWithOwnOrganisation(s("p1"))),
        (vec![("p7", ok)], TransferError::UnknownTiePartner(s("p7"))),
        (
            vec![("p2", tie(Some(6), None))],
            TransferError::TieOutOfRange {
                partner: s("p2"),
                value: 6,
            },
        ),
        (
            vec![("p3", tie(Some(2), Some(0)))],
            TransferError::TieOutOfRange {
                partner: s("p3"),
                value: 0,
            },
        ),
    ] {
        assert_eq!(import(&ties), Err(error), "{ties:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Commands.

const NOW: Timestamp = Timestamp(50);

/// Collaboration `c1` (p1 to p3) with round `r1` of the shipped instrument, with or
/// without a partner map, set up by a command.
fn set_up(partner_map: bool) -> Workspace {
    let mut ws = Workspace::default();
    let command = Command::AddCollaboration {
        collaboration: NewCollaboration {
            name: s("Harbour alliance"),
            partners: vec![s("Trust"), s("Council"), s("Carers")],
        },
        id: s("c1"),
        round: NewRound {
            name: s("Spring"),
            date: s("2026-03-01"),
            mode: s("full"),
            partner_map,
        },
        round_id: s("r1"),
        now: NOW,
    };
    ws.apply(&catalogue(), command).expect("set up");
    ws
}

/// [`set_up`] with a response `x` from p1 started on the round.
fn answering(partner_map: bool) -> Workspace {
    let mut ws = set_up(partner_map);
    let start = Command::StartResponse {
        round: s("r1"),
        organisation: s("p1"),
        role: RoleCategory::Clinician,
        id: s("x"),
        now: NOW,
    };
    ws.apply_answering(&catalogue(), start).expect("started");
    ws
}

fn set_tie(partner: &str, now: Option<u8>, wanted: Option<u8>) -> Command {
    Command::SetTie {
        response: s("x"),
        partner: s(partner),
        tie: tie(now, wanted),
        now: Timestamp(60),
    }
}

/// Applies `commands` in turn through the respondent's entry; the ties of `x` after them.
fn ties_after(commands: Vec<Command>) -> BTreeMap<String, Tie> {
    let mut ws = answering(true);
    for command in commands {
        assert_eq!(
            ws.apply_answering(&catalogue(), command.clone()),
            Ok(Outcome::Changed),
            "{command:?}"
        );
    }
    let r = ws.response("x").expect("x");
    assert_eq!(r.updated, Timestamp(60));
    r.ties.clone()
}

#[test]
fn a_respondent_rates_each_other_partner() {
    assert_eq!(
        ties_after(vec![
            set_tie("p2", Some(2), None),
            set_tie("p3", Some(1), Some(4)),
            set_tie("p2", Some(2), Some(3)),
        ]),
        BTreeMap::from([(s("p2"), tie(Some(2), Some(3))), (s("p3"), tie(Some(1), Some(4)))])
    );
    // Clearing both answers removes the tie.
    assert_eq!(
        ties_after(vec![set_tie("p2", Some(2), None), set_tie("p2", None, None)]),
        BTreeMap::new()
    );
}

#[test]
fn a_tie_is_refused_without_a_map_or_with_the_wrong_partner_or_step() {
    let refused = |ws: Workspace, command: Command, error: InputError| {
        let mut after = ws.clone();
        assert_eq!(
            after.apply_answering(&catalogue(), command.clone()),
            Err(CommandError::Input(error)),
            "{command:?}"
        );
        assert_eq!(after, ws, "{command:?} changed the workspace");
    };
    refused(
        answering(false),
        set_tie("p2", Some(3), None),
        InputError::NoPartnerMap,
    );
    refused(
        answering(true),
        set_tie("p1", Some(3), None),
        InputError::TieWithOwnOrganisation(s("p1")),
    );
    refused(
        answering(true),
        set_tie("p9", Some(3), None),
        InputError::UnknownTiePartner(s("p9")),
    );
    refused(
        answering(true),
        set_tie("p2", Some(6), None),
        InputError::TieOutOfRange(6),
    );
    refused(
        answering(true),
        set_tie("p2", Some(2), Some(0)),
        InputError::TieOutOfRange(0),
    );
    let mut sent = answering(true);
    sent.apply_answering(
        &catalogue(),
        Command::Submit {
            response: s("x"),
            now: NOW,
        },
    )
    .expect("sent");
    refused(sent, set_tie("p2", Some(3), None), InputError::AlreadySubmitted);
    let gone = Command::SetTie {
        response: s("nobody"),
        partner: s("p2"),
        tie: tie(Some(3), None),
        now: NOW,
    };
    refused(answering(true), gone, InputError::UnknownResponse);
}

#[test]
fn the_facilitator_turns_a_rounds_partner_map_on_and_off() {
    let c = catalogue();
    let mut ws = answering(false);
    let on = Command::SetPartnerMap {
        round: s("r1"),
        on: true,
    };
    // Not a respondent's change.
    assert_eq!(
        ws.clone().apply_answering(&c, on.clone()),
        Err(CommandError::NotAnswering)
    );
    assert_eq!(ws.apply(&c, on), Ok(Outcome::Changed));
    assert!(ws.round("r1").expect("r1").1.partner_map);
    ws.apply(&c, set_tie("p2", Some(3), Some(4))).expect("now asked");
    // Turned off, the map is not asked or analysed, but the ties given are kept.
    ws.apply(
        &c,
        Command::SetPartnerMap {
            round: s("r1"),
            on: false,
        },
    )
    .expect("off");
    assert_eq!(ws.response("x").expect("x").ties.len(), 1);
    assert_eq!(
        ws.apply(
            &c,
            Command::SetPartnerMap {
                round: s("r9"),
                on: true
            }
        ),
        Err(CommandError::Input(InputError::UnknownRound))
    );
    // A respondent who joins through the link of a round with the map has it too.
    let ws = answering(true);
    let (collaboration, round) = ws.round("r1").expect("r1");
    let invitation = invitation_for(collaboration, round, None);
    let mut respondent = Workspace::default();
    respondent
        .apply_answering(&c, Command::AcceptInvitation { invitation, now: NOW })
        .expect("joins");
    assert!(respondent.round("r1").expect("r1").1.partner_map);
}

// ---------------------------------------------------------------------------------------
// Export and example.

#[test]
fn the_ratings_export_has_a_row_per_response_and_other_partner() {
    let ws = workspace(
        true,
        vec![
            rater("a", "p1", &[("p2", 3, 4)]),
            Response {
                submitted: None,
                ..rater("draft", "p2", &[("p1", 1, 1)])
            },
            rater("b", "p3", &[]),
        ],
    );
    let (c, round) = ws.round("r1").expect("r1");
    let responses: Vec<&Response> = ws.responses.iter().collect();
    let csv = trellis_core::export::partner_ratings_csv(c, round, &responses);
    let lead = "Harbour alliance,r1,Spring,2026-03-01";
    let when = "1970-01-01T00:00:00Z";
    assert_eq!(
        csv,
        [
            "\u{feff}collaboration,round_id,round,round_date,response_id,organisation_id,organisation,role,submitted,partner_id,partner,now,wanted",
            &format!("{lead},a,p1,Harbour Trust,Manager,{when},p2,'=Harbour Council,3,4"),
            &format!("{lead},a,p1,Harbour Trust,Manager,{when},p3,Harbour Carers,,"),
            &format!("{lead},b,p3,Harbour Carers,Manager,{when},p1,Harbour Trust,,"),
            &format!("{lead},b,p3,Harbour Carers,Manager,{when},p2,'=Harbour Council,,"),
            "",
        ]
        .join("\r\n")
    );
    // A round without a map: only responses that hold ratings (given while it had one).
    let mut off = ws.clone();
    off.apply(
        &catalogue(),
        Command::SetPartnerMap {
            round: s("r1"),
            on: false,
        },
    )
    .expect("off");
    let (c, round) = off.round("r1").expect("r1");
    let csv = trellis_core::export::partner_ratings_csv(c, round, &responses);
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

#[test]
fn the_example_has_a_partner_map_and_the_same_answers() {
    let c = catalogue();
    // The fingerprints below were taken from the example on questionnaire 1.0.0.
    let i = c.get("trellis", "1.0.0").expect("1.0.0 ships").clone();
    let mut ws = Workspace::default();
    trellis_core::example::add_example(
        &mut ws,
        &i,
        trellis_core::example::SEED,
        "2026-11-30",
        Timestamp(0),
    )
    .expect("example");
    let collaboration = &ws.collaborations[0];
    let (first, second) = (&collaboration.rounds[0], &collaboration.rounds[1]);
    assert!(!first.partner_map && second.partner_map);
    // The answers come from the same random stream as before the map: these are what
    // the example gave then (sum of scale answers, don't know, not applicable, levels,
    // comments, and each respondent's partner).
    let fingerprint = |round: &str| {
        let (mut sum, mut dk, mut na, mut levels, mut comments) = (0u64, 0, 0, 0u64, 0);
        let mut partners = String::new();
        for r in ws.responses_for(round) {
            partners.push_str(&r.organisation[1..]);
            comments += r.comments.len();
            levels += r.levels.values().map(|l| u64::from(*l)).sum::<u64>();
            for a in r.answers.values() {
                match a {
                    Answer::Scale(v) => sum += u64::from(*v),
                    Answer::DontKnow => dk += 1,
                    Answer::NotApplicable => na += 1,
                }
            }
        }
        format!("{sum} {dk} {na} {levels} {comments} {partners}")
    };
    assert_eq!(
        fingerprint(&first.id),
        "3663 65 28 568 15 444131122344234112432331113432"
    );
    assert_eq!(
        fingerprint(&second.id),
        "4149 82 19 664 17 441221441431141112221341124132"
    );
    assert!(ws.responses_for(&first.id).all(|r| r.ties.is_empty()));
    assert!(ws
        .responses_for(&second.id)
        .all(|r| !r.ties.is_empty() && !r.ties.contains_key(&r.organisation)));
    // What its map shows: the trust and community health see their tie differently, the trust and the voluntary organisation are far from what they want,
    // and the voluntary organisation has few strong ties.
    let a = analyse(&RoundInput {
        instrument: &i,
        mode: &second.mode,
        responses: ws.responses_for(&second.id).collect(),
        context: &second.context,
        targets: &second.targets,
        consensus: &second.consensus,
        earlier_targets: &first.targets,
        min_group: MIN_GROUP,
        partner_map: Some(&collaboration.partners),
    });
    let map = a.partners.as_ref().expect("map");
    assert!(map.cells.iter().all(|c| c.figures().is_some()), "{map:?}");
    let pairs: Vec<(&str, &str)> = map
        .seen_differently
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str()))
        .collect();
    assert_eq!(pairs, [("p1", "p2")]);
    let far: Vec<(&str, &str)> = map
        .far_from_wanted
        .iter()
        .map(|p| (p.from.as_str(), p.to.as_str()))
        .collect();
    assert!(
        far.contains(&("p1", "p4")) && far.contains(&("p4", "p1")),
        "{far:?}"
    );
    let few: Vec<&str> = map.few_strong_ties.iter().map(|p| p.partner.as_str()).collect();
    assert_eq!(few, ["p4"]);
    assert!(a.agenda.iter().any(|x| x.topic == AgendaTopic::PartnerMap));
}

#[test]
fn a_round_file_and_a_merge_carry_ties() {
    let ws = workspace(true, vec![rater("a", "p1", &[("p2", 3, 4), ("p3", 0, 5)])]);
    let file = ws.extract("c1", Some("r1")).expect("the round").to_json();
    let opened = Workspace::from_json(&file).expect("a round file opens");
    let mut elsewhere = workspace(true, Vec::new());
    assert_eq!(
        elsewhere.apply(&catalogue(), Command::Merge(Box::new(opened))),
        Ok(Outcome::Changed)
    );
    assert_eq!(elsewhere.responses, ws.responses);
    assert!(elsewhere.round("r1").expect("r1").1.partner_map);
}
