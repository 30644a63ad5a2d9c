//! The address bar's hash: the route in it, moving to another route, and hearing about
//! every change (links, back and forward, a typed or pasted address).

use wasm_bindgen::JsValue;

/// The route path in the hash (`#/round/x?y` gives `/round/x`), resolved as a URL path the
/// way the router always has (dot segments resolved, unsafe characters percent-encoded).
pub fn route_path() -> String {
    let Some(window) = web_sys::window() else {
        return "/".into();
    };
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    let href = location.href().unwrap_or_default();
    web_sys::Url::new_with_base(hash.strip_prefix('#').unwrap_or(&hash), &href)
        .map(|url| url.pathname())
        .unwrap_or_else(|_| "/".into())
}

/// Makes sure the hash holds a route: an address without one (or with a plain anchor)
/// becomes `#/`, replacing the history entry rather than adding one.
pub fn ensure_route() {
    let Some(window) = web_sys::window() else { return };
    if window.location().hash().unwrap_or_default().starts_with("#/") {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some("#/"));
    }
}

/// Moves to `path` (`/round/x/answer`): a new history entry, then everyone listening hears
/// of it straight away, as after a click on a link.
pub fn push(path: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&format!("#{path}")));
    }
    if let Ok(event) = web_sys::Event::new("popstate") {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `changed` after every change of address until the returned value is dropped.
/// A link, back and forward all fire popstate, and so does `push`.
pub fn listen(changed: impl Fn() + 'static) -> super::dom::WindowListener {
    super::dom::on_window("popstate", changed)
}

/// Loads another page of the app (`facilitate.html#/round/x/results`), as following a
/// link to it does.
pub fn assign(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(href);
    }
}

/// Replaces this page by another page of the app, without a new history entry (for an
/// address that belongs to the other page).
pub fn replace(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(href);
    }
}

/// The address's query (`?embed=1`), kept when moving to another page of the app.
pub fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}
