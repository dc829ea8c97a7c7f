import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACT_CATALOGUE } from '../../engine/model';
import { buildPackJsonSchema } from '../../engine/decide/pack-schema';
import { FACT_PHRASES } from '../../engine/decide/phrases';
import { PLAYBOOK_IDS } from '../../engine/decide/playbook-ids';
import { SHIPPED_PACK_NAMES, shippedPackInputs } from '../../engine/decide/shipped';
import { formatProblem, validatePacks } from '../../engine/decide/validate';

const SCHEMA_PATH = join(__dirname, '..', '..', 'rules', 'pack.schema.json');

describe('rules/pack.schema.json', () => {
	it('matches the fact catalogue, operators, families, roles and playbooks (regenerate with UPDATE_PACK_SCHEMA=1)', () => {
		const expected = buildPackJsonSchema();
		if (process.env.UPDATE_PACK_SCHEMA === '1') writeFileSync(SCHEMA_PATH, JSON.stringify(expected, null, '\t') + '\n');
		const actual = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
		expect(actual).toEqual(expected);
		expect((actual.definitions.fact.enum as string[]).sort()).toEqual(FACT_CATALOGUE.map((f) => f.name).sort());
	});

	it('is named by every shipped pack', () => {
		for (const input of shippedPackInputs()) expect((input.pack as { $schema: string }).$schema).toBe('./pack.schema.json');
	});
});

describe('shipped packs', () => {
	it('validate without a single problem', () => {
		expect(validatePacks(shippedPackInputs()).map(formatProblem)).toEqual([]);
	});

	it('are the six packs, 41 rules, each naming a known playbook', () => {
		expect(SHIPPED_PACK_NAMES).toEqual(['decision-triggers', 'event-playbooks', 'onboarding', 'health', 'renewal', 'expansion']);
		const rules = shippedPackInputs().flatMap((input) => (input.pack as { rules: Array<{ event: { params: { playbook: string } } }> }).rules);
		expect(rules).toHaveLength(41);
		for (const rule of rules) expect(PLAYBOOK_IDS).toContain(rule.event.params.playbook);
	});
});

describe('fact phrases', () => {
	it('every catalogue fact reads as a sentence', () => {
		expect(FACT_CATALOGUE.map((f) => f.name).filter((name) => !FACT_PHRASES[name])).toEqual([]);
	});
});
