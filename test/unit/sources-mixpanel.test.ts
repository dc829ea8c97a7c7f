/**
 * Mixpanel Raw Event Export against a local HTTP server: the request (hosts, days, project), JSONL read line
 * by line from the socket into the usage accumulator, gzip, bad lines, 429 + Retry-After, failures, and the
 * daily cursor (the second run asks only for the new day).
 */
import { DateTime } from 'luxon';
import { createUsageAccumulator, detectUsageSignals, restoreUsageAccumulator, usageStateOf, type UsageAccumulator } from '../../engine/detect/usage';
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
import { startMixpanelServer, streamRequestTo, type MixpanelServer } from './usage-http-servers';

const AUTH = { Authorization: `Basic ${Buffer.from('svc:secret').toString('base64')}` };

function line(event: string, time: number, user: string, account?: string, extra: Record<string, unknown> = {}): string {
	return JSON.stringify({ event, properties: { time, distinct_id: user, $insert_id: `${user}-${time}`, mp_processing_time_ms: time * 1000 + 1874, ...(account ? { account_id: account } : {}), ...extra } });
}

/** Each day of the request: `users` users of `accounts` accounts, one event each at 10:00 UTC. */
function daily(users: number, accounts: string[]) {
	return function* (from: string, to: string) {
		for (const day of days(from, to)) {
			const time = Date.parse(`${day}T10:00:00Z`) / 1000;
			for (const account of accounts) for (let u = 1; u <= users; u += 1) yield line('Page Viewed', time, `${account}-u${u}`, account);
		}
	};
}

function client(server: MixpanelServer, baseUrl = server.url, waits: number[] = []): StreamSourceContext & { baseUrl: string } {
	return { streamRequest: streamRequestTo(server, AUTH), sleep: async (ms) => void waits.push(ms), baseUrl };
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

describe('reading the export from a local server', () => {
	let server: MixpanelServer;
	afterEach(async () => server?.close());

	it('streams 1,000,000 lines through the parser into the accumulator, line by line', async () => {
		const time = Date.parse('2026-03-09T10:00:00Z') / 1000;
		server = await startMixpanelServer(function* () {
			for (let i = 0; i < 1_000_000; i += 1) yield line('Page Viewed', time + (i % 3600), `u${i % 5000}`, `acct-${i % 1000}`);
		});
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00:00Z' });
		const result = await readMixpanelExport({ client: client(server), query: oneDay }, count(accumulator));
		expect(result.read).toEqual({ lines: 1_000_000, events: 1_000_000, usageEvents: 1_000_000, withoutAccount: 0, badLines: 0 });
		expect(accumulator.stats.eventsCounted).toBe(1_000_000);
		expect(accumulator.size()).toMatchObject({ accounts: 1_000, trackedUsers: 5_000, dayBuckets: 1_000 * 126 });
		expect(result.cursor).toEqual({ lastCompleteDay: '2026-03-09' });
	}, 180_000);

	it('gunzips a gzip body (Content-Encoding: gzip) and reads the same events', async () => {
		server = await startMixpanelServer(daily(20, ['acme', 'beta']), { gzip: true });
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00:00Z' });
		const result = await readMixpanelExport({ client: client(server), query: { ...oneDay, fromDate: '2026-03-01' } }, count(accumulator));
		expect(server.requests[0].headers['accept-encoding']).toBe('gzip');
		expect(result.read).toMatchObject({ lines: 9 * 40, usageEvents: 9 * 40, badLines: 0 });
		expect(accumulator.account('acme')!.distinctUsers(0, 125)).toBe(20);
	});

	it('bad lines are counted and named by line number; every other line still counts', async () => {
		server = await startMixpanelServer(function* () {
			const time = Date.parse('2026-03-09T10:00:00Z') / 1000;
			for (let n = 1; n <= 50; n += 1) {
				if (n === 17) yield '{"event":"Page Viewed","properties":';
				else if (n === 42) yield '{"properties":{"time":1773050400}}';
				else if (n === 43) yield '';
				else if (n === 44) yield line('Page Viewed', time, 'visitor-9');
				else yield line('Page Viewed', time, `u${n}`, 'acme');
			}
		});
		const accumulator = createUsageAccumulator({ asOf: '2026-03-10T09:00:00Z' });
		const result = await readMixpanelExport({ client: client(server), query: oneDay }, count(accumulator));
		expect(result.badLines).toEqual([
			{ line: 17, message: 'Mixpanel export line 17: is not valid JSON — skipped and counted' },
			{ line: 42, message: 'Mixpanel export line 42: has no "event" name — skipped and counted' },
		]);
		expect(result.read).toEqual({ lines: 50, events: 47, usageEvents: 46, withoutAccount: 1, badLines: 2 });
		expect(accumulator.stats.eventsCounted).toBe(46);
	});

	it('waits out a 429 with Retry-After, then reads the window', async () => {
		server = await startMixpanelServer(daily(2, ['acme']));
		server.failures.push({ status: 429, headers: { 'Retry-After': '2' }, body: '{"error":"Query rate limit exceeded"}' });
		const waits: number[] = [];
		const result = await readMixpanelExport({ client: client(server, server.url, waits), query: oneDay }, () => undefined);
		expect(waits).toEqual([2000]);
		expect(server.requests).toHaveLength(2);
		expect(result.read.usageEvents).toBe(2);
	});

	it('the EU data-residency host is the one asked for', async () => {
		server = await startMixpanelServer(daily(1, ['acme']));
		await readMixpanelExport({ client: client(server, mixpanelExportBaseUrl({ region: 'eu' })), query: oneDay }, () => undefined);
		expect(server.requests.map((r) => [r.host, r.path, r.query])).toEqual([
			['data-eu.mixpanel.com', '/api/2.0/export', { project_id: '2195193', from_date: '2026-03-09', to_date: '2026-03-09' }],
		]);
	});

	it('a refused credential fails at once with the status, no secret, and the cursor left alone', async () => {
		server = await startMixpanelServer(daily(1, ['acme']), { basicAuth: 'svc:other' });
		const error = await readMixpanelExport({ client: client(server), query: oneDay }, () => undefined).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe(
			'Mixpanel: raw event export (GET /api/2.0/export) for 2026-03-09 failed after 1 attempt (HTTP 401: Invalid credentials: Basic [redacted]) — nothing was read; the cursor was not advanced, the next run re-reads from 2026-03-09',
		);
		expect(error).toMatchObject({ source: 'Mixpanel', endpoint: '/api/2.0/export', statusCode: 401, attempts: 1 });
	});

	it('a stream that breaks off is a failure: the cursor is not advanced and the counts are to be discarded', async () => {
		server = await startMixpanelServer(daily(100, ['acme']));
		server.breakAfterLines = 150;
		const error = await readMixpanelExport({ client: client(server), query: { ...oneDay, fromDate: '2026-03-08' } }, () => undefined).catch((e) => e);
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

	it('the second daily run requests only the new day, and with the stored counts finds what a full recount finds', async () => {
		const server = await startMixpanelServer(function* (from, to) {
			for (const day of days(from, to)) {
				const time = Date.parse(`${day}T10:00:00Z`) / 1000;
				const users = day >= '2026-03-04' ? 6 : 10;
				for (let u = 1; u <= users; u += 1) yield line('Page Viewed', time, `u${u}`, 'acme');
			}
		});
		try {
			// day 1
			const window1 = nextMixpanelWindow({ now, maxDays: 126 })!;
			const day1 = createUsageAccumulator({ asOf: now });
			const run1 = await readMixpanelExport({ client: client(server), query: { projectId: 1, ...window1 } }, count(day1));
			const stored = { cursor: run1.cursor, usage: JSON.parse(JSON.stringify(usageStateOf(day1))) };
			// day 2
			const now2 = now.plus({ days: 1 });
			const window2 = nextMixpanelWindow({ now: now2, maxDays: 126, cursor: stored.cursor })!;
			const day2 = restoreUsageAccumulator(stored.usage, { asOf: now2 });
			const run2 = await readMixpanelExport({ client: client(server), query: { projectId: 1, ...window2 } }, count(day2));
			expect(server.requests.map((r) => [r.query.from_date, r.query.to_date])).toEqual([
				['2025-11-04', '2026-03-09'],
				['2026-03-10', '2026-03-10'],
			]);
			expect(run2.read.lines).toBe(6);
			expect(run2.cursor).toEqual({ lastCompleteDay: '2026-03-10' });

			const recount = createUsageAccumulator({ asOf: now2 });
			await readMixpanelExport({ client: client(server), query: { projectId: 1, fromDate: '2025-11-05', toDate: '2026-03-10' } }, count(recount));
			const signals = detectUsageSignals(day2, [], { system: 'mixpanel' });
			expect(signals.map((s) => s.evidence)).toEqual(['Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-10)']);
			expect(signals[0].source).toEqual({ system: 'mixpanel', ref: 'acme@2026-03-10' });
			expect(detectUsageSignals(recount, [], { system: 'mixpanel' })).toEqual(signals);
		} finally {
			await server.close();
		}
	});
});
