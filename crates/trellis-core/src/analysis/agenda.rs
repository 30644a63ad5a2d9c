//! The workshop agenda (which domains to talk about first, and why) and the actions
//! suggested for the top of it.

use std::collections::BTreeMap;

use super::{all_matches, Critical, DomainResult, OrganisationGap, DEFAULT_TARGET, EDGE};
use crate::format::ContextAnswer;
use crate::instrument::Instrument;
use crate::sort::sort_by;

/// Why a domain is on the workshop agenda where it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    BelowTarget {
        levels: u8,
        target: u8,
        target_set: bool,
    },
    Critical(Critical),
    Disagreement(f64),
    Split,
    Mismatch,
    OrganisationGap(f64),
    NotEnoughAnswers,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub domain: String,
    pub priority: f64,
    pub reasons: Vec<Reason>,
}

/// Workshop priority of each functioning domain: levels below target, plus 1 if the
/// domain is critical here, plus disagreement (1 - rwg(J), or 0.5 when unknown), plus
/// 0.5 when split (unless the group has since agreed a level, which settles it), a
/// level/score mismatch or a flagged organisation gap asks for talk. The levels below
/// target are counted from the working level, so from the agreed level where there is one.
pub(super) fn agenda(domains: &[DomainResult], gaps: &[OrganisationGap]) -> Vec<AgendaItem> {
    let mut items: Vec<(usize, AgendaItem)> = domains
        .iter()
        .enumerate()
        .filter(|(_, d)| d.functioning)
        .map(|(i, d)| {
            let mut reasons = Vec::new();
            let mut priority = 0.0;
            match d.gap() {
                Some(levels) => {
                    priority += f64::from(levels);
                    if levels > 0 {
                        reasons.push(Reason::BelowTarget {
                            levels,
                            target: d.target.unwrap_or(DEFAULT_TARGET),
                            target_set: d.target.is_some(),
                        });
                    }
                }
                None => reasons.push(Reason::NotEnoughAnswers),
            }
            if let Some(c) = &d.critical {
                priority += 1.0;
                reasons.push(Reason::Critical(c.clone()));
            }
            let disagreement = d.agreement.map_or(0.5, |a| 1.0 - a);
            priority += disagreement;
            if d.agreement.is_some_and(|a| a <= 0.5 + EDGE) {
                reasons.push(Reason::Disagreement(d.agreement.unwrap_or(0.0)));
            }
            if d.votes.split && d.agreed.is_none() {
                priority += 0.5;
                reasons.push(Reason::Split);
            }
            if d.mismatch {
                priority += 0.5;
                reasons.push(Reason::Mismatch);
            }
            if let Some(g) = gaps.iter().find(|g| g.domain == d.domain && g.flagged) {
                priority += 0.5;
                reasons.push(Reason::OrganisationGap(g.gap));
            }
            (
                i,
                AgendaItem {
                    domain: d.domain.clone(),
                    priority,
                    reasons,
                },
            )
        })
        .collect();
    sort_by(&mut items, |a, b| {
        b.1.priority.total_cmp(&a.1.priority).then(a.0.cmp(&b.0))
    });
    items.into_iter().map(|(_, item)| item).collect()
}

/// An action from the library, suggested for this round, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedAction {
    pub action: String,
    pub domain: String,
    /// The domain's place on the agenda (0 = first).
    pub agenda_rank: usize,
    /// The level the action was matched to.
    pub level: u8,
    /// Context answers that make this action come first here.
    pub context_matches: Vec<Critical>,
}

/// Actions for the top of the agenda: for each domain in agenda order that has a gap or
/// is critical, the library's actions for that domain whose levels include the domain's
/// working level (or, when unknown, level 1; when no action suits that level, those for
/// the nearest level), those matching this context first, then lower effort first; at
/// most three per domain and ten in all.
pub(super) fn suggest_actions(
    instrument: &Instrument,
    domains: &[DomainResult],
    agenda: &[AgendaItem],
    context: &BTreeMap<String, ContextAnswer>,
) -> Vec<SuggestedAction> {
    let effort = |e: &str| match e {
        "low" => 0,
        "medium" => 1,
        _ => 2,
    };
    let mut out = Vec::new();
    for (rank, item) in agenda.iter().enumerate() {
        let Some(d) = domains.iter().find(|d| d.domain == item.domain) else {
            continue;
        };
        if d.gap() == Some(0) && d.critical.is_none() {
            continue;
        }
        let level = d.working_level().unwrap_or(1);
        // Actions suited to the domain's level; when none is, those for the nearest level.
        let distance = |levels: &[u8]| levels.iter().map(|l| l.abs_diff(level)).min().unwrap_or(u8::MAX);
        let nearest = instrument
            .actions()
            .iter()
            .filter(|a| a.domain == d.domain)
            .map(|a| distance(&a.levels))
            .min()
            .unwrap_or(u8::MAX);
        let mut candidates: Vec<(usize, SuggestedAction, u8)> = instrument
            .actions()
            .iter()
            .enumerate()
            .filter(|(_, a)| a.domain == d.domain && distance(&a.levels) == nearest)
            .map(|(i, a)| {
                let context_matches = all_matches(&a.priority_when, context);
                let s = SuggestedAction {
                    action: a.id.clone(),
                    domain: d.domain.clone(),
                    agenda_rank: rank,
                    level,
                    context_matches,
                };
                (i, s, effort(&a.effort))
            })
            .collect();
        // Context matches first, then lower effort, then library order.
        sort_by(&mut candidates, |(ia, a, ea), (ib, b, eb)| {
            (a.context_matches.is_empty(), ea, ia).cmp(&(b.context_matches.is_empty(), eb, ib))
        });
        out.extend(candidates.into_iter().take(3).map(|(_, s, _)| s));
        if out.len() >= 10 {
            out.truncate(10);
            break;
        }
    }
    out
}
