import { z } from 'zod';
import { AccountSchema, SegmentSchema } from './account';
import { HealthDimensionSchema, SignalSourceSchema } from './signal';
import { isoDateTime } from './time';

export const HEALTH_BANDS_3 = ['green', 'yellow', 'red'] as const;
export const HEALTH_BANDS_5 = ['excellent', 'good', 'fair', 'poor', 'critical'] as const;
export const RENEWAL_STAGES = ['T-120', 'T-90', 'T-60', 'T-30', 'T-0', 'T+7', 'none'] as const;
export const RenewalStageSchema = z.enum(RENEWAL_STAGES);
export type RenewalStage = z.infer<typeof RenewalStageSchema>;
export const EXPANSION_BANDS = ['monitor', 'plant_seeds', 'initiate'] as const;
export const ExpansionBandSchema = z.enum(EXPANSION_BANDS);
export type ExpansionBand = z.infer<typeof ExpansionBandSchema>;

const FactValueSchema = z.union([z.number(), z.boolean(), z.string(), z.array(z.string()), z.null()]);

export const HealthInputSchema = z.object({
	name: z.string(),
	value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
	/** 0–100 contribution of this input to its dimension. */
	score: z.number().nullable(),
	signalIds: z.array(z.string()).default([]),
	observedAt: isoDateTime.nullable().default(null),
	stale: z.boolean().default(false),
});

export const HealthDimensionResultSchema = z.object({
	dimension: HealthDimensionSchema,
	weight: z.number(),
	/** Weight after redistributing the weight of dimensions without data. */
	effectiveWeight: z.number(),
	score: z.number().nullable(),
	inputs: z.array(HealthInputSchema),
	missing: z.boolean(),
});

export const RiskDriverSchema = z.object({
	signalId: z.string(),
	type: z.string(),
	weight: z.number(),
	evidence: z.string(),
	/** Where the evidence lives (the signal's source), so alerts and briefs can link it. */
	source: SignalSourceSchema.optional(),
});

/** One account as of a date: every aggregate the seed documents define, explained. */
export const AccountIntelligenceSchema = z.object({
	accountId: z.string().min(1),
	asOf: isoDateTime,
	account: AccountSchema,
	segment: SegmentSchema,
	health: z.object({
		score: z.number().min(0).max(100),
		band: z.string(),
		bandScheme: z.enum(['three', 'five']),
		dimensions: z.array(HealthDimensionResultSchema),
		redistributedFrom: z.array(HealthDimensionSchema),
		staleInputs: z.array(z.string()),
		confidence: z.enum(['high', 'medium', 'low']),
		trend: z.object({
			delta7d: z.number().nullable(),
			delta30d: z.number().nullable(),
			previousBand7d: z.string().nullable(),
		}),
	}),
	risk: z.object({ score: z.number().min(0).max(10), weight: z.number(), drivers: z.array(RiskDriverSchema) }),
	opportunity: z.object({ weight: z.number(), drivers: z.array(RiskDriverSchema) }),
	expansion: z.object({
		score: z.number().min(0).max(100),
		band: ExpansionBandSchema,
		components: z.record(z.string(), z.object({ max: z.number(), points: z.number(), basis: z.string() })),
		guardrail: z.string().nullable(),
	}),
	signalDensity: z.number(),
	signalVelocity: z.object({ last30d: z.number(), previous30d: z.number(), change: z.number() }),
	stakeholders: z.object({
		levelsEngaged: z.array(z.string()),
		engagedContacts: z.number(),
		singleThreaded: z.boolean(),
		championEngaged: z.boolean(),
		execSponsorEngaged: z.boolean(),
		unmappedExecutives: z.array(z.string()),
		departed: z.array(z.string()),
	}),
	adoption: z.object({
		seatUtilisation: z.number().nullable(),
		plateauWeeks: z.number(),
		ceilingReached: z.boolean(),
	}),
	renewal: z.object({
		renewalDate: isoDateTime.nullable(),
		daysToRenewal: z.number().nullable(),
		stage: RenewalStageSchema,
		forecastProbability: z.number().min(0).max(1),
		expectedArr: z.number(),
	}),
	/** Signal ids active at asOf (for citations downstream). */
	activeSignalIds: z.array(z.string()),
	facts: z.record(z.string(), FactValueSchema),
	explanation: z.array(z.string()),
});
export type AccountIntelligence = z.infer<typeof AccountIntelligenceSchema>;
