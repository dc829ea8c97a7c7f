/**
 * What the two CRM sweeps (HubSpot, input items) share: the result every CS CRM Signals run returns, the
 * detection options as a form or a CLI gives them, and the deal stages kept between runs.
 */
import type { DateTime } from 'luxon';
import { parseNamed, setOwn, type Account, type Signal, type UnusableItem } from '../model';
import { CrmDetectionConfigSchema, type CrmDetectionConfig } from '../detect/crm/detectors';
import type { CrmSweepState } from '../detect/crm/types';

/** One CRM run: accounts and signals, each tied to the input item it rests on, the unusable items and the state to keep. */
export interface CrmSweepResult {
	accounts: Array<{ account: Account; itemIndex: number }>;
	signals: Array<{ signal: Signal; itemIndex: number }>;
	/** Input items (rows) or HubSpot companies (paired with item 0) that could not be used. */
	unusable: UnusableItem[];
	/** Persist this only after the whole run succeeded. */
	state: CrmSweepState;
	read?: { companies: number; deals: number; contacts: number };
}

/** Options every CRM sweep takes. */
export interface CrmSweepCommon {
	asOf?: string | DateTime;
	/** Detection overrides (CrmDetectionConfigSchema); empty values are ignored, comma lists split. */
	detection?: Record<string, unknown>;
	/** What the previous run saw (node static data); absent on the first run. */
	previous?: unknown;
}

/** Drop empty option values (n8n sends '' for untouched fields) and split comma lists. */
export function cleanOptions(options: Record<string, unknown> = {}, lists: string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(options)) {
		if (value === '' || value === undefined || value === null) continue;
		if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
		setOwn(out, key, lists.includes(key) && typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value);
	}
	return out;
}

/** The detection settings in force: defaults overlaid with the non-empty overrides. */
export function crmDetectionConfig(detection?: Record<string, unknown>): CrmDetectionConfig {
	return parseNamed(CrmDetectionConfigSchema, 'Detection options', cleanOptions(detection, ['cancelIntentStages', 'paymentIssueValues']));
}

export function previousCrmState(previous: unknown): CrmSweepState {
	if (previous && typeof previous === 'object' && typeof (previous as CrmSweepState).dealStages === 'object') return previous as CrmSweepState;
	return { dealStages: {} };
}
