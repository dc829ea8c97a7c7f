/**
 * The facts a decision reads, checked against the fact catalogue (engine/model/facts.ts) before any rule runs:
 * a fact missing from an item, of the wrong type, or outside its documented range would silently give no
 * decision (or a wrong one: `riskScore: 99` fires every risk rule). Each problem names the account, the fact,
 * the value and what was expected; the item is refused and the other accounts still decide.
 */
import { factDefinition, ItemValidationError, type AccountIntelligence, type FactDefinition } from '../model';
import type { CompiledRule } from './compile';

/** The catalogue facts some rule reads, in first-use order. */
export function factsRead(rules: readonly CompiledRule[]): string[] {
	const names = new Set<string>();
	for (const rule of rules) for (const leaf of rule.leaves.values()) names.add(leaf.fact);
	return [...names];
}

const TYPE_TEXT: Readonly<Record<FactDefinition['type'], string>> = { number: 'a number', boolean: 'true or false', string: 'text', 'string[]': 'a list of texts' };

function expected(definition: FactDefinition): string {
	const range = definition.range ? ` from ${definition.range.min} to ${definition.range.max}` : '';
	return `${TYPE_TEXT[definition.type]}${range}${definition.nullable ? ' or null (unknown)' : ''}`;
}

function hasType(definition: FactDefinition, value: unknown): boolean {
	switch (definition.type) {
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'string':
			return typeof value === 'string';
		case 'string[]':
			return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
	}
}

/** The problems of one item's facts, as sentences: `fact riskScore 99 is outside its range: expected a number from 0 to 10`. */
export function factProblems(intel: AccountIntelligence, facts: readonly string[]): string[] {
	const problems: string[] = [];
	const values = intel.facts as Record<string, unknown>;
	for (const name of facts) {
		const definition = factDefinition(name);
		const present = Object.prototype.hasOwnProperty.call(values, name);
		const value = present ? values[name] : undefined;
		if (!present || value === undefined) problems.push(`fact ${name} is missing: expected ${expected(definition)}`);
		else if (value === null) {
			if (!definition.nullable) problems.push(`fact ${name} is null, but it is always known: expected ${expected(definition)}`);
		} else if (!hasType(definition, value)) problems.push(`fact ${name} ${JSON.stringify(value)} is not ${TYPE_TEXT[definition.type]}: expected ${expected(definition)}`);
		else if (definition.range && ((value as number) < definition.range.min || (value as number) > definition.range.max))
			problems.push(`fact ${name} ${String(value)} is outside its range: expected ${expected(definition)}`);
	}
	return problems;
}

/** Throws an ItemValidationError naming the item and account when the facts the rules read are not what the catalogue says. */
export function checkFacts(intel: AccountIntelligence, facts: readonly string[], itemIndex: number): void {
	const problems = factProblems(intel, facts);
	if (problems.length > 0) throw new ItemValidationError(`account intelligence`, itemIndex, [`account "${intel.accountId}": ${problems.join('; ')}`]);
}
