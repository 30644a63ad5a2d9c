//! Entry point of the app (index.html): every section, moved between without a page
//! load. Everything else lives in the library.

fn main() {
    trellis::start::<trellis::app::Full>();
}

/// Reads an .xlsx file through the worker (`browser::xlsx::read_xlsx`) and gives the rows
/// as JSON text: exported from the app's module so that the end-to-end test
/// (tests/e2e/xlsx.spec.js) can try the worker in the built site before the import page
/// uses it. Not a page feature: nothing in the app calls it.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = trellisReadXlsx)]
pub async fn read_xlsx_as_json(bytes: Vec<u8>) -> Result<String, String> {
    let rows = trellis::browser::xlsx::read_xlsx(bytes).await?;
    serde_json::to_string(&rows).map_err(|e| e.to_string())
}
