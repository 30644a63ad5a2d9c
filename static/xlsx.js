// The page's side of the .xlsx reader: starts the reader's web worker (built by Trunk from
// crates/trellis-xlsx-worker, see index.html) on first use, sends it a file's bytes (moved,
// not copied) with a port for the reply, and gives up after a worker error or a minute.
// Loaded by boot.js the first time the app reads a workbook (src/browser/xlsx.rs), so no
// first visit downloads it; the service worker keeps it with the worker's files once used.
// Answers as the worker does: ['ok', rows] or ['error', kind, detail]; this file adds the
// kinds NoWorker, TimedOut and WorkerFailed. The app words every kind (src/messages.rs).
const WORKER = './trellis-xlsx-worker_loader.js';
const TIMEOUT_MS = 60_000;
let running = null;

function start() {
  const worker = new Worker(WORKER);
  // The worker posts 'ready' once it listens; an error event means it could not start or
  // has failed since.
  const ready = new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
  });
  const failed = new Promise((resolve) => {
    worker.onerror = () => resolve('failed');
  });
  running = { worker, ready, failed };
  return running;
}

function stop() {
  if (running) running.worker.terminate();
  running = null;
}

const timeout = () => new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS, 'timeout'));

/** Reads a workbook's bytes (a Uint8Array whose buffer holds exactly them). */
export async function read(bytes) {
  const { worker, ready, failed } = running || start();
  if ((await Promise.race([ready, failed, timeout()])) !== 'ready') {
    stop();
    return ['error', 'NoWorker', ''];
  }
  const channel = new MessageChannel();
  const reply = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  worker.postMessage([bytes.buffer, channel.port2], [bytes.buffer, channel.port2]);
  const answer = await Promise.race([reply, failed, timeout()]);
  channel.port1.close();
  if (Array.isArray(answer)) return answer;
  stop();
  return ['error', answer === 'timeout' ? 'TimedOut' : 'WorkerFailed', ''];
}
