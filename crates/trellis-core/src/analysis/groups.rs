//! Breakdowns by organisation and by role with small groups protected, the gaps between
//! organisations, and the respondent mix used to compare rounds.

use std::collections::BTreeMap;

use super::answers::Answers;
use super::{reaches, DomainResult, GAP_FLAG};
use crate::format::{Response, RoleCategory};
use crate::sort::sort_by;
use crate::stats;

/// Who a breakdown group is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKey {
    Organisation(String),
    Role(RoleCategory),
}

/// One group in a breakdown by organisation or role.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupResult {
    /// One key for a group shown on its own; several for the combined group.
    pub members: Vec<GroupKey>,
    pub n: usize,
    /// Mean domain score per domain, aligned with [`RoundAnalysis::domains`].
    pub means: Vec<Option<f64>>,
}

/// A breakdown with small groups protected.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Breakdown {
    /// Groups large enough to show on their own, largest first.
    pub groups: Vec<GroupResult>,
    /// Small groups pooled (with enough others that no small group can be recovered).
    pub combined: Option<GroupResult>,
    /// True when the whole breakdown is withheld (too few respondents to protect anyone).
    pub withheld: bool,
}

/// Splits respondents into groups, protecting every group smaller than `min_group`:
/// small groups are pooled, and while the pool is too small or holds a single group, the
/// next smallest shown group joins it, so no small group can be recovered by
/// subtracting shown groups from the total.
pub fn protect_groups<K: Ord + Clone>(
    sizes: &BTreeMap<K, usize>,
    min_group: usize,
) -> (Vec<K>, Vec<K>, bool) {
    let mut shown: Vec<(K, usize)> = sizes.iter().map(|(k, n)| (k.clone(), *n)).collect();
    // Largest first; ties in key order, so the result does not depend on input order.
    sort_by(&mut shown, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut pool: Vec<(K, usize)> = Vec::new();
    while let Some(pos) = shown.iter().rposition(|(_, n)| *n < min_group) {
        pool.push(shown.remove(pos));
    }
    let pool_size = |p: &Vec<(K, usize)>| p.iter().map(|(_, n)| n).sum::<usize>();
    while !pool.is_empty() && (pool.len() < 2 || pool_size(&pool) < min_group) {
        match shown.pop() {
            Some(next) => pool.push(next),
            None => break,
        }
    }
    let withheld = !pool.is_empty() && (pool.len() < 2 || pool_size(&pool) < min_group);
    let mut pooled: Vec<K> = pool.into_iter().map(|(k, _)| k).collect();
    sort_by(&mut pooled, K::cmp);
    if withheld {
        return (Vec::new(), Vec::new(), true);
    }
    (shown.into_iter().map(|(k, _)| k).collect(), pooled, false)
}

/// A respondent's organisation, as a breakdown group.
pub(super) fn organisation_of(response: &Response) -> GroupKey {
    GroupKey::Organisation(response.organisation.clone())
}

/// A respondent's role, as a breakdown group.
pub(super) fn role_of(response: &Response) -> GroupKey {
    GroupKey::Role(response.role)
}

/// The mean domain scores of each group of respondents, with small groups protected
/// (see [`protect_groups`]). `scores` holds each respondent's domain scores.
pub(super) fn breakdown(
    responses: &[&Response],
    scores: &[Vec<Option<f64>>],
    domain_count: usize,
    min_group: usize,
    group_of: fn(&Response) -> GroupKey,
) -> Breakdown {
    // Each respondent's group is worked out once.
    let keys: Vec<GroupKey> = responses.iter().map(|r| group_of(r)).collect();
    let mut sizes: BTreeMap<GroupKey, usize> = BTreeMap::new();
    for k in &keys {
        *sizes.entry(k.clone()).or_default() += 1;
    }
    let (shown, pooled, withheld) = protect_groups(&sizes, min_group);
    let group = |members_of: &[GroupKey]| {
        let members: Vec<usize> = (0..keys.len())
            .filter(|&i| members_of.contains(&keys[i]))
            .collect();
        let means = (0..domain_count)
            .map(|di| stats::mean(&members.iter().filter_map(|&i| scores[i][di]).collect::<Vec<_>>()))
            .collect();
        GroupResult {
            members: members_of.to_vec(),
            n: members.len(),
            means,
        }
    };
    Breakdown {
        groups: shown.iter().map(|k| group(std::slice::from_ref(k))).collect(),
        combined: (!pooled.is_empty()).then(|| group(&pooled)),
        withheld,
    }
}

/// The largest difference between organisations for a domain.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationGap {
    pub domain: String,
    pub highest: String,
    pub lowest: String,
    pub gap: f64,
    pub flagged: bool,
}

/// The largest difference between shown organisations' mean scores for each domain, flagged
/// from [`GAP_FLAG`]; none where fewer than two organisations are shown.
pub(super) fn organisation_gaps(domains: &[DomainResult], breakdown: &Breakdown) -> Vec<OrganisationGap> {
    domains
        .iter()
        .enumerate()
        .filter_map(|(di, d)| {
            let means: Vec<(&GroupResult, f64)> = breakdown
                .groups
                .iter()
                .filter_map(|g| g.means[di].map(|m| (g, m)))
                .collect();
            if means.len() < 2 {
                return None;
            }
            let high = means.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
            let low = means.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
            let name = |g: &GroupResult| match g.members.first() {
                Some(GroupKey::Organisation(o)) => o.clone(),
                _ => String::new(),
            };
            let gap = high.1 - low.1;
            Some(OrganisationGap {
                domain: d.domain.clone(),
                highest: name(high.0),
                lowest: name(low.0),
                gap,
                flagged: reaches(gap, GAP_FLAG),
            })
        })
        .collect()
}

/// The statements on which organisations shown on their own differ by [`GAP_FLAG`] or
/// more (the largest difference between their means on the statement), by statement id.
/// Used only to choose actions; the breakdowns themselves stay by domain.
pub(super) fn statement_gaps(
    answers: &Answers,
    responses: &[&Response],
    breakdown: &Breakdown,
) -> BTreeMap<String, f64> {
    let shown: Vec<&GroupKey> = breakdown
        .groups
        .iter()
        .filter_map(|g| g.members.first())
        .collect();
    let org: Vec<GroupKey> = responses.iter().map(|r| organisation_of(r)).collect();
    let mut gaps = BTreeMap::new();
    for (di, statements) in answers.asked.iter().enumerate() {
        for (si, statement) in statements.iter().enumerate() {
            let column = answers.column(di, si);
            let means: Vec<f64> = shown
                .iter()
                .filter_map(|key| {
                    let rows = answers.rows.iter().zip(&org).filter(|(_, o)| o == key);
                    stats::mean(&answers.scale_values_of(column, rows.map(|(row, _)| row)))
                })
                .collect();
            if means.len() < 2 {
                continue;
            }
            let high = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let low = means.iter().copied().fold(f64::INFINITY, f64::min);
            if reaches(high - low, GAP_FLAG) {
                gaps.insert(statement.id.clone(), high - low);
            }
        }
    }
    gaps
}

/// Respondents per organisation and per role, for comparing rounds.
pub(super) fn respondent_mix(responses: &[&Response]) -> BTreeMap<GroupKey, usize> {
    let mut mix = BTreeMap::new();
    for r in responses {
        *mix.entry(organisation_of(r)).or_default() += 1;
        *mix.entry(role_of(r)).or_default() += 1;
    }
    mix
}
