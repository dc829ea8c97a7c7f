/**
 * CS Executive Change Signals through n8n (the harness runs the real WorkflowExecute): HubSpot contacts read with
 * their property history from the HubSpot fake, and enrichment rows from an upstream node; Account items on the
 * second input. Exact signals and evidence, pairing, state across runs, continue-on-fail and NodeApiError.
 */
import { NodeConnectionTypes, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { signalId } from '../../engine/model';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { PACKAGE_NAME, runWorkflow, type WorkflowFixture } from './harness';

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555566667777';
const AS_OF = '2026-11-14T09:00:00Z';

const dataset = {
	now: AS_OF,
	settings: { hubspotMaxLimit: 2 },
	hubspot: {
		companies: [
			{ id: '4511', properties: { name: 'Acme Corp', domain: 'acme.example' } },
			{ id: '4512', properties: { name: 'Globex', domain: 'globex.example' } },
			{ id: '9999', properties: { name: 'Prospect Inc', domain: 'prospect.example' } },
		],
		contacts: [
			{
				id: '501',
				createdAt: '2023-03-01T10:00:00Z',
				properties: { firstname: 'Jo', lastname: 'Lee', email: 'jo.lee@acme.example', associatedcompanyid: '4511', cs_champion: 'true', notes_last_contacted: '2026-10-28T15:00:00Z' },
				history: {
					jobtitle: [
						{ value: 'Director of Operations', timestamp: '2023-03-01T10:00:00Z', sourceType: 'IMPORT' },
						{ value: 'VP Operations', timestamp: '2026-10-05T08:12:00Z', sourceType: 'CRM_UI', sourceId: 'userId:42' },
					],
				},
				associations: { companies: ['4511'] },
			},
			{
				id: '502',
				createdAt: '2024-01-15T09:00:00Z',
				properties: { firstname: 'Pat', lastname: 'Kim', email: 'pat.kim@acme.example', jobtitle: 'VP Finance', associatedcompanyid: '4511', cs_exec_sponsor: 'true', notes_last_contacted: '2026-09-02T10:00:00Z' },
				history: { hs_email_hard_bounce_reason_enum: [{ value: 'UNKNOWN_USER', timestamp: '2026-11-10T07:30:00Z', sourceType: 'EMAIL' }] },
				associations: { companies: ['4511'] },
			},
			{
				id: '503',
				createdAt: '2026-10-20T12:00:00Z',
				properties: { firstname: 'Priya', lastname: 'Nair', email: 'priya.nair@acme.example', jobtitle: 'VP of IT', associatedcompanyid: '4511' },
				history: { jobtitle: [{ value: 'VP of IT', timestamp: '2026-10-20T12:00:00Z', sourceType: 'INTEGRATION' }] },
				associations: { companies: ['4511'] },
			},
			{ id: '504', createdAt: '2025-01-10T09:00:00Z', properties: { firstname: 'Sam', lastname: 'Ray', jobtitle: 'Support Engineer', associatedcompanyid: '4512' }, associations: { companies: ['4512'] } },
			{ id: '505', createdAt: '2026-11-01T09:00:00Z', properties: { firstname: 'Lou', lastname: 'Vance', jobtitle: 'Chief Executive Officer', associatedcompanyid: '9999' }, associations: { companies: ['9999'] } },
		],
	},
};

/** CS CRM Signals' Account items for the two customers (the prospect is not one). */
const accounts: IDataObject[] = [
	{
		accountId: '4511',
		name: 'Acme Corp',
		domain: 'acme.example',
		crm: { system: 'hubspot', id: '4511' },
		contacts: [
			{ contactId: '501', name: 'Jo Lee', title: 'VP Operations', isChampion: true, lastEngagedAt: '2026-10-28T15:00:00Z' },
			{ contactId: '502', name: 'Pat Kim', title: 'VP Finance', isExecSponsor: true, lastEngagedAt: '2026-09-02T10:00:00Z' },
		],
	},
	{ accountId: '4512', name: 'Globex', domain: 'globex.example', crm: { system: 'hubspot', id: '4512' } },
];

/** Start → (rows, accounts) → the node's inputs 0 and 1. */
function workflow(parameters: INodeParameters, rows: IDataObject[], accountItems: IDataObject[], extra: Partial<INode> = {}, staticData?: IDataObject): WorkflowFixture {
	return {
		nodes: [
			{ name: 'Start', type: 'test.items', parameters: { items: JSON.stringify([{}]) } },
			{ name: 'Rows', type: 'test.items', parameters: { items: JSON.stringify(rows) } },
			{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accountItems) } },
			{ name: 'Node', type: `${PACKAGE_NAME}.csExecChangeSignals`, parameters, ...extra },
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: NodeConnectionTypes.Main, index: 0 }, { node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 }]] },
			Rows: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
			Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
		},
		staticData,
	};
}

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
const hubspot = (parameters: INodeParameters = {}, staticData?: IDataObject, extra: Partial<INode> = {}) =>
	runWorkflow(workflow({ source: 'hubspot', asOf: AS_OF, hubspotMapping: { portalId: '123456' }, maxAttempts: 2, ...parameters }, [{}], accounts, { ...withCredentials, ...extra }, staticData), { credentials: credentials() });

const CONTACT = (id: string) => `https://app.hubspot.com/contacts/123456/record/0-1/${id}`;

describe('CS Executive Change Signals node: HubSpot mode', () => {
	it('reads every contact with its title, company and bounce history and emits the exact signals, each paired to its account', async () => {
		const result = await hubspot();
		expect(result.status).toBe('success');
		expect(result.output('Node')).toEqual([
			{
				id: signalId('hubspot', 'contact/501#promoted@2026-10-05', 'exec.champion_promoted'),
				accountId: '4511',
				category: 'exec',
				type: 'exec.champion_promoted',
				polarity: 'opportunity',
				severity: 5,
				observedAt: '2026-10-05T08:12:00Z',
				detectedAt: AS_OF,
				evidence: 'Champion Jo Lee promoted on 2026-10-05: Director of Operations → VP Operations (Director → VP)',
				source: { system: 'hubspot', ref: 'contact/501', url: CONTACT('501') },
				attributes: { contactId: '501', contactName: 'Jo Lee', title: 'VP Operations', fromTitle: 'Director of Operations', toTitle: 'VP Operations', fromSeniority: 'director', toSeniority: 'vp' },
			},
			expect.objectContaining({
				type: 'exec.sponsor_departed',
				accountId: '4511',
				observedAt: '2026-11-10T07:30:00Z',
				evidence: 'Executive sponsor Pat Kim (VP Finance) left Acme Corp: e-mail hard-bounced on 2026-11-10 (UNKNOWN_USER)',
				source: { system: 'hubspot', ref: 'contact/502', url: CONTACT('502') },
			}),
			expect.objectContaining({
				type: 'exec.new_executive',
				accountId: '4511',
				evidence: 'New VP at Acme Corp: Priya Nair, VP of IT, since 2026-10-20; nobody on the account team has engaged them yet',
			}),
		]);
		expect(result.items('Node').map((item) => item.pairedItem)).toEqual([[{ item: 0, input: 1 }], [{ item: 0, input: 1 }], [{ item: 0, input: 1 }]]);

		// Every page of contacts, with the history asked for; the prospect's contact is read but is no customer's.
		const lists = fakes.requests().filter((request) => request.path === '/crm/v3/objects/contacts');
		expect(lists).toHaveLength(3);
		expect(lists[0].query).toMatchObject({
			limit: '50',
			propertiesWithHistory: 'jobtitle,associatedcompanyid,hs_email_hard_bounce_reason_enum',
			archived: 'false',
		});
		expect(lists[0].query.properties.split(',')).toEqual(expect.arrayContaining(['jobtitle', 'associatedcompanyid', 'hs_email_hard_bounce_reason_enum', 'hs_employment_change_detected_date', 'cs_champion', 'cs_exec_sponsor', 'notes_last_contacted']));
		expect(lists.map((request) => request.query.after ?? null)).toEqual([null, expect.any(String), expect.any(String)]);
	});

	it('a second run with "New Signals Only" emits nothing; "All Active Signals" emits the same signals again', async () => {
		const first = await hubspot({ emit: 'new' });
		expect(first.output('Node')).toHaveLength(3);
		const again = await hubspot({ emit: 'new' }, first.staticData);
		expect(again.status).toBe('success');
		expect(again.output('Node')).toEqual([]);
		const active = await hubspot({}, again.staticData);
		expect(active.output('Node').map((signal) => signal.id)).toEqual(first.output('Node').map((signal) => signal.id));
		expect(Object.keys((again.staticData['node:Node'] as IDataObject).execSweep as IDataObject)).toEqual(['emitted', 'lastSweepAt']);
	});

	it('a 429 with Retry-After is waited out: the same signals as a clean run', async () => {
		const clean = await hubspot();
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/contacts', responses: [{ status: 429, retryAfter: 0 }] });
		const limited = await hubspot();
		expect(limited.output('Node')).toEqual(clean.output('Node'));
		expect(fakes.requests().filter((request) => request.path === '/crm/v3/objects/contacts').map((request) => request.status)).toEqual([429, 200, 200, 200]);
	});

	it('HubSpot failing for good is a NodeApiError naming the endpoint and what was read; the saved state stays as it was', async () => {
		const first = await hubspot();
		fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/contacts', responses: [{ status: 503, headers: { 'retry-after': '0' } }], repeatLast: true });
		const failed = await hubspot({}, first.staticData);
		const error = failed.error('Node') as unknown as { name: string; message: string; httpCode: string; description: string; context: Record<string, unknown> };
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'HubSpot: contact list (GET /crm/v3/objects/contacts) failed after 2 attempts (HTTP 503: internal error) on the first page — 0 pages / 0 contacts were read; nothing was emitted and the saved exec-change state was not changed; the next run reads HubSpot again from the start',
		);
		expect(error.httpCode).toBe('503');
		expect(error.description).toBe('HubSpot /crm/v3/objects/contacts: HTTP 503 after 2 attempts; read before it stopped: 0 contacts');
		expect(failed.staticData).toEqual(first.staticData);
	});

	it('with Continue On Fail the failure is one error item and the state is not touched', async () => {
		fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/contacts', responses: [{ status: 503, headers: { 'retry-after': '0' } }], repeatLast: true });
		const failed = await hubspot({}, { 'node:Node': { execSweep: { emitted: { kept: '2026-11-01' } } } }, { continueOnFail: true });
		expect(failed.status).toBe('success');
		expect(failed.output('Node')).toEqual([{ error: expect.stringMatching(/^HubSpot: contact list \(GET \/crm\/v3\/objects\/contacts\) failed after 2 attempts \(HTTP 503/) }]);
		expect(failed.staticData['node:Node']).toEqual({ execSweep: { emitted: { kept: '2026-11-01' } } });
	});

	it('no Account items on the second input: the node says what to connect', async () => {
		const result = await runWorkflow(workflow({ source: 'hubspot', asOf: AS_OF }, [{}], [], withCredentials), { credentials: credentials() });
		const error = result.error('Node')!;
		expect([error.name, error.message]).toEqual(['NodeOperationError', 'No Account items arrived on the "Accounts" input']);
		expect(fakes.requests()).toEqual([]);
	});
});

describe('CS Executive Change Signals node: from input items', () => {
	const userGems = { Id: '501', AccountId: '4511', Name: 'Jo Lee', Email: 'jo.lee@acme.example', Title: 'VP Operations', 'UG - No Longer at Company (Date)': '2026-11-03' };
	const linkedIn = { 'First Name': 'Pat', 'Last Name': 'Kim', URL: 'https://www.linkedin.com/in/patkim', Company: 'Initech', Position: 'CFO', 'Connected On': '08 Nov 2026', accountId: '4511' };

	it('UserGems rows: the champion no longer at the company → exec.champion_departed, paired to its row', async () => {
		const result = await runWorkflow(workflow({ source: 'inputItems', fieldMapPreset: 'usergems', sourceSystem: 'usergems', asOf: AS_OF }, [userGems], accounts));
		expect(result.output('Node').map((signal) => [signal.type, signal.evidence, (signal.source as IDataObject).system])).toEqual([
			['exec.champion_departed', 'Champion Jo Lee (VP Operations) left Acme Corp: no longer at the company since 2026-11-03', 'usergems'],
		]);
		expect(result.items('Node')[0].pairedItem).toEqual([{ item: 0, input: 0 }]);
	});

	it('a LinkedIn export row with a new company for the sponsor; a bad row fails the node naming row and field — or, with Continue On Fail, is an error item paired to it', async () => {
		const bad = { ...linkedIn, URL: 'https://www.linkedin.com/in/x', 'First Name': 'Ann', 'Connected On': 'someday' };
		const parameters = { source: 'inputItems', fieldMapPreset: 'linkedin', sourceSystem: 'linkedin', asOf: AS_OF };
		const failed = await runWorkflow(workflow(parameters, [linkedIn, bad], accounts));
		expect(failed.error('Node')!.name).toBe('NodeOperationError');
		expect(failed.error('Node')!.message).toBe('row 1 (contact https://www.linkedin.com/in/x): Connected On "someday" is not a date (write ISO-8601 such as "2026-11-03" or "2026-11-03T09:00:00Z")');
		const lenient = await runWorkflow(workflow(parameters, [linkedIn, bad], accounts, { continueOnFail: true }));
		expect(lenient.output('Node').map((item) => item.evidence ?? item.error)).toEqual([
			'Executive sponsor Pat Kim (CFO) left Acme Corp: moved to Initech on 2026-11-08',
			'row 1 (contact https://www.linkedin.com/in/x): Connected On "someday" is not a date (write ISO-8601 such as "2026-11-03" or "2026-11-03T09:00:00Z")',
		]);
		expect(lenient.items('Node').map((item) => item.pairedItem)).toEqual([[{ item: 0, input: 0 }], { item: 1, input: 0 }]);
	});
});
