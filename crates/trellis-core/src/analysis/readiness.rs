//! The readiness result: whether a collaboration that has not yet started is ready, ready
//! with conditions (naming them, with actions), or should reconsider (saying why), read
//! from the readiness domains of the round's mode (docs/scoring.md, rule 15).

use super::agenda::{domain_actions, ActionInput};
use super::stage::{condition_order, ConditionKey};
use super::{reaches, Breakdown, DomainResult, GroupKey, SuggestedAction, DEVELOPING_FROM, IN_PLACE};
use crate::sort::sort_by;

/// The readiness result in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadinessVerdict {
    /// Every readiness domain is in place.
    Ready,
    /// No reason to reconsider, but some domains are not in place or have no score: the
    /// conditions to meet first.
    ReadyWithConditions,
    /// A gate is against, or most scored domains are not in place.
    Reconsider,
}

/// Where a readiness domain stands, from its mean score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadinessState {
    /// A mean of [`IN_PLACE`] or more.
    InPlace,
    /// A mean from [`DEVELOPING_FROM`] to below [`IN_PLACE`].
    NotInPlace,
    /// A mean below [`DEVELOPING_FROM`]: on average people disagree that it is so.
    Against,
    /// Nobody answered enough of its statements for a score.
    Unknown,
}

impl ReadinessState {
    /// The state of a mean score, `None` when there is none.
    pub fn of(score: Option<f64>) -> ReadinessState {
        match score {
            None => ReadinessState::Unknown,
            Some(s) if reaches(s, IN_PLACE) => ReadinessState::InPlace,
            Some(s) if reaches(s, DEVELOPING_FROM) => ReadinessState::NotInPlace,
            Some(_) => ReadinessState::Against,
        }
    }

    /// Whether the domain is in place, `None` when unknown.
    pub fn in_place(self) -> Option<bool> {
        match self {
            ReadinessState::InPlace => Some(true),
            ReadinessState::NotInPlace | ReadinessState::Against => Some(false),
            ReadinessState::Unknown => None,
        }
    }
}

/// Why the result is "reconsider" (every reason that holds).
#[derive(Debug, Clone, PartialEq)]
pub enum ReconsiderReason {
    /// A gate domain is against, with its mean.
    GateAgainst { domain: String, score: f64 },
    /// More than half of the scored readiness domains are not in place.
    MostNotInPlace { not_in_place: usize, scored: usize },
}

/// An organisation shown on its own and its mean for one domain.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationMean {
    pub organisation: String,
    pub mean: f64,
}

/// One readiness domain of the round.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadinessDomain {
    pub domain: String,
    /// A gate decides alone: when it is against, the result is "reconsider".
    pub gate: bool,
    /// The round's mean score (rule 3).
    pub score: Option<f64>,
    pub state: ReadinessState,
    /// For a condition (not in place, or unknown): the actions rule 14 suggests for the
    /// domain at its level (level 1 when unknown). Empty for a domain in place.
    pub actions: Vec<SuggestedAction>,
    /// For a domain in place overall: the organisations shown on their own (rule 11)
    /// whose mean is below [`IN_PLACE`], lowest first. It is not in place for them.
    pub not_in_place_for: Vec<OrganisationMean>,
}

impl ReadinessDomain {
    /// Whether this domain is a condition to meet: not in place, or without a score.
    pub fn is_condition(&self) -> bool {
        self.state != ReadinessState::InPlace
    }
}

/// The readiness result of a round.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadinessResult {
    pub verdict: ReadinessVerdict,
    /// Why "reconsider"; empty for the other verdicts.
    pub reasons: Vec<ReconsiderReason>,
    /// Every readiness domain of the mode: not in place, then unknown, then in place;
    /// within each group gates before others, then lowest mean, then questionnaire order.
    pub domains: Vec<ReadinessDomain>,
}

impl ReadinessResult {
    /// The conditions to meet (not in place, or unknown), in the order of
    /// [`ReadinessResult::domains`].
    pub fn conditions(&self) -> impl Iterator<Item = &ReadinessDomain> + '_ {
        self.domains.iter().filter(|d| d.is_condition())
    }

    pub fn domain(&self, id: &str) -> Option<&ReadinessDomain> {
        self.domains.iter().find(|d| d.domain == id)
    }
}

/// The readiness result from the readiness domains among `domains` (rule 15): none when
/// the mode has none or fewer than half of them have a score. `by_organisation` is the
/// protected breakdown whose means are aligned with `domains`.
pub(super) fn result(
    input: &ActionInput,
    domains: &[DomainResult],
    by_organisation: &Breakdown,
) -> Option<ReadinessResult> {
    let mut list: Vec<(usize, ReadinessDomain)> = domains
        .iter()
        .enumerate()
        .filter(|(_, d)| input.instrument.is_readiness(&d.domain))
        .map(|(di, d)| (di, readiness_domain(input, d, di, by_organisation)))
        .collect();
    let scored = list.iter().filter(|(_, d)| d.score.is_some()).count();
    if list.is_empty() || scored * 2 < list.len() {
        return None;
    }
    let mut reasons: Vec<ReconsiderReason> = list
        .iter()
        .filter(|(_, d)| d.gate && d.state == ReadinessState::Against)
        .map(|(_, d)| ReconsiderReason::GateAgainst {
            domain: d.domain.clone(),
            score: d.score.unwrap_or(1.0),
        })
        .collect();
    let not_in_place = list
        .iter()
        .filter(|(_, d)| d.state.in_place() == Some(false))
        .count();
    if not_in_place * 2 > scored {
        reasons.push(ReconsiderReason::MostNotInPlace { not_in_place, scored });
    }
    let verdict = if !reasons.is_empty() {
        ReadinessVerdict::Reconsider
    } else if list.iter().any(|(_, d)| d.is_condition()) {
        ReadinessVerdict::ReadyWithConditions
    } else {
        ReadinessVerdict::Ready
    };
    let key = |i: usize, d: &ReadinessDomain| ConditionKey {
        in_place: d.state.in_place(),
        marked: d.gate,
        score: d.score,
        index: i,
    };
    sort_by(&mut list, |(ia, a), (ib, b)| {
        condition_order(&key(*ia, a), &key(*ib, b))
    });
    Some(ReadinessResult {
        verdict,
        reasons,
        domains: list.into_iter().map(|(_, d)| d).collect(),
    })
}

/// One readiness domain (`di`, its place in `RoundAnalysis::domains`): its state, the
/// actions for a condition, and, when it is in place overall, the organisations it is not
/// in place for.
fn readiness_domain(
    input: &ActionInput,
    d: &DomainResult,
    di: usize,
    by_organisation: &Breakdown,
) -> ReadinessDomain {
    let score = d.stats.as_ref().map(|s| s.mean);
    let state = ReadinessState::of(score);
    let mut not_in_place_for: Vec<OrganisationMean> = Vec::new();
    if state == ReadinessState::InPlace {
        for g in &by_organisation.groups {
            if let (Some(GroupKey::Organisation(o)), Some(Some(mean))) = (g.members.first(), g.means.get(di))
            {
                if !reaches(*mean, IN_PLACE) {
                    not_in_place_for.push(OrganisationMean {
                        organisation: o.clone(),
                        mean: *mean,
                    });
                }
            }
        }
    }
    sort_by(&mut not_in_place_for, |a, b| {
        a.mean
            .total_cmp(&b.mean)
            .then_with(|| a.organisation.cmp(&b.organisation))
    });
    ReadinessDomain {
        domain: d.domain.clone(),
        gate: input.instrument.is_gate(&d.domain),
        score,
        state,
        actions: if state == ReadinessState::InPlace {
            Vec::new()
        } else {
            domain_actions(input, d, None)
        },
        not_in_place_for,
    }
}
