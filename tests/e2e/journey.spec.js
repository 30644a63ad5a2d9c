// The first real flow: set up a collaboration, answer every question one topic per
// page, reload and find every answer still there, send, and see per-topic results.
const { test } = require('@playwright/test');
const {
  open, watchForTrouble, createCollaboration, expect, questions, levelChoice, answer, level, stepText, rows,
  instrument, statementIds, domainsIn,
} = require('./support');

// A new round asks the newest questionnaire's full assessment.
const FULL_TOPICS = domainsIn(instrument, 'full').length;
const FULL_STATEMENTS = statementIds(instrument, 'full');

test('a facilitator sets up a round, answers everything, reloads, and sees results', async ({ page }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, {
    name: 'North Shire frailty alliance',
    partners: ['North Shire Hospitals', 'Shire Community Care', 'Shire County Council'],
  });
  await expect(page.getByTestId('partner-list').getByRole('listitem')).toHaveCount(3);

  await page.getByRole('link', { name: 'Answer the questionnaire' }).click();
  await page.getByLabel('Your organisation').selectOption({ label: 'Shire Community Care' });
  await page.getByLabel('Clinician or practitioner').check();
  await page.getByRole('button', { name: 'Start' }).click();

  // Answer every statement on every topic page, cycling through the answer options, and
  // remember what was chosen so it can be checked after a reload.
  const options = ['1', '2', '3', '4', '5', 'dk', 'na'];
  const chosen = new Map();
  const progressStep = stepText(page);
  await expect(progressStep).toHaveText(/^Topic 1 of \d+$/);
  const topics = Number(((await progressStep.textContent()) || '').split(' of ')[1]);
  for (let topic = 1; topic <= topics; topic += 1) {
    // Wait for the page of this topic before touching anything on it.
    await expect(progressStep).toHaveText(`Topic ${topic} of ${topics}`);
    const groups = questions(page);
    const count = await groups.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      const group = groups.nth(i);
      const id = ((await group.getAttribute('data-testid')) || '').replace('question-', '');
      const value = options[(chosen.size * 3) % options.length];
      await answer(group, value).check();
      chosen.set(id, value);
    }
    const levels = levelChoice(page);
    if (await levels.count()) {
      await level(levels, 3).check();
    }
    await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
  }
  await expect(progressStep).toHaveText(`Last step of ${topics + 1}: review`);
  expect(topics).toBe(FULL_TOPICS);
  expect([...chosen.keys()].sort()).toEqual([...FULL_STATEMENTS].sort());

  // Reload on the review page: everything must still be there.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  await expect(page.getByTestId('progress')).toContainText(`${chosen.size} of ${chosen.size} statements answered`);
  await expect(page.getByTestId('unanswered')).toHaveCount(0);

  // Walk back through every topic after the reload and check each answer.
  for (let step = 1; step <= topics; step += 1) {
    await open(page, new URL(page.url()).hash.replace(/answer\/\d+$/, `answer/${step}`));
    await expect(progressStep).toHaveText(`Topic ${step} of ${topics}`);
    const groups = questions(page);
    for (let i = 0; i < (await groups.count()); i += 1) {
      const group = groups.nth(i);
      const id = ((await group.getAttribute('data-testid')) || '').replace('question-', '');
      await expect(answer(group, chosen.get(id)), `answer to ${id}`).toBeChecked();
    }
    await expect(level(levelChoice(page), 3)).toBeChecked();
  }
  await page.getByRole('link', { name: 'Review your answers' }).click();
  await page.getByRole('button', { name: 'Send my answers' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Results: Round 1' })).toBeVisible();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 1 person.');
  const results = rows(page.getByTestId('results-table'));
  await expect(results).toHaveCount(FULL_TOPICS);
  // Each topic's score is the mean of this person's scale answers on it.
  const table = [];
  for (const row of await results.all()) {
    table.push([await row.getAttribute('data-testid'), await row.getByRole('cell').first().textContent()]);
  }
  for (const [testid, score] of table) {
    const domain = testid.replace('result-', '');
    const values = [...chosen].filter(([id]) => id.startsWith(`${domain}.`)).map(([, v]) => v);
    const numbers = values.filter((v) => /^\d$/.test(v)).map(Number);
    const expected = numbers.length * 2 >= values.length
      ? (numbers.reduce((a, b) => a + b, 0) / numbers.length).toFixed(1)
      : 'not enough answers';
    expect(score, `score for ${domain}`).toBe(expected);
  }
  await expect(page.getByTestId('domain-scores-svg').locator('rect')).not.toHaveCount(0);

  // Results survive a reload too.
  await page.reload();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 1 person.');
  expect(problems).toEqual([]);
});

test('the set-up form explains what is wrong and keeps what was typed', async ({ page }) => {
  await open(page, '#/new');
  await page.getByLabel('Name of the collaboration').fill('Lonely network');
  await page.getByLabel('Partner organisations').fill('Only one partner');
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toContainText('Enter at least two partner organisations');
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Partner organisations')).toBeFocused();
  await expect(page.getByLabel('Name of the collaboration')).toHaveValue('Lonely network');
});

test('an unknown address shows a helpful page, not a blank one', async ({ page }) => {
  await open(page, '#/round/does-not-exist/results');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await open(page, '#/nowhere/at/all');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
