/**
 * The Salesforce REST query reader against the Salesforce fake (test/fakes/salesforce.js): SOQL through
 * /services/data/v60.0/query, every page through nextRecordsUrl, the paging guard, Salesforce's array errors and
 * the daily quota (403 REQUEST_LIMIT_EXCEEDED) failing at once, never retried.
 */
import { SourceError, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { querySalesforce, soqlString } from '../../engine/sources/salesforce';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { bearer, fetchContext } from '../fakes/request';

const TOKEN = '00DFAKE000000001!AQ0AQfake.session.token';
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(15, '0')}`;
const dataset = {
	now: '2026-11-14T09:00:00Z',
	tokens: { salesforce: TOKEN },
	salesforce: {
		pageSize: 2,
		objects: {
			Account: [
				{ Id: id('001', 1), Name: 'Acme Corp', OwnerId: id('005', 1) },
				{ Id: id('001', 2), Name: 'Globex', OwnerId: id('005', 1) },
			],
			Opportunity: [1, 2, 3, 4, 5].map((n) => ({ Id: id('006', n), AccountId: id('001', n % 2 === 0 ? 2 : 1), Name: `Renewal ${n}`, StageName: 'Negotiation/Review', Amount: 1000 * n, CloseDate: `2027-0${n}-30`, IsClosed: false, IsWon: false })),
		},
	},
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(async () => {
	await fakes.close();
});
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const client = () => ({ ...fetchContext(bearer(TOKEN)), instanceUrl: fakes.httpUrl! });

describe('Salesforce SOQL query reader', () => {
	it('reads every page through nextRecordsUrl: one query, then the locators Salesforce hands back', async () => {
		const result = await querySalesforce(client(), 'SELECT Id, AccountId, Name, StageName, Amount, CloseDate FROM Opportunity ORDER BY CloseDate', 'Opportunity');
		expect(result.records.map((r) => [r.Id, r.Amount])).toEqual([1, 2, 3, 4, 5].map((n) => [id('006', n), 1000 * n]));
		expect(result.records[0].attributes).toEqual({ type: 'Opportunity', url: `/services/data/v60.0/sobjects/Opportunity/${id('006', 1)}` });
		expect(result).toMatchObject({ totalSize: 5, pages: 3 });
		const requests = fakes.requests();
		expect(requests.map((r) => r.path)).toEqual(['/services/data/v60.0/query', '/services/data/v60.0/query/01gFAKE00000001-2', '/services/data/v60.0/query/01gFAKE00000002-4']);
		expect(requests[0].query.q).toBe('SELECT Id, AccountId, Name, StageName, Amount, CloseDate FROM Opportunity ORDER BY CloseDate');
		expect(requests.every((r) => r.headers.authorization === `Bearer ***${TOKEN.slice(-4)}`)).toBe(true);
	});

	it('a WHERE on a string literal (escaped) and a lookup field (Account.Name)', async () => {
		const result = await querySalesforce(client(), `SELECT Id, Name, Account.Name FROM Opportunity WHERE AccountId = ${soqlString(id('001', 2))}`, 'Opportunity');
		expect(result.records.map((r) => [r.Name, (r.Account as { Name: string }).Name])).toEqual([['Renewal 2', 'Globex'], ['Renewal 4', 'Globex']]);
		expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
	});

	it('the daily quota (403 REQUEST_LIMIT_EXCEEDED) fails at once — one attempt, however many are allowed — saying what was read and that it is not retried today', async () => {
		fakes.addFault({ provider: 'salesforce', path: '/services/data/v60.0/query/01gFAKE00000001-2', responses: [{ status: 403 }], repeatLast: true });
		const context = client();
		const error = await querySalesforce({ ...context, retry: { maxAttempts: 4 } }, 'SELECT Id, Name FROM Opportunity', 'Opportunity').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect((error as Error).message).toBe(
			'Salesforce: SOQL query of Opportunity (GET /services/data/v60.0/query) failed after 1 attempt (HTTP 403: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.) — 1 page / 2 records were read; the org’s daily API request limit is used up — not retried today, the next run tries again; nothing of this run was kept',
		);
		expect(error).toMatchObject({ source: 'Salesforce', statusCode: 403, attempts: 1, read: { pages: 1, records: 2 } });
		expect(context.sleeps).toEqual([]);
	});

	it('a query Salesforce rejects names the error code and its message (400 INVALID_FIELD); a bad session is 401 INVALID_SESSION_ID', async () => {
		const invalid = await querySalesforce(client(), 'SELECT Id, Renewal_Date__c FROM Account', 'Account').catch((e: unknown) => e);
		expect((invalid as Error).message).toBe(
			"Salesforce: SOQL query of Account (GET /services/data/v60.0/query) failed after 1 attempt (HTTP 400: INVALID_FIELD: No such column 'Renewal_Date__c' on entity 'Account'.) — 0 pages / 0 records were read; nothing of this run was kept",
		);
		const session = await querySalesforce({ ...fetchContext(bearer('expired')), instanceUrl: fakes.httpUrl! }, 'SELECT Id FROM Account', 'Account').catch((e: unknown) => e);
		expect((session as Error).message).toBe(
			'Salesforce: SOQL query of Account (GET /services/data/v60.0/query) failed after 1 attempt (HTTP 401: INVALID_SESSION_ID: Session expired or invalid) — 0 pages / 0 records were read; nothing of this run was kept',
		);
	});

	it('a 503 is retried with backoff, then the query goes on', async () => {
		fakes.addFault({ provider: 'salesforce', path: '/services/data/v60.0/query', responses: [{ status: 503 }] });
		const context = client();
		const result = await querySalesforce(context, 'SELECT Id FROM Account', 'Account');
		expect(result.records.map((r) => r.Id)).toEqual([id('001', 1), id('001', 2)]);
		expect(context.sleeps).toEqual([1000]);
	});

	it('the paging guard: a nextRecordsUrl handed back twice fails naming it, never loops; done: false without a next URL fails too', async () => {
		const calls: SourceRequestOptions[] = [];
		const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
			calls.push(options);
			const next = calls.length === 2 ? '/services/data/v60.0/query/01gB-4' : '/services/data/v60.0/query/01gA-2';
			return { statusCode: 200, headers: {}, body: { totalSize: 9, done: false, nextRecordsUrl: next, records: [{ Id: String(calls.length) }] } };
		};
		const error = await querySalesforce({ request, sleep: async () => {}, instanceUrl: 'https://acme.my.salesforce.com' }, 'SELECT Id FROM Account', 'Account').catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Salesforce: SOQL query of Account (GET /services/data/v60.0/query) returned the nextRecordsUrl "/services/data/v60.0/query/01gA-2" again after page 3 (first given after page 1): the provider is paging in a cycle — 3 pages / 3 records were read; nothing of this run was kept',
		);
		expect(calls.map((c) => c.url)).toEqual([
			'https://acme.my.salesforce.com/services/data/v60.0/query',
			'https://acme.my.salesforce.com/services/data/v60.0/query/01gA-2',
			'https://acme.my.salesforce.com/services/data/v60.0/query/01gB-4',
		]);
		const broken = async (): Promise<SourceResponse> => ({ statusCode: 200, headers: {}, body: { totalSize: 3, done: false, records: [] } });
		const stuck = await querySalesforce({ request: broken, sleep: async () => {}, instanceUrl: 'https://acme.my.salesforce.com' }, 'SELECT Id FROM Account', 'Account').catch((e: unknown) => e);
		expect((stuck as Error).message).toBe('Salesforce: SOQL query of Account (GET /services/data/v60.0/query) answered page 1 with done: false but no nextRecordsUrl — 1 page / 0 records were read; nothing of this run was kept');
	});
});
