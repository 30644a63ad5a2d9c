// Invitations on paper and in a room: the invite page prints a respondent's sheet alone on
// one A4 page (no facilitator chrome) with a QR code of the shortened link, the link as
// text and three steps; the printed code decodes (zbarimg) to the link, and that link
// opens the join page on another device. Links sent before they were shortened still open,
// and ask the questionnaire their round was made with.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { test } = require('@playwright/test');
const {
  open, watchForTrouble, expect, heading, questions, stepText, instrument, instrumentVersion, statementsIn, domainsIn,
} = require('./support');

const ROUND = 'example-20231103-r2';
const COLLABORATION = 'Riverside Frailty Alliance (fictional example)';
const CONTACT = 'facilitator@riverside.example';

/** The text of a PDF with all whitespace removed, so a link broken across lines is whole. */
function pdfText(pdf) {
  return execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
}

test('the invitation sheet prints on one page with a QR code that opens the invitation', async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const problems = watchForTrouble(page);
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  await open(page, `#/round/${ROUND}/invite`);
  await page.getByLabel(/Where should people send their answers/).fill(CONTACT);
  await page.getByLabel(/Where should people send their answers/).blur();
  const sheet = page.getByTestId('invitation-sheet');
  await expect(sheet).toContainText(`From ${CONTACT}`);
  const link = await page.getByTestId('invitation-link').inputValue();
  // The shortened link: 397 characters after #/join/ without a contact (688 before).
  expect(link.split('#/join/')[1].length).toBeLessThan(440);
  await expect(sheet.getByTestId('sheet-link')).toHaveText(link);
  await expect(sheet.getByRole('img', { name: /QR code of the invitation link/ })).toBeVisible();

  // On screen: the facilitator's page, the sheet below it, at desktop and phone widths.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('invite-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: testInfo.outputPath('invite-phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });

  // In print: the sheet alone, its code about 5 cm wide.
  await page.emulateMedia({ media: 'print' });
  await expect(heading(page)).toBeHidden();
  const box = await page.getByTestId('invitation-qr').boundingBox();
  const mm = (box.width * 25.4) / 96;
  expect(mm).toBeGreaterThan(50);
  expect(mm).toBeLessThan(60);
  const pdf = testInfo.outputPath('invitation.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const info = execFileSync('pdfinfo', [pdf]).toString();
  expect(Number(/Pages:\s+(\d+)/.exec(info)[1])).toBe(1);
  const text = pdfText(pdf);
  for (const phrase of [
    `You are invited to say how ${COLLABORATION} is working`,
    'How to take part',
    'Scan the code with your phone’s camera',
    'Or type this address into your web browser:',
    `send them to ${CONTACT}`,
    `From ${CONTACT}`,
  ]) {
    expect(text.replace(/\s+/g, ' ')).toContain(phrase);
  }
  expect(text.replace(/\s+/g, '')).toContain(link);
  for (const chrome of ['Invite people', 'Copy the link', 'Invitation link', 'Import the answers']) {
    expect(text).not.toContain(chrome);
  }

  // The printed code, rendered as a scanner would see the page, decodes to the link.
  const png = testInfo.outputPath('invitation');
  execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', pdf, png]);
  let decoded;
  try {
    decoded = execFileSync('zbarimg', ['--raw', '--quiet', '-Sdisable', '-Sqrcode.enable', `${png}.png`]).toString().trim();
  } catch (e) {
    throw new Error(`zbarimg could not read the QR code (scripts/setup.sh installs zbar-tools): ${e.message}`);
  }
  expect(decoded).toBe(link);

  // The scanned link opens the join page on the respondent's own device.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const respondent = await phone.newPage();
  const theirs = watchForTrouble(respondent);
  await respondent.goto(decoded);
  await expect(heading(respondent)).toHaveText(`You are invited to say how ${COLLABORATION} is working`);
  await expect(respondent.getByRole('main')).toContainText(`Asked by: ${CONTACT}`);
  await respondent.getByTestId('join-start').click();
  await expect(respondent.getByLabel('Your organisation')).toContainText('Brookside Primary Care Network (example)');
  await phone.close();
  expect(problems).toEqual([]);
  expect(theirs).toEqual([]);
});

test('a link sent before links were shortened still opens', async ({ page }) => {
  const problems = watchForTrouble(page);
  // Written by an earlier build: base64url of the invitation's JSON (as in
  // crates/trellis-core/tests/transfer.rs, JSON_LINK).
  const old = fs
    .readFileSync(path.join(__dirname, '../../crates/trellis-core/tests/transfer.rs'), 'utf8')
    .match(/const JSON_LINK: &str = "([^"]+)"/)[1];
  expect(old.startsWith('eyJ')).toBe(true);
  await page.goto(`./answer.html#/join/${old}`);
  await expect(heading(page)).toHaveText('You are invited to say how Northshire “joined-up” care is working');
  await expect(page.getByRole('main')).toContainText('Asked by: facilitator@example.nhs.uk');
  await page.getByTestId('join-start').click();
  await expect(page.getByLabel('Your organisation')).toContainText('Northshire County Council');
  // Its round was made with questionnaire 1.0.0, so its respondents answer 1.0.0's
  // statements in its words, not the newest questionnaire's.
  const made = instrumentVersion('1.0.0');
  expect(made.version).not.toBe(instrument.version);
  await page.getByLabel('Your organisation').selectOption({ label: 'Northshire County Council' });
  await page.getByLabel('Manager').check();
  await page.getByRole('button', { name: 'Start' }).click();
  const topics = domainsIn(made, 'full');
  await expect(stepText(page)).toHaveText(`Topic 1 of ${topics.length}`);
  const asked = statementsIn(made, 'full').filter((s) => s.domain === topics[0].id);
  await expect(questions(page)).toHaveCount(asked.length);
  for (const s of asked) await expect(page.getByTestId(`question-${s.id}`)).toContainText(s.text);
  expect(problems).toEqual([]);
});
