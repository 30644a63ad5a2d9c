//! Data safety: deletion with tombstones and undo, merges that never resurrect deleted
//! records, hostile text kept exactly, and every parser fuzzed with arbitrary input
//! (it must return, never panic or hang).

use proptest::prelude::*;
use trellis_core::config::read_config;
use trellis_core::example::{add_example, SEED};
use trellis_core::format::{Timestamp, TombstoneKind, Workspace};
use trellis_core::transfer::{
    csv_headers, decode_envelope, decode_invitation, decode_response_code, extract_codes, parse_csv,
    parse_response_file, suggest_mapping,
};
use trellis_core::{Catalogue, Instrument};

fn shipped() -> std::rc::Rc<Instrument> {
    Catalogue::shipped()
        .expect("catalogue")
        .latest("trellis")
        .expect("trellis")
        .clone()
}

fn example() -> Workspace {
    let mut ws = Workspace::default();
    add_example(&mut ws, &shipped(), SEED, "2026-11-27", Timestamp(1)).expect("example");
    ws
}

#[test]
fn deleting_and_undoing_a_round_restores_it_exactly() {
    let mut ws = example();
    let original = ws.clone();
    let round = ws.collaborations[0].rounds[0].id.clone();
    let deleted = ws.delete_round(&round, Timestamp(50)).expect("deleted");
    assert!(ws.round(&round).is_none());
    assert_eq!(ws.responses_for(&round).count(), 0);
    assert!(ws.is_deleted(TombstoneKind::Round, &round));
    ws.undo_delete(deleted.clone()).expect("undone");
    assert!(!ws.is_deleted(TombstoneKind::Round, &round));
    // Same records (rounds may come back in a different order).
    assert_eq!(ws.responses.len(), original.responses.len());
    assert!(ws.round(&round).is_some());
    assert_eq!(
        ws.undo_delete(deleted),
        Err(trellis_core::workspace::InputError::UnknownRound)
    );
}

#[test]
fn deleting_a_collaboration_takes_its_answers_and_undo_brings_them_back() {
    let mut ws = example();
    let id = ws.collaborations[0].id.clone();
    let n = ws.responses.len();
    let deleted = ws.delete_collaboration(&id, Timestamp(9)).expect("deleted");
    assert!(ws.collaborations.is_empty() && ws.responses.is_empty());
    ws.undo_delete(deleted).expect("undone");
    assert_eq!(ws.responses.len(), n);
    let r = ws.responses[0].id.clone();
    let deleted = ws.delete_response(&r, Timestamp(10)).expect("deleted");
    assert_eq!(ws.responses.len(), n - 1);
    ws.undo_delete(deleted).expect("undone");
    assert_eq!(ws.responses.len(), n);
}

#[test]
fn a_deletion_survives_merging_an_older_copy_and_travels_to_other_copies() {
    let older = example();
    let mut here = older.clone();
    let round = here.collaborations[0].rounds[1].id.clone();
    here.delete_round(&round, Timestamp(60)).expect("deleted");
    // Another tab (or a backup) still has the round: merging it does not bring it back.
    let report = here.merge(older.clone());
    assert!(here.round(&round).is_none());
    assert_eq!(report.deleted_skipped, 1 + 30, "the round and its 30 responses");
    assert!(!report.changes_anything());
    // The other tab merges this one: the deletion reaches it.
    let mut there = older;
    let report = there.merge(here.clone());
    assert!(there.round(&round).is_none());
    assert_eq!(report.deletions_applied, 1 + 30);
    assert_eq!(there.to_json(), {
        let mut h = here.clone();
        h.deleted.clone_from(&there.deleted);
        h.to_json()
    });
}

#[test]
fn hostile_text_is_stored_and_read_back_exactly() {
    let mut ws = example();
    let nasty = [
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "\u{202e}evil\u{202c} \u{200f}مرحبا\u{200e} שלום",
        "emoji 👩‍⚕️🏥🧑🏽‍🤝‍🧑🏿 and combining e\u{301}",
        "control \u{0007}\u{001b}[31m \u{0000} tab\tnewline\n",
        &"long ".repeat(20_000),
    ];
    for (k, text) in nasty.iter().enumerate() {
        ws.responses[k]
            .comments
            .insert("trust.a".into(), text.to_string());
    }
    ws.collaborations[0].name = nasty[0].to_string();
    let back = Workspace::from_json(&ws.to_json()).expect("reads back");
    assert_eq!(back, ws);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in "\\PC{0,400}") {
        let catalogue = Catalogue::shipped().expect("catalogue");
        let _ = decode_invitation(&text);
        let _ = decode_invitation(&format!("https://x/#/join/{text}"));
        let _ = parse_response_file(&text);
        let _ = decode_response_code(&text, &catalogue);
        let _ = decode_response_code(&format!("TRELLIS1-{text}"), &catalogue);
        let _ = decode_envelope(&format!("TRELLIS1E-{text}"));
        let _ = extract_codes(&text);
        let _ = Workspace::from_json(&text);
        let _ = read_config(&text, &catalogue);
        let _ = csv_headers(&text);
    }

    #[test]
    fn parsers_never_panic_on_damaged_valid_input(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
        let ws = example();
        for source in [ws.to_json(), format!("{{\"schema\":2,\"collaborations\":{}}}", ws.collaborations.len())] {
            let mut bytes = source.into_bytes();
            bytes.truncate(cut.min(bytes.len()));
            if let Some(b) = bytes.get_mut(flip) {
                *b = byte;
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = Workspace::from_json(&text);
            let _ = parse_response_file(&text);
        }
    }

    #[test]
    fn csv_import_never_panics(rows in proptest::collection::vec(proptest::collection::vec("[^\\r\\n]{0,12}", 0..8), 0..20)) {
        let instrument = shipped();
        let ws = example();
        let c = &ws.collaborations[0];
        let text: String = rows.iter().map(|r| r.join(",") + "\r\n").collect();
        if let Ok(headers) = csv_headers(&text) {
            let mapping = suggest_mapping(&headers, &instrument, "full");
            let mut k = 0;
            let _ = parse_csv(&text, &instrument, "full", c, &c.rounds[1].id, &mapping, || { k += 1; format!("id{k}") }, Timestamp(3));
        }
    }
}

#[test]
fn space_used_adds_up_to_the_stored_text() {
    let mut ws = example();
    let mut small = ws.collaborations[0].clone();
    small.id = "small".into();
    small.name = "Small".into();
    small.rounds.truncate(1);
    small.rounds[0].id = "small-r1".into();
    ws.collaborations.push(small);
    let used = ws.space_used();
    assert_eq!(used.len(), 2);
    assert_eq!(used[0].collaboration, ws.collaborations[0].id, "largest first");
    assert_eq!((used[0].rounds, used[0].responses), (2, 60));
    assert_eq!((used[1].rounds, used[1].responses), (1, 0));
    let total: usize = used.iter().map(|u| u.chars).sum();
    let stored = ws.to_json().len();
    // Every collaboration and response is counted; only the envelope and the lists of
    // statement, domain and partner ids the rows share are not.
    let shared = serde_json::to_string(&(
        &ws.responses
            .iter()
            .flat_map(|r| r.answers.keys())
            .collect::<std::collections::BTreeSet<_>>(),
        &ws.responses
            .iter()
            .flat_map(|r| r.levels.keys())
            .collect::<std::collections::BTreeSet<_>>(),
        &ws.responses
            .iter()
            .flat_map(|r| r.ties.keys())
            .collect::<std::collections::BTreeSet<_>>(),
    ))
    .expect("ids")
    .len();
    assert!(
        total <= stored && stored - total < 100 + shared,
        "{total} of {stored}, {shared} shared"
    );
}

#[test]
fn round_space_lists_real_rounds_oldest_first_with_their_answers() {
    let mut ws = example();
    let mut real = ws.collaborations[0].clone();
    real.id = "real".into();
    real.name = "Real".into();
    real.example = false;
    for (k, r) in real.rounds.iter_mut().enumerate() {
        r.id = format!("real-r{k}");
    }
    let moved: Vec<_> = ws
        .responses
        .iter()
        .filter(|r| r.round_id == ws.collaborations[0].rounds[1].id)
        .cloned()
        .map(|mut r| {
            r.id = format!("real-{}", r.id);
            r.round_id = "real-r1".into();
            r
        })
        .collect();
    let count = moved.len();
    ws.responses.extend(moved);
    real.rounds.reverse();
    ws.collaborations.push(real);
    let rounds = ws.round_space();
    // The example is left out; the real rounds come oldest first whatever their order.
    assert_eq!(rounds.len(), 2);
    assert!(rounds.iter().all(|r| r.collaboration == "real"));
    assert!(rounds[0].date < rounds[1].date, "{rounds:?}");
    assert_eq!((rounds[0].responses, rounds[1].responses), (0, count));
    assert!(rounds[1].chars > rounds[0].chars + count * 50, "{rounds:?}");
}
