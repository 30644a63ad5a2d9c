//! Reading .xlsx files (Microsoft Forms and SurveyMonkey exports) through the web worker
//! of `crates/trellis-xlsx-worker`: a second wasm module the page fetches the first time
//! a file is read, so the app's first load does not carry the reader. The worker's main.rs
//! describes the messages; this side starts it once, sends each file's bytes (moved,
//! not copied) with a port for the reply, and gives up with a message after a timeout or
//! a worker error rather than waiting for ever.

use std::cell::RefCell;

use js_sys::{Array, Function, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageChannel, MessageEvent, Worker};

use crate::messages as msg;

/// The worker's start script, beside index.html (Trunk's loader shim, see index.html).
const WORKER_SCRIPT: &str = "./trellis-xlsx-worker_loader.js";
/// The longest wait for the worker to start and read one file: a first start fetches the
/// module over the network, and a 50 MB workbook takes seconds on a slow phone.
const TIMEOUT_MS: i32 = 60_000;

thread_local! {
    /// The running worker and a promise that settles once it is listening.
    static WORKER: RefCell<Option<(Worker, Promise)>> = const { RefCell::new(None) };
}

/// A promise whose resolve function `f` is given, to call later.
fn settle_once(f: impl FnOnce(&Function) + 'static) -> Promise {
    let mut f = Some(f);
    Promise::new(&mut |resolve, _| {
        if let Some(f) = f.take() {
            f(&resolve);
        }
    })
}

/// A promise that resolves with `"timeout"` after `ms` milliseconds.
fn after(ms: i32) -> Promise {
    settle_once(move |resolve| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_1(
                resolve,
                ms,
                &JsValue::from_str("timeout"),
            );
        }
    })
}

/// A promise that resolves with `"failed"` when the worker reports an error (its
/// script could not load, or its module failed).
fn failure(worker: &Worker) -> Promise {
    let worker = worker.clone();
    settle_once(move |resolve| {
        let resolve = resolve.clone();
        let on_error = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str("failed"));
        });
        worker.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// The running worker, started now if it is not.
fn worker() -> Result<(Worker, Promise), String> {
    WORKER.with(|slot| {
        if let Some(running) = slot.borrow().as_ref() {
            return Ok(running.clone());
        }
        let worker = Worker::new(WORKER_SCRIPT).map_err(|_| msg::XLSX_NO_WORKER.to_string())?;
        let listening = worker.clone();
        let ready = settle_once(move |resolve| {
            let resolve = resolve.clone();
            let on_ready = Closure::once_into_js(move |_: MessageEvent| {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str("ready"));
            });
            listening.set_onmessage(Some(on_ready.unchecked_ref()));
        });
        *slot.borrow_mut() = Some((worker.clone(), ready.clone()));
        Ok((worker, ready))
    })
}

/// Stops the worker after a failure, so the next file starts a fresh one.
fn stop() {
    if let Some((worker, _)) = WORKER.with(|slot| slot.borrow_mut().take()) {
        worker.terminate();
    }
}

/// The first of `promises` to settle, or `"timeout"` after [`TIMEOUT_MS`].
async fn first(promises: &[&Promise]) -> JsValue {
    let all: Array = promises.iter().copied().collect();
    all.push(&after(TIMEOUT_MS));
    JsFuture::from(Promise::race(&all))
        .await
        .unwrap_or(JsValue::UNDEFINED)
}

/// The first worksheet of an .xlsx file as rows of text, or why not in plain English.
pub async fn read_xlsx(bytes: Vec<u8>) -> Result<Vec<Vec<String>>, String> {
    let (worker, ready) = worker()?;
    let failed = failure(&worker);
    let started = first(&[&ready, &failed]).await;
    if started.as_string().as_deref() != Some("ready") {
        stop();
        return Err(msg::XLSX_NO_WORKER.to_string());
    }
    let channel = MessageChannel::new().map_err(|_| msg::XLSX_NO_WORKER.to_string())?;
    let port = channel.port1();
    let reply = settle_once(move |resolve| {
        let resolve = resolve.clone();
        let on_reply = Closure::once_into_js(move |event: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        port.set_onmessage(Some(on_reply.unchecked_ref()));
    });
    let buffer = Uint8Array::from(bytes.as_slice()).buffer();
    drop(bytes);
    let sent = worker.post_message_with_transfer(
        &Array::of2(&buffer, &channel.port2()),
        &Array::of2(&buffer, &channel.port2()),
    );
    if sent.is_err() {
        stop();
        return Err(msg::XLSX_NO_WORKER.to_string());
    }
    let answer = first(&[&reply, &failed]).await;
    channel.port1().close();
    if !Array::is_array(&answer) {
        stop();
        return Err(if answer.as_string().as_deref() == Some("timeout") {
            msg::XLSX_TIMED_OUT.to_string()
        } else {
            msg::XLSX_WORKER_FAILED.to_string()
        });
    }
    let answer = Array::from(&answer);
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
