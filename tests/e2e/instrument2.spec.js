// Questionnaire 2.0 from invitation to board report. A round with the partner map: set up
// with the map, invited by link, answered on separate devices by people from three
// partners (the map is a step of its own, after the topics), sent back as codes and a
// file, imported, and read in the results (the matrix, a hidden cell, the concerns), the
// ratings export and the printed board report. A readiness check: one condition not in
// place gives "ready, with conditions", which names it with an action and leads the
// printed board report.
const { execFileSync } = require('child_process');
const fs = require('fs');
const { test } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const {
  open, watchForTrouble, createCollaboration, expect, heading, questions, answer, stepText, modeChoice,
  instrument, domainsIn, modeOf,
} = require('./support');

// The newest shipped questionnaire (what a new round uses), read from its file by
// support.js: ids, wording and counts come from it, not from this test.
const MODE = 'quick';
const mode = modeOf(instrument, MODE);
const TOPICS = domainsIn(instrument, MODE);
const STEPS = instrument.partner_levels;
const step = (n) => `${n} ${STEPS[n - 1].name}`;

const COLLABORATION = 'Harbour health and care partnership';
const PARTNERS = ['Harbour Hospital', 'Harbour Council', 'Harbour Carers Forum'];
const CONTACT = 'facilitator@harbour.example';
const MAP_CHOICE = 'Include a map of how each pair of partners works together';
const MAP_ASKED = 'You will also be asked how your organisation works with each of the other partners.';

// Actions.

/** Sets up the collaboration with a quick check that includes the partner map. */
async function setUpWithMap(page) {
  await open(page, '#/');
  await page.getByRole('link', { name: 'Set up a collaboration' }).first().click();
  await page.getByLabel('Name of the collaboration').fill(COLLABORATION);
  await page.getByLabel('Partner organisations').fill(PARTNERS.join('\n'));
  await modeChoice(page, MODE).check();
  await page.getByLabel(MAP_CHOICE).check();
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: COLLABORATION })).toBeVisible();
}

/**
 * One person answers on their own device (`context`): every statement `value`, then how
 * their organisation works with each other partner, `ties[partner] = [now, wanted]` with
 * 0 for "don't know". Ends on the page of ways to send.
 */
async function respondWithMap(context, link, person) {
  const page = await context.newPage();
  const problems = watchForTrouble(page);
  await page.goto(link);
  await expect(heading(page)).toContainText(COLLABORATION);
  await expect(page.getByTestId('join-partner-map')).toHaveText(MAP_ASKED);
  await page.getByTestId('join-start').click();
  await page.getByLabel('Your organisation').selectOption({ label: person.organisation });
  await page.getByLabel(person.role).check();
  await page.getByRole('button', { name: 'Start' }).click();
  for (let k = 1; k <= TOPICS.length; k += 1) {
    await expect(stepText(page)).toHaveText(`Topic ${k} of ${TOPICS.length}`);
    // Every statement page says which stretch of time to think about.
    await expect(page.getByTestId('time-frame')).toHaveText(mode.time_frame);
    const groups = questions(page);
    for (let i = 0; i < (await groups.count()); i += 1) {
      await answer(groups.nth(i), String(person.value)).check();
    }
    await page.getByRole('link', { name: 'Next' }).click();
  }
  // The partner map: a step of its own, a named group for each other partner.
  await expect(stepText(page)).toHaveText(`Step ${TOPICS.length + 1} of ${TOPICS.length + 2}: the other partners`);
  await expect(heading(page)).toHaveText('How your organisation works with the other partners');
  const others = PARTNERS.filter((p) => p !== person.organisation);
  await expect(page.getByRole('group', { name: PARTNERS.find((p) => p === person.organisation), exact: true })).toHaveCount(0);
  for (const partner of others) {
    const [now, wanted] = person.ties[partner];
    const group = page.getByRole('group', { name: partner, exact: true });
    await rate(group.getByRole('group', { name: 'How do your organisations work together now?' }), now, person.keyboard);
    await rate(group.getByRole('group', { name: 'How should they work together?' }), wanted, person.keyboard);
  }
  if (person.then) await person.then(page);
  await page.getByRole('link', { name: 'Review your answers' }).click();
  // The review lists the ratings given, "don't know" as not given.
  await expect(stepText(page)).toHaveText(`Last step of ${TOPICS.length + 2}: review`);
  const review = page.getByTestId('ties-review');
  for (const partner of others) {
    const [now, wanted] = person.ties[partner];
    const row = review.getByRole('row', { name: new RegExp(partner) });
    await expect(row).toContainText(now ? step(now) : "Don't know or not answered");
    await expect(row).toContainText(wanted ? step(wanted) : "Don't know or not answered");
  }
  await page.getByRole('button', { name: 'Finish and choose how to send' }).click();
  await expect(heading(page)).toHaveText('Send your answers to the facilitator');
  const rated = others.filter((p) => person.ties[p].some((v) => v > 0)).length;
  await expect(page.getByTestId('what-you-sent')).toContainText(`You rated your work with ${rated} of the ${others.length} other partners.`);
  return { page, problems };
}

/**
 * Chooses step `value` (0: "don't know") in a radio group of the partner map; by
 * keyboard, the arrow keys move from the first step to it.
 */
async function rate(group, value, keyboard = false) {
  const name = value ? step(value) : instrument.scale.dont_know;
  const radio = group.getByRole('radio', { name, exact: true });
  if (!keyboard || !value) {
    await radio.check();
    return;
  }
  await group.getByRole('radio').first().focus();
  await group.page().keyboard.press('Space');
  for (let k = 1; k < value; k += 1) await group.page().keyboard.press('ArrowDown');
  await expect(radio).toBeChecked();
  await expect(radio).toBeFocused();
}

/** Runs axe (WCAG 2.2 A and AA) on the page as it is; fails with each violation. */
async function axe(page, state) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = result.violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`);
  expect(found, found.join('\n')).toEqual([]);
}

// Finds.

/** The text of pages `first` to `last` of a PDF, on one line. */
function pdfText(pdf, first, last) {
  return execFileSync('pdftotext', ['-f', String(first), '-l', String(last), pdf, '-']).toString().replace(/\s+/g, ' ');
}

/** Prints the page to a PDF at `pdf`; returns its number of pages. */
async function printed(page, pdf) {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())[1]);
}

/** The first page of a PDF whose text has `phrase` (the number of pages + 1 if none). */
function firstPageWith(pdf, pages, phrase) {
  let k = 1;
  while (k <= pages && !pdfText(pdf, k, k).includes(phrase)) k += 1;
  return k;
}

test('a round with the partner map, from invitation to board report', async ({ page, browser }, testInfo) => {
  test.setTimeout(360_000);
  const problems = watchForTrouble(page);
  const [hospital, council, carers] = PARTNERS;
  await setUpWithMap(page);
  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  // The invite page keeps the choice (the link carries it) and the sheet says so.
  await expect(page.getByLabel(MAP_CHOICE)).toBeChecked();
  await expect(page.getByTestId('sheet-partner-map')).toHaveText(MAP_ASKED);
  await page.getByLabel(/Where should people send their answers/).fill(CONTACT);
  await page.getByLabel(/Where should people send their answers/).blur();
  await expect(page.getByTestId('invitation-sheet')).toContainText(CONTACT);
  const link = await page.getByTestId('invitation-link').inputValue();

  // Three people from the hospital and three from the council, each group enough to be
  // shown (the smallest group is 3); two from the carers' forum, too few to be shown.
  // The hospital sees its work with the council as coordination, the council sees it as
  // networking; both the hospital's tie with the carers and the council's with the
  // hospital are far from where they want them. One council member rates the carers,
  // the others do not know.
  const people = [
    { organisation: hospital, role: 'Manager', value: 4, ties: { [council]: [3, 4], [carers]: [1, 4] } },
    { organisation: hospital, role: 'Clinician or practitioner', value: 4, ties: { [council]: [3, 4], [carers]: [1, 4] } },
    { organisation: hospital, role: 'Senior leader or executive', value: 5, ties: { [council]: [3, 4], [carers]: [2, 4] } },
    { organisation: council, role: 'Manager', value: 3, ties: { [hospital]: [1, 3], [carers]: [2, 3] } },
    { organisation: council, role: 'Front-line staff', value: 3, ties: { [hospital]: [1, 3], [carers]: [0, 0] } },
    { organisation: council, role: 'Manager', value: 2, ties: { [hospital]: [1, 3], [carers]: [0, 0] } },
    { organisation: carers, role: 'Service user or carer representative', value: 2, ties: { [hospital]: [1, 3], [council]: [1, 2] } },
    { organisation: carers, role: 'Service user or carer representative', value: 3, ties: { [hospital]: [2, 3], [council]: [1, 2] } },
  ];
  // The first person answers on a phone: the partner step needs no sideways scrolling.
  people[0].then = async (p) => {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await p.screenshot({ path: testInfo.outputPath('partner-step-phone.png'), fullPage: true });
  };
  // Another answers by keyboard alone.
  people[2].keyboard = true;
  // Another leaves and comes back: what they chose was saved as they chose it.
  people[3].then = async (p) => {
    await p.screenshot({ path: testInfo.outputPath('partner-step-desktop.png'), fullPage: true });
    for (const scheme of ['light', 'dark']) {
      await p.emulateMedia({ colorScheme: scheme });
      await axe(p, `${scheme} partner step`);
    }
    await p.reload();
    const group = p.getByRole('group', { name: hospital, exact: true });
    await expect(group.getByRole('group', { name: 'How should they work together?' }).getByRole('radio', { name: step(3) })).toBeChecked();
  };
  const codes = [];
  let file;
  const contexts = [];
  for (const [k, person] of people.entries()) {
    const context = await browser.newContext(k === 0
      ? { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const { page: theirs, problems: theirProblems } = await respondWithMap(context, link, person);
    if (k === 1) {
      // One sends a file; the others send codes.
      const [download] = await Promise.all([
        theirs.waitForEvent('download'),
        theirs.getByRole('button', { name: 'Download my answers' }).click(),
      ]);
      file = testInfo.outputPath('answers-2.json');
      await download.saveAs(file);
      const sent = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(Object.keys(sent.response.ties)).toHaveLength(2);
    } else {
      codes.push(await theirs.getByTestId('response-code').inputValue());
    }
    expect(theirProblems).toEqual([]);
    await context.close();
  }

  // The facilitator imports the file and the codes pasted from emails.
  await page.getByRole('link', { name: 'Import the answers people send back' }).click();
  await page.getByLabel('Choose response files or a spreadsheet (CSV, TSV or Excel)').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toContainText('1 row read: 1 will be added');
  await page.getByLabel('Paste codes').fill(codes.map((c, k) => `Answers ${k + 1}:\n${c}\n`).join('\n'));
  await page.getByRole('button', { name: 'Read the codes' }).click();
  await expect(page.getByTestId('import-preview')).toContainText(`${codes.length + 1} rows read: ${codes.length + 1} will be added`);
  await page.getByRole('button', { name: `Add ${codes.length + 1} responses to the round` }).click();
  await expect(page.getByTestId('import-done')).toContainText(`${codes.length + 1} rows read: ${codes.length + 1} were added`);

  // The results: the map, its table in words, a hidden cell, the concerns.
  await page.getByRole('link', { name: 'See results' }).click();
  await expect(page.getByTestId('respondent-count')).toHaveText(`Based on the answers of ${people.length} people.`);
  const map = page.getByTestId('partner-map');
  await expect(map.getByRole('img', { name: /Map of how each pair of partners works together/ })).toBeVisible();
  const table = map.getByTestId('partner-map-table');
  const pair = (from, to) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: from, exact: true }) })
    .filter({ hasText: to });
  await expect(pair(hospital, council)).toContainText(step(3));
  await expect(pair(hospital, council).getByRole('cell').nth(1)).toHaveText('3');
  await expect(pair(council, hospital)).toContainText(step(1));
  // One council member rated the carers' forum, and two carers rated each partner: each
  // too few to show, and never how many.
  for (const [from, to] of [[council, carers], [carers, hospital], [carers, council]]) {
    await expect(pair(from, to).getByRole('cell').nth(1)).toHaveText('Fewer than 3 people: not shown, to protect them');
  }
  await expect(map.getByTestId('partner-heatmap')).toContainText('fewer than 3 people');
  await expect(map.getByTestId('pm-seen-differently')).toHaveText(
    `${hospital} and ${council} see how they work together differently: people from ${hospital} say ${step(3)}; people from ${council} say ${step(1)} (2 steps apart).`,
  );
  const far = map.getByTestId('pm-far-from-wanted').getByRole('listitem');
  await expect(far).toHaveText([
    `People from ${hospital} say their work with ${carers} is at ${step(1)} and should be at ${step(4)}: 3 steps to go.`,
    `People from ${council} say their work with ${hospital} is at ${step(1)} and should be at ${step(3)}: 2 steps to go.`,
  ]);
  await expect(map.getByTestId('pm-few-strong-ties')).toHaveText(`${carers} works closely with none of the 2 other partners.`);
  // The agenda names the partners' item with its reasons in words.
  await expect(page.getByTestId('agenda')).toContainText('How the partners work together – 1 pair of partners sees the relationship between them differently; 2 relationships are far from how people want to work together (up to 3 steps); 1 partner has close working ties with fewer than half of the others');
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await axe(page, `${scheme} results with the partner map`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await map.screenshot({ path: testInfo.outputPath('partner-map-desktop.png') });
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await map.screenshot({ path: testInfo.outputPath('partner-map-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The ratings export: a row for each person and each other partner.
  await page.getByRole('link', { name: "Export this round's answers and scores" }).click();
  await expect(page.getByTestId('export-partner-ratings-hint')).toContainText('a row for each person and each other partner');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-partner-ratings').click()]);
  expect(download.suggestedFilename()).toMatch(/-partner-ratings\.csv$/);
  const csvFile = testInfo.outputPath('partner-ratings.csv');
  await download.saveAs(csvFile);
  const lines = fs.readFileSync(csvFile, 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
  const header = lines[0].split(',');
  expect(header).toEqual(expect.arrayContaining(['partner_id', 'partner', 'now', 'wanted']));
  expect(lines).toHaveLength(1 + people.length * (PARTNERS.length - 1));
  await page.getByRole('link', { name: 'Back to the results' }).click();

  // The board report: the summary names the partner relationships, the appendix has
  // the map; printed, the text says both.
  await page.getByRole('link', { name: 'Board report' }).click();
  await expect(page.getByTestId('report-focus')).toContainText('How the partners work together');
  await expect(page.getByTestId('report-partner-map')).toContainText(`${hospital} and ${council}`);
  const pdf = testInfo.outputPath('board-report.pdf');
  const pages = await printed(page, pdf);
  // The summary is every page before the appendix's first.
  const first = firstPageWith(pdf, pages, 'Appendix A: every topic in detail');
  expect(first).toBeGreaterThan(1);
  expect(first).toBeLessThanOrEqual(pages);
  const summary = pdfText(pdf, 1, first - 1);
  expect(summary).toContain('Topics to work on first 1. How the partners work together');
  expect(summary).toContain(`${hospital} and ${council} see how they work together differently: people from ${hospital} say ${step(3)}`);
  expect(summary).toContain(`${carers} works closely with none of the 2 other partners.`);
  const appendix = pdfText(pdf, first, pages);
  expect(appendix).toContain('What the people from each partner said about their work with each other partner');
  expect(appendix).toContain('fewer than 3 people');
  expect(appendix).toContain('Partners who see their relationship differently');
  expect(appendix).toContain('Fewer than 3 people:');
  for (let p = 1; p <= pages; p += 1) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(p), '-l', String(p), '-singlefile', pdf, testInfo.outputPath(`report-page-${p}`)]);
  }
  expect(problems).toEqual([]);
});

test('a readiness check with one condition not in place, from invitation to board report', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  const problems = watchForTrouble(page);
  const READINESS = 'readiness';
  const topics = domainsIn(instrument, READINESS);
  const readiness = modeOf(instrument, READINESS);
  // Everyone agrees with every statement but those of one topic (not a gate), where
  // they neither agree nor disagree: a mean of 3, not in place but not against it.
  const missing = topics.find((d) => !d.gate);
  const name = 'Estuary frailty partnership';
  const partners = ['Estuary Hospital', 'Estuary Council'];
  await createCollaboration(page, { name, partners, mode: READINESS });
  await page.getByRole('link', { name: 'Invite', exact: true }).click();
  const link = await page.getByTestId('invitation-link').inputValue();

  const codes = [];
  for (const [k, organisation] of [partners[0], partners[0], partners[1]].entries()) {
    const context = await browser.newContext();
    const theirs = await context.newPage();
    const theirProblems = watchForTrouble(theirs);
    await theirs.goto(link);
    await expect(heading(theirs)).toContainText(name);
    // No partner map was asked for.
    await expect(theirs.getByTestId('join-partner-map')).toHaveCount(0);
    await theirs.getByTestId('join-start').click();
    await theirs.getByLabel('Your organisation').selectOption({ label: organisation });
    await theirs.getByLabel(k === 2 ? 'Senior leader or executive' : 'Manager').check();
    await theirs.getByRole('button', { name: 'Start' }).click();
    for (const [t, topic] of topics.entries()) {
      await expect(stepText(theirs)).toHaveText(`Topic ${t + 1} of ${topics.length}`);
      await expect(heading(theirs)).toHaveText(topic.title);
      await expect(theirs.getByTestId('time-frame')).toHaveText(readiness.time_frame);
      const groups = questions(theirs);
      for (let i = 0; i < (await groups.count()); i += 1) {
        await answer(groups.nth(i), topic.id === missing.id ? '3' : '4').check();
      }
      await theirs.getByRole('link', { name: t + 1 === topics.length ? 'Review your answers' : 'Next' }).click();
    }
    await expect(stepText(theirs)).toHaveText(`Last step of ${topics.length + 1}: review`);
    await theirs.getByRole('button', { name: 'Finish and choose how to send' }).click();
    codes.push(await theirs.getByTestId('response-code').inputValue());
    expect(theirProblems).toEqual([]);
    await context.close();
  }

  await page.getByRole('link', { name: 'Import the answers people send back' }).click();
  await page.getByLabel('Paste codes').fill(codes.join('\n\n'));
  await page.getByRole('button', { name: 'Read the codes' }).click();
  await page.getByRole('button', { name: `Add ${codes.length} responses to the round` }).click();
  await expect(page.getByTestId('import-done')).toContainText(`${codes.length} rows read: ${codes.length} were added`);

  // The result: ready, with conditions, naming the one condition with a first action.
  await page.getByRole('link', { name: 'See results' }).click();
  const result = page.getByTestId('readiness-result');
  await expect(result.getByTestId('readiness-verdict')).toHaveText('Ready, with conditions');
  // One condition (each is `condition-<topic id>`; its parts have longer test ids).
  await expect(result.getByTestId(/^condition-[a-z]+$/)).toHaveCount(1);
  const condition = result.getByTestId(`condition-${missing.id}`);
  await expect(condition).toContainText(missing.title);
  const actions = instrument.actions.filter((a) => a.domain === missing.id).map((a) => a.title);
  // Its actions, from the questionnaire's actions for that topic.
  const cards = condition.getByTestId(`condition-actions-${missing.id}`).getByRole('heading');
  await expect(cards.first()).toBeVisible();
  for (const title of await cards.allTextContents()) expect(actions).toContain(title);
  await expect(result.getByTestId('readiness-in-place').getByRole('listitem')).toHaveCount(topics.length - 1);

  // The board report leads with the result, its condition and the first action.
  await page.getByRole('link', { name: 'Board report' }).click();
  const summary = page.getByTestId('report-summary');
  await expect(summary.getByRole('heading', { level: 2 }).first()).toHaveText('Is the partnership ready to go ahead?');
  await expect(summary.getByTestId('report-readiness')).toContainText('Ready, with conditions');
  const firstStep = summary.getByTestId(`condition-first-${missing.id}`);
  await expect(firstStep).toContainText('First step:');
  const firstText = await firstStep.textContent();
  expect(actions.some((title) => firstText.includes(title)), firstText).toBe(true);
  const pdf = testInfo.outputPath('readiness-report.pdf');
  const pages = await printed(page, pdf);
  const one = pdfText(pdf, 1, 1);
  const [before, after] = one.split('Is the partnership ready to go ahead?');
  expect(after, one).toBeDefined();
  // Nothing but the title comes before it.
  expect(before).not.toMatch(/Where we are|Topics to work on|What changed/);
  expect(after).toMatch(/^ Ready, with conditions/);
  expect(after).toContain(missing.title);
  expect(actions.some((title) => after.includes(title)), after).toBe(true);
  for (let p = 1; p <= Math.min(pages, 2); p += 1) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(p), '-l', String(p), '-singlefile', pdf, testInfo.outputPath(`readiness-page-${p}`)]);
  }
  expect(problems).toEqual([]);
});
