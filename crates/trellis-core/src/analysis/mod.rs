//! Round analysis: everything Trellis says about a round with many respondents.
//!
//! Built from the sent responses of one round, the round's instrument and mode, the
//! collaboration's context answers, the round's targets and the group's agreed levels
//! (where the group recorded one, it is the domain's level for everything that follows),
//! and the targets set at the round before (so this round says whether each was met). Every rule is documented
//! with a worked example in docs/scoring.md; the constants below are the thresholds
//! those rules name.
//!
//! [`analyse`] runs the analysis as a list of steps, each in the module of its concern:
//! `answers` (every answer looked up once, respondents' domain scores), `domains`
//! (per-statement and per-domain statistics, agreement, level votes, critical domains),
//! `groups` (breakdowns by organisation and role, organisation gaps, the respondent mix),
//! `stage` (the overall stage and readiness conditions), `agenda` (the workshop agenda
//! and suggested actions) and `reliability`; `compare` sets two rounds side by side.

mod agenda;
mod answers;
mod compare;
mod domains;
mod groups;
mod reliability;
mod stage;

use std::collections::BTreeMap;

use crate::format::{Consensus, ContextAnswer, Response};
use crate::instrument::Instrument;
use crate::sort::sort_by;

pub use self::agenda::{AgendaItem, Reason, SuggestedAction};
pub use self::answers::Distribution;
pub use self::compare::{compare, Comparison, DomainChange, Verdict, MIX_WARNING};
pub use self::domains::{
    all_matches, band_level, first_match, level_votes, rwg_j, AgreementBand, Critical, DomainResult,
    GroupLevel, LevelSource, LevelVotes, StatementResult,
};
pub use self::groups::{protect_groups, Breakdown, GroupKey, GroupResult, OrganisationGap};
pub use self::reliability::Reliability;
pub use self::stage::{Condition, Stage};

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
/// How many strengths and concerns the dashboard names.
pub const NAMED: usize = 3;
/// Below this many respondents, results carry a small-sample caution: one person's view
/// can move a topic's level or its place on the agenda.
pub const SMALL_SAMPLE: usize = 10;

/// What the analysis needs to know about a round.
#[derive(Debug, Clone)]
pub struct RoundInput<'a> {
    pub instrument: &'a Instrument,
    pub mode: &'a str,
    /// The sent responses of the round.
    pub responses: Vec<&'a Response>,
    pub context: &'a BTreeMap<String, ContextAnswer>,
    pub targets: &'a BTreeMap<String, u8>,
    /// The group's agreed view per domain id (the round's consensus record).
    pub consensus: &'a BTreeMap<String, Consensus>,
    /// Targets set at the round before, empty for a first round.
    pub earlier_targets: &'a BTreeMap<String, u8>,
    /// Smallest group shown on its own; values below [`MIN_GROUP`] are raised to it.
    pub min_group: usize,
}

impl RoundInput<'_> {
    /// Whether the round's mode asks respondents to choose a level for each domain.
    fn asks_levels(&self) -> bool {
        self.instrument.mode(self.mode).is_some_and(|m| m.ask_levels)
    }

    /// How many maturity levels the instrument has.
    fn level_count(&self) -> u8 {
        self.instrument.levels().len() as u8
    }
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
    /// Whether the round has fewer than [`SMALL_SAMPLE`] respondents (and at least one).
    pub fn small_sample(&self) -> bool {
        self.n > 0 && self.n < SMALL_SAMPLE
    }

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

/// Analyses a round, step by step.
pub fn analyse(input: &RoundInput) -> RoundAnalysis {
    let min_group = input.min_group.max(MIN_GROUP);
    let responses = &input.responses;
    // Every answer is looked up once, and each respondent's domain scores computed once,
    // for all the steps below.
    let answers = answers::Answers::collect(input);
    let scores = answers.respondent_scores();
    let mix = groups::respondent_mix(responses);
    let mut statements = Vec::new();
    let mut domains = Vec::new();
    for (di, domain) in input.instrument.domains_in_mode(input.mode).enumerate() {
        statements.extend(domains::statement_results(
            &answers, responses, di, &domain.id, min_group, &mix,
        ));
        domains.push(domains::domain_result(input, &answers, &scores, di, domain));
    }
    let stage = stage::stage(&domains);
    let by_organisation = groups::breakdown(
        responses,
        &scores,
        domains.len(),
        min_group,
        groups::organisation_of,
    );
    let by_role = groups::breakdown(responses, &scores, domains.len(), min_group, groups::role_of);
    let organisation_gaps = groups::organisation_gaps(&domains, &by_organisation);
    let agenda = agenda::agenda(&domains, &organisation_gaps);
    let actions = agenda::suggest_actions(input.instrument, &domains, &agenda, input.context);
    let reliability = reliability::reliability(&answers);
    let readiness = stage::readiness(&domains);
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
