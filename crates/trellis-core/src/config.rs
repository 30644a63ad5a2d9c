//! Reading the host's `config.json`: checked field by field, so that a mistake is
//! reported in words ("`mode`: there is no questionnaire mode "short"") and the app
//! carries on with its defaults.
//!
//! Fields (all optional):
//! - `format`: 1.
//! - `organisation`: the host organisation's name, shown in the header (120 characters
//!   at most).
//! - `logo`: a picture beside it, as a path relative to index.html (`logo.png`,
//!   `assets/logo.svg`); never another site's address, so the app still makes no
//!   request to another origin.
//! - `contact`: the contact address put into new invitations by default.
//! - `instrument`, `mode`: the questionnaire and mode new rounds start with.
//! - `host_origin`: the origin of the intranet page that embeds Trellis
//!   (`https://intranet.example.nhs.uk`); events are posted only to it.
//! - `share_answers`: when true, the "response sent" event carries the answers.

use crate::catalogue::Catalogue;
use crate::format::config::{ConfigFile, CONFIG_FORMAT};
use crate::workspace::MAX_NAME;

/// Largest settings file read; anything bigger is not a settings file.
pub const MAX_CONFIG_BYTES: usize = 64 * 1024;

/// The checked settings; defaults when there is no file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub organisation: Option<String>,
    pub logo: Option<String>,
    pub contact: Option<String>,
    pub instrument: Option<String>,
    pub mode: Option<String>,
    pub host_origin: Option<String>,
    pub share_answers: bool,
}

/// One thing wrong with the settings file; the app words it (`src/messages.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    /// Larger than [`MAX_CONFIG_BYTES`].
    TooLarge,
    /// Not JSON of the settings' shape (serde's message says where).
    NotJson(String),
    /// A `format` this version does not read.
    Format(u32),
    /// A text field longer than `max` characters or with a line break.
    NotOneLine { field: &'static str, max: usize },
    /// A `logo` that is not a picture beside index.html.
    Logo,
    /// An `instrument` that is not shipped.
    UnknownInstrument(String),
    /// A `mode` the chosen instrument does not have.
    UnknownMode(String),
    /// A `host_origin` that is not a bare origin.
    HostOrigin,
}

impl ConfigProblem {
    /// The field the problem is in; `None` for the file as a whole.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ConfigProblem::TooLarge | ConfigProblem::NotJson(_) => None,
            ConfigProblem::Format(_) => Some("format"),
            ConfigProblem::NotOneLine { field, .. } => Some(field),
            ConfigProblem::Logo => Some("logo"),
            ConfigProblem::UnknownInstrument(_) => Some("instrument"),
            ConfigProblem::UnknownMode(_) => Some("mode"),
            ConfigProblem::HostOrigin => Some("host_origin"),
        }
    }
}

/// Checks an origin written `scheme://host[:port]` (http or https, no path).
pub fn is_origin(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            (h, Some(p))
        }
        _ => (rest, None),
    };
    (scheme == "https" || scheme == "http")
        && !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && port.is_none_or(|p| p.parse::<u32>().is_ok_and(|n| (1..=65_535).contains(&n)))
}

/// Checks a same-site relative path to a picture.
fn is_local_picture(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    !path.is_empty()
        && path.len() <= 200
        && !path.contains(':')
        && !path.starts_with('/')
        && !path.starts_with('\\')
        && !path.split('/').any(|part| part == "..")
        && path.bytes().all(|b| b.is_ascii_graphic())
        && [".png", ".svg", ".jpg", ".jpeg", ".webp", ".gif"]
            .iter()
            .any(|e| lower.ends_with(e))
}

fn one_line(
    field: &'static str,
    value: Option<String>,
    max: usize,
    problems: &mut Vec<ConfigProblem>,
) -> Option<String> {
    let value = value?.trim().to_string();
    if value.is_empty() {
        return None;
    }
    if value.chars().count() > max || value.chars().any(char::is_control) {
        problems.push(ConfigProblem::NotOneLine { field, max });
        return None;
    }
    Some(value)
}

/// Whether text fetched as `config.json` is a web page rather than a settings file. Many
/// hosts answer a missing file with their index.html (or an error page) instead of "not
/// found"; that means there are no settings, not settings with mistakes.
pub fn is_web_page(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with('<')
}

/// Reads `config.json` text. Returns the settings that are valid and every problem
/// found; a field with a problem keeps its default. A web page in its place (see
/// [`is_web_page`]) is no settings file: the defaults, with no problem.
pub fn read_config(text: &str, catalogue: &Catalogue) -> (Config, Vec<ConfigProblem>) {
    let mut problems = Vec::new();
    if is_web_page(text) {
        return (Config::default(), problems);
    }
    if text.len() > MAX_CONFIG_BYTES {
        problems.push(ConfigProblem::TooLarge);
        return (Config::default(), problems);
    }
    let file: ConfigFile = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            problems.push(ConfigProblem::NotJson(e.to_string()));
            return (Config::default(), problems);
        }
    };
    if let Some(v) = file.format.filter(|v| *v != CONFIG_FORMAT) {
        problems.push(ConfigProblem::Format(v));
    }
    let organisation = one_line("organisation", file.organisation, MAX_NAME, &mut problems);
    let logo = file.logo.and_then(|l| {
        if is_local_picture(&l) {
            Some(l)
        } else {
            problems.push(ConfigProblem::Logo);
            None
        }
    });
    let contact = one_line("contact", file.contact, MAX_NAME * 2, &mut problems);
    let instrument = file.instrument.and_then(|id| {
        if catalogue.latest(&id).is_some() {
            Some(id)
        } else {
            problems.push(ConfigProblem::UnknownInstrument(id));
            None
        }
    });
    let chosen = instrument
        .as_deref()
        .unwrap_or(crate::catalogue::DEFAULT_INSTRUMENT);
    let mode = file.mode.and_then(|m| match catalogue.latest(chosen) {
        Some(i) if i.mode(&m).is_some() => Some(m),
        _ => {
            problems.push(ConfigProblem::UnknownMode(m));
            None
        }
    });
    let host_origin = file.host_origin.and_then(|o| {
        let o = o.trim_end_matches('/').to_string();
        if is_origin(&o) {
            Some(o)
        } else {
            problems.push(ConfigProblem::HostOrigin);
            None
        }
    });
    let config = Config {
        organisation,
        logo,
        contact,
        instrument,
        mode,
        host_origin,
        share_answers: file.share_answers.unwrap_or(false),
    };
    (config, problems)
}
