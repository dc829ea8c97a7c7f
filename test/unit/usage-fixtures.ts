/**
 * Builders for usage rows in the tests: who was active on which days, as per-event rows (the shape a
 * warehouse export or a Postgres node gives: accountId, userId, event, feature, occurredAt) or as
 * pre-aggregated day rows.
 */
import { DateTime } from 'luxon';

/** Every `YYYY-MM-DD` from `from` to `to`, inclusive. */
export function days(from: string, to: string): string[] {
	const out: string[] = [];
	const end = DateTime.fromISO(to, { zone: 'utc' });
	for (let d = DateTime.fromISO(from, { zone: 'utc' }); d <= end; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
	return out;
}

/** `date` shifted by `n` days. */
export function shift(date: string, n: number): string {
	return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: n }).toISODate()!;
}

export interface ActivityOptions {
	/** First user number (users are u<first> … u<first + users − 1>). */
	firstUser?: number;
	event?: string;
	feature?: string;
	/** Events per user per day (default 1). */
	perUser?: number;
	/** Time of day (default 10:00 UTC). */
	time?: string;
}

/** One event per user per day (or `perUser`) for `users` users on every day from `from` to `to`. */
export function activity(accountId: string, users: number, from: string, to: string, options: ActivityOptions = {}): Array<Record<string, unknown>> {
	const rows: Array<Record<string, unknown>> = [];
	const first = options.firstUser ?? 1;
	for (const day of days(from, to)) {
		for (let u = first; u < first + users; u += 1) {
			for (let n = 0; n < (options.perUser ?? 1); n += 1) {
				const row: Record<string, unknown> = { accountId, userId: `u${u}`, event: options.event ?? 'Page Viewed', occurredAt: `${day}T${options.time ?? '10:00:00Z'}` };
				if (options.feature) row.feature = options.feature;
				rows.push(row);
			}
		}
	}
	return rows;
}

/** `count` events in total on each day (no user), e.g. a system integration. */
export function systemEvents(accountId: string, event: string, from: string, to: string, count = 1): Array<Record<string, unknown>> {
	return days(from, to).flatMap((day) => Array.from({ length: count }, () => ({ accountId, event, occurredAt: `${day}T03:00:00Z` })));
}
