//! A table made ready for the facilitator to check before anything is read: the
//! platform that wrote it, its combined headers, what each column is taken as (and
//! whether that was recognised, left out on purpose, or needs a decision), the labels to
//! map once, and how many data rows there are; then reading it into import items.

use super::csv::{check_mapping, normalise, parse_answer, suggest_mapping, ColumnTarget, CsvMapping};
use super::labels::LabelMapping;
use super::platforms::{detect, MetadataKind, Platform, Special};
use super::read::{stop_item, RowReader};
use super::table::{ParseStop, Table, TableRow};
use super::{in_mode, ImportItem, TransferError};
use crate::format::{Collaboration, Timestamp};
use crate::instrument::Instrument;
use crate::sort::sort_by;

/// How sure the suggestion for a column is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnStatus {
    /// Matched by its name or wording (a statement, organisation, role, response id,
    /// completion time...).
    Recognised,
    /// The platform's own information, left out on purpose.
    Metadata(MetadataKind),
    /// Looks like a question but matches no statement of the round's mode: left out
    /// until the facilitator chooses; `closest` are the statements with the most words in
    /// common (at most 3, closest first).
    NotRecognised { closest: Vec<String> },
    /// Free text (comments): suggested as comments on the first of `closest` (or on the
    /// mode's last statement when no wording is shared).
    FreeText { closest: Vec<String> },
}

/// One column: its combined header, what it is suggested to hold, and how sure that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnInfo {
    pub header: String,
    pub suggestion: ColumnTarget,
    pub status: ColumnStatus,
}

/// A file ready to be checked and read (see [`prepare_import`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedImport {
    /// The file's name, used in every item's source ("name row 7").
    pub name: String,
    pub platform: Platform,
    /// How many rows at the top are headers (Qualtrics 3, SurveyMonkey 2, others 1).
    pub header_rows: usize,
    /// One header per column, the header rows combined.
    pub headers: Vec<String>,
    pub columns: Vec<ColumnInfo>,
    /// The suggested mapping (each column's suggestion), for the facilitator to correct.
    pub mapping: CsvMapping,
    /// The labels under the suggested mapping, with suggestions.
    pub labels: LabelMapping,
    /// Rows after the headers, blank rows left out: every one is accounted for by
    /// [`PreparedImport::read`].
    pub data_rows: usize,
    /// Where reading stopped at an unclosed quote, if it did.
    pub stopped: Option<ParseStop>,
    rows: Vec<TableRow>,
    derived_id: Option<&'static str>,
}

/// Words too common to say which statement a header is about.
const COMMON_WORDS: [&str; 24] = [
    "the", "a", "an", "of", "to", "and", "in", "on", "is", "are", "we", "our", "each", "for", "with", "this",
    "that", "it", "be", "by", "as", "at", "their", "its",
];

fn content_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = normalise(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !COMMON_WORDS.contains(w))
        .map(str::to_string)
        .collect();
    sort_by(&mut words, |a, b| a.cmp(b));
    words.dedup();
    words
}

/// The statements of `mode` closest in wording to `header`, by the share of words they
/// have in common (Jaccard similarity of their content words): at most 3, closest first,
/// only those sharing a word.
pub fn closest_statements(header: &str, instrument: &Instrument, mode: &str) -> Vec<String> {
    let words = content_words(header);
    let mut scored: Vec<(f64, usize, String)> = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, mode))
        .enumerate()
        .filter_map(|(k, s)| {
            let theirs = content_words(&s.text);
            let common = theirs.iter().filter(|w| words.contains(w)).count();
            let union = words.len() + theirs.len() - common;
            (common > 0).then(|| (common as f64 / union as f64, k, s.id.clone()))
        })
        .collect();
    sort_by(&mut scored, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, _, id)| id).collect()
}

/// Whether a column holds free text: its header asks for comments, or a value has four
/// words or more and is not an answer.
fn free_text(header: &str, values: &[&str], instrument: &Instrument) -> bool {
    let h = format!(" {} ", normalise(header));
    let asks = [
        " comment",
        " comments ",
        " anything else ",
        " tell us ",
        " why ",
        " explain ",
        " other ",
    ]
    .iter()
    .any(|w| h.contains(w));
    asks || values
        .iter()
        .any(|v| v.split_whitespace().count() >= 4 && parse_answer(v, instrument).is_err())
}

/// The mapping of Trellis's tidy export: a row per person and statement.
fn tidy_target(header: &str) -> Option<ColumnTarget> {
    Some(match header.trim().to_ascii_lowercase().as_str() {
        "response_id" => ColumnTarget::ResponseId,
        "organisation_id" => ColumnTarget::Organisation,
        "role" => ColumnTarget::Role,
        "submitted" => ColumnTarget::Submitted,
        "statement_id" => ColumnTarget::RowStatement,
        "answer" => ColumnTarget::RowAnswer,
        "comment" => ColumnTarget::RowComment,
        "level_chosen" => ColumnTarget::RowLevel,
        _ => return None,
    })
}

/// Prepares a table (a CSV file's from [`super::read_csv_table`], or a spreadsheet's
/// from [`Table::from_rows`]) for the round's instrument, mode and collaboration:
/// recognises the platform and its header rows, suggests a target for every column and
/// says how sure it is, lists the labels to map, and counts the data rows.
///
/// A statement-like column that matches no statement is never left out silently: it is
/// [`ColumnStatus::NotRecognised`] with the closest statements, or
/// [`ColumnStatus::FreeText`] and suggested as comments. The `Err` is a file with no
/// header row at all.
pub fn prepare_import(
    name: &str,
    table: Table,
    instrument: &Instrument,
    mode: &str,
    collaboration: &Collaboration,
) -> Result<PreparedImport, TransferError> {
    let layout = detect(&table.rows);
    if layout.headers.is_empty() {
        return Err(TransferError::Csv {
            line: 1,
            problem: super::CsvProblem::Empty,
        });
    }
    let rows: Vec<TableRow> = table.rows.into_iter().skip(layout.header_rows).collect();
    let headers = layout.headers;
    let asks_levels = instrument.mode(mode).is_some_and(|m| m.ask_levels);
    let mut mapping = if layout.platform == Platform::TrellisTidy {
        CsvMapping {
            columns: headers
                .iter()
                .map(|h| match tidy_target(h) {
                    // Levels are only read in a mode that asks for them.
                    Some(ColumnTarget::RowLevel) if !asks_levels => ColumnTarget::Ignore,
                    target => target.unwrap_or(ColumnTarget::Ignore),
                })
                .collect(),
        }
    } else {
        suggest_mapping(&headers, instrument, mode)
    };
    let mut columns = Vec::with_capacity(headers.len());
    let mut taken: Vec<ColumnTarget> = mapping
        .columns
        .iter()
        .filter(|t| **t != ColumnTarget::Ignore)
        .cloned()
        .collect();
    for (k, header) in headers.iter().enumerate() {
        let special = layout.special.get(k).copied().flatten();
        let slot = &mut mapping.columns[k];
        let status = match special {
            Some(Special::ResponseId) => {
                *slot = ColumnTarget::ResponseId;
                ColumnStatus::Recognised
            }
            Some(Special::Submitted) => {
                *slot = ColumnTarget::Submitted;
                ColumnStatus::Recognised
            }
            Some(Special::Finished) => {
                *slot = ColumnTarget::Finished;
                ColumnStatus::Recognised
            }
            Some(Special::Metadata(kind)) if *slot == ColumnTarget::Ignore => ColumnStatus::Metadata(kind),
            None if layout.platform == Platform::TrellisTidy && *slot == ColumnTarget::Ignore => {
                ColumnStatus::Metadata(MetadataKind::Description)
            }
            // Trellis's file with a row per person also names its columns as the tidy
            // export does (`organisation_id` beside `organisation`, `submitted`): a
            // target not taken yet is read, the others repeat what is read.
            None if layout.platform == Platform::Trellis
                && *slot == ColumnTarget::Ignore
                && tidy_target(header).is_some() =>
            {
                match tidy_target(header) {
                    Some(target) if !taken.contains(&target) => {
                        *slot = target.clone();
                        taken.push(target);
                        ColumnStatus::Recognised
                    }
                    _ => ColumnStatus::Metadata(MetadataKind::Description),
                }
            }
            _ if *slot != ColumnTarget::Ignore => ColumnStatus::Recognised,
            _ => {
                let values: Vec<&str> = rows
                    .iter()
                    .filter_map(|r| r.cells.get(k).map(|c| c.trim()))
                    .filter(|c| !c.is_empty())
                    .collect();
                let closest = closest_statements(header, instrument, mode);
                if free_text(header, &values, instrument) {
                    ColumnStatus::FreeText { closest }
                } else {
                    ColumnStatus::NotRecognised { closest }
                }
            }
        };
        columns.push(ColumnInfo {
            header: header.clone(),
            suggestion: slot.clone(),
            status,
        });
    }
    suggest_comments(&mut columns, &mut mapping, instrument, mode);
    let labels = LabelMapping::suggest(
        &rows,
        &mapping,
        instrument,
        collaboration,
        &LabelMapping::default(),
    );
    Ok(PreparedImport {
        name: name.to_string(),
        platform: layout.platform,
        header_rows: layout.header_rows,
        headers,
        columns,
        mapping,
        labels,
        data_rows: rows.len(),
        stopped: table.stopped,
        rows,
        derived_id: layout.derived_id,
    })
}

/// Free-text columns become comments on their closest statement not already given
/// comments (or the mode's last such statement), one column a statement.
fn suggest_comments(
    columns: &mut [ColumnInfo],
    mapping: &mut CsvMapping,
    instrument: &Instrument,
    mode: &str,
) {
    let in_mode: Vec<&str> = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, mode))
        .map(|s| s.id.as_str())
        .collect();
    let mut used: Vec<String> = mapping
        .columns
        .iter()
        .filter_map(|t| match t {
            ColumnTarget::Comment(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    for (column, target) in columns.iter_mut().zip(mapping.columns.iter_mut()) {
        let ColumnStatus::FreeText { closest } = &column.status else {
            continue;
        };
        let taken = |id: &str| used.contains(&id.to_string());
        let choice = closest
            .iter()
            .map(String::as_str)
            .find(|id| !taken(id))
            .or_else(|| in_mode.iter().rev().copied().find(|id| !taken(id)));
        if let Some(id) = choice {
            used.push(id.to_string());
            *target = ColumnTarget::Comment(id.to_string());
            column.suggestion = target.clone();
        }
    }
}

impl PreparedImport {
    /// The labels under a changed `mapping`, keeping the choices already made in
    /// `labels` for the same values.
    pub fn relabel(
        &self,
        mapping: &CsvMapping,
        labels: &LabelMapping,
        instrument: &Instrument,
        collaboration: &Collaboration,
    ) -> LabelMapping {
        LabelMapping::suggest(&self.rows, mapping, instrument, collaboration, labels)
    }

    /// Reads every data row into import items under `mapping` and `labels`: one item per
    /// row ("name row N", N the spreadsheet's line), or for a file with a row per answer
    /// one item per person standing for all their rows ("name rows 2–17"). Every data
    /// row is in exactly one item: the items' `rows` add up to [`Self::data_rows`].
    ///
    /// When reading stopped at an unclosed quote: with `take_rows_before_stop` false,
    /// nothing is read, and one item standing for every data row carries
    /// [`TransferError::UnclosedQuote`]; with it true, the rows before are read and that
    /// item follows them, standing for no row (the lines lost are not rows).
    ///
    /// A mapping that does not fit the headers or the round (see
    /// [`Self::check_mapping`], which the page calls first to say so beside the mapping)
    /// reads nothing: one item standing for every data row carries the problem.
    #[allow(clippy::too_many_arguments)]
    pub fn read(
        &self,
        mapping: &CsvMapping,
        labels: &LabelMapping,
        take_rows_before_stop: bool,
        instrument: &Instrument,
        mode: &str,
        collaboration: &Collaboration,
        round_id: &str,
        mut new_id: impl FnMut() -> String,
        now: Timestamp,
    ) -> Vec<ImportItem> {
        if let Err(e) = self.check_mapping(mapping, instrument, mode) {
            return vec![ImportItem {
                source: self.name.clone(),
                rows: self.data_rows,
                result: Err(e),
            }];
        }
        if let (Some(stop), false) = (self.stopped, take_rows_before_stop) {
            return vec![stop_item(&self.name, self.data_rows, stop)];
        }
        let reader = RowReader {
            name: &self.name,
            headers: &self.headers,
            mapping,
            labels,
            instrument,
            mode,
            collaboration,
            round_id,
            platform: self.platform,
            derived_id: self.derived_id,
            now,
        };
        let mut items = reader.read(&self.rows, &mut new_id);
        if let Some(stop) = self.stopped {
            items.push(stop_item(&self.name, 0, stop));
        }
        items
    }

    /// Whether `mapping` fits the headers and the round: one column for the
    /// organisation, at least one for answers, nothing mapped twice, every statement and
    /// topic asked in `mode` (the problems [`super::CsvProblem`] names, at line 1).
    pub fn check_mapping(
        &self,
        mapping: &CsvMapping,
        instrument: &Instrument,
        mode: &str,
    ) -> Result<(), TransferError> {
        check_mapping(mapping, &self.headers, instrument, mode)
    }
}
