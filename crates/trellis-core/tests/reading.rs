//! Import reading: tables (unclosed quotes, encodings), every row in exactly one item,
//! survey platforms' exports of one seven-person round read row by row, labels typed as
//! people type them, unknown columns flagged, and Trellis's own tidy export read back.

use std::rc::Rc;

use proptest::prelude::*;
use trellis_core::export::iso_datetime;
use trellis_core::format::{Answer, Collaboration, RoleCategory, Timestamp, Workspace};
use trellis_core::transfer::{
    decode_text, prepare_import, read_csv_table, suggest_partner, suggest_role, ColumnStatus, ColumnTarget,
    CsvMapping, CsvProblem, ImportItem, LabelMapping, ParseStop, Platform, PreparedImport, Table,
    TransferError,
};
use trellis_core::workspace::{NewCollaboration, NewRound};
use trellis_core::{Catalogue, Instrument};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");

fn instrument() -> Rc<Instrument> {
    let catalogue = Catalogue::shipped().expect("the shipped catalogue");
    catalogue
        .get("trellis", "2.0.0")
        .expect("questionnaire 2.0.0")
        .clone()
}

/// The round's collaboration: four partners, p1 to p4 in this order.
fn collaboration() -> Collaboration {
    NewCollaboration {
        name: "Northshire".into(),
        partners: vec![
            "Northshire Community Health NHS Trust".into(),
            "Northshire County Council".into(),
            "Riverside Primary Care Network".into(),
            "Northshire Carers Forum".into(),
        ],
    }
    .validate("c1".into(), Timestamp(1))
    .expect("a valid collaboration")
}

fn workspace(i: &Instrument) -> Workspace {
    let mut ws = Workspace::default();
    ws.add_collaboration(collaboration());
    let round = NewRound {
        name: "Spring".into(),
        date: "2026-03-01".into(),
        mode: "quick".into(),
        partner_map: false,
    };
    ws.add_round("c1", &round, i, "r1".into(), Timestamp(2))
        .expect("a valid round");
    ws
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn prepare(name: &str, table: Table) -> PreparedImport {
    prepare_import(name, table, &instrument(), "quick", &collaboration()).expect("a header")
}

fn read(prepared: &PreparedImport, take: bool) -> Vec<ImportItem> {
    read_with(prepared, &prepared.mapping, &prepared.labels, take)
}

/// Reads with the facilitator's mapping and labels.
fn read_with(
    prepared: &PreparedImport,
    mapping: &CsvMapping,
    labels: &LabelMapping,
    take: bool,
) -> Vec<ImportItem> {
    prepared.read(
        mapping,
        labels,
        take,
        &instrument(),
        "quick",
        &collaboration(),
        "r1",
        counter(),
        Timestamp(5),
    )
}

fn fixture(name: &str) -> PreparedImport {
    let text = std::fs::read_to_string(format!("{FIXTURES}{name}")).expect("the fixture");
    prepare(name, read_csv_table(&text).expect("a readable file"))
}

// ---------------------------------------------------------------------------------------
// The round every fixture holds: who answered, and their answers to the 16 statements of
// the quick mode in questionnaire order (`-` blank, `dk` don't know, `na` not applicable).

const PEOPLE: [(&str, RoleCategory, &str); 7] = [
    ("p1", RoleCategory::Clinician, "4 4 dk 3 4 5 4 3 3 2 4 3 4 4 3 3"),
    ("p2", RoleCategory::Manager, "3 4 4 3 - 4 3 2 3 2 3 2 4 3 3 2"),
    ("p3", RoleCategory::Clinician, "5 4 4 4 4 5 4 4 4 3 4 3 4 4 4 4"),
    (
        "p1",
        RoleCategory::SeniorLeader,
        "4 5 4 4 5 5 4 4 3 3 4 4 5 4 4 4",
    ),
    (
        "p4",
        RoleCategory::ServiceUser,
        "2 3 3 2 3 4 dk 2 2 na 3 2 3 3 2 2",
    ),
    ("p2", RoleCategory::Clinician, "3 3 4 3 4 4 3 3 - - - - - - - -"),
    ("p3", RoleCategory::Manager, "4 4 3 4 4 4 3 3 3 3 4 3 4 3 3 3"),
];

const COMMENTS: [(usize, &str); 2] = [
    (1, "We need a clearer way to escalate problems."),
    (
        3,
        "Good start; funding is the risk, and we have not agreed it yet.",
    ),
];

fn codes(i: &Instrument, answers: &std::collections::BTreeMap<String, Answer>) -> String {
    i.statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == "quick"))
        .map(|s| answers.get(&s.id).map_or("-".to_string(), |a| a.code()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a platform's fixture with the suggested mapping and labels and checks it row
/// by row: who, answers, draft or sent (and when the first was sent), comments.
fn check_round(
    prepared: &PreparedImport,
    platform: Platform,
    header_rows: usize,
    first_sent: &str,
    draft: bool,
) {
    let i = instrument();
    assert_eq!((prepared.platform, prepared.header_rows), (platform, header_rows));
    assert_eq!(prepared.data_rows, 7);
    assert!(
        !prepared.labels.has_unmapped(),
        "every label has a suggestion: {:?}",
        prepared.labels
    );
    let items = read(prepared, false);
    assert_eq!(items.iter().map(|item| item.rows).sum::<usize>(), 7);
    assert_eq!(items.len(), 7);
    for (k, (item, (organisation, role, answers))) in items.iter().zip(PEOPLE).enumerate() {
        let file = match &item.result {
            Ok(file) => file,
            Err(e) => panic!("{}: {e:?}", item.source),
        };
        let r = &file.response;
        assert_eq!(
            (r.organisation.as_str(), r.role),
            (organisation, role),
            "{}",
            item.source
        );
        assert_eq!(codes(&i, &r.answers), answers, "{}", item.source);
        let comment = COMMENTS.iter().find(|(person, _)| *person == k).map(|(_, c)| *c);
        assert_eq!(
            r.comments.values().next().map(String::as_str),
            comment,
            "{}",
            item.source
        );
        assert!(r.comments.len() <= 1);
        let half_finished = k == 5;
        assert_eq!(r.submitted.is_none(), draft && half_finished, "{}", item.source);
    }
    let first = items[0].result.as_ref().expect("the first row").response.clone();
    assert_eq!(iso_datetime(first.updated), first_sent);
    // Ids are stable: a second import of the same file finds the same ids.
    let again = read(prepared, false);
    let ids = |items: &[ImportItem]| -> Vec<String> {
        items
            .iter()
            .filter_map(|item| item.result.as_ref().ok().map(|f| f.response.id.clone()))
            .collect()
    };
    assert_eq!(ids(&items), ids(&again));
    assert!(
        ids(&items).iter().all(|id| !id.starts_with("new-")),
        "{:?}",
        ids(&items)
    );
    // Every column is either used, or left out saying why.
    for column in &prepared.columns {
        assert!(
            !matches!(column.status, ColumnStatus::NotRecognised { .. }),
            "{column:?}"
        );
    }
    // The rows import into the round.
    let catalogue = Catalogue::shipped().expect("catalogue");
    let (_, report) =
        trellis_core::transfer::plan_import(&workspace(&i), "r1", &catalogue, items, &Default::default());
    assert_eq!((report.added.len(), report.rejected.len()), (7, 0), "{report:?}");
}

#[test]
fn google_forms_export() {
    check_round(
        &fixture("google-forms.csv"),
        Platform::GoogleForms,
        1,
        "2026-03-13T09:10:05Z",
        false,
    );
}

#[test]
fn surveymonkey_export() {
    let prepared = fixture("surveymonkey.csv");
    assert_eq!(
        prepared.headers[12],
        "How far do you agree with these statements about the partnership? - Leaders from each partner try to understand the pressures that other partners face."
    );
    check_round(
        &prepared,
        Platform::SurveyMonkey,
        2,
        "2026-03-13T08:10:40Z",
        false,
    );
}

#[test]
fn qualtrics_numeric_export() {
    let prepared = fixture("qualtrics-numeric.csv");
    // Organisations come as choice numbers and "don't know" / "not applicable" as 6 and
    // 7: each is suggested once, for the facilitator to confirm.
    let organisations: Vec<(&str, usize, Option<&str>, bool)> = prepared
        .labels
        .organisations
        .iter()
        .map(|l| (l.value.as_str(), l.rows, l.choice.as_deref(), l.exact))
        .collect();
    assert_eq!(
        organisations,
        [
            ("1", 2, Some("p1"), false),
            ("2", 2, Some("p2"), false),
            ("3", 2, Some("p3"), false),
            ("4", 1, Some("p4"), false)
        ]
    );
    let answers: Vec<(&str, usize, Option<Answer>)> = prepared
        .labels
        .answers
        .iter()
        .map(|l| (l.value.as_str(), l.rows, l.choice))
        .collect();
    assert_eq!(
        answers,
        [
            ("6", 2, Some(Answer::DontKnow)),
            ("7", 1, Some(Answer::NotApplicable))
        ]
    );
    check_round(&prepared, Platform::Qualtrics, 3, "2026-03-13T09:10:40Z", true);
}

#[test]
fn qualtrics_labels_export() {
    check_round(
        &fixture("qualtrics-labels.csv"),
        Platform::Qualtrics,
        3,
        "2026-03-13T09:10:40Z",
        true,
    );
}

#[test]
fn jisc_export() {
    check_round(
        &fixture("jisc.csv"),
        Platform::Jisc,
        1,
        "2026-03-13T09:10:00Z",
        false,
    );
}

#[test]
fn microsoft_forms_rows() {
    let text = std::fs::read_to_string(format!("{FIXTURES}microsoft-forms.rows.json")).expect("the fixture");
    let rows: Vec<Vec<String>> = serde_json::from_str(&text).expect("rows of cells");
    let prepared = prepare("responses.xlsx", Table::from_rows(rows));
    assert_eq!(
        prepared.columns[3].status,
        ColumnStatus::Metadata(trellis_core::transfer::MetadataKind::Contact)
    );
    check_round(
        &prepared,
        Platform::MicrosoftForms,
        1,
        "2025-03-10T09:21:21Z",
        false,
    );
}

/// SurveyMonkey's .xlsx has the CSV's two header rows; its cells (as the xlsx reader
/// returns them, see crates/trellis-xlsx) read as the same round.
#[test]
fn surveymonkey_xlsx_rows() {
    let text =
        std::fs::read_to_string(format!("{FIXTURES}surveymonkey-xlsx.rows.json")).expect("the fixture");
    let rows: Vec<Vec<String>> = serde_json::from_str(&text).expect("rows of cells");
    let prepared = prepare("responses.xlsx", Table::from_rows(rows));
    check_round(
        &prepared,
        Platform::SurveyMonkey,
        2,
        "2025-03-10T09:21:21Z",
        false,
    );
}

// ---------------------------------------------------------------------------------------
// Tables.

#[test]
fn an_unclosed_quote_stops_reading_before_its_row() {
    let text = "organisation,leadership.visible,comment:leadership.visible\r\n\
                p1,4,\"fine\"\r\n\
                p2,3,\"multi\r\nline\"\r\n\
                p3,2,\"never closed\r\n\
                p1,4,\r\n\
                p2,5,\r\n";
    let table = read_csv_table(text).expect("readable in part");
    let lines: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 3]);
    assert_eq!(
        table.stopped,
        Some(ParseStop {
            quote_line: 5,
            first_lost_line: 5,
            last_line: 7
        })
    );
    let prepared = prepare("late.csv", table);
    assert_eq!(prepared.data_rows, 2);
    // Nothing is taken unless the facilitator chooses to: one item stands for both rows.
    let nothing = read(&prepared, false);
    let stop = TransferError::UnclosedQuote {
        quote_line: 5,
        first_lost_line: 5,
        last_line: 7,
    };
    assert_eq!(nothing.len(), 1);
    assert_eq!(
        (nothing[0].rows, nothing[0].result.clone().map(|_| ())),
        (2, Err(stop.clone()))
    );
    let taken = read(&prepared, true);
    let summary: Vec<(String, usize, bool)> = taken
        .iter()
        .map(|item| (item.source.clone(), item.rows, item.result.is_ok()))
        .collect();
    assert_eq!(
        summary,
        [
            ("late.csv row 2".to_string(), 1, true),
            ("late.csv row 3".to_string(), 1, true),
            ("late.csv".to_string(), 0, false)
        ]
    );
    assert_eq!(taken[2].result.clone().map(|_| ()), Err(stop));
}

#[test]
fn a_quote_inside_a_cell_is_text_and_closed_quotes_are_not_a_stop() {
    // A quote that does not open a cell is part of it, as the csv crate reads it.
    let table = read_csv_table("a,b\n5\" screen,\"x\"\"y\"\n").expect("readable");
    assert_eq!(table.stopped, None);
    assert_eq!(table.rows[1].cells, ["5\" screen", "x\"y"]);
}

#[test]
fn utf16_is_decoded_or_named() {
    let text = "organisation\tleadership.visible\r\nNorthshire County Council\t4\r\n";
    let little: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(decode_text(&little).as_deref(), Ok(text));
    let big_without_mark: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(decode_text(&big_without_mark).as_deref(), Ok(text));
    // UTF-16 read as if it were UTF-8 has a zero between letters: named, not misread.
    let misread = String::from_utf8(text.encode_utf16().flat_map(u16::to_le_bytes).collect())
        .expect("ASCII in UTF-16 is valid UTF-8 with zeros");
    assert_eq!(
        read_csv_table(&misread),
        Err(TransferError::Csv {
            line: 1,
            problem: CsvProblem::Utf16
        })
    );
    assert_eq!(
        decode_text(&[0x66, 0xC3, 0x28, 0x61, 0x62]),
        Err(TransferError::Csv {
            line: 1,
            problem: CsvProblem::NotUtf8
        })
    );
}

fn arb_csv() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("\"".to_string()),
        Just("\"quoted, cell\"".to_string()),
        Just("\"a \"\"b\"\" c\"".to_string()),
        Just("\"line\nbreak\"".to_string()),
        Just("Northshire County Council".to_string()),
        Just("p1".to_string()),
        Just("GP".to_string()),
        Just("Agree".to_string()),
        Just("7".to_string()),
        Just("dk".to_string()),
        "[a-z ;\t\"]{0,6}",
    ];
    let header = prop_oneof![
        Just("organisation".to_string()),
        Just("role".to_string()),
        Just("leadership.visible".to_string()),
        Just("trust.good-intentions".to_string()),
        Just("response_id".to_string()),
        Just("statement_id".to_string()),
        Just("answer".to_string()),
        Just("Finished".to_string()),
        Just("Anything else?".to_string()),
    ];
    let line_end = prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n"), Just("\r")];
    (
        proptest::collection::vec(header, 1..7),
        proptest::collection::vec((proptest::collection::vec(cell, 0..7), line_end), 0..12),
        prop_oneof![Just(","), Just(";"), Just("\t")],
    )
        .prop_map(|(mut headers, rows, delimiter)| {
            // Most files have the columns a reading needs, so rows get read.
            if headers.len() > 2 {
                headers.splice(
                    0..0,
                    ["organisation".to_string(), "leadership.visible".to_string()],
                );
            }
            let mut text = headers.join(delimiter);
            text.push('\n');
            for (cells, end) in rows {
                text.push_str(&cells.join(delimiter));
                text.push_str(end);
            }
            text
        })
}

proptest! {
    #[test]
    fn every_data_row_is_in_exactly_one_item(text in arb_csv(), take in any::<bool>()) {
        let Ok(table) = read_csv_table(&text) else { return Ok(()) };
        let Ok(prepared) = prepare_import("f.csv", table, &instrument(), "quick", &collaboration()) else {
            return Ok(());
        };
        let items = read(&prepared, take);
        prop_assert_eq!(items.iter().map(|item| item.rows).sum::<usize>(), prepared.data_rows);
        // The facilitator's mappings count too: everything left out, then labels unmapped.
        let mut labels = prepared.labels.clone();
        labels.roles.iter_mut().for_each(|l| l.choice = None);
        let items = read_with(&prepared, &prepared.mapping, &labels, take);
        prop_assert_eq!(items.iter().map(|item| item.rows).sum::<usize>(), prepared.data_rows);
    }
}

// ---------------------------------------------------------------------------------------
// Columns and labels.

#[test]
fn an_unknown_statement_column_is_flagged_with_the_closest_statements() {
    let text = "organisation,Partners trust one another to act with good intent,Leaders from each partner take an active part in this collaboration.\np1,4,4\n";
    let prepared = prepare("f.csv", read_csv_table(text).expect("readable"));
    assert_eq!(prepared.mapping.columns[1], ColumnTarget::Ignore);
    let ColumnStatus::NotRecognised { closest } = &prepared.columns[1].status else {
        panic!("{:?}", prepared.columns[1]);
    };
    assert_eq!(closest.first().map(String::as_str), Some("trust.good-intentions"));
    assert!(closest.len() <= 3);
    assert_eq!(prepared.columns[2].status, ColumnStatus::Recognised);
}

#[test]
fn roles_typed_as_people_type_them() {
    let check = |label: &str, role: Option<RoleCategory>, exact: bool| {
        assert_eq!(suggest_role(label), (role, exact), "{label}");
    };
    use RoleCategory::*;
    check("Manager", Some(Manager), true);
    check("clinician", Some(Clinician), true);
    check("Service user or carer representative", Some(ServiceUser), true);
    check("GP", Some(Clinician), false);
    check("district nurse", Some(Clinician), false);
    check("Social worker", Some(Clinician), false);
    check("exec", Some(SeniorLeader), false);
    check("Exec director", Some(SeniorLeader), false);
    check("Director", Some(SeniorLeader), false);
    check("Chief Executive", Some(SeniorLeader), false);
    check("Head of Service - Adult Social Care", Some(Manager), false);
    check("Service user representative", Some(ServiceUser), false);
    check("Carer", Some(ServiceUser), false);
    check("Patient representative", Some(ServiceUser), false);
    check("Team leader", Some(Manager), false);
    check("Healthcare assistant", Some(FrontLine), false);
    check("Admin", Some(FrontLine), false);
    check("Astronaut", None, false);
}

#[test]
fn organisations_typed_as_people_type_them() {
    let c = collaboration();
    let check = |label: &str, partner: Option<&str>, exact: bool| {
        assert_eq!(
            suggest_partner(label, &c),
            (partner.map(str::to_string), exact),
            "{label}"
        );
    };
    check("northshire county council", Some("p2"), true);
    check("p3", Some("p3"), true);
    check("Northshire Community Health", Some("p1"), false);
    check(
        "Northshire Community Health NHS Foundation Trust",
        Some("p1"),
        false,
    );
    check("NCC", Some("p2"), false);
    check("RPCN", Some("p3"), false);
    check("Riverside PCN", Some("p3"), false);
    check("Carers Forum", Some("p4"), false);
    check("3", Some("p3"), false);
    check("9", None, false);
    // "Northshire" alone could be three partners: no guess.
    check("Northshire", None, false);
}

#[test]
fn labels_are_mapped_once_and_kept_when_the_mapping_changes() {
    let text = "organisation,role,leadership.visible\n\
                Riverside PCN,GP,Agree\n\
                Riverside PCN,Astronaut,Somewhat agree\n\
                NCC,GP,Somewhat agree\n";
    let prepared = prepare("f.csv", read_csv_table(text).expect("readable"));
    let roles: Vec<(&str, usize, Option<RoleCategory>)> = prepared
        .labels
        .roles
        .iter()
        .map(|l| (l.value.as_str(), l.rows, l.choice))
        .collect();
    assert_eq!(
        roles,
        [("GP", 2, Some(RoleCategory::Clinician)), ("Astronaut", 1, None)]
    );
    assert_eq!(prepared.labels.answers.len(), 1);
    assert_eq!(prepared.labels.answers[0].choice, Some(Answer::Scale(4)));
    // An unmapped label refuses its rows, naming the label and the column.
    let items = read(&prepared, false);
    assert_eq!(
        items[1].result.clone().map(|_| ()),
        Err(TransferError::UnmappedLabel {
            column: "role".into(),
            value: "Astronaut".into()
        })
    );
    // The facilitator's choice applies to every row with the label, and survives a
    // change of the column mapping.
    let mut labels = prepared.labels.clone();
    labels.roles[1].choice = Some(RoleCategory::Other);
    labels.roles[0].choice = Some(RoleCategory::Manager);
    let mut mapping = prepared.mapping.clone();
    mapping.columns[2] = ColumnTarget::Statement("trust.good-intentions".into());
    let relabelled = prepared.relabel(&mapping, &labels, &instrument(), &collaboration());
    assert_eq!(relabelled.roles, labels.roles);
    let items = read_with(&prepared, &mapping, &relabelled, false);
    let roles: Vec<RoleCategory> = items
        .iter()
        .map(|item| item.result.as_ref().expect("read").response.role)
        .collect();
    assert_eq!(
        roles,
        [RoleCategory::Manager, RoleCategory::Other, RoleCategory::Manager]
    );
}

// ---------------------------------------------------------------------------------------
// Trellis's own tidy export, read back one item per person.

#[test]
fn a_tidy_export_reads_back_one_item_per_person() {
    let header = "\u{feff}collaboration,round_id,round,round_date,response_id,organisation_id,organisation,role,submitted,domain_id,domain,statement_id,statement,answer,value,comment,mode,level_chosen\r\n";
    let row = |id: &str, org: &str, role: &str, statement: &str, answer: &str, comment: &str| {
        format!("Northshire,r1,Spring,2026-03-01,{id},{org},Name,{role},2026-03-13T09:10:05Z,d,Topic,{statement},Text,{answer},,{comment},quick,\r\n")
    };
    let mut text = header.to_string();
    text += &row("a", "p1", "Manager", "leadership.visible", "4", "");
    text += &row(
        "a",
        "p1",
        "Manager",
        "trust.good-intentions",
        "dk",
        "'=not a formula",
    );
    text += &row("b", "p2", "Front-line staff", "leadership.visible", "", "");
    text += &row("a", "p1", "Manager", "vision.shared", "na", "");
    text += &row("c", "p3", "Manager", "leadership.visible", "5", "");
    text += &row("c", "p2", "Manager", "trust.good-intentions", "5", "");
    let prepared = prepare("answers.csv", read_csv_table(&text).expect("readable"));
    assert_eq!(prepared.platform, Platform::TrellisTidy);
    assert_eq!(prepared.data_rows, 6);
    let items = read(&prepared, false);
    let summary: Vec<(&str, usize)> = items.iter().map(|i| (i.source.as_str(), i.rows)).collect();
    assert_eq!(
        summary,
        [
            ("answers.csv rows 2\u{2013}3, 5", 3),
            ("answers.csv row 4", 1),
            ("answers.csv rows 6\u{2013}7", 2)
        ]
    );
    let a = &items[0].result.as_ref().expect("person a").response;
    assert_eq!(
        (a.id.as_str(), a.organisation.as_str(), a.role),
        ("a", "p1", RoleCategory::Manager)
    );
    assert_eq!(
        a.answers,
        [
            ("leadership.visible".to_string(), Answer::Scale(4)),
            ("trust.good-intentions".to_string(), Answer::DontKnow),
            ("vision.shared".to_string(), Answer::NotApplicable),
        ]
        .into()
    );
    assert_eq!(
        a.comments.get("trust.good-intentions").map(String::as_str),
        Some("=not a formula")
    );
    assert_eq!(
        a.submitted.map(iso_datetime).as_deref(),
        Some("2026-03-13T09:10:05Z")
    );
    // Rows of one person that disagree on the organisation refuse that person.
    assert_eq!(
        items[2].result.clone().map(|_| ()),
        Err(TransferError::RowsDisagree {
            column: "organisation_id".into()
        })
    );
}

/// Trellis's file with a row per person names the organisation twice (`organisation_id`
/// and `organisation`) and has a `submitted` column: all recognised or left out on
/// purpose, none "not recognised", and the sent time is read.
#[test]
fn the_export_by_person_reads_back_with_every_column_accounted_for() {
    let i = instrument();
    let ids: Vec<&str> = i
        .statements()
        .iter()
        .filter(|s| s.modes.iter().any(|m| m == "quick"))
        .map(|s| s.id.as_str())
        .collect();
    let text = format!(
        "\u{feff}response_id,organisation_id,organisation,role,submitted,{}\r\na,p2,Northshire County Council,Manager,2026-03-13T09:10:05Z,{}\r\n",
        ids.join(","),
        vec!["4"; ids.len()].join(",")
    );
    let prepared = prepare("by-person.csv", read_csv_table(&text).expect("readable"));
    let statuses: Vec<&ColumnStatus> = prepared.columns.iter().take(5).map(|c| &c.status).collect();
    assert_eq!(
        statuses,
        [
            &ColumnStatus::Recognised,
            &ColumnStatus::Metadata(trellis_core::transfer::MetadataKind::Description),
            &ColumnStatus::Recognised,
            &ColumnStatus::Recognised,
            &ColumnStatus::Recognised
        ]
    );
    let items = read(&prepared, false);
    let r = &items[0].result.as_ref().expect("person a").response;
    assert_eq!(r.organisation, "p2");
    assert_eq!(
        r.submitted.map(iso_datetime).as_deref(),
        Some("2026-03-13T09:10:05Z")
    );
}
