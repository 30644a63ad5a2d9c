//! Reading a folder of answers again and again: which files in a listing to read (answer
//! files only, and only those new or changed since they were last read), and remembering
//! the ones read (see [`FolderRecord`]).

use crate::format::folder::{FolderRecord, SeenFile, FOLDER_FORMAT};

/// Why a stored folder record could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderRecordError {
    /// Not a folder record, or damaged: the detail says where.
    Damaged(String),
    /// Written by a newer build of Trellis.
    Newer(u32),
}

/// A file Trellis can read answers from, by its name: response files (.json), text with
/// codes (.txt), tables (.csv, .tsv) and workbooks (.xlsx). Hidden files and the lock
/// files Office and OneDrive leave beside an open document (`~$name.xlsx`) are not.
pub fn is_answer_file(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    !base.starts_with('.')
        && !base.starts_with("~$")
        && [".json", ".txt", ".csv", ".tsv", ".xlsx"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

impl FolderRecord {
    pub fn new(folder: &str) -> FolderRecord {
        FolderRecord {
            format: FOLDER_FORMAT,
            folder: folder.to_string(),
            read: Vec::new(),
        }
    }

    /// Reads a stored record; a record of a newer build or damaged text is an error, which
    /// the app reports before starting afresh.
    pub fn from_json(text: &str) -> Result<FolderRecord, FolderRecordError> {
        let record: FolderRecord =
            serde_json::from_str(text).map_err(|e| FolderRecordError::Damaged(e.to_string()))?;
        if record.format > FOLDER_FORMAT {
            return Err(FolderRecordError::Newer(record.format));
        }
        Ok(record)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The positions in `listing` of the answer files to read: those never read, and those
    /// whose size or last change differs from when they were read (a file saved again).
    pub fn unread(&self, listing: &[SeenFile]) -> Vec<usize> {
        listing
            .iter()
            .enumerate()
            .filter(|(_, f)| is_answer_file(&f.name) && !self.read.contains(f))
            .map(|(k, _)| k)
            .collect()
    }

    /// Remembers files as read, replacing what was remembered under the same names.
    pub fn mark_read(&mut self, files: &[SeenFile]) {
        for f in files {
            match self.read.iter_mut().find(|r| r.name == f.name) {
                Some(r) => *r = f.clone(),
                None => self.read.push(f.clone()),
            }
        }
    }
}
