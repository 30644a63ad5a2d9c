//! The overall stage of the collaboration, held back by weak critical domains, and the
//! readiness conditions.

use std::cmp::Ordering;

use super::{reaches, Critical, DomainResult, IN_PLACE};
use crate::sort::{sort_by, sort_bytes};

/// The overall stage of the collaboration.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The stage, or `None` when fewer than half of the functioning domains have a level.
    pub level: Option<u8>,
    /// The median level of the functioning domains, before the critical-domain cap.
    pub median: Option<u8>,
    /// Critical domains whose level is below the median and so set the stage.
    pub held_back_by: Vec<String>,
}

/// The overall stage: the median working level of the functioning domains (lower middle
/// when even), capped at the lowest working level of any critical domain, so a weak
/// critical domain can never be hidden by strong others.
pub(super) fn stage(domains: &[DomainResult]) -> Stage {
    let functioning: Vec<&DomainResult> = domains.iter().filter(|d| d.functioning).collect();
    let mut levels: Vec<u8> = functioning.iter().filter_map(|d| d.working_level()).collect();
    sort_bytes(&mut levels);
    if levels.is_empty() || levels.len() * 2 < functioning.len() {
        return Stage {
            level: None,
            median: None,
            held_back_by: Vec::new(),
        };
    }
    let median = levels[(levels.len() - 1) / 2];
    let held_back_by: Vec<String> = functioning
        .iter()
        .filter(|d| d.critical.is_some() && d.working_level().is_some_and(|l| l < median))
        .map(|d| d.domain.clone())
        .collect();
    let cap = functioning
        .iter()
        .filter(|d| d.critical.is_some())
        .filter_map(|d| d.working_level())
        .min()
        .unwrap_or(median);
    Stage {
        level: Some(median.min(cap)),
        median: Some(median),
        held_back_by,
    }
}

/// A readiness condition (one functioning domain) and whether it is in place.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub domain: String,
    pub score: Option<f64>,
    pub in_place: Option<bool>,
    pub critical: Option<Critical>,
}

/// Readiness conditions from the functioning domains' mean scores: in place at
/// [`IN_PLACE`] or above. Order: not in place first (critical before others, then
/// lowest score), then unknown, then in place.
pub(super) fn readiness(domains: &[DomainResult]) -> Vec<Condition> {
    let mut list: Vec<(usize, Condition)> = domains
        .iter()
        .enumerate()
        .filter(|(_, d)| d.functioning)
        .map(|(i, d)| {
            let score = d.stats.as_ref().map(|s| s.mean);
            (
                i,
                Condition {
                    domain: d.domain.clone(),
                    score,
                    in_place: score.map(|s| reaches(s, IN_PLACE)),
                    critical: d.critical.clone(),
                },
            )
        })
        .collect();
    let key = |i: usize, c: &Condition| ConditionKey {
        in_place: c.in_place,
        marked: c.critical.is_some(),
        score: c.score,
        index: i,
    };
    sort_by(&mut list, |(ia, a), (ib, b)| {
        condition_order(&key(*ia, a), &key(*ib, b))
    });
    list.into_iter().map(|(_, c)| c).collect()
}

/// What orders a list of readiness conditions (see [`condition_order`]).
pub(super) struct ConditionKey {
    pub in_place: Option<bool>,
    /// Critical here (functioning conditions) or a gate (readiness domains).
    pub marked: bool,
    pub score: Option<f64>,
    /// The place in the questionnaire.
    pub index: usize,
}

/// The order of readiness conditions: not in place first, then unknown, then in place;
/// within each, marked ones first, then the lowest score, then questionnaire order.
pub(super) fn condition_order(a: &ConditionKey, b: &ConditionKey) -> Ordering {
    let group = |c: &ConditionKey| match c.in_place {
        Some(false) => 0,
        None => 1,
        Some(true) => 2,
    };
    let score = |c: &ConditionKey| c.score.unwrap_or(f64::INFINITY);
    group(a)
        .cmp(&group(b))
        .then(b.marked.cmp(&a.marked))
        .then(score(a).total_cmp(&score(b)))
        .then(a.index.cmp(&b.index))
}
