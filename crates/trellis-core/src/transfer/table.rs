//! A file read into rows of cells before anything is made of them: a CSV text (decoded,
//! delimiter sniffed, an unclosed quote found and reported) or a spreadsheet's rows.
//!
//! The csv crate reads an opening quote that is never closed as one cell running to the
//! end of the file, so one bad quote would silently swallow every later row. Before
//! parsing, [`read_csv_table`] follows the quoting exactly as the crate does (a quote opens
//! a quoted cell only at the start of a cell; `""` inside it is a quote; any other quote
//! closes it); if the file ends inside a quoted cell, only the records before the one
//! holding that quote are read, and [`Table::stopped`] says where the quote started and
//! which lines were not read.

use super::{check_size, CsvProblem, TransferError};

/// Largest CSV file accepted (checked before parsing).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// Rows of cells as read, blank rows left out (header rows included).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<TableRow>,
    /// Set when reading stopped early at an opening quote that is never closed.
    pub stopped: Option<ParseStop>,
}

/// One row and the line it starts on, counted as a text editor or a spreadsheet counts
/// (from 1; blank lines and line breaks inside quoted cells count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// Where reading stopped: an opening quote on `quote_line` is never closed, so the
/// lines from `first_lost_line` (where that row starts) to `last_line` were not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseStop {
    pub quote_line: u64,
    pub first_lost_line: u64,
    pub last_line: u64,
}

impl Table {
    /// A spreadsheet's rows (the first sheet, row by row, as an .xlsx reader hands them):
    /// row k is line k + 1, as the spreadsheet numbers it. Blank rows are left out, and
    /// rows are padded with empty cells to the widest row, since a spreadsheet has no
    /// row that is "too short" (readers leave trailing empty cells out).
    pub fn from_rows(rows: Vec<Vec<String>>) -> Table {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let rows = rows
            .into_iter()
            .enumerate()
            .filter(|(_, cells)| !is_blank(cells))
            .map(|(k, mut cells)| {
                cells.resize(width, String::new());
                TableRow {
                    line: k as u64 + 1,
                    cells,
                }
            })
            .collect();
        Table { rows, stopped: None }
    }
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Text from a file's bytes: UTF-8 (a byte-order mark is dropped) or UTF-16 with its
/// byte-order mark (as Excel's "Unicode text" and Qualtrics' TSV download write it), or
/// UTF-16 without one when every other byte is zero. Anything else that is not UTF-8 is
/// [`CsvProblem::NotUtf8`].
pub fn decode_text(bytes: &[u8]) -> Result<String, TransferError> {
    let utf16 = |body: &[u8], little: bool| -> Result<String, TransferError> {
        let units = body.chunks_exact(2).map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| TransferError::Csv {
                line: 1,
                problem: CsvProblem::NotUtf8,
            })
    };
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(body, true);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(body, false);
    }
    if let Some(little) = utf16_without_mark(bytes) {
        return utf16(bytes, little);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    String::from_utf8(body.to_vec()).map_err(|_| TransferError::Csv {
        line: 1,
        problem: CsvProblem::NotUtf8,
    })
}

/// Whether the bytes look like UTF-16 without a byte-order mark (and which order): most
/// characters of a CSV are ASCII, whose high byte is zero.
fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(400) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let zero_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    if zero_odd * 10 >= pairs * 9 && zero_even == 0 {
        Some(true)
    } else if zero_even * 10 >= pairs * 9 && zero_odd == 0 {
        Some(false)
    } else {
        None
    }
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The delimiter of the header line: comma unless semicolons or tabs (as some Excel
/// locales and tab-separated downloads write) clearly outnumber commas outside quotes.
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

/// The byte offset where each line starts; a line ends at `\n`, `\r\n` or a lone `\r`
/// (the csv crate's line ends).
struct Lines(Vec<usize>);

impl Lines {
    fn new(bytes: &[u8]) -> Self {
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            let ends = *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends && i + 1 < bytes.len() {
                starts.push(i + 1);
            }
        }
        Lines(starts)
    }

    /// The line (from 1) holding byte `offset`.
    fn of(&self, offset: usize) -> u64 {
        self.0.partition_point(|s| *s <= offset) as u64
    }

    fn last(&self) -> u64 {
        self.0.len() as u64
    }
}

/// Where an unclosed quote's record starts and where the quote is, following csv-core's
/// reading: a quote opens a quoted cell only at the start of a cell, a doubled quote
/// inside is a quote, a single one closes the cell (text after it is kept in the cell).
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum State {
        CellStart,
        InCell,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    let (mut record_start, mut quote) = (0, 0);
    for (i, &b) in bytes.iter().enumerate() {
        let line_end = b == b'\n' || b == b'\r';
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::CellStart if b == b'"' => {
                quote = i;
                State::Quoted
            }
            _ if b == delimiter => State::CellStart,
            _ if line_end => {
                record_start = i + 1;
                State::CellStart
            }
            _ => State::InCell,
        };
    }
    (state == State::Quoted).then_some((record_start, quote))
}

/// Reads a CSV text into rows: a byte-order mark is dropped, the delimiter is sniffed
/// from the header line (comma, semicolon or tab), line ends may be `\r\n`, `\n` or `\r`,
/// quoted cells may hold delimiters, doubled quotes and line breaks, and rows of empty
/// cells are left out. Rows may differ in length (checked when they are read).
///
/// An opening quote that is never closed stops reading before the row it is in (see the
/// module's documentation): the rows before it are returned and [`Table::stopped`] says
/// where. The `Err` is for the whole file: too large, UTF-16 text decoded as if it were
/// UTF-8 (zero characters), or nothing in it at all.
pub fn read_csv_table(text: &str) -> Result<Table, TransferError> {
    check_size(text, MAX_IMPORT_BYTES)?;
    let text = without_bom(text);
    if text.contains('\0') {
        return Err(TransferError::Csv {
            line: 1,
            problem: CsvProblem::Utf16,
        });
    }
    let delimiter = sniff_delimiter(text);
    let bytes = text.as_bytes();
    let lines = Lines::new(bytes);
    let (readable, stopped) = match unclosed_quote(bytes, delimiter) {
        None => (bytes, None),
        Some((record_start, quote)) => (
            &bytes[..record_start],
            Some(ParseStop {
                quote_line: lines.of(quote),
                first_lost_line: lines.of(record_start),
                last_line: lines.last(),
            }),
        ),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(readable);
    let mut rows = Vec::new();
    for record in reader.records() {
        // The text is UTF-8 and rows may have any length, so the reader has nothing left
        // to refuse; should it ever, the error names the line and the file stops there.
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| lines.of(p.byte() as usize));
            TransferError::Csv {
                line,
                problem: CsvProblem::Syntax(e.to_string()),
            }
        })?;
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if is_blank(&cells) {
            continue;
        }
        // The reader may report the offset of the line end before the record.
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        rows.push(TableRow {
            line: lines.of(start),
            cells,
        });
    }
    if rows.is_empty() && stopped.is_none() {
        return Err(TransferError::Csv {
            line: 1,
            problem: CsvProblem::Empty,
        });
    }
    Ok(Table { rows, stopped })
}
