import { DateTime } from 'luxon';
import {
	addBusinessDays,
	businessCalendar,
	calendarFromSettings,
	businessDaysInCalendarDays,
	dueAfterBusinessDays,
	endOfBusinessDay,
	isBusinessDay,
	nextBusinessDay,
	parseHolidayList,
	planStartDay,
	rollToBusinessDay,
} from '../../engine/act/calendar';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true });
const berlin = { zone: 'Europe/Berlin' };

describe('business calendar', () => {
	it('Friday 17:00 Europe/Berlin + 1 business day is Monday 17:00 Berlin', () => {
		expect(iso(addBusinessDays(at('2026-01-09T17:00:00+01:00'), 1, berlin))).toBe('2026-01-12T17:00:00+01:00');
	});

	it('skips weekends forward and backward, and 0 days changes nothing', () => {
		const wednesday = at('2026-01-07T10:00:00Z');
		expect(iso(addBusinessDays(wednesday, 3))).toBe('2026-01-12T10:00:00Z');
		expect(iso(addBusinessDays(wednesday, 8))).toBe('2026-01-19T10:00:00Z');
		expect(iso(addBusinessDays(at('2026-01-12T10:00:00Z'), -1))).toBe('2026-01-09T10:00:00Z');
		expect(iso(addBusinessDays(wednesday, 0))).toBe('2026-01-07T10:00:00Z');
	});

	it('from a Saturday, +1 business day is Monday (WORKDAY convention)', () => {
		expect(iso(addBusinessDays(at('2026-01-10T09:00:00Z'), 1))).toBe('2026-01-12T09:00:00Z');
	});

	it('skips holidays: Thursday 24 Dec + 1 with 25 Dec a holiday is Monday 28 Dec', () => {
		const options = { ...berlin, holidays: parseHolidayList('2026-12-25') };
		expect(iso(addBusinessDays(at('2026-12-24T12:00:00+01:00'), 1, options))).toBe('2026-12-28T12:00:00+01:00');
		// Good Friday and Easter Monday around a weekend: Thursday + 1 = Tuesday.
		const easter = { ...berlin, holidays: ['2026-04-03', '2026-04-06'] };
		expect(iso(addBusinessDays(at('2026-04-02T09:00:00+02:00'), 1, easter))).toBe('2026-04-07T09:00:00+02:00');
	});

	it('decides the day in the calendar zone: Friday 23:30 UTC is Saturday in Berlin', () => {
		const lateFriday = at('2026-01-09T23:30:00Z');
		expect(isBusinessDay(lateFriday)).toBe(true);
		expect(isBusinessDay(lateFriday, berlin)).toBe(false);
		expect(iso(addBusinessDays(lateFriday, 1))).toBe('2026-01-12T23:30:00Z');
		// In Berlin it is Saturday 00:30, so +1 business day is Monday 00:30 Berlin time.
		expect(iso(addBusinessDays(lateFriday, 1, berlin))).toBe('2026-01-12T00:30:00+01:00');
		// New York: Friday evening is still Friday.
		expect(iso(addBusinessDays(lateFriday, 1, { zone: 'America/New_York' }))).toBe('2026-01-12T18:30:00-05:00');
	});

	it('keeps the local wall-clock time across the DST change (spring forward and fall back in Berlin)', () => {
		const beforeSpring = at('2026-03-27T10:00:00+01:00'); // Friday; clocks go forward Sunday 29 March
		const afterSpring = addBusinessDays(beforeSpring, 1, berlin);
		expect(iso(afterSpring)).toBe('2026-03-30T10:00:00+02:00');
		expect(afterSpring.diff(beforeSpring, 'hours').hours).toBe(71);
		const beforeFall = at('2026-10-23T10:00:00+02:00'); // Friday; clocks go back Sunday 25 October
		const afterFall = addBusinessDays(beforeFall, 1, berlin);
		expect(iso(afterFall)).toBe('2026-10-26T10:00:00+01:00');
		expect(afterFall.diff(beforeFall, 'hours').hours).toBe(73);
		expect(iso(endOfBusinessDay(afterFall, berlin))).toBe('2026-10-26T17:00:00+01:00');
	});

	it('rolls to a business day and finds the next one', () => {
		expect(iso(rollToBusinessDay(at('2026-01-10T09:00:00Z')))).toBe('2026-01-12T09:00:00Z');
		expect(iso(rollToBusinessDay(at('2026-01-09T09:00:00Z')))).toBe('2026-01-09T09:00:00Z');
		expect(iso(nextBusinessDay(at('2026-01-09T09:00:00Z')))).toBe('2026-01-12T09:00:00Z');
	});

	it('starts a plan the next business day when the business day has ended or is not one', () => {
		expect(iso(planStartDay(at('2026-01-09T16:59:00+01:00'), berlin))).toBe('2026-01-09T16:59:00+01:00');
		expect(iso(planStartDay(at('2026-01-09T17:00:00+01:00'), berlin))).toBe('2026-01-12T17:00:00+01:00');
		expect(iso(dueAfterBusinessDays(at('2026-01-09T18:30:00+01:00'), 0, berlin))).toBe('2026-01-12T17:00:00+01:00');
		expect(iso(dueAfterBusinessDays(at('2026-01-09T09:00:00+01:00'), 1, { ...berlin, dueHour: 18 }))).toBe('2026-01-12T18:00:00+01:00');
	});

	it('supports another weekend (Friday–Saturday)', () => {
		const gulf = { zone: 'Asia/Dubai', weekend: [5, 6] };
		expect(iso(addBusinessDays(at('2026-01-08T10:00:00+04:00'), 1, gulf))).toBe('2026-01-11T10:00:00+04:00');
	});

	it('converts seed calendar days to business days of a five-day week', () => {
		expect([0, 1, 3, 5, 7, 10, 14, 21, 30].map(businessDaysInCalendarDays)).toEqual([0, 1, 3, 5, 5, 8, 10, 15, 22]);
	});

	it('rejects settings that cannot work, naming the setting and the fix', () => {
		expect(() => businessCalendar({ zone: 'Europe/Berlln' })).toThrow(
			'time zone "Europe/Berlln" is not an IANA time zone; use a name such as "Europe/Berlin", "America/New_York" or "UTC"',
		);
		expect(() => parseHolidayList('2026-12-25, 25/12/2026')).toThrow(
			'holiday "25/12/2026" is not an ISO date; write holidays as YYYY-MM-DD, comma-separated (e.g. 2026-12-25, 2026-12-26)',
		);
		expect(() => parseHolidayList('2026-02-30')).toThrow('holiday "2026-02-30" is not an ISO date');
		expect(() => businessCalendar({ dueHour: 24 })).toThrow('due hour 24 is not a whole hour between 0 and 23');
		expect(() => businessCalendar({ weekend: [1, 2, 3, 4, 5, 6, 7] })).toThrow('weekend covers all seven days');
		expect(() => businessCalendar({ weekend: [0] })).toThrow('weekend day 0 is not a weekday number (1 = Monday … 7 = Sunday)');
	});

	it('parses a holiday list with spaces, semicolons and blank entries', () => {
		expect(parseHolidayList(' 2026-12-25 ;2026-12-26,, \n2027-01-01 ')).toEqual(['2026-12-25', '2026-12-26', '2027-01-01']);
		expect(parseHolidayList('')).toEqual([]);
	});

	it('builds a calendar from form settings: empty zone → the default zone, holidays as text', () => {
		const calendar = calendarFromSettings({ timeZone: ' ', holidays: '2026-12-25, 2026-12-26', dueHour: 18, weekend: [] }, 'Europe/Paris');
		expect([calendar.zone, [...calendar.holidays], [...calendar.weekend], calendar.dueHour]).toEqual(['Europe/Paris', ['2026-12-25', '2026-12-26'], [6, 7], 18]);
		expect(calendarFromSettings({ timeZone: 'Asia/Tokyo' }).zone).toBe('Asia/Tokyo');
	});
});
