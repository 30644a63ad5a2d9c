//! QR codes for the printed invitation: a link as a square of dark and light modules
//! (encoded by the `qrcodegen` crate) and that square as one SVG path, so the view only
//! draws it and the geometry is tested natively.
//!
//! Error correction is at least level M (15% of the code can be lost, for a sheet that
//! is folded or marked), raised where the same size allows. Around the code lies the
//! quiet zone of [`QUIET_ZONE`] light modules that the standard asks for, so scanners
//! find its edges on any background.

use std::fmt::Write as _;

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules on each side of the code.
pub const QUIET_ZONE: usize = 4;

/// A QR code's modules, row by row; `true` is dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    version: u8,
    size: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// The smallest QR code that holds `text`, or `None` when it is too long for any
    /// (about 2,300 characters at level M).
    pub fn encode(text: &str) -> Option<QrMatrix> {
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
        let size = usize::try_from(code.size()).ok()?;
        let side = code.size();
        let dark = (0..side)
            .flat_map(|y| (0..side).map(move |x| (x, y)))
            .map(|(x, y)| code.get_module(x, y))
            .collect();
        Some(QrMatrix {
            version: code.version().value(),
            size,
            dark,
        })
    }

    /// The QR version, 1 to 40: version `v` is `17 + 4v` modules a side.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Modules a side, without the quiet zone.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Modules a side with the quiet zone: the width and height of [`Self::path`]'s box.
    pub fn side(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }

    /// Whether the module at column `x`, row `y` of the code (quiet zone not counted) is
    /// dark; outside the code, `false`.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// SVG path data drawing every dark module in a box of [`Self::side`] units, one
    /// rectangle per run of dark modules in a row (`M x y h w v 1 h -w z`).
    pub fn path(&self) -> String {
        let mut d = String::new();
        for y in 0..self.size {
            let mut x = 0;
            while x < self.size {
                if !self.is_dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while self.is_dark(x, y) {
                    x += 1;
                }
                let width = x - start;
                // Writing to a String cannot fail.
                let _ = write!(
                    d,
                    "M{} {}h{width}v1h-{width}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                );
            }
        }
        d
    }
}
