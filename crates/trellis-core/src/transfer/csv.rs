//! CSV imports: the header row, a suggested mapping of a survey platform's columns to
//! statements, and reading each row into a response that is checked on its own.

use std::collections::{BTreeMap, BTreeSet};

use super::{check_response, check_size, in_mode, CsvProblem, Field, ImportItem, TransferError};
use crate::format::{
    Answer, Collaboration, Partner, Response, ResponseFile, RoleCategory, Timestamp, RESPONSE_FORMAT,
    RESPONSE_MARKER,
};
use crate::instrument::Instrument;

/// Largest CSV file accepted (checked before parsing).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// What one CSV column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnTarget {
    Ignore,
    /// The partner organisation, by name or id (case-insensitive).
    Organisation,
    /// The role, by id (`manager`) or English label ("Clinician or practitioner").
    Role,
    ResponseId,
    /// Answers to the statement with this id.
    Statement(String),
    /// The maturity level chosen for the domain with this id.
    Level(String),
    /// Comments on the statement with this id.
    Comment(String),
}

/// What each column of a CSV file holds, in column order (one entry per header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMapping {
    pub columns: Vec<ColumnTarget>,
}

/// Lower case, letters and digits only, apostrophes dropped (so "Don’t" = "dont"), any
/// other run of punctuation or whitespace as one space.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`' | '\u{b4}') {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The delimiter of the header line: comma unless semicolons or tabs (as some Excel
/// locales write) clearly outnumber commas outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let (mut quoted, mut commas, mut semicolons, mut tabs) = (false, 0, 0, 0);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Line numbers (from 1) of records, from their byte offsets, counted as a text editor or
/// a spreadsheet would: blank lines and line breaks inside quoted cells count.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line a record starting at `byte` begins on; offsets must not go backwards.
    fn at(&mut self, byte: usize) -> u64 {
        // The reader may report the offset of the previous line end or of skipped blank
        // lines; the record itself starts after them.
        let mut start = byte.min(self.text.len());
        while self.text.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        if start > self.offset {
            let passed = &self.text[self.offset..start];
            self.line += passed.iter().filter(|b| **b == b'\n').count() as u64;
            self.offset = start;
        }
        self.line
    }
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let text = without_bom(text);
    csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

fn csv_error(e: &csv::Error, line: u64) -> TransferError {
    let problem = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => CsvProblem::NotUtf8,
        _ => CsvProblem::Syntax(e.to_string()),
    };
    TransferError::Csv { line, problem }
}

fn read_headers(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, TransferError> {
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Err(e) => Err(csv_error(&e, 1)),
        Ok(false) => Err(TransferError::Csv {
            line: 1,
            problem: CsvProblem::Empty,
        }),
        Ok(true) => Ok(record.iter().map(|h| h.trim().to_string()).collect()),
    }
}

/// The header row of a CSV file (cells trimmed), for choosing a mapping.
pub fn csv_headers(text: &str) -> Result<Vec<String>, TransferError> {
    check_size(text, MAX_IMPORT_BYTES)?;
    read_headers(&mut csv_reader(text))
}

/// Guesses what each column holds. First the names of Trellis's own CSV format
/// (`organisation`, `role`, `response_id`, statement ids, `level:<domain>`,
/// `comment:<statement>`, case-insensitive); then, for the rest, statement texts after
/// normalising case, punctuation, quotes and whitespace (also when the header only
/// contains the text, as survey platforms add numbering), headers mentioning an
/// organisation or a role. Each target is given to the first column that matches;
/// everything else is ignored. Only statements and domains of `mode` are suggested.
pub fn suggest_mapping(headers: &[String], instrument: &Instrument, mode: &str) -> CsvMapping {
    let statements: Vec<_> = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, mode))
        .collect();
    let asks_levels = instrument.mode(mode).is_some_and(|m| m.ask_levels);
    let domains: Vec<_> = instrument.domains_in_mode(mode).collect();
    let mut columns = vec![ColumnTarget::Ignore; headers.len()];
    let mut used: BTreeSet<ColumnTarget> = BTreeSet::new();

    // Pass 1: Trellis's own column names.
    for (column, header) in columns.iter_mut().zip(headers) {
        // Ids and keywords are ASCII, so ASCII case-insensitivity is all they need.
        let h = header.trim().to_ascii_lowercase();
        let target = if h == "organisation" || h == "organization" {
            Some(ColumnTarget::Organisation)
        } else if h == "role" {
            Some(ColumnTarget::Role)
        } else if h == "response_id" {
            Some(ColumnTarget::ResponseId)
        } else if let Some(d) = h.strip_prefix("level:") {
            domains
                .iter()
                .find(|dom| asks_levels && dom.id.eq_ignore_ascii_case(d.trim()))
                .map(|dom| ColumnTarget::Level(dom.id.clone()))
        } else if let Some(s) = h.strip_prefix("comment:") {
            statements
                .iter()
                .find(|st| st.id.eq_ignore_ascii_case(s.trim()))
                .map(|st| ColumnTarget::Comment(st.id.clone()))
        } else {
            statements
                .iter()
                .find(|st| st.id.eq_ignore_ascii_case(&h))
                .map(|st| ColumnTarget::Statement(st.id.clone()))
        };
        if let Some(target) = target {
            if used.insert(target.clone()) {
                *column = target;
            }
        }
    }

    // Pass 2: statement texts, then organisation and role questions.
    let texts: Vec<(String, &str)> = statements
        .iter()
        .map(|s| (normalise(&s.text), s.id.as_str()))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    for (column, header) in columns.iter_mut().zip(headers) {
        if *column != ColumnTarget::Ignore {
            continue;
        }
        let h = normalise(header);
        let padded = format!(" {h} ");
        let by_text = texts
            .iter()
            .filter(|(t, _)| h == *t || padded.contains(&format!(" {t} ")))
            .max_by_key(|(t, _)| t.len())
            .map(|(_, id)| ColumnTarget::Statement(id.to_string()));
        let words: Vec<&str> = h.split(' ').collect();
        let target = by_text.or_else(|| {
            if words
                .iter()
                .any(|w| w.starts_with("organisation") || w.starts_with("organization"))
            {
                Some(ColumnTarget::Organisation)
            } else if words.contains(&"role") {
                Some(ColumnTarget::Role)
            } else {
                None
            }
        });
        if let Some(target) = target {
            if used.insert(target.clone()) {
                *column = target;
            }
        }
    }
    CsvMapping { columns }
}

// `BTreeSet<ColumnTarget>` above needs an order; any consistent one will do.
impl PartialOrd for ColumnTarget {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ColumnTarget {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        fn key(t: &ColumnTarget) -> (u8, &str) {
            match t {
                ColumnTarget::Ignore => (0, ""),
                ColumnTarget::Organisation => (1, ""),
                ColumnTarget::Role => (2, ""),
                ColumnTarget::ResponseId => (3, ""),
                ColumnTarget::Statement(s) => (4, s),
                ColumnTarget::Level(s) => (5, s),
                ColumnTarget::Comment(s) => (6, s),
            }
        }
        key(self).cmp(&key(other))
    }
}

/// Reads one answer cell: `Ok(None)` for blank.
fn parse_answer(raw: &str, instrument: &Instrument) -> Result<Option<Answer>, Option<u8>> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = trimmed.parse::<u8>() {
        return if n >= 1 && n <= instrument.scale_max() {
            Ok(Some(Answer::Scale(n)))
        } else {
            Err(Some(n))
        };
    }
    let word = normalise(trimmed);
    let scale = instrument.scale();
    if ["dk", "dont know", "do not know"].contains(&word.as_str()) || word == normalise(&scale.dont_know) {
        return Ok(Some(Answer::DontKnow));
    }
    if ["na", "n a", "not applicable"].contains(&word.as_str()) || word == normalise(&scale.not_applicable) {
        return Ok(Some(Answer::NotApplicable));
    }
    if let Some(p) = scale.points.iter().find(|p| normalise(&p.label) == word) {
        return Ok(Some(Answer::Scale(p.value)));
    }
    if instrument.scale_max() == 5 {
        let value = match word.as_str() {
            "strongly disagree" => Some(1),
            "disagree" => Some(2),
            "neither agree nor disagree" | "neutral" => Some(3),
            "agree" => Some(4),
            "strongly agree" => Some(5),
            _ => None,
        };
        if let Some(v) = value {
            return Ok(Some(Answer::Scale(v)));
        }
    }
    Err(None)
}

/// The English label of each role, as the app shows it.
pub fn role_label(role: RoleCategory) -> &'static str {
    match role {
        RoleCategory::SeniorLeader => "Senior leader or executive",
        RoleCategory::Manager => "Manager",
        RoleCategory::Clinician => "Clinician or practitioner",
        RoleCategory::FrontLine => "Front-line staff",
        RoleCategory::ServiceUser => "Service user or carer representative",
        RoleCategory::Other => "Other",
    }
}

fn parse_role(raw: &str) -> Result<RoleCategory, TransferError> {
    let word = normalise(raw);
    if word.is_empty() {
        return Ok(RoleCategory::Other);
    }
    RoleCategory::ALL
        .into_iter()
        .find(|r| normalise(r.id()) == word || normalise(role_label(*r)) == word)
        .ok_or_else(|| TransferError::UnknownRole(raw.trim().to_string()))
}

fn find_partner<'a>(collaboration: &'a Collaboration, raw: &str) -> Option<&'a Partner> {
    let raw = raw.trim();
    let lower = raw.to_lowercase();
    let norm = normalise(raw);
    collaboration
        .partners
        .iter()
        .find(|p| p.id.to_lowercase() == lower || p.name.trim().to_lowercase() == lower)
        .or_else(|| {
            collaboration
                .partners
                .iter()
                .find(|p| !norm.is_empty() && normalise(&p.name) == norm)
        })
}

/// Checks that a mapping fits the header row and the round's instrument and mode.
fn check_mapping(
    mapping: &CsvMapping,
    headers: &[String],
    instrument: &Instrument,
    mode: &str,
) -> Result<(), TransferError> {
    let header_error = |problem: CsvProblem| TransferError::Csv { line: 1, problem };
    if mapping.columns.len() != headers.len() {
        return Err(header_error(CsvProblem::ColumnCount {
            found: headers.len(),
            described: mapping.columns.len(),
        }));
    }
    let mode_file = instrument
        .mode(mode)
        .ok_or_else(|| TransferError::UnknownMode(mode.to_string()))?;
    let mut seen: BTreeMap<&ColumnTarget, &str> = BTreeMap::new();
    for (target, header) in mapping.columns.iter().zip(headers) {
        let problem = match target {
            ColumnTarget::Ignore => continue,
            ColumnTarget::Organisation | ColumnTarget::Role | ColumnTarget::ResponseId => None,
            ColumnTarget::Statement(id) | ColumnTarget::Comment(id) => {
                match instrument.statements().iter().find(|s| &s.id == id) {
                    None => Some(TransferError::UnknownStatement(id.clone())),
                    Some(s) if !in_mode(s, mode) => Some(TransferError::StatementNotInMode {
                        statement: id.clone(),
                        mode: mode.to_string(),
                    }),
                    Some(_) => None,
                }
            }
            ColumnTarget::Level(d) => {
                if instrument.domain(d).is_none() {
                    Some(TransferError::UnknownDomain(d.clone()))
                } else if !mode_file.ask_levels {
                    Some(TransferError::LevelsNotAsked {
                        mode: mode.to_string(),
                    })
                } else if instrument.statements_in(mode, d).next().is_none() {
                    Some(TransferError::DomainNotInMode {
                        domain: d.clone(),
                        mode: mode.to_string(),
                    })
                } else {
                    None
                }
            }
        };
        if let Some(problem) = problem {
            return Err(header_error(CsvProblem::Column {
                header: header.clone(),
                problem: Box::new(problem),
            }));
        }
        if let Some(first) = seen.insert(target, header) {
            return Err(header_error(CsvProblem::SameTarget {
                first: first.to_string(),
                second: header.clone(),
            }));
        }
    }
    if !seen.contains_key(&ColumnTarget::Organisation) {
        return Err(header_error(CsvProblem::NoOrganisationColumn));
    }
    if !seen.keys().any(|t| matches!(t, ColumnTarget::Statement(_))) {
        return Err(header_error(CsvProblem::NoStatementColumn));
    }
    Ok(())
}

/// Reads responses from a CSV file, one per row, each checked on its own.
///
/// # Trellis's own CSV format
///
/// - UTF-8 text (a byte order mark is allowed), comma-separated (semicolons or tabs are
///   recognised from the header line), Windows or Unix line ends, fields quoted with `"`
///   when they hold a comma, quote or line break. Blank lines are skipped. At most 5 MB.
/// - The first row is the header. Column order does not matter; header names are
///   case-insensitive.
/// - `organisation` (required): the partner's name or id, case-insensitive.
/// - `role`: a role id or its English label: `senior-leader` "Senior leader or
///   executive", `manager` "Manager", `clinician` "Clinician or practitioner",
///   `front-line` "Front-line staff", `service-user` "Service user or carer
///   representative", `other` "Other". Blank, or no role column, means `other`.
/// - `response_id` (optional): keeps ids stable, so importing the same file again reports
///   duplicates instead of adding them twice. Without it each row gets a new id.
/// - One column per statement, named by the statement id (for example
///   `leadership.visible`): `1` to `5`, `dk` (don't know), `na` (not applicable) or blank
///   (unanswered). Agreement words are accepted too: "Strongly disagree" 1, "Disagree" 2,
///   "Neither agree nor disagree" or "Neutral" 3, "Agree" 4, "Strongly agree" 5, "Don't
///   know" and "Not applicable" (or "N/A").
/// - `level:<domain id>` (optional, only for modes that ask for levels): `1` to `5` or blank.
/// - `comment:<statement id>` (optional): free text, at most 2,000 characters.
///
/// Other files (for example a survey platform's export) are read through a
/// [`CsvMapping`] from [`suggest_mapping`], which the facilitator can correct.
///
/// Each row becomes `("CSV row N", result)`, where N is the line the row starts on (the
/// header is line 1, so it matches a spreadsheet's row number). Rows are submitted at
/// `now`. The `Err` result is for the whole file: too large, no header, or a mapping that
/// does not fit.
#[allow(clippy::too_many_arguments)]
pub fn parse_csv(
    text: &str,
    instrument: &Instrument,
    mode: &str,
    collaboration: &Collaboration,
    round_id: &str,
    mapping: &CsvMapping,
    mut new_id: impl FnMut() -> String,
    now: Timestamp,
) -> Result<Vec<ImportItem>, TransferError> {
    check_size(text, MAX_IMPORT_BYTES)?;
    let mut reader = csv_reader(text);
    let headers = read_headers(&mut reader)?;
    check_mapping(mapping, &headers, instrument, mode)?;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(without_bom(text));
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Err(e) => {
                // The text is already UTF-8 and rows may have any length, so this is not
                // expected; report it at its row and stop, as the reader may be unusable.
                let line = lines.at(e.position().map_or(usize::MAX, |p| p.byte() as usize));
                rows.push(ImportItem::new(
                    format!("CSV row {line}"),
                    Err(csv_error(&e, line)),
                ));
                break;
            }
            Ok(true) => {
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                let line = lines.at(record.position().map_or(usize::MAX, |p| p.byte() as usize));
                let result = read_row(
                    &record,
                    &headers,
                    line,
                    instrument,
                    mode,
                    collaboration,
                    round_id,
                    mapping,
                    &mut new_id,
                    now,
                );
                rows.push(ImportItem::new(format!("CSV row {line}"), result));
            }
        }
    }
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    record: &csv::StringRecord,
    headers: &[String],
    line: u64,
    instrument: &Instrument,
    mode: &str,
    collaboration: &Collaboration,
    round_id: &str,
    mapping: &CsvMapping,
    new_id: &mut impl FnMut() -> String,
    now: Timestamp,
) -> Result<ResponseFile, TransferError> {
    if record.len() != headers.len() {
        return Err(TransferError::Csv {
            line,
            problem: CsvProblem::RowLength {
                cells: record.len(),
                headers: headers.len(),
            },
        });
    }
    let mut organisation = None;
    let mut role = RoleCategory::Other;
    let mut id = None;
    let mut answers = BTreeMap::new();
    let mut levels = BTreeMap::new();
    let mut comments = BTreeMap::new();
    for ((target, cell), header) in mapping.columns.iter().zip(record.iter()).zip(headers) {
        match target {
            ColumnTarget::Ignore => {}
            ColumnTarget::Organisation => {
                if cell.trim().is_empty() {
                    return Err(TransferError::EmptyField(Field::Organisation));
                }
                let partner = find_partner(collaboration, cell)
                    .ok_or_else(|| TransferError::UnknownOrganisation(cell.trim().to_string()))?;
                organisation = Some(partner.id.clone());
            }
            ColumnTarget::Role => role = parse_role(cell)?,
            ColumnTarget::ResponseId => {
                let cell = cell.trim();
                if !cell.is_empty() {
                    id = Some(cell.to_string());
                }
            }
            ColumnTarget::Statement(statement) => match parse_answer(cell, instrument) {
                Ok(None) => {}
                Ok(Some(a)) => {
                    answers.insert(statement.clone(), a);
                }
                Err(Some(value)) => {
                    return Err(TransferError::AnswerOutOfScale {
                        statement: statement.clone(),
                        value,
                    })
                }
                Err(None) => {
                    return Err(TransferError::CsvValue {
                        column: header.clone(),
                        value: cell.trim().to_string(),
                    })
                }
            },
            ColumnTarget::Level(domain) => {
                let cell = cell.trim();
                if !cell.is_empty() {
                    let level = cell.parse::<u8>().map_err(|_| TransferError::CsvValue {
                        column: header.clone(),
                        value: cell.to_string(),
                    })?;
                    levels.insert(domain.clone(), level);
                }
            }
            ColumnTarget::Comment(statement) => {
                let cell = cell.trim();
                if !cell.is_empty() {
                    comments.insert(statement.clone(), cell.to_string());
                }
            }
        }
    }
    let organisation = organisation.ok_or(TransferError::EmptyField(Field::Organisation))?;
    let response = Response {
        id: id.unwrap_or_else(new_id),
        round_id: round_id.to_string(),
        organisation,
        role,
        answers,
        levels,
        comments,
        ties: Default::default(),
        started: now,
        updated: now,
        submitted: Some(now),
    };
    check_response(&response, instrument, mode, collaboration)?;
    Ok(ResponseFile {
        trellis: RESPONSE_MARKER.to_string(),
        format: RESPONSE_FORMAT,
        instrument: instrument.id().to_string(),
        version: instrument.version().to_string(),
        response,
    })
}
