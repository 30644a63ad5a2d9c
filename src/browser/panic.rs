//! The panic page: if the app ever crashes, people see a plain explanation, not a blank page.
//!
//! Their answers are already in browser storage (every change is saved at once), so the
//! page says so and offers a reload. Only fixed text and the panic message are shown,
//! always as text, never as HTML.

use std::panic;

use crate::messages as msg;

pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&detail.clone().into());
        show_page(&detail);
    }));
}

/// Replaces the whole page with the explanation.
fn show_page(detail: &str) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        show_in(&body, detail);
    }
}

/// Replaces the contents of `container` with the explanation; `detail` is shown as text.
pub fn show_in(container: &web_sys::Element, detail: &str) {
    let Some(document) = container.owner_document() else {
        return;
    };
    container.set_text_content(None);
    let build = || -> Option<()> {
        let main = document.create_element("main").ok()?;
        main.set_attribute("class", "panic-page").ok()?;
        main.set_attribute("data-testid", "panic-page").ok()?;
        let h1 = document.create_element("h1").ok()?;
        h1.set_text_content(Some(msg::PANIC_HEADING));
        let p = document.create_element("p").ok()?;
        p.set_text_content(Some(msg::PANIC_BODY));
        let reload = document.create_element("a").ok()?;
        reload.set_attribute("href", "./").ok()?;
        reload.set_text_content(Some(msg::PANIC_RELOAD));
        let details = document.create_element("details").ok()?;
        let summary = document.create_element("summary").ok()?;
        summary.set_text_content(Some(msg::PANIC_DETAILS));
        let pre = document.create_element("pre").ok()?;
        pre.set_text_content(Some(detail));
        details.append_child(&summary).ok()?;
        details.append_child(&pre).ok()?;
        for child in [&h1, &p, &reload, &details] {
            main.append_child(child).ok()?;
        }
        container.append_child(&main).ok()?;
        Some(())
    };
    let _ = build();
}
