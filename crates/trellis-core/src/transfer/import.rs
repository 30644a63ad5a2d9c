//! Planning an import: every item read from files, codes or CSV rows is checked against
//! the round on its own, and the result is a new workspace plus a report, so the app
//! applies all of it or none of it.

use super::{check_response, TransferError};
use crate::catalogue::Catalogue;
use crate::format::{ResponseFile, Workspace, RESPONSE_FORMAT, RESPONSE_MARKER};

/// One thing to import: where it came from (a file name, "Code 2", "CSV row 7"), how many
/// data rows of its input it stands for, and what was read from it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    pub source: String,
    /// Data rows of the input this item was read from: 1 for a file, a code or a CSV row
    /// of one person; every row of one person in a CSV with a row per answer. The import
    /// report accounts for each row.
    pub rows: usize,
    pub result: Result<ResponseFile, TransferError>,
}

impl ImportItem {
    /// An item read from one file, code or row.
    pub fn new(source: impl Into<String>, result: Result<ResponseFile, TransferError>) -> Self {
        ImportItem {
            source: source.into(),
            rows: 1,
            result,
        }
    }
}

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
/// Each [`ImportedItem`] records whether it was submitted.
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
        for ImportItem { source, .. } in items {
            report.rejected.push(RejectedItem {
                source,
                error: TransferError::UnknownRound(round_id.to_string()),
            });
        }
        return (next, report);
    };
    let instrument = catalogue.get(&round.instrument_id, &round.instrument_version);
    for ImportItem { source, result, .. } in items {
        let admitted = result.and_then(|file| {
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
            let mut response = file.response;
            // A tie with neither rating (a file may hold `{}`) is no tie, as in storage.
            response.ties.retain(|_, tie| !tie.is_empty());
            Ok(response)
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
