/**
 * One CRM sweep over input items (CS CRM Signals, "From Input Items"): rows from any upstream node mapped to
 * Accounts and CRM records, the CRM detectors over them, and the deal stages merged into the stored ones.
 */
import { resolveAsOf } from '../model';
import { detectCrmSignals } from '../detect/crm/detectors';
import { crmRecordsFromItems } from '../detect/crm/items';
import { cleanOptions, crmDetectionConfig, previousCrmState, type CrmSweepCommon, type CrmSweepResult } from './crm';

export interface CrmItemsSweepOptions extends CrmSweepCommon {
	items: readonly unknown[];
	/** Field map overrides (DEFAULT_CRM_FIELD_MAP keys → dot paths); empty values keep the default. */
	fieldMap?: Record<string, unknown>;
}

/** Each account and signal comes out paired with the row it was read from. */
export function sweepCrmItems(options: CrmItemsSweepOptions): CrmSweepResult {
	const asOf = resolveAsOf(options.asOf);
	const detection = crmDetectionConfig(options.detection);
	const previous = previousCrmState(options.previous);
	const { records, unusable } = crmRecordsFromItems(options.items, cleanOptions(options.fieldMap));
	const { signals, state } = detectCrmSignals(records.map((entry) => entry.record), { asOf, config: detection, previous });
	const itemOf = new Map(records.map((entry) => [entry.record.account.accountId, entry.itemIndex]));
	return {
		accounts: records.map((entry) => ({ account: entry.record.account, itemIndex: entry.itemIndex })),
		signals: signals.map((signal) => ({ signal, itemIndex: itemOf.get(signal.accountId) ?? 0 })),
		unusable,
		state: { dealStages: { ...previous.dealStages, ...state.dealStages }, lastSweepAt: state.lastSweepAt },
	};
}
