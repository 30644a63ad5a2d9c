// The action library: from the plan to every action of the instrument, narrowed by topic
// and level with a live count, one added to the plan, and seen on the plan.
const { test } = require('@playwright/test');
const { open, watchForTrouble, expect, heading, instrument } = require('./support');

// The example's rounds use the newest questionnaire, whose actions the library lists.
const ROUND = 'example-20231103-r2';
const TOTAL = instrument.actions.length;
/** The actions the choices below leave, read off the instrument file. */
const conflictAtThree = instrument.actions.filter((a) => a.domain === 'conflict' && a.levels.includes(3));

test('browse every action from the plan, narrow the list and add one to the plan', async ({ page }) => {
  const problems = watchForTrouble(page);
  await open(page, '#/');
  await page.getByTestId('add-example').click();
  await open(page, `index.html#/round/${ROUND}/plan`);
  await page.getByRole('link', { name: 'Browse all actions' }).click();
  await expect(heading(page)).toHaveText('All actions: Round 2 (example)');

  const count = page.getByRole('status').filter({ hasText: /of \d+ actions?$/ });
  const cards = page.getByTestId('library').getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
  await expect(count).toHaveText(`${TOTAL} of ${TOTAL} actions`);
  await expect(cards).toHaveCount(TOTAL);

  await page.getByLabel('Topic').selectOption({ label: 'Handling disagreement and accountability' });
  await expect(count).toHaveText(`${instrument.actions.filter((a) => a.domain === 'conflict').length} of ${TOTAL} actions`);
  await page.getByLabel('Suits the level').selectOption('3');
  await expect(count).toHaveText(`${conflictAtThree.length} of ${TOTAL} actions`);
  await expect(cards).toHaveCount(conflictAtThree.length);

  // An action the engine did not suggest this round goes on the plan in one click.
  const chosen = conflictAtThree.find((a) => a.id === 'conflict.compare-cultures');
  const card = page.getByTestId(`library-${chosen.id}`);
  await expect(card).toContainText('Comes first when the answer about the collaboration is:');
  const add = card.getByRole('button', { name: /to the plan$/ });
  await add.click();
  await expect(card.getByRole('button')).toHaveText('On the plan');
  await expect(card.getByRole('button')).toHaveAttribute('aria-disabled', 'true');
  // Focus stays on the button whose words changed, and a second click adds nothing.
  await expect(card.getByRole('button')).toBeFocused();
  await page.keyboard.press('Enter');

  // Only actions that fit the example's context: the count changes again.
  await page.getByLabel("Only actions that fit this collaboration's context").check();
  await expect(count).not.toHaveText(`${conflictAtThree.length} of ${TOTAL} actions`);
  await page.getByRole('button', { name: 'Show every action' }).click();
  await expect(count).toHaveText(`${TOTAL} of ${TOTAL} actions`);

  await page.getByRole('link', { name: 'Back to the plan' }).click();
  await expect(heading(page)).toHaveText('Targets and action plan: Round 2 (example)');
  const plan = page.getByTestId('plan');
  await expect(plan.getByRole('heading', { name: chosen.title })).toHaveCount(1);
  expect(problems).toEqual([]);
});
