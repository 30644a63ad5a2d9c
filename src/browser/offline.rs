//! Updates from the service worker that static/boot.js registers: whether a new version
//! is waiting, hearing when one arrives, and accepting it (the page then reloads).

use wasm_bindgen::{JsCast, JsValue};

use super::host::window_flag;

/// Whether a new version of the app is installed and waiting.
pub fn update_ready() -> bool {
    window_flag("trellisUpdateReady")
}

/// Lets the waiting version take over; boot.js reloads the page when it has.
pub fn apply_update() {
    let Some(window) = web_sys::window() else { return };
    if let Ok(apply) = js_sys::Reflect::get(&window, &JsValue::from_str("trellisApplyUpdate")) {
        if let Some(f) = apply.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&JsValue::NULL);
        }
    }
}

/// Calls `ready` when a new version arrives, until the returned value is dropped.
pub fn on_update(ready: impl Fn() + 'static) -> super::dom::WindowListener {
    super::dom::on_window("trellis-update", ready)
}
