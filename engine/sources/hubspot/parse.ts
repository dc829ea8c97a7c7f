/**
 * HubSpot returns every property value as a string (or null when unset). These parsers are strict:
 * a value that is present but not what the property should hold is an error naming the record,
 * the property and the value — never a silent NaN or a guessed date.
 */
import { DateTime } from 'luxon';
import { toIso } from '../../model';

export class HubSpotPropertyError extends Error {
	constructor(
		readonly objectType: string,
		readonly objectId: string,
		readonly property: string,
		readonly value: unknown,
		expected: string,
	) {
		super(`HubSpot ${objectType} ${objectId}: property "${property}" value ${JSON.stringify(value)} is not ${expected}`);
		this.name = 'HubSpotPropertyError';
	}
}

export type HubSpotProperties = Record<string, string | null | undefined>;

export interface PropertyReader {
	text(property: string | undefined): string | undefined;
	number(property: string | undefined): number | undefined;
	integer(property: string | undefined): number | undefined;
	date(property: string | undefined): string | undefined;
	boolean(property: string | undefined): boolean | undefined;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Read the string properties of one HubSpot record with strict parsing. */
export function propertyReader(objectType: string, objectId: string, properties: HubSpotProperties): PropertyReader {
	const raw = (property: string | undefined): string | undefined => {
		if (!property) return undefined;
		const value = properties[property];
		if (value === null || value === undefined) return undefined;
		if (typeof value !== 'string') {
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			throw new HubSpotPropertyError(objectType, objectId, property, value, 'a string');
		}
		return value.trim() === '' ? undefined : value.trim();
	};
	return {
		text: raw,
		number(property) {
			const value = raw(property);
			if (value === undefined) return undefined;
			const plain = value.replace(/,/g, '');
			if (!NUMBER.test(plain)) throw new HubSpotPropertyError(objectType, objectId, property!, value, 'a number');
			return Number(plain);
		},
		integer(property) {
			const value = this.number(property);
			if (value !== undefined && !Number.isInteger(value)) {
				throw new HubSpotPropertyError(objectType, objectId, property!, raw(property), 'a whole number');
			}
			return value;
		},
		date(property) {
			const value = raw(property);
			if (value === undefined) return undefined;
			// Date properties arrive as ISO strings, date pickers as midnight-UTC ms-epoch strings.
			if (/^\d{11,14}$/.test(value)) return toIso(DateTime.fromMillis(Number(value), { zone: 'utc' }));
			const parsed = DateTime.fromISO(value, { setZone: true, zone: 'utc' });
			if (!parsed.isValid) throw new HubSpotPropertyError(objectType, objectId, property!, value, 'an ISO-8601 date or a millisecond timestamp');
			return toIso(parsed);
		},
		boolean(property) {
			const value = raw(property);
			if (value === undefined) return undefined;
			const lower = value.toLowerCase();
			if (['true', 'yes', '1'].includes(lower)) return true;
			if (['false', 'no', '0'].includes(lower)) return false;
			throw new HubSpotPropertyError(objectType, objectId, property!, value, 'true or false');
		},
	};
}
