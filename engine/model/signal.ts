import { z } from 'zod';
import { isoDateTime } from './time';

export const SIGNAL_CATEGORIES = ['meetings', 'email', 'slack', 'crm', 'support', 'usage', 'exec', 'market'] as const;
export const SignalCategorySchema = z.enum(SIGNAL_CATEGORIES);
export type SignalCategory = z.infer<typeof SignalCategorySchema>;

export const POLARITIES = ['risk', 'opportunity', 'context'] as const;
export const PolaritySchema = z.enum(POLARITIES);
export type Polarity = z.infer<typeof PolaritySchema>;

export const HEALTH_DIMENSIONS = ['usage', 'relationship', 'support', 'commercial', 'outcomes'] as const;
export const HealthDimensionSchema = z.enum(HEALTH_DIMENSIONS);
export type HealthDimension = z.infer<typeof HealthDimensionSchema>;

export const SeveritySchema = z
	.number({ invalid_type_error: 'must be a number from 1 to 10' })
	.min(1, 'must be a number from 1 to 10')
	.max(10, 'must be a number from 1 to 10');

export const SignalSourceSchema = z.object({
	/** The system the evidence lives in: zendesk, hubspot, gong, input, … */
	system: z.string().min(1, 'must name the source system'),
	/** The record in that system (ticket id, call id, …). */
	ref: z.string().min(1, 'must name the source record'),
	url: z.string().url('must be a URL').optional(),
});

/** One typed customer signal: what happened at an account, how strong, when, and the one sentence of evidence a CSM reads. */
export const SignalSchema = z.object({
	id: z.string().min(1, 'must not be empty'),
	accountId: z.string().min(1, 'must not be empty'),
	category: SignalCategorySchema,
	type: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/, 'must be a taxonomy id such as "support.volume_spike"'),
	polarity: PolaritySchema,
	severity: SeveritySchema,
	observedAt: isoDateTime,
	detectedAt: isoDateTime,
	value: z.number().optional(),
	baseline: z.number().optional(),
	evidence: z.string().min(1, 'must be a sentence a CSM can read'),
	source: SignalSourceSchema,
	attributes: z.record(z.string(), z.unknown()).default({}),
});
export type Signal = z.infer<typeof SignalSchema>;
export type SignalInput = z.input<typeof SignalSchema>;
