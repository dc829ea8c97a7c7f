/**
 * CS Signal Trigger in process: the node's webhook() with n8n's request / response objects as n8n hands them over
 * (raw body kept, headers lower-cased), for every provider — valid deliveries emit Signal items (or classified
 * events on the second output), unsigned / tampered / replayed ones get 401 and emit nothing, handshakes are
 * answered. Signing is done test-side with node:crypto (test/fixtures/webhooks/signers.ts), not by the engine.
 */
import { createHmac } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { CsSignalTrigger } from '../../nodes/CsSignalTrigger/CsSignalTrigger.node';
import { SIGNERS, type SignedCapture } from '../fixtures/webhooks/signers';

const SECRET = 'whsec-canary-7f3a9c1e2b';
const URL_BASE = 'https://hooks.example.test/webhook/cs-signal';
const HUBSPOT_URL = 'https://hooks.example.test/webhook/cs-signal?source=hubspot';

interface Sent {
	status: number;
	body?: string;
	headers: Record<string, string>;
}

interface Delivery {
	body: string;
	headers: Record<string, string>;
	url?: string;
}

interface Harness {
	staticData: IDataObject;
	logs: string[];
	deliver(delivery: Delivery): Promise<{ result: IWebhookResponseData; sent?: Sent }>;
}

let workflows = 0;
function trigger(parameters: Record<string, unknown>): Harness {
	const node = new CsSignalTrigger();
	// a workflow of its own: the process-wide replay memory is per workflow and node
	const workflowId = `wf-${++workflows}`;
	const staticData: IDataObject = {};
	const logs: string[] = [];
	return {
		staticData,
		logs,
		async deliver(delivery) {
			let sent: Sent | undefined;
			const response = {
				status(code: number) {
					sent = { status: code, headers: {} };
					return response;
				},
				setHeader(name: string, value: string) {
					sent!.headers[name.toLowerCase()] = value;
					return response;
				},
				send(body: string) {
					sent!.body = body;
					return response;
				},
				end() {
					return response;
				},
			};
			const url = new URL(delivery.url ?? URL_BASE);
			const functions = {
				getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
				getRequestObject: () => ({
					method: 'POST',
					originalUrl: `${url.pathname}${url.search}`,
					query: Object.fromEntries(url.searchParams),
					headers: Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v])),
					rawBody: Buffer.from(delivery.body, 'utf8'),
					body: (() => {
						try {
							return JSON.parse(delivery.body);
						} catch {
							return {};
						}
					})(),
				}),
				getResponseObject: () => response,
				getWorkflowStaticData: () => staticData,
				getCredentials: async () => ({ secret: SECRET }),
				getNodeWebhookUrl: () => URL_BASE,
				getTimezone: () => 'UTC',
				getNode: () => ({ name: 'CS Signal Trigger', type: 'csSignalTrigger', typeVersion: 1, parameters: {} }),
				getWorkflow: () => ({ id: workflowId, active: true }),
				logger: { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m), info: () => undefined, debug: () => undefined },
			} as unknown as IWebhookFunctions;
			const result = await node.webhook.call(functions);
			return { result, sent };
		},
	};
}

const minutesAgo = (n: number) => Date.now() - n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const signer = (provider: string) => SIGNERS.find((s) => s.provider === provider)!;

function signed(provider: string, body: object, atMs = Date.now(), extra: Record<string, string> = {}): Delivery {
	const raw = JSON.stringify(body);
	const capture: SignedCapture = signer(provider).sign(SECRET, Buffer.from(raw), atMs);
	return { body: raw, headers: { 'content-type': 'application/json', ...capture.headers, ...extra }, url: capture.url };
}

/** One provider's case: its form, a delivery that must produce items, and what the outputs must hold. */
interface ProviderCase {
	label: string;
	parameters: Record<string, unknown>;
	valid(n: number, atMs?: number): Delivery;
	expectValid(outputs: IDataObject[][]): void;
}

const zendeskTicket = (n: number) => ({
	ticket: { id: String(500 + n), status: 'open', priority: 'urgent', subject: `Export broken ${n}`, organization_id: '9001', created_at: iso(minutesAgo(30)), updated_at: iso(minutesAgo(1)) },
});

const CASES: ProviderCase[] = [
	{
		label: 'zendesk',
		parameters: { provider: 'zendesk', zendeskRegistration: 'manual' },
		valid: (n, at) => signed('zendesk', zendeskTicket(n), at, { 'X-Zendesk-Webhook-Invocation-Id': `inv-${n}` }),
		expectValid([signals, others]) {
			expect(others).toEqual([]);
			expect(signals.map((s) => [s.type, s.accountId])).toContainEqual(['support.sev1_escalation', '9001']);
			expect(signals.find((s) => s.type === 'support.sev1_escalation')!.evidence).toMatch(/^Urgent ticket #50\d "Export broken \d" opened \d{4}-\d\d-\d\d, still unsolved$/);
		},
	},
	{
		label: 'hubspotV3',
		parameters: { provider: 'hubspotV3', signedUrl: HUBSPOT_URL },
		valid: (n, at) => signed('hubspot', [{ eventId: 100 + n, subscriptionType: 'deal.propertyChange', objectId: 77, propertyName: 'dealstage', propertyValue: 'closedlost', occurredAt: Date.now(), portalId: 62515 }], at),
		expectValid([signals, others]) {
			expect(signals).toEqual([]);
			expect(others).toHaveLength(1);
			expect(others[0]).toMatchObject({ provider: 'hubspot', kind: 'crm.record', eventType: 'deal.propertyChange', record: { system: 'hubspot', type: 'deal', id: '77' } });
			expect(others[0].reason).toBe('a HubSpot record change carries only the record id; the CRM detectors read whole accounts: run CS CRM Signals for this account');
		},
	},
	{
		label: 'slack',
		parameters: { provider: 'slack', slackChannelAccounts: { channel: [{ channelId: 'C0ACME', accountKey: 'acme' }] } },
		valid: (n, at) =>
			signed(
				'slack',
				{
					type: 'event_callback',
					team_id: 'T0VENDOR',
					event_id: `Ev${n}`,
					event: { type: 'message', channel: 'C0ACME', user: 'U0CUST', text: 'This is unacceptable, the export has been broken for a week and we are very frustrated.', ts: `${Math.floor(Date.now() / 1000)}.00010${n}` },
				},
				at,
			),
		expectValid([signals, others]) {
			expect(others).toEqual([]);
			expect(signals.length).toBeGreaterThan(0);
			expect(signals.every((s) => s.accountId === 'acme' && (s.source as IDataObject).system === 'slack')).toBe(true);
		},
	},
	{
		label: 'intercom',
		parameters: { provider: 'intercom' },
		valid: (n, at) =>
			signed(
				'intercom',
				{
					type: 'notification_event',
					id: `notif_${n}`,
					topic: 'conversation.user.replied',
					created_at: Math.floor(Date.now() / 1000),
					data: {
						item: {
							type: 'conversation',
							id: `c${n}`,
							state: 'open',
							priority: 'priority',
							created_at: Math.floor(minutesAgo(60) / 1000),
							updated_at: Math.floor(Date.now() / 1000),
							contacts: { contacts: [{ id: 'u1' }] },
							company: { id: 'acme-co' },
							conversation_parts: { conversation_parts: [{ part_type: 'comment', body: '<p>This is unacceptable, we are considering cancelling.</p>', author: { type: 'user', id: 'u1' } }] },
						},
					},
				},
				at,
			),
		expectValid([signals, others]) {
			expect(others).toEqual([]);
			expect(signals.map((s) => [s.type, s.accountId, (s.source as IDataObject).system])).toEqual([['support.frustration_language', 'acme-co', 'intercom']]);
			expect(signals[0].evidence).toBe('The customer on ticket #c1 "(no subject)" wrote: "This is unacceptable, we are considering cancelling."');
		},
	},
	{
		label: 'segment',
		parameters: { provider: 'segment' },
		valid: (n, at) => signed('segment', { type: 'track', event: 'Report Exported', userId: 'u1', messageId: `m-${n}`, timestamp: iso(Date.now()), context: { groupId: 'acme' }, properties: {} }, at),
		expectValid([signals, others]) {
			expect(signals).toEqual([]);
			expect(others).toHaveLength(1);
			expect(others[0]).toMatchObject({ provider: 'segment', kind: 'usage.track', eventType: 'track' });
		},
	},
	{
		label: 'generic',
		parameters: {
			provider: 'generic',
			genericName: 'Zoom',
			genericSignatureHeader: 'x-zm-signature',
			genericAlgorithm: 'sha256',
			genericEncoding: 'hex',
			genericPrefix: 'v0=',
			genericTimestampHeader: 'x-zm-request-timestamp',
			genericSignedContent: 'v0:{timestamp}:{body}',
		},
		valid: (n, at) => signed('generic', { event: 'recording.transcript_completed', payload: { n } }, at),
		expectValid([signals, others]) {
			expect(signals).toEqual([]);
			expect(others).toHaveLength(1);
			expect(others[0]).toMatchObject({ provider: 'generic', kind: 'other', reason: 'generic HMAC webhooks are verified, not classified' });
		},
	},
];

function outputs(result: IWebhookResponseData): IDataObject[][] {
	return (result.workflowData ?? []).map((items) => items.map((item) => item.json));
}

function expectRefused(outcome: { result: IWebhookResponseData; sent?: Sent }) {
	expect(outcome.sent?.status).toBe(401);
	expect(outcome.sent?.body).toBe('Unauthorized');
	expect(outcome.result).toEqual({ noWebhookResponse: true });
}

/** One byte of the body changed (a digit), the signature left as it was. */
function tampered(delivery: Delivery): Delivery {
	const index = delivery.body.search(/\d/);
	const digit = delivery.body[index];
	return { ...delivery, body: `${delivery.body.slice(0, index)}${digit === '9' ? '8' : String(Number(digit) + 1)}${delivery.body.slice(index + 1)}` };
}

describe.each(CASES)('CS Signal Trigger — $label', ({ label, parameters, valid, expectValid }) => {
	it('a valid delivery runs: items on the outputs, nothing refused', async () => {
		const node = trigger(parameters);
		const { result, sent } = await node.deliver(valid(1));
		expect(sent).toBeUndefined();
		expectValid(outputs(result));
		expect(node.logs).toEqual([]);
	});

	it('unsigned → 401, nothing emitted, the log says which header is missing', async () => {
		const node = trigger(parameters);
		const delivery = valid(2);
		const header = signer(label === 'hubspotV3' ? 'hubspot' : label).signatureHeader;
		const unsigned = { ...delivery, headers: Object.fromEntries(Object.entries(delivery.headers).filter(([k]) => k.toLowerCase() !== header.toLowerCase())) };
		expectRefused(await node.deliver(unsigned));
		expect(node.logs).toEqual([`CS Signal Trigger refused a ${String(parameters.provider)} delivery (HTTP 401): missing header ${header}`]);
		expect(node.staticData).toEqual({});
	});

	it('tampered (one byte of the body changed) → 401, nothing emitted', async () => {
		const node = trigger(parameters);
		expectRefused(await node.deliver(tampered(valid(3))));
		expect(node.logs[0]).toMatch(/^CS Signal Trigger refused a \w+ delivery \(HTTP 401\): wrong secret or body changed: /);
	});

	it('replayed (the same delivery twice) → the second gets 401 and emits nothing', async () => {
		const node = trigger(parameters);
		const delivery = valid(4);
		const first = await node.deliver(delivery);
		expect(first.sent).toBeUndefined();
		const second = await node.deliver(delivery);
		expectRefused(second);
		expect(node.logs).toEqual([expect.stringMatching(/^CS Signal Trigger refused a \w+ delivery \(HTTP 401\): replayed (request|delivery): /)]);
	});

	it('no output and no log line holds the secret', async () => {
		const node = trigger(parameters);
		const { result } = await node.deliver(valid(5));
		await node.deliver(tampered(valid(6)));
		expect(JSON.stringify(result)).not.toContain(SECRET);
		expect(node.logs.join('\n')).not.toContain(SECRET);
		expect(JSON.stringify(node.staticData)).not.toContain(SECRET);
	});
});

describe('CS Signal Trigger — timestamps and handshakes', () => {
	it.each(['zendesk', 'hubspotV3', 'slack', 'generic'])('%s: a delivery signed 6 minutes ago (stale) → 401', async (label) => {
		const testCase = CASES.find((c) => c.label === label)!;
		const node = trigger(testCase.parameters);
		expectRefused(await node.deliver(testCase.valid(7, minutesAgo(6))));
		expect(node.logs[0]).toMatch(/\(HTTP 401\): stale timestamp: sent .*, 6 minutes before now \(window 5 min\)$/);
	});

	it('a replay sent before the host stored the first delivery’s state is refused too (process memory)', async () => {
		const node = trigger({ provider: 'segment' });
		const delivery = signed('segment', { type: 'track', event: 'Report Exported', userId: 'u1', messageId: 'm-race', context: { groupId: 'acme' }, properties: {} });
		expect((await node.deliver(delivery)).sent).toBeUndefined();
		// n8n saves static data after answering: the replay may find it as it was before the original
		for (const key of Object.keys(node.staticData)) delete node.staticData[key];
		expectRefused(await node.deliver(delivery));
	});

	it('zendesk: the same invocation id again, freshly signed, is a replay → 401', async () => {
		const node = trigger({ provider: 'zendesk', zendeskRegistration: 'manual' });
		expect((await node.deliver(signed('zendesk', zendeskTicket(8), Date.now(), { 'X-Zendesk-Webhook-Invocation-Id': 'inv-same' }))).sent).toBeUndefined();
		expectRefused(await node.deliver(signed('zendesk', zendeskTicket(8), Date.now() - 1000, { 'X-Zendesk-Webhook-Invocation-Id': 'inv-same' })));
		expect(node.logs).toEqual(['CS Signal Trigger refused a zendesk delivery (HTTP 401): replayed delivery: zendesk delivery inv-same was already accepted']);
	});

	it('slack url_verification: the challenge is answered as text/plain, nothing emitted', async () => {
		const node = trigger({ provider: 'slack' });
		const { result, sent } = await node.deliver(signed('slack', { token: 'x', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' }));
		expect(sent).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('microsoft graph: validationToken is echoed as text/plain', async () => {
		const node = trigger({ provider: 'microsoftGraph' });
		const { result, sent } = await node.deliver({ body: '', headers: { 'content-type': 'text/plain' }, url: `${URL_BASE}?validationToken=Validation%3A%20Testing%20client%20application` });
		expect(sent).toEqual({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Validation: Testing client application' });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('microsoft graph: a notification with the right clientState is an event; a wrong or missing clientState → 401', async () => {
		const node = trigger({ provider: 'microsoftGraph' });
		const notification = (clientState?: string) =>
			JSON.stringify({
				value: [
					{
						subscriptionId: 'sub-1',
						changeType: 'created',
						resource: 'Users/u1/Messages/AAMk1',
						resourceData: { '@odata.type': '#Microsoft.Graph.Message', id: 'AAMk1' },
						...(clientState === undefined ? {} : { clientState }),
						tenantId: 't1',
					},
				],
			});
		const ok = await node.deliver({ body: notification(SECRET), headers: { 'content-type': 'application/json' } });
		expect(ok.sent).toBeUndefined();
		const [signals, others] = outputs(ok.result);
		expect(signals).toEqual([]);
		expect(others).toEqual([
			expect.objectContaining({
				provider: 'graph',
				kind: 'email.message',
				deliveryId: 'sub-1:created:AAMk1',
				reason: 'a Graph notification carries only the message id: fetch the message and run CS Email Signals',
			}),
		]);
		expectRefused(await node.deliver({ body: notification('guessed'), headers: { 'content-type': 'application/json' } }));
		expectRefused(await node.deliver({ body: notification(undefined), headers: { 'content-type': 'application/json' } }));
		expect(node.logs).toEqual([
			'CS Signal Trigger refused a microsoftGraph delivery (HTTP 401): notification 1 (subscription sub-1): clientState does not match the configured one',
			'CS Signal Trigger refused a microsoftGraph delivery (HTTP 401): notification 1 (subscription sub-1) has no clientState (was the subscription created without one?)',
		]);
	});

	it('slack: a message in a channel mapped to no account goes to Other Events with the fix', async () => {
		const node = trigger({ provider: 'slack' });
		const { result } = await node.deliver(
			signed('slack', { type: 'event_callback', team_id: 'T0', event_id: 'Ev9', event: { type: 'message', channel: 'C0OTHER', user: 'U1', text: 'hello', ts: '1763640000.000100' } }),
		);
		expect(outputs(result)[1]).toEqual([expect.objectContaining({ kind: 'slack.message', reason: 'Slack channel C0OTHER is mapped to no account: add it under Slack Channel Accounts' })]);
	});

	it('zendesk: tickets are kept between deliveries without the customer’s text', async () => {
		const node = trigger({ provider: 'zendesk', zendeskRegistration: 'manual' });
		const envelope = {
			type: 'zen:event-type:ticket.comment_added',
			id: 'evt-1',
			time: iso(Date.now()),
			detail: { id: '777', organization_id: '9001', requester_id: '5', status: 'OPEN', priority: 'HIGH', subject: 'Invoices', created_at: iso(minutesAgo(90)) },
			event: { comment: { id: 'c1', body: 'This is unacceptable, we are thinking about cancelling our contract.', author: { id: '5', is_staff: false } } },
		};
		const { result } = await node.deliver(signed('zendesk', envelope, Date.now(), { 'X-Zendesk-Webhook-Invocation-Id': 'inv-c' }));
		const [signals] = outputs(result);
		expect(signals.find((s) => s.type === 'support.frustration_language')?.evidence).toBe(
			'The customer on ticket #777 "Invoices" wrote: "This is unacceptable, we are thinking about cancelling our contract."',
		);
		expect(JSON.stringify((node.staticData.receiver as IDataObject).tickets)).not.toContain('unacceptable');
	});
});

it('signers are independent of the engine: HMAC over the exact bytes', () => {
	// a guard that the test-side signer is what the docs say (a signer equal to the verifier would prove nothing)
	const body = '{"a":1}';
	expect(createHmac('sha1', SECRET).update(body).digest('hex')).toBe(signer('segment').sign(SECRET, Buffer.from(body), 0).headers['X-Signature']);
});
