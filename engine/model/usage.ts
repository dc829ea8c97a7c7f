import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * Product usage as the engine counts it — the shapes shared by the usage sources (Mixpanel's export lines,
 * Pendo's aggregation results are mapped to them), the rows from any upstream n8n node (Postgres, Snowflake,
 * BigQuery, Google Sheets, a CSV through Extract from File) and the usage detectors.
 *
 * Two kinds:
 *   - a per-event row: one thing a user did (`accountId`, `userId`?, `event`?, `feature`?, `occurredAt`);
 *   - a pre-aggregated row: one account's day (`accountId`, `day`, `activeUsers`?, `events`?, `feature`?),
 *     with at least one of the two counts.
 */

/** One thing a user (or a system) did, as counted. */
export interface UsageEvent {
	accountId: string;
	userId?: string;
	/** Event name (`Report Exported`); logins and integrations are recognised by name. */
	event?: string;
	/** Feature or module the event belongs to. */
	feature?: string;
	/** ISO-8601 (offset-less = the zone days are counted in), epoch seconds/milliseconds, or a Date. */
	occurredAt: string | number | Date;
}

/** One account's day, pre-aggregated (a warehouse table, Pendo's aggregation). */
export interface UsageDay {
	accountId: string;
	/** `YYYY-MM-DD` in the zone days are counted in. */
	day: string;
	activeUsers?: number;
	events?: number;
	feature?: string;
}

// ── civil days (no luxon per event: a million events must not build a million DateTimes) ───────────────

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function civilDayNumber(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** `YYYY-MM-DD` of a day number. */
export function civilDate(dayNumber: number): string {
	return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A point in time as a row gave it: an instant, or a wall-clock time (no offset) in the counting zone. */
export type UsageTime = { instantMs: number; civilDay?: undefined } | { civilDay: number; wallMs: number; instantMs?: undefined };

// 2026-03-01, 2026-03-01T10:00, 2026-03-01 10:00:00.123, 2026-03-01T10:00:00+02:00, …Z
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO-8601 date or date-time (extended form; `T` or a space between date and time), an epoch number
 * (seconds below 1e11, else milliseconds), or a JS Date. Anything else luxon reads as ISO-8601 (week dates,
 * basic format) goes through luxon with `zone`. Undefined when it is not a date.
 */
export function parseUsageTime(value: unknown, zone: string): UsageTime | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value) || value < 0) return undefined;
		return { instantMs: value < 1e11 ? value * 1000 : value };
	}
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : { instantMs: value.getTime() };
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const match = ISO.exec(text);
	if (match) {
		const year = Number(match[1]);
		const month = Number(match[2]);
		const day = Number(match[3]);
		if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
		const hour = match[4] === undefined ? 0 : Number(match[4]);
		const minute = match[5] === undefined ? 0 : Number(match[5]);
		const second = match[6] === undefined ? 0 : Number(match[6]);
		if (hour > 23 || minute > 59 || second > 59) return undefined;
		const ms = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
		const dayNumber = civilDayNumber(year, month, day);
		const wallMs = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
		const offset = match[8];
		if (offset === undefined) return { civilDay: dayNumber, wallMs };
		let offsetMinutes = 0;
		if (offset.toUpperCase() !== 'Z') {
			const digits = offset.slice(1).replace(':', '');
			const oh = Number(digits.slice(0, 2));
			const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
			if (oh > 23 || om > 59) return undefined;
			offsetMinutes = (offset[0] === '-' ? -1 : 1) * (oh * 60 + om);
		}
		return { instantMs: dayNumber * DAY_MS + wallMs - offsetMinutes * 60_000 };
	}
	const parsed = DateTime.fromISO(text, { zone });
	return parsed.isValid ? { instantMs: parsed.toMillis() } : undefined;
}

/** A `YYYY-MM-DD` calendar date as a day number; undefined for anything else (or an impossible date). */
export function parseCivilDate(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
	if (!match) return undefined;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
	return civilDayNumber(year, month, day);
}

// ── the canonical rows (the contract every mapped row satisfies) ──────────────────────────────────────────

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const count = z.number().nonnegative('must be 0 or more').finite();

/** A per-event row. `occurredAt`: ISO-8601 (offset-less = the counting zone) or epoch seconds/ms. */
export const UsageEventRowSchema = z.object({
	accountId: nonEmpty,
	userId: nonEmpty.optional(),
	event: nonEmpty.optional(),
	feature: nonEmpty.optional(),
	occurredAt: z.union([z.string(), z.number().nonnegative()]).refine((value) => parseUsageTime(value, 'utc') !== undefined, {
		message: 'is not an ISO-8601 date or epoch time',
	}),
});

/** A pre-aggregated row: one account's day (in the counting zone). */
export const UsageDailyRowSchema = z
	.object({
		accountId: nonEmpty,
		day: z.string().refine((value) => parseCivilDate(value) !== undefined, { message: 'is not a YYYY-MM-DD date' }),
		activeUsers: count.int('must be a whole number').optional(),
		events: count.optional(),
		feature: nonEmpty.optional(),
	})
	.refine((row) => row.activeUsers !== undefined || row.events !== undefined, { message: 'needs activeUsers or events', path: ['activeUsers'] });

export type UsageEventRow = z.infer<typeof UsageEventRowSchema>;
export type UsageDailyRow = z.infer<typeof UsageDailyRowSchema>;
