/**
 * CS Usage Signals through n8n-core's real WorkflowExecute: rows from an upstream node with Account items on
 * the second input, Mixpanel and Pendo against the fakes through n8n's own request helper (the Mixpanel export is
 * a stream), the carried counts in node static data (written only after a successful run), pairing,
 * continue-on-fail and NodeApiError.
 */
import { NodeConnectionTypes, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { activity, days } from '../unit/usage-fixtures';
import { PACKAGE_NAME, runWorkflow, type WorkflowFixture } from './harness';

const SECRET = 'mp-secret-9f8e7d6c5b4a';
const PENDO_KEY = 'pendo-key-0a1b2c3d4e5f';

/** Start → (Usage items, Accounts items) → CS Usage Signals (inputs 0 and 1). */
function usageAndAccounts(parameters: INodeParameters, usage: IDataObject[], accounts?: IDataObject[], staticData?: IDataObject, extra: IDataObject = {}): WorkflowFixture {
	return {
		nodes: [
			{ name: 'Start', type: 'test.items', parameters: { items: JSON.stringify([{}]) } },
			{ name: 'Usage', type: 'test.items', parameters: { items: JSON.stringify(usage) } },
			...(accounts ? [{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accounts) } }] : []),
			{ name: 'Node', type: `${PACKAGE_NAME}.csUsageSignals`, parameters, ...extra },
		],
		connections: {
			Start: { main: [[{ node: 'Usage', type: NodeConnectionTypes.Main, index: 0 }, ...(accounts ? [{ node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 }] : [])]] },
			Usage: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
			...(accounts ? { Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] } } : {}),
		},
		staticData,
	};
}

const ROWS = [
	...activity('acme', 6, '2025-12-01', '2026-03-09'),
	...activity('acme', 4, '2025-12-01', '2026-03-02', { firstUser: 7 }),
	...activity('brightline', 85, '2026-03-02', '2026-03-09'),
] as IDataObject[];
const ACCOUNTS = [
	{ accountId: 'acme', name: 'Acme Corp', licensedSeats: 50 },
	{ accountId: 'brightline', name: 'Brightline', licensedSeats: 100 },
];

describe('CS Usage Signals — from input items', () => {
	const parameters = { source: 'inputItems', asOf: '2026-03-10T09:00:00Z' };

	it('rows on "Usage", Account items on "Accounts": exact signals, each paired with its account; a run summary', async () => {
		const result = await runWorkflow(usageAndAccounts(parameters, ROWS, ACCOUNTS));
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.accountId, s.type, s.evidence])).toEqual([
			['acme', 'usage.wau_drop', 'Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)'],
			['brightline', 'usage.seat_utilisation_high', 'Seat utilisation 85% (85 of 100 licensed seats active in the 30 days to 2026-03-09)'],
		]);
		expect(result.items('Node').map((item) => item.pairedItem)).toEqual([
			{ item: 0, input: 1 },
			{ item: 1, input: 1 },
		]);
		const [summary] = result.output('Node', 1);
		expect(summary).toMatchObject({
			source: 'inputItems',
			rows: ROWS.length,
			rowErrors: 0,
			window: { from: '2025-11-04', to: '2026-03-09', days: 126 },
			accountsWithUsage: 2,
			carried: { restored: false, lastDay: null },
		});
		// stateless by default: nothing is kept in the workflow
		expect(result.staticData).toEqual({});

	});

	it('a bad row fails the node naming the row and the field; with Continue On Fail it is an error item paired with that row', async () => {
		const rows = [{ accountId: 'acme', occurredAt: '31/02/2026' }, ...ROWS];
		const failed = await runWorkflow(usageAndAccounts(parameters, rows, ACCOUNTS));
		const error = failed.error('Node') as unknown as { name: string; message: string; description: string; context: IDataObject };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe('usage row 0: occurredAt "31/02/2026" is not an ISO-8601 date — map the field that holds the event time');
		expect(error.description).toBe(`1 usage item is not usable; turn on "Continue On Fail" to get signals from the others`);
		expect(error.context.itemIndex).toBe(0);

		const lenient = await runWorkflow(usageAndAccounts(parameters, rows, ACCOUNTS, undefined, { continueOnFail: true }));
		expect(lenient.status).toBe('success');
		const items = lenient.items('Node');
		expect(items.at(-1)).toEqual({
			json: { error: 'usage row 0: occurredAt "31/02/2026" is not an ISO-8601 date — map the field that holds the event time' },
			pairedItem: { item: 0, input: 0 },
		});
		expect(items.filter((item) => item.json.type).map((item) => item.json.type)).toEqual(['usage.wau_drop', 'usage.seat_utilisation_high']);
	});

	it('mapped fields and an account key field: warehouse column names, the product key translated to the CRM id', async () => {
		const rows = ROWS.filter((row) => row.accountId === 'acme').map((row) => ({ company: 'grp-acme', person: row.userId, ts: row.occurredAt }));
		const result = await runWorkflow(
			usageAndAccounts({ ...parameters, fieldMapping: { accountKey: 'company', userId: 'person', occurredAt: 'ts' }, accountKeyField: 'productKey' }, rows, [{ accountId: '4511', productKey: 'grp-acme', licensedSeats: 50 }]),
		);
		expect(result.output('Node').map((s) => [s.accountId, s.type])).toEqual([['4511', 'usage.wau_drop']]);
	});

	it('Remember Counts Between Runs: the next run sends only its new day; the counts come from static data', async () => {
		const carry = { ...parameters, carryState: true };
		const day1 = await runWorkflow(usageAndAccounts(carry, ROWS, ACCOUNTS));
		const state = (day1.staticData['node:Node'] as IDataObject).usageSweep as IDataObject;
		expect(state).toMatchObject({ version: 2, lastDay: '2026-03-09', accounts: 2 });
		const newDay = [...activity('acme', 6, '2026-03-10', '2026-03-10'), ...activity('brightline', 85, '2026-03-10', '2026-03-10')] as IDataObject[];
		const day2 = await runWorkflow(usageAndAccounts({ ...carry, asOf: '2026-03-11T09:00:00Z' }, newDay, ACCOUNTS, day1.staticData));
		expect(day2.output('Node').map((s) => s.evidence)).toEqual([
			'Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-10)',
			'Seat utilisation 85% (85 of 100 licensed seats active in the 30 days to 2026-03-10)',
		]);
		expect(day2.output('Node', 1)[0]).toMatchObject({ carried: { restored: true, lastDay: '2026-03-09' }, counted: { eventsCounted: newDay.length } });
	});
});

describe('CS Usage Signals — Mixpanel and Pendo against the fakes, through n8n\'s request helper', () => {
	let fakes: RunningFakeProviders;
	const mixpanelDataset = (to: string) => ({
		now: '2026-03-12T09:00:00Z',
		tokens: { mixpanel: `svc.cs:${SECRET}`, pendo: PENDO_KEY },
		mixpanel: {
			projectId: 2195193,
			events: days('2025-11-01', to).flatMap((day) =>
				Array.from({ length: day > '2026-03-02' ? 6 : 10 }, (_, u) => ({ event: 'Page Viewed', properties: { time: `${day}T10:00:00Z`, distinct_id: `u${u}`, company_id: 'grp-acme' } })),
			),
		},
		pendo: {
			timezone: 'UTC',
			events: days('2025-11-01', to).flatMap((day) => Array.from({ length: day > '2026-03-02' ? 6 : 10 }, (_, v) => ({ accountId: '4511', visitorId: `v${v}`, day, numEvents: 3 }))),
		},
	});
	beforeAll(async () => {
		fakes = await startFakeProviders({ dataset: mixpanelDataset('2026-03-11') });
	});
	afterAll(async () => fakes.close());
	beforeEach(() => {
		fakes.reset();
		fakes.load(mixpanelDataset('2026-03-11'));
	});

	const mixpanelCredentials = () => ({ csMixpanelApi: { username: 'svc.cs', secret: SECRET, projectId: '2195193', region: 'us', projectTimezone: 'UTC', baseUrl: fakes.httpUrl! } });
	const mixpanel = (asOf: string, staticData?: IDataObject, extra: IDataObject = {}) =>
		runWorkflow(
			usageAndAccounts({ source: 'mixpanel', asOf, accountProperty: 'company_id', accountKeyField: 'mixpanelCompanyId' }, [{}], [{ accountId: '4511', licensedSeats: 40, mixpanelCompanyId: 'grp-acme' }], staticData, {
				credentials: { csMixpanelApi: { id: 'cred-mixpanel', name: 'Mixpanel (fake)' } },
				...extra,
			}),
			{ credentials: mixpanelCredentials() },
		);

	it('Mixpanel: streams the export, stores the counts; the second daily run requests only the new day', async () => {
		const day1 = await mixpanel('2026-03-10T09:00:00Z');
		expect(day1.status).toBe('success');
		expect(day1.output('Node').map((s) => [s.accountId, s.evidence, (s.source as IDataObject).system])).toEqual([
			['4511', 'Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)', 'mixpanel'],
		]);
		expect(fakes.requests().map((r) => [r.host, r.path, r.query.from_date, r.query.to_date, r.headers.authorization])).toEqual([
			[new URL(fakes.httpUrl!).host, '/api/2.0/export', '2025-11-04', '2026-03-09', 'Basic svc.cs:***'],
		]);
		const state = (day1.staticData['node:Node'] as IDataObject).usageSweep as IDataObject;
		expect(state).toMatchObject({ version: 2, zone: 'UTC', lastDay: '2026-03-09', accounts: 1, users: 10 });

		fakes.reset();
		fakes.load(mixpanelDataset('2026-03-11'));
		const day2 = await mixpanel('2026-03-11T09:00:00Z', day1.staticData);
		expect(fakes.requests().map((r) => [r.query.from_date, r.query.to_date])).toEqual([['2026-03-10', '2026-03-10']]);
		expect(day2.output('Node').map((s) => s.evidence)).toEqual(['Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-10)']);
		expect(day2.output('Node', 1)[0]).toMatchObject({ requested: { fromDate: '2026-03-10', toDate: '2026-03-10' }, read: { lines: 6 }, state: { lastDay: '2026-03-10' } });
		expect(((day2.staticData['node:Node'] as IDataObject).usageSweep as IDataObject).lastDay).toBe('2026-03-10');
		expect(JSON.stringify(day2.run)).not.toContain(SECRET);
	});

	it('Mixpanel: a refused credential is a NodeApiError with the status; the stored counts stay as they were', async () => {
		const day1 = await mixpanel('2026-03-10T09:00:00Z');
		fakes.reset();
		fakes.load({ ...mixpanelDataset('2026-03-11'), tokens: { mixpanel: 'svc.cs:rotated' } });
		const failed = await mixpanel('2026-03-11T09:00:00Z', day1.staticData);
		const error = failed.error('Node') as unknown as { name: string; message: string; httpCode: string; description: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('401');
		expect(error.description).toBe('Mixpanel /api/2.0/export: HTTP 401 after 1 attempt; read before it stopped: nothing');
		expect(error.message).toBe(
			'Mixpanel: raw event export (GET /api/2.0/export) for 2026-03-10 failed after 1 attempt (HTTP 401: Invalid credentials: the service account username or secret is wrong) — nothing was read; the cursor was not advanced, the next run re-reads from 2026-03-10',
		);
		expect(failed.staticData).toEqual(day1.staticData);
		expect(JSON.stringify(failed.run)).not.toContain(SECRET);
	});

	it('Mixpanel: 429 with Retry-After is waited out, through n8n\'s helper', async () => {
		fakes.addFault({ provider: 'mixpanel', path: '/api/2.0/export', responses: [{ status: 429, retryAfter: 1 }] });
		const result = await mixpanel('2026-03-10T09:00:00Z');
		expect(result.status).toBe('success');
		expect(fakes.requests().map((r) => r.status)).toEqual([429, 200]);
		expect(result.output('Node')).toHaveLength(1);
	});

	it('Pendo: the aggregation in slices, then only the new day; the key never shows', async () => {
		const pendo = (asOf: string, staticData?: IDataObject) =>
			runWorkflow(
				usageAndAccounts({ source: 'pendo', asOf }, [{}], [{ accountId: '4511', licensedSeats: 40 }], staticData, { credentials: { csPendoApi: { id: 'cred-pendo', name: 'Pendo (fake)' } } }),
				{ credentials: { csPendoApi: { integrationKey: PENDO_KEY, region: 'us', subscriptionTimezone: 'UTC', baseUrl: fakes.httpUrl! } } },
			);
		const day1 = await pendo('2026-03-10T09:00:00Z');
		expect(day1.output('Node').map((s) => [s.evidence, (s.source as IDataObject).system])).toEqual([
			['Average daily active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)', 'pendo'],
		]);
		expect(fakes.requests()).toHaveLength(18);
		fakes.reset();
		fakes.load(mixpanelDataset('2026-03-11'));
		const day2 = await pendo('2026-03-11T09:00:00Z', day1.staticData);
		expect(fakes.requests().map((r) => r.json.request.pipeline[0].source.timeSeries)).toEqual([{ period: 'dayRange', first: Date.parse('2026-03-10T00:00:00Z'), count: 1 }]);
		// from Pendo's day rows the weekly figure is the average daily active users: 03-03 (6) is in the earlier week now
		expect(day2.output('Node').map((s) => s.evidence)).toEqual(['Average daily active users down 36.4% week over week (6 vs 9.4, 7 days to 2026-03-10)']);
		expect(JSON.stringify(day2.run)).not.toContain(PENDO_KEY);
	});
});
