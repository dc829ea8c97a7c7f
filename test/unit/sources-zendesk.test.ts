import { DateTime } from 'luxon';
import { SourceError, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { readZendeskTicketChanges } from '../../engine/sources/zendesk';

const startTime = DateTime.fromISO('2026-02-01T00:00:00Z', { zone: 'utc' });
const now = DateTime.fromISO('2026-03-02T09:00:00Z', { zone: 'utc' });

/** Export pages keyed by the cursor that asks for them ('' = first page by start_time). */
function zendesk(pages: Record<string, unknown>, ratings: unknown[] = [], failures: Record<string, SourceResponse[]> = {}) {
	const calls: SourceRequestOptions[] = [];
	const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
		calls.push(options);
		const path = new URL(options.url).pathname;
		const key = `${path}?${options.qs?.cursor ?? options.qs?.['page[after]'] ?? ''}`;
		const failure = failures[key]?.shift();
		if (failure) return failure;
		if (path.endsWith('cursor.json')) return { statusCode: 200, headers: {}, body: pages[String(options.qs?.cursor ?? '')] };
		return { statusCode: 200, headers: {}, body: { satisfaction_ratings: ratings, meta: { has_more: false, after_cursor: null }, links: { next: null } } };
	};
	return { request, calls };
}

const page1 = {
	tickets: [{ id: 1, organization_id: 7, subject: 'Export broken', status: 'open', updated_at: '2026-02-10T00:00:00Z' }, { id: 2, organization_id: 7, subject: 'Slow', status: 'solved' }],
	metric_sets: [{ ticket_id: 2, full_resolution_time_in_minutes: { calendar: 600 }, solved_at: '2026-02-11T00:00:00Z' }],
	after_cursor: 'c1', end_of_stream: false,
};
const page2 = {
	tickets: [{ id: 1, organization_id: 7, subject: 'Export broken', status: 'pending', updated_at: '2026-02-12T00:00:00Z' }],
	metric_sets: [{ ticket_id: 1, reopens: 1 }],
	after_cursor: 'c2', end_of_stream: true,
};
const rating = { id: 70, ticket_id: 1, score: 'bad', comment: 'Still waiting', updated_at: '2026-02-12T01:00:00Z' };

describe('Zendesk incremental export', () => {
	it('follows after_cursor until end_of_stream, merges metric sets and ratings, returns the new cursor', async () => {
		const { request, calls } = zendesk({ '': page1, c1: page2 }, [rating]);
		const result = await readZendeskTicketChanges({ client: { request, sleep: async () => {}, baseUrl: 'https://acme.zendesk.test' }, startTime, now, includeSatisfactionRatings: true });
		expect(calls.map((c) => c.qs)).toEqual([
			{ start_time: 1769904000, include: 'metric_sets' },
			{ cursor: 'c1', include: 'metric_sets' },
			{ start_time: 1769904000, 'page[size]': 100 },
		]);
		expect(result.tickets).toEqual([
			{ ...page2.tickets[0], metric_set: { ticket_id: 1, reopens: 1 }, satisfaction_rating: rating },
			{ ...page1.tickets[1], metric_set: page1.metric_sets[0] },
		]);
		expect(result.state).toEqual({ ticketCursor: 'c2', ratingsSince: 1772442000 });
		// ticket 1 appeared twice in the export: counted once, its later state kept
		expect(result.read).toEqual({ pages: 3, tickets: 2, ratings: 1 });
	});

	it('a second run starts from the stored cursor and reads only what changed', async () => {
		const { request, calls } = zendesk({ c2: { tickets: [], metric_sets: [], after_cursor: 'c2', end_of_stream: true } });
		const result = await readZendeskTicketChanges({ client: { request, sleep: async () => {}, baseUrl: 'https://acme.zendesk.test' }, state: { ticketCursor: 'c2', ratingsSince: 1772442000 }, startTime, now });
		expect(calls.map((c) => c.qs)).toEqual([{ cursor: 'c2', include: 'metric_sets' }]);
		expect(result.tickets).toEqual([]);
		expect(result.state).toEqual({ ticketCursor: 'c2', ratingsSince: 1772442000 });
	});

	it('429 with Retry-After then 200 gives the clean result', async () => {
		const clean = await readZendeskTicketChanges({ client: { request: zendesk({ '': page1, c1: page2 }).request, sleep: async () => {}, baseUrl: 'https://z.test' }, startTime, now });
		const waits: number[] = [];
		const { request } = zendesk({ '': page1, c1: page2 }, [], { '/api/v2/incremental/tickets/cursor.json?c1': [{ statusCode: 429, headers: { 'Retry-After': '60' }, body: 'Too Many Requests' }] });
		const retried = await readZendeskTicketChanges({ client: { request, sleep: async (ms) => void waits.push(ms), baseUrl: 'https://z.test' }, startTime, now });
		expect(retried).toEqual(clean);
		expect(waits).toEqual([60000]);
	});

	it('failing for good: SourceError naming Zendesk, the cursor and what was read; the resume point is the stored one', async () => {
		const down: SourceResponse = { statusCode: 503, headers: {}, body: { error: 'ServiceUnavailable', description: 'Maintenance' } };
		const { request } = zendesk({ c0: page1 }, [], { '/api/v2/incremental/tickets/cursor.json?c1': [down, down, down, down] });
		const error = await readZendeskTicketChanges({ client: { request, sleep: async () => {}, baseUrl: 'https://z.test' }, state: { ticketCursor: 'c0' }, startTime, now }).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe(
			'Zendesk: incremental ticket export (GET /api/v2/incremental/tickets/cursor.json) failed after 4 attempts (HTTP 503: Maintenance) at cursor c1 — 1 page / 2 tickets were read; the cursor was not advanced, the next run re-reads from cursor c0',
		);
	});
});

describe('Zendesk base URL', () => {
	const { zendeskBaseUrl } = require('../../engine/sources/zendesk') as typeof import('../../engine/sources/zendesk');
	it('is the subdomain on zendesk.com unless a base URL overrides it', () => {
		expect(zendeskBaseUrl({ subdomain: 'acme' })).toBe('https://acme.zendesk.com');
		expect(zendeskBaseUrl({ subdomain: 'acme', baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
	});
	it('names a subdomain that is not one', () => {
		expect(() => zendeskBaseUrl({ subdomain: 'acme.zendesk.com/x' })).toThrow(
			'Zendesk: the credential\'s subdomain "acme.zendesk.com/x" is not a Zendesk subdomain (the part before .zendesk.com), and no base URL is set',
		);
	});
});
