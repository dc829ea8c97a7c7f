import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555566667777';

const dataset = {
	now: '2026-03-02T09:00:00Z',
	settings: { hubspotMaxLimit: 2 },
	hubspot: {
		companies: [
			{ id: '4511', properties: { name: 'Acme Corp', domain: 'acme.example', arr: '48000', renewal_date: '2026-05-28', hubspot_owner_id: '77001', cs_segment: 'high', discount_expiry_date: '2026-05-28', contract_start_date: '2025-05-28' }, associations: { contacts: ['101'], deals: ['9001'] } },
			{ id: '4512', properties: { name: 'Globex', domain: 'globex.example', hubspot_owner_id: '77002', payment_status: 'past_due', contract_start_date: '2024-01-01' }, associations: { contacts: ['102', '103'], deals: ['9002'] } },
			{ id: '4513', properties: { name: 'Initech', arr: '12k' } },
		],
		contacts: [
			{ id: '101', createdAt: '2025-05-01T00:00:00Z', properties: { firstname: 'Jo', lastname: 'Lee', email: 'jo@acme.example', jobtitle: 'Director of Operations', cs_champion: 'true' } },
			{ id: '102', createdAt: '2025-05-01T00:00:00Z', properties: { firstname: 'Pat', lastname: 'Kim', email: 'pat@globex.example', jobtitle: 'VP Finance' } },
			{ id: '103', createdAt: '2025-05-01T00:00:00Z', properties: { firstname: 'Sam', lastname: 'Ray', email: 'sam@globex.example', jobtitle: 'Support Engineer' } },
		],
		deals: [
			{ id: '9001', properties: { dealname: 'Acme renewal 2026', amount: '36000', closedate: '2026-05-28T00:00:00Z', dealstage: 'qualifiedtobuy', pipeline: 'default', dealtype: 'existingbusiness', hs_is_closed: 'false', hs_is_closed_won: 'false', hs_date_entered_contractsent: '2026-01-05T00:00:00Z', hs_date_entered_qualifiedtobuy: '2026-02-20T10:00:00Z' } },
			{ id: '9002', properties: { dealname: 'Globex new business', amount: '20000', closedate: '2025-09-01T00:00:00Z', dealstage: 'closedwon', pipeline: 'default', dealtype: 'newbusiness', hs_is_closed: 'true', hs_is_closed_won: 'true' } },
		],
	},
};

const parameters = {
	source: 'hubspot',
	asOf: '2026-03-02T09:00:00Z',
	hubspotMapping: { portalId: '123456', ownerDirectory: '{"77001":{"name":"Dana Kim","email":"dana.kim@example.com","slackUserId":"U077001"}}' },
	detection: { stageLabels: '{"contractsent":"Contract sent","qualifiedtobuy":"Qualified to buy"}' },
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

const credentials = () => ({ csHubSpotApi: { accessToken: TOKEN, baseUrl: fakes.httpUrl! } });
const withCredentials = { credentials: { csHubSpotApi: { id: 'cred-hubspot', name: 'HubSpot (fake)' } } };
const run = (extra = {}, staticData = {}) => runWorkflow({ ...itemsInto('csCrmSignals', parameters, [{}], { ...withCredentials, ...extra }), staticData }, { credentials: credentials() });

const ACME = 'https://app.hubspot.com/contacts/123456/record/0-2/4511';

const expectedAccounts = [
	{
		accountId: '4511', name: 'Acme Corp', domain: 'acme.example', arr: 48000, currency: 'USD', segment: 'high',
		renewalDate: '2026-05-28T00:00:00Z', contractStart: '2025-05-28T00:00:00Z', discountExpiryDate: '2026-05-28T00:00:00Z',
		onboarding: {}, owners: { csm: { name: 'Dana Kim', email: 'dana.kim@example.com', slackUserId: 'U077001', crmOwnerId: '77001' } },
		contacts: [{ contactId: '101', name: 'Jo Lee', title: 'Director of Operations', seniority: 'director', isChampion: true, isExecSponsor: false, firstSeenAt: '2025-05-01T00:00:00Z', status: 'active' }],
		healthHistory: [], crm: { system: 'hubspot', id: '4511', url: ACME },
	},
	{
		accountId: '4512', name: 'Globex', domain: 'globex.example', arr: 20000, currency: 'USD', contractStart: '2024-01-01T00:00:00Z',
		onboarding: {}, owners: { csm: { name: 'HubSpot owner 77002', crmOwnerId: '77002' } },
		contacts: [
			{ contactId: '102', name: 'Pat Kim', title: 'VP Finance', seniority: 'vp', isChampion: false, isExecSponsor: false, firstSeenAt: '2025-05-01T00:00:00Z', status: 'active' },
			{ contactId: '103', name: 'Sam Ray', title: 'Support Engineer', seniority: 'individual', isChampion: false, isExecSponsor: false, firstSeenAt: '2025-05-01T00:00:00Z', status: 'active' },
		],
		healthHistory: [], crm: { system: 'hubspot', id: '4512', url: 'https://app.hubspot.com/contacts/123456/record/0-2/4512' },
	},
];

const expectedSignals = [
	['4511', 'crm.stage_regression', 'Deal "Acme renewal 2026" moved back from Contract sent to Qualified to buy on 2026-02-20', 'deal/9001', 'https://app.hubspot.com/contacts/123456/record/0-3/9001'],
	['4511', 'crm.discount_expiring', 'Discount expires on 2026-05-28, in 87 days (renewal on 2026-05-28)', 'company/4511', ACME],
	['4511', 'crm.contraction', 'Renewal deal "Acme renewal 2026" is 36,000 USD against 48,000 USD ARR today (−25%)', 'deal/9001', 'https://app.hubspot.com/contacts/123456/record/0-3/9001'],
	['4511', 'crm.no_exec_sponsor', 'No executive sponsor: 1 contact, none at VP or C-level and none marked as sponsor (most senior: Jo Lee, Director)', 'company/4511', ACME],
	['4511', 'crm.single_threaded', 'Single-threaded: only 1 contact recorded (Jo Lee, Director of Operations)', 'company/4511', ACME],
	['4512', 'crm.payment_issue', 'Payment status is "past_due"', 'company/4512', 'https://app.hubspot.com/contacts/123456/record/0-2/4512'],
];

const summarise = (signals: Array<Record<string, any>>) => signals.map((s) => [s.accountId, s.type, s.evidence, s.source.ref, s.source.url]);

describe('CS CRM Signals — HubSpot mode against the fake HubSpot', () => {
	it('reads every page and emits exact Accounts and CRM signals; a bad property is an error item naming company, property and value', async () => {
		const result = await run({ onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.output('Node', 0)).toEqual([...expectedAccounts, { error: 'HubSpot company 4513: property "arr" value "12k" is not a number' }]);
		expect(summarise(result.output('Node', 1))).toEqual(expectedSignals);
		const hubspotCalls = fakes.requests().filter((r) => r.provider === 'hubspot').map((r) => `${r.path} after=${r.query.after ?? '-'}`);
		expect(hubspotCalls).toEqual([
			'/crm/v3/objects/companies after=-', `/crm/v3/objects/companies after=${hubspotCalls[1].split('after=')[1]}`,
			'/crm/v3/objects/deals after=-', '/crm/v3/objects/contacts after=-', `/crm/v3/objects/contacts after=${hubspotCalls[4].split('after=')[1]}`,
		]);
		expect(fakes.requests()[0].headers.authorization).toBe('Bearer ***7777');
		expect(result.staticData).toEqual({ 'node:Node': { crmSweep: { dealStages: { '9001': { stage: 'qualifiedtobuy', pipeline: 'default' } }, lastSweepAt: '2026-03-02T09:00:00Z' } } });
	});

	it('without continue-on-fail the bad property fails the node with the same sentence', async () => {
		const result = await run();
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe('HubSpot company 4513: property "arr" value "12k" is not a number');
	});

	it('429 with Retry-After then 200: the result equals the clean run', async () => {
		const clean = await run({ onError: 'continueRegularOutput' });
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/deals', responses: [{ status: 429, retryAfter: 0 }] });
		const retried = await run({ onError: 'continueRegularOutput' });
		expect(retried.output('Node', 0)).toEqual(clean.output('Node', 0));
		expect(retried.output('Node', 1)).toEqual(clean.output('Node', 1));
		expect(fakes.requests().filter((r) => r.fault).map((r) => [r.path, r.status])).toEqual([['/crm/v3/objects/deals', 429]]);
	});

	it('failing for good: the error names HubSpot and what was read, static data is unchanged, no token anywhere', async () => {
		// 503 with Retry-After: 0 so the test never waits; the retry policy still counts every attempt
		fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/contacts', responses: [{ status: 503, headers: { 'retry-after': '0' } }], repeatLast: true });
		const before = { 'node:Node': { crmSweep: { dealStages: { '9001': { stage: 'contractsent', pipeline: 'default' } }, lastSweepAt: '2026-03-01T09:00:00Z' } } };
		const result = await run({ parameters: { ...parameters, maxAttempts: 2 } }, before);
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe(
			'HubSpot: contact list (GET /crm/v3/objects/contacts) failed after 2 attempts (HTTP 503: internal error) on the first page — 0 pages / 0 contacts (after 3 companies and 2 deals) were read; nothing was emitted and the saved deal stages were not changed; the next run reads HubSpot again from the start',
		);
		expect(result.staticData).toEqual(before);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	it('an HTTP failure reaches n8n as NodeApiError with the HTTP status, the endpoint and what was read', async () => {
		fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/contacts', responses: [{ status: 503, headers: { 'retry-after': '0' } }], repeatLast: true });
		const result = await run({ parameters: { ...parameters, maxAttempts: 2 } });
		const error = result.error('Node') as unknown as { name: string; httpCode: string; description: string; context: Record<string, unknown> };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('503');
		expect(error.description).toBe('HubSpot /crm/v3/objects/contacts: HTTP 503 after 2 attempts; read before it stopped: 3 companies, 2 deals and 0 contacts');
		expect(error.context).toMatchObject({ source: 'HubSpot', endpoint: '/crm/v3/objects/contacts', attempts: 2, read: { companies: 3, deals: 2, contacts: 0 } });
	});

	it('a second run remembers deal stages: a stage moved back since the last sweep is a regression', async () => {
		const first = await run({ onError: 'continueRegularOutput' });
		const moved = JSON.parse(JSON.stringify(dataset));
		Object.assign(moved.hubspot.deals[0].properties, { dealstage: 'appointmentscheduled', hs_date_entered_contractsent: '', hs_date_entered_qualifiedtobuy: '' });
		fakes.load(moved);
		const second = await run({ onError: 'continueRegularOutput' }, first.staticData);
		expect(second.output('Node', 1).filter((s) => s.type === 'crm.stage_regression').map((s) => s.evidence)).toEqual([
			'Deal "Acme renewal 2026" moved back from Qualified to buy to appointmentscheduled since the last sweep (2026-03-02)',
		]);
	});
});

describe('CS CRM Signals — from input items', () => {
	it('maps rows (numbers as text) to Accounts and signals, pairs each to its row, and names bad fields', async () => {
		const rows = [
			{ id: 'A-1', company: 'Acme Corp', arr: '48,000', currency: 'EUR', renewal: '2026-05-28', paymentStatus: 'overdue', contacts: [{ name: 'Ana', title: 'Chief Financial Officer' }, { name: 'Bo', title: 'IT Manager' }] },
			{ id: 'A-2', company: 'Globex', arr: '12k' },
		];
		const result = await runWorkflow(
			itemsInto('csCrmSignals', { source: 'inputItems', asOf: '2026-03-02T09:00:00Z', fieldMapping: { accountId: 'id', name: 'company', renewalDate: 'renewal' } }, rows, { onError: 'continueRegularOutput' }),
		);
		expect(result.output('Node', 0)).toEqual([
			{
				accountId: 'A-1', name: 'Acme Corp', arr: 48000, currency: 'EUR', renewalDate: '2026-05-28', onboarding: {}, owners: {}, healthHistory: [],
				contacts: [
					{ name: 'Ana', title: 'Chief Financial Officer', seniority: 'c_level', isChampion: false, isExecSponsor: false, status: 'active' },
					{ name: 'Bo', title: 'IT Manager', seniority: 'manager', isChampion: false, isExecSponsor: false, status: 'active' },
				],
			},
			{ error: 'account 1: arr "12k" must be a number (annual recurring revenue)' },
		]);
		expect(result.items('Node', 0).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output('Node', 1).map((s) => [s.type, s.evidence, s.source])).toEqual([['crm.payment_issue', 'Payment status is "overdue"', { system: 'input', ref: 'account/A-1' }]]);
	});
});

describe('CS CRM Signals — unusable rows', () => {
	const rows = [
		{ accountId: 'A-1', name: 'Acme Corp', arr: '12k' },
		{ accountId: 'A-2', name: 'Globex', arr: 20000 },
		{ accountId: 'A-3', arr: 'lots' },
	];
	const inputItems = { source: 'inputItems', asOf: '2026-03-02T09:00:00Z' };

	it('without continue-on-fail the first bad row fails the node with its item index, counting the others', async () => {
		const result = await runWorkflow(itemsInto('csCrmSignals', inputItems, rows));
		expect(result.status).toBe('error');
		const error = result.error('Node') as unknown as { name: string; message: string; description: string; context: Record<string, unknown> };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('account 0: arr "12k" must be a number (annual recurring revenue) (and 1 more)');
		expect(error.context.itemIndex).toBe(0);
		expect(error.description).toBe(
			'2 of 3 input items are not usable; nothing was emitted and the saved deal stages were not changed; turn on "Continue On Fail" to get the other accounts and their signals',
		);
	});

	it('with continue-on-fail every bad row is an error item paired to it, and the good row still comes out', async () => {
		const result = await runWorkflow(itemsInto('csCrmSignals', inputItems, rows, { onError: 'continueRegularOutput' }));
		expect(result.status).toBe('success');
		expect(result.items('Node', 0).map((item) => [item.json.accountId ?? item.json.error, item.pairedItem])).toEqual([
			['A-2', { item: 1 }],
			['account 0: arr "12k" must be a number (annual recurring revenue)', { item: 0 }],
			['account 2: name is required but missing; arr "lots" must be a number (annual recurring revenue)', { item: 2 }],
		]);
	});
});
