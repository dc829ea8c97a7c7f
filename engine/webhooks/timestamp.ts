/**
 * Signature timestamps and the replay window. A signed timestamp bounds how long a captured request can be
 * replayed: outside the window it is refused however good its signature. Requests dated in the future beyond
 * the window are refused too (a clock far ahead, or a forged future date that would otherwise stay valid).
 */
import { DateTime } from 'luxon';
import { parseIsoDate, parseIsoDuration } from '../model';
import { describeDuration, describeWindow, type WebhookProblem } from './result';

export type TimestampFormat = 'unix-seconds' | 'unix-ms' | 'iso' | 'auto';

/** The default replay window of every timestamped scheme: 5 minutes (Slack's and HubSpot's documented value). */
export const DEFAULT_WINDOW_MS = 5 * 60_000;

const FORMAT_WORDS: Record<Exclude<TimestampFormat, 'auto'>, string> = {
	'unix-seconds': 'Unix seconds',
	'unix-ms': 'Unix milliseconds',
	iso: 'an ISO-8601 date-time',
};

/** `auto`: 9–11 digits are seconds, 12–14 milliseconds, anything else must be ISO-8601. */
export function parseTimestamp(value: string, format: TimestampFormat): DateTime | null {
	const digits = /^\d+$/.test(value);
	const resolved = format !== 'auto' ? format : digits ? (value.length <= 11 ? 'unix-seconds' : 'unix-ms') : 'iso';
	if (resolved === 'iso') {
		if (digits) return null;
		const parsed = parseIsoDate(value);
		return parsed ? parsed.toUTC() : null;
	}
	if (!digits) return null;
	const n = Number(value);
	if (!Number.isSafeInteger(n)) return null;
	return DateTime.fromMillis(resolved === 'unix-seconds' ? n * 1000 : n, { zone: 'utc' });
}

export function describeTimestampFormat(format: TimestampFormat): string {
	return format === 'auto' ? 'Unix seconds, Unix milliseconds or an ISO-8601 date-time' : FORMAT_WORDS[format];
}

export function isoUtc(dateTime: DateTime): string {
	return dateTime.toUTC().toISO({ suppressMilliseconds: true }) ?? dateTime.toString();
}

/** undefined when `signedAt` lies within `windowMs` of `now`; else the stale / future problem. */
export function windowProblem(signedAt: DateTime, now: DateTime, windowMs: number): WebhookProblem | undefined {
	const ageMs = now.toMillis() - signedAt.toMillis();
	const window = `(window ${describeWindow(windowMs)})`;
	if (ageMs > windowMs) {
		return { reason: 'stale_timestamp', message: `stale timestamp: sent ${isoUtc(signedAt)}, ${describeDuration(ageMs)} before now ${window}` };
	}
	if (-ageMs > windowMs) {
		return {
			reason: 'future_timestamp',
			message: `timestamp in the future: sent ${isoUtc(signedAt)}, ${describeDuration(ageMs)} after now ${window} — is this machine's clock or the sender's wrong?`,
		};
	}
	return undefined;
}

const WINDOW_UNITS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * A replay window as a person writes it: "5m", "300s", "10 min", "1h", "PT5M", or a number of minutes.
 * Throws a sentence naming the value.
 */
export function parseWindow(value: string | number): number {
	if (typeof value === 'number') {
		if (Number.isFinite(value) && value > 0) return value * 60_000;
	} else {
		const text = value.trim().toLowerCase();
		const match = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/.exec(text);
		if (match) {
			const ms = Number(match[1]) * WINDOW_UNITS[match[2] ?? 'm'];
			if (ms > 0) return Math.round(ms);
		}
		const duration = parseIsoDuration(text.toUpperCase());
		if (duration) return duration.toMillis();
	}
	throw new Error(`replay window ${JSON.stringify(value)} is not a duration: write e.g. "5m", "300s", "1h" or "PT5M"`);
}
