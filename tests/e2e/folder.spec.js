// Answers from a folder and co-facilitators through a shared file. Playwright cannot
// drive the browser's own folder and file pickers, so an init script stands in for the
// File System Access API with handles backed by data the test controls: a folder that
// gains files between two checks, and one shared file two browser contexts (two
// facilitators) read and write. The directory input (browsers without the API) gets a
// real temporary folder through setInputFiles.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const { open, watchForTrouble, createCollaboration, expect, storedWorkspace, instrument, statementIds, domainsIn } = require('./support');

const SHOTS = path.join(__dirname, '..', '..', 'target', 'screenshots');

/** A fake folder picker over `window.__folder` (name -> [text, lastModified]). */
function fakeFolder() {
  window.__folder = {};
  window.__permission = 'granted';
  window.__answer = 'granted';
  const file = (name) => ({ kind: 'file', name, getFile: async () => new File([window.__folder[name][0]], name, { lastModified: window.__folder[name][1] }) });
  const folder = {
    kind: 'directory',
    name: 'Answers',
    async *values() {
      for (const name of Object.keys(window.__folder)) yield file(name);
    },
    queryPermission: async () => window.__permission,
    requestPermission: async () => window.__answer,
  };
  window.showDirectoryPicker = async () => folder;
}

/** A response file for `round` from partner `org`, answering every full-round statement with 4. */
function responseFile(ws, k, org) {
  const c = ws.collaborations[0];
  const answers = Object.fromEntries(statementIds(instrument, 'full').map((id) => [id, 4]));
  return JSON.stringify({
    trellis: 'response', format: 1, instrument: 'trellis', version: instrument.version,
    response: { id: `folder-${k}`, round_id: c.rounds[0].id, organisation: c.partners[org].id, role: 'manager', answers, levels: {}, comments: {}, started: 1, updated: 2, submitted: 3 },
  });
}

test('a folder that gains files between two checks is read once, file by file', async ({ page }) => {
  const trouble = watchForTrouble(page);
  await page.addInitScript(fakeFolder);
  await createCollaboration(page, { name: 'Folder alliance', partners: ['Trust', 'Council'] });
  const ws = await storedWorkspace(page);
  const round = ws.collaborations[0].rounds[0].id;
  const put = (name, text, at) => page.evaluate(([n, t, a]) => { window.__folder[n] = [t, a]; }, [name, text, at]);
  await put('one.json', responseFile(ws, 1, 0), 1000);
  await put('two.json', responseFile(ws, 2, 1), 1000);
  await put('notes.docx', 'not answers', 1000);
  await open(page, `#/round/${round}/import`);
  const folder = page.getByTestId('folder');
  await folder.getByRole('button', { name: 'Open a folder of answers' }).click();
  await expect(folder.getByTestId('folder-note')).toContainText('Reading 2 new or changed files from ‘Answers’');
  await page.getByRole('button', { name: /^Add 2/ }).click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(folder.getByTestId('folder-in-use')).toContainText('2 files read');

  // The folder gains a file (a respondent saved it there); one check reads only that one.
  await put('three.json', responseFile(ws, 3, 0), 2000);
  await folder.getByRole('button', { name: 'Check for new answers' }).click();
  await expect(folder.getByTestId('folder-note')).toContainText('Reading 1 new or changed file from');
  await page.getByRole('button', { name: /^Add 1/ }).click();
  await expect(page.getByTestId('received').getByRole('row')).toHaveCount(4);
  await folder.getByRole('button', { name: 'Check for new answers' }).click();
  await expect(folder.getByTestId('folder-note')).toContainText('No new answers in ‘Answers’');

  await page.setViewportSize({ width: 375, height: 800 });
  await folder.screenshot({ path: path.join(SHOTS, 'folder-375.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await folder.screenshot({ path: path.join(SHOTS, 'folder-desktop.png') });
  const axe = await new AxeBuilder({ page }).include('[data-testid="folder"]').analyze();
  expect(axe.violations).toEqual([]);

  // Permission withdrawn: said plainly, nothing read.
  await page.evaluate(() => { window.__permission = 'prompt'; window.__answer = 'denied'; });
  await folder.getByRole('button', { name: 'Check for new answers' }).click();
  await expect(folder.getByTestId('folder-note')).toContainText('Trellis needs your permission to use ‘Answers’');

  expect(trouble).toEqual([]);
});

test('the files read survive a reload, and only a changed file is read again', async ({ page }) => {
  await page.addInitScript(fakeFolder);
  await createCollaboration(page, { name: 'Reload alliance', partners: ['Trust', 'Council'] });
  const ws = await storedWorkspace(page);
  const round = ws.collaborations[0].rounds[0].id;
  const fill = (files) => page.evaluate((f) => { window.__folder = f; }, files);
  const files = { 'one.json': [responseFile(ws, 1, 0), 1000], 'two.json': [responseFile(ws, 2, 1), 1000] };
  await open(page, `#/round/${round}/import`);
  await fill(files);
  const folder = page.getByTestId('folder');
  await folder.getByRole('button', { name: 'Open a folder of answers' }).click();
  await page.getByRole('button', { name: /^Add 2/ }).click();
  await page.reload();
  await expect(folder.getByTestId('folder-in-use')).toContainText('‘Answers’. 2 files read');
  await fill({ ...files, 'two.json': [responseFile(ws, 2, 0), 5000] });
  await folder.getByRole('button', { name: 'Open a folder of answers' }).click();
  await expect(folder.getByTestId('folder-note')).toContainText('Reading 1 new or changed file');
  await expect(folder.getByTestId('folder-note')).toContainText('could not keep access to the folder');
});

test('without the API, a directory input reads a real folder that gains files', async ({ page }) => {
  await page.addInitScript(() => { window.showDirectoryPicker = undefined; });
  await createCollaboration(page, { name: 'Input alliance', partners: ['Trust', 'Council'] });
  const ws = await storedWorkspace(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-folder-'));
  fs.writeFileSync(path.join(dir, 'one.json'), responseFile(ws, 1, 0));
  await open(page, `#/round/${ws.collaborations[0].rounds[0].id}/import`);
  const input = page.getByLabel('Choose the folder of answers');
  await input.setInputFiles(dir);
  await expect(page.getByTestId('folder-note')).toContainText('Reading 1 new or changed file');
  await page.getByRole('button', { name: /^Add 1/ }).click();
  fs.writeFileSync(path.join(dir, 'two.json'), responseFile(ws, 2, 1));
  await input.setInputFiles(dir);
  await expect(page.getByTestId('folder-note')).toContainText('Reading 1 new or changed file');
  await page.getByRole('button', { name: /^Add 1/ }).click();
  await expect(page.getByTestId('received').getByRole('row')).toHaveCount(3);
});

test('a browser that can pick no folder at all says so and keeps the file picker', async ({ page }) => {
  await page.addInitScript(() => {
    window.showDirectoryPicker = undefined;
    delete HTMLInputElement.prototype.webkitdirectory;
  });
  await createCollaboration(page, { name: 'Plain alliance', partners: ['Trust', 'Council'] });
  const ws = await storedWorkspace(page);
  await open(page, `#/round/${ws.collaborations[0].rounds[0].id}/import`);
  await expect(page.getByTestId('folder')).toContainText('This browser cannot open a folder. Open the files themselves above instead');
  await expect(page.getByRole('button', { name: 'Open a folder of answers' })).toHaveCount(0);
  await expect(page.getByLabel('Choose the folder of answers')).toHaveCount(0);
  const one = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-plain-')), 'one.json');
  fs.writeFileSync(one, responseFile(ws, 1, 0));
  await page.locator('input[type="file"]').first().setInputFiles(one);
  await page.getByRole('button', { name: /^Add 1/ }).click();
  await expect(page.getByTestId('received').getByRole('row')).toHaveCount(2);
});

/** Fake file pickers over one shared file, kept by the test (window.sharedRead/sharedWrite). */
function fakeSharedFile() {
  const handle = {
    kind: 'file',
    name: 'trellis-shared.json',
    getFile: async () => new File([await window.sharedRead()], 'trellis-shared.json'),
    createWritable: async () => {
      let text = '';
      return { write: async (t) => { text += t; }, close: async () => window.sharedWrite(text) };
    },
    queryPermission: async () => 'granted',
    requestPermission: async () => 'granted',
  };
  window.showSaveFilePicker = async () => handle;
  window.showOpenFilePicker = async () => [handle];
}

/** Retitles the action titled `from` on the plan of `round`. */
async function retitleAction(page, round, from, title) {
  await open(page, `#/round/${round}/plan`);
  const found = page.getByTestId('plan').getByTestId(/^plan-item-/).filter({ hasText: from });
  const item = page.getByTestId(await found.first().getAttribute('data-testid'));
  await item.getByRole('button', { name: /^Edit/ }).click();
  await item.getByLabel('What will be done').fill(title);
  await item.getByRole('button', { name: 'Save the action' }).click();
  await expect(page.getByTestId('plan')).toContainText(title);
}

/**
 * Two facilitators' browsers, A and B, sharing one file kept here. Either one's access to
 * it can be held (their browser's reads, or only its writes, wait until released), so a
 * test decides the order in which two syncs running at once reach the file, as a slow
 * synchronised folder would. A sets up the example collaboration and links it; B opens it.
 */
async function twoFacilitators(browser) {
  const shared = { text: '' };
  const gates = {};
  const gate = async (who, writing) => {
    while (gates[who] && (writing || !gates[who].writesOnly)) {
      const g = gates[who];
      if (!g.armed) { g.armed = true; return; }
      g.engaged();
      await g.promise;
    }
  };
  /** Holds `who`'s reads and writes (after `reads` more reads; or `writesOnly`) until released. */
  const hold = (who, { reads = 0, writesOnly = false } = {}) => {
    let release;
    let engaged;
    const ready = new Promise((r) => { engaged = r; });
    const promise = new Promise((r) => { release = r; });
    gates[who] = { promise, engaged, armed: reads === 0, writesOnly };
    return { ready, release: () => { delete gates[who]; release(); } };
  };
  const facilitator = async (who) => {
    const context = await browser.newContext();
    await context.exposeBinding('sharedRead', async () => { await gate(who, false); return shared.text; });
    await context.exposeBinding('sharedWrite', async (_, text) => { await gate(who, true); shared.text = text; });
    await context.addInitScript(fakeSharedFile);
    return context.newPage();
  };
  const a = await facilitator('a');
  const b = await facilitator('b');
  const trouble = [watchForTrouble(a), watchForTrouble(b)];
  await open(a, '#/');
  await a.getByTestId('add-example').click();
  const ws = await storedWorkspace(a);
  const c = ws.collaborations[0];
  const round = c.rounds[c.rounds.length - 1].id;
  await open(a, `#/collaboration/${c.id}`);
  await a.getByRole('button', { name: 'Create a shared file' }).click();
  await expect(a.getByTestId('shared-linked')).toContainText('trellis-shared.json');
  await expect.poll(() => shared.text).toContain(c.id);

  await open(b, '#/');
  await b.getByRole('button', { name: 'Open a collaboration shared with you' }).click();
  await expect(b.getByRole('heading', { level: 1, name: c.name })).toBeVisible();
  await expect(b.getByTestId('shared-linked')).toBeVisible();

  /** Presses "Sync now" and waits until that sync (and any it queued behind) has finished. */
  const syncNow = async (page) => {
    const section = page.getByTestId('shared');
    const before = Number(await section.getAttribute('data-syncs'));
    await section.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(async () => [Number(await section.getAttribute('data-syncs')) > before, await section.getAttribute('data-busy')])
      .toEqual([true, 'false']);
  };
  const stored = async (page) =>
    (await storedWorkspace(page)).collaborations.find((x) => x.id === c.id).rounds.find((r) => r.id === round);
  const retitle = (page, from, title) => retitleAction(page, round, from, title);
  return { a, b, shared, hold, c, round, syncNow, stored, retitle, trouble };
}

test('two facilitators editing one round end with the union, and a real conflict is chosen', async ({ browser }) => {
  const { a, b, shared, hold, c, round, syncNow, stored, retitle, trouble } = await twoFacilitators(browser);

  // Each adds an action and agrees a level, on different topics, at the same time; B's
  // browser cannot reach the file until A has written theirs.
  const [first, second] = domainsIn(instrument, c.rounds[c.rounds.length - 1].mode);
  const work = async (page, who, domain, level) => {
    await open(page, `#/round/${round}/plan`);
    const own = page.getByTestId('new-action');
    await own.getByLabel('Topic').selectOption(domain.id);
    await own.getByLabel('What will be done').fill(`Action from ${who}`);
    await own.getByRole('button', { name: 'Add to the plan' }).click();
    await expect(page.getByTestId('plan')).toContainText(`Action from ${who}`);
    await open(page, `#/round/${round}/consensus`);
    await page.getByTestId(`consensus-${domain.id}`).getByLabel(new RegExp(`^${level} `)).check();
  };
  const heldB = hold('b');
  await work(a, 'A', first, 2);
  await work(b, 'B', second, 3);
  await syncNow(a);
  expect(shared.text).toContain('Action from A');
  expect(shared.text).not.toContain('Action from B');
  // B's automatic sync, waiting all this while, now reads A's work and writes the union.
  heldB.release();
  await expect.poll(() => shared.text).toContain('Action from B');
  expect(shared.text).toContain('Action from A');
  await open(b, `#/collaboration/${c.id}`);
  await syncNow(b);
  await open(a, `#/collaboration/${c.id}`);
  await syncNow(a);
  await expect(a.getByTestId('shared-note')).toContainText('adds 1 action');
  for (const page of [a, b]) {
    const mine = await stored(page);
    expect(mine.plan.map((i) => i.title)).toEqual(expect.arrayContaining(['Action from A', 'Action from B']));
    expect(mine.consensus[first.id].level).toBe(2);
    expect(mine.consensus[second.id].level).toBe(3);
  }

  // Both change the same action. A's sync is held until B's has read the file, then B's
  // is held after that read while A's writes: B's sync must notice the file changed under
  // it, start over, and show the conflict rather than write over A's version.
  const heldA = hold('a');
  await retitle(a, 'Action from A', 'Action from A, as A has it');
  await retitle(b, 'Action from A', 'Action from A, as B has it');
  const heldB2 = hold('b', { reads: 1 });
  await heldB2.ready;
  heldA.release();
  await expect.poll(() => shared.text).toContain('Action from A, as A has it');
  heldB2.release();
  const conflict = b.getByTestId('shared-conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('as A has it');
  await expect(conflict).toContainText('as B has it');
  expect(shared.text).not.toContain('as B has it');
  await expect(a.getByTestId('shared-conflict')).toHaveCount(0);
  await b.setViewportSize({ width: 375, height: 800 });
  await b.getByTestId('shared').screenshot({ path: path.join(SHOTS, 'shared-conflict-375.png') });
  await b.setViewportSize({ width: 1280, height: 800 });
  await b.getByTestId('shared').screenshot({ path: path.join(SHOTS, 'shared-conflict-desktop.png') });
  const axe = await new AxeBuilder({ page: b }).include('[data-testid="shared"]').analyze();
  expect(axe.violations).toEqual([]);
  await conflict.getByLabel(/^Keep theirs/).check();
  const section = b.getByTestId('shared');
  const before = Number(await section.getAttribute('data-syncs'));
  await b.getByRole('button', { name: 'Apply choices and sync' }).click();
  await expect(b.getByTestId('shared-conflicts')).toHaveCount(0);
  await expect.poll(async () => Number(await section.getAttribute('data-syncs'))).toBeGreaterThan(before);
  await open(a, `#/collaboration/${c.id}`);
  await syncNow(a);
  for (const page of [a, b]) {
    const titles = (await stored(page)).plan.map((i) => i.title);
    expect(titles).toContain('Action from A, as A has it');
    expect(titles).not.toContain('Action from A, as B has it');
    expect(titles).toContain('Action from B');
  }

  // A sync waiting for the file when its page is left still takes in what came and
  // writes, and a change made meanwhile on another page is kept.
  const heldA2 = hold('a');
  await open(a, `#/round/${round}/plan`);
  const addAction = async (page, title) => {
    const own = page.getByTestId('new-action');
    await own.getByLabel('Topic').selectOption(first.id);
    await own.getByLabel('What will be done').fill(title);
    await own.getByRole('button', { name: 'Add to the plan' }).click();
    await expect(page.getByTestId('plan')).toContainText(title);
  };
  await addAction(a, 'Late from A');
  await heldA2.ready;
  await open(b, `#/round/${round}/plan`);
  await addAction(b, 'Late from B');
  await expect.poll(() => shared.text).toContain('Late from B');
  const third = domainsIn(instrument, c.rounds[c.rounds.length - 1].mode)[2];
  await open(a, `#/round/${round}/consensus`);
  await a.getByTestId(`consensus-${third.id}`).getByLabel(/^4 /).check();
  await open(a, `#/round/${round}/results`);
  heldA2.release();
  await expect.poll(() => shared.text).toContain('Late from A');
  await expect.poll(async () => (await stored(a)).plan.map((i) => i.title)).toContain('Late from B');
  expect((await stored(a)).consensus[third.id].level).toBe(4);

  expect(trouble).toEqual([[], []]);
});

test('two writes that cross in the folder: the one written over is asked, not lost', async ({ browser }) => {
  const { a, b, shared, hold, c, round, syncNow, stored, retitle, trouble } = await twoFacilitators(browser);
  const planned = c.rounds[c.rounds.length - 1].plan[0].title;
  // A's sync waits; B's reads the file (still without A's change) and then waits to write.
  const heldA = hold('a');
  await retitle(a, planned, 'As A has it');
  const heldB = hold('b', { writesOnly: true });
  await retitle(b, planned, 'As B has it');
  await heldB.ready;
  // A writes first; then B's write, made from the older file, lands over it, as a
  // synchronised folder keeps the later of two copies.
  heldA.release();
  await expect.poll(() => shared.text).toContain('As A has it');
  heldB.release();
  await expect.poll(() => shared.text).toContain('As B has it');
  expect(shared.text).not.toContain('As A has it');
  // A has not changed the action since writing, but B never saw A's version: A is asked.
  await open(a, `#/collaboration/${c.id}`);
  await syncNow(a);
  const conflict = a.getByTestId('shared-conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByLabel(/^Keep mine/)).toHaveAccessibleName(/As A has it/);
  await expect(conflict.getByLabel(/^Keep theirs/)).toHaveAccessibleName(/As B has it/);
  await conflict.getByLabel(/^Keep mine/).check();
  await a.getByRole('button', { name: 'Apply choices and sync' }).click();
  await expect(a.getByTestId('shared-conflicts')).toHaveCount(0);
  await expect.poll(() => shared.text).toContain('As A has it');
  // B, who has not changed it since, takes A's choice without being asked.
  await open(b, `#/collaboration/${c.id}`);
  await syncNow(b);
  await expect(b.getByTestId('shared-conflict')).toHaveCount(0);
  for (const page of [a, b]) {
    const titles = (await stored(page)).plan.map((i) => i.title);
    expect(titles).toContain('As A has it');
    expect(titles).not.toContain('As B has it');
  }
  expect(trouble).toEqual([[], []]);
});

test('without file handles, co-facilitators save and open the shared file by hand, with the same conflicts', async ({ browser }) => {
  const facilitator = async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript(() => { window.showSaveFilePicker = undefined; window.showOpenFilePicker = undefined; });
    return context.newPage();
  };
  const a = await facilitator();
  const b = await facilitator();
  const trouble = watchForTrouble(b);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-by-hand-'));
  /** Saves `page`'s shared file into the "shared folder" and returns its path. */
  const save = async (page) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the shared file' }).click(),
    ]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return file;
  };
  await open(a, '#/');
  await a.getByTestId('add-example').click();
  const c = (await storedWorkspace(a)).collaborations[0];
  const round = c.rounds[c.rounds.length - 1].id;
  await open(a, `#/collaboration/${c.id}`);
  const shared = a.getByTestId('shared');
  await expect(shared).toContainText('This browser cannot keep a file open for Trellis, so share by hand');
  await expect(a.getByRole('button', { name: 'Open a collaboration shared with you' })).toHaveCount(0);
  let file = await save(a);

  // B takes the collaboration in from the data page, then both change the same action.
  await open(b, '#/data');
  await b.getByLabel('Choose a round or collaboration file').setInputFiles(file);
  await b.getByTestId('open-file-confirm').click();
  const retitle = (page, from, title) => retitleAction(page, round, from, title);
  const planned = c.rounds[c.rounds.length - 1].plan[0].title;
  await open(b, `#/collaboration/${c.id}`);
  await b.getByRole('button', { name: 'Save the shared file' }).click();
  await retitle(a, planned, 'As A has it');
  await retitle(b, planned, 'As B has it');
  await open(a, `#/collaboration/${c.id}`);
  file = await save(a);
  await open(b, `#/collaboration/${c.id}`);
  await b.getByLabel('Open the shared file').setInputFiles(file);
  const conflict = b.getByTestId('shared-conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('As A has it');
  await expect(conflict).toContainText('As B has it');
  await conflict.getByLabel(/^Keep mine/).check();
  await b.getByRole('button', { name: 'Apply choices and sync' }).click();
  await expect(b.getByTestId('shared-conflicts')).toHaveCount(0);
  const titles = async (page) =>
    (await storedWorkspace(page)).collaborations.find((x) => x.id === c.id).rounds.find((r) => r.id === round).plan.map((i) => i.title);
  await expect.poll(() => titles(b)).toContain('As B has it');
  expect(await titles(b)).not.toContain('As A has it');

  // B saves; A opens it: B's choice wins there too, without asking A again.
  file = await save(b);
  await a.getByLabel('Open the shared file').setInputFiles(file);
  await expect(a.getByTestId('shared-conflict')).toHaveCount(0);
  await expect(a.getByTestId('shared-note')).toContainText('Synced');
  await expect.poll(() => titles(a)).toContain('As B has it');
  expect(await titles(a)).not.toContain('As A has it');
  expect(trouble).toEqual([]);
});
