//! The workbook's small parts: which worksheet comes first and where the shared strings
//! and styles are (`xl/workbook.xml` and its relationships), the shared string table,
//! and which cell styles are dates. Also the XML helpers the worksheet reader uses.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::archive::Archive;
use crate::XlsxError;

const WORKBOOK: &str = "xl/workbook.xml";
const WORKBOOK_RELS: &str = "xl/_rels/workbook.xml.rels";

/// Where the parts the reader needs are, and the workbook's date system.
pub struct Workbook {
    pub first_sheet: String,
    pub shared_strings: Option<String>,
    pub styles: Option<String>,
    pub date1904: bool,
}

/// How a cell style shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Plain,
    Date,
    DateTime,
    Time,
}

/// Reads `xml` event by event, handing each to `on`, and words an XML error as data.
pub fn each_event(
    part: &str,
    xml: &str,
    mut on: impl FnMut(Event<'_>) -> Result<(), XlsxError>,
) -> Result<(), XlsxError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(()),
            Ok(event) => on(event)?,
            Err(_) => {
                return Err(XlsxError::BadXml {
                    part: part.to_string(),
                    offset: reader.error_position(),
                })
            }
        }
    }
}

/// The unescaped value of the attribute whose local name is `name` (so `r:id` is `id`).
pub fn attr(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Appends the text an event carries (text, CDATA, or a character or entity reference).
pub fn push_text(out: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(t) => out.push_str(&t.xml10_content()),
        Event::CData(t) => out.push_str(&t.xml10_content()),
        Event::GeneralRef(r) => {
            if let Ok(Some(c)) = r.resolve_char_ref() {
                out.push(c);
            } else if let Some(s) = resolve_predefined_entity(&r.xml10_content()) {
                out.push_str(s);
            }
        }
        _ => {}
    }
}

/// Excel writes characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage
/// return); this turns them back. An underscore that starts no such escape stays.
pub fn decode_excel_escapes(text: String) -> String {
    if !text.contains("_x") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let candidate = &rest[at..];
        let decoded = candidate
            .get(2..6)
            .filter(|_| candidate.as_bytes().get(6) == Some(&b'_'))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &candidate[7..];
            }
            None => {
                out.push_str("_x");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A relationship target as a path in the archive (targets are relative to `xl/`).
fn resolve(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    }
}

/// The first worksheet and the other parts' places, from the workbook and its relationships.
pub fn workbook(archive: &mut Archive<'_>) -> Result<Workbook, XlsxError> {
    let xml = archive.read(WORKBOOK)?.ok_or(XlsxError::NoWorksheet)?;
    let mut first_id = None;
    let mut date1904 = false;
    each_event(WORKBOOK, &xml, |event| {
        if let Event::Start(e) | Event::Empty(e) = &event {
            match e.local_name().as_ref() {
                "sheet" if first_id.is_none() => first_id = attr(e, "id"),
                "workbookPr" => date1904 = matches!(attr(e, "date1904").as_deref(), Some("1" | "true")),
                _ => {}
            }
        }
        Ok(())
    })?;
    let rels = archive.read(WORKBOOK_RELS)?.unwrap_or_default();
    let mut first_sheet = None;
    let mut shared_strings = None;
    let mut styles = None;
    each_event(WORKBOOK_RELS, &rels, |event| {
        if let Event::Start(e) | Event::Empty(e) = &event {
            if e.local_name().as_ref() == "Relationship" {
                let target = attr(e, "Target").map(|t| resolve(&t));
                let kind = attr(e, "Type").unwrap_or_default();
                if first_id.is_some() && attr(e, "Id") == first_id {
                    first_sheet = target;
                } else if kind.ends_with("/sharedStrings") {
                    shared_strings = target;
                } else if kind.ends_with("/styles") {
                    styles = target;
                }
            }
        }
        Ok(())
    })?;
    Ok(Workbook {
        // Workbooks without relationships (some generators) keep the usual place.
        first_sheet: first_sheet.unwrap_or_else(|| "xl/worksheets/sheet1.xml".to_string()),
        shared_strings,
        styles,
        date1904,
    })
}

/// The shared string table, each entry's text runs joined (phonetic guides left out).
pub fn shared_strings(part: &str, xml: &str) -> Result<Vec<String>, XlsxError> {
    let mut strings = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut in_phonetic = false;
    each_event(part, xml, |event| {
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" => current.clear(),
                "t" => in_text = true,
                "rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                "si" => strings.push(decode_excel_escapes(std::mem::take(&mut current))),
                "t" => in_text = false,
                "rPh" => in_phonetic = false,
                _ => {}
            },
            _ if in_text && !in_phonetic => push_text(&mut current, &event),
            _ => {}
        }
        Ok(())
    })?;
    Ok(strings)
}

/// How each cell style (`s` of a cell, an index into `cellXfs`) shows numbers.
pub fn styles(part: &str, xml: &str) -> Result<Vec<NumberKind>, XlsxError> {
    let mut custom: Vec<(u32, NumberKind)> = Vec::new();
    let mut formats = Vec::new();
    let mut in_cell_xfs = false;
    each_event(part, xml, |event| {
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    let id = attr(e, "numFmtId").and_then(|v| v.parse().ok());
                    if let Some(id) = id {
                        custom.push((id, format_kind(&attr(e, "formatCode").unwrap_or_default())));
                    }
                }
                "cellXfs" => in_cell_xfs = matches!(event, Event::Start(_)),
                "xf" if in_cell_xfs => {
                    let id: u32 = attr(e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let kind = custom
                        .iter()
                        .find(|(c, _)| *c == id)
                        .map_or_else(|| builtin_kind(id), |(_, kind)| *kind);
                    formats.push(kind);
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok(formats)
}

/// Excel's built-in number formats that show dates or times (ECMA-376 part 1, 18.8.30;
/// 27 to 36 and 50 to 58 are the East Asian date formats).
fn builtin_kind(id: u32) -> NumberKind {
    match id {
        14..=17 | 27..=31 | 34..=36 | 50..=58 => NumberKind::Date,
        22 => NumberKind::DateTime,
        18..=21 | 32 | 33 | 45..=47 => NumberKind::Time,
        _ => NumberKind::Plain,
    }
}

/// Whether a custom format code shows a date, a time, or both: its letters outside
/// quoted text, `[...]` sections (colours, conditions, locales) and `\`-escaped
/// characters. `m` alone is ambiguous (month or minute) and decides nothing.
pub fn format_kind(code: &str) -> NumberKind {
    let mut date = false;
    let mut time = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c.to_ascii_lowercase() {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            'y' | 'd' => date = true,
            'h' | 's' => time = true,
            _ => {}
        }
    }
    match (date, time) {
        (true, true) => NumberKind::DateTime,
        (true, false) => NumberKind::Date,
        (false, true) => NumberKind::Time,
        (false, false) => NumberKind::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_formats_are_told_apart() {
        assert_eq!(format_kind("dd/mm/yyyy hh:mm:ss"), NumberKind::DateTime);
        assert_eq!(format_kind("yyyy-mm-dd"), NumberKind::Date);
        assert_eq!(format_kind("h:mm"), NumberKind::Time);
        assert_eq!(format_kind("0.00"), NumberKind::Plain);
        assert_eq!(format_kind("\"days\" 0"), NumberKind::Plain);
        assert_eq!(format_kind("[Red]0;[Blue]-0"), NumberKind::Plain);
    }

    #[test]
    fn excel_escapes_decode_and_stray_underscores_stay() {
        assert_eq!(decode_excel_escapes("a_x000D_b".into()), "a\rb");
        assert_eq!(decode_excel_escapes("my_xylophone_".into()), "my_xylophone_");
        assert_eq!(decode_excel_escapes("end_x".into()), "end_x");
    }
}
