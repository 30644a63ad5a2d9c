//! Round analysis: everything Trellis says about a round with many respondents.
//!
//! Built from the sent responses of one round, the round's instrument and mode, the
//! collaboration's context answers, the round's targets and the group's agreed levels
//! (where the group recorded one, it is the domain's level for everything that follows),
//! and the targets set at the round before (so this round says whether each was met);
//! for a round with a partner map, the collaboration's partners too. Every rule is
//! documented with a worked example in docs/scoring.md; the constants below are the
//! thresholds those rules name.
//!
//! [`analyse`] runs the analysis as a list of steps, each in the module of its concern:
//! `answers` (every answer looked up once, respondents' domain scores), `domains`
//! (per-statement and per-domain statistics, agreement, level votes, critical domains),
//! `groups` (breakdowns by organisation and role, organisation gaps, the respondent mix),
//! `stage` (the overall stage and readiness conditions), `agenda` (the workshop agenda
//! and suggested actions), `reliability`, `readiness` (the readiness result),
//! `acquiescence` (responses that agree with everything) and `partners` (the partner map,
//! for a round that has one); `compare` sets two rounds side by side.

mod acquiescence;
mod agenda;
mod answers;
mod compare;
mod domains;
mod groups;
mod partners;
mod readiness;
mod reliability;
mod stage;

use std::collections::BTreeMap;

use crate::format::{Consensus, ContextAnswer, Partner, Response};
use crate::instrument::{Instrument, Version};
use crate::sort::sort_by;

pub use self::agenda::{rounded_priority, AgendaItem, AgendaTopic, Reason, StatementFigure, SuggestedAction};
pub use self::answers::Distribution;
pub use self::compare::{compare, Comparison, DomainChange, Verdict, MIX_WARNING};
pub use self::domains::{
    all_matches, band_level, first_match, level_votes, rwg_j, score_range, AgreementBand, Critical,
    DomainResult, GroupLevel, LevelSource, LevelVotes, ScoreRange, StatementResult,
};
pub use self::groups::{protect_groups, Breakdown, GroupKey, GroupResult, OrganisationGap};
pub use self::partners::{
    CellView, FarFromWanted, FewStrongTies, PairCell, PairFigures, PartnerMap, SeenDifferently, TieFigure,
};
pub use self::reliability::Reliability;
pub use self::stage::{Condition, Stage};
// Issue 18: the readiness result and acquiescence.
pub use self::acquiescence::{Acquiescence, LevelChange};
pub use self::readiness::{
    OrganisationMean, ReadinessDomain, ReadinessResult, ReadinessState, ReadinessVerdict, ReconsiderReason,
};

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
/// The version of the rules that turn answers into results (levels, readiness, agenda and
/// actions). Scores are never stored, so every stored round is read under these rules;
/// docs/scoring.md lists what changed in each version.
pub const RULES_VERSION: &str = "3";

// One scale, from the meaning of the answers (1 strongly disagree, 2 disagree, 3 neither,
// 4 agree, 5 strongly agree): a level whose description says the basics are in place
// (level 3) needs people, on average, to agree that they are. Each cut point is halfway
// between two answers, or an answer itself; docs/scoring.md (rule 9) derives them.

/// Halfway from "disagree" to "neither": below it people on average disagree that the
/// basics are there (level 1); from it the domain reads as level 2.
pub const DEVELOPING_FROM: f64 = 2.5;
/// Halfway from "neither" to "agree": from here people on average agree that the basics
/// are in place. A readiness condition is "in place" from this mean, and the score band
/// of [`IN_PLACE_LEVEL`] starts here, so the two can never disagree.
pub const IN_PLACE: f64 = 3.5;
/// "Agree" itself: on average everyone agrees (level 4).
pub const MATURING_FROM: f64 = 4.0;
/// Halfway from "agree" to "strongly agree" (level 5).
pub const THRIVING_FROM: f64 = 4.5;
/// The level whose description says the basics are in place ("Established").
pub const IN_PLACE_LEVEL: u8 = 3;
/// The lowest mean of each level's score band, level 1 first: [1, 2.5) is level 1,
/// [2.5, 3.5) level 2, [3.5, 4) level 3, [4, 4.5) level 4 and [4.5, 5] level 5.
pub const BAND_FLOORS: [f64; 5] = [1.0, DEVELOPING_FROM, IN_PLACE, MATURING_FROM, THRIVING_FROM];
// The readiness threshold and the floor of the "in place" level are one number.
const _: () = assert!(BAND_FLOORS[IN_PLACE_LEVEL as usize - 1] == IN_PLACE);
/// A chosen level and the score band differing by this many levels or more is flagged.
pub const MISMATCH_LEVELS: u8 = 2;
/// Where no target is set, a domain below this level counts as a gap: the level whose
/// score band starts at [`IN_PLACE`], so a domain that is not in place always has a gap.
pub const DEFAULT_TARGET: u8 = IN_PLACE_LEVEL;
/// The agenda compares priorities rounded to this step (the size of its smallest flag), so
/// a small difference in agreement, which is noise, never orders two topics.
pub const PRIORITY_STEP: f64 = 0.5;
/// Actions suggested for one domain, at most.
pub const PER_DOMAIN: usize = 3;
/// Actions suggested for the agenda's domains, at most (outcomes domains come on top).
pub const MAX_ACTIONS: usize = 10;
/// How many levels beyond the nearest an action with a reason here (a context answer, a
/// weakest statement, an organisation gap) can still be suggested.
pub const REACH: u8 = 1;
/// A domain's weakest statements: its lowest statement mean and those within this many
/// scale points of it (half the step between two answers).
pub const WEAKEST_MARGIN: f64 = 0.5;
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

// Acquiescence (rule 3b): responses that agree with everything are flagged, never left out.

/// Answers on the scale a response needs before it can be flagged: with fewer, agreeing
/// with every statement, or giving one answer throughout, is too likely to be meant.
pub const ACQUIESCENCE_MIN: usize = 10;
/// The lowest answer that agrees ("Agree"; 5 is "Strongly agree"): a response whose
/// every scale answer is this or higher agrees with everything.
pub const AGREES_FROM: u8 = 4;
// The partner map (docs/scoring.md, "Partner map"): ties are steps of the continuum from
// 1 networking to 5 collaboration, and every rule reads the medians of shown cells.

/// Two sides' medians of "now" this many steps apart or more: they see the tie differently.
pub const SEE_DIFFERENTLY: f64 = 1.0;
/// "Wanted" this many steps or more above "now" (medians): far from where they want to be.
pub const FAR_FROM_WANTED: f64 = 2.0;
/// A "now" median from this step (3, coordination) is a strong tie.
pub const STRONG_TIE: f64 = 3.0;
/// A partner with strong ties to fewer than this share of the other partners has few.
pub const FEW_TIES_SHARE: f64 = 0.5;

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
    /// The collaboration's partners when the round has a partner map; `None` without one.
    pub partner_map: Option<&'a [Partner]>,
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
    // --- Issue 18: readiness result, acquiescence, questionnaire version ---
    /// The readiness result from the mode's readiness domains (rule 15); `None` when the
    /// mode has none, or fewer than half of them have a score.
    pub readiness_result: Option<ReadinessResult>,
    /// Responses that agree with everything, and the levels they move (rule 3b).
    pub acquiescence: Acquiescence,
    /// The version of the questionnaire the round used, for comparing rounds (rule 16).
    pub version: Version,
    /// The partner map; `None` when the round has none.
    pub partners: Option<PartnerMap>,
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
    let mut agenda = agenda::agenda(input.instrument, &domains, &organisation_gaps);
    // The partner map, and its item on the agenda (before actions take their places).
    let partners = input
        .partner_map
        .map(|list| partners::partner_map(responses, list, min_group));
    if let Some(map) = &partners {
        agenda::add_partner_item(&mut agenda, map);
    }
    let statement_gaps = groups::statement_gaps(&answers, responses, &by_organisation);
    let action_input = agenda::ActionInput {
        instrument: input.instrument,
        context: input.context,
        statements: &statements,
        statement_gaps: &statement_gaps,
    };
    let actions = agenda::suggest_actions(&action_input, &domains, &agenda);
    let reliability = reliability::reliability(&answers);
    let readiness = stage::readiness(&domains);
    // Issue 18: the readiness result, and responses that agree with everything.
    let readiness_result = readiness::result(&action_input, &domains, &by_organisation);
    let flagged = acquiescence::flagged(&answers);
    let acquiescence = acquiescence::acquiescence(input, &domains, &flagged);
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
        readiness_result,
        acquiescence,
        version: input.instrument.version(),
        partners,
    }
}
