/**
 * Reduce at the edge: the accumulator's own size counters stay bounded by accounts × window days however
 * many events go through it (the carried state between runs: usage-state.test.ts).
 */
import { createUsageAccumulator, detectUsageSignals, type UsageAccumulator, type UsageEvent } from '../../engine/detect/usage';
import { activity } from './usage-fixtures';

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
		expect(account.distinctSeries(7)[125]).toBe(3);
		expect(account.distinctEnding(30, 125)).toBe(3);
	});
});
