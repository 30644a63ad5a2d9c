//! Comparing two rounds: the change in each domain with Welch's interval where the same
//! statements were asked, the levels, whether the questionnaire version changed, and
//! whether the respondent mix changed enough to compare different people.

use super::{reaches, GroupKey, RoundAnalysis};
use crate::instrument::Version;
use crate::sort::sort_by;
use crate::stats;

/// The verdict on one domain between two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Improved,
    Declined,
    NoClearChange,
    /// Fewer than two scored respondents in a round.
    TooFewAnswers,
    /// The two rounds asked different statements for this domain (another questionnaire
    /// version, or another mode), so their scores do not measure the same thing.
    QuestionsChanged,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainChange {
    pub domain: String,
    /// Each round's own mean: compared only when the verdict is not
    /// [`Verdict::QuestionsChanged`].
    pub earlier: Option<f64>,
    pub later: Option<f64>,
    /// `None` when the questions changed.
    pub difference: Option<stats::MeanDifference>,
    pub verdict: Verdict,
    /// Each round's working level (levels compare across versions: they read the same
    /// level descriptions or score bands).
    pub earlier_level: Option<u8>,
    pub later_level: Option<u8>,
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
    /// The two rounds' questionnaire versions (earlier, later) when they differ.
    pub versions: Option<(Version, Version)>,
}

/// A respondent-mix shift this large warns that rounds compare different people.
pub const MIX_WARNING: f64 = 0.3;

/// The statement ids a round asked for a domain, sorted.
fn asked<'a>(a: &'a RoundAnalysis, domain: &str) -> Vec<&'a str> {
    let mut ids: Vec<&str> = a
        .statements
        .iter()
        .filter(|s| s.domain == domain)
        .map(|s| s.statement.as_str())
        .collect();
    sort_by(&mut ids, |x, y| x.cmp(y));
    ids
}

/// Compares two rounds domain by domain, for the domains both have: their levels, and,
/// where both asked the same statements of the domain, Welch's 95% interval on
/// respondents' domain scores: "improved" when the whole interval is above zero,
/// "declined" when it is below, otherwise "no clear change". Where the statements differ
/// the verdict is [`Verdict::QuestionsChanged`].
pub fn compare(earlier: &RoundAnalysis, later: &RoundAnalysis) -> Comparison {
    let domains = later
        .domains
        .iter()
        .filter_map(|l| {
            let e = earlier.domain(&l.domain)?;
            let same_questions = asked(earlier, &l.domain) == asked(later, &l.domain);
            let difference = same_questions
                .then(|| stats::welch_interval(&e.scores, &l.scores))
                .flatten();
            let verdict = match &difference {
                _ if !same_questions => Verdict::QuestionsChanged,
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
                earlier_level: e.working_level(),
                later_level: l.working_level(),
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
        versions: (earlier.version != later.version).then_some((earlier.version, later.version)),
    }
}
