//! Small DOM helpers: the app's root element, focus, event values, printing, dialogs
//! and listeners on `window`.

use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The element the app renders into.
pub fn app_root() -> Option<web_sys::Element> {
    document().and_then(|d| d.get_element_by_id("app"))
}

/// Moves keyboard and screen-reader focus to the page's main heading, so that a
/// navigation is announced like a new page.
pub fn focus_main_heading() {
    let heading = document()
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(h) = heading {
        let _ = h.focus();
    }
}

/// Removes what an element holds (the static first screen that shows while the
/// bundle loads), so the app can render in its place.
pub fn clear(element: &web_sys::Element) {
    element.set_text_content(None);
}

/// Marks the app's root as started (`data-started`), once the app has rendered in place
/// of the static first screen; tests wait for it rather than for a heading both show.
pub fn mark_started() {
    if let Some(root) = app_root() {
        let _ = root.set_attribute("data-started", "");
    }
}

/// The current value of the input, select or textarea an event came from.
pub fn event_value(event: &web_sys::Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else {
        String::new()
    }
}

/// Moves focus to the element with this id (used by error summaries, whose links cannot
/// be plain `#id` anchors under hash routing).
pub fn focus_element(id: &str) {
    let element = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(e) = element {
        let _ = e.focus();
    }
}

/// Scrolls the page just enough to show the element with this id, and not at all when it
/// is already in view: a confirmation that appears below the button that caused it stays
/// in sight on a small screen.
pub fn scroll_into_view(id: &str) {
    if let Some(element) = document().and_then(|d| d.get_element_by_id(id)) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Opens the browser's print dialog (for invitation sheets and reports).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Asks the user to confirm a change with the browser's own dialog; false when the
/// browser cannot show it.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// A listener for an event on `window`, removed when this value is dropped.
pub struct WindowListener {
    event: &'static str,
    closure: wasm_bindgen::closure::Closure<dyn Fn()>,
}

/// Calls `f` on every `event` fired on `window`, until the returned value is dropped.
pub fn on_window(event: &'static str, f: impl Fn() + 'static) -> WindowListener {
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    }
    WindowListener { event, closure }
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ =
                window.remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
        }
    }
}
