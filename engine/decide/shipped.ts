/**
 * The rule packs shipped in rules/. Imported as JSON (resolveJsonModule) so tsc bundles them into dist:
 * n8n nodes read no files at run time (ARCHITECTURE §7).
 */
import decisionTriggers from '../../rules/decision-triggers.json';
import eventPlaybooks from '../../rules/event-playbooks.json';
import expansion from '../../rules/expansion.json';
import health from '../../rules/health.json';
import onboarding from '../../rules/onboarding.json';
import renewal from '../../rules/renewal.json';
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

/** Shipped packs by name (all when none are named); a deep copy, so callers may not change the originals. */
export function shippedPackInputs(names: readonly string[] = SHIPPED_PACK_NAMES): PackInput[] {
	return names.map((name) => {
		const pack = SHIPPED_PACKS[name];
		if (!pack) throw new Error(`Unknown shipped rule pack "${name}" (shipped: ${SHIPPED_PACK_NAMES.join(', ')})`);
		return { source: `rules/${name}.json`, pack: JSON.parse(JSON.stringify(pack)) };
	});
}
