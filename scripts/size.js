#!/usr/bin/env node
// Reports the transfer size of the built site in dist/ (raw, gzip -9, brotli -11), and
// what each page of the app loads first: its HTML, the shared styles, and its own
// wasm + JS bundle. Fails when any page's wasm + JS exceeds the budget in brotli.
// Usage: node scripts/size.js [dist-dir] [--budget-kb N]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const args = process.argv.slice(2);
const budgetAt = args.indexOf('--budget-kb');
const budgetKb = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 250;
const dir = args.find((a, i) => !a.startsWith('--') && (budgetAt < 0 || i !== budgetAt + 1)) || 'dist';

const kb = (n) => (n / 1024).toFixed(1);
const rows = fs
  .readdirSync(dir)
  .filter((f) => /\.(wasm|js|css|html)$/.test(f))
  .sort()
  .map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    return {
      name: f,
      file: f.replace(/-[0-9a-f]{16}/, ''),
      kind: path.extname(f).slice(1),
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
  });
const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);
const line = (label, list) =>
  console.log(`| ${label} | ${kb(sum(list, 'raw'))} | ${kb(sum(list, 'gzip'))} | ${kb(sum(list, 'brotli'))} |`);

console.log('| file | raw KB | gzip KB | brotli KB |');
console.log('|---|---:|---:|---:|');
for (const r of rows) line(r.file, [r]);
line('**everything**', rows);

// Each HTML page names its bundle (the Trunk-hashed JS and wasm it loads).
const pages = rows.filter((r) => r.kind === 'html');
const over = [];
console.log('\n| page | wasm + JS raw KB | gzip KB | brotli KB | first load (HTML, CSS, wasm, JS) brotli KB |');
console.log('|---|---:|---:|---:|---:|');
for (const page of pages) {
  const html = fs.readFileSync(path.join(dir, page.name), 'utf8');
  const used = rows.filter((r) => r !== page && html.includes(r.name));
  const code = used.filter((r) => r.kind === 'wasm' || r.kind === 'js');
  const first = [page, ...used];
  const brotli = sum(code, 'brotli') / 1024;
  console.log(
    `| ${page.file} | ${kb(sum(code, 'raw'))} | ${kb(sum(code, 'gzip'))} | ${brotli.toFixed(1)} | ${kb(sum(first, 'brotli'))} |`,
  );
  if (code.length === 0) over.push(`${page.file} names no wasm or JS bundle`);
  else if (brotli > budgetKb) over.push(`${page.file}: wasm + JS is ${brotli.toFixed(1)} KB brotli`);
}
if (over.length) {
  console.error(`\nOVER BUDGET (${budgetKb} KB brotli of wasm + JS per page):\n  ${over.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nwithin budget: every page's wasm + JS is at most ${budgetKb} KB brotli.`);
