//! Statistics rules checked against reference values from numpy and scipy, and properties.
//!
//! `fixtures/stats/inputs.json` holds the datasets and `fixtures/stats/reference.json` the
//! expected outputs, written by `scripts/reference_stats.py` (rerun it after changing the
//! inputs). Below the reference comparison are hand-computed examples, one `check_*`
//! helper per rule, and property tests with proptest.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Deserialize;
use trellis_core::stats::{
    cronbach_alpha, describe, item_total_correlations, mean, pearson, quantile, rwg, t_quantile, variance,
    welch_interval,
};

const INPUTS: &str = include_str!("fixtures/stats/inputs.json");
const REFERENCE: &str = include_str!("fixtures/stats/reference.json");

/// Absolute tolerance against the reference. The inputs are moderate (|x| <= ~1000), so the
/// only differences are summation order (numpy sums pairwise) and the t quantile algorithm
/// (statrs inverts the regularised incomplete beta, scipy uses Boost). Measured maxima:
/// 2.5e-12 for t quantiles (df <= 2000), 6.3e-13 for the describe CI, 1.2e-13 for Welch
/// bounds, <= 6e-14 elsewhere (printed by `cargo test -- --nocapture`). Large df is a
/// separate, known-failing check below.
const TOLERANCE: f64 = 1e-9;

// ---------------------------------------------------------------------------------------
// Fixture types

#[derive(Deserialize)]
struct Inputs {
    values: Vec<ValuesInput>,
    matrices: Vec<MatrixInput>,
    pairs: Vec<PairInput>,
    correlations: Vec<CorrelationInput>,
    t_quantiles: Vec<TInput>,
    t_quantiles_large_df: Vec<TInput>,
}

#[derive(Deserialize)]
struct ValuesInput {
    name: String,
    values: Vec<f64>,
}

#[derive(Deserialize)]
struct MatrixInput {
    name: String,
    rows: Vec<Vec<f64>>,
}

#[derive(Deserialize)]
struct PairInput {
    name: String,
    earlier: Vec<f64>,
    later: Vec<f64>,
}

#[derive(Deserialize)]
struct CorrelationInput {
    name: String,
    x: Vec<f64>,
    y: Vec<f64>,
}

#[derive(Deserialize)]
struct TInput {
    p: f64,
    df: f64,
}

#[derive(Deserialize)]
struct Reference {
    values: Vec<ValuesRef>,
    matrices: Vec<MatrixRef>,
    pairs: Vec<PairRef>,
    correlations: Vec<CorrelationRef>,
    t_quantiles: Vec<TRef>,
    t_quantiles_large_df: Vec<TRef>,
}

#[derive(Deserialize)]
struct ValuesRef {
    name: String,
    mean: Option<f64>,
    variance: Option<f64>,
    describe: Option<DescribeRef>,
    quantiles: Vec<QuantileRef>,
    rwg: Vec<RwgRef>,
}

#[derive(Deserialize)]
struct DescribeRef {
    n: usize,
    mean: f64,
    median: f64,
    sd: Option<f64>,
    q1: f64,
    q3: f64,
    min: f64,
    max: f64,
    ci95: Option<(f64, f64)>,
}

#[derive(Deserialize)]
struct QuantileRef {
    p: f64,
    q: f64,
}

#[derive(Deserialize)]
struct RwgRef {
    points: u8,
    rwg: Option<f64>,
}

#[derive(Deserialize)]
struct MatrixRef {
    name: String,
    alpha: Option<f64>,
    item_total: Vec<Option<f64>>,
}

#[derive(Deserialize)]
struct PairRef {
    name: String,
    welch: Option<WelchRef>,
}

#[derive(Deserialize)]
struct WelchRef {
    difference: f64,
    low: f64,
    high: f64,
    df: f64,
}

#[derive(Deserialize)]
struct CorrelationRef {
    name: String,
    pearson: Option<f64>,
}

#[derive(Deserialize)]
struct TRef {
    p: f64,
    df: f64,
    t: Option<f64>,
}

fn fixtures() -> (Inputs, Reference) {
    let inputs: Inputs = serde_json::from_str(INPUTS).expect("inputs.json should parse");
    let reference: Reference = serde_json::from_str(REFERENCE).expect("reference.json should parse");
    (inputs, reference)
}

/// Collects every mismatch (rather than stopping at the first) and the largest absolute
/// error per rule, then fails with the full list.
#[derive(Default)]
struct Comparison {
    max_error: BTreeMap<&'static str, f64>,
    failures: Vec<String>,
}

impl Comparison {
    fn close(&mut self, rule: &'static str, case: &str, got: Option<f64>, want: Option<f64>) {
        match (got, want) {
            (None, None) => {
                self.max_error.entry(rule).or_insert(0.0);
            }
            (Some(g), Some(w)) => {
                let error = (g - w).abs();
                let worst = self.max_error.entry(rule).or_insert(0.0);
                *worst = worst.max(error);
                if error.is_nan() || error > TOLERANCE {
                    self.failures.push(format!(
                        "{rule} [{case}]: got {g:?}, reference {w:?}, error {error:e}"
                    ));
                }
            }
            _ => self
                .failures
                .push(format!("{rule} [{case}]: got {got:?}, reference {want:?}")),
        }
    }

    fn same_name(&mut self, rule: &'static str, input: &str, reference: &str) {
        if input != reference {
            self.failures.push(format!(
                "{rule}: input {input:?} is paired with reference {reference:?}"
            ));
        }
    }

    fn finish(self, what: &str) {
        for (rule, error) in &self.max_error {
            eprintln!("{what}: max |rust - reference| for {rule} = {error:e}");
        }
        assert!(!self.max_error.is_empty(), "{what}: nothing was compared");
        assert!(
            self.failures.is_empty(),
            "{what}: {} mismatches:\n{}",
            self.failures.len(),
            self.failures.join("\n")
        );
    }
}

// ---------------------------------------------------------------------------------------
// Against the numpy / scipy reference

#[test]
fn fixtures_cover_every_input() {
    let (inputs, reference) = fixtures();
    assert!(
        inputs.values.len() >= 15,
        "value datasets: {}",
        inputs.values.len()
    );
    assert!(inputs.matrices.len() >= 8, "matrices: {}", inputs.matrices.len());
    assert!(inputs.pairs.len() >= 8, "pairs: {}", inputs.pairs.len());
    assert!(
        inputs.correlations.len() >= 8,
        "correlations: {}",
        inputs.correlations.len()
    );
    assert!(
        inputs.t_quantiles.len() >= 40,
        "t quantiles: {}",
        inputs.t_quantiles.len()
    );
    assert_eq!(
        inputs.values.len(),
        reference.values.len(),
        "rerun scripts/reference_stats.py"
    );
    assert_eq!(
        inputs.matrices.len(),
        reference.matrices.len(),
        "rerun scripts/reference_stats.py"
    );
    assert_eq!(
        inputs.pairs.len(),
        reference.pairs.len(),
        "rerun scripts/reference_stats.py"
    );
    assert_eq!(
        inputs.correlations.len(),
        reference.correlations.len(),
        "rerun scripts/reference_stats.py"
    );
    assert_eq!(
        inputs.t_quantiles.len(),
        reference.t_quantiles.len(),
        "rerun scripts/reference_stats.py"
    );
    let largest = inputs.values.iter().map(|d| d.values.len()).max();
    assert!(
        largest >= Some(200),
        "a large-n dataset is expected, largest has {largest:?} values"
    );
}

#[test]
fn values_match_reference() {
    let (inputs, reference) = fixtures();
    let mut c = Comparison::default();
    for (input, want) in inputs.values.iter().zip(&reference.values) {
        let case = input.name.as_str();
        c.same_name("values", case, &want.name);
        c.close("mean", case, mean(&input.values), want.mean);
        c.close("variance", case, variance(&input.values), want.variance);

        let got = describe(&input.values);
        match (&got, &want.describe) {
            (None, None) => {}
            (Some(g), Some(w)) => {
                if g.n != w.n {
                    c.failures
                        .push(format!("describe.n [{case}]: got {}, reference {}", g.n, w.n));
                }
                c.close("describe.mean", case, Some(g.mean), Some(w.mean));
                c.close("describe.median", case, Some(g.median), Some(w.median));
                c.close("describe.sd", case, g.sd, w.sd);
                c.close("describe.q1", case, Some(g.q1), Some(w.q1));
                c.close("describe.q3", case, Some(g.q3), Some(w.q3));
                c.close("describe.min", case, Some(g.min), Some(w.min));
                c.close("describe.max", case, Some(g.max), Some(w.max));
                c.close("describe.iqr", case, Some(g.q3 - g.q1), Some(w.q3 - w.q1));
                c.close(
                    "describe.ci95",
                    case,
                    g.ci95.map(|ci| ci.0),
                    w.ci95.map(|ci| ci.0),
                );
                c.close(
                    "describe.ci95",
                    case,
                    g.ci95.map(|ci| ci.1),
                    w.ci95.map(|ci| ci.1),
                );
            }
            _ => c.failures.push(format!(
                "describe [{case}]: got {got:?}, reference is null: {}",
                want.describe.is_none()
            )),
        }

        let mut sorted = input.values.clone();
        sorted.sort_by(f64::total_cmp);
        for q in &want.quantiles {
            c.close(
                "quantile",
                &format!("{case} p={}", q.p),
                Some(quantile(&sorted, q.p)),
                Some(q.q),
            );
        }
        if want.quantiles.is_empty() != input.values.is_empty() {
            c.failures
                .push(format!("quantile [{case}]: reference has no quantiles"));
        }

        for r in &want.rwg {
            c.close(
                "rwg",
                &format!("{case} A={}", r.points),
                rwg(&input.values, r.points),
                r.rwg,
            );
        }
    }
    c.finish("values");
}

#[test]
fn matrices_match_reference() {
    let (inputs, reference) = fixtures();
    let mut c = Comparison::default();
    for (input, want) in inputs.matrices.iter().zip(&reference.matrices) {
        let case = input.name.as_str();
        c.same_name("matrices", case, &want.name);
        c.close("cronbach_alpha", case, cronbach_alpha(&input.rows), want.alpha);
        let got = item_total_correlations(&input.rows);
        if got.len() != want.item_total.len() {
            c.failures.push(format!(
                "item_total [{case}]: {} items, reference {}",
                got.len(),
                want.item_total.len()
            ));
        }
        for (i, (g, w)) in got.iter().zip(&want.item_total).enumerate() {
            c.close("item_total", &format!("{case} item {i}"), *g, *w);
        }
    }
    c.finish("matrices");
}

#[test]
fn welch_intervals_match_reference() {
    let (inputs, reference) = fixtures();
    let mut c = Comparison::default();
    for (input, want) in inputs.pairs.iter().zip(&reference.pairs) {
        let case = input.name.as_str();
        c.same_name("pairs", case, &want.name);
        let got = welch_interval(&input.earlier, &input.later);
        let w = want.welch.as_ref();
        c.close(
            "welch.difference",
            case,
            got.as_ref().map(|g| g.difference),
            w.map(|w| w.difference),
        );
        c.close("welch.low", case, got.as_ref().map(|g| g.low), w.map(|w| w.low));
        c.close(
            "welch.high",
            case,
            got.as_ref().map(|g| g.high),
            w.map(|w| w.high),
        );
        c.close("welch.df", case, got.as_ref().map(|g| g.df), w.map(|w| w.df));
    }
    c.finish("pairs");
}

#[test]
fn correlations_match_reference() {
    let (inputs, reference) = fixtures();
    let mut c = Comparison::default();
    for (input, want) in inputs.correlations.iter().zip(&reference.correlations) {
        c.same_name("correlations", &input.name, &want.name);
        c.close("pearson", &input.name, pearson(&input.x, &input.y), want.pearson);
    }
    c.finish("correlations");
}

fn compare_t_quantiles(inputs: &[TInput], reference: &[TRef], what: &str) {
    assert_eq!(inputs.len(), reference.len(), "rerun scripts/reference_stats.py");
    let mut c = Comparison::default();
    for (input, want) in inputs.iter().zip(reference) {
        let case = format!("p={} df={}", input.p, input.df);
        if (input.p, input.df) != (want.p, want.df) {
            c.failures.push(format!(
                "t_quantile: input {case} is paired with p={} df={}",
                want.p, want.df
            ));
        }
        c.close("t_quantile", &case, t_quantile(input.p, input.df), want.t);
    }
    c.finish(what);
}

/// df from 1 to 2000, including fractional df as in Welch's test: every sample size up
/// to 2001 values per group.
#[test]
fn t_quantiles_match_reference() {
    let (inputs, reference) = fixtures();
    compare_t_quantiles(&inputs.t_quantiles, &reference.t_quantiles, "t_quantiles");
}

/// `t_quantile` for large df (thousands of respondents): statrs' inversion drifts from
/// scipy there (about 1e-8 at df 5000, 7e-6 at df 1e5), so above 1000 df the engine uses
/// the Cornish-Fisher expansion; this compares those cases with scipy.
#[test]
fn t_quantile_is_accurate_for_large_df() {
    let (inputs, reference) = fixtures();
    compare_t_quantiles(
        &inputs.t_quantiles_large_df,
        &reference.t_quantiles_large_df,
        "t_quantiles_large_df",
    );
}

// ---------------------------------------------------------------------------------------
// Hand-computed examples

fn assert_close(got: Option<f64>, want: Option<f64>, what: &str) {
    match (got, want) {
        (Some(g), Some(w)) => assert!((g - w).abs() <= TOLERANCE, "{what}: got {g}, expected {w}"),
        _ => assert_eq!(got, want, "{what}"),
    }
}

/// Compares (mean, median, q1, q3) of `values`, or expects `None`.
fn check_describe(values: &[f64], expected: Option<(f64, f64, f64, f64)>) {
    let got = describe(values).map(|d| (d.mean, d.median, d.q1, d.q3));
    assert_eq!(got, expected, "describe({values:?})");
}

fn check_rwg(values: &[f64], points: u8, expected: Option<f64>) {
    assert_close(
        rwg(values, points),
        expected,
        &format!("rwg({values:?}, {points})"),
    );
}

fn check_alpha(rows: &[Vec<f64>], expected: Option<f64>) {
    assert_close(
        cronbach_alpha(rows),
        expected,
        &format!("cronbach_alpha({rows:?})"),
    );
}

fn check_pearson(x: &[f64], y: &[f64], expected: Option<f64>) {
    assert_close(pearson(x, y), expected, &format!("pearson({x:?}, {y:?})"));
}

/// Compares (difference, low, high, df), or expects `None`.
fn check_welch(earlier: &[f64], later: &[f64], expected: Option<(f64, f64, f64, f64)>) {
    let got = welch_interval(earlier, later).map(|w| (w.difference, w.low, w.high, w.df));
    assert_eq!(got, expected, "welch_interval({earlier:?}, {later:?})");
}

fn check_t(p: f64, df: f64, expected: Option<f64>) {
    assert_close(t_quantile(p, df), expected, &format!("t_quantile({p}, {df})"));
}

#[test]
fn describe_by_hand() {
    check_describe(&[1.0, 2.0, 3.0, 4.0], Some((2.5, 2.5, 1.75, 3.25)));
    check_describe(&[4.0, 1.0, 3.0, 2.0], Some((2.5, 2.5, 1.75, 3.25)));
    check_describe(&[1.0, 2.0, 3.0, 4.0, 5.0], Some((3.0, 3.0, 2.0, 4.0)));
    check_describe(&[7.0], Some((7.0, 7.0, 7.0, 7.0)));
    check_describe(&[], None);
}

#[test]
fn describe_single_value_has_no_spread() {
    let d = describe(&[7.0]).expect("one value");
    assert_eq!(
        (d.n, d.sd, d.ci95, d.min, d.max, d.q3 - d.q1),
        (1, None, None, 7.0, 7.0, 0.0)
    );
}

#[test]
fn rwg_by_hand() {
    check_rwg(&[4.0, 4.0, 4.0], 5, Some(1.0)); // identical ratings: full agreement
    check_rwg(&[1.0, 5.0], 5, Some(0.0)); // variance 8 > null 2: truncated to 0
    check_rwg(&[3.0, 4.0], 5, Some(0.75)); // 1 - 0.5 / 2
    check_rwg(&[1.0, 2.0], 2, Some(0.0)); // 1 - 0.5 / 0.25 < 0
    check_rwg(&[3.0], 5, None);
    check_rwg(&[1.0, 1.0], 1, None);
}

#[test]
fn alpha_by_hand() {
    check_alpha(&[vec![1.0, 1.0], vec![3.0, 3.0], vec![4.0, 4.0]], Some(1.0)); // identical items
    check_alpha(&[vec![1.0, 2.0], vec![2.0, 1.0], vec![3.0, 3.0]], Some(2.0 / 3.0)); // 2(1 - 2/3)
    check_alpha(&[vec![1.0, 5.0], vec![2.0, 4.0], vec![3.0, 3.0]], None); // totals constant
    check_alpha(&[vec![1.0], vec![2.0]], None); // one item
    check_alpha(&[vec![1.0, 2.0]], None); // one respondent
    check_alpha(&[vec![1.0, 2.0], vec![3.0]], None); // ragged
    check_alpha(&[], None);
}

#[test]
fn item_total_by_hand() {
    let rows = [vec![1.0, 2.0, 3.0], vec![2.0, 2.0, 1.0], vec![3.0, 2.0, 2.0]];
    // Item 0 vs (item 1 + item 2) = [5, 3, 4]: r = -0.5. Item 1 is constant. Item 2 vs
    // (item 0 + item 1) = [3, 4, 5]: r = -0.5.
    let got = item_total_correlations(&rows);
    assert_eq!(got.len(), 3);
    assert_close(got[0], Some(-0.5), "item 0");
    assert_close(got[1], None, "item 1");
    assert_close(got[2], Some(-0.5), "item 2");
}

#[test]
fn pearson_by_hand() {
    check_pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0], Some(1.0));
    check_pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0], Some(-1.0));
    check_pearson(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 1.0, 4.0, 3.0, 5.0], Some(0.8));
    check_pearson(&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0], None);
    check_pearson(&[1.0], &[1.0], None);
    check_pearson(&[1.0, 2.0], &[1.0], None);
}

#[test]
fn welch_by_hand() {
    // Neither group varies: the interval is the difference, df = n1 + n2 - 2.
    check_welch(
        &[3.0, 3.0, 3.0],
        &[4.0, 4.0, 4.0, 4.0],
        Some((1.0, 1.0, 1.0, 5.0)),
    );
    check_welch(&[3.0], &[1.0, 2.0], None);
    check_welch(&[1.0, 2.0], &[], None);
    // [1, 2] vs [4, 6]: variances 0.5 and 2, so se² = 1.25 and df = 1.25² / (0.0625 + 1).
    let w = welch_interval(&[1.0, 2.0], &[4.0, 6.0]).expect("two values each");
    assert_close(Some(w.df), Some(1.5625 / 1.0625), "welch df");
    assert_close(
        Some(w.high - w.difference),
        t_quantile(0.975, w.df).map(|t| t * 1.25f64.sqrt()),
        "half width",
    );
}

#[test]
fn t_quantile_by_hand() {
    // df = 1 is the Cauchy distribution: tan(pi (p - 1/2)).
    check_t(0.975, 1.0, Some((std::f64::consts::PI * 0.475).tan()));
    // df = 2 has the closed form (2p - 1) / sqrt(2p(1 - p)).
    check_t(0.975, 2.0, Some(0.95 / (2.0 * 0.975 * 0.025f64).sqrt()));
    check_t(0.5, 7.3, Some(0.0));
    check_t(0.975, 0.0, None);
    check_t(0.975, f64::NAN, None);
    check_t(0.975, f64::INFINITY, None);
}

/// `pearson` on exactly linear data: sxy / sqrt(sxx * syy) rounds to 1.0000000000000002
/// here (sxy = 10/3, sxx = 2/3, syy = 50/3), so the engine clamps to [-1, 1] as
/// scipy.stats.pearsonr does; `item_total_correlations` inherits it.
#[test]
fn pearson_stays_within_minus_one_and_one() {
    let r = pearson(&[1.0, 1.0, 2.0], &[5.0, 5.0, 10.0]).expect("both vary");
    assert!(
        (-1.0..=1.0).contains(&r),
        "pearson of y = 5x is {r:?}, outside [-1, 1]"
    );
    let r = pearson(&[1.0, 1.0, 2.0], &[-5.0, -5.0, -10.0]).expect("both vary");
    assert!(
        (-1.0..=1.0).contains(&r),
        "pearson of y = -5x is {r:?}, outside [-1, 1]"
    );
}

// ---------------------------------------------------------------------------------------
// Properties

/// Values on a grid of eighths in [-1000, 1000]. Every sum of up to 2^40 of them is exact
/// in f64, so the mean is the correctly rounded true mean and the order of summation does
/// not matter; that lets the properties below use exact comparisons where they hold
/// mathematically. (With arbitrary floats, e.g. [0.1, 0.1, 0.1], the rounded mean
/// 0.10000000000000002 exceeds the maximum; numpy gives the same.)
fn grid() -> impl Strategy<Value = f64> {
    (-8000i32..=8000).prop_map(|k| f64::from(k) / 8.0)
}

fn grid_values(min_len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(grid(), min_len..60)
}

fn likert(points: u8) -> impl Strategy<Value = f64> {
    (1..=points).prop_map(f64::from)
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOLERANCE
}

proptest! {
    // No failure persistence: with `autotests = false` proptest cannot find where to save it.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(64) })]

    #[test]
    fn describe_does_not_depend_on_order(
        (values, shuffled) in grid_values(1).prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        let d = describe(&values).expect("non-empty");
        let mut reversed = values.clone();
        reversed.reverse();
        for other in [&shuffled, &reversed] {
            let o = describe(other).expect("non-empty");
            prop_assert_eq!(
                (o.n, o.mean, o.median, o.q1, o.q3, o.min, o.max),
                (d.n, d.mean, d.median, d.q1, d.q3, d.min, d.max)
            );
            prop_assert_eq!(o.sd.is_some(), d.sd.is_some());
            if let (Some(a), Some(b)) = (o.sd, d.sd) {
                prop_assert!(near(a, b), "sd {} vs {}", a, b);
            }
            if let (Some(a), Some(b)) = (o.ci95, d.ci95) {
                prop_assert!(near(a.0, b.0) && near(a.1, b.1), "ci {:?} vs {:?}", a, b);
            }
        }
    }

    #[test]
    fn describe_centre_lies_within_range(values in grid_values(1)) {
        let d = describe(&values).expect("non-empty");
        prop_assert!(d.min <= d.q1 && d.q1 <= d.median && d.median <= d.q3 && d.q3 <= d.max, "{:?}", d);
        prop_assert!(d.min <= d.mean && d.mean <= d.max, "{:?}", d);
        prop_assert_eq!(d.ci95.is_some(), values.len() >= 2);
        if let Some((low, high)) = d.ci95 {
            prop_assert!(low <= d.mean && d.mean <= high, "{:?}", d);
        }
        prop_assert!(d.sd.is_none_or(|sd| sd >= 0.0), "{:?}", d);
    }

    #[test]
    fn adding_the_mean_keeps_the_mean(mut values in grid_values(1)) {
        let m = mean(&values).expect("non-empty");
        values.push(m);
        let after = mean(&values).expect("non-empty");
        prop_assert!(near(after, m), "mean {} became {}", m, after);
    }

    #[test]
    fn rwg_lies_between_zero_and_one(
        (points, ratings) in (2u8..=11).prop_flat_map(|a| (Just(a), prop::collection::vec(likert(a), 0..40))),
        spread in grid_values(0),
    ) {
        let r = rwg(&ratings, points);
        prop_assert_eq!(r.is_some(), ratings.len() >= 2);
        prop_assert!(r.is_none_or(|r| (0.0..=1.0).contains(&r)), "rwg {:?} of {:?}", r, ratings);
        let r = rwg(&spread, points);
        prop_assert!(r.is_none_or(|r| (0.0..=1.0).contains(&r)), "rwg {:?} of {:?}", r, spread);
    }

    #[test]
    fn welch_mirrors_when_groups_swap(a in grid_values(0), b in grid_values(0)) {
        let forward = welch_interval(&a, &b);
        let backward = welch_interval(&b, &a);
        prop_assert_eq!(forward.is_some(), a.len() >= 2 && b.len() >= 2);
        prop_assert_eq!(backward.is_some(), forward.is_some());
        if let (Some(f), Some(b)) = (forward, backward) {
            prop_assert_eq!(f.difference, -b.difference);
            prop_assert_eq!((f.low, f.high), (-b.high, -b.low));
            prop_assert_eq!(f.df, b.df);
            prop_assert!(f.low <= f.difference && f.difference <= f.high, "{:?}", f);
        }
    }

    #[test]
    fn pearson_lies_between_minus_one_and_one(
        pairs in prop::collection::vec((grid(), grid()), 0..40)
    ) {
        let (x, y): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        let r = pearson(&x, &y);
        prop_assert!(r.is_none_or(|r| (-1.0..=1.0).contains(&r)), "pearson {:?}", r);
        if x.len() >= 2 {
            // Symmetric in its arguments.
            prop_assert_eq!(r, pearson(&y, &x));
        }
    }
}
