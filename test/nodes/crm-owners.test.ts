/**
 * Owners without JSON in CS CRM Signals: the editor lists the portal's HubSpot owners (GET /crm/v3/owners, every
 * page) for the Owners rows; a run takes names and e-mails from HubSpot when asked, the rows add or correct, and
 * Slack user ids are looked up by e-mail (users.lookupByEmail) when a Slack credential is given — all against
 * the local HubSpot and Slack fakes.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { itemsInto, loadOptions, runWorkflow } from './harness';

const HUBSPOT_TOKEN = 'pat-na1-11111111-2222-3333-4444-555566667777';
const SLACK_TOKEN = 'xoxb-1111-2222-owners';
/** 120 owners: more than one page of 100. Dana (77001) and Lee (77002) own the two companies. */
const OWNERS = [
	{ id: '77001', email: 'dana.kim@example.com', firstName: 'Dana', lastName: 'Kim' },
	{ id: '77002', email: 'lee.park@example.com', firstName: 'Lee', lastName: 'Park' },
	...Array.from({ length: 118 }, (_, i) => ({ id: String(78000 + i), email: `cs${i}@example.com`, firstName: 'Owner', lastName: `No. ${String(i).padStart(3, '0')}` })),
];
const dataset = {
	now: '2026-03-02T09:00:00Z',
	tokens: { slack: SLACK_TOKEN },
	hubspot: {
		owners: OWNERS,
		companies: [
			{ id: '4511', properties: { name: 'Acme Corp', arr: '48000', renewal_date: '2026-05-28', hubspot_owner_id: '77001' } },
			{ id: '4512', properties: { name: 'Globex', arr: '20000', renewal_date: '2026-08-01', hubspot_owner_id: '77002' } },
		],
	},
	slack: { channels: [{ id: 'C0123ABC', name: 'cs-alerts' }], users: [{ id: 'U0DANA1', name: 'Dana Kim', email: 'Dana.Kim@example.com' }] },
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const credentials = () => ({ csHubSpotApi: { accessToken: HUBSPOT_TOKEN, baseUrl: fakes.httpUrl! }, slackApi: { accessToken: SLACK_TOKEN } });
const nodeCredentials = { csHubSpotApi: { id: 'cred-hubspot', name: 'HubSpot (fake)' }, slackApi: { id: 'cred-slack', name: 'Slack (fake)' } };
const owners = async (parameters: INodeParameters) => {
	const result = await runWorkflow(itemsInto('csCrmSignals', { source: 'hubspot', asOf: '2026-03-02T09:00:00Z', ...parameters }, [{}], { credentials: nodeCredentials }), { credentials: credentials() });
	if (result.status !== 'success') throw result.error('Node') ?? new Error(`run ended ${result.status}`);
	return Object.fromEntries(result.output('Node', 0).map((account) => [account.accountId, (account.owners as IDataObject).csm]));
};
const path = (r: { path: string; query: Record<string, unknown> }) => `${r.path}${r.query.after ? ` after=${String(r.query.after)}` : ''}${r.query.email ? ` email=${String(r.query.email)}` : ''}`;

describe('CS CRM Signals: owners without JSON', () => {
	it('lists every HubSpot owner for the Owners rows, reading all pages, by name with the e-mail', async () => {
		const list = await loadOptions('csCrmSignals', 'hubSpotOwners', { source: 'hubspot' }, { credentials: credentials(), nodeCredentials });
		expect(list).toHaveLength(120);
		expect(list.slice(0, 2)).toEqual([
			{ name: 'Dana Kim (dana.kim@example.com)', value: '77001' },
			{ name: 'Lee Park (lee.park@example.com)', value: '77002' },
		]);
		const calls = fakes.requests().filter((r) => r.path === '/crm/v3/owners');
		expect(calls.map(path)).toEqual(['/crm/v3/owners', `/crm/v3/owners after=${String(calls[1].query.after)}`]);
		expect(calls[0].headers.authorization).toBe(`Bearer ***${HUBSPOT_TOKEN.slice(-4)}`);
	});

	it('takes the owner rows: name, e-mail and Slack user of each HubSpot owner on the accounts', async () => {
		const rows = { owner: [{ ownerId: '77001', name: 'Dana Kim', email: 'dana.kim@example.com', slackUserId: 'U077001' }] };
		expect(await owners({ ownerRows: rows })).toEqual({
			'4511': { name: 'Dana Kim', email: 'dana.kim@example.com', slackUserId: 'U077001', crmOwnerId: '77001' },
			'4512': { name: 'HubSpot owner 77002', crmOwnerId: '77002' },
		});
		expect(fakes.requests().some((r) => r.path === '/crm/v3/owners')).toBe(false);
	});

	it('loads names and e-mails from HubSpot; a row corrects one field and keeps the rest', async () => {
		const rows = { owner: [{ ownerId: '77002', name: '', email: '', slackUserId: 'U0LEE22' }] };
		expect(await owners({ loadHubSpotOwners: true, ownerRows: rows })).toEqual({
			'4511': { name: 'Dana Kim', email: 'dana.kim@example.com', crmOwnerId: '77001' },
			'4512': { name: 'Lee Park', email: 'lee.park@example.com', slackUserId: 'U0LEE22', crmOwnerId: '77002' },
		});
	});

	it('looks Slack users up by e-mail with the Slack credential; an e-mail Slack does not know leaves the owner without one', async () => {
		const result = await owners({ loadHubSpotOwners: true, lookUpSlackUsers: true, slackBaseUrl: `${fakes.httpUrl}/api` });
		expect(result['4511']).toEqual({ name: 'Dana Kim', email: 'dana.kim@example.com', slackUserId: 'U0DANA1', crmOwnerId: '77001' });
		expect(result['4512']).toEqual({ name: 'Lee Park', email: 'lee.park@example.com', crmOwnerId: '77002' });
		const lookups = fakes.requests().filter((r) => r.path === '/api/users.lookupByEmail');
		// every owner with an e-mail and no Slack id, once each
		expect(lookups).toHaveLength(120);
		expect(lookups.slice(0, 2).map(path)).toEqual(['/api/users.lookupByEmail email=dana.kim@example.com', '/api/users.lookupByEmail email=lee.park@example.com']);
		expect(lookups[0].headers.authorization).toBe(`Bearer ***${SLACK_TOKEN.slice(-4)}`);
	});

	it('a row without a name (and no HubSpot owners loaded) fails naming the row and how to fix it', async () => {
		const error = await owners({ ownerRows: { owner: [{ ownerId: '77002', name: '', email: 'lee.park@example.com', slackUserId: '' }] } }).catch((e: Error) => e);
		expect((error as Error).message).toBe('Owner row 1 (HubSpot owner 77002) has no name: type the person\'s name, or turn on "Load Owners From HubSpot" to take it from HubSpot');
	});

	it('a Slack token Slack refuses fails naming Slack and the method, with no token in the message', async () => {
		fakes.load({ ...dataset, tokens: { slack: 'xoxb-other' } });
		const error = await owners({ ownerRows: { owner: [{ ownerId: '77001', name: 'Dana Kim', email: 'dana.kim@example.com', slackUserId: '' }] }, lookUpSlackUsers: true, slackBaseUrl: `${fakes.httpUrl}/api` }).catch((e: Error) => e);
		expect((error as Error).message).toContain('Slack: user lookup by e-mail (users.lookupByEmail) failed after 1 attempt (HTTP 400: invalid_auth)');
		expect(JSON.stringify(error)).not.toContain(SLACK_TOKEN);
	});
});
