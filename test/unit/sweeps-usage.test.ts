/**
 * One run of CS Usage Signals (engine/sweeps/usage.ts) against the fake Mixpanel and Pendo: the first run reads
 * the window, the second daily run requests only the new day and — with the carried state — finds what a full
 * recount finds; a state it cannot build on is recounted with the reason; unusable lines and unmapped accounts
 * are reported; a failed read throws (the caller keeps its old state).
 */
import { SourceError } from '../../engine/sources/http';
import { MIXPANEL_EXPORT_HOSTS } from '../../engine/sources/mixpanel';
import { PENDO_HOSTS } from '../../engine/sources/pendo';
import { sweepMixpanelUsage, sweepPendoUsage, sweepUsageRows, type MixpanelUsageSweepOptions, type PendoUsageSweepOptions } from '../../engine/sweeps';
import { jsonRequestTo, streamRequestTo } from '../fakes/client';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { activity, days } from './usage-fixtures';

const AUTH = { Authorization: `Basic ${Buffer.from('svc:secret').toString('base64')}` };
const NOW = '2026-03-12T09:00:00Z';

/** acme: 10 people every day, 4 of whom stop after 03-02; a nightly CRM sync that stops after 03-07. */
function mixpanelEvents(to: string) {
	return [
		...days('2025-11-01', to).flatMap((day) =>
			Array.from({ length: day > '2026-03-02' ? 6 : 10 }, (_, u) => ({ event: 'Page Viewed', properties: { time: `${day}T10:00:00Z`, distinct_id: `acme-u${u + 1}`, company_id: 'grp-acme' } })),
		),
		...days('2026-01-01', '2026-03-07').map((day) => ({ event: 'CRM Sync', properties: { time: `${day}T03:00:00Z`, company_id: 'grp-acme' } })),
		// a company the CRM does not know
		{ event: 'Page Viewed', properties: { time: '2026-03-02T10:00:00Z', distinct_id: 'x1', company_id: 'grp-trial' } },
	];
}

const ACCOUNTS = [{ accountId: '4511', name: 'Acme Corp', licensedSeats: 40, mixpanelCompanyId: 'grp-acme' }];

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset: {} });
});
afterAll(async () => fakes.close());

describe('Mixpanel: the daily sweep', () => {
	beforeEach(() => {
		fakes.reset();
		fakes.load({ now: NOW, mixpanel: { projectId: 2195193, events: mixpanelEvents('2026-03-11') } });
	});
	const options = (asOf: string, previous?: unknown, extra: Partial<MixpanelUsageSweepOptions> = {}): MixpanelUsageSweepOptions => ({
		client: { streamRequest: streamRequestTo(fakes, AUTH), sleep: async () => undefined, baseUrl: MIXPANEL_EXPORT_HOSTS.us },
		projectId: 2195193,
		mapping: { accountProperty: 'company_id' },
		accounts: ACCOUNTS,
		accountKeyField: 'mixpanelCompanyId',
		unmappedAccounts: 'ignore',
		system: 'mixpanel',
		asOf,
		previous,
		...extra,
	});
	const requested = () => fakes.requests().map((r) => `${r.query.from_date} … ${r.query.to_date}`);

	it('the second daily run requests only the new day, and finds what a full recount finds', async () => {
		const day1 = await sweepMixpanelUsage(options('2026-03-10T09:00:00Z'));
		expect(day1.summary.requested).toEqual({ fromDate: '2025-11-04', toDate: '2026-03-09' });
		// the sync has been silent 2 days: not yet the 3 that make a silence
		expect(day1.signals.map((s) => s.evidence)).toEqual(['Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)']);
		expect(day1.state.lastDay).toBe('2026-03-09');
		expect(day1.summary.carried).toEqual({ restored: false, lastDay: null });

		const stored = JSON.parse(JSON.stringify(day1.state));
		fakes.reset();
		fakes.load({ now: NOW, mixpanel: { projectId: 2195193, events: mixpanelEvents('2026-03-11') } });
		const day2 = await sweepMixpanelUsage(options('2026-03-11T09:00:00Z', stored));
		expect(requested()).toEqual(['2026-03-10 … 2026-03-10']);
		expect(day2.summary.read).toEqual({ lines: 6, events: 6, usageEvents: 6, withoutAccount: 0, badLines: 0 });
		expect(day2.summary.carried).toEqual({ restored: true, lastDay: '2026-03-09' });
		expect(day2.state.lastDay).toBe('2026-03-10');
		expect(day2.signals.map((s) => [s.accountId, s.type, s.evidence])).toEqual([
			['4511', 'usage.integration_silent', '"CRM Sync" has not fired for 3 days (last 2026-03-07) after firing on 14 of the 14 days up to then'],
			['4511', 'usage.wau_drop', 'Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-10)'],
		]);

		// a full recount of the same window, with no state
		const recount = await sweepMixpanelUsage(options('2026-03-11T09:00:00Z'));
		expect(recount.signals).toEqual(day2.signals);

		// run again the same day: nothing to request, the same signals (same ids)
		fakes.reset();
		fakes.load({ now: NOW, mixpanel: { projectId: 2195193, events: mixpanelEvents('2026-03-11') } });
		const again = await sweepMixpanelUsage(options('2026-03-11T18:00:00Z', day2.state));
		expect(fakes.requests()).toEqual([]);
		expect(again.summary.requested).toBeNull();
		expect(again.signals.map((s) => s.id)).toEqual(day2.signals.map((s) => s.id));
	});

	it('a state counted in another zone is recounted over the whole window, and says why', async () => {
		const day1 = await sweepMixpanelUsage(options('2026-03-10T09:00:00Z'));
		fakes.reset();
		fakes.load({ now: NOW, mixpanel: { projectId: 2195193, timezone: 'Europe/Berlin', events: mixpanelEvents('2026-03-11') } });
		const day2 = await sweepMixpanelUsage(options('2026-03-11T09:00:00Z', day1.state, { timezone: 'Europe/Berlin' }));
		expect(day2.summary.carried).toEqual({
			restored: false,
			lastDay: null,
			notice: 'The stored usage was counted in UTC days and this run counts Europe/Berlin days: it is recounted',
		});
		expect(requested()).toEqual(['2025-11-05 … 2026-03-10']);
		expect(day2.state.zone).toBe('Europe/Berlin');
	});

	it('unmapped companies are one problem each (the first line of each, paired with the trigger item), or only counted', async () => {
		// 118 days × 10 page views + 61 nightly syncs + 10 page views of 03-02 come before the trial company's line
		const strict = await sweepMixpanelUsage(options('2026-03-10T09:00:00Z', undefined, { unmappedAccounts: 'error' }));
		expect(strict.unusable).toEqual([
			{
				itemIndex: 0,
				input: 'usage',
				message: 'Mixpanel export line 1252: account key "grp-trial" is not in the account key map (1 row) — add it to the map, or map the field that holds the CRM account id',
			},
		]);
		const lenient = await sweepMixpanelUsage(options('2026-03-10T09:00:00Z'));
		expect(lenient.unusable).toEqual([]);
		expect(lenient.summary.unmappedAccountRows).toBe(1);
	});

	it('unreadable lines are reported, paired with the trigger item; the rest still count', async () => {
		fakes.addFault({ provider: 'mixpanel', path: '/api/2.0/export', responses: [{ status: 200, text: '{"event":"Page Viewed","properties":{"time":1773050400,"company_id":"grp-acme","distinct_id":"u1"}}\nnot json\n' }] });
		const result = await sweepMixpanelUsage(options('2026-03-10T09:00:00Z'));
		expect(result.unusable).toEqual([{ itemIndex: 0, input: 'usage', message: 'Mixpanel export line 2: is not valid JSON — skipped and counted' }]);
		expect(result.summary.counted.eventsCounted).toBe(1);
	});

	it('a failed read throws a SourceError naming the source and what happens next (the caller keeps its state)', async () => {
		fakes.addFault({ provider: 'mixpanel', path: '/api/2.0/export', responses: [{ status: 503 }], repeatLast: true });
		const error = await sweepMixpanelUsage(options('2026-03-10T09:00:00Z', undefined, {})).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.message).toBe(
			'Mixpanel: raw event export (GET /api/2.0/export) for 2025-11-04 … 2026-03-09 failed after 4 attempts (HTTP 503: Fake outage (HTTP 503)) — nothing was read; the cursor was not advanced, the next run re-reads from 2025-11-04',
		);
	});
});

describe('Pendo: the daily sweep', () => {
	const ZONE = 'America/New_York';
	const pendoEvents = (to: string) => [
		...days('2025-11-01', to).flatMap((day) => Array.from({ length: day > '2026-03-02' ? 6 : 10 }, (_, v) => ({ accountId: '4511', visitorId: `v${v}`, day, numEvents: 4 }))),
		...days('2026-02-20', to).flatMap((day) => Array.from({ length: 3 }, (_, v) => ({ accountId: '4511', visitorId: `v${v}`, day, numEvents: 2, featureId: 'f-reports' }))),
	];
	beforeEach(() => {
		fakes.reset();
		fakes.load({ now: NOW, pendo: { timezone: ZONE, events: pendoEvents('2026-03-11') } });
	});
	const options = (asOf: string, previous?: unknown): PendoUsageSweepOptions => ({
		client: { request: jsonRequestTo(fakes, { 'x-pendo-integration-key': 'key' }), sleep: async () => undefined, baseUrl: PENDO_HOSTS.us },
		byFeature: true,
		featureNames: { 'f-reports': 'Reports' },
		accounts: [{ accountId: '4511', licensedSeats: 20 }],
		timezone: ZONE,
		system: 'pendo',
		asOf,
		previous,
	});

	it('reads the window in 7-day slices (twice with features), then only the new day; the same as a recount', async () => {
		const day1 = await sweepPendoUsage(options('2026-03-10T09:00'));
		expect(day1.summary.requested).toEqual({ fromDate: '2025-11-04', toDate: '2026-03-09', requests: 36 });
		expect(fakes.requests()).toHaveLength(36);
		expect(day1.signals.map((s) => s.evidence)).toEqual([
			'Feature "Reports" adopted: first used 2026-02-20, up to 3 users a day in the 30 days to 2026-03-09',
			'Average daily active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)',
		]);
		fakes.reset();
		fakes.load({ now: NOW, pendo: { timezone: ZONE, events: pendoEvents('2026-03-11') } });
		const day2 = await sweepPendoUsage(options('2026-03-11T09:00', JSON.parse(JSON.stringify(day1.state))));
		expect(day2.summary.requested).toEqual({ fromDate: '2026-03-10', toDate: '2026-03-10', requests: 2 });
		const first = fakes.requests()[0].json.request.pipeline[0].source.timeSeries;
		expect(first).toEqual({ period: 'dayRange', first: Date.parse('2026-03-10T04:00:00Z'), count: 1 });
		const recount = await sweepPendoUsage(options('2026-03-11T09:00'));
		expect(day2.signals).toEqual(recount.signals);
	});
});

describe('input rows: stateless, or carrying state between runs', () => {
	const rows = [...activity('acme', 6, '2025-12-01', '2026-03-10'), ...activity('acme', 4, '2025-12-01', '2026-03-03', { firstUser: 7 })];
	const upTo = (day: string) => rows.filter((row) => String(row.occurredAt) < `${day}T99`);

	it('with carryState the next run counts only the days after the state (re-sent days are skipped)', async () => {
		const day1 = await sweepUsageRows(upTo('2026-03-09'), { asOf: '2026-03-10T09:00:00Z', carryState: true });
		const day2 = await sweepUsageRows(upTo('2026-03-10').filter((row) => String(row.occurredAt) >= '2026-03-04'), { asOf: '2026-03-11T09:00:00Z', carryState: true, previous: day1.state });
		expect(day2.summary.counted).toMatchObject({ eventsCounted: 6, alreadyCounted: 6 * 6 });
		const recount = await sweepUsageRows(upTo('2026-03-10'), { asOf: '2026-03-11T09:00:00Z' });
		expect(day2.signals).toEqual(recount.signals);
		expect(day2.signals.map((s) => s.evidence)).toEqual(['Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-10)']);
	});

	it('without it the stored state is not read: every run\'s rows are the whole window', async () => {
		const day1 = await sweepUsageRows(upTo('2026-03-09'), { asOf: '2026-03-10T09:00:00Z' });
		const day2 = await sweepUsageRows(upTo('2026-03-10'), { asOf: '2026-03-11T09:00:00Z', previous: day1.state });
		expect(day2.summary.carried).toEqual({ restored: false, lastDay: null });
		expect(day2.summary.counted.alreadyCounted).toBe(0);
	});

	it('replays history: at an evaluation date nothing on or after that day counts', async () => {
		const replay = await sweepUsageRows(rows, { asOf: '2026-03-04T00:00:00Z' });
		expect(replay.summary.window.to).toBe('2026-03-03');
		// the rows of 03-04 happened at 10:00, after the as-of instant: not counted, nor any later day
		expect(replay.summary.counted).toMatchObject({ onAsOfDay: 0, afterAsOf: 7 * 6 });
		expect(replay.signals).toEqual([]);
	});
});
