//! Action plans (adopt, add, edit, review, carry forward), schema migration, and moving
//! collaborations between browsers by extract and merge.

use trellis_core::format::{ActionStatus, Timestamp, Workspace, WORKSPACE_SCHEMA};
use trellis_core::plan::{status_counts, PlanError, PlanFields};
use trellis_core::workspace::{InputError, NewCollaboration, NewRound};
use trellis_core::{Catalogue, Instrument};

fn shipped() -> std::rc::Rc<Instrument> {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    catalogue.latest("trellis").expect("trellis instrument").clone()
}

fn workspace_with_round(instrument: &Instrument) -> Workspace {
    let mut ws = Workspace::default();
    let collaboration = NewCollaboration {
        name: "Alliance".into(),
        partners: vec!["Trust".into(), "Council".into()],
    }
    .validate("c1".into(), Timestamp(1))
    .expect("valid collaboration");
    ws.add_collaboration(collaboration);
    round(&mut ws, instrument, "r1", "2026-01-10");
    ws
}

fn round(ws: &mut Workspace, instrument: &Instrument, id: &str, date: &str) {
    let input = NewRound {
        name: format!("Round {id}"),
        date: date.into(),
        mode: "full".into(),
        partner_map: false,
    };
    ws.add_round("c1", &input, instrument, id.into(), Timestamp(2))
        .expect("round added");
}

fn fields(title: &str, due: &str, status: ActionStatus) -> PlanFields {
    PlanFields {
        title: title.into(),
        owner: "Chief nurse".into(),
        due: due.into(),
        measure: "Staff say they know who to call".into(),
        status,
    }
}

fn plan_of<'a>(ws: &'a Workspace, round: &str) -> &'a [trellis_core::format::PlanItem] {
    &ws.round(round).expect("round").1.plan
}

#[test]
fn adopting_a_suggested_action_copies_its_words_once() {
    let instrument = shipped();
    let mut ws = workspace_with_round(&instrument);
    ws.adopt_action(&instrument, "r1", "trust.who-is-who", "a1".into(), Timestamp(3))
        .expect("adopted");
    let item = &plan_of(&ws, "r1")[0];
    let action = instrument
        .actions()
        .iter()
        .find(|a| a.id == "trust.who-is-who")
        .expect("action");
    assert_eq!(item.title, action.title);
    assert_eq!(item.domain, "trust");
    assert_eq!(item.measure, action.signs);
    assert_eq!(item.status, ActionStatus::Planned);
    assert_eq!(
        ws.adopt_action(&instrument, "r1", "trust.who-is-who", "a2".into(), Timestamp(3)),
        Err(PlanError::AlreadyAdopted)
    );
    assert_eq!(
        ws.adopt_action(&instrument, "r1", "no.such", "a2".into(), Timestamp(3)),
        Err(PlanError::UnknownAction("no.such".into()))
    );
    assert_eq!(
        ws.adopt_action(&instrument, "nope", "trust.who-is-who", "a2".into(), Timestamp(3)),
        Err(PlanError::Input(InputError::UnknownRound))
    );
    assert_eq!(plan_of(&ws, "r1").len(), 1);
}

#[test]
fn own_actions_are_validated_and_failures_change_nothing() {
    let instrument = shipped();
    let mut ws = workspace_with_round(&instrument);
    let before = ws.clone();
    let cases = [
        (fields("  ", "", ActionStatus::Planned), PlanError::TitleMissing),
        (
            fields(&"x".repeat(301), "", ActionStatus::Planned),
            PlanError::TitleTooLong,
        ),
        (
            fields("Meet", "31/03/2027", ActionStatus::Planned),
            PlanError::BadDue("31/03/2027".into()),
        ),
        (
            fields("Meet", "2027-02-30", ActionStatus::Planned),
            PlanError::BadDue("2027-02-30".into()),
        ),
    ];
    for (f, error) in cases {
        assert_eq!(
            ws.add_plan_item(&instrument, "r1", "trust", &f, "x".into(), Timestamp(3)),
            Err(error)
        );
    }
    assert_eq!(
        ws.add_plan_item(
            &instrument,
            "r1",
            "nope",
            &fields("Meet", "", ActionStatus::Planned),
            "x".into(),
            Timestamp(3)
        ),
        Err(PlanError::Input(InputError::UnknownDomain("nope".into())))
    );
    assert_eq!(ws, before);
    ws.add_plan_item(
        &instrument,
        "r1",
        "trust",
        &fields("  Monthly joint huddle ", "2027-03-31", ActionStatus::InProgress),
        "own".into(),
        Timestamp(4),
    )
    .expect("added");
    let item = &plan_of(&ws, "r1")[0];
    assert_eq!(
        (item.title.as_str(), item.due.as_str(), item.action.as_deref()),
        ("Monthly joint huddle", "2027-03-31", None)
    );
    ws.update_plan_item(
        "r1",
        "own",
        &fields("Fortnightly huddle", "", ActionStatus::Done),
        Timestamp(9),
    )
    .expect("updated");
    let item = &plan_of(&ws, "r1")[0];
    assert_eq!(
        (item.title.as_str(), item.status, item.updated, item.reviewed),
        ("Fortnightly huddle", ActionStatus::Done, Timestamp(9), None)
    );
    assert_eq!(
        ws.remove_plan_item("r1", "own").map(|i| i.id),
        Ok("own".to_string())
    );
    assert_eq!(ws.remove_plan_item("r1", "own"), Err(PlanError::UnknownItem));
}

#[test]
fn open_actions_carry_forward_to_the_next_round_for_review() {
    let instrument = shipped();
    let mut ws = workspace_with_round(&instrument);
    for (k, action) in ["trust.who-is-who", "trust.spaces-to-talk", "progress.quick-wins"]
        .iter()
        .enumerate()
    {
        ws.adopt_action(&instrument, "r1", action, format!("a{k}"), Timestamp(3))
            .expect("adopted");
    }
    ws.set_plan_status("r1", "a0", ActionStatus::Done, Timestamp(4))
        .expect("done");
    ws.set_plan_status("r1", "a1", ActionStatus::InProgress, Timestamp(4))
        .expect("in progress");
    assert_eq!(status_counts(plan_of(&ws, "r1")), [1, 1, 1, 0]);
    round(&mut ws, &instrument, "r2", "2026-07-10");
    let carried = plan_of(&ws, "r2");
    let titles: Vec<(&str, Option<&str>, ActionStatus)> = carried
        .iter()
        .map(|i| {
            (
                i.action.as_deref().unwrap_or(""),
                i.carried_from.as_deref(),
                i.status,
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            ("trust.spaces-to-talk", Some("r1"), ActionStatus::InProgress),
            ("progress.quick-wins", Some("r1"), ActionStatus::Planned)
        ]
    );
    assert!(carried.iter().all(|i| i.reviewed.is_none()));
    let id = carried[1].id.clone();
    ws.set_plan_status("r2", &id, ActionStatus::Dropped, Timestamp(20))
        .expect("reviewed");
    let item = plan_of(&ws, "r2").iter().find(|i| i.id == id).expect("item");
    assert_eq!(
        (item.status, item.reviewed),
        (ActionStatus::Dropped, Some(Timestamp(20)))
    );
    // The earlier round keeps its own record.
    assert_eq!(status_counts(plan_of(&ws, "r1")), [1, 1, 1, 0]);
    // A third round carries only what is still open on the second.
    round(&mut ws, &instrument, "r3", "2027-01-10");
    assert_eq!(plan_of(&ws, "r3").len(), 1);
    assert_eq!(plan_of(&ws, "r3")[0].carried_from.as_deref(), Some("r2"));
}

#[test]
fn targets_set_for_the_next_round_carry_into_it() {
    let instrument = shipped();
    let mut ws = workspace_with_round(&instrument);
    ws.set_target(&instrument, "r1", "trust", Some(3))
        .expect("target");
    ws.set_target(&instrument, "r1", "vision", Some(4))
        .expect("target");
    round(&mut ws, &instrument, "r2", "2026-07-10");
    let (_, r2) = ws.round("r2").expect("r2");
    let carried: Vec<(&str, u8)> = r2.targets.iter().map(|(d, l)| (d.as_str(), *l)).collect();
    assert_eq!(carried, [("trust", 3), ("vision", 4)]);
    // The new round's targets are its own from then on.
    ws.set_target(&instrument, "r2", "trust", None).expect("cleared");
    assert_eq!(ws.round("r1").expect("r1").1.targets.get("trust"), Some(&3));
}

#[test]
fn a_schema_1_workspace_is_migrated_without_loss() {
    let text = include_str!("fixtures/workspace-v1.json");
    let ws = Workspace::from_json(text).expect("schema 1 loads");
    assert_eq!(ws.schema, WORKSPACE_SCHEMA);
    let c = &ws.collaborations[0];
    assert_eq!(c.name, "North Shore Integrated Care Alliance");
    assert_eq!(c.partners.len(), 3);
    assert!(!c.example);
    let r = &c.rounds[0];
    assert_eq!((r.targets.get("trust"), r.plan.len()), (Some(&4), 0));
    assert_eq!(r.consensus["trust"].level, Some(2));
    assert_eq!(
        ws.responses[0].comments["trust.a"],
        "Better since the joint huddles."
    );
    // Saving writes the new schema and reading it back gives the same workspace.
    let again = Workspace::from_json(&ws.to_json()).expect("round trip");
    assert_eq!(again, ws);
    assert!(ws
        .to_json()
        .starts_with(&format!("{{\"schema\":{WORKSPACE_SCHEMA}")));
}

#[test]
fn extract_and_merge_move_a_round_between_browsers() {
    let instrument = shipped();
    let mut mine = Workspace::default();
    trellis_core::example::add_example(&mut mine, &instrument, 7, "2026-11-27", Timestamp(100))
        .expect("example");
    let id = mine.collaborations[0].id.clone();
    let round_id = mine.collaborations[0].rounds[1].id.clone();
    let file = mine.extract(&id, Some(&round_id)).expect("extracted");
    assert_eq!(file.collaborations[0].rounds.len(), 1);
    assert!(file.responses.iter().all(|r| r.round_id == round_id));
    assert_eq!(file.responses.len(), trellis_core::example::PER_ROUND);

    // Into an empty browser: everything arrives, through the same text format.
    let mut theirs = Workspace::default();
    let read = Workspace::from_json(&file.to_json()).expect("file reads");
    let report = theirs.merge(read.clone());
    assert_eq!(
        (
            report.collaborations_added,
            report.rounds_added,
            report.responses_added
        ),
        (1, 1, 30)
    );
    assert_eq!(
        report.plan_items_added,
        file.collaborations[0].rounds[0].plan.len()
    );
    assert!(report.plan_items_added > 0);
    // Merging the same file again changes nothing.
    let again = theirs.merge(read);
    assert!(!again.changes_anything());
    assert_eq!(again.responses_unchanged, 30);

    // Merging the whole collaboration back adds the other round, keeps everything else.
    let whole = mine.extract(&id, None).expect("whole");
    let report = theirs.merge(whole);
    assert_eq!(
        (
            report.collaborations_added,
            report.rounds_added,
            report.responses_added
        ),
        (0, 1, 30)
    );
    assert_eq!(theirs.responses.len(), mine.responses.len());

    // A newer edit wins; an unsent copy never replaces a sent response.
    let mut newer = theirs.extract(&id, Some(&round_id)).expect("round");
    newer.responses[0].updated = Timestamp(10_000);
    newer.responses[0]
        .comments
        .insert("trust.a".into(), "Changed later".into());
    newer.responses[1].updated = Timestamp(10_000);
    newer.responses[1].submitted = None;
    let report = theirs.merge(newer.clone());
    assert_eq!((report.responses_updated, report.responses_unchanged), (1, 29));
    let stored = theirs.response(&newer.responses[1].id).expect("kept");
    assert!(stored.submitted.is_some());

    // Responses for a round nobody has are counted, not added.
    let mut orphan = Workspace::default();
    let mut r = mine.responses[0].clone();
    r.id = "lost".into();
    r.round_id = "no-round".into();
    orphan.responses.push(r);
    assert_eq!(theirs.merge(orphan).responses_orphaned, 1);
    assert!(theirs.response("lost").is_none());
}
