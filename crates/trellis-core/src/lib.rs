//! trellis-core: the pure engine behind Trellis, a tool for assessing and developing
//! collaboration between health and care providers.
//!
//! # Design
//!
//! The browser app is a thin shell around this crate. Everything that decides what a
//! number means lives here, so it can be tested natively and explained in
//! docs/scoring.md.
//!
//! # Invariants
//!
//! - Deterministic: no I/O, no clock, no browser API, and no randomness but the seeded
//!   generator of the example data. Time and ids are passed in by the caller.
//! - Only the types in [`format`] are serializable. They are the compatibility boundary
//!   for browser storage, exported files and instrument files, and carry an explicit
//!   version.
//! - Raw input becomes a validated model before use: an [`Instrument`] in hand is valid.
//! - Derived values (scores, levels, statistics) are computed, never stored.
//! - Scoring is total: unanswered and "don't know" answers become coverage, never a
//!   panic or a silent zero.

// Untrusted data (files, codes, storage, settings) must never panic the app: the code
// handles every failure instead of unwrapping it. Tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod catalogue;
pub mod chart;
pub mod command;
pub mod config;
pub mod delete;
pub mod example;
pub mod export;
pub mod folder;
pub mod format;
pub mod instrument;
pub mod merge;
pub mod next_step;
pub mod plan;
pub mod qr;
pub mod quota;
pub mod scoring;
mod sort;
pub mod stats;
pub mod summary;
pub mod sync;
pub mod transfer;
pub mod workspace;

pub use catalogue::Catalogue;
pub use instrument::{Instrument, InstrumentError, Version};
pub use transfer::TransferError;
