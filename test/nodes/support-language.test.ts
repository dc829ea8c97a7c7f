/**
 * CS Support Signals' language detectors through the n8n harness: against the fake Zendesk (ticket comments and
 * ticket metric events read for the changed tickets) and from input items. Exact signals and quoted evidence; the
 * comment text never reaches static data, and the next run still knows the frustrated sentence from the kept analysis.
 */
import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { showCursor } from '../../engine/sources/paging';

const TOKEN = 'zendesk-api-token-language-0001';
const AS_OF = '2026-11-20T12:00:00Z';
const REQUESTER = 7001;
const ticket = (id: number, created: string, subject: string, extra: Record<string, unknown> = {}) => ({
	id, organization_id: 509974, requester_id: REQUESTER, subject, description: subject, status: 'open', priority: 'normal', created_at: created, updated_at: created, ...extra,
});
const dataset = {
	now: AS_OF,
	settings: { zendeskPageSize: 2 },
	zendesk: {
		subdomain: 'acme',
		organizations: [{ id: 509974, name: 'Acme Corp' }],
		tickets: [
			ticket(11, '2026-10-05T09:00:00Z', 'CSV export fails on large reports', { status: 'solved' }),
			ticket(12, '2026-11-02T09:00:00Z', 'Large report export failing again'),
			ticket(13, '2026-11-16T09:00:00Z', 'Dashboard down'),
		],
		comments: {
			12: [
				{ author_id: REQUESTER, body: 'The export of the large report fails again.', created_at: '2026-11-02T09:00:00Z' },
				{ author_id: 9001, body: 'Sorry about this, we know it is frustrating.', created_at: '2026-11-02T11:00:00Z' },
				{ author_id: REQUESTER, body: 'This is the third time we report this and we are losing patience.', created_at: '2026-11-18T10:00:00Z' },
			],
		},
		commentsPageSize: 2,
		ticketMetricEvents: [
			{ ticket_id: 13, metric: 'reply_time', type: 'apply_sla', time: '2026-11-16T09:00:00Z', sla: { target: 480, business_hours: false, policy: { id: 1, title: 'Enterprise' } } },
			{ ticket_id: 13, metric: 'reply_time', type: 'breach', time: '2026-11-16T17:00:00Z' },
		],
	},
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const run = (staticData = {}, parameters: Record<string, unknown> = {}) =>
	runWorkflow(
		{ ...itemsInto('csSupportSignals', { source: 'zendesk', asOf: AS_OF, zendeskWindowDays: 60, zendeskSatisfactionRatings: false, ...parameters }, [{}], { credentials: { csZendeskApi: { id: 'cred-zd', name: 'Zendesk' } } }), staticData },
		{ credentials: { csZendeskApi: { authType: 'apiToken', email: 'admin@example.com', apiToken: TOKEN, baseUrl: fakes.httpUrl! } } },
	);

const LANGUAGE_TYPES = ['support.repeat_issue', 'support.frustration_language', 'support.sla_breach'];
const FRUSTRATION = 'The customer on ticket #12 "Large report export failing again" wrote: "This is the third time we report this and we are losing patience."';
const REPEAT = 'The same issue came back: 2 tickets in 28 days share "export, fail, large and report": #12 "Large report export failing again" (2026-11-02), #11 "CSV export fails on large reports" (2026-10-05)';
const SLA = 'SLA breached on ticket #13 "Dashboard down": first reply time (policy "Enterprise", target 8 hours) missed on 2026-11-16 17:00 UTC';

describe('CS Support Signals — repeat issue, frustration language and SLA breach from Zendesk', () => {
	it('reads the changed tickets’ comments (every page) and the SLA events; quotes only the customer’s sentence; keeps no comment text', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		expect(result.output('Node').filter((s) => LANGUAGE_TYPES.includes(s.type as string)).map((s) => [s.type, s.evidence])).toEqual([
			['support.frustration_language', FRUSTRATION],
			['support.repeat_issue', REPEAT],
			['support.sla_breach', SLA],
		]);
		expect(fakes.requests().filter((r) => r.path === '/api/v2/tickets/12/comments.json').map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
		const kept = JSON.stringify(result.staticData);
		expect(kept).not.toContain('The export of the large report fails again');
		expect(kept).not.toContain('we know it is frustrating');
		expect(kept).toContain('"sla_breaches":[{"metric":"reply_time","breached_at":"2026-11-16T17:00:00Z","policy":"Enterprise","target_minutes":480}]');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	it('the next run reads nothing new and still emits the frustrated sentence from the kept analysis', async () => {
		const first = await run();
		fakes.reset();
		fakes.load(dataset);
		const second = await run(first.staticData);
		expect(fakes.requests().some((r) => r.path.endsWith('/comments.json'))).toBe(false);
		const frustration = second.output('Node').find((s) => s.type === 'support.frustration_language')!;
		expect(frustration.evidence).toBe(FRUSTRATION);
		expect(frustration.id).toBe(first.output('Node').find((s) => s.type === 'support.frustration_language')!.id);
	});

	it('a failing comments endpoint is a NodeApiError naming it; the cursor stays where it was', async () => {
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/tickets/12/comments.json', responses: [{ status: 500 }], repeatLast: true });
		const failed = await run({}, { maxAttempts: 1 });
		const error = failed.error('Node') as unknown as { name: string; message: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'Zendesk: ticket comments (GET /api/v2/tickets/{id}/comments.json) failed after 1 attempt (HTTP 500: Fake outage (HTTP 500)) for ticket 12 — comments of 1 ticket (1 page) were read; the cursor was not advanced, the next run re-reads from start time 2026-09-21T12:00:00Z',
		);
		expect(failed.staticData).toEqual({ 'node:Node': {} });
	});

	it('a ticket deleted between the export and its comments (404) has no comments; a comments listing paging in a cycle fails naming it', async () => {
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/tickets/12/comments.json', responses: [{ status: 404, body: { error: 'RecordNotFound', description: 'Not found' } }], repeatLast: true });
		const deleted = await run();
		expect(deleted.status).toBe('success');
		expect(deleted.output('Node').filter((s) => s.type === 'support.frustration_language')).toEqual([]);
		expect(deleted.output('Node').map((s) => s.type)).toContain('support.sla_breach');

		fakes.reset();
		const page = { comments: [], next_page: `${fakes.httpUrl}/api/v2/tickets/12/comments.json?page=2`, previous_page: null, count: 3 };
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/tickets/12/comments.json', responses: [{ status: 200, body: page }], repeatLast: true });
		const cycling = await run();
		expect(cycling.error('Node')?.message).toBe(
			`Zendesk: ticket comments (GET /api/v2/tickets/{id}/comments.json) returned the cursor "${showCursor(page.next_page)}" again after page 2 (first given after page 1): the provider is paging in a cycle for ticket 12 — comments of 1 ticket (3 pages) were read; the cursor was not advanced, the next run re-reads from start time 2026-09-21T12:00:00Z`,
		);
		expect(cycling.staticData).toEqual({ 'node:Node': {} });
	});
});

describe('CS Support Signals — language detectors from input items', () => {
	it('comments with a customer flag, SLA breaches and first reply times from any helpdesk export', async () => {
		const items = [
			{ organization_id: 'acme', id: 1, subject: 'Sync stopped', status: 'open', priority: 'high', created_at: '2026-11-17T09:00:00Z', comments: [{ text: 'Still not working, this is ridiculous.', from_customer: true, created_at: '2026-11-19T09:00:00Z' }] },
			{ organization_id: 'acme', id: 2, subject: 'Billing question', status: 'solved', priority: 'low', created_at: '2026-11-10T09:00:00Z', first_reply: 2000 },
		];
		const result = await runWorkflow(itemsInto('csSupportSignals', { source: 'inputItems', asOf: AS_OF, fieldMapping: { firstReplyMinutes: 'first_reply' } }, items as never));
		expect(result.output('Node').filter((s) => LANGUAGE_TYPES.includes(s.type as string)).map((s) => [s.type, s.evidence])).toEqual([
			['support.frustration_language', 'The customer on ticket #1 "Sync stopped" wrote: "Still not working, this is ridiculous."'],
			['support.sla_breach', 'First reply on ticket #2 "Billing question" took 33.3 hours, past the 24-hour limit (no SLA policy data)'],
		]);
	});
});
