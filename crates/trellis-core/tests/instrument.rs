//! Instrument loading: every shipped file validates, and each invariant rejects bad files.

use trellis_core::catalogue::SHIPPED;
use trellis_core::{Catalogue, Instrument, InstrumentError};

use crate::common::{mini, MINI};

#[test]
fn every_shipped_instrument_loads() {
    assert!(!SHIPPED.is_empty());
    for (name, text) in SHIPPED {
        if let Err(errors) = Instrument::from_json(text) {
            panic!("{name} is invalid: {errors:#?}");
        }
    }
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let latest = catalogue
        .latest(trellis_core::catalogue::DEFAULT_INSTRUMENT)
        .expect("default instrument");
    assert!(catalogue
        .get(latest.id(), &latest.version().to_string())
        .is_some());
}

#[test]
fn mini_fixture_loads_with_its_shape() {
    let i = mini();
    assert_eq!(i.id(), "mini");
    assert_eq!(i.version().to_string(), "0.1.0");
    assert_eq!(i.scale_max(), 5);
    assert_eq!(i.statement_count("quick"), 2);
    assert_eq!(i.statement_count("full"), 6);
    let quick: Vec<&str> = i.domains_in_mode("quick").map(|d| d.id.as_str()).collect();
    assert_eq!(quick, ["trust", "vision"]);
    assert!(i.is_functioning("trust"));
    assert!(!i.is_functioning("outcomes"));
}

/// Applies `edit` to the mini fixture's JSON and expects exactly `expected` as errors.
fn check(edit: impl FnOnce(&mut serde_json::Value), expected: &[InstrumentError]) {
    let mut value: serde_json::Value = serde_json::from_str(MINI).expect("fixture is JSON");
    edit(&mut value);
    let errors = Instrument::from_json(&value.to_string()).expect_err("the edit should be rejected");
    assert_eq!(errors, expected);
}

#[test]
fn rejects_each_broken_invariant() {
    use InstrumentError::*;
    check(|v| v["format"] = 2.into(), &[UnsupportedFormat(2)]);
    check(|v| v["version"] = "1.0".into(), &[BadVersion("1.0".into())]);
    check(|v| v["version"] = "01.0.0".into(), &[BadVersion("01.0.0".into())]);
    check(
        |v| v["statements"][1]["id"] = "trust.a".into(),
        &[DuplicateId {
            list: "statement",
            id: "trust.a".into(),
        }],
    );
    check(
        |v| v["statements"][5]["domain"] = "nowhere".into(),
        &[
            DomainWithoutStatements("outcomes".into()),
            UnknownDomain {
                item: "outcomes.a".into(),
                domain: "nowhere".into(),
            },
        ],
    );
    check(
        |v| v["statements"][0]["modes"][1] = "other".into(),
        &[UnknownMode {
            statement: "trust.a".into(),
            mode: "other".into(),
        }],
    );
    check(|v| v["scale"]["points"][1]["value"] = 3.into(), &[ScaleNotOneToN]);
    check(|v| v["levels"][0]["level"] = 2.into(), &[LevelsNotOneToN]);
    check(
        |v| v["domains"][0]["levels"] = serde_json::json!(["only one"]),
        &[LevelDescriptorCount {
            domain: "trust".into(),
            found: 1,
            expected: 2,
        }],
    );
    check(
        |v| v["statements"][2]["text"] = " ".into(),
        &[EmptyField("the text of statement \"trust.c\"".into())],
    );
    check(
        |v| v["context"][1]["options"] = serde_json::json!([{"id": "x", "label": "X"}]),
        &[ContextOptions("partners".into())],
    );
    check(
        |v| v["actions"][0]["levels"] = serde_json::json!([3]),
        &[ActionLevel {
            action: "trust.talk".into(),
            level: 3,
        }],
    );
    check(
        |v| v["actions"][0]["priority_when"][0]["options"][0] = "bad".into(),
        &[ActionContext {
            action: "trust.talk".into(),
            question: "history".into(),
            option: Some("bad".into()),
        }],
    );
    check(
        |v| v["actions"][0]["effort"] = "huge".into(),
        &[ActionEffort {
            action: "trust.talk".into(),
            value: "huge".into(),
        }],
    );
    check(
        |v| v["actions"][0]["horizon"] = "never".into(),
        &[ActionHorizon {
            action: "trust.talk".into(),
            value: "never".into(),
        }],
    );
}

#[test]
fn malformed_json_reports_where() {
    let errors = Instrument::from_json("{\"format\": 1,\n \"id\": }").expect_err("not JSON");
    match &errors[..] {
        [InstrumentError::Parse(msg)] => assert!(msg.contains("line 2"), "{msg}"),
        other => panic!("unexpected {other:?}"),
    }
    let errors = Instrument::from_json("{\"format\": 1, \"surprise\": true}").expect_err("unknown field");
    assert!(errors[0].to_string().contains("surprise"), "{}", errors[0]);
}

/// docs/instrument.md documents every statement and action of the shipped instrument;
/// this catches the document falling behind the data file.
#[test]
fn instrument_doc_mentions_every_statement_and_action() {
    let doc = include_str!("../../../docs/instrument.md");
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    for instrument in catalogue.all() {
        assert!(
            doc.contains(&instrument.version().to_string()),
            "version {} is not documented",
            instrument.version()
        );
        for s in instrument.statements() {
            assert!(
                doc.contains(&s.id),
                "statement {} is not in docs/instrument.md",
                s.id
            );
            assert!(
                doc.contains(&s.text),
                "the wording of {} in docs/instrument.md differs",
                s.id
            );
        }
        for a in instrument.actions() {
            assert!(
                doc.contains(&a.id),
                "action {} is not in docs/instrument.md",
                a.id
            );
        }
        for q in instrument.context() {
            assert!(
                doc.contains(&q.id),
                "context question {} is not in docs/instrument.md",
                q.id
            );
        }
    }
}
