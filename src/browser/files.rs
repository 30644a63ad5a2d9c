//! Files and the clipboard: reading files the user picked or dropped, offering a file
//! for download, and copying text. Everything stays on this device.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::messages as msg;

/// Files the user picked or dropped, not read yet. Opaque, so that pages pass them on
/// without naming a `web_sys` type.
pub struct Files(Vec<web_sys::File>);

impl Files {
    fn of(list: web_sys::FileList) -> Files {
        Files((0..list.length()).filter_map(|i| list.get(i)).collect())
    }

    /// Files listed from a folder (`browser::folder`).
    pub fn from_vec(files: Vec<web_sys::File>) -> Files {
        Files(files)
    }

    pub fn iter(&self) -> impl Iterator<Item = &web_sys::File> {
        self.0.iter()
    }

    /// Only the files at `positions` (in order), such as those not read yet.
    pub fn only(self, positions: &[usize]) -> Files {
        Files(
            self.0
                .into_iter()
                .enumerate()
                .filter(|(k, _)| positions.contains(k))
                .map(|(_, f)| f)
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads every file in a list as text: (file name, text or a message saying why not).
pub async fn read_all(files: Files) -> Vec<(String, Result<String, String>)> {
    read_each(files, web_sys::Blob::text, |v| {
        v.as_string().ok_or(msg::FILE_NOT_TEXT)
    })
    .await
}

/// Reads every file in a list as bytes (an .xlsx workbook, see `browser::xlsx`): (file
/// name, bytes or a message saying why not).
pub async fn read_bytes(files: Files) -> Vec<(String, Result<Vec<u8>, String>)> {
    read_each(files, web_sys::Blob::array_buffer, |v| {
        let buffer = v
            .dyn_into::<js_sys::ArrayBuffer>()
            .map_err(|_| msg::FILE_READ_FAILED)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    })
    .await
}

/// Reads each file with `read` (one of the `Blob` methods that return a promise) and
/// turns what it gives into `T`.
async fn read_each<T>(
    files: Files,
    read: fn(&web_sys::Blob) -> js_sys::Promise,
    convert: fn(JsValue) -> Result<T, &'static str>,
) -> Vec<(String, Result<T, String>)> {
    let mut out = Vec::new();
    for file in files.0 {
        let name = file.name();
        let read = match JsFuture::from(read(&file)).await {
            Ok(v) => convert(v).map_err(str::to_string),
            Err(_) => Err(msg::FILE_READ_FAILED.to_string()),
        };
        out.push((name, read));
    }
    out
}

fn file_input(event: &web_sys::Event) -> Option<web_sys::HtmlInputElement> {
    event.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

/// The files of a file input's change event, if any.
pub fn input_files(event: &web_sys::Event) -> Option<Files> {
    file_input(event)?.files().map(Files::of)
}

/// The files dropped in a drag-and-drop event, if any.
pub fn dropped_files(event: &web_sys::DragEvent) -> Option<Files> {
    event.data_transfer()?.files().map(Files::of)
}

/// The file input a change event came from, to clear once its files are read: an input
/// only reports a change, so choosing the same file again (after fixing it) would
/// otherwise go unnoticed.
pub struct FileInput(Option<web_sys::HtmlInputElement>);

impl FileInput {
    pub fn of(event: &web_sys::Event) -> FileInput {
        FileInput(file_input(event))
    }

    pub fn clear(&self) {
        if let Some(input) = &self.0 {
            input.set_value("");
        }
    }
}

/// Offers `text` to the user as a file download named `filename`.
pub fn download(filename: &str, text: &str, mime: &str) -> Result<(), String> {
    let fail = |_| msg::DOWNLOAD_REFUSED.to_string();
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(msg::DOWNLOAD_REFUSED)?;
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
