//! The instruments shipped with the app, compiled in from `instruments/*.json`.
//!
//! Older versions stay here so that old rounds, which record the instrument id and
//! version they used, can still be scored.
//!
//! `build.rs` validates every file and embeds it in the packed form of
//! [`crate::format::packed`], which is what [`Catalogue::shipped`] reads; the JSON text
//! stays available as [`SHIPPED`] for tests and tools (a bundle that does not use it
//! does not carry it).

use std::rc::Rc;

use crate::format::packed;
use crate::instrument::{Instrument, InstrumentError};

// `SHIPPED` and `PACKED`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// The instrument id new rounds use.
pub const DEFAULT_INSTRUMENT: &str = "trellis";

/// Every shipped instrument, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    /// Shared, so views can hold an instrument without copying it.
    instruments: Vec<Rc<Instrument>>,
}

impl Catalogue {
    /// Loads every shipped file. A file that fails validation is a build error (in
    /// build.rs), so this does not check them again; the error names the file.
    pub fn shipped() -> Result<Catalogue, (String, Vec<InstrumentError>)> {
        let mut instruments = Vec::new();
        for (name, text) in PACKED {
            instruments.push(Rc::new(
                Instrument::validated_at_build(packed::unpack(text)).map_err(|e| (name.to_string(), e))?,
            ));
        }
        Ok(Catalogue { instruments })
    }

    /// The exact version a round recorded.
    pub fn get(&self, id: &str, version: &str) -> Option<&Rc<Instrument>> {
        self.instruments
            .iter()
            .find(|i| i.id() == id && i.version().to_string() == version)
    }

    /// The newest version of an instrument, for new rounds.
    pub fn latest(&self, id: &str) -> Option<&Rc<Instrument>> {
        self.instruments
            .iter()
            .filter(|i| i.id() == id)
            .max_by_key(|i| i.version())
    }

    pub fn all(&self) -> &[Rc<Instrument>] {
        &self.instruments
    }
}
