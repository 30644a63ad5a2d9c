//! Reading a table's data rows into import items under a column mapping and a label
//! mapping: one item per row for a file with a row per person, one item per person
//! (standing for all that person's rows) for a file with a row per answer. Every data row
//! ends up in exactly one item.

use std::collections::BTreeMap;

use super::csv::{find_partner, parse_answer, parse_role, ColumnTarget, CsvMapping};
use super::labels::{lookup, LabelMapping};
use super::platforms::{day_first, parse_time, unfinished, Platform};
use super::table::{ParseStop, TableRow};
use super::{check_response, CsvProblem, Field, ImportItem, TransferError};
use crate::format::{
    Answer, Collaboration, Response, ResponseFile, RoleCategory, Timestamp, RESPONSE_FORMAT, RESPONSE_MARKER,
};
use crate::instrument::Instrument;
use crate::sort::sort_by;

/// The item that reports an unclosed quote: it stands for `rows` data rows (all of the
/// file's when nothing is taken from it, none when the rows before it are taken).
pub(super) fn stop_item(name: &str, rows: usize, stop: ParseStop) -> ImportItem {
    ImportItem {
        source: name.to_string(),
        rows,
        result: Err(TransferError::UnclosedQuote {
            quote_line: stop.quote_line,
            first_lost_line: stop.first_lost_line,
            last_line: stop.last_line,
        }),
    }
}

/// Everything a row needs to become a response.
pub(super) struct RowReader<'a> {
    /// The file's name, for sources ("name row 7").
    pub name: &'a str,
    pub headers: &'a [String],
    pub mapping: &'a CsvMapping,
    pub labels: &'a LabelMapping,
    pub instrument: &'a Instrument,
    pub mode: &'a str,
    pub collaboration: &'a Collaboration,
    pub round_id: &'a str,
    pub platform: Platform,
    /// See `platforms::Layout::derived_id`.
    pub derived_id: Option<&'a str>,
    pub now: Timestamp,
}

/// What the cells of one person say, before it is a response.
#[derive(Default)]
struct Person {
    organisation: Option<String>,
    role: Option<RoleCategory>,
    id: Option<String>,
    submitted_cell: Option<String>,
    finished: bool,
    answers: BTreeMap<String, Answer>,
    levels: BTreeMap<String, u8>,
    comments: BTreeMap<String, String>,
}

/// Text Trellis's exports guard with an apostrophe (so a spreadsheet does not run it as
/// a formula) reads back without it.
fn unguarded(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

impl RowReader<'_> {
    /// Reads data rows into items (see the module's documentation).
    pub fn read(&self, rows: &[TableRow], new_id: &mut dyn FnMut() -> String) -> Vec<ImportItem> {
        let day_first = self.submitted_column().is_none_or(|k| {
            day_first(
                rows.iter().filter_map(|r| r.cells.get(k).map(String::as_str)),
                self.platform,
            )
        });
        if self.mapping.columns.contains(&ColumnTarget::RowStatement) {
            return self.read_tidy(rows, day_first, new_id);
        }
        rows.iter()
            .map(|row| {
                let result = self
                    .person(row)
                    .and_then(|person| self.response(person, day_first, new_id));
                ImportItem::new(format!("{} row {}", self.name, row.line), result)
            })
            .collect()
    }

    fn submitted_column(&self) -> Option<usize> {
        self.mapping
            .columns
            .iter()
            .position(|t| *t == ColumnTarget::Submitted)
    }

    fn organisation(&self, cell: &str) -> Result<String, TransferError> {
        let value = cell.trim();
        if value.is_empty() {
            return Err(TransferError::EmptyField(Field::Organisation));
        }
        match lookup(&self.labels.organisations, value) {
            Some(Some(id)) => Ok(id.clone()),
            Some(None) => Err(TransferError::UnmappedLabel {
                column: self.header_of(&ColumnTarget::Organisation),
                value: value.to_string(),
            }),
            None => find_partner(self.collaboration, value)
                .map(|p| p.id.clone())
                .ok_or_else(|| TransferError::UnknownOrganisation(value.to_string())),
        }
    }

    fn role(&self, cell: &str) -> Result<RoleCategory, TransferError> {
        let value = cell.trim();
        match lookup(&self.labels.roles, value) {
            Some(Some(role)) => Ok(*role),
            Some(None) => Err(TransferError::UnmappedLabel {
                column: self.header_of(&ColumnTarget::Role),
                value: value.to_string(),
            }),
            None => parse_role(value),
        }
    }

    fn answer(&self, cell: &str, statement: &str, header: &str) -> Result<Option<Answer>, TransferError> {
        let value = cell.trim();
        if value.is_empty() {
            return Ok(None);
        }
        match lookup(&self.labels.answers, value) {
            Some(Some(answer)) => return Ok(Some(*answer)),
            Some(None) => {
                return Err(TransferError::UnmappedLabel {
                    column: header.to_string(),
                    value: value.to_string(),
                })
            }
            None => {}
        }
        parse_answer(value, self.instrument).map_err(|e| match e {
            Some(value) => TransferError::AnswerOutOfScale {
                statement: statement.to_string(),
                value,
            },
            None => TransferError::CsvValue {
                column: header.to_string(),
                value: value.to_string(),
            },
        })
    }

    fn level(&self, cell: &str, header: &str) -> Result<Option<u8>, TransferError> {
        let value = cell.trim();
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse::<u8>()
            .map(Some)
            .map_err(|_| TransferError::CsvValue {
                column: header.to_string(),
                value: value.to_string(),
            })
    }

    fn header_of(&self, target: &ColumnTarget) -> String {
        self.mapping
            .columns
            .iter()
            .position(|t| t == target)
            .and_then(|k| self.headers.get(k))
            .cloned()
            .unwrap_or_default()
    }

    /// A row must have a cell for each header (a cell holding an unquoted delimiter
    /// splits in two).
    fn check_length(&self, row: &TableRow) -> Result<(), TransferError> {
        if row.cells.len() == self.headers.len() {
            return Ok(());
        }
        Err(TransferError::Csv {
            line: row.line,
            problem: CsvProblem::RowLength {
                cells: row.cells.len(),
                headers: self.headers.len(),
            },
        })
    }

    /// The cells of one row of a file with a row per person.
    fn person(&self, row: &TableRow) -> Result<Person, TransferError> {
        self.check_length(row)?;
        let mut person = Person {
            finished: true,
            ..Person::default()
        };
        for ((target, cell), header) in self.mapping.columns.iter().zip(&row.cells).zip(self.headers) {
            self.cell(&mut person, target, cell, header, None)?;
        }
        if person.organisation.is_none() {
            return Err(TransferError::EmptyField(Field::Organisation));
        }
        Ok(person)
    }

    /// Reads one cell into `person`; `row_statement` is the statement of a row of a file
    /// with a row per answer.
    fn cell(
        &self,
        person: &mut Person,
        target: &ColumnTarget,
        cell: &str,
        header: &str,
        row_statement: Option<&str>,
    ) -> Result<(), TransferError> {
        let text = cell.trim();
        match target {
            ColumnTarget::Ignore | ColumnTarget::RowStatement => {}
            ColumnTarget::Organisation => person.organisation = Some(self.organisation(cell)?),
            ColumnTarget::Role => person.role = Some(self.role(cell)?),
            ColumnTarget::ResponseId if !text.is_empty() => person.id = Some(text.to_string()),
            ColumnTarget::ResponseId => {}
            ColumnTarget::Submitted if !text.is_empty() => person.submitted_cell = Some(text.to_string()),
            ColumnTarget::Submitted => {}
            ColumnTarget::Finished => person.finished = !unfinished(text),
            ColumnTarget::Statement(statement) => {
                if let Some(a) = self.answer(cell, statement, header)? {
                    person.answers.insert(statement.clone(), a);
                }
            }
            ColumnTarget::Level(domain) => {
                if let Some(level) = self.level(cell, header)? {
                    person.levels.insert(domain.clone(), level);
                }
            }
            ColumnTarget::Comment(statement) if !text.is_empty() => {
                person
                    .comments
                    .insert(statement.clone(), unguarded(text).to_string());
            }
            ColumnTarget::Comment(_) => {}
            ColumnTarget::RowAnswer | ColumnTarget::RowComment | ColumnTarget::RowLevel => {
                let Some(statement) = row_statement else {
                    return Ok(());
                };
                self.row_cell(person, target, cell, header, statement)?;
            }
        }
        Ok(())
    }

    /// A cell of a file with a row per answer, which holds the row's statement's answer,
    /// comment or its topic's chosen level; two rows of one person that disagree about
    /// the same thing refuse the person.
    fn row_cell(
        &self,
        person: &mut Person,
        target: &ColumnTarget,
        cell: &str,
        header: &str,
        statement: &str,
    ) -> Result<(), TransferError> {
        let disagree = || TransferError::RowsDisagree {
            column: header.to_string(),
        };
        match target {
            ColumnTarget::RowAnswer => {
                let answer = self.answer(cell, statement, header)?;
                if let Some(a) = answer {
                    if person
                        .answers
                        .insert(statement.to_string(), a)
                        .is_some_and(|old| old != a)
                    {
                        return Err(disagree());
                    }
                }
            }
            ColumnTarget::RowComment => {
                let text = cell.trim();
                if !text.is_empty() {
                    let text = unguarded(text).to_string();
                    if person
                        .comments
                        .insert(statement.to_string(), text.clone())
                        .is_some_and(|old| old != text)
                    {
                        return Err(disagree());
                    }
                }
            }
            _ => {
                let domain = self
                    .instrument
                    .statements()
                    .iter()
                    .find(|s| s.id == statement)
                    .map(|s| s.domain.clone())
                    .ok_or_else(|| TransferError::UnknownStatement(statement.to_string()))?;
                if let Some(level) = self.level(cell, header)? {
                    if person
                        .levels
                        .insert(domain, level)
                        .is_some_and(|old| old != level)
                    {
                        return Err(disagree());
                    }
                }
            }
        }
        Ok(())
    }

    /// Makes the response of `person` and checks it against the round.
    fn response(
        &self,
        person: Person,
        day_first: bool,
        new_id: &mut dyn FnMut() -> String,
    ) -> Result<ResponseFile, TransferError> {
        let time = person
            .submitted_cell
            .as_deref()
            .and_then(|cell| parse_time(cell, day_first));
        let id = match (self.derived_id, &person.submitted_cell) {
            (Some(prefix), Some(cell)) => Some(match &person.id {
                Some(id) => format!("{prefix}{id}-{cell}"),
                None => format!("{prefix}{cell}"),
            }),
            _ => person.id,
        };
        let at = time.unwrap_or(self.now);
        let response = Response {
            id: id.unwrap_or_else(new_id),
            round_id: self.round_id.to_string(),
            organisation: person
                .organisation
                .ok_or(TransferError::EmptyField(Field::Organisation))?,
            role: person.role.unwrap_or(RoleCategory::Other),
            answers: person.answers,
            levels: person.levels,
            comments: person.comments,
            ties: Default::default(),
            started: at,
            updated: at,
            submitted: person.finished.then_some(at),
        };
        check_response(&response, self.instrument, self.mode, self.collaboration)?;
        Ok(ResponseFile {
            trellis: RESPONSE_MARKER.to_string(),
            format: RESPONSE_FORMAT,
            instrument: self.instrument.id().to_string(),
            version: self.instrument.version().to_string(),
            response,
        })
    }

    /// A file with a row per answer: the rows of one response id make one item.
    fn read_tidy(
        &self,
        rows: &[TableRow],
        day_first: bool,
        new_id: &mut dyn FnMut() -> String,
    ) -> Vec<ImportItem> {
        let id_column = self
            .mapping
            .columns
            .iter()
            .position(|t| *t == ColumnTarget::ResponseId);
        let statement_column = self
            .mapping
            .columns
            .iter()
            .position(|t| *t == ColumnTarget::RowStatement);
        // Group rows by response id, in the order people first appear.
        let mut groups: Vec<(String, Vec<&TableRow>)> = Vec::new();
        let mut items = Vec::new();
        for row in rows {
            let id = id_column.and_then(|k| row.cells.get(k)).map_or("", |c| c.trim());
            if id.is_empty() {
                items.push((
                    row.line,
                    ImportItem::new(
                        format!("{} row {}", self.name, row.line),
                        Err(TransferError::EmptyField(Field::ResponseId)),
                    ),
                ));
                continue;
            }
            match groups.iter_mut().find(|(g, _)| g == id) {
                Some((_, members)) => members.push(row),
                None => groups.push((id.to_string(), vec![row])),
            }
        }
        for (_, members) in groups {
            let first_line = members.first().map_or(0, |r| r.line);
            let lines: Vec<u64> = members.iter().map(|r| r.line).collect();
            let result = self
                .tidy_person(&members, statement_column)
                .and_then(|person| self.response(person, day_first, new_id));
            items.push((
                first_line,
                ImportItem {
                    source: format!("{} {}", self.name, line_ranges(&lines)),
                    rows: members.len(),
                    result,
                },
            ));
        }
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        items.into_iter().map(|(_, item)| item).collect()
    }

    fn tidy_person(
        &self,
        rows: &[&TableRow],
        statement_column: Option<usize>,
    ) -> Result<Person, TransferError> {
        let mut person = Person {
            finished: true,
            ..Person::default()
        };
        let mut first_cells: BTreeMap<usize, String> = BTreeMap::new();
        for row in rows {
            self.check_length(row)?;
            let statement = statement_column
                .and_then(|k| row.cells.get(k))
                .map_or("", |c| c.trim());
            if statement.is_empty() {
                return Err(TransferError::Csv {
                    line: row.line,
                    problem: CsvProblem::NoStatementInRow,
                });
            }
            for (k, ((target, cell), header)) in self
                .mapping
                .columns
                .iter()
                .zip(&row.cells)
                .zip(self.headers)
                .enumerate()
            {
                let per_person = matches!(
                    target,
                    ColumnTarget::Organisation
                        | ColumnTarget::Role
                        | ColumnTarget::Submitted
                        | ColumnTarget::Finished
                        | ColumnTarget::Statement(_)
                        | ColumnTarget::Level(_)
                        | ColumnTarget::Comment(_)
                );
                if per_person {
                    // Said once per person: every row must say the same.
                    match first_cells.get(&k) {
                        Some(first) if first.trim() != cell.trim() => {
                            return Err(TransferError::RowsDisagree {
                                column: header.clone(),
                            })
                        }
                        Some(_) => continue,
                        None => {
                            first_cells.insert(k, cell.clone());
                        }
                    }
                }
                self.cell(&mut person, target, cell, header, Some(statement))?;
            }
        }
        if person.organisation.is_none() {
            return Err(TransferError::EmptyField(Field::Organisation));
        }
        Ok(person)
    }
}

/// "rows 2–51" or "rows 2–10, 14" (or "row 7") for the lines of one person.
fn line_ranges(lines: &[u64]) -> String {
    let mut sorted = lines.to_vec();
    sort_by(&mut sorted, |a, b| a.cmp(b));
    let mut parts: Vec<String> = Vec::new();
    let mut k = 0;
    while k < sorted.len() {
        let start = sorted[k];
        let mut end = start;
        while sorted.get(k + 1).is_some_and(|next| *next == end + 1) {
            end += 1;
            k += 1;
        }
        parts.push(if end == start {
            start.to_string()
        } else {
            format!("{start}\u{2013}{end}")
        });
        k += 1;
    }
    let word = if sorted.len() == 1 { "row" } else { "rows" };
    format!("{word} {}", parts.join(", "))
}
