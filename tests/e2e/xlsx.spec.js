// The .xlsx reader (src/browser/xlsx.rs and its web worker): a first visit does not
// fetch it; reading the Microsoft Forms fixture through it gives the rows the importer
// expects; its files are then kept by the service worker, so it also works offline; and a
// file that is not a workbook gets the worker's error kind. It calls what the app calls,
// `window.trellisReadXlsx` (static/boot.js); tests/browser.rs covers the app's side
// (src/browser/xlsx.rs) and src/messages.rs words the kinds.
const { test } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const { open, watchForTrouble, expect } = require('./support');

const FIXTURES = path.join(__dirname, '..', '..', 'crates', 'trellis-core', 'tests', 'fixtures', 'import');
const WORKER_FILE = /trellis-xlsx-worker|\/xlsx\.js$/;

/** Reads `bytes` through the page's reader: {rows} or {error: [kind, detail]}, and how long it took. */
function readXlsx(page, bytes) {
  return page.evaluate(async (data) => {
    const started = performance.now();
    const [status, ...rest] = await window.trellisReadXlsx(new Uint8Array(data));
    const ms = performance.now() - started;
    return status === 'ok' ? { rows: rest[0], ms } : { error: rest, ms };
  }, [...bytes]);
}

async function storedFiles(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of (await caches.keys()).filter((k) => k.startsWith('trellis-'))) {
      urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
    }
    return urls;
  });
}

test('the xlsx reader is fetched on first use only, reads the Forms export, and stays offline', async ({ page, context }) => {
  const problems = watchForTrouble(page);
  const fetched = [];
  context.on('request', (r) => fetched.push(r.url()));
  await open(page);
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  expect(fetched.filter((u) => WORKER_FILE.test(u))).toEqual([]);
  expect((await storedFiles(page)).filter((u) => WORKER_FILE.test(u))).toEqual([]);

  const bytes = fs.readFileSync(path.join(FIXTURES, 'microsoft-forms.xlsx'));
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'microsoft-forms.rows.json'), 'utf8'));
  const first = await readXlsx(page, bytes);
  expect(first.error).toBeUndefined();
  expect(first.rows).toEqual(expected);
  const again = await readXlsx(page, bytes);
  expect(again.rows).toEqual(expected);
  console.log(`xlsx: first read (worker start included) ${first.ms.toFixed(1)} ms, second read ${again.ms.toFixed(1)} ms`);
  expect(fetched.filter((u) => WORKER_FILE.test(u)).length).toBeGreaterThan(0);

  // Once used, the reader's four files are kept for offline use.
  await expect.poll(async () => (await storedFiles(page)).filter((u) => WORKER_FILE.test(u)).length).toBe(4);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const offline = await readXlsx(page, bytes);
  expect(offline.rows).toEqual(expected);
  await context.setOffline(false);

  const notWorkbook = await readXlsx(page, Buffer.from('Respondent,Role\r\n1,GP\r\n'));
  expect(notWorkbook.error).toEqual(['NotZip', '']);
  expect(problems).toEqual([]);
});
