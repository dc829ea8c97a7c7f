/**
 * A JSON-object setting as a form or a CLI flag gives it: an object as is, a JSON string parsed, empty → undefined.
 * Throws a sentence naming the setting: `"Owner Directory (JSON)" is not valid JSON: Unexpected token …`.
 */
export function parseJsonObject(value: unknown, label: string): Record<string, unknown> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new Error(`"${label}" is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`"${label}" must be a JSON object`);
	return parsed as Record<string, unknown>;
}
