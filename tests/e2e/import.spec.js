// The import page with survey platforms' exports and Trellis's own files: each fixture of
// crates/trellis-core/tests/fixtures/import read through the page (platform recognised,
// no column left unrecognised, role labels suggested), the check list's counts, and the
// results compared with figures this test computes from the fixture itself; conflicts side
// by side, an unclosed quote, an unknown column, and round trips through the exports.
const fs = require('fs');
const path = require('path');
const { test } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const {
  watchForTrouble, createCollaboration, expect, instrument, statementsIn, parseCsv, plantResponses,
} = require('./support');

const FIXTURES = path.join(__dirname, '..', '..', 'crates', 'trellis-core', 'tests', 'fixtures', 'import');
// The fixtures' partners, in the order their numeric codes (Qualtrics) count them.
const PARTNERS = [
  'Northshire Community Health NHS Trust', 'Northshire County Council',
  'Riverside Primary Care Network', 'Northshire Carers Forum',
];
const QUICK = statementsIn(instrument, 'quick');
const CHOOSE = 'Choose response files or a spreadsheet (CSV, TSV or Excel)';

// Figures computed here, from the files, without the app.

/** An answer cell as a scale point 1..5, or null (blank, don't know, not applicable, 6, 7). */
function point(cell) {
  const text = String(cell ?? '').trim();
  if (/^[1-5]$/.test(text)) return Number(text);
  const k = instrument.scale.points.findIndex((p) => p.label.toLowerCase() === text.toLowerCase());
  return k < 0 ? null : instrument.scale.points[k].value;
}

/**
 * From a fixture's rows of cells: how many people sent their answers (a `Finished` of 0 or
 * False is a draft) and the mean, over people with at least half of the topic's statements
 * answered on the scale, of their mean answer to topic `domain` (docs/scoring.md rules 1-3).
 */
function expectedFigures(rows, headerRows, domain) {
  const headers = rows.slice(0, headerRows);
  const data = rows.slice(headerRows).filter((r) => r.some((c) => String(c).trim()));
  const finished = headers[0].findIndex((h) => String(h).trim() === 'Finished');
  const sent = data.filter((r) => finished < 0 || !['0', 'false', 'no'].includes(String(r[finished]).trim().toLowerCase()));
  const width = Math.max(...rows.map((r) => r.length));
  const columns = QUICK.filter((s) => s.domain === domain).map((s) => {
    const c = [...Array(width).keys()].find((k) => headers.some((h) => String(h[k] ?? '').includes(s.text)));
    if (c === undefined) throw new Error(`no column for "${s.text}"`);
    return c;
  });
  const scores = sent.map((r) => columns.map((c) => point(r[c])).filter((v) => v !== null))
    .filter((vs) => vs.length * 2 >= columns.length)
    .map((vs) => vs.reduce((a, b) => a + b, 0) / vs.length);
  return { people: sent.length, mean: scores.reduce((a, b) => a + b, 0) / scores.length };
}

function fixtureRows(file) {
  if (file.endsWith('.rows.json')) return JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  return parseCsv(fs.readFileSync(path.join(FIXTURES, file), 'utf8').replace(/^\ufeff/, ''));
}

// Steps through the page.

async function openImport(page, name) {
  await createCollaboration(page, { name, partners: PARTNERS, mode: 'quick' });
  await page.getByRole('link', { name: 'Import answers' }).click();
}

/** The five numbers of the check list's lead ("7 rows read: 5 will be added, ..."), and its total. */
async function leadCounts(scope) {
  const text = await scope.getByTestId('rows-read').textContent();
  const [total, ...parts] = text.match(/\d+/g).map(Number);
  return { total, parts, sum: parts.reduce((a, b) => a + b, 0) };
}

/** The mean shown for topic `domain` on the results page. */
async function shownMean(page, domain) {
  return Number(await page.getByTestId(`result-${domain}`).getByRole('cell').first().textContent());
}

const PLATFORMS = [
  { file: 'google-forms.csv', header: 1, platform: 'a Google Forms export', drafts: 0 },
  { file: 'surveymonkey.csv', header: 2, platform: 'a SurveyMonkey export', drafts: 0 },
  { file: 'qualtrics-numeric.csv', header: 3, platform: 'a Qualtrics export', drafts: 1 },
  { file: 'qualtrics-labels.csv', header: 3, platform: 'a Qualtrics export', drafts: 1 },
  { file: 'jisc.csv', header: 1, platform: 'a Jisc Online Surveys export', drafts: 0 },
  // The .xlsx exports, read by the workbook reader; their cells as JSON sit beside them.
  { file: 'microsoft-forms.xlsx', rowsFile: 'microsoft-forms.rows.json', header: 1, platform: 'a Microsoft Forms export', drafts: 0 },
  { file: 'surveymonkey.xlsx', rowsFile: 'surveymonkey-xlsx.rows.json', header: 2, platform: 'a SurveyMonkey export', drafts: 0 },
];

for (const { file, rowsFile, header, platform, drafts } of PLATFORMS) {
  test(`${file}: recognised, labels suggested, every row accounted for, results as the file says`, async ({ page }) => {
    const problems = watchForTrouble(page);
    const rows = fixtureRows(rowsFile || file);
    const expected = expectedFigures(rows, header, 'trust');
    await openImport(page, `Import of ${file}`);
    await page.getByLabel(CHOOSE).setInputFiles(path.join(FIXTURES, file));
    const mapping = page.getByTestId('csv-mapping');
    const plural = header === 1 ? 'row' : 'rows';
    await expect(mapping.getByTestId('read-as')).toHaveText(`Read as ${platform}: ${header} header ${plural}, 7 rows of answers.`);
    await expect(mapping.getByTestId('column-status').filter({ hasText: 'Not recognised' })).toHaveCount(0);
    // "GP" is a clinician and "Exec director" a senior leader: suggested, for checking.
    const roles = page.getByTestId('labels-role');
    await expect(roles.getByLabel('What “GP” means')).toHaveValue('clinician');
    await expect(roles.getByRole('row').filter({ hasText: 'GP' }).getByTestId('suggested')).toBeVisible();
    await expect(roles.getByLabel('What “Exec director” means')).toHaveValue('senior-leader');
    await page.getByRole('button', { name: 'Read the rows' }).click();
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByTestId('rows-read')).toHaveText('7 rows read: 7 will be added, 0 updated with a newer copy, 0 already here, 0 conflicting, 0 refused.');
    const counts = await leadCounts(preview);
    expect([counts.total, counts.sum]).toEqual([7, 7]);
    await expect(preview.getByTestId('import-draft')).toHaveCount(drafts);
    if (drafts) await expect(preview.getByTestId('import-draft')).toContainText('was not sent');
    await page.getByRole('button', { name: 'Add 7 responses to the round' }).click();
    await expect(page.getByTestId('import-done').getByTestId('rows-read')).toHaveText('7 rows read: 7 were added, 0 updated with a newer copy, 0 already here, 0 conflicting, 0 refused.');
    await page.getByRole('link', { name: 'See results' }).click();
    await expect(page.getByTestId('respondent-count')).toHaveText(`Based on the answers of ${expected.people} people.`);
    expect(Math.abs((await shownMean(page, 'trust')) - expected.mean)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(problems).toEqual([]);
  });
}

/** A CSV in Trellis's own columns: response id, organisation, role, a column per quick statement. */
function trellisCsv(people) {
  const header = ['response_id', 'organisation', 'role', ...QUICK.map((s) => s.id)];
  return [header, ...people.map(([id, org, role, answers]) => [id, org, role, ...answers])]
    .map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

test('two rows with one response id and different answers are shown side by side; keeping both gives two responses', async ({ page }, testInfo) => {
  const problems = watchForTrouble(page);
  const answers = QUICK.map(() => '4');
  const changed = QUICK.map((_, k) => (k === 2 ? '1' : '4'));
  const file = testInfo.outputPath('twice.csv');
  fs.writeFileSync(file, trellisCsv([['R1', PARTNERS[0], 'Manager', answers], ['R1', PARTNERS[0], 'Manager', changed]]));
  await openImport(page, 'Conflicting copies');
  await page.getByLabel(CHOOSE).setInputFiles(file);
  await page.getByRole('button', { name: 'Read the rows' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('rows-read')).toHaveText('2 rows read: 1 will be added, 0 updated with a newer copy, 0 already here, 1 conflicting, 0 refused.');
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toHaveCount(1);
  // Only the statement that differs is compared, with each copy's answer.
  const differing = conflict.getByRole('row').filter({ hasText: QUICK[2].text });
  await expect(differing.getByRole('cell')).toHaveText(['Agree', 'Strongly disagree']);
  await expect(conflict.getByRole('row').filter({ hasText: QUICK[0].text })).toHaveCount(0);
  await expect(conflict.getByRole('radio', { name: 'Keep the first only (the second is skipped)' })).toBeChecked();
  await expect(conflict.getByRole('group')).toContainText('twice.csv row 3');
  await conflict.getByRole('radio', { name: 'Keep both as separate responses' }).check();
  await expect(preview.getByTestId('import-conflict')).toContainText('both kept');
  await page.getByRole('button', { name: 'Add 2 responses to the round' }).click();
  await expect(page.getByTestId('import-done').getByTestId('import-conflict')).toContainText('both kept; twice.csv row 3 is a separate response (R1-2)');
  await page.getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 2 people.');
  expect(problems).toEqual([]);
});

test('an unclosed quote imports nothing from the file until the rows before it are taken', async ({ page }, testInfo) => {
  const problems = watchForTrouble(page);
  const good = trellisCsv([['Q1', PARTNERS[0], 'Manager', QUICK.map(() => '4')], ['Q2', PARTNERS[1], 'Manager', QUICK.map(() => '2')]]);
  const file = testInfo.outputPath('cut.csv');
  fs.writeFileSync(file, `${good}Q3,"${PARTNERS[2]},Manager,${QUICK.map(() => '3').join(',')}\r\n`);
  await openImport(page, 'Unclosed quote');
  const input = page.getByLabel(CHOOSE);
  await input.setInputFiles(file);
  await expect(page.getByTestId('unclosed-quote')).toContainText('cut.csv: an opening quote on line 4 is never closed, so lines 4 to 4 could not be read.');
  await page.getByRole('button', { name: 'Read the rows' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('rows-read')).toHaveText('2 rows read: 0 will be added, 0 updated with a newer copy, 0 already here, 0 conflicting, 2 refused.');
  await expect(page.getByRole('button', { name: /^Add / })).toHaveCount(0);
  await page.getByRole('button', { name: 'Start again' }).click();
  // The same file again: the input was cleared after reading, so choosing it counts.
  await input.setInputFiles(file);
  await page.getByLabel('Take the 2 rows before line 4').check();
  await page.getByRole('button', { name: 'Read the rows' }).click();
  await expect(preview.getByTestId('rows-read')).toHaveText('2 rows read: 2 will be added, 0 updated with a newer copy, 0 already here, 0 conflicting, 0 refused.');
  await expect(preview.getByTestId('import-rejected')).toContainText('line 4 is never closed');
  await page.getByRole('button', { name: 'Add 2 responses to the round' }).click();
  await page.getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 2 people.');
  expect(problems).toEqual([]);
});

test('a column matching no statement is flagged "Not recognised" with the closest statement to choose', async ({ page }, testInfo) => {
  const problems = watchForTrouble(page);
  const trust = QUICK.find((s) => s.text === 'Partners trust each other to act with good intentions.');
  const file = testInfo.outputPath('unknown.csv');
  fs.writeFileSync(file, `organisation,role,Partners trust one another to act with good intent,${QUICK[0].id}\r\n${PARTNERS[0]},Manager,4,4\r\n`);
  await openImport(page, 'Unknown column');
  await page.getByLabel(CHOOSE).setInputFiles(file);
  const row = page.getByTestId('column-row-2');
  await expect(row.getByTestId('column-status')).toContainText('Not recognised');
  await expect(row.getByLabel('Partners trust one another to act with good intent')).toHaveValue('ignore');
  await row.getByRole('button', { name: `Use “${trust.text}”` }).click();
  await expect(row.getByLabel('Partners trust one another to act with good intent')).toHaveValue(`s:${trust.id}`);
  await expect(row.getByTestId('column-status')).toHaveText('Your choice');
  expect(problems).toEqual([]);
});

/** The figures of a results page: people, and every topic's row as text. */
async function resultsFigures(page) {
  const people = await page.getByTestId('respondent-count').textContent();
  const topics = {};
  for (const d of [...new Set(QUICK.map((s) => s.domain))]) {
    topics[d] = (await page.getByTestId(`result-${d}`).getByRole('cell').allTextContents()).slice(0, 5);
  }
  return { people, topics };
}

/** Answers for a planted round: five people, a spread of answers with one don't know. */
function planted() {
  return [0, 1, 2, 3, 0].map((org, k) => ({
    org,
    role: ['manager', 'clinician', 'service-user', 'senior-leader', 'front-line'][k],
    answers: QUICK.map((s, j) => [s.id, (j + k) % 7 === 6 ? 'dk' : String(1 + ((j * 3 + k) % 5))]),
  }));
}

for (const [button, kind] of [['export-answers', 'tidy answers'], ['export-answers-by-person', 'answers by person']]) {
  test(`a round's ${kind} CSV imports back into a new collaboration with the same results`, async ({ page, browser }, testInfo) => {
    test.setTimeout(60_000);
    const problems = watchForTrouble(page);
    await createCollaboration(page, { name: 'Original round', partners: PARTNERS, mode: 'quick' });
    await plantResponses(page, 'Original round', planted());
    await page.getByRole('link', { name: 'See results' }).first().click();
    const before = await resultsFigures(page);
    await page.getByRole('link', { name: "Export this round's answers and scores" }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
    const file = testInfo.outputPath(`${button}.csv`);
    await download.saveAs(file);
    // Another facilitator's browser: the response ids are new there.
    const other = await (await browser.newContext()).newPage();
    const otherProblems = watchForTrouble(other);
    await openImport(other, 'Copy of the round');
    await other.getByLabel(CHOOSE).setInputFiles(file);
    await expect(other.getByTestId('column-status').filter({ hasText: 'Not recognised' })).toHaveCount(0);
    await other.getByRole('button', { name: 'Read the rows' }).click();
    const counts = await leadCounts(other.getByTestId('import-preview'));
    expect(counts.sum).toBe(counts.total);
    await other.getByRole('button', { name: 'Add 5 responses to the round' }).click();
    await other.getByRole('link', { name: 'See results' }).click();
    expect(await resultsFigures(other)).toEqual(before);
    expect([...problems, ...otherProblems]).toEqual([]);
  });
}

test('a round file exported, opened in another browser and exported again is byte-identical', async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const problems = watchForTrouble(page);
  await createCollaboration(page, { name: 'Round file trip', partners: PARTNERS, mode: 'quick' });
  await plantResponses(page, 'Round file trip', planted());
  const exportRound = async (p, name) => {
    await p.getByRole('link', { name: 'See results' }).first().click();
    await p.getByRole('link', { name: "Export this round's answers and scores" }).click();
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('export-round').click()]);
    const file = testInfo.outputPath(name);
    await download.saveAs(file);
    return file;
  };
  const first = await exportRound(page, 'round-1.json');
  const other = await (await browser.newContext()).newPage();
  other.on('dialog', (d) => d.accept());
  await other.goto('./#/');
  await other.getByRole('link', { name: 'Back up, restore and storage' }).first().click();
  await other.getByLabel('Choose a round or collaboration file').setInputFiles(first);
  await other.getByTestId('open-file-confirm').click();
  await other.goto('./#/');
  await other.getByRole('link', { name: 'Round file trip' }).first().click();
  const second = await exportRound(other, 'round-2.json');
  expect(fs.readFileSync(second)).toEqual(fs.readFileSync(first));
  expect(problems).toEqual([]);
});

/** A file that shows every step at once: a column not recognised, labels to check, a conflict. */
function busyFile(testInfo) {
  const file = testInfo.outputPath('busy.csv');
  const header = ['response_id', 'Which organisation do you work for?', 'What is your role?',
    'Partners trust one another to act with good intent', ...QUICK.map((s) => s.text)];
  const row = (org, role, v) => ['R9', org, role, '4', ...QUICK.map(() => v)];
  const lines = [header, row('northshire county council', 'GP', 'Agree'), row('northshire county council', 'GP', 'Disagree')];
  fs.writeFileSync(file, lines.map((l) => l.map((c) => `"${c}"`).join(',')).join('\r\n'));
  return file;
}

for (const scheme of ['light', 'dark']) {
  test(`the mapping, labels and a conflict pass axe in the ${scheme} theme`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openImport(page, `Axe ${scheme}`);
    const file = busyFile(testInfo);
    await page.getByLabel(CHOOSE).setInputFiles(file);
    await expect(page.getByTestId('label-tables')).toBeVisible();
    // Read it once to make the conflict, then open it again for the mapping and labels.
    await page.getByRole('button', { name: 'Read the rows' }).click();
    await page.getByLabel(CHOOSE).setInputFiles(file);
    await expect(page.getByTestId('conflict')).toBeVisible();
    await expect(page.getByTestId('csv-mapping')).toBeVisible();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
    expect(found, found.join('\n')).toEqual([]);
    for (const [width, height, name] of [[375, 800, 'phone'], [1280, 900, 'desktop']]) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: testInfo.outputPath(`import-${scheme}-${name}.png`), fullPage: true });
    }
  });
}
