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

// Untrusted data (files, codes, storage, settings) must never panic the app: the code
// handles every failure instead of unwrapping it. Tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod browser;
pub mod components;
pub mod messages;
pub mod pages;
pub mod route;
pub mod state;

/// Starts an entry of the site (see [`app::Entry`]) in the page's `<div id="app">` (or
/// the body when it is missing), replacing the static first screen the page shows while
/// the bundle loads.
pub fn start<E: app::Entry>() {
    browser::panic::install_hook();
    route::set_surface(E::SURFACE);
    match browser::dom::app_root() {
        Some(root) => {
            browser::dom::clear(&root);
            yew::Renderer::<app::App<E>>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App<E>>::new().render();
        }
    }
}
