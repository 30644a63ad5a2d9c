//! Descriptive and inferential statistics on plain numbers, one rule per function.
//!
//! Each rule is named in docs/scoring.md and checked against an independent
//! implementation (numpy and scipy, `scripts/reference_stats.py`). Functions return
//! `None` when the rule is undefined for the data (too few values, no variance) rather
//! than a made-up number.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// Summary statistics of a set of values.
#[derive(Debug, Clone, PartialEq)]
pub struct Describe {
    pub n: usize,
    pub mean: f64,
    pub median: f64,
    /// Sample standard deviation (divisor n - 1); `None` for a single value.
    pub sd: Option<f64>,
    pub q1: f64,
    pub q3: f64,
    pub min: f64,
    pub max: f64,
    /// 95% confidence interval of the mean from Student's t; `None` for a single value.
    pub ci95: Option<(f64, f64)>,
}

/// Describes `values`; `None` when there are none. Non-finite values must not be passed.
pub fn describe(values: &[f64]) -> Option<Describe> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = mean(&sorted)?;
    let sd = variance(&sorted).map(f64::sqrt);
    let ci95 = sd.and_then(|sd| {
        let half = t_quantile(0.975, (n - 1) as f64)? * sd / (n as f64).sqrt();
        Some((mean - half, mean + half))
    });
    Some(Describe {
        n,
        mean,
        median: quantile(&sorted, 0.5),
        sd,
        q1: quantile(&sorted, 0.25),
        q3: quantile(&sorted, 0.75),
        min: sorted[0],
        max: sorted[n - 1],
        ci95,
    })
}

/// Fixed-point scale for [`exact_sum`]: 2^40.
const FIXED: f64 = (1u64 << 40) as f64;

/// The sum of `values`, each first cut to a multiple of 2^-40 (about 9e-13, towards
/// zero) and then added exactly in 128-bit integers. Floating-point addition is not
/// associative, so a plain sum can change in its last digits when respondents come in
/// another order; this sum cannot. Values must be finite and below about 10^20 in size,
/// far beyond any score here.
pub fn exact_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let total: i128 = values
        .into_iter()
        .map(|v| {
            let x = v * FIXED;
            // The 64-bit conversion is one instruction; the 128-bit one is a library call.
            if x.abs() < 9.0e18 {
                i128::from(x as i64)
            } else {
                x as i128
            }
        })
        .sum();
    total as f64 / FIXED
}

/// The arithmetic mean (see [`exact_sum`]); `None` when empty.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| exact_sum(values.iter().copied()) / values.len() as f64)
}

/// The sample variance (divisor n - 1, sums by [`exact_sum`]); `None` for fewer than two
/// values.
pub fn variance(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let m = mean(values)?;
    Some(exact_sum(values.iter().map(|v| (v - m) * (v - m))) / (n - 1) as f64)
}

/// The `p` quantile of sorted values by linear interpolation between order statistics
/// (Hyndman and Fan's type 7, the default of numpy and R). `sorted` must be non-empty.
pub fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The `p` quantile of Student's t distribution with `df` degrees of freedom (df may be
/// fractional, as in Welch's test); `None` when df is not positive.
///
/// Up to [`T_EXPANSION_DF`] degrees of freedom it inverts the t distribution (statrs);
/// above that, where that inversion loses accuracy, it uses the Cornish-Fisher expansion
/// of the t quantile around the normal quantile (Abramowitz and Stegun 26.7.5), whose
/// error there is below 1e-12.
pub fn t_quantile(p: f64, df: f64) -> Option<f64> {
    if df.is_nan() || df <= 0.0 || df.is_infinite() {
        return None;
    }
    if df <= T_EXPANSION_DF {
        return StudentsT::new(0.0, 1.0, df).ok().map(|t| t.inverse_cdf(p));
    }
    let z = Normal::new(0.0, 1.0).ok()?.inverse_cdf(p);
    let (z3, z5, z7, z9) = (z.powi(3), z.powi(5), z.powi(7), z.powi(9));
    let g1 = (z3 + z) / 4.0;
    let g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
    let g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
    let g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
    Some(z + g1 / df + g2 / df.powi(2) + g3 / df.powi(3) + g4 / df.powi(4))
}

/// Degrees of freedom above which [`t_quantile`] uses the expansion.
pub const T_EXPANSION_DF: f64 = 1000.0;

/// Within-group agreement rwg (James, Demaree and Wolf, 1984) of ratings on a scale of
/// `points` options: 1 - (observed variance / variance of a uniform "no agreement" null),
/// where the null variance is (points² - 1) / 12. 1 means full agreement. Values below 0
/// (more spread than random answering) are reported as 0. `None` for fewer than two
/// ratings or fewer than two scale points.
pub fn rwg(values: &[f64], points: u8) -> Option<f64> {
    if points < 2 {
        return None;
    }
    let a = f64::from(points);
    let null = (a * a - 1.0) / 12.0;
    variance(values).map(|s2| (1.0 - s2 / null).max(0.0))
}

/// Cronbach's alpha of a respondents x items matrix (every row complete, all rows the
/// same length): k/(k-1) * (1 - sum of item variances / variance of row totals).
/// `None` with fewer than two items or two respondents, or when totals do not vary.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < 2 || rows.iter().any(|r| r.len() != k) {
        return None;
    }
    let item_var = exact_sum((0..k).map(|i| variance(&column(rows, i)).unwrap_or(0.0)));
    let totals: Vec<f64> = rows.iter().map(|r| exact_sum(r.iter().copied())).collect();
    let total_var = variance(&totals)?;
    if total_var <= 0.0 {
        return None;
    }
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_var / total_var))
}

/// Corrected item-total correlations: for each item, Pearson's r between the item and the
/// sum of the other items. `None` for an item where either side does not vary.
pub fn item_total_correlations(rows: &[Vec<f64>]) -> Vec<Option<f64>> {
    let k = rows.first().map_or(0, Vec::len);
    (0..k)
        .map(|i| {
            let item = column(rows, i);
            let rest: Vec<f64> = rows.iter().map(|r| exact_sum(r.iter().copied()) - r[i]).collect();
            pearson(&item, &rest)
        })
        .collect()
}

/// Pearson's correlation coefficient; `None` for fewer than two pairs or no variance.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let (mx, my) = (mean(x)?, mean(y)?);
    let sxy = exact_sum(x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)));
    let sxx = exact_sum(x.iter().map(|a| (a - mx) * (a - mx)));
    let syy = exact_sum(y.iter().map(|b| (b - my) * (b - my)));
    // Rounding can put a perfect correlation a hair outside [-1, 1]; clamp it back.
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

fn column(rows: &[Vec<f64>], i: usize) -> Vec<f64> {
    rows.iter().map(|r| r[i]).collect()
}

/// The difference of two means (later minus earlier) with Welch's 95% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct MeanDifference {
    pub difference: f64,
    pub low: f64,
    pub high: f64,
    /// Welch-Satterthwaite degrees of freedom.
    pub df: f64,
}

/// Welch's t interval for mean(`later`) - mean(`earlier`), not assuming equal variances.
/// `None` unless both groups have at least two values. When neither group varies, the
/// interval is the difference itself.
pub fn welch_interval(earlier: &[f64], later: &[f64]) -> Option<MeanDifference> {
    let (n1, n2) = (earlier.len() as f64, later.len() as f64);
    let (v1, v2) = (variance(earlier)?, variance(later)?);
    let difference = mean(later)? - mean(earlier)?;
    let (a, b) = (v1 / n1, v2 / n2);
    let se = (a + b).sqrt();
    if se == 0.0 {
        let df = n1 + n2 - 2.0;
        return Some(MeanDifference {
            difference,
            low: difference,
            high: difference,
            df,
        });
    }
    let df = (a + b).powi(2) / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0));
    let half = t_quantile(0.975, df)? * se;
    Some(MeanDifference {
        difference,
        low: difference - half,
        high: difference + half,
        df,
    })
}
