//! The transfer formats: what travels between the facilitator and respondents.
//!
//! An [`InvitationFile`] rides in the fragment of the invitation link; a
//! [`ResponseFile`] is the file a respondent downloads (and what every import becomes);
//! a [`ResponseCodePayload`] is the compact inside of a response code. The text wrapping
//! (base64url, checksum, prefixes) and all validation live in [`crate::transfer`].

use std::collections::BTreeMap;

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
/// updated, submitted, answers, levels, comments]`. `answers` has one character per
/// statement asked in the mode, in instrument order (`1`-`9`, `A` = 10, `B` = 11, `d`
/// don't know, `n` not applicable, `-` unanswered); `levels` has one character per
/// domain asked in the mode (`0` none, then `1`-`9`, `a`-`z` for 10-35); these are
/// [`super::chars::code`]. `submitted` is `null` when not sent; `comments` maps statement
/// ids to text.
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
}

type PayloadTuple = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    String,
    String,
    BTreeMap<String, String>,
);

impl Serialize for ResponseCodePayload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (
            &self.round_id,
            &self.response_id,
            &self.organisation,
            &self.role,
            &self.instrument,
            &self.version,
            &self.mode,
            self.started,
            self.updated,
            self.submitted,
            &self.answers,
            &self.levels,
            &self.comments,
        )
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ResponseCodePayload {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (
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
        ) = PayloadTuple::deserialize(deserializer)?;
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
        })
    }
}
