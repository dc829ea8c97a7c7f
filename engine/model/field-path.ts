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
