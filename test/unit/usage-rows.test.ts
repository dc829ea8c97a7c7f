/**
 * Usage rows from any upstream node: field mapping, bad rows (errors name the row and the field, the
 * other rows still count), account key mapping, the as-of rule and the time zone, thresholds as data.
 */
import {
	accountKeyMapFromItems,
	DEFAULT_USAGE_FIELD_MAP,
	detectUsageSignalsFromRows,
	detectUsageSignalsFromRowStream,
	mapUsageRow,
	resolveUsageFieldMap,
	resolveUsageThresholds,
	USAGE_FIELDS,
	USAGE_THRESHOLD_TABLE,
	usageWindowDays,
	defaultUsageThresholds,
	UsageRowError,
} from '../../engine/detect/usage';
import { UsageDailyRowSchema, UsageEventRowSchema } from '../../engine/model';
import { getSignalType } from '../../engine/taxonomy';
import { activity } from './usage-fixtures';

const AS_OF = '2026-03-10T09:00:00Z';

function errorOf(row: unknown, index = 17, fieldMap = DEFAULT_USAGE_FIELD_MAP, kind: 'auto' | 'event' | 'day' = 'auto'): UsageRowError {
	try {
		mapUsageRow(row, index, fieldMap, kind);
	} catch (error) {
		return error as UsageRowError;
	}
	throw new Error('the row mapped without an error');
}

describe('canonical usage rows', () => {
	it('per-event and pre-aggregated rows are zod schemas', () => {
		expect(UsageEventRowSchema.safeParse({ accountId: 'acme', userId: 'u1', event: 'Report Exported', occurredAt: '2026-03-01T10:00:00+01:00' }).success).toBe(true);
		expect(UsageEventRowSchema.safeParse({ accountId: 'acme', occurredAt: 1772355600 }).success).toBe(true);
		expect(UsageEventRowSchema.safeParse({ accountId: 'acme', occurredAt: '31/02' }).success).toBe(false);
		expect(UsageDailyRowSchema.safeParse({ accountId: 'acme', day: '2026-03-01', activeUsers: 12 }).success).toBe(true);
		expect(UsageDailyRowSchema.safeParse({ accountId: 'acme', day: '2026-03-01' }).success).toBe(false);
	});

	it('the field map has one home: its defaults and the form labels come from USAGE_FIELDS', () => {
		expect(DEFAULT_USAGE_FIELD_MAP).toEqual({
			accountKey: 'accountId',
			userId: 'userId',
			event: 'event',
			feature: 'feature',
			occurredAt: 'occurredAt',
			day: 'day',
			activeUsers: 'activeUsers',
			events: 'events',
		});
		expect(USAGE_FIELDS.occurredAt).toEqual({ label: 'Occurred At Field', default: 'occurredAt', holds: 'the event time', rows: 'event', required: true });
		expect(resolveUsageFieldMap({ occurredAt: ' event_time ', feature: '' })).toMatchObject({ occurredAt: 'event_time', feature: '' });
		expect(() => resolveUsageFieldMap({ occuredAt: 'x' })).toThrow('Usage field mapping "occuredAt" is unknown (known: accountKey, userId, event, feature, occurredAt, day, activeUsers, events)');
		expect(() => resolveUsageFieldMap({ accountKey: ' ' })).toThrow('"Account Key Field" is empty: name the field that holds the account key');
	});
});

describe('bad rows name the row and the field and say how to fix it', () => {
	it.each([
		[{ accountId: 'acme', occurredAt: '31/02' }, 'usage row 17: occurredAt "31/02" is not an ISO-8601 date — map the field that holds the event time', ['occurredAt']],
		[{ accountId: 'acme', occurredAt: '2026-02-31T10:00:00Z' }, 'usage row 17: occurredAt "2026-02-31T10:00:00Z" is not an ISO-8601 date — map the field that holds the event time', ['occurredAt']],
		[{ occurredAt: '2026-03-01T10:00:00Z' }, 'usage row 17: accountId is missing — map the field that holds the account key', ['accountKey']],
		[{ accountId: { id: 1 }, occurredAt: '2026-03-01' }, 'usage row 17: accountId {"id":1} is not an id — map the field that holds the account key', ['accountKey']],
		[{ accountId: 'acme', day: '2026-02-31', events: 3 }, 'usage row 17: day "2026-02-31" is not a YYYY-MM-DD date — map the field that holds the day (YYYY-MM-DD)', ['day']],
		[{ accountId: 'acme', day: '2026-03-01' }, "usage row 17: has neither activeUsers nor events — map the field that holds the day's number of active users or map the field that holds the day's number of events", ['activeUsers']],
		[{ accountId: 'acme', day: '2026-03-01', activeUsers: '12.5' }, "usage row 17: activeUsers \"12.5\" is not a whole number of 0 or more — map the field that holds the day's number of active users", ['activeUsers']],
		[{ accountId: 'acme', day: '2026-03-01', events: -4 }, "usage row 17: events -4 is not a number of 0 or more — map the field that holds the day's number of events", ['events']],
		[{ accountId: 'acme' }, 'usage row 17: has neither occurredAt nor day — map the field that holds the event time (one row per event) or map the field that holds the day (YYYY-MM-DD) (one row per account and day)', ['occurredAt', 'day']],
		['acme,2026-03-01', 'usage row 17: is "acme,2026-03-01", not a row object', []],
	])('%j', (row, message, fields) => {
		const error = errorOf(row);
		expect(error).toBeInstanceOf(UsageRowError);
		expect(error.message).toBe(message);
		expect(error.fields).toEqual(fields);
		expect(error.itemIndex).toBe(17);
	});

	it('several problems of one row come in one error', () => {
		expect(errorOf({ occurredAt: 'yesterday', userId: ['u1'] }, 3).message).toBe(
			'usage row 3: accountId is missing — map the field that holds the account key; occurredAt "yesterday" is not an ISO-8601 date — map the field that holds the event time; userId ["u1"] is not an id — map the field that holds the user id',
		);
	});

	it('mapped fields are named as mapped (nested paths, warehouse column names)', () => {
		const map = resolveUsageFieldMap({ accountKey: 'company.id', occurredAt: 'EVENT_TIME', userId: 'USER_ID', event: 'EVENT_NAME' });
		expect(mapUsageRow({ company: { id: 42 }, EVENT_TIME: '2026-03-01 10:00:00', USER_ID: 7, EVENT_NAME: 'Login' }, 0, map)).toEqual({
			kind: 'event',
			row: { accountId: '42', userId: '7', event: 'Login', occurredAt: '2026-03-01 10:00:00' },
		});
		expect(errorOf({ company: { id: 42 }, EVENT_TIME: '01.03.2026' }, 5, map).message).toBe(
			'usage row 5: EVENT_TIME "01.03.2026" is not an ISO-8601 date — map the field that holds the event time',
		);
	});

	it('every mapped row is a canonical row (the zod schemas are the contract the hand-written checks keep)', () => {
		const raw = [
			{ accountId: 7, userId: 12, event: 'Login', feature: 'Billing', occurredAt: '2026-03-01 10:00:00' },
			{ accountId: 'acme', occurredAt: 1772355600 },
			{ accountId: 'acme', occurredAt: '2026-W10-1' },
		];
		for (const [index, row] of raw.entries()) expect(UsageEventRowSchema.safeParse(mapUsageRow(row, index).row).success).toBe(true);
		for (const row of [{ accountId: 'acme', day: '2026-03-01', events: '3.5' }, { accountId: 'acme', day: '2026-03-01T00:00:00Z', activeUsers: 0 }]) {
			expect(UsageDailyRowSchema.safeParse(mapUsageRow(row, 0).row).success).toBe(true);
		}
	});

	it('numbers as text (CSV, Sheets) and a warehouse DATE exported as midnight are read', () => {
		expect(mapUsageRow({ accountId: 'acme', day: '2026-03-01T00:00:00.000Z', activeUsers: '12', events: '340' }, 0)).toEqual({
			kind: 'day',
			row: { accountId: 'acme', day: '2026-03-01', activeUsers: 12, events: 340 },
		});
	});

	it('bad rows are reported in row order and the good rows still make their signals', () => {
		const good = [...activity('acme', 6, '2025-12-01', '2026-03-09'), ...activity('acme', 4, '2025-12-01', '2026-03-02', { firstUser: 7 })];
		const rows = [{ accountId: 'acme', occurredAt: '31/02' }, ...good.slice(0, 5), { occurredAt: '2026-03-01' }, ...good.slice(5)];
		const result = detectUsageSignalsFromRows(rows, [], { asOf: AS_OF });
		expect(result.unusable.map((e) => e.message)).toEqual([
			'usage row 0: occurredAt "31/02" is not an ISO-8601 date — map the field that holds the event time',
			'usage row 6: accountId is missing — map the field that holds the account key',
		]);
		expect(result.signals.map((s) => s.type)).toEqual(['usage.wau_drop']);
		expect(result.summary).toMatchObject({ rows: good.length + 2, rowErrors: 2, rowErrorsNotListed: 0 });
	});

	it('past maxRowErrors the errors are counted, not listed', () => {
		const rows = Array.from({ length: 5 }, () => ({ accountId: 'acme', occurredAt: 'soon' }));
		const result = detectUsageSignalsFromRows(rows, [], { asOf: AS_OF, maxRowErrors: 2 });
		expect(result.unusable).toHaveLength(2);
		expect(result.summary).toMatchObject({ rowErrors: 5, rowErrorsNotListed: 3 });
	});

	it('a bad account item is reported and the rest still count', () => {
		const result = detectUsageSignalsFromRows(activity('acme', 80, '2026-03-01', '2026-03-01'), [{ accountId: 'acme', licensedSeats: 100 }, { accountId: 'beta', licensedSeats: 'many' }, { accountId: 'acme', licensedSeats: 10 }], { asOf: AS_OF });
		expect(result.unusable.map((e) => e.message)).toEqual([
			'account 1: licensedSeats "many" should be a number, not a string',
			'account 2: accountId "acme" is also account 0: the first one is used',
		]);
		expect(result.signals.map((s) => s.evidence)).toEqual(['Seat utilisation 80% (80 of 100 licensed seats active in the 30 days to 2026-03-09)']);
		expect(result.summary.accountsWithoutUsage).toBe(0);
	});
});

describe('account keys: Mixpanel group key / Pendo account id → CRM account id', () => {
	const rows = [
		...activity('grp_1', 80, '2026-03-01', '2026-03-01'),
		{ accountId: 'grp_9', occurredAt: '2026-03-01T10:00:00Z' },
		{ accountId: 'grp_9', occurredAt: '2026-03-02T10:00:00Z' },
		{ accountId: 'beta', occurredAt: '2026-03-02T10:00:00Z' },
	];

	it('translates mapped keys, passes keys that already are CRM ids, and reports each unmapped key once', () => {
		const result = detectUsageSignalsFromRows(rows, [{ accountId: 'acme', licensedSeats: 100 }, { accountId: 'beta' }], { asOf: AS_OF, accountKeyMap: { grp_1: 'acme' } });
		expect(result.signals.map((s) => [s.accountId, s.type])).toEqual([['acme', 'usage.seat_utilisation_high']]);
		expect(result.unusable.map((e) => e.message)).toEqual([
			'usage row 80: account key "grp_9" is not in the account key map (2 rows) — add it to the map, or map the field that holds the CRM account id',
		]);
		expect(result.summary).toMatchObject({ unmappedAccountRows: 2, accountsWithUsage: 2, accountsWithoutUsage: 0 });
	});

	it('builds the map from Account items (a key field on the account)', () => {
		const { map, errors } = accountKeyMapFromItems(
			[{ accountId: 'acme', mixpanel: { companyId: 'grp_1' } }, { accountId: 'beta' }, { accountId: 'gamma', mixpanel: { companyId: 'grp_1' } }],
			'mixpanel.companyId',
		);
		expect([...map]).toEqual([['grp_1', 'acme']]);
		expect(errors.map((e) => e.message)).toEqual(['account 2: mixpanel.companyId "grp_1" is also the key of account 0: the first one keeps it']);
	});
});

describe('as-of and time zone (same rule as support: offset-less = the workflow zone)', () => {
	it('the as-of day is partial: its rows wait for the next run; later rows have not happened yet', () => {
		const rows = [
			{ accountId: 'acme', occurredAt: '2026-03-09T23:59:59Z' },
			{ accountId: 'acme', occurredAt: '2026-03-10T08:00:00Z' },
			{ accountId: 'acme', occurredAt: '2026-03-10T10:00:00Z' },
			{ accountId: 'acme', occurredAt: '2025-01-01T10:00:00Z' },
		];
		const { summary } = detectUsageSignalsFromRows(rows, [], { asOf: AS_OF });
		expect(summary.window).toEqual({ from: '2025-11-04', to: '2026-03-09', days: 126, asOf: '2026-03-10T09:00:00Z', timezone: 'UTC' });
		expect(summary.counted).toMatchObject({ eventsCounted: 1, onAsOfDay: 1, afterAsOf: 1, beforeWindow: 1 });
	});

	it('an offset-less as-of and offset-less row times are read in the workflow zone; explicit offsets are kept', () => {
		const rows = [
			// 21:00 on the 9th in New York: the last complete day, not the as-of day
			{ accountId: 'acme', occurredAt: '2026-03-10T02:00:00Z' },
			// offset-less: 07:00 New York time on the as-of day
			{ accountId: 'acme', occurredAt: '2026-03-10T07:00:00' },
			{ accountId: 'acme', day: '2026-03-09', events: 4 },
		];
		const { summary } = detectUsageSignalsFromRows(rows, [], { asOf: '2026-03-10T09:00', timezone: 'America/New_York' });
		expect(summary.window).toEqual({ from: '2025-11-04', to: '2026-03-09', days: 126, asOf: '2026-03-10T09:00:00-04:00', timezone: 'America/New_York' });
		expect(summary.counted).toMatchObject({ eventsCounted: 1, dayRowsCounted: 1, onAsOfDay: 1, afterAsOf: 0 });
	});

	it('a bad as-of or zone throws (not any one row’s fault)', () => {
		expect(() => detectUsageSignalsFromRows([], [], { asOf: '10/03/2026' })).toThrow('As Of "10/03/2026" is not an ISO-8601 date');
		expect(() => detectUsageSignalsFromRows([], [], { asOf: AS_OF, timezone: 'Mars/Olympus' })).toThrow('time zone "Mars/Olympus" is not an IANA time zone such as "Europe/Berlin"');
	});

	it('rows can stream in (async iterable) with the same result', async () => {
		const rows = activity('acme', 80, '2026-03-01', '2026-03-01');
		async function* stream() {
			for (const row of rows) yield row;
		}
		const accounts = [{ accountId: 'acme', licensedSeats: 100 }];
		expect(await detectUsageSignalsFromRowStream(stream(), accounts, { asOf: AS_OF })).toEqual(detectUsageSignalsFromRows(rows, accounts, { asOf: AS_OF }));
	});
});

describe('thresholds are data', () => {
	it('every taxonomy-backed default is the taxonomy’s (the seeds’) number', () => {
		const defaults = defaultUsageThresholds();
		for (const [key, spec] of Object.entries(USAGE_THRESHOLD_TABLE)) {
			if ('from' in spec) expect([key, defaults[key as keyof typeof defaults]]).toEqual([key, getSignalType(spec.from[0]).detection[spec.from[1]]]);
		}
		expect(defaults).toMatchObject({ wauDropPct: 30, usageDeclinePct: 30, usageDeclineSpanDays: 60, belowBaselineMinDays: 30, seatUtilisationPct: 80, plateauMinFlatDays: 60, depthIncreasePct: 20, moduleDeclinePct: 40 });
		expect(usageWindowDays(defaults)).toBe(126);
		expect(usageWindowDays(resolveUsageThresholds({ belowBaselineDays: 120 }))).toBe(156);
	});

	it('overrides are validated; every bad key is named at once', () => {
		expect(() => resolveUsageThresholds({ wauDropPct: 130, seatWindowDays: 2.5, wauDropPc: 20, depthIncreasePct: 'lots' })).toThrow(
			'Usage detection threshold "wauDropPct" 130 must be a percentage of at most 100 (a drop cannot exceed 100%); ' +
				'Usage detection threshold "seatWindowDays" 2.5 must be a whole number of days; ' +
				'Usage detection threshold "wauDropPc" is unknown — did you mean "wauDropPct"?; ' +
				'Usage detection threshold "depthIncreasePct" "lots" is not a number',
		);
		expect(() => resolveUsageThresholds({ integrationMinFiredDays: 20 })).toThrow(
			'Usage detection threshold "integrationMinFiredDays" 20 is more than "integrationBaselineDays" 14: an event cannot fire on more days than the run has',
		);
		expect(resolveUsageThresholds({ wauDropPct: '', moduleDeclinePct: '35' })).toMatchObject({ wauDropPct: 30, moduleDeclinePct: 35 });
	});
});
