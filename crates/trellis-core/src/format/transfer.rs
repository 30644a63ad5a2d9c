//! The transfer formats: what travels between the facilitator and respondents.
//!
//! An [`InvitationFile`] rides in the fragment of the invitation link; a
//! [`ResponseFile`] is the file a respondent downloads (and what every import becomes);
//! a [`ResponseCodePayload`] is the compact inside of a response code. The text wrapping
//! (base64url, checksum, prefixes) and all validation live in [`crate::transfer`].

use std::collections::BTreeMap;

use serde::de::{self, SeqAccess};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::workspace::{Partner, Response};

/// The invitation format this build writes and reads.
pub const INVITATION_FORMAT: u32 = 1;
/// The response file format this build writes and reads.
pub const RESPONSE_FORMAT: u32 = 1;
/// The value of [`ResponseFile::trellis`], which marks a file as a Trellis response.
pub const RESPONSE_MARKER: &str = "response";

/// A round's description, carried in the invitation link so that no server is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationFile {
    /// Always [`INVITATION_FORMAT`] when written by this build.
    pub format: u32,
    pub round_id: String,
    pub round_name: String,
    /// Calendar date of the round, `YYYY-MM-DD`.
    pub date: String,
    pub collaboration_id: String,
    pub collaboration: String,
    pub partners: Vec<Partner>,
    pub instrument: String,
    pub version: String,
    pub mode: String,
    /// The facilitator's contact (usually an email address), if they gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Whether the round asks respondents to rate their ties with the other partners
    /// (off in every link made before the partner map).
    #[serde(default, skip_serializing_if = "is_false")]
    pub partner_map: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// One response as a file: what a respondent downloads and a facilitator imports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseFile {
    /// Always [`RESPONSE_MARKER`] (`"response"`), so other JSON files are recognised.
    pub trellis: String,
    /// Always [`RESPONSE_FORMAT`] when written by this build.
    pub format: u32,
    pub instrument: String,
    pub version: String,
    pub response: Response,
}

/// The inside of a response code (format 1, marked by the `TRELLIS1-` prefix).
///
/// It is serialised as a JSON array rather than an object to keep codes short:
/// `[round_id, response_id, organisation, role, instrument, version, mode, started,
/// updated, submitted, answers, levels, comments]`, then `ties` when there are any.
/// `answers` has one character per statement asked in the mode, in instrument order
/// (`1`-`9`, `A` = 10, `B` = 11, `d` don't know, `n` not applicable, `-` unanswered);
/// `levels` has one character per domain asked in the mode (`0` none, then `1`-`9`,
/// `a`-`z` for 10-35); these are [`super::chars::code`]. `submitted` is `null` when not
/// sent; `comments` maps statement ids to text. `ties` (the partner map) maps each rated
/// partner's id to two level characters, now and wanted (`0` for unanswered). A code
/// without ties is exactly as codes were before the partner map, so every code already
/// sent still reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseCodePayload {
    pub round_id: String,
    pub response_id: String,
    pub organisation: String,
    pub role: String,
    pub instrument: String,
    pub version: String,
    pub mode: String,
    pub started: i64,
    pub updated: i64,
    pub submitted: Option<i64>,
    pub answers: String,
    pub levels: String,
    pub comments: BTreeMap<String, String>,
    pub ties: BTreeMap<String, String>,
}

/// Fields of a code before its optional ties.
const CODE_FIELDS: usize = 13;

impl Serialize for ResponseCodePayload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let ties = !self.ties.is_empty();
        let mut t = serializer.serialize_tuple(CODE_FIELDS + usize::from(ties))?;
        for text in [
            &self.round_id,
            &self.response_id,
            &self.organisation,
            &self.role,
            &self.instrument,
            &self.version,
            &self.mode,
        ] {
            t.serialize_element(text)?;
        }
        t.serialize_element(&self.started)?;
        t.serialize_element(&self.updated)?;
        t.serialize_element(&self.submitted)?;
        t.serialize_element(&self.answers)?;
        t.serialize_element(&self.levels)?;
        t.serialize_element(&self.comments)?;
        if ties {
            t.serialize_element(&self.ties)?;
        }
        t.end()
    }
}

impl<'de> Deserialize<'de> for ResponseCodePayload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PayloadVisitor;
        impl<'de> de::Visitor<'de> for PayloadVisitor {
            type Value = ResponseCodePayload;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a list of {CODE_FIELDS} or {} fields", CODE_FIELDS + 1)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut read = 0;
                // The next field, which must be there.
                macro_rules! field {
                    () => {{
                        read += 1;
                        seq.next_element()?
                            .ok_or_else(|| de::Error::invalid_length(read - 1, &self))?
                    }};
                }
                let (round_id, response_id, organisation, role) = (field!(), field!(), field!(), field!());
                let (instrument, version, mode) = (field!(), field!(), field!());
                let (started, updated, submitted) = (field!(), field!(), field!());
                let (answers, levels, comments) = (field!(), field!(), field!());
                let ties = seq.next_element()?.unwrap_or_default();
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(CODE_FIELDS + 2, &self));
                }
                Ok(ResponseCodePayload {
                    round_id,
                    response_id,
                    organisation,
                    role,
                    instrument,
                    version,
                    mode,
                    started,
                    updated,
                    submitted,
                    answers,
                    levels,
                    comments,
                    ties,
                })
            }
        }
        deserializer.deserialize_seq(PayloadVisitor)
    }
}
