//! The example data generator, the CSV exports and the new chart geometry.

use trellis_core::analysis::{analyse, compare, RoundInput, Verdict};
use trellis_core::chart::{
    heat_shade, radar, stacked_bar, stacked_chart, text_width, trend, wrap, RadarValues, RADAR_LABEL_WIDTH,
    RADAR_RADIUS, RADAR_TEXT,
};
use trellis_core::example::{add_example, months_before, remove_examples, PER_ROUND, SEED};
use trellis_core::export::{
    answers_csv, answers_wide_csv, cell_text, iso_datetime, scores_csv, summary_csv, ANSWER_COLUMNS, BOM,
    WIDE_LEAD_COLUMNS,
};
use trellis_core::format::{ActionStatus, Timestamp, Workspace};
use trellis_core::scoring::response_scores;
use trellis_core::transfer::{csv_headers, parse_csv, suggest_mapping};

use crate::common::example;
use trellis_core::Instrument;

fn analysis_of(
    ws: &Workspace,
    instrument: &Instrument,
    round: usize,
) -> trellis_core::analysis::RoundAnalysis {
    let c = &ws.collaborations[0];
    let r = &c.rounds[round];
    analyse(&RoundInput {
        instrument,
        mode: &r.mode,
        responses: ws.responses_for(&r.id).collect(),
        context: &c.context,
        targets: &r.targets,
        consensus: &r.consensus,
        earlier_targets: &Default::default(),
        min_group: 3,
        partner_map: None,
    })
}

#[test]
fn the_example_is_labelled_reproducible_and_realistic() {
    let (instrument, ws) = example();
    let (_, again) = example();
    assert_eq!(ws, again, "same seed and date, same data");
    let c = &ws.collaborations[0];
    assert!(c.example);
    assert!(c.name.contains("fictional"));
    assert_eq!(c.partners.len(), 4);
    assert_eq!(c.rounds.len(), 2);
    assert_eq!(c.rounds[0].date, "2026-05-27");
    assert_eq!(ws.responses.len(), 2 * PER_ROUND);
    assert!(ws
        .responses
        .iter()
        .all(|r| r.submitted.is_some() && r.id.starts_with("example-")));
    // Every partner answers in each round, and people disagree.
    for round in 0..2 {
        let a = analysis_of(&ws, &instrument, round);
        assert_eq!(a.n, PER_ROUND);
        let spread: Vec<f64> = a
            .domains
            .iter()
            .filter_map(|d| d.stats.as_ref().map(|s| s.q3 - s.q1))
            .collect();
        assert_eq!(spread.len(), a.domains.len(), "every domain scored");
        assert!(spread.iter().all(|iqr| *iqr > 0.2), "people disagree: {spread:?}");
        assert!(a.by_organisation.groups.len() >= 2);
    }
    // The second round shows change: trust improves clearly.
    let change = compare(
        &analysis_of(&ws, &instrument, 0),
        &analysis_of(&ws, &instrument, 1),
    );
    let trust = change
        .domains
        .iter()
        .find(|d| d.domain == "trust")
        .expect("trust");
    assert_eq!(trust.verdict, Verdict::Improved);
    // The plan was carried forward and reviewed.
    let plan = &c.rounds[1].plan;
    assert!(plan.len() >= 3);
    assert!(plan
        .iter()
        .all(|i| i.carried_from.as_deref() == Some(c.rounds[0].id.as_str())));
    assert_eq!(plan[0].status, ActionStatus::Done);
}

#[test]
fn example_data_is_removed_in_one_step_and_real_data_stays() {
    let (instrument, mut ws) = example();
    let mut real = ws.collaborations[0].clone();
    real.id = "real".into();
    real.example = false;
    real.rounds.truncate(1);
    real.rounds[0].id = "real-round".into();
    ws.collaborations.push(real);
    let mut response = ws.responses[0].clone();
    response.id = "real-response".into();
    response.round_id = "real-round".into();
    ws.responses.push(response);
    // Adding the example again does not duplicate it.
    add_example(&mut ws, &instrument, SEED, "2026-11-27", Timestamp(5)).expect("again");
    assert_eq!(ws.collaborations.len(), 2);
    assert_eq!(remove_examples(&mut ws), 1);
    assert_eq!(ws.collaborations.len(), 1);
    assert_eq!(ws.collaborations[0].id, "real");
    assert_eq!(ws.responses.len(), 1);
    assert_eq!(ws.responses[0].id, "real-response");
}

#[test]
fn dates_step_back_by_months() {
    assert_eq!(months_before("2026-11-27", 6), "2026-05-27");
    assert_eq!(months_before("2026-03-31", 6), "2025-09-28");
    assert_eq!(months_before("2026-01-05", 1), "2025-12-05");
    assert_eq!(months_before("garbage", 1), "garbage");
}

#[test]
fn times_are_written_in_iso_8601_utc() {
    assert_eq!(iso_datetime(Timestamp(0)), "1970-01-01T00:00:00Z");
    assert_eq!(iso_datetime(Timestamp(951_782_400_000)), "2000-02-29T00:00:00Z");
    assert_eq!(iso_datetime(Timestamp(1_795_000_000_999)), "2026-11-18T11:06:40Z");
    assert_eq!(iso_datetime(Timestamp(-1)), "1969-12-31T23:59:59Z");
}

#[test]
fn awkward_text_survives_the_csv_round_trip() {
    let (instrument, mut ws) = example();
    let tricky = "Said \"yes\", then no,\r\nnew line; emoji 🙂, right-to-left \u{200f}שלום";
    let id = ws.responses[0].id.clone();
    let statement = ws.responses[0].answers.keys().next().cloned().expect("an answer");
    ws.responses[0]
        .comments
        .insert(statement.clone(), tricky.to_string());
    let c = &ws.collaborations[0];
    let r = &c.rounds[0];
    let responses: Vec<_> = ws.responses_for(&r.id).collect();
    let rows = parse(&answers_csv(&instrument, c, r, &responses));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect("column");
    let row = rows
        .iter()
        .find(|row| row[col("response_id")] == id && row[col("statement_id")] == statement)
        .expect("the row");
    assert_eq!(row[col("comment")], tricky);
    assert!(rows.iter().all(|row| row.len() == rows[0].len()));
}

#[test]
fn formula_like_text_is_neutralised() {
    assert_eq!(cell_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(cell_text("-1"), "'-1");
    assert_eq!(cell_text("@me"), "'@me");
    assert_eq!(cell_text("Fine, thanks"), "Fine, thanks");
}

fn parse(text: &str) -> Vec<Vec<String>> {
    assert!(text.starts_with(BOM), "starts with a byte-order mark");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&text.as_bytes()[3..]);
    reader
        .records()
        .map(|r| r.expect("valid CSV").iter().map(String::from).collect())
        .collect()
}

#[test]
fn tidy_answers_have_one_row_per_response_and_statement() {
    let (instrument, ws) = example();
    let c = &ws.collaborations[0];
    let r = &c.rounds[1];
    let responses: Vec<_> = ws.responses_for(&r.id).collect();
    let rows = parse(&answers_csv(&instrument, c, r, &responses));
    let statements = instrument.statement_count(&r.mode);
    assert_eq!(rows.len(), 1 + PER_ROUND * statements);
    assert_eq!(rows[0][0], "collaboration");
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect("column");
    // Each row matches the stored answer.
    for row in &rows[1..] {
        let response = ws.response(&row[col("response_id")]).expect("response");
        let stored = response
            .answers
            .get(&row[col("statement_id")])
            .map(|a| a.code())
            .unwrap_or_default();
        assert_eq!(row[col("answer")], stored);
        assert!(row[col("submitted")].ends_with('Z'));
        assert!(row[col("organisation")].ends_with("(example)"));
    }
    let scores = parse(&scores_csv(&instrument, c, r, &responses));
    let domains = instrument.domains_in_mode(&r.mode).count();
    assert_eq!(scores.len(), 1 + PER_ROUND * domains);
    let col = |name: &str| scores[0].iter().position(|h| h == name).expect("column");
    for row in &scores[1..] {
        let response = ws.response(&row[col("response_id")]).expect("response");
        let expected = response_scores(&instrument, &r.mode, response)
            .into_iter()
            .find(|s| s.domain == row[col("domain_id")])
            .and_then(|s| s.score);
        let written: Option<f64> = row[col("score")].parse().ok();
        match (expected, written) {
            (Some(e), Some(w)) => assert!((e - w).abs() < 5e-5, "{e} vs {w}"),
            (None, None) => {}
            other => panic!("score mismatch {other:?}"),
        }
    }
    let analysis = analysis_of(&ws, &instrument, 1);
    let summary = parse(&summary_csv(&instrument, r, &analysis));
    assert_eq!(summary.len(), 1 + analysis.domains.len());
    let mean_col = summary[0].iter().position(|h| h == "mean").expect("mean");
    let first_mean: f64 = summary[1][mean_col].parse().expect("number");
    let expected = analysis.domains[0].stats.as_ref().expect("stats").mean;
    assert!((first_mean - expected).abs() < 5e-5);
}

#[test]
fn the_summary_gives_the_agreed_level_beside_the_individual_picture() {
    let (instrument, mut ws) = example();
    let round_id = ws.collaborations[0].rounds[0].id.clone();
    // Agree trust two levels away from what people chose, and give a target of 3.
    let individual = analysis_of(&ws, &instrument, 0)
        .domain("trust")
        .and_then(|d| d.individual_level())
        .expect("a level for trust");
    let agreed = if individual > 2 {
        individual - 2
    } else {
        individual + 2
    };
    ws.set_consensus(
        &instrument,
        &round_id,
        "trust",
        Some(agreed),
        "",
        "",
        Timestamp(9),
    )
    .expect("agreed");
    ws.set_target(&instrument, &round_id, "trust", Some(3))
        .expect("target");
    let analysis = analysis_of(&ws, &instrument, 0);
    let r = &ws.collaborations[0].rounds[0];
    let summary = parse(&summary_csv(&instrument, r, &analysis));
    let col = |name: &str| summary[0].iter().position(|h| h == name).expect("column");
    let trust = summary[1..]
        .iter()
        .find(|row| row[col("domain_id")] == "trust")
        .expect("trust row");
    assert_eq!(trust[col("level")], agreed.to_string());
    assert_eq!(trust[col("level_from")], "agreed");
    assert_eq!(trust[col("level_agreed")], agreed.to_string());
    assert_eq!(trust[col("level_individual")], individual.to_string());
    assert_eq!(trust[col("target")], "3");
    // Every interval lies on the answer scale, as on screen.
    for row in &summary[1..] {
        for name in ["ci95_low", "ci95_high"] {
            if let Ok(v) = row[col(name)].parse::<f64>() {
                assert!((1.0..=5.0).contains(&v), "{name} {v}");
            }
        }
    }
}

#[test]
fn radar_geometry_puts_values_on_their_axes() {
    let labels: Vec<String> = ["A", "B", "C", "D"].iter().map(|s| s.to_string()).collect();
    let values = [
        RadarValues {
            value: Some(5.0),
            spread: Some((4.0, 5.0)),
            target: Some(3.0),
            agreed: None,
        },
        RadarValues {
            value: Some(1.0),
            spread: None,
            target: Some(3.0),
            agreed: Some(2.0),
        },
        RadarValues {
            value: Some(3.0),
            spread: Some((2.0, 4.0)),
            target: Some(3.0),
            agreed: None,
        },
        RadarValues {
            value: None,
            spread: None,
            target: Some(3.0),
            agreed: None,
        },
    ];
    let r = radar(&labels, &values, 1.0, 5.0);
    // First axis points straight up; 5 is at full radius, 1 at the centre.
    assert!((r.value[0].x - r.centre.x).abs() < 1e-9);
    assert!((r.centre.y - r.value[0].y - RADAR_RADIUS).abs() < 1e-9);
    assert_eq!(r.value[1], r.centre);
    // The third axis points straight down, halfway out for 3.
    assert!((r.value[2].y - r.centre.y - RADAR_RADIUS / 2.0).abs() < 1e-9);
    assert_eq!(r.markers.len(), 3, "no marker where there is no value");
    assert_eq!(r.rings.len(), 5);
    assert_eq!(
        r.agreed_marks.len(),
        1,
        "agreed levels are marks, never a ring through gaps"
    );
    assert_eq!(r.target_marks.len(), 4);
    let target = r.target.expect("targets");
    let radii: Vec<f64> = target
        .iter()
        .map(|p| ((p.x - r.centre.x).powi(2) + (p.y - r.centre.y).powi(2)).sqrt())
        .collect();
    assert!(
        radii.iter().all(|d| (d - RADAR_RADIUS / 2.0).abs() < 1e-9),
        "target ring is a circle of level 3"
    );
    assert_eq!(r.axes[0].anchor, "middle");
    assert_eq!(r.axes[1].anchor, "start");
    assert_eq!(r.axes[3].anchor, "end");
}

#[test]
fn labels_wrap_at_spaces_and_never_inside_a_word() {
    assert_eq!(wrap("Trust", 100.0, 15.0), ["Trust"]);
    assert_eq!(wrap("", 100.0, 15.0), [""]);
    let lines = wrap("Handling disagreement and accountability", 130.0, 17.0);
    assert_eq!(lines, ["Handling", "disagreement", "and", "accountability"]);
    // A word wider than the line has a line of its own, whole.
    assert_eq!(
        wrap("a Donaudampfschifffahrtsgesellschaft b", 60.0, 15.0),
        ["a", "Donaudampfschifffahrtsgesellschaft", "b"]
    );
    assert_eq!(
        wrap("Shared   vision\nand belief", 1000.0, 15.0),
        ["Shared vision and belief"]
    );
    // Widths add up per character; wide letters count more than narrow ones.
    assert!(text_width("mmmm", 10.0) > text_width("iiii", 10.0) * 3.0);
    assert!((text_width("ab", 10.0) - (text_width("a", 10.0) + text_width("b", 10.0))).abs() < 1e-9);
}

#[test]
fn radar_labels_fit_inside_the_drawing_on_every_side() {
    let labels: Vec<String> = [
        "Leadership behaviours",
        "Trust and relationships",
        "Shared vision and belief",
        "Agreements and roles",
        "Handling disagreement and accountability",
        "Time, people and money",
        "Progress and learning",
        "Shared risk and commitment",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let r = radar(&labels, &vec![RadarValues::default(); labels.len()], 1.0, 5.0);
    for axis in &r.axes {
        let widest = axis
            .lines
            .iter()
            .map(|l| text_width(l, RADAR_TEXT))
            .fold(0.0, f64::max);
        assert!(
            widest <= RADAR_LABEL_WIDTH + 1e-9 || axis.lines.len() > 1,
            "{:?}",
            axis.lines
        );
        let (left, right) = match axis.anchor {
            "start" => (axis.label_at.x, axis.label_at.x + widest),
            "end" => (axis.label_at.x - widest, axis.label_at.x),
            _ => (axis.label_at.x - widest / 2.0, axis.label_at.x + widest / 2.0),
        };
        let top = axis.label_at.y - RADAR_TEXT;
        let bottom = axis.label_at.y + (axis.lines.len() - 1) as f64 * r.line_height + RADAR_TEXT * 0.3;
        assert!(
            left >= 0.0 && right <= r.width,
            "{:?} {left} {right} of {}",
            axis.lines,
            r.width
        );
        assert!(
            top >= 0.0 && bottom <= r.height,
            "{:?} {top} {bottom} of {}",
            axis.lines,
            r.height
        );
        // A label stays clear of the shape: outside the outer ring.
        let (dx, dy) = (axis.label_at.x - r.centre.x, axis.label_at.y - r.centre.y);
        assert!((dx * dx + dy * dy).sqrt() > RADAR_RADIUS, "{:?}", axis.lines);
    }
    // The drawing is small enough that its text, scaled to a 343 px wide column (a
    // 375 px phone), is at least 12 px high.
    assert!(RADAR_TEXT * 343.0 / r.width >= 12.0, "radar {} wide", r.width);
}

#[test]
fn stacked_bars_and_heat_shades_are_proportional() {
    let bar = stacked_bar(&[1, 0, 3, 0, 4, 2], 200.0);
    assert_eq!(bar.total, 10);
    let cats: Vec<(usize, f64, f64)> = bar.segments.iter().map(|s| (s.category, s.x, s.width)).collect();
    assert_eq!(
        cats,
        [(0, 0.0, 20.0), (2, 20.0, 60.0), (4, 80.0, 80.0), (5, 160.0, 40.0)]
    );
    assert!(stacked_bar(&[0, 0], 100.0).segments.is_empty());
    assert_eq!(
        [1.0, 1.79, 1.8, 3.0, 4.99, 5.0].map(|v| heat_shade(v, 1.0, 5.0)),
        [1, 1, 2, 3, 5, 5]
    );
}

#[test]
fn stacked_rows_put_each_label_above_a_bar_of_fractions() {
    let c = stacked_chart(&[
        (
            "Leaders try to understand the pressures that other partners face. (3.4)".into(),
            vec![1, 0, 3],
        ),
        ("Trust".into(), vec![0, 0, 0]),
    ]);
    let (first, bar) = &c.rows[0];
    assert!(first.lines.len() > 1, "a long statement wraps: {:?}", first.lines);
    assert!(first.label_y < first.bar_y);
    let ends: Vec<(usize, f64, f64)> = bar.segments.iter().map(|s| (s.category, s.x, s.width)).collect();
    assert_eq!(ends, [(0, 0.0, 0.25), (2, 0.25, 0.75)]);
    assert!(c.rows[1].1.segments.is_empty(), "no answers, no segments");
    assert!(c.rows[1].0.label_y > first.bar_y && c.height > c.rows[1].0.bar_y);
}

#[test]
fn trend_round_labels_wrap_to_their_share_of_the_width() {
    let items: Vec<_> = (1..=6)
        .map(|k| (format!("May 202{k}"), Some(3.0), None))
        .collect();
    let t = trend(&items, 1.0, 5.0);
    for (k, r) in t.rounds.iter().enumerate() {
        assert_eq!(
            r.lines,
            ["May".to_string(), format!("202{}", k + 1)],
            "six rounds: two lines each"
        );
    }
    let two = trend(&items[..2], 1.0, 5.0);
    assert!(
        two.rounds.iter().all(|r| r.lines.len() == 1),
        "two rounds have room for one line"
    );
    assert!(t.height > two.height, "taller for the second line");
}

#[test]
fn trends_place_rounds_left_to_right() {
    let t = trend(
        &[
            ("R1".into(), Some(2.0), Some((1.5, 2.5))),
            ("R2".into(), None, None),
            ("R3".into(), Some(4.0), None),
        ],
        1.0,
        5.0,
    );
    assert_eq!(t.rounds.len(), 3);
    assert!(t.rounds[0].x < t.rounds[1].x && t.rounds[1].x < t.rounds[2].x);
    assert!(
        t.plot_left < t.rounds[0].x && t.rounds[2].x < 1.0,
        "rounds across the width, right of the scale"
    );
    assert_eq!(t.rounds[0].lines, ["R1"]);
    assert_eq!(t.line.len(), 2);
    let (top, bottom) = t.rounds[0].interval.expect("interval");
    assert!(top < t.line[0].y && t.line[0].y < bottom);
    assert!(t.line[1].y < t.line[0].y, "higher score drawn higher");
}

#[test]
fn strengths_and_concerns_follow_their_rules() {
    let (instrument, ws) = example();
    let a = analysis_of(&ws, &instrument, 1);
    let strengths = a.strengths();
    assert!(strengths.len() <= 3);
    for d in &strengths {
        let s = d.stats.as_ref().expect("scored");
        assert!(s.mean >= 3.5 && d.agreement.expect("agreement") > 0.5 && d.functioning);
    }
    assert!(strengths
        .windows(2)
        .all(|w| w[0].stats.as_ref().map(|s| s.mean) >= w[1].stats.as_ref().map(|s| s.mean)));
    // Every qualifying topic left out scores no higher than the last one named.
    if let Some(last) = strengths.last().and_then(|d| d.stats.as_ref()).map(|s| s.mean) {
        let named: Vec<&str> = strengths.iter().map(|d| d.domain.as_str()).collect();
        for d in a
            .domains
            .iter()
            .filter(|d| d.functioning && !named.contains(&d.domain.as_str()))
        {
            let qualifies =
                d.stats.as_ref().is_some_and(|s| s.mean >= 3.5) && d.agreement.is_some_and(|r| r > 0.5);
            assert!(!qualifies || d.stats.as_ref().is_some_and(|s| s.mean <= last));
        }
    }
    let concerns = a.concerns();
    assert!(!concerns.is_empty() && concerns.len() <= 3);
    assert!(concerns.iter().all(|c| !c.reasons.is_empty()));
    assert_eq!(concerns[0].topic, a.agenda[0].topic);
}

#[test]
fn tidy_answers_end_with_the_level_chosen_for_the_row_s_topic() {
    let (instrument, ws) = example();
    let c = &ws.collaborations[0];
    let r = &c.rounds[0];
    let responses: Vec<_> = ws.responses_for(&r.id).collect();
    let rows = parse(&answers_csv(&instrument, c, r, &responses));
    // The older columns keep their places; the new one is last.
    assert_eq!(rows[0][..17], ANSWER_COLUMNS[..17]);
    assert_eq!(rows[0][16], "mode");
    assert_eq!(rows[0].last().map(String::as_str), Some("level_chosen"));
    let col = |name: &str| rows[0].iter().position(|h| h == name).expect("column");
    let mut levels = 0;
    for row in &rows[1..] {
        let response = ws.response(&row[col("response_id")]).expect("response");
        let chosen = response.levels.get(&row[col("domain_id")]);
        levels += usize::from(chosen.is_some());
        assert_eq!(
            row[col("level_chosen")],
            chosen.map(u8::to_string).unwrap_or_default()
        );
    }
    assert!(levels > 0, "the example's people choose levels");
}

/// The per-person export of the example's first round, with a comment holding a comma
/// and a quote and an unsent response that must be left out.
fn wide_example() -> (std::rc::Rc<Instrument>, Workspace, String) {
    let (instrument, mut ws) = example();
    let round = ws.collaborations[0].rounds[0].id.clone();
    let first = ws
        .responses
        .iter()
        .position(|r| r.round_id == round)
        .expect("a response");
    ws.responses[first]
        .comments
        .insert("trust.contacts".into(), "Better, \"mostly\", since May".into());
    let mut draft = ws.responses[first].clone();
    draft.id = "draft".into();
    draft.submitted = None;
    ws.responses.push(draft);
    let c = &ws.collaborations[0];
    let r = &c.rounds[0];
    let responses: Vec<_> = ws.responses_for(&r.id).collect();
    let text = answers_wide_csv(&instrument, c, r, &responses);
    (instrument, ws, text)
}

#[test]
fn the_per_person_export_has_a_row_per_sent_response_and_a_column_per_statement() {
    let (instrument, ws, text) = wide_example();
    let rows = parse(&text);
    let c = &ws.collaborations[0];
    let r = &c.rounds[0];
    let sent: Vec<_> = ws
        .responses_for(&r.id)
        .filter(|x| x.submitted.is_some())
        .collect();
    assert_eq!(rows.len(), 1 + sent.len());
    assert!(rows.iter().all(|row| row.len() == rows[0].len()));
    let header = &rows[0];
    assert_eq!(header[..5], WIDE_LEAD_COLUMNS);
    let statements: Vec<String> = instrument
        .domains_in_mode(&r.mode)
        .flat_map(|d| instrument.statements_in(&r.mode, &d.id))
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(header[5..5 + statements.len()], statements[..]);
    let levels: Vec<String> = instrument
        .domains_in_mode(&r.mode)
        .map(|d| format!("level:{}", d.id))
        .collect();
    let after = &header[5 + statements.len()..];
    assert_eq!(after[..levels.len()], levels[..]);
    // A comment column only for statements someone commented on, in instrument order.
    let commented: Vec<String> = statements
        .iter()
        .filter(|s| sent.iter().any(|x| x.comments.contains_key(*s)))
        .map(|s| format!("comment:{s}"))
        .collect();
    assert!(commented.contains(&"comment:trust.contacts".to_string()));
    assert!(commented.len() < statements.len());
    assert_eq!(after[levels.len()..], commented[..]);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    for row in &rows[1..] {
        let x = ws.response(&row[0]).expect("a stored response");
        assert!(x.submitted.is_some());
        assert_eq!(row[col("organisation_id")], x.organisation);
        for s in &statements {
            assert_eq!(
                row[col(s)],
                x.answers.get(s).map(|a| a.code()).unwrap_or_default()
            );
        }
        for (d, level) in &x.levels {
            assert_eq!(row[col(&format!("level:{d}"))], level.to_string());
        }
        for (s, comment) in &x.comments {
            assert_eq!(&row[col(&format!("comment:{s}"))], comment);
        }
    }
}

#[test]
fn the_per_person_export_reads_back_as_the_same_answers() {
    let (instrument, ws, text) = wide_example();
    let c = &ws.collaborations[0];
    let r = &c.rounds[0];
    let headers = csv_headers(&text).expect("headers");
    let mapping = suggest_mapping(&headers, &instrument, &r.mode);
    let items = parse_csv(
        &text,
        &instrument,
        &r.mode,
        c,
        &r.id,
        &mapping,
        String::new,
        Timestamp(7),
    )
    .expect("the file is read");
    let sent: Vec<_> = ws
        .responses_for(&r.id)
        .filter(|x| x.submitted.is_some())
        .collect();
    assert_eq!(items.len(), sent.len());
    for (item, stored) in items.iter().zip(&sent) {
        let read = &item.result.as_ref().expect("a row that reads").response;
        assert_eq!(read.id, stored.id);
        assert_eq!(
            (
                &read.organisation,
                read.role,
                &read.answers,
                &read.levels,
                &read.comments
            ),
            (
                &stored.organisation,
                stored.role,
                &stored.answers,
                &stored.levels,
                &stored.comments
            )
        );
    }
}

#[test]
fn a_mode_without_levels_has_no_level_columns() {
    let (instrument, ws) = example();
    let c = &ws.collaborations[0];
    let mut r = c.rounds[0].clone();
    r.mode = "readiness".into();
    assert!(instrument.mode("readiness").is_some_and(|m| !m.ask_levels));
    let responses: Vec<_> = ws.responses_for(&r.id).collect();
    let rows = parse(&answers_wide_csv(&instrument, c, &r, &responses));
    assert!(rows[0].iter().all(|h| !h.starts_with("level:")));
    let comments = rows[0].iter().filter(|h| h.starts_with("comment:")).count();
    assert_eq!(
        rows[0].len(),
        5 + instrument.statement_count("readiness") + comments
    );
}

#[test]
fn round_file_round_trips_byte_for_byte() {
    let (instrument, mut ws) = example();
    let (c, r) = (
        ws.collaborations[0].id.clone(),
        ws.collaborations[0].rounds[1].id.clone(),
    );
    ws.set_consensus(&instrument, &r, "trust", Some(2), "We agreed", "", Timestamp(9))
        .expect("agreed");
    let mut draft = ws.responses_for(&r).next().expect("a response").clone();
    draft.id = "still-answering".into();
    draft.submitted = None;
    ws.responses.push(draft);
    // The round holds everything a round file carries.
    let (collaboration, round) = ws.round(&r).expect("the round");
    assert!(!collaboration.context.is_empty() && !round.context.is_empty());
    assert!(!round.plan.is_empty() && !round.consensus.is_empty() && round.partner_map);
    assert!(ws.responses_for(&r).any(|x| !x.ties.is_empty()));
    let file = ws.extract(&c, Some(&r)).expect("the round").to_json();

    // Opened where another collaboration is, or where the same collaboration's first
    // round already is, and exported again.
    let mut elsewhere = Workspace::default();
    add_example(&mut elsewhere, &instrument, SEED + 1, "2025-01-01", Timestamp(5)).expect("example");
    elsewhere.collaborations[0].id = "another".into();
    for round in &mut elsewhere.collaborations[0].rounds {
        round.id = format!("another-{}", round.id);
    }
    elsewhere.responses.clear();
    let first_round = ws
        .extract(&c, Some(&ws.collaborations[0].rounds[0].id.clone()))
        .expect("round 1");
    // Or where an earlier copy of this round is, whose last response is an older version
    // of itself, stored first (so the merge updates it in place, out of the file's order).
    let mut earlier = ws.extract(&c, Some(&r)).expect("the round");
    let mut last = earlier.responses.pop().expect("a response");
    last.updated = Timestamp(last.updated.0 - 1);
    last.comments
        .insert("trust.contacts".into(), "First thoughts".into());
    earlier.responses.insert(0, last);
    for mut receiving in [Workspace::default(), elsewhere, first_round, earlier] {
        let opened = Workspace::from_json(&file).expect("the file opens");
        receiving.merge(opened);
        let again = receiving
            .extract(&c, Some(&r))
            .expect("the round is there")
            .to_json();
        assert!(
            again == file,
            "the round file changed on its way through:\n{again}"
        );
    }
}
