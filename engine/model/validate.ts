import type { ZodTypeAny, z } from 'zod';
import { AccountSchema } from './account';
import { toItemValidationError } from './errors';
import { AccountIntelligenceSchema } from './intelligence';
import { SignalSchema } from './signal';

/** Parse one input item against a canonical schema; throws ItemValidationError naming item, field and value. */
export function parseItem<S extends ZodTypeAny>(schema: S, kind: string, index: number, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw toItemValidationError(kind, index, result.error, input);
	return result.data;
}

export const parseSignal = (input: unknown, index: number) => parseItem(SignalSchema, 'signal', index, input);
export const parseAccount = (input: unknown, index: number) => parseItem(AccountSchema, 'account', index, input);
export const parseIntelligence = (input: unknown, index: number) =>
	parseItem(AccountIntelligenceSchema, 'account intelligence', index, input);
