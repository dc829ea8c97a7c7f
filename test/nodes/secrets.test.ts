/**
 * Issue 16 finding 1 (through n8n): canary credentials in every credential type and mode of the package, a fake
 * provider that echoes them in 401/403/429/500 answers (nine ways, body and headers), and every output searched
 * for any form of the canary: the items (error items under "Continue On Fail" included), the thrown error
 * (message, description, context, cause, stack), the whole run data, and every log line.
 *
 * Coverage: for each credential mode (HubSpot private app, Zendesk API token, Zendesk OAuth, Mixpanel service account, Pendo integration key), every echo × every
 * status, the canary kind and "Continue On Fail" rotating with the case number — so each mode meets every echo,
 * every status and every canary kind, with and without Continue On Fail (180 runs: HubSpot, Zendesk ×2, Mixpanel,
 * Pendo). The engine-level test
 * (test/unit/redaction.test.ts) runs the full product of kinds × echoes × statuses.
 */
import { LoggerProxy, NodeConnectionTypes } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialSecrets, PACKAGE_CREDENTIAL_TYPES, secretFieldNames } from '../../nodes/shared/credentialSecrets';
import { canary, CANARY_CREDENTIALS, CANARY_KIND_NAMES, ECHO_NAMES, ECHO_STATUSES, echoFault, expectNoCanary } from '../fakes/canaries';
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
		expect(Object.fromEntries(PACKAGE_CREDENTIAL_TYPES.map((type) => [type.name, secretFieldNames(type)]))).toEqual({ csHubSpotApi: ['accessToken'], csZendeskApi: ['apiToken', 'accessToken'], csSecEdgarApi: [], csMixpanelApi: ['secret'], csPendoApi: ['integrationKey'] });
		expect(Object.keys(CANARY_CREDENTIALS)).toEqual(PACKAGE_CREDENTIAL_TYPES.map((type) => type.name));
		expect(credentialSecrets('csZendeskApi', { email: 'a@b.c', apiToken: 'tok-1', accessToken: '' })).toEqual(['tok-1']);
	});
});

const cases = Object.entries(CANARY_CREDENTIALS).flatMap(([credentialType, modes]) =>
	Object.keys(modes).flatMap((mode) => ECHO_NAMES.flatMap((echo) => ECHO_STATUSES.map((status) => ({ credentialType, mode, echo, status })))),
).map((c, n) => ({ ...c, kind: CANARY_KIND_NAMES[n % CANARY_KIND_NAMES.length], continueOnFail: Math.floor(n / CANARY_KIND_NAMES.length) % 2 === 1, n }));

describe('no canary in any output of a source node, whatever the provider echoes', () => {
	it('covers every mode × echo × status, each mode with every canary kind, with and without Continue On Fail', () => {
		expect(cases).toHaveLength(180);
		for (const mode of ['privateApp', 'apiToken', 'oauthToken', 'serviceAccount', 'integrationKey']) {
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
			expect(String(errorItem.error)).toMatch(/^(HubSpot|Zendesk|Mixpanel|Pendo): .* failed after 1 attempt \(HTTP \d{3}/);
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
