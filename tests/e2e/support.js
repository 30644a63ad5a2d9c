// Shared steps for the end-to-end journeys: actions (do something), finds (locate
// something) and checks (assert something), selecting by role, label or test id.
const fs = require('fs');
const path = require('path');
const { expect } = require('@playwright/test');

// The questionnaires.

const INSTRUMENTS = path.join(__dirname, '..', '..', 'crates', 'trellis-core', 'instruments');

/** Every shipped questionnaire file of Trellis (`instruments/*.json`), as the app embeds them. */
const SHIPPED = fs.readdirSync(INSTRUMENTS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(INSTRUMENTS, f), 'utf8')))
  .filter((i) => i.id === 'trellis');

/** Orders semantic versions ("1.0.0" < "2.0.0" < "10.0.0"), as the catalogue does. */
function compareVersions(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let k = 0; k < Math.max(x.length, y.length); k += 1) {
    if ((x[k] || 0) !== (y[k] || 0)) return (x[k] || 0) - (y[k] || 0);
  }
  return 0;
}

/** The newest shipped questionnaire: the one a new round (and the example data) uses. */
const instrument = [...SHIPPED].sort((a, b) => compareVersions(b.version, a.version))[0];

/**
 * The shipped questionnaire of `version`, for what was made with it: fixtures of old
 * rounds and links written by earlier builds. Fails if that version is not shipped.
 */
function instrumentVersion(version) {
  const found = SHIPPED.find((i) => i.version === version);
  if (!found) throw new Error(`questionnaire ${version} is not shipped (${SHIPPED.map((i) => i.version).join(', ')})`);
  return found;
}

/** The statements a round in `mode` asks, in the questionnaire's order. */
function statementsIn(questionnaire, mode) {
  const found = questionnaire.statements.filter((s) => s.modes.includes(mode));
  if (!found.length) throw new Error(`questionnaire ${questionnaire.version} has no mode "${mode}"`);
  return found;
}

/** The ids of the statements a round in `mode` asks. */
function statementIds(questionnaire, mode) {
  return statementsIn(questionnaire, mode).map((s) => s.id);
}

/** The topics (domains) a round in `mode` asks about, one page each, in the questionnaire's order. */
function domainsIn(questionnaire, mode) {
  const asked = new Set(statementsIn(questionnaire, mode).map((s) => s.domain));
  return questionnaire.domains.filter((d) => asked.has(d.id));
}

/** The questionnaire mode `id`, with its title, summary and minutes. */
function modeOf(questionnaire, id) {
  const found = questionnaire.modes.find((m) => m.id === id);
  if (!found) throw new Error(`questionnaire ${questionnaire.version} has no mode "${id}"`);
  return found;
}

/** The label of each answer code ('1' to '5', 'dk', 'na'), as the shipped instrument words it. */
const ANSWER_LABELS = {
  ...Object.fromEntries(instrument.scale.points.map((p) => [String(p.value), p.label])),
  dk: instrument.scale.dont_know,
  na: instrument.scale.not_applicable,
};

// Finds.

/**
 * The page's level-1 heading once the app has started. Until the wasm app starts, the page
 * shows a static copy of its first screen; the app then marks `#app` with `data-started`,
 * so this never finds the static copy. `page` may also be a frame.
 */
function heading(page) {
  return page.locator('[data-started]').getByRole('main').getByRole('heading', { level: 1 });
}

/** The statements on a topic page, each a radio group. */
function questions(page) {
  return page.getByTestId(/^question-/);
}

/** The level choice on a topic page (a radio group of descriptions); absent in a mode that asks for no levels. */
function levelChoice(page) {
  return page.getByTestId(/^levels-/);
}

/** The answer `code` ('1' to '5', 'dk' or 'na') within `scope` (a statement), by its label. */
function answer(scope, code, options = {}) {
  return scope.getByRole('radio', { name: ANSWER_LABELS[code], exact: true, ...options });
}

/** The label text of the answer `code`, the part a respondent taps. */
function answerLabel(scope, code) {
  return scope.getByText(ANSWER_LABELS[code], { exact: true });
}

/** Level `n` within `scope` (a level choice): its label starts with "n. ". */
function level(scope, n) {
  return scope.getByRole('radio', { name: new RegExp(`^${n}\\. `) });
}

/** The questionnaire step ("Topic 2 of 9", "Last step of 10: review"). */
function stepText(page) {
  return page.getByTestId('progress').getByTestId('progress-step');
}

/** The radio for the newest questionnaire's mode `mode` ('full', 'quick' or 'readiness') on a round form. */
function modeChoice(page, mode) {
  return page.getByRole('radio', { name: modeOf(instrument, mode).title });
}

/** The body rows of a table: those with a row header (the header row has column headers only). */
function rows(table) {
  return table.getByRole('row').filter({ has: table.page().getByRole('rowheader') });
}

// Actions.

/** Opens the app at a hash route and waits until it has rendered. */
async function open(page, route = '#/') {
  await page.goto(`./${route}`);
  await expect(heading(page)).toBeVisible();
}

/** Fails the test on any console error or page error, and on requests to other origins. */
function watchForTrouble(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A missing config.json is normal (the host has no settings); the browser still logs its 404.
    const missingConfig = /404/.test(m.text()) && /\/config\.json$/.test(m.location().url || '');
    if (m.type() === 'error' && !missingConfig) problems.push(`console error: ${m.text()}`);
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') {
      problems.push(`request to another origin: ${r.url()}`);
    }
  });
  return problems;
}

/** Sets up a collaboration with the given partners and a first round; ends on its page. */
async function createCollaboration(page, { name, partners, mode = 'full' }) {
  await open(page, '#/');
  await page.getByRole('link', { name: 'Set up a collaboration' }).first().click();
  await page.getByLabel('Name of the collaboration').fill(name);
  await page.getByLabel('Partner organisations').fill(partners.join('\n'));
  await modeChoice(page, mode).check();
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

module.exports = {
  open, watchForTrouble, createCollaboration, expect,
  heading, questions, levelChoice, answer, answerLabel, level, stepText, modeChoice, rows,
  instrument, instrumentVersion, statementsIn, statementIds, domainsIn, modeOf,
};

/**
 * Adds sent responses to the first round of the named collaboration straight into
 * storage, then reloads so the app reads them. Each entry gives an organisation index,
 * a role id and a list of (statement id, answer code) pairs; `roundIndex` picks the round.
 */
async function plantResponses(page, collaborationName, entries, roundIndex = 0) {
  const ws = await storedWorkspace(page);
  const c = ws.collaborations.find((x) => x.name === collaborationName);
  const round = c.rounds[roundIndex];
  entries.forEach((e, k) => {
    const answers = {};
    e.answers.forEach(([id, code]) => { answers[id] = /^\d$/.test(code) ? Number(code) : code; });
    ws.responses.push({
      id: roundIndex ? `planted-${roundIndex}-${k}` : `planted-${k}`, round_id: round.id, organisation: c.partners[e.org].id, role: e.role,
      answers, levels: e.levels || {}, comments: e.comments || {}, started: 1, updated: 2, submitted: 3,
    });
  });
  // Planted in the older list form (storage version 2), which the app reads and brings
  // up to date (today's version) as soon as it opens.
  ws.schema = 2;
  await page.evaluate((text) => localStorage.setItem('trellis.workspace', text), JSON.stringify(ws));
  const { pathname } = new URL(page.url());
  if (!pathname.endsWith('/') && !pathname.endsWith('/index.html')) {
    throw new Error(`plantResponses must run on the app (index.html), not ${page.url()}`);
  }
  await page.reload();
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')).schema)).toBe(5);
}

/**
 * The stored responses as a list of objects, whichever form storage holds: the table of
 * storage version 3 (statement and domain ids once, then one row per response; see
 * crates/trellis-core/src/format/stored.rs) or the list of versions 1 and 2.
 */
function responseList(responses) {
  if (!responses || Array.isArray(responses)) return responses || [];
  const value = (c) => (/[0-9]/.test(c) ? Number(c) : c.codePointAt(0) - 0x100);
  const answer = (c) => ({ d: 'dk', n: 'na' }[c] ?? value(c));
  return responses.rows.map(([id, round_id, organisation, role, answers, levels, started, updated, submitted, ...notes]) => {
    const comments = {};
    for (let k = 0; k + 1 < notes.length; k += 2) comments[notes[k]] = notes[k + 1];
    const pick = (ids, chars, read) => Object.fromEntries([...chars].map((c, i) => [ids[i], c]).filter(([, c]) => c !== '-').map(([k, c]) => [k, read(c)]));
    return {
      id, round_id, organisation, role,
      answers: pick(responses.statements, answers, answer),
      levels: pick(responses.domains, levels, value),
      comments, started: Number(started), updated: Number(updated), submitted: submitted === '' ? null : Number(submitted),
    };
  });
}

/** The stored workspace, with its responses as a list (see `responseList`). */
async function storedWorkspace(page) {
  const ws = await page.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')));
  if (ws) ws.responses = responseList(ws.responses);
  return ws;
}

module.exports.plantResponses = plantResponses;
module.exports.responseList = responseList;
module.exports.storedWorkspace = storedWorkspace;

/** Parses CSV text (quotes, doubled quotes, CRLF) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (ch === '"') { quoted = false; } else { cell += ch; }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell); cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = '';
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

module.exports.parseCsv = parseCsv;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe (WCAG 2.2 A and AA rules) on the page as it is now; fails with each violation's rule, impact and nodes. */
async function axe(page, state) {
  const AxeBuilder = require('@axe-core/playwright').default;
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map(
    (v) => `${state}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`,
  );
  expect(found, found.join('\n')).toEqual([]);
}

module.exports.axe = axe;
