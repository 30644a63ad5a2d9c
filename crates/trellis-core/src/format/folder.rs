//! What a browser remembers about a folder of answers it reads for one round: the folder's
//! name and each file it has read (name, size, last change), so the next check reads only
//! files that are new or changed. Kept per round in browser storage, not in the workspace:
//! it describes this device's view of a folder (another facilitator's copy of a synchronised
//! folder has its own times), and it never travels in round or backup files.

use serde::{Deserialize, Serialize};

/// The version of [`FolderRecord`] this build writes.
pub const FOLDER_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FolderRecord {
    pub format: u32,
    /// The folder's name as the browser gave it (browsers never reveal its full path).
    pub folder: String,
    /// Files read into the round, one entry per name.
    #[serde(default)]
    pub read: Vec<SeenFile>,
}

/// A file as a folder listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeenFile {
    /// The path inside the folder (`sub/answers.json` for a file in a subfolder).
    pub name: String,
    pub size: u64,
    /// Last change, milliseconds since the Unix epoch.
    pub modified: i64,
}
