import { z } from 'zod';
import { closestName } from '../../model';
import { getSignalType } from '../../taxonomy';
import { ADOPTION_PLATEAU_FLAT_DAYS } from '../../taxonomy/signal-types';

export { ADOPTION_PLATEAU_FLAT_DAYS };

/** What a threshold measures; decides what values are allowed. */
type ThresholdUnit = 'days' | 'dropPct' | 'pct' | 'count';

interface ThresholdSpec {
	/** The taxonomy detection parameter the default is read from … */
	from?: readonly [type: string, param: string];
	/** … or the default itself, when the seeds give no number (the reason is in `description`). */
	default?: number;
	unit: ThresholdUnit;
	/** One line for the node form and for error messages. */
	description: string;
}

/**
 * Every threshold of the usage detectors, in one table. Defaults come from the taxonomy (the seeds' numbers,
 * engine/taxonomy/signal-types.ts); the noise floors and history needs below them are ours, each with its reason.
 * The CS Usage Signals form is built from this table; `resolveUsageThresholds` validates overrides.
 */
export const USAGE_THRESHOLD_TABLE = {
	wauDropPct: { from: ['usage.wau_drop', 'dropPct'], unit: 'dropPct', description: 'WAU drop: weekly active users down by more than this many percent week over week' },
	wauWindowDays: { from: ['usage.wau_drop', 'windowDays'], unit: 'days', description: 'WAU drop: the length of a "week" in days' },
	usageDeclinePct: { from: ['usage.usage_decline', 'minDropPct'], unit: 'dropPct', description: 'Usage decline: events down by at least this many percent …' },
	usageDeclineWindowDays: { from: ['usage.usage_decline', 'windowDays'], unit: 'days', description: 'Usage decline: … comparing windows of this many days …' },
	usageDeclineSpanDays: { from: ['usage.usage_decline', 'spanDays'], unit: 'days', description: 'Usage decline: … this many days apart (two months)' },
	belowBaselineMinDays: { from: ['usage.below_baseline', 'minDaysBelow'], unit: 'days', description: 'Below baseline: weekly active users under the baseline for at least this many days' },
	belowBaselineDays: { from: ['usage.below_baseline', 'baselineDays'], unit: 'days', description: 'Below baseline: the baseline is the average over this many days before' },
	belowBaselinePct: { from: ['usage.below_baseline', 'belowPct'], unit: 'dropPct', description: 'Below baseline: a day counts as below when at least this many percent under the baseline' },
	belowBaselineMinHistoryDays: {
		default: 28,
		unit: 'days',
		description: 'Below baseline: at least this many baseline days with data (four weeks, so one quiet week is not a baseline)',
	},
	plateauMinFlatDays: { from: ['usage.adoption_plateau', 'minFlatDays'], unit: 'days', description: 'Adoption plateau: usage flat for at least this many days after onboarding' },
	plateauFlatBandPct: { from: ['usage.adoption_plateau', 'flatBandPct'], unit: 'pct', description: 'Adoption plateau: "flat" means within plus or minus this many percent' },
	plateauOnboardingDays: { from: ['usage.adoption_plateau', 'onboardingDays'], unit: 'days', description: 'Adoption plateau: onboarding ends this many days after the contract start' },
	seatUtilisationPct: { from: ['usage.seat_utilisation_high', 'minUtilisationPct'], unit: 'pct', description: 'Seat utilisation: at least this many percent of licensed seats active' },
	seatWindowDays: { default: 30, unit: 'days', description: 'Seat utilisation and activation: a seat is active when its user was active within this many days (a month)' },
	featureAdoptionMinUsers: { from: ['usage.feature_adoption', 'minActiveUsers'], unit: 'count', description: 'Feature adoption: a new feature used by at least this many people …' },
	featureAdoptionWindowDays: { from: ['usage.feature_adoption', 'windowDays'], unit: 'days', description: 'Feature adoption: … first used within this many days' },
	featureAdoptionPriorDays: {
		default: 30,
		unit: 'days',
		description: 'Feature adoption: the account needs this many days of history before the window, or every feature would look new on the first run',
	},
	depthIncreasePct: { from: ['usage.depth_increase', 'increasePct'], unit: 'pct', description: 'Depth increase: events per active user up by at least this many percent …' },
	depthWindowDays: { from: ['usage.depth_increase', 'windowDays'], unit: 'days', description: 'Depth increase: … this window vs the one before, in days' },
	moduleDeclinePct: { from: ['usage.module_decline', 'minDropPct'], unit: 'dropPct', description: "Module decline: a module's events down by at least this many percent …" },
	moduleDeclineWindowDays: { from: ['usage.module_decline', 'windowDays'], unit: 'days', description: 'Module decline: … this window vs the one before, in days' },
	integrationSilentDays: { from: ['usage.integration_silent', 'silentDays'], unit: 'days', description: 'Integration silent: no event for at least this many days …' },
	integrationBaselineDays: { from: ['usage.integration_silent', 'baselineDays'], unit: 'days', description: 'Integration silent: … after a run of this many days …' },
	integrationMinFiredDays: { from: ['usage.integration_silent', 'minFiredDays'], unit: 'days', description: 'Integration silent: … on at least this many of which it fired' },
	loginDeclinePct: { from: ['usage.login_decline', 'minDropPct'], unit: 'dropPct', description: 'Login decline: logins per active user down by at least this many percent …' },
	loginDeclineWindowDays: { from: ['usage.login_decline', 'windowDays'], unit: 'days', description: 'Login decline: … this window vs the one before, in days' },
	activationMaxPct: { from: ['usage.low_activation', 'maxActivationPct'], unit: 'pct', description: 'Low activation: fewer than this many percent of licensed seats active …' },
	activationCheckDay: { from: ['usage.low_activation', 'checkDay'], unit: 'days', description: '… this many days after the contract start' },
	minBaselineUsers: {
		default: 5,
		unit: 'count',
		description: 'Noise floor: a drop, dip or plateau needs at least this many active users to compare with (2 → 1 user is not a 50% drop)',
	},
	minBaselineEvents: { default: 50, unit: 'count', description: 'Noise floor: an event comparison needs at least this many events in the earlier window' },
	minModuleEvents: { default: 20, unit: 'count', description: 'Noise floor: a module decline needs at least this many module events in the earlier window' },
	minBaselineLogins: { default: 10, unit: 'count', description: 'Noise floor: a login decline needs at least this many logins in the earlier window' },
} as const satisfies Record<string, ThresholdSpec>;

export type UsageThresholdKey = keyof typeof USAGE_THRESHOLD_TABLE;
export type UsageThresholds = Record<UsageThresholdKey, number>;
export const USAGE_THRESHOLD_KEYS = Object.keys(USAGE_THRESHOLD_TABLE) as UsageThresholdKey[];

function defaultOf(key: UsageThresholdKey): number {
	const spec: ThresholdSpec = USAGE_THRESHOLD_TABLE[key];
	if (spec.from) {
		const [type, param] = spec.from;
		const value = getSignalType(type).detection[param];
		if (typeof value !== 'number') throw new Error(`taxonomy ${type} has no detection parameter "${param}"`);
		return value;
	}
	return spec.default!;
}

export function defaultUsageThresholds(): UsageThresholds {
	return Object.fromEntries(USAGE_THRESHOLD_KEYS.map((key) => [key, defaultOf(key)])) as UsageThresholds;
}

const numeric = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'is not a number').transform(Number)], {
	errorMap: () => ({ message: 'is not a number' }),
});

const UNIT_SCHEMAS: Record<ThresholdUnit, z.ZodType<number, z.ZodTypeDef, unknown>> = {
	days: numeric.pipe(z.number().int('must be a whole number of days').positive('must be 1 day or more')),
	count: numeric.pipe(z.number().int('must be a whole number').positive('must be 1 or more')),
	dropPct: numeric.pipe(z.number().positive('must be a percentage above 0').max(100, 'must be a percentage of at most 100 (a drop cannot exceed 100%)')),
	pct: numeric.pipe(z.number().nonnegative('must be a percentage of 0 or more')),
};

/**
 * Defaults overlaid with overrides (numbers, or numeric text from a form). Empty values keep the default.
 * Any problem throws one error listing every bad key, e.g.
 * `Usage detection threshold "wauDropPct" 130 must be a percentage of at most 100 (a drop cannot exceed 100%)`.
 */
export function resolveUsageThresholds(overrides: Partial<Record<string, unknown>> = {}): UsageThresholds {
	const thresholds = defaultUsageThresholds();
	const problems: string[] = [];
	for (const [name, value] of Object.entries(overrides)) {
		if (value === undefined || value === null || value === '') continue;
		if (!(name in USAGE_THRESHOLD_TABLE)) {
			const suggestion = closestName(name, USAGE_THRESHOLD_KEYS);
			problems.push(`Usage detection threshold "${name}" is unknown${suggestion ? ` — did you mean "${suggestion}"?` : ` (known: ${USAGE_THRESHOLD_KEYS.join(', ')})`}`);
			continue;
		}
		const key = name as UsageThresholdKey;
		const parsed = UNIT_SCHEMAS[USAGE_THRESHOLD_TABLE[key].unit].safeParse(value);
		if (!parsed.success) problems.push(`Usage detection threshold "${key}" ${JSON.stringify(value)} ${parsed.error.issues[0].message}`);
		else thresholds[key] = parsed.data;
	}
	if (problems.length === 0 && thresholds.integrationMinFiredDays > thresholds.integrationBaselineDays) {
		problems.push(
			`Usage detection threshold "integrationMinFiredDays" ${thresholds.integrationMinFiredDays} is more than "integrationBaselineDays" ${thresholds.integrationBaselineDays}: an event cannot fire on more days than the run has`,
		);
	}
	if (problems.length > 0) throw new Error(problems.join('; '));
	return thresholds;
}

/** Days a rolling weekly value looks back beyond its own day. */
const WEEK_LOOKBACK_DAYS = 6;

/**
 * How many complete days of usage the detectors read with these thresholds: the longest look-back of any
 * detector. The accumulator keeps exactly this many days per account (126 with the defaults: the 30 days
 * below baseline + its 90-day baseline + the 6 days a weekly value looks back).
 */
export function usageWindowDays(thresholds: UsageThresholds): number {
	const t = thresholds;
	return Math.max(
		2 * t.wauWindowDays,
		t.usageDeclineSpanDays + t.usageDeclineWindowDays,
		t.belowBaselineMinDays + t.belowBaselineDays + WEEK_LOOKBACK_DAYS,
		t.plateauMinFlatDays + WEEK_LOOKBACK_DAYS,
		t.seatWindowDays,
		t.featureAdoptionWindowDays + t.featureAdoptionPriorDays,
		2 * t.depthWindowDays,
		2 * t.moduleDeclineWindowDays,
		t.integrationBaselineDays + t.integrationSilentDays,
		2 * t.loginDeclineWindowDays,
	);
}

/**
 * What the carried usage state keeps, derived from the thresholds (see state.ts): how many days of each
 * series the detectors can still read on a later run. A state counted with another layout cannot answer this
 * run's questions, so it is recounted (the `key` tells them apart).
 */
export interface UsageStateLayout {
	key: string;
	/** Window days (usageWindowDays). */
	days: number;
	/** Distinct-user spans the detectors ask for, each with the days of its "distinct users over the span ending that day" kept. */
	spans: ReadonlyArray<{ span: number; keep: number }>;
	/** Days of logins kept (login decline compares two windows). */
	loginDays: number;
	/** Days of a feature's events kept (module decline compares two windows). */
	featureEventDays: number;
	/** Days of a feature's daily active users kept (feature adoption reads its window). */
	featureActiveDays: number;
	/** Days of firing kept before an event type's last event (integration silence reads its run-up). */
	integrationDays: number;
	/** A user is kept while active within this many days: every distinct span and the adoption window. */
	userDays: number;
}

export function usageStateLayout(thresholds: UsageThresholds): UsageStateLayout {
	const t = thresholds;
	const days = usageWindowDays(t);
	const keepOf = (span: number): number => {
		if (span === t.wauWindowDays) return days; // the weekly series: WAU drop, below baseline, plateau
		let keep = 1;
		if (span === t.depthWindowDays) keep = Math.max(keep, t.depthWindowDays + 1);
		if (span === t.loginDeclineWindowDays) keep = Math.max(keep, t.loginDeclineWindowDays + 1);
		// activation: the check day lies at most (onboarding end − check day) days before the last day
		if (span === t.seatWindowDays) keep = Math.max(keep, t.plateauOnboardingDays - t.activationCheckDay + 1);
		return Math.min(days, keep);
	};
	const spans = [...new Set([t.wauWindowDays, t.seatWindowDays, t.depthWindowDays, t.loginDeclineWindowDays])].sort((a, b) => a - b).map((span) => ({ span, keep: keepOf(span) }));
	const layout = {
		days,
		spans,
		loginDays: Math.min(days, 2 * t.loginDeclineWindowDays),
		featureEventDays: Math.min(days, 2 * t.moduleDeclineWindowDays),
		featureActiveDays: Math.min(days, t.featureAdoptionWindowDays),
		integrationDays: t.integrationBaselineDays,
		userDays: Math.max(...spans.map(({ span }) => span), t.featureAdoptionWindowDays),
	};
	const key = `d${layout.days}/s${spans.map(({ span, keep }) => `${span}:${keep}`).join(',')}/l${layout.loginDays}/f${layout.featureEventDays},${layout.featureActiveDays}/i${layout.integrationDays}/u${layout.userDays}`;
	return { key, ...layout };
}
