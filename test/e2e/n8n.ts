/**
 * End-to-end harness: this package inside a real n8n 2.x, driven by n8n's own CLI.
 *
 * - n8n comes from scripts/setup-n8n.sh (pinned n8n on Node 24, cached outside the repo); if the
 *   setup fails, startE2eEnvironment throws with the script's own message (nothing is skipped).
 * - Our packed tarball is installed the way n8n installs community packages: `npm pack`, then
 *   `npm install <tgz>` into `<userFolder>/.n8n/nodes`, so node types are `n8n-nodes-cs-signal-os.*`.
 * - No root, no hosts file, no network namespace: n8n runs with HTTPS_PROXY / HTTP_PROXY pointing at
 *   the fakes' routing proxy (test/fakes/proxy.js), which tunnels the faked providers' real host names
 *   (test/fakes/hosts.js: slack.com, api.hubapi.com, <sub>.zendesk.com, …) to the fakes' TLS server —
 *   a test CA (scripts/tls/make-test-ca.sh, generated into the cache) that n8n trusts through
 *   NODE_EXTRA_CA_CERTS — and refuses every other host with a loud "[proxy] REFUSED" line (recorded:
 *   `fakes.refused()`), so nothing leaves the machine. NO_PROXY covers loopback only: the fakes'
 *   plain-HTTP port (dataset `files`, base-URL overrides) and n8n's own task broker.
 * - Every listening port is picked free at start (fakes, proxy, n8n's task broker), so several
 *   environments (jest workers, the demo, npm start) run side by side.
 * - The test process drives the fakes through a unix socket in the work dir.
 * - close() ends the fakes and the work dir; the same cleanup also runs on process exit, and work
 *   dirs of dead test processes are removed at the next start, so a failing test leaves nothing behind.
 * - Debugging: CS_E2E_KEEP=1 keeps the work dir (fakes.log, the user folder with n8n's
 *   database.sqlite, the imported JSON); `lastExecutionData()` reads the newest execution from it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FaultRule, RecordedRequest } from '../fakes/providers';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CACHE_DIR = process.env.CS_SIGNAL_OS_CACHE ?? path.join(os.homedir(), '.cache', 'cs-signal-os');
export const PACKAGE_NAME = 'n8n-nodes-cs-signal-os';
const WORK_DIR_PREFIX = 'cs-signal-os-e2e-';

export interface CliResult {
  rc: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface ExecutionResult extends CliResult {
  /** The IRun n8n printed (undefined when it printed none, e.g. a workflow with issues). */
  run: any;
  status: string | undefined;
  /** Error message of the execution (run data error, or the CLI's own). */
  error: string | undefined;
  /** JSON of the items a node emitted on an output (default 0) in its last run. */
  items(nodeName: string, outputIndex?: number): any[];
}

export interface N8nCredential {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
}

export interface FakesClient {
  requests(provider?: string): Promise<RecordedRequest[]>;
  /** Connections the routing proxy refused (hosts no fake serves): a test expects none. */
  refused(): Promise<Array<{ at: string; kind: string; target: string; reason: string }>>;
  reset(): Promise<void>;
  load(dataset: object): Promise<void>;
  addFault(rule: FaultRule): Promise<void>;
  upsertTickets(tickets: object[]): Promise<void>;
  outbox(): Promise<{ slackMessages: any[]; hubspotTasks: any[]; hubspotEngagements: any[] }>;
}

export interface E2eEnvironment {
  n8nHome: string;
  /** Plain-HTTP address of the fakes on loopback (dataset `files`, base-URL overrides). */
  fakesHttpUrl: string;
  /** The routing proxy n8n's HTTPS_PROXY / HTTP_PROXY point at. */
  proxyUrl: string;
  /** The environment n8n runs with (for processes that must behave like it, e.g. curl in a test). */
  n8nEnv: NodeJS.ProcessEnv;
  workDir: string;
  userFolder: string;
  fakes: FakesClient;
  /** Seconds spent per setup step (n8n setup, package install, …), for the timing report. */
  timings: Record<string, number>;
  n8n(args: string[], options?: { timeoutMs?: number }): Promise<CliResult>;
  importCredentials(credentials: N8nCredential[]): Promise<CliResult>;
  importWorkflow(workflow: object): Promise<CliResult>;
  execute(workflowId: string, options?: { timeoutMs?: number }): Promise<ExecutionResult>;
  /** The raw execution_data of the newest execution in n8n's database (diagnostics). */
  lastExecutionData(): Promise<string>;
  close(): Promise<void>;
}

export interface E2eOptions {
  /** Dataset for the fakes (test/fakes/dataset.js format). */
  dataset?: object;
  /** Install our packed package into the user folder (default true). */
  installPackage?: boolean;
}

// ---------------------------------------------------------------------------------------------
// processes

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stream?: boolean } = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (options.stream) process.stderr.write(chunk);
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          killGroup(child);
          reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs} ms\n${tail(stdout + stderr)}`));
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (rc) => {
      if (timer) clearTimeout(timer);
      resolve({ rc, stdout, stderr, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function must(result: CliResult, what: string): CliResult {
  if (result.rc !== 0) throw new Error(`${what} failed (exit ${result.rc}):\n${tail(result.stdout + result.stderr)}`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// n8n, TLS, package

/** Runs scripts/setup-n8n.sh (instant when cached); returns the install folder. */
export async function setupN8n(): Promise<string> {
  const result = await run('bash', [path.join(REPO_ROOT, 'scripts/setup-n8n.sh')], { stream: true, timeoutMs: 40 * 60_000 });
  if (result.rc !== 0) throw new Error(`scripts/setup-n8n.sh failed (exit ${result.rc}):\n${tail(result.stderr)}`);
  return result.stdout.trim().split('\n').pop()!;
}

export async function ensureTestCa(): Promise<{ ca: string; cert: string; key: string }> {
  const result = must(await run('bash', [path.join(REPO_ROOT, 'scripts/tls/make-test-ca.sh'), path.join(CACHE_DIR, 'tls')]), 'scripts/tls/make-test-ca.sh');
  const dir = result.stdout.trim();
  return { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server.pem'), key: path.join(dir, 'server-key.pem') };
}

/** `npm pack` of the built package into `destination` (about a second). */
export function packPackage(destination: string): Promise<string> {
  return (async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const listed: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
    const missing = listed.filter((file) => !fs.existsSync(path.join(REPO_ROOT, file)));
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist')) || missing.length > 0) {
      throw new Error(`the package is not built (${missing.length ? `missing ${missing.join(', ')}` : 'no dist/'}): run \`npm run build\` first (\`npm test\` does)`);
    }
    const result = must(await run('npm', ['pack', '--pack-destination', destination, '--ignore-scripts', '--json'], { cwd: REPO_ROOT }), 'npm pack');
    const [{ filename }] = JSON.parse(result.stdout);
    return path.join(destination, filename);
  })();
}

/** Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's community package installer does. */
export async function installCommunityPackage(userFolder: string, tarball: string): Promise<void> {
  const nodesDir = path.join(userFolder, '.n8n', 'nodes');
  fs.mkdirSync(nodesDir, { recursive: true });
  fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
  must(
    await run('npm', ['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--omit=dev', '--no-audit', '--no-fund', '--package-lock=false'], { cwd: nodesDir, timeoutMs: 5 * 60_000 }),
    `npm install of ${path.basename(tarball)} into ${nodesDir}`,
  );
}

/** Parses the IRun JSON that `n8n execute` prints between log lines. */
export function parseExecuteOutput(stdout: string): any {
  const lines = stdout.split('\n');
  const start = lines.indexOf('{');
  if (start < 0) return undefined;
  let end = lines.length - 1;
  while (end > start && lines[end] !== '}') end -= 1;
  try {
    return JSON.parse(lines.slice(start, end + 1).join('\n'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// ports and stale work dirs

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Work dirs of e2e processes that died without close() (jest ends its workers without 'exit'). */
function removeStaleWorkDirs(): void {
  if (process.env.CS_E2E_KEEP) return;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(WORK_DIR_PREFIX)) continue;
    const owner = Number(name.slice(WORK_DIR_PREFIX.length).split('-')[0]);
    if (!owner || processAlive(owner)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      // only our own: another user's leftovers (a shared /tmp on CI) are theirs to remove
      if (typeof process.getuid === 'function' && fs.statSync(dir).uid !== process.getuid()) continue;
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone meanwhile or not ours: nothing to clean
    }
  }
}

/** A TCP port free on loopback right now (n8n's task broker takes a port number, not 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// fakes

function controlRequest(socketPath: string, method: string, urlPath: string, body?: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ socketPath, method, path: urlPath, headers: payload ? { 'content-type': 'application/json' } : {} }, (res) => {
      let data = '';
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => {
        const json = data ? JSON.parse(data) : {};
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`fakes ${method} ${urlPath}: ${res.statusCode} ${json.error ?? data}`));
        else resolve(json);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

interface StartedFakes {
  child: ChildProcess;
  client: FakesClient;
  httpUrl: string;
  proxyUrl: string;
}

async function startFakes(workDir: string, dataset: object, tls: { cert: string; key: string }): Promise<StartedFakes> {
  const datasetFile = path.join(workDir, 'fakes-dataset.json');
  fs.writeFileSync(datasetFile, JSON.stringify(dataset));
  const socket = path.join(workDir, 'fakes.sock');
  const log = fs.openSync(path.join(workDir, 'fakes.log'), 'a');
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'test/fakes/server.js'), '--dataset', datasetFile, '--http-port', '0', '--https-port', '0', '--proxy-port', '0', '--cert', tls.cert, '--key', tls.key, '--control-socket', socket, '--log'],
    { stdio: ['ignore', 'pipe', log], detached: true },
  );
  const listening = await new Promise<{ httpUrl: string; proxyUrl: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the fakes did not start within 15 s: ${out}${fs.readFileSync(path.join(workDir, 'fakes.log'), 'utf8')}`)), 15_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.includes('"event":"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.on('exit', (rc) => {
      clearTimeout(timer);
      reject(new Error(`the fakes exited (${rc}) before listening: ${fs.readFileSync(path.join(workDir, 'fakes.log'), 'utf8')}`));
    });
  });
  child.removeAllListeners('exit');
  const client: FakesClient = {
    requests: async (provider) => (await controlRequest(socket, 'GET', `/__fake/requests${provider ? `?provider=${provider}` : ''}`)).requests,
    refused: async () => (await controlRequest(socket, 'GET', '/__fake/refused')).refused,
    reset: async () => void (await controlRequest(socket, 'POST', '/__fake/reset')),
    load: async (data) => void (await controlRequest(socket, 'POST', '/__fake/load', data)),
    addFault: async (rule) => void (await controlRequest(socket, 'POST', '/__fake/faults', rule)),
    upsertTickets: async (tickets) => void (await controlRequest(socket, 'POST', '/__fake/zendesk/tickets', { tickets })),
    outbox: async () => controlRequest(socket, 'GET', '/__fake/outbox'),
  };
  return { child, client, httpUrl: listening.httpUrl, proxyUrl: listening.proxyUrl };
}

// ---------------------------------------------------------------------------------------------
// the environment

const cleanups = new Set<() => void>();
process.on('exit', () => {
  for (const cleanup of cleanups) cleanup();
});

/** Node 24 and the n8n entry point inside a setup-n8n.sh install. */
export function n8nBinaries(n8nHome: string): { node: string; n8n: string } {
  return { node: path.join(n8nHome, 'node', 'bin', 'node'), n8n: path.join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n') };
}

export interface N8nEnvOptions {
  n8nHome: string;
  userFolder: string;
  /** The test CA n8n must trust (the fakes' TLS). */
  caFile: string;
  /** The routing proxy: every outbound request of n8n goes through it except loopback. */
  proxyUrl: string;
  /** n8n's task broker port (free on this machine). */
  brokerPort: number;
  encryptionKey?: string;
  /** Extra variables (e.g. N8N_PORT for `n8n start`). */
  extra?: NodeJS.ProcessEnv;
}

/**
 * The one environment every local n8n of this repo runs with (e2e tests, `npm run demo`, `npm start`):
 * nothing inherited but HOME / LANG / TMPDIR, telemetry and banners off, the proxy for everything
 * that is not loopback (the task runner is a child of n8n and inherits the same variables).
 */
export function n8nEnvironment(options: N8nEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['HOME', 'LANG', 'TMPDIR']) if (process.env[name]) env[name] = process.env[name];
  const { node } = n8nBinaries(options.n8nHome);
  return {
    ...env,
    PATH: `${path.dirname(node)}:/usr/local/bin:/usr/bin:/bin`,
    N8N_USER_FOLDER: options.userFolder,
    N8N_ENCRYPTION_KEY: options.encryptionKey ?? 'cs-signal-os-e2e-key',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_DYNAMIC_BANNERS_ENABLED: 'false',
    // the default vm engine (isolated-vm) segfaults on exit in about half the runs (n8n-facts §4b)
    N8N_EXPRESSION_ENGINE: 'legacy',
    N8N_LOG_LEVEL: 'info',
    N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
    NODE_EXTRA_CA_CERTS: options.caFile,
    HTTPS_PROXY: options.proxyUrl,
    HTTP_PROXY: options.proxyUrl,
    https_proxy: options.proxyUrl,
    http_proxy: options.proxyUrl,
    NO_PROXY: 'localhost,127.0.0.1,::1',
    no_proxy: 'localhost,127.0.0.1,::1',
    GENERIC_TIMEZONE: 'UTC',
    TZ: 'UTC',
    ...options.extra,
  };
}

export async function startE2eEnvironment(options: E2eOptions = {}): Promise<E2eEnvironment> {
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, step: () => Promise<T> | T): Promise<T> => {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings[name] = (Date.now() - started) / 1000;
    }
  };
  const n8nHome = await timed('setupN8n', setupN8n);
  const tls = await timed('testCa', ensureTestCa);
  removeStaleWorkDirs();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${WORK_DIR_PREFIX}${process.pid}-`));
  const userFolder = path.join(workDir, 'user');
  let fakesChild: ChildProcess | undefined;
  let closed = false;
  const cleanup = () => {
    if (closed) return;
    closed = true;
    if (fakesChild) killGroup(fakesChild);
    if (!process.env.CS_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
  };
  cleanups.add(cleanup);

  try {
    fs.mkdirSync(userFolder);
    if (options.installPackage !== false) {
      const tarball = await timed('npmPack', () => packPackage(workDir));
      await timed('installPackage', () => installCommunityPackage(userFolder, tarball));
    }
    const fakes = await timed('startFakes', () => startFakes(workDir, options.dataset ?? {}, tls));
    fakesChild = fakes.child;
    const { node: nodeBin, n8n: n8nBin } = n8nBinaries(n8nHome);
    const env = n8nEnvironment({ n8nHome, userFolder, caFile: tls.ca, proxyUrl: fakes.proxyUrl, brokerPort: await freePort() });

    const n8n = (args: string[], { timeoutMs = 180_000 } = {}) => run(nodeBin, [n8nBin, ...args], { env, cwd: workDir, timeoutMs });

    let fileCounter = 0;
    const writeInput = (prefix: string, value: unknown) => {
      const file = path.join(workDir, `${prefix}-${++fileCounter}.json`);
      fs.writeFileSync(file, JSON.stringify(value, null, 2));
      return file;
    };

    const lastExecutionData = async () => {
      const script = `const sqlite3 = require(${JSON.stringify(path.join(n8nHome, 'node_modules/sqlite3'))});
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.get('SELECT data FROM execution_data ORDER BY executionId DESC LIMIT 1', (e, row) => { process.stdout.write(e ? 'error: ' + e.message : row ? row.data : 'no execution'); db.close(); });`;
      const result = await run(nodeBin, ['-e', script, path.join(userFolder, '.n8n', 'database.sqlite')], { timeoutMs: 30_000 });
      return result.stdout || result.stderr;
    };

    const env2e: E2eEnvironment = {
      n8nHome,
      fakesHttpUrl: fakes.httpUrl,
      proxyUrl: fakes.proxyUrl,
      n8nEnv: env,
      workDir,
      userFolder,
      fakes: fakes.client,
      timings,
      n8n,
      importCredentials: async (credentials) => must(await n8n(['import:credentials', `--input=${writeInput('credentials', credentials)}`]), 'n8n import:credentials'),
      importWorkflow: async (workflow) => must(await n8n(['import:workflow', `--input=${writeInput('workflow', workflow)}`]), 'n8n import:workflow'),
      execute: async (workflowId, { timeoutMs } = {}) => {
        const result = await n8n(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs });
        const runData = parseExecuteOutput(result.stdout);
        const runError = runData?.data?.resultData?.error;
        let error: string | undefined = runError ? String(runError.description ? `${runError.message}: ${runError.description}` : runError.message) : undefined;
        if (!runData && result.rc !== 0) {
          const cliError = tail(result.stdout + result.stderr, 8);
          error = `${cliError}\n--- newest execution in the database ---\n${(await lastExecutionData()).slice(0, 4000)}`;
        }
        return {
          ...result,
          run: runData,
          status: runData?.status,
          error,
          items(nodeName: string, outputIndex = 0) {
            const runs = runData?.data?.resultData?.runData?.[nodeName];
            if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(runData?.data?.resultData?.runData ?? {}).join(', ')}`);
            return (runs[runs.length - 1].data?.main?.[outputIndex] ?? []).map((item: any) => item.json);
          },
        };
      },
      lastExecutionData,
      close: async () => {
        cleanup();
        cleanups.delete(cleanup);
      },
    };
    return env2e;
  } catch (error) {
    cleanup();
    cleanups.delete(cleanup);
    throw error;
  }
}
