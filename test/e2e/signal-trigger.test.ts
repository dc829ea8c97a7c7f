/**
 * CS Signal Trigger in a real n8n 2.41 server (`n8n start`, production webhooks), against the fakes:
 * - one workflow per provider with CS Signal Trigger, published before start so n8n activates it; Zendesk's
 *   activation registers the webhook and trigger on the fake Zendesk (webhookMethods.create);
 * - signed requests POSTed to n8n's webhook server: every unsigned, tampered and replayed one gets 401 and starts no
 *   execution; every valid one runs (counted in n8n's execution table); the counts per provider are printed;
 * - the real-time template: a signed Zendesk ticket event for a demo-book account posts one Slack message; the same
 *   delivery again gets 401 and posts nothing;
 * - deactivation through n8n's public API deletes the Zendesk webhook and trigger on the fake (webhookMethods.delete).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, n8nBinaries, REPO_ROOT, startE2eEnvironment, type E2eEnvironment } from './n8n';
import { buildDemoBook } from '../../demo/book';
import { buildProviderData, type ProviderData } from '../../demo/provider-data';
import { adaptTemplate, demoCredentials } from '../../demo/sandbox';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fakeZendeskSigningSecret } = require('../fakes/zendesk') as { fakeZendeskSigningSecret(id: string): string };

const TODAY = new Date().toISOString().slice(0, 10);
const book = buildDemoBook(TODAY);
const data: ProviderData = buildProviderData(book);
const ACME = data.companyIdByAccount.acme;
const PACKAGE = 'n8n-nodes-cs-signal-os';
const OWNER = { email: 'owner@example.com', password: 'Owner-pass-123' };

type Provider = 'zendesk' | 'hubspotV3' | 'slack' | 'intercom' | 'segment' | 'microsoftGraph' | 'generic';
const PROVIDERS: Provider[] = ['zendesk', 'hubspotV3', 'slack', 'intercom', 'segment', 'microsoftGraph', 'generic'];
const SECRETS: Record<Provider, string> = {
	zendesk: '', // read back from the fake Zendesk after activation
	hubspotV3: 'hubspot-client-secret-e2e',
	slack: 'slack-signing-secret-e2e',
	intercom: 'intercom-client-secret-e2e',
	segment: 'segment-shared-secret-e2e',
	microsoftGraph: 'graph-client-state-e2e',
	generic: 'zoom-secret-token-e2e',
};
const WEBHOOK_IDS: Record<Provider, string> = Object.fromEntries(PROVIDERS.map((p, i) => [p, `0000000${i}-5e1a-4c0b-9d2e-7f3a9c1e2b4d`])) as Record<Provider, string>;

let env: E2eEnvironment;
let server: ChildProcess | undefined;
let base = '';
let serverLog = '';

const workflowId = (provider: Provider) => `csTrig${provider[0].toUpperCase()}${provider.slice(1)}`.slice(0, 21);

function triggerWorkflow(provider: Provider): object {
	const parameters: Record<string, unknown> = { provider };
	if (provider === 'zendesk') parameters.zendeskRegistration = 'automatic';
	if (provider === 'slack') parameters.slackChannelAccounts = { channel: [{ channelId: 'C0ACME', accountKey: ACME }] };
	if (provider === 'generic') Object.assign(parameters, { genericName: 'Zoom', genericSignatureHeader: 'x-zm-signature', genericAlgorithm: 'sha256', genericEncoding: 'hex', genericPrefix: 'v0=', genericTimestampHeader: 'x-zm-request-timestamp', genericSignedContent: 'v0:{timestamp}:{body}' });
	return {
		id: workflowId(provider),
		name: `CS Signal Trigger e2e (${provider})`,
		nodes: [
			{
				id: WEBHOOK_IDS[provider],
				name: 'CS Signal Trigger',
				type: `${PACKAGE}.csSignalTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_IDS[provider],
				parameters,
				credentials:
					provider === 'zendesk' ? { csZendeskApi: { id: 'csDemoZendesk01', name: 'Zendesk (CS Signal OS)' } } : { csWebhookSecretApi: { id: `csWh${provider}`.slice(0, 16), name: `${provider} webhook secret` } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const urlOf = (webhookId: string) => `${base}/webhook/${webhookId}/webhook`;

interface SignedRequest {
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** A valid delivery number n for the provider, signed now as the provider signs (node:crypto, the documented algorithms). */
function validRequest(provider: Provider, n: number, secret = SECRETS[provider], url = urlOf(WEBHOOK_IDS[provider])): SignedRequest {
	const now = Date.now();
	const json = (value: unknown) => JSON.stringify(value);
	switch (provider) {
		case 'zendesk': {
			const body = json({ ticket: { id: String(9000 + n), status: 'open', priority: 'urgent', subject: `Exports fail ${n}`, organization_id: ACME, requester_id: '7', created_at: new Date(now - 3_600_000).toISOString(), updated_at: new Date(now).toISOString(), tags: 'enterprise' } });
			const ts = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
			return { url, body, headers: { 'X-Zendesk-Webhook-Signature': createHmac('sha256', secret).update(ts + body).digest('base64'), 'X-Zendesk-Webhook-Signature-Timestamp': ts, 'X-Zendesk-Webhook-Invocation-Id': `inv-e2e-${n}-${now}` } };
		}
		case 'hubspotV3': {
			const body = json([{ eventId: 100 + n, subscriptionType: 'deal.propertyChange', objectId: 77 + n, propertyName: 'dealstage', propertyValue: 'closedlost', occurredAt: now, portalId: 62515 }]);
			const ts = String(now);
			return { url, body, headers: { 'X-HubSpot-Signature-v3': createHmac('sha256', secret).update(`POST${url}${body}${ts}`).digest('base64'), 'X-HubSpot-Request-Timestamp': ts } };
		}
		case 'slack': {
			const body = json({ type: 'event_callback', team_id: 'T0VENDOR', event_id: `EvE2E${n}${now}`, event: { type: 'message', channel: 'C0ACME', user: 'U0CUST', text: `This is unacceptable, the export has been broken for a week (${n}).`, ts: `${Math.floor(now / 1000)}.00010${n}` } });
			const ts = String(Math.floor(now / 1000));
			return { url, body, headers: { 'X-Slack-Signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`, 'X-Slack-Request-Timestamp': ts } };
		}
		case 'intercom': {
			const body = json({ type: 'notification_event', id: `notif_${n}_${now}`, topic: 'conversation.user.replied', created_at: Math.floor(now / 1000), data: { item: { type: 'conversation', id: `c${n}`, state: 'open', created_at: Math.floor(now / 1000) - 3600, company: { id: ACME }, conversation_parts: { conversation_parts: [{ part_type: 'comment', body: '<p>This is unacceptable.</p>', author: { type: 'user', id: 'u1' } }] } } } });
			return { url, body, headers: { 'X-Hub-Signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` } };
		}
		case 'segment': {
			const body = json({ type: 'track', event: 'Report Exported', userId: 'u1', messageId: `m-${n}-${now}`, timestamp: new Date(now).toISOString(), context: { groupId: ACME }, properties: {} });
			return { url, body, headers: { 'X-Signature': createHmac('sha1', secret).update(body).digest('hex') } };
		}
		case 'microsoftGraph': {
			const body = json({ value: [{ subscriptionId: 'sub-e2e', changeType: 'created', clientState: secret, resource: `Users/u1/Messages/AAMk${n}${now}`, resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: `AAMk${n}${now}` }, tenantId: 't1' }] });
			return { url, body, headers: {} };
		}
		case 'generic': {
			const body = json({ event: 'recording.transcript_completed', payload: { n, at: now } });
			const ts = String(Math.floor(now / 1000));
			return { url, body, headers: { 'x-zm-signature': `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`, 'x-zm-request-timestamp': ts } };
		}
	}
}

const SIGNATURE_HEADER: Record<Provider, string> = {
	zendesk: 'X-Zendesk-Webhook-Signature',
	hubspotV3: 'X-HubSpot-Signature-v3',
	slack: 'X-Slack-Signature',
	intercom: 'X-Hub-Signature',
	segment: 'X-Signature',
	microsoftGraph: '',
	generic: 'x-zm-signature',
};

function unsigned(provider: Provider, request: SignedRequest): SignedRequest {
	if (provider === 'microsoftGraph') return { ...request, body: request.body.replace(/"clientState":"[^"]*",/, '') };
	return { ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== SIGNATURE_HEADER[provider])) };
}

function tampered(provider: Provider, request: SignedRequest): SignedRequest {
	// Graph signs nothing: its "tampering" is a guessed clientState
	if (provider === 'microsoftGraph') return { ...request, body: request.body.replace(/"clientState":"[^"]*"/, '"clientState":"guessed"') };
	const index = request.body.search(/\d/);
	const digit = request.body[index];
	return { ...request, body: `${request.body.slice(0, index)}${digit === '9' ? '8' : String(Number(digit) + 1)}${request.body.slice(index + 1)}` };
}

async function post(request: SignedRequest): Promise<number> {
	const response = await fetch(request.url, { method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
	await response.text();
	return response.status;
}

/** Executions per workflow id, from n8n's database (finished or not). */
async function executionCounts(): Promise<Record<string, number>> {
	const { node } = n8nBinaries(env.n8nHome);
	const script = `const sqlite3 = require(${JSON.stringify(path.join(env.n8nHome, 'node_modules/sqlite3'))});
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.all('SELECT workflowId AS id, COUNT(*) AS n, SUM(CASE WHEN finished = 1 OR status IN (\\'success\\', \\'error\\') THEN 1 ELSE 0 END) AS done FROM execution_entity GROUP BY workflowId', (e, rows) => { process.stdout.write(JSON.stringify(e ? { error: e.message } : rows)); db.close(); });`;
	const output = await new Promise<string>((resolve) => {
		const child = spawn(node, ['-e', script, path.join(env.userFolder, '.n8n', 'database.sqlite')], { stdio: ['ignore', 'pipe', 'pipe'] });
		let text = '';
		child.stdout.on('data', (chunk) => (text += chunk));
		child.on('close', () => resolve(text));
	});
	const rows = JSON.parse(output || '[]') as Array<{ id: string; n: number; done: number }> | { error: string };
	if (!Array.isArray(rows)) return {};
	return Object.fromEntries(rows.map((row) => [row.id, row.done]));
}

/** Waits (polling, bounded) until `done()` holds; the test then asserts on what it sees. */
async function until(what: string, done: () => Promise<boolean>, limitMs = 120_000): Promise<void> {
	const deadline = Date.now() + limitMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}\n--- n8n log ---\n${serverLog.slice(-4000)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const zendeskWebhooks = () => env.fakes.requests('zendesk').then((requests) => requests.filter((r) => r.path.startsWith('/api/v2/webhooks') || r.path.startsWith('/api/v2/triggers')));

beforeAll(async () => {
	env = await startE2eEnvironment({ dataset: data.dataset });
	await env.importCredentials([
		...demoCredentials(),
		...PROVIDERS.filter((p) => p !== 'zendesk').map((p) => ({ id: `csWh${p}`.slice(0, 16), name: `${p} webhook secret`, type: 'csWebhookSecretApi', data: { secret: SECRETS[p] } })),
	]);
	for (const provider of PROVIDERS) await env.importWorkflow(triggerWorkflow(provider));
	const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows/real-time-signal.json'), 'utf8'));
	await env.importWorkflow(adaptTemplate({ ...template, id: 'csRealTimeE2e' }, { warehouseUrl: '', ownerDirectory: data.ownerDirectory }));
	for (const id of [...PROVIDERS.map(workflowId), 'csRealTimeE2e']) {
		const published = await env.n8n(['publish:workflow', `--id=${id}`]);
		if (published.rc !== 0) throw new Error(`publish:workflow ${id}: ${published.stdout}${published.stderr}`);
	}
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	const { node, n8n } = n8nBinaries(env.n8nHome);
	const bcrypt = require(path.join(env.n8nHome, 'node_modules/bcryptjs')) as { hashSync(p: string, r: number): string };
	server = spawn(node, [n8n, 'start'], {
		cwd: env.workDir,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...env.n8nEnv,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `${base}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
			N8N_INSTANCE_OWNER_FIRST_NAME: 'Ci',
			N8N_INSTANCE_OWNER_LAST_NAME: 'Bot',
		},
	});
	server.stdout!.on('data', (chunk) => (serverLog += chunk));
	server.stderr!.on('data', (chunk) => (serverLog += chunk));
	await until('n8n to be ready', async () => (await fetch(`${base}/healthz/readiness`).catch(() => undefined))?.status === 200, 240_000);
	// activation: both Zendesk workflows (the provider's and the template) registered their webhook and trigger
	await until('the Zendesk webhooks to be registered', async () => (await zendeskWebhooks()).filter((r) => r.method === 'POST' && r.path === '/api/v2/triggers').length === 2, 120_000);
	const secretReads = (await zendeskWebhooks()).filter((r) => r.path.endsWith('/signing_secret'));
	const bodies = (await env.fakes.requests('zendesk')).filter((r) => r.method === 'POST' && r.path === '/api/v2/webhooks').map((r) => JSON.parse(r.body).webhook.endpoint);
	// which webhook is which: the fake numbers them in creation order, and each creation names its endpoint
	const idFor = (endpoint: string) => `01FAKEWEBHOOK${String(bodies.indexOf(endpoint) + 1).padStart(13, '0')}`;
	expect(secretReads).toHaveLength(2);
	SECRETS.zendesk = fakeZendeskSigningSecret(idFor(urlOf(WEBHOOK_IDS.zendesk)));
	templateSecret = fakeZendeskSigningSecret(idFor(urlOf(templateWebhookId(template))));
}, 600_000);

let templateSecret = '';
const templateWebhookId = (template: { nodes: Array<{ type: string; webhookId?: string }> }) => template.nodes.find((n) => n.type.endsWith('.csSignalTrigger'))!.webhookId!;

afterAll(async () => {
	const lines = serverLog.split('\n').filter((line) => /CS Signal Trigger|Could not remove|deactivat|error/i.test(line));
	// eslint-disable-next-line no-console
	if (process.env.CS_E2E_VERBOSE) console.log(lines.slice(-60).join('\n'));
	if (server?.pid) {
		try {
			process.kill(-server.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	await env?.close();
});

describe('CS Signal Trigger in a real n8n webhook server', () => {
	it('every unsigned, tampered and replayed request gets 401 and starts nothing; every valid one runs — per provider', async () => {
		const PER_KIND = 3;
		const counts: Record<string, { unsigned: string; tampered: string; replayed: string; valid: string }> = {};
		const expectedRuns: Record<string, number> = {};
		for (const provider of PROVIDERS) {
			const statuses = { unsigned: [] as number[], tampered: [] as number[], replayed: [] as number[], valid: [] as number[] };
			for (let n = 1; n <= PER_KIND; n++) {
				statuses.unsigned.push(await post(unsigned(provider, validRequest(provider, 10 + n))));
				statuses.tampered.push(await post(tampered(provider, validRequest(provider, 20 + n))));
			}
			for (let n = 1; n <= PER_KIND; n++) {
				const request = validRequest(provider, 30 + n);
				statuses.valid.push(await post(request));
				statuses.replayed.push(await post(request));
			}
			const show = (list: number[], status: number) => `${list.filter((s) => s === status).length}/${list.length} ${status}`;
			counts[provider] = { unsigned: show(statuses.unsigned, 401), tampered: show(statuses.tampered, 401), replayed: show(statuses.replayed, 401), valid: show(statuses.valid, 200) };
			expectedRuns[workflowId(provider)] = PER_KIND;
		}
		// eslint-disable-next-line no-console
		console.log(`CS Signal Trigger through n8n's webhook server (401 counts per provider):\n${PROVIDERS.map((p) => `  ${p.padEnd(15)} unsigned ${counts[p].unsigned}, tampered ${counts[p].tampered}, replayed ${counts[p].replayed}; valid ${counts[p].valid}`).join('\n')}`);
		for (const provider of PROVIDERS) {
			expect([provider, counts[provider]]).toEqual([provider, { unsigned: `${PER_KIND}/${PER_KIND} 401`, tampered: `${PER_KIND}/${PER_KIND} 401`, replayed: `${PER_KIND}/${PER_KIND} 401`, valid: `${PER_KIND}/${PER_KIND} 200` }]);
		}
		// only the valid ones became executions
		await until('the valid deliveries to finish', async () => {
			const done = await executionCounts();
			return PROVIDERS.every((p) => (done[workflowId(p)] ?? 0) >= PER_KIND);
		});
		const done = await executionCounts();
		expect(Object.fromEntries(PROVIDERS.map((p) => [workflowId(p), done[workflowId(p)]]))).toEqual(expectedRuns);
	}, 300_000);

	it('handshakes: Slack url_verification and Graph validationToken are answered as text/plain', async () => {
		const challenge = { token: 'x', challenge: 'e2e-challenge-3eZbrw1aBm2r', type: 'url_verification' };
		const body = JSON.stringify(challenge);
		const ts = String(Math.floor(Date.now() / 1000));
		const slack = await fetch(urlOf(WEBHOOK_IDS.slack), { method: 'POST', headers: { 'content-type': 'application/json', 'X-Slack-Signature': `v0=${createHmac('sha256', SECRETS.slack).update(`v0:${ts}:${body}`).digest('hex')}`, 'X-Slack-Request-Timestamp': ts }, body });
		expect([slack.status, slack.headers.get('content-type'), await slack.text()]).toEqual([200, 'text/plain; charset=utf-8', 'e2e-challenge-3eZbrw1aBm2r']);
		const graph = await fetch(`${urlOf(WEBHOOK_IDS.microsoftGraph)}?validationToken=Validation%3A%20e2e`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
		expect([graph.status, graph.headers.get('content-type'), await graph.text()]).toEqual([200, 'text/plain; charset=utf-8', 'Validation: e2e']);
	});

	it('real-time template: a signed Zendesk ticket event for Acme Corp reaches Slack once; the same delivery again posts nothing', async () => {
		const before = (await env.fakes.outbox()).slackMessages.length;
		const delivery = validRequest('zendesk', 1, templateSecret, urlOf(templateWebhookId(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows/real-time-signal.json'), 'utf8')))));
		expect(await post(delivery)).toBe(200);
		await until('the template run to finish', async () => ((await executionCounts()).csRealTimeE2e ?? 0) >= 1, 180_000);
		const outbox = await env.fakes.outbox();
		const posted = outbox.slackMessages.slice(before);
		expect(posted).toHaveLength(1);
		expect(String(posted[0].text)).toMatch(/Acme Corp/);
		expect(outbox.hubspotTasks.length).toBeGreaterThan(0);
		expect(await post(delivery)).toBe(401);
		expect((await executionCounts()).csRealTimeE2e).toBe(1);
		expect((await env.fakes.outbox()).slackMessages.length).toBe(before + 1);
	}, 300_000);

	it('deactivating the Zendesk workflow deletes its webhook and trigger in Zendesk', async () => {
		const login = await fetch(`${base}/rest/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }) });
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		const scopes = ((await (await fetch(`${base}/rest/api-keys/scopes`, { headers: { cookie } })).json()) as { data: string[] }).data;
		const key = ((await (await fetch(`${base}/rest/api-keys`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ label: 'e2e', scopes, expiresAt: null }) })).json()) as { data: { rawApiKey: string } }).data.rawApiKey;
		const webhooksBefore = (await env.fakes.requests('zendesk')).filter((r) => r.method === 'DELETE').length;
		const deactivated = await fetch(`${base}/api/v1/workflows/${workflowId('zendesk')}/deactivate`, { method: 'POST', headers: { 'X-N8N-API-KEY': key, 'content-type': 'application/json' }, body: '{}' });
		expect(deactivated.status).toBe(200);
		const deletesNow = async () => (await env.fakes.requests('zendesk')).filter((r) => r.method === 'DELETE').slice(webhooksBefore).map((r) => r.path.replace(/\d+$/, '<id>'));
		await until('the Zendesk webhook and trigger to be deleted', async () => (await deletesNow()).length >= 2, 30_000).catch(() => undefined);
		const deletes = await deletesNow();
		expect(deletes).toEqual(['/api/v2/triggers/<id>', '/api/v2/webhooks/01FAKEWEBHOOK<id>']);
		// the webhook is gone: a delivery to it finds no workflow
		expect(await post(validRequest('zendesk', 99))).toBe(404);
	}, 120_000);
});
