//! Reading .xlsx files (Microsoft Forms and SurveyMonkey exports). The reader is a web
//! worker (`crates/trellis-xlsx-worker`, a second wasm module) started by `static/xlsx.js`,
//! both fetched only the first time a workbook is read, so the app's first load carries
//! neither: this side only calls `window.trellisReadXlsx` (defined by `static/boot.js`)
//! and words its answer.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::messages as msg;

/// The first worksheet of an .xlsx file as rows of text, or why not in plain English.
pub async fn read_xlsx(bytes: Vec<u8>) -> Result<Vec<Vec<String>>, String> {
    let no_reader = || msg::xlsx_error("NoWorker", "");
    let window = web_sys::window().ok_or_else(no_reader)?;
    let read: Function = Reflect::get(&window, &JsValue::from_str("trellisReadXlsx"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(no_reader)?;
    // A copy in its own buffer, which xlsx.js moves to the worker.
    let copy = Uint8Array::from(bytes.as_slice());
    drop(bytes);
    let answer: Promise = read
        .call1(&JsValue::NULL, &copy)
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(no_reader)?;
    // A rejection means xlsx.js itself could not be fetched (offline before first use).
    let answer = Array::from(&JsFuture::from(answer).await.map_err(|_| no_reader())?);
    let text = |i: u32| answer.get(i).as_string().unwrap_or_default();
    if text(0) == "ok" {
        Ok(Array::from(&answer.get(1))
            .iter()
            .map(|row| {
                Array::from(&row)
                    .iter()
                    .map(|c| c.as_string().unwrap_or_default())
                    .collect()
            })
            .collect())
    } else {
        Err(msg::xlsx_error(&text(1), &text(2)))
    }
}
