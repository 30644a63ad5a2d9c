// A workspace near the browser's storage allowance: the early warning on the pages that
// save (while saving still works), moving two finished rounds to a file on "Your data",
// storage shrinking, and the file bringing the rounds back.
const { test } = require('@playwright/test');
const fs = require('fs');
const { watchForTrouble, expect, axe } = require('./support');
const { bigWorkspace } = require('../../scripts/big_workspace');

const KEY = 'trellis.workspace';
// What Chromium allows an origin, in UTF-16 code units (trellis_core::quota::QUOTA_UNITS).
const QUOTA = 5_242_880;

/** Every key and value of the origin in UTF-16 code units, as the quota counts them. */
const used = (page) => page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0));
const storedRounds = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)).collaborations.flatMap((c) => c.rounds.map((r) => r.id)), KEY);

test('near the limit: warned early, two rounds moved to a file, and opened back', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // Two collaborations of ten rounds, 1,180 people a round: about 85% of the allowance.
  const planted = bigWorkspace({ collaborations: 2, rounds: 10, perRound: 1180 });
  const share = planted.text.length / QUOTA;
  expect(share).toBeGreaterThan(0.8);
  expect(share).toBeLessThan(0.9);
  await page.goto('./manifest.webmanifest');
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, planted.text]);
  // Watched from here: the manifest's page above asks for a favicon the site lacks.
  const problems = watchForTrouble(page);

  // Every facilitator page that saves says so, calmly, with the figure...
  await page.goto('./#/collaboration/big-c1/context');
  const warning = page.getByTestId('storage-filling');
  await expect(warning).toContainText(`Trellis is using ${Math.floor(share * 100)}% of the space`);
  await expect(warning).toHaveAttribute('role', 'status');
  await expect(warning.getByRole('link', { name: 'Move finished rounds to a file' })).toBeVisible();
  // ...while saving still works: a change is stored, and no failure is reported.
  const before = await page.evaluate((key) => localStorage.getItem(key), KEY);
  await page.locator('fieldset').first().locator('input[type="radio"]').first().check();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), KEY)).not.toBe(before);
  await expect(page.getByTestId('storage-notice')).toHaveCount(0);
  await expect(warning).toBeVisible();
  for (const [name, width] of [['phone', 375], ['desktop', 1280]]) {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: testInfo.outputPath(`storage-warning-${name}.png`) });
    await axe(page, `the storage warning at ${width} px`);
  }
  // The results page too; its link leads to "Your data".
  await page.goto('./#/round/big-c2-r10/results');
  await warning.getByRole('link', { name: 'Move finished rounds to a file' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your data in this browser' })).toBeVisible();

  // "Your data": the finished rounds, oldest first, each with its size.
  const list = page.getByTestId('movable-rounds');
  // Every closed round is offered; each collaboration's open, newest round is not.
  await expect(list.getByRole('checkbox')).toHaveCount(18);
  await expect(list.getByRole('checkbox', { name: 'Move Round 10 (Collaboration 1)' })).toHaveCount(0);
  await list.getByRole('checkbox', { name: 'Move Round 1 (Collaboration 1)' }).check();
  await list.getByRole('checkbox', { name: 'Move Round 2 (Collaboration 1)' }).check();
  await expect(page.getByTestId('move-summary')).toHaveText(/^2 rounds chosen, 8\.\d% of the space in all\. Afterwards Trellis will use about 7\d% of it\.$/);
  for (const [name, width] of [['phone', 375], ['desktop', 1280]]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('move-rounds').screenshot({ path: testInfo.outputPath(`move-rounds-${name}.png`) });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await axe(page, `the move list at ${width} px, ${scheme}`);
    }
  }
  // The confirmation says the file must be kept; the rounds go only after the download.
  const usedBefore = await used(page);
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('move-rounds-button').click()]);
  expect(asked).toContain('Keep that file somewhere safe');
  await expect(page.getByTestId('moved')).toContainText('Moved 2 rounds to the file trellis-rounds-');
  const file = await download.path();
  const moved = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(moved.collaborations.flatMap((c) => c.rounds.map((r) => r.id))).toEqual(['big-c1-r1', 'big-c1-r2']);
  expect(moved.responses.rows).toHaveLength(2360);
  // Storage shrank by the two rounds (about 4% of the allowance each), and below the warning.
  await expect.poll(() => storedRounds(page)).not.toContain('big-c1-r1');
  expect(await storedRounds(page)).not.toContain('big-c1-r2');
  const usedAfter = await used(page);
  expect(usedBefore - usedAfter).toBeGreaterThan(0.07 * QUOTA);
  await expect(page.getByTestId('storage-filling')).toHaveCount(0);
  await expect(list.getByRole('checkbox')).toHaveCount(16);

  // Opening the file brings both rounds back, every answer with them.
  await page.getByLabel('Choose a round or collaboration file').setInputFiles(file);
  await expect(page.getByTestId('open-file-preview')).toContainText('2 rounds');
  await page.getByTestId('open-file-confirm').click();
  await expect.poll(() => storedRounds(page)).toContain('big-c1-r1');
  expect(await storedRounds(page)).toContain('big-c1-r2');
  const back = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).responses.rows.length, KEY);
  expect(back).toBe(planted.rounds.reduce((n, r) => n + r.responses, 0));
  await expect(page.getByTestId('storage-filling')).toBeVisible();
  expect(problems).toEqual([]);
});

test('moving: nothing chosen moves nothing, and a move can be put back at once', async ({ page }) => {
  const planted = bigWorkspace({ collaborations: 1, rounds: 3, perRound: 50 });
  await page.goto('./manifest.webmanifest');
  await page.evaluate(([key, text]) => localStorage.setItem(key, text), [KEY, planted.text]);
  const problems = watchForTrouble(page);
  await page.goto('./#/data');
  // Far from the limit: no warning, and the share is said on the page.
  await expect(page.getByTestId('storage-share')).toContainText('Trellis is using 0% of the space');
  await expect(page.getByTestId('storage-filling')).toHaveCount(0);
  await page.getByTestId('move-rounds-button').click();
  await expect(page.getByTestId('move-error')).toContainText('Choose at least one round to move.');
  expect(await storedRounds(page)).toEqual(['big-c1-r1', 'big-c1-r2', 'big-c1-r3']);
  // A cancelled confirmation moves nothing either.
  await page.getByTestId('movable-rounds').getByRole('checkbox', { name: 'Move Round 1 (Collaboration 1)' }).check();
  page.once('dialog', (d) => d.dismiss());
  await page.getByTestId('move-rounds-button').click();
  await expect(page.getByTestId('moved')).toHaveCount(0);
  expect(await storedRounds(page)).toEqual(['big-c1-r1', 'big-c1-r2', 'big-c1-r3']);
  // Moved, then put back from the notice (as when the download never arrived).
  page.once('dialog', (d) => d.accept());
  await Promise.all([page.waitForEvent('download'), page.getByTestId('move-rounds-button').click()]);
  await expect.poll(() => storedRounds(page)).toEqual(['big-c1-r2', 'big-c1-r3']);
  await page.getByTestId('put-back').click();
  await expect.poll(() => storedRounds(page)).toEqual(['big-c1-r2', 'big-c1-r3', 'big-c1-r1']);
  await expect(page.getByTestId('moved')).toHaveCount(0);
  expect(problems).toEqual([]);
});
