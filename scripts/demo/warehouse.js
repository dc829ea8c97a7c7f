#!/usr/bin/env node
'use strict';
/**
 * The demo's "warehouse": serves a JSON array of Signal items at GET /cs/signals.json, the way a team
 * exposes its usage / meeting / e-mail signals (a warehouse export behind a URL) for the daily sweep's
 * HTTP Request node. Listens on loopback (a free port with --port 0).
 *
 *   node scripts/demo/warehouse.js --file signals.json [--port 8765] [--host 127.0.0.1]
 *
 * Prints {"event":"listening","url":…} once listening; logs each request on stderr.
 */
const fs = require('node:fs');
const http = require('node:http');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
if (!args.file) {
  process.stderr.write('usage: warehouse.js --file signals.json [--port 8765]\n');
  process.exit(2);
}
const host = args.host ?? '127.0.0.1';
const server = http.createServer((req, res) => {
  const ok = req.method === 'GET' && req.url.split('?')[0] === '/cs/signals.json';
  process.stderr.write(`[warehouse] ${req.method} ${req.url} → ${ok ? 200 : 404}\n`);
  if (!ok) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `no route ${req.method} ${req.url}; the feed is GET /cs/signals.json` }));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(fs.readFileSync(args.file));
});
server.listen(Number(args.port ?? 8765), host, () => {
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://${host}:${server.address().port}/cs/signals.json`, pid: process.pid })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
