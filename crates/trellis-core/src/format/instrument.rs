//! The instrument file format (JSON), exactly as written by authors: unchecked.
//!
//! [`crate::Instrument::new`] turns an [`InstrumentFile`] into a validated instrument;
//! nothing else in the engine reads these raw structs.

use serde::{Deserialize, Serialize};

/// The instrument file format this build writes and reads. Format 2 added two optional
/// fields that steer the advice, a domain's `builds_on` and an action's `addresses`;
/// format 3 added a mode's `time_frame`, readiness domains (`kind: "readiness"`, with
/// `gate`) and the instrument's `partner_levels`. An older file is a newer one without
/// the newer fields, so every format is read (see [`READS_FORMATS`]), and a file that
/// uses a field of a format later than the one it declares is refused.
pub const INSTRUMENT_FORMAT: u32 = 3;

/// Every instrument format this build reads.
pub const READS_FORMATS: std::ops::RangeInclusive<u32> = 1..=INSTRUMENT_FORMAT;

/// A whole instrument file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentFile {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub scale: ScaleFile,
    #[serde(default)]
    pub levels: Vec<LevelFile>,
    pub modes: Vec<ModeFile>,
    pub domains: Vec<DomainFile>,
    pub statements: Vec<StatementFile>,
    #[serde(default)]
    pub context: Vec<ContextQuestionFile>,
    #[serde(default)]
    pub actions: Vec<ActionFile>,
    /// The steps of the partner map's continuum (how two partner organisations work
    /// together), exactly five, numbered 1 to 5, when present; empty when the instrument
    /// has no partner map. Format 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partner_levels: Vec<LevelFile>,
}

/// The agreement scale plus the two answers that carry no score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleFile {
    pub points: Vec<ScalePointFile>,
    pub dont_know: String,
    pub not_applicable: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePointFile {
    pub value: u8,
    pub label: String,
}

/// One of the central maturity levels, defined once for every domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelFile {
    pub level: u8,
    pub name: String,
    pub summary: String,
}

/// A way of using the instrument (for example a short readiness check).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModeFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub minutes: u32,
    #[serde(default)]
    pub ask_levels: bool,
    /// One plain sentence shown to respondents above the statements of this mode, so
    /// that every round asks about the same stretch of time ("Think about the last six
    /// months."); empty when the mode sets none. Format 3.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time_frame: String,
}

/// Whether a domain describes how the collaboration works, what it achieves, or whether
/// and how to start it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DomainKind {
    Functioning,
    Outcome,
    /// A condition for starting (is a partnership needed, is there a mandate, ...): read
    /// by the readiness result rules, never part of the overall stage. Format 3.
    Readiness,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainFile {
    pub id: String,
    pub title: String,
    pub kind: DomainKind,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub constructs: Vec<String>,
    /// One descriptor per central level, in level order; empty when the domain has none.
    #[serde(default)]
    pub levels: Vec<String>,
    /// The domain is critical for the overall stage when any of these context answers
    /// holds (for example written agreements in a mandated collaboration).
    #[serde(default)]
    pub critical_when: Vec<PriorityWhenFile>,
    /// The domains this one builds on in the programme theory (for example shared risk on
    /// trust and on agreements): on the workshop agenda, between topics of equal priority,
    /// these come first. Format 2; empty when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub builds_on: Vec<String>,
    /// A readiness domain that decides alone: when it is against (below
    /// `analysis::DEVELOPING_FROM`), the readiness result is "reconsider". Only readiness
    /// domains may be gates. Format 3.
    #[serde(default, skip_serializing_if = "is_false")]
    pub gate: bool,
}

/// For `skip_serializing_if`: a flag that is off is left out of the file.
fn is_false(flag: &bool) -> bool {
    !*flag
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementFile {
    pub id: String,
    pub domain: String,
    pub text: String,
    pub modes: Vec<String>,
    #[serde(default)]
    pub source: String,
}

/// How a context question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContextKind {
    Single,
    Multi,
    Number,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextQuestionFile {
    pub id: String,
    pub question: String,
    #[serde(default)]
    pub help: String,
    pub kind: ContextKind,
    #[serde(default)]
    pub options: Vec<ContextOptionFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextOptionFile {
    pub id: String,
    pub label: String,
}

/// An entry of the action library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionFile {
    pub id: String,
    pub domain: String,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub why: String,
    pub levels: Vec<u8>,
    #[serde(default)]
    pub priority_when: Vec<PriorityWhenFile>,
    /// Statements of the action's domain that it works on: it fits a round better where
    /// they are among the domain's weakest or where organisations differ on them. Format
    /// 2; empty when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<String>,
    pub effort: String,
    pub horizon: String,
    #[serde(default)]
    pub signs: String,
    #[serde(default)]
    pub source: String,
}

/// "When context question `question` has one of `options`": used by actions (this action
/// comes first) and by domains (this domain is critical).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityWhenFile {
    pub question: String,
    pub options: Vec<String>,
}
