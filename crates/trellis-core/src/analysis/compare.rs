//! Comparing two rounds: the change in each domain with Welch's interval, and whether the
//! respondent mix changed enough to compare different people.

use super::{reaches, GroupKey, RoundAnalysis};
use crate::stats;

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
