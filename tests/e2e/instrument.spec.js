// The questionnaire in both modes, the facilitator's context questions, and the
// About page.
const { test } = require('@playwright/test');
const { open, watchForTrouble, createCollaboration, expect, questions, levelChoice, stepText, rows } = require('./support');

test('the readiness check asks 16 statements over 8 topics, with no level choice', async ({ page }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, {
    name: 'Proposed east locality network',
    partners: ['East GP federation', 'East Hospice', 'Age Concern East'],
    mode: 'readiness',
  });
  await expect(page.getByTestId('round-Round 1')).toContainText('Readiness check');
  await page.getByRole('link', { name: 'Answer the questionnaire' }).click();
  await expect(page.getByRole('main')).toContainText('about 5 minutes');
  await page.getByLabel('Your organisation').selectOption({ label: 'East Hospice' });
  await page.getByLabel('Service user or carer representative').check();
  await page.getByRole('button', { name: 'Start' }).click();

  const step = stepText(page);
  let statements = 0;
  for (let topic = 1; topic <= 8; topic += 1) {
    await expect(step).toHaveText(`Topic ${topic} of 8`);
    await expect(levelChoice(page)).toHaveCount(0);
    const groups = questions(page);
    const count = await groups.count();
    for (let i = 0; i < count; i += 1) {
      await groups.nth(i).getByLabel('Agree', { exact: true }).check();
    }
    statements += count;
    await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
  }
  await expect(step).toHaveText('Last step of 9: review');
  expect(statements).toBe(16);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  const results = rows(page.getByTestId('results-table'));
  await expect(results).toHaveCount(8);
  for (let i = 0; i < 8; i += 1) await expect(results.nth(i).getByRole('cell').first()).toHaveText('4.0');
  expect(problems).toEqual([]);
});

test('the facilitator describes the collaboration, and the answers survive a reload', async ({ page }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, {
    name: 'Mandated acute buddying',
    partners: ['Northgate Hospitals', 'Southgate Hospitals'],
  });
  // The number of partners is known from the two entered.
  await expect(page.getByTestId('context-summary')).toContainText('1 of');
  await page.getByRole('link', { name: 'Describe the collaboration' }).click();
  await expect(page.getByLabel(/How many partner organisations/i)).toHaveValue('2');
  const type = page.getByTestId('context-type');
  await type.getByRole('radio').nth(1).check();
  const origin = page.getByTestId('context-origin');
  await origin.getByRole('radio', { name: /mandated/i }).check();
  const pressures = page.getByTestId('context-pressures');
  await pressures.getByRole('checkbox').nth(0).check();
  await pressures.getByRole('checkbox').nth(1).check();
  const partners = page.getByLabel(/How many partner organisations/i);
  await partners.fill('2.5');
  await partners.blur();
  await expect(page.getByTestId('context-partners')).toContainText('Enter a whole number');
  await partners.fill('2');
  await partners.blur();
  await expect(page.getByTestId('context-partners')).not.toContainText('Enter a whole number');
  await expect(page.getByTestId('context-count')).toContainText('4 of');

  await page.reload();
  await expect(page.getByTestId('context-count')).toContainText('4 of');
  await expect(type.getByRole('radio').nth(1)).toBeChecked();
  await expect(origin.getByRole('radio', { name: /mandated/i })).toBeChecked();
  await expect(pressures.getByRole('checkbox').nth(0)).toBeChecked();
  await expect(pressures.getByRole('checkbox').nth(1)).toBeChecked();
  await expect(pressures.getByRole('checkbox').nth(2)).not.toBeChecked();
  await expect(partners).toHaveValue('2');

  // Unticking a box and clearing a choice are saved too.
  await pressures.getByRole('checkbox').nth(0).uncheck();
  await origin.getByRole('button', { name: 'Clear this answer' }).click();
  await page.reload();
  await expect(pressures.getByRole('checkbox').nth(0)).not.toBeChecked();
  await expect(origin.getByRole('radio', { name: /mandated/i })).not.toBeChecked();
  await expect(page.getByTestId('context-count')).toContainText('3 of');
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByTestId('context-summary')).toContainText('3 of');
  expect(problems).toEqual([]);
});

test('the About page explains the method, its limits and its sources', async ({ page }) => {
  await open(page, '#/');
  await page.getByRole('link', { name: 'About the method' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About the method');
  await expect(page.getByRole('main')).toContainText('has not been tested as a validated measure');
  await expect(page.getByTestId('sources').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('sources')).toContainText('10.3310/kplt1423');
  // Which rules produced the results, and the score bands in words.
  await expect(page.getByTestId('rules-version')).toContainText('version 3 of Trellis');
  await expect(page.getByRole('main')).toContainText('from 3.5, halfway from neither to agree, level 3');
});
