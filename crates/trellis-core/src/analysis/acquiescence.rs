//! Responses that agree with everything: flagged, never left out, with the levels that
//! would change without them (docs/scoring.md, rule 3b).

use super::answers::Answers;
use super::domains::domain_result;
use super::{DomainResult, RoundInput, ACQUIESCENCE_MIN, AGREES_FROM};
use crate::format::Answer;
use crate::sort::sort_by;

/// A domain whose level from individual answers would be different without the flagged
/// responses.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelChange {
    pub domain: String,
    /// The level with every response ([`DomainResult::individual_level`]).
    pub level: Option<u8>,
    /// The level without the flagged responses.
    pub without: Option<u8>,
}

/// What the round says about acquiescence: empty when no response is flagged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Acquiescence {
    /// The flagged responses' ids, in order: each has at least [`ACQUIESCENCE_MIN`]
    /// answers on the scale and agrees with every one ([`AGREES_FROM`] or above) or gives
    /// the same answer to every one.
    pub responses: Vec<String>,
    /// The domains whose individual level would change if the flagged responses were
    /// left out, in the order of the round's domains.
    pub level_changes: Vec<LevelChange>,
}

/// The rows (in response order) that agree with everything or give one answer throughout,
/// counting only answers on the scale to the statements of the round's mode.
pub(super) fn flagged(answers: &Answers) -> Vec<usize> {
    answers
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            let scale: Vec<u8> = row
                .iter()
                .filter_map(|a| match a {
                    Some(Answer::Scale(v)) => Some(*v),
                    _ => None,
                })
                .collect();
            scale.len() >= ACQUIESCENCE_MIN
                && (scale.iter().all(|v| *v >= AGREES_FROM) || scale.iter().all(|v| *v == scale[0]))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The flagged responses of a round and the levels they move: the round is analysed again
/// without them, only when there are any. (That second analysis flags nobody, because
/// whether a response is flagged depends on its own answers alone.)
pub(super) fn acquiescence(input: &RoundInput, domains: &[DomainResult], rows: &[usize]) -> Acquiescence {
    if rows.is_empty() {
        return Acquiescence::default();
    }
    let others = RoundInput {
        responses: (0..input.responses.len())
            .filter(|i| rows.binary_search(i).is_err())
            .map(|i| input.responses[i])
            .collect(),
        ..input.clone()
    };
    // Only the domains' levels are needed without them, so only the domain step runs
    // again (not the agenda, breakdowns or reliability of a whole analysis).
    let answers = Answers::collect(&others);
    let scores = answers.respondent_scores();
    let without: Vec<DomainResult> = others
        .instrument
        .domains_in_mode(others.mode)
        .enumerate()
        .map(|(di, domain)| domain_result(&others, &answers, &scores, di, domain))
        .collect();
    let mut responses: Vec<String> = rows.iter().map(|&i| input.responses[i].id.clone()).collect();
    sort_by(&mut responses, String::cmp);
    let level_changes = domains
        .iter()
        .filter_map(|d| {
            let level = d.individual_level();
            let other = without
                .iter()
                .find(|w| w.domain == d.domain)
                .and_then(DomainResult::individual_level);
            (level != other).then(|| LevelChange {
                domain: d.domain.clone(),
                level,
                without: other,
            })
        })
        .collect();
    Acquiescence {
        responses,
        level_changes,
    }
}
