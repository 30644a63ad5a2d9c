//! Co-facilitators and folders: the three-way conflict check between this browser's
//! copy, a shared file's and the copy both last agreed on; settling conflicts by choice;
//! and remembering which files of a folder of answers have been read.

use trellis_core::folder::{is_answer_file, FolderRecordError};
use trellis_core::format::folder::{FolderRecord, SeenFile};
use trellis_core::format::{ActionStatus, Consensus, PlanItem, Timestamp, Workspace};
use trellis_core::sync::{conflicts, settle, sync_base, with_lineage, Conflict, Side, LINEAGE_KEPT};
use trellis_core::workspace::{NewCollaboration, NewRound};
use trellis_core::Catalogue;

/// A collaboration `c1` with one round `r1` holding plan items `a` and `b` and an agreed
/// level for domain `d1`.
fn shared() -> Workspace {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let instrument = catalogue.latest("trellis").expect("trellis instrument");
    let mut ws = Workspace::default();
    let c = NewCollaboration {
        name: "Alliance".into(),
        partners: vec!["Trust".into(), "Council".into()],
    }
    .validate("c1".into(), Timestamp(1))
    .expect("valid");
    ws.add_collaboration(c);
    let round = NewRound {
        name: "Spring".into(),
        date: "2026-03-01".into(),
        mode: "full".into(),
        partner_map: false,
    };
    ws.add_round("c1", &round, instrument, "r1".into(), Timestamp(2))
        .expect("round");
    let r = &mut ws.collaborations[0].rounds[0];
    r.plan = vec![
        item("a", "Agree a shared budget", 10),
        item("b", "Joint training", 10),
    ];
    r.consensus.insert("d1".into(), agreed(2, 10));
    ws
}

fn item(id: &str, title: &str, at: i64) -> PlanItem {
    PlanItem {
        id: id.into(),
        domain: "d1".into(),
        action: None,
        title: title.into(),
        owner: String::new(),
        due: String::new(),
        status: ActionStatus::Planned,
        measure: String::new(),
        carried_from: None,
        reviewed: None,
        created: Timestamp(at),
        updated: Timestamp(at),
    }
}

fn agreed(level: u8, at: i64) -> Consensus {
    Consensus {
        level: Some(level),
        rationale: String::new(),
        evidence: String::new(),
        recorded: Timestamp(at),
    }
}

fn retitle(ws: &mut Workspace, id: &str, title: &str, at: i64) {
    let plan = &mut ws.collaborations[0].rounds[0].plan;
    let i = plan.iter_mut().find(|i| i.id == id).expect("item");
    i.title = title.into();
    i.updated = Timestamp(at);
}

fn agree(ws: &mut Workspace, domain: &str, level: u8, at: i64) {
    ws.collaborations[0].rounds[0]
        .consensus
        .insert(domain.into(), agreed(level, at));
}

/// (kind, record) of each conflict, for one-line expectations.
fn check(base: Option<&Workspace>, mine: &Workspace, theirs: &Workspace, expected: &[(&str, &str)]) {
    let found: Vec<(String, String)> = conflicts(base, mine, theirs, "c1")
        .into_iter()
        .map(|c| match c {
            Conflict::Plan { mine, .. } => ("plan".to_string(), mine.id),
            Conflict::Consensus { domain, .. } => ("consensus".to_string(), domain),
        })
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn a_record_changed_on_one_side_only_is_no_conflict() {
    let base = sync_base(&shared());
    let mut mine = shared();
    let mut theirs = shared();
    retitle(&mut mine, "a", "Agree a pooled budget", 20);
    agree(&mut theirs, "d1", 3, 30);
    agree(&mut theirs, "d2", 1, 30);
    check(Some(&base), &mine, &theirs, &[]);
}

#[test]
fn the_same_record_changed_on_both_sides_is_a_conflict() {
    let base = sync_base(&shared());
    let mut mine = shared();
    let mut theirs = shared();
    retitle(&mut mine, "a", "Agree a pooled budget", 20);
    retitle(&mut theirs, "a", "Agree budgets by March", 30);
    agree(&mut mine, "d1", 3, 20);
    agree(&mut theirs, "d1", 4, 30);
    check(Some(&base), &mine, &theirs, &[("plan", "a"), ("consensus", "d1")]);
    // Both sides making the same change agree: nothing to ask.
    agree(&mut theirs, "d1", 3, 20);
    check(Some(&base), &mine, &theirs, &[("plan", "a")]);
}

#[test]
fn without_a_base_every_difference_is_a_conflict() {
    let mut mine = shared();
    let theirs = shared();
    check(None, &mine, &theirs, &[]);
    retitle(&mut mine, "b", "Joint training days", 20);
    check(None, &mine, &theirs, &[("plan", "b")]);
}

#[test]
fn records_on_one_side_only_are_left_to_the_merge() {
    let base = sync_base(&shared());
    let mut mine = shared();
    mine.collaborations[0].rounds[0]
        .plan
        .push(item("c", "Shared data", 20));
    let theirs = shared();
    check(Some(&base), &mine, &theirs, &[]);
    check(None, &mine, &theirs, &[]);
    // A collaboration the file does not hold has nothing to conflict with.
    check(Some(&base), &mine, &Workspace::default(), &[]);
}

#[test]
fn a_choice_wins_the_merge_and_later_merges_elsewhere() {
    let base = sync_base(&shared());
    let mut mine = shared();
    let mut theirs = shared();
    // Theirs is the later change, so the merge alone would keep it.
    retitle(&mut mine, "a", "Mine", 20);
    retitle(&mut theirs, "a", "Theirs", 30);
    agree(&mut mine, "d1", 3, 40);
    agree(&mut theirs, "d1", 4, 30);
    let found = conflicts(Some(&base), &mine, &theirs, "c1");
    let other_facilitator = theirs.clone();
    settle(&mut mine, &mut theirs, &found, &[Side::Mine, Side::Theirs]);
    let report = mine.merge(theirs);
    let round = &mine.collaborations[0].rounds[0];
    assert_eq!(round.plan[0].title, "Mine");
    assert_eq!(round.consensus["d1"].level, Some(4));
    assert_eq!(report.plan_items_updated, 0);
    // The other facilitator, still holding their own versions, takes both choices.
    let mut other = other_facilitator;
    let report = other.merge(mine.extract("c1", None).expect("extract"));
    let round = &other.collaborations[0].rounds[0];
    assert_eq!(round.plan[0].title, "Mine");
    assert_eq!(round.consensus["d1"].level, Some(4));
    assert_eq!((report.plan_items_updated, report.consensus_updated), (1, 1));
}

#[test]
fn the_merge_reports_plan_and_agreed_changes_that_came_in() {
    let mut mine = shared();
    let mut theirs = shared();
    retitle(&mut theirs, "b", "Joint training days", 20);
    agree(&mut theirs, "d2", 1, 20);
    let report = mine.merge(theirs);
    assert_eq!((report.plan_items_updated, report.consensus_updated), (1, 1));
    assert!(report.changes_anything());
    let again = mine.clone();
    assert!(!mine.merge(again).changes_anything());
}

fn seen(name: &str, size: u64, modified: i64) -> SeenFile {
    SeenFile {
        name: name.into(),
        size,
        modified,
    }
}

#[test]
fn a_folder_check_reads_only_new_or_changed_answer_files() {
    let mut record = FolderRecord::new("Answers");
    let first = vec![
        seen("a.json", 10, 1),
        seen("notes.docx", 5, 1),
        seen("b.csv", 20, 1),
    ];
    assert_eq!(record.unread(&first), vec![0, 2]);
    record.mark_read(&[first[0].clone(), first[2].clone()]);
    assert_eq!(record.unread(&first), Vec::<usize>::new());
    // The folder gains a file, and one file is saved again.
    let second = vec![seen("a.json", 10, 1), seen("b.csv", 24, 5), seen("c.txt", 3, 6)];
    assert_eq!(record.unread(&second), vec![1, 2]);
    record.mark_read(&[second[1].clone(), second[2].clone()]);
    assert_eq!(record.read.len(), 3);
    // Kept as text, read back the same.
    let again = FolderRecord::from_json(&record.to_json()).expect("record");
    assert_eq!(again, record);
    assert_eq!(again.unread(&second), Vec::<usize>::new());
}

#[test]
fn lock_files_hidden_files_and_other_kinds_are_not_answers() {
    for (name, answer) in [
        ("a.json", true),
        ("sub/B.XLSX", true),
        ("codes.txt", true),
        ("t.tsv", true),
        ("~$answers.xlsx", false),
        (".DS_Store", false),
        ("sub/.hidden.json", false),
        ("report.pdf", false),
    ] {
        assert_eq!(is_answer_file(name), answer, "{name}");
    }
}

#[test]
fn a_damaged_or_newer_folder_record_is_an_error_not_a_panic() {
    assert!(matches!(
        FolderRecord::from_json("{"),
        Err(FolderRecordError::Damaged(_))
    ));
    assert!(matches!(
        FolderRecord::from_json(r#"{"format":9,"folder":"x","read":[]}"#),
        Err(FolderRecordError::Newer(9))
    ));
}

/// The file as `writer` writes it over `file`: its collaboration with its lineage.
fn written(writer: &Workspace, file: Option<&Workspace>) -> Workspace {
    let mut copy = writer.extract("c1", None).expect("extract");
    with_lineage(&mut copy, file, "c1");
    copy
}

#[test]
fn two_writes_that_cross_are_a_conflict_for_the_one_written_over() {
    // Both last synchronised the shared round (file version 0).
    let file0 = written(&shared(), None);
    let (mut a, mut b) = (shared(), shared());
    // A changes action a and writes it; A's base is now A's version.
    retitle(&mut a, "a", "As A has it", 20);
    agree(&mut a, "d1", 3, 20);
    let file_a = written(&a, Some(&file0));
    let base_a = sync_base(&file_a);
    // B, whose copy of the file is still version 0, writes B's version over A's.
    retitle(&mut b, "a", "As B has it", 30);
    agree(&mut b, "d1", 4, 30);
    let file_b = written(&b, Some(&file0));
    assert_eq!(file_b.lineage["plan/r1/a"], vec![Timestamp(10)]);
    // A has not changed the action since, but B never saw A's version: asked, not lost.
    check(Some(&base_a), &a, &file_b, &[("plan", "a"), ("consensus", "d1")]);
    // Without a lineage (a file from before lineages), A's base alone says only B changed it.
    let mut old_file = file_b.clone();
    old_file.lineage.clear();
    check(Some(&base_a), &a, &old_file, &[]);
}

#[test]
fn a_version_built_on_what_this_browser_has_is_no_conflict_however_many_steps_on() {
    let file0 = written(&shared(), None);
    let base_a = sync_base(&file0);
    let a = shared();
    let mut b = shared();
    // B changes the action three times, writing each time; A syncs only now.
    let mut file = file0;
    for (k, at) in [20, 30, 40].into_iter().enumerate() {
        retitle(&mut b, "a", &format!("B's version {k}"), at);
        file = written(&b, Some(&file));
    }
    assert_eq!(
        file.lineage["plan/r1/a"],
        vec![Timestamp(30), Timestamp(20), Timestamp(10)]
    );
    check(Some(&base_a), &a, &file, &[]);
    // A record the file holds as the writer has it keeps the file's lineage.
    let again = written(&b, Some(&file));
    assert_eq!(again.lineage, file.lineage);
    // A record new to the file has none.
    b.collaborations[0].rounds[0]
        .plan
        .push(item("c", "Shared data", 50));
    assert!(!written(&b, Some(&file)).lineage.contains_key("plan/r1/c"));
}

#[test]
fn a_lineage_keeps_its_latest_versions_only() {
    let mut b = shared();
    let mut file = written(&b, None);
    for at in 0..(LINEAGE_KEPT as i64 + 5) {
        retitle(&mut b, "a", &format!("Version {at}"), 100 + at);
        file = written(&b, Some(&file));
    }
    let chain = &file.lineage["plan/r1/a"];
    assert_eq!(chain.len(), LINEAGE_KEPT);
    assert_eq!(chain[0], Timestamp(100 + LINEAGE_KEPT as i64 + 3));
}

#[test]
fn a_settled_conflict_reaches_the_other_side_without_asking_again() {
    let file0 = written(&shared(), None);
    let (mut a, mut b) = (shared(), shared());
    retitle(&mut a, "a", "As A has it", 20);
    let file_a = written(&a, Some(&file0));
    let base_a = sync_base(&file_a);
    retitle(&mut b, "a", "As B has it", 30);
    let file_b = written(&b, Some(&file0));
    let base_b = sync_base(&file_b);
    // A is asked, keeps A's version, and writes it.
    let mut theirs = file_b.clone();
    let found = conflicts(Some(&base_a), &a, &theirs, "c1");
    assert_eq!(found.len(), 1);
    settle(&mut a, &mut theirs, &found, &[Side::Mine]);
    a.merge(theirs);
    let file_a2 = written(&a, Some(&file_b));
    // B, who has not changed it since writing, takes A's choice without a question.
    check(Some(&base_b), &b, &file_a2, &[]);
    b.merge(file_a2);
    assert_eq!(b.collaborations[0].rounds[0].plan[0].title, "As A has it");
}
