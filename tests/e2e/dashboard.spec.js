// The facilitator's side after collection: the dashboard, targets and the action plan,
// a second round that reviews the plan, progress over time, the board report printed to
// PDF, every export parsed back, and the fictional example data.
const { test } = require('@playwright/test');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  open, watchForTrouble, createCollaboration, plantResponses, responseList, storedWorkspace, parseCsv, expect,
  instrument, statementIds, domainsIn,
} = require('./support');

/** `text` as a regular expression that matches it literally. */
const literally = (text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

// New rounds use the newest questionnaire's full assessment.
const FULL = statementIds(instrument, 'full');
const FULL_DOMAINS = domainsIn(instrument, 'full');
const DOMAINS = FULL_DOMAINS.map((d) => d.id);

/** A respondent whose answers are `base` everywhere, with a little seeded variety. */
function person(org, role, base, k) {
  return {
    org,
    role,
    answers: FULL.map((id, i) => [id, String(Math.min(5, Math.max(1, base + (((i + k) % 3) - 1))))]),
    levels: Object.fromEntries(DOMAINS.map((d) => [d, Math.min(5, Math.max(1, base))])),
    comments: k === 0 ? { [FULL[0]]: '=SUM(1) leaders are visible at last' } : {},
  };
}

const ROLES = ['senior-leader', 'manager', 'clinician', 'front-line'];
const round = (base) => Array.from({ length: 12 }, (_, k) => person(k % 3, ROLES[k % 4], base, k));

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const target = path.join(os.tmpdir(), `trellis-${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  return { name: file.suggestedFilename(), text: fs.readFileSync(target, 'utf8') };
}

test('dashboard, plan, second round, progress, report and exports', async ({ page, browser }) => {
  const problems = watchForTrouble(page);
  page.on('dialog', (d) => d.accept());
  const name = 'Harbour frailty alliance';
  await createCollaboration(page, { name, partners: ['Harbour Hospital', 'Harbour Council', 'Harbour GPs'] });
  await plantResponses(page, name, round(2));
  await page.getByRole('link', { name: 'See results' }).click();

  // The dashboard: radar with a text alternative naming every topic, and distributions.
  const radar = page.getByTestId('radar');
  await expect(radar).toBeVisible();
  // Its text alternative is the SVG's accessible name: a title and a description.
  const chart = radar.getByRole('img');
  for (const d of FULL_DOMAINS.filter((x) => x.kind === 'functioning')) await expect(chart).toHaveAccessibleName(literally(d.title));
  await expect(page.getByTestId('domain-distribution').locator('rect')).not.toHaveCount(0);

  // Targets on the consensus page, then the plan: adopt a suggestion, edit it, add our own.
  await page.getByRole('link', { name: 'Record the agreed view and targets' }).click();
  await page.getByTestId('consensus-trust').getByLabel('Target level for the next round').selectOption('4');
  await page.getByRole('link', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'Targets and action plan' }).click();
  await expect(page.getByTestId('plan-gaps')).toContainText('2 levels to go');
  const suggestion = page.getByTestId('suggested-actions').getByRole('listitem').first();
  const adoptedTitle = (await suggestion.getByRole('heading', { level: 3 }).textContent()).trim();
  await suggestion.getByRole('button').click();
  await expect(suggestion).toContainText('On the plan');
  const item = page.getByTestId('plan').getByTestId(/^plan-item-/).first();
  await item.getByRole('button', { name: /^Edit/ }).click();
  await item.getByLabel('Who leads it').fill('Director of nursing');
  await item.getByLabel('Due by').fill('2027-03-31');
  await item.getByRole('button', { name: 'Save the action' }).click();
  await expect(item).toContainText('Lead: Director of nursing · Due 31 March 2027');
  const own = page.getByTestId('new-action');
  await own.getByLabel('Topic').selectOption('capacity');
  await own.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(own.getByRole('alert')).toHaveText('Say what the action is.');
  await own.getByLabel('What will be done').fill('Agree protected time for the joint team');
  await own.getByLabel('Who leads it').fill('Alliance board');
  await own.getByRole('button', { name: 'Add to the plan' }).click();
  await expect(page.getByTestId('plan')).toContainText('Agree protected time for the joint team');
  await expect(page.getByTestId('plan')).toContainText('2 planned, 0 in progress, 0 done, 0 dropped.');

  // Exports: each file downloads and parses back (from the export page, index.html).
  await page.getByRole('link', { name: 'Back to the results' }).click();
  await page.getByRole('link', { name: "Export this round's answers and scores" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Export');
  const answers = await download(page, 'export-answers');
  expect(answers.name).toMatch(/^trellis-harbour-frailty-alliance-\d{4}-\d{2}-\d{2}-answers\.csv$/);
  expect(answers.text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(answers.text.slice(1));
  expect(rows[0].slice(0, 5)).toEqual(['collaboration', 'round_id', 'round', 'round_date', 'response_id']);
  expect(rows.length).toBe(1 + 12 * FULL.length);
  const comment = rows.slice(1).find((r) => r[rows[0].indexOf('comment')] !== '');
  // A comment that a spreadsheet would run as a formula is written as plain text.
  expect(comment[rows[0].indexOf('comment')]).toBe("'=SUM(1) leaders are visible at last");
  const scores = parseCsv((await download(page, 'export-scores')).text.slice(1));
  expect(scores.length).toBe(1 + 12 * DOMAINS.length);
  const summary = parseCsv((await download(page, 'export-summary')).text.slice(1));
  expect(summary.map((r) => r[3]).slice(1)).toEqual(DOMAINS);
  const roundFile = await download(page, 'export-round');
  const parsed = JSON.parse(roundFile.text);
  expect(parsed.collaborations[0].rounds[0].plan.length).toBe(2);
  expect(responseList(parsed.responses).length).toBe(12);

  // The round file opens in another browser (a fresh context) with a preview first.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await open(otherPage, 'index.html#/data');
  const fileOnDisk = path.join(os.tmpdir(), `round-${Date.now()}.trellis.json`);
  fs.writeFileSync(fileOnDisk, roundFile.text);
  await otherPage.getByLabel('Choose a round or collaboration file').setInputFiles(fileOnDisk);
  await expect(otherPage.getByTestId('open-file-preview')).toContainText('adds 1 collaboration, 1 round, 12 sets of answers and 2 actions');
  await otherPage.getByTestId('open-file-confirm').click();
  await expect(otherPage.getByTestId('space-used')).toContainText(name);
  fs.writeFileSync(fileOnDisk, '{"schema": 1, "collaborations": [{"id": 5}]}');
  await otherPage.getByLabel('Choose a round or collaboration file').setInputFiles(fileOnDisk);
  await expect(otherPage.getByTestId('open-file-error')).toContainText('is not a Trellis file Trellis can open');
  await expect(otherPage.getByTestId('space-used')).toContainText(name);
  await other.close();

  // A second round: the open actions are carried forward for review.
  await page.getByRole('link', { name }).first().click();
  await page.getByLabel('Round name').fill('Round 2');
  await page.getByRole('button', { name: 'Add a round' }).click();
  await expect(page.getByRole('status')).toHaveText('Round added.');
  await plantResponses(page, name, round(4), 1);
  await page.getByTestId('round-Round 2').getByRole('link', { name: 'See results' }).click();
  await page.getByRole('link', { name: 'Targets and action plan' }).click();
  const review = page.getByTestId('plan-review');
  await expect(review.getByRole('group')).toHaveCount(2);
  await expect(page.getByTestId('review-left')).toHaveText('2 actions still to review.');
  await review.getByRole('group').filter({ hasText: adoptedTitle }).getByLabel('Done').check();
  await review.getByRole('group').filter({ hasText: 'Agree protected time' }).getByLabel('Still in progress').check();
  await expect(page.getByTestId('review-left')).toHaveText('All carried actions are reviewed.');
  await expect(page.getByTestId('plan')).toContainText('0 planned, 1 in progress, 1 done, 0 dropped.');

  // Progress over time: a trend per topic and the verdict, here an improvement.
  await page.getByRole('link', { name: 'Back to the results' }).click();
  await page.getByRole('link', { name: 'Progress over time' }).click();
  await expect(page.getByTestId('trends').getByRole('listitem')).toHaveCount(FULL_DOMAINS.filter((d) => d.kind === 'functioning').length);
  await expect(page.getByTestId('trend-trust')).toContainText('Since the round before: Improved');
  await expect(page.getByTestId('progress-table')).toContainText('Round 1');

  // The board report prints to A4 PDF: summary first, appendices after, no app chrome.
  await page.goBack();
  await page.getByRole('link', { name: 'Board report' }).click();
  await expect(page.getByTestId('report')).toContainText('What we will do');
  await expect(page.getByTestId('report-rules-version')).toContainText('version 3 of Trellis');
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(os.tmpdir(), `report-${Date.now()}.pdf`);
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = execFileSync('pdfinfo', [pdf]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(pages).toBeLessThanOrEqual(30);
  const text = (first, last) => execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), pdf, '-']).toString();
  const summaryPages = text(1, 2);
  for (const phrase of ['BOARD REPORT', 'Overall stage', 'What we will do', 'What changed since the last round', 'has not been validated']) {
    expect(summaryPages).toContain(phrase);
  }
  expect(summaryPages).toContain('Improved');
  expect(summaryPages).not.toContain('Appendix A');
  expect(text(3, 3)).toContain('Appendix A');
  expect(text(1, pages)).toContain('Appendix B');
  expect(text(1, pages)).not.toContain('Print or save as PDF');
  expect(text(1, pages)).not.toContain('Tools for this round');

  expect(problems).toEqual([]);
});

test('the example data shows every view and is removed in one click', async ({ page }) => {
  const problems = watchForTrouble(page);
  page.on('dialog', (d) => d.accept());
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  const card = page.getByTestId('collaborations').getByRole('listitem');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Fictional example data');
  await card.getByRole('link').click();
  await expect(page.getByText('Fictional example data')).toBeVisible();
  await page.getByTestId('round-Round 2 (example)').getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 30 people.');
  await expect(page.getByTestId('radar').getByTestId('radar-target')).toHaveCount(1);
  await expect(page.getByTestId('in-words')).toContainText('What needs attention');
  await expect(page.getByTestId('concerns').getByRole('listitem')).not.toHaveCount(0);
  // The breakdown by organisation is a heat map: shaded cells that still print the number.
  const cells = page.getByTestId('by-organisation').getByTestId('heat-cell');
  await expect(cells).not.toHaveCount(0);
  await expect(cells.first()).toHaveText(/^\d\.\d$/);
  await expect(page.getByTestId('radar').getByTestId('radar-agreed')).toHaveCount(1);
  // Moving between sections never loads a page.
  await page.evaluate(() => { window.sameDocument = true; });
  await page.getByRole('link', { name: 'Each statement in detail' }).click();
  await expect(page.getByTestId('statements-trust')).toBeVisible();
  await page.goBack();
  expect(await page.evaluate(() => window.sameDocument)).toBe(true);
  // An address from an earlier build, when results had a page of their own, opens the
  // same route of the app.
  await page.goto('./facilitate.html#/round/example-20231103-r2/results');
  await expect(page).toHaveURL(/\/index\.html#\/round\/example-20231103-r2\/results$/);
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 30 people.');
  await page.getByRole('link', { name: 'Each statement in detail' }).click();
  await expect(page.getByTestId('statements-trust').getByRole('img').locator('rect')).not.toHaveCount(0);
  await page.goBack();
  await page.getByRole('link', { name: 'Progress over time' }).click();
  await expect(page.getByTestId('change-table')).toContainText('Improved');
  await page.getByRole('link', { name: 'Riverside Frailty Alliance (fictional example)' }).click();
  await page.getByRole('link', { name: 'Trellis' }).first().click();
  await page.getByTestId('remove-example').click();
  await expect(page.getByTestId('no-collaborations')).toBeVisible();
  expect((await storedWorkspace(page)).responses.length).toBe(0);
  expect(problems).toEqual([]);
});
