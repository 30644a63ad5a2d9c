// Folders and shared files through the File System Access API (Edge, Chrome): picking a
// folder of answers or a shared collaboration file, keeping the handle in IndexedDB so
// the next visit can use it again, checking permission, and listing, reading and
// writing. Loaded by boot.js the first time the app uses a folder or a shared file
// (src/browser/folder.rs), so no first visit downloads it. Every function answers with a
// plain object whose `status` is 'ok', 'unsupported', 'cancelled', 'missing' (no handle
// kept), 'denied' (permission not granted) or 'failed' (with `detail`); the app words
// each one (src/messages.rs).
const DB = 'trellis-handles';
const STORE = 'handles';
// Handles IndexedDB could not keep (a browser that cannot store them): this page only.
const memory = new Map();

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

function request(mode, run) {
  return database().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const req = run(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

/** Keeps a handle under `key`; false when only this page can keep it. */
async function keep(key, handle) {
  memory.set(key, handle);
  try {
    await request('readwrite', (s) => s.put(handle, key));
    return true;
  } catch {
    return false;
  }
}

async function kept(key) {
  if (memory.has(key)) return memory.get(key);
  try {
    return (await request('readonly', (s) => s.get(key))) || null;
  } catch {
    return null;
  }
}

export async function forget(key) {
  memory.delete(key);
  try {
    await request('readwrite', (s) => s.delete(key));
  } catch {
    // Nothing kept, nothing to forget.
  }
  return { status: 'ok' };
}

/** Keeps what is kept under `from` under `to` (a file picked before its collaboration was known). */
export async function relink(from, to) {
  const handle = await kept(from);
  if (!handle) return { status: 'missing' };
  await keep(to, handle);
  return forget(from);
}

/** Whether the page may use a handle; asks the user only when `ask` (after a click). */
async function allowed(handle, mode, ask) {
  const options = { mode };
  if (!handle.queryPermission) return true;
  if ((await handle.queryPermission(options)) === 'granted') return true;
  return ask && (await handle.requestPermission(options)) === 'granted';
}

const failed = (e) =>
  e && e.name === 'AbortError' ? { status: 'cancelled' } : { status: 'failed', detail: String((e && e.message) || e) };

/** Every file in a folder and its subfolders (three levels), with its path inside it. */
async function list(folder, prefix = '', depth = 0) {
  const files = [];
  for await (const entry of folder.values()) {
    const path = prefix + entry.name;
    if (entry.kind === 'file') {
      const file = await entry.getFile();
      files.push({ name: path, size: file.size, modified: file.lastModified, file });
    } else if (entry.kind === 'directory' && depth < 3) {
      files.push(...(await list(entry, `${path}/`, depth + 1)));
    }
  }
  return files;
}

/** Lets the facilitator pick a folder of answers, keeps it under `key` and lists it. */
export async function pickFolder(key) {
  if (!window.showDirectoryPicker) return { status: 'unsupported' };
  try {
    const folder = await window.showDirectoryPicker({ id: 'trellis-answers', mode: 'read' });
    const stored = await keep(key, folder);
    return { status: 'ok', name: folder.name, kept: stored, files: await list(folder) };
  } catch (e) {
    return failed(e);
  }
}

/** Lists the folder kept under `key` again, asking for permission when `ask`. */
export async function openFolder(key, ask) {
  const folder = await kept(key);
  if (!folder) return { status: 'missing' };
  try {
    if (!(await allowed(folder, 'read', ask))) return { status: 'denied', name: folder.name };
    return { status: 'ok', name: folder.name, kept: true, files: await list(folder) };
  } catch (e) {
    return failed(e);
  }
}

/** The name of what is kept under `key`, without asking for anything. */
export async function linked(key) {
  const handle = await kept(key);
  return handle ? { status: 'ok', name: handle.name } : { status: 'missing' };
}

const JSON_TYPE = [{ description: 'Trellis collaboration file', accept: { 'application/json': ['.json'] } }];

/** Links `key` to a shared file: a new one (`create`) named `suggested`, or an existing one. */
export async function linkFile(key, create, suggested) {
  const picker = create ? window.showSaveFilePicker : window.showOpenFilePicker;
  if (!picker) return { status: 'unsupported' };
  try {
    const options = { id: 'trellis-shared', types: JSON_TYPE };
    const handle = create
      ? await window.showSaveFilePicker({ ...options, suggestedName: suggested })
      : (await window.showOpenFilePicker(options))[0];
    const stored = await keep(key, handle);
    return { status: 'ok', name: handle.name, kept: stored };
  } catch (e) {
    return failed(e);
  }
}

/** The text of the shared file kept under `key` ('' for a new, empty file). */
export async function readFile(key, ask) {
  const handle = await kept(key);
  if (!handle) return { status: 'missing' };
  try {
    if (!(await allowed(handle, 'readwrite', ask))) return { status: 'denied', name: handle.name };
    const file = await handle.getFile();
    return { status: 'ok', name: handle.name, text: await file.text() };
  } catch (e) {
    return failed(e);
  }
}

/** Replaces the shared file kept under `key` with `text`. */
export async function writeFile(key, text, ask) {
  const handle = await kept(key);
  if (!handle) return { status: 'missing' };
  try {
    if (!(await allowed(handle, 'readwrite', ask))) return { status: 'denied', name: handle.name };
    const out = await handle.createWritable();
    await out.write(text);
    await out.close();
    return { status: 'ok', name: handle.name };
  } catch (e) {
    return failed(e);
  }
}
