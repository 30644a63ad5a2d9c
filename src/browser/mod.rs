//! The only place that talks to the browser (web-sys, js-sys): storage, clock, random
//! ids, focus, the address bar's hash, the host page and settings, updates, and the panic
//! page. Everything else in the app is plain Rust.

pub mod crypto;
pub mod dom;
pub mod files;
pub mod folder;
pub mod host;
pub mod location;
pub mod offline;
pub mod panic;
pub mod storage;
pub mod xlsx;

use trellis_core::format::Timestamp;

/// The current time, in milliseconds since the Unix epoch.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// A moment as local `YYYY-MM-DD HH:MM`.
pub fn local_time(at: Timestamp) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A random id of 128 bits as 32 hex digits, from the browser's cryptographic generator.
///
/// Falls back to the clock and `Math.random` only if Web Crypto is missing, which no
/// supported browser lacks; ids then stay unique within a device.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        let seed = (js_sys::Date::now() as u64).to_le_bytes();
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed[i % 8] ^ (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
