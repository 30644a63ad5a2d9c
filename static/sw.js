// The Trellis service worker: keeps the files of this build that a visitor has used in a
// cache named after the build, serves them cache-first so the app opens and works
// offline, and replaces the old build's cache when a new build takes over.
//
// The site has two entries (index.html, the app; answer.html, the respondent's entry).
// On install the worker stores what the entries this visitor has open (or had stored
// before) need, and nothing else, so a respondent never downloads the facilitator's
// bundle; any other file of the build is stored the first time it is used.
// scripts/finish_dist.py fills in VERSION, ENTRIES and FILES for each build, so every
// build changes this file.
const VERSION = '__TRELLIS_VERSION__';
// Each entry page with the files it loads (its bundle, styles, scripts, icon); also the
// .xlsx reader's worker files under its loader's name, which only a previous cache that
// held them brings in on install.
const ENTRIES = __TRELLIS_ENTRIES__;
// Every file of the build: only these are ever stored.
const FILES = __TRELLIS_FILES__;
const CACHE = `trellis-${VERSION}`;
const SCOPE = new URL('./', self.location).href;

// File names with a content hash (Trunk's `-0123456789abcdef`) never change, so a copy
// the browser already holds (the page has just loaded it) is used instead of a second
// download.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

/** The entry a page address belongs to: answer.html, or the app for everything else. */
function entryOf(url) {
  const path = new URL(url).pathname;
  return path.endsWith('/answer.html') ? 'answer.html' : 'index.html';
}

/** The entries to store now: those of the open pages, and those the last build stored. */
async function wantedEntries() {
  const wanted = new Set();
  const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  open.forEach((client) => wanted.add(entryOf(client.url)));
  for (const key of await caches.keys()) {
    if (!key.startsWith('trellis-') || key === CACHE) continue;
    const old = await caches.open(key);
    for (const entry of Object.keys(ENTRIES)) {
      if (await old.match(`./${entry}`)) wanted.add(entry);
    }
  }
  if (wanted.size === 0) wanted.add('index.html');
  return wanted;
}

/** A request for a file of this build that reuses the browser's copy where that is safe. */
function request(file, updating) {
  const reuse = HASHED.test(file) || !updating;
  return new Request(file, { cache: reuse ? 'force-cache' : 'no-cache' });
}

self.addEventListener('install', (event) => {
  const updating = Boolean(self.registration.active);
  event.waitUntil(
    wantedEntries()
      .then((entries) => {
        const files = new Set();
        entries.forEach((entry) => ENTRIES[entry].forEach((f) => files.add(f)));
        return caches.open(CACHE).then((cache) => cache.addAll([...files].map((f) => request(f, updating))));
      })
      // The very first worker takes over at once; later ones wait for the user.
      .then(() => (updating ? undefined : self.skipWaiting())),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('trellis-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

/** The file of this build a URL names (`./index.html` for the folder itself), if any. */
function buildFile(url) {
  if (!url.href.startsWith(SCOPE)) return null;
  const file = `./${url.pathname.slice(new URL(SCOPE).pathname.length)}`;
  const name = file === './' ? './index.html' : file;
  return FILES.includes(name) ? name : null;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.endsWith('/config.json')) {
    // The host's settings may change at any time: network first, the last copy offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request).then((hit) => hit || new Response('', { status: 404 }))),
    );
    return;
  }
  const file = buildFile(url);
  if (!file) return;
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(file).then(
        (hit) =>
          hit ||
          // First use of a file this visitor had not needed yet: fetch it, and keep it
          // for next time (offline included).
          // Files without a hash in their name (the .xlsx reader's worker) are checked
          // with the server, so an older build's copy in the browser's cache is not used.
          fetch(file, { cache: HASHED.test(file) ? 'default' : 'no-cache' }).then((response) => {
            if (response.ok) cache.put(file, response.clone());
            return response;
          }),
      ),
    ),
  );
});
