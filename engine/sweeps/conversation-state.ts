/**
 * What a conversation sweep (Gong, Gmail, Microsoft Graph, Slack) keeps between runs in the node's static data:
 * its cursor and a window of recent records WITHOUT their text — each beside the detectors' analysis of it
 * (`keepForLater`: scores, phrase ids and only the snippets a signal may quote). The detectors need the history
 * (attendance over 90 days, reply times over 60, channel volume over 8 weeks); the text they read once, when the
 * record was new. Old records leave the window; old analyses are dropped before their records are.
 */
import { z } from 'zod';
import { AnalysedSentenceSchema, type AnalysedSentence } from '../detect/language';

export interface KeptRecord<R> {
	record: R;
	analysis?: AnalysedSentence[];
}

/** The kept records of a previous state, each checked; a record that no longer reads is left out (it is re-read when in the window). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input shape: the stored JSON is what is checked
export function keptRecords<R>(previous: unknown, schema: z.ZodType<R, z.ZodTypeDef, any>): Record<string, KeptRecord<R>> {
	const records = (previous as { records?: unknown } | undefined)?.records;
	const out: Record<string, KeptRecord<R>> = {};
	if (!records || typeof records !== 'object' || Array.isArray(records)) return out;
	const entry = z.object({ record: schema, analysis: z.array(AnalysedSentenceSchema).optional() });
	for (const [key, value] of Object.entries(records as Record<string, unknown>)) {
		const parsed = entry.safeParse(value);
		if (parsed.success) out[key] = parsed.data as KeptRecord<R>;
	}
	return out;
}

/** A string field of the previous state's cursor, when it is one. */
export function keptCursor(previous: unknown, field: string): string | undefined {
	const value = (previous as { cursor?: Record<string, unknown> } | undefined)?.cursor?.[field];
	return typeof value === 'string' && value !== '' ? value : undefined;
}
