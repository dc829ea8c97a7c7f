import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const TOKEN = 'zendesk-api-token-abcdefgh12345678';
const AS_OF = '2026-03-02T09:00:00Z';

const ticket = (id: number, created: string, extra: Record<string, unknown> = {}) => ({
	id, organization_id: 509974, subject: `Export broken (${id})`, status: 'open', priority: 'normal', created_at: created, updated_at: created, ...extra,
});

const dataset = {
	now: AS_OF,
	settings: { zendeskPageSize: 2, satisfactionPageSize: 1 },
	zendesk: {
		subdomain: 'acme',
		organizations: [{ id: 509974, name: 'Acme Corp', external_id: '4511' }],
		tickets: [
			ticket(1, '2026-02-25T10:00:00Z', { priority: 'urgent' }),
			ticket(2, '2026-02-26T10:00:00Z'),
			ticket(3, '2026-02-27T10:00:00Z', { status: 'solved' }),
			ticket(4, '2026-02-28T10:00:00Z', { organization_id: null }),
		],
		metricSets: [{ ticket_id: 3, solved_at: '2026-02-28T10:00:00Z', full_resolution_time_in_minutes: { calendar: 1440, business: 600 } }],
		satisfactionRatings: [
			{ id: 71, ticket_id: 3, score: 'bad', comment: 'Still broken', created_at: '2026-02-28T11:00:00Z', updated_at: '2026-02-28T11:00:00Z' },
			{ id: 72, ticket_id: 2, score: 'good', created_at: '2026-02-28T12:00:00Z', updated_at: '2026-02-28T12:00:00Z' },
		],
	},
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(async () => {
	await fakes.close();
});
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const parameters = { source: 'zendesk', asOf: AS_OF, zendeskWindowDays: 30 };
const run = (staticData = {}, extra: Record<string, unknown> = {}) =>
	runWorkflow(
		{ ...itemsInto('csSupportSignals', { ...parameters, ...((extra.parameters as object) ?? {}) }, [{}], { credentials: { csZendeskApi: { id: 'cred-zendesk', name: 'Zendesk (fake)' } }, ...extra, parameters: { ...parameters, ...((extra.parameters as object) ?? {}) } }), staticData },
		{ credentials: { csZendeskApi: { authType: 'apiToken', email: 'admin@example.com', apiToken: TOKEN, baseUrl: fakes.httpUrl! } } },
	);

const exportCalls = () =>
	fakes
		.requests()
		.filter((r) => r.path.startsWith('/api/v2/'))
		.map((r) => `${r.path} ${r.query.cursor ? 'cursor' : r.query.start_time ? `start_time=${r.query.start_time}` : ''}${r.query['page[after]'] ? 'page[after]' : ''}`.trim());

type State = { 'node:Node': { zendeskSweep: { cursor: { ticketCursor: string; ratingsSince: number }; tickets: Record<string, Record<string, unknown>> } } };

describe('CS Support Signals — Zendesk mode against the fake Zendesk', () => {
	it('first run: pages the export and ratings to the end, merges them, detects, stores cursor and window', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		expect(exportCalls()).toEqual([
			'/api/v2/incremental/tickets/cursor.json start_time=1769850000',
			'/api/v2/incremental/tickets/cursor.json cursor',
			'/api/v2/satisfaction_ratings.json start_time=1769850000',
			// the comments of the changed tickets of an organization, and the SLA events
			'/api/v2/tickets/1/comments.json',
			'/api/v2/tickets/2/comments.json',
			'/api/v2/tickets/3/comments.json',
			'/api/v2/incremental/ticket_metric_events.json start_time=1769850000',
		]);
		expect(fakes.requests()[0].headers.authorization).toBe('Basic admin@example.com/token:***');
		expect(fakes.requests()[0].query.include).toBe('metric_sets');
		const signals = result.output('Node');
		expect(signals.map((s) => [s.type, s.accountId, (s.source as { ref: string }).ref])).toEqual(
			expect.arrayContaining([['support.sev1_escalation', '509974', '1'], ['support.low_csat', '509974', '3']]),
		);
		expect(signals.every((s) => s.accountId === '509974')).toBe(true);
		const state = (result.staticData as State)['node:Node'].zendeskSweep;
		expect(Object.keys(state.tickets)).toEqual(['1', '2', '3', '4']);
		expect(state.tickets['3']).toMatchObject({ satisfaction_rating: { score: 'bad' }, metric_set: { solved_at: '2026-02-28T10:00:00Z' } });
		// no text the customer wrote is kept: no description, no rating comment
		expect(JSON.stringify(state)).not.toContain('Still broken');
		expect(Object.values(state.tickets).some((t) => 'description' in t)).toBe(false);
		expect(state.cursor.ratingsSince).toBe(1772442000);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	it('second run with the stored cursor reads only what changed and still sees the whole window', async () => {
		const first = await run();
		fakes.reset();
		fakes.load(dataset);
		const second = await run(first.staticData);
		expect(exportCalls()).toEqual([
			'/api/v2/incremental/tickets/cursor.json cursor',
			'/api/v2/satisfaction_ratings.json start_time=1772442000',
			'/api/v2/incremental/ticket_metric_events.json start_time=1772441940',
		]);
		// nothing new came back: cursor and window are exactly what the first run stored
		expect(second.staticData).toEqual(first.staticData);
		// nothing changed: the same signals (same ids) from the remembered window
		expect(second.output('Node').map((s) => s.id)).toEqual(first.output('Node').map((s) => s.id));
	});

	it('a ticket changed after the first run is the only one the second run reads; the window keeps the rest', async () => {
		const first = await run();
		const upsert = await fetch(`${fakes.httpUrl}/__fake/zendesk/tickets`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ tickets: [{ id: 2, organization_id: 509974, subject: 'Export broken (2)', status: 'solved', priority: 'normal', created_at: '2026-02-26T10:00:00Z', updated_at: '2026-03-01T10:00:00Z' }] }),
		});
		expect(upsert.status).toBe(200);
		const before = fakes.requests().length;
		const second = await run(first.staticData);
		const calls = fakes.requests().slice(before).filter((r) => r.path.endsWith('cursor.json'));
		expect(calls.map((r) => r.query.cursor)).toEqual([(first.staticData as State)['node:Node'].zendeskSweep.cursor.ticketCursor]);
		const window = (second.staticData as State)['node:Node'].zendeskSweep.tickets;
		expect(Object.keys(window)).toEqual(['1', '2', '3', '4']);
		expect(window['2'].status).toBe('solved');
		expect(window['1']).toEqual((first.staticData as State)['node:Node'].zendeskSweep.tickets['1']);
	});

	it('429 with Retry-After then 200: the same signals and state as a clean run', async () => {
		const clean = await run();
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 429, retryAfter: 0 }] });
		const retried = await run();
		expect(retried.output('Node')).toEqual(clean.output('Node'));
		expect(retried.staticData).toEqual(clean.staticData);
		expect(fakes.requests().filter((r) => r.fault).map((r) => r.status)).toEqual([429]);
	});

	it('failing for good: the workflow fails naming Zendesk, and the stored cursor is not advanced', async () => {
		const first = await run();
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 503, headers: { 'retry-after': '0' } }], repeatLast: true });
		const failed = await run(first.staticData, { parameters: { maxAttempts: 3 } });
		expect(failed.status).toBe('error');
		const cursor = (first.staticData as State)['node:Node'].zendeskSweep.cursor.ticketCursor;
		expect(failed.error('Node')?.message).toBe(
			`Zendesk: incremental ticket export (GET /api/v2/incremental/tickets/cursor.json) failed after 3 attempts (HTTP 503: Fake outage (HTTP 503)) at cursor ${cursor} — 0 pages / 0 tickets were read; the cursor was not advanced, the next run re-reads from cursor ${cursor}`,
		);
		expect(failed.staticData).toEqual(first.staticData);
		expect(JSON.stringify(failed.run)).not.toContain(TOKEN);
	});

	it('failing for good reaches n8n as NodeApiError with the HTTP status, the endpoint and what was read', async () => {
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 503, headers: { 'retry-after': '0' } }], repeatLast: true });
		const failed = await run({}, { parameters: { maxAttempts: 2 } });
		const error = failed.error('Node') as unknown as { name: string; httpCode: string; description: string; context: Record<string, unknown> };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('503');
		expect(error.description).toBe('Zendesk /api/v2/incremental/tickets/cursor.json: HTTP 503 after 2 attempts; read before it stopped: 0 pages and 0 tickets');
		expect(error.context).toMatchObject({ endpoint: '/api/v2/incremental/tickets/cursor.json', read: { pages: 0, tickets: 0 } });
	});
});

describe('CS Support Signals — a misbehaving Zendesk (issue 16)', () => {
	const ratingsPage = (after: string) => ({
		status: 200,
		body: { satisfaction_ratings: [{ id: 80, ticket_id: 2, score: 'bad', created_at: '2026-03-01T11:00:00Z', updated_at: '2026-03-01T11:00:00Z' }], meta: { has_more: true, after_cursor: after }, links: { next: 'x' } },
	});

	it('ratings paging A → B → A fails the run and the stored cursor and ratingsSince stay where they were (findings 2 and 3)', async () => {
		const first = await run();
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/satisfaction_ratings.json', responses: [ratingsPage('A'), ratingsPage('B'), ratingsPage('A')] });
		const failed = await run(first.staticData);
		expect(failed.status).toBe('error');
		expect(failed.error('Node')?.message).toMatch(/^Zendesk: satisfaction ratings \(GET \/api\/v2\/satisfaction_ratings.json\) returned the cursor "A" again after page 3 \(first given after page 1\): the provider is paging in a cycle/);
		expect(failed.staticData).toEqual(first.staticData);
		expect(fakes.requests().filter((r) => r.path === '/api/v2/satisfaction_ratings.json')).toHaveLength(3);
	});

	it('a Zendesk that never answers: the request times out after the configured seconds and the error names Zendesk and the endpoint (finding 6)', async () => {
		fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 0, hang: true }], repeatLast: true });
		const failed = await run({}, { parameters: { maxAttempts: 1, requestTimeoutSeconds: 1 } });
		expect(failed.status).toBe('error');
		expect(failed.error('Node')?.message).toBe(
			'Zendesk: incremental ticket export (GET /api/v2/incremental/tickets/cursor.json) failed after 1 attempt (no HTTP response: no answer within 1 s) at the first page — 0 pages / 0 tickets were read; the cursor was not advanced, the next run re-reads from start time 2026-01-31T09:00:00Z',
		);
		expect(failed.staticData).toEqual({ 'node:Node': {} });
	});
});
