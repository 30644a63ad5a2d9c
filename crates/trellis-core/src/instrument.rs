//! The validated instrument: an [`InstrumentFile`] whose every invariant has been checked.
//!
//! An [`Instrument`] in hand is always valid: ids are unique, every statement belongs to a
//! real domain and a real mode, the scale runs 1..n without gaps, level descriptors match
//! the central levels, every action points at real domains, levels and contexts, only
//! readiness domains are gates, a partner map has its five steps, and no field is newer
//! than the file's format. The fields are private and only borrowed getters are offered,
//! so it cannot be made invalid.

use std::collections::BTreeSet;
use std::fmt;

use crate::format::{
    ActionFile, ContextKind, ContextQuestionFile, DomainFile, DomainKind, InstrumentFile, LevelFile,
    ModeFile, PriorityWhenFile, ScaleFile, StatementFile, INSTRUMENT_FORMAT, READS_FORMATS,
};

/// Something wrong with an instrument file; each names where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstrumentError {
    /// The text is not JSON of the expected shape (serde's message includes line and column).
    Parse(String),
    UnsupportedFormat(u32),
    BadVersion(String),
    EmptyField(String),
    DuplicateId {
        list: &'static str,
        id: String,
    },
    ScaleNotOneToN,
    LevelsNotOneToN,
    LevelDescriptorCount {
        domain: String,
        found: usize,
        expected: usize,
    },
    UnknownDomain {
        item: String,
        domain: String,
    },
    UnknownMode {
        statement: String,
        mode: String,
    },
    ModeWithoutStatements(String),
    DomainWithoutStatements(String),
    ContextOptions(String),
    ActionLevel {
        action: String,
        level: u8,
    },
    /// An action's priority or a domain's critical condition names a missing context
    /// question or option.
    UnknownCondition {
        item: String,
        question: String,
        option: Option<String>,
    },
    ActionEffort {
        action: String,
        value: String,
    },
    ActionHorizon {
        action: String,
        value: String,
    },
    /// An action addresses a statement that does not exist or belongs to another domain.
    ActionStatement {
        action: String,
        statement: String,
    },
    /// Domains that build on each other in a circle (the first is repeated at the end).
    BuildsOnCycle(Vec<String>),
    /// A field that a newer format introduced, used in a file of an older format.
    NeedsFormat {
        field: &'static str,
        format: u32,
    },
    /// A domain marked as a gate that is not a readiness domain.
    GateNotReadiness(String),
    /// Partner levels that are not exactly five, numbered 1 to 5 in order.
    PartnerLevelsNotOneToFive,
}

/// Worded here, in core, unlike the other errors (which `src/messages.rs` words): only
/// developers read it, when build.rs refuses a broken shipped questionnaire and when a
/// test fails. The app never shows it, because no instrument reaches the app unchecked.
impl fmt::Display for InstrumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use InstrumentError::*;
        match self {
            Parse(msg) => write!(f, "the file is not a valid instrument: {msg}"),
            UnsupportedFormat(v) => write!(
                f,
                "instrument format {v} is not supported (this version reads formats 1 to {INSTRUMENT_FORMAT})"
            ),
            BadVersion(v) => write!(f, "version \"{v}\" is not a semantic version like 1.2.0"),
            EmptyField(what) => write!(f, "{what} is empty"),
            DuplicateId { list, id } => write!(f, "the {list} id \"{id}\" is used more than once"),
            ScaleNotOneToN => write!(f, "the scale points must be numbered 1, 2, 3... in order (at least 2)"),
            LevelsNotOneToN => write!(f, "the maturity levels must be numbered 1, 2, 3... in order"),
            LevelDescriptorCount { domain, found, expected } => write!(
                f,
                "domain \"{domain}\" has {found} level descriptions but the instrument defines {expected} levels"
            ),
            UnknownDomain { item, domain } => {
                write!(f, "\"{item}\" refers to domain \"{domain}\", which does not exist")
            }
            UnknownMode { statement, mode } => {
                write!(f, "statement \"{statement}\" refers to mode \"{mode}\", which does not exist")
            }
            ModeWithoutStatements(mode) => write!(f, "mode \"{mode}\" has no statements"),
            DomainWithoutStatements(domain) => write!(f, "domain \"{domain}\" has no statements"),
            ContextOptions(q) => write!(
                f,
                "context question \"{q}\" needs options (single or multi choice) or none (number)"
            ),
            ActionLevel { action, level } => {
                write!(f, "action \"{action}\" names level {level}, which does not exist")
            }
            UnknownCondition { item, question, option: None } => write!(
                f,
                "\"{item}\" refers to context question \"{question}\", which does not exist"
            ),
            UnknownCondition { item, question, option: Some(o) } => write!(
                f,
                "\"{item}\" refers to option \"{o}\" of context question \"{question}\", which does not exist"
            ),
            ActionEffort { action, value } => write!(
                f,
                "action \"{action}\" has effort \"{value}\" (expected low, medium or high)"
            ),
            ActionHorizon { action, value } => write!(
                f,
                "action \"{action}\" has horizon \"{value}\" (expected quick-win, months or year)"
            ),
            ActionStatement { action, statement } => write!(
                f,
                "action \"{action}\" addresses statement \"{statement}\", which is not a statement of its domain"
            ),
            BuildsOnCycle(path) => write!(f, "domains build on each other in a circle: {}", path.join(" -> ")),
            NeedsFormat { field, format } => {
                write!(f, "\"{field}\" needs instrument format {format} or later")
            }
            GateNotReadiness(domain) => write!(
                f,
                "domain \"{domain}\" is a gate, but only readiness domains can be gates"
            ),
            PartnerLevelsNotOneToFive => write!(
                f,
                "the partner levels must be exactly five, numbered 1 to 5 in order"
            ),
        }
    }
}

/// A semantic version `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut next = || -> Option<u32> {
            let p = parts.next()?;
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || (p.len() > 1 && p.starts_with('0')) {
                return None;
            }
            p.parse().ok()
        };
        let v = Version {
            major: next()?,
            minor: next()?,
            patch: next()?,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(v)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A validated instrument.
#[derive(Debug, Clone)]
pub struct Instrument {
    file: InstrumentFile,
    version: Version,
}

/// Instruments are identified by id and version: a wording change is a new version (see
/// docs/instrument.md), so two with the same id and version are the same instrument.
/// Comparing only those keeps view props cheap to compare (and the bundle smaller than
/// comparing every statement).
impl PartialEq for Instrument {
    fn eq(&self, other: &Self) -> bool {
        self.file.id == other.file.id && self.version == other.version
    }
}

impl Instrument {
    /// Parses and validates an instrument file, reporting every problem found.
    pub fn from_json(text: &str) -> Result<Instrument, Vec<InstrumentError>> {
        let file: InstrumentFile =
            serde_json::from_str(text).map_err(|e| vec![InstrumentError::Parse(e.to_string())])?;
        Instrument::new(file)
    }

    /// An instrument from a file that build.rs has already passed through
    /// [`Instrument::new`] (the shipped ones), without checking it again at run time.
    pub(crate) fn validated_at_build(file: InstrumentFile) -> Result<Instrument, Vec<InstrumentError>> {
        match Version::parse(&file.version) {
            Some(version) => Ok(Instrument { file, version }),
            None => Err(vec![InstrumentError::BadVersion(file.version)]),
        }
    }

    /// Validates a raw instrument file.
    pub fn new(file: InstrumentFile) -> Result<Instrument, Vec<InstrumentError>> {
        let mut errors = Vec::new();
        if !READS_FORMATS.contains(&file.format) {
            return Err(vec![InstrumentError::UnsupportedFormat(file.format)]);
        }
        let version = Version::parse(&file.version);
        if version.is_none() {
            errors.push(InstrumentError::BadVersion(file.version.clone()));
        }
        for (what, value) in [
            ("the instrument id", &file.id),
            ("the instrument title", &file.title),
        ] {
            if value.trim().is_empty() {
                errors.push(InstrumentError::EmptyField(what.to_string()));
            }
        }
        check_scale(&file.scale, &mut errors);
        check_levels(&file.levels, &mut errors);
        let mode_ids = unique_ids("mode", file.modes.iter().map(|m| m.id.as_str()), &mut errors);
        let domain_ids = unique_ids("domain", file.domains.iter().map(|d| d.id.as_str()), &mut errors);
        unique_ids(
            "statement",
            file.statements.iter().map(|s| s.id.as_str()),
            &mut errors,
        );
        unique_ids(
            "context question",
            file.context.iter().map(|c| c.id.as_str()),
            &mut errors,
        );
        unique_ids("action", file.actions.iter().map(|a| a.id.as_str()), &mut errors);
        for domain in &file.domains {
            if domain.title.trim().is_empty() {
                errors.push(InstrumentError::EmptyField(format!(
                    "the title of domain \"{}\"",
                    domain.id
                )));
            }
            if !domain.levels.is_empty() && domain.levels.len() != file.levels.len() {
                errors.push(InstrumentError::LevelDescriptorCount {
                    domain: domain.id.clone(),
                    found: domain.levels.len(),
                    expected: file.levels.len(),
                });
            }
            if !file.statements.iter().any(|s| s.domain == domain.id) {
                errors.push(InstrumentError::DomainWithoutStatements(domain.id.clone()));
            }
            if domain.gate && domain.kind != DomainKind::Readiness {
                errors.push(InstrumentError::GateNotReadiness(domain.id.clone()));
            }
            for other in &domain.builds_on {
                if !domain_ids.contains(other.as_str()) {
                    errors.push(InstrumentError::UnknownDomain {
                        item: domain.id.clone(),
                        domain: other.clone(),
                    });
                }
            }
        }
        check_precedence(&file.domains, &mut errors);
        check_format_fields(&file, &mut errors);
        check_partner_levels(&file.partner_levels, &mut errors);
        for statement in &file.statements {
            if statement.text.trim().is_empty() {
                errors.push(InstrumentError::EmptyField(format!(
                    "the text of statement \"{}\"",
                    statement.id
                )));
            }
            if !domain_ids.contains(statement.domain.as_str()) {
                errors.push(InstrumentError::UnknownDomain {
                    item: statement.id.clone(),
                    domain: statement.domain.clone(),
                });
            }
            if statement.modes.is_empty() {
                errors.push(InstrumentError::EmptyField(format!(
                    "the modes of statement \"{}\"",
                    statement.id
                )));
            }
            for mode in &statement.modes {
                if !mode_ids.contains(mode.as_str()) {
                    errors.push(InstrumentError::UnknownMode {
                        statement: statement.id.clone(),
                        mode: mode.clone(),
                    });
                }
            }
        }
        for mode in &file.modes {
            if !file.statements.iter().any(|s| s.modes.contains(&mode.id)) {
                errors.push(InstrumentError::ModeWithoutStatements(mode.id.clone()));
            }
            if !mode.time_frame.is_empty() && mode.time_frame.trim().is_empty() {
                errors.push(InstrumentError::EmptyField(format!(
                    "the time frame of mode \"{}\"",
                    mode.id
                )));
            }
        }
        for question in &file.context {
            let needs_options = question.kind != ContextKind::Number;
            if needs_options == question.options.is_empty() {
                errors.push(InstrumentError::ContextOptions(question.id.clone()));
            }
            unique_ids(
                "context option",
                question.options.iter().map(|o| o.id.as_str()),
                &mut errors,
            );
        }
        for action in &file.actions {
            check_action(action, &file, &domain_ids, &mut errors);
        }
        match (version, errors.is_empty()) {
            (Some(version), true) => Ok(Instrument { file, version }),
            _ => Err(errors),
        }
    }

    pub fn id(&self) -> &str {
        &self.file.id
    }
    pub fn version(&self) -> Version {
        self.version
    }
    pub fn title(&self) -> &str {
        &self.file.title
    }
    pub fn summary(&self) -> &str {
        &self.file.summary
    }
    pub fn scale(&self) -> &ScaleFile {
        &self.file.scale
    }
    /// The highest point of the agreement scale (the lowest is always 1).
    pub fn scale_max(&self) -> u8 {
        self.file.scale.points.len() as u8
    }
    pub fn levels(&self) -> &[LevelFile] {
        &self.file.levels
    }
    pub fn modes(&self) -> &[ModeFile] {
        &self.file.modes
    }
    pub fn mode(&self, id: &str) -> Option<&ModeFile> {
        self.file.modes.iter().find(|m| m.id == id)
    }
    pub fn domains(&self) -> &[DomainFile] {
        &self.file.domains
    }
    pub fn domain(&self, id: &str) -> Option<&DomainFile> {
        self.file.domains.iter().find(|d| d.id == id)
    }
    pub fn statements(&self) -> &[StatementFile] {
        &self.file.statements
    }
    pub fn context(&self) -> &[ContextQuestionFile] {
        &self.file.context
    }
    pub fn actions(&self) -> &[ActionFile] {
        &self.file.actions
    }
    /// The steps of the partner map's continuum, level 1 first; empty when the
    /// instrument has no partner map.
    pub fn partner_levels(&self) -> &[LevelFile] {
        &self.file.partner_levels
    }

    /// The domains asked in a mode, in instrument order.
    pub fn domains_in_mode<'a>(&'a self, mode: &'a str) -> impl Iterator<Item = &'a DomainFile> + 'a {
        self.file
            .domains
            .iter()
            .filter(move |d| self.statements_in(mode, &d.id).next().is_some())
    }

    /// The statements of one domain asked in a mode, in instrument order.
    pub fn statements_in<'a>(
        &'a self,
        mode: &'a str,
        domain: &'a str,
    ) -> impl Iterator<Item = &'a StatementFile> + 'a {
        self.file
            .statements
            .iter()
            .filter(move |s| s.domain == domain && s.modes.iter().any(|m| m == mode))
    }

    /// The number of statements asked in a mode.
    pub fn statement_count(&self, mode: &str) -> usize {
        self.file
            .statements
            .iter()
            .filter(|s| s.modes.iter().any(|m| m == mode))
            .count()
    }

    /// Whether `domain` builds on `earlier` in the programme theory, directly or through
    /// other domains (`builds_on`, which validation keeps free of circles).
    pub fn builds_on(&self, domain: &str, earlier: &str) -> bool {
        let mut seen: Vec<&str> = Vec::new();
        let mut next: Vec<&str> = vec![domain];
        while let Some(d) = next.pop() {
            for other in self.domain(d).map_or(&[][..], |d| &d.builds_on[..]) {
                if other == earlier {
                    return true;
                }
                if !seen.contains(&other.as_str()) {
                    seen.push(other);
                    next.push(other);
                }
            }
        }
        false
    }

    /// Whether a domain describes functioning (as opposed to outcomes or readiness).
    pub fn is_functioning(&self, domain: &str) -> bool {
        self.domain(domain)
            .is_some_and(|d| d.kind == DomainKind::Functioning)
    }

    /// Whether a domain is a readiness domain (a condition for starting).
    pub fn is_readiness(&self, domain: &str) -> bool {
        self.domain(domain)
            .is_some_and(|d| d.kind == DomainKind::Readiness)
    }

    /// Whether a domain is a readiness gate (validation allows gates on readiness
    /// domains only).
    pub fn is_gate(&self, domain: &str) -> bool {
        self.domain(domain).is_some_and(|d| d.gate)
    }
}

fn unique_ids<'a>(
    list: &'static str,
    ids: impl Iterator<Item = &'a str>,
    errors: &mut Vec<InstrumentError>,
) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.trim().is_empty() {
            errors.push(InstrumentError::EmptyField(format!("a {list} id")));
        } else if !seen.insert(id) {
            errors.push(InstrumentError::DuplicateId {
                list,
                id: id.to_string(),
            });
        }
    }
    seen
}

fn check_scale(scale: &ScaleFile, errors: &mut Vec<InstrumentError>) {
    let ordered = scale.points.len() >= 2
        && scale.points.len() <= 11
        && scale
            .points
            .iter()
            .enumerate()
            .all(|(i, p)| usize::from(p.value) == i + 1);
    if !ordered {
        errors.push(InstrumentError::ScaleNotOneToN);
    }
    for point in &scale.points {
        if point.label.trim().is_empty() {
            errors.push(InstrumentError::EmptyField(format!(
                "the label of scale point {}",
                point.value
            )));
        }
    }
    if scale.dont_know.trim().is_empty() {
        errors.push(InstrumentError::EmptyField(
            "the \"don't know\" label".to_string(),
        ));
    }
    if scale.not_applicable.trim().is_empty() {
        errors.push(InstrumentError::EmptyField(
            "the \"not applicable\" label".to_string(),
        ));
    }
}

fn check_levels(levels: &[LevelFile], errors: &mut Vec<InstrumentError>) {
    if !levels
        .iter()
        .enumerate()
        .all(|(i, l)| usize::from(l.level) == i + 1)
    {
        errors.push(InstrumentError::LevelsNotOneToN);
    }
}

/// Checks that context conditions name real questions and options.
fn check_conditions(
    item: &str,
    conditions: &[PriorityWhenFile],
    file: &InstrumentFile,
    errors: &mut Vec<InstrumentError>,
) {
    for when in conditions {
        match file.context.iter().find(|q| q.id == when.question) {
            None => errors.push(InstrumentError::UnknownCondition {
                item: item.to_string(),
                question: when.question.clone(),
                option: None,
            }),
            Some(question) => {
                for option in &when.options {
                    if !question.options.iter().any(|o| &o.id == option) {
                        errors.push(InstrumentError::UnknownCondition {
                            item: item.to_string(),
                            question: when.question.clone(),
                            option: Some(option.clone()),
                        });
                    }
                }
            }
        }
    }
}

fn check_action(
    action: &ActionFile,
    file: &InstrumentFile,
    domain_ids: &BTreeSet<&str>,
    errors: &mut Vec<InstrumentError>,
) {
    if !domain_ids.contains(action.domain.as_str()) {
        errors.push(InstrumentError::UnknownDomain {
            item: action.id.clone(),
            domain: action.domain.clone(),
        });
    }
    if action.title.trim().is_empty() {
        errors.push(InstrumentError::EmptyField(format!(
            "the title of action \"{}\"",
            action.id
        )));
    }
    if action.levels.is_empty() {
        errors.push(InstrumentError::EmptyField(format!(
            "the levels of action \"{}\"",
            action.id
        )));
    }
    for &level in &action.levels {
        if level == 0 || usize::from(level) > file.levels.len() {
            errors.push(InstrumentError::ActionLevel {
                action: action.id.clone(),
                level,
            });
        }
    }
    check_conditions(&action.id, &action.priority_when, file, errors);
    for statement in &action.addresses {
        if !file
            .statements
            .iter()
            .any(|s| &s.id == statement && s.domain == action.domain)
        {
            errors.push(InstrumentError::ActionStatement {
                action: action.id.clone(),
                statement: statement.clone(),
            });
        }
    }
    if !["low", "medium", "high"].contains(&action.effort.as_str()) {
        errors.push(InstrumentError::ActionEffort {
            action: action.id.clone(),
            value: action.effort.clone(),
        });
    }
    if !["quick-win", "months", "year"].contains(&action.horizon.as_str()) {
        errors.push(InstrumentError::ActionHorizon {
            action: action.id.clone(),
            value: action.horizon.clone(),
        });
    }
}

/// Checks that no domain builds, directly or through others, on itself: a depth-first walk
/// that reports each circle once, from the first domain (in file order) on it.
fn check_precedence(domains: &[DomainFile], errors: &mut Vec<InstrumentError>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    fn visit(
        i: usize,
        domains: &[DomainFile],
        marks: &mut [Mark],
        path: &mut Vec<usize>,
        errors: &mut Vec<InstrumentError>,
    ) {
        marks[i] = Mark::OnPath;
        path.push(i);
        for other in &domains[i].builds_on {
            let Some(j) = domains.iter().position(|d| &d.id == other) else {
                continue; // reported as an unknown domain
            };
            match marks[j] {
                Mark::New => visit(j, domains, marks, path, errors),
                Mark::OnPath => {
                    let start = path.iter().position(|&k| k == j).unwrap_or(0);
                    let mut circle: Vec<String> =
                        path[start..].iter().map(|&k| domains[k].id.clone()).collect();
                    circle.push(domains[j].id.clone());
                    errors.push(InstrumentError::BuildsOnCycle(circle));
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks[i] = Mark::Done;
    }
    let mut marks = vec![Mark::New; domains.len()];
    for i in 0..domains.len() {
        if marks[i] == Mark::New {
            visit(i, domains, &mut marks, &mut Vec::new(), errors);
        }
    }
}

/// Refuses the fields a format introduced in a file that says it is of an earlier
/// format, so a file always declares the format it needs.
fn check_format_fields(file: &InstrumentFile, errors: &mut Vec<InstrumentError>) {
    let used: [(&'static str, u32, bool); 6] = [
        (
            "builds_on",
            2,
            file.domains.iter().any(|d| !d.builds_on.is_empty()),
        ),
        (
            "addresses",
            2,
            file.actions.iter().any(|a| !a.addresses.is_empty()),
        ),
        (
            "time_frame",
            3,
            file.modes.iter().any(|m| !m.time_frame.is_empty()),
        ),
        (
            "readiness",
            3,
            file.domains.iter().any(|d| d.kind == DomainKind::Readiness),
        ),
        ("gate", 3, file.domains.iter().any(|d| d.gate)),
        ("partner_levels", 3, !file.partner_levels.is_empty()),
    ];
    for (field, format, present) in used {
        if present && file.format < format {
            errors.push(InstrumentError::NeedsFormat { field, format });
        }
    }
}

/// The partner map's continuum, when there is one: exactly five steps, numbered 1 to 5 in
/// order, each with a name and a description.
fn check_partner_levels(levels: &[LevelFile], errors: &mut Vec<InstrumentError>) {
    if levels.is_empty() {
        return;
    }
    if levels.len() != 5
        || !levels
            .iter()
            .enumerate()
            .all(|(i, l)| usize::from(l.level) == i + 1)
    {
        errors.push(InstrumentError::PartnerLevelsNotOneToFive);
    }
    for level in levels {
        for (what, text) in [("name", &level.name), ("description", &level.summary)] {
            if text.trim().is_empty() {
                errors.push(InstrumentError::EmptyField(format!(
                    "the {what} of partner level {}",
                    level.level
                )));
            }
        }
    }
}
