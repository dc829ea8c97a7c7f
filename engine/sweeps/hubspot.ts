/**
 * One HubSpot sweep (CS CRM Signals, HubSpot mode): read the whole book (companies, deals, contacts), map
 * it to Accounts and detect CRM signals against the deal stages the previous run saw. Either the whole book
 * is read or a SourceError is thrown — never a partial sweep.
 */
import { hasOwnKey, parseNamed, resolveAsOf, setOwn } from '../model';
import { detectCrmSignals } from '../detect/crm/detectors';
import { HubSpotMappingSchema, hubSpotBookRequest, mapHubSpotBook, readHubSpotBook, type HubSpotClientOptions } from '../sources/hubspot';
import { cleanOptions, crmDetectionConfig, previousCrmState, type CrmSweepCommon, type CrmSweepResult } from './crm';

export interface HubSpotSweepOptions extends CrmSweepCommon {
	client: HubSpotClientOptions;
	/** Mapping overrides (HubSpotMappingSchema); empty values are ignored. */
	mapping?: Record<string, unknown>;
}

/**
 * Every account and signal comes out paired with item 0 (the run rests on the node's one trigger item).
 * The previous deal stages of companies that failed to map are carried over unchanged.
 */
export async function sweepHubSpot(options: HubSpotSweepOptions): Promise<CrmSweepResult> {
	const asOf = resolveAsOf(options.asOf);
	const detection = crmDetectionConfig(options.detection);
	const mapping = parseNamed(HubSpotMappingSchema, 'HubSpot mapping', cleanOptions(options.mapping));
	const previous = previousCrmState(options.previous);
	const stageIds = [...new Set(Object.values(detection.stageOrder).flat().concat(detection.cancelIntentStages))];
	const book = await readHubSpotBook(options.client, hubSpotBookRequest(mapping, stageIds));
	const { records, problems } = mapHubSpotBook(book, mapping, asOf);
	const { signals, state } = detectCrmSignals(records, { asOf, config: detection, previous });
	const mappedDealIds = new Set(records.flatMap((record) => record.deals.map((deal) => deal.dealId)));
	for (const [dealId, seen] of Object.entries(previous.dealStages)) {
		if (!mappedDealIds.has(dealId) && problems.length > 0 && !hasOwnKey(state.dealStages, dealId)) setOwn(state.dealStages, dealId, seen);
	}
	return {
		accounts: records.map((record) => ({ account: record.account, itemIndex: 0 })),
		signals: signals.map((signal) => ({ signal, itemIndex: 0 })),
		unusable: problems.map((problem) => ({ itemIndex: 0, message: problem.message })),
		state,
		read: { companies: book.companies.length, deals: book.deals.length, contacts: book.contacts.length },
	};
}
