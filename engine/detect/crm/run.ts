/**
 * One call per CS CRM Signals execution: read (HubSpot) or map (input items), detect, and return
 * accounts, signals, per-item errors and the state to keep — each output tied to the input item it rests on.
 */
import type { ZodTypeAny, z } from 'zod';
import { describeIssue, resolveAsOf, type Account, type Signal } from '../../model';
import type { HubSpotClientOptions } from '../../sources/hubspot/client';
import { sweepHubSpotCrm } from '../../sources/hubspot';
import { HubSpotMappingSchema } from '../../sources/hubspot/mapping';
import { CrmDetectionConfigSchema, detectCrmSignals } from './detectors';
import { crmRecordsFromItems } from './items';
import type { CrmSweepState } from './types';

export interface CrmSignalsRun {
	accounts: Array<{ account: Account; itemIndex: number }>;
	signals: Array<{ signal: Signal; itemIndex: number }>;
	errors: Array<{ message: string; itemIndex: number }>;
	state: CrmSweepState;
	read?: { companies: number; deals: number; contacts: number };
}

interface Common {
	asOf?: string;
	detection?: Record<string, unknown>;
	previous?: unknown;
}

export type CrmSignalsOptions =
	| (Common & { source: 'hubspot'; client: HubSpotClientOptions; mapping?: Record<string, unknown> })
	| (Common & { source: 'inputItems'; items: unknown[]; fieldMap?: Record<string, unknown> });

/** Drop empty option values (n8n sends '' for untouched fields) and split comma lists. */
function cleanOptions(options: Record<string, unknown> = {}, lists: string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(options)) {
		if (value === '' || value === undefined || value === null) continue;
		if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
		out[key] = lists.includes(key) && typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value;
	}
	return out;
}

/** Parse an options object; a problem reads `HubSpot mapping: ownerDirectory.77.email "x" must be an e-mail address`. */
function parseOptions<S extends ZodTypeAny>(schema: S, label: string, input: unknown): z.infer<S> {
	const result = schema.safeParse(input);
	if (!result.success) throw new Error(`${label}: ${result.error.issues.map((issue) => describeIssue(issue, input)).join('; ')}`);
	return result.data;
}

function previousState(previous: unknown): CrmSweepState {
	if (previous && typeof previous === 'object' && typeof (previous as CrmSweepState).dealStages === 'object') return previous as CrmSweepState;
	return { dealStages: {} };
}

export async function runCrmSignals(options: CrmSignalsOptions): Promise<CrmSignalsRun> {
	const asOf = resolveAsOf(options.asOf);
	const detection = parseOptions(CrmDetectionConfigSchema, 'Detection options', cleanOptions(options.detection, ['cancelIntentStages', 'paymentIssueValues']));
	const previous = previousState(options.previous);
	if (options.source === 'hubspot') {
		const mapping = parseOptions(HubSpotMappingSchema, 'HubSpot mapping', cleanOptions(options.mapping));
		const result = await sweepHubSpotCrm({ client: options.client, mapping, detection, previous, asOf });
		return {
			accounts: result.accounts.map((account) => ({ account, itemIndex: 0 })),
			signals: result.signals.map((signal) => ({ signal, itemIndex: 0 })),
			errors: result.problems.map((problem) => ({ message: problem.message, itemIndex: 0 })),
			state: result.state,
			read: result.read,
		};
	}
	const { records, errors } = crmRecordsFromItems(options.items, cleanOptions(options.fieldMap));
	const { signals, state } = detectCrmSignals(records.map((entry) => entry.record), { asOf, config: detection, previous });
	const itemOf = new Map(records.map((entry) => [entry.record.account.accountId, entry.itemIndex]));
	return {
		accounts: records.map((entry) => ({ account: entry.record.account, itemIndex: entry.itemIndex })),
		signals: signals.map((signal) => ({ signal, itemIndex: itemOf.get(signal.accountId) ?? 0 })),
		errors: errors.map((entry) => ({ message: entry.error.message, itemIndex: entry.itemIndex })),
		state: { dealStages: { ...previous.dealStages, ...state.dealStages }, lastSweepAt: state.lastSweepAt },
	};
}
