// The questionnaire's short modes (the quick check and the readiness check), the
// facilitator's context questions, and the About page. Counts are read from the newest
// questionnaire's file, the one new rounds use.
const { test } = require('@playwright/test');
const {
  open, watchForTrouble, createCollaboration, expect, questions, levelChoice, stepText, rows,
  instrument, statementIds, domainsIn, modeOf,
} = require('./support');

/**
 * Sets up a collaboration whose first round is in `mode`, whose topics are all of `kind`,
 * answers it as a service-user representative from `organisation` ("Agree" to every
 * statement, checking that no topic page asks for a level and that every statement of the
 * mode was asked) and sends; returns the topics, on the results page.
 */
async function answerShortMode(page, { name, mode, kind, organisation }) {
  const { title, minutes } = modeOf(instrument, mode);
  const topics = domainsIn(instrument, mode);
  expect(topics.map((d) => d.kind)).toEqual(topics.map(() => kind));
  await createCollaboration(page, { name, partners: ['East GP federation', 'East Hospice', 'Age Concern East'], mode });
  await expect(page.getByTestId('round-Round 1')).toContainText(title);
  await page.getByRole('link', { name: 'Answer the questionnaire' }).click();
  await expect(page.getByRole('main')).toContainText(`about ${minutes} minutes`);
  await page.getByLabel('Your organisation').selectOption({ label: organisation });
  await page.getByLabel('Service user or carer representative').check();
  await page.getByRole('button', { name: 'Start' }).click();

  const step = stepText(page);
  const asked = [];
  for (let topic = 1; topic <= topics.length; topic += 1) {
    await expect(step).toHaveText(`Topic ${topic} of ${topics.length}`);
    await expect(levelChoice(page)).toHaveCount(0);
    const groups = questions(page);
    const count = await groups.count();
    for (let i = 0; i < count; i += 1) {
      await groups.nth(i).getByLabel('Agree', { exact: true }).check();
      asked.push(((await groups.nth(i).getAttribute('data-testid')) || '').replace('question-', ''));
    }
    await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
  }
  await expect(step).toHaveText(`Last step of ${topics.length + 1}: review`);
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results: Round 1');
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 1 person.');
  expect(asked.sort()).toEqual(statementIds(instrument, mode).sort());
  return topics;
}

test('the quick check asks its statements on each topic of how partners work together, with no level choice', async ({ page }) => {
  const problems = watchForTrouble(page);
  // The old short form: the topics of how partners work together, and nothing else.
  const topics = await answerShortMode(page, { name: 'East locality network', mode: 'quick', kind: 'functioning', organisation: 'East Hospice' });
  const results = rows(page.getByTestId('results-table'));
  await expect(results).toHaveCount(topics.length);
  for (let i = 0; i < topics.length; i += 1) await expect(results.nth(i).getByRole('cell').first()).toHaveText('4.0');
  expect(problems).toEqual([]);
});

test('the readiness check asks only about the partnership being planned, with no level choice', async ({ page }) => {
  const problems = watchForTrouble(page);
  // Nothing about how the collaboration works today: readiness topics only.
  await answerShortMode(page, { name: 'Proposed east locality network', mode: 'readiness', kind: 'readiness', organisation: 'Age Concern East' });
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
  // Which parts come from the research and which are Trellis's own design, and that
  // questionnaire 2 needs testing with real respondents before any claim.
  await expect(page.getByRole('heading', { level: 2, name: 'What comes from research and what Trellis adds' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText("Trellis's own design: the wording of every statement");
  await expect(page.getByRole('main')).toContainText('it needs testing with real respondents');
  // The synthesis and its papers, and the partnership tools the readiness check and the
  // partner map draw on (Levels of Collaboration, Nuffield, VicHealth).
  const sources = page.getByTestId('sources');
  await expect(sources.getByRole('listitem')).toHaveCount(8);
  await expect(sources).toContainText('10.3310/kplt1423');
  for (const tool of ['Measuring collaboration among grant partners', 'the Partnership Assessment Tool', 'The partnerships analysis tool']) {
    await expect(sources).toContainText(tool);
  }
  // Which rules produced the results, and the score bands in words.
  await expect(page.getByTestId('rules-version')).toContainText('version 3 of Trellis');
  await expect(page.getByRole('main')).toContainText('from 3.5, halfway from neither to agree, level 3');
});
