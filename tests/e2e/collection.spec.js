// Serverless collection: an invitation link, three respondents on their own devices
// (separate browser contexts, so separate storage) sending back a file, a code and a
// passphrase-locked code, and the facilitator's import with a damaged code and a duplicate.
const fs = require('fs');
const { test } = require('@playwright/test');
const {
  watchForTrouble, createCollaboration, expect, questions, answer, stepText, instrument, statementsIn, domainsIn,
} = require('./support');

// New rounds use the newest questionnaire: the full assessment unless a test picks another mode.
const FULL_TOPICS = domainsIn(instrument, 'full').length;
const FULL_STATEMENTS = statementsIn(instrument, 'full').length;

const PARTNERS = ['Northgate Hospitals', 'Northgate Council', 'Northgate Carers Network'];

/** A respondent opens the link, answers a few statements as `organisation`, and sends. */
async function respond(context, link, organisation, role, value) {
  const page = await context.newPage();
  const problems = watchForTrouble(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Northgate integrated care alliance');
  await expect(page.getByRole('main')).toContainText('Asked by: facilitator@northgate.example');
  await page.getByTestId('join-start').click();
  await page.getByLabel('Your organisation').selectOption({ label: organisation });
  await page.getByLabel(role).check();
  await page.getByRole('button', { name: 'Start' }).click();
  const step = stepText(page);
  for (let topic = 1; topic <= FULL_TOPICS; topic += 1) {
    await expect(step).toHaveText(`Topic ${topic} of ${FULL_TOPICS}`);
    const groups = questions(page);
    for (let i = 0; i < (await groups.count()); i += 1) {
      await answer(groups.nth(i), value).check();
    }
    await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
  }
  await page.getByRole('button', { name: 'Finish and choose how to send' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Send your answers to the facilitator');
  // The respondent can still see what they sent.
  await expect(page.getByTestId('what-you-sent')).toContainText(`You answered ${FULL_STATEMENTS} of ${FULL_STATEMENTS} statements.`);
  return { page, problems };
}

test('three respondents answer privately and the facilitator imports their answers', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchForTrouble(page);
  await createCollaboration(page, { name: 'Northgate integrated care alliance', partners: PARTNERS });
  await page.getByRole('link', { name: 'Invite' }).click();
  await page.getByLabel(/Where should people send their answers/).fill('facilitator@northgate.example');
  await page.getByLabel(/Where should people send their answers/).blur();
  await expect(page.getByTestId('invitation-sheet')).toContainText('facilitator@northgate.example');
  const link = await page.getByTestId('invitation-link').inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/trellis\/answer\.html#\/join\//);

  // Respondent 1: a file.
  const one = await browser.newContext();
  const r1 = await respond(one, link, PARTNERS[0], 'Manager', '4');
  const [download] = await Promise.all([
    r1.page.waitForEvent('download'),
    r1.page.getByRole('button', { name: 'Download my answers' }).click(),
  ]);
  const file = testInfo.outputPath('answers-1.json');
  await download.saveAs(file);
  // The respondent sent the file twice (once by email, once by Teams).
  const copy = testInfo.outputPath('answers-1-again.json');
  fs.copyFileSync(file, copy);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).trellis).toBe('response');

  // Respondent 2: a plain code.
  const two = await browser.newContext();
  const r2 = await respond(two, link, PARTNERS[1], 'Clinician or practitioner', '2');
  const code = await r2.page.getByTestId('response-code').inputValue();
  expect(code).toMatch(/^TRELLIS1-/);

  // Respondent 3: a code locked with a passphrase.
  const three = await browser.newContext();
  const r3 = await respond(three, link, PARTNERS[2], 'Service user or carer representative', '5');
  await r3.page.getByLabel('Passphrase (at least 8 characters)').fill('harbour lights 42');
  await r3.page.getByLabel('Type the passphrase again').fill('harbour lights 42');
  await r3.page.getByRole('button', { name: 'Lock the code' }).click();
  const locked = await r3.page.getByTestId('protected-code').inputValue();
  expect(locked).toMatch(/^TRELLIS1E-/);
  // Nothing any respondent did reached the facilitator's browser.
  await expect(page.getByTestId('invitation-link')).toBeVisible();

  // The facilitator imports: the file twice over, then codes pasted from an email with a
  // damaged code among them.
  await page.getByRole('link', { name: 'Import the answers people send back' }).click();
  await page.getByLabel('Choose response files or a spreadsheet (CSV, TSV or Excel)').setInputFiles([file, copy]);
  await expect(page.getByTestId('import-preview')).toContainText('2 rows read: 1 will be added, 0 updated with a newer copy, 1 already here, 0 conflicting, 0 refused.');
  const damaged = code.slice(0, 30) + (code[30] === 'A' ? 'B' : 'A') + code.slice(31);
  await page.getByLabel('Passphrase for locked codes (if any)').fill('harbour lights 42');
  await page.getByLabel('Paste codes').fill(
    `Hi, here are the answers.\n\n${code}\n\nAnd the locked one:\n${locked}\n\nThis one got mangled:\n${damaged}\n`,
  );
  await page.getByRole('button', { name: 'Read the codes' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('5 rows read: 3 will be added, 0 updated with a newer copy, 1 already here, 0 conflicting, 1 refused.');
  await expect(preview.getByTestId('import-rejected')).toContainText('code 3');
  await page.getByRole('button', { name: 'Add 3 responses to the round' }).click();
  await expect(page.getByTestId('import-done')).toContainText('5 rows read: 3 were added');

  await page.getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 3 people.');
  // One person from each organisation: no organisation can be shown without revealing
  // someone's answers, so the breakdown is withheld.
  await expect(page.getByTestId('by-organisation-withheld')).toBeVisible();
  await expect(page.getByTestId('result-vision').getByRole('cell').first()).toHaveText('3.7');

  // Importing the same file again changes nothing.
  await page.goBack();
  await page.getByLabel('Choose response files or a spreadsheet (CSV, TSV or Excel)').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toContainText('1 row read: 0 will be added, 0 updated with a newer copy, 1 already here');
  for (const p of [problems, r1.problems, r2.problems, r3.problems]) expect(p).toEqual([]);
});

test('a damaged invitation link explains itself instead of breaking', async ({ page }) => {
  await page.goto('./#/join/eyJmb3JtYXQiOjEsInJvdW5kX2lkIjoi.deadbeef');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This invitation link does not work');
  await expect(page.getByTestId('bad-link')).toContainText('damaged or incomplete');
});

test('a survey platform export is mapped to statements with a preview, then imported', async ({ page }, testInfo) => {
  const problems = watchForTrouble(page);
  const name = 'Northshire quick check';
  await createCollaboration(page, { name, partners: ['Northshire Acute Trust', 'Northshire County Council'], mode: 'quick' });
  // A Microsoft Forms-style export: numbered question texts as headers, agreement words.
  const quick = statementsIn(instrument, 'quick');
  const header = ['ID', 'Start time', 'Email', 'Which organisation do you work for?', 'What is your role?',
    ...quick.map((s, k) => `${k + 1}. ${s.text}`)];
  const row = (id, org, role, word) => [id, '11/3/26 9:01', 'anonymous', org, role, ...quick.map(() => word)];
  const lines = [header, row(1, 'Northshire Acute Trust', 'Manager', 'Agree'),
    row(2, 'northshire county council', 'Clinician or practitioner', 'Strongly disagree'),
    row(3, 'Somewhere Else', 'Manager', 'Agree'), row(4, 'Northshire Acute Trust', 'Manager', 'Maybe')];
  const csv = '\ufeff' + lines.map((l) => l.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n');
  const file = testInfo.outputPath('forms-export.csv');
  require('fs').writeFileSync(file, csv);

  await page.getByRole('link', { name: 'Import answers' }).click();
  await page.getByLabel('Choose response files or a spreadsheet (CSV, TSV or Excel)').setInputFiles(file);
  const mapping = page.getByTestId('csv-mapping');
  await expect(mapping).toBeVisible();
  await expect(mapping.getByLabel('Which organisation do you work for?')).toHaveValue('organisation');
  await expect(mapping.getByLabel('What is your role?')).toHaveValue('role');
  await expect(mapping.getByLabel('Email')).toHaveValue('ignore');
  await expect(mapping.getByLabel(`1. ${quick[0].text}`)).toHaveValue(`s:${quick[0].id}`);
  await page.getByRole('button', { name: 'Read the rows' }).click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('4 rows read: 2 will be added, 0 updated with a newer copy, 0 already here, 0 conflicting, 2 refused.');
  await expect(preview).toContainText('forms-export.csv row 5');
  await expect(preview).toContainText('Maybe');
  await page.getByRole('button', { name: 'Add 2 responses to the round' }).click();
  await expect(page.getByTestId('import-done')).toContainText('4 rows read: 2 were added');
  await page.getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 2 people.');
  await expect(page.getByTestId('result-trust').getByRole('cell').first()).toHaveText('2.5');
  expect(problems).toEqual([]);
});
