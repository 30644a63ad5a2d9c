#!/usr/bin/env node
// Reports the transfer size of a built site (raw, gzip -9, brotli -11, as a static server
// with pre-compression would send it): every file, and for each entry page (index.html,
// the app; answer.html, the respondent's entry) the files it loads when opened. For the
// eight-page layout before issue 15, every page with its own bundle is an entry.
// No budget here: scripts/phone.js measures what visitors actually download.
// Usage: node scripts/size.js [dist-dir]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) || 'dist';
const COMPRESSIBLE = /\.(wasm|js|css|html|json|webmanifest|svg|txt)$/;

const kb = (n) => (n / 1024).toFixed(1);

/** Every file of the site, as a path relative to the folder. */
function walk(folder, prefix = '') {
  return fs.readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? walk(folder, rel) : [rel];
  });
}

const rows = walk(dir)
  .sort()
  .map((f) => {
    const bytes = fs.readFileSync(path.join(dir, f));
    const squeeze = COMPRESSIBLE.test(f);
    return {
      name: f,
      file: f.replace(/-[0-9a-f]{8,16}/, ''),
      kind: path.extname(f).slice(1),
      raw: bytes.length,
      gzip: squeeze ? zlib.gzipSync(bytes, { level: 9 }).length : bytes.length,
      brotli: squeeze
        ? zlib.brotliCompressSync(bytes, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          }).length
        : bytes.length,
    };
  });
const byName = new Map(rows.map((r) => [r.name, r]));
const sum = (list, key) => list.reduce((a, r) => a + r[key], 0);
const line = (label, list) =>
  console.log(`| ${label} | ${kb(sum(list, 'raw'))} | ${kb(sum(list, 'gzip'))} | ${kb(sum(list, 'brotli'))} |`);

console.log('| file | raw KB | gzip KB | brotli KB |');
console.log('|---|---:|---:|---:|');
for (const r of rows) line(r.file, [r]);
line('**everything**', rows);

/** The files of the site an entry page loads: its links, scripts, bundle and the worker. */
function loads(page) {
  const html = fs.readFileSync(path.join(dir, page), 'utf8');
  const found = new Set([page]);
  for (const [, attr] of html.matchAll(/(?:href|src|data-js|data-wasm)="([^"#?:]+)"/g)) {
    const rel = path.posix.normalize(attr.replace(/^\.\//, ''));
    if (byName.has(rel)) found.add(rel);
  }
  // The page registers the service worker once it has started (static/boot.js).
  if (found.has('boot.js') && byName.has('sw.js')) found.add('sw.js');
  return [...found].sort().map((f) => byName.get(f));
}

// Entries: the pages that load a wasm bundle (forwarding pages of old addresses do not).
const entries = rows.filter((r) => r.kind === 'html' && loads(r.name).some((f) => f.kind === 'wasm'));
console.log('\n| entry | wasm + JS raw KB | wasm + JS brotli KB | everything it loads, brotli KB | files it loads |');
console.log('|---|---:|---:|---:|---|');
for (const page of entries) {
  const used = loads(page.name);
  const code = used.filter((r) => r.kind === 'wasm' || r.kind === 'js');
  console.log(
    `| ${page.file} | ${kb(sum(code, 'raw'))} | ${kb(sum(code, 'brotli'))} | ${kb(sum(used, 'brotli'))} | ${used.map((r) => r.file).join(', ')} |`,
  );
}
