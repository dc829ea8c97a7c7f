/**
 * The lexicons as data: their JSON Schema, every shipped file valid, and the topic helper the support
 * repeat-issue detector will use.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { LEXICON_IDS, LexiconSchema, buildLexiconJsonSchema, topicOverlap, topicTerms } from '../../engine/detect/language';

const DIR = join(__dirname, '..', '..', 'rules', 'lexicons');
const SCHEMA_PATH = join(DIR, 'lexicon.schema.json');
const lexiconFiles = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'lexicon.schema.json' && f !== 'negation.json');

describe('rules/lexicons', () => {
	it('lexicon.schema.json matches the builder (regenerate with UPDATE_LEXICON_SCHEMA=1)', () => {
		const expected = buildLexiconJsonSchema();
		if (process.env.UPDATE_LEXICON_SCHEMA === '1') writeFileSync(SCHEMA_PATH, JSON.stringify(expected, null, '\t') + '\n');
		expect(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(expected);
	});

	it('holds one file per lexicon, each valid for the JSON Schema and for the engine, named by its id', () => {
		const validate = new Ajv({ allErrors: true, unicodeRegExp: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
		const ids = lexiconFiles.map((file) => {
			const lexicon = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
			expect({ file, valid: validate(lexicon), errors: validate.errors ?? null }).toEqual({ file, valid: true, errors: null });
			expect(LexiconSchema.safeParse(lexicon).success).toBe(true);
			expect(lexicon.$schema).toBe('./lexicon.schema.json');
			expect(file).toBe(`${lexicon.id.replace(/_/g, '-')}.json`);
			return lexicon.id;
		});
		expect(ids.sort()).toEqual([...LEXICON_IDS].sort());
	});
});

describe('topic terms (for repeat issues)', () => {
	it('folds endings and drops function words so the same issue in other words overlaps', () => {
		expect([...topicTerms('Exports failing again for the EU workspace')].sort()).toEqual(['export', 'fail', 'workspace']);
		expect(topicOverlap('Exports failing again for the EU workspace', 'export failed in EU workspace')).toEqual({ score: 1, shared: ['export', 'fail', 'workspace'] });
		expect(topicOverlap('SSO login broken', 'Invoice address wrong').score).toBe(0);
	});
});
