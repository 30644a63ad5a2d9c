// Data safety in the browser: two tabs editing at once, deleting with undo, damaged
// storage planted before load, a full store, hostile text, and backup then restore.
const { test } = require('@playwright/test');
const fs = require('fs');
const path = require('path');
const {
  open, watchForTrouble, createCollaboration, plantResponses, storedWorkspace, expect, heading, questions, answer, rows,
  instrument, statementsIn,
} = require('./support');

const KEY = 'trellis.workspace';
const stored = storedWorkspace;

async function addRound(page, name) {
  await page.getByLabel('Round name').fill(name);
  await page.getByRole('button', { name: 'Add a round' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Round added.' })).toBeVisible();
}

test('two tabs on one workspace: each sees the other, and editing at once loses nothing', async ({ page, context }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, { name: 'Two tab alliance', partners: ['North', 'South'] });
  const address = page.url();
  const other = await context.newPage();
  await other.goto(address);
  await expect(other.getByRole('heading', { level: 1, name: 'Two tab alliance' })).toBeVisible();
  // Both add a round without reloading.
  await addRound(page, 'From the first tab');
  await addRound(other, 'From the second tab');
  for (const p of [page, other]) {
    await expect(p.getByTestId('round-From the first tab')).toBeVisible();
    await expect(p.getByTestId('round-From the second tab')).toBeVisible();
  }
  const rounds = (await stored(page)).collaborations[0].rounds.map((r) => r.name).sort();
  expect(rounds).toEqual(['From the first tab', 'From the second tab', 'Round 1']);
  // A tab that answers while the other adds a round: both changes kept.
  await other.getByTestId('round-Round 1').getByRole('link', { name: 'Answer the questionnaire' }).click();
  await other.getByLabel('Your organisation').selectOption({ label: 'North' });
  await other.getByLabel('Manager').check();
  await other.getByRole('button', { name: 'Start' }).click();
  await answer(questions(other).first(), '5').check();
  await addRound(page, 'Third');
  await expect.poll(async () => (await stored(page)).responses.length).toBe(1);
  const ws = await stored(page);
  expect(ws.collaborations[0].rounds).toHaveLength(4);
  expect(Object.values(ws.responses[0].answers)).toEqual([5]);
  expect(problems).toEqual([]);
});

test('deleting a round or a collaboration asks first and can be undone', async ({ page }) => {
  const problems = watchForTrouble(page);
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  await createCollaboration(page, { name: 'Deletable alliance', partners: ['North', 'South'] });
  await addRound(page, 'Spare round');
  await page.getByRole('button', { name: 'Delete Spare round' }).click();
  expect(dialogs.pop()).toContain('the round "Spare round" and its answers');
  await expect(page.getByTestId('round-Spare round')).toHaveCount(0);
  await page.getByTestId('undo').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('round-Spare round')).toBeVisible();
  expect((await stored(page)).deleted || []).toEqual([]);
  // A refusal changes nothing.
  page.removeAllListeners('dialog');
  page.once('dialog', (d) => d.dismiss());
  await page.getByTestId('delete-collaboration').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deletable alliance' })).toBeVisible();
  page.on('dialog', (d) => d.accept());
  await page.getByTestId('delete-collaboration').click();
  await expect(page.getByTestId('no-collaborations')).toBeVisible();
  expect((await stored(page)).deleted.map((t) => t.kind)).toEqual(['collaboration']);
  await page.getByTestId('undo').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('collaborations')).toContainText('Deletable alliance');
  expect(problems).toEqual([]);
});

test('damaged storage planted before load: the app starts, explains, and keeps the text aside', async ({ page }) => {
  await open(page, '#/');
  const damaged = '{"schema": 2, "collaborations": [ {"id": "half-writ';
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, damaged]);
  await page.reload();
  await expect(heading(page)).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Saved data could not be read');
  const kept = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('trellis.workspace.damaged.')).map((k) => localStorage.getItem(k)),
  );
  expect(kept).toEqual([damaged]);
  // A wrong type inside otherwise valid JSON is damage too, and is kept aside the same way.
  await page.evaluate((key) => localStorage.setItem(key, '{"schema": 2, "collaborations": 7}'), KEY);
  await page.reload();
  await expect(page.getByRole('main')).toContainText('Saved data could not be read');
});

test('a full store: the user is told, and the data already saved stays intact', async ({ page }) => {
  await createCollaboration(page, { name: 'Full store alliance', partners: ['North', 'South'] });
  const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
  // Fill the rest of the quota with other data.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 200; i += 1) {
      try { localStorage.setItem(`filler.${i}`, chunk); } catch (e) { break; }
    }
    // Then ever smaller pieces until not even one more character fits.
    for (let size = 128 * 1024; size >= 1; size = Math.floor(size / 2)) {
      for (let i = 0; ; i += 1) {
        try { localStorage.setItem(`filler.${size}.${i}`, 'y'.repeat(size)); } catch (e) { break; }
      }
    }
  });
  await addRoundExpectingFailure(page);
  await expect(page.getByRole('main')).toContainText('Back up, restore and storage');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(before);
  // Still working in memory: the new round is on screen.
  await expect(page.getByTestId('round-Too big')).toBeVisible();
  // The notice offers a backup of what is on screen, unsaved round included, before the
  // user leaves the page to make room.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('storage-notice').getByTestId('backup').click()]);
  const backup = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
  expect(backup.collaborations[0].rounds.map((r) => r.name)).toContain('Too big');
});

async function addRoundExpectingFailure(page) {
  await page.getByLabel('Round name').fill('Too big');
  await page.getByRole('button', { name: 'Add a round' }).click();
  await expect(page.getByRole('main')).toContainText(/storage is full|could not save|refused to save/i);
}

test('hostile text is shown as text, never run', async ({ page }) => {
  const problems = watchForTrouble(page);
  const name = '<img src=x onerror="window.__pwned=1"> \u202eevil\u202c 👩‍⚕️ مرحبا';
  await createCollaboration(page, { name, partners: ['<script>window.__pwned=2</script>', 'B\u0007ell'] });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('partner-list')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  // Any img element at all, whatever its role: an injected one may have no accessible handle.
  expect(await page.getByRole('main').locator('img').count()).toBe(0);
  expect(problems).toEqual([]);
});

test('back up everything, then restore it into an empty browser', async ({ page, browser }, testInfo) => {
  page.on('dialog', (d) => d.accept());
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();
  // The reminder leads to "Your data" (index.html).
  await page.getByTestId('backup-reminder').getByRole('link', { name: 'Go to backups' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your data in this browser' })).toBeVisible();
  // What uses the space, largest first, with a link to each collaboration.
  await expect(rows(page.getByTestId('space-used'))).toHaveCount(1);
  await expect(page.getByTestId('space-used')).toContainText('Riverside Frailty Alliance');
  await expect(page.getByTestId('space-used')).toContainText(/\d+ KB/);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup').click()]);
  expect(file.suggestedFilename()).toMatch(/^trellis-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = testInfo.outputPath('backup.json');
  await file.saveAs(saved);
  await page.getByRole('link', { name: 'Trellis' }).first().click();
  await expect(page.getByTestId('collaborations')).toBeVisible();
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  const original = await stored(page);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(page.url().replace(/index\.html.*|#.*/, 'index.html#/data'));
  other.on('dialog', (d) => d.accept());
  await other.getByLabel('Choose a round or collaboration file').setInputFiles(saved);
  await expect(other.getByTestId('open-file-preview')).toContainText('60 sets of answers');
  await other.getByTestId('open-file-replace').click();
  await expect(other.getByTestId('space-used')).toContainText('Riverside Frailty Alliance');
  const restored = await stored(other);
  expect(restored.collaborations).toEqual(original.collaborations);
  expect(restored.responses).toEqual(original.responses);
  // A damaged backup changes nothing.
  fs.writeFileSync(saved, fs.readFileSync(saved, 'utf8').slice(0, 500));
  await other.getByLabel('Choose a round or collaboration file').setInputFiles(saved);
  await expect(other.getByTestId('open-file-error')).toBeVisible();
  expect(await stored(other)).toEqual(restored);
  await fresh.close();
});

test('your data: old rounds cleared oldest first with undo, damaged copies downloaded and deleted', async ({ page }) => {
  const problems = watchForTrouble(page);
  page.on('dialog', (d) => d.accept());
  await createCollaboration(page, { name: 'Clear-out alliance', partners: ['North', 'South'] });
  // Name, then date at once: the second change must not undo the first.
  await page.getByLabel('Round name').fill('Later round');
  await page.getByLabel('Date of the round').fill('2031-05-01');
  await page.getByRole('button', { name: 'Add a round' }).click();
  await expect(page.getByTestId('round-Later round')).toBeVisible();
  // A damaged copy kept aside by an earlier start.
  await page.evaluate(() => localStorage.setItem('trellis.workspace.damaged.1790000000000', '{"schema": 3, "collab'));
  await open(page, 'index.html#/data');
  const rounds = rows(page.getByTestId('old-rounds'));
  await expect(rounds).toHaveCount(2);
  await expect(rounds.last()).toContainText('Later round');
  const first = await rounds.first().getByRole('rowheader').textContent();
  await rounds.first().getByRole('button', { name: /^Delete / }).click();
  await expect(rounds).toHaveCount(1);
  expect((await storedWorkspace(page)).collaborations[0].rounds.map((r) => r.name)).toEqual(['Later round']);
  await page.getByTestId('undo').getByRole('button', { name: 'Undo' }).click();
  await expect(rounds).toHaveCount(2);
  await expect(rounds.first().getByRole('rowheader')).toHaveText(first);
  // The damaged copy: listed, downloaded exactly, then deleted.
  const damaged = rows(page.getByTestId('damaged-copies'));
  await expect(damaged).toHaveCount(1);
  const [file] = await Promise.all([page.waitForEvent('download'), damaged.getByRole('button', { name: /^Download / }).click()]);
  expect(fs.readFileSync(await file.path(), 'utf8')).toBe('{"schema": 3, "collab');
  await damaged.getByRole('button', { name: /^Delete / }).click();
  await expect(page.getByTestId('damaged-copies')).toHaveCount(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('damaged')))).toEqual([]);
  expect(problems).toEqual([]);
});

test('one set of answers can be deleted from the round and the deletion undone', async ({ page }) => {
  const problems = watchForTrouble(page);
  page.on('dialog', (d) => d.accept());
  await createCollaboration(page, { name: 'Duplicate alliance', partners: ['North', 'South'] });
  // Two statements of the newest questionnaire's full assessment, which the round asks.
  const full = statementsIn(instrument, 'full');
  const [first, other] = [full[0].id, full.find((s) => s.domain !== full[0].domain).id];
  await plantResponses(page, 'Duplicate alliance', [
    { org: 0, role: 'manager', answers: [[first, '4']] },
    { org: 1, role: 'clinician', answers: [[first, '2'], [other, 'dk']] },
  ]);
  const round = (await storedWorkspace(page)).collaborations[0].rounds[0].id;
  await open(page, `index.html#/round/${round}/import`);
  const received = rows(page.getByTestId('received'));
  await expect(received).toHaveCount(2);
  await expect(received.nth(1)).toContainText('South');
  await expect(received.nth(1).getByTestId('statements-answered')).toHaveText('2');
  await received.nth(1).getByRole('button', { name: /^Delete the answers from South/ }).click();
  await expect(received).toHaveCount(1);
  let ws = await storedWorkspace(page);
  expect(ws.responses.map((r) => r.id)).toEqual(['planted-0']);
  expect(ws.deleted.map((t) => [t.kind, t.id])).toEqual([['response', 'planted-1']]);
  await page.getByTestId('undo').getByRole('button', { name: 'Undo' }).click();
  await expect(received).toHaveCount(2);
  ws = await storedWorkspace(page);
  expect(ws.responses.find((r) => r.id === 'planted-1').answers).toEqual({ [first]: 2, [other]: 'dk' });
  expect(problems).toEqual([]);
});

test('data from an earlier version is brought up to date by whichever section opens first', async ({ page }) => {
  const problems = watchForTrouble(page);
  const old = fs.readFileSync(path.join(__dirname, '../../crates/trellis-core/tests/fixtures/workspace-v2.json'), 'utf8');
  await open(page, 'index.html#/about');
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, old]);
  await page.reload();
  await expect(heading(page)).toHaveText('About the method');
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  await expect.poll(async () => (await storedWorkspace(page)).schema).toBe(5);
  const ws = await storedWorkspace(page);
  expect(ws.responses.map((r) => r.id).sort()).toEqual(['v2-resp-1', 'v2-resp-2', 'v2-resp-3']);
  expect(ws.responses.find((r) => r.id === 'v2-resp-1').answers).toEqual({ 'leadership.visible': 4, 'trust.know-people': 'dk', 'vision.shared': 3 });
  expect(ws.collaborations[0].rounds[0].plan.length).toBe(1);
  await page.getByRole('link', { name: 'Trellis' }).first().click();
  await expect(page.getByTestId('collaborations')).toContainText('Riverside Mental Health Provider Collaborative');
  expect(problems).toEqual([]);
});

test('a respondent whose browser holds data from an earlier version answers on answer.html, which brings it up to date', async ({ page }) => {
  const problems = watchForTrouble(page);
  const old = fs.readFileSync(path.join(__dirname, '../../crates/trellis-core/tests/fixtures/workspace-v2.json'), 'utf8');
  await open(page, 'answer.html#/not-found');
  // answer.html hands an unknown route to the app; plant the old data once that is done,
  // so nothing the hand-over does can run after it.
  await page.waitForURL(/\/index\.html#\//);
  await expect(page.locator('[data-started]')).toHaveCount(1);
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, old]);
  await open(page, 'answer.html#/round/a17d03c95e2b8f41/answer');
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  await expect.poll(async () => (await storedWorkspace(page)).schema).toBe(5);
  expect((await storedWorkspace(page)).responses.map((r) => r.id).sort()).toEqual(['v2-resp-1', 'v2-resp-2', 'v2-resp-3']);
  expect(problems).toEqual([]);
});

test('a page never writes over data another tab stored that it cannot read, and merges older data it can', async ({ page }) => {
  page.on('dialog', (d) => d.accept());
  // A newer version's data, written (as if by another tab) while this page is open.
  await createCollaboration(page, { name: 'Careful alliance', partners: ['North', 'South'] });
  const newer = '{"schema": 99, "future": true}';
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, newer]);
  await page.getByLabel('Round name').fill('After the other tab');
  await page.getByRole('button', { name: 'Add a round' }).click();
  await expect(page.getByTestId('storage-notice')).toContainText('newer version');
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(newer);
  // An earlier version's data, written by another tab: read, brought up to date, and
  // merged with this tab's change, so neither is lost.
  await open(page, '#/');
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload();
  await page.getByTestId('add-example').click();
  await open(page, 'index.html#/round/example-20231103-r2/plan');
  const old = fs.readFileSync(path.join(__dirname, '../../crates/trellis-core/tests/fixtures/workspace-v2.json'), 'utf8');
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, old]);
  await page.getByLabel('What will be done').fill('Meet monthly');
  await page.getByRole('button', { name: 'Add to the plan' }).click();
  await expect.poll(async () => (await storedWorkspace(page)).schema).toBe(5);
  const merged = await storedWorkspace(page);
  expect(merged.responses.map((r) => r.id)).toEqual(expect.arrayContaining(['v2-resp-1', 'v2-resp-2', 'v2-resp-3']));
  expect(JSON.stringify(merged.collaborations)).toContain('Meet monthly');
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
});
