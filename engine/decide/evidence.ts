/**
 * What a decision cites: for each condition that made it fire, the signals behind its fact, as the fact
 * catalogue says (engine/model/facts.ts — the same signal types the aggregation computed the fact from).
 */
import { FACT_CATALOGUE, type AccountIntelligence, type Decision, type FactEvidence } from '../model';
import type { CompiledLeaf } from './compile';

const EVIDENCE: ReadonlyMap<string, FactEvidence> = new Map(FACT_CATALOGUE.filter((f) => f.evidence).map((f) => [f.name, f.evidence!]));

/** A condition on `activeSignalTypes` ("contains support.volume_spike") cites the signals of that type. */
function evidenceOf(leaf: CompiledLeaf): FactEvidence | undefined {
	return leaf.fact === 'activeSignalTypes' ? { signalTypes: [String(leaf.value)] } : EVIDENCE.get(leaf.fact);
}

/** Add the ids of the signals behind one condition's fact to `out` (insertion order: drivers, then health inputs). */
export function citeSignals(leaf: CompiledLeaf, intel: AccountIntelligence, out: Set<string>): void {
	const evidence = evidenceOf(leaf);
	if (!evidence) return;
	if (evidence.drivers) for (const driver of intel[evidence.drivers].drivers) out.add(driver.signalId);
	const types = evidence.signalTypes;
	if (types) {
		for (const driver of intel.risk.drivers) if (types.includes(driver.type)) out.add(driver.signalId);
		for (const driver of intel.opportunity.drivers) if (types.includes(driver.type)) out.add(driver.signalId);
		// every active signal of a type, not only the strongest few: each weighted type is a health input named by it
		for (const dimension of intel.health.dimensions)
			for (const input of dimension.inputs) if (types.includes(input.name)) for (const id of input.signalIds) out.add(id);
	}
	const wanted = evidence.healthDimension;
	if (wanted)
		for (const dimension of intel.health.dimensions)
			if (wanted === 'all' || dimension.dimension === wanted) for (const input of dimension.inputs) for (const id of input.signalIds) out.add(id);
}

/** The evidence sentences of the risk and opportunity drivers behind a decision (in the decision's signal order). */
export function evidenceFor(signalIds: ReadonlySet<string> | readonly string[], intel: AccountIntelligence): Decision['evidence'] {
	const evidence: Decision['evidence'] = [];
	for (const signalId of signalIds) {
		const driver = intel.risk.drivers.find((d) => d.signalId === signalId) ?? intel.opportunity.drivers.find((d) => d.signalId === signalId);
		if (driver) evidence.push({ signalId, type: driver.type, text: driver.evidence, ...(driver.source ? { source: driver.source } : {}) });
	}
	return evidence;
}
