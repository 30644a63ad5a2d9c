//! How full the browser's storage is, and moving finished rounds out to a file to make
//! room: which rounds may go, what they take, the file that carries them, and their
//! removal.
//!
//! Browsers give a site's localStorage a fixed allowance. Chromium (and so Edge and
//! Chrome) counts the keys and values of an origin in UTF-16 code units and refuses a
//! write that would take them past 5,242,880 (measured by `scripts/bench-big`; an "é"
//! counts one, an emoji two). The app warns at [`WARN_PERCENT`] of that, well before a
//! save is refused, and offers to move finished rounds to a round file.
//!
//! Moving is not deleting: a moved round leaves no tombstone, so opening its file again
//! (an ordinary merge) brings it back exactly as it was. The file is written before the
//! rounds are removed; that order is the app's, and [`Workspace::move_out`] only
//! removes.

use crate::format::{RoundStatus, Workspace};
use crate::merge::RoundSpace;
use crate::workspace::InputError;

/// What Chromium allows one origin's localStorage, in UTF-16 code units (keys and values).
pub const QUOTA_UNITS: usize = 5_242_880;

/// The share of [`QUOTA_UNITS`], in percent, from which the app warns that storage is
/// filling up. At 80% a 5,000-person round (about 0.4 million units) still fits in
/// what is left, so a facilitator hears of it well before a save is refused.
pub const WARN_PERCENT: usize = 80;

/// How many UTF-16 code units a text takes in localStorage (what the quota counts).
pub fn utf16_units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The share of the allowance that `units` take, in percent (for sizes shown as a share,
/// which a facilitator can weigh without knowing how the browser counts).
pub fn share_of_quota(units: usize) -> f64 {
    units as f64 * 100.0 / QUOTA_UNITS as f64
}

/// What this site's storage holds against its allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageUse {
    /// UTF-16 code units of every key and value the app stored.
    pub used: usize,
    /// The allowance, in the same units.
    pub quota: usize,
}

impl StorageUse {
    /// Use against the allowance Chromium gives a site ([`QUOTA_UNITS`]).
    pub fn of(used: usize) -> StorageUse {
        StorageUse {
            used,
            quota: QUOTA_UNITS,
        }
    }

    /// The share used, in whole percent, rounded down (so 79.9% is not yet "80%").
    pub fn percent(&self) -> usize {
        if self.quota == 0 {
            return 100;
        }
        self.used.saturating_mul(100) / self.quota
    }

    /// Whether the app should say that storage is filling up.
    pub fn nearly_full(&self) -> bool {
        self.percent() >= WARN_PERCENT
    }

    /// The use once `units` have been freed.
    pub fn after_freeing(&self, units: usize) -> StorageUse {
        StorageUse {
            used: self.used.saturating_sub(units),
            quota: self.quota,
        }
    }
}

/// Why a round counts as finished, and so may be moved to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finished {
    /// The facilitator closed it.
    Closed,
    /// A later round of the same collaboration follows it.
    Superseded,
}

/// A round that may be moved out, with the room it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movable {
    pub space: RoundSpace,
    pub finished: Finished,
}

impl Workspace {
    /// The rounds a facilitator may move to a file, oldest first: every closed round, and
    /// every round with a later one in its collaboration. The newest round of a
    /// collaboration that is still open stays (answers may still come in), and so does
    /// the fictional example, which the start page removes as a whole.
    pub fn movable_rounds(&self) -> Vec<Movable> {
        self.round_space()
            .into_iter()
            .filter_map(|space| {
                let (collaboration, round) = self.round(&space.round)?;
                let later = collaboration
                    .rounds
                    .iter()
                    .any(|r| (&r.date, r.created) > (&round.date, round.created));
                let finished = if round.status == RoundStatus::Closed {
                    Finished::Closed
                } else if later {
                    Finished::Superseded
                } else {
                    return None;
                };
                Some(Movable { space, finished })
            })
            .collect()
    }

    /// A round file holding the given rounds: each with its collaboration (only those
    /// rounds of it) and its responses, in the order [`Workspace::extract`] gives, so a
    /// file of one round is that round's ordinary file. `None` when the list is empty or
    /// names a round that is not here.
    pub fn extract_rounds(&self, round_ids: &[String]) -> Option<Workspace> {
        if round_ids.is_empty() || round_ids.iter().any(|id| self.round(id).is_none()) {
            return None;
        }
        let mut file = Workspace::default();
        for c in &self.collaborations {
            let mut collaboration = c.clone();
            collaboration.rounds.retain(|r| round_ids.contains(&r.id));
            if !collaboration.rounds.is_empty() {
                file.collaborations.push(collaboration);
            }
        }
        file.responses = self
            .responses
            .iter()
            .filter(|r| round_ids.contains(&r.round_id))
            .cloned()
            .collect();
        file.responses.sort_by(|a, b| a.id.cmp(&b.id));
        Some(file)
    }

    /// Removes rounds that have been written to a file, with their responses, leaving
    /// no tombstone (opening the file again brings them back). Their collaborations stay,
    /// with their partners and context. Refuses, removing nothing, when a round is not
    /// here; returns how many responses went.
    pub fn move_out(&mut self, round_ids: &[String]) -> Result<usize, InputError> {
        if round_ids.iter().any(|id| self.round(id).is_none()) {
            return Err(InputError::UnknownRound);
        }
        for c in &mut self.collaborations {
            c.rounds.retain(|r| !round_ids.contains(&r.id));
        }
        let before = self.responses.len();
        self.responses.retain(|r| !round_ids.contains(&r.round_id));
        Ok(before - self.responses.len())
    }
}
