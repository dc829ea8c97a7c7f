/**
 * CS Signal Trigger's Zendesk registration (webhookMethods) against the fake Zendesk: activation creates the webhook
 * (conditional_ticket_events) and a ticket trigger notifying it, keeps the signing secret it reads back; a delivery
 * signed with that secret verifies; deactivation deletes both. n8n's authenticated request helper is played by a
 * real HTTP request with the credential's Basic auth, failing with the status as n8n's helper does.
 */
import { createHmac } from 'node:crypto';
import type { IDataObject, IHookFunctions, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';
import { CsSignalTrigger } from '../../nodes/CsSignalTrigger/CsSignalTrigger.node';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fakeZendeskSigningSecret } = require('../fakes/zendesk') as { fakeZendeskSigningSecret(id: string): string };

const TOKEN = 'zendesk-api-token-abcdefgh12345678';
const WEBHOOK_URL = 'https://n8n.example.test/webhook/5d1c7e3a/webhook';
let fakes: RunningFakeProviders;

beforeAll(async () => {
	fakes = await startFakeProviders({ dataset: { zendesk: { subdomain: 'acme', organizations: [], tickets: [] } } });
});
afterAll(async () => {
	await fakes.close();
});

function hooks(staticData: IDataObject): IHookFunctions {
	const credentials = { authType: 'apiToken', email: 'admin@example.com', apiToken: TOKEN, baseUrl: fakes.httpUrl! };
	return {
		getNodeParameter: (name: string, fallback?: unknown) => ({ provider: 'zendesk', zendeskRegistration: 'automatic' })[name as 'provider'] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getNodeWebhookUrl: () => WEBHOOK_URL,
		getCredentials: async () => credentials,
		getNode: () => ({ name: 'CS Signal Trigger', type: 'csSignalTrigger', typeVersion: 1, parameters: {} }),
		getWorkflow: () => ({ id: 'wf-zendesk', active: true }),
		logger: { warn: () => undefined, error: () => undefined, info: () => undefined },
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				const response = await fetch(options.url, {
					method: options.method,
					headers: { authorization: `Basic ${Buffer.from(`${credentials.email}/token:${credentials.apiToken}`).toString('base64')}`, 'content-type': 'application/json' },
					...(options.body ? { body: JSON.stringify(options.body) } : {}),
				});
				const text = await response.text();
				if (!response.ok) throw Object.assign(new Error(`Request failed with status code ${response.status}`), { httpCode: String(response.status) });
				return text ? JSON.parse(text) : {};
			},
		},
	} as unknown as IHookFunctions;
}

const calls = () => fakes.requests().filter((r) => r.path.startsWith('/api/v2/')).map((r) => `${r.method} ${r.path}`);

describe('CS Signal Trigger — Zendesk webhook registration against the fake Zendesk', () => {
	it('activation registers webhook + trigger and keeps the signing secret; a delivery signed with it verifies; deactivation removes both', async () => {
		const node = new CsSignalTrigger();
		const staticData: IDataObject = {};
		const methods = node.webhookMethods.default;
		expect(await methods.checkExists.call(hooks(staticData))).toBe(false);
		expect(await methods.create.call(hooks(staticData))).toBe(true);
		expect(calls()).toEqual(['POST /api/v2/webhooks', 'GET /api/v2/webhooks/01FAKEWEBHOOK0000000000001/signing_secret', 'POST /api/v2/triggers']);
		const zendesk = fakes.state.zendesk;
		expect(zendesk.webhooks).toEqual([expect.objectContaining({ endpoint: WEBHOOK_URL, http_method: 'POST', request_format: 'json', status: 'active', subscriptions: ['conditional_ticket_events'] })]);
		expect(zendesk.triggers).toHaveLength(1);
		const [action] = zendesk.triggers[0].actions;
		expect(action.field).toBe('notification_webhook');
		expect(action.value[0]).toBe('01FAKEWEBHOOK0000000000001');
		expect(JSON.parse(action.value[1]).ticket).toMatchObject({ id: '{{ticket.id}}', organization_id: '{{ticket.organization.id}}', priority: '{{ticket.priority}}' });
		expect(staticData).toEqual({ webhookId: '01FAKEWEBHOOK0000000000001', triggerId: String(zendesk.triggers[0].id), endpoint: WEBHOOK_URL, webhookSecret: fakeZendeskSigningSecret('01FAKEWEBHOOK0000000000001') });
		expect(await methods.checkExists.call(hooks(staticData))).toBe(true);

		// the rendered trigger body, signed as Zendesk signs it with the secret read back
		const body = JSON.stringify({ ticket: { id: '42', status: 'open', priority: 'urgent', subject: 'Exports fail', organization_id: '509974', requester_id: '7', created_at: new Date(Date.now() - 3_600_000).toISOString(), updated_at: new Date().toISOString(), tags: 'enterprise' } });
		const ts = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
		const signature = createHmac('sha256', fakeZendeskSigningSecret('01FAKEWEBHOOK0000000000001')).update(ts).update(body).digest('base64');
		let status: number | undefined;
		const webhook = {
			...hooks(staticData),
			getRequestObject: () => ({ method: 'POST', originalUrl: '/webhook/5d1c7e3a/webhook', query: {}, headers: { 'x-zendesk-webhook-signature': signature, 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-invocation-id': 'inv-42' }, rawBody: Buffer.from(body) }),
			getResponseObject: () => ({ status: (code: number) => ((status = code), { send: () => ({ end: () => undefined }) }) }),
			getTimezone: () => 'UTC',
			logger: { warn: () => undefined, error: () => undefined },
		} as unknown as IWebhookFunctions;
		const result = await node.webhook.call(webhook);
		expect(status).toBeUndefined();
		const signals = result.workflowData![0].map((item) => item.json);
		expect(signals.map((s) => [s.type, s.accountId, s.evidence])).toEqual([['support.sev1_escalation', '509974', expect.stringMatching(/^Urgent ticket #42 "Exports fail" opened \d{4}-\d\d-\d\d, still unsolved$/)]]);
		expect(signals[0].attributes).toMatchObject({ tags: ['enterprise'] });

		const triggerId = String(zendesk.triggers[0].id);
		expect(await methods.delete.call(hooks(staticData))).toBe(true);
		expect(calls().slice(-2)).toEqual([`DELETE /api/v2/triggers/${triggerId}`, 'DELETE /api/v2/webhooks/01FAKEWEBHOOK0000000000001']);
		expect([zendesk.webhooks, zendesk.triggers]).toEqual([[], []]);
		// the registration and its secret are forgotten; the replay memory stays (a re-activation must not accept old deliveries)
		expect(Object.keys(staticData)).toEqual(['receiver']);
		expect(await methods.checkExists.call(hooks(staticData))).toBe(false);
		// deleting again (gone in Zendesk already) is no error
		expect(await methods.delete.call(hooks({ webhookId: 'gone', triggerId: '1' }))).toBe(true);
	});

	it('registered by hand: activation and deactivation touch nothing in Zendesk', async () => {
		fakes.reset();
		const node = new CsSignalTrigger();
		const manual = { ...hooks({}), getNodeParameter: (name: string, fallback?: unknown) => ({ provider: 'zendesk', zendeskRegistration: 'manual' })[name as 'provider'] ?? fallback } as unknown as IHookFunctions;
		expect(await node.webhookMethods.default.checkExists.call(manual)).toBe(true);
		expect(await node.webhookMethods.default.delete.call(manual)).toBe(true);
		expect(calls()).toEqual([]);
	});
});
