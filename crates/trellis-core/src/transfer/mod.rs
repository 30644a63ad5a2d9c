//! Getting answers from respondents to the facilitator without a server: invitation
//! links, response codes and files, passphrase envelopes, CSV imports, and the import plan.
//!
//! # Text forms
//!
//! Everything that travels as text is `base64url(bytes)` (no padding) followed by `.` and
//! the CRC32 of that base64url text as 8 lowercase hex digits, so a link or code that was
//! changed or cut short is caught before anything is read from it:
//!
//! - Invitation link: the text after `#/join/`; the bytes are an [`InvitationFile`],
//!   packed field by field (the first links held its compact JSON, still read; see
//!   `links`).
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
//! files and [`check_response`]), `import` ([`plan_import`] and its report), `table`
//! (a CSV text or a spreadsheet's rows read into rows of cells, an unclosed quote
//! reported), `platforms` (survey platforms' header rows and metadata columns), `csv`
//! (column targets and the suggested mapping), `labels` (organisation, role and answer
//! labels mapped once), `prepare` ([`prepare_import`]: a table ready to check and read)
//! and `read` (rows into import items). This module holds what they
//! share: [`TransferError`] and the checksummed text wrapping.

mod codes;
mod csv;
mod envelope;
mod files;
mod import;
mod labels;
mod links;
mod platforms;
mod prepare;
mod read;
mod table;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::format::StatementFile;

// The `self::` paths are needed: a plain `csv::` here would be ambiguous with the csv crate.
pub use self::codes::{decode_response_code, encode_response_code, extract_codes, CODE_PREFIX};
pub use self::csv::{csv_headers, parse_csv, role_label, suggest_mapping, ColumnTarget, CsvMapping};
pub use self::envelope::{
    decode_envelope, encode_envelope, Envelope, ENCRYPTED_PREFIX, IV_LEN, MAX_ITERATIONS, SALT_LEN, TAG_LEN,
};
pub use self::files::{check_response, parse_response_file, response_file_json};
pub use self::import::{
    plan_import, same_content, Conflict, ConflictChoice, ImportItem, ImportReport, ImportedItem,
    RejectedItem, RowCounts, Unchanged, UnchangedItem,
};
pub use self::labels::{suggest_answer, suggest_partner, suggest_role, Label, LabelMapping};
pub use self::links::{decode_invitation, encode_invitation, invitation_for, MAX_INVITATION_BYTES};
pub use self::platforms::{MetadataKind, Platform};
pub use self::prepare::{closest_statements, prepare_import, ColumnInfo, ColumnStatus, PreparedImport};
pub use self::table::{decode_text, read_csv_table, ParseStop, Table, TableRow, MAX_IMPORT_BYTES};

/// Largest response file, response code or envelope accepted (checked before decoding).
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

/// Why a link, code, file or CSV row could not be used. The source (which file, code or
/// row) is shown beside it by the caller; the message says what is wrong inside it. Like
/// every core error it carries data only: the app words it (`src/messages.rs`).
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
    /// The file could not be read at all; why, as the app's browser code words it (core
    /// never reads files, so this variant is only ever made by the app).
    Unreadable(String),
    TooLarge {
        limit_bytes: usize,
    },
    /// Not JSON of the expected shape (serde's message says where).
    BadJson(String),
    /// A response file without its format number.
    NoFormat,
    /// The checksum is right but the content is not laid out as Trellis writes it.
    Malformed(Malformed),
    /// A required field is empty.
    EmptyField(Field),
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
    /// A tie with a partner id the collaboration does not have.
    UnknownTiePartner(String),
    /// A tie with the respondent's own organisation (only other partners are rated).
    TieWithOwnOrganisation(String),
    /// A tie rating outside 1 to [`crate::format::TIE_STEPS`].
    TieOutOfRange {
        partner: String,
        value: u8,
    },
    /// The response id is already used by answers to another round.
    IdInUse(String),
    /// A CSV problem at a line of the file (1 is the header).
    Csv {
        line: u64,
        problem: CsvProblem,
    },
    /// A CSV cell that is not an answer; names the column (its header) and the value.
    CsvValue {
        column: String,
        value: String,
    },
    /// An opening quote on `quote_line` is never closed, so lines `first_lost_line` to
    /// `last_line` of the file could not be read.
    UnclosedQuote {
        quote_line: u64,
        first_lost_line: u64,
        last_line: u64,
    },
    /// A label (organisation, role or answer) the facilitator has not mapped yet; names
    /// the column (its header) and the value.
    UnmappedLabel {
        column: String,
        value: String,
    },
    /// The rows of one person in a file with a row per answer say different things in
    /// a column that should be the same on each (organisation, role...), or give one
    /// statement two different answers.
    RowsDisagree {
        column: String,
    },
}

/// How content with a right checksum differs from what Trellis writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// A response code holds `found` answers where its mode asks `expected` statements.
    AnswerCount { found: usize, expected: usize },
    /// A character of a response code's answers that stands for no answer.
    NotAnAnswer { character: char, statement: String },
    /// A response code holds `found` levels where its mode has `expected` topics.
    LevelCount { found: usize, expected: usize },
    /// A character of a response code's levels that stands for no level.
    NotALevel { character: char, domain: String },
    /// A response code's tie with a partner that is not two level characters.
    NotATie { partner: String, text: String },
    /// An invitation's round date is not `YYYY-MM-DD`.
    RoundDate(String),
    /// A packed invitation whose fields do not fit together: one is cut short or runs
    /// on, is not UTF-8 text, or bytes are left over.
    PackedInvitation,
    /// A protected code too short to hold its key-stretching count.
    EnvelopeTooShort,
    /// A key-stretching count outside 1..=[`MAX_ITERATIONS`].
    Iterations(u32),
    /// The salt or nonce of a protected code is missing.
    PartMissing(EnvelopePart),
    /// The salt or nonce of a protected code has the wrong length byte.
    PartLength {
        part: EnvelopePart,
        length: u8,
        expected: usize,
    },
    /// The salt or nonce of a protected code is cut short.
    PartCutShort(EnvelopePart),
    /// The protected content is shorter than its authentication tag.
    NoTag,
}

/// The counted parts of a protected code's envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopePart {
    Salt,
    Nonce,
}

/// A required field of an invitation or a response, named when it is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    RoundId,
    RoundName,
    RoundDate,
    CollaborationId,
    CollaborationName,
    InstrumentId,
    InstrumentVersion,
    Mode,
    PartnerId,
    /// The name of the partner with this id.
    PartnerName(String),
    ResponseId,
    Organisation,
}

/// What is wrong at one line of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// The bytes are not UTF-8 (a spreadsheet saved in another encoding).
    NotUtf8,
    /// The CSV reader's own message (quoting and the like).
    Syntax(String),
    Empty,
    /// The header has `found` columns but the mapping describes `described`.
    ColumnCount {
        found: usize,
        described: usize,
    },
    /// A column's target does not fit the round (unknown statement, topic not asked...).
    Column {
        header: String,
        problem: Box<TransferError>,
    },
    /// Two columns are mapped to the same thing.
    SameTarget {
        first: String,
        second: String,
    },
    NoOrganisationColumn,
    NoStatementColumn,
    /// A row whose number of cells differs from the header's.
    RowLength {
        cells: usize,
        headers: usize,
    },
    /// UTF-16 text read as if it were UTF-8 (zero characters between the letters).
    Utf16,
    /// Columns for a row per person (statement columns) and for a row per answer
    /// (`statement_id`, `answer`) in one mapping.
    MixedLayout,
    /// A row per answer needs both a statement column and an answer column.
    TidyColumns,
    /// A row of a file with a row per answer that names no statement.
    NoStatementInRow,
}

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
