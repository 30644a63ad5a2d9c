// Accessibility and ease of use: axe-core (WCAG 2.2 A and AA rules) on every page and
// the states in between, in the light and the dark theme; a keyboard-only assessment;
// a full assessment at phone size; focus after navigation; reflow at 320 px.
const { test } = require('@playwright/test');
const {
  open, watchForTrouble, createCollaboration, expect, heading, questions, levelChoice, answer, answerLabel, stepText,
  instrument, domainsIn, axe,
} = require('./support');

// New rounds and the example's use the newest questionnaire's full assessment.
const FULL_TOPICS = domainsIn(instrument, 'full').length;
const ROUND = 'example-20231103-r2';

/** Every page of the app with the fictional example loaded, plus form and error states. */
async function tour(page, scheme) {
  page.on('dialog', (d) => d.accept());
  await page.emulateMedia({ colorScheme: scheme });
  await open(page, '#/');
  await axe(page, `${scheme} home, empty`);
  await page.getByTestId('add-example').click();
  await axe(page, `${scheme} home, with the example`);
  const pages = [
    ['#/new', 'set-up form'],
    ['index.html#/about', 'about the method'],
    [`#/collaboration/example-20231103`, 'collaboration'],
    [`#/collaboration/example-20231103/context`, 'context questions'],
    [`#/round/${ROUND}/invite`, 'invitation'],
    [`answer.html#/round/${ROUND}/answer`, 'answer: start'],
    [`answer.html#/round/${ROUND}/kiosk`, 'workshop session'],
    ['#/nowhere', 'not found'],
    [`index.html#/round/${ROUND}/results`, 'results dashboard'],
    [`index.html#/round/${ROUND}/consensus`, 'agreed view and targets'],
    [`index.html#/round/${ROUND}/plan`, 'targets and action plan'],
    [`index.html#/round/${ROUND}/actions`, 'action library'],
    [`index.html#/round/${ROUND}/statements`, 'statements'],
    [`index.html#/round/${ROUND}/report`, 'board report'],
    [`index.html#/collaboration/example-20231103/progress`, 'progress over time'],
    [`index.html#/round/${ROUND}/import`, 'import'],
    ['index.html#/data', 'your data, with a damaged copy kept aside'],
    [`index.html#/round/${ROUND}/export`, 'export'],
  ];
  // So that the data page also shows its table of damaged copies.
  await page.evaluate(() => localStorage.setItem('trellis.workspace.damaged.1790000000000', '{"schema": 3'));
  for (const [address, name] of pages) {
    await page.goto(`./${address}`);
    await expect(heading(page)).toBeVisible();
    // Each address is on its own page, never handed over mid-check.
    await expect(heading(page)).not.toHaveText('Opening the page…');
    await axe(page, `${scheme} ${name}`);
  }
  // States in between: a form with errors, a topic page, the review, after sending.
  await page.goto('./#/new');
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  await axe(page, `${scheme} set-up form with errors`);
  await page.goto(`./answer.html#/round/${ROUND}/answer`);
  await page.getByLabel('Your organisation').selectOption({ index: 1 });
  await page.getByLabel('Manager').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await answer(questions(page).first(), '4').check();
  await axe(page, `${scheme} answering a topic`);
  // The example's second round has the partner map: a step after the topics.
  await page.goto(`./answer.html#/round/${ROUND}/answer/${FULL_TOPICS + 1}`);
  await expect(heading(page)).toHaveText('How your organisation works with the other partners');
  await axe(page, `${scheme} the other partners`);
  await page.goto(`./answer.html#/round/${ROUND}/answer/${FULL_TOPICS + 2}`);
  await expect(heading(page)).toBeVisible();
  await axe(page, `${scheme} review before sending`);
  await page.goto(`./answer.html#/round/${ROUND}/answer/${FULL_TOPICS + 1}`);
  await page.getByRole('link', { name: 'Review your answers' }).click();
  // Sent with answers missing (the review page said so): the facilitator's own device
  // then shows the round's results.
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(heading(page)).toHaveText('Results: Round 2 (example)');
  await axe(page, `${scheme} results after sending`);
}

test('axe finds nothing on any page, light theme', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchForTrouble(page);
  await tour(page, 'light');
  expect(problems).toEqual([]);
});

test('axe finds nothing on any page, dark theme', async ({ page }) => {
  test.setTimeout(120_000);
  await tour(page, 'dark');
});

test('a full assessment with the keyboard alone, through to the results', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchForTrouble(page);
  const name = 'Keyboard alliance';
  await createCollaboration(page, { name, partners: ['Key Trust', 'Key Council'] });
  // From the collaboration page, Tab to the answer link and press Enter.
  const answerLink = page.getByRole('link', { name: 'Answer the questionnaire' });
  await tabTo(page, answerLink);
  await page.keyboard.press('Enter');
  await expect(heading(page)).toBeFocused();
  await tabTo(page, page.getByLabel('Your organisation'));
  await page.keyboard.press('ArrowDown');
  // Tab reaches a radio group once (its first choice); arrow keys move and choose within it.
  const roles = page.getByRole('group').filter({ has: page.getByLabel('Manager') });
  await tabTo(page, roles.getByRole('radio').first());
  while (!(await page.getByLabel('Manager').isChecked())) await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByRole('button', { name: 'Start' }));
  await page.keyboard.press('Enter');
  for (let topic = 1; topic <= FULL_TOPICS; topic += 1) {
    await expect(stepText(page)).toHaveText(`Topic ${topic} of ${FULL_TOPICS}`);
    await expect(heading(page)).toBeFocused();
    const groups = questions(page);
    for (let i = 0; i < (await groups.count()); i += 1) {
      // Tab into the group (its first radio), then arrow keys choose: down three times is 4.
      await tabTo(page, groups.nth(i).getByRole('radio').first());
      for (let k = 0; k < 3; k += 1) await page.keyboard.press('ArrowDown');
      await expect(answer(groups.nth(i), '4')).toBeChecked();
    }
    const level = levelChoice(page);
    if (await level.count()) {
      await tabTo(page, level.getByRole('radio').first());
      for (let k = 0; k < 2; k += 1) await page.keyboard.press('ArrowDown');
    }
    await tabTo(page, page.getByRole('link', { name: /^(Next|Review your answers)$/ }));
    await page.keyboard.press('Enter');
  }
  await tabTo(page, page.getByRole('button', { name: 'Send my answers' }));
  await page.keyboard.press('Enter');
  // On the facilitator's own device, sending opens the round's results (the results page).
  await expect(heading(page)).toHaveText('Results: Round 1');
  await expect(page.getByTestId('respondent-count')).toContainText('1 p');
  await tabTo(page, page.getByRole('link', { name: 'Targets and action plan' }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toBeFocused();
  expect(problems).toEqual([]);
});

/** Presses Tab until `target` has focus (at most 200 times), as a keyboard user would. */
async function tabTo(page, target) {
  for (let i = 0; i < 200; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with the Tab key`);
}

test.describe('at phone size', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('a respondent completes the full assessment by touch', async ({ page }) => {
    test.setTimeout(120_000);
    const problems = watchForTrouble(page);
    await createCollaboration(page, { name: 'Phone alliance', partners: ['Phone Trust', 'Phone Council'] });
    await page.getByRole('link', { name: 'Answer the questionnaire' }).tap();
    await page.getByLabel('Your organisation').selectOption({ index: 1 });
    await page.getByText('Front-line staff').tap();
    await page.getByRole('button', { name: 'Start' }).tap();
    for (let topic = 1; topic <= FULL_TOPICS; topic += 1) {
      await expect(page.getByTestId('progress')).toContainText(`Topic ${topic} of ${FULL_TOPICS}`);
      await expect(page.getByTestId('progress')).toContainText(/minutes? left|Almost done/);
      const groups = questions(page);
      for (let i = 0; i < (await groups.count()); i += 1) {
        // The label is the touch target; this taps "Strongly disagree".
        const option = answerLabel(groups.nth(i), '1');
        const box = await option.boundingBox();
        expect(box.height).toBeGreaterThanOrEqual(44);
        await option.tap();
      }
      await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).tap();
    }
    await page.getByRole('button', { name: 'Send my answers' }).tap();
    await expect(heading(page)).toHaveText('Results: Round 1');
    expect(await page.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(problems).toEqual([]);
  });
});

test.describe('at 320 px (the same as 1280 px at 400% zoom)', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('every page reflows without sideways scrolling', async ({ page }) => {
    await open(page, '#/');
    await page.getByTestId('add-example').click();
    for (const address of [
      '#/',
      '#/new',
      'index.html#/about',
      '#/collaboration/example-20231103',
      `#/round/${ROUND}/invite`,
      `answer.html#/round/${ROUND}/answer`,
      `index.html#/round/${ROUND}/results`,
      `index.html#/round/${ROUND}/plan`,
      `index.html#/round/${ROUND}/actions`,
      `index.html#/round/${ROUND}/report`,
      `index.html#/collaboration/example-20231103/progress`,
      `index.html#/round/${ROUND}/import`,
      'index.html#/data',
      `index.html#/round/${ROUND}/export`,
    ]) {
      await page.goto(`./${address}`);
      await expect(heading(page)).toBeVisible();
      // Wide data tables scroll inside their own box (allowed for tables); the page never does.
      const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
      expect(width, address).toBeLessThanOrEqual(320);
    }
  });
});

test('focus moves to the page heading after every navigation', async ({ page }) => {
  await open(page, '#/');
  await page.getByRole('link', { name: 'Set up a collaboration' }).first().click();
  await expect(heading(page)).toBeFocused();
  await page.goBack();
  await expect(heading(page)).toBeFocused();
});
