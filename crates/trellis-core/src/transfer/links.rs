//! Invitation links: a round's description packed into the link a facilitator sends, so
//! that respondents can join without a server.
//!
//! # Two forms, both read
//!
//! The text after `#/join/` is checksummed base64url (see [`super`]) of either:
//!
//! - the **packed form**, written since links were shortened for printed QR codes: the
//!   format number as one byte (below 32), then the fields of [`InvitationFile`] in a fixed order
//!   (below), each a length-prefixed text. About half the length of the JSON form.
//! - the **JSON form** the first links used: the compact JSON of an [`InvitationFile`].
//!   Its bytes start with `{`, which no format number is, so links already sent still
//!   open.
//!
//! Packed layout, after the format byte: round id, round name, date, collaboration id,
//! collaboration name, instrument id, version, mode and contact (empty when there is
//! none) as texts; then the partner count `n` as a number `2n + ids`, followed by each
//! partner's id (only when `ids` is 1) and name. Partners made by Trellis have the ids
//! `p1`, `p2`… in order, which the respondent's app makes again, so those are left out.
//! Then, only when the round has one of them, a number of options, one bit each: 1 the
//! partner map. A link without options (every link made before the partner map) ends
//! after the partners and reads with every option off.
//!
//! A number is unsigned LEB128 (7 bits a byte, high bit set on all but the last). A text
//! is a number `2k + hex` and then `k` bytes: UTF-8 when `hex` is 0; when it is 1, the
//! bytes of a text made only of an even number of lowercase hexadecimal digits (such as
//! Trellis's random 32-digit ids), which takes half the room.

use std::collections::BTreeSet;

use super::{check_size, format_number, unwrap_checked, wrap, Field, Malformed, TransferError};
use crate::format::{Collaboration, InvitationFile, Partner, Round, INVITATION_FORMAT};
use crate::workspace::is_iso_date;

/// Largest invitation text accepted (checked before decoding).
pub const MAX_INVITATION_BYTES: usize = 16 * 1024;

/// Format numbers are the byte values below this (the control characters), so a format
/// byte is never the `{` of the JSON form nor the start of any other text.
const FIRST_TEXT_BYTE: u8 = 0x20;

/// The option bit of a round with a partner map.
const PARTNER_MAP: usize = 1;

/// What the invitation link to `round` of `collaboration` carries; `contact` is where
/// answers go (the collaboration's own, or the host's default).
pub fn invitation_for(
    collaboration: &Collaboration,
    round: &Round,
    contact: Option<String>,
) -> InvitationFile {
    InvitationFile {
        format: INVITATION_FORMAT,
        round_id: round.id.clone(),
        round_name: round.name.clone(),
        date: round.date.clone(),
        collaboration_id: collaboration.id.clone(),
        collaboration: collaboration.name.clone(),
        partners: collaboration.partners.clone(),
        instrument: round.instrument_id.clone(),
        version: round.instrument_version.clone(),
        mode: round.mode.clone(),
        contact,
        partner_map: round.partner_map,
    }
}

/// The text to put after `#/join/` in the app's URL (the packed form).
pub fn encode_invitation(inv: &InvitationFile) -> String {
    let InvitationFile {
        format,
        round_id,
        round_name,
        date,
        collaboration_id,
        collaboration,
        partners,
        instrument,
        version,
        mode,
        contact,
        partner_map,
    } = inv;
    let mut out = vec![u8::try_from(*format).unwrap_or(u8::MAX)];
    for text in [
        round_id,
        round_name,
        date,
        collaboration_id,
        collaboration,
        instrument,
        version,
        mode,
    ] {
        put_text(&mut out, text);
    }
    put_text(&mut out, contact.as_deref().unwrap_or(""));
    let ids = !partners
        .iter()
        .enumerate()
        .all(|(k, p)| p.id == implied_partner_id(k));
    put_number(&mut out, partners.len() * 2 + usize::from(ids));
    for partner in partners {
        if ids {
            put_text(&mut out, &partner.id);
        }
        put_text(&mut out, &partner.name);
    }
    let options = if *partner_map { PARTNER_MAP } else { 0 };
    if options != 0 {
        put_number(&mut out, options);
    }
    wrap(&out)
}

/// Reads an invitation: the text after `#/join/` (a whole pasted link also works), with
/// any surrounding whitespace, in either form. Checks the checksum, the format and every
/// field.
pub fn decode_invitation(text: &str) -> Result<InvitationFile, TransferError> {
    let text = text.trim();
    let text = match text.find("#/join/") {
        Some(at) => &text[at + "#/join/".len()..],
        None => text,
    };
    check_size(text, MAX_INVITATION_BYTES)?;
    if text.is_empty() {
        return Err(TransferError::NotTrellis);
    }
    let bytes = unwrap_checked(text)?;
    let inv = match bytes.split_first() {
        Some((b'{', _)) => from_json(&bytes)?,
        Some((&format, rest)) if u32::from(format) == INVITATION_FORMAT => {
            unpack(rest).ok_or(TransferError::Malformed(Malformed::PackedInvitation))?
        }
        // A later format is a small number too; anything else is not an invitation.
        Some((&format, _)) if format < FIRST_TEXT_BYTE => {
            return Err(TransferError::UnsupportedFormat(u32::from(format)))
        }
        _ => return Err(TransferError::NotTrellis),
    };
    check(inv)
}

/// The id Trellis gives the partner at `index` (see `NewCollaboration`).
fn implied_partner_id(index: usize) -> String {
    format!("p{}", index + 1)
}

/// The JSON form of the first invitation links.
fn from_json(bytes: &[u8]) -> Result<InvitationFile, TransferError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| TransferError::BadJson(e.to_string()))?;
    match format_number(&value) {
        None => return Err(TransferError::NotTrellis),
        Some(INVITATION_FORMAT) => {}
        Some(other) => return Err(TransferError::UnsupportedFormat(other)),
    }
    serde_json::from_value(value).map_err(|e| TransferError::BadJson(e.to_string()))
}

fn put_number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_text(out: &mut Vec<u8>, text: &str) {
    let hex = text.len().is_multiple_of(2) && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if hex {
        put_number(out, text.len() + 1);
        out.extend(
            text.as_bytes()
                .chunks(2)
                .map(|pair| (nibble(pair[0]) << 4) | nibble(pair[1])),
        );
    } else {
        put_number(out, text.len() * 2);
        out.extend_from_slice(text.as_bytes());
    }
}

/// The value of a lowercase hexadecimal digit (only called on checked digits).
fn nibble(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        _ => digit - b'a' + 10,
    }
}

/// Reads the packed fields after the format byte; `None` when they do not fit together
/// (a field cut short or running on, text that is not UTF-8, bytes left over).
fn unpack(bytes: &[u8]) -> Option<InvitationFile> {
    let mut r = Reader { rest: bytes };
    let mut inv = InvitationFile {
        format: INVITATION_FORMAT,
        round_id: r.text()?,
        round_name: r.text()?,
        date: r.text()?,
        collaboration_id: r.text()?,
        collaboration: r.text()?,
        instrument: r.text()?,
        version: r.text()?,
        mode: r.text()?,
        contact: Some(r.text()?).filter(|c| !c.is_empty()),
        partners: Vec::new(),
        partner_map: false,
    };
    let count = r.number()?;
    let ids = count % 2 == 1;
    for index in 0..count / 2 {
        let id = if ids { r.text()? } else { implied_partner_id(index) };
        let name = r.text()?;
        inv.partners.push(Partner { id, name });
    }
    if !r.rest.is_empty() {
        // Options this build does not know (or written as none) do not fit.
        let options = r.number()?;
        if options == 0 || options & !PARTNER_MAP != 0 {
            return None;
        }
        inv.partner_map = options & PARTNER_MAP != 0;
    }
    r.rest.is_empty().then_some(inv)
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl Reader<'_> {
    fn number(&mut self) -> Option<usize> {
        let mut n = 0usize;
        // Four bytes hold 28 bits, far more than fits in the largest invitation.
        for shift in [0, 7, 14, 21] {
            let (&byte, rest) = self.rest.split_first()?;
            self.rest = rest;
            n |= usize::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn text(&mut self) -> Option<String> {
        let n = self.number()?;
        let (hex, len) = (n % 2 == 1, n / 2);
        if len > self.rest.len() {
            return None;
        }
        let (field, rest) = self.rest.split_at(len);
        self.rest = rest;
        if hex {
            Some(field.iter().map(|b| format!("{b:02x}")).collect())
        } else {
            String::from_utf8(field.to_vec()).ok()
        }
    }
}

/// Checks every field of an invitation, whichever form it came in.
fn check(inv: InvitationFile) -> Result<InvitationFile, TransferError> {
    for (what, value) in [
        (Field::RoundId, &inv.round_id),
        (Field::RoundName, &inv.round_name),
        (Field::RoundDate, &inv.date),
        (Field::CollaborationId, &inv.collaboration_id),
        (Field::CollaborationName, &inv.collaboration),
        (Field::InstrumentId, &inv.instrument),
        (Field::InstrumentVersion, &inv.version),
        (Field::Mode, &inv.mode),
    ] {
        if value.trim().is_empty() {
            return Err(TransferError::EmptyField(what));
        }
    }
    if !is_iso_date(inv.date.trim()) {
        return Err(TransferError::Malformed(Malformed::RoundDate(inv.date)));
    }
    let mut seen = BTreeSet::new();
    for partner in &inv.partners {
        if partner.id.trim().is_empty() {
            return Err(TransferError::EmptyField(Field::PartnerId));
        }
        if partner.name.trim().is_empty() {
            return Err(TransferError::EmptyField(Field::PartnerName(partner.id.clone())));
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
