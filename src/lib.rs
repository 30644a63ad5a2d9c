//! Trellis in the browser: a Yew single-page app around the trellis-core engine.
//!
//! # Invariants
//!
//! - `browser/` is the only module that calls `web_sys` or `js_sys`.
//! - Views in `components/` take props and return `Html`: no context, no browser API,
//!   so they render natively with `yew::ServerRenderer` in plain `cargo test`.
//! - Pages read state through [`state::use_app_state`] and act through its verbs; the
//!   reducer delegates every rule to trellis-core and does no I/O.
//! - The workspace is persisted by one effect at the root of [`app::App`]; when storage
//!   fails the app keeps working in memory and says so.
//! - All interface text lives in [`messages`].

pub mod app;
pub mod browser;
pub mod components;
pub mod messages;
pub mod pages;
pub mod route;
pub mod state;

/// Starts the app in the page's `<main id="app">` (or the body when it is missing).
pub fn start() {
    browser::panic::install_hook();
    match browser::dom::app_root() {
        Some(root) => {
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
