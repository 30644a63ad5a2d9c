//! Exports for analysts and spreadsheets: a round's answers in tidy CSV (one row per
//! response and statement) and per person (one row per response, in Trellis's own import
//! format), its domain scores (one row per response and domain), the
//! round's summary (one row per domain), and the partner map's ratings (one row per
//! response and other partner).
//!
//! Every CSV starts with a UTF-8 byte-order mark and ends lines with CRLF, so Excel opens
//! it with the right characters; dates and times are ISO 8601 (UTC). Free text that a
//! spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage
//! return) is prefixed with an apostrophe. The columns are documented in
//! docs/exports.md.

use crate::analysis::{DomainResult, LevelSource, RoundAnalysis};
use crate::format::{Answer, Collaboration, Response, Round, Timestamp};
use crate::instrument::Instrument;
use crate::scoring::{interval_on_scale, response_scores};
use crate::transfer::role_label;

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// Columns of [`answers_csv`]. New columns go at the end, so analysts' scripts that
/// read columns by position keep working.
pub const ANSWER_COLUMNS: [&str; 18] = [
    "collaboration",
    "round_id",
    "round",
    "round_date",
    "response_id",
    "organisation_id",
    "organisation",
    "role",
    "submitted",
    "domain_id",
    "domain",
    "statement_id",
    "statement",
    "answer",
    "value",
    "comment",
    "mode",
    "level_chosen",
];

/// The first columns of [`answers_wide_csv`]; a column per statement, level and comment
/// follows.
pub const WIDE_LEAD_COLUMNS: [&str; 5] = [
    "response_id",
    "organisation_id",
    "organisation",
    "role",
    "submitted",
];

/// Columns of [`scores_csv`].
pub const SCORE_COLUMNS: [&str; 14] = [
    "collaboration",
    "round_id",
    "round",
    "round_date",
    "response_id",
    "organisation_id",
    "organisation",
    "role",
    "domain_id",
    "domain",
    "score",
    "answered",
    "statements",
    "level_chosen",
];

/// Columns of [`summary_csv`].
pub const SUMMARY_COLUMNS: [&str; 20] = [
    "round_id",
    "round",
    "round_date",
    "domain_id",
    "domain",
    "people_scored",
    "mean",
    "ci95_low",
    "ci95_high",
    "median",
    "q1",
    "q3",
    "agreement_rwg",
    "level",
    "level_from",
    "level_agreed",
    "level_individual",
    "target",
    "earlier_target",
    "earlier_target_met",
];

/// Columns of [`partner_ratings_csv`].
pub const PARTNER_RATING_COLUMNS: [&str; 13] = [
    "collaboration",
    "round_id",
    "round",
    "round_date",
    "response_id",
    "organisation_id",
    "organisation",
    "role",
    "submitted",
    "partner_id",
    "partner",
    "now",
    "wanted",
];

/// A calendar date and time in UTC, `YYYY-MM-DDTHH:MM:SSZ`, from milliseconds since
/// the Unix epoch (the proleptic Gregorian calendar, by Hinnant's civil-from-days).
pub fn iso_datetime(t: Timestamp) -> String {
    let secs = t.0.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Makes free text safe to open in a spreadsheet: text that would start a formula gets
/// a leading apostrophe, which spreadsheets show as plain text.
pub fn cell_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A number with up to four decimals, without trailing zeros; empty for none.
pub(crate) fn number(value: Option<f64>) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let text = format!("{v:.4}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            if text == "-0" {
                "0".to_string()
            } else {
                text.to_string()
            }
        }
        _ => String::new(),
    }
}

/// One CSV field: quoted (with inner quotes doubled) when it holds a comma, a quote or
/// a line break, as RFC 4180 and every spreadsheet expect.
fn field(text: &str, out: &mut String) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Writes rows as CSV text with a byte-order mark and CRLF line ends. (Written here
/// rather than with the csv crate's writer, which costs several KB of the results
/// page's bundle for these few lines; the reader side still uses the csv crate.)
pub(crate) fn write_csv<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>]) -> String {
    let mut out = String::from(BOM);
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (k, cell) in cells.enumerate() {
            if k > 0 {
                out.push(',');
            }
            field(cell, &mut out);
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(AsRef::as_ref));
    }
    out
}

struct RoundText<'a> {
    collaboration: &'a Collaboration,
    round: &'a Round,
}

impl RoundText<'_> {
    fn organisation(&self, id: &str) -> String {
        self.collaboration
            .partners
            .iter()
            .find(|p| p.id == id)
            .map_or_else(String::new, |p| cell_text(&p.name))
    }

    fn lead(&self) -> [String; 4] {
        [
            cell_text(&self.collaboration.name),
            self.round.id.clone(),
            cell_text(&self.round.name),
            self.round.date.clone(),
        ]
    }

    fn person(&self, r: &Response) -> [String; 4] {
        [
            r.id.clone(),
            r.organisation.clone(),
            self.organisation(&r.organisation),
            role_label(r.role).to_string(),
        ]
    }
}

/// One row per submitted response and statement of the round's mode, in instrument
/// order. `answer` is `1`-`5`, `dk`, `na` or empty; `value` is the number for scale
/// answers only.
pub fn answers_csv(
    instrument: &Instrument,
    collaboration: &Collaboration,
    round: &Round,
    responses: &[&Response],
) -> String {
    let text = RoundText { collaboration, round };
    let mut rows = Vec::new();
    for r in responses.iter().filter(|r| r.submitted.is_some()) {
        for domain in instrument.domains_in_mode(&round.mode) {
            for statement in instrument.statements_in(&round.mode, &domain.id) {
                let answer = r.answers.get(&statement.id);
                let mut row: Vec<String> = text.lead().into();
                row.extend(text.person(r));
                row.push(r.submitted.map(iso_datetime).unwrap_or_default());
                row.push(domain.id.clone());
                row.push(domain.title.clone());
                row.push(statement.id.clone());
                row.push(statement.text.clone());
                row.push(answer.map(|a| a.code()).unwrap_or_default());
                row.push(match answer {
                    Some(Answer::Scale(v)) => v.to_string(),
                    _ => String::new(),
                });
                row.push(
                    r.comments
                        .get(&statement.id)
                        .map(|c| cell_text(c))
                        .unwrap_or_default(),
                );
                row.push(round.mode.clone());
                row.push(level_chosen(r, &domain.id));
                rows.push(row);
            }
        }
    }
    write_csv(&ANSWER_COLUMNS, &rows)
}

/// The maturity level a person chose for a domain; empty when none.
fn level_chosen(r: &Response, domain: &str) -> String {
    r.levels.get(domain).map(|l| l.to_string()).unwrap_or_default()
}

/// One row per submitted response, in Trellis's own CSV import format (see
/// `transfer::parse_csv`), so the file can be edited in a spreadsheet and imported
/// again: the response's id, organisation, role and when it was sent, then a column per
/// statement of the round's mode (named by its id, in instrument order: `1`-`5`, `dk`,
/// `na` or empty), a `level:<domain id>` column per domain when the mode asks for levels,
/// and a `comment:<statement id>` column for each statement someone commented on.
pub fn answers_wide_csv(
    instrument: &Instrument,
    collaboration: &Collaboration,
    round: &Round,
    responses: &[&Response],
) -> String {
    let text = RoundText { collaboration, round };
    let sent: Vec<&Response> = responses
        .iter()
        .copied()
        .filter(|r| r.submitted.is_some())
        .collect();
    let statements: Vec<&str> = instrument
        .domains_in_mode(&round.mode)
        .flat_map(|d| instrument.statements_in(&round.mode, &d.id))
        .map(|s| s.id.as_str())
        .collect();
    let domains: Vec<&str> = if instrument.mode(&round.mode).is_some_and(|m| m.ask_levels) {
        instrument
            .domains_in_mode(&round.mode)
            .map(|d| d.id.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let commented: Vec<&str> = statements
        .iter()
        .copied()
        .filter(|s| sent.iter().any(|r| r.comments.contains_key(*s)))
        .collect();
    let mut header: Vec<String> = WIDE_LEAD_COLUMNS.iter().map(|c| c.to_string()).collect();
    header.extend(statements.iter().map(|s| s.to_string()));
    header.extend(domains.iter().map(|d| format!("level:{d}")));
    header.extend(commented.iter().map(|s| format!("comment:{s}")));
    let rows: Vec<Vec<String>> = sent
        .iter()
        .map(|r| {
            let mut row: Vec<String> = text.person(r).into();
            row.push(r.submitted.map(iso_datetime).unwrap_or_default());
            row.extend(
                statements
                    .iter()
                    .map(|s| r.answers.get(*s).map(|a| a.code()).unwrap_or_default()),
            );
            row.extend(domains.iter().map(|d| level_chosen(r, d)));
            row.extend(
                commented
                    .iter()
                    .map(|s| r.comments.get(*s).map(|c| cell_text(c)).unwrap_or_default()),
            );
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    write_csv(&header, &rows)
}

/// The partner map's ratings: one row per submitted response and each other partner of
/// the collaboration, in the collaboration's order, with how the respondent sees the two
/// organisations working together `now` and how they should (`wanted`), each a step of
/// the continuum from 1 (networking) to 5 (collaboration), empty when left unanswered.
/// Responses of a round without a partner map are left out unless they hold ratings
/// (given while it had one), so no ratings are ever hidden from the analyst.
pub fn partner_ratings_csv(collaboration: &Collaboration, round: &Round, responses: &[&Response]) -> String {
    let text = RoundText { collaboration, round };
    let step = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    for r in responses.iter().filter(|r| r.submitted.is_some()) {
        if !round.partner_map && r.ties.is_empty() {
            continue;
        }
        for partner in collaboration.partners.iter().filter(|p| p.id != r.organisation) {
            let tie = r.ties.get(&partner.id).copied().unwrap_or_default();
            let mut row: Vec<String> = text.lead().into();
            row.extend(text.person(r));
            row.push(r.submitted.map(iso_datetime).unwrap_or_default());
            row.push(partner.id.clone());
            row.push(cell_text(&partner.name));
            row.push(step(tie.now));
            row.push(step(tie.wanted));
            rows.push(row);
        }
    }
    write_csv(&PARTNER_RATING_COLUMNS, &rows)
}

/// One row per submitted response and domain: the person's domain score under the
/// scoring rules (empty when there are not enough answers), their coverage and the
/// maturity level they chose.
pub fn scores_csv(
    instrument: &Instrument,
    collaboration: &Collaboration,
    round: &Round,
    responses: &[&Response],
) -> String {
    let text = RoundText { collaboration, round };
    let mut rows = Vec::new();
    for r in responses.iter().filter(|r| r.submitted.is_some()) {
        for score in response_scores(instrument, &round.mode, r) {
            let mut row: Vec<String> = text.lead().into();
            row.extend(text.person(r));
            row.push(score.domain.clone());
            row.push(
                instrument
                    .domain(&score.domain)
                    .map(|d| d.title.clone())
                    .unwrap_or_default(),
            );
            row.push(number(score.score));
            row.push(score.answered.to_string());
            row.push(score.total.to_string());
            row.push(level_chosen(r, &score.domain));
            rows.push(row);
        }
    }
    write_csv(&SCORE_COLUMNS, &rows)
}

/// One row per domain with the round's statistics, as shown on the results page.
/// `level` is the level used everywhere: the agreed level where the group recorded one,
/// else the individual picture (`level_individual`: the median choice, or the score band
/// when choices are split or not asked); `level_from` says which. The interval is
/// clipped to the answer scale, as on screen.
pub fn summary_csv(instrument: &Instrument, round: &Round, analysis: &RoundAnalysis) -> String {
    let level = |l: Option<u8>| l.map(|l| l.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = analysis
        .domains
        .iter()
        .map(|d| {
            let met = match d.earlier_target_met() {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            let mut row = vec![round.id.clone(), cell_text(&round.name), round.date.clone()];
            row.extend(domain_figures(instrument, d));
            row.extend([
                level(d.agreed),
                level(d.individual_level()),
                level(d.target),
                level(d.earlier_target),
                met.to_string(),
            ]);
            row
        })
        .collect();
    write_csv(&SUMMARY_COLUMNS, &rows)
}

/// A domain's figures as the summary writes them, from `domain_id` to `level_from`
/// (shared with the summary file for comparing collaborations, `summary_file`). The
/// interval is clipped to the answer scale, as on screen.
pub(crate) fn domain_figures(instrument: &Instrument, d: &DomainResult) -> [String; 12] {
    let s = d.stats.as_ref();
    let interval = s
        .and_then(|s| s.ci95)
        .map(|c| interval_on_scale(c, instrument.scale_max()));
    let from = match d.level_source() {
        Some(LevelSource::Agreed) => "agreed",
        Some(LevelSource::Chosen) => "chosen",
        Some(LevelSource::FromScores | LevelSource::ScoreBand) => "scores",
        None => "",
    };
    [
        d.domain.clone(),
        instrument
            .domain(&d.domain)
            .map(|x| x.title.clone())
            .unwrap_or_default(),
        s.map_or(0, |s| s.n).to_string(),
        number(s.map(|s| s.mean)),
        number(interval.map(|c| c.0)),
        number(interval.map(|c| c.1)),
        number(s.map(|s| s.median)),
        number(s.map(|s| s.q1)),
        number(s.map(|s| s.q3)),
        number(d.agreement),
        d.working_level().map(|l| l.to_string()).unwrap_or_default(),
        from.to_string(),
    ]
}
