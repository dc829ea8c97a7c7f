import { DateTime } from 'luxon';

/**
 * The days usage is counted in: calendar days in the workflow's time zone, ending with the last day that is
 * complete at as-of (the day before the as-of date). The as-of day itself is partial — counting it would make
 * every morning's sweep see a usage drop — so its rows are counted apart and left for the next run.
 *
 * Bucketing a million events must not build a million luxon DateTimes: instants are placed with a binary
 * search over the window's day starts (computed once with luxon, so DST days are 23 or 25 hours long), and
 * a timestamp written without an offset is a wall-clock time in the workflow zone, whose calendar date is
 * simply the date it was written with.
 */

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

/** A point in time as the row gave it: an instant, or a wall-clock time (no offset) in the workflow zone. */
export type ParsedTime = { instantMs: number; civilDay?: undefined } | { civilDay: number; wallMs: number; instantMs?: undefined };

// 2026-03-01, 2026-03-01T10:00, 2026-03-01 10:00:00.123, 2026-03-01T10:00:00+02:00, …Z
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * An ISO-8601 date or date-time (extended form; `T` or a space between date and time), an epoch number
 * (seconds below 1e11, else milliseconds), or a JS Date. Anything else luxon reads as ISO-8601 (week dates,
 * basic format) goes through luxon with the workflow zone. Undefined when it is not a date.
 */
export function parseTime(value: unknown, zone: string): ParsedTime | undefined {
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

/** Where a timestamp falls relative to the window. */
export const BEFORE_WINDOW = -1;
export const ON_AS_OF_DAY = -2;
export const AFTER_AS_OF = -3;

export class UsageCalendar {
	/** Number of whole days in the window. */
	readonly days: number;
	/** Day number (days since 1970-01-01) of the window's first day. */
	readonly firstDayNumber: number;
	/** The as-of instant and the zone days are counted in. */
	readonly asOf: DateTime;
	readonly zone: string;
	/** Start instant (epoch ms) of each window day, plus the start of the as-of day at [days]. */
	private readonly starts: Float64Array;
	private readonly asOfMs: number;
	private readonly asOfDayNumber: number;
	private readonly asOfWallMs: number;

	constructor(asOf: DateTime, days: number) {
		if (!Number.isInteger(days) || days < 1) throw new Error(`The usage window must be a whole number of days (1 or more), not ${days}`);
		this.asOf = asOf;
		this.zone = asOf.zoneName ?? 'UTC';
		this.days = days;
		const asOfDay = asOf.startOf('day');
		this.asOfDayNumber = civilDayNumber(asOfDay.year, asOfDay.month, asOfDay.day);
		this.firstDayNumber = this.asOfDayNumber - days;
		this.asOfMs = asOf.toMillis();
		this.asOfWallMs = ((asOf.hour * 60 + asOf.minute) * 60 + asOf.second) * 1000 + asOf.millisecond;
		this.starts = new Float64Array(days + 1);
		for (let i = 0; i <= days; i += 1) this.starts[i] = asOfDay.minus({ days: days - i }).toMillis();
	}

	/** `YYYY-MM-DD` of window day `index` (0 = first, days − 1 = the last complete day). */
	date(index: number): string {
		return civilDate(this.firstDayNumber + index);
	}

	/** The start of window day `index` as a DateTime in the zone (index = days → the as-of day's start). */
	startOf(index: number): DateTime {
		return DateTime.fromMillis(this.starts[Math.max(0, Math.min(this.days, index))], { zone: this.zone });
	}

	/** Window index of a calendar date: BEFORE_WINDOW, ON_AS_OF_DAY, AFTER_AS_OF or 0 … days − 1. */
	indexOfDayNumber(dayNumber: number): number {
		const index = dayNumber - this.firstDayNumber;
		if (index < 0) return BEFORE_WINDOW;
		if (index < this.days) return index;
		return index === this.days ? ON_AS_OF_DAY : AFTER_AS_OF;
	}

	/** Window index of a parsed time (see indexOfDayNumber). */
	indexOf(time: ParsedTime): number {
		if (time.instantMs === undefined) {
			const index = this.indexOfDayNumber(time.civilDay);
			if (index === ON_AS_OF_DAY && time.wallMs >= this.asOfWallMs) return AFTER_AS_OF;
			return index;
		}
		return this.indexOfInstant(time.instantMs);
	}

	/** Window index of an instant (epoch ms). A first guess from whole days, corrected against the day starts (DST). */
	indexOfInstant(ms: number): number {
		if (ms < this.starts[0]) return BEFORE_WINDOW;
		if (ms >= this.starts[this.days]) return ms < this.asOfMs ? ON_AS_OF_DAY : AFTER_AS_OF;
		let index = Math.min(this.days - 1, Math.floor((ms - this.starts[0]) / DAY_MS));
		while (index > 0 && this.starts[index] > ms) index -= 1;
		while (index < this.days - 1 && this.starts[index + 1] <= ms) index += 1;
		return index;
	}
}
