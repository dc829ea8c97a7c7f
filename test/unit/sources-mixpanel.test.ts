/**
 * Mixpanel Raw Event Export against the fake Mixpanel (test/fakes/mixpanel.js): the request (hosts, days,
 * project), JSONL read line by line from the socket into the usage accumulator, gzip, bad lines, 429 +
 * Retry-After, failures, and the daily window (the sweep's second run: sweeps-usage.test.ts).
 */
import { DateTime } from 'luxon';
import { createUsageAccumulator, type UsageAccumulator } from '../../engine/detect/usage';
import { SourceError, type StreamSourceContext } from '../../engine/sources/http';
import {
	buildMixpanelExportRequest,
	mapMixpanelLine,
	MIXPANEL_EXPORT_HOSTS,
	mixpanelExportBaseUrl,
	nextMixpanelWindow,
	readMixpanelExport,
	type MixpanelExportQuery,
} from '../../engine/sources/mixpanel';
import { days } from './usage-fixtures';
import { streamRequestTo } from '../fakes/client';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const AUTH = { Authorization: `Basic ${Buffer.from('svc:secret').toString('base64')}` };
const NOW = '2026-03-10T09:00:00Z';

function line(event: string, time: number, user: string, account?: string, extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ event, properties: { time, distinct_id: user, $insert_id: `${user}-${time}`, mp_processing_time_ms: time * 1000 + 1874, ...(account ? { account_id: account } : {}), ...extra } });
}

/** Events of a dataset: each day from `from` to `to`, `users` users of each account, one event each at 10:00 UTC. */
function daily(users: number, accounts: string[], from: string, to: string) {
	return days(from, to).flatMap((day) => accounts.flatMap((account) => Array.from({ length: users }, (_, u) => ({ event: 'Page Viewed', properties: { time: `${day}T10:00:00Z`, distinct_id: `${account}-u${u + 1}`, account_id: account } }))));
}

function client(fakes: RunningFakeProviders, baseUrl = MIXPANEL_EXPORT_HOSTS.us, waits: number[] = []): StreamSourceContext & { baseUrl: string } {
	return { streamRequest: streamRequestTo(fakes, AUTH), sleep: async (ms) => void waits.push(ms), baseUrl };
}

function count(accumulator: UsageAccumulator) {
	return (event: { accountId: string; userId?: string; event: string; occurredAt: number }) => void accumulator.addEvent(event);
}

const oneDay: MixpanelExportQuery = { projectId: 2195193, fromDate: '2026-03-09', toDate: '2026-03-09' };

describe('the export request', () => {
	it('GET /api/2.0/export with project, inclusive days, events as a JSON array, where, and gzip accepted', () => {
		expect(buildMixpanelExportRequest(MIXPANEL_EXPORT_HOSTS.eu, { ...oneDay, fromDate: '2026-03-01', events: ['Report Exported', 'Logged In'], where: 'properties["plan"] == "enterprise"' })).toEqual({
			method: 'GET',
			url: 'https://data-eu.mixpanel.com/api/2.0/export',
			qs: { project_id: '2195193', from_date: '2026-03-01', to_date: '2026-03-09', event: '["Report Exported","Logged In"]', where: 'properties["plan"] == "enterprise"' },
			headers: { Accept: 'text/plain', 'Accept-Encoding': 'gzip' },
		});
	});

	it('data residency: US by default, EU and India hosts from the spec, an override wins', () => {
		expect(mixpanelExportBaseUrl({})).toBe('https://data.mixpanel.com');
		expect(mixpanelExportBaseUrl({ region: 'eu' })).toBe('https://data-eu.mixpanel.com');
		expect(mixpanelExportBaseUrl({ region: 'in' })).toBe('https://data-in.mixpanel.com');
		expect(mixpanelExportBaseUrl({ region: 'eu', baseUrl: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
		expect(() => mixpanelExportBaseUrl({ region: 'apac' })).toThrow('Mixpanel: data residency region "apac" is not one of us, eu, in');
	});

	it('says what is wrong with a project id or a day', () => {
		expect(() => buildMixpanelExportRequest(MIXPANEL_EXPORT_HOSTS.us, { ...oneDay, projectId: 'acme' })).toThrow('Mixpanel: project id "acme" is not a number (Project Settings → Overview → Project ID)');
		expect(() => buildMixpanelExportRequest(MIXPANEL_EXPORT_HOSTS.us, { ...oneDay, toDate: '2026-02-30' })).toThrow('Mixpanel: to_date "2026-02-30" is not a YYYY-MM-DD date');
		expect(() => buildMixpanelExportRequest(MIXPANEL_EXPORT_HOSTS.us, { ...oneDay, fromDate: '2026-03-10' })).toThrow('Mixpanel: from_date 2026-03-10 is after to_date 2026-03-09');
	});
});

describe('a line → usage events', () => {
	it('epoch seconds, distinct_id, the account property; a group-key list counts for each group', () => {
		expect(mapMixpanelLine(line('Report Exported', 1717408800, 'u_1', 'acct_42'))).toEqual({
			kind: 'events',
			events: [{ accountId: 'acct_42', userId: 'u_1', event: 'Report Exported', occurredAt: 1717408800000 }],
		});
		const groups = JSON.stringify({ event: 'Login', properties: { time: 1717408800123, distinct_id: 'u_2', company_id: ['c1', 'c2'], module: 'Billing' } });
		expect(mapMixpanelLine(groups, { accountProperty: 'company_id', userProperty: 'distinct_id', featureProperty: 'module' })).toEqual({
			kind: 'events',
			events: [
				{ accountId: 'c1', userId: 'u_2', event: 'Login', feature: 'Billing', occurredAt: 1717408800123 },
				{ accountId: 'c2', userId: 'u_2', event: 'Login', feature: 'Billing', occurredAt: 1717408800123 },
			],
		});
	});

	it('an event without the account property is anonymous traffic, not a bad line', () => {
		expect(mapMixpanelLine(line('Page Viewed', 1717408800, 'anon-1'))).toEqual({ kind: 'no-account' });
		expect(mapMixpanelLine('{"event":"x","properties":{"time":"yesterday"}}')).toEqual({ kind: 'bad', problem: 'event "x" has properties.time "yesterday", not an epoch time' });
	});
});

describe('reading the export from the fake Mixpanel', () => {
	let fakes: RunningFakeProviders;
	beforeAll(async () => {
		fakes = await startFakeProviders({ dataset: { now: NOW } });
	});
	afterAll(async () => fakes.close());
	const load = (mixpanel: object, extra: object = {}) => {
		fakes.reset();
		fakes.load({ now: NOW, mixpanel: { projectId: 2195193, ...mixpanel }, ...extra });
	};

	it('streams 1,000,000 lines through the parser into the accumulator, line by line', async () => {
		load({ generated: { from: '2026-03-09', to: '2026-03-09', eventsPerDay: 1_000_000, accounts: 1_000, usersPerAccount: 5, eventNames: ['Page Viewed'], accountPrefix: 'acct-' } });
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00:00Z' });
		const result = await readMixpanelExport({ client: client(fakes), query: oneDay }, count(accumulator));
		expect(result.read).toEqual({ lines: 1_000_000, events: 1_000_000, usageEvents: 1_000_000, withoutAccount: 0, badLines: 0 });
		expect(accumulator.stats.eventsCounted).toBe(1_000_000);
		expect(accumulator.size()).toMatchObject({ accounts: 1_000, trackedUsers: 5_000, dayBuckets: 1_000 * 126 });
		expect(result.cursor).toEqual({ lastCompleteDay: '2026-03-09' });
	}, 180_000);

	it('gunzips a gzip body (the fake compresses anything over 1400 bytes when asked) and reads the same events', async () => {
		load({ events: daily(20, ['acme', 'beta'], '2026-03-01', '2026-03-09') });
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00:00Z' });
		const result = await readMixpanelExport({ client: client(fakes), query: { ...oneDay, fromDate: '2026-03-01' } }, count(accumulator));
		expect(fakes.requests()[0].headers['accept-encoding']).toBe('gzip');
		expect(result.read).toMatchObject({ lines: 9 * 40, usageEvents: 9 * 40, badLines: 0 });
		expect(accumulator.account('acme')!.distinctUsers(0, 125)).toBe(20);
	});

	it('bad lines are counted and named by line number; every other line still counts', async () => {
		load({});
		const time = Date.parse('2026-03-09T10:00:00Z') / 1000;
		const lines = Array.from({ length: 50 }, (_, i) => {
			const n = i + 1;
			if (n === 17) return '{"event":"Page Viewed","properties":';
			if (n === 42) return '{"properties":{"time":1773050400}}';
			if (n === 43) return '';
			if (n === 44) return line('Page Viewed', time, 'visitor-9');
			return line('Page Viewed', time, `u${n}`, 'acme');
		});
		fakes.addFault({ provider: 'mixpanel', path: '/api/2.0/export', responses: [{ status: 200, text: `${lines.join('\n')}\n` }] });
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00:00Z' });
		const result = await readMixpanelExport({ client: client(fakes), query: oneDay }, count(accumulator));
		expect(result.badLines).toEqual([
			{ line: 17, message: 'Mixpanel export line 17: is not valid JSON — skipped and counted' },
			{ line: 42, message: 'Mixpanel export line 42: has no "event" name — skipped and counted' },
		]);
		expect(result.read).toEqual({ lines: 50, events: 47, usageEvents: 46, withoutAccount: 1, badLines: 2 });
		expect(accumulator.stats.eventsCounted).toBe(46);
	});

	it('waits out a 429 with Retry-After, then reads the window', async () => {
		load({ events: daily(2, ['acme'], '2026-03-09', '2026-03-09') });
		fakes.addFault({ provider: 'mixpanel', path: '/api/2.0/export', responses: [{ status: 429, retryAfter: 2 }] });
		const waits: number[] = [];
		const result = await readMixpanelExport({ client: client(fakes, undefined, waits), query: oneDay }, () => undefined);
		expect(waits).toEqual([2000]);
		expect(fakes.requests().map((r) => r.status)).toEqual([429, 200]);
		expect(result.read.usageEvents).toBe(2);
	});

	it('the EU and India data-residency hosts are the ones asked for', async () => {
		load({ events: daily(1, ['acme'], '2026-03-09', '2026-03-09') });
		await readMixpanelExport({ client: client(fakes, mixpanelExportBaseUrl({ region: 'eu' })), query: oneDay }, () => undefined);
		await readMixpanelExport({ client: client(fakes, mixpanelExportBaseUrl({ region: 'in' })), query: oneDay }, () => undefined);
		expect(fakes.requests().map((r) => [r.provider, r.host, r.path, r.query])).toEqual([
			['mixpanel', 'data-eu.mixpanel.com', '/api/2.0/export', { project_id: '2195193', from_date: '2026-03-09', to_date: '2026-03-09' }],
			['mixpanel', 'data-in.mixpanel.com', '/api/2.0/export', { project_id: '2195193', from_date: '2026-03-09', to_date: '2026-03-09' }],
		]);
	});

	it('a refused credential fails at once with the status and the cursor left alone', async () => {
		load({ events: daily(1, ['acme'], '2026-03-09', '2026-03-09') }, { tokens: { mixpanel: 'svc:other' } });
		const error = await readMixpanelExport({ client: client(fakes), query: oneDay }, () => undefined).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe(
			'Mixpanel: raw event export (GET /api/2.0/export) for 2026-03-09 failed after 1 attempt (HTTP 401: Invalid credentials: the service account username or secret is wrong) — nothing was read; the cursor was not advanced, the next run re-reads from 2026-03-09',
		);
		expect(error).toMatchObject({ source: 'Mixpanel', endpoint: '/api/2.0/export', statusCode: 401, attempts: 1 });
	});

	it('a stream that breaks off is a failure: the cursor is not advanced and the counts are to be discarded', async () => {
		load({ events: daily(100, ['acme'], '2026-03-08', '2026-03-09') });
		fakes.addFault({ provider: 'mixpanel', path: '/api/2.0/export', responses: [{ status: 200, breakAfterLines: 150 }] });
		const error = await readMixpanelExport({ client: client(fakes), query: { ...oneDay, fromDate: '2026-03-08' } }, () => undefined).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toMatch(
			/^Mixpanel: the raw event export for 2026-03-08 … 2026-03-09 broke off after 1\d\d lines \(.+\) — the cursor was not advanced, the next run re-reads from 2026-03-08; discard this run's usage counts$/,
		);
	});
});

describe('the daily cursor', () => {
	const now = DateTime.fromISO('2026-03-10T09:00:00Z', { zone: 'utc' });

	it('the first run reads the usage window up to yesterday; today is never read', () => {
		expect(nextMixpanelWindow({ now, maxDays: 126 })).toEqual({ fromDate: '2025-11-04', toDate: '2026-03-09' });
	});

	it('next runs start the day after the cursor; an up-to-date cursor reads nothing; a long outage reads only the window', () => {
		expect(nextMixpanelWindow({ now: now.plus({ days: 1 }), maxDays: 126, cursor: { lastCompleteDay: '2026-03-09' } })).toEqual({ fromDate: '2026-03-10', toDate: '2026-03-10' });
		expect(nextMixpanelWindow({ now, maxDays: 126, cursor: { lastCompleteDay: '2026-03-09' } })).toBeUndefined();
		expect(nextMixpanelWindow({ now, maxDays: 126, cursor: { lastCompleteDay: '2025-06-01' } })).toEqual({ fromDate: '2025-11-04', toDate: '2026-03-09' });
	});

	it('days are the project’s: a project in Los Angeles at 05:00 UTC is still on the 9th', () => {
		expect(nextMixpanelWindow({ now: DateTime.fromISO('2026-03-10T05:00:00Z'), maxDays: 1, projectTimezone: 'America/Los_Angeles' })).toEqual({ fromDate: '2026-03-08', toDate: '2026-03-08' });
	});
});

describe('an export that stalls', () => {
	it('mid-body, nothing for the timeout: a failure naming the timeout, not a hang', async () => {
		const { Readable } = await import('node:stream');
		// two lines, then silence (a connection that stays open and sends nothing more)
		const body = new Readable({ read() {} });
		body.push(`${line('Page Viewed', 1773050400, 'u1', 'acme')}\n${line('Page Viewed', 1773050400, 'u2', 'acme')}\n`);
		const client = { streamRequest: async () => ({ statusCode: 200, headers: {}, body }), sleep: async () => undefined, baseUrl: MIXPANEL_EXPORT_HOSTS.us, timeoutMs: 50 };
		const error = await readMixpanelExport({ client, query: oneDay }, () => undefined).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe(
			"Mixpanel: the raw event export for 2026-03-09 broke off after 2 lines (no answer within 50 ms) — the cursor was not advanced, the next run re-reads from 2026-03-09; discard this run's usage counts",
		);
		expect(body.destroyed).toBe(true);
	});
});
