//! Where a collaboration's work has got to: which questions about it are answered (the
//! number of partners is known from the partners entered at set-up) and the next step,
//! in the order of the work: describe, invite, collect, results.

use crate::analysis::MIN_GROUP;
use crate::format::{Collaboration, ContextAnswer, ContextKind, Round, Workspace};
use crate::instrument::Instrument;

/// The context question that asks how many partner organisations there are. Its answer
/// is known from the partners entered when the collaboration was set up, so it is not
/// asked again unless the facilitator wants to give another number.
pub const PARTNER_COUNT_QUESTION: &str = "partners";

/// Whether a context answer comes from what the facilitator recorded or was worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextSource {
    Recorded(ContextAnswer),
    /// The number of partners entered at set-up (for [`PARTNER_COUNT_QUESTION`]).
    FromPartners(u32),
}

impl ContextSource {
    pub fn answer(&self) -> ContextAnswer {
        match self {
            ContextSource::Recorded(a) => a.clone(),
            ContextSource::FromPartners(n) => ContextAnswer::Number(*n),
        }
    }
}

/// The answer to a context question: the one recorded, else (for the partner count, a
/// number question) the number of partners entered.
pub fn context_answer(
    collaboration: &Collaboration,
    instrument: &Instrument,
    question: &str,
) -> Option<ContextSource> {
    if let Some(a) = collaboration.context.get(question) {
        return Some(ContextSource::Recorded(a.clone()));
    }
    let derived = question == PARTNER_COUNT_QUESTION
        && !collaboration.partners.is_empty()
        && instrument
            .context()
            .iter()
            .any(|q| q.id == question && q.kind == ContextKind::Number);
    derived
        .then(|| ContextSource::FromPartners(u32::try_from(collaboration.partners.len()).unwrap_or(u32::MAX)))
}

/// How many of the instrument's context questions have an answer, recorded or known.
pub fn context_answered(collaboration: &Collaboration, instrument: &Instrument) -> usize {
    instrument
        .context()
        .iter()
        .filter(|q| context_answer(collaboration, instrument, &q.id).is_some())
        .count()
}

/// The next thing to do with a collaboration, the first step of the work not yet done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextStep {
    /// Some questions about the collaboration are unanswered: they decide which topics
    /// are critical and which actions come first.
    Describe { answered: usize, total: usize },
    /// No answers have come back for the latest round: invite people to answer it.
    Invite { round: String },
    /// Some answers are in, fewer than the smallest group results are shown for.
    Collect {
        round: String,
        sent: usize,
        needed: usize,
    },
    /// Enough answers are in: see the latest round's results.
    Results { round: String, sent: usize },
}

/// The latest round: the one with the latest date (and, on the same date, made last).
pub fn latest_round(collaboration: &Collaboration) -> Option<&Round> {
    collaboration
        .rounds
        .iter()
        .max_by(|a, b| (&a.date, a.created).cmp(&(&b.date, b.created)))
}

/// The next step for a collaboration; `None` when it has no round to work on.
pub fn next_step(
    workspace: &Workspace,
    collaboration: &Collaboration,
    instrument: &Instrument,
) -> Option<NextStep> {
    let (answered, total) = (
        context_answered(collaboration, instrument),
        instrument.context().len(),
    );
    if answered < total {
        return Some(NextStep::Describe { answered, total });
    }
    let round = latest_round(collaboration)?;
    let sent = workspace
        .responses_for(&round.id)
        .filter(|r| r.submitted.is_some())
        .count();
    let id = round.id.clone();
    Some(match sent {
        0 => NextStep::Invite { round: id },
        n if n < MIN_GROUP => NextStep::Collect {
            round: id,
            sent: n,
            needed: MIN_GROUP,
        },
        n => NextStep::Results { round: id, sent: n },
    })
}
