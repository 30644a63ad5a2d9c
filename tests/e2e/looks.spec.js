// Pages that look finished: tables that keep words whole at 375 px and on paper, chart
// text of 12 px or more that is never cut, a focus style that looks intended, every
// set-up problem at once, the next step of a collaboration, and a settings file that is
// really a web page.
const fs = require('fs');
const path = require('path');
const { test } = require('@playwright/test');
const { open, watchForTrouble, createCollaboration, expect, heading, instrument, domainsIn } = require('./support');

const ROUND = 'example-20231103-r2';
const COLLABORATION = 'example-20231103';
const SITE = path.join(__dirname, '..', '..', 'target', 'e2e-site');

/** Adds the fictional example from the start page. */
async function addExample(page) {
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  await expect(page.getByTestId('collaborations')).toBeVisible();
}

/**
 * Every word in a visible table cell that the browser broke across lines: a word's text
 * laid out in more than one line box. Words are split at spaces and after hyphens and
 * dashes, where a break is proper.
 */
function brokenWords(page) {
  return page.evaluate(() => {
    const broken = [];
    for (const cell of document.querySelectorAll('main table th, main table td')) {
      if (!cell.getClientRects().length) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent;
        const word = /[^\s\-–]+[\-–]?/g;
        for (let m = word.exec(text); m; m = word.exec(text)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(`${m[0]} (in "${cell.textContent.trim().slice(0, 60)}")`);
        }
      }
    }
    return broken;
  });
}

/** Every chart text drawn smaller than `min` px, or outside its figure (cut). */
function chartTextProblems(page, min) {
  return page.evaluate((min) => {
    const problems = [];
    for (const t of document.querySelectorAll('main figure.chart svg text')) {
      const box = t.getBoundingClientRect();
      if (!box.width) continue;
      const svg = t.ownerSVGElement;
      const scale = svg.getScreenCTM().a;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < min - 0.05) problems.push(`${t.textContent}: ${size.toFixed(1)} px`);
      const figure = t.closest('figure').getBoundingClientRect();
      // A label's halo (a 2 px stroke) may reach just past its box.
      if (box.left < figure.left - 3 || box.right > figure.right + 3 || box.left < -3 || box.right > innerWidth + 3) {
        problems.push(`${t.textContent}: cut (${Math.round(box.left)} to ${Math.round(box.right)} of ${Math.round(figure.left)} to ${Math.round(figure.right)})`);
      }
    }
    return problems;
  }, min);
}

/** Opens every "show as a table" so its table is laid out too. */
async function openTables(page) {
  await page.evaluate(() => document.querySelectorAll('details.chart-table').forEach((d) => { d.open = true; }));
}

/**
 * Opens each page (with its tables shown) and checks that no word in a table is broken
 * and that chart text is at least `min` px and not cut; `as` names the setting.
 */
async function checkPages(page, pages, min, as) {
  for (const [name, route] of pages) {
    await open(page, route);
    await openTables(page);
    expect(await brokenWords(page), `${name} ${as}: words broken across lines`).toEqual([]);
    expect(await chartTextProblems(page, min), `${name} ${as}: chart text`).toEqual([]);
    // Nothing makes the page wider than the screen.
    const width = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(width[0], `${name} ${as}: page width`).toBeLessThanOrEqual(width[1]);
  }
}

const PAGES = [
  ['results', `#/round/${ROUND}/results`],
  ['statements', `#/round/${ROUND}/statements`],
  ['collaboration', `#/collaboration/${COLLABORATION}`],
  ['progress', `#/collaboration/${COLLABORATION}/progress`],
  ['import', `#/round/${ROUND}/import`],
  ['data', '#/data'],
];

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('no table breaks a word and chart text is 12 px or more, never cut', async ({ page }) => {
    const problems = watchForTrouble(page);
    await addExample(page);
    await checkPages(page, PAGES, 12, 'at 375 px');
    // The results page has every kind of chart but the trend, which progress has.
    await open(page, `#/round/${ROUND}/results`);
    // One radar label a topic of how partners work together, in the example's full assessment.
    const functioning = domainsIn(instrument, 'full').filter((d) => d.kind === 'functioning');
    await expect(page.getByTestId('radar').locator('svg text.radar-label')).toHaveCount(functioning.length);
    await expect(page.getByTestId('domain-distribution').locator('rect.seg-6')).not.toHaveCount(0);
    expect(problems).toEqual([]);
  });
});

test('on a desktop and on paper, tables keep their words whole and charts their text', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await addExample(page);
  await checkPages(page, PAGES, 12, 'at 1280 px');
  // An A4 page is about 673 CSS px wide inside its margins; 10pt is 13.3 px.
  await page.setViewportSize({ width: 673, height: 950 });
  await page.emulateMedia({ media: 'print' });
  await checkPages(page, PAGES.slice(0, 4), 13.3, 'printed');
});

test('a heading focused on arrival shows no box; a control reached by keyboard shows its focus', async ({ page }) => {
  await addExample(page);
  // By keyboard, as the box showed then: the browser shows focus it moves after a key.
  await page.getByRole('link', { name: /Riverside Frailty Alliance/ }).first().focus();
  await page.keyboard.press('Enter');
  const h1 = heading(page);
  await expect(h1).toHaveText('Riverside Frailty Alliance (fictional example)');
  await expect(h1).toBeFocused();
  const style = await h1.evaluate((e) => { const s = getComputedStyle(e); return [s.outlineStyle, s.boxShadow]; });
  expect(style).toEqual(['none', 'none']);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth]; });
  expect(focused[1]).toBe('solid');
  expect(focused[2]).toBe('3px');
});

test('the set-up form lists every problem at once, each leading to its field', async ({ page }) => {
  await open(page, '#/new');
  await page.getByLabel('Partner organisations').fill('Only one partner');
  await page.getByLabel('Round name').fill('');
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  const links = page.getByTestId('error-summary').getByRole('link');
  await expect(links).toHaveText([
    'Enter a name for the collaboration.',
    'Enter at least two partner organisations, one per line.',
    'Enter a name for the round.',
  ]);
  await links.nth(2).click();
  await expect(page.getByLabel('Round name')).toBeFocused();
  await links.nth(0).click();
  await expect(page.getByLabel('Name of the collaboration')).toBeFocused();
  // Put right, the collaboration is made.
  await page.getByLabel('Name of the collaboration').fill('North alliance');
  await page.getByLabel('Partner organisations').fill('North Trust\nNorth Council\nNorth Hospice\nNorth Mind');
  await page.getByLabel('Round name').fill('Spring');
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(heading(page)).toHaveText('North alliance');
});

test('a new collaboration says what to do next, and the number of partners is not asked again', async ({ page }) => {
  await createCollaboration(page, { name: 'North alliance', partners: ['North Trust', 'North Council', 'North Hospice', 'North Mind'] });
  const next = page.getByTestId('next-step');
  await expect(next).toContainText(`1 of ${instrument.context.length} questions answered`);
  await next.getByRole('link', { name: 'Describe the collaboration' }).click();
  const partners = page.getByLabel('How many partner organisations are there?');
  await expect(partners).toHaveValue('4');
  await expect(page.getByTestId('context-partners')).toContainText('Filled in from the 4 partners you entered.');
  await expect(page.getByTestId('context-count')).toHaveText(new RegExp(`1 of ${instrument.context.length}\\b`));
  // A collaboration described and answered: the next step is its results.
  await addExample(page);
  await page.getByRole('link', { name: /Riverside Frailty Alliance/ }).first().click();
  await expect(page.getByTestId('next-step')).toContainText('30 people have answered Round 2 (example)');
  await page.getByTestId('next-step').getByRole('link', { name: 'Open the results' }).click();
  await expect(heading(page)).toHaveText('Results: Round 2 (example)');
});

/** Waits until the app has read config.json (or found none) and shown what it found. */
async function configRead(page, route) {
  await page.goto('about:blank');
  const read = page.waitForResponse(/config\.json$/);
  await open(page, route);
  await read;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
}

test.describe('with no service worker between the page and the host', () => {
  test.use({ serviceWorkers: 'block' });

  test('a settings file that is really a web page is treated as no settings', async ({ page }) => {
    const config = path.join(SITE, 'trellis', 'config.json');
    // A host that answers every missing file with the app's own page, as JSON...
    fs.copyFileSync(path.join(SITE, 'trellis', 'index.html'), config);
    try {
      await configRead(page, '#/');
      await expect(page.getByTestId('config-problems')).toHaveCount(0);
    } finally {
      fs.rmSync(config, { force: true });
    }
    // ...or with any page sent as HTML.
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: 'Not here' }));
    await configRead(page, '#/data');
    await expect(page.getByTestId('config-problems')).toHaveCount(0);
    // The same wait sees a real settings file's mistake, so the checks above are not early.
    await page.unroute('**/config.json');
    await page.route('**/config.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: 'Not here' }));
    await configRead(page, '#/data');
    await expect(page.getByTestId('config-problems')).toHaveCount(1);
  });
});
