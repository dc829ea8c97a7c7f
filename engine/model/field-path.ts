/**
 * Read a dot-path from an item mapped by a user (`satisfaction_rating.score`, `renewalDeal.amount`, `custom.0.value`).
 * A literal key containing dots wins over the path, so flat exports with dotted column names still map.
 */
export function readPath(item: unknown, path: string): unknown {
	if (path === '' || item === null || typeof item !== 'object') return undefined;
	const record = item as Record<string, unknown>;
	if (Object.prototype.hasOwnProperty.call(record, path)) return record[path];
	let current: unknown = item;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/**
 * The canonical fields of an item under a user's field map (canonical name → dot path): each present value under
 * its canonical name; an empty path or an absent value leaves the field out (the schema then says what is missing).
 */
export function mapFields<K extends string>(item: unknown, fieldMap: Readonly<Record<K, string>>): Partial<Record<K, unknown>> {
	const out: Partial<Record<K, unknown>> = {};
	for (const [key, path] of Object.entries(fieldMap) as Array<[K, string]>) {
		const value = readPath(item, path.trim());
		if (value !== undefined && value !== null && value !== '') out[key] = value;
	}
	return out;
}

/** A field map: the defaults with the user's non-empty overrides; an unknown name is an error naming the known ones. */
export function resolveFieldMapping<K extends string>(what: string, defaults: Readonly<Record<K, string>>, overrides: Readonly<Record<string, unknown>> = {}): Record<K, string> {
	const out = { ...defaults } as Record<K, string>;
	for (const [key, value] of Object.entries(overrides)) {
		if (!Object.prototype.hasOwnProperty.call(defaults, key)) throw new Error(`${what} field "${key}" is unknown (known: ${Object.keys(defaults).join(', ')})`);
		if (typeof value === 'string' && value.trim() !== '') out[key as K] = value.trim();
	}
	return out;
}
