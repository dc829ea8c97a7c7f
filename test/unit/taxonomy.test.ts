import { DateTime } from 'luxon';
import { HEALTH_DIMENSIONS, POLARITIES, SIGNAL_CATEGORIES, closestName, editDistance } from '../../engine/model';
import {
	SIGNAL_TYPES,
	decayedWeight,
	findSignalType,
	getSignalType,
	signalTypesByCategory,
	signalWeight,
} from '../../engine/taxonomy';

/** The fixed ids other parts of the system rely on (common brief). */
const FIXED_IDS: Record<string, string[]> = {
	meetings: ['sentiment_decline', 'exec_absence', 'budget_language', 'competitor_mention', 'new_use_case', 'champion_positive', 'cadence_drop', 'new_stakeholder'],
	email: ['response_time_degrading', 'thread_silence', 'shorter_replies', 'exec_engagement_drop', 'new_stakeholder', 'budget_language', 'sentiment_shift'],
	slack: ['volume_drop', 'negative_sentiment', 'escalation_language', 'new_members', 'positive_sentiment', 'unanswered_question'],
	crm: ['stage_regression', 'discount_expiring', 'contraction', 'payment_issue', 'no_exec_sponsor', 'single_threaded', 'cancel_intent', 'nps_detractor', 'nps_promoter', 'expansion_opportunity'],
	support: ['volume_spike', 'sev1_escalation', 'ticket_burst', 'repeat_issue', 'frustration_language', 'low_csat', 'slow_resolution', 'sla_breach'],
	usage: ['wau_drop', 'below_baseline', 'adoption_plateau', 'seat_utilisation_high', 'feature_adoption', 'depth_increase', 'low_activation', 'usage_decline', 'module_decline', 'integration_silent', 'login_decline'],
	exec: ['sponsor_departed', 'champion_departed', 'champion_promoted', 'new_executive', 'title_change', 'reorganisation'],
	market: ['funding', 'layoffs', 'acquisition', 'leadership_change', 'expansion_news', 'earnings_miss', 'security_breach', 'competitor_partnership'],
};
const FIXED = Object.entries(FIXED_IDS).flatMap(([category, names]) => names.map((name) => `${category}.${name}`));

describe('the signal taxonomy', () => {
	it('has at least 42 types, exactly the 64 fixed ids', () => {
		expect(SIGNAL_TYPES.length).toBeGreaterThanOrEqual(42);
		expect(SIGNAL_TYPES.map((t) => t.id).sort()).toEqual([...FIXED].sort());
		expect(SIGNAL_TYPES).toHaveLength(64);
	});

	it('covers all eight categories with at least four types each', () => {
		const groups = signalTypesByCategory();
		expect(Object.keys(groups)).toEqual([...SIGNAL_CATEGORIES]);
		const counts = Object.fromEntries(Object.entries(groups).map(([category, types]) => [category, types.length]));
		expect(counts).toEqual({ meetings: 8, email: 7, slack: 6, crm: 10, support: 8, usage: 11, exec: 6, market: 8 });
		for (const count of Object.values(counts)) expect(count).toBeGreaterThanOrEqual(4);
	});

	it('has unique ids of the form category.name matching the category field', () => {
		const ids = SIGNAL_TYPES.map((t) => t.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const type of SIGNAL_TYPES) {
			expect(type.id).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
			expect(type.id.split('.')[0]).toBe(type.category);
		}
	});

	it.each(SIGNAL_TYPES.map((t) => [t.id, t] as const))('%s has every field in range', (_id, type) => {
		expect(POLARITIES).toContain(type.polarity);
		expect(HEALTH_DIMENSIONS).toContain(type.dimension);
		expect(Number.isInteger(type.defaultSeverity)).toBe(true);
		expect(type.defaultSeverity).toBeGreaterThanOrEqual(1);
		expect(type.defaultSeverity).toBeLessThanOrEqual(10);
		expect(type.halfLifeDays).toBeGreaterThan(0);
		expect(type.halfLifeDays).toBeLessThanOrEqual(365);
		expect(type.description.length).toBeGreaterThan(20);
		expect(type.description).not.toMatch(/\n/);
		for (const [name, value] of Object.entries(type.detection)) {
			expect(name).toMatch(/^[a-z][A-Za-z]+$/);
			expect(Number.isFinite(value)).toBe(true);
		}
	});

	it('marks exactly the six value-decision types', () => {
		expect(SIGNAL_TYPES.filter((t) => t.valueDecision).map((t) => t.id).sort()).toEqual(
			['email.new_stakeholder', 'exec.new_executive', 'meetings.new_stakeholder', 'meetings.new_use_case', 'slack.new_members', 'usage.feature_adoption'],
		);
	});

	it('carries the seeds’ detection thresholds', () => {
		expect(getSignalType('usage.wau_drop').detection).toEqual({ dropPct: 30, windowDays: 7 });
		expect(getSignalType('support.ticket_burst').detection).toEqual({ minTickets: 3, windowDays: 7 });
		expect(getSignalType('support.volume_spike').detection.increasePct).toBe(40);
		expect(getSignalType('crm.nps_detractor').detection).toEqual({ maxScore: 5 });
		expect(getSignalType('usage.below_baseline').detection.minDaysBelow).toBe(30);
		expect(getSignalType('email.response_time_degrading').detection.windowDays).toBe(60);
		expect(getSignalType('usage.seat_utilisation_high').detection).toEqual({ minUtilisationPct: 80 });
		expect(getSignalType('usage.adoption_plateau').detection.minFlatDays).toBe(60);
		expect(getSignalType('usage.low_activation').detection).toEqual({ maxActivationPct: 20, checkDay: 60 });
	});

	it('gives acute events short half-lives and structural changes long ones', () => {
		expect(getSignalType('support.sev1_escalation').halfLifeDays).toBe(14);
		expect(getSignalType('exec.sponsor_departed').halfLifeDays).toBe(90);
		expect(getSignalType('market.funding').halfLifeDays).toBe(30);
	});
});

describe('lookup', () => {
	it('finds a type by id and returns undefined for an unknown one', () => {
		expect(findSignalType('support.volume_spike')?.category).toBe('support');
		expect(findSignalType('support.volum_spike')).toBeUndefined();
	});

	it('suggests the closest id for a typo', () => {
		expect(() => getSignalType('support.volum_spike')).toThrow(
			new Error('Unknown signal type "support.volum_spike". Did you mean "support.volume_spike"?'),
		);
		expect(() => getSignalType('usage.wau-drop')).toThrow('Unknown signal type "usage.wau-drop". Did you mean "usage.wau_drop"?');
	});

	it('points to the taxonomy command when nothing is close', () => {
		expect(() => getSignalType('weather.rain')).toThrow(
			new Error('Unknown signal type "weather.rain". Run "cs-signal-os taxonomy" for the list of signal types.'),
		);
	});

	it('closestName measures edit distance and refuses far-off names', () => {
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
		expect(closestName('helthScore', ['healthScore', 'riskScore'])).toBe('healthScore');
		expect(closestName('zzz', ['healthScore', 'riskScore'])).toBeUndefined();
	});
});

describe('decay', () => {
	it('halves the weight at one half-life and quarters it at two', () => {
		expect(decayedWeight(8, 0, 14)).toBe(8);
		expect(decayedWeight(8, 14, 14)).toBeCloseTo(4, 10);
		expect(decayedWeight(8, 28, 14)).toBeCloseTo(2, 10);
	});

	it('decreases strictly as the signal ages', () => {
		const weights = [0, 1, 7, 30, 90, 365].map((age) => decayedWeight(6, age, 30));
		for (let i = 1; i < weights.length; i++) expect(weights[i]).toBeLessThan(weights[i - 1]);
	});

	it('treats a negative age as zero', () => {
		expect(decayedWeight(5, -3, 30)).toBe(5);
	});

	it('rejects a non-positive half-life', () => {
		expect(() => decayedWeight(5, 1, 0)).toThrow('halfLifeDays must be a positive number of days, got 0');
	});

	it('weighs a signal by its type half-life and observedAt', () => {
		const asOf = DateTime.fromISO('2026-03-15T09:00:00+02:00', { setZone: true });
		// support.sev1_escalation: half-life 14 days; observed exactly 14 days earlier.
		expect(signalWeight({ type: 'support.sev1_escalation', severity: 9, observedAt: '2026-03-01T07:00:00Z' }, asOf)).toBeCloseTo(4.5, 10);
		// exec.sponsor_departed: half-life 90 days; 14 days barely decays.
		expect(signalWeight({ type: 'exec.sponsor_departed', severity: 9, observedAt: '2026-03-01T09:00:00+02:00' }, asOf)).toBeCloseTo(
			9 * Math.pow(0.5, 14 / 90),
			10,
		);
		expect(() => signalWeight({ type: 'usage.wau_dorp', severity: 5, observedAt: '2026-03-01' }, asOf)).toThrow(
			'Did you mean "usage.wau_drop"?',
		);
	});
});
