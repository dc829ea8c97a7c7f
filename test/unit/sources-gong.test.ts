/**
 * Gong: the client pages /v2/calls, /v2/calls/extensive and /v2/calls/transcript against the fake (which follows
 * Gong's OpenAPI document), keeps Gong's 3 requests a second, retries a 429 after its Retry-After and fails for
 * good naming the endpoint and what was read; the mapping finds the account from the CRM context or the domains;
 * the sweep keeps no transcript text and reads only new calls on the next run.
 */
import { DateTime } from 'luxon';
import { accountDirectory, AccountSchema, MeetingSchema } from '../../engine/model';
import { SourceError } from '../../engine/sources/http';
import { mapGongCall, readGongCalls } from '../../engine/sources/gong';
import { sweepGong } from '../../engine/sweeps';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { basic, fetchContext } from '../fakes/request';
import { asApiCall, GONG_DANA, GONG_LEE, GONG_SAM, gongCall, gongCallsOf } from '../fixtures/conversations/gong';
import { DECLINING_CALLS } from '../fixtures/conversations/meetings';

const AS_OF = '2026-11-20T12:00:00Z';
const from = DateTime.fromISO('2026-10-01T00:00:00Z', { zone: 'utc' });
const to = DateTime.fromISO(AS_OF, { zone: 'utc' });
const dataset = { now: AS_OF, gong: { pageSize: 2, calls: gongCallsOf(DECLINING_CALLS) } };

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const client = () => ({ ...fetchContext(basic('key', 'secret')), baseUrl: fakes.httpUrl! });
const requests = () => fakes.requests().map((r) => `${r.method} ${r.path}${r.query.cursor || (r.json && r.json.cursor) ? ' (next page)' : ''}`);

describe('Gong client', () => {
	it('pages the call list, the extensive data and the transcripts, at 3 requests a second', async () => {
		const context = client();
		const result = await readGongCalls({ client: context, from, to, transcripts: true, resumeFrom: 'x' });
		expect(requests()).toEqual([
			'GET /v2/calls',
			'GET /v2/calls (next page)',
			'POST /v2/calls/extensive',
			'POST /v2/calls/extensive (next page)',
			'POST /v2/calls/transcript',
			'POST /v2/calls/transcript (next page)',
		]);
		expect(fakes.requests()[0].query).toEqual({ fromDateTime: '2026-10-01T00:00:00Z', toDateTime: '2026-11-20T12:00:00Z' });
		expect(fakes.requests()[2].json).toEqual({
			contentSelector: { context: 'Extended', contextTiming: ['TimeOfCall'], exposedFields: { parties: true } },
			filter: { callIds: ['c1', 'c2', 'c3'] },
		});
		expect(context.sleeps).toEqual([334, 334, 334, 334, 334]);
		expect(result.read).toEqual({ pages: 6, calls: 3, transcripts: 3 });
		expect(result.calls.map((c) => [c.metaData.id, c.parties?.length, c.transcript?.length])).toEqual([['c1', 2, 2], ['c2', 2, 2], ['c3', 2, 3]]);
	});

	it('an empty window (Gong answers 404 "No calls found") is no calls, not an error', async () => {
		const result = await readGongCalls({ client: client(), from: to.plus({ days: 1 }), to: to.plus({ days: 2 }), transcripts: true, resumeFrom: 'x' });
		expect(result).toEqual({ calls: [], read: { pages: 0, calls: 0, transcripts: 0 } });
	});

	it('a 429 waits its Retry-After and then reads the same as a clean run', async () => {
		const clean = await readGongCalls({ client: client(), from, to, transcripts: true, resumeFrom: 'x' });
		fakes.reset();
		fakes.addFault({ provider: 'gong', method: 'POST', path: '/v2/calls/extensive', responses: [{ status: 429, retryAfter: 2 }] });
		const context = client();
		const retried = await readGongCalls({ client: context, from, to, transcripts: true, resumeFrom: 'x' });
		expect(retried).toEqual(clean);
		expect(context.sleeps).toContain(2000);
		expect(fakes.requests().filter((r) => r.status === 429).map((r) => r.path)).toEqual(['/v2/calls/extensive']);
	});

	it('fails for good naming Gong, the endpoint and what was read; the daily quota is not waited for', async () => {
		fakes.addFault({ provider: 'gong', method: 'POST', path: '/v2/calls/transcript', responses: [{ status: 503 }], repeatLast: true });
		const failure = await readGongCalls({ client: client(), from, to, transcripts: true, resumeFrom: 'the calls started since 2026-11-19T12:00:00Z' }).catch((e) => e);
		expect(failure).toBeInstanceOf(SourceError);
		expect(failure.message).toBe(
			'Gong: transcripts (POST /v2/calls/transcript) failed after 4 attempts (HTTP 503: ["Failed to complete the operation due to an unexpected error"]) — 4 pages / 3 calls / 0 transcripts were read; the cursor was not advanced, the next run re-reads from the calls started since 2026-11-19T12:00:00Z',
		);
		expect(failure).toMatchObject({ source: 'Gong', endpoint: '/v2/calls/transcript', statusCode: 503, attempts: 4, read: { pages: 4, calls: 3, transcripts: 0 } });

		fakes.reset();
		fakes.addFault({ provider: 'gong', path: '/v2/calls', responses: [{ status: 429, retryAfter: 36000 }] });
		const quota = await readGongCalls({ client: client(), from, to, transcripts: false, resumeFrom: 'the start of the 210-day window' }).catch((e) => e);
		expect(quota.message).toBe(
			'Gong: call list (GET /v2/calls) failed after 1 attempt (HTTP 429: ["API request limit exceeded"]; the provider asks to wait 36000 s, longer than the 120 s this sweep waits) — 0 pages / 0 calls / 0 transcripts were read; the cursor was not advanced, the next run re-reads from the start of the 210-day window',
		);
	});

	it('refuses a wrong access key with Gong’s own message', async () => {
		fakes.load({ ...dataset, tokens: { gong: 'key:right-secret' } });
		const failure = await readGongCalls({ client: client(), from, to, transcripts: false, resumeFrom: 'x' }).catch((e) => e);
		expect(failure.message).toMatch(/^Gong: call list \(GET \/v2\/calls\) failed after 1 attempt \(HTTP 401: \["Unauthorized: invalid access key or secret"\]\)/);
		expect(failure.message).not.toContain('secret"]:');
	});
});

describe('Gong call mapping', () => {
	const call = asApiCall(gongCall('777', '2026-11-12T15:00:00Z', [GONG_DANA, { ...GONG_LEE, missed: true }, GONG_SAM], [['Dana Kim', 'We need to justify the cost.'], ['Sam Ortiz', 'Sure.']]));

	it('a call becomes a meeting: the account from the CRM context, parties with side and attendance, turns named after their party', () => {
		const mapped = mapGongCall(call as never, { directory: accountDirectory([], [{ from: '001ACME', accountId: 'acme', accountName: 'Acme Corp' }]) });
		expect(mapped).toEqual({
			meeting: {
				callId: '777',
				url: 'https://app.gong.io/call?id=777',
				accountId: 'acme',
				accountName: 'Acme Corp',
				startedAt: '2026-11-12T15:00:00Z',
				durationMinutes: 30,
				status: 'held',
				participants: [
					{ name: 'Dana Kim', email: 'dana@acme.com', title: 'VP Ops', affiliation: 'customer', attended: true },
					{ name: 'Lee Park', email: 'lee@acme.com', title: 'CFO', affiliation: 'customer', attended: false },
					{ name: 'Sam Ortiz', email: 'sam@vendor.io', title: 'CSM', affiliation: 'vendor', attended: true },
				],
				transcript: [
					{ speaker: 'Dana Kim', start: 0, text: 'We need to justify the cost.' },
					{ speaker: 'Sam Ortiz', start: 30, text: 'Sure.' },
				],
			},
		});
		expect(MeetingSchema.safeParse((mapped as { meeting: unknown }).meeting).success).toBe(true);
	});

	it('without a mapping row the CRM record id is the account id; a field of the record can be chosen instead', () => {
		expect(mapGongCall(call as never, { directory: accountDirectory() })).toMatchObject({ meeting: { accountId: '001ACME', accountName: 'Acme' } });
		expect(mapGongCall(call as never, { directory: accountDirectory(), accountIdField: 'Name' })).toMatchObject({ meeting: { accountId: 'Acme' } });
	});

	it('a call without CRM context is found by its external participants’ domain, or said to be unmapped; an internal call is no customer call', () => {
		const bare = { ...call, context: [] };
		const directory = accountDirectory([AccountSchema.parse({ accountId: 'acme', name: 'Acme Corp', domain: 'acme.com' })]);
		expect(mapGongCall(bare as never, { directory })).toMatchObject({ meeting: { accountId: 'acme', accountName: 'Acme Corp' } });
		expect(mapGongCall(bare as never, { directory: accountDirectory() })).toEqual({
			skipped: 'unmapped',
			reason: 'Gong call 777 (Acme sync 777) has no Account in its CRM context and no account has the domain acme.com; add an Account Mapping row (CRM id or e-mail domain → account id)',
		});
		const internal = asApiCall(gongCall('778', '2026-11-12T15:00:00Z', [GONG_SAM], [], { scope: 'Internal', context: [] }));
		expect(mapGongCall(internal as never, { directory })).toEqual({ skipped: 'internal', reason: 'Gong call 778 (Acme sync 778) is an internal call' });
	});

	it('names the call and the field that cannot be read', () => {
		expect(mapGongCall({ ...call, metaData: { id: '779', title: 'QBR' } } as never, { directory: accountDirectory() })).toEqual({
			problem: 'Gong call 779 (QBR): metaData.started null is not an ISO-8601 date-time',
		});
	});
});

describe('Gong sweep', () => {
	const options = (previous?: unknown, asOf = AS_OF) => ({
		client: { ...client(), retry: { maxAttempts: 2 } },
		previous,
		asOf,
		transcripts: true,
		mapping: { directory: accountDirectory([], [{ from: '001ACME', accountId: 'acme', accountName: 'Acme' }]) },
		unmappedCalls: 'skip' as const,
	});

	it('keeps the window without transcript text, and the next run reads only from the cursor (less a day) and detects the same', async () => {
		const first = await sweepGong(options());
		expect(first.detections.map((d) => d.signal.type)).toEqual(['meetings.budget_language', 'meetings.sentiment_decline']);
		expect(first.state.cursor).toEqual({ through: '2026-11-20T12:00:00Z' });
		const kept = JSON.stringify(first.state);
		// neutral sentences and our own words are not kept at all; the rest only as the snippets a signal may quote
		for (const text of ['Things are okay', 'How are things going', "We're sorry the export keeps failing"]) expect(kept).not.toContain(text);
		expect(kept).not.toContain('"text"');
		expect(Object.values(first.state.records).every((r) => (r.record.transcript ?? []).length === 0)).toBe(true);

		fakes.reset();
		const second = await sweepGong(options(first.state, '2026-11-21T12:00:00Z'));
		expect(fakes.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/calls']); // Gong: 404, no calls since
		expect(fakes.requests()[0].query.fromDateTime).toBe('2026-11-19T12:00:00Z');
		expect(second.detections.map((d) => [d.signal.type, d.signal.evidence])).toEqual(first.detections.map((d) => [d.signal.type, d.signal.evidence]));
		expect(second.detections.map((d) => d.signal.id)).toEqual(first.detections.map((d) => d.signal.id));
	});

	it('an unmapped external call is counted, or reported when asked', async () => {
		fakes.load({ ...dataset, gong: { ...dataset.gong, calls: [...dataset.gong.calls, gongCall('c9', '2026-11-18T10:00:00Z', [{ ...GONG_DANA, email: 'dana@globex.com' }, GONG_SAM], [], { context: [] })] } });
		const skipped = await sweepGong(options());
		expect(skipped.skipped).toEqual({ internal: 0, unmapped: 1 });
		expect(skipped.unusable).toEqual([]);
		fakes.reset();
		const reported = await sweepGong({ ...options(), unmappedCalls: 'error' });
		expect(reported.unusable).toEqual([
			{ itemIndex: 0, message: 'Gong call c9 (Acme sync c9) has no Account in its CRM context and no account has the domain globex.com; add an Account Mapping row (CRM id or e-mail domain → account id)' },
		]);
	});
});
