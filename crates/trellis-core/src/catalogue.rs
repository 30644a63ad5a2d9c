//! The instruments shipped with the app, compiled in from `instruments/*.json`.
//!
//! Older versions stay here so that old rounds, which record the instrument id and
//! version they used, can still be scored.

use std::rc::Rc;

use crate::instrument::{Instrument, InstrumentError};

/// The shipped instrument files: (file name, contents).
pub const SHIPPED: &[(&str, &str)] = &[(
    "trellis-1.0.0.json",
    include_str!("../instruments/trellis-1.0.0.json"),
)];

/// The instrument id new rounds use.
pub const DEFAULT_INSTRUMENT: &str = "trellis";

/// Every shipped instrument, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    /// Shared, so views can hold an instrument without copying it.
    instruments: Vec<Rc<Instrument>>,
}

impl Catalogue {
    /// Loads every shipped file; a file that fails validation is a build error and is
    /// reported with its name.
    pub fn shipped() -> Result<Catalogue, (String, Vec<InstrumentError>)> {
        let mut instruments = Vec::new();
        for (name, text) in SHIPPED {
            instruments.push(Rc::new(
                Instrument::from_json(text).map_err(|e| (name.to_string(), e))?,
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
