// A round with several respondents: the engine's statistics, agreement, levels, stage,
// protected breakdowns, agenda and suggested actions on the results page.
const { test } = require('@playwright/test');
const {
  watchForTrouble, createCollaboration, plantResponses, expect, rows, instrument, statementIds, domainsIn,
} = require('./support');

// Statement ids and topics of the newest questionnaire (the one new rounds use), read
// from its file: the full assessment, and the quick check (two statements a topic on how
// the collaboration works, no level choice).
const FULL = statementIds(instrument, 'full');
const DOMAINS = domainsIn(instrument, 'full').map((d) => d.id);
const QUICK = statementIds(instrument, 'quick');
const QUICK_TOPICS = domainsIn(instrument, 'quick');

/** Everyone agrees (4) except on trust, where the organisations differ sharply. */
function person(org, role, trust, level) {
  return {
    org,
    role,
    answers: FULL.map((id) => [id, id.startsWith('trust.') ? String(trust) : '4']),
    levels: Object.fromEntries(DOMAINS.map((d) => [d, d === 'trust' ? level : 4])),
  };
}

test('seven respondents: statistics, stage, protected breakdowns, agenda and actions', async ({ page }) => {
  const problems = watchForTrouble(page);
  const name = 'Riverside provider collaborative';
  await createCollaboration(page, { name, partners: ['Riverside Hospitals', 'Riverside Council', 'Riverside Mind'] });
  // A bad history makes trust critical for this collaboration.
  await page.getByRole('link', { name: 'Describe the collaboration' }).click();
  await page.getByTestId('context-history').getByRole('radio').nth(3).check();
  await plantResponses(page, name, [
    person(0, 'senior-leader', 5, 4), person(0, 'manager', 5, 4), person(0, 'clinician', 4, 4), person(0, 'front-line', 5, 4),
    person(1, 'manager', 1, 1), person(1, 'clinician', 2, 1),
    person(2, 'service-user', 1, 1),
  ]);
  await page.getByRole('link', { name }).click();
  await page.getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText('Based on the answers of 7 people.');

  // Trust: scores 5,5,4,5,1,2,1 -> mean 23/7 = 3.3; levels 4,4,4,4,1,1,1 -> median 4, three
  // of seven far from it -> uncertain.
  const trust = page.getByTestId('result-trust');
  await expect(trust.getByRole('cell').nth(0)).toHaveText('3.3');
  await expect(trust.getByRole('cell').nth(3)).toHaveText('7 / 7');
  await expect(trust).toContainText('Uncertain');
  await expect(trust).toContainText('critical here');
  await expect(page.getByTestId('result-vision').getByRole('cell').nth(0)).toHaveText('4.0');
  await expect(page.getByTestId('result-vision')).toContainText('people agree closely (1.00)');

  // Its level now comes from its score band, shown with the averages the band stands for.
  await expect(trust).toContainText('2 Developing (from scores: an average from 2.5 to below 3.5)');

  // Stage: the middle level is 4, but trust is critical and its working level (from its
  // score band: 3.3 is below 3.5, where level 3 starts, so 2) holds the stage back.
  await expect(page.getByTestId('stage')).toContainText('2 Developing');
  await expect(page.getByTestId('stage-held-back')).toContainText('Trust and relationships');

  // Organisations: Riverside Hospitals (4) is shown; the council (2) and Mind (1) are
  // combined, so neither can be worked out from the total.
  // A column for each group shown, a row for each topic, the first row counting people.
  const orgs = page.getByTestId('by-organisation');
  const groupsShown = ['Topic', 'Riverside Hospitals', 'Combined: Riverside Council, Riverside Mind'];
  await expect(orgs.getByRole('columnheader')).toHaveText(groupsShown);
  await expect(rows(orgs).nth(0).getByRole('rowheader')).toHaveText('People');
  await expect(rows(orgs).nth(0).getByRole('cell')).toHaveText(['4', '3']);
  await expect(rows(orgs)).toHaveCount(1 + DOMAINS.length);
  await expect(page.getByRole('main')).not.toContainText('Riverside Mind scores');
  // Roles: no role has three people, so the role breakdown is withheld.
  await expect(page.getByTestId('by-role-withheld')).toBeVisible();
  // Raising the smallest group to 5 withholds the organisation breakdown too (4 + 3).
  await page.getByLabel(/Smallest group shown on its own/).selectOption('5');
  await expect(page.getByTestId('by-organisation-withheld')).toBeVisible();
  await page.getByLabel(/Smallest group shown on its own/).selectOption('3');
  await expect(orgs.getByRole('columnheader')).toHaveText(groupsShown);

  // Agenda: trust first (critical, split, people disagree); actions for trust suggested.
  const agenda = page.getByTestId('agenda').getByRole('listitem');
  await expect(agenda.first()).toContainText('Trust and relationships');
  await expect(agenda.first()).toContainText('critical for this collaboration');
  await page.getByLabel('Most contested first').check();
  await expect(page.getByTestId('agenda').getByRole('listitem').first()).toContainText('Trust and relationships');
  await expect(page.getByTestId('actions').getByRole('listitem').first()).toContainText('topic is number 1 on the agenda');
  await expect(page.getByTestId('action-trust.keep-promises')).toBeVisible();
  await expect(page.getByTestId('action-trust.keep-promises')).toContainText('it fits this collaboration because of');
  // Reliability needs ten complete responses: with seven, one sentence says so.
  await expect(page.getByTestId('reliability-none')).toContainText('at least 10 people');
  await expect(page.getByTestId('reliability')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a quick check says which conditions to put in place first', async ({ page }) => {
  const name = 'Proposed hospice partnership';
  await createCollaboration(page, { name, partners: ['Hospice North', 'Hospice South'], mode: 'quick' });
  const answers = (low) => QUICK.map((id) => [id, id.startsWith(low) ? '2' : '4']);
  await plantResponses(page, name, [
    { org: 0, role: 'manager', answers: answers('capacity.') },
    { org: 1, role: 'manager', answers: answers('capacity.') },
    { org: 1, role: 'clinician', answers: answers('capacity.') },
  ]);
  await page.getByRole('link', { name: 'See results' }).click();
  const missing = page.getByTestId('readiness-missing').getByRole('listitem');
  await expect(missing).toHaveCount(1);
  await expect(missing.first()).toContainText(instrument.domains.find((d) => d.id === 'capacity').title);
  await expect(missing.first()).toContainText('average 2.0');
  await expect(page.getByTestId('readiness-in-place').getByRole('listitem')).toHaveCount(QUICK_TOPICS.length - 1);
  await expect(page.getByTestId('stage')).toHaveCount(0);
});
