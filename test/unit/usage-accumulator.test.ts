/**
 * Reduce at the edge: the accumulator's own size counters stay bounded by accounts × window days however
 * many events go through it; a stored snapshot plus the next day equals recounting everything.
 */
import { DateTime } from 'luxon';
import {
	createUsageAccumulator,
	detectUsageSignals,
	restoreUsageAccumulator,
	type UsageAccumulator,
	type UsageEvent,
} from '../../engine/detect/usage';
import { activity, systemEvents } from './usage-fixtures';

const AS_OF = '2026-03-10T09:00:00Z';
const WINDOW_START_MS = Date.parse('2025-11-04T00:00:00Z');
const DAY_MS = 86_400_000;

/** A deterministic stream of `count` events: `accounts` accounts × `users` users, 10 features, 5 event types. */
function* eventStream(count: number, accounts: number, users: number, seed = 7): Generator<UsageEvent> {
	let state = seed;
	const next = () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		// the high bits: an LCG's low bits repeat with a short period
		return state >>> 8;
	};
	const events = ['Page Viewed', 'Report Built', 'Logged In', 'Export', 'CRM Sync'];
	for (let i = 0; i < count; i += 1) {
		const account = next() % accounts;
		yield {
			accountId: `acct-${account}`,
			userId: `acct-${account}-user-${next() % users}`,
			event: events[next() % events.length],
			feature: `feature-${next() % 10}`,
			occurredAt: WINDOW_START_MS + (next() % (126 * DAY_MS)),
		};
	}
}

function* take<T>(iterator: Iterator<T>, count: number): Generator<T> {
	for (let i = 0; i < count; i += 1) {
		const next = iterator.next();
		if (next.done) return;
		yield next.value;
	}
}

function feed(accumulator: UsageAccumulator, events: Iterable<UsageEvent>): void {
	for (const event of events) accumulator.addEvent(event);
}

describe('the usage accumulator keeps memory bounded by accounts × window days', () => {
	it('a 1,000,000-event stream of 1,000 accounts: the counters are the population’s, and the last 750,000 events add nothing', () => {
		const accumulator = createUsageAccumulator({ asOf: AS_OF });
		const stream = eventStream(1_000_000, 1_000, 10);
		feed(accumulator, take(stream, 250_000));
		const early = accumulator.size();
		// per account: events + logins per day, 10 features × their days, 10 users × 4 words of day bits,
		// one word of user bits per feature, 5 event types × 4 words of day bits
		expect(early).toEqual({
			accounts: 1_000,
			windowDays: 126,
			dayBuckets: 1_000 * 126 * (2 + 10),
			trackedUsers: 1_000 * 10,
			userDayWords: 1_000 * 10 * 4,
			features: 1_000 * 10,
			featureUserWords: 1_000 * 10,
			eventTypes: 1_000 * 5,
			eventTypeDayWords: 1_000 * 5 * 4,
		});

		feed(accumulator, stream);
		expect(accumulator.stats.eventsCounted).toBe(1_000_000);
		expect(accumulator.size()).toEqual(early);
		// a million events become a few signals per account at most
		expect(detectUsageSignals(accumulator).length).toBeLessThan(1_000 * 11);
	}, 120_000);

	it('the caps hold against a mis-mapped key (every user its own "account") and count what they turn away', () => {
		const accumulator = createUsageAccumulator({ asOf: AS_OF, limits: { maxAccounts: 100, maxUsersPerAccount: 50, maxFeaturesPerAccount: 3, maxEventTypesPerAccount: 2 } });
		feed(accumulator, eventStream(20_000, 1_000, 1_000));
		const size = accumulator.size();
		expect(size.accounts).toBe(100);
		expect(size.trackedUsers).toBeLessThanOrEqual(100 * 50);
		expect(size.features).toBe(300);
		// 50 users fit in two words of feature-user bits
		expect(size.featureUserWords).toBeLessThanOrEqual(300 * 2);
		expect(size.eventTypes).toBe(200);
		const { stats } = accumulator;
		expect(stats.accountLimit).toBeGreaterThan(0);
		expect(stats.eventsCounted + stats.accountLimit).toBe(20_000);
		expect(stats.featureLimit).toBeGreaterThan(0);
		expect(stats.eventTypeLimit).toBeGreaterThan(0);
		for (const account of accumulator.accounts()) expect(account.userCount).toBeLessThanOrEqual(50);
	});

	it('distinct users across days are exact: the same person on seven days is one weekly active user', () => {
		const accumulator = createUsageAccumulator({ asOf: AS_OF });
		for (const row of activity('acme', 3, '2026-03-03', '2026-03-09')) accumulator.addEvent(row as unknown as UsageEvent);
		const account = accumulator.account('acme')!;
		expect(account.distinctUsers(119, 125)).toBe(3);
		expect(account.distinctUsers(125, 125)).toBe(3);
		expect(account.distinctUsers(0, 118)).toBe(0);
		expect(account.rollingDistinct(7).rolling[125]).toBe(3);
	});
});

describe('a stored snapshot plus the new day equals recounting everything', () => {
	const story = [
		...activity('acme', 6, '2025-12-01', '2026-03-10'),
		...activity('acme', 4, '2025-12-01', '2026-03-03', { firstUser: 7 }),
		...systemEvents('acme', 'CRM Sync', '2026-01-01', '2026-03-07'),
		...activity('orbit', 10, '2025-11-01', '2026-03-10'),
		...activity('orbit', 3, '2026-02-20', '2026-03-10', { event: 'Report Built', feature: 'Reports' }),
		...activity('brightline', 80, '2026-03-10', '2026-03-10'),
	] as unknown as UsageEvent[];
	const accounts = [{ accountId: 'brightline', licensedSeats: 100, onboarding: {} }];

	it('day 2 restores day 1’s snapshot (through JSON) and reads only 2026-03-10', () => {
		const day1 = createUsageAccumulator({ asOf: AS_OF });
		feed(day1, story.filter((row) => String(row.occurredAt) < '2026-03-10'));
		const stored = JSON.parse(JSON.stringify(day1.snapshot()));

		const day2 = restoreUsageAccumulator(stored, { asOf: '2026-03-11T09:00:00Z' });
		feed(day2, story.filter((row) => String(row.occurredAt).startsWith('2026-03-10')));

		const recount = createUsageAccumulator({ asOf: '2026-03-11T09:00:00Z' });
		feed(recount, story);

		const signals = detectUsageSignals(recount, accounts);
		expect(signals.map((s) => [s.accountId, s.type])).toEqual([
			['acme', 'usage.integration_silent'],
			['acme', 'usage.wau_drop'],
			['brightline', 'usage.seat_utilisation_high'],
			['orbit', 'usage.feature_adoption'],
		]);
		expect(detectUsageSignals(day2, accounts)).toEqual(signals);
		expect(day2.size()).toEqual(recount.size());
	});

	it('refuses to move back in time over stored usage', () => {
		const day1 = createUsageAccumulator({ asOf: AS_OF });
		feed(day1, story.filter((row) => String(row.occurredAt) < '2026-03-10'));
		expect(() => restoreUsageAccumulator(day1.snapshot(), { asOf: '2026-03-05T09:00:00Z' })).toThrow(
			'The stored usage state runs to 2026-03-09, after this run\'s last complete day 2026-03-04: as-of cannot move back in time over stored usage — clear the stored state to recount',
		);
	});

	it('refuses a snapshot counted in another time zone’s days', () => {
		const day1 = createUsageAccumulator({ asOf: AS_OF });
		expect(() => restoreUsageAccumulator(day1.snapshot(), { asOf: '2026-03-11T09:00', timezone: 'Europe/Berlin' })).toThrow(
			"The stored usage was counted in UTC days and this run counts Europe/Berlin days: clear the stored state to recount (or keep the workflow's time zone)",
		);
	});

	it('a snapshot holds no user id, only hashes', () => {
		const day1 = createUsageAccumulator({ asOf: DateTime.fromISO(AS_OF, { zone: 'utc' }) });
		feed(day1, story);
		const text = JSON.stringify(day1.snapshot());
		// base64 has no quotes: a quoted "u7" would be a user id
		expect(text).not.toMatch(/"u\d+"/);
		expect(text).toContain('"userHashes"');
	});
});
