//! Planning an import: every item read from files, codes or CSV rows is checked against
//! the round on its own, and the result is a new workspace plus a report, so the app
//! applies all of it or none of it. Every item lands in exactly one list of the report
//! (added, updated, unchanged, conflicting or rejected), each carrying the input rows it
//! stands for, so the report accounts for every row read.

use std::collections::{BTreeMap, BTreeSet};

use super::{check_response, TransferError};
use crate::catalogue::Catalogue;
use crate::format::{
    Collaboration, Response, ResponseFile, Round, Workspace, RESPONSE_FORMAT, RESPONSE_MARKER,
};

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
    /// The item's position in the list given to [`plan_import`].
    pub index: usize,
    /// Where it came from, for example a file name, "Code 2" or "CSV row 7".
    pub source: String,
    /// Data rows of the input the item stands for (see [`ImportItem::rows`]).
    pub rows: usize,
    pub response_id: String,
    /// The partner organisation's name, for the report.
    pub organisation: String,
    /// Whether the respondent had sent (submitted) it; see [`plan_import`].
    pub submitted: bool,
}

/// Why an item changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unchanged {
    /// The same answers as the copy already here (times may differ).
    Identical,
    /// Different answers, but an older copy (earlier `updated` time) than the one here:
    /// the newer one is kept.
    Older,
}

/// An item that changed nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnchangedItem {
    pub item: ImportedItem,
    pub reason: Unchanged,
}

/// What the facilitator chose for a [`Conflict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConflictChoice {
    /// Keep the first copy; the second is skipped.
    #[default]
    KeepFirst,
    /// The second copy replaces the first.
    KeepSecond,
    /// Keep both: the second becomes a separate response with a new id.
    KeepBoth,
}

/// Two copies of one response (same id, same `updated` time) whose answers differ, so
/// neither can be called the newer: for example two rows of one person in a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The second copy's position in the list given to [`plan_import`].
    pub index: usize,
    /// Where the second copy came from.
    pub source: String,
    pub rows: usize,
    /// Where the first copy came from: `None` when it is already stored here.
    pub first_source: Option<String>,
    pub first: Response,
    pub second: Response,
    /// The choice applied to the planned workspace.
    pub choice: ConflictChoice,
    /// With [`ConflictChoice::KeepBoth`], the new id the second copy is kept under.
    pub kept_as: Option<String>,
}

/// An item that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedItem {
    /// The item's position in the list given to [`plan_import`].
    pub index: usize,
    pub source: String,
    pub rows: usize,
    pub error: TransferError,
}

/// What an import did, item by item: every item is in exactly one list.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// New responses.
    pub added: Vec<ImportedItem>,
    /// Responses already stored (or earlier in the same import) replaced by a strictly
    /// newer copy (later `updated` time) with different answers.
    pub updated: Vec<ImportedItem>,
    /// Copies that change nothing: the same answers as the one here, or older.
    pub unchanged: Vec<UnchangedItem>,
    /// Same id and time as the one here but different answers: the facilitator chooses.
    pub conflicts: Vec<Conflict>,
    pub rejected: Vec<RejectedItem>,
}

/// Data rows of the input in each list of an [`ImportReport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub conflicting: usize,
    pub rejected: usize,
}

impl ImportReport {
    /// Whether the import changes the workspace at all.
    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty()
            || !self.updated.is_empty()
            || self
                .conflicts
                .iter()
                .any(|c| c.choice != ConflictChoice::KeepFirst)
    }

    /// Data rows of the input in each list.
    pub fn row_counts(&self) -> RowCounts {
        let sum = |items: &[ImportedItem]| items.iter().map(|i| i.rows).sum();
        RowCounts {
            added: sum(&self.added),
            updated: sum(&self.updated),
            unchanged: self.unchanged.iter().map(|u| u.item.rows).sum(),
            conflicting: self.conflicts.iter().map(|c| c.rows).sum(),
            rejected: self.rejected.iter().map(|r| r.rows).sum(),
        }
    }

    /// Data rows of the input the report accounts for: the rows of every item, whatever
    /// became of it. Always the sum of [`ImportItem::rows`] over the items planned.
    pub fn rows_accounted(&self) -> usize {
        let c = self.row_counts();
        c.added + c.updated + c.unchanged + c.conflicting + c.rejected
    }
}

/// Whether two copies of a response say the same: organisation, role, answers, levels,
/// comments, ties and whether it was sent. When it was started, changed or sent does not
/// count (a file and a code of one response differ in nothing else).
pub fn same_content(a: &Response, b: &Response) -> bool {
    a.round_id == b.round_id
        && a.organisation == b.organisation
        && a.role == b.role
        && a.answers == b.answers
        && a.levels == b.levels
        && a.comments == b.comments
        && a.ties == b.ties
        && a.submitted.is_some() == b.submitted.is_some()
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
/// Duplicates (the same response id as one already stored or earlier in the same batch)
/// are compared with the copy here at that point, by content ([`same_content`]) and
/// `updated` time:
/// - the same content: unchanged ([`Unchanged::Identical`]), whatever the times;
/// - different content, strictly newer: it replaces the copy here (updated);
/// - different content, older: unchanged ([`Unchanged::Older`]), the newer is kept;
/// - different content, the same time: a [`Conflict`], resolved by `choices` (keyed by
///   the item's index in `items`; [`ConflictChoice::KeepFirst`] when absent). Keeping
///   both gives the second copy the id `<id>-2` (or `-3`...), the first free one among
///   the workspace's responses, its deleted records and the ids in `items`.
///
/// A response id used by another round is rejected ([`TransferError::IdInUse`]).
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
    choices: &BTreeMap<usize, ConflictChoice>,
) -> (Workspace, ImportReport) {
    let mut report = ImportReport::default();
    let Some((collaboration, round)) = workspace.round(round_id) else {
        for (index, ImportItem { source, rows, .. }) in items.into_iter().enumerate() {
            report.rejected.push(RejectedItem {
                index,
                source,
                rows,
                error: TransferError::UnknownRound(round_id.to_string()),
            });
        }
        return (workspace.clone(), report);
    };
    let mut plan = Plan {
        next: workspace.clone(),
        origin: BTreeMap::new(),
        taken: items
            .iter()
            .filter_map(|i| i.result.as_ref().ok())
            .map(|f| f.response.id.clone())
            .collect(),
        report,
    };
    for (index, ImportItem { source, rows, result }) in items.into_iter().enumerate() {
        match result.and_then(|file| admit(workspace, collaboration, round, catalogue, file)) {
            Ok(response) => {
                let item = ImportedItem {
                    index,
                    source,
                    rows,
                    response_id: response.id.clone(),
                    organisation: collaboration
                        .partners
                        .iter()
                        .find(|p| p.id == response.organisation)
                        .map_or_else(|| response.organisation.clone(), |p| p.name.clone()),
                    submitted: response.submitted.is_some(),
                };
                let choice = choices.get(&index).copied().unwrap_or_default();
                plan.place(item, response, choice);
            }
            Err(error) => plan.report.rejected.push(RejectedItem {
                index,
                source,
                rows,
                error,
            }),
        }
    }
    (plan.next, plan.report)
}

/// Checks one item against the round; the response to place, or why not.
fn admit(
    workspace: &Workspace,
    collaboration: &Collaboration,
    round: &Round,
    catalogue: &Catalogue,
    file: ResponseFile,
) -> Result<Response, TransferError> {
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
    let instrument = catalogue
        .get(&round.instrument_id, &round.instrument_version)
        .ok_or_else(|| TransferError::UnknownInstrument {
            id: round.instrument_id.clone(),
            version: round.instrument_version.clone(),
        })?;
    check_response(&file.response, instrument, &round.mode, collaboration)?;
    let mut response = file.response;
    // A tie with neither rating (a file may hold `{}`) is no tie, as in storage.
    response.ties.retain(|_, tie| !tie.is_empty());
    Ok(response)
}

/// The import being planned: the workspace so far and the report.
struct Plan {
    next: Workspace,
    /// For each response id written by an item, that item's source (the copy a later
    /// duplicate is compared with came from there).
    origin: BTreeMap<String, String>,
    /// Ids a kept-both copy must not take.
    taken: BTreeSet<String>,
    report: ImportReport,
}

impl Plan {
    /// Puts an admitted response in its list, and in the workspace when it goes there.
    fn place(&mut self, item: ImportedItem, response: Response, choice: ConflictChoice) {
        let Some(position) = self.next.responses.iter().position(|r| r.id == response.id) else {
            self.origin.insert(response.id.clone(), item.source.clone());
            self.next.responses.push(response);
            self.report.added.push(item);
            return;
        };
        let here = &self.next.responses[position];
        if here.round_id != response.round_id {
            self.report.rejected.push(RejectedItem {
                index: item.index,
                source: item.source,
                rows: item.rows,
                error: TransferError::IdInUse(response.id),
            });
        } else if same_content(here, &response) {
            let reason = Unchanged::Identical;
            self.report.unchanged.push(UnchangedItem { item, reason });
        } else if response.updated > here.updated {
            self.origin.insert(response.id.clone(), item.source.clone());
            self.next.responses[position] = response;
            self.report.updated.push(item);
        } else if response.updated < here.updated {
            let reason = Unchanged::Older;
            self.report.unchanged.push(UnchangedItem { item, reason });
        } else {
            let first = here.clone();
            let first_source = self.origin.get(&response.id).cloned();
            let kept_as = match choice {
                ConflictChoice::KeepFirst => None,
                ConflictChoice::KeepSecond => {
                    self.origin.insert(response.id.clone(), item.source.clone());
                    self.next.responses[position] = response.clone();
                    None
                }
                ConflictChoice::KeepBoth => {
                    let id = self.free_id(&response.id);
                    self.next.responses.push(Response {
                        id: id.clone(),
                        ..response.clone()
                    });
                    Some(id)
                }
            };
            self.report.conflicts.push(Conflict {
                index: item.index,
                source: item.source,
                rows: item.rows,
                first_source,
                first,
                second: response,
                choice,
                kept_as,
            });
        }
    }

    /// `<id>-2`, `<id>-3`...: the first not used by a response here, a deleted record or
    /// an item of this import.
    fn free_id(&mut self, id: &str) -> String {
        let mut n = 2u64;
        loop {
            let candidate = format!("{id}-{n}");
            let used = self.taken.contains(&candidate)
                || self.next.responses.iter().any(|r| r.id == candidate)
                || self.next.deleted.iter().any(|t| t.id == candidate);
            if !used {
                self.taken.insert(candidate.clone());
                return candidate;
            }
            n += 1;
        }
    }
}
