#!/usr/bin/env node
// Takes the screenshots in docs/screenshots/ from the release build in dist/, using the
// fictional example data: the start page, the results dashboard and the targets of the
// plan (desktop), the board report's two summary pages and the printed invitation sheet
// (printed to PDF, then rendered with pdftoppm), the start page, the results, the answer
// page and the send page at phone size, and the start page's static first screen (what
// shows while the app loads) at phone size.
// Usage: scripts/build && node scripts/screenshots.js
'use strict';
const { chromium } = require('@playwright/test');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const PORT = 8767;
const BASE = `http://127.0.0.1:${PORT}/`;
const ROUND = 'example-20231103-r2';

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', path.join(ROOT, 'dist')], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 800));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    const page = await desktop.newPage();
    await page.goto(`${BASE}index.html#/`);
    await page.locator('[data-started]').waitFor();
    await page.screenshot({ path: path.join(OUT, 'home.png'), fullPage: false });
    await page.getByTestId('add-example').click();
    await page.goto(`${BASE}index.html#/round/${ROUND}/results`);
    await page.getByTestId('radar').waitFor();
    await page.screenshot({ path: path.join(OUT, 'dashboard.png'), fullPage: false });
    await page.goto(`${BASE}index.html#/round/${ROUND}/report`);
    await page.getByTestId('report').waitFor();
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(os.tmpdir(), 'trellis-report.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    for (const n of [1, 2]) {
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(n), '-l', String(n), '-singlefile', pdf, path.join(OUT, `report-page-${n}`)]);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${BASE}index.html#/round/${ROUND}/plan`);
    await page.getByTestId('plan-gaps').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'plan-targets.png'), fullPage: false });
    // The invitation sheet as printed, with a contact to send answers to.
    await page.goto(`${BASE}index.html#/round/${ROUND}/invite`);
    await page.getByLabel(/Where should people send their answers/).fill('alliance.lead@example.nhs.uk');
    await page.getByLabel(/Where should people send their answers/).blur();
    await page.getByTestId('invitation-sheet').getByText('alliance.lead@example.nhs.uk').first().waitFor();
    const link = await page.getByTestId('invitation-link').inputValue();
    await page.emulateMedia({ media: 'print' });
    const sheet = path.join(os.tmpdir(), 'trellis-invitation.pdf');
    await page.pdf({ path: sheet, format: 'A4', printBackground: true });
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', sheet, path.join(OUT, 'invitation-sheet')]);
    const storage = await desktop.storageState();
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, storageState: storage });
    const mobile = await phone.newPage();
    await mobile.goto(`${BASE}index.html#/`);
    await mobile.locator('[data-started]').waitFor();
    await mobile.screenshot({ path: path.join(OUT, 'home-phone.png') });
    // The static first screen alone: the same page with scripts turned off.
    const still = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, javaScriptEnabled: false });
    const first = await still.newPage();
    await first.goto(`${BASE}index.html`);
    await first.screenshot({ path: path.join(OUT, 'first-screen-phone.png') });
    await still.close();
    await mobile.goto(`${BASE}answer.html#/round/${ROUND}/answer`);
    await mobile.getByLabel('Your organisation').selectOption({ index: 1 });
    await mobile.getByLabel('Clinician or practitioner').check();
    await mobile.getByRole('button', { name: 'Start' }).click();
    await mobile.locator('fieldset').first().waitFor();
    await mobile.screenshot({ path: path.join(OUT, 'answer-phone.png') });
    await mobile.goto(`${BASE}index.html#/round/${ROUND}/results`);
    await mobile.locator('[data-started]').waitFor();
    await mobile.getByTestId('results-table').scrollIntoViewIfNeeded();
    await mobile.screenshot({ path: path.join(OUT, 'results-phone.png') });
    // The example's second round has a partner map: the matrix as a phone shows it.
    await mobile.getByTestId('partner-map').scrollIntoViewIfNeeded();
    await mobile.getByTestId('partner-heatmap').screenshot({ path: path.join(OUT, 'partner-map-phone.png') });
    // A respondent on their own phone: from the invitation link to the send page.
    const own = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const respondent = await own.newPage();
    await respondent.goto(link);
    await respondent.getByTestId('join-start').click();
    await respondent.getByLabel('Your organisation').selectOption({ index: 1 });
    await respondent.getByLabel('Front-line staff').check();
    await respondent.getByRole('button', { name: 'Start' }).click();
    await respondent.locator('fieldset').first().getByRole('radio').nth(3).check();
    while (!(await respondent.getByRole('button', { name: 'Finish and choose how to send' }).isVisible())) {
      await respondent.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
    }
    await respondent.getByRole('button', { name: 'Finish and choose how to send' }).click();
    await respondent.getByRole('heading', { level: 1 }).waitFor();
    await respondent.screenshot({ path: path.join(OUT, 'send-phone.png') });
    await own.close();
    await browser.close();
    for (const f of fs.readdirSync(OUT)) console.log(`docs/screenshots/${f}`);
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
