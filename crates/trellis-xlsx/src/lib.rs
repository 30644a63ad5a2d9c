//! Reads the first worksheet of an Excel workbook (.xlsx) as rows of text, for importing
//! survey platform exports (Microsoft Forms exports only .xlsx; SurveyMonkey offers it).
//!
//! What a cell becomes:
//! - shared and inline strings: their text (rich-text runs joined, phonetic guides left
//!   out, Excel's `_xHHHH_` escapes decoded);
//! - numbers: exactly as the file writes them (`3`, `0.25`, `1E-3`), never reformatted;
//! - booleans: `TRUE` or `FALSE`, as Excel shows them; errors (`#N/A`) and formula text
//!   results as written;
//! - a number whose cell style is a date or time format: ISO 8601 text, `YYYY-MM-DD` when
//!   it has no time of day, `YYYY-MM-DDTHH:MM:SS` when it has one (or the format shows
//!   one), `HH:MM:SS` for a time alone (below one day). Serials count days from 1900-01-00
//!   (or 1904-01-01 where the workbook says so), with Excel's phantom 1900-02-29 skipped,
//!   so serial 60 reads as 1900-03-01. Every other number stays as written, even when
//!   it happens to be a date typed as a number.
//!
//! Cells are sparse in the file: each names its place (`r="C7"`), and the gaps become
//! empty strings. Every row has the width of the widest; trailing empty rows are dropped.
//!
//! Untrusted input: nothing here panics on a file's content, and the work is bounded
//! ([`MAX_UNPACKED_BYTES`], [`MAX_ROWS`], [`MAX_COLUMNS`], [`MAX_CELLS`]). Problems are
//! returned as [`XlsxError`], data only; the app words them.

mod archive;
mod cells;
mod parts;

use archive::Archive;

/// The most bytes read out of the archive, all parts together (a zip bomb stops here).
pub const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;
/// The most rows of a worksheet (a survey export has one per respondent).
pub const MAX_ROWS: usize = 100_000;
/// The most columns, Excel's own limit (column XFD).
pub const MAX_COLUMNS: usize = 16_384;
/// The most cells once gaps are filled (rows times the widest row).
pub const MAX_CELLS: usize = 5_000_000;

/// Why a file could not be read. Data only: the app says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxError {
    /// Not a zip archive, so not an .xlsx file (a CSV or PDF renamed, or a cut-short download).
    NotZip,
    /// An OLE compound file: a workbook from Excel 97-2003 (.xls), or one saved with a password.
    OldOrProtected,
    /// The archive holds no worksheet.
    NoWorksheet,
    /// A part of the archive could not be unpacked (damaged, or packed by other than deflate).
    Unreadable { part: String },
    /// A part is not well-formed UTF-8 XML; `offset` is a byte position in the unpacked part.
    BadXml { part: String, offset: u64 },
    /// A cell whose reference is not of the form `C7`, or that names a shared string the
    /// workbook lacks; `reference` is the cell's reference as written (or its position).
    BadCell { reference: String },
    /// The file is larger than this reader takes.
    TooLarge(Limit),
}

/// Which limit a file went over, with the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    UnpackedBytes(u64),
    Rows(usize),
    Columns(usize),
    Cells(usize),
}

/// The first worksheet's cells as text, row by row (see the module documentation).
pub fn read_first_sheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, XlsxError> {
    let mut archive = Archive::open(bytes)?;
    let book = parts::workbook(&mut archive)?;
    let shared = match &book.shared_strings {
        Some(path) => match archive.read(path)? {
            Some(xml) => parts::shared_strings(path, &xml)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let styles = match &book.styles {
        Some(path) => match archive.read(path)? {
            Some(xml) => parts::styles(path, &xml)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let sheet = archive.read(&book.first_sheet)?.ok_or(XlsxError::NoWorksheet)?;
    let context = cells::Context {
        shared: &shared,
        styles: &styles,
        date1904: book.date1904,
    };
    cells::sheet(&book.first_sheet, &sheet, &context)
}
