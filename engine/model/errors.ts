import type { ZodError, ZodIssue } from 'zod';

/** An input item that does not match its canonical schema. The message names item, field and value. */
export class ItemValidationError extends Error {
	constructor(
		readonly itemKind: string,
		readonly itemIndex: number,
		readonly problems: string[],
	) {
		super(`${itemKind} ${itemIndex}: ${problems.join('; ')}`);
		this.name = 'ItemValidationError';
	}
}

function valueAt(input: unknown, path: Array<string | number>): unknown {
	let current: unknown = input;
	for (const key of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}

function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	const text = JSON.stringify(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function fieldName(path: Array<string | number>): string {
	return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

/** One sentence per problem: `observedAt "31/02/2026" is not an ISO-8601 date`. */
export function describeIssue(issue: ZodIssue, input: unknown): string {
	const field = fieldName(issue.path) || '(item)';
	const value = valueAt(input, issue.path);
	if (value === undefined && issue.code === 'invalid_type') return `${field} is required but missing`;
	if (issue.code === 'unrecognized_keys') return `${field === '(item)' ? 'item' : field} has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
	if (issue.code === 'invalid_enum_value') {
		return `${field} ${describeValue(value)} is not one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
	}
	if (issue.code === 'invalid_type') return `${field} ${describeValue(value)} should be a ${issue.expected}, not a ${issue.received}`;
	return `${field} ${describeValue(value)} ${issue.message}`;
}

export function toItemValidationError(kind: string, index: number, error: ZodError, input: unknown): ItemValidationError {
	return new ItemValidationError(kind, index, error.issues.map((issue) => describeIssue(issue, input)));
}
