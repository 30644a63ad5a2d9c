// Many collaborations side by side (issue 20): a round's anonymised summary file from
// the export page, then 200 summary files made here, a duplicate and a file that is not a
// summary, opened together on the compare page.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const {
  open, watchForTrouble, expect, instrument, domainsIn, parseCsv, storedWorkspace,
} = require('./support');

const ROUND = 'example-20231103-r2';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DOMAINS = domainsIn(instrument, 'full');
const COLUMNS = [
  'format', 'collaboration', 'collaboration_key', 'round', 'round_date', 'instrument', 'instrument_version', 'mode',
  'rules_version', 'scale_max', 'level_count', 'min_group', 'partner_count', 'collaboration_type',
  'collaboration_age', 'people', 'domain_id', 'domain', 'people_scored', 'mean', 'ci95_low', 'ci95_high', 'median',
  'q1', 'q3', 'agreement_rwg', 'level', 'level_from', 'target', 'note',
];
// Generated: 170 collaborations, the first 29 with a second round (199 files).
const COLLABORATIONS = 170;
const TWICE = 29;

/** The level a mean falls in (docs/scoring.md, rule 9: bands from 1, 2.5, 3.5, 4 and 4.5). */
function band(mean) {
  return [1, 2.5, 3.5, 4, 4.5].filter((floor) => mean >= floor).length;
}

/** A mean shown as the app shows it: one decimal, halves up. */
function shown(v) {
  return (Math.round(v * 10 + 1e-9) / 10).toFixed(1);
}

/** Collaboration k's mean for topic d at round 1 (in tenths, 1.0 to 5.0) and round 2. */
function mean(k, d, round) {
  const first = 1 + ((k * 37 + d * 11) % 41) / 10;
  return round === 1 ? first : Math.min(5, Math.round((first + 0.6) * 10) / 10);
}

const label = (k) => `Collaboration ${String(k).padStart(3, '0')}`;
const key = (k) => (((k + 1) * 2654435761) % 2 ** 32).toString(16).padStart(16, '0');
// Collaborations k % 10 == 3 answered an older questionnaire at their first round.
const versionOf = (k, round) => (round === 1 && k % 10 === 3 ? '1.0.0' : instrument.version);

function field(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function summaryFile(k, round) {
  const rows = DOMAINS.map((d, i) => {
    const m = mean(k, i, round);
    const cells = {
      format: 'trellis-summary-1', collaboration: label(k), collaboration_key: key(k), round: String(round),
      round_date: round === 1 ? '2026-03-01' : '2026-09-01', instrument: 'trellis', instrument_version: versionOf(k, round),
      mode: 'full', rules_version: '3', scale_max: '5', level_count: '5', min_group: '3', partner_count: String(3 + (k % 6)),
      collaboration_type: '', collaboration_age: '', people: '12', domain_id: d.id, domain: d.title, people_scored: '12',
      mean: String(m), ci95_low: String(Math.max(1, m - 0.4)), ci95_high: String(Math.min(5, m + 0.4)), median: String(m),
      q1: String(Math.max(1, m - 0.5)), q3: String(Math.min(5, m + 0.5)), agreement_rwg: '0.7', level: String(band(m)),
      level_from: 'scores', target: '', note: '',
    };
    return COLUMNS.map((c) => field(cells[c])).join(',');
  });
  return `\ufeff${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

test('summary files from many collaborations, side by side', async ({ page }) => {
  const problems = watchForTrouble(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-compare-'));

  // 1. The example's second round as a summary file, under a code instead of its name.
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  const ws = await storedWorkspace(page);
  const example = ws.collaborations[0];
  await open(page, `#/round/${ROUND}/export`);
  const labelField = page.getByLabel('Name the collaboration in the file as');
  await expect(labelField).toHaveValue(example.name);
  await labelField.fill('');
  await expect(page.getByTestId('export-comparison')).toBeDisabled();
  await labelField.fill('NE 07');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-comparison').click()]);
  expect(download.suggestedFilename()).toMatch(/^trellis-summary-ne-07-round-2-\d{4}-\d\d-\d\d\.csv$/);
  const exported = path.join(dir, download.suggestedFilename());
  await download.saveAs(exported);
  const text = fs.readFileSync(exported, 'utf8');
  expect(text.startsWith('\ufeffformat,collaboration,collaboration_key,round,')).toBe(true);
  expect(text).toContain('\r\n');
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual(COLUMNS);
  const body = rows.slice(1).filter((r) => r.length > 1);
  expect(body.length).toBeGreaterThan(5);
  const col = (name) => COLUMNS.indexOf(name);
  for (const r of body) {
    expect(r[col('format')]).toBe('trellis-summary-1');
    expect(r[col('collaboration')]).toBe('NE 07');
    expect(r[col('round')]).toBe('2');
  }
  // Anonymised: no collaboration, partner or response names or ids.
  expect(text).not.toContain(example.name);
  for (const p of example.partners) expect(text).not.toContain(p.name);
  for (const r of ws.responses.slice(0, 20)) expect(text).not.toContain(r.id);
  const exampleTrust = Number(body.find((r) => r[col('domain_id')] === 'trust')[col('mean')]);

  // 2. 199 generated files, a copy of one under another name, and a file that is not a summary.
  const files = [exported];
  for (let k = 0; k < COLLABORATIONS; k += 1) {
    for (const round of k < TWICE ? [1, 2] : [1]) {
      const file = path.join(dir, `summary-${k}-${round}.csv`);
      fs.writeFileSync(file, summaryFile(k, round));
      files.push(file);
    }
  }
  const copy = path.join(dir, 'copy-of-summary-40-1.csv');
  fs.copyFileSync(path.join(dir, 'summary-40-1.csv'), copy);
  files.push(copy);
  const bad = path.join(dir, 'not-a-summary.csv');
  fs.writeFileSync(bad, 'name,score\r\nx,1\r\n');
  files.push(bad);
  expect(files.length).toBe(202);

  // 3. The compare page, from the start page.
  await open(page, '#/');
  await page.getByRole('link', { name: 'Compare collaborations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare collaborations' })).toBeVisible();
  await expect(page.getByTestId('compare-caution')).toContainText('not as a place in a league table');
  await expect(page.getByRole('main')).toContainText('stores nothing');
  await page.getByLabel('Choose summary files (CSV)').setInputFiles(files);

  await expect(page.getByTestId('compare-counts')).toHaveText(
    `200 summary files used: ${COLLABORATIONS + 1} collaborations, ${TWICE} of them with more than one round.`,
  );
  await expect(page.getByTestId('compare-problems').getByRole('listitem')).toHaveText([
    'not-a-summary.csv, line 1: this is not a summary for comparison (its first column is not "format").',
  ]);
  await expect(page.getByTestId('compare-duplicates')).toContainText('copy-of-summary-40-1.csv');

  // Trust: the median of every collaboration's latest mean, worked out here.
  const trust = DOMAINS.findIndex((d) => d.id === 'trust');
  const latest = (k) => mean(k, trust, k < TWICE ? 2 : 1);
  const means = [...Array.from({ length: COLLABORATIONS }, (_, k) => latest(k)), exampleTrust].sort((a, b) => a - b);
  const median = means[(means.length - 1) / 2];
  const row = page.getByTestId('spread-row-trust');
  await expect(row.getByRole('cell').nth(0)).toHaveText(String(means.length));
  await expect(row.getByRole('cell').nth(1)).toHaveText(shown(median));
  await expect(row.getByRole('cell').nth(3)).toHaveText(`${shown(means[0])} to ${shown(means[means.length - 1])}`);

  // Highlight collaboration 003: its place among the others, and its own change (its first
  // round used questionnaire 1.0.0, so its averages do not compare).
  const chosen = 3;
  await page.getByLabel('Collaboration to highlight').selectOption({ label: label(chosen) });
  const own = latest(chosen);
  const higher = means.filter((m) => m > own + 1e-9).length;
  const lower = means.filter((m) => m < own - 1e-9).length;
  await expect(page.getByTestId('spread-trust').getByTestId('standing')).toContainText(
    `${label(chosen)}: average ${shown(own)}, `,
  );
  await expect(page.getByTestId('spread-trust').getByTestId('standing')).toContainText(
    `Of the ${means.length - 1} others, ${higher} higher and ${lower} lower.`,
  );
  await expect(page.getByTestId('spread-trust').getByTestId('spread-marker')).toHaveCount(1);
  await expect(row.getByRole('cell').nth(5)).toHaveText(shown(own));
  const ownTrust = page.getByTestId('own-change').getByRole('row').filter({ hasText: DOMAINS[trust].title });
  await expect(ownTrust.getByRole('cell').nth(0)).toHaveText(`${band(mean(chosen, trust, 1))} → ${band(own)}`);
  await expect(ownTrust.getByRole('cell').nth(1)).toHaveText('questions changed');

  // Change over rounds: levels from first to latest round for the 29 with two rounds.
  let [rose, stayed, fell] = [0, 0, 0];
  for (let k = 0; k < TWICE; k += 1) {
    const [a, b] = [band(mean(k, trust, 1)), band(mean(k, trust, 2))];
    if (b > a) rose += 1; else if (b === a) stayed += 1; else fell += 1;
  }
  expect(rose).toBeGreaterThan(0);
  const change = page.getByTestId('change-table').getByRole('row').filter({ hasText: DOMAINS[trust].title });
  await expect(change.getByRole('cell')).toHaveText([String(rose), String(stayed), String(fell)]);

  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(found, found.join('\n')).toEqual([]);

  // Looked at by a person: a phone and a desktop.
  const shots = path.join(__dirname, '..', '..', 'target', 'screenshots');
  fs.mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: path.join(shots, 'compare-375.png'), fullPage: false });
  await page.getByTestId('spread-trust').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'compare-375-trust.png') });
  await page.getByTestId('spread-row-trust').screenshot({ path: path.join(shots, 'compare-375-table.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('spread-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'compare-desktop.png') });
  // The figures table fits its column on a desktop: nothing cut off at the side.
  const table = await page.getByTestId('spread-table').evaluate((t) => [t.scrollWidth, t.parentElement.clientWidth]);
  expect(table[0]).toBeLessThanOrEqual(table[1]);
  expect(problems).toEqual([]);
});
