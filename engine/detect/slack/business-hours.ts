import { DateTime, IANAZone } from 'luxon';

/**
 * Business hours for "unanswered past N business hours".
 *
 * Note for the lead: engine/act/calendar.ts has business *days* (zone, holidays, weekend) but no hours-of-day
 * arithmetic, and detect/ may not import act/. Moving it down to model/ is more than a trivial move (its
 * CalendarConfigError and due-date helpers belong to act), so this is a small, self-contained counterpart with the
 * same conventions (IANA zone, ISO holiday list, weekend as luxon weekdays). When the calendar moves to model/,
 * fold `addBusinessHours` into it.
 */
export interface BusinessHours {
	zone: string;
	/** Local hour the working day starts (inclusive) and ends (exclusive), 0–24. */
	startHour: number;
	endHour: number;
	weekend: ReadonlySet<number>;
	holidays: ReadonlySet<string>;
}

export interface BusinessHoursOptions {
	zone?: string;
	startHour?: number;
	endHour?: number;
	weekend?: readonly number[];
	holidays?: readonly string[];
}

/** The working day when none is given: 9:00 to 17:00, Saturday and Sunday off. */
export const DEFAULT_BUSINESS_HOURS = Object.freeze({ startHour: 9, endHour: 17, weekend: [6, 7] as readonly number[] });

export function businessHours(options: BusinessHoursOptions = {}): BusinessHours {
	const zone = options.zone?.trim() || 'UTC';
	if (!IANAZone.isValidZone(zone)) throw new Error(`Business hours: time zone "${zone}" is not an IANA time zone`);
	const startHour = options.startHour ?? DEFAULT_BUSINESS_HOURS.startHour;
	const endHour = options.endHour ?? DEFAULT_BUSINESS_HOURS.endHour;
	if (!Number.isInteger(startHour) || !Number.isInteger(endHour) || startHour < 0 || endHour > 24 || startHour >= endHour) {
		throw new Error(`Business hours: the working day ${startHour}–${endHour} must be whole hours with start before end, within 0–24`);
	}
	for (const day of options.holidays ?? []) {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !DateTime.fromISO(day).isValid) throw new Error(`Business hours: holiday "${day}" is not an ISO date (YYYY-MM-DD)`);
	}
	return { zone, startHour, endHour, weekend: new Set(options.weekend ?? DEFAULT_BUSINESS_HOURS.weekend), holidays: new Set(options.holidays ?? []) };
}

function isWorkingDay(day: DateTime, hours: BusinessHours): boolean {
	return !hours.weekend.has(day.weekday) && !hours.holidays.has(day.toISODate()!);
}

/** The instant `amount` business hours after `from` (time outside working hours does not count). */
export function addBusinessHours(from: DateTime, amount: number, hours: BusinessHours): DateTime {
	let cursor = from.setZone(hours.zone);
	let remaining = amount * 60; // minutes
	for (let guard = 0; guard < 3660; guard++) {
		if (isWorkingDay(cursor, hours)) {
			const open = cursor.set({ hour: hours.startHour, minute: 0, second: 0, millisecond: 0 });
			const close = hours.endHour === 24 ? cursor.startOf('day').plus({ days: 1 }) : cursor.set({ hour: hours.endHour, minute: 0, second: 0, millisecond: 0 });
			const begin = cursor < open ? open : cursor;
			if (begin < close) {
				const available = close.diff(begin, 'minutes').minutes;
				if (remaining <= available) return begin.plus({ minutes: remaining });
				remaining -= available;
			}
		}
		cursor = cursor.startOf('day').plus({ days: 1 });
	}
	throw new Error('Business hours: no working time within ten years; check the weekend and holiday settings');
}

/** Business hours between two instants (0 when `to` is not after `from`). */
export function businessHoursBetween(from: DateTime, to: DateTime, hours: BusinessHours): number {
	if (to <= from) return 0;
	let cursor = from.setZone(hours.zone);
	const end = to.setZone(hours.zone);
	let minutes = 0;
	while (cursor < end) {
		const nextDay = cursor.startOf('day').plus({ days: 1 });
		if (isWorkingDay(cursor, hours)) {
			const open = cursor.set({ hour: hours.startHour, minute: 0, second: 0, millisecond: 0 });
			const close = hours.endHour === 24 ? nextDay : cursor.set({ hour: hours.endHour, minute: 0, second: 0, millisecond: 0 });
			const begin = cursor < open ? open : cursor;
			const finish = end < close ? end : close;
			if (finish > begin) minutes += finish.diff(begin, 'minutes').minutes;
		}
		cursor = nextDay;
	}
	return minutes / 60;
}
