// Shared steps for the end-to-end journeys: actions (do something), finds (locate
// something) and checks (assert something), selecting by role, label or test id.
const { expect } = require('@playwright/test');

/** Opens the app at a hash route and waits until it has rendered. */
async function open(page, route = '#/') {
  await page.goto(`./${route}`);
  await expect(page.locator('main h1')).toBeVisible();
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
  await page.evaluate(({ name, entries, roundIndex }) => {
    const ws = JSON.parse(localStorage.getItem('trellis.workspace'));
    const c = ws.collaborations.find((x) => x.name === name);
    const round = c.rounds[roundIndex];
    const statements = JSON.parse(document.body.dataset.statements || '[]');
    entries.forEach((e, k) => {
      const answers = {};
      e.answers.forEach(([id, code]) => { answers[id] = /^\d$/.test(code) ? Number(code) : code; });
      ws.responses.push({
        id: roundIndex ? `planted-${roundIndex}-${k}` : `planted-${k}`, round_id: round.id, organisation: c.partners[e.org].id, role: e.role,
        answers, levels: e.levels || {}, comments: e.comments || {}, started: 1, updated: 2, submitted: 3,
      });
    });
    localStorage.setItem('trellis.workspace', JSON.stringify(ws));
  }, { name: collaborationName, entries, roundIndex });
  await page.reload();
}

module.exports.plantResponses = plantResponses;
