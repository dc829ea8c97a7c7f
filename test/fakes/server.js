#!/usr/bin/env node
'use strict';
/**
 * Runnable entry for the fake providers (plain Node, no build), e.g. inside a network namespace:
 *
 *   node test/fakes/server.js --dataset test/fakes/data/default.json --http-port 0 \
 *        --https-port 0 --cert server.pem --key server-key.pem [--proxy-port 0] [--control-socket /tmp/x.sock] [--log]
 *
 * --proxy-port starts the routing proxy (proxy.js) in front of the fakes: point HTTPS_PROXY at it.
 * Prints one JSON line on stdout once listening: {"event":"listening","httpUrl":…,"httpsUrl":…,"proxyUrl":…,"pid":…}.
 * Stops on SIGTERM/SIGINT. --http-port off disables plain HTTP.
 */
const fs = require('node:fs');
const { startFakeProviders } = require('./providers');

function parse(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!name.startsWith('--')) throw new Error(`unexpected argument "${name}"`);
    if (name === '--log') args.log = true;
    else args[name.slice(2)] = argv[++i];
  }
  return args;
}

async function main() {
  const args = parse(process.argv.slice(2));
  const dataset = args.dataset ? JSON.parse(fs.readFileSync(args.dataset, 'utf8')) : {};
  const tls = args['https-port'] !== undefined
    ? { port: Number(args['https-port']), cert: fs.readFileSync(args.cert), key: fs.readFileSync(args.key) }
    : undefined;
  const fakes = await startFakeProviders({
    dataset,
    host: args.host ?? '127.0.0.1',
    httpPort: args['http-port'] === 'off' ? null : Number(args['http-port'] ?? 0),
    https: tls,
    proxy: args['proxy-port'] !== undefined ? { port: Number(args['proxy-port']) } : undefined,
    controlSocket: args['control-socket'],
    log: args.log ? (line) => process.stderr.write(`[fakes] ${line}\n`) : undefined,
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', httpUrl: fakes.httpUrl, httpsUrl: fakes.httpsUrl, proxyUrl: fakes.proxyUrl, controlSocket: fakes.controlSocket, pid: process.pid })}\n`);
  const stop = () => fakes.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`[fakes] cannot start: ${error.message}\n`);
  process.exit(1);
});
