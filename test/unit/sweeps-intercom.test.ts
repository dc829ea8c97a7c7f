/**
 * Intercom mode of CS Support Signals at the engine: the sweep against the Intercom fake (test/fakes/intercom.js,
 * the 2.14 shapes). The same support detectors as for Zendesk, unchanged, on conversations mapped to canonical
 * tickets: exact signals and evidence; the search's cursor paging and its guard; 429 with X-RateLimit-Reset; the stored
 * mark only in the result (the caller keeps it after success); errors naming the conversation; no message text kept.
 */
import { SourceError, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { intercomTicket, plainText, searchIntercomConversations } from '../../engine/sources/intercom';
import { sweepIntercom } from '../../engine/sweeps';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { bearer, fetchContext } from '../fakes/request';
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

const context = (now = () => Date.parse(AS_OF)) => fetchContext(bearer(TOKEN), { now });
const sweep = (client = context(), previous?: unknown) => sweepIntercom({ client: { ...client, baseUrl: fakes.httpUrl! }, asOf: AS_OF, windowDays: 120, companyAccounts: COMPANY_ACCOUNTS, previous });
const unix = (iso: string) => Date.parse(iso) / 1000;

describe('Intercom sweep: the support detectors on Intercom conversations', () => {
	it('escalation, frustration, repeat issue, low CSAT and SLA breach — exact evidence, each on its account; the lead without a company is counted, not analysed', async () => {
		const run = await sweep();
		expect(run.unusable).toEqual([]);
		expect(run.detections.map(({ signal }) => [signal.type, signal.accountId, signal.source.ref, signal.evidence])).toEqual([
			['support.frustration_language', '4511', '471', 'The customer on ticket #471 "Export to CSV fails" wrote: "The export to CSV fails for the third time this month." (3 frustrated sentences on the ticket)'],
			['support.low_csat', '4511', '388', 'Ticket #388 "CSV export fails again" rated 1/5 by the customer'],
			[
				'support.repeat_issue',
				'4511',
				'repeat:215',
				'The same issue came back: 3 tickets in 43 days share "csv, export and fail": #471 "Export to CSV fails" (2026-11-12), #388 "CSV export fails again" (2026-10-28), #215 "CSV export fails with a timeout" (2026-09-30)',
			],
			['support.sev1_escalation', '4511', '471', 'Urgent ticket #471 "Export to CSV fails" opened 2026-11-12, still unsolved'],
			['support.sla_breach', '4511', '388:reply time', 'SLA breached on ticket #388 "CSV export fails again": reply time (policy "VIP first reply 1h") missed on 2026-10-28 10:30 UTC'],
		]);
		expect(run.detections.every(({ signal }) => signal.source.system === 'intercom')).toBe(true);
		// the customer's own replies in the parts are what the frustration detector read
		expect(run.detections[0].signal.attributes).toEqual({ ticketId: '471', phrases: ['third time', 'unacceptable', 'losing patience'] });
		expect(run.withoutCompany).toBe(1);
		expect(run.read).toEqual({ pages: 1, conversations: 5, contacts: 3 });
		// Globex's conversation is in the window under its CRM account (mapped from the Intercom company id)
		expect(run.state.tickets['502']).toMatchObject({ accountId: '4512', status: 'solved', resolutionMinutes: 60, firstReplyMinutes: 15 });
	});

	it('keeps no conversation text: no message, no part, only the analysis with its one quotable sentence per conversation', async () => {
		const run = await sweep();
		const state = JSON.stringify(run.state);
		expect(state).not.toContain('CANARY-7731');
		expect(state).not.toContain('losing patience with this export');
		expect(state).not.toContain('Sorry about that');
		for (const ticket of Object.values(run.state.tickets)) expect(Object.keys(ticket)).not.toContain('comments');
		expect(JSON.stringify(run.detections)).not.toContain(CANARY);
		expect(Object.values(run.state.commentAnalysis ?? {}).flat().map((sentence) => sentence.snippet).filter(Boolean)).toEqual([
			'Our CSV export fails with a timeout after two minutes.',
			'The CSV export fails again for the finance team.',
			'The export to CSV fails for the third time this month.',
		]);
	});

	it('a second run asks only for what changed since the stored mark (updated_at > mark − 1 s) and finds the same signals from the kept window', async () => {
		const first = await sweep();
		expect(first.state.updatedSince).toBe(unix('2026-11-13T15:00:00Z'));
		fakes.reset();
		fakes.load(intercomDataset);
		const second = await sweep(context(), JSON.parse(JSON.stringify(first.state)));
		const searches = fakes.requests().filter((r) => r.path === '/conversations/search');
		expect(searches.map((r) => r.json)).toEqual([{ query: { field: 'updated_at', operator: '>', value: unix('2026-11-13T15:00:00Z') - 1 }, pagination: { per_page: 50 } }]);
		// only conversation 471 changed in that second: read again with its parts; its contact is known already
		expect(fakes.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['POST /conversations/search', 'GET /conversations/471']);
		expect(second.detections.map(({ signal }) => signal.id)).toEqual(first.detections.map(({ signal }) => signal.id));
		expect(second.state.updatedSince).toBe(first.state.updatedSince);
	});

	it('follows pages.next.starting_after to the last page, each page asked with the cursor of the one before', async () => {
		const changes = await searchIntercomConversations({ ...context(), baseUrl: fakes.httpUrl!, pageSize: 2 }, unix('2026-07-01T00:00:00Z'));
		const bodies = fakes.requests().map((r) => r.json as { pagination: { starting_after?: string } });
		expect(bodies).toHaveLength(3);
		expect(bodies[0].pagination).toEqual({ per_page: 2 });
		expect(bodies[1].pagination.starting_after).toEqual(expect.any(String));
		expect(bodies[2].pagination.starting_after).not.toBe(bodies[1].pagination.starting_after);
		expect(changes.conversations.map((c) => c.id)).toEqual(['215', '388', '502', '503', '471']);
		expect(changes.read).toEqual({ pages: 3, conversations: 5 });
		expect(changes.newestUpdatedAt).toBe(unix('2026-11-13T15:00:00Z'));
	});

	it('a 429 without Retry-After waits for its X-RateLimit-Reset, then goes on', async () => {
		fakes.addFault({ provider: 'intercom', path: '/conversations/search', responses: [{ status: 429, resetAfter: 2 }] });
		const client = context(Date.now);
		const run = await sweep(client);
		expect(run.detections).toHaveLength(5);
		expect(client.sleeps).toHaveLength(1);
		// the reset is a whole second 1 to 2 s ahead: the wait asked for is what is left of it
		expect(client.sleeps[0]).toBeGreaterThan(0);
		expect(client.sleeps[0]).toBeLessThanOrEqual(2000);
	});

	it('a reset too far ahead fails the run at once, saying so; nothing is returned to store', async () => {
		fakes.addFault({ provider: 'intercom', path: '/conversations/search', responses: [{ status: 429, resetAfter: 3600 }] });
		const error = await sweep(context(Date.now)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SourceError);
		expect((error as Error).message).toMatch(
			/^Intercom: conversation search \(POST \/conversations\/search, updated after 2026-07-17T08:59:59Z\) failed after 1 attempt \(HTTP 429: Rate Limit Exceeded; the provider asks to wait 3[56]\d\d s, longer than the 120 s this sweep waits\) — 0 pages \/ 0 conversations were read; the stored mark was not advanced, the next run reads the same changes again$/,
		);
	});

	it('a conversation that cannot be read with its parts fails the run naming it (the stored mark stays where it was)', async () => {
		fakes.addFault({ provider: 'intercom', method: 'GET', path: '/conversations/471', responses: [{ status: 503 }], repeatLast: true });
		const client = context();
		const error = await sweep(client).catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Intercom: conversation 471 with its parts (GET /conversations/471) failed after 4 attempts (HTTP 503: Service Unavailable) — 4 of 5 changed conversations were read; the stored mark was not advanced, the next run reads the same changes again',
		);
		expect(client.sleeps).toEqual([1000, 2000, 4000]);
	});

	it('a conversation Intercom sends in a shape the mapping cannot read is named; the others still give their signals', async () => {
		const broken = JSON.parse(JSON.stringify(intercomDataset));
		broken.intercom.conversations[3].state = 'archived';
		fakes.load(broken);
		const run = await sweep();
		expect(run.unusable).toEqual([{ itemIndex: 0, message: 'Intercom conversation 502: state "archived" is not one of open, snoozed, closed' }]);
		expect(run.detections).toHaveLength(5);
		expect(run.state.tickets['502']).toBeUndefined();
	});

	it('the paging guard: a search that hands back a cursor it gave before fails naming it, never loops', async () => {
		const calls: SourceRequestOptions[] = [];
		const page = (next: string) => ({ type: 'conversation.list', total_count: 9, pages: { type: 'pages', page: 1, per_page: 1, total_pages: 9, next: { per_page: 1, starting_after: next } }, conversations: [{ type: 'conversation', id: String(calls.length), updated_at: 1 }] });
		const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
			calls.push(options);
			return { statusCode: 200, headers: {}, body: page(calls.length === 2 ? 'WzEsMl0=' : 'WzEsMV0=') };
		};
		const error = await searchIntercomConversations({ request, sleep: async () => {}, baseUrl: 'https://api.intercom.io' }, 0).catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Intercom: conversation search (POST /conversations/search, updated after 1970-01-01T00:00:00Z) returned the cursor "WzEsMV0=" again after page 3 (first given after page 1): the provider is paging in a cycle — 3 pages / 3 conversations were read; the stored mark was not advanced, the next run reads the same changes again',
		);
		expect(calls).toHaveLength(3);
	});
});

describe('Intercom conversation → canonical ticket (mapping only)', () => {
	const conversation = {
		type: 'conversation',
		id: '471',
		title: null,
		created_at: 1762938000,
		updated_at: 1763046000,
		state: 'snoozed',
		priority: 'priority',
		tags: { type: 'tag.list', tags: [{ type: 'tag', id: '1', name: 'export' }] },
		conversation_rating: { rating: 2, remark: 'slow' },
		source: { type: 'email', subject: '<p>Export &amp; import</p>', body: '<p>Export is <b>broken</b>.<br>Again!</p>', author: { type: 'lead', id: 'c1' } },
		statistics: { time_to_admin_reply: 2310, last_admin_reply_at: 1762940310 },
		sla_applied: { type: 'conversation_sla_summary', sla_name: 'VIP', sla_status: 'missed' },
		conversation_parts: {
			type: 'conversation_part.list',
			conversation_parts: [
				{ part_type: 'comment', body: '<p>On it.</p>', created_at: 1762940310, author: { type: 'admin', id: '9' } },
				{ part_type: 'assignment', body: null, created_at: 1762940400, author: { type: 'admin', id: '9' } },
				{ part_type: 'comment', body: 'Still broken', created_at: 1763046000, author: { type: 'user', id: 'c1' } },
			],
		},
	};

	it('maps state, priority, rating, statistics, SLA and the customer\'s messages (HTML removed) onto the canonical names', () => {
		expect(intercomTicket(conversation, '4511', { workspaceId: 'abc12def' })).toEqual({
			accountId: '4511',
			ticketId: '471',
			createdAt: '2025-11-12T09:00:00Z',
			updatedAt: '2025-11-13T15:00:00Z',
			priority: 'urgent',
			status: 'pending',
			satisfactionScore: 2,
			subject: 'Export & import',
			url: 'https://app.intercom.com/a/inbox/abc12def/inbox/conversation/471',
			firstReplyMinutes: 39,
			tags: ['export'],
			comments: [
				{ text: 'Export is broken .\nAgain!', fromCustomer: true },
				{ text: 'On it.', fromCustomer: false, createdAt: '2025-11-12T09:38:30Z' },
				{ text: 'Still broken', fromCustomer: true, createdAt: '2025-11-13T15:00:00Z' },
			],
			slaBreaches: [{ metric: 'reply time', breachedAt: '2025-11-12T09:38:30Z', policy: 'VIP' }],
		});
		expect(intercomTicket({ ...conversation, priority: 'priority' }, '4511', { prioritisedAs: 'high' }).priority).toBe('high');
		expect(intercomTicket({ ...conversation, priority: 'not_priority', state: 'closed' }, '4511').priority).toBe('normal');
	});

	it('names the conversation and every field it cannot read', () => {
		expect(() => intercomTicket({ ...conversation, created_at: '2025-11-12', state: 'archived', conversation_rating: { rating: 9 } }, '4511')).toThrow(
			'Intercom conversation 471: created_at "2025-11-12" is not a unix time in seconds; state "archived" is not one of open, snoozed, closed; conversation_rating.rating 9 is not a rating from 1 to 5',
		);
	});

	it('plain text of a message: tags out, entities decoded, lines kept', () => {
		expect(plainText('<div>Hi&nbsp;there</div><p>5 &lt; 6 &amp; "quoted"</p>')).toBe('Hi there\n5 < 6 & "quoted"');
	});
});
