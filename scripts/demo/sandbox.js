'use strict';
/**
 * The demo sandbox from plain Node: build check, the e2e harness's environment (n8n from the cache,
 * the packed package installed as a community package, the fakes behind the routing proxy that n8n's
 * HTTPS_PROXY points at — no root) loaded with the demo book (HubSpot, Zendesk, Mixpanel, Gong, Gmail, Slack),
 * plus the warehouse feed on loopback with the signals no source node of the daily sweep reads.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { loadHarness, REPO_ROOT } = require('./harness');

const { startWarehouse } = require('./warehouse-feed');

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

/** The e2e environment loaded with the book's provider data and the warehouse feed. */
async function startSandbox(book) {
  const harness = loadHarness();
  const { buildProviderData } = require(path.join(REPO_ROOT, 'dist/demo/provider-data.js'));
  const providerData = buildProviderData(book);
  const cached = fs.existsSync(path.join(harness.CACHE_DIR, 'n8n-2.41.1', '.installed'));
  say(
    cached
      ? `local n8n: cached in ${harness.CACHE_DIR}`
      : `local n8n: installing n8n 2.41.1 + Node 24 into ${harness.CACHE_DIR} — the first run takes about 5 minutes (progress below), later runs start at once; remove it with rm -rf ${harness.CACHE_DIR}`,
  );
  const env = await harness.startE2eEnvironment({ dataset: providerData.dataset });
  say(`sandbox ready (fakes behind the proxy ${env.proxyUrl}; setup ${Object.entries(env.timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`);
  let warehouse;
  try {
    // the daily sweep reads usage, meetings, e-mail and Slack itself (Mixpanel, Gong, Gmail, Slack fakes): its feed holds the rest
    warehouse = await startWarehouse(env.workDir, providerData.feedSignals);
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
        // already gone
      }
      await env.close();
    },
  };
}

module.exports = { ensureBuilt, startSandbox, startWarehouse, say };
