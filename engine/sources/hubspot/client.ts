/**
 * HubSpot CRM v3 reader: companies, deals and contacts, each paged to the end through
 * `paging.next.after`, deals and contacts with their company associations.
 */
import { ownValue, plural, setOwn } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import { PagingGuard } from '../paging';
import type { HubSpotProperties } from './parse';

export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';
export const HUBSPOT_PAGE_SIZE = 100;
/** HubSpot reads fewer records per page when property history is asked for (`propertiesWithHistory`). */
export const HUBSPOT_HISTORY_PAGE_SIZE = 50;

export type HubSpotObjectType = 'companies' | 'deals' | 'contacts';

/** One value a property had (`propertiesWithHistory`, newest first as HubSpot returns them). */
export interface HubSpotHistoryEntry {
	value: string;
	timestamp: string;
	sourceType: string;
	sourceId?: string;
	sourceLabel?: string;
	updatedByUserId?: number;
}

export interface HubSpotObject {
	id: string;
	properties: HubSpotProperties;
	propertiesWithHistory?: Record<string, HubSpotHistoryEntry[]>;
	createdAt?: string;
	updatedAt?: string;
	archived?: boolean;
	associations?: Record<string, { results: Array<{ id: string; type?: string }>; paging?: unknown }>;
}

export interface HubSpotClientOptions extends SourceContext {
	baseUrl?: string;
	pageSize?: number;
}

export interface HubSpotListRequest {
	properties: string[];
	associations?: HubSpotObjectType[];
	/** Properties to read with their history of earlier values (pages are then at most HUBSPOT_HISTORY_PAGE_SIZE). */
	propertiesWithHistory?: string[];
	/** What a failure leaves unchanged, for its message (default: the CRM sweep's deal stages). */
	consequence?: string;
}

/** What the sweep had read when it stopped (for the error message). */
export interface HubSpotProgress {
	read: Partial<Record<HubSpotObjectType, number>>;
}

const SINGULAR: Record<HubSpotObjectType, string> = { companies: 'company', deals: 'deal', contacts: 'contact' };

function describeProgress(progress: HubSpotProgress, current: HubSpotObjectType, pages: number, inList: number): string {
	const here = `${plural(pages, 'page')} / ${plural(inList, SINGULAR[current], current)}`;
	const before = Object.entries(progress.read).map(([type, count]) => `${count} ${type}`);
	return before.length ? `${here} (after ${before.join(' and ')})` : here;
}

/** List every record of one object type, following `paging.next.after` until there is none. */
export async function listHubSpotObjects(
	options: HubSpotClientOptions,
	objectType: HubSpotObjectType,
	request: HubSpotListRequest,
	progress: HubSpotProgress = { read: {} },
): Promise<HubSpotObject[]> {
	const baseUrl = options.baseUrl || HUBSPOT_DEFAULT_BASE_URL;
	const path = `/crm/v3/objects/${objectType}`;
	// by id: a record HubSpot repeats across pages (it changed while we paged) is one record, merged
	const records = new Map<string, HubSpotObject>();
	const guard = new PagingGuard(options.maxPages);
	let after: string | undefined;
	let pages = 0;
	const history = [...new Set(request.propertiesWithHistory ?? [])];
	const pageSize = Math.min(options.pageSize ?? HUBSPOT_PAGE_SIZE, history.length > 0 ? HUBSPOT_HISTORY_PAGE_SIZE : HUBSPOT_PAGE_SIZE);
	const consequence = request.consequence ?? 'nothing was emitted and the saved deal stages were not changed';
	for (;;) {
		let body: unknown;
		try {
			const response = await requestWithRetry(options, {
				method: 'GET',
				url: joinUrl(baseUrl, path),
				qs: {
					limit: pageSize,
					properties: [...new Set(request.properties)].join(','),
					...(history.length > 0 ? { propertiesWithHistory: history.join(',') } : {}),
					...(request.associations?.length ? { associations: request.associations.join(',') } : {}),
					archived: false,
					...(after ? { after } : {}),
				},
				headers: { Accept: 'application/json' },
			});
			body = response.body;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			const at = after ? ` at page ${pages + 1} (after=${after})` : ' on the first page';
			throw new SourceError(
				`HubSpot: ${SINGULAR[objectType]} list (GET ${path}) failed ${error.describe()}${at} — ${describeProgress(progress, objectType, pages, records.size)} were read; ${consequence}; the next run reads HubSpot again from the start`,
				'HubSpot',
				path,
				error.statusCode,
				error.attempts,
				{ ...progress.read, [objectType]: records.size },
			);
		}
		const page = body as { results?: unknown; paging?: { next?: { after?: unknown } } } | undefined;
		if (!page || !Array.isArray(page.results)) {
			throw new SourceError(
				`HubSpot: ${SINGULAR[objectType]} list (GET ${path}) answered without a "results" array on page ${pages + 1} — is the base URL pointing at the HubSpot API?`,
				'HubSpot',
				path,
				200,
				1,
				{ ...progress.read, [objectType]: records.size },
			);
		}
		pages += 1;
		for (const record of page.results as HubSpotObject[]) addRecord(records, record);
		const next = page.paging?.next?.after;
		if (typeof next !== 'string' || next === '') break;
		const problem = guard.follow(next);
		if (problem) {
			throw new SourceError(
				`HubSpot: ${SINGULAR[objectType]} list (GET ${path}) ${problem} — ${describeProgress(progress, objectType, pages, records.size)} were read; ${consequence}`,
				'HubSpot',
				path,
				200,
				1,
				{ ...progress.read, [objectType]: records.size },
			);
		}
		after = next;
	}
	progress.read[objectType] = records.size;
	return [...records.values()];
}

/**
 * Keep one record per id: a later copy (HubSpot pages by id while records change) brings the newer properties,
 * and associations from every copy are kept. A record without an id is kept as it is (the mapping reports it).
 */
function addRecord(records: Map<string, HubSpotObject>, record: HubSpotObject): void {
	const id = record && typeof record === 'object' && record.id !== undefined && record.id !== null ? String(record.id) : undefined;
	if (id === undefined) {
		records.set(`\u0000${records.size}`, record);
		return;
	}
	const earlier = records.get(id);
	if (!earlier) {
		records.set(id, record);
		return;
	}
	const associations: NonNullable<HubSpotObject['associations']> = { ...(earlier.associations ?? {}) };
	for (const [type, list] of Object.entries(record.associations ?? {})) {
		const before = ownValue(associations, type)?.results ?? [];
		const seen = new Set(before.map((a) => `${a.id}\u0000${a.type ?? ''}`));
		setOwn(associations, type, { ...list, results: [...before, ...(list?.results ?? []).filter((a) => !seen.has(`${a.id}\u0000${a.type ?? ''}`))] });
	}
	records.set(id, { ...earlier, ...record, properties: { ...(earlier.properties ?? {}), ...(record.properties ?? {}) }, ...(Object.keys(associations).length ? { associations } : {}) });
}

export interface HubSpotBook {
	companies: HubSpotObject[];
	deals: HubSpotObject[];
	contacts: HubSpotObject[];
}

export interface HubSpotBookRequest {
	companyProperties: string[];
	dealProperties: string[];
	contactProperties: string[];
}

/** Companies, then deals and contacts with their company associations — all pages of each. */
export async function readHubSpotBook(options: HubSpotClientOptions, request: HubSpotBookRequest): Promise<HubSpotBook> {
	const progress: HubSpotProgress = { read: {} };
	const companies = await listHubSpotObjects(options, 'companies', { properties: request.companyProperties }, progress);
	const deals = await listHubSpotObjects(options, 'deals', { properties: request.dealProperties, associations: ['companies'] }, progress);
	const contacts = await listHubSpotObjects(options, 'contacts', { properties: request.contactProperties, associations: ['companies'] }, progress);
	return { companies, deals, contacts };
}

/** Company ids a deal or contact is associated with (association lists as HubSpot embeds them). */
export function associatedCompanyIds(record: HubSpotObject): string[] {
	const results = record.associations?.companies?.results ?? [];
	return [...new Set(results.map((association) => String(association.id)))];
}
