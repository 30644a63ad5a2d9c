// Context belongs to the round: a closed round keeps the context its results were read
// under when the collaboration's answers change; an open round follows them; the
// progress page names the answers that changed between rounds.
const { test } = require('@playwright/test');
const {
  watchForTrouble, createCollaboration, plantResponses, expect, instrument, statementIds, domainsIn,
} = require('./support');

// The newest questionnaire's full assessment, which new rounds use.
const FULL = statementIds(instrument, 'full');
const history = (id) => instrument.context.find((q) => q.id === 'history').options.find((o) => o.id === id).label;

/** Everyone answers 3 throughout, with level 3 on every topic. */
function person(org, role) {
  return {
    org,
    role,
    answers: FULL.map((id) => [id, '3']),
    levels: Object.fromEntries(domainsIn(instrument, 'full').map((d) => [d.id, 3])),
  };
}
const PEOPLE = [person(0, 'manager'), person(0, 'clinician'), person(1, 'manager')];

async function collaborationPage(page) {
  const id = await page.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')).collaborations[0].id);
  await page.goto(`./index.html#/collaboration/${id}`);
}

async function results(page, round) {
  await collaborationPage(page);
  await page.getByTestId(`round-${round}`).getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 3 people.');
}

test('a closed round keeps its context when the history answer changes; the next round and progress show the change', async ({ page }) => {
  const problems = watchForTrouble(page);
  const name = 'Northgate partnership';
  await createCollaboration(page, { name, partners: ['Northgate Hospitals', 'Northgate Council'] });

  // A history that went badly makes trust critical here.
  await page.getByRole('link', { name: 'Describe the collaboration' }).click();
  await page.getByTestId('context-history').getByRole('radio', { name: history('negative') }).check();
  await expect(page.getByTestId('context-applies')).toContainText('open round (Round 1) and of rounds you add later');
  await plantResponses(page, name, PEOPLE);
  await results(page, 'Round 1');
  await expect(page.getByTestId('result-trust')).toContainText('critical here');

  // Round 1 is closed and round 2 added; then the history answer changes.
  await collaborationPage(page);
  await page.getByTestId('round-Round 1').getByRole('button', { name: 'Close round' }).click();
  await expect(page.getByTestId('round-Round 1').getByRole('button', { name: 'Reopen round' })).toBeVisible();
  await page.getByLabel('Round name').fill('Round 2');
  await page.getByRole('button', { name: 'Add a round' }).click();
  await expect(page.getByRole('status')).toHaveText('Round added.');
  await plantResponses(page, name, PEOPLE, 1);
  await collaborationPage(page);
  await page.getByRole('link', { name: 'Describe the collaboration' }).click();
  const applies = page.getByTestId('context-applies');
  await expect(applies).toContainText('open round (Round 2) and of rounds you add later');
  await expect(applies).toContainText('A closed round keeps the answers its results were read under (Round 1)');
  await page.getByTestId('context-history').getByRole('radio', { name: history('positive') }).check();
  await expect(page.getByTestId('context-history').getByRole('radio', { name: history('positive') })).toBeChecked();

  // Round 1 is still read under the history it had: trust is still critical there, and
  // its board report says which circumstances it was read under.
  await results(page, 'Round 1');
  await expect(page.getByTestId('result-trust')).toContainText('critical here');
  await page.getByRole('link', { name: 'Board report' }).click();
  await expect(page.getByTestId('report-context')).toContainText(`Have these partners worked together before? \u201c${history('negative')}\u201d`);
  // Round 2 is read under the new answer: nothing makes trust critical now.
  await results(page, 'Round 2');
  await expect(page.getByTestId('result-trust')).not.toContainText('critical here');

  // The progress page names the answer that changed and the rounds either side.
  await collaborationPage(page);
  await page.getByRole('link', { name: 'Progress over time' }).click();
  const changes = page.getByTestId('context-changes');
  await expect(changes).toContainText('Between Round 1 and Round 2:');
  await expect(changes.getByRole('listitem')).toHaveText([
    `Have these partners worked together before? \u201c${history('negative')}\u201d in Round 1, \u201c${history('positive')}\u201d in Round 2.`,
  ]);

  // What is stored: each round its own answer.
  const ws = await page.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')));
  expect(ws.schema).toBe(5);
  expect(ws.collaborations[0].rounds.map((r) => r.context.history)).toEqual(['negative', 'positive']);
  expect(problems).toEqual([]);
});
