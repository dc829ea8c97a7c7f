import { DateTime } from 'luxon';
import { civilDate, civilDayNumber, type UsageTime } from '../../model';

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
	indexOf(time: UsageTime): number {
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
