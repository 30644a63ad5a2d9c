// The respondent's own journey on their own device: finishing says what is left to do,
// the email to the facilitator is the main way to send when the invitation names an
// address, each way confirms (and thanks) right beside its button on a phone, reopening
// the invitation leads back to the code and file, and a browser that has only answered
// shows a respondent's app, with the facilitator's tools one deliberate link away.
const { test } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const {
  watchForTrouble, createCollaboration, expect, heading, questions, answer, stepText, instrument, domainsIn,
} = require('./support');

const CONTACT = 'lead@harbour.example';
const COLLABORATION = 'Harbour care alliance';
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true };

/** A facilitator sets up a quick-check round and returns its invitation link (with `contact`). */
async function invitation(page, contact) {
  await createCollaboration(page, { name: COLLABORATION, partners: ['Harbour Trust', 'Harbour Council'], mode: 'quick' });
  await page.getByRole('link', { name: 'Invite' }).click();
  if (contact) {
    await page.getByLabel(/Where should people send their answers/).fill(contact);
    await page.getByLabel(/Where should people send their answers/).blur();
    await expect(page.getByTestId('invitation-sheet')).toContainText(contact);
  }
  return page.getByTestId('invitation-link').inputValue();
}

/** Runs axe (WCAG 2.2 A and AA rules) on the page as it is, in the light and the dark theme. */
async function axe(page, state) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const found = result.violations.map((v) => `${state}, ${colorScheme}: ${v.id} ${v.help} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3)}`);
    expect(found, found.join('\n')).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The header of the app: never the facilitator's navigation on an answering page. */
async function expectNoFacilitatorNav(page) {
  await expect(heading(page)).toBeVisible();
  await expect(page.getByRole('banner').getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Set up a collaboration', exact: true })).toHaveCount(0);
}

/** From the invitation link to the review page: one answer on the first topic, then every topic. */
async function answerFromLink(page, link) {
  await page.goto(link);
  await expect(heading(page)).toContainText(COLLABORATION);
  await expectNoFacilitatorNav(page);
  await page.getByTestId('join-start').click();
  await page.getByLabel('Your organisation').selectOption({ label: 'Harbour Council' });
  await page.getByLabel('Front-line staff').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(stepText(page)).toHaveText(`Topic 1 of ${domainsIn(instrument, 'quick').length}`);
  await expectNoFacilitatorNav(page);
  await answer(questions(page).first(), '4').check();
  while (!(await page.getByRole('heading', { level: 1, name: 'Check your answers' }).isVisible())) {
    await page.getByRole('link', { name: /^(Next|Review your answers)$/ }).click();
    await expect(heading(page)).toBeFocused();
  }
  await expectNoFacilitatorNav(page);
}

/**
 * Puts `button` at the bottom edge of the screen, clicks it, and checks that what it
 * confirms (`status`, a live region) is in view together with the button: on a phone the
 * confirmation must not appear out of sight below it. Nothing above the button moves it
 * (an earlier confirmation stays where it is).
 */
async function clickAtTheBottom(page, button, status) {
  const inPage = () => button.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await button.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await expect(status).toHaveText('');
  const before = await inPage();
  await button.click();
  await expect(status).toContainText('Thank you');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toBeInViewport({ ratio: 1 });
  await expect(button).toBeInViewport({ ratio: 1 });
  expect(await inPage()).toBeCloseTo(before, 0);
}

test('a respondent on a phone finishes, sends by email first, and is thanked beside each way of sending', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchForTrouble(page);
  const link = await invitation(page, CONTACT);

  const phone = await browser.newContext({ ...PHONE, permissions: ['clipboard-read', 'clipboard-write'] });
  const respondent = await phone.newPage();
  const respondentProblems = watchForTrouble(respondent);
  // The email link would hand over to an email app, which this browser has not got.
  await respondent.addInitScript(() => document.addEventListener('click', (e) => {
    if (e.target.closest && e.target.closest('a[href^="mailto:"]')) e.preventDefault();
  }));
  await answerFromLink(respondent, link);

  // Finishing says what is left to do; nothing claims the answers were sent.
  await expect(respondent.getByRole('button', { name: 'Send my answers' })).toHaveCount(0);
  await expect(respondent.getByRole('main')).toContainText('choose how to send them');
  await respondent.getByRole('button', { name: 'Finish and choose how to send' }).click();
  await expect(heading(respondent)).toHaveText('Send your answers to the facilitator');
  await expectNoFacilitatorNav(respondent);
  await expect(respondent.getByRole('main')).not.toContainText('Thank you');

  // The email is the main way: first, primary-styled, above the file and the code.
  const email = respondent.getByRole('link', { name: 'Email my answers' });
  const download = respondent.getByRole('button', { name: 'Download my answers' });
  const copy = respondent.getByRole('button', { name: 'Copy the code' });
  const code = respondent.getByTestId('response-code');
  await expect(email).toBeInViewport();
  await expect(respondent.getByRole('main').locator('.button').first()).toHaveText('Email my answers');
  await expect(email).not.toHaveClass(/button-secondary/);
  await expect(download).toHaveClass(/button-secondary/);
  await expect(copy).toHaveClass(/button-secondary/);
  const top = async (l) => (await l.boundingBox()).y;
  expect(await top(email)).toBeLessThan(await top(download));
  expect(await top(download)).toBeLessThan(await top(code));
  const href = await email.getAttribute('href');
  expect(href).toMatch(new RegExp(`^mailto:${CONTACT}\\?subject=`));
  const theCode = await code.inputValue();
  expect(decodeURIComponent(href.split('&body=')[1])).toContain(theCode);

  // Each way confirms and thanks right below its own button, in view.
  await clickAtTheBottom(respondent, email, respondent.getByTestId('email-status'));
  await expect(respondent.getByTestId('email-status')).toContainText('Press Send there');
  const [file] = await Promise.all([
    respondent.waitForEvent('download'),
    clickAtTheBottom(respondent, download, respondent.getByTestId('file-status')),
  ]);
  expect(file.suggestedFilename()).toMatch(/^trellis-answers-.*\.json$/);
  await expect(respondent.getByTestId('file-status')).toContainText(`Downloaded “${file.suggestedFilename()}”`);
  await clickAtTheBottom(respondent, copy, respondent.getByTestId('code-status'));
  await expect(respondent.getByTestId('code-status')).toContainText('Copied');
  // Each confirmation stays beside its own button.
  await expect(respondent.getByTestId('email-status')).toContainText('Press Send there');
  await expect(respondent.getByTestId('file-status')).toContainText('Downloaded');
  await axe(respondent, 'the send page, every way confirmed');
  expect(await respondent.evaluate(() => navigator.clipboard.readText())).toBe(theCode);
  expect(await respondent.evaluate(() => document.scrollingElement.scrollWidth)).toBeLessThanOrEqual(375);

  // Reopening the invitation after finishing leads back to the code and the file.
  await respondent.goto(link);
  await expect(heading(respondent)).toContainText(COLLABORATION);
  await expect(respondent.getByTestId('finished-before')).toContainText('You have already answered on this device');
  await axe(respondent, 'the invitation opened again');
  await respondent.getByRole('link', { name: 'Send my answers', exact: true }).click();
  await expect(heading(respondent)).toHaveText('Send your answers to the facilitator');
  await expect(respondent.getByTestId('response-code')).toHaveValue(theCode);
  await expect(respondent.getByTestId('file-status')).toHaveText('');
  // ... beside answering again as another person, whose page offers them too.
  await respondent.goBack();
  await respondent.getByRole('button', { name: 'Answer again as another person' }).click();
  await expect(heading(respondent)).toHaveText(/^Questionnaire: /);
  await expectNoFacilitatorNav(respondent);
  const before = respondent.getByTestId('already-sent');
  await expect(before).toContainText('You have already answered on this device');
  await before.getByRole('link', { name: 'Send my answers', exact: true }).click();
  await expect(respondent.getByTestId('response-code')).toHaveValue(theCode);

  await phone.close();
  expect(respondentProblems).toEqual([]);
  expect(problems).toEqual([]);
});

test('without an address to send to, the file and the code are the ways to send', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const link = await invitation(page, null);
  const laptop = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const respondent = await laptop.newPage();
  const problems = watchForTrouble(respondent);
  await answerFromLink(respondent, link);
  await respondent.getByRole('button', { name: 'Finish and choose how to send' }).click();
  await expect(heading(respondent)).toHaveText('Send your answers to the facilitator');
  await expect(respondent.getByRole('link', { name: 'Email my answers' })).toHaveCount(0);
  const download = respondent.getByRole('button', { name: 'Download my answers' });
  await expect(respondent.getByRole('main').locator('.button').first()).toHaveText('Download my answers');
  await expect(download).not.toHaveClass(/button-secondary/);
  await expect(respondent.getByRole('main')).not.toContainText('Thank you');
  await Promise.all([respondent.waitForEvent('download'), download.click()]);
  await expect(respondent.getByTestId('file-status')).toContainText('Thank you');
  await expect(respondent.getByTestId('file-status')).toBeInViewport();
  await laptop.close();
  expect(problems).toEqual([]);
});

test('a browser that only answered shows the answering journey and its answers; one link reveals the facilitator’s tools', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const link = await invitation(page, CONTACT);
  const phone = await browser.newContext(PHONE);
  const respondent = await phone.newPage();
  const problems = watchForTrouble(respondent);
  await answerFromLink(respondent, link);
  await respondent.getByRole('button', { name: 'Finish and choose how to send' }).click();
  await expect(heading(respondent)).toHaveText('Send your answers to the facilitator');

  // The app's own entry shows the answering pages the same way.
  const round = await respondent.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')).collaborations[0].rounds[0].id);
  for (const address of [`index.html#/round/${round}/sent`, `index.html#/round/${round}/answer`, `index.html${new URL(link).hash}`]) {
    await respondent.goto(`./${address}`);
    await expectNoFacilitatorNav(respondent);
  }

  // The brand link leads to this person's start page: their answers, nothing to set up.
  await respondent.getByRole('banner').getByRole('link', { name: 'Trellis' }).click();
  await expect(heading(respondent)).toHaveText('Your answers');
  await expectNoFacilitatorNav(respondent);
  const mine = respondent.getByTestId('your-answers').getByRole('listitem');
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(`${COLLABORATION}: Round 1`);
  await expect(mine).toContainText('Finished on this device.');
  await axe(respondent, 'the start page of a browser that only answered');
  for (const tool of ['Add a round', 'Describe', 'Delete', 'Load the example', 'Invite']) {
    await expect(respondent.getByRole('main')).not.toContainText(tool);
  }
  await mine.getByRole('link', { name: 'Send again or see the code' }).click();
  await expect(heading(respondent)).toHaveText('Send your answers to the facilitator');
  await respondent.goBack();

  // Answering again as another person, half-way: the start page says so and carries on.
  await respondent.goto(link);
  await respondent.getByRole('button', { name: 'Answer again as another person' }).click();
  await respondent.getByLabel('Your organisation').selectOption({ label: 'Harbour Trust' });
  await respondent.getByLabel('Manager').check();
  await respondent.getByRole('button', { name: 'Start' }).click();
  await answer(questions(respondent).first(), '2').check();
  await respondent.goto('./index.html#/');
  await expect(heading(respondent)).toHaveText('Your answers');
  await expect(mine).toContainText('In progress: 1 of');
  await mine.getByRole('link', { name: 'Continue where you left off' }).click();
  await expect(respondent.getByTestId('resume')).toBeVisible();
  await respondent.goBack();

  // One deliberate step to the facilitator's tools.
  await respondent.getByRole('link', { name: 'I am a facilitator: set up a collaboration' }).click();
  await expect(heading(respondent)).toHaveText('Trellis');
  const nav = respondent.getByRole('banner').getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Set up a collaboration' })).toBeVisible();
  await expect(respondent.getByTestId('collaborations')).toContainText(COLLABORATION);
  await expect(respondent.getByTestId('add-example')).toBeVisible();
  // Setting one up makes this a facilitator's browser, whose start page is the full one.
  await nav.getByRole('link', { name: 'Set up a collaboration' }).click();
  await respondent.getByLabel('Name of the collaboration').fill('My own alliance');
  await respondent.getByLabel('Partner organisations').fill('Mine\nTheirs');
  await respondent.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(heading(respondent)).toHaveText('My own alliance');
  await respondent.getByRole('banner').getByRole('link', { name: 'Trellis' }).click();
  await expect(heading(respondent)).toHaveText('Trellis');
  await expect(respondent.getByTestId('collaborations').getByRole('listitem')).toHaveCount(2);
  await phone.close();
  expect(problems).toEqual([]);
});
