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

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::catalogue::Catalogue;
use crate::format::{
    Answer, Collaboration, InvitationFile, Response, ResponseCodePayload, ResponseFile, RoleCategory,
    Timestamp, Workspace, INVITATION_FORMAT, RESPONSE_FORMAT, RESPONSE_MARKER,
};
use crate::instrument::Instrument;
use crate::workspace::{is_iso_date, MAX_COMMENT};

/// What every plain response code starts with (format 1 of [`ResponseCodePayload`]).
pub const CODE_PREFIX: &str = "TRELLIS1-";
/// What every passphrase-protected code starts with (format 1 of [`Envelope`]).
pub const ENCRYPTED_PREFIX: &str = "TRELLIS1E-";
/// Largest invitation text accepted (checked before decoding).
pub const MAX_INVITATION_BYTES: usize = 16 * 1024;
/// Largest response file, response code or envelope accepted (checked before decoding).
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;
/// Largest CSV file accepted (checked before parsing).
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// Salt length of an envelope in bytes (PBKDF2).
pub const SALT_LEN: usize = 16;
/// Nonce length of an envelope in bytes (AES-GCM).
pub const IV_LEN: usize = 12;
/// AES-GCM appends a 16-byte tag, so no real ciphertext is shorter.
pub const TAG_LEN: usize = 16;
/// Highest PBKDF2 iteration count accepted, so a forged code cannot freeze the browser.
pub const MAX_ITERATIONS: u32 = 10_000_000;

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

// ---------------------------------------------------------------------------------------
// Invitations.

/// The text to put after `#/join/` in the app's URL.
pub fn encode_invitation(inv: &InvitationFile) -> String {
    // Serialising plain structs with string keys cannot fail.
    let json = serde_json::to_vec(inv).unwrap_or_default();
    wrap(&json)
}

/// Reads an invitation: the text after `#/join/` (a whole pasted link also works), with
/// any surrounding whitespace. Checks the checksum, the format and every field.
pub fn decode_invitation(text: &str) -> Result<InvitationFile, TransferError> {
    let text = text.trim();
    let text = match text.find("#/join/") {
        Some(at) => &text[at + "#/join/".len()..],
        None => text,
    };
    if text.len() > MAX_INVITATION_BYTES {
        return Err(TransferError::TooLarge {
            limit_bytes: MAX_INVITATION_BYTES,
        });
    }
    if text.is_empty() {
        return Err(TransferError::NotTrellis);
    }
    let bytes = unwrap_checked(text)?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| TransferError::BadJson(e.to_string()))?;
    match format_number(&value) {
        None => return Err(TransferError::NotTrellis),
        Some(INVITATION_FORMAT) => {}
        Some(other) => return Err(TransferError::UnsupportedFormat(other)),
    }
    let inv: InvitationFile =
        serde_json::from_value(value).map_err(|e| TransferError::BadJson(e.to_string()))?;
    for (what, value) in [
        ("the round id", &inv.round_id),
        ("the round name", &inv.round_name),
        ("the round date", &inv.date),
        ("the collaboration id", &inv.collaboration_id),
        ("the collaboration name", &inv.collaboration),
        ("the questionnaire id", &inv.instrument),
        ("the questionnaire version", &inv.version),
        ("the questionnaire mode", &inv.mode),
    ] {
        if value.trim().is_empty() {
            return Err(TransferError::EmptyField(what.to_string()));
        }
    }
    if !is_iso_date(inv.date.trim()) {
        return Err(TransferError::Malformed(format!(
            "the round date \"{}\" is not a date like 2026-03-01",
            inv.date
        )));
    }
    let mut seen = BTreeSet::new();
    for partner in &inv.partners {
        if partner.id.trim().is_empty() {
            return Err(TransferError::EmptyField("a partner id".to_string()));
        }
        if partner.name.trim().is_empty() {
            return Err(TransferError::EmptyField(format!(
                "the name of partner \"{}\"",
                partner.id
            )));
        }
        if !seen.insert(partner.id.as_str()) {
            return Err(TransferError::DuplicatePartner(partner.id.clone()));
        }
    }
    if inv.partners.len() < 2 {
        return Err(TransferError::TooFewPartners);
    }
    Ok(inv)
}

// ---------------------------------------------------------------------------------------
// Response codes.

fn in_mode(statement: &crate::format::StatementFile, mode: &str) -> bool {
    statement.modes.iter().any(|m| m == mode)
}

fn answer_char(answer: Option<&Answer>) -> char {
    match answer {
        None => '-',
        Some(Answer::DontKnow) => 'd',
        Some(Answer::NotApplicable) => 'n',
        Some(Answer::Scale(v @ 1..=9)) => char::from(b'0' + v),
        Some(Answer::Scale(10)) => 'A',
        Some(Answer::Scale(11)) => 'B',
        // Off the scale: the workspace never stores these, and the code cannot carry them.
        Some(Answer::Scale(_)) => '-',
    }
}

/// `None` when the character is not an answer; `Some(None)` for unanswered.
fn char_answer(c: char) -> Option<Option<Answer>> {
    match c {
        '-' => Some(None),
        'd' => Some(Some(Answer::DontKnow)),
        'n' => Some(Some(Answer::NotApplicable)),
        'A' => Some(Some(Answer::Scale(10))),
        'B' => Some(Some(Answer::Scale(11))),
        '1'..='9' => c.to_digit(10).map(|d| Some(Answer::Scale(d as u8))),
        _ => None,
    }
}

fn level_char(level: Option<u8>) -> char {
    match level {
        Some(l @ 1..=35) => char::from_digit(u32::from(l), 36).unwrap_or('0'),
        _ => '0',
    }
}

/// `None` when the character is not a level; `Some(None)` for no level.
fn char_level(c: char) -> Option<Option<u8>> {
    match c {
        '0' => Some(None),
        '1'..='9' | 'a'..='z' => c.to_digit(36).map(|d| Some(d as u8)),
        _ => None,
    }
}

/// The compact, checksummed code for a response, to paste into an email or a chat.
///
/// Only what the instrument's `mode` asks is carried: answers to its statements (in
/// instrument order) and levels for its domains. The workspace operations never store
/// anything else, so for a response made in the app nothing is lost.
pub fn encode_response_code(instrument: &Instrument, mode: &str, response: &Response) -> String {
    let answers: String = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, mode))
        .map(|s| answer_char(response.answers.get(&s.id)))
        .collect();
    let levels: String = instrument
        .domains_in_mode(mode)
        .map(|d| level_char(response.levels.get(&d.id).copied()))
        .collect();
    let payload = ResponseCodePayload {
        round_id: response.round_id.clone(),
        response_id: response.id.clone(),
        organisation: response.organisation.clone(),
        role: response.role.id().to_string(),
        instrument: instrument.id().to_string(),
        version: instrument.version().to_string(),
        mode: mode.to_string(),
        started: response.started.0,
        updated: response.updated.0,
        submitted: response.submitted.map(|t| t.0),
        answers,
        levels,
        comments: response.comments.clone(),
    };
    let json = serde_json::to_vec(&payload).unwrap_or_default();
    format!("{CODE_PREFIX}{}", wrap(&json))
}

/// Reads a response code. Whitespace anywhere (line breaks added by email clients) is
/// ignored. The catalogue maps the positional answers back to the statements of the exact
/// instrument version the code names. The answers are not yet checked against a round:
/// [`plan_import`] does that.
pub fn decode_response_code(text: &str, catalogue: &Catalogue) -> Result<ResponseFile, TransferError> {
    if text.len() > MAX_RESPONSE_BYTES {
        return Err(TransferError::TooLarge {
            limit_bytes: MAX_RESPONSE_BYTES,
        });
    }
    let text = without_whitespace(text);
    if text.starts_with(ENCRYPTED_PREFIX) {
        return Err(TransferError::Encrypted);
    }
    let Some(rest) = text.strip_prefix(CODE_PREFIX) else {
        return Err(TransferError::NotTrellis);
    };
    let bytes = unwrap_checked(rest)?;
    let p: ResponseCodePayload =
        serde_json::from_slice(&bytes).map_err(|e| TransferError::BadJson(e.to_string()))?;
    let instrument =
        catalogue
            .get(&p.instrument, &p.version)
            .ok_or_else(|| TransferError::UnknownInstrument {
                id: p.instrument.clone(),
                version: p.version.clone(),
            })?;
    if instrument.mode(&p.mode).is_none() {
        return Err(TransferError::UnknownMode(p.mode));
    }
    let statements: Vec<&str> = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, &p.mode))
        .map(|s| s.id.as_str())
        .collect();
    if p.answers.chars().count() != statements.len() {
        return Err(TransferError::Malformed(format!(
            "it holds {} answers but the questionnaire asks {} statements",
            p.answers.chars().count(),
            statements.len()
        )));
    }
    let mut answers = BTreeMap::new();
    for (statement, c) in statements.iter().zip(p.answers.chars()) {
        match char_answer(c) {
            None => {
                return Err(TransferError::Malformed(format!(
                    "\"{c}\" is not an answer (statement \"{statement}\")"
                )))
            }
            Some(None) => {}
            Some(Some(a)) => {
                answers.insert(statement.to_string(), a);
            }
        }
    }
    let domains: Vec<&str> = instrument
        .domains_in_mode(&p.mode)
        .map(|d| d.id.as_str())
        .collect();
    if p.levels.chars().count() != domains.len() {
        return Err(TransferError::Malformed(format!(
            "it holds {} levels but the questionnaire has {} topics",
            p.levels.chars().count(),
            domains.len()
        )));
    }
    let mut levels = BTreeMap::new();
    for (domain, c) in domains.iter().zip(p.levels.chars()) {
        match char_level(c) {
            None => {
                return Err(TransferError::Malformed(format!(
                    "\"{c}\" is not a level (topic \"{domain}\")"
                )))
            }
            Some(None) => {}
            Some(Some(l)) => {
                levels.insert(domain.to_string(), l);
            }
        }
    }
    let role = RoleCategory::from_id(&p.role).ok_or_else(|| TransferError::UnknownRole(p.role.clone()))?;
    Ok(ResponseFile {
        trellis: RESPONSE_MARKER.to_string(),
        format: RESPONSE_FORMAT,
        instrument: p.instrument,
        version: p.version,
        response: Response {
            id: p.response_id,
            round_id: p.round_id,
            organisation: p.organisation,
            role,
            answers,
            levels,
            comments: p.comments,
            started: Timestamp(p.started),
            updated: Timestamp(p.updated),
            submitted: p.submitted.map(Timestamp),
        },
    })
}

fn is_code_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Reads one code from just after its prefix: body characters, a dot, 8 hex digits.
/// Continues across line breaks (and the `>` marks of quoted replies) but not across
/// spaces within a line, and stops before another code begins. Returns the code text
/// without whitespace and the number of bytes consumed.
fn scan_code(after: &str) -> (String, usize) {
    let bytes = after.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut hex = None::<usize>;
    while i < bytes.len() {
        let b = bytes[i];
        match hex {
            None if is_code_char(b) => {
                out.push(char::from(b));
                i += 1;
                continue;
            }
            None if b == b'.' && !out.is_empty() => {
                out.push('.');
                hex = Some(0);
                i += 1;
                continue;
            }
            Some(n) if n < 8 && b.is_ascii_hexdigit() => {
                out.push(char::from(b));
                hex = Some(n + 1);
                i += 1;
                if n + 1 == 8 {
                    break;
                }
                continue;
            }
            _ => {}
        }
        if b == b'\r' || b == b'\n' || b == b' ' || b == b'\t' {
            let mut j = i;
            let mut newline = false;
            while j < bytes.len() {
                match bytes[j] {
                    b'\n' => newline = true,
                    b'\r' | b' ' | b'\t' => {}
                    b'>' if newline => {}
                    _ => break,
                }
                j += 1;
            }
            let next = bytes.get(j).copied();
            let continues = match (next, hex) {
                (Some(c), None) => is_code_char(c) || c == b'.',
                (Some(c), Some(n)) => n < 8 && c.is_ascii_hexdigit(),
                (None, _) => false,
            };
            let another = after[j..].starts_with(CODE_PREFIX) || after[j..].starts_with(ENCRYPTED_PREFIX);
            if newline && continues && !another {
                i = j;
                continue;
            }
        }
        break;
    }
    (out, i)
}

/// Every response code (plain or encrypted) in pasted text such as a whole email thread,
/// in order of appearance, with whitespace and quote marks removed. Codes broken across
/// lines are joined. The same code quoted again in a reply is listed once.
pub fn extract_codes(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut rest = text;
    loop {
        let next = [CODE_PREFIX, ENCRYPTED_PREFIX]
            .into_iter()
            .filter_map(|p| rest.find(p).map(|at| (at, p)))
            .min_by_key(|(at, _)| *at);
        let Some((at, prefix)) = next else {
            break;
        };
        let after = &rest[at + prefix.len()..];
        let (body, used) = scan_code(after);
        if !body.is_empty() {
            let code = format!("{prefix}{body}");
            if !found.contains(&code) {
                found.push(code);
            }
        }
        rest = &after[used..];
    }
    found
}

// ---------------------------------------------------------------------------------------
// Envelopes for passphrase-protected codes and files.

/// What the browser's Web Crypto produced when sealing (PBKDF2-SHA256 to derive an
/// AES-GCM key, then AES-GCM). The iteration count travels with it so it can be raised
/// later without breaking older codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The sealed bytes including the 16-byte AES-GCM tag.
    pub ciphertext: Vec<u8>,
    pub iterations: u32,
}

/// [`ENCRYPTED_PREFIX`] then the checksummed bytes: iterations (4 bytes, big-endian), salt
/// length (1 byte), salt, nonce length (1 byte), nonce, ciphertext. The lengths are stored
/// so that a wrong-length salt or nonce is refused on reading rather than misread.
pub fn encode_envelope(e: &Envelope) -> String {
    let mut bytes = Vec::with_capacity(6 + e.salt.len() + e.iv.len() + e.ciphertext.len());
    bytes.extend_from_slice(&e.iterations.to_be_bytes());
    bytes.push(u8::try_from(e.salt.len()).unwrap_or(u8::MAX));
    bytes.extend_from_slice(&e.salt);
    bytes.push(u8::try_from(e.iv.len()).unwrap_or(u8::MAX));
    bytes.extend_from_slice(&e.iv);
    bytes.extend_from_slice(&e.ciphertext);
    format!("{ENCRYPTED_PREFIX}{}", wrap(&bytes))
}

/// Reads an envelope (whitespace anywhere is ignored) and checks its lengths: a
/// [`SALT_LEN`]-byte salt, an [`IV_LEN`]-byte nonce, a ciphertext of at least [`TAG_LEN`]
/// bytes and 1..=[`MAX_ITERATIONS`] iterations.
pub fn decode_envelope(text: &str) -> Result<Envelope, TransferError> {
    if text.len() > MAX_RESPONSE_BYTES {
        return Err(TransferError::TooLarge {
            limit_bytes: MAX_RESPONSE_BYTES,
        });
    }
    let text = without_whitespace(text);
    let Some(rest) = text.strip_prefix(ENCRYPTED_PREFIX) else {
        return Err(TransferError::NotTrellis);
    };
    let bytes = unwrap_checked(rest)?;
    let malformed = |what: &str| TransferError::Malformed(what.to_string());
    let (iterations, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or_else(|| malformed("the protected code is too short"))?;
    let iterations = u32::from_be_bytes(*iterations);
    if iterations == 0 || iterations > MAX_ITERATIONS {
        return Err(TransferError::Malformed(format!(
            "{iterations} key-stretching rounds is outside 1 to {MAX_ITERATIONS}"
        )));
    }
    let (salt, rest) = take_counted(rest, SALT_LEN, "salt")?;
    let (iv, rest) = take_counted(rest, IV_LEN, "nonce")?;
    if rest.len() < TAG_LEN {
        return Err(malformed(
            "the protected content is shorter than its authentication tag",
        ));
    }
    Ok(Envelope {
        salt: salt.to_vec(),
        iv: iv.to_vec(),
        ciphertext: rest.to_vec(),
        iterations,
    })
}

/// A length byte that must equal `expected`, then that many bytes.
fn take_counted<'a>(
    bytes: &'a [u8],
    expected: usize,
    what: &str,
) -> Result<(&'a [u8], &'a [u8]), TransferError> {
    let (&len, rest) = bytes
        .split_first()
        .ok_or_else(|| TransferError::Malformed(format!("the {what} is missing")))?;
    if usize::from(len) != expected {
        return Err(TransferError::Malformed(format!(
            "the {what} is {len} bytes long instead of {expected}"
        )));
    }
    if rest.len() < expected {
        return Err(TransferError::Malformed(format!("the {what} is cut short")));
    }
    Ok(rest.split_at(expected))
}

// ---------------------------------------------------------------------------------------
// Response files.

/// The response file a respondent downloads: pretty JSON of a [`ResponseFile`].
pub fn response_file_json(instrument: &Instrument, response: &Response) -> String {
    let file = ResponseFile {
        trellis: RESPONSE_MARKER.to_string(),
        format: RESPONSE_FORMAT,
        instrument: instrument.id().to_string(),
        version: instrument.version().to_string(),
        response: response.clone(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads a response file (up to [`MAX_RESPONSE_BYTES`]; a UTF-8 byte order mark is
/// ignored). A file holding an envelope gives [`TransferError::Encrypted`].
pub fn parse_response_file(text: &str) -> Result<ResponseFile, TransferError> {
    if text.len() > MAX_RESPONSE_BYTES {
        return Err(TransferError::TooLarge {
            limit_bytes: MAX_RESPONSE_BYTES,
        });
    }
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.starts_with(ENCRYPTED_PREFIX) {
        return Err(TransferError::Encrypted);
    }
    if !text.starts_with('{') {
        return Err(TransferError::NotTrellis);
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| TransferError::BadJson(e.to_string()))?;
    if value.get("trellis").and_then(serde_json::Value::as_str) != Some(RESPONSE_MARKER) {
        return Err(TransferError::NotTrellis);
    }
    match format_number(&value) {
        None => {
            return Err(TransferError::BadJson(
                "the file has no format number".to_string(),
            ))
        }
        Some(RESPONSE_FORMAT) => {}
        Some(other) => return Err(TransferError::UnsupportedFormat(other)),
    }
    serde_json::from_value(value).map_err(|e| TransferError::BadJson(e.to_string()))
}

/// Reads whatever a respondent sent as text: a response code, an encrypted code
/// ([`TransferError::Encrypted`]) or a response file. For dropped files whose type is
/// not known in advance.
pub fn read_response(text: &str, catalogue: &Catalogue) -> Result<ResponseFile, TransferError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with(CODE_PREFIX) || trimmed.starts_with(ENCRYPTED_PREFIX) {
        decode_response_code(trimmed, catalogue)
    } else {
        parse_response_file(text)
    }
}

// ---------------------------------------------------------------------------------------
// Checking one response against a round.

/// Checks a response against the round's instrument, mode and collaboration: a response
/// id, a partner organisation, answers only to statements asked in the mode and on the
/// scale, levels only for the mode's topics (and only when the mode asks for them) within
/// the instrument's levels, comments only on the mode's statements and at most
/// [`MAX_COMMENT`] characters. It does not check the round id or the instrument (see
/// [`plan_import`]).
pub fn check_response(
    response: &Response,
    instrument: &Instrument,
    mode: &str,
    collaboration: &Collaboration,
) -> Result<(), TransferError> {
    let mode_file = instrument
        .mode(mode)
        .ok_or_else(|| TransferError::UnknownMode(mode.to_string()))?;
    if response.id.trim().is_empty() {
        return Err(TransferError::EmptyField("the response id".to_string()));
    }
    if response.organisation.trim().is_empty() {
        return Err(TransferError::EmptyField("the organisation".to_string()));
    }
    if !collaboration
        .partners
        .iter()
        .any(|p| p.id == response.organisation)
    {
        return Err(TransferError::UnknownOrganisation(response.organisation.clone()));
    }
    let statement_in_mode = |id: &str| -> Result<(), TransferError> {
        let s = instrument
            .statements()
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| TransferError::UnknownStatement(id.to_string()))?;
        if in_mode(s, mode) {
            Ok(())
        } else {
            Err(TransferError::StatementNotInMode {
                statement: id.to_string(),
                mode: mode.to_string(),
            })
        }
    };
    for (statement, answer) in &response.answers {
        statement_in_mode(statement)?;
        if let Answer::Scale(v) = *answer {
            if v == 0 || v > instrument.scale_max() {
                return Err(TransferError::AnswerOutOfScale {
                    statement: statement.clone(),
                    value: v,
                });
            }
        }
    }
    if !response.levels.is_empty() && !mode_file.ask_levels {
        return Err(TransferError::LevelsNotAsked {
            mode: mode.to_string(),
        });
    }
    for (domain, &level) in &response.levels {
        if instrument.domain(domain).is_none() {
            return Err(TransferError::UnknownDomain(domain.clone()));
        }
        if instrument.statements_in(mode, domain).next().is_none() {
            return Err(TransferError::DomainNotInMode {
                domain: domain.clone(),
                mode: mode.to_string(),
            });
        }
        if level == 0 || usize::from(level) > instrument.levels().len() {
            return Err(TransferError::LevelOutOfRange {
                domain: domain.clone(),
                level,
            });
        }
    }
    for (statement, comment) in &response.comments {
        statement_in_mode(statement)?;
        if comment.chars().count() > MAX_COMMENT {
            return Err(TransferError::CommentTooLong {
                statement: statement.clone(),
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Import.

/// One thing to import: where it came from (a file name, "Code 2", "CSV row 7") and what
/// was read from it.
pub type ImportItem = (String, Result<ResponseFile, TransferError>);

/// A response that was imported (or recognised as already there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedItem {
    /// Where it came from, for example a file name, "Code 2" or "CSV row 7".
    pub source: String,
    pub response_id: String,
    /// The partner organisation's name, for the report.
    pub organisation: String,
    /// Whether the respondent had sent (submitted) it; see [`plan_import`].
    pub submitted: bool,
}

/// An item that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedItem {
    pub source: String,
    pub error: TransferError,
}

/// What an import did, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// New responses.
    pub added: Vec<ImportedItem>,
    /// Responses already stored (or earlier in the same import) replaced by a strictly
    /// newer copy (later `updated` time).
    pub updated: Vec<ImportedItem>,
    /// Duplicates of an equal or newer stored response: the stored one was kept.
    pub unchanged: Vec<ImportedItem>,
    pub rejected: Vec<RejectedItem>,
}

impl ImportReport {
    /// Whether the import changes the workspace at all.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }

    /// How many added or updated responses were never submitted by their respondent.
    pub fn not_submitted(&self) -> usize {
        self.added
            .iter()
            .chain(&self.updated)
            .filter(|i| !i.submitted)
            .count()
    }
}

/// Plans importing `items` into round `round_id`: returns a new workspace with every
/// acceptable item applied and a report of what happened to each. The input workspace is
/// not changed, so the caller can store the result (all of it) or drop it (none of it).
///
/// Each item is checked on its own: the round id must be this round's
/// ([`TransferError::WrongRound`]), the instrument must be known
/// ([`TransferError::UnknownInstrument`]) and the round's exact id and version
/// ([`TransferError::WrongInstrument`]), then [`check_response`] against the round's mode
/// and the collaboration's partners.
///
/// Duplicates (the same response id, already stored or earlier in the same batch): the
/// copy with the later `updated` time is kept; an incoming copy that is strictly newer
/// replaces the stored one and is reported as updated, otherwise it is reported as
/// unchanged. A response id used by another round is rejected ([`TransferError::IdInUse`]).
///
/// Responses without a `submitted` time (a respondent sent a draft) are imported as they
/// are and not marked as submitted here: the results count only submitted responses, so
/// a draft is kept (and a later, submitted copy replaces it) without affecting results.
/// [`ImportReport::not_submitted`] counts them so the app can say so.
///
/// A closed round still accepts imports; whether to offer an import there is the app's
/// decision.
pub fn plan_import(
    workspace: &Workspace,
    round_id: &str,
    catalogue: &Catalogue,
    items: Vec<ImportItem>,
) -> (Workspace, ImportReport) {
    let mut next = workspace.clone();
    let mut report = ImportReport::default();
    let Some((collaboration, round)) = workspace.round(round_id) else {
        for (source, _) in items {
            report.rejected.push(RejectedItem {
                source,
                error: TransferError::UnknownRound(round_id.to_string()),
            });
        }
        return (next, report);
    };
    let instrument = catalogue.get(&round.instrument_id, &round.instrument_version);
    for (source, item) in items {
        let admitted = item.and_then(|file| {
            if file.trellis != RESPONSE_MARKER {
                return Err(TransferError::NotTrellis);
            }
            if file.format != RESPONSE_FORMAT {
                return Err(TransferError::UnsupportedFormat(file.format));
            }
            if file.response.round_id != round.id {
                let found = &file.response.round_id;
                return Err(TransferError::WrongRound {
                    expected_round_name: round.name.clone(),
                    found: workspace
                        .round(found)
                        .map_or_else(|| found.clone(), |(_, r)| r.name.clone()),
                });
            }
            if catalogue.get(&file.instrument, &file.version).is_none() {
                return Err(TransferError::UnknownInstrument {
                    id: file.instrument,
                    version: file.version,
                });
            }
            if file.instrument != round.instrument_id || file.version != round.instrument_version {
                return Err(TransferError::WrongInstrument {
                    expected_id: round.instrument_id.clone(),
                    expected_version: round.instrument_version.clone(),
                    found_id: file.instrument,
                    found_version: file.version,
                });
            }
            let instrument = instrument.ok_or_else(|| TransferError::UnknownInstrument {
                id: round.instrument_id.clone(),
                version: round.instrument_version.clone(),
            })?;
            check_response(&file.response, instrument, &round.mode, collaboration)?;
            Ok(file.response)
        });
        let response = match admitted {
            Ok(response) => response,
            Err(error) => {
                report.rejected.push(RejectedItem { source, error });
                continue;
            }
        };
        let item = ImportedItem {
            source,
            response_id: response.id.clone(),
            organisation: collaboration
                .partners
                .iter()
                .find(|p| p.id == response.organisation)
                .map_or_else(|| response.organisation.clone(), |p| p.name.clone()),
            submitted: response.submitted.is_some(),
        };
        match next.responses.iter_mut().find(|r| r.id == response.id) {
            Some(stored) if stored.round_id != response.round_id => report.rejected.push(RejectedItem {
                source: item.source,
                error: TransferError::IdInUse(response.id),
            }),
            Some(stored) if response.updated > stored.updated => {
                *stored = response;
                report.updated.push(item);
            }
            Some(_) => report.unchanged.push(item),
            None => {
                next.responses.push(response);
                report.added.push(item);
            }
        }
    }
    (next, report)
}

// ---------------------------------------------------------------------------------------
// CSV.

/// What one CSV column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnTarget {
    Ignore,
    /// The partner organisation, by name or id (case-insensitive).
    Organisation,
    /// The role, by id (`manager`) or English label ("Clinician or practitioner").
    Role,
    ResponseId,
    /// Answers to the statement with this id.
    Statement(String),
    /// The maturity level chosen for the domain with this id.
    Level(String),
    /// Comments on the statement with this id.
    Comment(String),
}

/// What each column of a CSV file holds, in column order (one entry per header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvMapping {
    pub columns: Vec<ColumnTarget>,
}

/// Lower case, letters and digits only, apostrophes dropped (so "Don’t" = "dont"), any
/// other run of punctuation or whitespace as one space.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`' | '\u{b4}') {
            continue;
        }
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

fn check_size(text: &str) -> Result<(), TransferError> {
    if text.len() > MAX_IMPORT_BYTES {
        Err(TransferError::TooLarge {
            limit_bytes: MAX_IMPORT_BYTES,
        })
    } else {
        Ok(())
    }
}

/// The delimiter of the header line: comma unless semicolons or tabs (as some Excel
/// locales write) clearly outnumber commas outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let (mut quoted, mut commas, mut semicolons, mut tabs) = (false, 0, 0, 0);
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if semicolons > commas && semicolons >= tabs {
        b';'
    } else if tabs > commas {
        b'\t'
    } else {
        b','
    }
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Line numbers (from 1) of records, from their byte offsets, counted as a text editor or
/// a spreadsheet would: blank lines and line breaks inside quoted cells count.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line a record starting at `byte` begins on; offsets must not go backwards.
    fn at(&mut self, byte: usize) -> u64 {
        // The reader may report the offset of the previous line end or of skipped blank
        // lines; the record itself starts after them.
        let mut start = byte.min(self.text.len());
        while self.text.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        if start > self.offset {
            let passed = &self.text[self.offset..start];
            self.line += passed.iter().filter(|b| **b == b'\n').count() as u64;
            self.offset = start;
        }
        self.line
    }
}

fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let text = without_bom(text);
    csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

fn csv_error(e: &csv::Error, line: u64) -> TransferError {
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not valid UTF-8 (save the file as \"CSV UTF-8\")".to_string()
        }
        _ => e.to_string(),
    };
    TransferError::Csv { line, message }
}

fn read_headers(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, TransferError> {
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Err(e) => Err(csv_error(&e, 1)),
        Ok(false) => Err(TransferError::Csv {
            line: 1,
            message: "the file is empty".to_string(),
        }),
        Ok(true) => Ok(record.iter().map(|h| h.trim().to_string()).collect()),
    }
}

/// The header row of a CSV file (cells trimmed), for choosing a mapping.
pub fn csv_headers(text: &str) -> Result<Vec<String>, TransferError> {
    check_size(text)?;
    read_headers(&mut csv_reader(text))
}

/// Guesses what each column holds. First the names of Trellis's own CSV format
/// (`organisation`, `role`, `response_id`, statement ids, `level:<domain>`,
/// `comment:<statement>`, case-insensitive); then, for the rest, statement texts after
/// normalising case, punctuation, quotes and whitespace (also when the header only
/// contains the text, as survey platforms add numbering), headers mentioning an
/// organisation or a role. Each target is given to the first column that matches;
/// everything else is ignored. Only statements and domains of `mode` are suggested.
pub fn suggest_mapping(headers: &[String], instrument: &Instrument, mode: &str) -> CsvMapping {
    let statements: Vec<_> = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, mode))
        .collect();
    let asks_levels = instrument.mode(mode).is_some_and(|m| m.ask_levels);
    let domains: Vec<_> = instrument.domains_in_mode(mode).collect();
    let mut columns = vec![ColumnTarget::Ignore; headers.len()];
    let mut used: BTreeSet<ColumnTarget> = BTreeSet::new();

    // Pass 1: Trellis's own column names.
    for (column, header) in columns.iter_mut().zip(headers) {
        // Ids and keywords are ASCII, so ASCII case-insensitivity is all they need.
        let h = header.trim().to_ascii_lowercase();
        let target = if h == "organisation" || h == "organization" {
            Some(ColumnTarget::Organisation)
        } else if h == "role" {
            Some(ColumnTarget::Role)
        } else if h == "response_id" {
            Some(ColumnTarget::ResponseId)
        } else if let Some(d) = h.strip_prefix("level:") {
            domains
                .iter()
                .find(|dom| asks_levels && dom.id.eq_ignore_ascii_case(d.trim()))
                .map(|dom| ColumnTarget::Level(dom.id.clone()))
        } else if let Some(s) = h.strip_prefix("comment:") {
            statements
                .iter()
                .find(|st| st.id.eq_ignore_ascii_case(s.trim()))
                .map(|st| ColumnTarget::Comment(st.id.clone()))
        } else {
            statements
                .iter()
                .find(|st| st.id.eq_ignore_ascii_case(&h))
                .map(|st| ColumnTarget::Statement(st.id.clone()))
        };
        if let Some(target) = target {
            if used.insert(target.clone()) {
                *column = target;
            }
        }
    }

    // Pass 2: statement texts, then organisation and role questions.
    let texts: Vec<(String, &str)> = statements
        .iter()
        .map(|s| (normalise(&s.text), s.id.as_str()))
        .filter(|(t, _)| !t.is_empty())
        .collect();
    for (column, header) in columns.iter_mut().zip(headers) {
        if *column != ColumnTarget::Ignore {
            continue;
        }
        let h = normalise(header);
        let padded = format!(" {h} ");
        let by_text = texts
            .iter()
            .filter(|(t, _)| h == *t || padded.contains(&format!(" {t} ")))
            .max_by_key(|(t, _)| t.len())
            .map(|(_, id)| ColumnTarget::Statement(id.to_string()));
        let words: Vec<&str> = h.split(' ').collect();
        let target = by_text.or_else(|| {
            if words
                .iter()
                .any(|w| w.starts_with("organisation") || w.starts_with("organization"))
            {
                Some(ColumnTarget::Organisation)
            } else if words.contains(&"role") {
                Some(ColumnTarget::Role)
            } else {
                None
            }
        });
        if let Some(target) = target {
            if used.insert(target.clone()) {
                *column = target;
            }
        }
    }
    CsvMapping { columns }
}

// `BTreeSet<ColumnTarget>` above needs an order; any consistent one will do.
impl PartialOrd for ColumnTarget {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ColumnTarget {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        fn key(t: &ColumnTarget) -> (u8, &str) {
            match t {
                ColumnTarget::Ignore => (0, ""),
                ColumnTarget::Organisation => (1, ""),
                ColumnTarget::Role => (2, ""),
                ColumnTarget::ResponseId => (3, ""),
                ColumnTarget::Statement(s) => (4, s),
                ColumnTarget::Level(s) => (5, s),
                ColumnTarget::Comment(s) => (6, s),
            }
        }
        key(self).cmp(&key(other))
    }
}

/// Reads one answer cell: `Ok(None)` for blank.
fn parse_answer(raw: &str, instrument: &Instrument) -> Result<Option<Answer>, Option<u8>> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = trimmed.parse::<u8>() {
        return if n >= 1 && n <= instrument.scale_max() {
            Ok(Some(Answer::Scale(n)))
        } else {
            Err(Some(n))
        };
    }
    let word = normalise(trimmed);
    let scale = instrument.scale();
    if ["dk", "dont know", "do not know"].contains(&word.as_str()) || word == normalise(&scale.dont_know) {
        return Ok(Some(Answer::DontKnow));
    }
    if ["na", "n a", "not applicable"].contains(&word.as_str()) || word == normalise(&scale.not_applicable) {
        return Ok(Some(Answer::NotApplicable));
    }
    if let Some(p) = scale.points.iter().find(|p| normalise(&p.label) == word) {
        return Ok(Some(Answer::Scale(p.value)));
    }
    if instrument.scale_max() == 5 {
        let value = match word.as_str() {
            "strongly disagree" => Some(1),
            "disagree" => Some(2),
            "neither agree nor disagree" | "neutral" => Some(3),
            "agree" => Some(4),
            "strongly agree" => Some(5),
            _ => None,
        };
        if let Some(v) = value {
            return Ok(Some(Answer::Scale(v)));
        }
    }
    Err(None)
}

/// The English label of each role, as the app shows it.
pub fn role_label(role: RoleCategory) -> &'static str {
    match role {
        RoleCategory::SeniorLeader => "Senior leader or executive",
        RoleCategory::Manager => "Manager",
        RoleCategory::Clinician => "Clinician or practitioner",
        RoleCategory::FrontLine => "Front-line staff",
        RoleCategory::ServiceUser => "Service user or carer representative",
        RoleCategory::Other => "Other",
    }
}

fn parse_role(raw: &str) -> Result<RoleCategory, TransferError> {
    let word = normalise(raw);
    if word.is_empty() {
        return Ok(RoleCategory::Other);
    }
    RoleCategory::ALL
        .into_iter()
        .find(|r| normalise(r.id()) == word || normalise(role_label(*r)) == word)
        .ok_or_else(|| TransferError::UnknownRole(raw.trim().to_string()))
}

fn find_partner<'a>(collaboration: &'a Collaboration, raw: &str) -> Option<&'a crate::format::Partner> {
    let raw = raw.trim();
    let lower = raw.to_lowercase();
    let norm = normalise(raw);
    collaboration
        .partners
        .iter()
        .find(|p| p.id.to_lowercase() == lower || p.name.trim().to_lowercase() == lower)
        .or_else(|| {
            collaboration
                .partners
                .iter()
                .find(|p| !norm.is_empty() && normalise(&p.name) == norm)
        })
}

/// Checks that a mapping fits the header row and the round's instrument and mode.
fn check_mapping(
    mapping: &CsvMapping,
    headers: &[String],
    instrument: &Instrument,
    mode: &str,
) -> Result<(), TransferError> {
    let header_error = |message: String| TransferError::Csv { line: 1, message };
    if mapping.columns.len() != headers.len() {
        return Err(header_error(format!(
            "the file has {} columns but {} were described",
            headers.len(),
            mapping.columns.len()
        )));
    }
    let mode_file = instrument
        .mode(mode)
        .ok_or_else(|| TransferError::UnknownMode(mode.to_string()))?;
    let mut seen: BTreeMap<&ColumnTarget, &str> = BTreeMap::new();
    for (target, header) in mapping.columns.iter().zip(headers) {
        let problem = match target {
            ColumnTarget::Ignore => continue,
            ColumnTarget::Organisation | ColumnTarget::Role | ColumnTarget::ResponseId => None,
            ColumnTarget::Statement(id) | ColumnTarget::Comment(id) => {
                match instrument.statements().iter().find(|s| &s.id == id) {
                    None => Some(TransferError::UnknownStatement(id.clone())),
                    Some(s) if !in_mode(s, mode) => Some(TransferError::StatementNotInMode {
                        statement: id.clone(),
                        mode: mode.to_string(),
                    }),
                    Some(_) => None,
                }
            }
            ColumnTarget::Level(d) => {
                if instrument.domain(d).is_none() {
                    Some(TransferError::UnknownDomain(d.clone()))
                } else if !mode_file.ask_levels {
                    Some(TransferError::LevelsNotAsked {
                        mode: mode.to_string(),
                    })
                } else if instrument.statements_in(mode, d).next().is_none() {
                    Some(TransferError::DomainNotInMode {
                        domain: d.clone(),
                        mode: mode.to_string(),
                    })
                } else {
                    None
                }
            }
        };
        if let Some(problem) = problem {
            return Err(header_error(format!("column \"{header}\": {problem}")));
        }
        if let Some(first) = seen.insert(target, header) {
            return Err(header_error(format!(
                "columns \"{first}\" and \"{header}\" are both used for the same thing"
            )));
        }
    }
    if !seen.contains_key(&ColumnTarget::Organisation) {
        return Err(header_error(
            "no column says which organisation each respondent belongs to".to_string(),
        ));
    }
    if !seen.keys().any(|t| matches!(t, ColumnTarget::Statement(_))) {
        return Err(header_error("no column holds answers to a statement".to_string()));
    }
    Ok(())
}

/// Reads responses from a CSV file, one per row, each checked on its own.
///
/// # Trellis's own CSV format
///
/// - UTF-8 text (a byte order mark is allowed), comma-separated (semicolons or tabs are
///   recognised from the header line), Windows or Unix line ends, fields quoted with `"`
///   when they hold a comma, quote or line break. Blank lines are skipped. At most 5 MB.
/// - The first row is the header. Column order does not matter; header names are
///   case-insensitive.
/// - `organisation` (required): the partner's name or id, case-insensitive.
/// - `role`: a role id or its English label: `senior-leader` "Senior leader or
///   executive", `manager` "Manager", `clinician` "Clinician or practitioner",
///   `front-line` "Front-line staff", `service-user` "Service user or carer
///   representative", `other` "Other". Blank, or no role column, means `other`.
/// - `response_id` (optional): keeps ids stable, so importing the same file again reports
///   duplicates instead of adding them twice. Without it each row gets a new id.
/// - One column per statement, named by the statement id (for example
///   `leadership.visible`): `1` to `5`, `dk` (don't know), `na` (not applicable) or blank
///   (unanswered). Agreement words are accepted too: "Strongly disagree" 1, "Disagree" 2,
///   "Neither agree nor disagree" or "Neutral" 3, "Agree" 4, "Strongly agree" 5, "Don't
///   know" and "Not applicable" (or "N/A").
/// - `level:<domain id>` (optional, only for modes that ask for levels): `1` to `5` or blank.
/// - `comment:<statement id>` (optional): free text, at most 2,000 characters.
///
/// Other files (for example a survey platform's export) are read through a
/// [`CsvMapping`] from [`suggest_mapping`], which the facilitator can correct.
///
/// Each row becomes `("CSV row N", result)`, where N is the line the row starts on (the
/// header is line 1, so it matches a spreadsheet's row number). Rows are submitted at
/// `now`. The `Err` result is for the whole file: too large, no header, or a mapping that
/// does not fit.
#[allow(clippy::too_many_arguments)]
pub fn parse_csv(
    text: &str,
    instrument: &Instrument,
    mode: &str,
    collaboration: &Collaboration,
    round_id: &str,
    mapping: &CsvMapping,
    mut new_id: impl FnMut() -> String,
    now: Timestamp,
) -> Result<Vec<ImportItem>, TransferError> {
    check_size(text)?;
    let mut reader = csv_reader(text);
    let headers = read_headers(&mut reader)?;
    check_mapping(mapping, &headers, instrument, mode)?;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(without_bom(text));
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Err(e) => {
                // The text is already UTF-8 and rows may have any length, so this is not
                // expected; report it at its row and stop, as the reader may be unusable.
                let line = lines.at(e.position().map_or(usize::MAX, |p| p.byte() as usize));
                rows.push((format!("CSV row {line}"), Err(csv_error(&e, line))));
                break;
            }
            Ok(true) => {
                if record.iter().all(|cell| cell.trim().is_empty()) {
                    continue;
                }
                let line = lines.at(record.position().map_or(usize::MAX, |p| p.byte() as usize));
                let result = read_row(
                    &record,
                    &headers,
                    line,
                    instrument,
                    mode,
                    collaboration,
                    round_id,
                    mapping,
                    &mut new_id,
                    now,
                );
                rows.push((format!("CSV row {line}"), result));
            }
        }
    }
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
fn read_row(
    record: &csv::StringRecord,
    headers: &[String],
    line: u64,
    instrument: &Instrument,
    mode: &str,
    collaboration: &Collaboration,
    round_id: &str,
    mapping: &CsvMapping,
    new_id: &mut impl FnMut() -> String,
    now: Timestamp,
) -> Result<ResponseFile, TransferError> {
    if record.len() != headers.len() {
        return Err(TransferError::Csv {
            line,
            message: format!(
                "this row has {} cells but the header has {} (an answer holding a comma must be in quotes)",
                record.len(),
                headers.len()
            ),
        });
    }
    let mut organisation = None;
    let mut role = RoleCategory::Other;
    let mut id = None;
    let mut answers = BTreeMap::new();
    let mut levels = BTreeMap::new();
    let mut comments = BTreeMap::new();
    for ((target, cell), header) in mapping.columns.iter().zip(record.iter()).zip(headers) {
        match target {
            ColumnTarget::Ignore => {}
            ColumnTarget::Organisation => {
                if cell.trim().is_empty() {
                    return Err(TransferError::EmptyField("the organisation".to_string()));
                }
                let partner = find_partner(collaboration, cell)
                    .ok_or_else(|| TransferError::UnknownOrganisation(cell.trim().to_string()))?;
                organisation = Some(partner.id.clone());
            }
            ColumnTarget::Role => role = parse_role(cell)?,
            ColumnTarget::ResponseId => {
                let cell = cell.trim();
                if !cell.is_empty() {
                    id = Some(cell.to_string());
                }
            }
            ColumnTarget::Statement(statement) => match parse_answer(cell, instrument) {
                Ok(None) => {}
                Ok(Some(a)) => {
                    answers.insert(statement.clone(), a);
                }
                Err(Some(value)) => {
                    return Err(TransferError::AnswerOutOfScale {
                        statement: statement.clone(),
                        value,
                    })
                }
                Err(None) => {
                    return Err(TransferError::CsvValue {
                        column: header.clone(),
                        value: cell.trim().to_string(),
                    })
                }
            },
            ColumnTarget::Level(domain) => {
                let cell = cell.trim();
                if !cell.is_empty() {
                    let level = cell.parse::<u8>().map_err(|_| TransferError::CsvValue {
                        column: header.clone(),
                        value: cell.to_string(),
                    })?;
                    levels.insert(domain.clone(), level);
                }
            }
            ColumnTarget::Comment(statement) => {
                let cell = cell.trim();
                if !cell.is_empty() {
                    comments.insert(statement.clone(), cell.to_string());
                }
            }
        }
    }
    let organisation =
        organisation.ok_or_else(|| TransferError::EmptyField("the organisation".to_string()))?;
    let response = Response {
        id: id.unwrap_or_else(new_id),
        round_id: round_id.to_string(),
        organisation,
        role,
        answers,
        levels,
        comments,
        started: now,
        updated: now,
        submitted: Some(now),
    };
    check_response(&response, instrument, mode, collaboration)?;
    Ok(ResponseFile {
        trellis: RESPONSE_MARKER.to_string(),
        format: RESPONSE_FORMAT,
        instrument: instrument.id().to_string(),
        version: instrument.version().to_string(),
        response,
    })
}
