//! Getting answers from respondents to the facilitator without a server: invitation
//! links, response codes and files, passphrase envelopes, CSV imports, and the import plan.
//!
//! # Text forms
//!
//! Everything that travels as text is `base64url(bytes)` (no padding) followed by `.` and
//! the CRC32 of that base64url text as 8 lowercase hex digits, so a link or code that was
//! changed or cut short is caught before anything is read from it:
//!
//! - Invitation link: the text after `#/join/`; the bytes are the compact JSON of an
//!   [`InvitationFile`].
//! - Response code: [`CODE_PREFIX`] then the bytes of the compact JSON array described in
//!   [`ResponseCodePayload`]: answers and levels are positional (one character each), so a
//!   full 49-statement response without comments is about 320 characters.
//! - Encrypted code: [`ENCRYPTED_PREFIX`] then an [`Envelope`] (the browser does the
//!   cryptography; this module only packs and checks the envelope). The app seals the text
//!   of a plain response code, so the plain code's own checksum is checked again after
//!   opening; a sealed response file is the same envelope saved as a file.
//!
//! Only the characters `A-Z a-z 0-9 _ - .` appear after a prefix, so codes survive email,
//! chat and line wrapping; [`decode_response_code`] ignores whitespace inside a code and
//! [`extract_codes`] finds codes broken across lines in a pasted email thread.
//!
//! # Import
//!
//! Every way in (files, codes, CSV rows) becomes `(source, Result<ResponseFile, _>)`, and
//! [`plan_import`] checks each item on its own against the round and returns a new
//! workspace plus a report, leaving the input workspace untouched, so the caller applies
//! all of it or none of it.
//!
//! # Modules
//!
//! One concern each, all re-exported here: `links` (invitation links), `codes` (response
//! codes and [`extract_codes`]), `envelope` (passphrase envelopes), `files` (response
//! files and [`check_response`]), `import` ([`plan_import`] and its report) and `csv`
//! (CSV headers, the suggested mapping and reading rows). This module holds what they
//! share: [`TransferError`] and the checksummed text wrapping.

mod codes;
mod csv;
mod envelope;
mod files;
mod import;
mod links;

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::format::{StatementFile, RESPONSE_FORMAT};
use crate::workspace::MAX_COMMENT;

// The `self::` paths are needed: a plain `csv::` here would be ambiguous with the csv crate.
pub use self::codes::{decode_response_code, encode_response_code, extract_codes, CODE_PREFIX};
pub use self::csv::{
    csv_headers, parse_csv, role_label, suggest_mapping, ColumnTarget, CsvMapping, MAX_IMPORT_BYTES,
};
pub use self::envelope::{
    decode_envelope, encode_envelope, Envelope, ENCRYPTED_PREFIX, IV_LEN, MAX_ITERATIONS, SALT_LEN, TAG_LEN,
};
pub use self::files::{check_response, parse_response_file, response_file_json};
pub use self::import::{plan_import, ImportItem, ImportReport, ImportedItem, RejectedItem};
pub use self::links::{decode_invitation, encode_invitation, MAX_INVITATION_BYTES};

/// Largest response file, response code or envelope accepted (checked before decoding).
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Why a link, code, file or CSV row could not be used. The source (which file, code or
/// row) is shown beside it by the caller; the message says what is wrong inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferError {
    /// No Trellis prefix or marker: some other text or file.
    NotTrellis,
    /// The checksum or its separating dot is missing: the text was cut short.
    Truncated,
    /// The checksum does not match: the text was changed or cut short.
    Damaged,
    /// Written in a format this version does not read (probably by a newer Trellis).
    UnsupportedFormat(u32),
    /// Protected with a passphrase: open the envelope first.
    Encrypted,
    /// The passphrase did not open the envelope (or the protected text was changed).
    WrongPassphrase,
    /// The file could not be read at all (the browser's message).
    Unreadable(String),
    TooLarge {
        limit_bytes: usize,
    },
    /// Not JSON of the expected shape (serde's message says where).
    BadJson(String),
    /// The checksum is right but the content is not laid out as Trellis writes it.
    Malformed(String),
    /// A required field is empty; names the field.
    EmptyField(String),
    TooFewPartners,
    DuplicatePartner(String),
    /// The round being imported into is not in the workspace.
    UnknownRound(String),
    /// The answers are for another round; `found` is that round's name if this workspace
    /// knows it, otherwise its id.
    WrongRound {
        expected_round_name: String,
        found: String,
    },
    UnknownInstrument {
        id: String,
        version: String,
    },
    /// A known questionnaire, but not the one (or not the version) the round uses.
    WrongInstrument {
        expected_id: String,
        expected_version: String,
        found_id: String,
        found_version: String,
    },
    UnknownMode(String),
    UnknownRole(String),
    UnknownOrganisation(String),
    UnknownStatement(String),
    StatementNotInMode {
        statement: String,
        mode: String,
    },
    AnswerOutOfScale {
        statement: String,
        value: u8,
    },
    UnknownDomain(String),
    DomainNotInMode {
        domain: String,
        mode: String,
    },
    LevelsNotAsked {
        mode: String,
    },
    LevelOutOfRange {
        domain: String,
        level: u8,
    },
    CommentTooLong {
        statement: String,
    },
    /// The response id is already used by answers to another round.
    IdInUse(String),
    /// A CSV problem at a line of the file (1 is the header).
    Csv {
        line: u64,
        message: String,
    },
    /// A CSV cell that is not an answer; names the column (its header) and the value.
    CsvValue {
        column: String,
        value: String,
    },
}

/// "16 KB", "5 MB" or "100 bytes".
fn size_text(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use TransferError::*;
        match self {
            NotTrellis => write!(f, "this is not a Trellis invitation, response code or response file"),
            Truncated => write!(
                f,
                "the code is incomplete: it was cut short (copy all of it, up to and including the 8 characters after the last dot)"
            ),
            Damaged => write!(
                f,
                "the code is damaged: its checksum does not match, so the code was changed or cut short"
            ),
            UnsupportedFormat(v) => write!(
                f,
                "this was written in format {v}, which this version of Trellis cannot read (it reads format {RESPONSE_FORMAT}); it may come from a newer version"
            ),
            Encrypted => write!(f, "this is protected with a passphrase: enter the passphrase to open it"),
            WrongPassphrase => write!(
                f,
                "the passphrase does not open this protected code (check it with the sender), or the code was changed"
            ),
            Unreadable(msg) => write!(f, "the file could not be read: {msg}"),
            TooLarge { limit_bytes } => {
                write!(f, "this is too large: the limit is {}", size_text(*limit_bytes))
            }
            BadJson(msg) => write!(f, "the content is not in the expected form: {msg}"),
            Malformed(msg) => write!(f, "the content is not laid out as Trellis writes it: {msg}"),
            EmptyField(what) => write!(f, "{what} is missing"),
            TooFewPartners => write!(f, "the invitation lists fewer than two partner organisations"),
            DuplicatePartner(id) => {
                write!(f, "the invitation lists the partner id \"{id}\" more than once")
            }
            UnknownRound(id) => write!(f, "the round \"{id}\" is not in this workspace"),
            WrongRound { expected_round_name, found } => write!(
                f,
                "these answers belong to another round (\"{found}\"), not to \"{expected_round_name}\""
            ),
            UnknownInstrument { id, version } => write!(
                f,
                "the questionnaire \"{id}\" version {version} is not known to this version of Trellis"
            ),
            WrongInstrument { expected_id, expected_version, found_id, found_version } => write!(
                f,
                "these answers are to questionnaire \"{found_id}\" version {found_version}, but the round uses \"{expected_id}\" version {expected_version}"
            ),
            UnknownMode(m) => write!(f, "the questionnaire has no mode \"{m}\""),
            UnknownRole(r) => write!(
                f,
                "\"{r}\" is not one of the roles (senior leader, manager, clinician, front-line staff, service user, other)"
            ),
            UnknownOrganisation(o) => write!(
                f,
                "\"{o}\" is not one of the partner organisations of this collaboration"
            ),
            UnknownStatement(s) => write!(f, "there is no statement \"{s}\" in this questionnaire"),
            StatementNotInMode { statement, mode } => write!(
                f,
                "statement \"{statement}\" is not asked in the \"{mode}\" questionnaire of this round"
            ),
            AnswerOutOfScale { statement, value } => write!(
                f,
                "the answer {value} to statement \"{statement}\" is not a point on the answer scale"
            ),
            UnknownDomain(d) => write!(f, "there is no topic \"{d}\" in this questionnaire"),
            DomainNotInMode { domain, mode } => write!(
                f,
                "the topic \"{domain}\" is not part of the \"{mode}\" questionnaire of this round"
            ),
            LevelsNotAsked { mode } => write!(
                f,
                "the \"{mode}\" questionnaire does not ask for maturity levels, but these answers include some"
            ),
            LevelOutOfRange { domain, level } => write!(
                f,
                "level {level} for the topic \"{domain}\" is not one of the maturity levels"
            ),
            CommentTooLong { statement } => write!(
                f,
                "the comment on statement \"{statement}\" is longer than {MAX_COMMENT} characters"
            ),
            IdInUse(id) => write!(
                f,
                "the response id \"{id}\" already belongs to answers in another round"
            ),
            Csv { line, message } => write!(f, "line {line}: {message}"),
            CsvValue { column, value } => write!(
                f,
                "column \"{column}\" has \"{value}\", which is not an answer (use 1 to 5, an agreement such as \"Agree\", \"Don't know\", \"Not applicable\", or leave it blank)"
            ),
        }
    }
}

impl std::error::Error for TransferError {}

// ---------------------------------------------------------------------------------------
// The checksummed text wrapping shared by links, codes and envelopes.

/// CRC-32/ISO-HDLC (the zlib and PNG CRC32), computed bit by bit: no lookup table in the
/// bundle, and fast enough for texts of a few kilobytes.
const CRC32: crc::Crc<u32, crc::NoTable> = crc::Crc::<u32, crc::NoTable>::new(&crc::CRC_32_ISO_HDLC);

/// `base64url(bytes)` + `.` + CRC32 of that text as 8 lowercase hex digits.
fn wrap(bytes: &[u8]) -> String {
    let body = URL_SAFE_NO_PAD.encode(bytes);
    let check = CRC32.checksum(body.as_bytes());
    format!("{body}.{check:08x}")
}

fn is_lower_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

/// The inverse of [`wrap`]: a missing dot or short checksum is [`TransferError::Truncated`],
/// anything else that does not match is [`TransferError::Damaged`].
fn unwrap_checked(text: &str) -> Result<Vec<u8>, TransferError> {
    let Some((body, check)) = text.rsplit_once('.') else {
        return Err(TransferError::Truncated);
    };
    if body.is_empty() || (check.len() < 8 && check.bytes().all(is_lower_hex)) {
        return Err(TransferError::Truncated);
    }
    if check.len() != 8 || !check.bytes().all(is_lower_hex) {
        return Err(TransferError::Damaged);
    }
    let expected = u32::from_str_radix(check, 16).map_err(|_| TransferError::Damaged)?;
    if CRC32.checksum(body.as_bytes()) != expected {
        return Err(TransferError::Damaged);
    }
    URL_SAFE_NO_PAD.decode(body).map_err(|_| TransferError::Damaged)
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn format_number(value: &serde_json::Value) -> Option<u32> {
    value
        .get("format")
        .and_then(serde_json::Value::as_u64)
        .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
}

/// Refuses text longer than `limit` bytes before any work is spent on it.
fn check_size(text: &str, limit: usize) -> Result<(), TransferError> {
    if text.len() > limit {
        Err(TransferError::TooLarge { limit_bytes: limit })
    } else {
        Ok(())
    }
}

/// Whether `mode` asks `statement`.
fn in_mode(statement: &StatementFile, mode: &str) -> bool {
    statement.modes.iter().any(|m| m == mode)
}
