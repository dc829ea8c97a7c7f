/**
 * HubSpot CRM v3 reader: companies, deals and contacts, each paged to the end through
 * `paging.next.after`, deals and contacts with their company associations.
 */
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import type { HubSpotProperties } from './parse';

export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';
export const HUBSPOT_PAGE_SIZE = 100;

export type HubSpotObjectType = 'companies' | 'deals' | 'contacts';

export interface HubSpotObject {
	id: string;
	properties: HubSpotProperties;
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
	const records: HubSpotObject[] = [];
	const seenCursors = new Set<string>();
	let after: string | undefined;
	let pages = 0;
	for (;;) {
		let body: unknown;
		try {
			const response = await requestWithRetry(options, {
				method: 'GET',
				url: joinUrl(baseUrl, path),
				qs: {
					limit: options.pageSize ?? HUBSPOT_PAGE_SIZE,
					properties: [...new Set(request.properties)].join(','),
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
				`HubSpot: ${SINGULAR[objectType]} list (GET ${path}) failed ${error.describe()}${at} — ${describeProgress(progress, objectType, pages, records.length)} were read; nothing was emitted and the saved deal stages were not changed; the next run reads HubSpot again from the start`,
				'HubSpot',
				path,
				error.statusCode,
				error.attempts,
				{ ...progress.read, [objectType]: records.length },
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
				{ ...progress.read, [objectType]: records.length },
			);
		}
		pages += 1;
		records.push(...(page.results as HubSpotObject[]));
		const next = page.paging?.next?.after;
		if (typeof next !== 'string' || next === '') break;
		if (seenCursors.has(next)) {
			throw new SourceError(`HubSpot: ${SINGULAR[objectType]} list (GET ${path}) returned the paging cursor ${next} twice — stopping instead of looping`, 'HubSpot', path, 200, 1, {
				...progress.read,
				[objectType]: records.length,
			});
		}
		seenCursors.add(next);
		after = next;
	}
	progress.read[objectType] = records.length;
	return records;
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
