// Shared steps for the end-to-end journeys: actions (do something), finds (locate
// something) and checks (assert something), selecting by role, label or test id.
const { expect } = require('@playwright/test');

/** Opens the app at a hash route and waits until it has rendered. */
async function open(page, route = '#/') {
  await page.goto(`./${route}`);
  await expect(page.locator('[data-started] main h1')).toBeVisible();
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
  await page.locator(`#mode-${mode}`).check();
  await page.getByRole('button', { name: 'Create collaboration' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

module.exports = { open, watchForTrouble, createCollaboration, expect };

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
  // Planted in the older list form (storage version 2), which the start page reads and
  // brings up to date (version 3) as soon as it opens.
  ws.schema = 2;
  await page.evaluate((text) => localStorage.setItem('trellis.workspace', text), JSON.stringify(ws));
  const { pathname } = new URL(page.url());
  if (!pathname.endsWith('/') && !pathname.endsWith('/index.html')) {
    throw new Error(`plantResponses must run on the start page (index.html), not ${page.url()}`);
  }
  await page.reload();
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('trellis.workspace')).schema)).toBe(3);
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
