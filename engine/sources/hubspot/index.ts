import type { DateTime } from 'luxon';
import type { Account, Signal } from '../../model';
import { CrmDetectionConfigSchema, detectCrmSignals, type CrmDetectionConfigInput } from '../../detect/crm/detectors';
import type { CrmSweepState } from '../../detect/crm/types';
import { readHubSpotBook, type HubSpotClientOptions } from './client';
import { HubSpotMappingSchema, hubSpotBookRequest, mapHubSpotBook, type HubSpotMappingInput, type MappingProblem } from './mapping';

export * from './client';
export * from './mapping';
export * from './parse';

export interface HubSpotSweepOptions {
	client: HubSpotClientOptions;
	mapping?: HubSpotMappingInput;
	detection?: CrmDetectionConfigInput;
	/** What the previous run saw (node static data); absent on the first run. */
	previous?: CrmSweepState;
	asOf: DateTime;
}

export interface HubSpotSweepResult {
	accounts: Account[];
	signals: Signal[];
	/** Companies that could not be mapped (each names the record, property and value). */
	problems: MappingProblem[];
	/** Persist this only after the whole run succeeded. */
	state: CrmSweepState;
	read: { companies: number; deals: number; contacts: number };
}

/**
 * Read the HubSpot book to the end (companies, deals, contacts), map it to Accounts and detect CRM
 * signals. Either the whole book is read or a SourceError is thrown — never a partial sweep.
 * The previous deal stages of companies that failed to map are carried over unchanged.
 */
export async function sweepHubSpotCrm(options: HubSpotSweepOptions): Promise<HubSpotSweepResult> {
	const mapping = HubSpotMappingSchema.parse(options.mapping ?? {});
	const detection = CrmDetectionConfigSchema.parse(options.detection ?? {});
	const stageIds = [...new Set(Object.values(detection.stageOrder).flat().concat(detection.cancelIntentStages))];
	const book = await readHubSpotBook(options.client, hubSpotBookRequest(mapping, stageIds));
	const { records, problems } = mapHubSpotBook(book, mapping, options.asOf);
	const previous = options.previous ?? { dealStages: {} };
	const { signals, state } = detectCrmSignals(records, { asOf: options.asOf, config: detection, previous });
	const mappedDealIds = new Set(records.flatMap((record) => record.deals.map((deal) => deal.dealId)));
	for (const [dealId, seen] of Object.entries(previous.dealStages)) {
		if (!mappedDealIds.has(dealId) && problems.length > 0 && !(dealId in state.dealStages)) state.dealStages[dealId] = seen;
	}
	return {
		accounts: records.map((record) => record.account),
		signals,
		problems,
		state,
		read: { companies: book.companies.length, deals: book.deals.length, contacts: book.contacts.length },
	};
}
