#!/usr/bin/env node
// Measures one built site the way its people meet it (issue 15): a respondent opening an
// invitation on a slow phone, a facilitator's first visit (bytes, service worker
// included), moves between the app's sections on a desktop, and Lighthouse. Serves the
// folder with scripts/bench_server.js (brotli, counted bytes) and prints one JSON object.
//
// Usage: node scripts/phone.js [--dist DIR] [--runs N] [--lighthouse-runs N] [--no-lighthouse]
//        [--only respondent,facilitator,moves,lighthouse]
// Environment: TRELLIS_BENCH_RUNS (default 5), CHROMIUM (default /usr/bin/chromium).
//
// Works on both layouts of the site: the one app of issue 15 (index.html renders every
// section, answer.html the answering routes, the old page names forward) and the eight
// pages before it (each section a page with its own bundle), so "before" and "now" are
// measured by the same code.
'use strict';
const { chromium } = require('@playwright/test');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { createServer, now } = require('./bench_server');

const ROOT = path.join(__dirname, '..');
const LIGHTHOUSE = path.join(__dirname, 'lighthouse', 'node_modules', 'lighthouse', 'cli', 'index.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu', '--disable-dev-shm-usage'];

// The phone: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up (bytes per second), 4x slower CPU.
const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 93750 };
const PHONE_CPU = 4;
const PHONE_SCREEN = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };
// What a visitor downloads is counted for this long after opening the address.
const WINDOW_MS = 15_000;

const BUDGETS = {
  control: 1200, // ms, the respondent's first control tappable
  statement: 2000, // ms, the first statement clickable after joining
  respondentBytes: 250, // KB brotli in the first 15 s
  facilitatorBytes: 450, // KB brotli, first visit to the start page, service worker included
  move: 100, // ms, from a click to the next section's heading
  lighthouse: 95, // score, at least
};

function options() {
  const args = process.argv.slice(2);
  const value = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  return {
    dist: path.resolve(value('--dist', path.join(ROOT, 'dist'))),
    runs: Number(value('--runs', process.env.TRELLIS_BENCH_RUNS || 5)),
    lighthouseRuns: Number(value('--lighthouse-runs', 3)),
    only: new Set(value('--only', args.includes('--no-lighthouse') ? 'respondent,facilitator,moves' : 'respondent,facilitator,moves,lighthouse').split(',')),
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 0) => (x === null || x === undefined ? null : +x.toFixed(digits));
const kb = (bytes) => round(bytes / 1024, 1);
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const log = (...words) => console.error('phone.js:', ...words);

/** Which layout a built site has: 'pages' (a bundle per section) or 'one-app'. */
function layoutOf(dist) {
  const facilitate = path.join(dist, 'facilitate.html');
  return fs.existsSync(facilitate) && fs.readFileSync(facilitate, 'utf8').includes('.wasm') ? 'pages' : 'one-app';
}

/** The page of the eight-page layout that shows a route (src/route.rs before issue 15). */
function oldPageOf(route) {
  if (/^\/round\/[^/]+\/results/.test(route)) return 'facilitate.html';
  if (/^\/round\/[^/]+\/(plan|consensus)/.test(route)) return 'plan.html';
  if (/^\/round\/[^/]+\/report/.test(route)) return 'reports.html';
  if (/^\/round\/[^/]+\/import/.test(route)) return 'collect.html';
  if (/^\/(data|round\/[^/]+\/export)/.test(route)) return 'data.html';
  if (/^\/(join|round\/[^/]+\/(answer|sent|kiosk))/.test(route)) return 'answer.html';
  return 'index.html';
}

/**
 * Whether an entry page has a static first screen (a `<main>` written in the HTML, shown
 * while the bundle loads). Then only controls the started app rendered count: the app
 * marks its root `data-started` when it has replaced that screen.
 */
function hasStaticScreen(dist, entry) {
  return /<main[\s>]/.test(fs.readFileSync(path.join(dist, entry), 'utf8'));
}

/**
 * Runs in every page before its own scripts: records (performance.now(), zero = start of
 * the navigation) when the first usable control appears in the app's <main> and when the
 * first statement's radio appears, and the user's clicks and changes. With `join`, it
 * also takes the joining steps itself, each as soon as the page has shown its control
 * on screen (the next frame after it appears; tapping earlier would be faster than any
 * person, and can beat the app's own start-up effects): "start", the first organisation,
 * the first role, "Start". Driving from inside the page keeps the test harness's own
 * round trips (slowed 4x with the CPU) out of the figure.
 */
function pageMarks({ requireStarted, join }) {
  window.__bench = { events: [] };
  const stamp = (key) => {
    if (window.__bench[key] === undefined) window.__bench[key] = performance.now();
  };
  const usable = (el) => Boolean(el) && !el.disabled && el.type !== 'hidden' && el.getClientRects().length > 0 && (el.tagName !== 'A' || el.hasAttribute('href'));
  const changed = () =>
    new Promise((resolve) => {
      const o = new MutationObserver(() => {
        o.disconnect();
        resolve();
      });
      o.observe(document, { childList: true, subtree: true, attributes: true });
      setTimeout(() => {
        o.disconnect();
        resolve();
      }, 50);
    });
  // The next frame has been painted (and the tasks queued before it have run).
  const shown = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const ready = async (selector) => {
    const start = performance.now();
    while (!usable(document.querySelector(selector))) {
      if (performance.now() - start > 30_000) throw new Error(`never appeared: ${selector}`);
      await changed();
    }
    await shown();
    return document.querySelector(selector);
  };
  const takeJoiningSteps = async () => {
    (await ready('[data-testid="join-start"]')).click();
    const select = await ready('#organisation');
    select.value = select.options[1].value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    (await ready('input[name="role"]')).click();
    (await ready('form[data-testid="about-you"] button[type="submit"]')).click();
  };
  const check = () => {
    if (window.__bench.control === undefined) {
      const main = document.querySelector(requireStarted ? '#app[data-started] main' : 'main');
      if (main && [...main.querySelectorAll('button, a[href], input, select, textarea')].some(usable)) {
        stamp('control');
        if (join) takeJoiningSteps().catch((e) => { window.__bench.error = String(e); });
      }
    }
    if (window.__bench.statement === undefined && usable(document.querySelector('fieldset.question input[type="radio"]'))) stamp('statement');
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  for (const type of ['click', 'change', 'submit']) {
    addEventListener(type, (e) => window.__bench.events.push({ type, at: performance.now(), target: e.target.id || e.target.getAttribute('data-testid') || e.target.tagName }), true);
  }
}

/**
 * Records every request the page and its service worker make, from the browser's side
 * (when each started and finished under throttling, and whether it came from the
 * network, the HTTP cache or the service worker).
 */
function networkRecorder() {
  const requests = new Map();
  const list = [];
  const on = (from, method, p) => {
    const key = `${from}:${p.requestId}`;
    if (method === 'Network.requestWillBeSent') {
      const r = { from, url: p.request.url, start: p.timestamp, wallTime: p.wallTime, end: null, bytes: 0, status: null, source: 'network' };
      requests.set(key, r);
      list.push(r);
    }
    const r = requests.get(key);
    if (!r) return;
    if (method === 'Network.responseReceived') {
      r.status = p.response.status;
      if (p.response.fromServiceWorker) r.source = 'service worker';
      else if (p.response.fromDiskCache) r.source = 'HTTP cache';
      else if (p.response.fromPrefetchCache) r.source = 'prefetch cache';
    } else if (method === 'Network.requestServedFromCache') {
      r.source = 'memory cache';
    } else if (method === 'Network.loadingFinished') {
      r.end = p.timestamp;
      r.bytes = p.encodedDataLength;
    } else if (method === 'Network.loadingFailed') {
      r.end = p.timestamp;
      r.status = `failed: ${p.errorText}${p.canceled ? ' (cancelled)' : ''}`;
    }
  };
  return { on, list };
}

/**
 * Opens a CDP session on the page and applies the phone's network and CPU to it, and the
 * same network to any service worker it starts (a separate target, auto-attached paused,
 * throttled, then resumed, so none of its fetches escape the throttling). The worker's
 * requests carry an `x-bench-from: service-worker` header so the server can tell them apart.
 */
async function phoneSession(context, page, recorder) {
  const session = await context.newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', PHONE_NETWORK);
  await session.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU });
  for (const m of ['requestWillBeSent', 'responseReceived', 'requestServedFromCache', 'loadingFinished', 'loadingFailed']) {
    session.on(`Network.${m}`, (p) => recorder.on('page', `Network.${m}`, p));
  }
  let id = 0;
  session.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    const send = (method, params = {}) =>
      session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: (id += 1), method, params }) }).catch(() => {});
    if (targetInfo.type === 'service_worker') {
      await send('Network.enable');
      await send('Network.emulateNetworkConditions', PHONE_NETWORK);
      await send('Network.setExtraHTTPHeaders', { headers: { 'x-bench-from': 'service-worker' } });
    }
    if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger');
  });
  session.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.method && m.method.startsWith('Network.')) recorder.on('service-worker', m.method, m.params);
  });
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return session;
}

async function phoneContext(browser, marks) {
  const context = await browser.newContext(PHONE_SCREEN);
  const page = await context.newPage();
  const recorder = networkRecorder();
  await phoneSession(context, page, recorder);
  await page.addInitScript(pageMarks, marks);
  return { context, page, recorder };
}

/** The service worker's state as the page sees it. */
const workerState = (page) =>
  page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    if (!r) return 'none';
    return r.active ? r.active.state : r.installing ? 'installing' : r.waiting ? 'waiting' : 'none';
  });

/**
 * What was downloaded: the server's own count of what it sent for requests made within
 * the window after `t0`, split into the page's and the service worker's, plus a
 * waterfall that joins the server's bytes to the browser's timings.
 */
function downloads(server, recorder, t0) {
  const sent = server.log().filter((r) => r.at - t0 <= WINDOW_MS);
  const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);
  const worker = sent.filter((r) => r.from === 'service-worker');
  const page = sent.filter((r) => r.from !== 'service-worker');
  // Browser timings, relative to the first request (the document).
  const zero = recorder.list.length ? recorder.list[0].start : 0;
  const unused = [...sent];
  const waterfall = recorder.list.map((b) => {
    const file = new URL(b.url).pathname;
    const at = unused.findIndex((s) => s.path === file && (s.from === 'service-worker') === (b.from === 'service-worker'));
    const s = at >= 0 && b.source === 'network' ? unused.splice(at, 1)[0] : null;
    return {
      from: b.from,
      file: file.replace(/^.*\//, '') || file,
      start_ms: round((b.start - zero) * 1000),
      end_ms: b.end === null ? null : round((b.end - zero) * 1000),
      source: b.source,
      status: b.status,
      sent_body: s ? s.body : 0,
      sent_at_ms: s ? round(s.at - t0) : null,
    };
  });
  return {
    body: sum(sent, 'body'),
    headers: sum(sent, 'headers'),
    page: sum(page, 'body'),
    worker: sum(worker, 'body'),
    requests: sent.length,
    received_by_browser_in_window: recorder.list.filter((b) => b.end !== null && (b.end - zero) * 1000 <= WINDOW_MS && b.source === 'network').reduce((a, b) => a + b.bytes, 0),
    waterfall,
  };
}

/** An invitation link's code for the example collaboration's last round, made by the app itself. */
async function invitationCode(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}index.html#/`);
  await page.getByTestId('add-example').click();
  const round = await exampleRound(page);
  await page.goto(`${base}index.html#/round/${round.round}/invite`);
  const link = await page.getByTestId('invitation-link').inputValue({ timeout: 30_000 });
  await context.close();
  const code = link.split('#/join/')[1];
  if (!code) throw new Error(`unexpected invitation link: ${link}`);
  return code;
}

/** The example collaboration and its last round, read from storage once the app stored them. */
async function exampleRound(page) {
  await page.waitForFunction(() => {
    const ws = JSON.parse(localStorage.getItem('trellis.workspace') || 'null');
    return ws && ws.collaborations && ws.collaborations.some((c) => c.rounds.some((r) => r.id.startsWith('example-')));
  });
  return page.evaluate(() => {
    const ws = JSON.parse(localStorage.getItem('trellis.workspace'));
    const c = ws.collaborations.find((x) => x.rounds.some((r) => r.id.startsWith('example-')));
    return { collaboration: c.id, round: c.rounds[c.rounds.length - 1].id };
  });
}

/**
 * A respondent opens the invitation link on a phone: the first control, then the joining
 * steps done as fast as the page allows (start, organisation, role, Start), then the first
 * statement; and everything downloaded in the first 15 s, service worker included.
 */
async function respondentRun(browser, server, url, requireStarted) {
  const { context, page, recorder } = await phoneContext(browser, { requireStarted, join: true });
  try {
    server.reset();
    const t0 = now();
    await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__bench.statement !== undefined || window.__bench.error, null, { timeout: 60_000 });
    const marks = await page.evaluate(() => window.__bench);
    if (marks.error) throw new Error(`joining on ${url}: ${marks.error}`);
    await sleep(t0 + WINDOW_MS - now());
    const worker = await workerState(page);
    const bytes = downloads(server, recorder, t0);
    return {
      control: marks.control,
      statement: marks.statement,
      joined: marks.events.map((e) => `${e.type} ${e.target} at ${Math.round(e.at)}`),
      started: (marks.events.find((e) => e.type === 'submit') || {}).at,
      worker,
      bytes,
    };
  } finally {
    await context.close();
  }
}

/** A facilitator's first visit to the start page on the phone: bytes until the worker is active, then 15 s more. */
async function facilitatorRun(browser, server, base, requireStarted) {
  const { context, page, recorder } = await phoneContext(browser, { requireStarted, join: false });
  try {
    server.reset();
    const t0 = now();
    await page.goto(`${base}index.html`, { waitUntil: 'commit', timeout: 60_000 });
    await page.waitForFunction(() => window.__bench.control !== undefined, null, { timeout: 60_000 });
    const control = await page.evaluate(() => window.__bench.control);
    await page.waitForFunction(
      async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return Boolean(r && r.active && r.active.state === 'activated');
      },
      null,
      { timeout: 120_000, polling: 100 },
    );
    const activated = now() - t0;
    await sleep(WINDOW_MS);
    const sent = server.log();
    const sum = (list) => list.reduce((a, r) => a + r.body, 0);
    const zero = recorder.list.length ? recorder.list[0].start : 0;
    return {
      control,
      activated,
      body: sum(sent),
      headers: sent.reduce((a, r) => a + r.headers, 0),
      worker: sum(sent.filter((r) => r.from === 'service-worker')),
      page: sum(sent.filter((r) => r.from !== 'service-worker')),
      requests: sent.length,
      files: sent.map((r) => ({ from: r.from || 'page', file: r.path.replace(/^.*\//, ''), status: r.status, body: r.body, sent_at_ms: round(r.at - t0) })),
      last_arrival_ms: round(Math.max(0, ...recorder.list.filter((b) => b.end !== null).map((b) => (b.end - zero) * 1000))),
    };
  } finally {
    await context.close();
  }
}

// The sections a facilitator moves between, in this order.
const MOVES = [
  ['results', (r) => `/round/${r}/results`],
  ['plan', (r) => `/round/${r}/plan`],
  ['report', (r) => `/round/${r}/report`],
  ['import', (r) => `/round/${r}/import`],
  ['your data', () => '/data'],
];

/**
 * Runs in every page of the desktop context: after a move has begun (sessionStorage
 * holds its target route and the heading it left), records when a new `main h1` of the
 * started app shows at that route, as milliseconds since the epoch (a page load in
 * between keeps the clock comparable).
 */
function arrivalMarks(requireStarted) {
  const check = () => {
    const want = sessionStorage.getItem('bench.move.to');
    if (!want || window.__arrived) return;
    if (location.hash !== `#${want}`) return;
    if (requireStarted && !document.querySelector('#app[data-started]')) return;
    const h1 = document.querySelector('main h1');
    if (!h1) return;
    if (h1 === window.__leftHeading && h1.textContent === sessionStorage.getItem('bench.move.fromText')) return;
    window.__arrived = performance.timeOrigin + performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  addEventListener('hashchange', check);
}

/** Moves through the sections on a desktop (no throttling) and times each move. */
async function movesRun(browser, base, layout, requireStarted) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.addInitScript(arrivalMarks, requireStarted);
    await page.goto(`${base}index.html#/`);
    await page.getByTestId('add-example').click();
    const { collaboration, round: roundId } = await exampleRound(page);
    // A returning facilitator: the service worker holds the site (the old build's other
    // pages come from it), as after any earlier visit.
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 60_000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(`${base}index.html#/collaboration/${collaboration}`);
    await page.locator(requireStarted ? '[data-started] main h1' : 'main h1').waitFor();
    const results = {};
    for (const [name, routeOf] of MOVES) {
      const route = routeOf(roundId);
      const href = layout === 'pages' && oldPageOf(route) !== 'index.html' ? `${oldPageOf(route)}#${route}` : `#${route}`;
      const token = `${name}-${Date.now()}`;
      // Clicks the page's own link to the section when it has one, otherwise sets the
      // address as such a link would; the time starts just before.
      const how = await page.evaluate(
        ({ route, href, token }) => {
          const link = [...document.querySelectorAll('a[href]')].find((a) => a.getAttribute('href').endsWith(`#${route}`));
          window.__token = token;
          window.__arrived = undefined;
          window.__leftHeading = document.querySelector('main h1');
          sessionStorage.setItem('bench.move.fromText', window.__leftHeading ? window.__leftHeading.textContent : '');
          sessionStorage.setItem('bench.move.to', route);
          setTimeout(() => {
            sessionStorage.setItem('bench.move.start', String(performance.timeOrigin + performance.now()));
            if (link) link.click();
            else if (href.startsWith('#')) location.hash = href;
            else location.href = href;
          }, 0);
          return link ? 'link' : href.startsWith('#') ? 'address (hash)' : 'address (page)';
        },
        { route, href, token },
      );
      await page.waitForFunction(() => window.__arrived !== undefined, null, { timeout: 60_000 });
      const result = await page.evaluate((token) => ({
        ms: window.__arrived - Number(sessionStorage.getItem('bench.move.start')),
        pageLoad: window.__token !== token,
        heading: document.querySelector('main h1').textContent,
      }), token);
      results[name] = { ...result, how };
      await page.evaluate(() => sessionStorage.removeItem('bench.move.to'));
    }
    return results;
  } finally {
    await context.close();
  }
}

/** Installs the pinned Lighthouse if it is missing (scripts/lighthouse/package-lock.json). */
function ensureLighthouse() {
  if (fs.existsSync(LIGHTHOUSE)) return;
  log('installing the pinned Lighthouse (npm ci --prefix scripts/lighthouse)');
  const r = require('child_process').spawnSync('npm', ['ci', '--prefix', path.join(__dirname, 'lighthouse'), '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci --prefix scripts/lighthouse failed');
}

/** One Lighthouse run (mobile, performance only) against the running server. */
function lighthouseRun(url) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [LIGHTHOUSE, url, '--only-categories=performance', '--chrome-flags=--headless=new --no-sandbox', '--output=json', '--output-path=stdout', '--quiet'],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse failed (${code}): ${err.slice(-500)}`));
      const report = JSON.parse(out);
      if (report.runtimeError) return reject(new Error(`lighthouse: ${report.runtimeError.message}`));
      const audit = (id) => report.audits[id] && report.audits[id].numericValue;
      resolve({
        score: Math.round(report.categories.performance.score * 100),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        si: audit('speed-index'),
        bytes: audit('total-byte-weight'),
      });
    });
  });
}

// --- Summaries: each measure is { id, name, value, unit, runs, budget, at_most } ---

function measure(id, name, runs, unit, budget, atMost = true, digits = 0) {
  return { id, name, value: round(median(runs), digits), unit, runs: runs.map((x) => round(x, digits)), budget: budget ?? null, at_most: atMost };
}

async function main() {
  const opts = options();
  if (!fs.existsSync(path.join(opts.dist, 'index.html'))) throw new Error(`${opts.dist} has no index.html: build it first`);
  const layout = layoutOf(opts.dist);
  const server = createServer({ root: opts.dist, prefix: '/trellis/' });
  await server.start();
  server.warm();
  const base = server.base;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  const measures = [];
  const details = {};
  log(`${opts.dist} (${layout} layout) at ${base}, ${opts.runs} runs`);
  try {
    const code = await invitationCode(browser, base);
    if (opts.only.has('respondent')) {
      // The respondent's entry; and, for the one app, the same link opened on index.html.
      const entries = layout === 'one-app' ? ['answer.html', 'index.html'] : ['answer.html'];
      for (const entry of entries) {
        const requireStarted = hasStaticScreen(opts.dist, entry);
        const runs = [];
        for (let i = 0; i < opts.runs; i += 1) {
          runs.push(await respondentRun(browser, server, `${base}${entry}#/join/${code}`, requireStarted));
          log(`respondent on ${entry}, run ${i + 1}: control ${Math.round(runs[i].control)} ms, statement ${Math.round(runs[i].statement)} ms, ${kb(runs[i].bytes.body)} KB`);
        }
        const key = `respondent.${entry.replace('.html', '')}`;
        const label = `invitation on ${entry}`;
        measures.push(
          measure(`${key}.control`, `respondent, ${label}: first control tappable (phone)`, runs.map((r) => r.control), 'ms', BUDGETS.control),
          measure(`${key}.statement`, `respondent, ${label}: first statement clickable after joining (phone)`, runs.map((r) => r.statement), 'ms', BUDGETS.statement),
          measure(`${key}.after-start`, `respondent, ${label}: of which from tapping Start to the statement`, runs.map((r) => r.statement - r.started), 'ms', null),
          measure(`${key}.bytes`, `respondent, ${label}: downloaded in the first 15 s, brotli, service worker included`, runs.map((r) => r.bytes.body / 1024), 'KB', BUDGETS.respondentBytes, true, 1),
          measure(`${key}.bytes.worker`, `respondent, ${label}: of which the service worker's`, runs.map((r) => r.bytes.worker / 1024), 'KB', null, true, 1),
        );
        // The run with the median download, in full, for the waterfall.
        const sorted = [...runs].sort((a, b) => a.bytes.body - b.bytes.body);
        details[key] = { runs: runs.map((r) => ({ ...r, bytes: { ...r.bytes, waterfall: undefined } })), median_run: sorted[Math.floor(sorted.length / 2)] };
      }
    }
    if (opts.only.has('facilitator')) {
      const requireStarted = hasStaticScreen(opts.dist, 'index.html');
      const runs = [];
      for (let i = 0; i < opts.runs; i += 1) {
        runs.push(await facilitatorRun(browser, server, base, requireStarted));
        log(`facilitator first visit, run ${i + 1}: ${kb(runs[i].body)} KB, worker active at ${Math.round(runs[i].activated)} ms`);
      }
      measures.push(
        measure('facilitator.bytes', 'facilitator, first visit to the start page: downloaded, brotli, service worker included (until active + 15 s)', runs.map((r) => r.body / 1024), 'KB', BUDGETS.facilitatorBytes, true, 1),
        measure('facilitator.bytes.worker', 'facilitator, first visit: of which the service worker\'s', runs.map((r) => r.worker / 1024), 'KB', null, true, 1),
        measure('facilitator.control', 'facilitator, start page: first control tappable (phone)', runs.map((r) => r.control), 'ms', null),
        measure('facilitator.activated', 'facilitator, start page: service worker active (phone)', runs.map((r) => r.activated), 'ms', null),
      );
      const sorted = [...runs].sort((a, b) => a.body - b.body);
      details.facilitator = { runs: runs.map((r) => ({ ...r, files: undefined })), median_run: sorted[Math.floor(sorted.length / 2)] };
    }
    if (opts.only.has('moves')) {
      const requireStarted = hasStaticScreen(opts.dist, 'index.html');
      const runs = [];
      for (let i = 0; i < opts.runs; i += 1) {
        runs.push(await movesRun(browser, base, layout, requireStarted));
        log(`moves, run ${i + 1}: ${MOVES.map(([n]) => `${n} ${Math.round(runs[i][n].ms)} ms${runs[i][n].pageLoad ? ' (page load)' : ''}`).join(', ')}`);
      }
      for (const [name] of MOVES) {
        const loads = runs.filter((r) => r[name].pageLoad).length;
        const m = measure(`move.${name.replace(' ', '-')}`, `moving to ${name} (desktop, click to heading${loads ? `, page load in ${loads} of ${runs.length} runs` : ', no page load'})`, runs.map((r) => r[name].ms), 'ms', BUDGETS.move);
        m.page_load = loads > 0;
        m.how = runs[0][name].how;
        measures.push(m);
      }
      details.moves = runs;
    }
    if (opts.only.has('lighthouse')) {
      ensureLighthouse();
      // Lighthouse starts its own Chromium; ours is closed first so they do not compete.
      await browser.close();
      for (const [key, url] of [['index', `${base}index.html`], ['answer', `${base}answer.html#/join/${code}`]]) {
        const runs = [];
        for (let i = 0; i < opts.lighthouseRuns; i += 1) {
          runs.push(await lighthouseRun(url));
          log(`lighthouse ${key}, run ${i + 1}: score ${runs[i].score}, LCP ${Math.round(runs[i].lcp)} ms, TBT ${Math.round(runs[i].tbt)} ms`);
        }
        const page = key === 'index' ? 'start page (index.html)' : 'invitation link (answer.html#/join/…)';
        measures.push(
          measure(`lighthouse.${key}.score`, `Lighthouse 12 mobile performance, ${page}`, runs.map((r) => r.score), 'score', BUDGETS.lighthouse, false),
          measure(`lighthouse.${key}.lcp`, `Lighthouse, ${page}: largest contentful paint`, runs.map((r) => r.lcp), 'ms', null),
          measure(`lighthouse.${key}.tbt`, `Lighthouse, ${page}: total blocking time`, runs.map((r) => r.tbt), 'ms', null),
          measure(`lighthouse.${key}.bytes`, `Lighthouse, ${page}: total byte weight (page load only, not the service worker's)`, runs.map((r) => r.bytes / 1024), 'KB', null, true, 1),
        );
      }
    }
  } finally {
    if (browser.isConnected()) await browser.close();
    await server.stop();
  }
  const out = {
    dist: opts.dist,
    layout,
    runs: opts.runs,
    lighthouse_runs: opts.lighthouseRuns,
    measured: new Date().toISOString(),
    bundles: fs.readdirSync(opts.dist).filter((f) => f.endsWith('.wasm')),
    load_average: require('os').loadavg().map((x) => round(x, 2)),
    phone: { network: PHONE_NETWORK, cpu_slowdown: PHONE_CPU, ...PHONE_SCREEN },
    measures,
    details,
  };
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
