import { DateTime } from 'luxon';
import { SourceError, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { listHubSpotObjects, mapHubSpotBook, propertyReader, type HubSpotObject } from '../../engine/sources/hubspot';
import { sweepHubSpot } from '../../engine/sweeps';

const asOf = DateTime.fromISO('2026-03-02T09:00:00Z', { setZone: true });

const companies: HubSpotObject[] = [
	{ id: '101', properties: { name: 'Acme Corp', domain: 'acme.test', arr: '48000', renewal_date: '2026-05-28', hubspot_owner_id: '77', cs_segment: 'high touch', discount_expiry_date: '2026-05-28', contract_start_date: '2025-05-28' } },
	{ id: '102', properties: { name: 'Globex', domain: 'globex.test', arr: null, hubspot_owner_id: '78', payment_status: 'past_due', contract_start_date: '2024-01-01' } },
	{ id: '103', properties: { name: 'Initech', arr: '12k' } },
];
const deals: HubSpotObject[] = [
	{ id: '901', properties: { dealname: 'Acme renewal 2026', amount: '36000', closedate: '2026-05-28T00:00:00Z', dealstage: 'qualifiedtobuy', pipeline: 'default', dealtype: 'existingbusiness', hs_is_closed: 'false', hs_is_closed_won: 'false', hs_date_entered_contractsent: '1767225600000', hs_date_entered_qualifiedtobuy: '2026-02-20T10:00:00Z' }, associations: { companies: { results: [{ id: '101', type: 'deal_to_company' }] } } },
	{ id: '902', properties: { dealname: 'Globex new business', amount: '20000', closedate: '2025-09-01T00:00:00Z', dealstage: 'closedwon', pipeline: 'default', hs_is_closed: 'true', hs_is_closed_won: 'true' }, associations: { companies: { results: [{ id: '102', type: 'deal_to_company' }] } } },
	{ id: '903', properties: { dealname: 'Globex add-on', amount: '5,000', closedate: '2024-06-01T00:00:00Z', dealstage: 'closedwon', pipeline: 'default', hs_is_closed: 'true', hs_is_closed_won: 'true' }, associations: { companies: { results: [{ id: '102', type: 'deal_to_company' }] } } },
];
const contacts: HubSpotObject[] = [
	{ id: '501', createdAt: '2025-05-01T00:00:00Z', properties: { firstname: 'Jo', lastname: 'Lee', email: 'jo@acme.test', jobtitle: 'Director of Operations', cs_champion: 'true' }, associations: { companies: { results: [{ id: '101', type: 'contact_to_company' }] } } },
	{ id: '502', createdAt: '2025-05-01T00:00:00Z', properties: { firstname: 'Pat', lastname: 'Kim', email: 'pat@globex.test', jobtitle: 'VP Finance' }, associations: { companies: { results: [{ id: '102', type: 'contact_to_company' }] } } },
	{ id: '503', createdAt: '2025-05-01T00:00:00Z', properties: { firstname: 'Sam', lastname: 'Ray', jobtitle: 'Support Engineer' }, associations: { companies: { results: [{ id: '102', type: 'contact_to_company' }] } } },
];

/** A HubSpot stand-in: pages of `pageSize`, `after` = offset, optional scripted failures per path. */
function hubspot(pageSize = 2, failures: Record<string, SourceResponse[]> = {}) {
	const calls: SourceRequestOptions[] = [];
	const data: Record<string, HubSpotObject[]> = { companies, deals, contacts };
	const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
		calls.push(options);
		const path = new URL(options.url).pathname;
		const failure = failures[`${path}?after=${options.qs?.after ?? ''}`]?.shift();
		if (failure) return failure;
		const type = path.split('/').pop()!;
		const offset = Number(options.qs?.after ?? 0);
		const results = data[type].slice(offset, offset + pageSize);
		const more = offset + pageSize < data[type].length;
		return { statusCode: 200, headers: {}, body: { results, ...(more ? { paging: { next: { after: String(offset + pageSize), link: `?after=${offset + pageSize}` } } } : {}) } };
	};
	return { request, calls };
}

const noWait = async () => {};

describe('HubSpot client', () => {
	it('pages every list to the end through paging.next.after', async () => {
		const { request, calls } = hubspot(2);
		const records = await listHubSpotObjects({ request, sleep: noWait, baseUrl: 'http://fake.test/' }, 'companies', { properties: ['name', 'arr', 'name'] });
		expect(records.map((r) => r.id)).toEqual(['101', '102', '103']);
		expect(calls.map((c) => [c.url, c.qs])).toEqual([
			['http://fake.test/crm/v3/objects/companies', { limit: 100, properties: 'name,arr', archived: false }],
			['http://fake.test/crm/v3/objects/companies', { limit: 100, properties: 'name,arr', archived: false, after: '2' }],
		]);
	});

	it('a 429 then 200 gives the same book as a clean run', async () => {
		const clean = await sweepHubSpot({ client: { request: hubspot(2).request, sleep: noWait }, asOf });
		const waits: number[] = [];
		const { request } = hubspot(2, { '/crm/v3/objects/deals?after=2': [{ statusCode: 429, headers: { 'retry-after': '2' }, body: { status: 'error', category: 'RATE_LIMITS', policyName: 'TEN_SECONDLY_ROLLING' } }] });
		const retried = await sweepHubSpot({ client: { request, sleep: async (ms) => void waits.push(ms) }, asOf });
		expect(retried).toEqual(clean);
		expect(waits).toEqual([2000]);
	});

	it('failing for good names HubSpot, the list, the page and what was read', async () => {
		const down: SourceResponse = { statusCode: 503, headers: {}, body: { message: 'Service Unavailable' } };
		const { request } = hubspot(2, { '/crm/v3/objects/deals?after=2': [down, down, down, down] });
		const error = await sweepHubSpot({ client: { request, sleep: noWait }, asOf }).catch((e) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect(error.source).toBe('HubSpot');
		expect(error.message).toBe(
			'HubSpot: deal list (GET /crm/v3/objects/deals) failed after 4 attempts (HTTP 503: Service Unavailable) at page 2 (after=2) — 1 page / 2 deals (after 3 companies) were read; nothing was emitted and the saved deal stages were not changed; the next run reads HubSpot again from the start',
		);
	});
});

describe('HubSpot properties are strings: strict parsing', () => {
	it('names the record, property and value of a bad number, date or boolean', () => {
		const read = propertyReader('company', '103', { arr: '12k', renewal_date: '31/02/2026', cs_champion: 'maybe', ok: ' 1,200.50 ', empty: '' });
		expect(() => read.number('arr')).toThrow('HubSpot company 103: property "arr" value "12k" is not a number');
		expect(() => read.date('renewal_date')).toThrow('HubSpot company 103: property "renewal_date" value "31/02/2026" is not an ISO-8601 date or a millisecond timestamp');
		expect(() => read.boolean('cs_champion')).toThrow('HubSpot company 103: property "cs_champion" value "maybe" is not true or false');
		expect(read.number('ok')).toBe(1200.5);
		expect(read.number('empty')).toBeUndefined();
		expect(read.date('missing')).toBeUndefined();
	});

	it('reads ms-epoch date strings as UTC and date-only strings as UTC midnight', () => {
		const read = propertyReader('deal', '1', { a: '1767225600000', b: '2026-05-28' });
		expect(read.date('a')).toBe('2026-01-01T00:00:00Z');
		expect(read.date('b')).toBe('2026-05-28T00:00:00Z');
	});

	it('a company with a bad value is a problem; the others still map', () => {
		const { records, problems } = mapHubSpotBook({ companies, deals, contacts }, { ownerDirectory: { '77': { name: 'Dana CSM', email: 'dana@vendor.test', slackUserId: 'U077' } } }, asOf);
		expect(problems).toEqual([{ companyId: '103', message: 'HubSpot company 103: property "arr" value "12k" is not a number' }]);
		expect(records.map((r) => r.account)).toEqual([
			{
				accountId: '101', name: 'Acme Corp', domain: 'acme.test', arr: 48000, currency: 'USD', segment: 'high',
				renewalDate: '2026-05-28T00:00:00Z', contractStart: '2025-05-28T00:00:00Z', discountExpiryDate: '2026-05-28T00:00:00Z',
				onboarding: {}, owners: { csm: { name: 'Dana CSM', email: 'dana@vendor.test', slackUserId: 'U077', crmOwnerId: '77' } },
				contacts: [{ contactId: '501', name: 'Jo Lee', title: 'Director of Operations', seniority: 'director', isChampion: true, isExecSponsor: false, firstSeenAt: '2025-05-01T00:00:00Z', status: 'active' }],
				healthHistory: [], crm: { system: 'hubspot', id: '101' },
			},
			{
				// ARR empty → closed-won deals of the last 12 months (20,000; the 2024 add-on is older)
				accountId: '102', name: 'Globex', domain: 'globex.test', arr: 20000, currency: 'USD', contractStart: '2024-01-01T00:00:00Z',
				onboarding: {}, owners: { csm: { name: 'HubSpot owner 78', crmOwnerId: '78' } },
				contacts: [
					{ contactId: '502', name: 'Pat Kim', title: 'VP Finance', seniority: 'vp', isChampion: false, isExecSponsor: false, firstSeenAt: '2025-05-01T00:00:00Z', status: 'active' },
					{ contactId: '503', name: 'Sam Ray', title: 'Support Engineer', seniority: 'individual', isChampion: false, isExecSponsor: false, firstSeenAt: '2025-05-01T00:00:00Z', status: 'active' },
				],
				healthHistory: [], crm: { system: 'hubspot', id: '102' },
			},
		]);
	});

	it('maps seats in use, the last contact and the onboarding milestones the health and onboarding rules read', () => {
		const company: HubSpotObject = {
			id: '9',
			properties: {
				name: 'Initech', arr: '12000', licensed_seats: '50', active_seats: '41', notes_last_contacted: '2026-04-30T15:04:00Z',
				cs_kickoff_date: '2026-01-05', cs_go_live_date: '2026-02-02', cs_first_value_date: '1772409600000', cs_onboarding_timeline_days: '45',
			},
		};
		const { records, problems } = mapHubSpotBook({ companies: [company], deals: [], contacts: [] }, {}, asOf);
		expect(problems).toEqual([]);
		expect(records[0].account).toMatchObject({
			licensedSeats: 50,
			activeSeats: 41,
			lastContactAt: '2026-04-30T15:04:00Z',
			onboarding: { kickoffAt: '2026-01-05T00:00:00Z', goLiveAt: '2026-02-02T00:00:00Z', firstValueAt: '2026-03-02T00:00:00Z', agreedTimelineDays: 45 },
		});
	});

	it('an unknown segment word is an error naming the fix', () => {
		const { problems } = mapHubSpotBook({ companies: [{ id: '7', properties: { name: 'X', cs_segment: 'gold' } }], deals: [], contacts: [] }, {}, asOf);
		expect(problems[0].message).toBe('HubSpot company 7: property "cs_segment" value "gold" is not a segment (use high, mid or low — or "high touch", "enterprise", "smb" …)');
	});
});
