//! Passphrase envelopes: the packed form of what the browser's Web Crypto seals, for
//! protected response codes and files. The cryptography itself is the browser's; this
//! module only packs the envelope and checks its lengths.

use super::{
    check_size, unwrap_checked, without_whitespace, wrap, EnvelopePart, Malformed, TransferError,
    MAX_RESPONSE_BYTES,
};

/// What every passphrase-protected code starts with (format 1 of [`Envelope`]).
pub const ENCRYPTED_PREFIX: &str = "TRELLIS1E-";
/// Salt length of an envelope in bytes (PBKDF2).
pub const SALT_LEN: usize = 16;
/// Nonce length of an envelope in bytes (AES-GCM).
pub const IV_LEN: usize = 12;
/// AES-GCM appends a 16-byte tag, so no real ciphertext is shorter.
pub const TAG_LEN: usize = 16;
/// Highest PBKDF2 iteration count accepted, so a forged code cannot freeze the browser.
pub const MAX_ITERATIONS: u32 = 10_000_000;

/// What the browser's Web Crypto produced when sealing (PBKDF2-SHA256 to derive an
/// AES-GCM key, then AES-GCM). The iteration count travels with it so it can be raised
/// later without breaking older codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The sealed bytes including the 16-byte AES-GCM tag.
    pub ciphertext: Vec<u8>,
    pub iterations: u32,
}

/// [`ENCRYPTED_PREFIX`] then the checksummed bytes: iterations (4 bytes, big-endian), salt
/// length (1 byte), salt, nonce length (1 byte), nonce, ciphertext. The lengths are stored
/// so that a wrong-length salt or nonce is refused on reading rather than misread.
pub fn encode_envelope(e: &Envelope) -> String {
    let mut bytes = Vec::with_capacity(6 + e.salt.len() + e.iv.len() + e.ciphertext.len());
    bytes.extend_from_slice(&e.iterations.to_be_bytes());
    bytes.push(u8::try_from(e.salt.len()).unwrap_or(u8::MAX));
    bytes.extend_from_slice(&e.salt);
    bytes.push(u8::try_from(e.iv.len()).unwrap_or(u8::MAX));
    bytes.extend_from_slice(&e.iv);
    bytes.extend_from_slice(&e.ciphertext);
    format!("{ENCRYPTED_PREFIX}{}", wrap(&bytes))
}

/// Reads an envelope (whitespace anywhere is ignored) and checks its lengths: a
/// [`SALT_LEN`]-byte salt, an [`IV_LEN`]-byte nonce, a ciphertext of at least [`TAG_LEN`]
/// bytes and 1..=[`MAX_ITERATIONS`] iterations.
pub fn decode_envelope(text: &str) -> Result<Envelope, TransferError> {
    check_size(text, MAX_RESPONSE_BYTES)?;
    let text = without_whitespace(text);
    let Some(rest) = text.strip_prefix(ENCRYPTED_PREFIX) else {
        return Err(TransferError::NotTrellis);
    };
    let bytes = unwrap_checked(rest)?;
    let (iterations, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or(TransferError::Malformed(Malformed::EnvelopeTooShort))?;
    let iterations = u32::from_be_bytes(*iterations);
    if iterations == 0 || iterations > MAX_ITERATIONS {
        return Err(TransferError::Malformed(Malformed::Iterations(iterations)));
    }
    let (salt, rest) = take_counted(rest, SALT_LEN, EnvelopePart::Salt)?;
    let (iv, rest) = take_counted(rest, IV_LEN, EnvelopePart::Nonce)?;
    if rest.len() < TAG_LEN {
        return Err(TransferError::Malformed(Malformed::NoTag));
    }
    Ok(Envelope {
        salt: salt.to_vec(),
        iv: iv.to_vec(),
        ciphertext: rest.to_vec(),
        iterations,
    })
}

/// A length byte that must equal `expected`, then that many bytes.
fn take_counted(bytes: &[u8], expected: usize, part: EnvelopePart) -> Result<(&[u8], &[u8]), TransferError> {
    let (&length, rest) = bytes
        .split_first()
        .ok_or(TransferError::Malformed(Malformed::PartMissing(part)))?;
    if usize::from(length) != expected {
        return Err(TransferError::Malformed(Malformed::PartLength {
            part,
            length,
            expected,
        }));
    }
    if rest.len() < expected {
        return Err(TransferError::Malformed(Malformed::PartCutShort(part)));
    }
    Ok(rest.split_at(expected))
}
