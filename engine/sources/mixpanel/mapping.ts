import type { UsageEvent } from '../../model';

/**
 * One line of Mixpanel's raw event export → usage events (the per-event shape the usage accumulator counts:
 * accountId, userId, event, feature, occurredAt in epoch milliseconds).
 *
 * A line is `{"event":"Report Exported","properties":{"time":1717408800,"distinct_id":"u_1","account_id":"acct_42",…}}`.
 * `properties.time` is epoch seconds (milliseconds when the export asked for `time_in_ms`). The account is an
 * event property: with Group Analytics, the group key (e.g. `company_id`) — a list when the event belongs to
 * several groups, which then counts for each of them.
 */

export interface MixpanelMapping {
	/** Event property holding the account key (a group key such as `company_id`; dot path into properties). */
	accountProperty: string;
	/** Event property holding the user (Mixpanel's `distinct_id`; `$user_id` for identified users only). */
	userProperty: string;
	/** Event property holding the feature or module; empty = none. */
	featureProperty: string;
}

export const MIXPANEL_MAPPING_DEFAULTS: Readonly<MixpanelMapping> = Object.freeze({
	accountProperty: 'account_id',
	userProperty: 'distinct_id',
	featureProperty: '',
});

/** A canonical usage event (engine/model) whose name is always known and whose time is epoch milliseconds. */
export type MixpanelUsageEvent = UsageEvent & { event: string; occurredAt: number };

export type MixpanelLine =
	| { kind: 'events'; events: MixpanelUsageEvent[] }
	/** A well-formed event that names no account (anonymous traffic, a marketing page). */
	| { kind: 'no-account' }
	| { kind: 'bad'; problem: string };

export function resolveMixpanelMapping(overrides: Partial<Record<string, unknown>> = {}): MixpanelMapping {
	const mapping: MixpanelMapping = { ...MIXPANEL_MAPPING_DEFAULTS };
	for (const [key, value] of Object.entries(overrides)) {
		if (!(key in MIXPANEL_MAPPING_DEFAULTS)) throw new Error(`Mixpanel mapping "${key}" is unknown (known: ${Object.keys(MIXPANEL_MAPPING_DEFAULTS).join(', ')})`);
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') throw new Error(`Mixpanel mapping "${key}" must be a property name`);
		const name = value.trim();
		if (name === '' && key !== 'featureProperty') throw new Error(`Mixpanel mapping "${key}" is empty: name the event property that holds ${key === 'accountProperty' ? 'the account key' : 'the user id'}`);
		mapping[key as keyof MixpanelMapping] = name;
	}
	return mapping;
}

function property(properties: Record<string, unknown>, path: string): unknown {
	if (Object.prototype.hasOwnProperty.call(properties, path)) return properties[path];
	let current: unknown = properties;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function asKey(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function clip(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Map one export line (its text). Never throws: a bad line comes back as `{kind: 'bad', problem}`. */
export function mapMixpanelLine(text: string, mapping: MixpanelMapping = MIXPANEL_MAPPING_DEFAULTS): MixpanelLine {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		// the parser's message would quote the line, and a line can carry an e-mail address
		return { kind: 'bad', problem: 'is not valid JSON' };
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { kind: 'bad', problem: 'is not an event object' };
	const record = parsed as { event?: unknown; properties?: unknown };
	if (typeof record.event !== 'string' || record.event === '') return { kind: 'bad', problem: 'has no "event" name' };
	if (record.properties === null || typeof record.properties !== 'object' || Array.isArray(record.properties)) {
		return { kind: 'bad', problem: `event ${JSON.stringify(clip(record.event))} has no "properties" object` };
	}
	const properties = record.properties as Record<string, unknown>;
	const time = properties.time;
	if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
		return { kind: 'bad', problem: `event ${JSON.stringify(clip(record.event))} has properties.time ${clip(JSON.stringify(time) ?? 'missing')}, not an epoch time` };
	}
	const occurredAt = time < 1e11 ? Math.round(time * 1000) : Math.round(time);
	const rawAccount = property(properties, mapping.accountProperty);
	const accounts = (Array.isArray(rawAccount) ? rawAccount : [rawAccount]).map(asKey).filter((key): key is string => key !== undefined);
	if (accounts.length === 0) return { kind: 'no-account' };
	const userId = asKey(property(properties, mapping.userProperty));
	const feature = mapping.featureProperty === '' ? undefined : asKey(property(properties, mapping.featureProperty));
	const events = [...new Set(accounts)].map((accountId) => {
		const event: MixpanelUsageEvent = { accountId, event: record.event as string, occurredAt };
		if (userId !== undefined) event.userId = userId;
		if (feature !== undefined) event.feature = feature;
		return event;
	});
	return { kind: 'events', events };
}
