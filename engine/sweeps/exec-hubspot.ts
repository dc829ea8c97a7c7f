/**
 * One exec-change sweep over HubSpot (CS Executive Change Signals, HubSpot mode): every contact with the history
 * of its job title, company and hard-bounce properties (`propertiesWithHistory`, every page), the contacts of the
 * book's companies mapped through the `hubspot` field map, and the exec detectors over them. Either every page is
 * read or a SourceError is thrown — never a partial sweep.
 *
 * HubSpot's list endpoint has no "changed since" filter that keeps property history (the search endpoint does not
 * return it), so each run reads the contacts again; the history makes every change datable, signal ids are
 * stable, and the state (engine/sweeps/exec.ts) decides what counts as new.
 *
 * The Salesforce seam: a Salesforce sweep reads `ContactHistory` (Field IN ('Title', 'Account')) with the contact's
 * Name, Email, AccountId and Title through the SOQL query endpoint, maps the rows with the `salesforce` field map
 * preset (engine/detect/exec/rows.ts) and hands them to the same detectAndRemember — nothing below changes.
 */
import { ownValue, parseNamed } from '../model';
import { contactChangesFromRows } from '../detect/exec';
import { HubSpotContactHistoryMappingSchema, hubSpotContactHistoryRequest, hubSpotRecordUrl, listHubSpotObjects, type HubSpotClientOptions, type HubSpotContactHistoryMapping, type HubSpotObject } from '../sources/hubspot';
import { cleanOptions } from './crm';
import { detectAndRemember, type ExecSweepCommon, type ExecSweepResult } from './exec';
import { parseAccountItems } from './exec-items';

export interface ExecHubSpotSweepOptions extends ExecSweepCommon {
	client: HubSpotClientOptions;
	/** Account items (CS CRM Signals' first output): their HubSpot company ids say whose contacts count. */
	accounts: readonly unknown[];
	/** Property overrides (HubSpotContactHistoryMappingSchema); empty values are ignored. */
	mapping?: Record<string, unknown>;
}

/** Every company id a contact has had (now and in its history): someone who moved on still belongs to the account they left. */
function companyIds(contact: HubSpotObject, mapping: HubSpotContactHistoryMapping): string[] {
	const now = ownValue(contact.properties ?? {}, mapping.companyProperty);
	const history: unknown = ownValue(contact.propertiesWithHistory ?? {}, mapping.companyProperty);
	// what HubSpot sends is checked where it is mapped (rows.ts names a bad entry): here only ids are collected
	const earlier = Array.isArray(history) ? history.map((entry) => (entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined)) : [];
	return [now, ...earlier].filter((id): id is string => typeof id === 'string' && id !== '');
}

/** The field map from the mapping's property names. */
function fieldMap(mapping: HubSpotContactHistoryMapping): Record<string, string> {
	return {
		preset: 'hubspot',
		accountId: `properties.${mapping.companyProperty}`,
		title: `properties.${mapping.titleProperty}`,
		titleHistory: `propertiesWithHistory.${mapping.titleProperty}`,
		companyHistory: `propertiesWithHistory.${mapping.companyProperty}`,
		emailHardBounce: `properties.${mapping.hardBounceProperty}`,
		emailHardBounceReason: `properties.${mapping.hardBounceProperty}`,
		emailHardBounceAt: `propertiesWithHistory.${mapping.hardBounceProperty}.0.timestamp`,
		leftCompanyAt: mapping.leftCompanyProperty ? `properties.${mapping.leftCompanyProperty}` : 'leftCompanyAt',
		lastEngagedAt: `properties.${mapping.lastEngagedProperty}`,
		isChampion: `properties.${mapping.championProperty}`,
		isExecSponsor: `properties.${mapping.execSponsorProperty}`,
		url: 'recordUrl',
	};
}

/** Signals pair with the account item they are about; a contact that cannot be read pairs with item 0 of the accounts. */
export async function sweepExecHubSpot(options: ExecHubSpotSweepOptions): Promise<ExecSweepResult> {
	const mapping = parseNamed(HubSpotContactHistoryMappingSchema, 'HubSpot mapping', cleanOptions(options.mapping));
	const parsed = parseAccountItems(options.accounts);
	const ours = new Set(parsed.accounts.flatMap((account) => [account.accountId, ...(account.crm?.id ? [account.crm.id] : [])]));
	const contacts = await listHubSpotObjects(options.client, 'contacts', hubSpotContactHistoryRequest(mapping));
	const inBook = contacts.filter((contact) => companyIds(contact, mapping).some((id) => ours.has(id)));
	const rows = inBook.map((contact) => {
		const recordUrl = hubSpotRecordUrl(mapping, '0-1', contact.id);
		return recordUrl ? { ...contact, recordUrl } : contact;
	});
	const { records, unusable } = contactChangesFromRows(rows, parsed.accounts, { fieldMap: fieldMap(mapping), system: 'hubspot', rowName: (_index, contactId) => `HubSpot contact ${contactId ?? '(no id)'}` });
	const { signals, state, detected, emittedBefore } = detectAndRemember(
		records.map((entry) => entry.record),
		parsed.accounts,
		options,
	);
	const accountIndex = new Map(parsed.accounts.map((account, index) => [account.accountId, index]));
	return {
		detections: signals.map((signal) => ({ signal, itemIndexes: [accountIndex.get(signal.accountId) ?? 0], input: 'accounts' as const })),
		// HubSpot contacts are no input items: each problem pairs with the first account item
		unusable: [...parsed.unusable, ...unusable.map((item) => ({ ...item, itemIndex: 0, input: 'accounts' }))],
		state,
		read: { contacts: contacts.length, contactsOutsideBook: contacts.length - inBook.length, signalsDetected: detected, signalsEmittedBefore: emittedBefore },
	};
}
