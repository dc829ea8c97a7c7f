/**
 * CS Meeting Signals, Gong mode, through the n8n harness against the fake Gong (its OpenAPI shapes): exact
 * signals with quoted evidence, pairing, the cursor and window in static data (no transcript text), the second
 * run reading only new calls, Account items mapping calls by domain and naming the champion, NodeApiError on a
 * failing Gong with the cursor left where it was, Continue On Fail, and redaction of the quoted snippet.
 */
import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { DECLINING_CALLS } from '../fixtures/conversations/meetings';
import { GONG_DANA, GONG_SAM, gongCall, gongCallsOf } from '../fixtures/conversations/gong';

const KEY = 'gong-access-key-1234';
const SECRET = 'gong-secret-abcdefgh5678';
const AS_OF = '2026-11-20T12:00:00Z';
const dataset = { now: AS_OF, gong: { pageSize: 2, calls: gongCallsOf(DECLINING_CALLS) } };

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

const parameters = { source: 'gong', asOf: AS_OF, accountMapping: { rows: [{ from: '001ACME', accountId: 'acme', accountName: 'Acme' }] } };
const run = (staticData = {}, extra: Record<string, unknown> = {}, input: object[] = [{}], node: Record<string, unknown> = {}) =>
	runWorkflow(
		{ ...itemsInto('csMeetingSignals', { ...parameters, ...extra }, input as never, { credentials: { csGongApi: { id: 'cred-gong', name: 'Gong (fake)' } }, ...node }), staticData },
		{ credentials: { csGongApi: { accessKey: KEY, accessKeySecret: SECRET, baseUrl: fakes.httpUrl! } } },
	);

type GongState = { cursor: { through: string }; records: Record<string, { record: { transcript: unknown[] }; analysis?: unknown[] }> };
const stateOf = (staticData: object) => (staticData as { 'node:Node': { gongSweep: GongState } })['node:Node'].gongSweep;

const BUDGET = 'Dana Kim (Acme, VP Ops) on the 12 Nov call: "We need to justify the cost before renewal."';
const DECLINE =
	'Customer sentiment fell across the last 3 calls: +0.70 (27 Oct) → -0.03 (3 Nov) → -0.55 (12 Nov); Dana Kim (Acme, VP Ops) on the 12 Nov call: "Honestly the support experience has been frustrating and we are not happy."';

describe('CS Meeting Signals — Gong mode against the fake Gong', () => {
	it('first run: a customer whose tone declines across three calls, budget language quoted; cursor and calls kept without transcripts', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.type, s.accountId, s.evidence, (s.source as { url?: string }).url])).toEqual([
			['meetings.budget_language', 'acme', BUDGET, 'https://app.gong.io/call?id=c3'],
			['meetings.sentiment_decline', 'acme', DECLINE, 'https://app.gong.io/call?id=c3'],
		]);
		expect(result.items('Node').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(fakes.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v2/calls',
			'GET /v2/calls',
			'POST /v2/calls/extensive',
			'POST /v2/calls/extensive',
			'POST /v2/calls/transcript',
			'POST /v2/calls/transcript',
		]);
		expect(fakes.requests()[0].headers.authorization).toBe(`Basic ${KEY}:***`);
		const state = stateOf(result.staticData);
		expect(state.cursor).toEqual({ through: '2026-11-20T12:00:00Z' });
		expect(Object.keys(state.records)).toEqual(['c1', 'c2', 'c3']);
		expect(Object.values(state.records).map((r) => r.record.transcript)).toEqual([[], [], []]);
		const everything = JSON.stringify(result.run);
		expect(everything).not.toContain(SECRET);
		expect(everything).not.toContain(KEY);
	});

	it('second run reads only the calls since the cursor (less a day) and still sees the whole window: same signals, same ids', async () => {
		const first = await run();
		fakes.reset();
		fakes.load({ ...dataset, gong: { ...dataset.gong, calls: [...dataset.gong.calls, gongCall('c4', '2026-11-20T15:00:00Z', [GONG_DANA, GONG_SAM], [['Dana Kim', 'We are evaluating Northwind before the renewal.']])] } });
		const second = await run(first.staticData, { asOf: '2026-11-21T12:00:00Z', language: { competitors: 'Northwind' } });
		expect(fakes.requests()[0].query).toEqual({ fromDateTime: '2026-11-19T12:00:00Z', toDateTime: '2026-11-21T12:00:00Z' });
		expect(fakes.requests().filter((r) => r.path === '/v2/calls/extensive').map((r) => r.json.filter)).toEqual([{ callIds: ['c4'] }]);
		const signals = second.output('Node');
		expect(signals.map((s) => s.type)).toEqual(['meetings.budget_language', 'meetings.competitor_mention']);
		expect(signals[0].id).toBe(first.output('Node')[0].id);
		expect(signals[1].evidence).toBe('Dana Kim (Acme, VP Ops) on the 20 Nov call: "We are evaluating Northwind before the renewal."');
		// the decline stopped: the fourth call was not lower than the third (its tone is neutral)
		expect(Object.keys(stateOf(second.staticData).records)).toEqual(['c1', 'c2', 'c3', 'c4']);
	});

	it('Account items on the input map calls by e-mail domain and say who the champion is', async () => {
		fakes.load({ ...dataset, gong: { ...dataset.gong, calls: dataset.gong.calls.map((c) => ({ ...c, context: [] })) } });
		const account = { accountId: 'acme-corp', name: 'Acme Corp', domain: 'acme.com', arr: 1, contacts: [{ name: 'Dana Kim', title: 'VP Ops', isChampion: true }] };
		const result = await run({}, { accountMapping: {} }, [account]);
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.type, s.accountId, s.evidence])).toEqual([
			['meetings.budget_language', 'acme-corp', BUDGET.replace('(Acme,', '(Acme Corp,')],
			['meetings.champion_positive', 'acme-corp', 'Champion Dana Kim (Acme Corp, VP Ops) was positive on the 27 Oct call (sentiment +0.70): "The rollout went really smoothly and the team is thrilled with the results."'],
			['meetings.sentiment_decline', 'acme-corp', DECLINE.replace('(Acme,', '(Acme Corp,')],
		]);
	});

	it('redacts names, e-mail addresses and numbers even inside the quoted snippet when asked', async () => {
		fakes.load({ ...dataset, gong: { calls: [gongCall('c9', '2026-11-18T10:00:00Z', [GONG_DANA, GONG_SAM], [['Dana Kim', 'Sam, we need to justify the cost of 40 seats, mail dana@acme.com.']])] } });
		const result = await run({}, { language: { redact: true } });
		expect(result.output('Node').map((s) => s.evidence)).toEqual(['Dana Kim (Acme, VP Ops) on the 18 Nov call: "[name], we need to justify the cost of [number] seats, mail [email]."']);
	});

	it('a Gong that keeps failing fails the node with a NodeApiError naming the endpoint; the stored cursor is not advanced', async () => {
		const first = await run();
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'gong', path: '/v2/calls', responses: [{ status: 500 }], repeatLast: true });
		const failed = await run(first.staticData, { asOf: '2026-11-21T12:00:00Z', maxAttempts: 2 });
		expect(failed.status).toBe('error');
		const error = failed.error('Node') as unknown as { name: string; message: string; httpCode: string; description: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe(
			'Gong: call list (GET /v2/calls) failed after 2 attempts (HTTP 500: ["Failed to complete the operation due to an unexpected error"]) — 0 pages / 0 calls / 0 transcripts were read; the cursor was not advanced, the next run re-reads from the calls started since 2026-11-20T12:00:00Z',
		);
		expect(error.description).toBe('Gong /v2/calls: HTTP 500 after 2 attempts; read before it stopped: 0 pages, 0 calls and 0 transcripts');
		expect(failed.staticData).toEqual(first.staticData);
		expect(JSON.stringify(failed.run)).not.toContain(SECRET);
	});

	it('with Continue On Fail the failure is one error item paired to the trigger, and nothing is stored', async () => {
		fakes.addFault({ provider: 'gong', path: '/v2/calls', responses: [{ status: 500 }], repeatLast: true });
		const failed = await run({}, { maxAttempts: 1 }, [{}], { continueOnFail: true });
		expect(failed.status).toBe('success');
		expect(failed.items('Node')).toEqual([
			{ json: { error: expect.stringMatching(/^Gong: call list \(GET \/v2\/calls\) failed after 1 attempt \(HTTP 500/) }, pairedItem: { item: 0 } },
		]);
		expect(failed.staticData).toEqual({ 'node:Node': {} });
	});

	it('an Account item that is not an account is reported with its index; with Continue On Fail the signals still come', async () => {
		const failed = await run({}, {}, [{ accountId: 'acme', name: '' }]);
		expect(failed.error('Node')?.message).toBe('account 0: name "" must not be empty');
		const kept = await run({}, {}, [{ accountId: 'acme', name: '' }], { continueOnFail: true });
		expect(kept.output('Node').map((s) => s.type ?? s.error)).toEqual(['meetings.budget_language', 'meetings.sentiment_decline', 'account 0: name "" must not be empty']);
	});
});
