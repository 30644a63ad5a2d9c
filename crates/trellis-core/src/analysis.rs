//! Round analysis: everything Trellis says about a round with many respondents.
//!
//! Built from the sent responses of one round, the round's instrument and mode, the
//! collaboration's context answers and the round's targets. Every rule is documented
//! with a worked example in docs/scoring.md; the constants below are the thresholds
//! those rules name.

use std::collections::BTreeMap;

use crate::format::{Answer, ContextAnswer, PriorityWhenFile, Response, RoleCategory};
use crate::instrument::Instrument;
use crate::scoring::has_enough_answers;
use crate::sort::{sort_by, sort_bytes};
use crate::stats::{self, Describe};

/// How far below a threshold a computed value may fall and still count as reaching it.
/// Means of thirds and sevenths cannot be stored exactly, so a mean that is exactly 3.5
/// by hand may be computed as 3.4999999999997; every threshold rule allows for that.
pub const EDGE: f64 = 1e-9;

/// True when `value` reaches `threshold`, allowing for [`EDGE`].
pub fn reaches(value: f64, threshold: f64) -> bool {
    value >= threshold - EDGE
}

/// Groups smaller than this are never shown on their own (the facilitator may raise it).
pub const MIN_GROUP: usize = 3;
/// A difference between organisations' means this large (scale points) is flagged.
pub const GAP_FLAG: f64 = 1.0;
/// Level ratings outside median ± 1 that make a domain "split": this many ...
pub const SPLIT_COUNT: usize = 4;
/// ... or at least this share of the ratings, when at least two ratings are outside.
pub const SPLIT_SHARE: f64 = 0.25;
/// Score bands that a domain mean maps to when read as a level: [1, 1.8) is level 1,
/// [1.8, 2.6) level 2, [2.6, 3.4) level 3, [3.4, 4.2) level 4 and [4.2, 5] level 5.
pub const BAND_WIDTH: f64 = 0.8;
/// A chosen level and the score band differing by this many levels or more is flagged.
pub const MISMATCH_LEVELS: u8 = 2;
/// Where no target is set, a functioning domain below this level counts as a gap.
pub const DEFAULT_TARGET: u8 = 3;
/// A readiness condition is "in place" when the domain mean reaches this score.
pub const IN_PLACE: f64 = 3.5;
/// Complete responses needed before internal consistency is reported.
pub const RELIABILITY_MIN: usize = 10;
/// Cronbach's alpha below this is flagged as low.
pub const LOW_ALPHA: f64 = 0.6;
/// A corrected item-total correlation below this is flagged.
pub const LOW_ITEM_TOTAL: f64 = 0.3;

/// What the analysis needs to know about a round.
#[derive(Debug, Clone)]
pub struct RoundInput<'a> {
    pub instrument: &'a Instrument,
    pub mode: &'a str,
    /// The sent responses of the round.
    pub responses: Vec<&'a Response>,
    pub context: &'a BTreeMap<String, ContextAnswer>,
    pub targets: &'a BTreeMap<String, u8>,
    /// Smallest group shown on its own; values below [`MIN_GROUP`] are raised to it.
    pub min_group: usize,
}

/// How the answers to one statement, or one domain pooled, are spread over the scale.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Distribution {
    /// Count per scale point, index 0 = point 1.
    pub points: Vec<usize>,
    pub dont_know: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl Distribution {
    fn new(points: u8) -> Self {
        Distribution {
            points: vec![0; usize::from(points)],
            ..Default::default()
        }
    }

    fn add(&mut self, answer: Option<&Answer>) {
        match answer {
            Some(Answer::Scale(v)) if usize::from(*v) >= 1 && usize::from(*v) <= self.points.len() => {
                self.points[usize::from(*v) - 1] += 1
            }
            Some(Answer::DontKnow) => self.dont_know += 1,
            Some(Answer::NotApplicable) => self.not_applicable += 1,
            _ => self.unanswered += 1,
        }
    }

    /// Answers on the scale.
    pub fn answered(&self) -> usize {
        self.points.iter().sum()
    }

    /// Every answer slot: scale, don't know, not applicable and unanswered.
    pub fn total(&self) -> usize {
        self.answered() + self.dont_know + self.not_applicable + self.unanswered
    }
}

/// One statement across the round.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementResult {
    pub statement: String,
    pub domain: String,
    pub stats: Option<Describe>,
    pub distribution: Distribution,
    /// Comments, shown only when the round has at least the minimum group size, in
    /// alphabetical order so their order cannot point to a respondent.
    pub comments: Vec<String>,
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
    pub target: Option<u8>,
}

impl DomainResult {
    /// The level used for stage and priorities: the chosen level, else the score band.
    pub fn working_level(&self) -> Option<u8> {
        match self.level {
            GroupLevel::Chosen(l) | GroupLevel::FromScores(l) => Some(l),
            GroupLevel::Uncertain | GroupLevel::Unknown => self.band_level,
        }
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

/// The largest difference between organisations for a domain.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisationGap {
    pub domain: String,
    pub highest: String,
    pub lowest: String,
    pub gap: f64,
    pub flagged: bool,
}

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

/// Internal consistency of a domain's statements on this round's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    pub domain: String,
    /// Responses that answered every statement of the domain on the scale.
    pub complete: usize,
    pub alpha: Option<f64>,
    /// (statement, corrected item-total correlation)
    pub item_total: Vec<(String, Option<f64>)>,
    pub low_alpha: bool,
    pub low_items: Vec<String>,
}

/// A readiness condition (one functioning domain) and whether it is in place.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub domain: String,
    pub score: Option<f64>,
    pub in_place: Option<bool>,
    pub critical: Option<Critical>,
}

/// Everything Trellis computes for one round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundAnalysis {
    pub n: usize,
    pub min_group: usize,
    pub domains: Vec<DomainResult>,
    pub statements: Vec<StatementResult>,
    pub stage: Stage,
    pub by_organisation: Breakdown,
    pub by_role: Breakdown,
    pub organisation_gaps: Vec<OrganisationGap>,
    pub agenda: Vec<AgendaItem>,
    pub actions: Vec<SuggestedAction>,
    pub reliability: Vec<Reliability>,
    /// Readiness conditions, not yet in place first (critical, then lowest score).
    pub readiness: Vec<Condition>,
    /// Respondents per organisation and per role, for comparing rounds.
    pub mix: BTreeMap<GroupKey, usize>,
}

impl RoundAnalysis {
    pub fn domain(&self, id: &str) -> Option<&DomainResult> {
        self.domains.iter().find(|d| d.domain == id)
    }

    /// The agenda ordered by disagreement: split domains first, then lowest agreement.
    pub fn most_contested(&self) -> Vec<&DomainResult> {
        let mut list: Vec<&DomainResult> = self.domains.iter().filter(|d| d.functioning).collect();
        sort_by(&mut list, |a, b| {
            b.votes.split.cmp(&a.votes.split).then_with(|| {
                let key = |d: &DomainResult| d.agreement.unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            })
        });
        list
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

/// The level a mean score falls in (see [`BAND_WIDTH`]).
pub fn band_level(score: f64, levels: u8) -> u8 {
    // The nudge keeps exact band edges (3.4 is stored as 3.3999...) in the upper band.
    let band = ((score - 1.0) / BAND_WIDTH + EDGE).floor() as i64 + 1;
    band.clamp(1, i64::from(levels.max(1))) as u8
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

/// Analyses a round.
pub fn analyse(input: &RoundInput) -> RoundAnalysis {
    let instrument = input.instrument;
    let mode = input.mode;
    let min_group = input.min_group.max(MIN_GROUP);
    let points = instrument.scale_max();
    let levels = instrument.levels().len() as u8;
    let ask_levels = instrument.mode(mode).is_some_and(|m| m.ask_levels);
    let responses = &input.responses;
    // Every answer is looked up once: one row per response, one column per statement of
    // the mode, grouped by domain. Answers off the scale count as unanswered.
    let asked: Vec<Vec<&crate::format::StatementFile>> = instrument
        .domains_in_mode(mode)
        .map(|d| instrument.statements_in(mode, &d.id).collect())
        .collect();
    let matrix: Vec<Vec<Option<Answer>>> = responses
        .iter()
        .map(|r| {
            asked
                .iter()
                .flatten()
                .map(|s| match r.answers.get(&s.id) {
                    Some(Answer::Scale(v)) if !(1..=points).contains(v) => None,
                    other => other.copied(),
                })
                .collect()
        })
        .collect();
    let starts: Vec<usize> = asked
        .iter()
        .scan(0, |start, d| {
            let here = *start;
            *start += d.len();
            Some(here)
        })
        .collect();
    // Each respondent's domain scores, by the rules of `scoring::response_scores`.
    let per_response: Vec<Vec<Option<f64>>> = matrix
        .iter()
        .map(|row| {
            asked
                .iter()
                .zip(&starts)
                .map(|(d, &start)| {
                    let scale: Vec<u8> = row[start..start + d.len()]
                        .iter()
                        .filter_map(|a| match a {
                            Some(Answer::Scale(v)) => Some(*v),
                            _ => None,
                        })
                        .collect();
                    has_enough_answers(scale.len(), d.len())
                        .then(|| scale.iter().map(|v| f64::from(*v)).sum::<f64>() / scale.len() as f64)
                })
                .collect()
        })
        .collect();

    let mut statements = Vec::new();
    let mut domains = Vec::new();
    for (di, domain) in instrument.domains_in_mode(mode).enumerate() {
        let mut pooled = Distribution::new(points);
        let mut items: Vec<Vec<f64>> = Vec::new();
        for (si, statement) in asked[di].iter().enumerate() {
            let column = starts[di] + si;
            let mut dist = Distribution::new(points);
            let mut values = Vec::new();
            let mut comments = Vec::new();
            for (r, row) in responses.iter().zip(&matrix) {
                let answer = row[column].as_ref();
                dist.add(answer);
                pooled.add(answer);
                if let Some(Answer::Scale(v)) = answer {
                    values.push(f64::from(*v));
                }
                if let Some(c) = r.comments.get(&statement.id).filter(|c| !c.trim().is_empty()) {
                    comments.push(c.clone());
                }
            }
            sort_by(&mut comments, String::cmp);
            if responses.len() < min_group {
                comments.clear();
            }
            statements.push(StatementResult {
                statement: statement.id.clone(),
                domain: domain.id.clone(),
                stats: stats::describe(&values),
                distribution: dist,
                comments,
            });
            items.push(values);
        }
        let mut scores: Vec<f64> = per_response.iter().filter_map(|r| r[di]).collect();
        scores.sort_by(f64::total_cmp);
        let described = stats::describe(&scores);
        let choices: Vec<u8> = if ask_levels {
            responses
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
        let level = match (votes.median, votes.split, band) {
            (Some(_), true, _) => GroupLevel::Uncertain,
            (Some(m), false, _) => GroupLevel::Chosen(m),
            (None, _, Some(b)) if !ask_levels => GroupLevel::FromScores(b),
            _ => GroupLevel::Unknown,
        };
        let mismatch = match (level, band) {
            (GroupLevel::Chosen(l), Some(b)) => l.abs_diff(b) >= MISMATCH_LEVELS,
            _ => false,
        };
        domains.push(DomainResult {
            domain: domain.id.clone(),
            functioning: instrument.is_functioning(&domain.id),
            critical: first_match(&domain.critical_when, input.context),
            not_enough: responses.len() - scores.len(),
            scores,
            stats: described,
            distribution: pooled,
            agreement: rwg_j(&items, points),
            votes,
            band_level: band,
            level,
            mismatch,
            target: input
                .targets
                .get(&domain.id)
                .copied()
                .filter(|t| *t >= 1 && *t <= levels.max(1)),
        });
    }

    let stage = stage(&domains);
    // Each respondent's group is worked out once per breakdown.
    let group_means = |members_of: &[GroupKey], keys: &[GroupKey]| -> GroupResult {
        let members: Vec<usize> = (0..keys.len())
            .filter(|&i| members_of.contains(&keys[i]))
            .collect();
        let means = (0..domains.len())
            .map(|di| {
                stats::mean(
                    &members
                        .iter()
                        .filter_map(|&i| per_response[i][di])
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        GroupResult {
            members: members_of.to_vec(),
            n: members.len(),
            means,
        }
    };
    let breakdown = |of: &dyn Fn(&Response) -> GroupKey| -> Breakdown {
        let keys: Vec<GroupKey> = responses.iter().map(|r| of(r)).collect();
        let mut sizes: BTreeMap<GroupKey, usize> = BTreeMap::new();
        for k in &keys {
            *sizes.entry(k.clone()).or_default() += 1;
        }
        let (shown, pooled, withheld) = protect_groups(&sizes, min_group);
        Breakdown {
            groups: shown
                .iter()
                .map(|k| group_means(std::slice::from_ref(k), &keys))
                .collect(),
            combined: (!pooled.is_empty()).then(|| group_means(&pooled, &keys)),
            withheld,
        }
    };
    let org_of = |r: &Response| GroupKey::Organisation(r.organisation.clone());
    let role_of = |r: &Response| GroupKey::Role(r.role);
    let by_organisation = breakdown(&org_of);
    let by_role = breakdown(&role_of);
    let organisation_gaps = organisation_gaps(&domains, &by_organisation);
    let agenda = agenda(&domains, &organisation_gaps);
    let actions = suggest_actions(instrument, &domains, &agenda, input.context);
    let reliability = reliability(&asked, &starts, &matrix);
    let readiness = readiness(&domains);
    let mut mix = BTreeMap::new();
    for r in responses {
        *mix.entry(org_of(r)).or_default() += 1;
        *mix.entry(role_of(r)).or_default() += 1;
    }
    RoundAnalysis {
        n: responses.len(),
        min_group,
        domains,
        statements,
        stage,
        by_organisation,
        by_role,
        organisation_gaps,
        agenda,
        actions,
        reliability,
        readiness,
        mix,
    }
}

/// The overall stage: the median working level of the functioning domains (lower middle
/// when even), capped at the lowest working level of any critical domain, so a weak
/// critical domain can never be hidden by strong others.
fn stage(domains: &[DomainResult]) -> Stage {
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

fn organisation_gaps(domains: &[DomainResult], breakdown: &Breakdown) -> Vec<OrganisationGap> {
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

/// Workshop priority of each functioning domain: levels below target, plus 1 if the
/// domain is critical here, plus disagreement (1 - rwg(J), or 0.5 when unknown), plus
/// 0.5 when split, a level/score mismatch or a flagged organisation gap asks for talk.
fn agenda(domains: &[DomainResult], gaps: &[OrganisationGap]) -> Vec<AgendaItem> {
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
            if d.votes.split {
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

/// Actions for the top of the agenda: for each domain in agenda order that has a gap or
/// is critical, the library's actions for that domain whose levels include the domain's
/// working level (or, when unknown, level 1; when no action suits that level, those for
/// the nearest level), those matching this context first, then lower effort first; at
/// most three per domain and ten in all.
fn suggest_actions(
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

fn reliability(
    asked: &[Vec<&crate::format::StatementFile>],
    starts: &[usize],
    matrix: &[Vec<Option<Answer>>],
) -> Vec<Reliability> {
    asked
        .iter()
        .zip(starts)
        .filter(|(statements, _)| statements.len() >= 2)
        .map(|(statements, &start)| {
            let domain = statements[0].domain.clone();
            let rows: Vec<Vec<f64>> = matrix
                .iter()
                .filter_map(|row| {
                    row[start..start + statements.len()]
                        .iter()
                        .map(|a| match a {
                            Some(Answer::Scale(v)) => Some(f64::from(*v)),
                            _ => None,
                        })
                        .collect::<Option<Vec<f64>>>()
                })
                .collect();
            if rows.len() < RELIABILITY_MIN {
                return Reliability {
                    domain,
                    complete: rows.len(),
                    alpha: None,
                    item_total: Vec::new(),
                    low_alpha: false,
                    low_items: Vec::new(),
                };
            }
            let alpha = stats::cronbach_alpha(&rows);
            let item_total: Vec<(String, Option<f64>)> = statements
                .iter()
                .map(|s| s.id.clone())
                .zip(stats::item_total_correlations(&rows))
                .collect();
            let low_items = item_total
                .iter()
                .filter(|(_, r)| r.is_some_and(|r| !reaches(r, LOW_ITEM_TOTAL)))
                .map(|(s, _)| s.clone())
                .collect();
            Reliability {
                domain,
                complete: rows.len(),
                low_alpha: alpha.is_some_and(|a| !reaches(a, LOW_ALPHA)),
                alpha,
                item_total,
                low_items,
            }
        })
        .collect()
}

/// Readiness conditions from the functioning domains' mean scores: in place at
/// [`IN_PLACE`] or above. Order: not in place first (critical before others, then
/// lowest score), then unknown, then in place.
fn readiness(domains: &[DomainResult]) -> Vec<Condition> {
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
    let group = |c: &Condition| match c.in_place {
        Some(false) => 0,
        None => 1,
        Some(true) => 2,
    };
    sort_by(&mut list, |(ia, a), (ib, b)| {
        group(a)
            .cmp(&group(b))
            .then(b.critical.is_some().cmp(&a.critical.is_some()))
            .then(
                a.score
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&b.score.unwrap_or(f64::INFINITY)),
            )
            .then(ia.cmp(ib))
    });
    list.into_iter().map(|(_, c)| c).collect()
}

/// The verdict on one domain between two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Improved,
    Declined,
    NoClearChange,
    /// Fewer than two scored respondents in a round.
    TooFewAnswers,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainChange {
    pub domain: String,
    pub earlier: Option<f64>,
    pub later: Option<f64>,
    pub difference: Option<stats::MeanDifference>,
    pub verdict: Verdict,
}

/// How two rounds compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub domains: Vec<DomainChange>,
    /// Share of respondents who would have to change organisation to make the two
    /// rounds' mixes equal (total variation distance, 0 to 1).
    pub organisation_shift: f64,
    pub role_shift: f64,
    /// True when either shift is at least [`MIX_WARNING`].
    pub mix_changed: bool,
}

/// A respondent-mix shift this large warns that rounds compare different people.
pub const MIX_WARNING: f64 = 0.3;

/// Compares two rounds domain by domain with Welch's 95% interval on respondents'
/// domain scores: "improved" when the whole interval is above zero, "declined" when it
/// is below, otherwise "no clear change".
pub fn compare(earlier: &RoundAnalysis, later: &RoundAnalysis) -> Comparison {
    let domains = later
        .domains
        .iter()
        .filter_map(|l| {
            let e = earlier.domain(&l.domain)?;
            let difference = stats::welch_interval(&e.scores, &l.scores);
            let verdict = match &difference {
                None => Verdict::TooFewAnswers,
                Some(d) if d.low > 0.0 => Verdict::Improved,
                Some(d) if d.high < 0.0 => Verdict::Declined,
                Some(_) => Verdict::NoClearChange,
            };
            Some(DomainChange {
                domain: l.domain.clone(),
                earlier: e.stats.as_ref().map(|s| s.mean),
                later: l.stats.as_ref().map(|s| s.mean),
                difference,
                verdict,
            })
        })
        .collect();
    let shift = |organisations: bool| {
        let keep = |k: &&GroupKey| matches!(k, GroupKey::Organisation(_)) == organisations;
        let total = |a: &RoundAnalysis| {
            a.mix
                .iter()
                .filter(|(k, _)| keep(k))
                .map(|(_, n)| *n)
                .sum::<usize>()
                .max(1) as f64
        };
        let (te, tl) = (total(earlier), total(later));
        let keys: std::collections::BTreeSet<&GroupKey> =
            earlier.mix.keys().chain(later.mix.keys()).filter(keep).collect();
        keys.iter()
            .map(|k| {
                let pe = *earlier.mix.get(*k).unwrap_or(&0) as f64 / te;
                let pl = *later.mix.get(*k).unwrap_or(&0) as f64 / tl;
                (pe - pl).abs()
            })
            .sum::<f64>()
            / 2.0
    };
    let organisation_shift = shift(true);
    let role_shift = shift(false);
    Comparison {
        domains,
        organisation_shift,
        role_shift,
        mix_changed: reaches(organisation_shift, MIX_WARNING) || reaches(role_shift, MIX_WARNING),
    }
}

/// How many strengths and concerns the dashboard names.
pub const NAMED: usize = 3;

impl RoundAnalysis {
    /// Topics to name as going well: functioning topics whose mean reaches [`IN_PLACE`]
    /// and on which people agree at least moderately (rwg(J) above 0.5), highest mean
    /// first, at most [`NAMED`].
    pub fn strengths(&self) -> Vec<&DomainResult> {
        let mut list: Vec<&DomainResult> = self
            .domains
            .iter()
            .filter(|d| {
                d.functioning
                    && d.stats.as_ref().is_some_and(|s| reaches(s.mean, IN_PLACE))
                    && d.agreement_band().is_some_and(|b| {
                        matches!(
                            b,
                            AgreementBand::VeryStrong | AgreementBand::Strong | AgreementBand::Moderate
                        )
                    })
            })
            .collect();
        let mean = |d: &DomainResult| d.stats.as_ref().map_or(0.0, |s| s.mean);
        list.sort_by(|a, b| mean(b).total_cmp(&mean(a)));
        list.truncate(NAMED);
        list
    }

    /// Topics to name as needing attention: the first [`NAMED`] agenda items that have a
    /// reason (so a topic at target, agreed and not critical is never a concern).
    pub fn concerns(&self) -> Vec<&AgendaItem> {
        self.agenda
            .iter()
            .filter(|i| !i.reasons.is_empty())
            .take(NAMED)
            .collect()
    }
}
