/**
 * Intercom reader (REST API 2.14): the conversations changed since a time through the search endpoint
 * (`POST /conversations/search`, `updated_at >` a unix time, cursor paging through `pages.next.starting_after`),
 * each changed conversation with its parts (`GET /conversations/{id}`, plain text), and the companies a contact
 * belongs to (`GET /contacts/{id}/companies`) for the account key. Rate limits: Intercom answers 429 with
 * `X-RateLimit-Reset` (a unix time), which the retry policy in http.ts waits for.
 *
 * Nothing is stored here: the sweep (engine/sweeps/intercom.ts) keeps the new `updated_at` mark only after the whole
 * run succeeded, so a failed run leaves the stored mark where it was and the next run reads the same changes again.
 */
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import { PagingGuard } from '../paging';

/** The API hosts by data region (Intercom's own server list). */
export const INTERCOM_REGIONS = Object.freeze({ us: 'https://api.intercom.io', eu: 'https://api.eu.intercom.io', au: 'https://api.au.intercom.io' });
export type IntercomRegion = keyof typeof INTERCOM_REGIONS;
/** The API version every request asks for (`Intercom-Version` header). */
export const INTERCOM_API_VERSION = '2.14';
/** Conversations per search page (Intercom allows up to 150). */
export const DEFAULT_INTERCOM_PAGE_SIZE = 50;

export interface IntercomClientOptions extends SourceContext {
	/** `https://api.intercom.io` (or the EU / AU host, or an override: proxy, test server). */
	baseUrl: string;
	pageSize?: number;
}

/** The API base of a workspace: the override when set, else the region's host. The credential's test request applies the same rule. */
export function intercomBaseUrl(settings: { region?: unknown; baseUrl?: unknown }): string {
	const override = typeof settings.baseUrl === 'string' ? settings.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	const region = typeof settings.region === 'string' && settings.region !== '' ? settings.region : 'us';
	if (!Object.prototype.hasOwnProperty.call(INTERCOM_REGIONS, region)) {
		throw new Error(`Intercom: the credential's region ${JSON.stringify(region)} is none of ${Object.keys(INTERCOM_REGIONS).join(', ')}`);
	}
	return INTERCOM_REGIONS[region as IntercomRegion];
}

export type IntercomConversation = Record<string, unknown> & { id: string };
export type IntercomCompany = Record<string, unknown> & { id: string };

const HEADERS = { 'Intercom-Version': INTERCOM_API_VERSION, Accept: 'application/json' };
const SEARCH_PATH = '/conversations/search';

export interface IntercomConversationChanges {
	/** Conversations updated after `updatedAfter`, each once (the latest version), in the order read. */
	conversations: IntercomConversation[];
	/** The newest `updated_at` read (unix seconds): where the next run starts; `updatedAfter` when nothing changed. */
	newestUpdatedAt: number;
	read: { pages: number; conversations: number };
}

const NOT_ADVANCED = 'the stored mark was not advanced, the next run reads the same changes again';

function failure(what: string, error: unknown, read: string, endpoint: string, counts: Record<string, number>): never {
	if (error instanceof RequestFailure) throw new SourceError(`Intercom: ${what} failed ${error.describe()} — ${read}; ${NOT_ADVANCED}`, 'Intercom', endpoint, error.statusCode, error.attempts, counts);
	throw error;
}

/**
 * Every conversation updated after `updatedAfter` (unix seconds), every page. A bad page, a cursor handed back
 * twice or a failed request stops the listing with a SourceError saying what was read: never a partial result.
 */
export async function searchIntercomConversations(client: IntercomClientOptions, updatedAfter: number): Promise<IntercomConversationChanges> {
	const pageSize = client.pageSize ?? DEFAULT_INTERCOM_PAGE_SIZE;
	const guard = new PagingGuard(client.maxPages);
	const byId = new Map<string, IntercomConversation>();
	let newest = updatedAfter;
	let pages = 0;
	let startingAfter: string | undefined;
	const since = new Date(updatedAfter * 1000).toISOString().replace('.000Z', 'Z');
	const what = `conversation search (POST ${SEARCH_PATH}, updated after ${since})`;
	const read = () => `${plural(pages, 'page')} / ${plural(byId.size, 'conversation')} were read`;
	const bad: (problem: string) => never = (problem) => {
		throw new SourceError(`Intercom: ${what} ${problem} — ${read()}; ${NOT_ADVANCED}`, 'Intercom', SEARCH_PATH, 200, 1, { pages, conversations: byId.size });
	};
	for (;;) {
		let body: unknown;
		try {
			const response = await requestWithRetry(client, {
				method: 'POST',
				url: joinUrl(client.baseUrl, SEARCH_PATH),
				headers: HEADERS,
				body: {
					query: { field: 'updated_at', operator: '>', value: updatedAfter },
					pagination: { per_page: pageSize, ...(startingAfter ? { starting_after: startingAfter } : {}) },
				},
			});
			body = response.body;
		} catch (error) {
			failure(what, error, read(), SEARCH_PATH, { pages, conversations: byId.size });
		}
		const page = body as { conversations?: unknown; pages?: { next?: { starting_after?: unknown } | null } | null } | undefined;
		if (!page || typeof page !== 'object' || !Array.isArray(page.conversations)) {
			bad(`answered page ${pages + 1} without a "conversations" array`);
		}
		pages += 1;
		for (const [index, raw] of page.conversations.entries()) {
			const conversation = raw as IntercomConversation | null;
			if (!conversation || typeof conversation !== 'object' || (typeof conversation.id !== 'string' && typeof conversation.id !== 'number')) {
				bad(`answered entry ${index} of page ${pages} without a conversation id`);
			}
			const id = String(conversation.id);
			byId.delete(id);
			byId.set(id, { ...conversation, id });
			if (typeof conversation.updated_at === 'number' && conversation.updated_at > newest) newest = conversation.updated_at;
		}
		const next = page.pages?.next?.starting_after;
		if (typeof next !== 'string' || next === '' || page.conversations.length === 0) break;
		const stop = guard.follow(next);
		if (stop) bad(stop);
		startingAfter = next;
	}
	return { conversations: [...byId.values()], newestUpdatedAt: newest, read: { pages, conversations: byId.size } };
}

/**
 * The conversations with their parts (`GET /conversations/{id}?display_as=plaintext`), by id. A conversation deleted
 * since the search (404) is left out; any other failure names the conversation and stops the run.
 */
export async function readIntercomConversations(client: IntercomClientOptions, ids: readonly string[]): Promise<Map<string, IntercomConversation>> {
	const out = new Map<string, IntercomConversation>();
	for (const id of ids) {
		const endpoint = `/conversations/${encodeURIComponent(id)}`;
		try {
			const response = await requestWithRetry(client, { method: 'GET', url: joinUrl(client.baseUrl, endpoint), qs: { display_as: 'plaintext' }, headers: HEADERS });
			const body = response.body as IntercomConversation | undefined;
			if (body && typeof body === 'object') out.set(id, { ...body, id });
		} catch (error) {
			if (error instanceof RequestFailure && error.statusCode === 404) continue;
			failure(`conversation ${id} with its parts (GET ${endpoint})`, error, `${out.size} of ${plural(ids.length, 'changed conversation')} were read`, endpoint, { conversations: out.size });
		}
	}
	return out;
}

/** The companies each contact belongs to (`GET /contacts/{id}/companies`), by contact id; a contact deleted since (404) has none. */
export async function readIntercomContactCompanies(client: IntercomClientOptions, contactIds: readonly string[]): Promise<Map<string, IntercomCompany[]>> {
	const out = new Map<string, IntercomCompany[]>();
	for (const id of contactIds) {
		const endpoint = `/contacts/${encodeURIComponent(id)}/companies`;
		try {
			const response = await requestWithRetry(client, { method: 'GET', url: joinUrl(client.baseUrl, endpoint), headers: HEADERS });
			const list = (response.body as { companies?: unknown; data?: unknown } | undefined) ?? {};
			const companies = Array.isArray(list.companies) ? list.companies : Array.isArray(list.data) ? list.data : [];
			out.set(
				id,
				companies.filter((company): company is IntercomCompany => Boolean(company) && typeof company === 'object' && typeof (company as { id?: unknown }).id === 'string'),
			);
		} catch (error) {
			if (error instanceof RequestFailure && error.statusCode === 404) {
				out.set(id, []);
				continue;
			}
			failure(`the companies of contact ${id} (GET ${endpoint})`, error, `the companies of ${out.size} of ${plural(contactIds.length, 'contact')} were read`, endpoint, { contacts: out.size });
		}
	}
	return out;
}
