//! Workspace operations: input validation, answering, storage round trip and load errors.

use trellis_core::format::{Answer, RoleCategory, Timestamp, Workspace, WORKSPACE_SCHEMA};
use trellis_core::workspace::{is_iso_date, InputError, LoadError, NewCollaboration, NewRound};

use crate::common::mini;

fn new_collab(name: &str, partners: &[&str]) -> Result<trellis_core::format::Collaboration, InputError> {
    NewCollaboration {
        name: name.into(),
        partners: partners.iter().map(|p| p.to_string()).collect(),
    }
    .validate("c1".into(), Timestamp(5))
}

#[test]
fn collaboration_input_is_validated() {
    let c = new_collab("  North alliance ", &["Acute trust", "", " Council "]).expect("valid");
    assert_eq!(c.name, "North alliance");
    let partners: Vec<(&str, &str)> = c
        .partners
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(partners, [("p1", "Acute trust"), ("p2", "Council")]);
    assert_eq!(new_collab(" ", &["A", "B"]), Err(InputError::NameMissing));
    assert_eq!(
        new_collab(&"x".repeat(121), &["A", "B"]),
        Err(InputError::NameTooLong)
    );
    assert_eq!(new_collab("N", &["A"]), Err(InputError::TooFewPartners));
    assert_eq!(
        new_collab("N", &["A", "a"]),
        Err(InputError::DuplicatePartner("a".into()))
    );
}

#[test]
fn every_problem_of_a_set_up_form_is_listed_in_the_form_order() {
    let long = "x".repeat(121);
    let input = NewCollaboration {
        name: " ".into(),
        partners: ["A", "a", long.as_str(), "a", ""]
            .iter()
            .map(|p| p.to_string())
            .collect(),
    };
    assert_eq!(
        input.problems(),
        [
            InputError::NameMissing,
            InputError::DuplicatePartner("a".into()),
            InputError::PartnerTooLong(long.clone()),
            InputError::TooFewPartners,
        ],
        "each problem once, not only the first"
    );
    assert_eq!(
        input.validate("c1".into(), Timestamp(5)),
        Err(InputError::NameMissing)
    );
    assert_eq!(
        NewCollaboration {
            name: "N".into(),
            partners: vec!["A".into(), "B".into()]
        }
        .problems(),
        []
    );
    let round = NewRound {
        name: "".into(),
        date: "2026-02-30".into(),
        mode: "short".into(),
        partner_map: false,
    };
    assert_eq!(
        round.problems(&mini()),
        [
            InputError::NameMissing,
            InputError::BadDate("2026-02-30".into()),
            InputError::UnknownMode("short".into()),
        ]
    );
    assert_eq!(round.check(&mini()), Err(InputError::NameMissing));
}

#[test]
fn the_partner_count_is_known_from_the_partners_entered() {
    use trellis_core::format::ContextAnswer::Number;
    use trellis_core::next_step::{context_answer, context_answered, ContextSource};
    let i = mini();
    let mut ws = workspace_with_round();
    let c = ws.collaboration("c1").expect("collaboration").clone();
    assert_eq!(
        context_answer(&c, &i, "partners"),
        Some(ContextSource::FromPartners(3))
    );
    assert_eq!(context_answer(&c, &i, "history"), None);
    assert_eq!(context_answered(&c, &i), 1, "the partner count needs no answer");
    // A number the facilitator gives instead is what counts.
    ws.set_context(&i, "c1", "partners", Some(Number(5)))
        .expect("set");
    let c = ws.collaboration("c1").expect("collaboration");
    assert_eq!(
        context_answer(c, &i, "partners"),
        Some(ContextSource::Recorded(Number(5)))
    );
    assert_eq!(context_answered(c, &i), 1);
}

#[test]
fn the_next_step_follows_the_work_describe_invite_collect_results() {
    use trellis_core::format::ContextAnswer::{Many, One};
    use trellis_core::next_step::{next_step, NextStep};
    let i = mini();
    let mut ws = workspace_with_round();
    let step = |ws: &Workspace| next_step(ws, ws.collaboration("c1").expect("collaboration"), &i);
    assert_eq!(
        step(&ws),
        Some(NextStep::Describe {
            answered: 1,
            total: 3
        })
    );
    ws.set_context(&i, "c1", "history", Some(One("none".into())))
        .expect("set");
    ws.set_context(&i, "c1", "pressures", Some(Many(vec!["finance".into()])))
        .expect("set");
    assert_eq!(step(&ws), Some(NextStep::Invite { round: "r1".into() }));
    // Answers started but not sent do not count.
    let mut r = crate::common::response("x0", &[]);
    ws.responses.push(r.clone());
    assert_eq!(step(&ws), Some(NextStep::Invite { round: "r1".into() }));
    r.submitted = Some(Timestamp(9));
    for k in 1..=3 {
        ws.responses.push(trellis_core::format::Response {
            id: format!("x{k}"),
            ..r.clone()
        });
        let expected = if k < 3 {
            NextStep::Collect {
                round: "r1".into(),
                sent: k,
                needed: 3,
            }
        } else {
            NextStep::Results {
                round: "r1".into(),
                sent: 3,
            }
        };
        assert_eq!(step(&ws), Some(expected));
    }
    // A later round is the one to work on.
    let later = NewRound {
        name: "Autumn".into(),
        date: "2026-09-01".into(),
        mode: "full".into(),
        partner_map: false,
    };
    ws.add_round("c1", &later, &i, "r2".into(), Timestamp(7))
        .expect("round");
    assert_eq!(step(&ws), Some(NextStep::Invite { round: "r2".into() }));
}

#[test]
fn dates_are_checked() {
    for good in ["2026-11-26", "2024-02-29", "2000-02-29"] {
        assert!(is_iso_date(good), "{good}");
    }
    for bad in [
        "2026-13-01",
        "2025-02-29",
        "1900-02-29",
        "26-11-2026",
        "2026-1-01",
        "2026-11-3a",
        "",
        "2026-04-31",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

fn workspace_with_round() -> Workspace {
    let mut ws = Workspace::default();
    ws.add_collaboration(new_collab("North", &["A", "B", "C"]).expect("valid"));
    let round = NewRound {
        name: "Spring".into(),
        date: "2026-03-01".into(),
        mode: "full".into(),
        partner_map: false,
    };
    ws.add_round("c1", &round, &mini(), "r1".into(), Timestamp(6))
        .expect("round");
    ws
}

#[test]
fn rounds_record_the_instrument_version() {
    let ws = workspace_with_round();
    let (_, round) = ws.round("r1").expect("round exists");
    assert_eq!(
        (round.instrument_id.as_str(), round.instrument_version.as_str()),
        ("mini", "0.1.0")
    );
    let mut ws = ws;
    let bad = NewRound {
        name: "X".into(),
        date: "2026-03-01".into(),
        mode: "nope".into(),
        partner_map: false,
    };
    assert_eq!(
        ws.add_round("c1", &bad, &mini(), "r2".into(), Timestamp(7)).err(),
        Some(InputError::UnknownMode("nope".into()))
    );
    let bad = NewRound {
        name: "X".into(),
        date: "soon".into(),
        mode: "full".into(),
        partner_map: false,
    };
    assert_eq!(
        ws.add_round("c1", &bad, &mini(), "r2".into(), Timestamp(7)).err(),
        Some(InputError::BadDate("soon".into()))
    );
    let ok = NewRound {
        name: "X".into(),
        date: "2026-03-01".into(),
        mode: "full".into(),
        partner_map: false,
    };
    assert_eq!(
        ws.add_round("zz", &ok, &mini(), "r2".into(), Timestamp(7)).err(),
        Some(InputError::UnknownCollaboration)
    );
}

#[test]
fn answering_updates_the_response_and_refuses_bad_input() {
    let i = mini();
    let mut ws = workspace_with_round();
    assert_eq!(
        ws.start_response("r1", "p9", RoleCategory::Manager, "x".into(), Timestamp(7))
            .err(),
        Some(InputError::UnknownOrganisation)
    );
    ws.start_response("r1", "p2", RoleCategory::Clinician, "resp".into(), Timestamp(7))
        .expect("start");
    ws.set_answer(&i, "resp", "trust.a", Some(Answer::Scale(4)), Timestamp(8))
        .expect("answer");
    ws.set_answer(&i, "resp", "trust.b", Some(Answer::DontKnow), Timestamp(9))
        .expect("answer");
    ws.set_answer(&i, "resp", "trust.b", None, Timestamp(10))
        .expect("clear");
    assert_eq!(
        ws.set_answer(&i, "resp", "trust.a", Some(Answer::Scale(6)), Timestamp(11)),
        Err(InputError::AnswerOutOfScale(6))
    );
    assert_eq!(
        ws.set_answer(&i, "resp", "nope", Some(Answer::Scale(1)), Timestamp(11)),
        Err(InputError::UnknownStatement("nope".into()))
    );
    ws.set_level(&i, "resp", "trust", Some(2), Timestamp(12))
        .expect("level");
    assert_eq!(
        ws.set_level(&i, "resp", "trust", Some(3), Timestamp(13)),
        Err(InputError::LevelOutOfRange(3))
    );
    ws.set_comment(&i, "resp", "trust.a", "We meet monthly.", Timestamp(14))
        .expect("comment");
    let r = ws.response("resp").expect("response");
    assert_eq!(r.answers.len(), 1);
    assert_eq!(r.answers.get("trust.a"), Some(&Answer::Scale(4)));
    assert_eq!(r.levels.get("trust"), Some(&2));
    assert_eq!(r.updated, Timestamp(14));
    ws.submit("resp", Timestamp(15)).expect("submit");
    assert_eq!(
        ws.set_answer(&i, "resp", "trust.a", Some(Answer::Scale(1)), Timestamp(16)),
        Err(InputError::AlreadySubmitted)
    );
    assert_eq!(ws.responses_for("r1").count(), 1);
}

#[test]
fn storage_round_trip_keeps_everything() {
    let i = mini();
    let mut ws = workspace_with_round();
    ws.start_response("r1", "p1", RoleCategory::ServiceUser, "resp".into(), Timestamp(7))
        .expect("start");
    ws.set_answer(&i, "resp", "trust.a", Some(Answer::NotApplicable), Timestamp(8))
        .expect("answer");
    ws.set_answer(&i, "resp", "trust.b", Some(Answer::Scale(2)), Timestamp(8))
        .expect("answer");
    let text = ws.to_json();
    // Schema 3: statements named once, then one row per response.
    assert!(
        text.contains(r#""responses":{"statements":["trust.a","trust.b"],"domains":[],"rows":[["resp","r1","p1","service-user","n2","","7","8",""]]}"#),
        "{text}"
    );
    assert_eq!(Workspace::from_json(&text), Ok(ws));
}

#[test]
fn the_response_table_keeps_every_value_and_refuses_damage() {
    let mut ws = workspace_with_round();
    ws.start_response("r1", "p1", RoleCategory::Manager, "a".into(), Timestamp(1))
        .expect("start");
    ws.start_response("r1", "p2", RoleCategory::Other, "b".into(), Timestamp(2))
        .expect("start");
    // Values the app never asks for (a restored file may hold them) still round-trip.
    let a = &mut ws.responses[0];
    a.answers.insert("x.one".into(), Answer::Scale(0));
    a.answers.insert("x.two".into(), Answer::Scale(200));
    a.answers.insert("x.three".into(), Answer::DontKnow);
    a.levels.insert("x".into(), 12);
    a.comments.insert("x.one".into(), "Ünïcode ✓ \u{202e}rtl".into());
    ws.responses[1].answers.insert("y.only".into(), Answer::Scale(5));
    ws.responses[1].submitted = Some(Timestamp(9));
    let text = ws.to_json();
    assert_eq!(Workspace::from_json(&text), Ok(ws.clone()));

    let short = text.replace(
        r#""b","r1","p2","other","---5""#,
        r#""b","r1","p2","other","--5""#,
    );
    assert_ne!(short, text, "the fixture changed: {text}");
    assert!(
        matches!(Workspace::from_json(&short), Err(LoadError::Damaged(m)) if m.contains("response 2 of the table") && m.contains("3 answer characters for 4 statements"))
    );
    let wrong = text.replace(r#""---5""#, r#""--?5""#);
    assert!(
        matches!(Workspace::from_json(&wrong), Err(LoadError::Damaged(m)) if m.contains("\"?\" is not an answer"))
    );
    // The second row is `["b","r1","p2","other","---5","-","2","2","9"]`.
    let row = r#"["b","r1","p2","other","---5","-","2","2","9"]"#;
    assert!(text.contains(row), "{text}");
    for (damaged, problem) in [
        (r#"["b","r1","p2","other","---5","-","2","2"]"#, "it has 8 fields"),
        (
            r#"["b","r1","p2","other","---5","-","2","2","9","x.one"]"#,
            "it has 10 fields",
        ),
        (
            r#"["b","r1","p2","other","---5","-","2","soon","9"]"#,
            "last change time \"soon\" is not a whole number",
        ),
        (
            r#"["b","r1","p2","boss","---5","-","2","2","9"]"#,
            "\"boss\" is not a role",
        ),
    ] {
        let bad = text.replace(row, damaged);
        assert!(
            matches!(Workspace::from_json(&bad), Err(LoadError::Damaged(ref m)) if m.contains("response 2 of the table") && m.contains(problem)),
            "{problem}: {:?}",
            Workspace::from_json(&bad)
        );
    }
}

#[test]
fn a_schema_2_workspace_is_read_and_written_back_as_a_table() {
    let text = include_str!("fixtures/workspace-v2.json");
    let ws = Workspace::from_json(text).expect("schema 2 loads");
    assert_eq!(ws.schema, WORKSPACE_SCHEMA);
    assert_eq!(ws.responses.len(), 3);
    let sent = ws.response("v2-resp-1").expect("first response");
    assert_eq!(sent.answers.get("leadership.visible"), Some(&Answer::Scale(4)));
    assert_eq!(sent.answers.get("trust.know-people"), Some(&Answer::DontKnow));
    assert_eq!(sent.levels.get("leadership"), Some(&3));
    assert_eq!(
        sent.comments.get("trust.know-people").map(String::as_str),
        Some("New to the team.")
    );
    assert_eq!(sent.submitted, Some(Timestamp(1_767_000_300_000)));
    let unsent = ws.response("v2-resp-3").expect("unsent response");
    assert_eq!(unsent.submitted, None);
    assert_eq!(unsent.answers.get("vision.shared"), Some(&Answer::NotApplicable));
    assert_eq!(ws.deleted.len(), 1);
    // Written back in today's schema, it reads to the same workspace and is much smaller.
    let again = ws.to_json();
    assert!(again.starts_with(&format!("{{\"schema\":{WORKSPACE_SCHEMA}")));
    assert!(again.contains(r#""rows":[["#));
    assert_eq!(Workspace::from_json(&again), Ok(ws));
}

#[test]
fn load_errors_are_told_apart() {
    assert!(matches!(
        Workspace::from_json("{not json"),
        Err(LoadError::Damaged(_))
    ));
    assert_eq!(Workspace::from_json("{}"), Err(LoadError::NoSchema));
    assert_eq!(
        Workspace::from_json("{\"schema\": 99}"),
        Err(LoadError::NewerSchema(99))
    );
    let wrong_type = format!("{{\"schema\": {WORKSPACE_SCHEMA}, \"collaborations\": 3}}");
    assert!(matches!(Workspace::from_json(&wrong_type), Err(LoadError::Damaged(m)) if m.contains("line 1")));
    // A bad answer in a schema 2 list is named.
    let list = "[{\"id\":\"a\",\"round_id\":\"r\",\"organisation\":\"p1\",\"role\":\"manager\",\"answers\":{\"s\":\"maybe\"},\"started\":0,\"updated\":0}]";
    let bad_answer = format!("{{\"schema\":2,\"responses\":{list}}}");
    assert!(matches!(Workspace::from_json(&bad_answer), Err(LoadError::Damaged(m)) if m.contains("maybe")));
    // Schemas 3 and later keep responses as a table only: a list there is damage.
    let list_in_3 = format!("{{\"schema\":{WORKSPACE_SCHEMA},\"responses\":{list}}}");
    assert!(
        matches!(Workspace::from_json(&list_in_3), Err(LoadError::Damaged(m)) if m.contains("table of responses"))
    );
    // The reader without migration recognises old data and leaves it alone.
    let old = include_str!("fixtures/workspace-v2.json");
    assert_eq!(Workspace::from_current_json(old), Err(LoadError::OlderSchema(2)));
    assert!(Workspace::from_json(old).is_ok());
}

#[test]
fn context_answers_are_checked_against_the_instrument() {
    use trellis_core::format::ContextAnswer::{Many, Number, One};
    let i = mini();
    let mut ws = workspace_with_round();
    let mut set = |q: &str, a| ws.set_context(&i, "c1", q, a);
    assert_eq!(set("history", Some(One("negative".into()))), Ok(()));
    assert_eq!(set("partners", Some(Number(3))), Ok(()));
    assert_eq!(
        set(
            "pressures",
            Some(Many(vec!["workforce".into(), "finance".into(), "finance".into()]))
        ),
        Ok(())
    );
    assert_eq!(
        set("history", Some(One("awful".into()))),
        Err(InputError::UnknownContextOption {
            question: "history".into(),
            option: "awful".into()
        })
    );
    assert_eq!(
        set("history", Some(Number(2))),
        Err(InputError::ContextAnswerKind("history".into()))
    );
    assert_eq!(
        set("partners", Some(Number(10_001))),
        Err(InputError::ContextNumberOutOfRange(10_001))
    );
    assert_eq!(
        set("weather", Some(Number(1))),
        Err(InputError::UnknownContextQuestion("weather".into()))
    );
    let context = &ws.collaboration("c1").expect("collaboration").context;
    assert_eq!(context.get("history"), Some(&One("negative".into())));
    assert_eq!(context.get("partners"), Some(&Number(3)));
    // Stored in the instrument's order, once each.
    assert_eq!(
        context.get("pressures"),
        Some(&Many(vec!["finance".into(), "workforce".into()]))
    );
    ws.set_context(&i, "c1", "pressures", Some(Many(vec![])))
        .expect("empty choice");
    ws.set_context(&i, "c1", "history", None).expect("clear");
    let context = &ws.collaboration("c1").expect("collaboration").context;
    assert_eq!((context.get("pressures"), context.get("history")), (None, None));
    assert_eq!(
        ws.set_context(&i, "zz", "partners", Some(Number(1))),
        Err(InputError::UnknownCollaboration)
    );
}

#[test]
fn consensus_is_recorded_per_domain_and_earlier_rounds_are_found() {
    let i = mini();
    let mut ws = workspace_with_round();
    let later = NewRound {
        name: "Autumn".into(),
        date: "2026-09-01".into(),
        mode: "full".into(),
        partner_map: false,
    };
    ws.add_round("c1", &later, &i, "r2".into(), Timestamp(9))
        .expect("second round");
    ws.set_consensus(
        &i,
        "r1",
        "trust",
        Some(2),
        "We trust each other in pockets.",
        "Survey and workshop",
        Timestamp(10),
    )
    .expect("consensus");
    assert_eq!(
        ws.set_consensus(&i, "r1", "trust", Some(3), "", "", Timestamp(11)),
        Err(InputError::LevelOutOfRange(3))
    );
    assert_eq!(
        ws.set_consensus(&i, "r1", "nope", None, "x", "", Timestamp(11)),
        Err(InputError::UnknownDomain("nope".into()))
    );
    assert_eq!(
        ws.set_consensus(&i, "r1", "trust", None, &"x".repeat(4001), "", Timestamp(11)),
        Err(InputError::NoteTooLong)
    );
    let (_, r1) = ws.round("r1").expect("r1");
    assert_eq!(
        r1.consensus.get("trust").map(|c| (c.level, c.recorded)),
        Some((Some(2), Timestamp(10)))
    );
    assert_eq!(ws.previous_round("r2").map(|r| r.id.as_str()), Some("r1"));
    assert_eq!(ws.previous_round("r1"), None);
    ws.set_consensus(&i, "r1", "trust", None, " ", "", Timestamp(12))
        .expect("clear");
    assert!(ws.round("r1").expect("r1").1.consensus.is_empty());
}

#[test]
fn targets_and_status_are_set_per_round() {
    use trellis_core::format::RoundStatus;
    let i = mini();
    let mut ws = workspace_with_round();
    ws.set_target(&i, "r1", "trust", Some(2)).expect("target");
    assert_eq!(
        ws.set_target(&i, "r1", "trust", Some(3)),
        Err(InputError::LevelOutOfRange(3))
    );
    assert_eq!(
        ws.set_target(&i, "r1", "nope", Some(1)),
        Err(InputError::UnknownDomain("nope".into()))
    );
    assert_eq!(ws.round("r1").expect("r1").1.targets.get("trust"), Some(&2));
    ws.set_target(&i, "r1", "trust", None).expect("clear");
    assert!(ws.round("r1").expect("r1").1.targets.is_empty());
    ws.set_status("r1", RoundStatus::Closed).expect("close");
    assert_eq!(
        ws.start_response("r1", "p1", RoleCategory::Manager, "x".into(), Timestamp(20))
            .err(),
        Some(InputError::RoundClosed)
    );
    ws.set_status("r1", RoundStatus::Open).expect("reopen");
    assert!(ws
        .start_response("r1", "p1", RoleCategory::Manager, "x".into(), Timestamp(21))
        .is_ok());
    assert_eq!(
        ws.set_status("zz", RoundStatus::Closed),
        Err(InputError::UnknownRound)
    );
}
