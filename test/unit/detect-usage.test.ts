/**
 * The usage detectors, held-out style: each scenario is a story a CSM would recognise, built as raw rows
 * (who was active on which day), and the test pins the signal and the exact sentence a CSM reads.
 * As-of is 2026-03-10 09:00 UTC throughout, so the last complete day is 2026-03-09.
 */
import { detectUsageSignalsFromRows, type UsageRowsOptions } from '../../engine/detect/usage';
import { activity, days, shift, systemEvents } from './usage-fixtures';

const AS_OF = '2026-03-10T09:00:00Z';
const LAST = '2026-03-09';

function run(rows: unknown[], accounts: unknown[] = [], options: UsageRowsOptions = {}) {
	return detectUsageSignalsFromRows(rows, accounts, { asOf: AS_OF, ...options });
}

function ofType(rows: unknown[], type: string, accounts: unknown[] = [], options: UsageRowsOptions = {}) {
	const result = run(rows, accounts, options);
	expect(result.unusable).toEqual([]);
	return result.signals.filter((signal) => signal.type === type);
}

describe('usage.wau_drop — weekly active users down more than 30% week over week', () => {
	it('names both weeks and the drop', () => {
		const rows = [...activity('acme', 6, '2025-12-01', LAST), ...activity('acme', 4, '2025-12-01', '2026-03-02', { firstUser: 7 })];
		const [signal, ...rest] = ofType(rows, 'usage.wau_drop');
		expect(rest).toEqual([]);
		expect(signal).toMatchObject({
			accountId: 'acme',
			category: 'usage',
			polarity: 'risk',
			severity: 7,
			value: 6,
			baseline: 10,
			observedAt: '2026-03-10T00:00:00Z',
			detectedAt: '2026-03-10T09:00:00Z',
			evidence: 'Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)',
			source: { system: 'input', ref: 'acme@2026-03-09' },
			attributes: { changePct: -40, windowDays: 7, measure: 'users' },
		});
	});

	it.each([
		[70, 'a 30% drop is not more than 30%', 0],
		[69, 'a 31% drop is', 1],
	])('boundary: 100 → %i active users (%s)', (current, _why, expected) => {
		const rows = [...activity('acme', current, '2026-02-01', LAST), ...activity('acme', 100 - current, '2026-02-01', '2026-03-02', { firstUser: current + 1 })];
		const signals = ofType(rows, 'usage.wau_drop');
		expect(signals).toHaveLength(expected);
		if (expected) expect(signals[0].evidence).toBe('Weekly active users down 31% week over week (69 vs 100, 7 days to 2026-03-09)');
	});

	it('halved usage raises severity and says so', () => {
		const rows = [...activity('acme', 5, '2026-02-01', LAST), ...activity('acme', 5, '2026-02-01', '2026-03-02', { firstUser: 6 })];
		const [signal] = ofType(rows, 'usage.wau_drop');
		expect(signal.severity).toBe(8);
		expect(signal.evidence).toBe('Weekly active users down 50% week over week (5 vs 10, 7 days to 2026-03-09) — at least halved');
	});

	it('is silent below the noise floor (4 → 1 user) and without a whole week before', () => {
		const small = [...activity('tiny', 1, '2026-02-01', LAST), ...activity('tiny', 3, '2026-02-01', '2026-03-02', { firstUser: 2 })];
		expect(ofType(small, 'usage.wau_drop')).toEqual([]);
		const young = [...activity('young', 6, '2026-02-28', LAST), ...activity('young', 4, '2026-02-28', '2026-03-02', { firstUser: 7 })];
		expect(ofType(young, 'usage.wau_drop')).toEqual([]);
	});

	it('an override of the threshold applies (25%: 100 → 70 fires)', () => {
		const rows = [...activity('acme', 70, '2026-02-01', LAST), ...activity('acme', 30, '2026-02-01', '2026-03-02', { firstUser: 71 })];
		expect(ofType(rows, 'usage.wau_drop', [], { thresholds: { wauDropPct: '25' } })).toHaveLength(1);
	});
});

describe('usage.usage_decline — usage down 30% over two months', () => {
	/** Pre-aggregated rows: `before` events a day until 2026-01-31, then `after` (the last three days `tail`). */
	function dailyEvents(before: number, after: number, tail = after) {
		return days('2025-12-01', LAST).map((day) => ({ accountId: 'acme', day, events: day < '2026-02-01' ? before : day > '2026-03-06' ? tail : after }));
	}

	it('compares the last 30 days with the 30 days two months earlier', () => {
		const [signal] = ofType(dailyEvents(10, 7), 'usage.usage_decline');
		expect(signal).toMatchObject({
			severity: 6,
			value: 210,
			baseline: 300,
			evidence: 'Usage down 30% over 60 days: 210 events in the 30 days to 2026-03-09 vs 300 in the 30 days to 2026-01-08',
			attributes: { changePct: -30, windowDays: 30, spanDays: 60, unit: 'events' },
		});
	});

	it('boundary: 29% is not a 30% decline', () => {
		expect(ofType(dailyEvents(10, 7, 8), 'usage.usage_decline')).toEqual([]);
	});

	it('needs history back to the earlier month', () => {
		const young = days('2025-12-15', LAST).map((day) => ({ accountId: 'acme', day, events: day < '2026-02-01' ? 10 : 5 }));
		expect(ofType(young, 'usage.usage_decline')).toEqual([]);
	});
});

describe('usage.below_baseline — below the account’s own baseline for 30+ days', () => {
	/** 6 users stay; 4 users were last active on `lastDay4`. History reaches back before the window. */
	function dip(lastDay4: string) {
		return [...activity('acme', 6, '2025-11-01', LAST), ...activity('acme', 4, '2025-11-01', lastDay4, { firstUser: 7 })];
	}

	it.each([
		['2026-02-01', 30, 1],
		['2026-02-02', 29, 0],
	])('boundary: four users gone after %s → weekly active users under the baseline for %i days', (lastDay4, _days, expected) => {
		const signals = ofType(dip(lastDay4), 'usage.below_baseline');
		expect(signals).toHaveLength(expected);
		if (expected) {
			expect(signals[0]).toMatchObject({
				severity: 6,
				value: 6,
				baseline: 10,
				evidence: 'Weekly active users 6 vs 10 baseline (40% below), under it for 4 weeks (30 days) to 2026-03-09',
				attributes: { changePct: -40, daysBelow: 30, baselineDays: 90, belowPct: 10 },
			});
		}
	});

	it('a long dip is measured against the baseline before it began (the issue’s 236 vs 328, 8 weeks)', () => {
		const rows = [...activity('kestrel', 236, '2025-11-01', LAST), ...activity('kestrel', 92, '2025-11-01', '2026-01-06', { firstUser: 237 })];
		const [signal] = ofType(rows, 'usage.below_baseline');
		expect(signal.evidence).toBe('Weekly active users 236 vs 328 baseline (28% below), under it for 8 weeks (56 days) to 2026-03-09');
		expect(signal.attributes).toMatchObject({ daysBelow: 56, baselineDays: 64, changePct: -28 });
	});

	it('a 5% dip is within the 10% tolerance', () => {
		const rows = [...activity('acme', 19, '2025-11-01', LAST), ...activity('acme', 1, '2025-11-01', '2026-01-01', { firstUser: 20 })];
		expect(ofType(rows, 'usage.below_baseline')).toEqual([]);
	});
});

describe('usage.adoption_plateau — usage flat 60+ days after onboarding', () => {
	const flat = activity('helix', 40, '2025-10-01', LAST);

	it.each([
		['2025-10-11', 1],
		['2025-10-12', 0],
	])('boundary: contract start %s (onboarding ends 90 days later; 60 vs 59 days since)', (contractStart, expected) => {
		const signals = ofType(flat, 'usage.adoption_plateau', [{ accountId: 'helix', contractStart, licensedSeats: 120 }]);
		expect(signals).toHaveLength(expected);
		if (expected) {
			expect(signals[0]).toMatchObject({
				severity: 4,
				value: 40,
				baseline: 40,
				evidence: 'Weekly active users flat for 60 days after onboarding (40 → 40, within ±5%), 33.3% of 120 licensed seats, to 2026-03-09',
				attributes: { flatDays: 60, changePct: 0, flatBandPct: 5, onboardingEndedOn: '2026-01-09' },
			});
		}
	});

	it('reports the longest flat span the window holds', () => {
		const [signal] = ofType(flat, 'usage.adoption_plateau', [{ accountId: 'helix', contractStart: '2025-01-01' }]);
		expect(signal.evidence).toBe('Weekly active users flat for 120 days after onboarding (40 → 40, within ±5%), to 2026-03-09');
		expect(signal.attributes.flatDays).toBe(120);
	});

	it('growing usage is no plateau; no contract start, no plateau', () => {
		const growing = [...activity('helix', 30, '2025-10-01', LAST), ...activity('helix', 10, '2026-01-20', LAST, { firstUser: 31 })];
		expect(ofType(growing, 'usage.adoption_plateau', [{ accountId: 'helix', contractStart: '2025-01-01' }])).toEqual([]);
		expect(ofType(flat, 'usage.adoption_plateau')).toEqual([]);
	});

	it('shares its one "flat 60+ days" number', async () => {
		const { ADOPTION_PLATEAU_FLAT_DAYS, defaultUsageThresholds } = await import('../../engine/detect/usage');
		expect(ADOPTION_PLATEAU_FLAT_DAYS).toBe(60);
		expect(defaultUsageThresholds().plateauMinFlatDays).toBe(ADOPTION_PLATEAU_FLAT_DAYS);
	});
});

describe('usage.seat_utilisation_high — 80%+ of licensed seats in use', () => {
	it.each([
		[80, 1],
		[79, 0],
	])('boundary: %i of 100 seats active in the last 30 days', (users, expected) => {
		const signals = ofType(activity('brightline', users, '2026-03-01', '2026-03-01'), 'usage.seat_utilisation_high', [{ accountId: 'brightline', licensedSeats: 100 }]);
		expect(signals).toHaveLength(expected);
		if (expected) {
			expect(signals[0]).toMatchObject({
				polarity: 'opportunity',
				value: 80,
				evidence: 'Seat utilisation 80% (80 of 100 licensed seats active in the 30 days to 2026-03-09)',
				attributes: { activeUsers: 80, licensedSeats: 100, windowDays: 30 },
			});
		}
	});

	it('from pre-aggregated rows, the peak day says how many seats are in use', () => {
		const rows = [
			{ accountId: 'brightline', day: '2026-03-02', activeUsers: 85, events: 900 },
			{ accountId: 'brightline', day: '2026-03-03', activeUsers: 60, events: 500 },
		];
		const [signal] = ofType(rows, 'usage.seat_utilisation_high', [{ accountId: 'brightline', name: 'Brightline Health', arr: 90000, licensedSeats: 100 }]);
		expect(signal.evidence).toBe('Seat utilisation 85% (peak of 85 daily active users on 100 licensed seats in the 30 days to 2026-03-09)');
	});
});

describe('usage.feature_adoption — a new feature used by 3+ people', () => {
	const history = activity('orbit', 10, '2025-11-01', LAST);

	it('names the feature, its first day and how many use it; the id stays while it lasts', () => {
		const rows = [...history, ...activity('orbit', 3, '2026-02-20', LAST, { event: 'Report Built', feature: 'Reports' })];
		const [signal] = ofType(rows, 'usage.feature_adoption');
		expect(signal).toMatchObject({
			polarity: 'opportunity',
			value: 3,
			observedAt: '2026-02-20T00:00:00Z',
			evidence: 'Feature "Reports" adopted: first used 2026-02-20, 3 users in the 30 days to 2026-03-09',
			source: { ref: 'orbit/Reports@2026-02-20' },
		});
		const nextDay = run(rows, [], { asOf: '2026-03-11T09:00:00Z' }).signals.filter((s) => s.type === 'usage.feature_adoption');
		expect(nextDay.map((s) => s.id)).toEqual([signal.id]);
	});

	it('two people are not an adoption; a feature used since December is not new', () => {
		expect(ofType([...history, ...activity('orbit', 2, '2026-02-20', LAST, { feature: 'Reports' })], 'usage.feature_adoption')).toEqual([]);
		const old = [...history, ...activity('orbit', 1, '2025-12-05', '2025-12-05', { feature: 'Reports' }), ...activity('orbit', 5, '2026-02-20', LAST, { feature: 'Reports' })];
		expect(ofType(old, 'usage.feature_adoption')).toEqual([]);
	});
});

describe('usage.depth_increase — events per active user up 20%+', () => {
	/** 10 users, one event a day each; in the last 30 days u1 does 2 a day, and u2 too on the first `u2Days` days. */
	function deeper(u2Days: number) {
		return [
			...activity('orbit', 10, '2025-12-01', LAST),
			...activity('orbit', 1, '2026-02-08', LAST, { firstUser: 1 }),
			...activity('orbit', 1, '2026-02-08', shift('2026-02-08', u2Days - 1), { firstUser: 2 }),
		];
	}

	it('compares this month with the month before', () => {
		const [signal] = ofType(deeper(30), 'usage.depth_increase');
		expect(signal).toMatchObject({
			polarity: 'opportunity',
			value: 36,
			baseline: 30,
			evidence: 'Usage depth up 20%: 36 events per active user in the 30 days to 2026-03-09 vs 30 in the 30 days before (360 vs 300 events)',
			attributes: { changePct: 20, windowDays: 30, activeUsers: 10, previousActiveUsers: 10 },
		});
	});

	it('boundary: +19% is not +20%', () => {
		expect(ofType(deeper(27), 'usage.depth_increase')).toEqual([]);
	});
});

describe('usage.module_decline — a module’s usage down 40% in 30 days', () => {
	/** Billing: 10 events on each of 10 days in the earlier month; `current` events in the last month. */
	function billing(current: number) {
		const earlier = days('2026-01-20', '2026-01-29').flatMap((day) => activity('acme', 1, day, day, { feature: 'Billing', perUser: 10 }));
		const recent = activity('acme', 1, '2026-03-01', '2026-03-01', { feature: 'Billing', perUser: current });
		return [...activity('acme', 5, '2025-12-01', LAST), ...activity('acme', 1, '2025-12-01', '2025-12-01', { feature: 'Billing' }), ...earlier, ...recent];
	}

	it.each([
		[60, 1],
		[61, 0],
	])('boundary: 100 → %i Billing events', (current, expected) => {
		const signals = ofType(billing(current), 'usage.module_decline');
		expect(signals).toHaveLength(expected);
		if (expected) {
			expect(signals[0]).toMatchObject({
				value: 60,
				baseline: 100,
				evidence: 'Module "Billing" usage down 40% in 30 days: 60 events in the 30 days to 2026-03-09 vs 100 in the 30 days before',
				source: { ref: 'acme/Billing@2026-03-09' },
				attributes: { module: 'Billing', changePct: -40 },
			});
		}
	});

	it('watches only the key modules when they are named', () => {
		expect(ofType(billing(10), 'usage.module_decline', [], { keyModules: ['Reports'] })).toEqual([]);
		expect(ofType(billing(10), 'usage.module_decline', [], { keyModules: ['billing'] })).toHaveLength(1);
	});
});

describe('usage.integration_silent — an event that fired daily went silent', () => {
	const people = activity('acme', 5, '2025-12-01', LAST);

	it.each([
		['2026-03-06', 3, 1],
		['2026-03-07', 2, 0],
	])('boundary: CRM Sync last fired %s (%i silent days)', (lastFired, _silent, expected) => {
		const signals = ofType([...people, ...systemEvents('acme', 'CRM Sync', '2026-01-01', lastFired)], 'usage.integration_silent');
		expect(signals).toHaveLength(expected);
		if (expected) {
			expect(signals[0]).toMatchObject({
				severity: 7,
				value: 3,
				observedAt: '2026-03-10T00:00:00Z',
				evidence: '"CRM Sync" has not fired for 3 days (last 2026-03-06) after firing on 14 of the 14 days up to then',
				source: { ref: 'acme/CRM Sync@2026-03-06' },
			});
		}
	});

	it('stays one signal while the silence lasts, and says when it doubled', () => {
		const rows = [...people, ...systemEvents('acme', 'CRM Sync', '2026-01-01', '2026-03-03')];
		const [today] = ofType(rows, 'usage.integration_silent');
		const [later] = run(rows, [], { asOf: '2026-03-12T09:00:00Z' }).signals.filter((s) => s.type === 'usage.integration_silent');
		expect(later.id).toBe(today.id);
		expect(today.evidence).toBe('"CRM Sync" has not fired for 6 days (last 2026-03-03) after firing on 14 of the 14 days up to then — silent for at least twice the 3-day threshold');
		expect(today.severity).toBe(8);
	});

	it('an event that skipped two days was not daily; a whole account going quiet is not an integration failure unless it is listed', () => {
		const gappy = systemEvents('acme', 'CRM Sync', '2026-01-01', '2026-03-06').filter((row) => !['2026-02-25', '2026-02-27'].includes(String(row.occurredAt).slice(0, 10)));
		expect(ofType([...people, ...gappy], 'usage.integration_silent')).toEqual([]);
		const quiet = [...activity('acme', 5, '2025-12-01', '2026-03-06'), ...systemEvents('acme', 'CRM Sync', '2026-01-01', '2026-03-06')];
		expect(ofType(quiet, 'usage.integration_silent')).toEqual([]);
		expect(ofType(quiet, 'usage.integration_silent', [], { integrationEvents: ['crm_sync'] })).toHaveLength(1);
	});
});

describe('usage.login_decline — users log in less often', () => {
	/** 10 users browse daily; each logs in on `earlier` days of the month before and `recent` days of the last month. */
	function logins(earlier: number, recent: number) {
		return [
			...activity('acme', 10, '2025-12-01', LAST),
			...activity('acme', 10, '2026-01-09', shift('2026-01-09', earlier - 1), { event: 'Logged In' }),
			...activity('acme', 10, '2026-02-08', shift('2026-02-08', recent - 1), { event: 'Logged In' }),
		];
	}

	it('logins per active user, this month vs the month before', () => {
		const [signal] = ofType(logins(20, 14), 'usage.login_decline');
		expect(signal).toMatchObject({
			severity: 5,
			value: 14,
			baseline: 20,
			evidence: 'Logins per active user down 30%: 14 in the 30 days to 2026-03-09 vs 20 in the 30 days before (140 vs 200 logins)',
		});
	});

	it('boundary: 20 → 15 logins a user is 25%, not a decline; custom login event names', () => {
		expect(ofType(logins(20, 15), 'usage.login_decline')).toEqual([]);
		expect(ofType(logins(20, 14), 'usage.login_decline', [], { loginEvents: ['Session Started'] })).toEqual([]);
	});
});

describe('usage.low_activation — under 20% of seats active by day 60', () => {
	const contract = { accountId: 'nova', contractStart: '2026-01-05', licensedSeats: 150 };

	it('counts the seats active in the 30 days up to day 60', () => {
		const [signal] = ofType(activity('nova', 20, '2026-02-10', LAST), 'usage.low_activation', [contract]);
		expect(signal).toMatchObject({
			severity: 7,
			value: 13.3,
			baseline: 20,
			observedAt: '2026-03-07T00:00:00Z',
			evidence: '13.3% of licensed seats active by day 60 (20 of 150 in the 30 days to 2026-03-06)',
			source: { ref: 'nova@2026-03-06' },
		});
	});

	it('30 of 150 is 20%: not below 20%; an account with no usage at all is', () => {
		expect(ofType(activity('nova', 30, '2026-02-10', LAST), 'usage.low_activation', [contract])).toEqual([]);
		const [none] = ofType(activity('other', 5, '2026-02-10', LAST), 'usage.low_activation', [contract]);
		expect(none.evidence).toBe('No usage recorded by day 60 (2026-03-06) for 150 licensed seats');
		expect(none.attributes.noUsageRecorded).toBe(true);
	});
});

describe('one run over a book', () => {
	it('is a pure function: same rows in any order → the same signals with the same ids', () => {
		const rows = [...activity('acme', 6, '2025-12-01', LAST), ...activity('acme', 4, '2025-12-01', '2026-03-02', { firstUser: 7 }), ...activity('brightline', 80, '2026-03-01', '2026-03-01')];
		const accounts = [{ accountId: 'brightline', licensedSeats: 100 }];
		const forward = run(rows, accounts);
		const backward = run([...rows].reverse(), accounts);
		expect(backward.signals).toEqual(forward.signals);
		expect(forward.signals.map((s) => [s.accountId, s.type])).toEqual([
			['acme', 'usage.wau_drop'],
			['brightline', 'usage.seat_utilisation_high'],
		]);
	});

	it('the result holds signals and a summary, never the events or a user id', () => {
		const result = run(activity('acme', 10, '2025-12-01', LAST));
		expect(result.summary.rows).toBe(990);
		expect(JSON.stringify(result)).not.toContain('u1"');
	});
});
