/**
 * The JSON Schema (draft-07) of a phrase lexicon and of lexicon overrides, for editor autocompletion
 * (`"$schema": "./lexicon.schema.json"` in rules/lexicons/*.json). Mirrors LexiconSchema / LexiconOverridesSchema
 * (zod stays the validator; a test checks the file matches this builder and accepts every shipped lexicon).
 * Regenerate: `UPDATE_LEXICON_SCHEMA=1 npx jest test/unit/language-lexicons.test.ts`.
 */
import { LEXICON_IDS } from './lexicon';

export function buildLexiconJsonSchema(): Record<string, unknown> {
	const phrase = { type: 'string', pattern: '[\\p{L}\\p{N}]', description: 'Words matched whole and case-insensitively; "word*" matches any ending, a lone "*" any one word.' };
	const valence = { type: 'number', minimum: -4, maximum: 4, description: 'How a match moves the sentence tone (-4 … +4, the sentiment library word scale); 0 = no effect.' };
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		$id: 'https://cs-signal-os.dev/schemas/lexicon.json',
		title: 'CS Signal OS phrase lexicon',
		description: 'Customer-success phrases the conversation detectors look for. See rules/lexicons/README.md.',
		type: 'object',
		additionalProperties: false,
		required: ['id', 'description', 'valence', 'phrases'],
		properties: {
			$schema: { type: 'string' },
			id: { enum: [...LEXICON_IDS] },
			description: { type: 'string', minLength: 1 },
			valence,
			negatable: { type: 'boolean', description: 'Whether "not …" turns a match off ("we are not planning to cancel"). Default true.' },
			phrases: {
				type: 'array',
				items: {
					oneOf: [
						phrase,
						{ type: 'object', additionalProperties: false, required: ['phrase'], properties: { phrase, valence } },
					],
				},
			},
			unless: { type: 'array', items: phrase, description: 'A sentence containing one of these is not a match ("cancel the call" is scheduling).' },
			neutralWords: { type: 'array', items: phrase, description: 'sentiment_terms only: words the sentiment library must ignore in business talk.' },
		},
		definitions: {
			overrides: {
				description: 'Lexicon overrides: lexicon id → phrases to add or remove (node option / CLI --lexicons file).',
				type: 'object',
				propertyNames: { enum: [...LEXICON_IDS] },
				additionalProperties: {
					type: 'object',
					additionalProperties: false,
					properties: {
						add: { type: 'array', items: { oneOf: [phrase, { type: 'object', additionalProperties: false, required: ['phrase'], properties: { phrase, valence } }] } },
						remove: { type: 'array', items: phrase },
						unlessAdd: { type: 'array', items: phrase },
						unlessRemove: { type: 'array', items: phrase },
					},
				},
			},
		},
	};
}
