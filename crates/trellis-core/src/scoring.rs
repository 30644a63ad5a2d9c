//! Scoring rules: a domain score for one response, and how scores are shown.
//!
//! Rules (documented with worked examples in docs/scoring.md):
//! - A domain score is the mean of the statements answered on the agreement scale.
//! - "Don't know" and "not applicable" are excluded from the mean and reported as coverage.
//! - A domain needs at least half of its statements answered on the scale
//!   ([`has_enough_answers`]); below that it is "not enough answers", never a number.
//! - A round's domain score is the mean of its respondents' domain scores, counting only
//!   respondents who have a score for that domain (computed in [`crate::analysis`]).

use crate::format::{Answer, Response};
use crate::instrument::Instrument;

/// How one response covers one domain.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainScore {
    pub domain: String,
    /// Statements of the domain asked in this mode.
    pub total: usize,
    /// Statements answered on the agreement scale.
    pub answered: usize,
    /// Statements answered "don't know" or "not applicable".
    pub excluded: usize,
    /// The mean of the answered statements, or `None` when there are not enough answers.
    pub score: Option<f64>,
}

/// The minimum coverage rule: at least half of the domain's statements answered on the scale.
pub fn has_enough_answers(answered: usize, total: usize) -> bool {
    total > 0 && answered * 2 >= total
}

/// Scores every domain of a mode for one response, in instrument order.
///
/// Answers outside the instrument's scale count as unanswered: they cannot be trusted.
pub fn response_scores(instrument: &Instrument, mode: &str, response: &Response) -> Vec<DomainScore> {
    let max = instrument.scale_max();
    instrument
        .domains_in_mode(mode)
        .map(|domain| {
            let mut total = 0;
            let mut answered = 0;
            let mut excluded = 0;
            let mut sum = 0u32;
            for statement in instrument.statements_in(mode, &domain.id) {
                total += 1;
                match response.answers.get(&statement.id) {
                    Some(Answer::Scale(v)) if (1..=max).contains(v) => {
                        answered += 1;
                        sum += u32::from(*v);
                    }
                    Some(Answer::DontKnow) | Some(Answer::NotApplicable) => excluded += 1,
                    _ => {}
                }
            }
            let score = has_enough_answers(answered, total).then(|| f64::from(sum) / answered as f64);
            DomainScore {
                domain: domain.id.clone(),
                total,
                answered,
                excluded,
                score,
            }
        })
        .collect()
}

/// Shows a score to one decimal place, rounding halves up (3.25 shows as 3.3), as a
/// spreadsheet would. The tiny nudge keeps values such as 1.15, which binary floating
/// point stores as 1.1499999..., rounding the way a person computing by hand expects.
pub fn format_score(score: f64) -> String {
    let tenths = (score * 10.0 + 1e-9).round();
    format!("{:.1}", tenths / 10.0)
}

/// A 95% interval as it is shown and exported: clipped to the answer scale (1 to
/// `scale_max`), since the group's mean can never lie outside it. At n = 2 the interval
/// from Student's t can run from -7.4 to 13.0; shown clipped, it reads "1.0 to 5.0", which
/// says honestly that the mean could be almost anywhere (docs/scoring.md, rule 4).
pub fn interval_on_scale(interval: (f64, f64), scale_max: u8) -> (f64, f64) {
    let max = f64::from(scale_max.max(1));
    (interval.0.clamp(1.0, max), interval.1.clamp(1.0, max))
}
