import {
	ItemValidationError,
	parseCivilDate,
	parseItem,
	parseUsageTime,
	readPath,
	UsageDailyRowSchema,
	UsageEventRowSchema,
	type UsageDay,
	type UsageEvent,
} from '../../model';

/**
 * The field mapping that turns rows from any upstream n8n node (Postgres, Snowflake, BigQuery, Google Sheets,
 * a CSV through Extract from File) into the canonical usage rows of engine/model/usage.ts (a per-event row or
 * a pre-aggregated account-day).
 */

export type MappedUsageRow = { kind: 'event'; row: UsageEvent } | { kind: 'day'; row: UsageDay };

/** Which (dot-path) field of an incoming row holds each usage attribute. */
export interface UsageFieldMap {
	accountKey: string;
	userId: string;
	event: string;
	feature: string;
	occurredAt: string;
	day: string;
	activeUsers: string;
	events: string;
}

export type UsageFieldKey = keyof UsageFieldMap;

export interface UsageFieldSpec {
	/** The CS Usage Signals form label. */
	label: string;
	/** The field name used when nothing is mapped. */
	default: string;
	/** "the event time": completes "map the field that holds …". */
	holds: string;
	/** Which rows read it. */
	rows: 'both' | 'event' | 'day';
	required: boolean;
}

/** The field map's one home: the node form, the defaults and the error fixes are built from it. */
export const USAGE_FIELDS: Readonly<Record<UsageFieldKey, UsageFieldSpec>> = Object.freeze({
	accountKey: { label: 'Account Key Field', default: 'accountId', holds: 'the account key', rows: 'both', required: true },
	userId: { label: 'User ID Field', default: 'userId', holds: 'the user id', rows: 'event', required: false },
	event: { label: 'Event Name Field', default: 'event', holds: 'the event name', rows: 'event', required: false },
	feature: { label: 'Feature / Module Field', default: 'feature', holds: 'the feature or module name', rows: 'both', required: false },
	occurredAt: { label: 'Occurred At Field', default: 'occurredAt', holds: 'the event time', rows: 'event', required: true },
	day: { label: 'Day Field', default: 'day', holds: 'the day (YYYY-MM-DD)', rows: 'day', required: true },
	activeUsers: { label: 'Active Users Field', default: 'activeUsers', holds: "the day's number of active users", rows: 'day', required: false },
	events: { label: 'Events Field', default: 'events', holds: "the day's number of events", rows: 'day', required: false },
});

export const USAGE_FIELD_KEYS = Object.keys(USAGE_FIELDS) as UsageFieldKey[];

export const DEFAULT_USAGE_FIELD_MAP: Readonly<UsageFieldMap> = Object.freeze(
	Object.fromEntries(USAGE_FIELD_KEYS.map((key) => [key, USAGE_FIELDS[key].default])) as unknown as UsageFieldMap,
);

/** What kind of rows come in; `auto` decides per row (an occurredAt → per event; else a day → pre-aggregated). */
export const USAGE_ROW_KINDS = ['auto', 'event', 'day'] as const;
export type UsageRowKind = (typeof USAGE_ROW_KINDS)[number];

/** The field map in force: defaults overlaid with the non-empty entries the user gave. */
export function resolveUsageFieldMap(overrides: Partial<Record<string, unknown>> = {}): UsageFieldMap {
	const map: UsageFieldMap = { ...DEFAULT_USAGE_FIELD_MAP };
	for (const [key, value] of Object.entries(overrides)) {
		if (!(key in USAGE_FIELDS)) throw new Error(`Usage field mapping "${key}" is unknown (known: ${USAGE_FIELD_KEYS.join(', ')})`);
		if (value === undefined || value === null) continue;
		const spec = USAGE_FIELDS[key as UsageFieldKey];
		if (typeof value !== 'string') throw new Error(`Usage field mapping "${spec.label}" must be a field name`);
		const path = value.trim();
		if (path === '' && spec.required) throw new Error(`"${spec.label}" is empty: name the field that holds ${spec.holds}`);
		map[key as UsageFieldKey] = path;
	}
	return map;
}

/** A usage row that cannot be counted; names the row, the field(s) and the fix. */
export class UsageRowError extends ItemValidationError {
	constructor(
		rowIndex: number,
		readonly fields: UsageFieldKey[],
		rowLabel: string,
		problems: string[],
	) {
		super(rowLabel, rowIndex, problems);
		this.name = 'UsageRowError';
	}
}

function show(value: unknown): string {
	if (value instanceof Date) return JSON.stringify(Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString());
	const text = JSON.stringify(value);
	if (text === undefined) return String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** A count from a number or numeric text (CSV and Sheets send text). */
function toCount(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
	if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

/** An id from text or a number (warehouse ids are often numbers). */
function toId(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'bigint') return value.toString();
	return undefined;
}

/**
 * Map one incoming row. Throws UsageRowError whose message names the row, the field, the value and the fix:
 * `usage row 17: occurredAt "31/02" is not an ISO-8601 date — map the field that holds the event time`.
 * `zone` is the workflow's time zone (offset-less times are read in it).
 */
export function mapUsageRow(raw: unknown, rowIndex: number, fieldMap: UsageFieldMap = DEFAULT_USAGE_FIELD_MAP, kind: UsageRowKind = 'auto', zone = 'utc'): MappedUsageRow {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageRowError(rowIndex, [], 'usage row', [`is ${show(raw)}, not a row object`]);
	const problems: string[] = [];
	const fields: UsageFieldKey[] = [];
	const fix = (key: UsageFieldKey) => `map the field that holds ${USAGE_FIELDS[key].holds}`;
	const problem = (key: UsageFieldKey, text: string) => {
		problems.push(text);
		if (!fields.includes(key)) fields.push(key);
	};
	const read = (key: UsageFieldKey): unknown => (fieldMap[key] === '' ? undefined : readPath(raw, fieldMap[key]));

	let rowKind: 'event' | 'day';
	if (kind !== 'auto') rowKind = kind;
	else if (present(read('occurredAt'))) rowKind = 'event';
	else if (present(read('day'))) rowKind = 'day';
	else {
		throw new UsageRowError(rowIndex, ['occurredAt', 'day'], 'usage row', [
			`has neither ${fieldMap.occurredAt || USAGE_FIELDS.occurredAt.label} nor ${fieldMap.day || USAGE_FIELDS.day.label} — ${fix('occurredAt')} (one row per event) or ${fix('day')} (one row per account and day)`,
		]);
	}

	const accountRaw = read('accountKey');
	const accountId = toId(accountRaw);
	if (accountId === undefined) {
		problem('accountKey', present(accountRaw) ? `${fieldMap.accountKey} ${show(accountRaw)} is not an id — ${fix('accountKey')}` : `${fieldMap.accountKey} is missing — ${fix('accountKey')}`);
	}
	const featureRaw = read('feature');
	const feature = present(featureRaw) ? toId(featureRaw) : undefined;
	if (present(featureRaw) && feature === undefined) problem('feature', `${fieldMap.feature} ${show(featureRaw)} is not a name — ${fix('feature')}`);

	if (rowKind === 'event') {
		const given = read('occurredAt');
		// epoch seconds or milliseconds written as text (CSV, Sheets): 9 to 13 digits, never an ISO date
		const timeRaw = typeof given === 'string' && /^\s*\d{9,13}\s*$/.test(given) ? Number(given) : given;
		if (!present(timeRaw)) problem('occurredAt', `${fieldMap.occurredAt} is missing — ${fix('occurredAt')}`);
		else if (!parseUsageTime(timeRaw, zone)) problem('occurredAt', `${fieldMap.occurredAt} ${show(given)} is not an ISO-8601 date — ${fix('occurredAt')}`);
		const userRaw = read('userId');
		const userId = present(userRaw) ? toId(userRaw) : undefined;
		if (present(userRaw) && userId === undefined) problem('userId', `${fieldMap.userId} ${show(userRaw)} is not an id — ${fix('userId')}`);
		const eventRaw = read('event');
		const event = present(eventRaw) ? toId(eventRaw) : undefined;
		if (present(eventRaw) && event === undefined) problem('event', `${fieldMap.event} ${show(eventRaw)} is not a name — ${fix('event')}`);
		if (problems.length > 0) throw new UsageRowError(rowIndex, fields, 'usage row', problems);
		const row: UsageEvent = { accountId: accountId!, occurredAt: timeRaw instanceof Date ? timeRaw.getTime() : (timeRaw as string | number) };
		if (userId !== undefined) row.userId = userId;
		if (event !== undefined) row.event = event;
		if (feature !== undefined) row.feature = feature;
		// the hand-written checks above name the mapped field and the fix; the schema is the contract they keep
		return { kind: 'event', row: parseItem(UsageEventRowSchema, 'usage row', rowIndex, row) };
	}

	const dayRaw = read('day');
	let day: string | undefined;
	if (!present(dayRaw)) problem('day', `${fieldMap.day} is missing — ${fix('day')}`);
	else {
		// a date-time in the day column (a warehouse DATE exported as midnight) is read as its calendar date
		const text = typeof dayRaw === 'string' ? dayRaw.trim() : undefined;
		const datePart = text !== undefined && /^\d{4}-\d{2}-\d{2}(T00:00(:00(\.0+)?)?(Z|[+-]00:?00)?)?$/i.test(text) ? text.slice(0, 10) : undefined;
		if (datePart !== undefined && parseCivilDate(datePart) !== undefined) day = datePart;
		else problem('day', `${fieldMap.day} ${show(dayRaw)} is not a YYYY-MM-DD date — ${fix('day')}`);
	}
	const activeRaw = read('activeUsers');
	const eventsRaw = read('events');
	const activeUsers = present(activeRaw) ? toCount(activeRaw) : undefined;
	const events = present(eventsRaw) ? toCount(eventsRaw) : undefined;
	if (present(activeRaw) && (activeUsers === undefined || !Number.isInteger(activeUsers))) {
		problem('activeUsers', `${fieldMap.activeUsers} ${show(activeRaw)} is not a whole number of 0 or more — ${fix('activeUsers')}`);
	}
	if (present(eventsRaw) && events === undefined) problem('events', `${fieldMap.events} ${show(eventsRaw)} is not a number of 0 or more — ${fix('events')}`);
	if (!present(activeRaw) && !present(eventsRaw)) {
		problem('activeUsers', `has neither ${fieldMap.activeUsers} nor ${fieldMap.events} — ${fix('activeUsers')} or ${fix('events')}`);
	}
	if (problems.length > 0) throw new UsageRowError(rowIndex, fields, 'usage row', problems);
	const row: UsageDay = { accountId: accountId!, day: day! };
	if (activeUsers !== undefined) row.activeUsers = activeUsers;
	if (events !== undefined) row.events = events;
	if (feature !== undefined) row.feature = feature;
	return { kind: 'day', row: parseItem(UsageDailyRowSchema, 'usage row', rowIndex, row) };
}
