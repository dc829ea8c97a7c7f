/**
 * Smoke test of the e2e harness: a real n8n 2.41.1 (scripts/setup-n8n.sh) with our packed
 * package installed as a community package, reaching the fakes through the routing proxy.
 *
 * 1. n8n's built-in Slack node posts a fixed message to https://slack.com — which is the Slack fake,
 *    over TLS from the test CA — and the fake received exactly that request.
 * 2. n8n loaded every node and credential type our package ships, as `n8n-nodes-cs-signal-os.*`.
 * 3. Our CS Support Signals node reads the Zendesk fake's incremental export inside real n8n,
 *    retries a programmed 429, and keeps its cursor in workflow static data across `n8n execute` runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import defaultDataset from '../fakes/data/default.json';
import { PACKAGE_NAME, startE2eEnvironment, type E2eEnvironment } from './n8n';

const SLACK_CREDENTIAL = { id: 'csE2eSlack0000001', name: 'Slack (fake)', type: 'slackApi', data: { accessToken: 'xoxb-e2e-fake-token' } };
const ZENDESK_CREDENTIAL = {
  id: 'csE2eZendesk00001',
  name: 'Zendesk (fake)',
  type: 'csZendeskApi',
  data: { subdomain: 'acme', authType: 'apiToken', email: 'admin@acme.example', apiToken: 'zd-e2e-token' },
};

const manualTrigger = { id: 'a0000000-0000-4000-8000-000000000001', name: 'When clicking Execute', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

const slackWorkflow = {
  id: 'csE2eSmokeSlack01',
  name: 'e2e smoke: built-in Slack node',
  active: false,
  settings: { executionOrder: 'v1' },
  connections: { 'When clicking Execute': { main: [[{ node: 'Post alert', type: 'main', index: 0 }]] } },
  nodes: [
    manualTrigger,
    {
      id: 'a0000000-0000-4000-8000-000000000002',
      name: 'Post alert',
      type: 'n8n-nodes-base.slack',
      typeVersion: 2.3,
      position: [220, 0],
      parameters: {
        authentication: 'accessToken',
        select: 'channel',
        channelId: { __rl: true, mode: 'id', value: 'C0123ABC' },
        text: 'Churn risk: Acme Corp — 3 tickets in 7 days, renewal in 87 days',
        otherOptions: { includeLinkToWorkflow: false },
      },
      credentials: { slackApi: { id: SLACK_CREDENTIAL.id, name: SLACK_CREDENTIAL.name } },
    },
  ],
};

const supportWorkflow = {
  id: 'csE2eSmokeZendesk',
  name: 'e2e smoke: CS Support Signals from Zendesk',
  active: false,
  settings: { executionOrder: 'v1' },
  connections: { 'When clicking Execute': { main: [[{ node: 'Support signals', type: 'main', index: 0 }]] } },
  nodes: [
    manualTrigger,
    {
      id: 'a0000000-0000-4000-8000-000000000003',
      name: 'Support signals',
      type: `${PACKAGE_NAME}.csSupportSignals`,
      typeVersion: 1,
      position: [220, 0],
      parameters: { source: 'zendesk', asOf: '2026-11-23T08:00:00Z' },
      credentials: { csZendeskApi: { id: ZENDESK_CREDENTIAL.id, name: ZENDESK_CREDENTIAL.name } },
    },
  ],
};

let e2e: E2eEnvironment;
const timings: Record<string, number> = {};

beforeAll(async () => {
  e2e = await startE2eEnvironment({ dataset: defaultDataset });
  Object.assign(timings, e2e.timings);
  const started = Date.now();
  await e2e.importCredentials([SLACK_CREDENTIAL, ZENDESK_CREDENTIAL]);
  timings.importCredentials = (Date.now() - started) / 1000;
});

afterAll(async () => {
  await e2e?.close();
  process.stderr.write(`[e2e smoke timings, s] ${JSON.stringify(timings)}\n`);
});

beforeEach(async () => {
  await e2e.fakes.reset();
});

it('the built-in Slack node posts the exact message to the Slack fake over TLS', async () => {
  const imported = await e2e.importWorkflow(slackWorkflow);
  timings.importWorkflow = imported.seconds;
  const result = await e2e.execute(slackWorkflow.id);
  timings.executeSlack = result.seconds;
  expect({ rc: result.rc, status: result.status, error: result.error }).toEqual({ rc: 0, status: 'success', error: undefined });

  const requests = await e2e.fakes.requests('slack');
  expect(requests.map((r) => ({ method: r.method, host: r.host, path: r.path, authorization: r.headers.authorization, body: r.json }))).toEqual([
    {
      method: 'POST',
      host: 'slack.com',
      path: '/api/chat.postMessage',
      authorization: 'Bearer ***oken',
      // what n8n's Slack node v2.3 sends: the options are merged into the body
      body: { channel: 'C0123ABC', text: 'Churn risk: Acme Corp — 3 tickets in 7 days, renewal in 87 days', includeLinkToWorkflow: false },
    },
  ]);
  expect(result.items('Post alert')).toEqual([expect.objectContaining({ ok: true, channel: 'C0123ABC', message_timestamp: '1795420800.000100' })]);
});

it('n8n loads every node and credential type the package ships, under the package name', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(e2e.userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME, 'package.json'), 'utf8'));
  // every node but a trigger is usableAsTool (house rule), so n8n also registers a `<name>Tool` variant
  const expected: string[] = pkg.n8n.nodes.flatMap((file: string) => {
    const className = path.basename(file).replace('.node.js', '');
    const type = `${PACKAGE_NAME}.${className.charAt(0).toLowerCase()}${className.slice(1)}`;
    return className.endsWith('Trigger') ? [type] : [type, `${type}Tool`];
  });
  const exportFile = path.join(e2e.workDir, 'nodes.json');
  const exported = await e2e.n8n(['export:nodes', `--output=${exportFile}`]);
  expect(exported.rc).toBe(0);
  const names: string[] = JSON.parse(fs.readFileSync(exportFile, 'utf8')).map((node: { name: string }) => node.name);
  const ours = [...new Set(names.filter((name) => name.startsWith(`${PACKAGE_NAME}.`)))].sort();
  expect(ours).toEqual([...expected].sort());
  expect(expected.length).toBeGreaterThan(0);
});

it('our CS Support Signals node reads the Zendesk fake to the end of the stream inside n8n', async () => {
  await e2e.importWorkflow(supportWorkflow);
  const result = await e2e.execute(supportWorkflow.id);
  timings.executeSupportSignals = result.seconds;
  expect({ rc: result.rc, status: result.status, error: result.error }).toEqual({ rc: 0, status: 'success', error: undefined });

  const requests = await e2e.fakes.requests('zendesk');
  const exportCalls = requests.filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json');
  // 5 tickets, 2 per page: three pages, followed by cursor to end_of_stream
  expect(exportCalls.map((r) => (r.query.cursor ? 'cursor' : 'start_time'))).toEqual(['start_time', 'cursor', 'cursor']);
  expect(new Set(requests.map((r) => `${r.host} ${r.headers.authorization}`))).toEqual(new Set(['acme.zendesk.com Basic admin@acme.example/token:***']));
  const signals = result.items('Support signals');
  expect(signals.map((s) => s.type).sort()).toEqual(['support.low_csat', 'support.sev1_escalation', 'support.sla_breach', 'support.slow_resolution', 'support.slow_resolution', 'support.ticket_burst']);
  expect(signals.find((s) => s.type === 'support.ticket_burst').evidence).toBe('3 tickets in the 7 days to 2026-11-23 (#35436, #35437, #35438)');
  expect(signals.find((s) => s.type === 'support.sla_breach').evidence).toBe('First reply on ticket #35436 "Exports fail for the finance team" took 39.9 hours, past the 24-hour limit (no SLA policy data)');
});

it('a Zendesk 429 with Retry-After, programmed through the harness, is retried inside n8n and the result equals the clean run', async () => {
  const workflow = { ...supportWorkflow, id: 'csE2eSmokeZendes3', name: 'e2e smoke: Zendesk rate limited once' };
  await e2e.importWorkflow(workflow);
  await e2e.fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 429, retryAfter: 1 }] });
  const result = await e2e.execute(workflow.id);
  timings.executeSupportSignalsWith429 = result.seconds;
  expect({ rc: result.rc, status: result.status, error: result.error }).toEqual({ rc: 0, status: 'success', error: undefined });
  const exportCalls = (await e2e.fakes.requests('zendesk')).filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json');
  expect(exportCalls.map((r) => [r.status, r.query.cursor ? 'cursor' : 'start_time'])).toEqual([[429, 'start_time'], [200, 'start_time'], [200, 'cursor'], [200, 'cursor']]);
  expect(result.items('Support signals').map((s) => s.type).sort()).toEqual(['support.low_csat', 'support.sev1_escalation', 'support.sla_breach', 'support.slow_resolution', 'support.slow_resolution', 'support.ticket_burst']);
});

it('with Zendesk failing for good the execution fails naming Zendesk, and the next run re-reads from the start (cursor not advanced)', async () => {
  const workflow = { ...supportWorkflow, id: 'csE2eSmokeZendes4', name: 'e2e smoke: Zendesk down' };
  await e2e.importWorkflow(workflow);
  await e2e.fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 503 }], repeatLast: true });
  const failed = await e2e.execute(workflow.id);
  timings.executeSupportSignalsFailing = failed.seconds;
  expect({ rc: failed.rc, status: failed.status }).toEqual({ rc: 1, status: 'error' });
  expect(failed.error).toMatch(/Zendesk: incremental ticket export \(GET \/api\/v2\/incremental\/tickets\/cursor\.json\) failed .* at the first page — 0 pages \/ 0 tickets were read; the cursor was not advanced/);

  await e2e.fakes.reset();
  const retried = await e2e.execute(workflow.id);
  expect(retried.status).toBe('success');
  const exportCalls = (await e2e.fakes.requests('zendesk')).filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json');
  expect(exportCalls.map((r) => (r.query.cursor ? 'cursor' : 'start_time'))).toEqual(['start_time', 'cursor', 'cursor']);
});

it('workflow static data survives between `n8n execute` processes: the second run resumes from the stored Zendesk cursor', async () => {
  const workflow = { ...supportWorkflow, id: 'csE2eSmokeZendes2', name: 'e2e smoke: cursor across processes' };
  await e2e.importWorkflow(workflow);
  const first = await e2e.execute(workflow.id);
  expect(first.status).toBe('success');
  expect((await e2e.fakes.requests('zendesk')).filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json')[0].query.start_time).toBeDefined();

  await e2e.fakes.reset();
  const second = await e2e.execute(workflow.id);
  timings.executeSupportSignalsAgain = second.seconds;
  expect({ rc: second.rc, status: second.status }).toEqual({ rc: 0, status: 'success' });
  const secondCalls = (await e2e.fakes.requests('zendesk')).filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json');
  // one call, from the after_cursor that ended the first run's stream (after ticket 35440, the newest)
  const endOfFirstStream = Buffer.from(`${Date.parse('2026-11-22T09:30:00Z') / 1000}.0||35440|`).toString('base64');
  expect(secondCalls.map((r) => r.query)).toEqual([{ cursor: endOfFirstStream, include: 'metric_sets' }]);
});

it('no request tried to leave the machine: the routing proxy refused none', async () => {
  expect(await e2e.fakes.refused()).toEqual([]);
});
