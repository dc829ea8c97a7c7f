/**
 * One decision sweep — the code path the n8n node, the CLI and the benchmark share:
 * validate + compile the packs, evaluate every account sequentially on one engine, group the rules that fired
 * into actions (one per account and playbook), apply the ledger's action policy, and return the Action items
 * plus the accounts where nothing fired.
 */
import { closestName, DECISION_FAMILIES, unusableItem, type UnusableItem, NOTIFY_STATUSES, resolveAsOf, toIso, type AccountIntelligence, type Action, type Owner } from '../model';
import { z } from 'zod';
import { applyActionPolicy, snoozeAction, type LedgerPort } from '../ledger';
import { actionsFor, byActionUrgency } from './actions';
import { compilePacks, type CompiledRule, type ThresholdOverrides } from './compile';
import { createEvaluator } from './evaluate';
import { checkFacts, factsRead } from './facts-check';
import type { NearMiss } from './explanation';
import { isShippedPackName, shippedPackInputs, unknownShippedPackMessage } from './shipped';
import { loadPacks, type PackInput } from './validate';

/** The decision sweep's defaults (the CS Decision Triggers form shows these). */
export const DECISION_SWEEP_DEFAULTS = Object.freeze({
	/** Alerts per owner per day before the overflow goes to the owner's digest (0 = no budget). */
	dailyAlertBudget: 20,
	/** Also emit actions that are open (already told), snoozed or done, with their status. */
	includeOpen: false,
	/** One digest per owner per day: their open actions ranked by priority, ARR at stake and due date. */
	ownerDigests: true,
});

/** Alerts per owner per day before the overflow goes to the digest (0 = no budget). */
export const DEFAULT_DAILY_ALERT_BUDGET = DECISION_SWEEP_DEFAULTS.dailyAlertBudget;

/** The daily alert budget: a whole number, 0 or more (the node's form and `decide --budget` alike). */
export const DailyAlertBudgetSchema = z.number().int().min(0).finite();

/** A budget typed in a form or on the command line (a number or its text); throws naming `what` and the fix. */
export function parseDailyAlertBudget(raw: unknown, what = 'Daily Alert Budget per Owner'): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	const parsed = DailyAlertBudgetSchema.safeParse(value);
	if (!parsed.success) throw new Error(`${what} must be a whole number of alerts per owner per day, 0 or more (0 = no budget), got ${typeof raw === 'string' ? JSON.stringify(raw) : String(raw)}`);
	return parsed.data;
}

export interface SnoozeInput {
	playbook: string;
	accountId: string;
	until: string;
	reason: string;
}

export interface SweepOptions {
	/** One as-of for every action (firedAt); default each item's own asOf. An offset-less value is read in `timezone`. */
	asOf?: string | null;
	/** The workflow's time zone (resolveAsOf); default UTC. */
	timezone?: string;
	/** The configured default owner (last link of the owner chain); default "CS Ops queue". */
	fallbackOwner?: Owner | null;
	dailyAlertBudget?: number;
	snoozes?: SnoozeInput[];
	/** Emit open, snoozed and done actions too. Default false: only what people are told now. */
	includeOpen?: boolean;
	/** Playbook display names by id (the catalogue's). */
	playbookNames?: ReadonlyMap<string, string>;
}

export interface NoTrigger {
	accountId: string;
	accountName: string;
	asOf: string;
	triggered: false;
	/** The closest near misses (at most RULE_LIMITS.maxNearMisses). */
	nearMisses: NearMiss[];
	/** Near misses beyond the cap, counted only. */
	moreNearMisses: number;
	/** "and 1,995 more near misses", or null. */
	nearMissSummary: string | null;
}

export interface SweepResult {
	/** Actions to emit, most urgent first, with the index of the intelligence item they came from. */
	actions: Array<{ action: Action; itemIndex: number }>;
	/** Accounts where no rule fired, with their near misses. */
	noTrigger: Array<{ item: NoTrigger; itemIndex: number }>;
	/** Every action of this sweep with its status, emitted or not (what the owners' digests are made of). */
	all: Array<{ action: Action; itemIndex: number }>;
	/** Rules that fired (before grouping into actions), for alert-volume figures. */
	firings: number;
	/** Accounts whose facts are not what the catalogue says (missing, mistyped, out of range): not decided, named. */
	unusable: UnusableItem[];
}

/** Validate (every problem at once) and compile; throws RulePackError. */
export function prepareRules(packs: PackInput[], overrides: ThresholdOverrides = {}): CompiledRule[] {
	return compilePacks(loadPacks(packs), overrides);
}

/** Whether an action goes out as an alert now (new or escalated, not sent to the digest by the budget). */
export function isAlert(action: Action): boolean {
	return NOTIFY_STATUSES.includes(action.status) && !action.digest;
}

export async function runDecisionSweep(
	rules: readonly CompiledRule[],
	intelligence: ReadonlyArray<{ intel: AccountIntelligence; itemIndex: number }>,
	ledger: LedgerPort,
	options: SweepOptions = {},
): Promise<SweepResult> {
	const playbooks = [...new Set(rules.map((rule) => rule.playbook))];
	for (const s of options.snoozes ?? []) {
		if (!playbooks.includes(s.playbook)) {
			const near = closestName(s.playbook, playbooks);
			throw new Error(`Snooze names playbook "${s.playbook}", which no selected rule leads to${near ? ` — did you mean "${near}"?` : ''} (playbooks: ${[...playbooks].sort().join(', ')})`);
		}
		snoozeAction(ledger, s.playbook, s.accountId, toIso(resolveAsOf(s.until, options.timezone, `snooze "until" for ${s.playbook} / ${s.accountId}`)), s.reason);
	}
	const asOf = options.asOf ? toIso(resolveAsOf(options.asOf, options.timezone)) : null;
	const fallbackOwner = options.fallbackOwner ?? null;

	const evaluator = createEvaluator(rules);
	const facts = factsRead(rules);
	const unusable: UnusableItem[] = [];
	const drafts: Array<{ action: Action; itemIndex: number }> = [];
	const noTrigger: SweepResult['noTrigger'] = [];
	let firings = 0;
	let sweepAt: string | null = asOf;
	const decidable: typeof intelligence[number][] = [];
	for (const entry of intelligence) {
		try {
			checkFacts(entry.intel, facts, entry.itemIndex);
			decidable.push(entry);
		} catch (error) {
			unusable.push(unusableItem(error, entry.itemIndex));
		}
	}
	for (const { intel, itemIndex } of decidable) {
		const evaluation = await evaluator.evaluate(intel, { asOf, deferDecisionIds: true });
		sweepAt ??= evaluation.asOf;
		firings += evaluation.decisions.length;
		for (const action of actionsFor(intel, evaluation.decisions, evaluation.asOf, { playbookNames: options.playbookNames, fallbackOwner })) drafts.push({ action, itemIndex });
		if (evaluation.decisions.length === 0)
			noTrigger.push({
				item: { accountId: evaluation.accountId, accountName: evaluation.accountName, asOf: evaluation.asOf, triggered: false,
					nearMisses: evaluation.nearMisses,
					moreNearMisses: evaluation.moreNearMisses,
					nearMissSummary: evaluation.nearMissSummary,
				},
				itemIndex,
			});
	}

	const decided = applyActionPolicy(
		ledger,
		drafts.map((d) => d.action),
		{ asOf: sweepAt ?? toIso(resolveAsOf(null, options.timezone)), accountIds: decidable.map(({ intel }) => intel.accountId), playbooks },
		{ dailyAlertBudget: parseDailyAlertBudget(options.dailyAlertBudget ?? DEFAULT_DAILY_ALERT_BUDGET), cooldowns: new Map(rules.map((rule) => [rule.id, rule.cooldown])) },
	);
	const all = decided.map((action, index) => ({ action, itemIndex: drafts[index].itemIndex })).sort((a, b) => byActionUrgency(a.action, b.action));
	const includeOpen = options.includeOpen ?? DECISION_SWEEP_DEFAULTS.includeOpen;
	const actions = all.filter(({ action }) => includeOpen || isAlert(action));
	return { actions, noTrigger, all, firings, unusable };
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
	for (const name of sources.shipped ?? []) if (!isShippedPackName(name)) throw new Error(unknownShippedPackMessage(name));
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

/**
 * Output order of the CS Decision Triggers node: every action on one output (the templates use it: one edge, one
 * run per downstream node), then one per family for branching, the owners' daily digests, and "no trigger".
 */
export const DECISION_OUTPUTS = ['allActions', ...DECISION_FAMILIES, 'ownerDigests', 'noTrigger'] as const;
export type DecisionOutput = (typeof DECISION_OUTPUTS)[number];
