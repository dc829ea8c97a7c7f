/**
 * The rule packs shipped in rules/. Imported as JSON (resolveJsonModule) so tsc bundles them into dist:
 * n8n nodes read no files at run time (queue-mode workers may not share a file system).
 */
import decisionTriggers from '../../rules/decision-triggers.json';
import eventPlaybooks from '../../rules/event-playbooks.json';
import expansion from '../../rules/expansion.json';
import health from '../../rules/health.json';
import onboarding from '../../rules/onboarding.json';
import renewal from '../../rules/renewal.json';
import { closestName, parseIsoDuration } from '../model';
import type { PackInput } from './validate';

export const SHIPPED_PACKS: Readonly<Record<string, unknown>> = {
	'decision-triggers': decisionTriggers,
	'event-playbooks': eventPlaybooks,
	onboarding,
	health,
	renewal,
	expansion,
};

export const SHIPPED_PACK_NAMES: readonly string[] = Object.keys(SHIPPED_PACKS);

/** Whether `name` is a shipped pack (an own name: "toString" or "__proto__" are not packs). */
export function isShippedPackName(name: string): boolean {
	return Object.prototype.hasOwnProperty.call(SHIPPED_PACKS, name);
}

/** "Unknown rule pack "toString" — did you mean …? (known: decision-triggers, …)". */
export function unknownShippedPackMessage(name: string): string {
	const near = closestName(name, SHIPPED_PACK_NAMES);
	return `Unknown rule pack ${JSON.stringify(name)}${near ? ` — did you mean "${near}"?` : ''} (known: ${SHIPPED_PACK_NAMES.join(', ')})`;
}

/** Shipped packs by name (all when none are named); a deep copy, so callers may not change the originals. */
export function shippedPackInputs(names: readonly string[] = SHIPPED_PACK_NAMES): PackInput[] {
	return names.map((name) => {
		if (!isShippedPackName(name)) throw new Error(unknownShippedPackMessage(name));
		const pack = SHIPPED_PACKS[name];
		return { source: `rules/${name}.json`, pack: JSON.parse(JSON.stringify(pack)) };
	});
}

/** What a shipped rule says about its action: playbook, owner role, SLA, and its pack's named thresholds. */
export interface ShippedRuleSummary {
	id: string;
	playbook: string;
	ownerRole: string;
	sla: string;
	slaHours: number;
	thresholds: Readonly<Record<string, unknown>>;
}

interface RawPack {
	thresholds?: Record<string, unknown>;
	rules?: Array<{ id: string; event?: { params?: { playbook?: string; ownerRole?: string; sla?: string } } }>;
}

/**
 * One shipped rule's action, for the places that must agree with the packs (a brief's recommended action uses
 * the same playbook, owner and deadline as the rule). Throws for an unknown rule id.
 */
export function shippedRule(ruleId: string): ShippedRuleSummary {
	for (const pack of Object.values(SHIPPED_PACKS) as RawPack[]) {
		const rule = pack.rules?.find((r) => r.id === ruleId);
		if (!rule) continue;
		const params = rule.event?.params ?? {};
		const sla = params.sla ?? '';
		const duration = parseIsoDuration(sla);
		if (!params.playbook || !params.ownerRole || !duration) throw new Error(`Shipped rule ${ruleId} lacks a playbook, owner role or SLA`);
		return { id: ruleId, playbook: params.playbook, ownerRole: params.ownerRole, sla, slaHours: duration.as('hours'), thresholds: pack.thresholds ?? {} };
	}
	throw new Error(`No shipped rule "${ruleId}"`);
}
