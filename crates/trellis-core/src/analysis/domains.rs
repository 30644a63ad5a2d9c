//! Statements and domains across the round: statistics, agreement rwg(J), level votes and
//! the group's level, the score band, and whether a domain is critical in this context.

use std::collections::BTreeMap;

use super::answers::{Answers, Distribution};
use super::groups::{organisation_of, role_of, GroupKey};
use super::{
    reaches, RoundInput, BAND_FLOORS, DEFAULT_TARGET, EDGE, MISMATCH_LEVELS, SPLIT_COUNT, SPLIT_SHARE,
};
use crate::format::{ContextAnswer, DomainFile, PriorityWhenFile, Response};
use crate::sort::{sort_by, sort_bytes};
use crate::stats::{self, Describe};

/// One statement across the round.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementResult {
    pub statement: String,
    pub domain: String,
    pub stats: Option<Describe>,
    pub distribution: Distribution,
    /// Comments, shown only when the round has at least the minimum group size and
    /// only from people whose organisation and role each have at least that many
    /// respondents (so no comment can be traced to a group of one or two beside the
    /// breakdowns), in alphabetical order so their order cannot point to a respondent.
    pub comments: Vec<String>,
    /// Comments held back because their writer's organisation or role is a small group.
    pub withheld_comments: usize,
}

/// The maturity levels respondents chose for a domain.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelVotes {
    /// Count per level, index 0 = level 1.
    pub counts: Vec<usize>,
    /// The median choice (the lower of the two middle choices when their number is even).
    pub median: Option<u8>,
    /// Choices more than one level away from the median.
    pub outside: usize,
    pub split: bool,
}

/// The group's maturity level for a domain, and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupLevel {
    /// The median of respondents' level choices.
    Chosen(u8),
    /// Choices are split: shown as "uncertain", to be settled in discussion.
    Uncertain,
    /// No level choices (readiness mode): read from the score band.
    FromScores(u8),
    /// Neither choices nor a score.
    Unknown,
}

/// Why a domain is critical here: the context answer that made it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Critical {
    pub question: String,
    pub option: String,
}

/// One domain across the round.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainResult {
    pub domain: String,
    pub functioning: bool,
    pub critical: Option<Critical>,
    /// Respondents' domain scores (those with enough answers), in ascending order.
    pub scores: Vec<f64>,
    pub stats: Option<Describe>,
    /// Respondents without enough answers for a score.
    pub not_enough: usize,
    /// All answers to the domain's statements, pooled.
    pub distribution: Distribution,
    /// Within-group agreement rwg(J) over the domain's statements.
    pub agreement: Option<f64>,
    pub votes: LevelVotes,
    /// The level the mean score falls in.
    pub band_level: Option<u8>,
    pub level: GroupLevel,
    /// The chosen level and the score band differ by [`MISMATCH_LEVELS`] or more.
    pub mismatch: bool,
    /// The level the group agreed in discussion (the consensus record), if any.
    pub agreed: Option<u8>,
    pub target: Option<u8>,
    /// The target set for this domain at the round before, if any.
    pub earlier_target: Option<u8>,
}

/// Where a domain's working level comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelSource {
    /// The level the group agreed and recorded.
    Agreed,
    /// The median of respondents' level choices.
    Chosen,
    /// The score band, in a mode that asks for no level choices.
    FromScores,
    /// The score band, because choices are split or missing.
    ScoreBand,
}

impl DomainResult {
    /// The level used everywhere (stage, gaps, agenda, actions, plan, report, exports):
    /// the level the group agreed where it recorded one, else the individual picture
    /// ([`DomainResult::individual_level`]).
    pub fn working_level(&self) -> Option<u8> {
        self.agreed.or_else(|| self.individual_level())
    }

    /// The level from individual answers alone: the chosen level, else the score band.
    pub fn individual_level(&self) -> Option<u8> {
        match self.level {
            GroupLevel::Chosen(l) | GroupLevel::FromScores(l) => Some(l),
            GroupLevel::Uncertain | GroupLevel::Unknown => self.band_level,
        }
    }

    /// Where [`DomainResult::working_level`] comes from, when there is one.
    pub fn level_source(&self) -> Option<LevelSource> {
        if self.agreed.is_some() {
            return Some(LevelSource::Agreed);
        }
        match self.level {
            GroupLevel::Chosen(_) => Some(LevelSource::Chosen),
            GroupLevel::FromScores(_) => Some(LevelSource::FromScores),
            GroupLevel::Uncertain | GroupLevel::Unknown => self.band_level.map(|_| LevelSource::ScoreBand),
        }
    }

    /// Whether the target set at the round before is met now: `None` when none was set
    /// or this round has no level for the domain.
    pub fn earlier_target_met(&self) -> Option<bool> {
        Some(self.working_level()? >= self.earlier_target?)
    }

    /// Levels still to climb to the target (or to [`DEFAULT_TARGET`] when none is set).
    pub fn gap(&self) -> Option<u8> {
        let target = self.target.unwrap_or(DEFAULT_TARGET);
        self.working_level().map(|l| target.saturating_sub(l))
    }

    /// A plain-words band for the agreement index (after LeBreton and Senter, 2008).
    pub fn agreement_band(&self) -> Option<AgreementBand> {
        self.agreement.map(AgreementBand::of)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementBand {
    /// rwg below 0.31: people see this very differently.
    Little,
    /// 0.31 to 0.50.
    Weak,
    /// 0.51 to 0.70.
    Moderate,
    /// 0.71 to 0.90.
    Strong,
    /// Above 0.90.
    VeryStrong,
}

impl AgreementBand {
    pub fn of(rwg: f64) -> AgreementBand {
        match rwg {
            r if r > 0.90 + EDGE => AgreementBand::VeryStrong,
            r if r > 0.70 + EDGE => AgreementBand::Strong,
            r if r > 0.50 + EDGE => AgreementBand::Moderate,
            r if r > 0.30 + EDGE => AgreementBand::Weak,
            _ => AgreementBand::Little,
        }
    }
}

/// The first context condition that holds, if any.
pub fn first_match(
    conditions: &[PriorityWhenFile],
    context: &BTreeMap<String, ContextAnswer>,
) -> Option<Critical> {
    all_matches(conditions, context).into_iter().next()
}

/// Every context condition that holds.
pub fn all_matches(
    conditions: &[PriorityWhenFile],
    context: &BTreeMap<String, ContextAnswer>,
) -> Vec<Critical> {
    let mut found = Vec::new();
    for when in conditions {
        let chosen: Vec<&String> = match context.get(&when.question) {
            Some(ContextAnswer::One(o)) => vec![o],
            Some(ContextAnswer::Many(list)) => list.iter().collect(),
            _ => Vec::new(),
        };
        for option in chosen.into_iter().filter(|o| when.options.contains(o)) {
            let c = Critical {
                question: when.question.clone(),
                option: option.clone(),
            };
            if !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

/// The level a mean score falls in: the highest level whose floor in [`BAND_FLOORS`] the
/// mean reaches (allowing for [`EDGE`], so a mean of 3.5 computed as 3.4999999999997 is
/// level 3), never above the instrument's top level.
pub fn band_level(score: f64, levels: u8) -> u8 {
    let band = BAND_FLOORS
        .iter()
        .filter(|floor| reaches(score, **floor))
        .count()
        .max(1);
    band.min(usize::from(levels.max(1))) as u8
}

/// The means a level stands for when it is read from scores: from `from` (inclusive)
/// up to `below` (exclusive); `None` at the bottom or top of the scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreRange {
    pub from: Option<f64>,
    pub below: Option<f64>,
}

/// The score range of `level` on an instrument with `levels` levels (see [`band_level`]),
/// or `None` for a level no mean can fall in.
pub fn score_range(level: u8, levels: u8) -> Option<ScoreRange> {
    let top = usize::from(levels).min(BAND_FLOORS.len());
    let i = usize::from(level).checked_sub(1).filter(|i| *i < top)?;
    Some(ScoreRange {
        from: (i > 0).then(|| BAND_FLOORS[i]),
        below: (i + 1 < top).then(|| BAND_FLOORS[i + 1]),
    })
}

/// The median of level choices (lower middle when even), how many lie more than one
/// level away, and whether that makes the domain split.
pub fn level_votes(choices: &[u8], levels: u8) -> LevelVotes {
    let mut counts = vec![0; usize::from(levels)];
    let mut sorted: Vec<u8> = choices
        .iter()
        .copied()
        .filter(|l| *l >= 1 && *l <= levels)
        .collect();
    sort_bytes(&mut sorted);
    for l in &sorted {
        counts[usize::from(*l) - 1] += 1;
    }
    let median = (!sorted.is_empty()).then(|| sorted[(sorted.len() - 1) / 2]);
    let outside = median.map_or(0, |m| sorted.iter().filter(|l| l.abs_diff(m) > 1).count());
    let share = if sorted.is_empty() {
        0.0
    } else {
        outside as f64 / sorted.len() as f64
    };
    let split = outside >= SPLIT_COUNT || (outside >= 2 && reaches(share, SPLIT_SHARE));
    LevelVotes {
        counts,
        median,
        outside,
        split,
    }
}

/// rwg(J) for a multi-statement domain (James, Demaree and Wolf, 1984): with s² the mean
/// of the statements' answer variances and σ² = (A² - 1) / 12 the variance of uniform
/// random answering on A points, rwg(J) = J(1 - s²/σ²) / (J(1 - s²/σ²) + s²/σ²).
/// Reported as 0 when s² ≥ σ². Statements with fewer than two scale answers are skipped.
pub fn rwg_j(items: &[Vec<f64>], points: u8) -> Option<f64> {
    let variances: Vec<f64> = items.iter().filter_map(|v| stats::variance(v)).collect();
    let j = variances.len() as f64;
    if j == 0.0 || points < 2 {
        return None;
    }
    let null = (f64::from(points).powi(2) - 1.0) / 12.0;
    let ratio = stats::mean(&variances)? / null;
    if ratio >= 1.0 {
        return Some(0.0);
    }
    Some(j * (1.0 - ratio) / (j * (1.0 - ratio) + ratio))
}

/// Each statement of domain `di` across the round: its statistics, how its answers
/// spread over the scale, and its comments. `mix` counts respondents per organisation
/// and per role, for the small-group rule on comments.
pub(super) fn statement_results(
    answers: &Answers,
    responses: &[&Response],
    di: usize,
    domain: &str,
    min_group: usize,
    mix: &BTreeMap<GroupKey, usize>,
) -> Vec<StatementResult> {
    answers.asked[di]
        .iter()
        .enumerate()
        .map(|(si, statement)| {
            let column = answers.column(di, si);
            let (comments, withheld_comments) = comments(responses, &statement.id, min_group, mix);
            StatementResult {
                statement: statement.id.clone(),
                domain: domain.to_string(),
                stats: stats::describe(&answers.scale_values(column)),
                distribution: answers.distribution(column..column + 1),
                comments,
                withheld_comments,
            }
        })
        .collect()
}

/// The comments on a statement that may be shown, in alphabetical order so their order
/// cannot point to a respondent, and how many were held back: all of them when the round
/// is smaller than the minimum group, else those whose writer's organisation or role has
/// fewer respondents than the minimum group.
fn comments(
    responses: &[&Response],
    statement: &str,
    min_group: usize,
    mix: &BTreeMap<GroupKey, usize>,
) -> (Vec<String>, usize) {
    let big_enough = |key: GroupKey| mix.get(&key).copied().unwrap_or(0) >= min_group;
    let mut shown = Vec::new();
    let mut withheld = 0;
    for r in responses {
        let Some(comment) = r.comments.get(statement).filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        if responses.len() >= min_group && big_enough(organisation_of(r)) && big_enough(role_of(r)) {
            shown.push(comment.clone());
        } else {
            withheld += 1;
        }
    }
    sort_by(&mut shown, String::cmp);
    (shown, withheld)
}

/// Domain `di` across the round: respondents' scores, all its answers pooled, agreement,
/// level votes and the group's level, whether it is critical here, and its target.
pub(super) fn domain_result(
    input: &RoundInput,
    answers: &Answers,
    scores: &[Vec<Option<f64>>],
    di: usize,
    domain: &DomainFile,
) -> DomainResult {
    let levels = input.level_count();
    let ask_levels = input.asks_levels();
    let mut domain_scores: Vec<f64> = scores.iter().filter_map(|r| r[di]).collect();
    domain_scores.sort_by(f64::total_cmp);
    let described = stats::describe(&domain_scores);
    let items: Vec<Vec<f64>> = (0..answers.asked[di].len())
        .map(|si| answers.scale_values(answers.column(di, si)))
        .collect();
    let choices: Vec<u8> = if ask_levels {
        input
            .responses
            .iter()
            .filter_map(|r| r.levels.get(&domain.id).copied())
            .collect()
    } else {
        Vec::new()
    };
    let votes = level_votes(&choices, levels);
    let band = described
        .as_ref()
        .filter(|_| levels > 0)
        .map(|d| band_level(d.mean, levels));
    let level = group_level(&votes, band, ask_levels);
    let mismatch = match (level, band) {
        (GroupLevel::Chosen(l), Some(b)) => l.abs_diff(b) >= MISMATCH_LEVELS,
        _ => false,
    };
    DomainResult {
        domain: domain.id.clone(),
        functioning: input.instrument.is_functioning(&domain.id),
        critical: first_match(&domain.critical_when, input.context),
        not_enough: input.responses.len() - domain_scores.len(),
        scores: domain_scores,
        stats: described,
        distribution: answers.distribution(answers.domain_columns(di)),
        agreement: rwg_j(&items, answers.points),
        votes,
        band_level: band,
        level,
        mismatch,
        agreed: input
            .consensus
            .get(&domain.id)
            .and_then(|c| c.level)
            .filter(|l| (1..=levels).contains(l)),
        target: valid_level(input.targets, &domain.id, levels),
        earlier_target: valid_level(input.earlier_targets, &domain.id, levels),
    }
}

/// A domain's level from a map of levels by domain id, if it is one of the instrument's.
fn valid_level(levels_by_domain: &BTreeMap<String, u8>, domain: &str, levels: u8) -> Option<u8> {
    levels_by_domain
        .get(domain)
        .copied()
        .filter(|t| (1..=levels.max(1)).contains(t))
}

/// The group's level for a domain: the median choice, unless the choices are split;
/// without choices (in a mode that does not ask for them), the score band.
fn group_level(votes: &LevelVotes, band: Option<u8>, ask_levels: bool) -> GroupLevel {
    match (votes.median, votes.split, band) {
        (Some(_), true, _) => GroupLevel::Uncertain,
        (Some(m), false, _) => GroupLevel::Chosen(m),
        (None, _, Some(b)) if !ask_levels => GroupLevel::FromScores(b),
        _ => GroupLevel::Unknown,
    }
}
