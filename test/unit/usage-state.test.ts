/**
 * The usage state a daily sweep carries to its next run: small (closed days finished into counts, people kept
 * only while a span can still ask about them, user ids only as hashes) and exact — restoring it and counting
 * the new day finds the same signals with the same ids as recounting every row of the window.
 */
import {
	createUsageAccumulator,
	detectUsageSignals,
	parseUsageAccounts,
	restoreUsageAccumulator,
	usageStateBytes,
	usageStateOf,
	UsageStateError,
	type UsageAccumulator,
	type UsageEvent,
	type UsageState,
} from '../../engine/detect/usage';
import { activity, days, shift, systemEvents } from './usage-fixtures';

const AS_OF = '2026-03-10T09:00:00Z';

function feed(accumulator: UsageAccumulator, rows: Iterable<Record<string, unknown>>): void {
	for (const row of rows) {
		if ('day' in row) accumulator.addDay(row as never);
		else accumulator.addEvent(row as unknown as UsageEvent);
	}
}

const dayOf = (row: Record<string, unknown>) => String(row.day ?? row.occurredAt).slice(0, 10);
const asOfAfter = (day: string) => `${shift(day, 1)}T09:00:00Z`;

/** A book where every detector has something to say somewhere in March 2026. */
const STORY: Array<Record<string, unknown>> = [
	// acme: 10 → 6 weekly users (WAU drop), a nightly sync that stops on 03-07 (integration silent)
	...activity('acme', 6, '2025-11-01', '2026-03-20'),
	...activity('acme', 4, '2025-11-01', '2026-03-03', { firstUser: 7 }),
	...systemEvents('acme', 'CRM Sync', '2026-01-01', '2026-03-07'),
	// orbit: a new feature taken up by 3 people (feature adoption), logins that thin out (login decline)
	...activity('orbit', 10, '2025-11-01', '2026-03-20'),
	...activity('orbit', 3, '2026-02-20', '2026-03-20', { event: 'Report Built', feature: 'Reports' }),
	...activity('orbit', 8, '2025-12-20', '2026-02-05', { event: 'Logged In', perUser: 2 }),
	...activity('orbit', 8, '2026-02-06', '2026-03-20', { event: 'Logged In' }),
	// brightline: 80 of 100 seats in use from March (seat utilisation), a module that fades (module decline)
	...activity('brightline', 80, '2026-03-01', '2026-03-20', { feature: 'Dashboards' }),
	...activity('brightline', 20, '2025-12-15', '2026-02-10', { firstUser: 200, feature: 'Exports', perUser: 3 }),
	...activity('brightline', 20, '2026-02-11', '2026-03-20', { firstUser: 200, feature: 'Exports' }),
	// nimbus: pre-aggregated rows only (a warehouse table), usage halving over two months (usage decline)
	...days('2025-11-01', '2026-03-20').map((day) => ({ accountId: 'nimbus', day, activeUsers: day < '2026-02-01' ? 40 : 18, events: day < '2026-02-01' ? 400 : 180 })),
	// steady: 12 people every day since long after onboarding (adoption plateau)
	...activity('steady', 12, '2025-11-01', '2026-03-20'),
	// deep: the same 10 people, twice as busy from February (depth increase)
	...activity('deep', 10, '2025-11-01', '2026-02-07'),
	...activity('deep', 10, '2026-02-08', '2026-03-20', { perUser: 2 }),
];
const ACCOUNTS = parseUsageAccounts([
	{ accountId: 'steady', licensedSeats: 60, contractStart: '2025-03-01T00:00:00Z' },
	{ accountId: 'brightline', licensedSeats: 100 },
	{ accountId: 'nimbus', licensedSeats: 50, contractStart: '2025-06-01T00:00:00Z' },
	{ accountId: 'fresh', licensedSeats: 40, contractStart: '2026-01-05T00:00:00Z' },
]).accounts;

describe('the carried usage state', () => {
	it('restored every day for ten days, it finds exactly what a recount of the whole window finds', () => {
		let state: UsageState | undefined;
		const seenTypes = new Set<string>();
		for (const last of days('2026-03-05', '2026-03-14')) {
			const asOf = asOfAfter(last);
			const day = state ? restoreUsageAccumulator(JSON.parse(JSON.stringify(state)), { asOf }) : createUsageAccumulator({ asOf });
			// the first run counts everything up to `last`, each later one only its new day
			feed(day, STORY.filter((row) => (state ? dayOf(row) === last : dayOf(row) <= last)));
			const recount = createUsageAccumulator({ asOf });
			feed(recount, STORY.filter((row) => dayOf(row) <= last));
			const signals = detectUsageSignals(recount, ACCOUNTS);
			expect({ last, signals: detectUsageSignals(day, ACCOUNTS) }).toEqual({ last, signals });
			for (const signal of signals) seenTypes.add(signal.type);
			state = usageStateOf(day);
		}
		// the comparison covered every detector, not an empty list
		expect([...seenTypes].sort()).toEqual([
			'usage.adoption_plateau',
			'usage.below_baseline',
			'usage.depth_increase',
			'usage.feature_adoption',
			'usage.integration_silent',
			'usage.login_decline',
			'usage.low_activation',
			'usage.module_decline',
			'usage.seat_utilisation_high',
			'usage.usage_decline',
			'usage.wau_drop',
		]);
	});

	it('a gap of several days (a paused workflow) is caught up in one run, with the same result', () => {
		const day1 = createUsageAccumulator({ asOf: asOfAfter('2026-03-05') });
		feed(day1, STORY.filter((row) => dayOf(row) <= '2026-03-05'));
		const later = restoreUsageAccumulator(usageStateOf(day1), { asOf: asOfAfter('2026-03-12') });
		feed(later, STORY.filter((row) => dayOf(row) > '2026-03-05' && dayOf(row) <= '2026-03-12'));
		const recount = createUsageAccumulator({ asOf: asOfAfter('2026-03-12') });
		feed(recount, STORY.filter((row) => dayOf(row) <= '2026-03-12'));
		expect(detectUsageSignals(later, ACCOUNTS)).toEqual(detectUsageSignals(recount, ACCOUNTS));
	});

	it('rows of days it counted already are skipped, not counted twice', () => {
		const day1 = createUsageAccumulator({ asOf: AS_OF });
		feed(day1, STORY.filter((row) => dayOf(row) < '2026-03-10'));
		const day2 = restoreUsageAccumulator(usageStateOf(day1), { asOf: '2026-03-11T09:00:00Z' });
		// an upstream query that re-sends the last week along with the new day
		feed(day2, STORY.filter((row) => dayOf(row) >= '2026-03-03' && dayOf(row) <= '2026-03-10'));
		const onlyNew = STORY.filter((row) => dayOf(row) === '2026-03-10').length;
		expect(day2.stats.eventsCounted + day2.stats.dayRowsCounted).toBe(onlyNew);
		expect(day2.stats.alreadyCounted).toBe(STORY.filter((row) => dayOf(row) >= '2026-03-03' && dayOf(row) < '2026-03-10').length);
		const recount = createUsageAccumulator({ asOf: '2026-03-11T09:00:00Z' });
		feed(recount, STORY.filter((row) => dayOf(row) <= '2026-03-10'));
		expect(detectUsageSignals(day2, ACCOUNTS)).toEqual(detectUsageSignals(recount, ACCOUNTS));
	});

	it('keeps no user id and no event of a person — only 24-bit hashes and counts', () => {
		const day1 = createUsageAccumulator({ asOf: AS_OF });
		feed(day1, STORY);
		const state = usageStateOf(day1);
		expect(Object.keys(state).sort()).toEqual(['accounts', 'data', 'lastDay', 'layout', 'users', 'version', 'zone']);
		const bytes = require('node:zlib').inflateRawSync(Buffer.from(state.data, 'base64')).toString('latin1') as string;
		// account ids, feature and event names are in it (as length-prefixed text); no user id is
		const written = (text: string) => bytes.includes(String.fromCharCode(text.length) + text);
		expect(['brightline', 'CRM Sync', 'Reports'].filter(written)).toEqual(['brightline', 'CRM Sync', 'Reports']);
		const userIds = [...new Set(STORY.map((row) => row.userId).filter((id): id is string => typeof id === 'string'))];
		expect(userIds.length).toBeGreaterThanOrEqual(100);
		expect(userIds.filter(written)).toEqual([]);
		expect(state).toMatchObject({ version: 2, zone: 'UTC', lastDay: '2026-03-09', accounts: 6 });
		// only people active within the last 30 days are kept: acme 6 + the 4 last seen on 03-03, orbit 10 (the 3
		// using Reports and the 8 logging in are among them), brightline 80 + 20, steady 12, deep 10
		expect(state.users).toBe(10 + 10 + 100 + 12 + 10);
		// 30 days after 03-03 (no new rows), acme's four are gone from it; the others were seen on 03-09
		const later = restoreUsageAccumulator(state, { asOf: '2026-04-03T09:00:00Z' });
		expect(usageStateOf(later).users).toBe(6 + 10 + 100 + 12 + 10);
	});

	it('is small: 10,000 accounts of 20 daily users each, 5 event types and 3 features, in well under 2 MB', () => {
		const accumulator = createUsageAccumulator({ asOf: AS_OF });
		const events = ['Page Viewed', 'Report Built', 'Logged In', 'Export', 'CRM Sync'];
		const features = ['Reports', 'Dashboards', 'Exports'];
		const start = Date.parse('2025-11-04T10:00:00Z');
		for (let a = 0; a < 10_000; a += 1) {
			for (let d = 0; d < 126; d += 1) {
				// each day 3 of the account's 20 users are active, each doing one thing (~3.8 M events)
				for (let k = 0; k < 3; k += 1) {
					const u = (a * 7 + d * 3 + k) % 20;
					accumulator.addEvent({ accountId: `acc-${a}`, userId: `acc-${a}-u${u}`, event: events[(d + k) % 5], feature: features[(a + k) % 3], occurredAt: start + d * 86_400_000 + k * 1000 });
				}
			}
		}
		const state = usageStateOf(accumulator);
		const bytes = usageStateBytes(state);
		process.stdout.write(`usage state: 10,000 accounts × 20 users, 126 days, 3.78 M events → ${(bytes / 1e6).toFixed(2)} MB of JSON (${Math.round(bytes / 10_000)} bytes per account)\n`);
		expect(bytes).toBeLessThan(2_000_000);
		expect(state.users).toBe(10_000 * 20);
	}, 120_000);

	it('a state of another zone, other thresholds, a later day or another version is refused with the reason (the sweep recounts)', () => {
		const day1 = createUsageAccumulator({ asOf: AS_OF });
		feed(day1, STORY.filter((row) => dayOf(row) < '2026-03-10'));
		const state = usageStateOf(day1);
		const refusal = (value: unknown, options: Parameters<typeof restoreUsageAccumulator>[1]) => {
			try {
				restoreUsageAccumulator(value, options);
			} catch (error) {
				expect(error).toBeInstanceOf(UsageStateError);
				return (error as Error).message;
			}
			return 'restored';
		};
		expect(refusal(state, { asOf: '2026-03-11T09:00', timezone: 'Europe/Berlin' })).toBe('The stored usage was counted in UTC days and this run counts Europe/Berlin days: it is recounted');
		expect(refusal(state, { asOf: '2026-03-11T09:00:00Z', thresholds: { belowBaselineDays: 120 } })).toBe(
			'The stored usage was counted for other detection thresholds (they decide how many days are kept): it is recounted',
		);
		expect(refusal(state, { asOf: '2026-03-05T09:00:00Z' })).toBe(
			"The stored usage runs to 2026-03-09, after this run's last complete day 2026-03-04 (as-of moved back): it is recounted for this as-of",
		);
		expect(refusal({ version: 1, accounts: [] }, { asOf: AS_OF })).toBe('The stored usage state is from another version of CS Usage Signals: it is recounted');
		expect(refusal({ ...state, data: 'bm90IGRlZmxhdGU=' }, { asOf: '2026-03-11T09:00:00Z' })).toMatch(/it is recounted$/);
		// the same day again (a second run on one day) restores and finds the same signals
		expect(refusal(state, { asOf: '2026-03-10T18:00:00Z' })).toBe('restored');
		expect(detectUsageSignals(restoreUsageAccumulator(state, { asOf: '2026-03-10T18:00:00Z' }), ACCOUNTS)).toEqual(
			detectUsageSignals(day1, ACCOUNTS).map((signal) => ({ ...signal, detectedAt: '2026-03-10T18:00:00Z' })),
		);
	});
});
