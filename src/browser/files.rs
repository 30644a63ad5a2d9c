//! Files and the clipboard: reading files the user picked or dropped, offering a file
//! for download, and copying text. Everything stays on this device.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Reads every file in a list as text: (file name, text or a message saying why not).
pub async fn read_all(files: web_sys::FileList) -> Vec<(String, Result<String, String>)> {
    let mut out = Vec::new();
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let name = file.name();
        let text = match JsFuture::from(file.text()).await {
            Ok(v) => v.as_string().ok_or_else(|| "the file is not text".to_string()),
            Err(_) => Err("the browser could not read the file".to_string()),
        };
        out.push((name, text));
    }
    out
}

/// The files of a file input's change event, if any.
pub fn input_files(event: &web_sys::Event) -> Option<web_sys::FileList> {
    event
        .target()?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()
}

/// The files dropped in a drag-and-drop event, if any.
pub fn dropped_files(event: &web_sys::DragEvent) -> Option<web_sys::FileList> {
    event.data_transfer()?.files()
}

/// Offers `text` to the user as a file download named `filename`.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| "the browser refused to create the file".to_string();
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Copies text to the clipboard; false when the browser does not allow it (the page then
/// asks the user to select and copy the text themselves).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is missing outside secure contexts.
    let has_clipboard =
        Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| !c.is_undefined());
    if !has_clipboard {
        return false;
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .is_ok()
}

/// The full address of one of the app's pages (such as `answer.html`, beside this one),
/// without a route: for links that leave this browser, such as invitations.
pub fn page_address(page: &str) -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            let path = l.pathname().ok()?;
            let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            Some(format!("{}{folder}{page}", l.origin().ok()?))
        })
        .unwrap_or_default()
}
