//! The summary file for comparing collaborations: writing, strict reading, suppression
//! of small groups, and many collaborations side by side.

use proptest::prelude::*;
use trellis_core::analysis::{analyse, RoundInput};
use trellis_core::format::{ContextAnswer, Response, Workspace};
use trellis_core::summary::{
    collaboration_key, compare_collaborations, gather, read_summary_file, summary_file, Band, SummaryDomain,
    SummaryError, SummaryFile, SummaryProblem, NOTE_SUPPRESSED, SUMMARY_FILE_COLUMNS,
};

use crate::common::{example, mini, response};

/// The example's round `k` as a summary file labelled `label`, with its analysis.
fn example_file(k: usize, label: &str) -> (String, trellis_core::analysis::RoundAnalysis, Workspace) {
    let (instrument, ws) = example();
    let c = &ws.collaborations[0];
    let r = &c.rounds[k];
    let analysis = analyse(&RoundInput {
        instrument: &instrument,
        mode: &r.mode,
        responses: ws
            .responses_for(&r.id)
            .filter(|r| r.submitted.is_some())
            .collect(),
        context: &r.context,
        targets: &r.targets,
        consensus: &r.consensus,
        earlier_targets: &Default::default(),
        min_group: 3,
        partner_map: None,
    });
    let text = summary_file(&instrument, c, r, &analysis, label);
    (text, analysis, ws)
}

#[test]
fn a_summary_file_reads_back_as_written() {
    let (text, analysis, ws) = example_file(1, "North East 07");
    assert!(text.starts_with("\u{feff}format,collaboration,collaboration_key,round,"));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let file = read_summary_file("a.csv", &text).expect("reads");
    let c = &ws.collaborations[0];
    assert_eq!(file.label, "North East 07");
    assert_eq!(file.key, collaboration_key(&c.id));
    assert_eq!(file.round, 2);
    assert_eq!(file.date, c.rounds[1].date);
    assert_eq!(file.people, analysis.n);
    assert_eq!(file.min_group, 3);
    assert_eq!(file.domains.len(), analysis.domains.len());
    for (read, d) in file.domains.iter().zip(&analysis.domains) {
        assert_eq!(read.id, d.domain);
        let s = d.stats.as_ref().expect("the example scores every topic");
        assert_eq!(read.people_scored, s.n);
        let close = |a: Option<f64>, b: f64| assert!((a.expect("a figure") - b).abs() < 5e-5, "{a:?} {b}");
        close(read.mean, s.mean);
        close(read.median, s.median);
        close(read.q1, s.q1);
        close(read.q3, s.q3);
        assert_eq!(read.level, d.working_level());
        assert_eq!(read.target, d.target);
        assert!(!read.suppressed);
    }
    // Nothing about organisations, roles or people travels.
    for p in &c.partners {
        assert!(!text.contains(&p.name), "{}", p.name);
    }
    for r in ws.responses_for(&c.rounds[1].id) {
        assert!(!text.contains(&r.id));
    }
    assert!(!text.contains(&c.name));
}

#[test]
fn the_key_is_stable_and_does_not_show_the_id() {
    assert_eq!(collaboration_key("c-123"), collaboration_key("c-123"));
    assert_ne!(collaboration_key("c-123"), collaboration_key("c-124"));
    assert_eq!(collaboration_key("c-123").len(), 16);
    assert!(!collaboration_key("c-123").contains("123"));
}

#[test]
fn labels_that_look_like_formulas_are_guarded() {
    let (text, ..) = example_file(0, "=HYPERLINK(\"x\")");
    let file = read_summary_file("a.csv", &text).expect("reads");
    assert_eq!(file.label, "'=HYPERLINK(\"x\")");
}

/// A mini round: five people answer trust; only two of them answer vision.
fn mini_round(min_group: usize) -> (SummaryFile, String) {
    let instrument = mini();
    let mut ws = Workspace::default();
    let responses: Vec<Response> = (0..5)
        .map(|k| {
            let mut answers = vec![
                ("trust.a", "4"),
                ("trust.b", "4"),
                ("trust.c", "3"),
                ("trust.d", "5"),
            ];
            if k < 2 {
                answers.push(("vision.a", "2"));
            }
            response(&format!("x{k}"), &answers)
        })
        .collect();
    let collaboration: trellis_core::format::Collaboration = serde_json::from_value(serde_json::json!({
        "id": "c1", "name": "Mini", "partners": [{"id": "p1", "name": "Alpha"}],
        "rounds": [{"id": "r1", "name": "R", "date": "2026-01-02", "instrument_id": "mini",
            "instrument_version": "0.1.0", "mode": "full", "status": "open", "created": 0,
            "context": {"partners": 6}}],
        "created": 0
    }))
    .expect("collaboration");
    ws.collaborations.push(collaboration);
    let c = &ws.collaborations[0];
    let r = &c.rounds[0];
    assert_eq!(r.context.get("partners"), Some(&ContextAnswer::Number(6)));
    let analysis = analyse(&RoundInput {
        instrument: &instrument,
        mode: "full",
        responses: responses.iter().collect(),
        context: &r.context,
        targets: &Default::default(),
        consensus: &Default::default(),
        earlier_targets: &Default::default(),
        min_group,
        partner_map: None,
    });
    let text = summary_file(&instrument, c, r, &analysis, "Mini");
    (read_summary_file("mini.csv", &text).expect("reads"), text)
}

#[test]
fn topics_scored_by_fewer_than_the_smallest_group_carry_no_statistics() {
    let (file, text) = mini_round(3);
    assert_eq!(file.partner_count, 6);
    let trust = file.domain("trust").expect("trust");
    assert_eq!(trust.people_scored, 5);
    assert!(trust.mean.is_some() && !trust.suppressed);
    let vision = file.domain("vision").expect("vision");
    assert_eq!(vision.people_scored, 2);
    assert!(vision.suppressed);
    assert_eq!(
        (
            vision.mean,
            vision.median,
            vision.q1,
            vision.q3,
            vision.ci95,
            vision.agreement,
            vision.level
        ),
        (None, None, None, None, None, None, None)
    );
    assert!(text.contains(NOTE_SUPPRESSED));
    // A facilitator who raises the smallest group to 6 hides trust too.
    let (file, _) = mini_round(6);
    assert!(file.domains.iter().all(|d| d.suppressed && d.mean.is_none()));
}

/// Replaces the cell of `column` on data row `row` (0 = header) of a written file.
fn with_cell(text: &str, row: usize, column: &str, value: &str) -> String {
    let k = SUMMARY_FILE_COLUMNS
        .iter()
        .position(|c| *c == column)
        .expect("column");
    text.split("\r\n")
        .enumerate()
        .map(|(n, line)| {
            if n != row {
                return line.to_string();
            }
            let mut cells: Vec<String> = line.split(',').map(String::from).collect();
            cells[k] = value.to_string();
            cells.join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn check(text: &str, line: Option<u64>, column: Option<&str>, problem: SummaryProblem) {
    let expected = SummaryError {
        file: "f.csv".to_string(),
        line,
        column: column.map(|c| *SUMMARY_FILE_COLUMNS.iter().find(|x| **x == c).unwrap_or(&"?")),
        problem,
    };
    assert_eq!(read_summary_file("f.csv", text), Err(expected));
}

#[test]
fn every_problem_is_named_with_its_line_and_column() {
    use SummaryProblem::*;
    // The mini file's titles hold no commas, so cells can be replaced by splitting.
    let (_, good) = mini_round(3);
    assert!(read_summary_file("f.csv", &good).is_ok());
    check("", None, None, Empty);
    check(good.split("\r\n").next().expect("header"), None, None, Empty);
    check("name,answer\r\nx,1\r\n", Some(1), None, NotSummary);
    check(
        "format\r\n\"open\r\n",
        Some(2),
        Some("format"),
        UnknownFormat("open\r\n".into()),
    );
    check(
        &with_cell(&good, 1, "format", "trellis-summary-2"),
        Some(2),
        Some("format"),
        NewerVersion(2),
    );
    check(
        &with_cell(&good, 1, "format", "other"),
        Some(2),
        Some("format"),
        UnknownFormat("other".into()),
    );
    check(
        &with_cell(&good, 0, "mean", "average"),
        Some(1),
        Some("mean"),
        MissingColumn {
            found: Some("average".into()),
        },
    );
    let header_only_format = good.replacen("format,collaboration", "format", 1);
    check(
        &header_only_format,
        Some(1),
        Some("collaboration"),
        MissingColumn {
            found: Some("collaboration_key".into()),
        },
    );
    check(
        &good.replacen(",fewer-than-min-group", "", 1),
        Some(3),
        None,
        ShortRow,
    );
    check(
        &with_cell(&good, 2, "people", "9"),
        Some(3),
        Some("people"),
        Differs("9".into()),
    );
    check(
        &with_cell(&good, 1, "collaboration", ""),
        Some(3),
        Some("collaboration"),
        Differs("Mini".into()),
    );
    let blank_label = (1..=3).fold(good.clone(), |t, row| with_cell(&t, row, "collaboration", " "));
    check(&blank_label, Some(2), Some("collaboration"), Required);
    let bad_round = (1..=3).fold(good.clone(), |t, row| with_cell(&t, row, "round", "1.5"));
    check(&bad_round, Some(2), Some("round"), NotANumber("1.5".into()));
    let bad_date = (1..=3).fold(good.clone(), |t, row| {
        with_cell(&t, row, "round_date", "2026-13-01")
    });
    check(
        &bad_date,
        Some(2),
        Some("round_date"),
        NotADate("2026-13-01".into()),
    );
    let bad_key = (1..=3).fold(good.clone(), |t, row| {
        with_cell(&t, row, "collaboration_key", "nothex")
    });
    check(
        &bad_key,
        Some(2),
        Some("collaboration_key"),
        NotAllowed("nothex".into()),
    );
    check(
        &with_cell(&good, 1, "mean", "5.5"),
        Some(2),
        Some("mean"),
        OutOfRange("5.5".into()),
    );
    check(
        &with_cell(&good, 1, "mean", "NaN"),
        Some(2),
        Some("mean"),
        NotANumber("NaN".into()),
    );
    check(
        &with_cell(&good, 1, "agreement_rwg", "1.2"),
        Some(2),
        Some("agreement_rwg"),
        OutOfRange("1.2".into()),
    );
    check(
        &with_cell(&good, 1, "level", "3"),
        Some(2),
        Some("level"),
        OutOfRange("3".into()),
    );
    check(
        &with_cell(&good, 1, "people_scored", "6"),
        Some(2),
        Some("people_scored"),
        OutOfRange("6".into()),
    );
    check(
        &with_cell(&good, 1, "level_from", "guess"),
        Some(2),
        Some("level_from"),
        NotAllowed("guess".into()),
    );
    check(
        &with_cell(&good, 1, "level_from", ""),
        Some(2),
        Some("level_from"),
        NotAllowed("".into()),
    );
    check(
        &with_cell(&good, 1, "note", "hmm"),
        Some(2),
        Some("note"),
        NotAllowed("hmm".into()),
    );
    check(
        &with_cell(&good, 1, "ci95_low", "4.9"),
        Some(2),
        Some("ci95_high"),
        OutOfRange(cell(&good, 1, "ci95_high")),
    );
    check(
        &with_cell(&good, 1, "ci95_low", ""),
        Some(2),
        Some("ci95_low"),
        Required,
    );
    check(
        &with_cell(&good, 2, "domain_id", "trust"),
        Some(3),
        Some("domain_id"),
        DuplicateDomain("trust".into()),
    );
    // Vision (row 2) was scored by two people: a mean there breaks the smallest-group rule,
    // and so does one on a row marked as withheld.
    check(
        &with_cell(&good, 2, "mean", "2"),
        Some(3),
        Some("people_scored"),
        NotSuppressed,
    );
    check(
        &with_cell(&good, 1, "note", NOTE_SUPPRESSED),
        Some(2),
        Some("people_scored"),
        NotSuppressed,
    );
}

fn cell(text: &str, row: usize, column: &str) -> String {
    let k = SUMMARY_FILE_COLUMNS
        .iter()
        .position(|c| *c == column)
        .expect("column");
    text.split("\r\n")
        .nth(row)
        .expect("row")
        .split(',')
        .nth(k)
        .expect("cell")
        .to_string()
}

proptest! {
    #[test]
    fn the_reader_never_panics_on_any_text(text in "\\PC*") {
        let _ = read_summary_file("any.csv", &text);
    }

    #[test]
    fn the_reader_never_panics_on_a_damaged_file(cut in 0usize..2000, insert in "[,\"\r\n0-9a-z.-]{0,6}") {
        let (_, good) = mini_round(3);
        let at = good.char_indices().map(|(i, _)| i).nth(cut % good.chars().count()).unwrap_or(0);
        let damaged = format!("{}{}{}", &good[..at], insert, &good[at..]);
        let _ = read_summary_file("damaged.csv", &damaged);
    }
}

/// A file with one topic, `trust`, at `mean` and `level`.
fn file(key: &str, round: u32, version: &str, people: usize, trust: Option<(f64, u8)>) -> SummaryFile {
    SummaryFile {
        name: format!("{key}-{round}-{people}.csv"),
        label: format!("Collaboration {key}"),
        key: key.to_string(),
        round,
        date: format!("2026-0{round}-01"),
        instrument: "trellis".into(),
        instrument_version: version.into(),
        mode: "full".into(),
        rules_version: "3".into(),
        scale_max: 5,
        level_count: 5,
        min_group: 3,
        partner_count: 4,
        collaboration_type: String::new(),
        collaboration_age: String::new(),
        people,
        domains: vec![SummaryDomain {
            id: "trust".into(),
            title: "Trust".into(),
            people_scored: if trust.is_some() { people } else { 2 },
            mean: trust.map(|t| t.0),
            ci95: None,
            median: None,
            q1: None,
            q3: None,
            agreement: None,
            level: trust.map(|t| t.1),
            level_from: if trust.is_some() {
                "scores".into()
            } else {
                String::new()
            },
            target: None,
            suppressed: trust.is_none(),
        }],
    }
}

#[test]
fn collaborations_side_by_side() {
    let files = vec![
        file("a", 1, "2.0.0", 8, Some((2.0, 2))),
        file("b", 1, "2.0.0", 8, Some((3.0, 2))),
        file("c", 1, "2.0.0", 8, Some((3.5, 3))),
        // d's first round (a mean of 1.0) is not its latest: the spread uses round 2.
        file("d", 1, "2.0.0", 8, Some((1.0, 1))),
        file("d", 2, "2.0.0", 8, Some((4.0, 4))),
        file("e", 1, "1.0.0", 8, Some((4.5, 5))),
        file("e", 2, "2.0.0", 8, Some((4.5, 4))),
        // f's latest round was answered by too few people.
        file("f", 1, "2.0.0", 2, None),
        // The same round of b again, counting more people: it replaces the first.
        file("b", 1, "2.0.0", 9, Some((3.0, 2))),
        // And again, counting fewer: left out.
        file("b", 1, "2.0.0", 7, Some((1.0, 1))),
    ];
    let (files, duplicates) = gather(files);
    assert_eq!(files.len(), 8);
    assert_eq!(duplicates.len(), 2);
    assert_eq!(
        (duplicates[0].file.as_str(), duplicates[0].kept.as_str()),
        ("b-1-8.csv", "b-1-9.csv")
    );
    assert_eq!(files.iter().find(|f| f.key == "b").map(|f| f.people), Some(9));

    let overview = compare_collaborations(&files, Some("a"));
    assert_eq!(overview.collaborations.len(), 6);
    let trust = &overview.domains[0];
    // Latest means 2.0, 3.0, 3.5, 4.0, 4.5 (f withheld): median 3.5, quartiles 3.0 and 4.0.
    assert_eq!(trust.collaborations, 5);
    assert_eq!(trust.withheld, 1);
    assert_eq!(trust.values, vec![2.0, 3.0, 3.5, 4.0, 4.5]);
    let m = trust.means.expect("means");
    assert_eq!((m.min, m.q1, m.median, m.q3, m.max), (2.0, 3.0, 3.5, 4.0, 4.5));
    // Latest levels 2, 2, 3, 4, 4.
    let l = trust.levels.expect("levels");
    assert_eq!((l.min, l.median, l.max), (2.0, 3.0, 4.0));
    let a = trust.highlight.as_ref().expect("a is there");
    assert_eq!(
        (a.band, a.higher, a.lower, a.level),
        (Some(Band::LowestQuarter), 4, 0, Some(2))
    );
    let at = |key| {
        compare_collaborations(&files, Some(key)).domains[0]
            .highlight
            .clone()
            .expect("there")
            .band
    };
    assert_eq!(at("b"), Some(Band::BelowMiddle));
    assert_eq!(at("c"), Some(Band::Middle));
    assert_eq!(at("d"), Some(Band::AboveMiddle));
    assert_eq!(at("e"), Some(Band::HighestQuarter));
    assert_eq!(at("f"), None);
    // Change over rounds: d rose from level 1 to 4 on the same questions; e fell from 5 to
    // 4 on another version, so its means do not compare.
    assert_eq!(overview.changes.len(), 2);
    let d = &overview.changes[0];
    assert_eq!(
        (d.key.as_str(), d.first_round, d.latest_round, d.versions.clone()),
        ("d", 1, 2, None)
    );
    assert_eq!(
        (d.domains[0].first_level, d.domains[0].latest_level),
        (Some(1), Some(4))
    );
    assert!(!d.domains[0].questions_changed);
    let e = &overview.changes[1];
    assert_eq!(e.versions, Some(("1.0.0".into(), "2.0.0".into())));
    assert!(e.domains[0].questions_changed);
    assert_eq!((trust.rose, trust.stayed, trust.fell), (1, 0, 1));
    assert!(overview.versions.is_empty(), "every latest round used 2.0.0");
}

#[test]
fn a_written_file_joins_a_comparison() {
    let (text, analysis, _) = example_file(1, "Example");
    let file = read_summary_file("x.csv", &text).expect("reads");
    let overview = compare_collaborations(std::slice::from_ref(&file), Some(&file.key));
    assert_eq!(overview.domains.len(), analysis.domains.len());
    let first = &overview.domains[0];
    assert_eq!(first.collaborations, 1);
    assert_eq!(first.highlight.as_ref().and_then(|h| h.band), Some(Band::Middle));
}

#[test]
fn a_spread_strip_places_values_on_the_scale() {
    use trellis_core::chart::spread;
    use trellis_core::summary::FiveNumbers;
    let five = FiveNumbers {
        min: 1.0,
        q1: 2.0,
        median: 3.0,
        q3: 4.0,
        max: 5.0,
    };
    let s = spread(Some(&five), &[1.0, 3.0, 5.0], Some(3.0), 1.0, 5.0);
    // 3% margins: 1 is at 0.03, 5 at 0.97, and 3 halfway.
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} {b}");
    let [low, q1, median, q3, high] = s.five.expect("five numbers");
    close(low, 0.03);
    close(q1, 0.265);
    close(median, 0.5);
    close(q3, 0.735);
    close(high, 0.97);
    assert_eq!(s.dots.len(), 3);
    close(s.marker.expect("marker"), 0.5);
    assert_eq!(
        s.ticks.iter().map(|t| t.label.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3", "4", "5"]
    );
}

#[test]
fn numbers_written_in_full_by_other_tools_are_read() {
    let (_, good) = mini_round(3);
    let text = with_cell(&good, 1, "mean", "3.9999999999999996");
    let file = read_summary_file("f.csv", &text).expect("reads");
    let mean = file.domain("trust").and_then(|d| d.mean).expect("a mean");
    assert!((mean - 4.0).abs() < 1e-12, "{mean}");
    for bad in ["1e0", "+3", "3.", ".5", " 3", "3,5"] {
        assert!(
            read_summary_file("f.csv", &with_cell(&good, 1, "mean", bad)).is_err(),
            "{bad}"
        );
    }
}
