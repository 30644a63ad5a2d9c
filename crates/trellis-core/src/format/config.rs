//! The host's settings file, `config.json`, placed beside index.html by whoever deploys
//! Trellis (for example an intranet team). Every field is optional; see
//! [`crate::config`] for what each means and how it is checked.

use serde::Deserialize;

/// The settings format this build reads.
pub const CONFIG_FORMAT: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub format: Option<u32>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub instrument: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub host_origin: Option<String>,
    #[serde(default)]
    pub share_answers: Option<bool>,
}
