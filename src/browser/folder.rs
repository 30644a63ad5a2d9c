//! Folders of answers and shared collaboration files: the Rust side of `static/folder.js`
//! (File System Access API handles kept in IndexedDB, loaded on first use through
//! `window.trellisFolder` from `static/boot.js`), the directory file input where the
//! browser lacks that API, the small per-round record of files read, and a pause for
//! debouncing. Only pages that use a folder or a shared file call it.

use js_sys::{Array, Function, Promise, Reflect};
use trellis_core::format::folder::{FolderRecord, SeenFile};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::files::Files;

/// Why a folder or shared file could not be used, as `folder.js` says it.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// The browser has no File System Access API.
    Unsupported,
    /// The facilitator closed the picker.
    Cancelled,
    /// No folder or file is kept for this (pick it again).
    Missing,
    /// Permission to the named folder or file is not granted.
    Denied(String),
    /// Anything else, with the browser's words.
    Failed(String),
}

/// A folder's files as listed, not read yet.
pub struct Listing {
    pub name: String,
    /// Whether the browser kept the folder for later visits (IndexedDB accepted it).
    pub kept: bool,
    pub files: Vec<SeenFile>,
    pub handles: Files,
}

fn text(value: &JsValue, field: &str) -> String {
    Reflect::get(value, &JsValue::from_str(field))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn flag(value: &JsValue, field: &str) -> bool {
    Reflect::get(value, &JsValue::from_str(field)).is_ok_and(|v| v.is_truthy())
}

/// Calls one function of `folder.js`; `Ok` carries its answer when its status is "ok".
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, Status> {
    let glue = || Status::Failed(crate::messages::FOLDER_GLUE_MISSING.to_string());
    let window = web_sys::window().ok_or_else(glue)?;
    let run: Function = Reflect::get(&window, &JsValue::from_str("trellisFolder"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(glue)?;
    let list = Array::of1(&JsValue::from_str(name));
    args.iter().for_each(|a| {
        list.push(a);
    });
    let answer: Promise = run
        .apply(&JsValue::NULL, &list)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(glue)?;
    // A rejection means folder.js could not be fetched (offline before its first use).
    let answer = JsFuture::from(answer).await.map_err(|_| glue())?;
    match text(&answer, "status").as_str() {
        "ok" => Ok(answer),
        "unsupported" => Err(Status::Unsupported),
        "cancelled" => Err(Status::Cancelled),
        "missing" => Err(Status::Missing),
        "denied" => Err(Status::Denied(text(&answer, "name"))),
        _ => Err(Status::Failed(text(&answer, "detail"))),
    }
}

fn listing(answer: &JsValue) -> Listing {
    let list =
        Reflect::get(answer, &JsValue::from_str("files")).map_or_else(|_| Array::new(), |v| Array::from(&v));
    let mut files = Vec::new();
    let mut handles = Vec::new();
    for entry in list.iter() {
        let Ok(file) =
            Reflect::get(&entry, &JsValue::from_str("file")).and_then(|f| f.dyn_into::<web_sys::File>())
        else {
            continue;
        };
        files.push(SeenFile {
            name: text(&entry, "name"),
            size: file.size() as u64,
            modified: file.last_modified() as i64,
        });
        handles.push(file);
    }
    Listing {
        name: text(answer, "name"),
        kept: flag(answer, "kept"),
        files,
        handles: Files::from_vec(handles),
    }
}

/// Whether this browser can pick a folder and keep it (`showDirectoryPicker`).
pub fn can_pick_folder() -> bool {
    has("showDirectoryPicker")
}

/// Whether this browser can link a file and write to it later (`showSaveFilePicker`).
pub fn can_link_file() -> bool {
    has("showSaveFilePicker") && has("showOpenFilePicker")
}

/// Whether a file input can choose a whole folder (`webkitdirectory`).
pub fn can_choose_directory() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("input").ok())
        .is_some_and(|input| Reflect::has(&input, &JsValue::from_str("webkitdirectory")).unwrap_or(false))
}

fn has(name: &str) -> bool {
    web_sys::window()
        .is_some_and(|w| Reflect::get(&w, &JsValue::from_str(name)).is_ok_and(|f| f.is_function()))
}

/// Lets the facilitator pick a folder, kept under `key`, and lists its files.
pub async fn pick_folder(key: &str) -> Result<Listing, Status> {
    call("pickFolder", &[key.into()]).await.map(|a| listing(&a))
}

/// Lists the folder kept under `key` again; asks for permission only when `ask` (a click).
pub async fn open_folder(key: &str, ask: bool) -> Result<Listing, Status> {
    call("openFolder", &[key.into(), ask.into()])
        .await
        .map(|a| listing(&a))
}

/// The files of a directory file input (`webkitdirectory`), with their paths in the folder.
pub fn input_listing(files: Files) -> Listing {
    let seen = files
        .iter()
        .map(|f| {
            let path = Reflect::get(f, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|p| p.as_string())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| f.name());
            SeenFile {
                name: path,
                size: f.size() as u64,
                modified: f.last_modified() as i64,
            }
        })
        .collect::<Vec<_>>();
    let name = seen
        .first()
        .and_then(|f| f.name.split_once('/').map(|(folder, _)| folder.to_string()))
        .unwrap_or_default();
    Listing {
        name,
        kept: false,
        files: seen,
        handles: files,
    }
}

/// The name of the folder or file kept under `key`, asking for nothing.
pub async fn linked(key: &str) -> Option<String> {
    call("linked", &[key.into()]).await.ok().map(|a| text(&a, "name"))
}

/// Links `key` to a shared file, new (`create`, suggesting `suggested`) or existing:
/// its name, and whether the browser kept it for later visits.
pub async fn link_file(key: &str, create: bool, suggested: &str) -> Result<(String, bool), Status> {
    call("linkFile", &[key.into(), create.into(), suggested.into()])
        .await
        .map(|a| (text(&a, "name"), flag(&a, "kept")))
}

/// The text of the shared file kept under `key`.
pub async fn read_file(key: &str, ask: bool) -> Result<String, Status> {
    call("readFile", &[key.into(), ask.into()])
        .await
        .map(|a| text(&a, "text"))
}

/// Replaces the shared file kept under `key` with `contents`.
pub async fn write_file(key: &str, contents: &str, ask: bool) -> Result<(), Status> {
    call("writeFile", &[key.into(), contents.into(), ask.into()])
        .await
        .map(|_| ())
}

/// Keeps what is kept under `from` under `to` instead.
pub async fn relink(from: &str, to: &str) {
    let _ = call("relink", &[from.into(), to.into()]).await;
}

/// Stops using the folder or file kept under `key`.
pub async fn forget(key: &str) {
    let _ = call("forget", &[key.into()]).await;
}

/// Waits `ms` milliseconds (debouncing: a later call supersedes an earlier one).
pub async fn pause(ms: i32) {
    let wait = Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(wait).await;
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Small per-record texts beside the workspace (folder records, sync bases): read.
pub fn load_text(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Small per-record texts beside the workspace: write (false when storage refused).
pub fn save_text(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The key of a round's folder record in localStorage.
pub fn record_key(round: &str) -> String {
    format!("trellis.folder.{round}")
}

/// The files of `round`'s folder already read (a damaged or newer record starts afresh,
/// with the reason, so the page can say so).
pub fn load_record(
    round: &str,
) -> (
    Option<FolderRecord>,
    Option<trellis_core::folder::FolderRecordError>,
) {
    match load_text(&record_key(round)).map(|t| FolderRecord::from_json(&t)) {
        None => (None, None),
        Some(Ok(r)) => (Some(r), None),
        Some(Err(e)) => (None, Some(e)),
    }
}
