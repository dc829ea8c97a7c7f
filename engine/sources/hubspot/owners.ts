/**
 * HubSpot owners (`GET /crm/v3/owners`, scope crm.objects.owners.read), paged to the end through
 * `paging.next.after`: the people a company's owner properties point at, with their names and e-mails.
 */
import { joinUrl, RequestFailure, requestWithRetry, SourceError } from '../http';
import { PagingGuard } from '../paging';
import { HUBSPOT_DEFAULT_BASE_URL, HUBSPOT_PAGE_SIZE, type HubSpotClientOptions } from './client';

export interface HubSpotOwner {
	id: string;
	email?: string;
	firstName?: string;
	lastName?: string;
}

const PATH = '/crm/v3/owners';

/** Every active owner of the portal. */
export async function listHubSpotOwners(options: HubSpotClientOptions): Promise<HubSpotOwner[]> {
	const owners: HubSpotOwner[] = [];
	const guard = new PagingGuard(options.maxPages);
	let after: string | undefined;
	for (let page = 1; ; page += 1) {
		let body: unknown;
		try {
			body = (
				await requestWithRetry(options, {
					method: 'GET',
					url: joinUrl(options.baseUrl || HUBSPOT_DEFAULT_BASE_URL, PATH),
					qs: { limit: Math.min(options.pageSize ?? HUBSPOT_PAGE_SIZE, 500), archived: false, ...(after ? { after } : {}) },
					headers: { Accept: 'application/json' },
				})
			).body;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			const scope = error.statusCode === 403 ? ' — the private app needs the scope crm.objects.owners.read' : '';
			throw new SourceError(`HubSpot: owner list (GET ${PATH}) failed ${error.describe()} on page ${page}${scope}; ${owners.length} owners were read`, 'HubSpot', PATH, error.statusCode, error.attempts, { owners: owners.length });
		}
		const answer = body as { results?: unknown; paging?: { next?: { after?: unknown } } } | undefined;
		if (!answer || !Array.isArray(answer.results)) {
			throw new SourceError(`HubSpot: owner list (GET ${PATH}) answered without a "results" array on page ${page} — is the base URL pointing at the HubSpot API?`, 'HubSpot', PATH, 200, 1, { owners: owners.length });
		}
		for (const raw of answer.results as Array<Record<string, unknown>>) {
			if (raw?.id === undefined || raw.id === null) continue;
			const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
			owners.push({ id: String(raw.id), email: text(raw.email), firstName: text(raw.firstName), lastName: text(raw.lastName) });
		}
		const next = answer.paging?.next?.after;
		if (typeof next !== 'string' || next === '') return owners;
		const problem = guard.follow(next);
		if (problem) throw new SourceError(`HubSpot: owner list (GET ${PATH}) ${problem} — ${owners.length} owners were read`, 'HubSpot', PATH, 200, 1, { owners: owners.length });
		after = next;
	}
}

/** "Dana Kim", or the e-mail when HubSpot has no name, or "HubSpot owner 77001". */
export function hubSpotOwnerName(owner: HubSpotOwner): string {
	return [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email || `HubSpot owner ${owner.id}`;
}
