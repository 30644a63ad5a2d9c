//! Labels mapped once: each distinct organisation, role and answer value of an import,
//! with how many rows carry it and the partner, role or answer it is taken as (exact, or
//! a suggestion the facilitator confirms or corrects), so that a label typed as people
//! type it ("GP", "Exec director", "NCC") is mapped once instead of refusing every row.

use std::collections::BTreeMap;

use super::csv::{find_partner, normalise, parse_answer, parse_role, ColumnTarget, CsvMapping};
use super::table::TableRow;
use crate::format::{Answer, Collaboration, Partner, RoleCategory};
use crate::instrument::Instrument;

/// One distinct value of a column and what it is taken as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<T> {
    /// The value as written (trimmed).
    pub value: String,
    /// How many data rows carry it.
    pub rows: usize,
    /// What rows with this value are read as; `None` leaves it unmapped, and each row
    /// carrying it is refused ([`super::TransferError::UnmappedLabel`]).
    pub choice: Option<T>,
    /// Whether the choice is the standard reading (an id, a name or a label the app
    /// uses, ignoring case and punctuation) rather than a suggestion to confirm.
    pub exact: bool,
}

/// Every distinct organisation and role label of the mapped columns, and every answer
/// value the standard reading does not understand, each mapped once for all its rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelMapping {
    /// Partner ids.
    pub organisations: Vec<Label<String>>,
    pub roles: Vec<Label<RoleCategory>>,
    /// Only values that are not already an answer (`1`..`5`, `dk`, an agreement word).
    pub answers: Vec<Label<Answer>>,
}

impl LabelMapping {
    /// The labels of `rows` (data rows) under `mapping`, with suggestions; a choice in
    /// `keep` for the same kind and value (one the facilitator already made) is kept.
    pub fn suggest(
        rows: &[TableRow],
        mapping: &CsvMapping,
        instrument: &Instrument,
        collaboration: &Collaboration,
        keep: &LabelMapping,
    ) -> LabelMapping {
        let mut organisations: BTreeMap<String, usize> = BTreeMap::new();
        let mut roles: BTreeMap<String, usize> = BTreeMap::new();
        let mut answers: BTreeMap<String, usize> = BTreeMap::new();
        // First-seen order, so the table lists labels as the file does.
        let mut order: Vec<(u8, String)> = Vec::new();
        for row in rows {
            let mut seen_answers: Vec<&str> = Vec::new();
            for (target, cell) in mapping.columns.iter().zip(&row.cells) {
                let value = cell.trim();
                if value.is_empty() {
                    continue;
                }
                let (kind, counts) = match target {
                    ColumnTarget::Organisation => (0, &mut organisations),
                    ColumnTarget::Role => (1, &mut roles),
                    ColumnTarget::Statement(_) | ColumnTarget::RowAnswer
                        if parse_answer(value, instrument).is_err() =>
                    {
                        if seen_answers.contains(&value) {
                            continue;
                        }
                        seen_answers.push(value);
                        (2, &mut answers)
                    }
                    _ => continue,
                };
                let count = counts.entry(value.to_string()).or_insert(0);
                if *count == 0 {
                    order.push((kind, value.to_string()));
                }
                *count += 1;
            }
        }
        let mut out = LabelMapping::default();
        for (kind, value) in order {
            match kind {
                0 => {
                    let rows = organisations.get(&value).copied().unwrap_or(0);
                    let (choice, exact) = keep_or(&keep.organisations, &value, || {
                        suggest_partner(&value, collaboration)
                    });
                    out.organisations.push(Label {
                        value,
                        rows,
                        choice,
                        exact,
                    });
                }
                1 => {
                    let rows = roles.get(&value).copied().unwrap_or(0);
                    let (choice, exact) = keep_or(&keep.roles, &value, || suggest_role(&value));
                    out.roles.push(Label {
                        value,
                        rows,
                        choice,
                        exact,
                    });
                }
                _ => {
                    let rows = answers.get(&value).copied().unwrap_or(0);
                    let (choice, exact) = keep_or(&keep.answers, &value, || {
                        (suggest_answer(&value, instrument), false)
                    });
                    out.answers.push(Label {
                        value,
                        rows,
                        choice,
                        exact,
                    });
                }
            }
        }
        out
    }

    /// Whether a label has no choice yet (its rows would be refused).
    pub fn has_unmapped(&self) -> bool {
        self.organisations.iter().any(|l| l.choice.is_none())
            || self.roles.iter().any(|l| l.choice.is_none())
            || self.answers.iter().any(|l| l.choice.is_none())
    }
}

fn keep_or<T: Clone>(
    kept: &[Label<T>],
    value: &str,
    suggest: impl FnOnce() -> (Option<T>, bool),
) -> (Option<T>, bool) {
    match kept.iter().find(|l| l.value == value) {
        Some(l) => (l.choice.clone(), l.exact),
        None => suggest(),
    }
}

/// Looks a value up: `Some(choice)` when the value is listed (the choice may be unmade).
pub(super) fn lookup<'a, T>(labels: &'a [Label<T>], value: &str) -> Option<&'a Option<T>> {
    labels.iter().find(|l| l.value == value).map(|l| &l.choice)
}

/// Words that say what kind of body an organisation is rather than which one, left out
/// when names are compared ("Northshire Council" is "Northshire County Council").
const ORGANISATION_WORDS: [&str; 14] = [
    "nhs",
    "trust",
    "foundation",
    "ft",
    "council",
    "the",
    "of",
    "and",
    "cic",
    "ltd",
    "limited",
    "plc",
    "uk",
    "service",
];

/// The partner a label most likely means, and whether it is exact: the partner's id or
/// name (ignoring case and punctuation) is exact; then, as suggestions, the same
/// distinctive words once "NHS", "Trust", "Foundation", "Council" and the like are left
/// out, the initials of the name ("NCC"), one name containing the other, the most words
/// in common, and a number k as the k-th partner (a survey platform exporting choice
/// numbers lists the choices in the order they were set up).
pub fn suggest_partner(label: &str, collaboration: &Collaboration) -> (Option<String>, bool) {
    if let Some(p) = find_partner(collaboration, label) {
        return (Some(p.id.clone()), true);
    }
    let partners = &collaboration.partners;
    let norm = normalise(label);
    if norm.is_empty() {
        return (None, false);
    }
    if let Ok(k) = norm.parse::<usize>() {
        return (
            k.checked_sub(1)
                .and_then(|k| partners.get(k))
                .map(|p| p.id.clone()),
            false,
        );
    }
    let core = |text: &str| -> Vec<String> {
        normalise(text)
            .split(' ')
            .filter(|w| !w.is_empty() && !ORGANISATION_WORDS.contains(w))
            .map(str::to_string)
            .collect()
    };
    let label_core = core(label);
    let unique = |matches: Vec<&Partner>| match matches.as_slice() {
        [one] => Some(one.id.clone()),
        _ => None,
    };
    let tests: [&dyn Fn(&Partner) -> bool; 3] = [
        &|p| !label_core.is_empty() && core(&p.name) == label_core,
        &|p| {
            let initials =
                |words: Vec<String>| words.iter().filter_map(|w| w.chars().next()).collect::<String>();
            let all: Vec<String> = normalise(&p.name).split(' ').map(str::to_string).collect();
            !norm.contains(' ')
                && norm.len() >= 2
                && (initials(all) == norm || initials(core(&p.name)) == norm)
        },
        &|p| {
            let name = format!(" {} ", normalise(&p.name));
            name.contains(&format!(" {norm} ")) || format!(" {norm} ").contains(&name)
        },
    ];
    for test in tests {
        if let Some(id) = unique(partners.iter().filter(|p| test(p)).collect()) {
            return (Some(id), false);
        }
    }
    // Most distinctive words in common, when one partner has strictly the most.
    let overlap = |p: &Partner| core(&p.name).iter().filter(|w| label_core.contains(w)).count();
    let best = partners.iter().map(overlap).max().unwrap_or(0);
    if best == 0 {
        return (None, false);
    }
    (
        unique(partners.iter().filter(|p| overlap(p) == best).collect()),
        false,
    )
}

/// Role words as people type them, and the role each suggests (docs/collection.md lists
/// them). The longest phrase found in the label wins, so "district nurse" and "exec
/// director" decide before "nurse" and "director".
const ROLE_SYNONYMS: [(&str, RoleCategory); 52] = [
    ("chief executive", RoleCategory::SeniorLeader),
    ("ceo", RoleCategory::SeniorLeader),
    ("exec", RoleCategory::SeniorLeader),
    ("executive", RoleCategory::SeniorLeader),
    ("exec director", RoleCategory::SeniorLeader),
    ("executive director", RoleCategory::SeniorLeader),
    ("director", RoleCategory::SeniorLeader),
    ("chair", RoleCategory::SeniorLeader),
    ("board member", RoleCategory::SeniorLeader),
    ("non executive", RoleCategory::SeniorLeader),
    ("senior leader", RoleCategory::SeniorLeader),
    ("manager", RoleCategory::Manager),
    ("head of", RoleCategory::Manager),
    ("head of service", RoleCategory::Manager),
    ("team leader", RoleCategory::Manager),
    ("team lead", RoleCategory::Manager),
    ("service lead", RoleCategory::Manager),
    ("programme lead", RoleCategory::Manager),
    ("commissioner", RoleCategory::Manager),
    ("coordinator", RoleCategory::Manager),
    ("gp", RoleCategory::Clinician),
    ("doctor", RoleCategory::Clinician),
    ("consultant", RoleCategory::Clinician),
    ("nurse", RoleCategory::Clinician),
    ("district nurse", RoleCategory::Clinician),
    ("matron", RoleCategory::Clinician),
    ("midwife", RoleCategory::Clinician),
    ("social worker", RoleCategory::Clinician),
    ("therapist", RoleCategory::Clinician),
    ("physiotherapist", RoleCategory::Clinician),
    ("occupational therapist", RoleCategory::Clinician),
    ("pharmacist", RoleCategory::Clinician),
    ("paramedic", RoleCategory::Clinician),
    ("psychologist", RoleCategory::Clinician),
    ("practitioner", RoleCategory::Clinician),
    ("clinician", RoleCategory::Clinician),
    ("healthcare assistant", RoleCategory::FrontLine),
    ("health care assistant", RoleCategory::FrontLine),
    ("hca", RoleCategory::FrontLine),
    ("care worker", RoleCategory::FrontLine),
    ("support worker", RoleCategory::FrontLine),
    ("admin", RoleCategory::FrontLine),
    ("administrator", RoleCategory::FrontLine),
    ("receptionist", RoleCategory::FrontLine),
    ("front line", RoleCategory::FrontLine),
    ("frontline", RoleCategory::FrontLine),
    ("service user", RoleCategory::ServiceUser),
    ("carer", RoleCategory::ServiceUser),
    ("patient", RoleCategory::ServiceUser),
    ("patient representative", RoleCategory::ServiceUser),
    ("expert by experience", RoleCategory::ServiceUser),
    ("lay member", RoleCategory::ServiceUser),
];

/// The role a label most likely means, and whether it is exact (a role id or the app's
/// label, ignoring case and punctuation); otherwise the longest synonym phrase found in
/// the label as whole words (see [`ROLE_SYNONYMS`]), as a suggestion.
pub fn suggest_role(label: &str) -> (Option<RoleCategory>, bool) {
    if let Ok(role) = parse_role(label) {
        return (Some(role), true);
    }
    let padded = format!(" {} ", normalise(label));
    let found = ROLE_SYNONYMS
        .iter()
        .filter(|(phrase, _)| padded.contains(&format!(" {phrase} ")))
        .max_by_key(|(phrase, _)| phrase.len())
        .map(|(_, role)| *role);
    (found, false)
}

/// A suggestion for an answer value the standard reading does not understand: the two
/// numbers after the scale (how Qualtrics numbers "don't know" and "not applicable"
/// choices placed after a 5-point scale), and the softer agreement words of 4- and
/// 7-point scales ("Somewhat agree", "Tend to disagree").
pub fn suggest_answer(value: &str, instrument: &Instrument) -> Option<Answer> {
    let word = normalise(value);
    let max = instrument.scale_max();
    if let Ok(n) = word.parse::<u8>() {
        return match n.checked_sub(max) {
            Some(1) => Some(Answer::DontKnow),
            Some(2) => Some(Answer::NotApplicable),
            _ => None,
        };
    }
    if max != 5 {
        return None;
    }
    let soft = [
        "somewhat",
        "tend to",
        "slightly",
        "mostly",
        "partly",
        "moderately",
    ];
    let padded = format!(" {word} ");
    let is_soft = soft.iter().any(|s| padded.contains(&format!(" {s} ")));
    if is_soft && padded.contains(" disagree ") {
        Some(Answer::Scale(2))
    } else if is_soft && padded.contains(" agree ") {
        Some(Answer::Scale(4))
    } else if padded.contains(" neither ") || padded.contains(" unsure ") || padded.contains(" not sure ") {
        Some(if padded.contains(" neither ") {
            Answer::Scale(3)
        } else {
            Answer::DontKnow
        })
    } else {
        None
    }
}
