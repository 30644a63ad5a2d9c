//! Scoring rules for one response and for a round, with hand-computed expectations.

use std::collections::BTreeMap;

use trellis_core::analysis::{analyse, DomainResult, RoundInput, MIN_GROUP};
use trellis_core::chart::bar_chart;
use trellis_core::scoring::{format_score, has_enough_answers, response_scores};

use crate::common::{mini, response};

/// Scores the `trust` domain of the full mode (4 statements) for the given answers and
/// compares (answered, excluded, score).
fn check(answers: &[(&str, &str)], expected: (usize, usize, Option<f64>)) {
    let scores = response_scores(&mini(), "full", &response("x", answers));
    let trust = &scores[0];
    assert_eq!(trust.domain, "trust");
    assert_eq!(trust.total, 4);
    assert_eq!(
        (trust.answered, trust.excluded, trust.score),
        expected,
        "answers {answers:?}"
    );
}

#[test]
fn domain_score_is_the_mean_of_scale_answers() {
    check(
        &[
            ("trust.a", "4"),
            ("trust.b", "2"),
            ("trust.c", "5"),
            ("trust.d", "3"),
        ],
        (4, 0, Some(3.5)),
    );
    check(&[("trust.a", "4"), ("trust.b", "2")], (2, 0, Some(3.0)));
    check(
        &[
            ("trust.a", "1"),
            ("trust.b", "dk"),
            ("trust.c", "na"),
            ("trust.d", "2"),
        ],
        (2, 2, Some(1.5)),
    );
}

#[test]
fn below_half_coverage_is_not_a_number() {
    check(&[("trust.a", "5")], (1, 0, None));
    check(
        &[
            ("trust.a", "5"),
            ("trust.b", "dk"),
            ("trust.c", "na"),
            ("trust.d", "dk"),
        ],
        (1, 3, None),
    );
    check(&[], (0, 0, None));
    assert!(has_enough_answers(1, 2));
    assert!(!has_enough_answers(2, 5));
    assert!(has_enough_answers(3, 5));
    assert!(!has_enough_answers(0, 0));
}

#[test]
fn answers_outside_the_scale_count_as_unanswered() {
    check(
        &[
            ("trust.a", "9"),
            ("trust.b", "0"),
            ("trust.c", "4"),
            ("trust.d", "4"),
        ],
        (2, 0, Some(4.0)),
    );
}

#[test]
fn a_round_domain_score_averages_respondents_with_a_score() {
    let i = mini();
    let a = response("a", &[("trust.a", "4"), ("vision.a", "2")]);
    let b = response("b", &[("trust.a", "2"), ("vision.a", "dk")]);
    let c = response("c", &[("trust.a", "5"), ("vision.a", "5")]);
    let none = BTreeMap::new();
    let round = |responses| {
        analyse(&RoundInput {
            instrument: &i,
            mode: "quick",
            responses,
            context: &none,
            targets: &BTreeMap::new(),
            consensus: &Default::default(),
            earlier_targets: &Default::default(),
            min_group: MIN_GROUP,
            partner_map: None,
        })
    };
    let summary = round(vec![&a, &b, &c]);
    assert_eq!(summary.domains.len(), 2);
    let trust = &summary.domains[0];
    assert_eq!((trust.scores.len(), trust.not_enough), (3, 0));
    let stats = trust.stats.as_ref().expect("trust is scored");
    assert_eq!((stats.mean, stats.min, stats.max), (11.0 / 3.0, 2.0, 5.0));
    let vision = &summary.domains[1];
    let mean = |d: &DomainResult| d.stats.as_ref().map(|s| s.mean);
    assert_eq!(
        (vision.scores.len(), vision.not_enough, mean(vision)),
        (2, 1, Some(3.5))
    );
    let empty = round(Vec::new());
    assert_eq!(
        (empty.domains[0].scores.len(), mean(&empty.domains[0])),
        (0, None)
    );
}

#[test]
fn bar_chart_maps_values_onto_the_scale() {
    let chart = bar_chart(
        &[
            ("A".into(), Some(1.0)),
            ("B".into(), Some(3.0)),
            ("C".into(), None),
        ],
        1.0,
        5.0,
        "n/a",
    );
    // Bar ends are fractions of the chart's width, the scale's maximum at `plot_end`.
    let ends: Vec<Option<f64>> = chart.bars.iter().map(|b| b.end).collect();
    assert_eq!(ends, [Some(0.0), Some(chart.plot_end / 2.0), None]);
    assert!(
        chart.plot_end < 1.0,
        "room is left for the value after a full bar"
    );
    assert_eq!(chart.bars[2].value_text, "n/a");
    assert_eq!(chart.bars[1].value_text, "3.0");
    let ticks: Vec<(&str, f64, &str)> = chart
        .ticks
        .iter()
        .map(|t| (t.label.as_str(), t.x, t.anchor))
        .collect();
    assert_eq!(
        ticks[0],
        ("1", 0.0, "start"),
        "the first label is not cut at the left edge"
    );
    assert_eq!(ticks[4], ("5", chart.plot_end, "middle"));
    // Rows go down the chart, each label above its bar, the ticks below the last.
    for b in &chart.bars {
        assert!(b.row.label_y < b.row.bar_y && b.row.bar_y < b.value_y);
    }
    assert!(chart.bars[1].row.label_y > chart.bars[0].row.bar_y);
    assert!(chart.tick_y > chart.grid_bottom && chart.height > chart.tick_y);
}

#[test]
fn long_labels_wrap_between_words_and_push_the_rows_down() {
    use trellis_core::chart::{text_width, LABEL_SIZE, LABEL_WIDTH, LINE_HEIGHT};
    let long = "Handling disagreement and accountability between partner organisations";
    let chart = bar_chart(
        &[(long.into(), Some(2.0)), ("Trust".into(), Some(3.0))],
        1.0,
        5.0,
        "",
    );
    let lines = &chart.bars[0].row.lines;
    assert!(lines.len() > 1, "{lines:?}");
    assert_eq!(lines.join(" "), long, "no word lost or broken");
    assert!(
        lines.iter().all(|l| text_width(l, LABEL_SIZE) <= LABEL_WIDTH),
        "{lines:?}"
    );
    // The second row starts below the first row's last line and its bar.
    let first = &chart.bars[0].row;
    assert!(first.bar_y >= first.label_y + (lines.len() - 1) as f64 * LINE_HEIGHT);
    assert!(chart.bars[1].row.label_y > first.bar_y);
}

#[test]
fn scores_show_one_decimal_rounding_halves_up() {
    for (value, shown) in [
        (3.25, "3.3"),
        (3.0, "3.0"),
        (13.0 / 4.0, "3.3"),
        (1.15, "1.2"),
        (2.0 / 3.0 + 2.0, "2.7"),
        (4.04, "4.0"),
        (5.0, "5.0"),
    ] {
        assert_eq!(format_score(value), shown, "{value}");
    }
}

#[test]
fn describe_matches_the_worked_example_in_scoring_md() {
    let d = trellis_core::stats::describe(&[1.0, 2.0, 3.0, 4.0]).expect("four values");
    assert_eq!((d.mean, d.median, d.q1, d.q3), (2.5, 2.5, 1.75, 3.25));
    let (lo, hi) = d.ci95.expect("an interval");
    assert!(
        (lo - 0.446).abs() < 5e-4 && (hi - 4.554).abs() < 5e-4,
        "{lo} {hi}"
    );
}
