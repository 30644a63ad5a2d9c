//! The workspace format: everything a browser keeps, in one versioned envelope.
//!
//! Collaborations own their rounds; responses are kept in one flat list keyed by their
//! own random id, so that later merges (imports, other tabs) work record by record.
//! Derived values such as scores are never stored here.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The storage schema this build writes. Older schemas are migrated on load.
pub const WORKSPACE_SCHEMA: u32 = 5;

/// Milliseconds since the Unix epoch, always supplied by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// The storage envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub schema: u32,
    #[serde(default)]
    pub collaborations: Vec<Collaboration>,
    /// Kept as one compact table from schema 3 (see [`super::stored`]).
    #[serde(default, with = "super::stored")]
    pub responses: Vec<Response>,
    /// What was deleted here, so that merging an older copy does not bring it back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Tombstone>,
    /// In a file shared by co-facilitators only (`crate::sync`): for each plan item and
    /// agreed view, the versions of it (time stamps, latest first) its writer had seen
    /// before writing this one. Read from shared files only; a browser's own workspace
    /// has none (a merge does not take it in).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lineage: BTreeMap<String, Vec<Timestamp>>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            schema: WORKSPACE_SCHEMA,
            collaborations: Vec::new(),
            responses: Vec::new(),
            deleted: Vec::new(),
            lineage: BTreeMap::new(),
        }
    }
}

/// A record deleted from this workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    pub kind: TombstoneKind,
    pub id: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TombstoneKind {
    Collaboration,
    Round,
    Response,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collaboration {
    pub id: String,
    pub name: String,
    pub partners: Vec<Partner>,
    /// The current answers to the instrument's context questions, by question id: what a
    /// new round starts from. Each round keeps its own copy ([`Round::context`]), which is
    /// what its results are read under.
    #[serde(default)]
    pub context: BTreeMap<String, ContextAnswer>,
    #[serde(default)]
    pub rounds: Vec<Round>,
    pub created: Timestamp,
    /// The facilitator's contact (usually an email address), carried in invitation links
    /// so respondents can send their answers back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Set on a respondent's device: this collaboration came from an invitation link, so
    /// answers are sent back to the facilitator rather than analysed here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<Invited>,
    /// Fictional example data, loaded to show what Trellis does; shown with a label and
    /// removed together, never mixed with real collaborations.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// Where an invitation came from, as far as the respondent's device knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invited {
    /// The facilitator's contact (usually an email address), if the link carried one.
    #[serde(default)]
    pub contact: Option<String>,
}

/// What the group agreed about one domain in (or after) the workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consensus {
    /// The agreed maturity level, if one was agreed.
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub rationale: String,
    #[serde(default)]
    pub evidence: String,
    pub recorded: Timestamp,
}

/// A partner organisation of a collaboration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: String,
    pub name: String,
}

/// The answer to one context question: a number, one option id, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ContextAnswer {
    Number(u32),
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundStatus {
    Open,
    Closed,
}

/// One assessment of a collaboration at a date, with a fixed instrument version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub id: String,
    pub name: String,
    /// Calendar date of the round, `YYYY-MM-DD`.
    pub date: String,
    pub instrument_id: String,
    pub instrument_version: String,
    pub mode: String,
    /// Whether respondents also rate how their organisation works with each other partner
    /// (the partner map, from schema 5; see [`Tie`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub partner_map: bool,
    pub status: RoundStatus,
    /// Target maturity level per domain id, set by the facilitator.
    #[serde(default)]
    pub targets: BTreeMap<String, u8>,
    /// The context this round is read under (from schema 4): a copy of the
    /// collaboration's answers when the round was added, changed with them while the
    /// round is open, and kept as it is once the round is closed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, ContextAnswer>,
    /// The group's agreed view per domain id, kept apart from individual answers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub consensus: BTreeMap<String, Consensus>,
    /// The action plan agreed at this round, including open actions carried forward
    /// from the round before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan: Vec<PlanItem>,
    pub created: Timestamp,
}

/// Where an action on the plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ];

    /// The stable identifier used in files and form values.
    pub fn id(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn from_id(id: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Planned or in progress: still to be carried forward to the next round.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Planned | ActionStatus::InProgress)
    }
}

/// One action on a round's plan: adopted from the instrument's suggestions or written
/// by the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    pub id: String,
    pub domain: String,
    /// The instrument action this was adopted from; `None` for the group's own action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    pub title: String,
    #[serde(default)]
    pub owner: String,
    /// Due date, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub due: String,
    pub status: ActionStatus,
    /// How the group will know the action worked.
    #[serde(default)]
    pub measure: String,
    /// The round this item was carried forward from, while it was still open there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// When a carried item was reviewed at this round; `None` until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Timestamp>,
    pub created: Timestamp,
    pub updated: Timestamp,
}

/// The role a respondent chooses; a fixed list so that rounds stay comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleCategory {
    SeniorLeader,
    Manager,
    Clinician,
    FrontLine,
    ServiceUser,
    Other,
}

impl RoleCategory {
    pub const ALL: [RoleCategory; 6] = [
        RoleCategory::SeniorLeader,
        RoleCategory::Manager,
        RoleCategory::Clinician,
        RoleCategory::FrontLine,
        RoleCategory::ServiceUser,
        RoleCategory::Other,
    ];

    /// The stable identifier used in files and form values.
    pub fn id(self) -> &'static str {
        match self {
            RoleCategory::SeniorLeader => "senior-leader",
            RoleCategory::Manager => "manager",
            RoleCategory::Clinician => "clinician",
            RoleCategory::FrontLine => "front-line",
            RoleCategory::ServiceUser => "service-user",
            RoleCategory::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<RoleCategory> {
        RoleCategory::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// One answer to one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// A point on the agreement scale (1 = strongly disagree ... 5 = strongly agree).
    Scale(u8),
    DontKnow,
    NotApplicable,
}

impl Answer {
    /// The form value used in files and radio buttons: `1`..`5`, `dk` or `na`.
    pub fn code(self) -> String {
        match self {
            Answer::Scale(v) => v.to_string(),
            Answer::DontKnow => "dk".to_string(),
            Answer::NotApplicable => "na".to_string(),
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Scale(v) => serializer.serialize_u8(*v),
            Answer::DontKnow => serializer.serialize_str("dk"),
            Answer::NotApplicable => serializer.serialize_str("na"),
        }
    }
}

// Both readers below visit the JSON value directly rather than deriving `untagged`,
// whose buffering of any value costs every page's bundle a few kilobytes.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl serde::de::Visitor<'_> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer: 1-5, \"dk\" or \"na\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Answer, E> {
                u8::try_from(v)
                    .map(Answer::Scale)
                    .map_err(|_| E::custom(format!("answer {v} is out of range")))
            }
            fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<Answer, E> {
                match t {
                    "dk" => Ok(Answer::DontKnow),
                    "na" => Ok(Answer::NotApplicable),
                    other => Err(E::custom(format!(
                        "unknown answer \"{other}\" (expected 1-5, \"dk\" or \"na\")"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

impl<'de> Deserialize<'de> for ContextAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ContextVisitor;
        impl<'de> serde::de::Visitor<'de> for ContextVisitor {
            type Value = ContextAnswer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, an option id or a list of option ids")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ContextAnswer, E> {
                u32::try_from(v)
                    .map(ContextAnswer::Number)
                    .map_err(|_| E::custom(format!("number {v} is out of range")))
            }
            fn visit_str<E: serde::de::Error>(self, t: &str) -> Result<ContextAnswer, E> {
                Ok(ContextAnswer::One(t.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<ContextAnswer, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(ContextAnswer::Many(ids))
            }
        }
        deserializer.deserialize_any(ContextVisitor)
    }
}

/// One person's answers to one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Random id made on the respondent's device.
    pub id: String,
    pub round_id: String,
    /// The partner id of the respondent's organisation.
    pub organisation: String,
    pub role: RoleCategory,
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Chosen maturity level per domain id (full mode only).
    #[serde(default)]
    pub levels: BTreeMap<String, u8>,
    #[serde(default)]
    pub comments: BTreeMap<String, String>,
    /// How the respondent's organisation works with each other partner, by partner id
    /// (rounds with a partner map only, from schema 5).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ties: BTreeMap<String, Tie>,
    pub started: Timestamp,
    pub updated: Timestamp,
    #[serde(default)]
    pub submitted: Option<Timestamp>,
}

/// Steps of the continuum a tie is rated on: 1 networking, 2 cooperation, 3 coordination,
/// 4 coalition, 5 collaboration (after the Levels of Collaboration scale).
pub const TIE_STEPS: u8 = 5;

/// How a respondent sees their organisation's relationship with one other partner: how
/// the two work together now and how they should, each a step of the continuum (1 to
/// [`TIE_STEPS`]) or `None` when left unanswered (which is also how "don't know" is
/// kept). A tie with neither is not stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wanted: Option<u8>,
}

impl Tie {
    /// Neither rating given.
    pub fn is_empty(&self) -> bool {
        self.now.is_none() && self.wanted.is_none()
    }
}
