import type { ZodError, ZodIssue } from 'zod';

/** A value that does not match its schema; the message names it, then every problem: `HubSpot mapping: portalId "x" must be …`. */
export class ValidationError extends Error {
	constructor(
		/** What the value is, as a person would name it: `account 3`, `HubSpot company 4513`, `Detection options`. */
		readonly subject: string,
		readonly problems: string[],
	) {
		super(`${subject}: ${problems.join('; ')}`);
		this.name = 'ValidationError';
	}
}

/** An input item that does not match its canonical schema. The message names item, field and value. */
export class ItemValidationError extends ValidationError {
	constructor(
		readonly itemKind: string,
		readonly itemIndex: number,
		problems: string[],
	) {
		super(`${itemKind} ${itemIndex}`, problems);
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
	if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
	const text = JSON.stringify(value);
	if (text === undefined) return String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `contacts[0].name`: a zod path as a person reads it. */
export function fieldName(path: Array<string | number>): string {
	return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

/** zod's own messages start with a capital ("Expected string, received number"); ours are lower-case sentence tails. */
function isOwnMessage(message: string): boolean {
	return /^[a-z]/.test(message);
}

/** zod type names as a person would say them. */
const TYPE_WORDS: Record<string, string> = {
	integer: 'whole number',
	float: 'decimal number',
	nan: 'NaN',
	bigint: 'big integer',
};

function withArticle(typeName: string): string {
	const word = TYPE_WORDS[typeName] ?? typeName;
	return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

function formatLimit(value: number | bigint, type: string): string {
	if (type === 'date') return new Date(Number(value)).toISOString();
	return String(value);
}

/** One sentence per problem: `observedAt "31/02/2026" is not an ISO-8601 date`. */
export function describeIssue(issue: ZodIssue, input: unknown): string {
	const field = fieldName(issue.path);
	const subject = field || 'the item';
	const value = valueAt(input, issue.path);
	const shown = `${subject} ${describeValue(value)}`;

	switch (issue.code) {
		case 'invalid_type':
			if (value === undefined) return `${subject} is required but missing`;
			if (isOwnMessage(issue.message)) return `${shown} ${issue.message}`;
			if (issue.received === 'null') return `${subject} is null but should be ${withArticle(issue.expected)}`;
			if (issue.expected === 'integer') return `${shown} should be a whole number`;
			return `${shown} should be ${withArticle(issue.expected)}, not ${withArticle(issue.received)}`;
		case 'unrecognized_keys':
			return `${field || 'the item'} has unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
		case 'invalid_enum_value':
			return `${shown} is not one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
		case 'invalid_literal':
			return `${shown} should be ${JSON.stringify(issue.expected)}`;
		default:
			break;
	}
	if (isOwnMessage(issue.message)) return `${shown} ${issue.message}`;

	if (issue.code === 'too_small' || issue.code === 'too_big') {
		const small = issue.code === 'too_small';
		const limit = formatLimit(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum, issue.type);
		if (issue.type === 'string') {
			if (small && Number(limit) === 1) return `${shown} must not be empty`;
			return `${shown} must be ${small ? 'at least' : 'at most'} ${limit} characters long`;
		}
		if (issue.type === 'array' || issue.type === 'set') {
			if (small && Number(limit) === 1) return `${shown} must have at least one entry`;
			return `${shown} must have ${small ? 'at least' : 'at most'} ${limit} entries`;
		}
		if (issue.exact) return `${shown} must be exactly ${limit}`;
		if (small) return `${shown} must be ${issue.inclusive ? 'at least' : 'greater than'} ${limit}`;
		return `${shown} must be ${issue.inclusive ? 'at most' : 'less than'} ${limit}`;
	}
	if (issue.code === 'invalid_string') {
		const what: Record<string, string> = { email: 'an e-mail address', url: 'a URL', uuid: 'a UUID', datetime: 'an ISO-8601 date-time' };
		const validation = typeof issue.validation === 'string' ? issue.validation : '';
		return `${shown} is not ${what[validation] ?? 'in the expected format'}`;
	}
	if (issue.code === 'invalid_union' || issue.code === 'invalid_union_discriminator') return `${shown} is not any of the accepted forms`;
	if (issue.code === 'not_multiple_of') return `${shown} must be a multiple of ${String(issue.multipleOf)}`;
	return `${shown} is invalid (${issue.message})`;
}

/** One sentence per zod issue (see describeIssue). */
export function describeIssues(error: ZodError, input: unknown): string[] {
	return error.issues.map((issue) => describeIssue(issue, input));
}

export function toItemValidationError(kind: string, index: number, error: ZodError, input: unknown): ItemValidationError {
	return new ItemValidationError(kind, index, describeIssues(error, input));
}
