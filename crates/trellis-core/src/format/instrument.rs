//! The instrument file format (JSON), exactly as written by authors: unchecked.
//!
//! [`crate::Instrument::new`] turns an [`InstrumentFile`] into a validated instrument;
//! nothing else in the engine reads these raw structs.

use serde::{Deserialize, Serialize};

/// The instrument file format this build reads.
pub const INSTRUMENT_FORMAT: u32 = 1;

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
}

/// Whether a domain describes how the collaboration works or what it achieves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DomainKind {
    Functioning,
    Outcome,
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
