//! Response codes: a whole response as one checksummed line of text to paste into an email
//! or a chat, and [`extract_codes`], which finds codes in a pasted email thread.

use super::{
    check_size, in_mode, unwrap_checked, without_whitespace, wrap, Malformed, TransferError,
    ENCRYPTED_PREFIX, MAX_RESPONSE_BYTES,
};
use crate::catalogue::Catalogue;
use crate::format::chars;
use crate::format::{
    Response, ResponseCodePayload, ResponseFile, RoleCategory, Tie, Timestamp, RESPONSE_FORMAT,
    RESPONSE_MARKER,
};
use crate::instrument::Instrument;

/// What every plain response code starts with (format 1 of [`ResponseCodePayload`]).
pub const CODE_PREFIX: &str = "TRELLIS1-";

/// The compact, checksummed code for a response, to paste into an email or a chat.
///
/// Only what the instrument's `mode` asks is carried: answers to its statements (in
/// instrument order) and levels for its domains, and the response's ties with other
/// partners. The workspace operations never store anything else, so for a response made
/// in the app nothing is lost.
pub fn encode_response_code(instrument: &Instrument, mode: &str, response: &Response) -> String {
    let answers: String = instrument
        .statements()
        .iter()
        .filter(|s| in_mode(s, mode))
        .map(|s| chars::code::answer_char(response.answers.get(&s.id)))
        .collect();
    let levels: String = instrument
        .domains_in_mode(mode)
        .map(|d| chars::code::level_char(response.levels.get(&d.id).copied()))
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
        ties: response
            .ties
            .iter()
            .map(|(partner, tie)| {
                let pair = [tie.now, tie.wanted].map(chars::code::level_char);
                (partner.clone(), pair.iter().collect())
            })
            .collect(),
    };
    let json = serde_json::to_vec(&payload).unwrap_or_default();
    format!("{CODE_PREFIX}{}", wrap(&json))
}

/// Reads a response code. Whitespace anywhere (line breaks added by email clients) is
/// ignored. The catalogue maps the positional answers back to the statements of the exact
/// instrument version the code names. The answers are not yet checked against a round:
/// [`plan_import`] does that.
pub fn decode_response_code(text: &str, catalogue: &Catalogue) -> Result<ResponseFile, TransferError> {
    check_size(text, MAX_RESPONSE_BYTES)?;
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
        return Err(TransferError::Malformed(Malformed::AnswerCount {
            found: p.answers.chars().count(),
            expected: statements.len(),
        }));
    }
    let answers = chars::read_values(statements.iter().copied(), &p.answers, chars::code::char_answer)
        .map_err(|(character, statement)| {
            TransferError::Malformed(Malformed::NotAnAnswer {
                character,
                statement: statement.to_string(),
            })
        })?;
    let domains: Vec<&str> = instrument
        .domains_in_mode(&p.mode)
        .map(|d| d.id.as_str())
        .collect();
    if p.levels.chars().count() != domains.len() {
        return Err(TransferError::Malformed(Malformed::LevelCount {
            found: p.levels.chars().count(),
            expected: domains.len(),
        }));
    }
    let levels = chars::read_values(domains.iter().copied(), &p.levels, chars::code::char_level).map_err(
        |(character, domain)| {
            TransferError::Malformed(Malformed::NotALevel {
                character,
                domain: domain.to_string(),
            })
        },
    )?;
    let role = RoleCategory::from_id(&p.role).ok_or_else(|| TransferError::UnknownRole(p.role.clone()))?;
    let mut ties = std::collections::BTreeMap::new();
    for (partner, text) in p.ties {
        let tie = read_tie(&text).ok_or_else(|| {
            TransferError::Malformed(Malformed::NotATie {
                partner: partner.clone(),
                text: text.clone(),
            })
        })?;
        if !tie.is_empty() {
            ties.insert(partner, tie);
        }
    }
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
            ties,
            started: Timestamp(p.started),
            updated: Timestamp(p.updated),
            submitted: p.submitted.map(Timestamp),
        },
    })
}

/// A tie from its two characters in a code (now, wanted); `None` unless it is exactly
/// two level characters.
fn read_tie(text: &str) -> Option<Tie> {
    let mut chars = text.chars().map(chars::code::char_level);
    match (chars.next(), chars.next(), chars.next()) {
        (Some(Some(now)), Some(Some(wanted)), None) => Some(Tie { now, wanted }),
        _ => None,
    }
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
