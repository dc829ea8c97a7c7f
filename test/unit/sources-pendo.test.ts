/**
 * Pendo Aggregation API against the fake Pendo (test/fakes/pendo.js): the pipeline that makes Pendo group events by account
 * and day, the mapping of its results to pre-aggregated usage rows, regional hosts, 429 + Retry-After and
 * failures; and those rows through the usage detectors.
 */
import { DateTime } from 'luxon';
import { createUsageAccumulator, detectUsageSignals } from '../../engine/detect/usage';
import { SourceError } from '../../engine/sources/http';
import { buildPendoAggregationRequest, PENDO_HOSTS, pendoBaseUrl, readPendoUsage, type PendoUsageQuery } from '../../engine/sources/pendo';
import { days } from './usage-fixtures';
import { jsonRequestTo } from '../fakes/client';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const KEY = { 'x-pendo-integration-key': 'pendo-key-1' };
const ZONE = 'America/New_York';

function dayMs(day: string): number {
	return DateTime.fromISO(day, { zone: ZONE }).toMillis();
}

/** `visitors` visitors of an account active on each day, 5 events each; plus an anonymous visitor (a dataset of the fake Pendo). */
function events(accountId: string, visitors: number, from: string, to: string, featureId?: string) {
	return days(from, to).flatMap((day) => [
		...Array.from({ length: visitors }, (_, v) => ({ accountId, visitorId: `${accountId}-v${v}`, day, numEvents: 5, ...(featureId ? { featureId } : {}) })),
		{ accountId, visitorId: '_anon_1', day, numEvents: 2 },
	]);
}

const query: PendoUsageQuery = { fromDate: '2026-03-01', days: 9, timezone: ZONE };

function client(fakes: RunningFakeProviders, baseUrl = PENDO_HOSTS.us, waits: number[] = []) {
	return { request: jsonRequestTo(fakes, KEY), sleep: async (ms: number) => void waits.push(ms), baseUrl };
}

describe('the aggregation request', () => {
	it('one POST whose pipeline groups events by account and day server-side', () => {
		expect(buildPendoAggregationRequest('https://app.pendo.io', query)).toEqual({
			method: 'POST',
			url: 'https://app.pendo.io/api/v1/aggregation',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: {
				response: { mimeType: 'application/json' },
				request: {
					name: 'cs-signal-os-usage',
					requestId: 'cs-signal-os-usage-2026-03-01-9',
					pipeline: [
						{ source: { events: null, timeSeries: { period: 'dayRange', first: dayMs('2026-03-01'), count: 9 } } },
						{ identified: 'visitorId' },
						{ group: { group: ['accountId', 'day'], fields: { activeUsers: { count: 'visitorId' }, events: { sum: 'numEvents' } } } },
						{ sort: ['accountId', 'day'] },
					],
				},
			},
		});
	});

	it('per feature: the featureEvents source, grouped by feature too; one app when asked', () => {
		const body = buildPendoAggregationRequest('https://app.pendo.io', { ...query, byFeature: true, appId: -323232 }).body as { request: { pipeline: unknown[] } };
		expect(body.request.pipeline[0]).toEqual({ source: { featureEvents: { appId: -323232 }, timeSeries: { period: 'dayRange', first: dayMs('2026-03-01'), count: 9 } } });
		expect(body.request.pipeline[2]).toEqual({ group: { group: ['accountId', 'day', 'featureId'], fields: { activeUsers: { count: 'visitorId' }, events: { sum: 'numEvents' } } } });
	});

	it('regional hosts, an override wins; bad input is named', () => {
		expect(pendoBaseUrl({})).toBe('https://app.pendo.io');
		expect(pendoBaseUrl({ region: 'eu' })).toBe('https://app.eu.pendo.io');
		expect(pendoBaseUrl({ region: 'jpn', baseUrl: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
		expect(() => pendoBaseUrl({ region: 'mars' })).toThrow('Pendo: region "mars" is not one of us, eu, us1, jpn, au');
		expect(() => buildPendoAggregationRequest('https://app.pendo.io', { ...query, fromDate: '01/03/2026' })).toThrow('Pendo: first day "01/03/2026" is not a YYYY-MM-DD date');
		expect(() => buildPendoAggregationRequest('https://app.pendo.io', { ...query, days: 0 })).toThrow('Pendo: the window must be 1 day or more, not 0');
	});
});

describe('reading from the fake Pendo', () => {
	let fakes: RunningFakeProviders;
	beforeAll(async () => {
		fakes = await startFakeProviders({ dataset: {} });
	});
	afterAll(async () => fakes.close());
	const load = (events: object[], extra: object = {}) => {
		fakes.reset();
		fakes.load({ now: '2026-03-10T09:00:00Z', pendo: { timezone: ZONE, events }, ...extra });
	};

	it('maps each account-day to a pre-aggregated row (day in the subscription’s zone, distinct visitors, events)', async () => {
		load([...events('acme', 3, '2026-02-25', '2026-03-09'), ...events('beta', 1, '2026-03-05', '2026-03-05')]);
		const result = await readPendoUsage({ client: client(fakes), query });
		expect(result.read).toEqual({ results: 10, withoutAccount: 0, badResults: 0 });
		expect(result.rows.slice(0, 2)).toEqual([
			{ accountId: 'acme', day: '2026-03-01', activeUsers: 3, events: 15 },
			{ accountId: 'acme', day: '2026-03-02', activeUsers: 3, events: 15 },
		]);
		expect(result.rows.at(-1)).toEqual({ accountId: 'beta', day: '2026-03-05', activeUsers: 1, events: 5 });
		expect(fakes.requests()[0].headers['x-pendo-integration-key']).toBe('pendo-key-1');
	});

	it('per feature, with feature names from a lookup', async () => {
		load(events('acme', 2, '2026-03-03', '2026-03-03', 'f-42'));
		const result = await readPendoUsage({ client: client(fakes), query: { ...query, byFeature: true }, featureNames: { 'f-42': 'Care plans' } });
		expect(result.rows).toEqual([{ accountId: 'acme', day: '2026-03-03', activeUsers: 2, events: 10, feature: 'Care plans' }]);
	});

	it('rows feed the usage detectors: seat utilisation from Pendo visitors', async () => {
		load(events('brightline', 85, '2026-03-02', '2026-03-02'));
		const { rows } = await readPendoUsage({ client: client(fakes), query });
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00', timezone: ZONE });
		for (const row of rows) accumulator.addDay(row);
		const signals = detectUsageSignals(accumulator, [{ accountId: 'brightline', licensedSeats: 100, onboarding: {} }], { system: 'pendo' });
		expect(signals.map((s) => [s.type, s.evidence, s.source])).toEqual([
			['usage.seat_utilisation_high', 'Seat utilisation 85% (peak of 85 daily active users on 100 licensed seats in the 30 days to 2026-03-09)', { system: 'pendo', ref: 'brightline@2026-03-09' }],
		]);
	});

	it('waits out a 429 with Retry-After; the EU host is the one asked for', async () => {
		load(events('acme', 1, '2026-03-01', '2026-03-01'));
		fakes.addFault({ provider: 'pendo', path: '/api/v1/aggregation', responses: [{ status: 429, retryAfter: 3 }] });
		const waits: number[] = [];
		const result = await readPendoUsage({ client: client(fakes, pendoBaseUrl({ region: 'eu' }), waits), query });
		expect(waits).toEqual([3000]);
		expect(fakes.requests().map((r) => [r.provider, r.host, r.method, r.path, r.status])).toEqual([
			['pendo', 'app.eu.pendo.io', 'POST', '/api/v1/aggregation', 429],
			['pendo', 'app.eu.pendo.io', 'POST', '/api/v1/aggregation', 200],
		]);
		expect(result.rows).toHaveLength(1);
	});

	it('a wrong integration key fails with the status and says what happens next', async () => {
		load([], { tokens: { pendo: 'another-key' } });
		const error = await readPendoUsage({ client: client(fakes), query }).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe('Pendo: aggregation (POST /api/v1/aggregation) for 2026-03-01 + 9 days failed after 1 attempt (HTTP 401: invalid integration key) — nothing was read; the next run asks for the same days again');
	});

	it('results without an account are counted; unreadable results are named and counted', async () => {
		load([{ accountId: null, visitorId: 'v1', day: '2026-03-02', numEvents: 1 }, ...events('acme', 1, '2026-03-02', '2026-03-02')]);
		const result = await readPendoUsage({ client: client(fakes), query });
		expect(result.read).toEqual({ results: 2, withoutAccount: 1, badResults: 0 });

		fakes.addFault({
			provider: 'pendo',
			path: '/api/v1/aggregation',
			responses: [{ status: 200, body: { results: [{ accountId: 'acme', day: 'today', activeUsers: 1, events: 1 }, { accountId: 'acme', day: dayMs('2026-03-02'), activeUsers: 1, events: 2 }] } }, { status: 200, body: { startTime: 1 } }],
		});
		const partial = await readPendoUsage({ client: client(fakes), query });
		expect(partial.badResults).toEqual([{ index: 0, message: 'Pendo result 0: day "today" is not an epoch-millisecond day — skipped and counted' }]);
		expect(partial.rows).toEqual([{ accountId: 'acme', day: '2026-03-02', activeUsers: 1, events: 2 }]);
		await expect(readPendoUsage({ client: client(fakes), query })).rejects.toThrow(
			'Pendo: aggregation (POST /api/v1/aggregation) answered without a "results" array — is the region or base URL right?',
		);
	});
});
