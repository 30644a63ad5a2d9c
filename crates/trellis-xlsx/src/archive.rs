//! The zip container of an .xlsx file: parts read by name as UTF-8 text, within one
//! budget of unpacked bytes for the whole file.

use std::io::{Cursor, Read};

use crate::{Limit, XlsxError, MAX_UNPACKED_BYTES};

/// The first bytes of an OLE compound file (.xls, or an encrypted .xlsx).
const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Unpacked bytes still allowed.
    budget: u64,
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, XlsxError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(XlsxError::OldOrProtected);
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| XlsxError::NotZip)?;
        Ok(Archive {
            zip,
            budget: MAX_UNPACKED_BYTES,
        })
    }

    /// The part at `path` as text, or None when the archive has no such part.
    pub fn read(&mut self, path: &str) -> Result<Option<String>, XlsxError> {
        let unreadable = || XlsxError::Unreadable {
            part: path.to_string(),
        };
        let too_large = XlsxError::TooLarge(Limit::UnpackedBytes(MAX_UNPACKED_BYTES));
        let file = match self.zip.by_name(path) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(unreadable()),
        };
        // The declared size may lie; the read below is capped whatever it says.
        if file.size() > self.budget {
            return Err(too_large);
        }
        let mut bytes = Vec::new();
        file.take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| unreadable())?;
        let read = bytes.len() as u64;
        if read > self.budget {
            return Err(too_large);
        }
        self.budget -= read;
        let mut text = String::from_utf8(bytes).map_err(|e| XlsxError::BadXml {
            part: path.to_string(),
            offset: e.utf8_error().valid_up_to() as u64,
        })?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(Some(text))
    }
}
