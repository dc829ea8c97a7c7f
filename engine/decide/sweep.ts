/**
 * One decision sweep — the code path the n8n node, the CLI and the benchmark share:
 * validate + compile the packs, evaluate every account sequentially on one engine, apply the ledger's
 * notification policy, and return Decision items plus the accounts where nothing fired.
 */
import { closestName, DECISION_FAMILIES, type AccountIntelligence, type Decision, type Owner } from '../model';
import { applyNotificationPolicy, snooze, type LedgerPort } from '../ledger';
import { compilePacks, type CompiledRule, type ThresholdOverrides } from './compile';
import { createEvaluator } from './evaluate';
import type { NearMiss } from './explanation';
import { SHIPPED_PACK_NAMES, SHIPPED_PACKS, shippedPackInputs } from './shipped';
import { loadPacks, type PackInput } from './validate';

/** The decision sweep's defaults (the CS Decision Triggers form shows these). */
export const DECISION_SWEEP_DEFAULTS = Object.freeze({
	/** Alerts per owner per day before the overflow goes to the digest (0 = no budget). */
	dailyAlertBudget: 20,
	/** Emit re-alerts after cooldown or escalation. */
	includeRepeats: true,
	/** Emit decisions held back by cooldown or snooze. */
	includeSuppressed: false,
});

/** Alerts per owner per day before the overflow goes to the digest (0 = no budget). */
export const DEFAULT_DAILY_ALERT_BUDGET = DECISION_SWEEP_DEFAULTS.dailyAlertBudget;

export interface SnoozeInput {
	ruleId: string;
	accountId: string;
	until: string;
	reason: string;
}

export interface SweepOptions {
	asOf?: string | null;
	fallbackOwner?: Owner | null;
	dailyAlertBudget?: number;
	snoozes?: SnoozeInput[];
	/** Emit `repeat` decisions (re-alerts after cooldown or escalation). Default true. */
	includeRepeats?: boolean;
	/** Emit decisions suppressed by cooldown or snooze. Default false. Digest entries are always emitted. */
	includeSuppressed?: boolean;
}

export interface NoTrigger {
	accountId: string;
	accountName: string;
	asOf: string;
	triggered: false;
	nearMisses: NearMiss[];
}

export interface SweepResult {
	/** Decisions to emit, with the index of the intelligence item they came from. */
	decisions: Array<{ decision: Decision; itemIndex: number }>;
	/** Accounts where no rule fired, with their near misses. */
	noTrigger: Array<{ item: NoTrigger; itemIndex: number }>;
	/** Every fired decision with its status, emitted or not. */
	all: Decision[];
}

/** Validate (every problem at once) and compile; throws RulePackError. */
export function prepareRules(packs: PackInput[], overrides: ThresholdOverrides = {}): CompiledRule[] {
	return compilePacks(loadPacks(packs), overrides);
}

export async function runDecisionSweep(
	rules: readonly CompiledRule[],
	intelligence: ReadonlyArray<{ intel: AccountIntelligence; itemIndex: number }>,
	ledger: LedgerPort,
	options: SweepOptions = {},
): Promise<SweepResult> {
	const ruleIds = rules.map((rule) => rule.id);
	for (const s of options.snoozes ?? []) {
		if (!ruleIds.includes(s.ruleId)) {
			const near = closestName(s.ruleId, ruleIds);
			throw new Error(`Snooze names unknown rule "${s.ruleId}"${near ? ` — did you mean "${near}"?` : ''}`);
		}
		snooze(ledger, s.ruleId, s.accountId, s.until, s.reason);
	}

	const evaluator = createEvaluator(rules);
	const fired: Array<{ decision: Decision; itemIndex: number }> = [];
	const noTrigger: SweepResult['noTrigger'] = [];
	for (const { intel, itemIndex } of intelligence) {
		const evaluation = await evaluator.evaluate(intel, { asOf: options.asOf, fallbackOwner: options.fallbackOwner, deferDecisionIds: true });
		for (const decision of evaluation.decisions) fired.push({ decision, itemIndex });
		if (evaluation.decisions.length === 0)
			noTrigger.push({
				item: { accountId: evaluation.accountId, accountName: evaluation.accountName, asOf: evaluation.asOf, triggered: false, nearMisses: evaluation.nearMisses },
				itemIndex,
			});
	}

	const decided = applyNotificationPolicy(
		ledger,
		fired.map((f) => f.decision),
		{ accountIds: intelligence.map(({ intel }) => intel.accountId), ruleIds },
		{ dailyAlertBudget: options.dailyAlertBudget ?? DEFAULT_DAILY_ALERT_BUDGET, cooldowns: new Map(rules.map((rule) => [rule.id, rule.cooldown])) },
	);
	const includeRepeats = options.includeRepeats ?? DECISION_SWEEP_DEFAULTS.includeRepeats;
	const includeSuppressed = options.includeSuppressed ?? DECISION_SWEEP_DEFAULTS.includeSuppressed;
	const decisions = decided
		.map((decision, index) => ({ decision, itemIndex: fired[index].itemIndex }))
		.filter(({ decision }) =>
			decision.status === 'new' || decision.digest ? true : decision.status === 'repeat' ? includeRepeats : includeSuppressed,
		);
	return { decisions, noTrigger, all: decided };
}

/**
 * Input items are accounts, except those carrying a rule pack in `packField` (e.g. read from a file or an HTTP
 * call and merged with the accounts): those are packs. Item indexes are kept for pairing and errors.
 */
export function splitPackItems<T extends Record<string, unknown>>(
	items: readonly T[],
	packField: string,
): { packs: Array<{ pack: unknown; itemIndex: number }>; accounts: Array<{ json: T; itemIndex: number }> } {
	const field = packField.trim();
	const packs: Array<{ pack: unknown; itemIndex: number }> = [];
	const accounts: Array<{ json: T; itemIndex: number }> = [];
	items.forEach((json, itemIndex) => {
		if (field && json[field] !== undefined) packs.push({ pack: json[field], itemIndex });
		else accounts.push({ json, itemIndex });
	});
	return { packs, accounts };
}

/** Pack sources a user can combine: shipped packs by name, pasted JSON, packs carried by input items. */
export function collectPackInputs(sources: { shipped?: readonly string[]; customJson?: string; fromItems?: Array<{ pack: unknown; itemIndex: number }> }): PackInput[] {
	const inputs: PackInput[] = [];
	for (const name of sources.shipped ?? []) {
		if (!(name in SHIPPED_PACKS)) {
			const near = closestName(name, SHIPPED_PACK_NAMES);
			throw new Error(`Unknown shipped rule pack "${name}"${near ? ` — did you mean "${near}"?` : ''} (shipped: ${SHIPPED_PACK_NAMES.join(', ')})`);
		}
	}
	inputs.push(...shippedPackInputs(sources.shipped ?? []));
	const custom = sources.customJson?.trim();
	if (custom) inputs.push(...parsePackJson(custom, 'Custom Pack JSON'));
	for (const { pack, itemIndex } of sources.fromItems ?? []) {
		const source = `input item ${itemIndex}`;
		if (typeof pack === 'string') inputs.push(...parsePackJson(pack, source));
		else if (Array.isArray(pack)) pack.forEach((p, i) => inputs.push({ source: `${source} pack ${i}`, pack: p }));
		else inputs.push({ source, pack });
	}
	if (inputs.length === 0) throw new Error('No rule packs selected: choose shipped packs, paste a Custom Pack JSON or name the input field that carries a pack');
	return inputs;
}

/** A pack or a list of packs from JSON text. */
export function parsePackJson(text: string, source: string): PackInput[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
	}
	return Array.isArray(parsed) ? parsed.map((pack, i) => ({ source: `${source} pack ${i}`, pack })) : [{ source, pack: parsed }];
}

/** Output order of the CS Decision Triggers node: one per family, then "no trigger". */
export const DECISION_OUTPUTS = [...DECISION_FAMILIES, 'noTrigger'] as const;
