'use strict';
/**
 * The demo sandbox from plain Node: build check, the e2e harness's environment (n8n from the cache,
 * the packed package installed as a community package, the fakes in a network namespace) loaded with
 * the demo book, plus the warehouse feed served inside the namespace.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { loadHarness, REPO_ROOT } = require('./harness');

const { startWarehouse, WAREHOUSE_PORT } = require('./warehouse-feed');

function say(message) {
  process.stderr.write(`[demo] ${message}\n`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|json|svg)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** `npm run build` when dist/ is missing, incomplete or older than the sources. */
function ensureBuilt() {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const needed = [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'dist/demo/sandbox.js', 'dist/demo/provider-data.js', 'dist/demo/book.js'];
  const missing = needed.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
  const sources = Math.max(...['engine', 'nodes', 'credentials', 'demo', 'rules'].filter((d) => fs.existsSync(path.join(REPO_ROOT, d))).map((d) => newestMtime(path.join(REPO_ROOT, d))));
  const built = missing.length ? 0 : Math.min(...needed.map((file) => fs.statSync(path.join(REPO_ROOT, file)).mtimeMs));
  if (missing.length === 0 && built >= sources) return;
  say(missing.length ? `building the package (missing ${missing[0]}${missing.length > 1 ? ` and ${missing.length - 1} more` : ''})` : 'building the package (sources changed since the last build)');
  const result = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('`npm run build` failed (output above)');
}

function requireRoot() {
  if (process.getuid && process.getuid() === 0) return;
  throw new Error(
    [
      'the sandbox needs root: n8n\'s built-in Slack node always calls https://slack.com and the HubSpot task',
      'request https://api.hubapi.com, so the demo runs n8n in a network namespace (ip netns) whose hosts file',
      'points those names at the local fakes. Run it as root, e.g. `sudo -E npm run demo`, or in a container',
      '(docker run --cap-add NET_ADMIN … / a root CI job). Nothing leaves the machine either way.',
    ].join('\n  '),
  );
}

/** The e2e environment loaded with the book's provider data and the warehouse feed. */
async function startSandbox(book) {
  requireRoot();
  const harness = loadHarness();
  const { buildProviderData } = require(path.join(REPO_ROOT, 'dist/demo/provider-data.js'));
  const providerData = buildProviderData(book);
  const cached = fs.existsSync(path.join(harness.CACHE_DIR, 'n8n-2.41.1', '.installed'));
  say(cached ? 'local n8n: cached' : 'local n8n: installing n8n 2.41.1 + Node 24 into the cache — the first run takes about 12 minutes (progress below), later runs start at once');
  const env = await harness.startE2eEnvironment({ dataset: providerData.dataset });
  say(`sandbox ready (namespace ${env.namespace}; setup ${Object.entries(env.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`);
  let warehouse;
  try {
    warehouse = await startWarehouse(env.namespace, env.workDir, providerData.warehouseSignals);
  } catch (error) {
    await env.close();
    throw error;
  }
  return {
    env,
    providerData,
    warehouseUrl: warehouse.url,
    cacheDir: harness.CACHE_DIR,
    close: async () => {
      try {
        process.kill(-warehouse.child.pid, 'SIGKILL');
      } catch {
        // gone with the namespace
      }
      await env.close();
    },
  };
}

module.exports = { ensureBuilt, startSandbox, startWarehouse, requireRoot, say, WAREHOUSE_PORT };
