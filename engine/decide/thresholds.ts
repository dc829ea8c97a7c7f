/**
 * The named thresholds of rule packs as a person picks them: a label in words with the shipped default
 * ("Risk score escalation (default 7)"), which rules use it, and whether it takes a number or text. Read from
 * the packs' own `thresholds` blocks, so a pack added later (shipped, pasted or from an item) is listed too.
 */
import { isLeaf, isThresholdRef, type ConditionNode, type RulePack, type ThresholdValue } from './pack';
import { SHIPPED_PACK_NAMES, shippedPackInputs } from './shipped';
import { parsePackJson } from './sweep';
import { loadPacks } from './validate';

export interface ThresholdChoice {
	/** The threshold's name in the packs, the value an override names. */
	name: string;
	/** "Risk score escalation (default 7)". */
	label: string;
	/** "Used by: Executive escalation before renewal (Decision Triggers pack)". */
	description: string;
	/** Whether an override is a number (most) or text (segment names, lists). */
	kind: 'number' | 'text';
	/** The shipped default; a name declared by several packs with different defaults lists each. */
	defaults: ThresholdValue[];
}

/** Abbreviations a CS team writes in capitals; "pct" is shown as "%". */
const WORDS: Readonly<Record<string, string>> = { wau: 'WAU', mau: 'MAU', nps: 'NPS', arr: 'ARR', acv: 'ACV', ae: 'AE', csat: 'CSAT', sla: 'SLA', pct: '%', qbr: 'QBR', ebr: 'EBR' };

/** "riskScoreEscalation" → "Risk score escalation", "t90Days" → "T-90 days", "wauDropPct" → "WAU drop %". */
export function thresholdWords(name: string): string {
	const words = name
		.replace(/^t(\d+)/, 'T-$1 ')
		.replace(/([a-z])([A-Z0-9])/g, '$1 $2')
		.replace(/_/g, ' ')
		.split(/\s+/)
		.filter(Boolean)
		.map((word) => WORDS[word.toLowerCase()] ?? (/^T-\d+$/.test(word) ? word : word.toLowerCase()));
	const text = words.join(' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function show(value: ThresholdValue): string {
	return Array.isArray(value) ? value.join(', ') : String(value);
}

function referencedThresholds(node: ConditionNode, into: Set<string>): Set<string> {
	if (isLeaf(node)) {
		if (isThresholdRef(node.value)) into.add(node.value.threshold);
	} else if ('all' in node) node.all.forEach((child) => referencedThresholds(child, into));
	else if ('any' in node) node.any.forEach((child) => referencedThresholds(child, into));
	else referencedThresholds(node.not, into);
	return into;
}

/** Every threshold the packs declare, in the packs' order, once per name. */
export function thresholdChoices(packs: readonly RulePack[]): ThresholdChoice[] {
	const byName = new Map<string, { defaults: ThresholdValue[]; packs: string[]; rules: string[] }>();
	for (const pack of packs) {
		const usedBy = new Map<string, string[]>();
		for (const rule of pack.rules) {
			const names = referencedThresholds(rule.conditions, new Set());
			if (rule.event.params.escalation) referencedThresholds(rule.event.params.escalation.conditions, names);
			for (const name of names) usedBy.set(name, [...(usedBy.get(name) ?? []), rule.name]);
		}
		for (const [name, value] of Object.entries(pack.thresholds)) {
			const entry = byName.get(name) ?? { defaults: [], packs: [], rules: [] };
			if (!entry.defaults.some((known) => JSON.stringify(known) === JSON.stringify(value))) entry.defaults.push(value);
			entry.packs.push(pack.pack);
			entry.rules.push(...(usedBy.get(name) ?? []));
			byName.set(name, entry);
		}
	}
	return [...byName].map(([name, { defaults, packs: packNames, rules }]) => {
		const packText = `${packNames.join(', ')} pack${packNames.length > 1 ? 's' : ''}`;
		return {
			name,
			label: `${thresholdWords(name)} (default ${defaults.map(show).join(' or ')})`,
			description: rules.length ? `Used by: ${[...new Set(rules)].join('; ')} (${packText})` : `Declared by the ${packText}; no rule uses it yet`,
			kind: defaults.every((value) => typeof value === 'number') ? 'number' : 'text',
			defaults,
		};
	});
}

/**
 * The packs a form has selected, for listing their thresholds while the user edits: shipped packs by name
 * (unknown names left out) and the custom pack when it is valid — a broken one is reported by the run, not here.
 */
export function selectedPacks(selection: { shipped: readonly string[]; customJson?: string }): RulePack[] {
	const packs = loadPacks(shippedPackInputs(selection.shipped.filter((name) => SHIPPED_PACK_NAMES.includes(name))));
	const custom = selection.customJson?.trim();
	if (custom) {
		try {
			packs.push(...loadPacks(parsePackJson(custom, 'Custom Pack JSON')));
		} catch {
			/* listed once the JSON is valid; running the node names its problem */
		}
	}
	return packs;
}
