import { DateTime, Duration } from 'luxon';
import { z } from 'zod';

/**
 * Parse an ISO-8601 date or date-time, keeping the offset it was written with.
 * Returns null for anything luxon does not accept as ISO-8601 (e.g. "31/02/2026", "2026-02-31").
 */
export function parseIsoDate(value: unknown): DateTime | null {
	if (typeof value !== 'string' || value.trim() === '') return null;
	// Offsets written in the value are kept; a value without one ("2026-03-01") is read as UTC, never machine time.
	const parsed = DateTime.fromISO(value.trim(), { setZone: true, zone: 'utc' });
	return parsed.isValid ? parsed : null;
}

/** Like parseIsoDate but throws a sentence naming the value. */
export function requireIsoDate(value: unknown, what = 'date'): DateTime {
	const parsed = parseIsoDate(value);
	if (!parsed) throw new Error(`${what} ${JSON.stringify(value)} is not an ISO-8601 date`);
	return parsed;
}

/** An ISO-8601 string as it was given (offset preserved), validated by luxon. */
export const isoDateTime = z
	.string({ invalid_type_error: 'is not an ISO-8601 date' })
	.refine((value) => parseIsoDate(value) !== null, { message: 'is not an ISO-8601 date' });

/** Serialise keeping the original offset; dates without time stay full date-times. */
export function toIso(dateTime: DateTime): string {
	return dateTime.toISO({ suppressMilliseconds: true }) ?? dateTime.toString();
}

/** Whole and fractional days from `earlier` to `later` (negative when later < earlier). */
export function daysBetween(earlier: DateTime, later: DateTime): number {
	return later.diff(earlier, 'days').days;
}

/** Parse an ISO-8601 duration such as "PT2H", "P1D", "P1W". */
export function parseIsoDuration(value: unknown): Duration | null {
	if (typeof value !== 'string') return null;
	const duration = Duration.fromISO(value);
	return duration.isValid && duration.toMillis() > 0 ? duration : null;
}

/** The reference instant: an explicit as-of date, else now (UTC). */
export function resolveAsOf(asOf?: string | DateTime | null): DateTime {
	if (!asOf) return DateTime.utc();
	if (DateTime.isDateTime(asOf)) return asOf;
	return requireIsoDate(asOf, 'as-of date');
}

/**
 * As-of in a time zone: an ISO-8601 string keeps an offset it was written with, one without is read in `zone`
 * (the workflow's time zone; default UTC); a DateTime as it is; nothing → now.
 */
export function resolveAsOfInZone(asOf: string | DateTime | null | undefined, zone: string | undefined): DateTime {
	if (typeof asOf !== 'string' || asOf.trim() === '') return resolveAsOf(asOf || undefined);
	const timeZone = zone || 'utc';
	if (!DateTime.local().setZone(timeZone).isValid) throw new Error(`Time zone "${timeZone}" is not an IANA time zone`);
	const parsed = DateTime.fromISO(asOf.trim(), { zone: timeZone, setZone: true });
	if (!parsed.isValid) throw new Error(`as-of date ${JSON.stringify(asOf)} is not an ISO-8601 date`);
	return parsed;
}

/**
 * The reference instant, seen in `timezone` (the zone days are counted in): an ISO-8601 string without an
 * offset is a wall-clock time in that zone, one with an offset keeps its instant; absent means now. The result
 * is always in `timezone`, so "which day is it" is that zone's answer whatever offset the as-of was written with.
 */
export function resolveAsOfForDays(asOf: string | DateTime | null | undefined, timezone = 'utc'): DateTime {
	const zone = timezone.trim() || 'utc';
	if (!DateTime.local().setZone(zone).isValid) throw new Error(`Time zone "${timezone}" is not an IANA time zone`);
	if (DateTime.isDateTime(asOf)) return asOf.setZone(zone);
	if (asOf === undefined || asOf === null || asOf.trim() === '') return DateTime.now().setZone(zone);
	const parsed = DateTime.fromISO(asOf.trim(), { zone });
	if (!parsed.isValid) throw new Error(`As Of ${JSON.stringify(asOf)} is not an ISO-8601 date`);
	return parsed.setZone(zone);
}
