import type { ZodTypeAny, z } from 'zod';
import { AccountSchema } from './account';
import { describeIssues, fieldName, ItemValidationError, toItemValidationError, ValidationError } from './errors';
import { AccountIntelligenceSchema } from './intelligence';
import { SignalSchema } from './signal';
import { unusableItem, type UnusableItem } from './unusable-item';

/** Whether a value holds a number that is not finite anywhere (no allocation: the common case is "no"). */
function hasNonFinite(value: unknown, depth = 0): boolean {
	if (typeof value === 'number') return !Number.isFinite(value);
	if (value === null || typeof value !== 'object' || depth >= 64) return false;
	if (Array.isArray(value)) {
		for (const entry of value) if (hasNonFinite(entry, depth + 1)) return true;
		return false;
	}
	for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key) && hasNonFinite((value as Record<string, unknown>)[key], depth + 1)) return true;
	return false;
}

/**
 * Numbers that are not finite in a parsed value (`1e999` in JSON is Infinity; zod's number accepts it), as
 * sentences: `arr Infinity must be a finite number`. Every parse site refuses them: no sum, score or date can use one.
 */
export function nonFiniteProblems(value: unknown, path: Array<string | number> = [], out: string[] = [], depth = 0): string[] {
	if (depth === 0 && !hasNonFinite(value)) return out;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) out.push(`${fieldName(path) || 'the value'} ${String(value)} must be a finite number`);
	} else if (value !== null && typeof value === 'object' && depth < 64) {
		if (Array.isArray(value)) value.forEach((entry, i) => nonFiniteProblems(entry, [...path, i], out, depth + 1));
		else for (const [key, entry] of Object.entries(value)) nonFiniteProblems(entry, [...path, key], out, depth + 1);
	}
	return out;
}

/** Parse one input item against a canonical schema; throws ItemValidationError naming item, field and value. */
export function parseItem<S extends ZodTypeAny>(schema: S, kind: string, index: number, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw toItemValidationError(kind, index, result.error, input);
	const nonFinite = nonFiniteProblems(result.data);
	if (nonFinite.length) throw new ItemValidationError(kind, index, nonFinite);
	return result.data;
}

/**
 * Parse a value that is not a numbered input item — a settings object, a provider record — naming it by
 * `subject`; throws ValidationError `HubSpot mapping: ownerDirectory.77.email "x" must be an e-mail address`.
 */
export function parseNamed<S extends ZodTypeAny>(schema: S, subject: string, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new ValidationError(subject, describeIssues(result.error, input));
	const nonFinite = nonFiniteProblems(result.data);
	if (nonFinite.length) throw new ValidationError(subject, nonFinite);
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
