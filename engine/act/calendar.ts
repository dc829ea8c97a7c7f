import { DateTime, IANAZone } from 'luxon';

/**
 * Business days for accountable due dates: a time zone (IANA), a holiday list and the weekend.
 *
 * Conventions (so a plan reads the same in every team):
 * - Every date is first converted to the calendar's zone; "which day is it" is decided there
 *   (Friday 23:30 UTC is already Saturday in Europe/Berlin).
 * - `addBusinessDays(d, n)` counts n business days forward (backward when n < 0) from d's local day and
 *   keeps d's local wall-clock time across DST changes. From a non-business day, +1 is the first business day
 *   after it (Saturday + 1 = Monday), as spreadsheet WORKDAY() does. n = 0 returns d unchanged.
 * - A task is due at the end of a business day: `dueHour`:00 local time (17:00 by default).
 */
export interface CalendarOptions {
	/** IANA time zone, e.g. "Europe/Berlin". Default UTC. */
	zone?: string;
	/** Non-working days as ISO dates (YYYY-MM-DD) in the calendar's zone. */
	holidays?: readonly string[];
	/** Weekend days as luxon weekday numbers (1 = Monday … 7 = Sunday). Default Saturday and Sunday. */
	weekend?: readonly number[];
	/** Local hour (0–23) at which a business day ends and tasks fall due. Default 17. */
	dueHour?: number;
}

export interface BusinessCalendar {
	readonly zone: string;
	readonly holidays: ReadonlySet<string>;
	readonly weekend: ReadonlySet<number>;
	readonly dueHour: number;
}

export const DEFAULT_CALENDAR: Required<CalendarOptions> = {
	zone: 'UTC',
	holidays: [],
	weekend: [6, 7],
	dueHour: 17,
};

/** A calendar setting that cannot work; the message names the setting, the value and the fix. */
export class CalendarConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CalendarConfigError';
	}
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-12-25, 2026-12-26" → ["2026-12-25", "2026-12-26"]; throws naming the entry that is not a date. */
export function parseHolidayList(text: string | readonly string[] | undefined | null): string[] {
	if (text === undefined || text === null) return [];
	const entries = (typeof text === 'string' ? text.split(/[,;\n]/) : [...text]).map((entry) => entry.trim()).filter(Boolean);
	for (const entry of entries) {
		if (!ISO_DAY.test(entry) || !DateTime.fromISO(entry, { zone: 'UTC' }).isValid) {
			throw new CalendarConfigError(`holiday "${entry}" is not an ISO date; write holidays as YYYY-MM-DD, comma-separated (e.g. 2026-12-25, 2026-12-26)`);
		}
	}
	return entries;
}

function isCalendar(value: CalendarOptions | BusinessCalendar): value is BusinessCalendar {
	return value.holidays instanceof Set;
}

/** Validate options into a calendar (throws CalendarConfigError naming the bad setting). */
export function businessCalendar(options: CalendarOptions | BusinessCalendar = {}): BusinessCalendar {
	if (isCalendar(options)) return options;
	const zone = (options.zone ?? DEFAULT_CALENDAR.zone).trim() || DEFAULT_CALENDAR.zone;
	if (!IANAZone.isValidZone(zone)) {
		throw new CalendarConfigError(`time zone "${zone}" is not an IANA time zone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"`);
	}
	const weekend = [...(options.weekend ?? DEFAULT_CALENDAR.weekend)];
	for (const day of weekend) {
		if (!Number.isInteger(day) || day < 1 || day > 7) {
			throw new CalendarConfigError(`weekend day ${JSON.stringify(day)} is not a weekday number (1 = Monday … 7 = Sunday)`);
		}
	}
	if (new Set(weekend).size >= 7) throw new CalendarConfigError('weekend covers all seven days; leave at least one business day in the week');
	const dueHour = options.dueHour ?? DEFAULT_CALENDAR.dueHour;
	if (!Number.isInteger(dueHour) || dueHour < 0 || dueHour > 23) {
		throw new CalendarConfigError(`due hour ${JSON.stringify(dueHour)} is not a whole hour between 0 and 23`);
	}
	return { zone, holidays: new Set(parseHolidayList(options.holidays ?? [])), weekend: new Set(weekend), dueHour };
}

function local(date: DateTime, calendar: BusinessCalendar): DateTime {
	return date.setZone(calendar.zone);
}

/** Whether the date's local day (in the calendar's zone) is neither weekend nor holiday. */
export function isBusinessDay(date: DateTime, options: CalendarOptions | BusinessCalendar = {}): boolean {
	const calendar = businessCalendar(options);
	const day = local(date, calendar);
	return !calendar.weekend.has(day.weekday) && !calendar.holidays.has(day.toISODate()!);
}

// A year of consecutive non-business days means the holiday list is broken, not that work can wait.
const MAX_STEPS = 366;

function step(date: DateTime, direction: 1 | -1, calendar: BusinessCalendar): DateTime {
	let current = date;
	for (let i = 0; i < MAX_STEPS; i++) {
		current = current.plus({ days: direction });
		if (isBusinessDay(current, calendar)) return current;
	}
	throw new CalendarConfigError(`no business day within ${MAX_STEPS} days of ${date.toISODate()}; check the holiday list`);
}

/** The first business day strictly after the date's local day (same local time). */
export function nextBusinessDay(date: DateTime, options: CalendarOptions | BusinessCalendar = {}): DateTime {
	const calendar = businessCalendar(options);
	return step(local(date, calendar), 1, calendar);
}

/** The date itself when its local day is a business day, else the next business day (same local time). */
export function rollToBusinessDay(date: DateTime, options: CalendarOptions | BusinessCalendar = {}): DateTime {
	const calendar = businessCalendar(options);
	const day = local(date, calendar);
	return isBusinessDay(day, calendar) ? day : step(day, 1, calendar);
}

/** n business days after (n < 0: before) the date's local day, keeping its local wall-clock time. */
export function addBusinessDays(date: DateTime, n: number, options: CalendarOptions | BusinessCalendar = {}): DateTime {
	if (!Number.isInteger(n)) throw new RangeError(`business days must be a whole number, not ${n}`);
	const calendar = businessCalendar(options);
	let current = local(date, calendar);
	const direction = n < 0 ? -1 : 1;
	for (let i = 0; i < Math.abs(n); i++) current = step(current, direction, calendar);
	return current;
}

/** The end of the date's local business day: `dueHour`:00 in the calendar's zone. */
export function endOfBusinessDay(date: DateTime, options: CalendarOptions | BusinessCalendar = {}): DateTime {
	const calendar = businessCalendar(options);
	return local(date, calendar).set({ hour: calendar.dueHour, minute: 0, second: 0, millisecond: 0 });
}

/**
 * The day a plan starts on: the moment's local day when it is a business day and the business day has not
 * ended yet (before `dueHour`:00); otherwise the next business day. Work fired on Friday evening starts Monday.
 */
export function planStartDay(moment: DateTime, options: CalendarOptions | BusinessCalendar = {}): DateTime {
	const calendar = businessCalendar(options);
	const day = local(moment, calendar);
	if (isBusinessDay(day, calendar) && day < endOfBusinessDay(day, calendar)) return day;
	return step(day, 1, calendar);
}

/** Due at the end of the business day `offset` business days after the plan's start day. */
export function dueAfterBusinessDays(moment: DateTime, offset: number, options: CalendarOptions | BusinessCalendar = {}): DateTime {
	const calendar = businessCalendar(options);
	return endOfBusinessDay(addBusinessDays(planStartDay(moment, calendar), offset, calendar), calendar);
}

/** Business days in a span of `calendarDays` calendar days of a five-day week (Day 7 → 5, Day 30 → 22). */
export function businessDaysInCalendarDays(calendarDays: number): number {
	return Math.floor(calendarDays / 7) * 5 + Math.min(calendarDays % 7, 5);
}

/** Calendar settings as a form gives them (node parameters, CLI flags): empty zone → the default zone. */
export function calendarFromSettings(
	settings: { timeZone?: string; holidays?: string; dueHour?: number; weekend?: readonly number[] },
	defaultZone = DEFAULT_CALENDAR.zone,
): BusinessCalendar {
	return businessCalendar({
		zone: settings.timeZone?.trim() || defaultZone,
		holidays: parseHolidayList(settings.holidays ?? ''),
		dueHour: settings.dueHour,
		weekend: settings.weekend && settings.weekend.length > 0 ? settings.weekend.map(Number) : undefined,
	});
}
