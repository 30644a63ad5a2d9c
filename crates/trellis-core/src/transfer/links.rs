//! Invitation links: a round's description packed into the link a facilitator sends, so
//! that respondents can join without a server.

use std::collections::BTreeSet;

use super::{check_size, format_number, unwrap_checked, wrap, Field, Malformed, TransferError};
use crate::format::{InvitationFile, INVITATION_FORMAT};
use crate::workspace::is_iso_date;

/// Largest invitation text accepted (checked before decoding).
pub const MAX_INVITATION_BYTES: usize = 16 * 1024;

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
    check_size(text, MAX_INVITATION_BYTES)?;
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
