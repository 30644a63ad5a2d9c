//! Reading a summary file strictly: its format and version, every column in its place,
//! the round's facts the same on every row, and every number whole or in range. The
//! first problem found is returned with the file, line and column it is in.

use super::{
    SummaryDomain, SummaryFile, DOMAIN_FROM, NOTE_SUPPRESSED, SUMMARY_FILE_COLUMNS, SUMMARY_FORMAT_STEM,
    SUMMARY_VERSION,
};

/// What is wrong with a summary file, and where: `line` counts from 1 (the header),
/// `column` is a column's name. Data only; the app words it.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<&'static str>,
    pub problem: SummaryProblem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SummaryProblem {
    /// No text, or a header without rows.
    Empty,
    /// CSV the reader refuses. (The csv crate reads any text, an open quote running to
    /// the end, so this is a guard rather than something a file can show today.)
    NotCsv,
    /// The first column is not `format`: some other file.
    NotSummary,
    /// `format` holds something other than `trellis-summary-<n>`.
    UnknownFormat(String),
    /// A version newer than this build reads.
    NewerVersion(u32),
    /// The header lacks this column where it belongs (the column found there, if any).
    MissingColumn { found: Option<String> },
    /// A row has fewer cells than the header.
    ShortRow,
    /// A cell of the round's facts differs from the first row's.
    Differs(String),
    /// A cell that must hold something is empty.
    Required,
    /// Not a number, or not a whole number where one is needed.
    NotANumber(String),
    /// A number outside what the column allows.
    OutOfRange(String),
    /// Not a date written `YYYY-MM-DD`.
    NotADate(String),
    /// Not one of the values the column allows.
    NotAllowed(String),
    /// The same domain twice.
    DuplicateDomain(String),
    /// Statistics given for a domain scored by fewer people than the smallest group.
    NotSuppressed,
}

/// A row as read: its line and cells.
struct Row {
    line: u64,
    cells: Vec<String>,
}

/// Reads one summary file, named `name` in any error.
pub fn read_summary_file(name: &str, text: &str) -> Result<SummaryFile, SummaryError> {
    let fail = |line: Option<u64>, column: Option<&'static str>, problem| SummaryError {
        file: name.to_string(),
        line,
        column,
        problem,
    };
    let text = text.strip_prefix(crate::export::BOM).unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        // Lines are counted up to where the record starts (cells may hold line breaks);
        // after a CRLF the reader stands on its LF, which ends the line before.
        let mut at = (reader.position().byte() as usize).min(text.len());
        if text.as_bytes().get(at) == Some(&b'\n') {
            at += 1;
        }
        let line = 1 + text.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() as u64;
        match reader.read_record(&mut record) {
            Ok(true) => rows.push(Row {
                line,
                cells: record.iter().map(str::to_string).collect(),
            }),
            Ok(false) => break,
            Err(_) => return Err(fail(Some(line), None, SummaryProblem::NotCsv)),
        }
    }
    let Some((header, rows)) = rows.split_first() else {
        return Err(fail(None, None, SummaryProblem::Empty));
    };
    if header.cells.first().map(String::as_str) != Some("format") {
        return Err(fail(Some(header.line), None, SummaryProblem::NotSummary));
    }
    // The version first, from the first row: a newer file is refused as such, whatever
    // its columns.
    let first = rows
        .first()
        .ok_or_else(|| fail(None, None, SummaryProblem::Empty))?;
    let format = first.cells.first().cloned().unwrap_or_default();
    let version = format
        .strip_prefix(SUMMARY_FORMAT_STEM)
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<u32>().ok());
    match version {
        Some(v) if v > SUMMARY_VERSION => {
            return Err(fail(
                Some(first.line),
                Some("format"),
                SummaryProblem::NewerVersion(v),
            ))
        }
        Some(v) if v == SUMMARY_VERSION => {}
        _ => {
            return Err(fail(
                Some(first.line),
                Some("format"),
                SummaryProblem::UnknownFormat(format),
            ))
        }
    }
    for (k, column) in SUMMARY_FILE_COLUMNS.iter().enumerate() {
        let found = header.cells.get(k);
        if found.map(String::as_str) != Some(*column) {
            return Err(fail(
                Some(header.line),
                Some(column),
                SummaryProblem::MissingColumn {
                    found: found.cloned(),
                },
            ));
        }
    }
    for row in rows {
        if row.cells.len() < SUMMARY_FILE_COLUMNS.len() {
            return Err(fail(Some(row.line), None, SummaryProblem::ShortRow));
        }
        let lead = SUMMARY_FILE_COLUMNS
            .iter()
            .zip(row.cells.iter().zip(&first.cells));
        if let Some((column, (cell, _))) = lead.take(DOMAIN_FROM).find(|(_, (a, b))| a != b) {
            let problem = SummaryProblem::Differs(cell.clone());
            return Err(fail(Some(row.line), Some(column), problem));
        }
    }
    let cells = Cells {
        row: first,
        fail: &fail,
    };
    let scale_max = cells.whole("scale_max", 2, 10)? as u8;
    let level_count = cells.whole("level_count", 1, 10)? as u8;
    let min_group = cells.whole("min_group", 1, 1000)? as usize;
    let mut file = SummaryFile {
        name: name.to_string(),
        label: cells.required("collaboration")?,
        key: cells.key()?,
        round: cells.whole("round", 1, 100_000)? as u32,
        date: cells.date("round_date")?,
        instrument: cells.required("instrument")?,
        instrument_version: cells.required("instrument_version")?,
        mode: cells.required("mode")?,
        rules_version: cells.required("rules_version")?,
        scale_max,
        level_count,
        min_group,
        partner_count: cells.whole("partner_count", 0, 100_000)? as usize,
        collaboration_type: cells.text("collaboration_type"),
        collaboration_age: cells.text("collaboration_age"),
        people: cells.whole("people", 0, 10_000_000)? as usize,
        domains: Vec::new(),
    };
    for row in rows {
        let cells = Cells { row, fail: &fail };
        let domain = cells.domain(&file)?;
        if file.domain(&domain.id).is_some() {
            let problem = SummaryProblem::DuplicateDomain(domain.id);
            return Err(fail(Some(row.line), Some("domain_id"), problem));
        }
        file.domains.push(domain);
    }
    Ok(file)
}

type Fail<'a> = &'a dyn Fn(Option<u64>, Option<&'static str>, SummaryProblem) -> SummaryError;

/// The cells of one row, read by column name.
struct Cells<'a> {
    row: &'a Row,
    fail: Fail<'a>,
}

impl Cells<'_> {
    fn text(&self, column: &'static str) -> String {
        let k = SUMMARY_FILE_COLUMNS
            .iter()
            .position(|c| *c == column)
            .unwrap_or(0);
        self.row.cells.get(k).cloned().unwrap_or_default()
    }

    fn error(&self, column: &'static str, problem: SummaryProblem) -> SummaryError {
        (self.fail)(Some(self.row.line), Some(column), problem)
    }

    fn required(&self, column: &'static str) -> Result<String, SummaryError> {
        let text = self.text(column);
        if text.trim().is_empty() {
            return Err(self.error(column, SummaryProblem::Required));
        }
        Ok(text)
    }

    /// A number from `low` to `high`; `None` when the cell is empty.
    fn number(&self, column: &'static str, low: f64, high: f64) -> Result<Option<f64>, SummaryError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        let value =
            decimal(&text).ok_or_else(|| self.error(column, SummaryProblem::NotANumber(text.clone())))?;
        if value < low || value > high {
            return Err(self.error(column, SummaryProblem::OutOfRange(text)));
        }
        Ok(Some(value))
    }

    /// A whole number from `low` to `high`; `None` when the cell is empty.
    fn optional_whole(&self, column: &'static str, low: u64, high: u64) -> Result<Option<u64>, SummaryError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        let value: u64 = text
            .parse()
            .ok()
            .filter(|_| text.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| self.error(column, SummaryProblem::NotANumber(text.clone())))?;
        if value < low || value > high {
            return Err(self.error(column, SummaryProblem::OutOfRange(text)));
        }
        Ok(Some(value))
    }

    fn whole(&self, column: &'static str, low: u64, high: u64) -> Result<u64, SummaryError> {
        self.optional_whole(column, low, high)?
            .ok_or_else(|| self.error(column, SummaryProblem::Required))
    }

    fn date(&self, column: &'static str) -> Result<String, SummaryError> {
        let text = self.required(column)?;
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let shaped =
            b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10);
        let month = text.get(5..7).and_then(|m| m.parse::<u8>().ok()).unwrap_or(0);
        let day = text.get(8..10).and_then(|d| d.parse::<u8>().ok()).unwrap_or(0);
        if !shaped || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(self.error(column, SummaryProblem::NotADate(text)));
        }
        Ok(text)
    }

    /// The collaboration's key: hexadecimal digits, as [`super::collaboration_key`] makes.
    fn key(&self) -> Result<String, SummaryError> {
        let column = "collaboration_key";
        let text = self.required(column)?;
        if text.len() > 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error(column, SummaryProblem::NotAllowed(text)));
        }
        Ok(text.to_ascii_lowercase())
    }

    fn choice(&self, column: &'static str, allowed: &[&str]) -> Result<String, SummaryError> {
        let text = self.text(column);
        if !allowed.contains(&text.as_str()) {
            return Err(self.error(column, SummaryProblem::NotAllowed(text)));
        }
        Ok(text)
    }

    /// One domain's row, checked against the file's scale, levels and smallest group.
    fn domain(&self, file: &SummaryFile) -> Result<SummaryDomain, SummaryError> {
        let top = f64::from(file.scale_max);
        let levels = u64::from(file.level_count);
        let scale = |column| self.number(column, 1.0, top);
        let level = |column| Ok::<_, SummaryError>(self.optional_whole(column, 1, levels)?.map(|l| l as u8));
        let people_scored = self.whole("people_scored", 0, file.people as u64)? as usize;
        let low = scale("ci95_low")?;
        let high = scale("ci95_high")?;
        let ci95 = match (low, high) {
            (Some(l), Some(h)) if l <= h => Some((l, h)),
            (Some(_), Some(_)) => {
                return Err(self.error("ci95_high", SummaryProblem::OutOfRange(self.text("ci95_high"))))
            }
            (None, None) => None,
            (None, Some(_)) => return Err(self.error("ci95_low", SummaryProblem::Required)),
            (Some(_), None) => return Err(self.error("ci95_high", SummaryProblem::Required)),
        };
        let domain = SummaryDomain {
            id: self.required("domain_id")?,
            title: self.required("domain")?,
            people_scored,
            mean: scale("mean")?,
            ci95,
            median: scale("median")?,
            q1: scale("q1")?,
            q3: scale("q3")?,
            agreement: self.number("agreement_rwg", 0.0, 1.0)?,
            level: level("level")?,
            level_from: self.choice("level_from", &["", "agreed", "chosen", "scores"])?,
            target: level("target")?,
            suppressed: !self.choice("note", &["", NOTE_SUPPRESSED])?.is_empty(),
        };
        let has_figures = domain.mean.is_some()
            || domain.ci95.is_some()
            || domain.median.is_some()
            || domain.q1.is_some()
            || domain.q3.is_some()
            || domain.agreement.is_some()
            || domain.level.is_some();
        if has_figures && (domain.suppressed || people_scored < file.min_group) {
            return Err(self.error("people_scored", SummaryProblem::NotSuppressed));
        }
        if domain.level.is_some() == domain.level_from.is_empty() {
            let problem = SummaryProblem::NotAllowed(domain.level_from.clone());
            return Err(self.error("level_from", problem));
        }
        Ok(domain)
    }
}

/// A plain decimal as Trellis writes one (`3`, `3.25`): digits, then optionally a point
/// and more digits; no sign, exponent or spaces. Read by hand rather than with
/// `str::parse::<f64>`, whose general float parser would add about 10 KB to the app's
/// bundle for numbers that never need it.
fn decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.len() <= 40 && part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 15 || !digits(whole) || !digits(fraction) || text.ends_with('.') {
        return None;
    }
    // Other tools write binary fractions out in full (2.0999999999999996); digits past
    // the fifteenth change nothing that matters here.
    let fraction = &fraction[..fraction.len().min(15)];
    let number = |part: &str| part.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let scale = 10u64.pow(fraction.len() as u32);
    Some(number(whole) as f64 + number(fraction) as f64 / scale as f64)
}
