//! Survey platforms' export layouts: which platform wrote a table (from its header
//! rows), how many header rows it has and how they combine into one header per column,
//! which columns are the platform's own bookkeeping (left out on purpose), and the
//! columns that carry a response id, a completion time or whether the response was
//! finished. Also the date and time forms those columns are written in.

use super::csv::normalise;
use super::table::TableRow;
use crate::format::Timestamp;

/// Who wrote the file, as far as its header rows tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Trellis's own CSV: a row per person, a column per statement.
    Trellis,
    /// Trellis's tidy answers export: a row per person and statement.
    TrellisTidy,
    /// Microsoft Forms' .xlsx download (ID, Start time, Completion time, Email, Name...).
    MicrosoftForms,
    /// A Google Forms response sheet downloaded as CSV (Timestamp first).
    GoogleForms,
    /// SurveyMonkey's "All individual responses" CSV or XLSX: two header rows.
    SurveyMonkey,
    /// Qualtrics' CSV download: three header rows (ids, question text, import ids).
    Qualtrics,
    /// Jisc Online Surveys' CSV export.
    Jisc,
    /// Anything else: one header row, columns matched by their wording.
    Other,
}

/// Why a column is left out on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetadataKind {
    /// Start, modification or recording times and durations.
    Timing,
    /// Who answered: email address, name, IP address (not needed, so not kept).
    Contact,
    /// The platform's own bookkeeping: status, progress, collector, channel, language,
    /// location, the row number of a form, custom data.
    Bookkeeping,
    /// Text Trellis's own export repeats on every row (collaboration, round, topic and
    /// statement wording, the answer's value, the mode).
    Description,
}

/// A special column of a platform's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Special {
    ResponseId,
    Submitted,
    Finished,
    Metadata(MetadataKind),
}

/// The header part of a table as a platform lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    pub platform: Platform,
    pub header_rows: usize,
    pub headers: Vec<String>,
    /// Per column: a special column, if it is one.
    pub special: Vec<Option<Special>>,
    /// Response ids made from the platform's cells, for platforms whose own ids are not
    /// unique across forms (or that have none): the prefix, then the id cell if any and
    /// the completion time.
    pub derived_id: Option<&'static str>,
}

fn cells(rows: &[TableRow], k: usize) -> Vec<String> {
    rows.get(k).map(|r| r.cells.clone()).unwrap_or_default()
}

fn has(row: &[String], name: &str) -> bool {
    row.iter().any(|c| c.trim().eq_ignore_ascii_case(name))
}

/// Reads the header rows of `rows` (the whole table) as the platform that wrote them.
pub(super) fn detect(rows: &[TableRow]) -> Layout {
    let first = cells(rows, 0);
    let second = cells(rows, 1);
    let third = cells(rows, 2);
    let (platform, header_rows) = if has(&first, "ResponseId") && has(&first, "Finished") {
        let import_ids = third.iter().any(|c| c.trim_start().starts_with("{\"ImportId\""));
        (Platform::Qualtrics, if import_ids { 3 } else { 2 })
    } else if has(&first, "Respondent ID") && has(&first, "Collector ID") {
        (Platform::SurveyMonkey, 2)
    } else if has(&first, "response_id") && has(&first, "statement_id") && has(&first, "answer") {
        (Platform::TrellisTidy, 1)
    } else if has(&first, "Start time") && has(&first, "Completion time") {
        (Platform::MicrosoftForms, 1)
    } else if first
        .first()
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("Timestamp"))
    {
        (Platform::GoogleForms, 1)
    } else if has(&first, "Started") && has(&first, "Completed") {
        (Platform::Jisc, 1)
    } else if has(&first, "organisation") || has(&first, "organization") {
        (Platform::Trellis, 1)
    } else {
        (Platform::Other, 1)
    };
    let headers = match platform {
        Platform::SurveyMonkey => survey_monkey_headers(&first, &second),
        // The question text, or the id where a column has none (metadata).
        Platform::Qualtrics => first
            .iter()
            .enumerate()
            .map(|(k, id)| {
                let text = second.get(k).map_or("", |t| t.trim());
                if text.is_empty() { id.trim() } else { text }.to_string()
            })
            .collect(),
        _ => first.iter().map(|h| h.trim().to_string()).collect(),
    };
    // Metadata is recognised by the first row's names (Qualtrics' ids), which are the
    // same whatever language the questions are in.
    let special = first.iter().map(|name| special_column(platform, name)).collect();
    let derived_id = match platform {
        Platform::MicrosoftForms => Some("ms-forms-"),
        Platform::GoogleForms => Some("google-forms-"),
        _ => None,
    };
    Layout {
        platform,
        header_rows,
        headers,
        special,
        derived_id,
    }
}

/// SurveyMonkey's first row names a question once, over its first column; a matrix's
/// other columns are blank there, and the second row names each column's statement
/// (or "Response", "Open-Ended Response" for a one-column question).
fn survey_monkey_headers(first: &[String], second: &[String]) -> Vec<String> {
    let mut question = String::new();
    let width = first.len().max(second.len());
    (0..width)
        .map(|k| {
            let top = first.get(k).map_or("", |c| c.trim());
            if !top.is_empty() {
                question = top.to_string();
            }
            let sub = second.get(k).map_or("", |c| c.trim());
            let plain = matches!(normalise(sub).as_str(), "" | "response" | "open ended response");
            if plain {
                question.clone()
            } else {
                format!("{question} - {sub}")
            }
        })
        .collect()
}

fn special_column(platform: Platform, name: &str) -> Option<Special> {
    use MetadataKind::*;
    use Special::*;
    let n = normalise(name);
    let by_platform = match (platform, n.as_str()) {
        (Platform::MicrosoftForms, "id") => Some(ResponseId),
        (Platform::MicrosoftForms, "completion time") => Some(Submitted),
        (Platform::GoogleForms, "timestamp") => Some(Submitted),
        (Platform::SurveyMonkey, "respondent id") => Some(ResponseId),
        (Platform::SurveyMonkey, "end date") => Some(Submitted),
        (Platform::Qualtrics, "responseid") => Some(ResponseId),
        (Platform::Qualtrics, "enddate") => Some(Submitted),
        (Platform::Qualtrics, "finished") => Some(Finished),
        (Platform::Jisc, "response id") => Some(ResponseId),
        (Platform::Jisc, "completed") => Some(Submitted),
        (Platform::TrellisTidy, "submitted") => Some(Submitted),
        (
            Platform::TrellisTidy,
            "collaboration" | "round id" | "round" | "round date" | "domain id" | "domain" | "statement"
            | "value" | "mode" | "organisation",
        ) => Some(Metadata(Description)),
        _ => None,
    };
    if by_platform.is_some() || platform == Platform::Trellis {
        return by_platform;
    }
    let kind = match n.as_str() {
        "start time"
        | "start date"
        | "startdate"
        | "started"
        | "last modified time"
        | "end date"
        | "enddate"
        | "completion time"
        | "completed"
        | "recordeddate"
        | "recorded date"
        | "duration in seconds"
        | "duration"
        | "timestamp"
        | "submitted" => Timing,
        "email" | "email address" | "name" | "first name" | "last name" | "ip address" | "ipaddress"
        | "recipientlastname" | "recipientfirstname" | "recipientemail" => Contact,
        "id"
        | "respondent id"
        | "collector id"
        | "status"
        | "progress"
        | "finished"
        | "responseid"
        | "response id"
        | "externalreference"
        | "externaldatareference"
        | "locationlatitude"
        | "locationlongitude"
        | "distributionchannel"
        | "userlanguage"
        | "custom data 1"
        | "custom data" => Bookkeeping,
        _ => return None,
    };
    Some(Metadata(kind))
}

/// Whether a "Finished" cell says the response was not finished (`0`, `False`, `No`).
pub(super) fn unfinished(cell: &str) -> bool {
    matches!(normalise(cell).as_str(), "0" | "false" | "no" | "n")
}

/// Which of day and month a column's dates write first, decided from all its values:
/// a first number above 12 means day first, a second above 12 month first; with
/// neither, day first (as UK exports are), except in the platforms' US forms, which
/// write the month first.
pub(super) fn day_first<'a>(values: impl Iterator<Item = &'a str>, platform: Platform) -> bool {
    let mut votes = (0, 0);
    for value in values {
        if let Some((a, b, _)) = slashed_date(value) {
            if a > 12 {
                votes.0 += 1;
            } else if b > 12 {
                votes.1 += 1;
            }
        }
    }
    match votes {
        (d, m) if d > m => true,
        (d, m) if m > d => false,
        _ => !matches!(platform, Platform::SurveyMonkey),
    }
}

fn slashed_date(value: &str) -> Option<(u32, u32, i64)> {
    let date = value.trim().split([' ', 'T']).next()?;
    let mut parts = date.split(['/', '.']);
    let a = parts.next()?.parse().ok()?;
    let b = parts.next()?.parse().ok()?;
    let year: i64 = parts.next()?.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    Some((a, b, year))
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Hinnant's
/// days-from-civil), or `None` for a date that does not exist.
fn days_from_civil(year: i64, month: u32, day: u32) -> Option<i64> {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let length = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day == 0 || day > length[month as usize - 1] {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A date and time as the platforms write them: ISO (`2026-03-11 09:01:12`,
/// `2026-03-11T09:01:12Z`, Qualtrics and Trellis), slashed dates with the day or month
/// first (`11/03/2026 09:01:12`, `3/11/26 9:01 AM`, Google Forms, Microsoft Forms,
/// SurveyMonkey, Jisc), or an Excel date number (`46092.376`, an .xlsx cell). Times
/// without a zone are taken as UTC; a trailing zone name ("GMT") is ignored.
pub(super) fn parse_time(value: &str, day_first: bool) -> Option<Timestamp> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Some(serial) = decimal_number(value) {
        // Excel counts days from 1899-12-30; plausible dates only (1990 to 2200).
        if (32_874.0..109_574.0).contains(&serial) {
            let ms = ((serial - 25_569.0) * 86_400_000.0).round();
            return Some(Timestamp(ms as i64));
        }
        return None;
    }
    let (date, time) = match value.find([' ', 'T']) {
        Some(k) => (&value[..k], value[k + 1..].trim()),
        None => (value, ""),
    };
    let days = if date.contains('-') {
        let mut p = date.split('-');
        let year = p.next()?.parse().ok()?;
        let month = p.next()?.parse().ok()?;
        let day = p.next()?.parse().ok()?;
        days_from_civil(year, month, day)?
    } else {
        let (a, b, year) = slashed_date(date)?;
        let (day, month) = if day_first { (a, b) } else { (b, a) };
        days_from_civil(year, month, day)?
    };
    Some(Timestamp((days * 86_400 + clock_seconds(time)?) * 1000))
}

/// A decimal number as Rust's `f64` parser reads one (`46092.376`, `.5`, `12.`,
/// `-4.6092e4`), or `None`. Written out because the standard parser (exact for any
/// number of digits) is about 2 KB of the bundle and nothing else in it parses floats.
/// Up to 19 significant digits are used, rounded once from an exact quotient, so the
/// result is the standard parser's for every such number down to 1e-21; `inf` and `nan`, which the standard parser takes, are not numbers here (neither was
/// ever a date).
fn decimal_number(text: &str) -> Option<f64> {
    fn unsigned(text: &str) -> (bool, &str) {
        match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        }
    }
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let (negative, rest) = unsigned(text);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(k) => (&rest[..k], Some(&rest[k + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut scale: i32 = match exponent.map(unsigned) {
        None => 0,
        Some((_, digits)) if digits.is_empty() || !all_digits(digits) => return None,
        // A longer exponent only takes the value further out of any range read here.
        Some((minus, digits)) => {
            let e = digits.parse::<i32>().unwrap_or(9_999).min(9_999);
            if minus {
                -e
            } else {
                e
            }
        }
    };
    let (mut significand, mut kept) = (0u64, 0);
    for (k, b) in whole.bytes().chain(fraction.bytes()).enumerate() {
        let in_fraction = k >= whole.len();
        if kept == 19 {
            if !in_fraction {
                scale += 1;
            }
            continue;
        }
        if significand > 0 || b != b'0' {
            significand = significand * 10 + u64::from(b - b'0');
            kept += 1;
        }
        if in_fraction {
            scale -= 1;
        }
    }
    if significand == 0 {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    while significand % 10 == 0 {
        significand /= 10;
        scale += 1;
    }
    let value = if scale >= 0 {
        // Exact in 128 bits, so `as` rounds it as the standard parser does; a number too
        // large for that is infinite here (no date or time is near either).
        10u128
            .checked_pow(scale.unsigned_abs())
            .and_then(|p| p.checked_mul(u128::from(significand)))
            .map_or(f64::INFINITY, |n| n as f64)
    } else if scale >= -21 {
        // significand / 10^k rounded once: a quotient of at least 55 bits with any
        // remainder kept in its lowest bit rounds as the exact value would.
        let p = 10u128.pow(scale.unsigned_abs());
        let bits = |n: u128| 128 - n.leading_zeros();
        let shift = (56 + bits(p)).saturating_sub(bits(u128::from(significand)));
        let n = u128::from(significand) << shift;
        let quotient = (n / p) | u128::from(n % p != 0);
        quotient as f64 / (1u128 << shift) as f64
    } else {
        // Nearer zero than anything read here; close to the exact value is enough.
        let mut value = significand as f64;
        for _ in 0..scale.unsigned_abs().min(400) {
            value /= 10.0;
        }
        value
    };
    Some(if negative { -value } else { value })
}

/// Seconds into the day of `09:01:12`, `9:01`, `9:01:12 PM`, `09:01:12.000Z`; blank is
/// midnight.
fn clock_seconds(time: &str) -> Option<i64> {
    let lower = time.to_ascii_lowercase();
    let pm = lower.contains("pm");
    let am = lower.contains("am");
    let clock: String = lower
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':' || *c == '.')
        .collect();
    if clock.is_empty() {
        return Some(0);
    }
    let mut parts = clock.split(':');
    let mut hour: i64 = parts.next()?.parse().ok()?;
    let minute: i64 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let second = parts.next().map_or(Some(0.0), decimal_number)?;
    if pm && hour < 12 {
        hour += 12;
    } else if am && hour == 12 {
        hour = 0;
    }
    if hour > 23 || minute > 59 || !(0.0..61.0).contains(&second) {
        return None;
    }
    Some(hour * 3600 + minute * 60 + second as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_numbers_read_as_the_standard_parser_reads_them() {
        let mut samples: Vec<String> = [
            "0",
            "-0",
            "12",
            "12.",
            ".5",
            "+3.25",
            "60.999",
            "007.500",
            "46092.376388888891",
            "46092.37638888889",
            "4.6092376E4",
            "4.6092376e+4",
            "1e-3",
            "123456789012345678901234.5",
            "0.000000000000000000000000012345",
            "1e400",
            "1e-400",
            "0e500",
            "32874",
            "109574",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        // Excel date numbers every 97 minutes and 13 seconds over 1990 to 2200, as Rust
        // and spreadsheets print them (shortest form and 17 significant digits).
        let mut serial = 32_874.0f64;
        while serial < 109_574.0 {
            samples.push(format!("{serial}"));
            samples.push(format!("{serial:.12}"));
            serial += (97.0 * 60.0 + 13.0) / 86_400.0;
        }
        for text in &samples {
            let ours = decimal_number(text);
            let std = text.parse::<f64>().ok();
            assert!(
                matches!((ours, std), (Some(a), Some(b)) if a.to_bits() == b.to_bits() || (b < 1e-21 && a.to_bits().abs_diff(b.to_bits()) <= 2)),
                "{text}: {ours:?} against {std:?}"
            );
            if text.len() > 8 && std.is_some_and(|v| (32_874.0..109_574.0).contains(&v)) {
                let expected = std.map(|v| Timestamp((((v - 25_569.0) * 86_400_000.0).round()) as i64));
                assert_eq!(parse_time(text, true), expected, "{text}");
            }
        }
    }

    #[test]
    fn what_is_not_a_decimal_number() {
        for text in [
            "", ".", "e5", "1e", "1e+", "1.2.3", "+", "-", "--1", "1_0", " 1", "1 ", "0x10", "inf", "NaN",
        ] {
            assert_eq!(decimal_number(text), None, "{text:?}");
        }
        // The standard parser takes these, and a date or time column never held them.
        assert!("inf".parse::<f64>().is_ok() && parse_time("inf", true).is_none());
    }

    #[test]
    fn seconds_with_fractions() {
        assert_eq!(clock_seconds("09:01:12.750Z"), Some(9 * 3600 + 60 + 12));
        assert_eq!(clock_seconds("9:01:60.5"), Some(9 * 3600 + 60 + 60));
        assert_eq!(clock_seconds("9:01:61"), None);
        assert_eq!(clock_seconds("9:01:"), None);
        assert_eq!(clock_seconds("9:01:1.2.3"), None);
    }
}
