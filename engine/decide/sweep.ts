/**
 * One decision sweep — the code path the n8n node, the CLI and the benchmark share:
 * validate + compile the packs, evaluate every account sequentially on one engine, apply the ledger's
 * notification policy, and return Decision items plus the accounts where nothing fired.
 */
import { closestName, type AccountIntelligence, type Decision, type Owner } from '../model';
import { applyNotificationPolicy, snooze, type LedgerPort } from '../ledger';
import { compilePacks, type CompiledRule, type ThresholdOverrides } from './compile';
import { createEvaluator, type NearMiss } from './evaluate';
import { loadPacks, type PackInput } from './validate';

/** Alerts per owner per day before the overflow goes to the digest (0 = no budget). */
export const DEFAULT_DAILY_ALERT_BUDGET = 20;

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
		const evaluation = await evaluator.evaluate(intel, { asOf: options.asOf, fallbackOwner: options.fallbackOwner });
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
	const includeRepeats = options.includeRepeats ?? true;
	const includeSuppressed = options.includeSuppressed ?? false;
	const decisions = decided
		.map((decision, index) => ({ decision, itemIndex: fired[index].itemIndex }))
		.filter(({ decision }) =>
			decision.status === 'new' || decision.digest ? true : decision.status === 'repeat' ? includeRepeats : includeSuppressed,
		);
	return { decisions, noTrigger, all: decided };
}
