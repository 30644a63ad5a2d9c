// A workshop on one device (kiosk mode) and the consensus record carried into the next round.
const { test } = require('@playwright/test');
const {
  watchForTrouble, createCollaboration, plantResponses, expect, questions, answer, stepText, instrument, statementsIn, domainsIn,
} = require('./support');

// New rounds use the newest questionnaire's full assessment.
const TRUST = statementsIn(instrument, 'full').filter((s) => s.domain === 'trust').map((s) => s.id);
const TOPICS = domainsIn(instrument, 'full').length;

/** Answers nothing but the first statement, walks every topic page and sends. */
async function answerQuickly(page, organisation, role, value) {
  await page.getByLabel('Your organisation').selectOption({ label: organisation });
  await page.getByLabel(role).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await answer(questions(page).first(), value).check();
  const step = stepText(page);
  for (let topic = 1; topic <= TOPICS; topic += 1) {
    await expect(step).toHaveText(`Topic ${topic} of ${TOPICS}`);
    await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
  }
  await page.getByRole('button', { name: 'Send my answers' }).click();
}

test('a workshop session hides each person’s answers and the results until it ends', async ({ page }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, { name: 'Workshop alliance', partners: ['Alpha Trust', 'Beta Council'] });
  await page.getByRole('link', { name: 'See results' }).click();
  await page.getByRole('link', { name: 'Run a workshop session' }).click();
  await page.getByRole('button', { name: 'Start the workshop session' }).click();
  await expect(page.getByTestId('kiosk-banner')).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);

  await answerQuickly(page, 'Alpha Trust', 'Manager', '5');
  await expect(page.getByTestId('kiosk-ready')).toBeVisible();
  // Going to the results by address does not show them.
  const results = page.url().replace(/kiosk$/, 'results');
  await page.goto(results.replace(/^.*#/, './#'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results are hidden during the workshop session');
  await page.getByRole('link', { name: 'Back' }).click();

  await page.getByRole('button', { name: 'Start as the next person' }).click();
  // The next person starts fresh: nothing of the first person's answers is shown.
  await expect(page.getByTestId('resume')).toHaveCount(0);
  await expect(page.getByTestId('already-sent')).toHaveCount(0);
  await answerQuickly(page, 'Beta Council', 'Clinician or practitioner', '1');

  await page.getByRole('button', { name: 'End the workshop session' }).click();
  await page.getByRole('button', { name: 'Yes, end the session' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 2 people.');
  await expect(page.getByTestId('kiosk-banner')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('the agreed view is recorded beside the results and shown in the next round', async ({ page }) => {
  const problems = watchForTrouble(page);
  await createCollaboration(page, { name: 'Consensus network', partners: ['Gamma Hospice', 'Delta GP federation'] });
  await plantResponses(page, 'Consensus network', [
    { org: 0, role: 'manager', answers: TRUST.map((id) => [id, '3']) },
    { org: 1, role: 'manager', answers: TRUST.map((id) => [id, '2']) },
  ]);
  await page.getByRole('link', { name: 'See results' }).click();
  await page.getByRole('link', { name: 'Record the agreed view' }).click();
  const trust = page.getByTestId('consensus-trust');
  await trust.getByLabel('3 Established').check();
  await trust.getByLabel('Why the group agreed this').fill('Good links at the front line, little at board level.');
  await trust.getByLabel('Evidence and notes').fill('Workshop, 12 March.');
  await trust.getByLabel('Target level for the next round').selectOption({ label: '4 Maturing' });
  await page.reload();
  await expect(trust.getByLabel('3 Established')).toBeChecked();
  await expect(trust.getByLabel('Why the group agreed this')).toHaveValue('Good links at the front line, little at board level.');
  await page.getByRole('link', { name: 'Done' }).click();
  await expect(page.getByTestId('result-trust')).toContainText('3 Established');
  await expect(page.getByTestId('result-trust').getByRole('cell').last()).toHaveText('4 Maturing');
  // The agenda counts the gap to that target.
  await expect(page.getByTestId('agenda')).toContainText('below the target of 4 Maturing');

  // A second round shows the earlier agreement beside the new one.
  await page.getByRole('link', { name: 'Consensus network' }).click();
  await page.getByLabel('Round name').fill('Round 2');
  await page.getByLabel('Round name').blur();
  await page.getByLabel('Date of the round').fill('2030-01-15');
  await page.getByLabel('Date of the round').blur();
  await page.getByRole('button', { name: 'Add a round' }).click();
  await page.getByTestId('round-Round 2').getByRole('link', { name: 'See results' }).click();
  await page.getByRole('link', { name: 'Record the agreed view' }).click();
  await expect(page.getByTestId('consensus-trust-earlier')).toContainText('Agreed in Round 1: level 3 Established. Good links at the front line');

  // Closing a round stops new answers on this device; reopening allows them again.
  await page.getByRole('link', { name: 'Done' }).click();
  await page.getByRole('link', { name: 'Consensus network' }).first().click();
  const round1 = page.getByTestId('round-Round 1');
  await round1.getByRole('button', { name: 'Close round' }).click();
  await expect(round1).toContainText('(closed)');
  await round1.getByRole('link', { name: 'Answer the questionnaire' }).click();
  await expect(page.getByTestId('round-closed')).toBeVisible();
  await page.goBack();
  await page.getByTestId('round-Round 1').getByRole('button', { name: 'Reopen round' }).click();
  await expect(page.getByTestId('round-Round 1')).not.toContainText('(closed)');
  expect(problems).toEqual([]);
});
