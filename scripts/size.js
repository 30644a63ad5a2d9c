#!/usr/bin/env node
// Reports the transfer size of the built site in dist/ (raw, gzip -9, brotli -11) and
// fails when the wasm + JS total exceeds the budget in brotli.
// Usage: node scripts/size.js [dist-dir] [--budget-kb N]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const args = process.argv.slice(2);
const budgetAt = args.indexOf('--budget-kb');
const budgetKb = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 250;
const dir = args.find((a, i) => !a.startsWith('--') && i !== budgetAt + 1) || 'dist';

const kb = (n) => (n / 1024).toFixed(1);
const rows = fs
  .readdirSync(dir)
  .filter((f) => /\.(wasm|js|css|html)$/.test(f))
  .sort()
  .map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    return {
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
const code = rows.filter((r) => r.kind === 'wasm' || r.kind === 'js');

console.log('| file | raw KB | gzip KB | brotli KB |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
console.log(`| **wasm + JS** | ${kb(sum(code, 'raw'))} | ${kb(sum(code, 'gzip'))} | ${kb(sum(code, 'brotli'))} |`);
console.log(`| **everything** | ${kb(sum(rows, 'raw'))} | ${kb(sum(rows, 'gzip'))} | ${kb(sum(rows, 'brotli'))} |`);
const total = sum(code, 'brotli') / 1024;
if (total > budgetKb) {
  console.error(`\nOVER BUDGET: wasm + JS is ${total.toFixed(1)} KB brotli, budget ${budgetKb} KB.`);
  process.exit(1);
}
console.log(`\nwithin budget: wasm + JS ${total.toFixed(1)} KB brotli <= ${budgetKb} KB.`);
