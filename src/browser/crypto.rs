//! Passphrase protection with the browser's Web Crypto: PBKDF2-SHA256 stretches the
//! passphrase into an AES-GCM-256 key, and AES-GCM seals the text, so a wrong passphrase
//! or any change to the sealed bytes is detected rather than producing garbage.
//!
//! Web Crypto only exists in secure contexts (https, or http on localhost); elsewhere the
//! functions return [`CryptoError::Unavailable`] and the app says so.

use js_sys::{Array, Object, Reflect, Uint8Array};
use trellis_core::transfer::{Envelope, IV_LEN, SALT_LEN};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// PBKDF2 iterations for new seals (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). Each
/// envelope carries its own count, so raising this later still opens older ones.
pub const ITERATIONS: u32 = 600_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoError {
    /// No Web Crypto here (not a secure context).
    Unavailable,
    /// The passphrase is wrong, or the sealed text was changed.
    WrongPassphrase,
    /// Something else failed inside the browser.
    Failed(String),
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)?;
    // `crypto.subtle` is undefined outside secure contexts; check before using it.
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).map_err(|_| CryptoError::Unavailable)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(CryptoError::Unavailable);
    }
    Ok(subtle.unchecked_into())
}

fn failed(e: JsValue) -> CryptoError {
    CryptoError::Failed(e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

fn object(pairs: &[(&str, &JsValue)]) -> Result<Object, CryptoError> {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).map_err(failed)?;
    }
    Ok(o)
}

async fn await_promise(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

async fn derive_key(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, CryptoError> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let base = await_promise(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages))
        .await
        .map_err(failed)?
        .unchecked_into::<CryptoKey>();
    let params = object(&[
        ("name", &JsValue::from_str("PBKDF2")),
        ("hash", &JsValue::from_str("SHA-256")),
        ("iterations", &JsValue::from_f64(f64::from(iterations))),
        ("salt", &Uint8Array::from(salt).into()),
    ])?;
    let aes = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("length", &JsValue::from_f64(256.0)),
    ])?;
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let key = await_promise(subtle.derive_key_with_object_and_object(&params, &base, &aes, false, &usages))
        .await
        .map_err(failed)?;
    Ok(key.unchecked_into())
}

fn random_bytes(n: usize) -> Result<Vec<u8>, CryptoError> {
    let mut bytes = vec![0u8; n];
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(CryptoError::Unavailable)?;
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(failed)?;
    Ok(bytes)
}

/// Seals `plaintext` with a key derived from `passphrase`, with a fresh salt and nonce,
/// into the envelope that `trellis_core::transfer::encode_envelope` packs as text.
pub async fn seal(passphrase: &str, plaintext: &[u8]) -> Result<Envelope, CryptoError> {
    let subtle = subtle()?;
    let salt = random_bytes(SALT_LEN)?;
    let iv = random_bytes(IV_LEN)?;
    let key = derive_key(&subtle, passphrase, &salt, ITERATIONS).await?;
    let params = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("iv", &Uint8Array::from(iv.as_slice()).into()),
    ])?;
    let out = await_promise(subtle.encrypt_with_object_and_u8_array(&params, &key, plaintext))
        .await
        .map_err(failed)?;
    Ok(Envelope {
        salt,
        iv,
        ciphertext: Uint8Array::new(&out).to_vec(),
        iterations: ITERATIONS,
    })
}

/// Opens an envelope; a wrong passphrase (or tampering) gives [`CryptoError::WrongPassphrase`].
pub async fn open(passphrase: &str, envelope: &Envelope) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let key = derive_key(&subtle, passphrase, &envelope.salt, envelope.iterations).await?;
    let params = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("iv", &Uint8Array::from(envelope.iv.as_slice()).into()),
    ])?;
    // AES-GCM rejects a wrong key or changed bytes with an OperationError.
    let out = await_promise(subtle.decrypt_with_object_and_u8_array(&params, &key, &envelope.ciphertext))
        .await
        .map_err(|_| CryptoError::WrongPassphrase)?;
    Ok(Uint8Array::new(&out).to_vec())
}
