//! The worksheet itself: each `<c>` cell put at its `r="C7"` place as text, gaps filled.

use quick_xml::events::Event;

use crate::parts::{attr, decode_excel_escapes, each_event, push_text, NumberKind};
use crate::{Limit, XlsxError, MAX_CELLS, MAX_COLUMNS, MAX_ROWS};

/// What the worksheet's cells refer to.
pub struct Context<'a> {
    pub shared: &'a [String],
    pub styles: &'a [NumberKind],
    pub date1904: bool,
}

/// The cell being read.
#[derive(Default)]
struct Cell {
    reference: String,
    kind: String,
    style: usize,
    value: String,
    inline: String,
}

/// Where the reader is inside a cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Other,
    Value,
    InlineText,
    Phonetic,
}

pub fn sheet(part: &str, xml: &str, context: &Context<'_>) -> Result<Vec<Vec<String>>, XlsxError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    // Zero-based place of the current row, and of the last cell read in it.
    let mut row = 0usize;
    let mut next_column = 0usize;
    let mut started = false;
    let mut cell: Option<Cell> = None;
    let mut inside = In::Other;
    let mut slots = 0usize;
    each_event(part, xml, |event| {
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    row = match attr(e, "r") {
                        Some(r) => r
                            .parse::<usize>()
                            .ok()
                            .and_then(|n| n.checked_sub(1))
                            .ok_or(XlsxError::BadCell { reference: r })?,
                        None if started => row + 1,
                        None => 0,
                    };
                    started = true;
                    next_column = 0;
                    if row >= MAX_ROWS {
                        return Err(XlsxError::TooLarge(Limit::Rows(MAX_ROWS)));
                    }
                }
                "c" => {
                    let new = Cell {
                        reference: attr(e, "r").unwrap_or_default(),
                        kind: attr(e, "t").unwrap_or_default(),
                        style: attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
                        ..Cell::default()
                    };
                    if matches!(event, Event::Empty(_)) {
                        place(&mut rows, &mut slots, row, &mut next_column, new, context)?;
                    } else {
                        cell = Some(new);
                    }
                }
                "v" if cell.is_some() => inside = In::Value,
                "t" if cell.is_some() && inside != In::Phonetic => inside = In::InlineText,
                "rPh" if cell.is_some() => inside = In::Phonetic,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "c" => {
                    if let Some(done) = cell.take() {
                        place(&mut rows, &mut slots, row, &mut next_column, done, context)?;
                    }
                    inside = In::Other;
                }
                "v" | "t" | "rPh" => inside = In::Other,
                _ => {}
            },
            _ => match (inside, cell.as_mut()) {
                (In::Value, Some(c)) => push_text(&mut c.value, &event),
                (In::InlineText, Some(c)) => push_text(&mut c.inline, &event),
                _ => {}
            },
        }
        Ok(())
    })?;
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.len().saturating_mul(width) > MAX_CELLS {
        return Err(XlsxError::TooLarge(Limit::Cells(MAX_CELLS)));
    }
    for r in &mut rows {
        r.resize(width, String::new());
    }
    Ok(rows)
}

/// Puts a finished cell's text at its place, growing the grid as needed (within limits).
fn place(
    rows: &mut Vec<Vec<String>>,
    slots: &mut usize,
    row: usize,
    next_column: &mut usize,
    cell: Cell,
    context: &Context<'_>,
) -> Result<(), XlsxError> {
    let column = if cell.reference.is_empty() {
        *next_column
    } else {
        column_of(&cell.reference).ok_or_else(|| XlsxError::BadCell {
            reference: cell.reference.clone(),
        })?
    };
    if column >= MAX_COLUMNS {
        return Err(XlsxError::TooLarge(Limit::Columns(MAX_COLUMNS)));
    }
    *next_column = column + 1;
    let text = text_of(cell, row, column, context)?;
    if text.is_empty() {
        return Ok(());
    }
    if rows.len() <= row {
        *slots += row + 1 - rows.len();
        rows.resize_with(row + 1, Vec::new);
    }
    let cells = &mut rows[row];
    if cells.len() <= column {
        *slots += column + 1 - cells.len();
        cells.resize(column + 1, String::new());
    }
    if *slots > MAX_CELLS {
        return Err(XlsxError::TooLarge(Limit::Cells(MAX_CELLS)));
    }
    cells[column] = text;
    Ok(())
}

/// The zero-based column of an `A1`-style reference (`C7` is 2); None when it is not one.
pub fn column_of(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (column, row) = reference.split_at(letters);
    if letters == 0 || letters > 3 || row.is_empty() || !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = column.bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1
    });
    Some(number - 1)
}

/// A cell's text by its type (`t`) and style (`s`).
fn text_of(cell: Cell, row: usize, column: usize, context: &Context<'_>) -> Result<String, XlsxError> {
    let value = cell.value.trim();
    Ok(match cell.kind.as_str() {
        "s" => {
            let reference = || XlsxError::BadCell {
                reference: reference_or_place(&cell.reference, row, column),
            };
            let index: usize = value.parse().map_err(|_| reference())?;
            context.shared.get(index).ok_or_else(reference)?.clone()
        }
        "inlineStr" => decode_excel_escapes(cell.inline),
        "str" => decode_excel_escapes(cell.value),
        "b" => match value {
            "1" => "TRUE".to_string(),
            "0" => "FALSE".to_string(),
            other => other.to_string(),
        },
        // Numbers ("n" or no type), errors ("e") and ISO dates ("d") as written, unless
        // the style makes a number a date.
        _ => {
            let kind = context.styles.get(cell.style).copied();
            let as_date = match kind {
                Some(kind) if kind != NumberKind::Plain && cell.kind != "e" => value
                    .parse::<f64>()
                    .ok()
                    .and_then(|serial| iso_from_serial(serial, kind, context.date1904)),
                _ => None,
            };
            as_date.unwrap_or_else(|| value.to_string())
        }
    })
}

fn reference_or_place(reference: &str, row: usize, column: usize) -> String {
    if !reference.is_empty() {
        return reference.to_string();
    }
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// The largest serial Excel shows as a date (9999-12-31).
const LAST_SERIAL: f64 = 2_958_465.0;

/// ISO 8601 text of a date serial (see the crate documentation); None outside Excel's range.
pub fn iso_from_serial(serial: f64, kind: NumberKind, date1904: bool) -> Option<String> {
    if !serial.is_finite() || !(0.0..LAST_SERIAL + 1.0).contains(&serial) {
        return None;
    }
    let seconds = (serial * 86_400.0).round() as i64;
    let (days, second_of_day) = (seconds / 86_400, seconds % 86_400);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    );
    if kind == NumberKind::Time && days == 0 {
        return Some(clock);
    }
    // Days since 1970-01-01. Excel's 1900 system counts a 29 February 1900 that never
    // was, so serials from 61 on are one day ahead of the calendar.
    let unix_days = if date1904 {
        days - 24_107
    } else if days < 61 {
        days + 1 - 25_569
    } else {
        days - 25_569
    };
    let (y, m, d) = civil_from_days(unix_days);
    let date = format!("{y:04}-{m:02}-{d:02}");
    Some(if kind == NumberKind::Date && second_of_day == 0 {
        date
    } else {
        format!("{date}T{clock}")
    })
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, public domain).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_columns() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("C7"), Some(2));
        assert_eq!(column_of("AA10"), Some(26));
        assert_eq!(column_of("XFD1"), Some(16_383));
        assert_eq!(column_of("7"), None);
        assert_eq!(column_of("C"), None);
        assert_eq!(column_of("ABCD1"), None);
        assert_eq!(reference_or_place("", 6, 27), "AB7");
    }

    #[test]
    fn serials_become_iso_dates() {
        let date = NumberKind::Date;
        assert_eq!(iso_from_serial(1.0, date, false).as_deref(), Some("1900-01-01"));
        assert_eq!(iso_from_serial(59.0, date, false).as_deref(), Some("1900-02-28"));
        assert_eq!(iso_from_serial(61.0, date, false).as_deref(), Some("1900-03-01"));
        assert_eq!(
            iso_from_serial(45_658.0, date, false).as_deref(),
            Some("2025-01-01")
        );
        assert_eq!(iso_from_serial(0.0, date, true).as_deref(), Some("1904-01-01"));
        assert_eq!(
            iso_from_serial(45_658.5, NumberKind::DateTime, false).as_deref(),
            Some("2025-01-01T12:00:00")
        );
        assert_eq!(
            iso_from_serial(0.75, NumberKind::Time, false).as_deref(),
            Some("18:00:00")
        );
        assert_eq!(iso_from_serial(-1.0, date, false), None);
        assert_eq!(iso_from_serial(f64::NAN, date, false), None);
    }
}
