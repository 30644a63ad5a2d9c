//! CSV imports: the header row, a suggested mapping of a survey platform's columns to
//! statements, and reading each row into a response that is checked on its own.

use std::collections::{BTreeMap, BTreeSet};

use super::labels::LabelMapping;
use super::platforms::Platform;
use super::read::{stop_item, RowReader};
use super::table::read_csv_table;
use super::{in_mode, CsvProblem, ImportItem, TransferError};
use crate::format::{Answer, Collaboration, Partner, RoleCategory, Timestamp};
use crate::instrument::Instrument;

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
    /// When the response was completed (a platform's completion time); without it,
    /// rows are taken as submitted at the time of the import.
    Submitted,
    /// Whether the respondent finished (`0`, `False` or `No` reads the row as a draft,
    /// kept but not counted in results).
    Finished,
    /// A file with a row per answer (Trellis's tidy export): the statement id of the row.
    RowStatement,
    /// ... the answer to that statement.
    RowAnswer,
    /// ... the comment on that statement.
    RowComment,
    /// ... the level the person chose for that statement's topic.
    RowLevel,
}

/// What each column of a CSV file holds, in column order (one entry per header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMapping {
    pub columns: Vec<ColumnTarget>,
}

/// Lower case, letters and digits only, apostrophes dropped (so "Don’t" = "dont"), any
/// other run of punctuation or whitespace as one space.
pub(super) fn normalise(text: &str) -> String {
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

/// The header row of a CSV file (cells trimmed), for choosing a mapping.
pub fn csv_headers(text: &str) -> Result<Vec<String>, TransferError> {
    let table = read_csv_table(text)?;
    Ok(table
        .rows
        .first()
        .map(|r| r.cells.iter().map(|h| h.trim().to_string()).collect())
        .unwrap_or_default())
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
                ColumnTarget::Submitted => (7, ""),
                ColumnTarget::Finished => (8, ""),
                ColumnTarget::RowStatement => (9, ""),
                ColumnTarget::RowAnswer => (10, ""),
                ColumnTarget::RowComment => (11, ""),
                ColumnTarget::RowLevel => (12, ""),
            }
        }
        key(self).cmp(&key(other))
    }
}

/// Reads one answer cell: `Ok(None)` for blank.
pub(super) fn parse_answer(raw: &str, instrument: &Instrument) -> Result<Option<Answer>, Option<u8>> {
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

pub(super) fn parse_role(raw: &str) -> Result<RoleCategory, TransferError> {
    let word = normalise(raw);
    if word.is_empty() {
        return Ok(RoleCategory::Other);
    }
    RoleCategory::ALL
        .into_iter()
        .find(|r| normalise(r.id()) == word || normalise(role_label(*r)) == word)
        .ok_or_else(|| TransferError::UnknownRole(raw.trim().to_string()))
}

pub(super) fn find_partner<'a>(collaboration: &'a Collaboration, raw: &str) -> Option<&'a Partner> {
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
pub(super) fn check_mapping(
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
            ColumnTarget::Organisation
            | ColumnTarget::Role
            | ColumnTarget::ResponseId
            | ColumnTarget::Submitted
            | ColumnTarget::Finished
            | ColumnTarget::RowStatement
            | ColumnTarget::RowAnswer
            | ColumnTarget::RowComment => None,
            ColumnTarget::RowLevel if !mode_file.ask_levels => Some(TransferError::LevelsNotAsked {
                mode: mode.to_string(),
            }),
            ColumnTarget::RowLevel => None,
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
    let tidy = seen.contains_key(&ColumnTarget::RowStatement) || seen.contains_key(&ColumnTarget::RowAnswer);
    let wide = seen.keys().any(|t| matches!(t, ColumnTarget::Statement(_)));
    if tidy && wide {
        return Err(header_error(CsvProblem::MixedLayout));
    }
    if tidy
        && !(seen.contains_key(&ColumnTarget::RowStatement) && seen.contains_key(&ColumnTarget::RowAnswer))
    {
        return Err(header_error(CsvProblem::TidyColumns));
    }
    if !tidy && !wide {
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
    let table = read_csv_table(text)?;
    let headers: Vec<String> = table
        .rows
        .first()
        .map(|r| r.cells.iter().map(|h| h.trim().to_string()).collect())
        .unwrap_or_default();
    if headers.is_empty() {
        return Err(TransferError::Csv {
            line: 1,
            problem: CsvProblem::Empty,
        });
    }
    check_mapping(mapping, &headers, instrument, mode)?;
    let reader = RowReader {
        name: "CSV",
        headers: &headers,
        mapping,
        labels: &LabelMapping::default(),
        instrument,
        mode,
        collaboration,
        round_id,
        platform: Platform::Trellis,
        derived_id: None,
        now,
    };
    let data = table.rows.get(1..).unwrap_or_default();
    let mut items = reader.read(data, &mut new_id);
    if let Some(stop) = table.stopped {
        items.push(stop_item("CSV", 0, stop));
    }
    Ok(items)
}
