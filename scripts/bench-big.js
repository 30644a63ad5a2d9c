#!/usr/bin/env node
// The big-rounds benchmark (issue 20), called by scripts/bench-big: a round of 5,000
// respondents (opened as a round file on "Your data", the results page on a desktop and
// on the phone profile, its size in storage), a workspace of 20 collaborations x 10
// rounds (load, one change saved, results page, size), and the largest workspaces that
// fit in Chromium's localStorage, found by construction (writing ever larger workspaces
// until the browser refuses). Workspaces come from scripts/big_workspace.js, written as
// the app stores them. Times are read from the page's clock, as in scripts/bench.js.
// Prints one JSON object: { runs, load, results: [{ name, median_ms | value, unit, runs }] }.
// Usage: node scripts/bench-big.js [--dist DIR]     (TRELLIS_BENCH_RUNS, default 5)
'use strict';
const { chromium } = require('@playwright/test');
const os = require('os');
const { createServer } = require('./bench_server');
// The same --dist and run count as scripts/bench.js reads.
const { median, watchFor, DIST, RUNS } = require('./bench.js');
const { bigWorkspace } = require('./big_workspace');

const KEY = 'trellis.workspace';
const QUOTA = 5_242_880;
let BASE = '';

/** A fresh context on the desktop profile, or on the phone profile of scripts/phone.js (CPU only: no network is involved). */
async function newPage(browser, phone) {
  const context = await browser.newContext(phone ? { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true } : {});
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  return { context, page };
}

async function plant(page, text) {
  await page.goto(`${BASE}manifest.webmanifest`);
  await page.evaluate(([key, t]) => { localStorage.clear(); if (t) localStorage.setItem(key, t); }, [KEY, text]);
}

/** Median time from navigation until `selector` appears, over RUNS fresh contexts. */
async function timed(browser, { name, url, selector, text, phone }) {
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page } = await newPage(browser, phone);
    await plant(page, text);
    await page.addInitScript(watchFor(selector));
    await page.goto(url);
    await page.waitForFunction(() => window.__appeared, null, { timeout: 60_000, polling: 50 });
    times.push(await page.evaluate(() => window.__appeared));
    await context.close();
  }
  return { name, median_ms: Math.round(median(times)), runs: times.map(Math.round) };
}

/** From choosing a round file on "Your data" to its preview, and from confirming to stored. */
async function openRoundFile(browser, text, rows) {
  const [preview, stored] = [[], []];
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page } = await newPage(browser, false);
    await plant(page, null);
    await page.goto(`${BASE}index.html#/data`);
    const input = page.getByLabel('Choose a round or collaboration file');
    await input.waitFor();
    const start = await page.evaluate(() => performance.now());
    await input.setInputFiles({ name: 'round.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByTestId('open-file-preview').waitFor({ timeout: 120_000 });
    preview.push((await page.evaluate(() => performance.now())) - start);
    stored.push(await page.evaluate(async ([key, n]) => {
      const button = document.querySelector('[data-testid="open-file-confirm"]');
      const t0 = performance.now();
      button.click();
      for (;;) {
        const t = localStorage.getItem(key);
        if (t && JSON.parse(t).responses.rows.length === n) return performance.now() - t0;
        if (performance.now() - t0 > 120_000) throw new Error('the round was never stored');
        await new Promise((r) => setTimeout(r, 5));
      }
    }, [KEY, rows]));
    await context.close();
  }
  return [
    { name: 'round of 5,000 opened as a round file on "Your data": choose to preview', median_ms: Math.round(median(preview)), runs: preview.map(Math.round) },
    { name: 'round of 5,000: confirm to stored', median_ms: Math.round(median(stored)), runs: stored.map(Math.round) },
  ];
}

/** From a click on a context answer to the moment storage holds the change (as scripts/bench.js). */
async function saveOne(browser, text, collaboration) {
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const { context, page } = await newPage(browser, false);
    await plant(page, text);
    await page.goto(`${BASE}index.html#/collaboration/${collaboration}/context`);
    await page.locator('fieldset input[type="radio"]').first().waitFor();
    times.push(await page.evaluate(async (key) => {
      const choice = document.querySelector('fieldset').querySelectorAll('input[type="radio"]')[1 + (Date.now() % 2)];
      const before = localStorage.getItem(key);
      const start = performance.now();
      choice.click();
      while (localStorage.getItem(key) === before) {
        if (performance.now() - start > 10_000) throw new Error('the change was never stored');
        await new Promise((r) => setTimeout(r, 0));
      }
      return performance.now() - start;
    }, KEY));
    await context.close();
  }
  return Math.round(median(times));
}

/** Whether localStorage accepts `text` under the app's key (Chromium's quota decides). */
async function fits(page, text) {
  return page.evaluate(([key, t]) => {
    localStorage.clear();
    try { localStorage.setItem(key, t); return true; } catch (e) { return false; } finally { localStorage.clear(); }
  }, [KEY, text]);
}

/** The largest n for which `holds(n)` is still true, by doubling then halving. */
async function largest(holds) {
  let [lo, hi] = [0, 1];
  while (await holds(hi)) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await holds(mid)) lo = mid; else hi = mid;
  }
  return lo;
}

/** `n` rounds of `people` respondents, in collaborations of ten rounds. */
const roundsOf = (people) => (n) => bigWorkspace({ collaborations: Math.ceil(n / 10), rounds: (c) => Math.min(10, n - c * 10), perRound: people });
const units = (text) => ({ value: text.length, unit: `UTF-16 code units (${(100 * text.length / QUOTA).toFixed(1)}% of Chromium's ${QUOTA.toLocaleString('en-GB')})` });

async function main() {
  const server = createServer({ root: DIST, prefix: '/trellis/' });
  await server.start();
  server.warm();
  BASE = server.base;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const load = os.loadavg().map((x) => x.toFixed(2));
  try {
    const results = [];
    // A round of 5,000.
    const big = bigWorkspace({ collaborations: 1, rounds: 1, perRound: 5000 });
    const none = bigWorkspace({ collaborations: 1, rounds: 1, perRound: 0 });
    results.push({ name: 'round of 5,000 in storage', ...units(big.text) });
    results.push(...await openRoundFile(browser, big.text, 5000));
    for (const phone of [false, true]) {
      const where = phone ? 'phone profile, CPU 4x slower' : 'desktop';
      const full = await timed(browser, { name: `results page, round of 5,000 (${where}, from navigation)`, url: `${BASE}index.html#/round/big-c1-r1/results`, selector: '[data-testid="radar"] circle', text: big.text, phone });
      const empty = await timed(browser, { name: `results page, no answers (${where}, app start only)`, url: `${BASE}index.html#/round/big-c1-r1/results`, selector: '[data-testid="no-results"]', text: none.text, phone });
      results.push(full, empty, { name: `dashboard render for 5,000 respondents, ${where} (difference of the two above)`, median_ms: full.median_ms - empty.median_ms });
    }
    // 20 collaborations x 10 rounds, 20 to 60 people a round (40 on average).
    const people = (r, c) => 20 + ((r * 7 + c * 13) % 41);
    const wide = bigWorkspace({ collaborations: 20, rounds: 10, perRound: people });
    const responses = wide.rounds.reduce((n, r) => n + r.responses, 0);
    results.push({ name: `workspace of 20 collaborations x 10 rounds (${responses.toLocaleString('en-GB')} responses) in storage`, ...units(wide.text) });
    const loaded = await timed(browser, { name: 'start page with the 20 x 10 workspace', url: `${BASE}index.html#/`, selector: '[data-testid="collaborations"]', text: wide.text });
    const bare = await timed(browser, { name: 'start page with an empty workspace', url: `${BASE}index.html#/`, selector: '[data-testid="no-collaborations"]', text: null });
    results.push(loaded, bare, { name: 'loading the 20 x 10 workspace (difference of the two above)', median_ms: loaded.median_ms - bare.median_ms });
    results.push({ name: 'one change saved with the 20 x 10 workspace (click to stored)', median_ms: await saveOne(browser, wide.text, 'big-c1') });
    const last = wide.rounds[9];
    results.push(await timed(browser, { name: `results page of one of its rounds (${last.responses} people; desktop, from navigation)`, url: `${BASE}index.html#/round/${last.id}/results`, selector: '[data-testid="radar"] circle', text: wide.text }));
    // What fits, by construction.
    const { context, page } = await newPage(browser, false);
    await page.goto(`${BASE}manifest.webmanifest`);
    for (const n of [30, 50]) {
      const count = await largest((k) => fits(page, roundsOf(n)(k).text));
      results.push({ name: `most rounds of ${n} people that fit (collaborations of 10 rounds)`, value: count, unit: 'rounds' });
      // The app warns from 80% of the quota (trellis_core::quota::WARN_PERCENT).
      const quiet = await largest(async (k) => roundsOf(n)(k).text.length * 100 < QUOTA * 80);
      results.push({ name: `rounds of ${n} people before the app's warning (80%)`, value: quiet, unit: 'rounds' });
    }
    const one = await largest((n) => fits(page, bigWorkspace({ collaborations: 1, rounds: 1, perRound: n }).text));
    results.push({ name: 'most people in one round (a workspace holding only that round)', value: one, unit: 'respondents' });
    await context.close();
    console.log(JSON.stringify({ dist: DIST, runs: RUNS, load, results }, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
