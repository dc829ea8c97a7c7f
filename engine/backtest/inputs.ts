/**
 * What a backtest reads, validated once before anything is replayed: the outcomes (one row per account that
 * churned, renewed or expanded), the evaluation cadence and horizon ("7d", "4w", "P28D"). Every problem names
 * its row and field; nothing is dropped.
 */
import { Duration } from 'luxon';
import { z } from 'zod';
import { isoDateTime } from '../model';

/** One account's outcome. `churnedAt` may be empty for an account that did not churn (renewed or expanded). */
export const OutcomeSchema = z.object({
	accountId: z.string().min(1, 'must not be empty'),
	churnedAt: isoDateTime.optional(),
	renewedAt: isoDateTime.optional(),
	expandedAt: isoDateTime.optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** Empty CSV cells ("") are absent values, not dates. */
export function withoutEmptyCells(row: unknown): unknown {
	if (!row || typeof row !== 'object' || Array.isArray(row)) return row;
	return Object.fromEntries(Object.entries(row as Record<string, unknown>).filter(([, value]) => value !== '' && value !== null));
}

/** The defaults of a backtest (the CLI's help and the CS Backtest form show them). */
export const BACKTEST_DEFAULTS = Object.freeze({
	/** Days between evaluation dates. */
	every: '7d',
	/** How soon after a fire an outcome must follow for the fire to count as right. */
	horizon: '28d',
	/** Without --from: the first evaluation is this many days after the first day of history (usage baselines need weeks). */
	warmUpDays: 56,
});

/**
 * A span in whole days: "7d", "4w", "28" (days) or ISO-8601 ("P7D", "P4W"). Throws naming `what` and the fix.
 */
export function parseDays(value: string | number, what: string): number {
	const text = String(value).trim();
	let days: number | null = null;
	const short = /^(\d+)\s*([dw]?)$/i.exec(text);
	if (short) days = Number(short[1]) * (short[2].toLowerCase() === 'w' ? 7 : 1);
	else if (/^P/i.test(text)) {
		const duration = Duration.fromISO(text.toUpperCase());
		if (duration.isValid) days = duration.as('days');
	}
	if (days === null || !Number.isInteger(days) || days < 1) throw new Error(`${what} "${text}" is not a number of whole days: write e.g. 7d, 4w or P28D`);
	return days;
}
