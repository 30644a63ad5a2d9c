//! Context answers belong to the round: the snapshot a new round takes, changes that
//! reach open rounds and never closed ones, the migration of older workspaces, merging,
//! and the answers that changed between two rounds.

use std::collections::BTreeMap;

use trellis_core::format::ContextAnswer::{self, Many, Number, One};
use trellis_core::format::{RoundStatus, Timestamp, Workspace, WORKSPACE_SCHEMA};
use trellis_core::workspace::{context_changes, ContextChange, LoadError, NewCollaboration, NewRound};

use crate::common::mini;

fn one(option: &str) -> ContextAnswer {
    One(option.to_string())
}

fn answers(pairs: &[(&str, ContextAnswer)]) -> BTreeMap<String, ContextAnswer> {
    pairs.iter().map(|(q, a)| (q.to_string(), a.clone())).collect()
}

fn context_of(ws: &Workspace, round: &str) -> BTreeMap<String, ContextAnswer> {
    ws.round(round).expect("round").1.context.clone()
}

fn add_round(ws: &mut Workspace, id: &str, date: &str) {
    let input = NewRound {
        name: id.to_string(),
        date: date.to_string(),
        mode: "quick".to_string(),
        partner_map: false,
    };
    ws.add_round("c1", &input, &mini(), id.to_string(), Timestamp(10))
        .expect("round");
}

/// A collaboration described as having a negative history under financial pressure.
fn described() -> Workspace {
    let mut ws = Workspace::default();
    let collaboration = NewCollaboration {
        name: "North".into(),
        partners: vec!["A".into(), "B".into()],
    }
    .validate("c1".into(), Timestamp(5))
    .expect("valid");
    ws.add_collaboration(collaboration);
    let i = mini();
    ws.set_context(&i, "c1", "history", Some(one("negative")))
        .expect("history");
    ws.set_context(&i, "c1", "pressures", Some(Many(vec!["finance".into()])))
        .expect("pressures");
    ws
}

#[test]
fn a_new_round_takes_the_collaborations_current_context() {
    let mut ws = described();
    add_round(&mut ws, "r1", "2026-03-01");
    assert_eq!(
        context_of(&ws, "r1"),
        answers(&[
            ("history", one("negative")),
            ("pressures", Many(vec!["finance".into()]))
        ])
    );
}

#[test]
fn a_change_reaches_open_rounds_and_new_ones_but_never_a_closed_round() {
    let i = mini();
    let mut ws = described();
    add_round(&mut ws, "r1", "2026-03-01");
    ws.set_status("r1", RoundStatus::Closed).expect("close");
    add_round(&mut ws, "r2", "2026-09-01");
    ws.set_context(&i, "c1", "history", Some(one("none")))
        .expect("history");
    ws.set_context(&i, "c1", "partners", Some(Number(4)))
        .expect("partners");
    // The closed round keeps what it was read under, answer for answer.
    assert_eq!(
        context_of(&ws, "r1"),
        answers(&[
            ("history", one("negative")),
            ("pressures", Many(vec!["finance".into()]))
        ])
    );
    let now = answers(&[
        ("history", one("none")),
        ("partners", Number(4)),
        ("pressures", Many(vec!["finance".into()])),
    ]);
    assert_eq!(context_of(&ws, "r2"), now);
    assert_eq!(ws.collaboration("c1").expect("c1").context, now);
    // Clearing an answer clears it from the open round too.
    ws.set_context(&i, "c1", "pressures", None).expect("clear");
    assert_eq!(context_of(&ws, "r2").get("pressures"), None);
    assert!(context_of(&ws, "r1").contains_key("pressures"));
    // A round added now starts from the current answers.
    add_round(&mut ws, "r3", "2027-03-01");
    assert_eq!(context_of(&ws, "r3"), context_of(&ws, "r2"));
    // Reopening a round lets its context be corrected; only the answer changed is made.
    ws.set_status("r1", RoundStatus::Open).expect("reopen");
    ws.set_context(&i, "c1", "history", Some(one("negative")))
        .expect("history");
    assert_eq!(
        context_of(&ws, "r1"),
        answers(&[
            ("history", one("negative")),
            ("pressures", Many(vec!["finance".into()]))
        ])
    );
}

#[test]
fn a_refused_answer_changes_no_round() {
    let i = mini();
    let mut ws = described();
    add_round(&mut ws, "r1", "2026-03-01");
    let before = ws.clone();
    assert!(ws.set_context(&i, "c1", "history", Some(one("awful"))).is_err());
    assert_eq!(ws, before);
}

#[test]
fn each_round_of_a_schema_3_workspace_takes_its_collaborations_context() {
    let text = include_str!("fixtures/workspace-v3.json");
    assert_eq!(Workspace::from_current_json(text), Err(LoadError::OlderSchema(3)));
    let ws = Workspace::from_json(text).expect("schema 3 loads");
    assert_eq!(ws.schema, WORKSPACE_SCHEMA);
    let expected = answers(&[
        ("history", one("negative")),
        ("partners", Number(2)),
        ("pressures", Many(vec!["finance".into()])),
    ]);
    // The closed round and the open one alike, each a copy of its own collaboration's.
    assert_eq!(context_of(&ws, "v3-r1"), expected);
    assert_eq!(context_of(&ws, "v3-r2"), expected);
    assert_eq!(context_of(&ws, "v3-blank-r1"), BTreeMap::new());
    // Nothing else is lost on the way.
    assert_eq!(ws.responses.len(), 2);
    let sent = ws.response("v3-resp-1").expect("response");
    assert_eq!(
        sent.comments.get("trust.a").map(String::as_str),
        Some("Better since the spring.")
    );
    assert_eq!(ws.round("v3-r1").expect("r1").1.targets.get("trust"), Some(&2));
    // Written back in today's schema, each round carries its context and reads the same.
    let again = ws.to_json();
    assert!(again.starts_with(&format!("{{\"schema\":{WORKSPACE_SCHEMA},")));
    assert_eq!(again.matches("\"history\":\"negative\"").count(), 3);
    assert_eq!(Workspace::from_current_json(&again), Ok(ws));
}

#[test]
fn rounds_of_schemas_1_and_2_take_their_collaborations_context_too() {
    let v2 = Workspace::from_json(include_str!("fixtures/workspace-v2.json")).expect("schema 2");
    for c in &v2.collaborations {
        assert!(!c.context.is_empty(), "the fixture describes its collaboration");
        for r in &c.rounds {
            assert_eq!(r.context, c.context, "round {}", r.id);
        }
    }
    let v1 = Workspace::from_json(include_str!("fixtures/workspace-v1.json")).expect("schema 1");
    for c in &v1.collaborations {
        for r in &c.rounds {
            assert_eq!(r.context, c.context, "round {}", r.id);
        }
    }
}

#[test]
fn a_rounds_context_merges_like_its_targets() {
    let i = mini();
    let mut here = described();
    add_round(&mut here, "r1", "2026-03-01");
    // Another copy of the same round, answered differently and with one answer more.
    let mut other = here.clone();
    other
        .set_context(&i, "c1", "history", Some(one("none")))
        .expect("history");
    other
        .set_context(&i, "c1", "partners", Some(Number(3)))
        .expect("partners");
    add_round(&mut other, "r2", "2026-09-01");
    here.merge(other);
    // An answer present here is kept; a missing one is filled in.
    assert_eq!(
        context_of(&here, "r1"),
        answers(&[
            ("history", one("negative")),
            ("partners", Number(3)),
            ("pressures", Many(vec!["finance".into()])),
        ])
    );
    // A round new here arrives with the context it was read under.
    assert_eq!(context_of(&here, "r2").get("history"), Some(&one("none")));
}

#[test]
fn the_answers_that_changed_between_rounds_are_named_in_the_instruments_order() {
    let i = mini();
    let before = answers(&[
        ("history", one("none")),
        ("pressures", Many(vec!["finance".into()])),
        ("zz-retired", one("x")),
    ]);
    let after = answers(&[
        ("history", one("negative")),
        ("partners", Number(3)),
        ("pressures", Many(vec!["finance".into()])),
    ]);
    let change = |q: &str, b: Option<ContextAnswer>, a: Option<ContextAnswer>| ContextChange {
        question: q.to_string(),
        before: b,
        after: a,
    };
    assert_eq!(
        context_changes(&i, &before, &after),
        [
            change("history", Some(one("none")), Some(one("negative"))),
            change("partners", None, Some(Number(3))),
            change("zz-retired", Some(one("x")), None),
        ]
    );
    assert_eq!(context_changes(&i, &after, &after), []);
}
