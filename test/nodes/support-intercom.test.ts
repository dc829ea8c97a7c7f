/**
 * CS Support Signals — Intercom mode through n8n (the harness runs the real WorkflowExecute) against the Intercom
 * fake: the csIntercomApi credential's Bearer token and Intercom-Version header, the exact signals the unchanged
 * support detectors find on Intercom conversations, the stored mark kept only after a successful run, 429 with
 * X-RateLimit-Reset, NodeApiError naming Intercom, continue-on-fail, and no conversation text in any output.
 */
import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { AS_OF, CANARY, COMPANY_ACCOUNTS, intercomDataset, TOKEN } from '../fixtures/intercom/book';

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset: intercomDataset });
});
afterAll(async () => {
	await fakes.close();
});
beforeEach(() => {
	fakes.reset();
	fakes.load(intercomDataset);
});

const parameters = { source: 'intercom', asOf: AS_OF, intercomWindowDays: 120, intercomCompanyAccounts: JSON.stringify(COMPANY_ACCOUNTS) };
const run = (staticData = {}, extra: { parameters?: object; onError?: 'continueRegularOutput' } = {}) => {
	const merged = { ...parameters, ...(extra.parameters ?? {}) };
	return runWorkflow(
		{ ...itemsInto('csSupportSignals', merged, [{}], { credentials: { csIntercomApi: { id: 'cred-intercom', name: 'Intercom (fake)' } }, ...(extra.onError ? { onError: extra.onError } : {}) }), staticData },
		{ credentials: { csIntercomApi: { accessToken: TOKEN, region: 'us', workspaceId: 'abc12def', baseUrl: fakes.httpUrl! } } },
	);
};

type State = { 'node:Node': { intercomSweep: { updatedSince: number; tickets: Record<string, Record<string, unknown>> } } };
const MARK = Date.parse('2026-11-13T15:00:00Z') / 1000;

describe('CS Support Signals — Intercom mode against the fake Intercom', () => {
	it('reads the changed conversations, their parts and the contacts\' companies with the Bearer token and Intercom-Version 2.14, and emits the support signals with links into the Inbox', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		const requests = fakes.requests();
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /conversations/search',
			'GET /conversations/215',
			'GET /conversations/388',
			'GET /conversations/502',
			'GET /conversations/503',
			'GET /conversations/471',
			'GET /contacts/6762f0f31bb69f9f2193bb8b/companies',
			'GET /contacts/6762f0f31bb69f9f2193bb9c/companies',
			'GET /contacts/6762f0f31bb69f9f2193bbad/companies',
		]);
		for (const request of requests) expect(request.headers).toMatchObject({ authorization: `Bearer ***${TOKEN.slice(-4)}`, 'intercom-version': '2.14' });
		expect(requests[1].query).toEqual({ display_as: 'plaintext' });
		const signals = result.output('Node');
		expect(signals.map((s) => [s.type, s.accountId, (s.source as { url?: string }).url])).toEqual([
			['support.frustration_language', '4511', 'https://app.intercom.com/a/inbox/abc12def/inbox/conversation/471'],
			['support.low_csat', '4511', 'https://app.intercom.com/a/inbox/abc12def/inbox/conversation/388'],
			// the repeat issue links the latest of its conversations
			['support.repeat_issue', '4511', 'https://app.intercom.com/a/inbox/abc12def/inbox/conversation/471'],
			['support.sev1_escalation', '4511', 'https://app.intercom.com/a/inbox/abc12def/inbox/conversation/471'],
			['support.sla_breach', '4511', 'https://app.intercom.com/a/inbox/abc12def/inbox/conversation/388'],
		]);
		expect(signals[3].evidence).toBe('Urgent ticket #471 "Export to CSV fails" opened 2026-11-12, still unsolved');
		expect(result.items('Node').every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(true);
		const state = (result.staticData as State)['node:Node'].intercomSweep;
		expect(state.updatedSince).toBe(MARK);
		expect(Object.keys(state.tickets).sort()).toEqual(['215', '388', '471', '502']);
	});

	it('no conversation text in the items, the run data or the static data beyond the quoted sentence', async () => {
		const result = await run();
		const everything = JSON.stringify([result.run, result.staticData]);
		expect(everything).not.toContain('CANARY-7731');
		expect(everything).not.toContain('losing patience with this export');
		expect(everything).not.toContain('Sorry about that');
		expect(everything).toContain('The export to CSV fails for the third time this month.');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
		expect(CANARY).toContain('CANARY-7731');
	});

	it('the next run starts from the stored mark; a run that fails for good leaves the stored state exactly as it was', async () => {
		const first = await run();
		fakes.reset();
		fakes.load(intercomDataset);
		const second = await run(first.staticData);
		expect(second.status).toBe('success');
		expect(fakes.requests().map((r) => (r.path === '/conversations/search' ? (r.json as { query: { value: number } }).query.value : r.path))).toEqual([MARK - 1, '/conversations/471']);
		expect(second.output('Node').map((s) => s.id)).toEqual(first.output('Node').map((s) => s.id));

		fakes.reset();
		fakes.load(intercomDataset);
		fakes.addFault({ provider: 'intercom', path: '/conversations/search', responses: [{ status: 503 }], repeatLast: true });
		const failed = await run(second.staticData, { parameters: { maxAttempts: 2 } });
		expect(failed.status).toBe('error');
		expect(failed.error('Node')?.message).toBe(
			'Intercom: conversation search (POST /conversations/search, updated after 2026-11-13T14:59:59Z) failed after 2 attempts (HTTP 503: Service Unavailable) — 0 pages / 0 conversations were read; the stored mark was not advanced, the next run reads the same changes again',
		);
		expect(failed.staticData).toEqual(second.staticData);
		const error = failed.error('Node') as unknown as { name: string; httpCode: string; description: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('503');
		expect(error.description).toBe('Intercom /conversations/search: HTTP 503 after 2 attempts; read before it stopped: 0 pages and 0 conversations');
	});

	it('429 with X-RateLimit-Reset (no Retry-After) then 200: the same signals and state as a clean run', async () => {
		const clean = await run();
		fakes.reset();
		fakes.load(intercomDataset);
		fakes.addFault({ provider: 'intercom', path: '/conversations/search', responses: [{ status: 429, resetAfter: 1 }] });
		const retried = await run();
		expect(retried.status).toBe('success');
		const limited = fakes.requests().find((r) => r.fault)!;
		expect(limited.status).toBe(429);
		expect(retried.output('Node')).toEqual(clean.output('Node'));
		expect(retried.staticData).toEqual(clean.staticData);
	});

	it('with Continue On Fail a failed sweep is one error item naming Intercom, and nothing is stored', async () => {
		fakes.addFault({ provider: 'intercom', method: 'GET', path: '/conversations/388', responses: [{ status: 500 }], repeatLast: true });
		const result = await run({}, { parameters: { maxAttempts: 1 }, onError: 'continueRegularOutput' });
		expect(result.status).toBe('success');
		expect(result.output('Node').map((item) => item.error)).toEqual([
			'Intercom: conversation 388 with its parts (GET /conversations/388) failed after 1 attempt (HTTP 500: Service Unavailable) — 1 of 5 changed conversations were read; the stored mark was not advanced, the next run reads the same changes again',
		]);
		expect(result.staticData).toEqual({ 'node:Node': {} });
	});

	it('a conversation the mapping cannot read fails the node naming it (the mark is not advanced)', async () => {
		const broken = JSON.parse(JSON.stringify(intercomDataset));
		broken.intercom.conversations[0].state = 'archived';
		fakes.load(broken);
		const result = await run();
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe('Intercom conversation 215: state "archived" is not one of open, snoozed, closed');
		expect(result.staticData).toEqual({ 'node:Node': {} });
	});
});
