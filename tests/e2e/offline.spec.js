// The three ways Trellis is used: offline after the first load (service worker), updated
// in place when a new version is deployed, and embedded in an intranet page on another
// origin; plus the lock-down: no request off the app's origin, an active
// Content-Security-Policy, and an installable manifest.
const { test } = require('@playwright/test');
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const {
  open, watchForTrouble, createCollaboration, expect, heading, questions, answer, modeChoice, instrument, domainsIn,
} = require('./support');

const SITE = path.join(__dirname, '..', '..', 'target', 'e2e-site');
const PORT = Number(process.env.TRELLIS_E2E_PORT || 8765);
const APP = `http://127.0.0.1:${PORT}`;

/** Waits until the service worker controls the page, so reloads come from its cache. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
    timeout: 15_000,
  });
}

/** Answers every statement on the current topic page with `value`. */
async function answerTopic(page, value) {
  const groups = questions(page);
  for (let i = 0; i < (await groups.count()); i += 1) {
    await answer(groups.nth(i), value).check();
  }
}

/** The files the service worker of this build has stored, as paths after the site's folder. */
async function storedFiles(page) {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('trellis-'));
    const urls = [];
    for (const name of names) urls.push(...(await (await caches.open(name)).keys()).map((r) => r.url));
    return urls.map((u) => new URL(u).pathname.replace(/^\/[^/]+\//, ''));
  });
}

// The app's own bundle is `trellis-<hash>_bg.wasm`; the respondent's is `trellis-answer-<hash>_bg.wasm`.
const APP_BUNDLE = /^trellis-[0-9a-f]{8,16}_bg\.wasm$/;
const RESPONDENT_BUNDLE = /^trellis-answer-[0-9a-f]{8,16}_bg\.wasm$/;

test('offline after the first load: a respondent reopens the invitation, answers and reloads', async ({ page, browser }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, { name: 'Coastal care network', partners: ['Coastal Trust', 'Coastal Council'], mode: 'quick' });
  await page.getByRole('link', { name: 'Invite' }).click();
  const link = await page.getByTestId('invitation-link').inputValue();

  // A respondent opens the invitation once, then loses the network.
  const respondent = await browser.newContext();
  const phone = await respondent.newPage();
  const phoneProblems = watchForTrouble(phone);
  await phone.goto(link);
  await expect(heading(phone)).toContainText('Coastal care network');
  await controlled(phone);
  // What the worker keeps for a respondent is the respondent's entry, never the
  // facilitator's bundle.
  const kept = await storedFiles(phone);
  expect(kept.filter((f) => RESPONDENT_BUNDLE.test(f))).toHaveLength(1);
  expect(kept.filter((f) => APP_BUNDLE.test(f))).toEqual([]);
  await respondent.setOffline(true);
  await phone.reload();
  await expect(heading(phone)).toContainText('Coastal care network');
  await phone.getByTestId('join-start').click();
  await phone.getByLabel('Your organisation').selectOption({ label: 'Coastal Council' });
  await phone.getByLabel('Manager').check();
  await phone.getByRole('button', { name: 'Start' }).click();
  await answerTopic(phone, '4');
  const asked = await questions(phone).count();
  expect(asked).toBeGreaterThan(0);
  await phone.reload();
  // Counted before the reload: counting after it could run before the page is back.
  const checked = answer(questions(phone), '4', { checked: true });
  await expect(checked).toHaveCount(asked);
  await respondent.close();
  expect(phoneProblems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);

  // The facilitator's browser, offline: the app, its sections, and an address from an
  // earlier build (one page per section), which forwards to the same route of the app.
  await controlled(page);
  const facilitatorKept = await storedFiles(page);
  expect(facilitatorKept.filter((f) => APP_BUNDLE.test(f))).toHaveLength(1);
  expect(facilitatorKept.filter((f) => RESPONDENT_BUNDLE.test(f))).toEqual([]);
  await page.context().setOffline(true);
  await page.goto(`${APP}/trellis/facilitate.html#/about`);
  await expect(page).toHaveURL(/\/trellis\/index\.html#\/about$/);
  await expect(heading(page)).toHaveText('About the method');
  await page.getByRole('link', { name: 'Trellis' }).first().click();
  await expect(page.getByRole('link', { name: 'Coastal care network' })).toBeVisible();
  await page.context().setOffline(false);
  expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('a new version is offered, accepted, and nothing entered is lost', async ({ page }) => {
  // Version A is deployed under /update/.
  const dir = path.join(SITE, 'update');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(SITE, 'trellis'), dir, { recursive: true });
  const problems = watchForTrouble(page);
  await page.goto(`${APP}/update/index.html#/`);
  await expect(heading(page)).toBeVisible();
  await controlled(page);
  await page.getByRole('link', { name: 'Set up a collaboration' }).first().click();
  await page.getByLabel('Name of the collaboration').fill('Kept across the update');
  await page.getByLabel('Partner organisations').fill('One\nTwo');
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kept across the update' })).toBeVisible();
  await expect(page.getByTestId('update-ready')).toHaveCount(0);

  // Version B: a different build (here: the worker's version and a marker in each page).
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  fs.writeFileSync(path.join(dir, 'sw.js'), sw.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1b'"));
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));
  // The two entries, and the addresses of earlier builds that forward to the app.
  expect(pages.sort()).toEqual(['answer.html', 'collect.html', 'data.html', 'facilitate.html', 'index.html', 'plan.html', 'progress.html', 'reports.html']);
  for (const p of pages) {
    const html = fs.readFileSync(path.join(dir, p), 'utf8');
    fs.writeFileSync(path.join(dir, p), html.replace('<title>', '<meta name="trellis-build" content="B" /><title>'));
  }
  // A real deployment comes minutes later; here B may be written in the same second as A,
  // and the test server's Last-Modified has one-second resolution, so date B later.
  const later = new Date(Date.now() + 10_000);
  for (const f of ['sw.js', ...pages]) fs.utimesSync(path.join(dir, f), later, later);
  await page.reload();
  await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('meta[name="trellis-build"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reload with the new version' }).click();
  await expect(page.locator('meta[name="trellis-build"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Kept across the update' })).toBeVisible();
  // The old build's cache is gone.
  const caches = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('trellis-')));
  expect(caches).toHaveLength(1);
  expect(caches[0]).toMatch(/b$/);
  expect(problems).toEqual([]);
});

test('embedded in an intranet page on another origin: compact, and the host hears of a sent response', async ({ page }) => {
  const config = path.join(SITE, 'trellis', 'config.json');
  const hostDir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'trellis-host-'));
  const hostPort = PORT + 1;
  fs.writeFileSync(
    path.join(hostDir, 'host.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Intranet</title></head><body>
<h1>Shire intranet</h1><iframe id="app" title="Trellis" width="900" height="700"></iframe>
<script>window.received = []; addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));</script>
</body></html>`,
  );
  fs.writeFileSync(config, JSON.stringify({ organisation: 'NHS Shire ICB', host_origin: `http://127.0.0.1:${hostPort}` }));
  const host = spawn('python3', ['-m', 'http.server', String(hostPort), '--bind', '127.0.0.1', '--directory', hostDir], { stdio: 'ignore' });
  try {
    const problems = watchForTrouble(page);
    await createCollaboration(page, { name: 'Embedded alliance', partners: ['Shire Trust', 'Shire Council'], mode: 'quick' });
    await expect(page.getByTestId('host-name')).toHaveText('NHS Shire ICB');
    const round = await page.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')).collaborations[0].rounds[0].id);

    await expect.poll(async () => (await fetch(`http://127.0.0.1:${hostPort}/host.html`).catch(() => ({ ok: false }))).ok).toBe(true);
    await page.goto(`http://127.0.0.1:${hostPort}/host.html`);
    await page.evaluate((src) => { document.getElementById('app').src = src; }, `${APP}/trellis/index.html?embed=1#/round/${round}/answer`);
    const frame = page.frameLocator('#app');
    await expect(heading(frame)).toBeVisible();
    await expect(frame.getByRole('banner', { includeHidden: true })).toHaveCount(0);
    await frame.getByLabel('Your organisation').selectOption({ label: 'Shire Council' });
    await frame.getByLabel('Manager').check();
    await frame.getByRole('button', { name: 'Start' }).click();
    for (let topic = 1; topic <= domainsIn(instrument, 'quick').length; topic += 1) {
      const groups = questions(frame);
      await expect(groups.first()).toBeVisible();
      for (let i = 0; i < (await groups.count()); i += 1) await answer(groups.nth(i), '3').check();
      await frame.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
    }
    await frame.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.evaluate(() => window.received.length)).toBeGreaterThan(0);
    const received = await page.evaluate(() => window.received);
    expect(received[0].origin).toBe(APP);
    expect(received[0].data).toMatchObject({ source: 'trellis', type: 'response-sent', round });
    expect(received[0].data.answers).toBeUndefined();
    expect(problems, problems.join('\n')).toEqual([]);
  } finally {
    host.kill();
    fs.rmSync(config, { force: true });
  }
});

test('no request ever leaves the app origin during a full tour', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const problems = watchForTrouble(page);
  page.on('dialog', (d) => d.accept());
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  await page.getByTestId('collaborations').getByRole('link').first().click();
  await page.getByTestId('round-Round 2 (example)').getByRole('link', { name: 'See results' }).click();
  for (const name of ['Each statement in detail', 'Targets and action plan', 'Board report']) {
    await page.getByRole('link', { name }).first().click();
    await expect(heading(page)).toBeVisible();
    await page.goBack();
  }
  await page.getByRole('link', { name: 'Progress over time' }).click();
  await expect(page.getByTestId('trends')).toBeVisible();
  await page.goto(`./index.html#/round/example-20231103-r2/import`);
  await expect(heading(page)).toBeVisible();
  await page.goto('./#/round/example-20231103-r2/answer');
  await expect(heading(page)).toBeVisible();
  expect(requests.length).toBeGreaterThan(10);
  const foreign = requests.filter((u) => !u.startsWith(`${APP}/`) && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

test('the Content-Security-Policy is active and blocks injected inline script', async ({ page }) => {
  await open(page, '#/');
  const result = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.appendChild(script);
    await new Promise((r) => setTimeout(r, 200));
    return { violations, injected: window.__injected === true };
  });
  expect(result.injected).toBe(false);
  expect(result.violations).toContain('script-src-elem');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'self'"]) {
    expect(csp).toContain(part);
  }
  // Scripts and styles carry subresource integrity.
  for (const selector of ['script[src$="boot.js"]', 'link[rel="modulepreload"]', 'link[rel="stylesheet"]']) {
    const values = await page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute('integrity')));
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).toMatch(/^sha384-/);
  }
});

test('installable: a valid manifest, icons, and a worker that controls the page', async ({ page, request }) => {
  await open(page, '#/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(`./${href}`)).json();
  expect(manifest).toMatchObject({ short_name: 'Trellis', start_url: './index.html', scope: './', display: 'standalone' });
  const sizes = manifest.icons.map((i) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const response = await request.get(`./${icon.src}`);
    expect(response.ok()).toBe(true);
    expect(response.headers()['content-type']).toBe('image/png');
    const bytes = await response.body();
    const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    expect(`${w}x${h}`).toBe(icon.sizes);
  }
  await controlled(page);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${APP}/trellis/`);
});

test('a broken config.json is explained in the page and the defaults are used', async ({ page }) => {
  const config = path.join(SITE, 'trellis', 'config.json');
  fs.writeFileSync(config, JSON.stringify({ organisation: 'NHS Shire ICB', mode: 'shortest', logo: 'https://cdn.example.com/logo.png' }));
  try {
    const problems = watchForTrouble(page);
    await open(page, '#/');
    const notice = page.getByTestId('config-problems');
    await expect(notice).toContainText('config.json');
    await expect(notice).toContainText('"mode": there is no questionnaire mode "shortest"');
    await expect(notice).toContainText('"logo"');
    // The valid setting still applies; the bad ones fall back to the defaults.
    await expect(page.getByTestId('host-name')).toHaveText('NHS Shire ICB');
    await expect(page.getByTestId('host-logo')).toHaveCount(0);
    await page.getByRole('link', { name: 'Set up a collaboration' }).first().click();
    await expect(modeChoice(page, 'full')).toBeChecked();
    expect(problems).toEqual([]);
  } finally {
    fs.rmSync(config, { force: true });
  }
});
