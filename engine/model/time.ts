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

/**
 * The one as-of rule of every node and the CLI (n8n's own convention for `$now`): a value written without an
 * offset ("2026-11-23T07:00:00", as n8n's date picker gives it) is a wall-clock time in `zone` — the workflow's
 * time zone (`this.getTimezone()` in a node, `--timezone` on the command line); a value with an offset
 * ("2026-11-23T07:00:00Z", "…-08:00") is that instant and keeps its offset; no value is now, in `zone`.
 * `zone` defaults to UTC. A DateTime is taken as it is. `what` names the value in the error ("As Of" for a form field).
 */
export function resolveAsOf(asOf?: string | DateTime | null, zone?: string | null, what = 'as-of date'): DateTime {
	const name = zone?.trim() || 'utc';
	if (!DateTime.now().setZone(name).isValid) throw new Error(`time zone ${JSON.stringify(zone)} is not an IANA time zone such as "Europe/Berlin" or "America/Los_Angeles"`);
	if (DateTime.isDateTime(asOf)) return asOf;
	if (asOf === undefined || asOf === null || asOf.trim() === '') return DateTime.now().setZone(name);
	const parsed = DateTime.fromISO(asOf.trim(), { zone: name, setZone: true });
	if (!parsed.isValid) throw new Error(`${what} ${JSON.stringify(asOf)} is not an ISO-8601 date`);
	return parsed;
}

/**
 * The reference instant, seen in `timezone` (the zone days are counted in): an ISO-8601 string without an
 * offset is a wall-clock time in that zone, one with an offset keeps its instant; absent means now. The result
 * is always in `timezone`, so "which day is it" is that zone's answer whatever offset the as-of was written with.
 */
export function resolveAsOfForDays(asOf: string | DateTime | null | undefined, timezone = 'utc'): DateTime {
	const zone = timezone.trim() || 'utc';
	return resolveAsOf(asOf, zone, 'As Of').setZone(zone);
}
