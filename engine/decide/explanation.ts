/**
 * A decision's explanation in sentences: every condition with its fact, actual value, operator, threshold and
 * whether it passed; "what failed; what held" for a rule that did not fire; and near misses.
 */
import { listing, type AccountIntelligence, type ConditionResult, type FactValue } from '../model';
import type { CompiledRule } from './compile';
import { phraseFor, renderPhrase, renderPhrases, sentence, type Phrase } from './phrases';
import { holdingParts, holds, isClose, leavesOf, type ResultNode } from './result-tree';

export interface NearMiss {
	ruleId: string;
	ruleName: string;
	family: string;
	playbook: string;
	/** "Risk score 6.9 is not above 7.0; renewal is in 87 days (within 120)". */
	sentence: string;
	/** The conditions that kept it from firing. */
	conditions: ConditionResult[];
}

const actualOf = (rule: CompiledRule, node: ResultNode, intel: AccountIntelligence): FactValue =>
	(node.factResult ?? intel.facts[rule.leaves.get(node.name!)!.fact] ?? null) as FactValue;

/** One condition of a rule as it stood for an account. */
export function conditionResult(rule: CompiledRule, node: ResultNode, intel: AccountIntelligence): ConditionResult {
	const leaf = rule.leaves.get(node.name!)!;
	const actual = actualOf(rule, node, intel);
	const passed = node.result === true;
	return {
		ruleId: rule.id,
		fact: leaf.fact,
		actual,
		operator: leaf.operator,
		threshold: leaf.value,
		thresholdName: leaf.thresholdName,
		passed,
		sentence: renderPhrase(phraseFor(leaf.fact, leaf.operator, actual, leaf.value, passed)),
	};
}

/** The phrases of some conditions ("risk score 8.2 is above 7.0"), ready to be merged into a sentence. */
export function phrasesOf(rule: CompiledRule, nodes: ResultNode[], intel: AccountIntelligence): Phrase[] {
	return nodes.map((node) => {
		const leaf = rule.leaves.get(node.name!)!;
		return phraseFor(leaf.fact, leaf.operator, actualOf(rule, node, intel), leaf.value, node.result === true);
	});
}

/** "What failed; what held": "Risk score 6.9 is not above 7.0; renewal is in 87 days (within 120)". */
export function failureSentence(rule: CompiledRule, failed: ResultNode[], tree: ResultNode, intel: AccountIntelligence): string {
	const failedText = sentence(renderPhrases(phrasesOf(rule, failed, intel)));
	const passedText = renderPhrases(phrasesOf(rule, holdingParts(tree), intel));
	return passedText.length ? `${failedText}; ${listing(passedText)}` : failedText;
}

/**
 * A rule that did not fire is a near miss when what kept it from firing is one condition within 10% of
 * its numeric threshold ("risk score 6.9, threshold 7.0"), or several conditions each within 10%.
 * Conditions far from their threshold, on text or on true/false facts do not make near misses: with them
 * every account would "nearly" fire every two-condition rule, which is noise, not a warning.
 */
export function nearMissOf(rule: CompiledRule, tree: ResultNode, intel: AccountIntelligence): NearMiss | null {
	const leaves = leavesOf(tree);
	const close = leaves.filter((node) => node.result !== true && isClose(rule.leaves.get(node.name!)!, node.factResult));
	if (close.length === 0) return null;
	const single = close.find((node) => holds(tree, new Set([node.name!])));
	const blocking = single ? [single] : holds(tree, new Set(close.map((node) => node.name!))) ? close : null;
	if (!blocking) return null;
	return {
		ruleId: rule.id,
		ruleName: rule.name,
		family: rule.family,
		playbook: rule.playbook,
		sentence: failureSentence(rule, blocking, tree, intel),
		conditions: blocking.map((node) => conditionResult(rule, node, intel)),
	};
}
