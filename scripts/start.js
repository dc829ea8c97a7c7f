#!/usr/bin/env node
'use strict';
/**
 * npm start — the n8n editor on http://localhost:5678 with this package installed as a community
 * package, the templates imported and demo credentials for HubSpot, Zendesk and Slack, loaded with the
 * demo book. n8n runs with HTTPS_PROXY pointing at the fakes' routing proxy, exactly as in `npm run
 * demo` and the e2e tests: n8n's own Slack and HubSpot nodes and our nodes reach the fakes under the
 * real host names, every other host is refused — no root, nothing leaves the machine.
 *
 * Options: --port 5678, --user-folder <dir> (default ~/.cache/cs-signal-os/editor; it persists: delete it to start
 * over). The browser test (test/e2e/editor.test.ts) starts it on a free port with a fresh user folder.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { loadHarness, REPO_ROOT } = require('./demo/harness');
const { ensureBuilt, say } = require('./demo/sandbox');

async function main() {
  const portIndex = process.argv.indexOf('--port');
  const port = portIndex >= 0 ? process.argv[portIndex + 1] : '5678';
  const folderIndex = process.argv.indexOf('--user-folder');
  ensureBuilt();
  const harness = loadHarness();
  const { buildDemoBook } = require(path.join(REPO_ROOT, 'dist/demo/book.js'));
  const { buildProviderData } = require(path.join(REPO_ROOT, 'dist/demo/provider-data.js'));
  const sandbox = require(path.join(REPO_ROOT, 'dist/demo/sandbox.js'));
  const { startFakeProviders } = require(path.join(REPO_ROOT, 'test/fakes/providers.js'));

  const n8nHome = await harness.setupN8n();
  const userFolder = folderIndex >= 0 ? path.resolve(process.argv[folderIndex + 1]) : path.join(harness.CACHE_DIR, 'editor');
  fs.mkdirSync(userFolder, { recursive: true });
  say('installing the packed package into the editor\'s user folder');
  const packDir = path.join(userFolder, 'pack');
  fs.mkdirSync(packDir, { recursive: true });
  await harness.installCommunityPackage(userFolder, await harness.packPackage(packDir));

  const book = buildDemoBook();
  const data = buildProviderData(book);
  const tls = await harness.ensureTestCa();
  const fakes = await startFakeProviders({
    dataset: data.dataset,
    httpPort: 0,
    https: { port: 0, cert: fs.readFileSync(tls.cert), key: fs.readFileSync(tls.key) },
    proxy: { port: 0 },
    smtp: { port: 0 },
    log: (line) => {
      if (line.startsWith('[proxy]')) process.stderr.write(`${line}\n`);
    },
  });
  const warehouseFile = path.join(userFolder, 'warehouse-signals.json');
  fs.writeFileSync(warehouseFile, JSON.stringify(data.warehouseSignals, null, 2));
  const warehouse = spawn(process.execPath, [path.join(__dirname, 'demo/warehouse.js'), '--file', warehouseFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const warehouseUrl = await new Promise((resolve) => warehouse.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)).url)));
  say(`fakes for HubSpot, Zendesk and Slack behind the proxy ${fakes.proxyUrl}, SMTP on 127.0.0.1:${fakes.smtpPort}, warehouse feed ${warehouseUrl}`);

  const { node: nodeBin, n8n: n8nBin } = harness.n8nBinaries(n8nHome);
  const env = harness.n8nEnvironment({
    n8nHome,
    userFolder,
    caFile: tls.ca,
    proxyUrl: fakes.proxyUrl,
    brokerPort: await harness.freePort(),
    encryptionKey: 'cs-signal-os-editor-key',
    extra: { N8N_PORT: port, N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_SECURE_COOKIE: 'false', N8N_LOG_LEVEL: 'warn' },
  });
  const cli = (args) => {
    const result = spawnSync(nodeBin, [n8nBin, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`n8n ${args[0]} failed:\n${(result.stdout + result.stderr).split('\n').slice(-15).join('\n')}`);
  };
  const write = (name, value) => {
    const file = path.join(userFolder, name);
    fs.writeFileSync(file, JSON.stringify(value, null, 2));
    return file;
  };
  const templates = fs.readdirSync(path.join(REPO_ROOT, 'workflows')).filter((file) => file.endsWith('.json')).sort();
  say(`importing the demo credentials and the ${templates.length} templates`);
  cli(['import:credentials', `--input=${write('demo-credentials.json', sandbox.demoCredentials({ smtpPort: fakes.smtpPort }))}`]);
  for (const file of templates) {
    const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', file), 'utf8'));
    const adapted = sandbox.adaptTemplate(template, { warehouseUrl, ownerDirectory: data.ownerDirectory });
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
