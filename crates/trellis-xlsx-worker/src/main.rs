//! The web worker that reads .xlsx files for the app (started by static/xlsx.js), built by
//! Trunk as a second wasm module (index.html, `data-type="worker"`) that the page fetches
//! only when a facilitator opens an .xlsx file, so the app's first load does not carry it.
//!
//! Protocol: once its handler is set, the worker posts `"ready"`. Each request is a
//! two-item array `[ArrayBuffer, MessagePort]` (both transferred); the reply goes to
//! that port: `["ok", rows]` with `rows` an array of arrays of strings, or
//! `["error", kind, detail]` with `kind` an `XlsxError` variant's name and `detail` the
//! part, cell reference or limit it names (empty when none). The app words the errors.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint8Array};
    use trellis_xlsx::{read_first_sheet, Limit, XlsxError};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, MessagePort};

    /// An error as the names the app maps to words.
    fn describe(error: XlsxError) -> (&'static str, String) {
        match error {
            XlsxError::NotZip => ("NotZip", String::new()),
            XlsxError::OldOrProtected => ("OldOrProtected", String::new()),
            XlsxError::NoWorksheet => ("NoWorksheet", String::new()),
            XlsxError::Unreadable { part } => ("Unreadable", part),
            XlsxError::BadXml { part, offset } => ("BadXml", format!("{part} (byte {offset})")),
            XlsxError::BadCell { reference } => ("BadCell", reference),
            XlsxError::TooLarge(limit) => match limit {
                Limit::UnpackedBytes(n) => ("TooLargeBytes", n.to_string()),
                Limit::Rows(n) => ("TooManyRows", n.to_string()),
                Limit::Columns(n) => ("TooManyColumns", n.to_string()),
                Limit::Cells(n) => ("TooManyCells", n.to_string()),
            },
        }
    }

    fn reply(bytes: &[u8]) -> Array {
        match read_first_sheet(bytes) {
            Ok(rows) => {
                let table: Array = rows
                    .iter()
                    .map(|row| row.iter().map(|cell| JsValue::from_str(cell)).collect::<Array>())
                    .collect();
                Array::of2(&"ok".into(), &table)
            }
            Err(error) => {
                let (kind, detail) = describe(error);
                Array::of3(&"error".into(), &kind.into(), &detail.into())
            }
        }
    }

    fn on_message(event: MessageEvent) {
        let request = Array::from(&event.data());
        let Ok(port) = request.get(1).dyn_into::<MessagePort>() else {
            return;
        };
        let bytes = Uint8Array::new(&request.get(0)).to_vec();
        // Nothing to do if the page has gone: it no longer listens.
        let _ = port.post_message(&reply(&bytes));
        port.close();
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let handler = Closure::<dyn Fn(MessageEvent)>::new(on_message);
        scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        handler.forget();
        let _ = scope.post_message(&"ready".into());
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}
