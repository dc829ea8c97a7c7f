import { z } from 'zod';
import { HEALTH_DIMENSIONS, nonFiniteProblems, ownValue, parseJsonObject, SENIORITY_LEVELS, SIGNAL_CATEGORIES, setOwn, type HealthDimension } from '../model';
import { findSignalType } from '../taxonomy';

/**
 * "Usage flat for 60+ days" (seed 002 trigger plays): ONE threshold, in days, with one home — the taxonomy's
 * `usage.adoption_plateau` detection parameter `minFlatDays`. The adoption ceiling and the `adoptionPlateau` fact
 * (which the rule reads) both use it; a team may override it here (`windows.plateauDays`).
 */
const PLATEAU_DAYS = findSignalType('usage.adoption_plateau')!.detection.minFlatDays as number;

/**
 * Every default of the aggregation, as data (seeds: 002 cs-operations health framework, expansion
 * scoring, renewal timeline, segmentation; 004 cs-strategist five-band health and forecast table).
 * Users override any part with `resolveIntelligenceConfig(overrides)` (node parameters, CLI --config).
 */
export const DEFAULT_INTELLIGENCE_CONFIG = {
	health: {
		/** Seed 002 "Health Score Framework": usage 35, relationship 25, support 18, commercial 17, outcomes 5. */
		weights: { usage: 35, relationship: 25, support: 18, commercial: 17, outcomes: 5 },
		bandScheme: 'three' as 'three' | 'five',
		/** Lower bounds, best band first. Three-band: seed 002 traffic lights; five-band: seed 004 metrics table. */
		bands: {
			three: [
				{ band: 'green', min: 80 },
				{ band: 'yellow', min: 40 },
				{ band: 'red', min: 0 },
			],
			/** Seed 004: 80-100 Healthy, 60-79 Stable, 40-59 At-risk, 20-39 Critical, 0-19 Emergency. */
			five: [
				{ band: 'healthy', min: 80 },
				{ band: 'stable', min: 60 },
				{ band: 'at-risk', min: 40 },
				{ band: 'critical', min: 20 },
				{ band: 'emergency', min: 0 },
			],
		},
		/** An input observed longer ago than this (days) is stale (seed 004: data freshness matters; weekly health minimum). */
		freshnessDays: { usage: 14, relationship: 45, support: 30, commercial: 90, outcomes: 120 },
		/** Score reported when no dimension has any data (the item then says so and confidence is low). */
		noDataScore: 50,
		/** Share of the total weight resting on fresh inputs for high / medium confidence (below → low). */
		confidence: { high: 0.75, medium: 0.45 },
		/** Input scoring: a fresh risk signal of weight w scores 100 − w × riskPenaltyPerWeight; an opportunity signal 60 + w × opportunityBonusPerWeight. */
		riskPenaltyPerWeight: 10,
		opportunityBase: 60,
		opportunityBonusPerWeight: 5,
		/** Seat utilisation (%) that scores 100 in the usage dimension (seed 002: >80% utilisation = approaching limits). */
		seatUtilisationTargetPct: 80,
		/** Last two-way contact: full score up to this many days, zero score from zeroScoreDays. */
		lastContact: { fullScoreDays: 14, zeroScoreDays: 90 },
		/** Trend: the score compared is the latest history entry at least N days old, no older than maxAgeDays. */
		trend: { d7: { days: 7, maxAgeDays: 14 }, d30: { days: 30, maxAgeDays: 45 }, d90: { days: 90, maxAgeDays: 120 } },
	},
	risk: {
		/** A signal is active when its decayed weight is above this floor and it was observed on or before as-of. */
		activeWeightFloor: 0.5,
		/** risk = 10 × (1 − e^(−riskWeight / saturationWeight)): bounded, monotone in every signal's weight. */
		saturationWeight: 12,
		/** How many drivers (strongest signal of each type) are listed and used in the headline. */
		topDrivers: 3,
	},
	expansion: {
		/** Seed 002 "Expansion scoring model": usage growth 30, stakeholder breadth 25, feature depth 20, health trajectory 15, contract headroom 10. */
		weights: { usageGrowth: 30, stakeholderBreadth: 25, featureDepth: 20, healthTrajectory: 15, contractHeadroom: 10 },
		/** Seed 002 "Expansion ownership": 0–40 monitor, 41–70 plant seeds, 71–100 initiate. */
		bands: { monitorMax: 40, plantSeedsMax: 70 },
		/** Usage growth (%) that earns all usage-growth points (seed: depth increase ≥ 20% in 30 days). */
		fullUsageGrowthPct: 20,
		/** Contacts engaged in the stakeholder window that earn the contacts part of stakeholder breadth. */
		fullBreadthContacts: 3,
		/** Signal types that show feature depth; each distinct active one earns an equal share of the points. */
		featureDepthTypes: ['usage.depth_increase', 'usage.feature_adoption', 'meetings.new_use_case'],
		featureDepthFullTypes: 2,
		/** Signal types that show stakeholder pull or positive champion sentiment (stakeholder breadth). */
		stakeholderPullTypes: ['meetings.new_stakeholder', 'email.new_stakeholder', 'slack.new_members', 'exec.champion_promoted'],
		championSentimentTypes: ['meetings.champion_positive', 'slack.positive_sentiment', 'crm.nps_promoter'],
		/**
		 * Health trajectory (seed 002: "Positive health trend (score increasing 3+ months)", "Consistent Green health
		 * score for 2+ quarters"): the change over `health.trend.d90` (3 months) earns the points — +this earns all,
		 * −this none; a score in the top band for `consistentTopBandDays` (2 quarters) earns all of them.
		 */
		fullTrajectoryDelta: 10,
		consistentTopBandDays: 180,
		/** Seat utilisation (%) that earns all contract-headroom points (seed: usage >80% of contracted capacity). */
		fullHeadroomUtilisationPct: 80,
		/** No "initiate" before first value is achieved (seed 002: "Do not expand before First Impact"). */
		firstValueGuardrail: true,
	},
	windows: {
		/** Stakeholder depth: contacts engaged within this many days count. */
		stakeholderDays: 90,
		/** A champion counts as engaged when engaged within this many days. */
		championDays: 30,
		/** Signal velocity: value-decision signals per this many days, compared with the window before. */
		velocityDays: 30,
		/** Adoption plateau: usage flat for this many days (default: the taxonomy's usage.adoption_plateau minFlatDays, 60). */
		plateauDays: PLATEAU_DAYS,
		/** Seat utilisation (%) below which usage is "below licensed potential". */
		licensedPotentialPct: 80,
	},
	stakeholders: {
		/** Seniority levels that count as executives for "unmapped executives" (a contact named by an exec.new_executive signal counts too). */
		executiveLevels: ['c_level', 'vp'] as string[],
		/** Signal type that names a newly identified executive (attributes.contactName / contactId / title). */
		newExecutiveType: 'exec.new_executive',
	},
	renewal: {
		/**
		 * The ladder (seed 002 renewal timeline). A stage is the latest threshold crossed: with d days to renewal,
		 * 120 ≥ d > 90 → T-120, 90 ≥ d > 60 → T-90, 60 ≥ d > 30 → T-60, 30 ≥ d > 0 → T-30, 0 ≥ d > −7 → T-0,
		 * −7 ≥ d > −7 − postRenewalDays → T+7; otherwise none.
		 */
		stages: [
			{ stage: 'T-120', daysBefore: 120 },
			{ stage: 'T-90', daysBefore: 90 },
			{ stage: 'T-60', daysBefore: 60 },
			{ stage: 'T-30', daysBefore: 30 },
			{ stage: 'T-0', daysBefore: 0 },
			{ stage: 'T+7', daysBefore: -7 },
		] as Array<{ stage: 'T-120' | 'T-90' | 'T-60' | 'T-30' | 'T-0' | 'T+7'; daysBefore: number }>,
		/** How long the last stage (T+7) lasts before the stage is "none". */
		postRenewalDays: 7,
		/** Seed 004 forecast: health 80–100 → 95%, 60–79 → 85%, 40–59 → 60%, 20–39 → 30%, 0–19 → 10%. */
		forecast: [
			{ minHealth: 80, probability: 0.95 },
			{ minHealth: 60, probability: 0.85 },
			{ minHealth: 40, probability: 0.6 },
			{ minHealth: 20, probability: 0.3 },
			{ minHealth: 0, probability: 0.1 },
		],
	},
	segments: {
		/**
		 * ARR cut-offs per currency, as data. FX-free: ARR is never converted; an account is compared with the
		 * cut-offs of its own currency, and a currency without its own entry uses `default` (the EUR numbers) — add
		 * an entry per currency you sell in. High touch is above `highAbove` (exclusive) or from `highFrom` (inclusive).
		 * - EUR, seed 002: "HIGH-TOUCH >€50K ARR", "MID-TOUCH €10-50K ARR", "LOW-TOUCH <€10K ARR".
		 * - USD, seed 004: "$100k+ ARR" high touch, "$15k-$100k ARR" low touch (our mid), "<$15k ARR" tech touch (our low).
		 */
		default: { highAbove: 50000, midFrom: 10000 } as SegmentCutoffs,
		byCurrency: { EUR: { highAbove: 50000, midFrom: 10000 }, USD: { highFrom: 100000, midFrom: 15000 } } as Record<string, SegmentCutoffs>,
	},
	/** Signals of types the taxonomy does not know: their half-life and dimension by category. */
	unknownTypes: {
		halfLifeDays: 30,
		dimensionByCategory: {
			meetings: 'relationship',
			email: 'relationship',
			slack: 'relationship',
			crm: 'commercial',
			support: 'support',
			usage: 'usage',
			exec: 'relationship',
			market: 'commercial',
		} as Record<string, HealthDimension>,
	},
};

export type IntelligenceConfig = typeof DEFAULT_INTELLIGENCE_CONFIG;
/** One currency's segment cut-offs: `highAbove` (high when ARR > it) or `highFrom` (high when ARR ≥ it), and `midFrom`. */
export type SegmentCutoffs = { highAbove: number; highFrom?: undefined; midFrom: number } | { highFrom: number; highAbove?: undefined; midFrom: number };

const pct = z.number().min(0).max(100);
const nonNeg = z.number().nonnegative();
const posInt = z.number().int().positive();
const dimensionRecord = <T extends z.ZodTypeAny>(value: T) =>
	z.object(Object.fromEntries(HEALTH_DIMENSIONS.map((d) => [d, value])) as Record<HealthDimension, T>).strict();
const bandList = z
	.array(z.object({ band: z.string().min(1), min: pct }).strict())
	.min(1)
	.refine((list) => list.some((b) => b.min === 0), { message: 'needs a band starting at 0' });
const segmentCutoffs = z
	.object({ highAbove: nonNeg.optional(), highFrom: nonNeg.optional(), midFrom: nonNeg })
	.strict()
	.refine((c) => (c.highAbove === undefined) !== (c.highFrom === undefined), { message: 'give exactly one of highAbove (exclusive) and highFrom (inclusive)' })
	.refine((c) => c.midFrom <= (c.highAbove ?? c.highFrom ?? Infinity), { message: 'midFrom must not exceed the high-touch cut-off' });

/** The full configuration schema (after merging): every value typed, weights summing to 100. */
export const IntelligenceConfigSchema = z
	.object({
		health: z
			.object({
				weights: dimensionRecord(nonNeg),
				bandScheme: z.enum(['three', 'five']),
				bands: z.object({ three: bandList, five: bandList }).strict(),
				freshnessDays: dimensionRecord(z.number().positive()),
				noDataScore: pct,
				confidence: z.object({ high: z.number().min(0).max(1), medium: z.number().min(0).max(1) }).strict(),
				riskPenaltyPerWeight: nonNeg,
				opportunityBase: pct,
				opportunityBonusPerWeight: nonNeg,
				seatUtilisationTargetPct: z.number().positive(),
				lastContact: z.object({ fullScoreDays: nonNeg, zeroScoreDays: z.number().positive() }).strict(),
				trend: z
					.object({
						d7: z.object({ days: z.number().positive(), maxAgeDays: z.number().positive() }).strict(),
						d30: z.object({ days: z.number().positive(), maxAgeDays: z.number().positive() }).strict(),
						d90: z.object({ days: z.number().positive(), maxAgeDays: z.number().positive() }).strict(),
					})
					.strict(),
			})
			.strict(),
		risk: z
			.object({ activeWeightFloor: nonNeg, saturationWeight: z.number().positive(), topDrivers: posInt })
			.strict(),
		expansion: z
			.object({
				weights: z
					.object({
						usageGrowth: nonNeg,
						stakeholderBreadth: nonNeg,
						featureDepth: nonNeg,
						healthTrajectory: nonNeg,
						contractHeadroom: nonNeg,
					})
					.strict(),
				bands: z
					.object({ monitorMax: pct, plantSeedsMax: pct })
					.strict()
					.refine((b) => b.monitorMax < b.plantSeedsMax, { message: 'monitorMax must be below plantSeedsMax' }),
				fullUsageGrowthPct: z.number().positive(),
				fullBreadthContacts: posInt,
				featureDepthTypes: z.array(z.string()),
				featureDepthFullTypes: posInt,
				stakeholderPullTypes: z.array(z.string()),
				championSentimentTypes: z.array(z.string()),
				fullTrajectoryDelta: z.number().positive(),
				consistentTopBandDays: z.number().positive(),
				fullHeadroomUtilisationPct: z.number().positive(),
				firstValueGuardrail: z.boolean(),
			})
			.strict(),
		windows: z
			.object({
				stakeholderDays: z.number().positive(),
				championDays: z.number().positive(),
				velocityDays: z.number().positive(),
				plateauDays: z.number().positive(),
				licensedPotentialPct: pct,
			})
			.strict(),
		stakeholders: z
			.object({ executiveLevels: z.array(z.enum(SENIORITY_LEVELS)), newExecutiveType: z.string() })
			.strict(),
		renewal: z
			.object({
				stages: z
					.array(z.object({ stage: z.enum(['T-120', 'T-90', 'T-60', 'T-30', 'T-0', 'T+7']), daysBefore: z.number() }).strict())
					.min(1)
					.refine((s) => s.every((x, i) => i === 0 || x.daysBefore < s[i - 1].daysBefore), {
						message: 'stages must be listed from the earliest (largest daysBefore) to the latest',
					}),
				postRenewalDays: nonNeg,
				forecast: z
					.array(z.object({ minHealth: pct, probability: z.number().min(0).max(1) }).strict())
					.min(1)
					.refine((f) => f.some((x) => x.minHealth === 0), { message: 'needs a row with minHealth 0' }),
			})
			.strict(),
		segments: z
			.object({ default: segmentCutoffs, byCurrency: z.record(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code'), segmentCutoffs) })
			.strict(),
		unknownTypes: z
			.object({
				halfLifeDays: z.number().positive(),
				dimensionByCategory: z.record(z.enum(SIGNAL_CATEGORIES), z.enum(HEALTH_DIMENSIONS)),
			})
			.strict(),
	})
	.strict()
	.superRefine((config, ctx) => {
		const checkSum = (label: string, path: string[], weights: Record<string, number>) => {
			const total = Object.values(weights).reduce((a, b) => a + b, 0);
			if (Math.abs(total - 100) > 1e-6) {
				const parts = Object.entries(weights).map(([k, v]) => `${k} ${v}`).join(' + ');
				ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `${label} must sum to 100 but ${parts} = ${round(total, 4)}` });
			}
		};
		checkSum('health weights', ['health', 'weights'], config.health.weights);
		checkSum('expansion weights', ['expansion', 'weights'], config.expansion.weights);
	});

function round(value: number, digits: number): number {
	const f = 10 ** digits;
	return Math.round(value * f) / f;
}

/** A deep-partial override: any subset of the config. Arrays replace; objects merge. */
export type IntelligenceConfigOverrides = DeepPartial<IntelligenceConfig>;
type DeepPartial<T> = T extends Array<unknown> ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export class IntelligenceConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid intelligence configuration: ${problems.join('; ')}`);
		this.name = 'IntelligenceConfigError';
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep merge by own keys only: an override key `__proto__`, `constructor` or `toString` is a key like any other
 * (it then fails validation as an unknown setting), never the base's prototype or an inherited method.
 */
function merge(base: unknown, override: unknown): unknown {
	if (override === undefined) return base;
	if (isPlainObject(base) && isPlainObject(override)) {
		const out: Record<string, unknown> = { ...base };
		for (const [key, value] of Object.entries(override)) setOwn(out, key, merge(ownValue(base, key), value));
		return out;
	}
	return override;
}

/** Deep-merge override layers, later layers winning (e.g. a JSON file, then node form fields). Arrays replace. */
export function mergeOverrides(...layers: unknown[]): Record<string, unknown> {
	let merged: unknown = {};
	for (const layer of layers) {
		if (layer === undefined || layer === null) continue;
		if (!isPlainObject(layer)) throw new IntelligenceConfigError(['the overrides must be a JSON object']);
		merged = merge(merged, layer);
	}
	return merged as Record<string, unknown>;
}

/** Overrides given as a JSON string (n8n json parameter, file) or an object. */
export function parseOverrides(value: unknown, what = 'overrides'): Record<string, unknown> {
	try {
		return parseJsonObject(value, what) ?? {};
	} catch (error) {
		throw new IntelligenceConfigError([(error as Error).message]);
	}
}

/**
 * Merge overrides over the defaults and validate the result. Unknown keys, wrong types and weights
 * that do not sum to 100 throw IntelligenceConfigError naming the setting, e.g.
 * `health.weights: health weights must sum to 100 but usage 40 + relationship 25 + … = 105`.
 */
export function resolveIntelligenceConfig(overrides: unknown = {}): IntelligenceConfig {
	if (overrides !== undefined && overrides !== null && !isPlainObject(overrides)) {
		throw new IntelligenceConfigError(['the overrides must be a JSON object']);
	}
	const merged = merge(DEFAULT_INTELLIGENCE_CONFIG, overrides ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
	// A currency's segment cut-offs replace the default entry (highAbove and highFrom exclude each other).
	const segments = isPlainObject(overrides) && isPlainObject(overrides.segments) ? overrides.segments : {};
	if (isPlainObject(segments.byCurrency)) for (const [currency, cut] of Object.entries(segments.byCurrency)) merged.segments.byCurrency[currency] = cut;
	if (segments.default !== undefined) merged.segments.default = segments.default as Record<string, unknown>;
	const result = IntelligenceConfigSchema.safeParse(merged);
	const nonFinite = result.success ? nonFiniteProblems(result.data) : [];
	if (nonFinite.length) throw new IntelligenceConfigError(nonFinite);
	if (!result.success) {
		throw new IntelligenceConfigError(
			result.error.issues.map((issue) => {
				const path = issue.path.join('.');
				if (issue.code === 'unrecognized_keys') return `${path ? `${path}: ` : ''}unknown setting(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
				return `${path ? `${path}: ` : ''}${issue.message}`;
			}),
		);
	}
	return result.data as IntelligenceConfig;
}

/**
 * The config a call runs with, resolved once at its entry point: the resolved config when the caller has one
 * (the CLI's --config, a benchmark), else the caller's overrides (a node form) merged over the defaults.
 */
export function intelligenceConfigOf(options: { config?: IntelligenceConfig; overrides?: unknown }): IntelligenceConfig {
	return options.config ?? resolveIntelligenceConfig(options.overrides ?? {});
}

/**
 * What the per-account computation reads from the config in derived form (sorted bands and forecast rows,
 * sets, sorted type lists), derived once per computeIntelligence call instead of once per account.
 */
export interface PreparedConfig {
	/** The active band scheme's bands, best first (highest lower bound first). */
	bands: ReadonlyArray<{ band: string; min: number }>;
	/** The three-band traffic light (green / yellow / red), best first, whatever the active scheme. */
	trafficLight: ReadonlyArray<{ band: string; min: number }>;
	topBandMin: number;
	/** Forecast rows, highest minHealth first. */
	forecast: ReadonlyArray<{ minHealth: number; probability: number }>;
	executiveLevels: ReadonlySet<string>;
	/** expansion.stakeholderPullTypes + championSentimentTypes, sorted. */
	pullTypesSorted: readonly string[];
	/** expansion.featureDepthTypes, sorted. */
	featureDepthTypesSorted: readonly string[];
}

export function prepareConfig(config: IntelligenceConfig): PreparedConfig {
	const bands = config.health.bands[config.health.bandScheme];
	const e = config.expansion;
	return {
		bands: [...bands].sort((a, b) => b.min - a.min),
		trafficLight: [...config.health.bands.three].sort((a, b) => b.min - a.min),
		topBandMin: Math.max(...bands.map((b) => b.min)),
		forecast: [...config.renewal.forecast].sort((a, b) => b.minHealth - a.minHealth),
		executiveLevels: new Set(config.stakeholders.executiveLevels),
		pullTypesSorted: [...e.stakeholderPullTypes, ...e.championSentimentTypes].sort(),
		featureDepthTypesSorted: [...e.featureDepthTypes].sort(),
	};
}
