/**
 * One run of CS Decision Triggers: the decision sweep (rules → actions through the ledger, engine/decide) with the
 * playbook catalogue's names, plus the owners' daily digests. The node, the CLI and the benchmark call this.
 */
import type { AccountIntelligence } from '../../model';
import { DECISION_SWEEP_DEFAULTS, runDecisionSweep, type CompiledRule, type SweepOptions, type SweepResult } from '../../decide';
import type { LedgerPort } from '../../ledger';
import { shippedPlaybooks } from '../playbooks';
import { ownerDigests, type OwnerDigest } from './digest';

export interface ActionSweepOptions extends SweepOptions {
	/** Emit one digest per owner per day (default DECISION_SWEEP_DEFAULTS.ownerDigests). */
	ownerDigests?: boolean;
}

export interface ActionSweepResult extends SweepResult {
	digests: Array<{ digest: OwnerDigest; itemIndexes: number[] }>;
}

let names: ReadonlyMap<string, string> | undefined;
/** Playbook id → name, from the shipped catalogue. */
export function playbookNames(): ReadonlyMap<string, string> {
	names ??= new Map([...shippedPlaybooks().values()].map((p) => [p.id, p.name]));
	return names;
}

export async function runActionSweep(
	rules: readonly CompiledRule[],
	intelligence: ReadonlyArray<{ intel: AccountIntelligence; itemIndex: number }>,
	ledger: LedgerPort,
	options: ActionSweepOptions = {},
): Promise<ActionSweepResult> {
	const result = await runDecisionSweep(rules, intelligence, ledger, { ...options, playbookNames: options.playbookNames ?? playbookNames() });
	const digests = (options.ownerDigests ?? DECISION_SWEEP_DEFAULTS.ownerDigests) ? ownerDigests(result.all, ledger) : [];
	return { ...result, digests };
}
