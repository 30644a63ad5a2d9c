//! Reads the survey platform fixtures (written by scripts/make_xlsx_fixtures.py) and
//! workbooks changed part by part from them, including every kind of bad file.

use std::io::{Cursor, Read, Write};

use trellis_xlsx::{read_first_sheet, Limit, XlsxError};
use zip::write::SimpleFileOptions;

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../trellis-core/tests/fixtures/import"
);
const SHEET: &str = "xl/worksheets/sheet1.xml";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn expected_rows(name: &str) -> Vec<Vec<String>> {
    serde_json::from_slice(&fixture(name)).unwrap()
}

/// The Microsoft Forms fixture with some parts replaced (`Some`) or left out (`None`).
fn changed(changes: &[(&str, Option<&str>)]) -> Vec<u8> {
    let mut source = zip::ZipArchive::new(Cursor::new(fixture("microsoft-forms.xlsx"))).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..source.len() {
        let mut file = source.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        let text = match changes.iter().find(|(part, _)| *part == name) {
            Some((_, Some(new))) => new.to_string(),
            Some((_, None)) => continue,
            None => text,
        };
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A worksheet part holding `rows` (already written as `<row>` elements).
fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

#[test]
fn microsoft_forms_export_reads_as_the_rows_the_importer_expects() {
    let rows = read_first_sheet(&fixture("microsoft-forms.xlsx")).unwrap();
    assert_eq!(rows, expected_rows("microsoft-forms.rows.json"));
    // Checked here too, not only against the script's own idea of the rows.
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0][..3], ["ID", "Start time", "Completion time"]);
    assert_eq!(
        rows[1][..4],
        ["1", "2025-03-10T09:14:58", "2025-03-10T09:21:21", "anonymous"]
    );
    assert_eq!(rows[3][7], "GP");
    // The head of service left one statement blank: an empty cell between answers.
    assert_eq!(rows[2][11..14], ["Neither agree nor disagree", "", "Agree"]);
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
}

#[test]
fn surveymonkey_export_keeps_both_header_rows_and_the_partial_response() {
    let rows = read_first_sheet(&fixture("surveymonkey.xlsx")).unwrap();
    assert_eq!(rows, expected_rows("surveymonkey-xlsx.rows.json"));
    assert_eq!(rows.len(), 9);
    assert_eq!(rows[0][11], "How much do you agree with each statement?");
    assert_eq!(rows[1][9], "Response");
    assert_eq!(
        rows[1][11],
        "Leaders from each partner take an active part in this collaboration."
    );
    // The sixth respondent stopped after eight statements.
    let partial = &rows[7];
    assert_eq!(partial[0], "11863540685");
    assert!(!partial[18].is_empty());
    assert!(partial[19..].iter().all(String::is_empty));
}

#[test]
fn inline_strings_booleans_numbers_and_gaps_read_as_written() {
    let rows = sheet(
        r#"<row r="2"><c r="B2" t="inlineStr"><is><r><t>Head of </t></r><r><t>Service &amp; Care</t></r></is></c>
        <c r="D2" t="b"><v>1</v></c><c r="E2"><v>4.50</v></c><c r="F2"><v>1E-3</v></c>
        <c r="G2" t="str"><f>A1</f><v>line_x000D_two</v></c><c r="H2" t="e"><v>#N/A</v></c></row>
        <row r="4"><c r="A4" t="inlineStr"><is><t>&#8220;quoted&#8221;</t></is></c></row>
        <row r="6"><c r="A6" s="0"/></row>"#,
    );
    let rows = read_first_sheet(&changed(&[(SHEET, Some(&rows))])).unwrap();
    let blank = vec![String::new(); 8];
    assert_eq!(rows.len(), 4, "the styled empty row 6 at the end is dropped");
    assert_eq!(rows[0], blank);
    assert_eq!(
        rows[1],
        [
            "",
            "Head of Service & Care",
            "",
            "TRUE",
            "4.50",
            "1E-3",
            "line\rtwo",
            "#N/A"
        ]
    );
    assert_eq!(rows[2], blank);
    assert_eq!(rows[3][0], "\u{201c}quoted\u{201d}");
}

#[test]
fn bad_files_are_told_apart() {
    assert_eq!(
        read_first_sheet(b"Respondent,Role\r\n1,GP\r\n"),
        Err(XlsxError::NotZip)
    );
    assert_eq!(read_first_sheet(b""), Err(XlsxError::NotZip));
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    assert_eq!(read_first_sheet(&ole), Err(XlsxError::OldOrProtected));
    let mut cut = fixture("microsoft-forms.xlsx");
    cut.truncate(cut.len() / 2);
    assert_eq!(read_first_sheet(&cut), Err(XlsxError::NotZip));
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, None)])),
        Err(XlsxError::NoWorksheet)
    );
    assert_eq!(
        read_first_sheet(&changed(&[("xl/workbook.xml", None)])),
        Err(XlsxError::NoWorksheet)
    );
}

#[test]
fn broken_parts_name_the_part_or_cell() {
    match read_first_sheet(&changed(&[(
        SHEET,
        Some(&sheet(r#"<row r="1"><c r="A1"><v>1</v></row>"#)),
    )])) {
        Err(XlsxError::BadXml { part, .. }) => assert_eq!(part, SHEET),
        other => panic!("expected bad XML, got {other:?}"),
    }
    let missing_string = sheet(r#"<row r="1"><c r="A1" t="s"><v>9999</v></c></row>"#);
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, Some(&missing_string))])),
        Err(XlsxError::BadCell {
            reference: "A1".into()
        })
    );
    let bad_reference = sheet(r#"<row r="1"><c r="7A"><v>1</v></c></row>"#);
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, Some(&bad_reference))])),
        Err(XlsxError::BadCell {
            reference: "7A".into()
        })
    );
}

#[test]
fn oversized_files_stop_at_a_limit() {
    let far_row = sheet(r#"<row r="100001"><c r="A100001"><v>1</v></c></row>"#);
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, Some(&far_row))])),
        Err(XlsxError::TooLarge(Limit::Rows(100_000)))
    );
    let far_column = sheet(r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#);
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, Some(&far_column))])),
        Err(XlsxError::TooLarge(Limit::Columns(16_384)))
    );
    let wide_and_long =
        sheet(r#"<row r="1"><c r="XFD1"><v>1</v></c></row><row r="400"><c r="A400"><v>1</v></c></row>"#);
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, Some(&wide_and_long))])),
        Err(XlsxError::TooLarge(Limit::Cells(5_000_000)))
    );
    // A zip bomb: 51 MB of spaces packs into a few dozen kilobytes.
    let bomb = sheet(&" ".repeat(51 * 1024 * 1024));
    assert_eq!(
        read_first_sheet(&changed(&[(SHEET, Some(&bomb))])),
        Err(XlsxError::TooLarge(Limit::UnpackedBytes(50 * 1024 * 1024)))
    );
}
