//! Native tests of trellis-core, one binary: instrument loading, workspace operations,
//! scoring and chart geometry.

mod agenda;
mod analysis;
mod chars;
mod command;
mod common;
mod config;
mod context;
mod exchange;
mod host;
mod import;
mod instrument;
mod partners;
mod plan;
mod qr;
mod quota;
mod readiness;
mod reading;
mod round_reference;
mod safety;
mod scoring;
mod sharing;
mod stats;
mod summary;
mod transfer;
mod workspace;
