/**
 * Issue 16 findings 2, 3, 4 (HubSpot part) and 6 at the engine: every paging loop detects any repeated cursor (not
 * only the last), has a page cap with a clear error, never hands back a state after an incomplete read, and every
 * request has a timeout; a HubSpot record repeated across pages is one record.
 */
import { DateTime } from 'luxon';
import { requestWithRetry, SourceError, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { listHubSpotObjects } from '../../engine/sources/hubspot';
import { DEFAULT_MAX_PAGES, PagingGuard } from '../../engine/sources/paging';
import { readZendeskTicketChanges } from '../../engine/sources/zendesk';
import { sweepHubSpot, sweepZendesk } from '../../engine/sweeps';

const startTime = DateTime.fromISO('2026-02-01T00:00:00Z', { zone: 'utc' });
const now = DateTime.fromISO('2026-03-02T09:00:00Z', { zone: 'utc' });
const noWait = async () => {};
const ok = (body: unknown): SourceResponse => ({ statusCode: 200, headers: {}, body });

/** Answers by the cursor asked for; counts requests (a loop that never ends would run out of the limit). */
function byCursor(answer: (cursor: string, path: string) => unknown, limit = 1000) {
	let calls = 0;
	const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
		if (++calls > limit) throw new Error(`more than ${limit} requests: the paging loop did not stop`);
		const path = new URL(options.url).pathname;
		return ok(answer(String(options.qs?.cursor ?? options.qs?.['page[after]'] ?? options.qs?.after ?? ''), path));
	};
	return { request, calls: () => calls };
}

const exportEnd = { tickets: [{ id: 1, organization_id: 7, status: 'open' }], after_cursor: 'end', end_of_stream: true };
const zendeskClient = (request: (o: SourceRequestOptions) => Promise<SourceResponse>, extra = {}) => ({ request, sleep: noWait, baseUrl: 'https://acme.zendesk.test', ...extra });

describe('the paging guard', () => {
	it('any cursor seen before is a cycle, the start cursor included; the cap is an error too', () => {
		const guard = new PagingGuard(5, 'start');
		expect(guard.follow('A')).toBeNull();
		expect(guard.follow('B')).toBeNull();
		expect(guard.follow('A')).toBe('returned the cursor "A" again after page 3 (first given after page 1): the provider is paging in a cycle');
		expect(new PagingGuard(5, 'start').follow('start')).toBe('returned the cursor "start" again after page 1 (the cursor this listing started from): the provider is paging in a cycle');
		const capped = new PagingGuard(3);
		expect([capped.follow('1'), capped.follow('2'), capped.follow('3')]).toEqual([null, null, 'has more than 3 pages (the page cap): the provider is paging without end, or raise the cap']);
		expect(new PagingGuard(Number.NaN).maxPages).toBe(DEFAULT_MAX_PAGES);
	});
});

describe('Zendesk satisfaction ratings: A → B → A and a repeated cursor are errors, never a quiet stop', () => {
	const ratingsAlternating = (cursor: string, path: string) => {
		if (path.endsWith('cursor.json')) return exportEnd;
		const next = cursor === 'A' ? 'B' : 'A';
		return { satisfaction_ratings: [{ id: cursor.length, ticket_id: 1, score: 'bad' }], meta: { has_more: true, after_cursor: next } };
	};

	it('A → B → A fails naming the cycle (finding 2: it paged without end)', async () => {
		const { request, calls } = byCursor(ratingsAlternating);
		const error = await readZendeskTicketChanges({ client: zendeskClient(request), startTime, now, includeSatisfactionRatings: true }).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe(
			'Zendesk: satisfaction ratings (GET /api/v2/satisfaction_ratings.json) returned the cursor "A" again after page 3 (first given after page 1): the provider is paging in a cycle — 1 ticket and 3 pages / 3 ratings were read; the cursor was not advanced, the next run re-reads from start time 2026-02-01T00:00:00Z',
		);
		expect(calls()).toBe(4);
	});

	it('the same cursor twice is an error, and the sweep hands back no state (finding 3: ratingsSince advanced)', async () => {
		const { request } = byCursor((cursor, path) => (path.endsWith('cursor.json') ? exportEnd : { satisfaction_ratings: [{ id: 9, ticket_id: 1, score: 'good' }], meta: { has_more: true, after_cursor: 'A' } }));
		const previous = { cursor: { ticketCursor: 'c0', ratingsSince: 1770000000 }, tickets: {} };
		const error = await sweepZendesk({ client: zendeskClient(request), previous, asOf: now.toISO()!, windowDays: 30, includeSatisfactionRatings: true }).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toMatch(/^Zendesk: satisfaction ratings \(GET \/api\/v2\/satisfaction_ratings.json\) returned the cursor "A" again after page 2 \(first given after page 1\)/);
		expect(error.message).toMatch(/the cursor was not advanced, the next run re-reads from cursor c0$/);
	});

	it('"has_more" without a cursor is an incomplete read: an error', async () => {
		const { request } = byCursor((_c, path) => (path.endsWith('cursor.json') ? exportEnd : { satisfaction_ratings: [], meta: { has_more: true, after_cursor: null } }));
		const error = await readZendeskTicketChanges({ client: zendeskClient(request), startTime, now, includeSatisfactionRatings: true }).catch((e) => e);
		expect(error.message).toContain('answered page 1 with "has_more": true but no "after_cursor": the ratings are incomplete');
	});
});

describe('every other paging loop', () => {
	it('Zendesk export: A → B → A, the stored cursor handed back without end_of_stream, no cursor, the page cap', async () => {
		const cycle = byCursor((cursor) => ({ tickets: [], after_cursor: cursor === 'A' ? 'B' : 'A', end_of_stream: false }));
		const error = await readZendeskTicketChanges({ client: zendeskClient(cycle.request), startTime, now }).catch((e) => e);
		expect(error.message).toMatch(/^Zendesk: incremental ticket export \(GET \/api\/v2\/incremental\/tickets\/cursor.json\) returned the cursor "A" again after page 3 \(first given after page 1\)/);

		const stuck = byCursor(() => ({ tickets: [], after_cursor: 'c0', end_of_stream: false }));
		const again = await readZendeskTicketChanges({ client: zendeskClient(stuck.request), state: { ticketCursor: 'c0' }, startTime, now }).catch((e) => e);
		expect(again.message).toContain('returned the cursor "c0" again after page 1 (the cursor this listing started from)');

		const cursorless = byCursor(() => ({ tickets: [], end_of_stream: false }));
		const incomplete = await readZendeskTicketChanges({ client: zendeskClient(cursorless.request), startTime, now }).catch((e) => e);
		expect(incomplete.message).toContain('answered page 1 without an "after_cursor" and without "end_of_stream": the export is incomplete');

		let n = 0;
		const endless = byCursor(() => ({ tickets: [], after_cursor: `c${++n}`, end_of_stream: false }));
		const capped = await readZendeskTicketChanges({ client: zendeskClient(endless.request, { maxPages: 5 }), startTime, now }).catch((e) => e);
		expect(capped.message).toBe(
			'Zendesk: incremental ticket export (GET /api/v2/incremental/tickets/cursor.json) has more than 5 pages (the page cap): the provider is paging without end, or raise the cap — 5 pages / 0 tickets were read; the cursor was not advanced, the next run re-reads from start time 2026-02-01T00:00:00Z',
		);
	});

	it('HubSpot lists: A → B → A fails naming the list and what was read', async () => {
		const { request } = byCursor((after) => ({ results: [{ id: `r${after}`, properties: {} }], paging: { next: { after: after === 'A' ? 'B' : 'A' } } }));
		const error = await listHubSpotObjects({ request, sleep: noWait }, 'companies', { properties: ['name'] }).catch((e) => e);
		expect(error.message).toBe(
			'HubSpot: company list (GET /crm/v3/objects/companies) returned the cursor "A" again after page 3 (first given after page 1): the provider is paging in a cycle — 3 pages / 3 companies were read; nothing was emitted and the saved deal stages were not changed',
		);
	});
});

describe('a HubSpot company repeated across pages is one account (finding 4)', () => {
	it('merged: emitted once with its signals, newer properties and every association kept', async () => {
		const pages: Record<string, unknown> = {
			'/crm/v3/objects/companies?': { results: [{ id: '1', properties: { name: 'Acme Corp', payment_status: 'current' } }], paging: { next: { after: 'p2' } } },
			'/crm/v3/objects/companies?p2': { results: [{ id: '1', properties: { name: 'Acme Corp', payment_status: 'past_due' } }, { id: '2', properties: { name: 'Globex' } }] },
			'/crm/v3/objects/deals?': { results: [] },
			'/crm/v3/objects/contacts?': {
				results: [{ id: '7', properties: { firstname: 'Jo', jobtitle: 'VP Finance' }, associations: { companies: { results: [{ id: '1' }] } } }],
				paging: { next: { after: 'q2' } },
			},
			'/crm/v3/objects/contacts?q2': { results: [{ id: '7', properties: { firstname: 'Jo', jobtitle: 'VP Finance' }, associations: { companies: { results: [{ id: '2' }] } } }] },
		};
		const { request } = byCursor((after, path) => pages[`${path}?${after}`]);
		const companies = await listHubSpotObjects({ request, sleep: noWait }, 'companies', { properties: ['name'] });
		expect(companies).toEqual([{ id: '1', properties: { name: 'Acme Corp', payment_status: 'past_due' } }, { id: '2', properties: { name: 'Globex' } }]);
		const run = await sweepHubSpot({ client: { request, sleep: noWait }, asOf: now.toISO()! });
		expect(run.accounts.map((a) => a.account.accountId)).toEqual(['1', '2']);
		expect(run.read).toEqual({ companies: 2, deals: 0, contacts: 1 });
		const paymentSignals = run.signals.filter((s) => s.signal.type === 'crm.payment_issue');
		expect(paymentSignals.map((s) => s.signal.accountId)).toEqual(['1']);
		expect(new Set(run.signals.map((s) => s.signal.id)).size).toBe(run.signals.length);
		// the contact repeated across pages keeps both company associations
		expect(run.accounts.map((a) => a.account.contacts.map((c) => c.name))).toEqual([['Jo'], ['Jo']]);
	});
});

describe('a per-request timeout (finding 6)', () => {
	it('a server that never answers fails the attempt after the timeout, is retried, then names what did not answer', async () => {
		let calls = 0;
		const never = (options: SourceRequestOptions) => {
			calls += 1;
			expect(options.timeoutMs).toBe(40);
			return new Promise<SourceResponse>(() => {});
		};
		const failure = await requestWithRetry({ request: never, sleep: noWait, timeoutMs: 40, retry: { maxAttempts: 2 } }, { method: 'GET', url: 'https://x.test/' }).catch((e) => e);
		expect(calls).toBe(2);
		expect(failure.describe()).toBe('after 2 attempts (no HTTP response: no answer within 40 ms)');
		const error = await readZendeskTicketChanges({ client: zendeskClient(never, { timeoutMs: 40, retry: { maxAttempts: 1 } }), startTime, now }).catch((e) => e);
		expect(error.message).toBe(
			'Zendesk: incremental ticket export (GET /api/v2/incremental/tickets/cursor.json) failed after 1 attempt (no HTTP response: no answer within 40 ms) at the first page — 0 pages / 0 tickets were read; the cursor was not advanced, the next run re-reads from start time 2026-02-01T00:00:00Z',
		);
	});

	it('a transport timeout (n8n\'s axios ECONNABORTED) reads the same', async () => {
		const timedOut = async () => {
			throw Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' });
		};
		const failure = await requestWithRetry({ request: timedOut, sleep: noWait, retry: { maxAttempts: 1 } }, { method: 'GET', url: 'https://x.test/' }).catch((e) => e);
		expect(failure.describe()).toBe('after 1 attempt (no HTTP response: no answer within 30 s)');
	});
});
