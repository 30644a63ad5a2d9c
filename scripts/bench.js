#!/usr/bin/env node
// Browser timings for the benchmark command (scripts/bench), in headless Chromium on a
// desktop profile against a built site served by scripts/bench_server.js on localhost:
// the results dashboard, the import, and a large workspace's size, load and save. (What
// a respondent waits for on a phone, and what visitors download, is scripts/phone.js.)
// Each figure is the median of RUNS runs. Prints one JSON object:
// { runs, results: [{ name, median_ms | value, unit, budget, runs }] }.
// Times are read from the page's own clock (performance.now(), whose zero is the start
// of the navigation) through marks made by an init script when the awaited element
// appears, so Playwright's own overhead is not counted.
// Usage: node scripts/bench.js [--dist DIR] [--instrument VERSION]   (default dist/; the
// eight-page layout of earlier builds is recognised, so the same timings can be taken of
// a build before. The planted rounds use the newest questionnaire in
// crates/trellis-core/instruments, the one new rounds use; --instrument 1.0.0 plants
// rounds of that version instead, for a build that does not ship the newest, or to
// compare with figures taken before it: the full assessments differ in size.)
'use strict';
const { chromium } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const { createServer } = require('./bench_server');

const ROOT = path.join(__dirname, '..');
const distAt = process.argv.indexOf('--dist');
const DIST = path.resolve(distAt >= 0 ? process.argv[distAt + 1] : path.join(ROOT, 'dist'));
const RUNS = Number(process.env.TRELLIS_BENCH_RUNS || 5);
let BASE = '';
// Every section is on index.html; before issue 15, results and import had pages of their own.
const facilitate = path.join(DIST, 'facilitate.html');
const EIGHT_PAGES = fs.existsSync(facilitate) && fs.readFileSync(facilitate, 'utf8').includes('.wasm');
const RESULTS_PAGE = EIGHT_PAGES ? 'facilitate.html' : 'index.html';
const IMPORT_PAGE = EIGHT_PAGES ? 'collect.html' : 'index.html';
const instrument = questionnaire(process.argv.includes('--instrument') ? process.argv[process.argv.indexOf('--instrument') + 1] : null);
const FULL = instrument.statements.filter((s) => s.modes.includes('full')).map((s) => s.id);
// The topics of the full assessment (a newer questionnaire also has readiness topics,
// which a full round never asks).
const DOMAINS = instrument.domains.filter((d) => FULL.some((id) => instrument.statements.find((s) => s.id === id).domain === d.id)).map((d) => d.id);

/** The shipped questionnaire of `version`, or the newest shipped when `version` is null. */
function questionnaire(version) {
  const dir = path.join(ROOT, 'crates', 'trellis-core', 'instruments');
  const shipped = fs.readdirSync(dir).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))).filter((i) => i.id === 'trellis');
  const order = (v) => v.split('.').map(Number);
  const newer = (a, b) => { const [x, y] = [order(a.version), order(b.version)]; const k = x.findIndex((n, i) => n !== y[i]); return k < 0 ? 0 : y[k] - x[k]; };
  const found = version ? shipped.find((i) => i.version === version) : [...shipped].sort(newer)[0];
  if (!found) throw new Error(`no shipped questionnaire ${version} (shipped: ${shipped.map((i) => i.version).join(', ')})`);
  return found;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Records, in the page, when the first element matching `selector` appears. */
function watchFor(selector) {
  return `(() => {
    const seen = () => document.querySelector(${JSON.stringify(selector)});
    const mark = () => { if (!window.__appeared && seen()) { window.__appeared = performance.now(); } };
    new MutationObserver(mark).observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

function response(roundId, k, org) {
  const answers = {};
  for (const id of FULL) answers[id] = random() < 0.06 ? 'dk' : 1 + Math.floor(random() * 5);
  const levels = Object.fromEntries(DOMAINS.map((d) => [d, 1 + Math.floor(random() * 5)]));
  return {
    id: `bench-${roundId}-${k}`, round_id: roundId, organisation: `p${1 + (k % org)}`, role: 'manager',
    answers, levels, comments: {}, started: 1_790_000_000_000 + k, updated: 1_790_000_000_000 + k, submitted: 1_790_000_000_000 + k,
  };
}

function workspace(rounds, perRound) {
  const ws = { schema: 2, collaborations: [], responses: [] };
  const c = {
    id: 'bench', name: 'Benchmark collaboration', partners: [1, 2, 3, 4].map((i) => ({ id: `p${i}`, name: `Partner ${i}` })),
    context: {}, rounds: [], created: 1_790_000_000_000,
  };
  for (let r = 0; r < rounds; r += 1) {
    const id = `bench-r${r + 1}`;
    c.rounds.push({ id, name: `Round ${r + 1}`, date: `20${String(20 + Math.floor(r / 12)).padStart(2, '0')}-${String(1 + (r % 12)).padStart(2, '0')}-15`, instrument_id: instrument.id, instrument_version: instrument.version, mode: 'full', status: 'open', targets: {}, created: 1_790_000_000_000 + r });
    for (let k = 0; k < perRound; k += 1) ws.responses.push(response(id, k, 4));
  }
  ws.collaborations.push(c);
  return ws;
}

async function timed(browser, { name, url, selector, prepare, budget }) {
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (prepare) await prepare(page);
    await page.addInitScript(watchFor(selector));
    await page.goto(url);
    await page.waitForFunction(() => window.__appeared, null, { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__appeared));
    await context.close();
  }
  return { name, median_ms: Math.round(median(times)), runs: times.map(Math.round), budget_ms: budget };
}

async function plant(page, ws) {
  // A different document of the same origin, so the measured navigation loads afresh.
  await page.goto(`${BASE}manifest.webmanifest`);
  await page.evaluate((text) => localStorage.setItem('trellis.workspace', text), typeof ws === 'string' ? ws : JSON.stringify(ws));
}

/**
 * Plants a workspace written in the older list form (storage version 2), lets the app
 * make one change, and returns the text the app then stored (version 3, its own form).
 */
async function storedByApp(browser, ws) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await plant(page, ws);
  await page.goto(`${BASE}index.html#/collaboration/bench/context`);
  const radio = page.locator('fieldset input[type="radio"]').first();
  await radio.waitFor();
  const before = await page.evaluate(() => localStorage.getItem('trellis.workspace'));
  await radio.check();
  await page.waitForFunction((old) => localStorage.getItem('trellis.workspace') !== old, before);
  const text = await page.evaluate(() => localStorage.getItem('trellis.workspace'));
  await context.close();
  return text;
}

async function main() {
  const server = createServer({ root: DIST, prefix: '/trellis/' });
  await server.start();
  server.warm();
  BASE = server.base;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const results = [];
    // Each workspace is planted in the older list form and stored by the app itself (in
    // today's form), as a facilitator's browser holds it (in the eight-page build, the
    // pages other than the start page read only that form).
    const big = await storedByApp(browser, workspace(1, 500));
    const none = await storedByApp(browser, workspace(1, 0));
    const results500 = await timed(browser, { name: 'results dashboard, 500 respondents (from navigation)', url: `${BASE}${RESULTS_PAGE}#/round/bench-r1/results`, selector: '[data-testid="radar"] circle', prepare: (p) => plant(p, big) });
    results.push(results500);
    const empty = await timed(browser, { name: 'results page with no answers (app start only)', url: `${BASE}${RESULTS_PAGE}#/round/bench-r1/results`, selector: '[data-testid="no-results"]', prepare: (p) => plant(p, none) });
    results.push(empty);
    results.push({ name: 'dashboard render for 500 respondents (difference of the two above)', median_ms: results500.median_ms - empty.median_ms, budget_ms: 200 });

    // Import of 200 response files on the import page: from choosing the files to the preview.
    const importTimes = [];
    const files = Array.from({ length: 200 }, (_, k) => ({
      name: `answers-${k}.json`, mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ trellis: 'response', format: 1, instrument: instrument.id, version: instrument.version, response: response('bench-r1', 1000 + k, 4) })),
    }));
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await plant(page, none);
      await page.goto(`${BASE}${IMPORT_PAGE}#/round/bench-r1/import`);
      // The label named spreadsheets from issue 19 ("…or a CSV file" before).
      const input = page.getByLabel(/^Choose response files or a /);
      await input.waitFor();
      const start = await page.evaluate(() => performance.now());
      await input.setInputFiles(files);
      await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
      importTimes.push((await page.evaluate(() => performance.now())) - start);
      await context.close();
    }
    results.push({ name: 'import of 200 response files (choose to preview)', median_ms: Math.round(median(importTimes)), runs: importTimes.map(Math.round), budget_ms: 2000 });

    // A 50 x 50 workspace: its size in storage, and how long the app takes to start with it.
    const fifty = await storedByApp(browser, workspace(50, 50));
    if (!/^\{"schema":[345],/.test(fifty)) throw new Error(`the app stored an unexpected form: ${fifty.slice(0, 40)}`);
    results.push({ name: 'workspace of 50 rounds x 50 responses in storage (as the app writes it)', value: +(fifty.length * 2 / (1024 * 1024)).toFixed(2), unit: 'MB (UTF-16, as browsers count)', budget: 2 });
    const loaded = await timed(browser, { name: 'home page with the 50 x 50 workspace', url: `${BASE}index.html#/`, selector: '[data-testid="collaborations"]', prepare: (p) => plant(p, fifty) });
    const bare = await timed(browser, { name: 'home page with an empty workspace', url: `${BASE}index.html#/`, selector: '[data-testid="no-collaborations"]' });
    results.push(loaded, bare, { name: 'loading the 50 x 50 workspace (difference of the two above)', median_ms: loaded.median_ms - bare.median_ms, budget_ms: 100 });
    // Saving it: one change, then the time until storage holds it.
    const saveTimes = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await plant(page, fifty);
      await page.goto(`${BASE}index.html#/collaboration/bench/context`);
      // The first choice was made when the workspace was written; change it to the second.
      const radio = page.locator('fieldset').first().locator('input[type="radio"]').nth(1);
      await radio.waitFor();
      // Timed inside the page, from the click to the moment storage holds the change
      // (checked after each turn of the event loop), so the harness's own round trips
      // are not counted.
      saveTimes.push(await page.evaluate(async () => {
        const choice = document.querySelector('fieldset').querySelectorAll('input[type="radio"]')[1];
        const before = localStorage.getItem('trellis.workspace');
        const start = performance.now();
        choice.click();
        while (localStorage.getItem('trellis.workspace') === before) {
          if (performance.now() - start > 10_000) throw new Error('the change was never stored');
          await new Promise((r) => setTimeout(r, 0));
        }
        return performance.now() - start;
      }));
      if (!(await radio.isChecked())) throw new Error('the chosen answer is not checked after the change');
      await context.close();
    }
    results.push({ name: 'one change saved with the 50 x 50 workspace (click to stored)', median_ms: Math.round(median(saveTimes)), runs: saveTimes.map(Math.round), budget_ms: 100 });
    console.log(JSON.stringify({ dist: DIST, instrument: `${instrument.id} ${instrument.version}`, runs: RUNS, results }, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

// scripts/bench-big.js takes its timing helpers from here.
module.exports = { median, watchFor, DIST, RUNS };
if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
