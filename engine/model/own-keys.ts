/**
 * Prototype-safe use of plain objects keyed by ids or names that come from outside (account ids, ticket ids,
 * deal ids, provider field names): `constructor`, `toString`, `hasOwnProperty` and `__proto__` are keys like
 * any other. Reading goes by own property only (an id "toString" is not a function); writing defines the
 * property (an id "__proto__" is stored as a key, it does not replace the prototype). Prefer a Map where the
 * object does not have to be JSON (n8n static data, items).
 */

/** The value stored under an own key, or undefined (never an inherited `constructor` / `toString`). */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
	return record != null && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Whether the key is an own key of the record. */
export function hasOwnKey(record: object | null | undefined, key: string): boolean {
	return record != null && Object.prototype.hasOwnProperty.call(record, key);
}

/** Store a value under a key, `__proto__` included, as an ordinary enumerable own property. */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
	Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
