/**
 * CS Email Signals against the fake Gmail and Microsoft Graph mailboxes, through the n8n harness with n8n's own
 * OAuth2 credential types (gmailOAuth2, microsoftOutlookOAuth2Api; a valid token, so nothing is refreshed):
 * exact signals and quoted evidence, the account found by the customer's domain, negation, the cursor / delta
 * links in static data (no message text), the next run reading only what is new, Gmail's 403 rateLimitExceeded
 * retried, a failing mailbox as NodeApiError with the cursor left where it was.
 */
import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { exchange, inbound } from '../fixtures/conversations/email';
import { gmailMailbox, graphMailbox } from '../fixtures/conversations/mailbox';

const TOKEN = 'ya29.fake-google-access-token-0001';
const AS_OF = '2026-11-20T12:00:00Z';
const oauth = (token: string) => ({ clientId: 'client-id', clientSecret: 'client-secret', accessTokenUrl: 'https://oauth2.googleapis.com/token', authUrl: 'https://accounts.google.com/o/oauth2/v2/auth', scope: 'https://www.googleapis.com/auth/gmail.readonly', authentication: 'header', grantType: 'authorizationCode', oauthTokenData: { access_token: token, token_type: 'Bearer', refresh_token: 'refresh-token', expires_in: 3599, scope: 'gmail.readonly' } });

/** Reply times doubling (5 h → 10 h median), a budget sentence in the latest reply, a negated cancellation earlier. */
const MAIL = [
	...exchange('a', '2026-09-25T09:00:00Z', 4),
	...exchange('b', '2026-10-05T09:00:00Z', 6, { text: 'We are not planning to cancel, the team relies on the reports.' }),
	...exchange('c', '2026-10-28T09:00:00Z', 10),
	...exchange('d', '2026-11-10T09:00:00Z', 10, { text: 'Thanks. We need to justify the cost before renewal.\n\nOn Tue, Sam wrote:\n> Could we schedule the QBR?' }),
];
const ACCOUNT = { accountId: 'acme-corp', name: 'Acme Corp', domain: 'acme.com', arr: 1 };
const REPLY_TIME = 'Customer reply time up 100%: median 10 hours over the 30 days to 2026-11-20 (2 replies) vs 5 hours over the 30 days before (2 replies)';
const BUDGET = 'Dana Kim (Acme Corp) wrote on 10 Nov: "We need to justify the cost before renewal."';

let fakes: RunningFakeProviders;
const dataset = { now: AS_OF, gmail: gmailMailbox(MAIL), graph: graphMailbox(MAIL) };
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const run = (source: 'gmail' | 'microsoftGraph', staticData = {}, extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) =>
	runWorkflow(
		{
			...itemsInto(
				'csEmailSignals',
				{ source, asOf: AS_OF, connection: { gmailBaseUrl: fakes.httpUrl!, maxAttempts: 3 }, ...extra },
				[ACCOUNT] as never,
				{ credentials: source === 'gmail' ? { gmailOAuth2: { id: 'cred-gmail', name: 'Gmail' } } : { microsoftOutlookOAuth2Api: { id: 'cred-outlook', name: 'Outlook' } }, ...node },
			),
			staticData,
		},
		{
			credentials: {
				gmailOAuth2: oauth(TOKEN),
				microsoftOutlookOAuth2Api: { ...oauth(TOKEN), accessTokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token', graphApiBaseUrl: fakes.httpUrl! },
			},
		},
	);

const paths = () => fakes.requests().map((r) => `${r.path}${r.query.format ? ` format=${r.query.format}` : ''}${r.query.pageToken || r.query.$skiptoken ? ' (next page)' : ''}${r.query.$deltatoken ? ' (delta link)' : ''}`);

describe('CS Email Signals — Gmail', () => {
	it('reply time doubling and budget language, quoted from the message’s own text; "not planning to cancel" is no cancellation intent', async () => {
		const result = await run('gmail');
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.type, s.accountId, s.evidence])).toEqual([
			['email.budget_language', 'acme-corp', BUDGET],
			['email.response_time_degrading', 'acme-corp', REPLY_TIME],
		]);
		expect(fakes.requests()[1].query.q).toBe(`after:${Date.parse('2026-07-23T12:00:00Z') / 1000}`); // 120 days before as-of
		expect(paths().slice(0, 4)).toEqual(['/gmail/v1/users/me/profile', '/gmail/v1/users/me/threads', '/gmail/v1/users/me/threads (next page)', '/gmail/v1/users/me/threads/d format=full']);
		expect(fakes.requests()[0].headers.authorization).toBe(`Bearer ***${TOKEN.slice(-4)}`);
		const state = (result.staticData as any)['node:Node'].gmailSweep;
		expect(state.cursor).toEqual({ after: '2026-11-20T12:00:00Z' });
		expect(Object.keys(state.records)).toHaveLength(8);
		const kept = JSON.stringify(result.staticData);
		expect(kept).not.toContain('Could we schedule the QBR');
		expect(kept).not.toContain('the team relies on the reports');
		expect(kept).not.toContain('"text"');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	it('headers only when the text detectors are off (format=metadata with only the timing headers)', async () => {
		const result = await run('gmail', {}, { readText: false });
		expect(result.output('Node').map((s) => s.type)).toEqual(['email.response_time_degrading']);
		const thread = fakes.requests().find((r) => r.path.endsWith('/threads/d'))!;
		expect(thread.url).toContain('format=metadata&metadataHeaders=From&metadataHeaders=To&metadataHeaders=Cc&metadataHeaders=Date&metadataHeaders=Subject');
	});

	it('the next run asks Gmail only for what came after the cursor (less an hour), and keeps the window', async () => {
		const first = await run('gmail');
		fakes.reset();
		fakes.load({ ...dataset, gmail: gmailMailbox([...MAIL, inbound('2026-11-20T16:00:00Z', { threadId: 'e', messageId: 'e-in', text: 'We have decided to cancel at the end of the term.' })]) });
		const second = await run('gmail', first.staticData, { asOf: '2026-11-21T12:00:00Z' });
		expect(fakes.requests()[1].query.q).toBe(`after:${Date.parse('2026-11-20T11:00:00Z') / 1000}`);
		expect(fakes.requests().filter((r) => /\/threads\/\w/.test(r.path)).map((r) => r.path)).toEqual(['/gmail/v1/users/me/threads/e']);
		expect(second.output('Node').map((s) => s.type)).toEqual(['crm.cancel_intent', 'email.budget_language', 'email.response_time_degrading']);
		expect(second.output('Node').find((s) => s.type === 'email.budget_language')!.id).toBe(first.output('Node')[0].id);
	});

	it('Gmail’s 403 rateLimitExceeded is retried with backoff; the run reads the same as a clean one', async () => {
		const clean = await run('gmail');
		fakes.reset();
		fakes.addFault({ provider: 'gmail', path: '/gmail/v1/users/me/threads', responses: [{ status: 403, reason: 'userRateLimitExceeded' }, { status: 429 }] });
		const retried = await run('gmail');
		expect(retried.output('Node')).toEqual(clean.output('Node'));
		expect(fakes.requests().filter((r) => r.fault).map((r) => r.status)).toEqual([403, 429]);
	});

	it('a 403 that is not a rate limit fails at once, as a NodeApiError naming Gmail and the endpoint; nothing is stored', async () => {
		fakes.addFault({ provider: 'gmail', path: '/gmail/v1/users/me/threads', responses: [{ status: 403, reason: 'insufficientPermissions' }] });
		const failed = await run('gmail');
		const error = failed.error('Node') as unknown as { name: string; message: string; httpCode: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			"Gmail: thread list (GET /gmail/v1/users/me/threads) failed after 1 attempt (HTTP 403: Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user') — 0 pages / 0 threads / 0 messages were read; the cursor was not advanced, the next run re-reads from the start of the 120-day window",
		);
		expect(failed.staticData).toEqual({ 'node:Node': {} });
	});
});

describe('CS Email Signals — Microsoft Graph', () => {
	it('Inbox and Sent Items through delta queries: the same signals; delta links kept, no message text', async () => {
		const result = await run('microsoftGraph');
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.type, s.evidence, (s.source as { system: string }).system])).toEqual([
			['email.budget_language', BUDGET, 'outlook'],
			['email.response_time_degrading', REPLY_TIME, 'outlook'],
		]);
		const first = fakes.requests().find((r) => r.path.endsWith('/inbox/messages/delta'))!;
		expect(first.query).toEqual({
			$select: 'id,conversationId,subject,from,toRecipients,ccRecipients,receivedDateTime,sentDateTime,webLink,uniqueBody',
			$filter: 'receivedDateTime ge 2026-07-23T12:00:00Z',
		});
		expect(first.headers.prefer).toBe('odata.maxpagesize=50, outlook.body-content-type="text"');
		const state = (result.staticData as any)['node:Node'].graphSweep;
		expect(Object.keys(state.cursor.deltaLinks)).toEqual(['inbox', 'sentitems']);
		expect(JSON.stringify(result.staticData)).not.toContain('the team relies on the reports');

		fakes.reset();
		const second = await run('microsoftGraph', result.staticData, { asOf: '2026-11-21T12:00:00Z' });
		expect(paths().filter((p) => p.includes('delta'))).toEqual([
			'/v1.0/me/mailFolders/inbox/messages/delta (delta link)',
			'/v1.0/me/mailFolders/sentitems/messages/delta (delta link)',
		]);
		// the budget sentence is the same signal; the reply-time trend is re-measured for the new day (its id names the day)
		expect(second.output('Node').map((s) => s.type)).toEqual(['email.budget_language', 'email.response_time_degrading']);
		expect(second.output('Node')[0].id).toBe(result.output('Node')[0].id);
	});

	it('429 with Retry-After from Graph is waited for; a shared mailbox is read under /users/{id}', async () => {
		fakes.addFault({ provider: 'graph', path: '/v1.0/users/sam%40vendor.io/mailFolders/inbox/messages/delta', responses: [{ status: 429, retryAfter: 0 }] });
		const result = await run('microsoftGraph', {}, { graphMailbox: 'sam@vendor.io' });
		expect(result.output('Node').map((s) => s.type)).toEqual(['email.budget_language', 'email.response_time_degrading']);
		expect(fakes.requests().filter((r) => r.fault).map((r) => [r.status, r.path])).toEqual([[429, '/v1.0/users/sam%40vendor.io/mailFolders/inbox/messages/delta']]);
	});
});
