//! The import plan's accounting: every item in exactly one list (added, updated,
//! unchanged, conflicting, rejected), every input row counted, and the facilitator's
//! choice for each conflict applied.

use std::collections::BTreeMap;

use proptest::prelude::*;
use trellis_core::format::{Answer, Response, RoleCategory, Timestamp, Workspace};
use trellis_core::transfer::{
    plan_import, same_content, ConflictChoice, ImportItem, ImportReport, TransferError, Unchanged,
};
use trellis_core::Catalogue;

use crate::transfer::{self, catalogue};

/// The import plan tests' workspace (collaboration c1 with partners p1-p3, rounds r1 in
/// full mode and r2, a response "stored" in r1 changed at 100) with a response
/// "elsewhere" in r2.
fn workspace(c: &Catalogue) -> Workspace {
    let mut ws = transfer::workspace(&transfer::trellis(c));
    ws.responses.push(Response {
        round_id: "r2".into(),
        ..response("elsewhere", 4, 100)
    });
    ws
}

/// A sent response of p1 to r1 whose only answer (to `leadership.visible`) is `value`.
fn response(id: &str, value: u8, updated: i64) -> Response {
    let mut r = transfer::response(id, "p1", updated);
    r.answers = [("leadership.visible".to_string(), Answer::Scale(value))].into();
    r
}

fn item(source: &str, rows: usize, response: Response) -> ImportItem {
    ImportItem {
        source: source.into(),
        rows,
        result: Ok(transfer::file_of(response)),
    }
}

/// The item indexes in each list, in the report's order: added, updated, unchanged,
/// conflicts, rejected.
fn buckets(report: &ImportReport) -> [Vec<usize>; 5] {
    [
        report.added.iter().map(|i| i.index).collect(),
        report.updated.iter().map(|i| i.index).collect(),
        report.unchanged.iter().map(|u| u.item.index).collect(),
        report.conflicts.iter().map(|c| c.index).collect(),
        report.rejected.iter().map(|r| r.index).collect(),
    ]
}

#[test]
fn every_item_lands_in_one_list_and_every_row_is_counted() {
    let c = catalogue();
    let before = workspace(&c);
    let items = vec![
        item("new", 3, response("a", 2, 100)),
        item("a again, later", 2, response("a", 2, 500)),
        item("a, changed later", 1, response("a", 5, 200)),
        item("a, changed earlier", 4, response("a", 1, 150)),
        item("a, changed at the same time", 6, response("a", 3, 200)),
        item("stored, changed at its time", 1, response("stored", 5, 100)),
        item("stored, newer but the same", 1, response("stored", 4, 900)),
        item("in use", 2, response("elsewhere", 4, 100)),
        ImportItem {
            source: "damaged".into(),
            rows: 7,
            result: Err(TransferError::Damaged),
        },
    ];
    let (after, report) = plan_import(&before, "r1", &c, items, &BTreeMap::new());
    assert_eq!(
        buckets(&report),
        [vec![0], vec![2], vec![1, 3, 6], vec![4, 5], vec![7, 8]]
    );
    let reasons: Vec<Unchanged> = report.unchanged.iter().map(|u| u.reason).collect();
    assert_eq!(
        reasons,
        [Unchanged::Identical, Unchanged::Older, Unchanged::Identical]
    );
    let counts = report.row_counts();
    let per_bucket = [
        counts.added,
        counts.updated,
        counts.unchanged,
        counts.conflicting,
        counts.rejected,
    ];
    assert_eq!(per_bucket, [3, 1, 2 + 4 + 1, 6 + 1, 2 + 7]);
    assert_eq!(report.rows_accounted(), 27);
    // The conflicts say what they are between: the copy of "a" written by the item
    // "a, changed later", and the stored response.
    let firsts: Vec<(Option<&str>, u8, u8)> = report
        .conflicts
        .iter()
        .map(|c| {
            let value = |r: &Response| match r.answers.get("leadership.visible") {
                Some(Answer::Scale(v)) => *v,
                _ => 0,
            };
            (c.first_source.as_deref(), value(&c.first), value(&c.second))
        })
        .collect();
    assert_eq!(firsts, [(Some("a, changed later"), 5, 3), (None, 4, 5)]);
    assert!(report
        .conflicts
        .iter()
        .all(|c| c.choice == ConflictChoice::KeepFirst));
    // Kept first: the workspace holds the newer "a" and the stored response untouched.
    assert_eq!(after.response("a"), Some(&response("a", 5, 200)));
    assert_eq!(after.response("stored"), before.response("stored"));
    assert_eq!(after.responses.len(), before.responses.len() + 1);
}

#[test]
fn only_answers_count_as_a_difference_not_times() {
    let c = catalogue();
    let before = workspace(&c);
    let check = |incoming: Response, expected: [Vec<usize>; 5]| {
        let (_, report) = plan_import(&before, "r1", &c, vec![item("x", 1, incoming)], &BTreeMap::new());
        assert_eq!(buckets(&report), expected);
    };
    let unchanged = [vec![], vec![], vec![0], vec![], vec![]];
    let updated = [vec![], vec![0], vec![], vec![], vec![]];
    let conflict = [vec![], vec![], vec![], vec![0], vec![]];
    let stored = response("stored", 4, 100);
    // Started, changed and sent at other times, answers the same: nothing to do.
    check(
        Response {
            started: Timestamp(50),
            submitted: Some(Timestamp(300)),
            ..response("stored", 4, 300)
        },
        unchanged.clone(),
    );
    for changed in [
        Response {
            organisation: "p2".into(),
            ..stored.clone()
        },
        Response {
            role: RoleCategory::Clinician,
            ..stored.clone()
        },
        Response {
            levels: [("trust".to_string(), 2)].into(),
            ..stored.clone()
        },
        Response {
            comments: [("trust.past".to_string(), "Yes".to_string())].into(),
            ..stored.clone()
        },
        Response {
            submitted: None,
            ..stored.clone()
        },
    ] {
        assert!(!same_content(&changed, &stored));
        check(changed.clone(), conflict.clone());
        let later = Response {
            updated: Timestamp(101),
            ..changed
        };
        check(later, updated.clone());
    }
}

#[test]
fn the_facilitator_chooses_for_each_conflict() {
    let c = catalogue();
    let mut before = workspace(&c);
    // "x-2" is taken here and "x-3" by an item, so keeping both gives "x-4".
    before.responses.push(response("x-2", 1, 1));
    let items = || {
        vec![
            item("row 2", 1, response("x", 2, 100)),
            item("row 3", 1, response("x", 3, 100)),
            item("row 4", 1, response("x-3", 3, 100)),
            item("stored again", 1, response("stored", 5, 100)),
        ]
    };
    let plan = |first: ConflictChoice, stored: ConflictChoice| {
        let choices = BTreeMap::from([(1, first), (3, stored)]);
        let (after, report) = plan_import(&before, "r1", &c, items(), &choices);
        let value = |id: &str| match after
            .response(id)
            .and_then(|r| r.answers.get("leadership.visible"))
        {
            Some(Answer::Scale(v)) => *v,
            _ => 0,
        };
        let kept: Vec<Option<String>> = report.conflicts.iter().map(|c| c.kept_as.clone()).collect();
        (
            [value("x"), value("x-4"), value("stored"), value("stored-2")],
            kept,
            report.changes_anything(),
            after.responses.len() - before.responses.len(),
        )
    };
    use ConflictChoice::{KeepBoth, KeepFirst, KeepSecond};
    assert_eq!(
        plan(KeepFirst, KeepFirst),
        ([2, 0, 4, 0], vec![None, None], true, 2)
    );
    assert_eq!(
        plan(KeepSecond, KeepSecond),
        ([3, 0, 5, 0], vec![None, None], true, 2)
    );
    assert_eq!(
        plan(KeepBoth, KeepBoth),
        (
            [2, 3, 4, 5],
            vec![Some("x-4".into()), Some("stored-2".into())],
            true,
            4
        )
    );
    // A kept-both copy is the second response under its new id, nothing else changed.
    let (after, _) = plan_import(&before, "r1", &c, items(), &BTreeMap::from([(1, KeepBoth)]));
    assert_eq!(
        after.response("x-4"),
        Some(&Response {
            id: "x-4".into(),
            ..response("x", 3, 100)
        })
    );
}

#[test]
fn skipping_the_only_conflict_changes_nothing() {
    let c = catalogue();
    let before = workspace(&c);
    let items = || vec![item("stored again", 1, response("stored", 5, 100))];
    let plan = |choice| {
        let (after, report) = plan_import(&before, "r1", &c, items(), &BTreeMap::from([(0, choice)]));
        (after == before, report.changes_anything())
    };
    assert_eq!(plan(ConflictChoice::KeepFirst), (true, false));
    assert_eq!(plan(ConflictChoice::KeepSecond), (false, true));
    assert_eq!(plan(ConflictChoice::KeepBoth), (false, true));
}

#[test]
fn an_unknown_round_rejects_every_row() {
    let c = catalogue();
    let before = workspace(&c);
    let items = vec![
        item("one", 2, response("a", 2, 100)),
        ImportItem {
            source: "two".into(),
            rows: 3,
            result: Err(TransferError::Truncated),
        },
    ];
    let (after, report) = plan_import(&before, "nowhere", &c, items, &BTreeMap::new());
    assert_eq!(after, before);
    assert_eq!(buckets(&report), [vec![], vec![], vec![], vec![], vec![0, 1]]);
    assert_eq!(report.row_counts().rejected, 5);
}

/// An item for the property test: `None` for one that could not be read, else the id
/// (of a small set, with the stored one), the answer, the time and whether it was sent.
type Arbitrary = (Option<(usize, u8, i64, bool)>, usize);

fn arbitrary_item(index: usize, (read, rows): &Arbitrary) -> ImportItem {
    let ids = ["a", "b", "stored", "elsewhere", "a-2"];
    let Some((id, value, updated, sent)) = read else {
        return ImportItem {
            source: format!("item {index}"),
            rows: *rows,
            result: Err(TransferError::Damaged),
        };
    };
    let mut r = response(ids[id % ids.len()], *value, *updated);
    if !sent {
        r.submitted = None;
    }
    item(&format!("item {index}"), *rows, r)
}

fn choice(k: u8) -> ConflictChoice {
    match k % 3 {
        0 => ConflictChoice::KeepFirst,
        1 => ConflictChoice::KeepSecond,
        _ => ConflictChoice::KeepBoth,
    }
}

proptest! {
    #[test]
    fn every_row_is_accounted_for(
        spec in proptest::collection::vec(
            (proptest::option::weighted(0.85, (0usize..5, 1u8..4, prop_oneof![Just(100i64), Just(200), Just(300)], any::<bool>())), 0usize..6),
            0..14,
        ),
        picks in proptest::collection::vec(0u8..3, 14),
        stored in any::<bool>(),
    ) {
        let c = catalogue();
        let mut before = workspace(&c);
        if !stored {
            before.responses.retain(|r| r.id != "stored");
        }
        let snapshot = before.clone();
        let items: Vec<ImportItem> = spec.iter().enumerate().map(|(k, s)| arbitrary_item(k, s)).collect();
        let rows_in: usize = items.iter().map(|i| i.rows).sum();
        let choices: BTreeMap<usize, ConflictChoice> =
            picks.iter().enumerate().map(|(k, p)| (k, choice(*p))).collect();
        let (after, report) = plan_import(&before, "r1", &c, items, &choices);
        prop_assert_eq!(&before, &snapshot);
        prop_assert_eq!(report.rows_accounted(), rows_in);
        let mut indexes: Vec<usize> = buckets(&report).concat();
        indexes.sort_unstable();
        prop_assert_eq!(indexes, (0..spec.len()).collect::<Vec<_>>());
        for conflict in &report.conflicts {
            prop_assert_eq!(conflict.choice, choices[&conflict.index]);
            prop_assert_eq!(conflict.first.updated, conflict.second.updated);
            prop_assert!(!same_content(&conflict.first, &conflict.second));
            if conflict.choice == ConflictChoice::KeepBoth {
                // The second copy is kept whole under its new id, and the first id is
                // still there (replaced at most by a copy at least as new).
                let id = conflict.kept_as.clone().unwrap_or_default();
                prop_assert!(!before.responses.iter().any(|r| r.id == id));
                let kept = Response { id: id.clone(), ..conflict.second.clone() };
                prop_assert_eq!(after.response(&id), Some(&kept));
                let first = after.response(&conflict.first.id);
                prop_assert!(first.is_some_and(|r| r.updated >= conflict.first.updated));
            } else {
                prop_assert_eq!(&conflict.kept_as, &None);
            }
        }
        // Nothing placed is lost: every added or updated id is in the planned workspace.
        for i in report.added.iter().chain(&report.updated) {
            prop_assert!(after.response(&i.response_id).is_some());
        }
    }
}
