//! Instrument loading: every shipped file validates, and each invariant rejects bad files.

use trellis_core::catalogue::SHIPPED;
use trellis_core::format::{packed, InstrumentFile};
use trellis_core::{Catalogue, Instrument, InstrumentError};

use crate::common::{mini, readiness, MINI, READINESS};

#[test]
fn every_shipped_instrument_loads() {
    assert!(!SHIPPED.is_empty());
    for (name, text) in SHIPPED {
        if let Err(errors) = Instrument::from_json(text) {
            panic!("{name} is invalid: {errors:#?}");
        }
    }
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let latest = catalogue
        .latest(trellis_core::catalogue::DEFAULT_INSTRUMENT)
        .expect("default instrument");
    assert!(catalogue
        .get(latest.id(), &latest.version().to_string())
        .is_some());
}

/// Every field of two instruments (`PartialEq` on `Instrument` compares id and version only).
fn assert_same(a: &Instrument, b: &Instrument) {
    assert_eq!(
        (a.id(), a.version(), a.title(), a.summary()),
        (b.id(), b.version(), b.title(), b.summary())
    );
    assert_eq!(a.scale(), b.scale());
    assert_eq!(a.levels(), b.levels());
    assert_eq!(a.modes(), b.modes());
    assert_eq!(a.domains(), b.domains());
    assert_eq!(a.statements(), b.statements());
    assert_eq!(a.context(), b.context());
    assert_eq!(a.actions(), b.actions());
    assert_eq!(a.partner_levels(), b.partner_levels());
}

/// The app reads the packed form that build.rs embeds: it must say exactly what the
/// JSON files say, in the same order.
#[test]
fn shipped_catalogue_is_the_json_files() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    assert_eq!(catalogue.all().len(), SHIPPED.len());
    for ((name, text), shipped) in SHIPPED.iter().zip(catalogue.all()) {
        let from_json = Instrument::from_json(text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_same(shipped, &from_json);
    }
}

/// Packing and unpacking gives back the same file, for fixtures with every kind of field
/// (number questions, empty defaults, critical domains).
#[test]
fn packed_form_round_trips() {
    let fixtures = [
        MINI,
        include_str!("fixtures/analysis.json"),
        READINESS,
        SHIPPED[0].1,
    ];
    for text in fixtures {
        let file: InstrumentFile = serde_json::from_str(text).expect("fixture parses");
        let packed = packed::pack(&file).expect("no separator in the fixture");
        assert_eq!(packed::unpack(&packed), file);
    }
    let mut file: InstrumentFile = serde_json::from_str(MINI).expect("mini parses");
    file.title = format!("a{}b", packed::SEPARATOR);
    assert_eq!(packed::pack(&file), Err(file.title.clone()));
}

#[test]
fn mini_fixture_loads_with_its_shape() {
    let i = mini();
    assert_eq!(i.id(), "mini");
    assert_eq!(i.version().to_string(), "0.1.0");
    assert_eq!(i.scale_max(), 5);
    assert_eq!(i.statement_count("quick"), 2);
    assert_eq!(i.statement_count("full"), 6);
    let quick: Vec<&str> = i.domains_in_mode("quick").map(|d| d.id.as_str()).collect();
    assert_eq!(quick, ["trust", "vision"]);
    assert!(i.is_functioning("trust"));
    assert!(!i.is_functioning("outcomes"));
}

/// Applies `edit` to the mini fixture's JSON and expects exactly `expected` as errors.
fn check(edit: impl FnOnce(&mut serde_json::Value), expected: &[InstrumentError]) {
    check_file(MINI, edit, expected);
}

/// Applies `edit` to a fixture's JSON and expects exactly `expected` as errors.
fn check_file(fixture: &str, edit: impl FnOnce(&mut serde_json::Value), expected: &[InstrumentError]) {
    let mut value: serde_json::Value = serde_json::from_str(fixture).expect("fixture is JSON");
    edit(&mut value);
    let errors = Instrument::from_json(&value.to_string()).expect_err("the edit should be rejected");
    assert_eq!(errors, expected);
}

#[test]
fn rejects_each_broken_invariant() {
    use InstrumentError::*;
    check(|v| v["format"] = 4.into(), &[UnsupportedFormat(4)]);
    check(|v| v["format"] = 0.into(), &[UnsupportedFormat(0)]);
    check(|v| v["version"] = "1.0".into(), &[BadVersion("1.0".into())]);
    check(|v| v["version"] = "01.0.0".into(), &[BadVersion("01.0.0".into())]);
    check(
        |v| v["statements"][1]["id"] = "trust.a".into(),
        &[DuplicateId {
            list: "statement",
            id: "trust.a".into(),
        }],
    );
    check(
        |v| v["statements"][5]["domain"] = "nowhere".into(),
        &[
            DomainWithoutStatements("outcomes".into()),
            UnknownDomain {
                item: "outcomes.a".into(),
                domain: "nowhere".into(),
            },
        ],
    );
    check(
        |v| v["statements"][0]["modes"][1] = "other".into(),
        &[UnknownMode {
            statement: "trust.a".into(),
            mode: "other".into(),
        }],
    );
    check(|v| v["scale"]["points"][1]["value"] = 3.into(), &[ScaleNotOneToN]);
    check(|v| v["levels"][0]["level"] = 2.into(), &[LevelsNotOneToN]);
    check(
        |v| v["domains"][0]["levels"] = serde_json::json!(["only one"]),
        &[LevelDescriptorCount {
            domain: "trust".into(),
            found: 1,
            expected: 2,
        }],
    );
    check(
        |v| v["statements"][2]["text"] = " ".into(),
        &[EmptyField("the text of statement \"trust.c\"".into())],
    );
    check(
        |v| v["context"][1]["options"] = serde_json::json!([{"id": "x", "label": "X"}]),
        &[ContextOptions("partners".into())],
    );
    check(
        |v| v["actions"][0]["levels"] = serde_json::json!([3]),
        &[ActionLevel {
            action: "trust.talk".into(),
            level: 3,
        }],
    );
    check(
        |v| v["actions"][0]["priority_when"][0]["options"][0] = "bad".into(),
        &[UnknownCondition {
            item: "trust.talk".into(),
            question: "history".into(),
            option: Some("bad".into()),
        }],
    );
    check(
        |v| v["actions"][0]["effort"] = "huge".into(),
        &[ActionEffort {
            action: "trust.talk".into(),
            value: "huge".into(),
        }],
    );
    check(
        |v| v["actions"][0]["horizon"] = "never".into(),
        &[ActionHorizon {
            action: "trust.talk".into(),
            value: "never".into(),
        }],
    );
}

/// Format 2's fields: `builds_on` names existing domains without circles, `addresses`
/// names statements of the action's own domain, and a format 1 file may use neither.
#[test]
fn rejects_broken_precedence_and_addressed_statements() {
    use serde_json::json;
    use InstrumentError::*;
    let format_2 = |v: &mut serde_json::Value| v["format"] = 2.into();
    check(
        |v| {
            format_2(v);
            v["domains"][1]["builds_on"] = json!(["trust", "nowhere"]);
        },
        &[UnknownDomain {
            item: "vision".into(),
            domain: "nowhere".into(),
        }],
    );
    check(
        |v| {
            format_2(v);
            v["domains"][0]["builds_on"] = json!(["vision"]);
            v["domains"][1]["builds_on"] = json!(["outcomes"]);
            v["domains"][2]["builds_on"] = json!(["trust"]);
        },
        &[BuildsOnCycle(vec![
            "trust".into(),
            "vision".into(),
            "outcomes".into(),
            "trust".into(),
        ])],
    );
    check(
        |v| {
            format_2(v);
            v["domains"][1]["builds_on"] = json!(["vision"]);
        },
        &[BuildsOnCycle(vec!["vision".into(), "vision".into()])],
    );
    check(
        |v| {
            format_2(v);
            v["actions"][0]["addresses"] = json!(["trust.a", "vision.a", "trust.z"]);
        },
        &[
            ActionStatement {
                action: "trust.talk".into(),
                statement: "vision.a".into(),
            },
            ActionStatement {
                action: "trust.talk".into(),
                statement: "trust.z".into(),
            },
        ],
    );
    check(
        |v| {
            v["domains"][1]["builds_on"] = json!(["trust"]);
            v["actions"][0]["addresses"] = json!(["trust.a"]);
        },
        &[
            NeedsFormat {
                field: "builds_on",
                format: 2,
            },
            NeedsFormat {
                field: "addresses",
                format: 2,
            },
        ],
    );
}

/// A format 1 file (the mini fixture) still loads, with no precedence and no addressed
/// statements; the same content declared as format 2 loads the same way, and with the
/// new fields it says what builds on what.
#[test]
fn format_1_files_load_without_the_new_fields() {
    let old = mini();
    assert!(old.domains().iter().all(|d| d.builds_on.is_empty()));
    assert!(old.actions().iter().all(|a| a.addresses.is_empty()));
    assert!(!old.builds_on("vision", "trust"));
    let mut value: serde_json::Value = serde_json::from_str(MINI).expect("fixture is JSON");
    value["format"] = 2.into();
    value["domains"][1]["builds_on"] = serde_json::json!(["trust"]);
    value["domains"][2]["builds_on"] = serde_json::json!(["vision"]);
    let new = Instrument::from_json(&value.to_string()).expect("format 2 loads");
    assert!(new.builds_on("vision", "trust"));
    assert!(new.builds_on("outcomes", "trust"), "through vision");
    assert!(!new.builds_on("trust", "outcomes"));
}

/// Format 3's fields: gates only on readiness domains, five partner levels 1 to 5 each
/// with words, no blank time frame, and a format 2 file may use none of them.
#[test]
fn rejects_broken_format_3_fields() {
    use serde_json::json;
    use InstrumentError::*;
    fn check_3(edit: impl FnOnce(&mut serde_json::Value), expected: &[InstrumentError]) {
        check_file(READINESS, edit, expected);
    }
    let needs = |field, format| NeedsFormat { field, format };
    let format_3 = [
        needs("time_frame", 3),
        needs("readiness", 3),
        needs("gate", 3),
        needs("partner_levels", 3),
    ];
    check_3(|v| v["format"] = 2.into(), &format_3);
    let format_1 = [&[needs("addresses", 2)][..], &format_3].concat();
    check_3(|v| v["format"] = 1.into(), &format_1);
    check_3(
        |v| {
            v["domains"][4]["gate"] = true.into();
            v["domains"][6]["gate"] = true.into();
        },
        &[GateNotReadiness("a".into()), GateNotReadiness("o".into())],
    );
    check_3(
        |v| {
            let levels = v["partner_levels"].as_array_mut().expect("a list");
            levels.pop();
        },
        &[PartnerLevelsNotOneToFive],
    );
    check_3(
        |v| v["partner_levels"][1]["level"] = 3.into(),
        &[PartnerLevelsNotOneToFive],
    );
    check_3(
        |v| {
            v["partner_levels"][2]["name"] = " ".into();
            v["partner_levels"][4]["summary"] = "".into();
        },
        &[
            EmptyField("the name of partner level 3".into()),
            EmptyField("the description of partner level 5".into()),
        ],
    );
    check_3(
        |v| v["modes"][0]["time_frame"] = "  ".into(),
        &[EmptyField("the time frame of mode \"readiness\"".into())],
    );
    // A readiness domain with level descriptors has one per level, as any domain.
    check_3(
        |v| v["domains"][3]["levels"] = json!(["1.", "2."]),
        &[LevelDescriptorCount {
            domain: "setup".into(),
            found: 2,
            expected: 5,
        }],
    );
}

/// A format 3 file loads with what its new fields say, and leaving them out is a valid
/// format 3 file with none of them.
#[test]
fn format_3_files_load_with_the_new_fields() {
    let i = readiness();
    let kinds = |d: &str| (i.is_functioning(d), i.is_readiness(d), i.is_gate(d));
    assert_eq!(kinds("need"), (false, true, true));
    assert_eq!(kinds("mandate"), (false, true, false));
    assert_eq!(kinds("a"), (true, false, false));
    assert_eq!(kinds("o"), (false, false, false));
    let frame = |m: &str| i.mode(m).map(|m| m.time_frame.as_str());
    assert_eq!(frame("full"), Some("Think about the last six months."));
    assert_eq!(frame("both"), Some(""));
    let steps: Vec<(u8, &str)> = i
        .partner_levels()
        .iter()
        .map(|l| (l.level, l.name.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (1, "Networking"),
            (2, "Cooperation"),
            (3, "Coordination"),
            (4, "Coalition"),
            (5, "Collaboration")
        ]
    );
    assert!(mini().partner_levels().is_empty());
    // The new fields are left out of a file that does not use them.
    let file: InstrumentFile = serde_json::from_str(MINI).expect("mini parses");
    let written = serde_json::to_string(&file).expect("serialises");
    for field in ["time_frame", "gate", "partner_levels"] {
        assert!(!written.contains(field), "{field} in {written}");
    }
}

#[test]
fn malformed_json_reports_where() {
    let errors = Instrument::from_json("{\"format\": 1,\n \"id\": }").expect_err("not JSON");
    match &errors[..] {
        [InstrumentError::Parse(msg)] => assert!(msg.contains("line 2"), "{msg}"),
        other => panic!("unexpected {other:?}"),
    }
    let errors = Instrument::from_json("{\"format\": 1, \"surprise\": true}").expect_err("unknown field");
    assert!(errors[0].to_string().contains("surprise"), "{}", errors[0]);
}

/// docs/instrument.md documents every statement and action of the shipped instrument;
/// this catches the document falling behind the data file.
#[test]
fn instrument_doc_mentions_every_statement_and_action() {
    let doc = include_str!("../../../docs/instrument.md");
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    for instrument in catalogue.all() {
        assert!(
            doc.contains(&instrument.version().to_string()),
            "version {} is not documented",
            instrument.version()
        );
        for s in instrument.statements() {
            assert!(
                doc.contains(&s.id),
                "statement {} is not in docs/instrument.md",
                s.id
            );
            assert!(
                doc.contains(&s.text),
                "the wording of {} in docs/instrument.md differs",
                s.id
            );
        }
        for a in instrument.actions() {
            assert!(
                doc.contains(&a.id),
                "action {} is not in docs/instrument.md",
                a.id
            );
        }
        for q in instrument.context() {
            assert!(
                doc.contains(&q.id),
                "context question {} is not in docs/instrument.md",
                q.id
            );
        }
    }
}

/// The limits the product promises for every shipped questionnaire (issue 3).
#[test]
fn shipped_instruments_meet_the_promised_limits() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    for i in catalogue.all() {
        meets_the_common_limits(i);
    }
}

/// The functioning domains of every shipped questionnaire, in order.
const FUNCTIONING: [&str; 8] = [
    "leadership",
    "trust",
    "vision",
    "agreements",
    "conflict",
    "capacity",
    "progress",
    "risk",
];

/// The ids of the domains asked in a mode, in order.
fn mode_domains<'a>(i: &'a Instrument, mode: &'a str) -> Vec<&'a str> {
    i.domains_in_mode(mode).map(|d| d.id.as_str()).collect()
}

/// Issue 3's two modes of 1.0.0: a readiness check of at most 16 statements over every
/// functioning domain, and a full assessment of at most 50 over every domain.
#[test]
fn questionnaire_1_0_0_keeps_its_modes() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let i = catalogue.get("trellis", "1.0.0").expect("1.0.0 stays shipped");
    let readiness = i.mode("readiness").expect("readiness mode");
    let full = i.mode("full").expect("full mode");
    assert!(!readiness.ask_levels && full.ask_levels);
    assert!(i.statement_count("readiness") <= 16);
    assert!(i.statement_count("full") <= 50);
    assert_eq!(
        mode_domains(i, "readiness"),
        FUNCTIONING,
        "readiness covers every functioning domain"
    );
    assert_eq!(
        mode_domains(i, "full").len(),
        i.domains().len(),
        "full covers every domain"
    );
}

/// Questionnaire 2.0.0's modes (issue 18): a readiness check of at most 18 statements
/// over the six readiness domains, need and benefit the gates; a quick check of at most
/// 16 statements over the functioning domains; the full assessment over the functioning
/// domains and outcomes, with level choices, in at most 50 statements and about 20
/// minutes (issue 3's promise, for a nurse answering on a phone); a time frame for every
/// mode; and the partner map's five steps.
#[test]
fn questionnaire_2_0_0_has_a_readiness_check_a_quick_check_and_a_partner_map() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let i = catalogue.get("trellis", "2.0.0").expect("2.0.0 is shipped");
    let readiness = ["need", "mandate", "benefit", "history", "setup", "power"];
    assert_eq!(mode_domains(i, "readiness"), readiness);
    assert!(readiness.iter().all(|d| i.is_readiness(d)));
    let gates: Vec<&str> = readiness.into_iter().filter(|d| i.is_gate(d)).collect();
    assert_eq!(gates, ["need", "benefit"]);
    assert!(i.statement_count("readiness") <= 18);
    assert_eq!(mode_domains(i, "quick"), FUNCTIONING);
    assert!(i.statement_count("quick") <= 16);
    assert!(i.statement_count("full") <= 50);
    assert!(i.mode("full").is_some_and(|m| m.minutes <= 20));
    assert_eq!(
        mode_domains(i, "full"),
        [&FUNCTIONING[..], &["outcomes"]].concat()
    );
    let asks = |m: &str| i.mode(m).is_some_and(|m| m.ask_levels);
    assert_eq!(
        [asks("readiness"), asks("quick"), asks("full")],
        [false, false, true]
    );
    for m in i.modes() {
        assert!(!m.time_frame.trim().is_empty(), "{} has a time frame", m.id);
    }
    assert_eq!(i.partner_levels().len(), 5);
    assert_eq!(
        catalogue.latest("trellis").map(|l| l.version().to_string()),
        Some("2.0.0".into())
    );
}

/// A mode's summary tells respondents how many statements it asks and how long it takes;
/// where it gives a number, it is the file's.
#[test]
fn mode_summaries_give_the_true_count_and_time() {
    /// The numbers a text puts before `unit` ("16 statements", "about 5 minutes").
    fn numbers_before(text: &str, unit: &str) -> Vec<u32> {
        let words: Vec<&str> = text.split_whitespace().collect();
        words
            .windows(2)
            .filter(|w| w[1].trim_end_matches(['.', ',']) == unit)
            .filter_map(|w| w[0].parse().ok())
            .collect()
    }
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    for i in catalogue.all() {
        for m in i.modes() {
            let count = i.statement_count(&m.id) as u32;
            let context = format!("{} {}: {}", i.version(), m.id, m.summary);
            for said in numbers_before(&m.summary, "statements") {
                assert_eq!(said, count, "{context}");
            }
            for said in numbers_before(&m.summary, "minutes") {
                assert_eq!(said, m.minutes, "{context}");
            }
        }
    }
    assert_eq!(
        numbers_before("You answer 16 statements, about 5 minutes.", "statements"),
        [16]
    );
}

/// What every shipped questionnaire keeps: the eight functioning domains and an outcomes
/// domain, five levels described for each of them, the reason each domain matters, enough
/// actions, short statements without jargon, and the context questions the rules use.
fn meets_the_common_limits(i: &Instrument) {
    use std::collections::BTreeSet;
    use trellis_core::format::DomainKind;
    let version = i.version();
    let functioning: Vec<&str> = i
        .domains()
        .iter()
        .filter(|d| d.kind == DomainKind::Functioning)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(functioning, FUNCTIONING, "{version}");
    assert!(
        i.domains().iter().any(|d| d.kind == DomainKind::Outcome),
        "{version}: an outcomes domain"
    );
    assert_eq!(i.levels().len(), 5);
    for d in i.domains() {
        assert!(
            !d.summary.trim().is_empty(),
            "{version}: {} explains why it matters",
            d.id
        );
        let actions = i.actions().iter().filter(|a| a.domain == d.id).count();
        // Readiness domains are about starting: they may go without level descriptions,
        // and their actions are fewer (the conditions for starting are narrower).
        let fewest = if d.kind == DomainKind::Readiness {
            2
        } else {
            assert_eq!(
                d.levels.len(),
                5,
                "{version}: {} has five level descriptions",
                d.id
            );
            4
        };
        assert!(
            actions >= fewest,
            "{version}: {} has only {actions} actions",
            d.id
        );
    }
    assert!(i.actions().len() >= 40);
    for s in i.statements() {
        assert!(
            s.text.split_whitespace().count() <= 20,
            "{version}: {} is long: {}",
            s.id,
            s.text
        );
        for jargon in ["CMOC", "mechanism", "synergy", "realist", "formalisation"] {
            assert!(
                !s.text.to_lowercase().contains(&jargon.to_lowercase()),
                "{version}: {} uses {jargon}",
                s.id
            );
        }
    }
    // The context questions the engine's rules rely on, with the options they name.
    let options = |q: &str| -> BTreeSet<String> {
        i.context()
            .iter()
            .find(|c| c.id == q)
            .map(|c| c.options.iter().map(|o| o.id.clone()).collect())
            .unwrap_or_default()
    };
    for q in [
        "type",
        "origin",
        "depth",
        "partners",
        "partner_kinds",
        "geography",
        "history",
        "formal_basis",
        "age",
        "pressures",
    ] {
        assert!(i.context().iter().any(|c| c.id == q), "context question {q}");
    }
    let history: BTreeSet<String> = ["none", "positive", "mixed", "negative", "ended-badly"]
        .map(String::from)
        .into();
    assert_eq!(options("history"), history);
    let pressures: BTreeSet<String> = ["finance", "workforce", "priorities", "regulation", "data-sharing"]
        .map(String::from)
        .into();
    assert_eq!(options("pressures"), pressures);
    assert!(options("origin").contains("mandated"));
}

/// Time frames a later version may add to a kept statement without changing what it
/// asks, at the start of the sentence ("In the last six months, people ...") or at its end
/// ("... each other in the last six months.").
const TIME_FRAMES: [&str; 2] = ["in the last six months", "over the last six months"];

/// Whether `later` asks what `earlier` asks: the same words, or the same words with only
/// a time frame added. Any other change, a change of tense included, is a new question and
/// needs a new id, because the progress view compares a domain across versions only where
/// the statement ids asked are the same.
fn asks_the_same(earlier: &str, later: &str) -> bool {
    /// `text` with its first letter in lower case, unless it is the word "I".
    fn lower_first(text: &str) -> String {
        if text.starts_with("I ") {
            return text.to_owned();
        }
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    }
    if earlier == later {
        return true;
    }
    let body = earlier.strip_suffix('.').unwrap_or(earlier);
    TIME_FRAMES.iter().any(|frame| {
        let start = format!(
            "{}{}, {}",
            frame[..1].to_uppercase(),
            &frame[1..],
            lower_first(earlier)
        );
        let end = format!("{body} {frame}.");
        later == start || later == end
    })
}

/// The id rule's allowance, case by case: a time frame may be added, nothing else.
#[test]
fn a_kept_statement_may_only_gain_a_time_frame() {
    let check = |earlier: &str, later: &str, same: bool| {
        assert_eq!(asks_the_same(earlier, later), same, "{earlier:?} -> {later:?}");
    };
    let visible = "Leaders from each partner take an active part in this collaboration.";
    check(visible, visible, true);
    check(
        visible,
        "In the last six months, leaders from each partner take an active part in this collaboration.",
        true,
    );
    check(
        visible,
        "Leaders from each partner take an active part in this collaboration in the last six months.",
        true,
    );
    check(
        "I can see progress.",
        "Over the last six months, I can see progress.",
        true,
    );
    // A change of tense is a new question, with or without a time frame.
    check(
        visible,
        "In the last six months, leaders from each partner have taken an active part in this collaboration.",
        false,
    );
    check(visible, "Leaders from each partner took part.", false);
    check(
        visible,
        "In the last year, leaders from each partner take an active part in this collaboration.",
        false,
    );
}

/// A statement id shared by two shipped versions asks the same thing in both (the id rule
/// in docs/instrument.md): the words are the same but for an added time frame.
#[test]
fn shipped_versions_keep_an_id_only_for_the_same_question() {
    let catalogue = Catalogue::shipped().expect("shipped catalogue");
    let mut changed = Vec::new();
    for earlier in catalogue.all() {
        for later in catalogue.all() {
            if earlier.id() != later.id() || earlier.version() >= later.version() {
                continue;
            }
            for s in later.statements() {
                let Some(before) = earlier.statements().iter().find(|b| b.id == s.id) else {
                    continue;
                };
                if !asks_the_same(&before.text, &s.text) {
                    changed.push(format!(
                        "{} {} -> {}: {:?} -> {:?}",
                        s.id,
                        earlier.version(),
                        later.version(),
                        before.text,
                        s.text
                    ));
                }
            }
        }
    }
    assert!(
        changed.is_empty(),
        "kept ids whose question changed:\n{}",
        changed.join("\n")
    );
}
