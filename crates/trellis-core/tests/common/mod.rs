//! Shared helpers for the native test binary.

use std::collections::BTreeMap;

use trellis_core::analysis::{analyse, RoundAnalysis, RoundInput};
use trellis_core::format::{Answer, ContextAnswer, Response, RoleCategory, Timestamp};
use trellis_core::Instrument;

pub const MINI: &str = include_str!("../fixtures/mini.json");

pub fn mini() -> Instrument {
    match Instrument::from_json(MINI) {
        Ok(i) => i,
        Err(e) => panic!("the mini fixture should be valid: {e:?}"),
    }
}

/// A format 3 instrument: four readiness domains (two of them gates) in a readiness mode
/// with a time frame, two functioning domains and an outcome in a full mode, a mode
/// asking both, and a partner map.
pub const READINESS: &str = include_str!("../fixtures/readiness.json");

pub fn readiness() -> Instrument {
    match Instrument::from_json(READINESS) {
        Ok(i) => i,
        Err(e) => panic!("the readiness fixture should be valid: {e:?}"),
    }
}

/// The answer a form value stands for (`1`..`5`, `dk` or `na`), the inverse of
/// `Answer::code`.
pub fn answer(code: &str) -> Answer {
    match code {
        "dk" => Answer::DontKnow,
        "na" => Answer::NotApplicable,
        other => Answer::Scale(other.parse().expect("test answer code")),
    }
}

/// A response with answers given as (statement id, code) pairs, for example ("trust.a", "4").
pub fn response(id: &str, answers: &[(&str, &str)]) -> Response {
    Response {
        id: id.to_string(),
        round_id: "r1".to_string(),
        organisation: "p1".to_string(),
        role: RoleCategory::Manager,
        answers: answers
            .iter()
            .map(|(s, code)| (s.to_string(), answer(code)))
            .collect(),
        levels: Default::default(),
        comments: Default::default(),
        ties: Default::default(),
        started: Timestamp(0),
        updated: Timestamp(0),
        submitted: None,
    }
}

/// Analyses a round of `responses` with no agreed levels and no targets from before.
pub fn analyse_round(
    i: &Instrument,
    mode: &str,
    responses: &[Response],
    context: &BTreeMap<String, ContextAnswer>,
    targets: &BTreeMap<String, u8>,
    min_group: usize,
) -> RoundAnalysis {
    analyse(&RoundInput {
        instrument: i,
        mode,
        responses: responses.iter().collect(),
        context,
        targets,
        consensus: &Default::default(),
        earlier_targets: &Default::default(),
        min_group,
        partner_map: None,
    })
}

/// The newest shipped questionnaire.
pub fn shipped() -> std::rc::Rc<Instrument> {
    let catalogue = trellis_core::Catalogue::shipped().expect("shipped catalogue");
    catalogue.latest("trellis").expect("trellis instrument").clone()
}

/// A workspace holding the fictional example collaboration (seeded, so always the same).
pub fn example() -> (std::rc::Rc<Instrument>, trellis_core::format::Workspace) {
    let instrument = shipped();
    let mut ws = trellis_core::format::Workspace::default();
    trellis_core::example::add_example(
        &mut ws,
        &instrument,
        trellis_core::example::SEED,
        "2026-11-27",
        Timestamp(1_795_000_000_000),
    )
    .expect("example");
    (instrument, ws)
}
