//! The workshop agenda (which domains to talk about first, and why) and the actions
//! suggested for it, each with the reasons it was chosen.

use std::collections::BTreeMap;

use super::{
    all_matches, reaches, Critical, DomainResult, OrganisationGap, PartnerMap, StatementResult,
    DEFAULT_TARGET, EDGE, MAX_ACTIONS, PER_DOMAIN, PRIORITY_STEP, REACH, WEAKEST_MARGIN,
};
use crate::format::{ActionFile, ContextAnswer};
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
    /// Partner map: this many pairs of partners see the tie between them differently.
    PairsSeenDifferently(usize),
    /// Partner map: this many ties are far from where they are wanted, the largest by
    /// this many steps.
    FarFromWanted {
        pairs: usize,
        largest: f64,
    },
    /// Partner map: this many partners have strong ties with fewer than half the others.
    FewStrongTies(usize),
}

/// What an agenda item is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaTopic {
    /// A domain (topic) of the instrument, by id.
    Domain(String),
    /// The relationships between partners (a round with a partner map).
    PartnerMap,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub topic: AgendaTopic,
    /// The priority in full; the agenda is ordered by [`AgendaItem::rounded_priority`].
    pub priority: f64,
    pub reasons: Vec<Reason>,
}

impl AgendaItem {
    /// The domain the item is about; `None` for the partner map's item.
    pub fn domain(&self) -> Option<&str> {
        match &self.topic {
            AgendaTopic::Domain(id) => Some(id),
            AgendaTopic::PartnerMap => None,
        }
    }

    /// The priority rounded to the nearest [`PRIORITY_STEP`] (halves up), which is what
    /// orders the agenda: a difference in agreement smaller than that is noise.
    pub fn rounded_priority(&self) -> f64 {
        rounded_priority(self.priority)
    }
}

/// `priority` rounded to the nearest [`PRIORITY_STEP`], halves up (allowing for [`EDGE`]).
pub fn rounded_priority(priority: f64) -> f64 {
    (priority / PRIORITY_STEP + 0.5 + EDGE).floor() * PRIORITY_STEP
}

/// Workshop priority of each functioning domain: levels below target, plus 1 if the
/// domain is critical here, plus disagreement (1 - rwg(J), or 0.5 when unknown), plus
/// 0.5 when split (unless the group has since agreed a level, which settles it), a
/// level/score mismatch or a flagged organisation gap asks for talk. The levels below
/// target are counted from the working level, so from the agreed level where there is one.
///
/// Order: highest rounded priority first; between equal ones, a domain before the domains
/// that build on it (the instrument's `builds_on`, directly or through others); then
/// instrument order.
pub(super) fn agenda(
    instrument: &Instrument,
    domains: &[DomainResult],
    gaps: &[OrganisationGap],
) -> Vec<AgendaItem> {
    let mut items: Vec<(usize, AgendaItem)> = domains
        .iter()
        .enumerate()
        .filter(|(_, d)| d.functioning)
        .map(|(i, d)| (i, agenda_item(d, gaps)))
        .collect();
    sort_by(&mut items, |a, b| {
        b.1.rounded_priority()
            .total_cmp(&a.1.rounded_priority())
            .then(a.0.cmp(&b.0))
    });
    let mut ordered = Vec::with_capacity(items.len());
    while !items.is_empty() {
        // Among the items of the highest remaining rounded priority (in instrument order),
        // the first that builds on none of the others comes next. `builds_on` has no
        // circles, so there always is one.
        let top = items[0].1.rounded_priority();
        let tied = items
            .iter()
            .take_while(|(_, x)| x.rounded_priority() == top)
            .count();
        let builds_on = |k: usize, j: usize| match (items[k].1.domain(), items[j].1.domain()) {
            (Some(a), Some(b)) => instrument.builds_on(a, b),
            _ => false,
        };
        let next = (0..tied)
            .find(|&k| !(0..tied).any(|j| j != k && builds_on(k, j)))
            .unwrap_or(0);
        ordered.push(items.remove(next).1);
    }
    ordered
}

fn agenda_item(d: &DomainResult, gaps: &[OrganisationGap]) -> AgendaItem {
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
    AgendaItem {
        topic: AgendaTopic::Domain(d.domain.clone()),
        priority,
        reasons,
    }
}

/// Puts the partner map's item on the agenda when it raises any concern, after the
/// domains of the same rounded priority. Its priority: the most steps a shown tie is
/// below where its raters want it (medians; like a domain's levels to climb, so a tie
/// far from where it is wanted counts there), plus [`PRIORITY_STEP`] each for pairs seen
/// differently and for partners with few strong ties.
pub(super) fn add_partner_item(agenda: &mut Vec<AgendaItem>, map: &PartnerMap) {
    if !map.has_concerns() {
        return;
    }
    let steps = map
        .cells
        .iter()
        .filter_map(|c| {
            let f = c.figures()?;
            Some(f.wanted.as_ref()?.median - f.now.as_ref()?.median)
        })
        .fold(0.0, f64::max);
    let mut reasons = Vec::new();
    let mut priority = steps;
    if !map.seen_differently.is_empty() {
        priority += PRIORITY_STEP;
        reasons.push(Reason::PairsSeenDifferently(map.seen_differently.len()));
    }
    if let Some(first) = map.far_from_wanted.first() {
        reasons.push(Reason::FarFromWanted {
            pairs: map.far_from_wanted.len(),
            largest: first.gap(),
        });
    }
    if !map.few_strong_ties.is_empty() {
        priority += PRIORITY_STEP;
        reasons.push(Reason::FewStrongTies(map.few_strong_ties.len()));
    }
    let item = AgendaItem {
        topic: AgendaTopic::PartnerMap,
        priority,
        reasons,
    };
    let at = agenda
        .iter()
        .position(|x| x.rounded_priority() < item.rounded_priority())
        .unwrap_or(agenda.len());
    agenda.insert(at, item);
}

/// A statement and a figure about it: its mean (a weakest statement) or the difference
/// between organisations on it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementFigure {
    pub statement: String,
    pub value: f64,
}

/// An action from the library, suggested for this round, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedAction {
    pub action: String,
    pub domain: String,
    /// The domain's place on the agenda (0 = first); `None` for a domain not on the
    /// agenda: an outcomes domain, which gets actions when it is below its target, or a
    /// readiness domain, whose actions are in the readiness result.
    pub agenda_rank: Option<usize>,
    /// The domain's working level, which the action was matched to (1 when unknown).
    pub level: u8,
    /// Levels between that and the nearest level the action is meant for (0: it suits).
    pub level_distance: u8,
    /// Context answers that make this action a priority here.
    pub context_matches: Vec<Critical>,
    /// The domain's weakest statements that the action works on, with their means.
    pub weakest: Vec<StatementFigure>,
    /// Statements the action works on where organisations differ by a flagged gap, with
    /// the gap.
    pub organisation_gaps: Vec<StatementFigure>,
}

impl SuggestedAction {
    /// How well the action fits this round: one for each kind of reason it has here
    /// (context answers, weakest statements, organisation gaps).
    pub fn fit(&self) -> usize {
        [
            !self.context_matches.is_empty(),
            !self.weakest.is_empty(),
            !self.organisation_gaps.is_empty(),
        ]
        .iter()
        .filter(|x| **x)
        .count()
    }
}

/// What the action step knows about the round besides the domains and the agenda.
pub(super) struct ActionInput<'a> {
    pub instrument: &'a Instrument,
    pub context: &'a BTreeMap<String, ContextAnswer>,
    pub statements: &'a [StatementResult],
    /// Flagged differences between organisations, per statement id.
    pub statement_gaps: &'a BTreeMap<String, f64>,
}

/// Actions for the agenda: for each domain in agenda order that has a gap or is critical,
/// up to [`PER_DOMAIN`] actions chosen by fit (see [`domain_actions`]), [`MAX_ACTIONS`]
/// in all; then up to [`PER_DOMAIN`] for each outcomes domain below its target.
pub(super) fn suggest_actions(
    input: &ActionInput,
    domains: &[DomainResult],
    agenda: &[AgendaItem],
) -> Vec<SuggestedAction> {
    let mut out = Vec::new();
    for (rank, item) in agenda.iter().enumerate() {
        let Some(d) = domains.iter().find(|d| Some(d.domain.as_str()) == item.domain()) else {
            continue;
        };
        if d.gap() == Some(0) && d.critical.is_none() {
            continue;
        }
        out.extend(domain_actions(input, d, Some(rank)));
        if out.len() >= MAX_ACTIONS {
            out.truncate(MAX_ACTIONS);
            break;
        }
    }
    for d in domains
        .iter()
        .filter(|d| !d.functioning && !input.instrument.is_readiness(&d.domain))
    {
        if d.gap().is_some_and(|g| g > 0) {
            out.extend(domain_actions(input, d, None));
        }
    }
    out
}

/// The best-fitting actions of one domain. Within reach are the actions for the domain's
/// level (or, when none is, for the nearest level), and those one level further that have
/// a reason here. They are ranked by fit, then nearer level, then lower effort, then
/// library order.
pub(super) fn domain_actions(
    input: &ActionInput,
    d: &DomainResult,
    rank: Option<usize>,
) -> Vec<SuggestedAction> {
    let level = d.working_level().unwrap_or(1);
    let weakest = weakest_statements(input.statements, &d.domain);
    let of_domain: Vec<(usize, &ActionFile)> = input
        .instrument
        .actions()
        .iter()
        .enumerate()
        .filter(|(_, a)| a.domain == d.domain)
        .collect();
    let distance = |a: &ActionFile| {
        a.levels
            .iter()
            .map(|l| l.abs_diff(level))
            .min()
            .unwrap_or(u8::MAX)
    };
    let nearest = of_domain
        .iter()
        .map(|(_, a)| distance(a))
        .min()
        .unwrap_or(u8::MAX);
    let figures = |a: &ActionFile, values: &dyn Fn(&str) -> Option<f64>| -> Vec<StatementFigure> {
        a.addresses
            .iter()
            .filter_map(|s| {
                values(s).map(|value| StatementFigure {
                    statement: s.clone(),
                    value,
                })
            })
            .collect()
    };
    let mut candidates: Vec<(usize, u8, SuggestedAction)> = of_domain
        .into_iter()
        .map(|(i, a)| {
            let s = SuggestedAction {
                action: a.id.clone(),
                domain: d.domain.clone(),
                agenda_rank: rank,
                level,
                level_distance: distance(a),
                context_matches: all_matches(&a.priority_when, input.context),
                weakest: figures(a, &|s| weakest.get(s).copied()),
                organisation_gaps: figures(a, &|s| input.statement_gaps.get(s).copied()),
            };
            (i, effort(&a.effort), s)
        })
        .filter(|(_, _, s)| {
            s.level_distance <= nearest || (s.level_distance <= nearest.saturating_add(REACH) && s.fit() > 0)
        })
        .collect();
    sort_by(&mut candidates, |(ia, ea, a), (ib, eb, b)| {
        b.fit()
            .cmp(&a.fit())
            .then(a.level_distance.cmp(&b.level_distance))
            .then(ea.cmp(eb))
            .then(ia.cmp(ib))
    });
    candidates
        .into_iter()
        .take(PER_DOMAIN)
        .map(|(_, _, s)| s)
        .collect()
}

fn effort(e: &str) -> u8 {
    match e {
        "low" => 0,
        "medium" => 1,
        _ => 2,
    }
}

/// A domain's weakest statements with their means: the lowest mean of its statements and
/// every mean within [`WEAKEST_MARGIN`] of it.
fn weakest_statements(statements: &[StatementResult], domain: &str) -> BTreeMap<String, f64> {
    let means: Vec<(&str, f64)> = statements
        .iter()
        .filter(|s| s.domain == domain)
        .filter_map(|s| s.stats.as_ref().map(|x| (s.statement.as_str(), x.mean)))
        .collect();
    let Some(lowest) = means.iter().map(|(_, m)| *m).min_by(f64::total_cmp) else {
        return BTreeMap::new();
    };
    means
        .into_iter()
        .filter(|(_, m)| reaches(lowest + WEAKEST_MARGIN, *m))
        .map(|(s, m)| (s.to_string(), m))
        .collect()
}
