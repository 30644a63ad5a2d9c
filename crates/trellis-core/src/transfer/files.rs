//! Response files (what a respondent downloads and a facilitator imports) and
//! [`check_response`], which checks one response against a round however it arrived.

use super::{check_size, format_number, in_mode, Field, TransferError, ENCRYPTED_PREFIX, MAX_RESPONSE_BYTES};
use crate::format::{
    Answer, Collaboration, Response, ResponseFile, RESPONSE_FORMAT, RESPONSE_MARKER, TIE_STEPS,
};
use crate::instrument::Instrument;
use crate::workspace::MAX_COMMENT;

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
    check_size(text, MAX_RESPONSE_BYTES)?;
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
        None => return Err(TransferError::NoFormat),
        Some(RESPONSE_FORMAT) => {}
        Some(other) => return Err(TransferError::UnsupportedFormat(other)),
    }
    serde_json::from_value(value).map_err(|e| TransferError::BadJson(e.to_string()))
}

/// Checks a response against the round's instrument, mode and collaboration: a response
/// id, a partner organisation, answers only to statements asked in the mode and on the
/// scale, levels only for the mode's topics (and only when the mode asks for them) within
/// the instrument's levels, comments only on the mode's statements and at most
/// [`MAX_COMMENT`] characters, ties only with the collaboration's other partners (not the
/// respondent's own organisation) and rated 1 to [`TIE_STEPS`]. It does not check the
/// round id or the instrument (see [`plan_import`]), nor whether the round has a partner
/// map: ties given while it had one are kept if the facilitator turns it off.
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
        return Err(TransferError::EmptyField(Field::ResponseId));
    }
    if response.organisation.trim().is_empty() {
        return Err(TransferError::EmptyField(Field::Organisation));
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
    for (partner, tie) in &response.ties {
        if *partner == response.organisation {
            return Err(TransferError::TieWithOwnOrganisation(partner.clone()));
        }
        if !collaboration.partners.iter().any(|p| p.id == *partner) {
            return Err(TransferError::UnknownTiePartner(partner.clone()));
        }
        if let Some(value) = [tie.now, tie.wanted]
            .into_iter()
            .flatten()
            .find(|v| !(1..=TIE_STEPS).contains(v))
        {
            return Err(TransferError::TieOutOfRange {
                partner: partner.clone(),
                value,
            });
        }
    }
    Ok(())
}
