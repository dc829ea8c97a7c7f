import type { ZodTypeAny, z } from 'zod';
import { AccountSchema } from './account';
import { describeIssues, toItemValidationError, ValidationError } from './errors';
import { AccountIntelligenceSchema } from './intelligence';
import { SignalSchema } from './signal';

/** Parse one input item against a canonical schema; throws ItemValidationError naming item, field and value. */
export function parseItem<S extends ZodTypeAny>(schema: S, kind: string, index: number, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw toItemValidationError(kind, index, result.error, input);
	return result.data;
}

/**
 * Parse a value that is not a numbered input item — a settings object, a provider record — naming it by
 * `subject`; throws ValidationError `HubSpot mapping: ownerDirectory.77.email "x" must be an e-mail address`.
 */
export function parseNamed<S extends ZodTypeAny>(schema: S, subject: string, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(subject, describeIssues(result.error, input));
	return result.data;
}

export const parseSignal = (input: unknown, index: number) => parseItem(SignalSchema, 'signal', index, input);
export const parseAccount = (input: unknown, index: number) => parseItem(AccountSchema, 'account', index, input);
export const parseIntelligence = (input: unknown, index: number) =>
	parseItem(AccountIntelligenceSchema, 'account intelligence', index, input);
