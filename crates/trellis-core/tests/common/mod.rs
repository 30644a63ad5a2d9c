//! Shared helpers for the native test binary.

use trellis_core::format::{Answer, Response, RoleCategory, Timestamp};
use trellis_core::Instrument;

pub const MINI: &str = include_str!("../fixtures/mini.json");

pub fn mini() -> Instrument {
    match Instrument::from_json(MINI) {
        Ok(i) => i,
        Err(e) => panic!("the mini fixture should be valid: {e:?}"),
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
