//! The page around Trellis: the host's `config.json` beside index.html, the compact
//! embed mode (`?embed=1`), and events posted to an embedding intranet page.

use serde::Serialize;
use trellis_core::format::HostEvent;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The text of `config.json` beside the page; `None` when there is none (a missing file
/// is normal) or it cannot be fetched. Only the app's own origin is asked. A host that
/// answers every missing file with a web page (its index.html, served as HTML) has no
/// settings file either; core's `config::is_web_page` also catches one sent under
/// another type.
pub async fn fetch_config() -> Option<String> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("config.json"))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let html = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .is_some_and(|t| t.to_ascii_lowercase().contains("text/html"));
    if !response.ok() || html {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Whether the address asks for the compact embed mode (`?embed=1`).
pub fn embedded() -> bool {
    super::location::query()
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "embed=1")
}

/// Posts an event to the page that embeds this one, only if there is one and only to
/// `origin`; the browser drops it if the host is another origin. The event becomes a
/// plain JS object (maps as objects, not `Map`s), as a host reading JSON expects.
pub fn post_to_host(origin: &str, event: &HostEvent) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    if let Ok(message) = event.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
        let _ = parent.post_message(&message, origin);
    }
}

/// Whether a value is a JS `true` (used for the worker's flags on `window`).
pub(crate) fn window_flag(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str(name)).ok())
        .is_some_and(|v| v.as_bool() == Some(true))
}
