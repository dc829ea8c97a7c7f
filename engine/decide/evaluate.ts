/**
 * Evaluate compiled rules over AccountIntelligence with json-rules-engine and explain every decision.
 * The parts: operators.ts (our operator semantics: null is unknown, numbers only), result-tree.ts (reading the
 * engine's result tree), explanation.ts (sentences and near misses), evidence.ts (the signals a decision cites).
 *
 * Deliberate choices (json-rules-engine's behaviour, which the tests pin):
 * - ONE Engine per evaluator (build one per execution/call; never shared across concurrent executions), rules
 *   added once, accounts evaluated strictly one after another (`await` each run): concurrent runs on one
 *   engine silently skip rules.
 * - Facts: only catalogue facts (validation guarantees it); every referenced fact is passed on every run,
 *   a fact missing from the item is passed as null, so `allowUndefinedFacts` stays false and can never hide a typo.
 */
import { Engine, Fact, type RuleResult } from 'json-rules-engine';
import { decisionId, groupThousands, parseIsoDuration, requireIsoDate, toIso, type AccountIntelligence, type Decision, type FactValue, type Owner } from '../model';
import { ESCALATION_SUFFIX, type CompiledRule } from './compile';
import { citeSignals, evidenceFor } from './evidence';
import { conditionResult, failureSentence, nearMissOf, phrasesOf, type NearMiss } from './explanation';
import { installOperators } from './operators';
import { RULE_LIMITS, conditionSizeProblem } from './limits';
import { renderPhrases, sentence } from './phrases';
import { NEAR_MISS_FRACTION } from './result-tree';
import { RulePackError } from './validate';
import { blockers, hasCloseFailure, leavesOf, supporting, type ResultNode } from './result-tree';

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

export interface AccountEvaluation {
	accountId: string;
	accountName: string;
	asOf: string;
	/** Decisions of the rules that fired, status `new` until the ledger policy decides. */
	decisions: Decision[];
	/** The closest near misses, at most RULE_LIMITS.maxNearMisses (closest first), so output grows with rules, never with rules². */
	nearMisses: NearMiss[];
	/** Near misses beyond the cap, counted, not shown. */
	moreNearMisses: number;
	/** "and 1,995 more near misses", or null when all are shown. */
	nearMissSummary: string | null;
	/** With `explainAll`: why each rule that did not fire did not ("The kickoff happened; the contract started 2 days ago (fewer than 3)"). */
	notFired?: Array<{ ruleId: string; sentence: string }>;
}

export interface DecisionEvaluator {
	readonly rules: readonly CompiledRule[];
	/** Facts the rules read (the only ones passed to the engine). */
	readonly factNames: readonly string[];
	evaluate(intel: AccountIntelligence, options?: EvaluateOptions): Promise<AccountEvaluation>;
}

function ownerFor(rule: CompiledRule, intel: AccountIntelligence, fallbackOwner: Owner | null | undefined): Decision['owner'] {
	const person = intel.account.owners?.[rule.ownerRole];
	if (person) return { role: rule.ownerRole, person, fallback: false };
	return { role: rule.ownerRole, person: fallbackOwner ?? null, fallback: true };
}

/** Due dates by (firedAt, SLA), memoised: time arithmetic (luxon) is the slowest part of a decision and a sweep has one as-of instant. */
function dueDates(): (firedAt: string, sla: string) => string {
	const byInstant = new Map<string, Map<string, string>>();
	return (firedAt, sla) => {
		let bySla = byInstant.get(firedAt);
		if (!bySla) {
			if (byInstant.size > 1000) byInstant.clear();
			bySla = new Map();
			byInstant.set(firedAt, bySla);
		}
		let due = bySla.get(sla);
		if (due === undefined) {
			due = toIso(requireIsoDate(firedAt, 'as-of date').plus(parseIsoDuration(sla)!));
			bySla.set(sla, due);
		}
		return due;
	};
}

/**
 * The decision of a rule that fired: the sentence of the conditions that made it true, every condition, the
 * escalation when its extra conditions hold too, and the signals behind the conditions that count.
 */
function decisionOf(
	rule: CompiledRule,
	tree: ResultNode,
	escalation: RuleResult | undefined,
	intel: AccountIntelligence,
	at: { firedAt: string; dueAt: string },
	options: EvaluateOptions,
): Decision {
	const support = supporting(tree);
	const conditions = leavesOf(tree).map((node) => conditionResult(rule, node, intel));
	let text = sentence(renderPhrases(phrasesOf(rule, support, intel)));
	let priority = rule.priority;
	const signalIds = new Set<string>();
	for (const node of support) citeSignals(rule.leaves.get(node.name!)!, intel, signalIds);
	if (rule.escalation && escalation) {
		const extra = (escalation.conditions as unknown as ResultNode).all![1];
		conditions.push(...leavesOf(extra).map((node) => conditionResult(rule, node, intel)));
		if (escalation.result === true) {
			priority = rule.escalation.priority;
			const why = supporting(extra);
			text += `; escalated to ${priority}: ${sentence(renderPhrases(phrasesOf(rule, why, intel)))}`;
			for (const node of why) citeSignals(rule.leaves.get(node.name!)!, intel, signalIds);
		}
	}
	return {
		decisionId: options.deferDecisionIds ? '' : decisionId(rule.id, intel.accountId, at.firedAt),
		accountId: intel.accountId,
		accountName: intel.account.name,
		rule: { id: rule.id, name: rule.name, pack: rule.pack, versionHash: rule.versionHash },
		family: rule.family,
		priority,
		playbook: rule.playbook,
		owner: ownerFor(rule, intel, options.fallbackOwner),
		accountOwners: intel.account.owners,
		firedAt: at.firedAt,
		dueAt: at.dueAt,
		sla: rule.sla,
		explanation: { sentence: text, conditions },
		nearMisses: [],
		signalIds: [...signalIds],
		evidence: evidenceFor(signalIds, intel),
		status: 'new',
		statusReason: null,
		digest: false,
	};
}

/** How far a near miss is from firing: its farthest blocking condition, in near-miss margins (0 = at the threshold). */
function distanceOf(miss: NearMiss): number {
	let distance = 0;
	for (const c of miss.conditions) {
		if (typeof c.actual !== 'number' || typeof c.threshold !== 'number') return Number.POSITIVE_INFINITY;
		distance = Math.max(distance, Math.abs(c.actual - c.threshold) / Math.max(Math.abs(c.threshold) * NEAR_MISS_FRACTION, 1e-9));
	}
	return distance;
}

/** The closest near misses (at most the cap), and how many more there were. */
export function capNearMisses(all: NearMiss[], cap: number = RULE_LIMITS.maxNearMisses): { shown: NearMiss[]; more: number; summary: string | null } {
	if (all.length <= cap) return { shown: all, more: 0, summary: null };
	const ranked = all.map((miss) => ({ miss, distance: distanceOf(miss) }));
	ranked.sort((a, b) => a.distance - b.distance || a.miss.ruleId.localeCompare(b.miss.ruleId));
	const more = all.length - cap;
	const summary = more === 1 ? 'and 1 more near miss' : `and ${groupThousands(String(more))} more near misses`;
	return { shown: ranked.slice(0, cap).map((r) => r.miss), more, summary };
}

/** One engine for this evaluator's lifetime (one execution); call `evaluate` sequentially. */
export function createEvaluator(rules: readonly CompiledRule[]): DecisionEvaluator {
	// the limits validation applies (RULE_LIMITS), checked again for rules compiled by other means
	const tooBig = rules.flatMap((rule) => {
		const problem = conditionSizeProblem(rule.engineRule.conditions);
		return problem ? [{ ruleId: rule.id, where: rule.pack, path: 'conditions', message: problem }] : [];
	});
	if (tooBig.length > 0) throw new RulePackError(tooBig);
	const engine = new Engine([], { allowUndefinedFacts: false });
	installOperators(engine);
	const factNames = new Set<string>();
	for (const rule of rules) {
		engine.addRule(rule.engineRule);
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
	const dueAt = dueDates();
	const explicitAsOf = new Map<string, string>();
	let running = false;

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
						const escalation = rule.escalation ? results[rules.length + index] : undefined;
						decisions.push(decisionOf(rule, tree, escalation, intel, { firedAt, dueAt: dueAt(firedAt, rule.sla) }, options));
						continue;
					}
					const nearMiss = hasCloseFailure(rule, tree) ? nearMissOf(rule, tree, intel) : null;
					if (nearMiss) nearMisses.push(nearMiss);
					if (options.explainAll) notFired.push({ ruleId: rule.id, sentence: failureSentence(rule, blockers(tree), tree, intel) });
				}
				const capped = capNearMisses(nearMisses);
				const missConditions = capped.shown.flatMap((miss) => miss.conditions);
				for (const decision of decisions) decision.nearMisses = missConditions;
				const evaluation: AccountEvaluation = {
					accountId: intel.accountId,
					accountName: intel.account.name,
					asOf: firedAt,
					decisions,
					nearMisses: capped.shown,
					moreNearMisses: capped.more,
					nearMissSummary: capped.summary,
				};
				if (options.explainAll) evaluation.notFired = notFired;
				return evaluation;
			} finally {
				running = false;
			}
		},
	};
}
