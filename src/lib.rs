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

/// Starts one page of the app (see [`route::Surface`]) in the page's `<main id="app">`
/// (or the body when it is missing), rendering routes with `pages`.
pub fn start(surface: route::Surface, pages: fn(route::Route) -> yew::Html, read: browser::storage::Reader) {
    browser::panic::install_hook();
    route::set_surface(surface);
    browser::storage::set_reader(read);
    let props = app::AppProps {
        pages: app::Pages(pages),
    };
    match browser::dom::app_root() {
        Some(root) => {
            yew::Renderer::<app::App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<app::App>::with_props(props).render();
        }
    }
}
