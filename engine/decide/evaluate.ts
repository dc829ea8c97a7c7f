/**
 * Evaluate compiled rules over AccountIntelligence with json-rules-engine and explain every decision.
 *
 * Deliberate choices (see json-rules-engine.md):
 * - ONE Engine per evaluator (build one per execution/call; never shared across concurrent executions), rules
 *   added once, accounts evaluated strictly one after another (`await` each run): concurrent runs on one
 *   engine silently skip rules.
 * - Facts: only catalogue facts (validation guarantees it); every referenced fact is passed on every run,
 *   a fact missing from the item is passed as null, so `allowUndefinedFacts` stays false and can never hide a typo.
 * - Null means unknown, and a condition on an unknown fact is FALSE for every operator — including
 *   notEqual / notIn / doesNotContain (json-rules-engine's defaults would make those true). A `not` group
 *   around such a condition is therefore true; the shipped packs use no `not`.
 * - Numeric operators compare numbers only (no "7.5" > 7 coercion).
 */
import { Engine, Fact, Operator, type RuleResult } from 'json-rules-engine';
import {
	decisionId,
	listing,
	parseIsoDuration,
	requireIsoDate,
	toIso,
	type AccountIntelligence,
	type ConditionResult,
	type Decision,
	type FactValue,
	type Owner,
} from '../model';
import { ESCALATION_SUFFIX, type CompiledLeaf, type CompiledRule } from './compile';
import { citeSignals, evidenceFor } from './evidence';
import { phraseFor, renderPhrase, renderPhrases, sentence, type Phrase } from './phrases';

export interface EvaluateOptions {
	/** The evaluation instant (firedAt); default: each item's own `asOf`. */
	asOf?: string | null;
	/** Who owns a decision when the account has nobody in the rule's owner role. */
	fallbackOwner?: Owner | null;
	/** Also explain every rule that did not fire (`notFired`); off in sweeps, for tests and debugging. */
	explainAll?: boolean;
	/**
	 * Leave `decisionId` empty: the caller runs the ledger policy next, which assigns the episode's id
	 * (runDecisionSweep), so each id is hashed once.
	 */
	deferDecisionIds?: boolean;
}

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

export interface AccountEvaluation {
	accountId: string;
	accountName: string;
	asOf: string;
	/** Decisions of the rules that fired, status `new` until the ledger policy decides. */
	decisions: Decision[];
	nearMisses: NearMiss[];
	/** With `explainAll`: why each rule that did not fire did not ("The kickoff happened; the contract started 2 days ago (fewer than 3)"). */
	notFired?: Array<{ ruleId: string; sentence: string }>;
}

/** Near miss: within this fraction of a numeric threshold. */
export const NEAR_MISS_FRACTION = 0.1;

type ResultNode = {
	all?: ResultNode[];
	any?: ResultNode[];
	not?: ResultNode;
	fact?: string;
	name?: string;
	factResult?: unknown;
	result?: boolean;
};

const known = (value: unknown) => value !== null && value !== undefined;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function installOperators(engine: Engine) {
	const numeric = (name: string, compare: (a: number, b: number) => boolean) =>
		engine.addOperator(new Operator<number, number>(name, (a, b) => compare(a, b), (a) => isNumber(a)));
	numeric('lessThan', (a, b) => a < b);
	numeric('lessThanInclusive', (a, b) => a <= b);
	numeric('greaterThan', (a, b) => a > b);
	numeric('greaterThanInclusive', (a, b) => a >= b);
	const general = (name: string, evaluate: (a: unknown, b: unknown) => boolean, validate: (a: unknown) => boolean = known) =>
		engine.addOperator(new Operator<unknown, unknown>(name, evaluate, validate));
	general('equal', (a, b) => a === b);
	general('notEqual', (a, b) => a !== b);
	general('in', (a, b) => Array.isArray(b) && b.includes(a));
	general('notIn', (a, b) => Array.isArray(b) && !b.includes(a));
	general('contains', (a, b) => (a as unknown[]).includes(b), Array.isArray);
	general('doesNotContain', (a, b) => !(a as unknown[]).includes(b), Array.isArray);
}

function leavesOf(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (node.all) for (const child of node.all) leavesOf(child, out);
	else if (node.any) for (const child of node.any) leavesOf(child, out);
	else if (node.not) leavesOf(node.not, out);
	else out.push(node);
	return out;
}

function holds(node: ResultNode, flipped: ReadonlySet<string>): boolean {
	if (node.all) return node.all.every((child) => holds(child, flipped));
	if (node.any) return node.any.some((child) => holds(child, flipped));
	if (node.not) return !holds(node.not, flipped);
	return node.result === true || flipped.has(node.name!);
}

/** The leaves that made a true tree true: all of an `all`, the true ones of an `any`. */
function supporting(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (node.all) for (const child of node.all) supporting(child, out);
	else if (node.any) {
		for (const child of node.any) if (holds(child, EMPTY)) supporting(child, out);
	} else if (node.not) leavesOf(node.not, out);
	else out.push(node);
	return out;
}
const EMPTY: ReadonlySet<string> = new Set();

/** The leaves that keep a false tree false: the failing children of an `all`, every alternative of a failing `any`. */
function blockers(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (holds(node, EMPTY)) return out;
	if (node.all) for (const child of node.all) blockers(child, out);
	else if (node.any) for (const child of node.any) blockers(child, out);
	else if (node.not) supporting(node.not, out);
	else out.push(node);
	return out;
}

/** The parts of a false tree that already hold (the true children of its `all` groups). */
function holdingParts(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (holds(node, EMPTY)) return supporting(node, out);
	if (node.all) for (const child of node.all) holdingParts(child, out);
	return out;
}

function isClose(leaf: CompiledLeaf, actual: unknown): boolean {
	if (!isNumber(actual) || !isNumber(leaf.value)) return false;
	const margin = Math.max(Math.abs(leaf.value) * NEAR_MISS_FRACTION, 1e-9);
	return Math.abs(actual - leaf.value) <= margin;
}

/** Whether some failing leaf is within the near-miss margin — the cheap test before building a near miss. */
function hasCloseFailure(rule: CompiledRule, node: ResultNode): boolean {
	if (node.all) {
		for (const child of node.all) if (hasCloseFailure(rule, child)) return true;
		return false;
	}
	if (node.any) {
		for (const child of node.any) if (hasCloseFailure(rule, child)) return true;
		return false;
	}
	if (node.not) return hasCloseFailure(rule, node.not);
	return node.result !== true && isNumber(node.factResult) && isClose(rule.leaves.get(node.name!)!, node.factResult);
}

function ownerFor(rule: CompiledRule, intel: AccountIntelligence, fallbackOwner: Owner | null | undefined): Decision['owner'] {
	const person = intel.account.owners?.[rule.ownerRole];
	if (person) return { role: rule.ownerRole, person, fallback: false };
	return { role: rule.ownerRole, person: fallbackOwner ?? null, fallback: true };
}

export interface DecisionEvaluator {
	readonly rules: readonly CompiledRule[];
	/** Facts the rules read (the only ones passed to the engine). */
	readonly factNames: readonly string[];
	evaluate(intel: AccountIntelligence, options?: EvaluateOptions): Promise<AccountEvaluation>;
}

/** One engine for this evaluator's lifetime (one execution); call `evaluate` sequentially. */
export function createEvaluator(rules: readonly CompiledRule[]): DecisionEvaluator {
	const engine = new Engine([], { allowUndefinedFacts: false });
	installOperators(engine);
	const byName = new Map<string, CompiledRule>();
	const factNames = new Set<string>();
	for (const rule of rules) {
		engine.addRule(rule.engineRule);
		byName.set(rule.id, rule);
		if (rule.escalation) engine.addRule(rule.escalation.engineRule);
		for (const leaf of rule.leaves.values()) factNames.add(leaf.fact);
	}
	const facts = [...factNames];
	// One constant Fact per fact name, reused across runs (runs are strictly sequential): json-rules-engine
	// would otherwise wrap every value in a new Fact and hash a cache key for it on every run, although
	// constant facts never read that cache. `cache: false` skips the hash; the values are the same.
	const factSlots = facts.map((name) => new Fact<FactValue>(name, null, { cache: false }));
	const runtimeFacts: Record<string, Fact<FactValue>> = {};
	for (const slot of factSlots) runtimeFacts[slot.id] = slot;
	// Engine rule name → slot in the per-run result array (rules first, then their escalation rules).
	const slotOf = new Map<string, number>();
	rules.forEach((rule, index) => {
		slotOf.set(rule.id, index);
		if (rule.escalation) slotOf.set(rule.id + ESCALATION_SUFFIX, rules.length + index);
	});
	const results: RuleResult[] = new Array(rules.length * 2);
	let running = false;
	// Time arithmetic (luxon) is the slowest part of a decision; a sweep has one as-of instant, so memoise.
	const instants = new Map<string, { firedAt: string; dueAt: Map<string, string> }>();
	const instant = (asOf: string) => {
		let entry = instants.get(asOf);
		if (!entry) {
			if (instants.size > 1000) instants.clear();
			entry = { firedAt: asOf, dueAt: new Map() };
			instants.set(asOf, entry);
		}
		return entry;
	};
	const dueAt = (firedAt: string, sla: string) => {
		const entry = instant(firedAt);
		let due = entry.dueAt.get(sla);
		if (due === undefined) {
			due = toIso(requireIsoDate(firedAt, 'as-of date').plus(parseIsoDuration(sla)!));
			entry.dueAt.set(sla, due);
		}
		return due;
	};
	const explicitAsOf = new Map<string, string>();

	const conditionResult = (rule: CompiledRule, node: ResultNode, intel: AccountIntelligence): ConditionResult => {
		const leaf = rule.leaves.get(node.name!)!;
		const actual = (node.factResult ?? intel.facts[leaf.fact] ?? null) as FactValue;
		const passed = node.result === true;
		const phrase = phraseFor(leaf.fact, leaf.operator, actual, leaf.value, passed);
		return {
			ruleId: rule.id,
			fact: leaf.fact,
			actual,
			operator: leaf.operator,
			threshold: leaf.value,
			thresholdName: leaf.thresholdName,
			passed,
			sentence: renderPhrase(phrase),
		};
	};
	const phrasesOf = (rule: CompiledRule, nodes: ResultNode[], intel: AccountIntelligence): Phrase[] =>
		nodes.map((node) => {
			const leaf = rule.leaves.get(node.name!)!;
			return phraseFor(leaf.fact, leaf.operator, (node.factResult ?? intel.facts[leaf.fact] ?? null) as FactValue, leaf.value, node.result === true);
		});

	return {
		rules,
		factNames: facts,
		async evaluate(intel, options = {}) {
			if (running) throw new Error('DecisionEvaluator.evaluate was called while another evaluation was running: await each account in turn');
			running = true;
			try {
				let firedAt = intel.asOf;
				if (options.asOf) {
					firedAt = explicitAsOf.get(options.asOf) ?? toIso(requireIsoDate(options.asOf, 'as-of date'));
					explicitAsOf.set(options.asOf, firedAt);
				}
				for (const slot of factSlots) slot.value = intel.facts[slot.id] ?? null;
				const run = await engine.run(runtimeFacts);
				for (const r of run.results) results[slotOf.get(r.name)!] = r;
				for (const r of run.failureResults) results[slotOf.get(r.name)!] = r;

				const decisions: Decision[] = [];
				const nearMisses: NearMiss[] = [];
				const notFired: Array<{ ruleId: string; sentence: string }> = [];
				for (let index = 0; index < rules.length; index++) {
					const rule = rules[index];
					const result = results[index];
					const tree = result.conditions as unknown as ResultNode;
					if (result.result === true) {
						const support = supporting(tree);
						const conditions = leavesOf(tree).map((node) => conditionResult(rule, node, intel));
						let text = sentence(renderPhrases(phrasesOf(rule, support, intel)));
						let priority = rule.priority;
						const signalIds = new Set<string>();
						for (const node of support) citeSignals(rule.leaves.get(node.name!)!, intel, signalIds);
						if (rule.escalation) {
							const escalation = results[rules.length + index];
							const extra = (escalation.conditions as unknown as ResultNode).all![1];
							conditions.push(...leavesOf(extra).map((node) => conditionResult(rule, node, intel)));
							if (escalation.result === true) {
								priority = rule.escalation.priority;
								const why = supporting(extra);
								text += `; escalated to ${priority}: ${sentence(renderPhrases(phrasesOf(rule, why, intel)))}`;
								for (const node of why) citeSignals(rule.leaves.get(node.name!)!, intel, signalIds);
							}
						}
						decisions.push({
							decisionId: options.deferDecisionIds ? '' : decisionId(rule.id, intel.accountId, firedAt),
							accountId: intel.accountId,
							accountName: intel.account.name,
							rule: { id: rule.id, name: rule.name, pack: rule.pack, versionHash: rule.versionHash },
							family: rule.family,
							priority,
							playbook: rule.playbook,
							owner: ownerFor(rule, intel, options.fallbackOwner),
							accountOwners: intel.account.owners,
							firedAt,
							dueAt: dueAt(firedAt, rule.sla),
							sla: rule.sla,
							explanation: { sentence: text, conditions },
							nearMisses: [],
							signalIds: [...signalIds],
							evidence: evidenceFor(signalIds, intel),
							status: 'new',
							statusReason: null,
							digest: false,
						});
						continue;
					}
					const nearMiss = hasCloseFailure(rule, tree) ? nearMissOf(rule, tree, intel) : null;
					if (nearMiss) nearMisses.push(nearMiss);
					if (options.explainAll) {
						notFired.push({ ruleId: rule.id, sentence: failureSentence(rule, blockers(tree), tree, intel) });
					}
				}
				const missConditions = nearMisses.flatMap((miss) => miss.conditions);
				for (const decision of decisions) decision.nearMisses = missConditions;
				const evaluation: AccountEvaluation = { accountId: intel.accountId, accountName: intel.account.name, asOf: firedAt, decisions, nearMisses };
				if (options.explainAll) evaluation.notFired = notFired;
				return evaluation;
			} finally {
				running = false;
			}
		},
	};

	/** "What failed; what held": "Risk score 6.9 is not above 7.0; renewal is in 87 days (within 120)". */
	function failureSentence(rule: CompiledRule, failed: ResultNode[], tree: ResultNode, intel: AccountIntelligence): string {
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
	function nearMissOf(rule: CompiledRule, tree: ResultNode, intel: AccountIntelligence): NearMiss | null {
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
}
