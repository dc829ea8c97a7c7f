/**
 * Issue 16 finding 1 (through n8n): canary credentials in every credential type and mode of the package, a fake
 * provider that echoes them in 401/403/429/500 answers (nine ways, body and headers), and every output searched
 * for any form of the canary: the items (error items under "Continue On Fail" included), the thrown error
 * (message, description, context, cause, stack), the whole run data, and every log line.
 *
 * Coverage: for each credential mode (HubSpot private app, Zendesk API token, Zendesk OAuth, Mixpanel service
 * account, Pendo integration key, Gong access key, Intercom access token), every echo × every status, the canary kind and "Continue On
 * Fail" rotating with the case number — so each mode meets every echo, every status and every canary kind, with and
 * without Continue On Fail (252 runs: HubSpot, Zendesk ×2, Mixpanel, Pendo, Gong, Intercom). n8n's own credential types the
 * conversation nodes use (Gmail, Outlook / Microsoft Graph, Slack bot token and OAuth2) get every echo with the
 * status, kind and Continue On Fail rotating (36 runs). The engine-level test
 * (test/unit/redaction.test.ts) runs the full product of kinds × echoes × statuses.
 */
import { LoggerProxy, NodeConnectionTypes, type INodeParameters } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsEmailSignals } from '../../nodes/CsEmailSignals/CsEmailSignals.node';
import { CsSlackSignals } from '../../nodes/CsSlackSignals/CsSlackSignals.node';
import { credentialSecrets, N8N_CREDENTIAL_SECRET_PATHS, PACKAGE_CREDENTIAL_TYPES, secretFieldNames } from '../../nodes/shared/credentialSecrets';
import { canary, CANARY_CREDENTIALS, CANARY_KIND_NAMES, ECHO_NAMES, ECHO_STATUSES, echoFault, expectNoCanary, N8N_CANARY_CREDENTIALS } from '../fakes/canaries';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { itemsInto, PACKAGE_NAME, runWorkflow } from './harness';

const AS_OF = '2026-03-02T09:00:00Z';
const dataset = {
	now: AS_OF,
	hubspot: { companies: [{ id: '4511', properties: { name: 'Acme Corp' } }] },
	zendesk: { subdomain: 'acme', organizations: [{ id: 509974, name: 'Acme Corp' }], tickets: [{ id: 1, organization_id: 509974, subject: 'Export broken', status: 'open', priority: 'urgent', created_at: '2026-02-25T10:00:00Z', updated_at: '2026-02-25T10:00:00Z' }] },
};

/** The source modes of the package: node, parameters, credential type and the provider the fake plays. */
const SOURCES = {
	csHubSpotApi: { node: 'csCrmSignals', provider: 'hubspot' as const, parameters: { source: 'hubspot', asOf: AS_OF, maxAttempts: 1 } },
	csZendeskApi: { node: 'csSupportSignals', provider: 'zendesk' as const, parameters: { source: 'zendesk', asOf: AS_OF, zendeskWindowDays: 30, maxAttempts: 1 } },
	csMixpanelApi: { node: 'csUsageSignals', provider: 'mixpanel' as const, parameters: { source: 'mixpanel', asOf: AS_OF, options: { maxAttempts: 1 } } },
	csPendoApi: { node: 'csUsageSignals', provider: 'pendo' as const, parameters: { source: 'pendo', asOf: AS_OF, options: { maxAttempts: 1 } } },
	csGongApi: { node: 'csMeetingSignals', provider: 'gong' as const, parameters: { source: 'gong', asOf: AS_OF, maxAttempts: 1 } },
	csIntercomApi: { node: 'csSupportSignals', provider: 'intercom' as const, parameters: { source: 'intercom', asOf: AS_OF, intercomWindowDays: 30, maxAttempts: 1 } },
};

let fakes: RunningFakeProviders;
const logLines: string[] = [];
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
	const log = (level: string) => (message: string, meta?: object) => void logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
	LoggerProxy.init({ error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') } as never);
});
afterAll(async () => {
	await fakes.close();
});

describe('the package\'s credential types', () => {
	it('every credential in package.json is registered for redaction, with its password fields', () => {
		const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
		const registered = PACKAGE_CREDENTIAL_TYPES.map((type) => type.constructor.name);
		expect(pkg.n8n.credentials.map((path) => path.split('/').pop()!.replace('.credentials.js', ''))).toEqual(registered);
		expect(Object.fromEntries(PACKAGE_CREDENTIAL_TYPES.map((type) => [type.name, secretFieldNames(type)]))).toEqual({ csHubSpotApi: ['accessToken'], csZendeskApi: ['apiToken', 'accessToken'], csSecEdgarApi: [], csMixpanelApi: ['secret'], csPendoApi: ['integrationKey'], csGongApi: ['accessKeySecret'], csIntercomApi: ['accessToken'], csWebhookSecretApi: ['secret'] });
		expect(Object.keys(CANARY_CREDENTIALS)).toEqual(PACKAGE_CREDENTIAL_TYPES.map((type) => type.name));
		expect(credentialSecrets('csZendeskApi', { email: 'a@b.c', apiToken: 'tok-1', accessToken: '' })).toEqual(['tok-1']);
	});
});

const cases = Object.entries(CANARY_CREDENTIALS).flatMap(([credentialType, modes]) =>
	Object.keys(modes).flatMap((mode) => ECHO_NAMES.flatMap((echo) => ECHO_STATUSES.map((status) => ({ credentialType, mode, echo, status })))),
).map((c, n) => ({ ...c, kind: CANARY_KIND_NAMES[n % CANARY_KIND_NAMES.length], continueOnFail: Math.floor(n / CANARY_KIND_NAMES.length) % 2 === 1, n }));

describe('no canary in any output of a source node, whatever the provider echoes', () => {
	it('covers every mode × echo × status, each mode with every canary kind, with and without Continue On Fail', () => {
		expect(cases).toHaveLength(252);
		for (const mode of ['privateApp', 'apiToken', 'oauthToken', 'serviceAccount', 'integrationKey', 'basic', 'bearer']) {
			const mine = cases.filter((c) => c.mode === mode);
			expect(new Set(mine.map((c) => c.kind)).size).toBe(4);
			expect(new Set(mine.map((c) => c.continueOnFail)).size).toBe(2);
		}
	});

	it.each(cases.map((c) => [`${c.mode} · ${c.echo} · ${c.status} · ${c.kind}${c.continueOnFail ? ' · continue on fail' : ''}`, c] as const))('%s', async (_label, c) => {
		fakes.reset();
		fakes.load(dataset);
		const source = SOURCES[c.credentialType as keyof typeof SOURCES];
		const secret = canary(c.kind, c.n);
		fakes.addFault(echoFault(source.provider, c.echo, c.status, secret));
		logLines.length = 0;
		const credentials = CANARY_CREDENTIALS[c.credentialType][c.mode](secret, fakes.httpUrl!);
		const result = await runWorkflow(
			itemsInto(source.node, source.parameters, [{}], {
				credentials: { [c.credentialType]: { id: 'cred', name: 'canary' } },
				...(c.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			}),
			{ credentials: { [c.credentialType]: credentials } },
		);
		// the provider did receive the secret (so the echo carried it), and answered with the fault
		expect(fakes.requests().map((r) => r.status)).toEqual([c.status]);
		if (c.continueOnFail) {
			expect(result.status).toBe('success');
			const [errorItem] = result.output('Node');
			expect(String(errorItem.error)).toMatch(/^(HubSpot|Zendesk|Mixpanel|Pendo|Gong|Intercom): .* failed after 1 attempt \(HTTP \d{3}/);
		} else {
			expect(result.status).toBe('error');
			expect(result.error('Node')?.name).toBe('NodeApiError');
		}
		expectNoCanary(result.run, secret, 'run data');
		expectNoCanary(result.error('Node'), secret, 'thrown error');
		expectNoCanary(result.staticData, secret, 'static data');
		expectNoCanary(logLines, secret, 'log');
	});
});

describe('no canary in any output of CS Executive Change Signals (HubSpot mode), whatever HubSpot echoes', () => {
	const execCases = ECHO_NAMES.flatMap((echo) => ECHO_STATUSES.map((status) => ({ echo, status }))).map((c, n) => ({ ...c, n, kind: CANARY_KIND_NAMES[n % CANARY_KIND_NAMES.length], continueOnFail: n % 2 === 1 }));
	const accounts = [{ accountId: '4511', name: 'Acme Corp', crm: { system: 'hubspot', id: '4511' } }];

	it.each(execCases.map((c) => [`${c.echo} · ${c.status} · ${c.kind}${c.continueOnFail ? ' · continue on fail' : ''}`, c] as const))('%s', async (_label, c) => {
		fakes.reset();
		fakes.load(dataset);
		const secret = canary(c.kind, 200 + c.n);
		fakes.addFault(echoFault('hubspot', c.echo, c.status, secret));
		logLines.length = 0;
		const result = await runWorkflow(
			{
				nodes: [
					{ name: 'Start', type: 'test.items', parameters: { items: '[{}]' } },
					{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accounts) } },
					{
						name: 'Node',
						type: `${PACKAGE_NAME}.csExecChangeSignals`,
						parameters: { source: 'hubspot', asOf: AS_OF, maxAttempts: 1 },
						credentials: { csHubSpotApi: { id: 'cred', name: 'canary' } },
						...(c.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
					},
				],
				connections: {
					Start: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }, { node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 }]] },
					Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
				},
			},
			{ credentials: { csHubSpotApi: CANARY_CREDENTIALS.csHubSpotApi.privateApp(secret, fakes.httpUrl!) } },
		);
		expect(fakes.requests().map((r) => r.status)).toEqual([c.status]);
		if (c.continueOnFail) {
			expect(result.status).toBe('success');
			expect(String(result.output('Node')[0].error)).toMatch(/^HubSpot: contact list \(GET \/crm\/v3\/objects\/contacts\) failed after 1 attempt \(HTTP \d{3}/);
		} else {
			expect(result.error('Node')?.name).toBe('NodeApiError');
		}
		expectNoCanary(result.run, secret, 'run data');
		expectNoCanary(result.error('Node'), secret, 'thrown error');
		expectNoCanary(result.staticData, secret, 'static data');
		expectNoCanary(logLines, secret, 'log');
	});
});

/** The n8n credential types of the conversation nodes: node, parameters and the provider the fake plays. */
const N8N_SOURCES: Record<string, { node: string; provider: 'gmail' | 'graph' | 'slack'; parameters: (baseUrl: string) => INodeParameters }> = {
	gmailOAuth2: { node: 'csEmailSignals', provider: 'gmail', parameters: (baseUrl) => ({ source: 'gmail', asOf: AS_OF, connection: { gmailBaseUrl: baseUrl, maxAttempts: 1 } }) },
	microsoftOutlookOAuth2Api: { node: 'csEmailSignals', provider: 'graph', parameters: () => ({ source: 'microsoftGraph', asOf: AS_OF, connection: { maxAttempts: 1 } }) },
	slackApi: { node: 'csSlackSignals', provider: 'slack', parameters: (baseUrl) => ({ source: 'slack', asOf: AS_OF, accountMapping: { rows: [{ from: 'C0ACME', accountId: 'acme' }] }, connection: { baseUrl: `${baseUrl}/api`, requestsPerMinute: 6000, maxAttempts: 1 } }) },
	slackOAuth2Api: {
		node: 'csSlackSignals',
		provider: 'slack',
		parameters: (baseUrl) => ({ source: 'slack', authentication: 'oAuth2', asOf: AS_OF, accountMapping: { rows: [{ from: 'C0ACME', accountId: 'acme' }] }, connection: { baseUrl: `${baseUrl}/api`, requestsPerMinute: 6000, maxAttempts: 1 } }),
	},
};

describe('no canary in any output of the conversation nodes through n8n\'s own credential types, whatever the provider echoes', () => {
	const n8nCases = Object.entries(N8N_CANARY_CREDENTIALS)
		.flatMap(([credentialType, modes]) => Object.keys(modes).flatMap((mode) => ECHO_NAMES.map((echo) => ({ credentialType, mode, echo }))))
		.map((c, n) => ({ ...c, n, status: ECHO_STATUSES[n % ECHO_STATUSES.length], kind: CANARY_KIND_NAMES[(n + Math.floor(n / ECHO_STATUSES.length)) % CANARY_KIND_NAMES.length], continueOnFail: Math.floor(n / 2) % 2 === 1 }));

	it('lists the secrets of every n8n credential type a node of the package takes, and plants a canary in each', () => {
		const used = new Set<string>();
		for (const node of [new CsEmailSignals(), new CsSlackSignals()]) for (const credential of node.description.credentials ?? []) used.add(credential.name);
		expect([...used].sort()).toEqual(Object.keys(N8N_CREDENTIAL_SECRET_PATHS).sort());
		expect(Object.keys(N8N_CANARY_CREDENTIALS).sort()).toEqual(Object.keys(N8N_CREDENTIAL_SECRET_PATHS).sort());
		for (const [type, modes] of Object.entries(N8N_CANARY_CREDENTIALS)) {
			for (const make of Object.values(modes)) expect(new Set(credentialSecrets(type, make('S3CRET', 'http://x') as never))).toEqual(new Set(['S3CRET']));
			expect(credentialSecrets(type, {}).length).toBe(0);
		}
		expect(credentialSecrets('slackOAuth2Api', { oauthTokenData: { access_token: 'bot', authed_user: { access_token: 'user' } } } as never)).toEqual(['bot', 'user']);
		expect(() => credentialSecrets('notionApi', {})).toThrow('credential type "notionApi" is not listed in nodes/shared/credentialSecrets.ts');
		expect(n8nCases).toHaveLength(36);
		for (const type of Object.keys(N8N_SOURCES)) {
			const mine = n8nCases.filter((c) => c.credentialType === type);
			expect(new Set(mine.map((c) => c.status)).size).toBe(4);
			expect(new Set(mine.map((c) => c.kind)).size).toBe(4);
			expect(new Set(mine.map((c) => c.continueOnFail)).size).toBe(2);
		}
	});

	it.each(n8nCases.map((c) => [`${c.credentialType} · ${c.echo} · ${c.status} · ${c.kind}${c.continueOnFail ? ' · continue on fail' : ''}`, c] as const))('%s', async (_label, c) => {
		fakes.reset();
		fakes.load(dataset);
		const source = N8N_SOURCES[c.credentialType];
		const secret = canary(c.kind, 300 + c.n);
		fakes.addFault(echoFault(source.provider, c.echo, c.status, secret));
		logLines.length = 0;
		const credentials = N8N_CANARY_CREDENTIALS[c.credentialType][c.mode](secret, fakes.httpUrl!);
		const result = await runWorkflow(
			itemsInto(source.node, source.parameters(fakes.httpUrl!), [{}], {
				credentials: { [c.credentialType]: { id: 'cred', name: 'canary' } },
				...(c.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			}),
			{ credentials: { [c.credentialType]: credentials as never } },
		);
		expect(fakes.requests().map((r) => r.status)).toEqual([c.status]);
		if (c.continueOnFail) {
			expect(result.status).toBe('success');
			expect(String(result.output('Node')[0].error)).toMatch(/^(Gmail|Microsoft Graph|Slack): .* failed after 1 attempt \(HTTP \d{3}/);
		} else {
			expect(result.status).toBe('error');
			expect(result.error('Node')?.name).toBe('NodeApiError');
		}
		expectNoCanary(result.run, secret, 'run data');
		expectNoCanary(result.error('Node'), secret, 'thrown error');
		expectNoCanary(result.staticData, secret, 'static data');
		expectNoCanary(logLines, secret, 'log');
	});
});
