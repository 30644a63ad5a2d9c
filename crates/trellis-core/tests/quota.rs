//! Storage use against the browser's allowance, and moving finished rounds to a file:
//! which rounds may go, the file, their removal, and the file bringing them back.

use trellis_core::command::{Command, CommandError};
use trellis_core::example::{add_example, SEED};
use trellis_core::format::{RoundStatus, Timestamp, Workspace};
use trellis_core::quota::{share_of_quota, utf16_units, Finished, StorageUse, QUOTA_UNITS, WARN_PERCENT};
use trellis_core::workspace::InputError;
use trellis_core::Catalogue;

/// Two real (not example) collaborations of two rounds each, the second ("b") a copy of
/// the first with its own ids.
fn two_collaborations() -> Workspace {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let instrument = catalogue.latest("trellis").expect("trellis instrument");
    let mut ws = Workspace::default();
    add_example(
        &mut ws,
        instrument,
        SEED,
        "2026-11-27",
        Timestamp(1_795_000_000_000),
    )
    .expect("example");
    ws.collaborations[0].example = false;
    let mut b = ws.collaborations[0].clone();
    b.id = "b".into();
    b.name = "Second collaboration".into();
    for round in &mut b.rounds {
        round.id = format!("b-{}", round.id);
    }
    let copies: Vec<_> = ws
        .responses
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.id = format!("b-{}", r.id);
            r.round_id = format!("b-{}", r.round_id);
            r
        })
        .collect();
    ws.collaborations.push(b);
    ws.responses.extend(copies);
    ws
}

fn round_id(ws: &Workspace, collaboration: usize, round: usize) -> String {
    ws.collaborations[collaboration].rounds[round].id.clone()
}

/// The workspace with rounds and responses in id order: a merge appends what it adds, so
/// order is the one thing a move and a merge back may change.
fn in_order(mut ws: Workspace) -> Workspace {
    for c in &mut ws.collaborations {
        c.rounds.sort_by(|a, b| a.id.cmp(&b.id));
    }
    ws.responses.sort_by(|a, b| a.id.cmp(&b.id));
    ws
}

fn check_use(used: usize, percent: usize, nearly_full: bool) {
    let u = StorageUse::of(used);
    assert_eq!(
        (u.percent(), u.nearly_full()),
        (percent, nearly_full),
        "{used} units"
    );
}

#[test]
fn the_warning_starts_at_eighty_percent_of_chromiums_allowance() {
    assert_eq!(QUOTA_UNITS, 5 * 1024 * 1024);
    let at = QUOTA_UNITS * WARN_PERCENT / 100;
    check_use(0, 0, false);
    check_use(at - 1, 79, false);
    check_use(at, 80, true);
    check_use(QUOTA_UNITS, 100, true);
    check_use(QUOTA_UNITS * 2, 200, true);
    assert!(!StorageUse::of(at).after_freeing(1).nearly_full());
    assert_eq!(StorageUse::of(5).after_freeing(9).used, 0);
    assert_eq!(share_of_quota(QUOTA_UNITS / 4), 25.0);
}

#[test]
fn units_are_counted_as_the_browser_counts_them() {
    assert_eq!(utf16_units("abc"), 3);
    assert_eq!(utf16_units("é"), 1);
    assert_eq!(utf16_units("😀"), 2);
}

#[test]
fn finished_rounds_are_the_closed_ones_and_those_with_a_later_round() {
    let mut ws = two_collaborations();
    let (a1, a2, b1, b2) = (
        round_id(&ws, 0, 0),
        round_id(&ws, 0, 1),
        round_id(&ws, 1, 0),
        round_id(&ws, 1, 1),
    );
    // The example's first round is closed; open it, so only its later round makes it
    // finished.
    ws.collaborations[0].rounds[0].status = RoundStatus::Open;
    ws.collaborations[1].rounds[0].status = RoundStatus::Open;
    ws.collaborations[1].rounds[1].status = RoundStatus::Closed;
    let movable: Vec<(String, Finished)> = ws
        .movable_rounds()
        .into_iter()
        .map(|m| (m.space.round, m.finished))
        .collect();
    // Oldest first; a's newest round is open, so it stays.
    assert_eq!(
        movable,
        [
            (a1.clone(), Finished::Superseded),
            (b1, Finished::Superseded),
            (b2, Finished::Closed)
        ]
    );
    assert!(!movable.iter().any(|(id, _)| *id == a2));
    // The fictional example is never offered.
    ws.collaborations[0].example = true;
    assert!(!ws.movable_rounds().iter().any(|m| m.space.round == a1));
}

#[test]
fn moved_rounds_come_back_from_their_file_as_they_were() {
    let mut ws = two_collaborations();
    let original = ws.clone();
    let chosen = vec![round_id(&ws, 0, 0), round_id(&ws, 1, 0)];
    let sizes: usize = ws
        .movable_rounds()
        .iter()
        .filter(|m| chosen.contains(&m.space.round))
        .map(|m| m.space.chars)
        .sum();
    let file = ws.extract_rounds(&chosen).expect("both rounds").to_json();
    let stored = ws.to_json().len();
    let moved = ws.move_out(&chosen).expect("moved");
    assert!(moved > 0);
    assert!(ws.round(&chosen[0]).is_none() && ws.round(&chosen[1]).is_none());
    assert_eq!(ws.collaborations.len(), 2, "the collaborations stay");
    assert!(ws.deleted.is_empty(), "a move leaves no tombstone");
    // The stored text shrinks by about what the list said the rounds take.
    let freed = stored - ws.to_json().len();
    assert!(
        freed.abs_diff(sizes) * 20 < sizes,
        "freed {freed}, listed {sizes}"
    );

    let report = ws.merge(Workspace::from_json(&file).expect("the file opens"));
    assert_eq!(report.rounds_added, 2);
    assert_eq!(report.responses_added, moved);
    assert_eq!(in_order(ws.clone()), in_order(original));
    assert_eq!(ws.extract_rounds(&chosen).expect("back").to_json(), file);
}

#[test]
fn a_file_of_one_round_is_that_rounds_ordinary_file() {
    let ws = two_collaborations();
    let (c, r) = (ws.collaborations[1].id.clone(), round_id(&ws, 1, 1));
    assert_eq!(
        ws.extract_rounds(std::slice::from_ref(&r)).map(|f| f.to_json()),
        ws.extract(&c, Some(&r)).map(|f| f.to_json())
    );
    assert!(ws.extract_rounds(&[]).is_none());
    assert!(ws.extract_rounds(&[r, "nowhere".into()]).is_none());
}

#[test]
fn a_move_naming_a_missing_round_removes_nothing() {
    let mut ws = two_collaborations();
    let before = ws.clone();
    let chosen = vec![round_id(&ws, 0, 0), "nowhere".into()];
    assert_eq!(ws.move_out(&chosen), Err(InputError::UnknownRound));
    assert_eq!(ws, before);
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    assert_eq!(
        ws.apply(&catalogue, Command::MoveOut(chosen)),
        Err(CommandError::Input(InputError::UnknownRound))
    );
    assert_eq!(ws, before);
    // Only the facilitator's entry moves rounds.
    let one = vec![round_id(&ws, 0, 0)];
    assert_eq!(
        ws.apply_answering(&catalogue, Command::MoveOut(one)),
        Err(CommandError::NotAnswering)
    );
}
