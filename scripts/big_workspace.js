// Writes big workspaces directly in the form the app stores them (schema 5: one table of
// responses, crates/trellis-core/src/format/stored.rs), for the big-rounds benchmark
// (scripts/bench-big.js) and the storage e2e test. Large workspaces cannot be planted in
// the older list form and left to the app to convert, as scripts/bench.js does: that
// form takes about eight times the room and would not fit in localStorage.
// Respondents are deterministic (a seeded generator) and realistic: every statement of
// the full mode answered 1 to 5 with about 1 in 16 "don't know", a level for each topic,
// six roles, four to eight partner organisations, and a comment from about one in four.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const ROLES = ['senior-leader', 'manager', 'clinician', 'front-line', 'service-user', 'other'];
const COMMENTS = [
  'We meet monthly but decisions still go back to each board.',
  'Shared records would save a lot of phone calls.',
  'Trust is good between leaders; less so on the wards.',
  'Not sure who owns the discharge pathway now.',
];

/** The newest shipped questionnaire and the ids of its full mode's statements and topics. */
function newestQuestionnaire() {
  const dir = path.join(ROOT, 'crates', 'trellis-core', 'instruments');
  const order = (v) => v.split('.').map(Number);
  const later = (a, b) => { const [x, y] = [order(a.version), order(b.version)]; const k = x.findIndex((n, i) => n !== y[i]); return k < 0 ? 0 : y[k] - x[k]; };
  const q = fs.readdirSync(dir).filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))).filter((i) => i.id === 'trellis').sort(later)[0];
  const statements = q.statements.filter((s) => s.modes.includes('full'));
  const domains = q.domains.filter((d) => statements.some((s) => s.domain === d.id)).map((d) => d.id);
  return { id: q.id, version: q.version, statements: statements.map((s) => s.id).sort(), domains: [...domains].sort() };
}

/**
 * A workspace of `collaborations` collaborations with `rounds` rounds each (a number,
 * or a function of the collaboration's index) and `perRound` respondents a round (a
 * number, or a function of the round's and the collaboration's index), as the app
 * stores it. Returns { text, rounds: [{ id, collaboration, responses }] }.
 * Every round but a collaboration's last is closed, as finished rounds are.
 */
function bigWorkspace({ collaborations = 1, rounds = 1, perRound = 50, seed = 11 }) {
  const q = newestQuestionnaire();
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const ws = { schema: 5, collaborations: [], responses: { statements: q.statements, domains: q.domains, rows: [] } };
  const made = [];
  const t0 = 1_790_000_000_000;
  for (let c = 0; c < collaborations; c += 1) {
    const partners = 4 + (c % 5);
    const collaboration = {
      id: `big-c${c + 1}`, name: `Collaboration ${c + 1}`,
      partners: Array.from({ length: partners }, (_, i) => ({ id: `big-c${c + 1}-p${i + 1}`, name: `Partner organisation ${i + 1}` })),
      context: {}, rounds: [], created: t0,
    };
    const count = typeof rounds === 'function' ? rounds(c) : rounds;
    for (let r = 0; r < count; r += 1) {
      const id = `big-c${c + 1}-r${r + 1}`;
      const n = typeof perRound === 'function' ? perRound(r, c) : perRound;
      collaboration.rounds.push({
        id, name: `Round ${r + 1}`, date: `${2020 + Math.floor(r / 2)}-${r % 2 ? '09' : '03'}-15`,
        instrument_id: q.id, instrument_version: q.version, mode: 'full',
        status: r + 1 < count ? 'closed' : 'open', targets: {}, created: t0 + r,
      });
      for (let k = 0; k < n; k += 1) {
        const answers = q.statements.map(() => (random() < 0.06 ? 'd' : String(1 + Math.floor(random() * 5)))).join('');
        const levels = q.domains.map(() => String(1 + Math.floor(random() * 5))).join('');
        const at = String(t0 + r * 1_000_000 + k);
        const row = [`${id}-x${k}`, id, collaboration.partners[k % partners].id, ROLES[k % ROLES.length], answers, levels, at, at, at];
        if (random() < 0.25) row.push(q.statements[Math.floor(random() * q.statements.length)], COMMENTS[k % COMMENTS.length]);
        ws.responses.rows.push(row);
      }
      made.push({ id, collaboration: collaboration.id, responses: n });
    }
    ws.collaborations.push(collaboration);
  }
  return { text: JSON.stringify(ws), rounds: made, questionnaire: q };
}

module.exports = { bigWorkspace, newestQuestionnaire, ROLES };
