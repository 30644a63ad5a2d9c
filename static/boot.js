// Starts a Trellis page: imports the page's wasm-bindgen module and runs its wasm, then
// registers the service worker that keeps the app working offline and offers updates.
// A file rather than an inline script, so the Content-Security-Policy needs no
// 'unsafe-inline'. The page names its bundle in data-js and data-wasm (see Trunk.toml).
const tag = document.querySelector('script[data-js][data-wasm]');
// The .xlsx reader (static/xlsx.js and its worker), fetched the first time the app reads
// a workbook (src/browser/xlsx.rs).
window.trellisReadXlsx = (bytes) => import('./xlsx.js').then((reader) => reader.read(bytes));
// Folders of answers and shared collaboration files (static/folder.js), fetched the first
// time the app uses one (src/browser/folder.rs): calls the named function of folder.js.
window.trellisFolder = (name, ...args) => import('./folder.js').then((glue) => glue[name](...args));
const { default: init } = await import(tag.dataset.js);
// Let the page's static first screen paint before the app starts and takes its place,
// so nobody waits for the bundle to see the page (on a slow link the bundle arrives long
// after this anyway). A frame, or 50 ms where frames are paused (a background tab).
await Promise.race([
  new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  new Promise((resolve) => setTimeout(resolve, 50)),
]);
await init({ module_or_path: tag.dataset.wasm });

// Offline and updates. A new version's worker waits until the user accepts the update
// (window.trellisApplyUpdate, called by the app's "reload" button); the page then
// reloads once the new worker is in control. Answers are saved as they are given, so
// nothing in progress is lost.
if ('serviceWorker' in navigator && window.isSecureContext) {
  let accepted = false;
  const ready = (worker) => {
    window.trellisUpdateReady = true;
    window.trellisApplyUpdate = () => {
      accepted = true;
      worker.postMessage('skip-waiting');
    };
    window.dispatchEvent(new Event('trellis-update'));
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) window.location.reload();
  });
  navigator.serviceWorker
    .register('./sw.js')
    .then((registration) => {
      const watch = (worker) => {
        if (!worker) return;
        if (worker.state === 'installed' && navigator.serviceWorker.controller) ready(worker);
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) ready(worker);
        });
      };
      // A new version may already be waiting, or installing since this page's load.
      watch(registration.waiting);
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
      // Ask for the newest worker now, and again every hour for pages left open.
      registration.update().catch(() => {});
      setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
    })
    .catch(() => {
      // No worker (for example a browser that blocks them): the app still works online.
    });
}
