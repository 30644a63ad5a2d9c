//! The summary file: one round's results, anonymised, in a versioned CSV that many
//! collaborations' facilitators can send to one regional analyst, who sets them side by
//! side (in Trellis, `compare`, or in pandas, R or DuckDB; docs/exports.md).
//!
//! A file has one row per domain, with the round's facts repeated on every row so that
//! a folder of files stacks into one table. It holds domain statistics, levels and
//! agreement only: no organisation, role or person, no answers and no comments. A
//! domain scored by fewer people than the round's smallest group carries no statistics
//! and no level (`note` says why). The collaboration is named by a label its
//! facilitator chooses and by a key derived from its id, so rounds of one
//! collaboration line up without naming it.
//!
//! `write` makes a file ([`summary_file`]), `read` checks one strictly
//! ([`read_summary_file`]), and `compare` sets many side by side.

mod compare;
mod read;

use std::collections::BTreeMap;

use crate::analysis::{RoundAnalysis, RULES_VERSION};
use crate::export::{cell_text, domain_figures, write_csv};
use crate::format::{Collaboration, ContextAnswer, Round};
use crate::instrument::Instrument;

pub use self::compare::{
    compare_collaborations, gather, Band, CollaborationChange, DomainMove, DomainSpread, Duplicate,
    FiveNumbers, Member, Overview, Standing,
};
pub use self::read::{read_summary_file, SummaryError, SummaryProblem};

/// The value of the `format` column of every row: the format's name and version.
pub const SUMMARY_FORMAT: &str = "trellis-summary-1";
/// The format's name without its version: `trellis-summary-<n>`.
pub const SUMMARY_FORMAT_STEM: &str = "trellis-summary-";
/// The version this build writes and the newest it reads.
pub const SUMMARY_VERSION: u32 = 1;
/// `note` of a domain scored by fewer people than the round's smallest group.
pub const NOTE_SUPPRESSED: &str = "fewer-than-min-group";

/// The columns of a version 1 summary file, in order. A later version may add columns at
/// the end only; readers of version 1 ignore columns after these.
pub const SUMMARY_FILE_COLUMNS: [&str; 30] = [
    "format",
    "collaboration",
    "collaboration_key",
    "round",
    "round_date",
    "instrument",
    "instrument_version",
    "mode",
    "rules_version",
    "scale_max",
    "level_count",
    "min_group",
    "partner_count",
    "collaboration_type",
    "collaboration_age",
    "people",
    "domain_id",
    "domain",
    "people_scored",
    "mean",
    "ci95_low",
    "ci95_high",
    "median",
    "q1",
    "q3",
    "agreement_rwg",
    "level",
    "level_from",
    "target",
    "note",
];

/// The first column of the per-domain part (`domain_id`); those before it are the
/// round's and repeat on every row.
pub(crate) const DOMAIN_FROM: usize = 16;

/// The stable key of a collaboration: 16 hexadecimal digits of the 64-bit FNV-1a hash
/// of its id (with a prefix, so the key is not the hash any other tool would show for
/// the bare id). Random ids make random-looking keys; the id cannot be read back.
pub fn collaboration_key(id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in "trellis-summary:".bytes().chain(id.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A one-choice context answer as its option id; empty when unanswered.
fn context_choice(context: &BTreeMap<String, ContextAnswer>, id: &str) -> String {
    match context.get(id) {
        Some(ContextAnswer::One(option)) => cell_text(option),
        _ => String::new(),
    }
}

/// The summary file of one round: `label` names the collaboration (its name, or a code
/// its facilitator typed instead). `round` is numbered by its place among the
/// collaboration's rounds, so files of one collaboration order without their names.
pub fn summary_file(
    instrument: &Instrument,
    collaboration: &Collaboration,
    round: &Round,
    analysis: &RoundAnalysis,
    label: &str,
) -> String {
    let number = collaboration
        .rounds
        .iter()
        .position(|r| r.id == round.id)
        .map_or(1, |k| k + 1);
    let partners = match round.context.get("partners") {
        Some(ContextAnswer::Number(n)) => *n as usize,
        _ => collaboration.partners.len(),
    };
    let lead = [
        SUMMARY_FORMAT.to_string(),
        cell_text(label.trim()),
        collaboration_key(&collaboration.id),
        number.to_string(),
        round.date.clone(),
        cell_text(&round.instrument_id),
        cell_text(&round.instrument_version),
        cell_text(&round.mode),
        RULES_VERSION.to_string(),
        instrument.scale_max().to_string(),
        instrument.levels().len().to_string(),
        analysis.min_group.to_string(),
        partners.to_string(),
        context_choice(&round.context, "type"),
        context_choice(&round.context, "age"),
        analysis.n.to_string(),
    ];
    let rows: Vec<Vec<String>> = analysis
        .domains
        .iter()
        .map(|d| {
            let mut figures = domain_figures(instrument, d);
            let scored = d.stats.as_ref().map_or(0, |s| s.n);
            let hidden = scored < analysis.min_group;
            if hidden {
                // Statistics and the level of a handful of people are theirs: keep the count only.
                for cell in &mut figures[3..] {
                    cell.clear();
                }
            }
            let mut row: Vec<String> = lead.to_vec();
            row.extend(figures);
            row.push(d.target.map(|t| t.to_string()).unwrap_or_default());
            row.push(if hidden {
                NOTE_SUPPRESSED.to_string()
            } else {
                String::new()
            });
            row
        })
        .collect();
    write_csv(&SUMMARY_FILE_COLUMNS, &rows)
}

/// One domain of a summary file; statistics are `None` when empty in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryDomain {
    pub id: String,
    pub title: String,
    pub people_scored: usize,
    pub mean: Option<f64>,
    pub ci95: Option<(f64, f64)>,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub agreement: Option<f64>,
    pub level: Option<u8>,
    /// `agreed`, `chosen`, `scores`, or empty.
    pub level_from: String,
    pub target: Option<u8>,
    /// Fewer people than the round's smallest group were scored: no statistics.
    pub suppressed: bool,
}

/// A summary file, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryFile {
    /// The name of the file it was read from.
    pub name: String,
    pub label: String,
    pub key: String,
    pub round: u32,
    pub date: String,
    pub instrument: String,
    pub instrument_version: String,
    pub mode: String,
    pub rules_version: String,
    pub scale_max: u8,
    pub level_count: u8,
    pub min_group: usize,
    pub partner_count: usize,
    /// The context answers' option ids; empty when not answered.
    pub collaboration_type: String,
    pub collaboration_age: String,
    pub people: usize,
    pub domains: Vec<SummaryDomain>,
}

impl SummaryFile {
    pub fn domain(&self, id: &str) -> Option<&SummaryDomain> {
        self.domains.iter().find(|d| d.id == id)
    }
}
