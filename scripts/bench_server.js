// A static web server for the benchmark (scripts/bench.js, scripts/phone.js): serves a
// built site under a path prefix the way the README asks a real host to (brotli, correct
// content types, revalidated HTML and worker, immutable hashed files) and counts every
// byte it sends, with times, so a measurement can say what a visitor downloaded.
//
// As a module:
//   const { createServer } = require('./bench_server');
//   const server = createServer({ root: 'dist', prefix: '/trellis/' });
//   await server.start();          // server.base is the site's address
//   server.reset();                // forget what was sent so far
//   ... server.log()               // [{ at, finished, path, status, body, headers, encoding }]
//   await server.stop();
// Counting is only reachable from this module's API, never over HTTP, so the app under
// test cannot see or disturb it.
//
// From the shell (to look at a build by hand): node scripts/bench_server.js DIST [PORT]
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
// Worth compressing; images and the like are compressed already.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
// Trunk's content hash in a file name (`app-0123456789abcdef.css`, `trellis-…_bg.wasm`).
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

/** The current time in milliseconds since the epoch, with sub-millisecond precision. */
const now = () => performance.timeOrigin + performance.now();

function createServer({ root, prefix = '/', port = 0, host = '127.0.0.1' }) {
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const files = new Map(); // path on disk -> { raw, br, etag, mtime }
  let sent = [];
  let server = null;

  /** The file's bytes, its brotli form (made once, quality 11) and its ETag. */
  function load(file) {
    const stat = fs.statSync(file);
    const known = files.get(file);
    if (known && known.mtime === stat.mtimeMs && known.size === stat.size) return known;
    const raw = fs.readFileSync(file);
    const entry = {
      raw,
      br: null,
      etag: `"${crypto.createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
      mtime: stat.mtimeMs,
      size: stat.size,
    };
    files.set(file, entry);
    return entry;
  }

  function brotli(entry) {
    if (!entry.br) {
      entry.br = zlib.brotliCompressSync(entry.raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length,
        },
      });
    }
    return entry.br;
  }

  /** Sends a response and records what went over the wire. */
  function send(req, res, status, headers, body, record) {
    const at = now();
    res.writeHead(status, headers);
    // Status line and headers as sent, roughly (what `curl -I` would show).
    const headerBytes =
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n`.length +
      Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0) +
      2;
    const entry = {
      at,
      finished: null,
      path: record.path,
      status,
      body: body ? body.length : 0,
      headers: headerBytes,
      encoding: headers['Content-Encoding'] || 'identity',
      from: req.headers['x-bench-from'] || (req.headers['service-worker'] ? 'service-worker' : ''),
      purpose: req.headers['sec-fetch-dest'] || '',
    };
    sent.push(entry);
    res.on('finish', () => {
      entry.finished = now();
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function handle(req, res) {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    const record = { path: url.pathname };
    if (!rel.startsWith(base)) {
      send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('not found\n'), record);
      return;
    }
    rel = rel.slice(base.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('not found\n'), record);
      return;
    }
    const entry = load(file);
    const ext = path.extname(file);
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', ETag: entry.etag };
    headers['Cache-Control'] = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (COMPRESSIBLE.has(ext)) headers.Vary = 'Accept-Encoding';
    if (req.headers['if-none-match'] === entry.etag) {
      send(req, res, 304, headers, null, record);
      return;
    }
    let body = entry.raw;
    if (COMPRESSIBLE.has(ext) && /\bbr\b/.test(req.headers['accept-encoding'] || '')) {
      body = brotli(entry);
      headers['Content-Encoding'] = 'br';
    }
    headers['Content-Length'] = body.length;
    send(req, res, 200, headers, body, record);
  }

  return {
    get base() {
      return `http://${host}:${server.address().port}${base}`;
    },
    start() {
      server = http.createServer(handle);
      server.keepAliveTimeout = 5000;
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve(this));
      });
    },
    stop() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
    /** Forgets what was sent so far. */
    reset() {
      sent = [];
    },
    /** What was sent since the last reset, one entry per response, oldest first. */
    log() {
      return sent.slice();
    },
    /** Compresses every file now, so the first measured request does not wait for brotli. */
    warm() {
      for (const name of fs.readdirSync(root, { recursive: true })) {
        const file = path.join(root, String(name));
        if (fs.statSync(file).isFile() && COMPRESSIBLE.has(path.extname(file))) brotli(load(file));
      }
    },
  };
}

module.exports = { createServer, now };

if (require.main === module) {
  const [root = 'dist', port = '8791'] = process.argv.slice(2);
  const server = createServer({ root, prefix: '/trellis/', port: Number(port) });
  server.start().then(() => {
    console.log(`serving ${root} at ${server.base} (brotli, counting bytes); Ctrl-C stops`);
    setInterval(() => {
      const log = server.log();
      if (log.length) {
        for (const r of log) console.log(`${r.status} ${(r.from || "?").padEnd(14)} ${String(r.body).padStart(8)} B  ${r.path}`);
        server.reset();
      }
    }, 1000);
  });
}
