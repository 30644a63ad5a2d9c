//! Descriptive and inferential statistics on plain numbers, one rule per function.
//!
//! Each rule is named in docs/scoring.md and checked against an independent
//! implementation (numpy and scipy, `scripts/reference_stats.py`). Functions return
//! `None` when the rule is undefined for the data (too few values, no variance) rather
//! than a made-up number.

use statrs::distribution::{ContinuousCDF, StudentsT};

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

impl Describe {
    /// The interquartile range, q3 - q1.
    pub fn iqr(&self) -> f64 {
        self.q3 - self.q1
    }
}

/// Describes `values`; `None` when there are none. Non-finite values must not be passed.
pub fn describe(values: &[f64]) -> Option<Describe> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mean = mean(values)?;
    let sd = variance(values).map(f64::sqrt);
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

/// The arithmetic mean; `None` when empty. Values are added in sorted order, so the
/// result is exactly the same whatever order they come in (floating-point addition is
/// not associative, and respondents' order must never change a result).
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(sorted.iter().sum::<f64>() / values.len() as f64)
}

/// The sample variance (divisor n - 1); `None` for fewer than two values.
pub fn variance(values: &[f64]) -> Option<f64> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let m = mean(values)?;
    let mut squares: Vec<f64> = values.iter().map(|v| (v - m) * (v - m)).collect();
    squares.sort_by(f64::total_cmp);
    Some(squares.iter().sum::<f64>() / (n - 1) as f64)
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
pub fn t_quantile(p: f64, df: f64) -> Option<f64> {
    if df.is_nan() || df <= 0.0 || df.is_infinite() {
        return None;
    }
    StudentsT::new(0.0, 1.0, df).ok().map(|t| t.inverse_cdf(p))
}

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
    let item_var: f64 = (0..k).map(|i| variance(&column(rows, i)).unwrap_or(0.0)).sum();
    let totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
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
            let rest: Vec<f64> = rows.iter().map(|r| r.iter().sum::<f64>() - r[i]).collect();
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
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx) * (a - mx)).sum();
    let syy: f64 = y.iter().map(|b| (b - my) * (b - my)).sum();
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
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
