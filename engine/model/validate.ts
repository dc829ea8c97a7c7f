import type { ZodTypeAny, z } from 'zod';
import { AccountSchema } from './account';
import { describeIssues, toItemValidationError, ValidationError } from './errors';
import { AccountIntelligenceSchema } from './intelligence';
import { SignalSchema } from './signal';
import { unusableItem, type UnusableItem } from './unusable-item';

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

/**
 * Parse a list of input items, keeping the good ones in order with their index; each one that does not parse is
 * an UnusableItem naming item, field and value (`input`: the node input they came in on, when there are several).
 */
export function parseItems<S extends ZodTypeAny>(schema: S, kind: string, inputs: readonly unknown[], input?: string): { items: Array<{ value: z.infer<S>; itemIndex: number }>; unusable: UnusableItem[] } {
	const items: Array<{ value: z.infer<S>; itemIndex: number }> = [];
	const unusable: UnusableItem[] = [];
	inputs.forEach((raw, itemIndex) => {
		try {
			items.push({ value: parseItem(schema, kind, itemIndex, raw), itemIndex });
		} catch (error) {
			unusable.push(unusableItem(error, itemIndex, input));
		}
	});
	return { items, unusable };
}

export const parseSignal = (input: unknown, index: number) => parseItem(SignalSchema, 'signal', index, input);
export const parseAccount = (input: unknown, index: number) => parseItem(AccountSchema, 'account', index, input);
export const parseIntelligence = (input: unknown, index: number) =>
	parseItem(AccountIntelligenceSchema, 'account intelligence', index, input);
