//! The workspace in localStorage: load once at start, save after every change.
//!
//! Loading never throws data away. Damaged data is copied to a side key before the app
//! starts afresh; data written by a newer version makes the app run read-only so that
//! nothing overwrites it. When saving fails (storage full or disabled) the caller keeps
//! the workspace in memory and tells the user.

use trellis_core::format::{Workspace, WORKSPACE_SCHEMA};
use trellis_core::workspace::LoadError;

/// The key holding the workspace.
pub const KEY: &str = "trellis.workspace";
/// Prefix of the keys where damaged data is kept aside, followed by a timestamp.
pub const DAMAGED_PREFIX: &str = "trellis.workspace.damaged.";

/// Why storage is not working normally; each is explained differently to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser refuses access to localStorage (disabled, private mode, policy).
    Unavailable,
    /// A write was refused, usually because storage is full.
    WriteFailed,
    /// Stored data could not be read; it was kept aside under `kept_as` (if that worked).
    Damaged {
        error: LoadError,
        kept_as: Option<String>,
    },
    /// Stored data comes from a newer version ([`LoadError::NewerSchema`]); nothing will
    /// be written.
    Newer(LoadError),
}

/// Reads stored text, migrating data written by earlier versions of Trellis.
fn read(text: &str) -> Result<Workspace, LoadError> {
    Workspace::from_json(text)
}

/// The outcome of loading: always a workspace to work with, plus any problem.
pub struct Loaded {
    pub workspace: Workspace,
    pub problem: Option<StorageProblem>,
    /// When false, the app must not write (the stored data belongs to a newer version).
    pub writable: bool,
    /// The stored data was an earlier storage version, read and migrated: save it now.
    pub migrated: bool,
    /// UTF-16 code units this site's storage holds, as the browser's quota counts them.
    pub units: usize,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn load() -> Loaded {
    let Some(storage) = local_storage() else {
        return Loaded {
            workspace: Workspace::default(),
            problem: Some(StorageProblem::Unavailable),
            writable: false,
            migrated: false,
            units: 0,
        };
    };
    let raw = match storage.get_item(KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => {
            return Loaded {
                workspace: Workspace::default(),
                problem: None,
                writable: true,
                migrated: false,
                units: others_units(&storage),
            }
        }
        Err(_) => {
            return Loaded {
                workspace: Workspace::default(),
                problem: Some(StorageProblem::Unavailable),
                writable: false,
                migrated: false,
                units: 0,
            }
        }
    };
    remember(&raw);
    let units = others_units(&storage) + entry_units(&raw);
    match read(&raw) {
        Ok(workspace) => Loaded {
            migrated: migrated(&raw),
            workspace,
            problem: None,
            writable: true,
            units,
        },
        Err(err @ LoadError::NewerSchema(_)) => Loaded {
            workspace: Workspace::default(),
            problem: Some(StorageProblem::Newer(err)),
            writable: false,
            migrated: false,
            units,
        },
        Err(err) => {
            let side_key = format!("{DAMAGED_PREFIX}{}", super::now().0);
            let kept_as = storage.set_item(&side_key, &raw).ok().map(|_| side_key);
            // Only start afresh on the main key once the old text is safe elsewhere.
            let writable = kept_as.is_some();
            Loaded {
                workspace: Workspace::default(),
                problem: Some(StorageProblem::Damaged { error: err, kept_as }),
                writable,
                migrated: false,
                units: others_units(&storage) + entry_units(&raw),
            }
        }
    }
}

/// Whether stored text that was read came from an earlier storage version (and so was
/// migrated and should be saved in today's form).
fn migrated(raw: &str) -> bool {
    // What this version writes starts with its own schema number, so the usual case
    // needs no second pass over the text.
    if raw.starts_with(&format!("{{\"schema\":{WORKSPACE_SCHEMA},")) {
        return false;
    }
    Workspace::stored_schema(raw)
        .ok()
        .flatten()
        .is_some_and(|v| v < u64::from(WORKSPACE_SCHEMA))
}

thread_local! {
    /// The text this tab last wrote or read, to notice another tab's write.
    static LAST: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn remember(text: &str) {
    LAST.with(|l| text.clone_into(&mut l.borrow_mut()));
}

/// What another tab has written since this tab last wrote or read: `Ok(None)` when
/// nothing. `Err` when it wrote data this page cannot read (an earlier or newer storage
/// version, or damaged text), which this page must then never write over.
pub fn written_elsewhere() -> Result<Option<Workspace>, StorageProblem> {
    let Some(text) = local_storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return Ok(None);
    };
    if LAST.with(|l| *l.borrow() == text) {
        return Ok(None);
    }
    match read(&text) {
        Ok(workspace) => {
            remember(&text);
            Ok(Some(workspace))
        }
        Err(err @ LoadError::NewerSchema(_)) => Err(StorageProblem::Newer(err)),
        Err(error) => Err(StorageProblem::Damaged { error, kept_as: None }),
    }
}

/// Writes the whole workspace under one key, so a write is whole or nothing: the
/// browser either stores the new text or keeps the old. Returns the UTF-16 code units the
/// site's storage then holds (see [`others_units`]).
pub fn save(workspace: &Workspace) -> Result<usize, StorageProblem> {
    let storage = local_storage().ok_or(StorageProblem::Unavailable)?;
    let text = workspace.to_json();
    storage
        .set_item(KEY, &text)
        .map_err(|_| StorageProblem::WriteFailed)?;
    remember(&text);
    Ok(others_units(&storage) + entry_units(&text))
}

/// The workspace key and its text, in UTF-16 code units.
fn entry_units(text: &str) -> usize {
    KEY.len() + trellis_core::quota::utf16_units(text)
}

/// Every other key of this origin and its value, in UTF-16 code units: the quota is the
/// origin's, so a host page's own keys count too. Usually a few short keys; damaged copies
/// kept aside can be large and count in full.
fn others_units(storage: &web_sys::Storage) -> usize {
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k != KEY)
        .map(|k| {
            let value = storage.get_item(&k).ok().flatten().unwrap_or_default();
            trellis_core::quota::utf16_units(&k) + trellis_core::quota::utf16_units(&value)
        })
        .sum()
}

/// The key remembering when the workspace was last backed up (milliseconds).
pub const BACKUP_KEY: &str = "trellis.backup";

pub fn last_backup() -> Option<i64> {
    local_storage()
        .and_then(|s| s.get_item(BACKUP_KEY).ok().flatten())
        .and_then(|t| t.parse().ok())
}

pub fn record_backup(at: i64) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(BACKUP_KEY, &at.to_string());
    }
}

/// Bytes the app uses in storage (its keys, counted as UTF-16 like the browser's quota).
pub fn bytes_used() -> usize {
    let Some(s) = local_storage() else { return 0 };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with("trellis."))
        .map(|k| (k.len() + s.get_item(&k).ok().flatten().map_or(0, |v| v.len())) * 2)
        .sum()
}

/// The key holding the round of a running workshop session, so a reload cannot end it.
pub const KIOSK_KEY: &str = "trellis.kiosk";

/// The round whose workshop session is running on this device, if any.
pub fn load_kiosk() -> Option<String> {
    local_storage()
        .and_then(|s| s.get_item(KIOSK_KEY).ok().flatten())
        .filter(|id| !id.is_empty())
}

/// Remembers (or with `None`, forgets) the running workshop session.
pub fn save_kiosk(round: Option<&str>) -> Result<(), StorageProblem> {
    let storage = local_storage().ok_or(StorageProblem::Unavailable)?;
    match round {
        Some(id) => storage.set_item(KIOSK_KEY, id),
        None => storage.remove_item(KIOSK_KEY),
    }
    .map_err(|_| StorageProblem::WriteFailed)
}

/// A copy of damaged data kept aside when it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct DamagedCopy {
    pub key: String,
    /// When it was kept aside (milliseconds), read from the key.
    pub kept_at: Option<i64>,
    /// Its length in characters.
    pub chars: usize,
}

/// Every damaged copy kept aside in this browser, oldest first.
pub fn damaged_copies() -> Vec<DamagedCopy> {
    let Some(s) = local_storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    let mut copies: Vec<DamagedCopy> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(DAMAGED_PREFIX))
        .map(|key| DamagedCopy {
            kept_at: key[DAMAGED_PREFIX.len()..].parse().ok(),
            chars: s.get_item(&key).ok().flatten().map_or(0, |v| v.len()),
            key,
        })
        .collect();
    copies.sort_by(|a, b| a.kept_at.cmp(&b.kept_at).then_with(|| a.key.cmp(&b.key)));
    copies
}

/// The text of a damaged copy, exactly as it was kept.
pub fn damaged_text(key: &str) -> Option<String> {
    if !key.starts_with(DAMAGED_PREFIX) {
        return None;
    }
    local_storage()?.get_item(key).ok().flatten()
}

/// Removes a damaged copy (only such a key); returns whether it is gone.
pub fn remove_damaged(key: &str) -> bool {
    key.starts_with(DAMAGED_PREFIX) && local_storage().is_some_and(|s| s.remove_item(key).is_ok())
}
