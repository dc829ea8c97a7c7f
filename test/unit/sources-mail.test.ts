/**
 * Mailbox sources against the fakes (Gmail API and Microsoft Graph shapes): every page read, Gmail's 403
 * rateLimitExceeded retried while a permission 403 fails at once, Graph's delta links giving only what is new,
 * messages mapped to accounts by the counterpart's domain, address headers parsed.
 */
import { DateTime } from 'luxon';
import { accountDirectory } from '../../engine/model';
import { mailRecord, parseAddressList } from '../../engine/sources/email';
import { gmailText, readGmailMessages } from '../../engine/sources/gmail';
import { readGraphMessages } from '../../engine/sources/graph';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { bearer, fetchContext } from '../fakes/request';
import { exchange, inbound } from '../fixtures/conversations/email';
import { gmailMailbox, graphMailbox } from '../fixtures/conversations/mailbox';

const MAIL = [...exchange('a', '2026-11-02T09:00:00Z', 4), ...exchange('b', '2026-11-10T09:00:00Z', 10, { text: 'We need to justify the cost.' })];
const dataset = { now: '2026-11-20T12:00:00Z', gmail: gmailMailbox(MAIL), graph: graphMailbox(MAIL) };
const since = DateTime.fromISO('2026-10-01T00:00:00Z', { zone: 'utc' });

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});
const gmail = () => ({ ...fetchContext(bearer('ya29.token')), baseUrl: fakes.httpUrl! });
const graph = () => ({ ...fetchContext(bearer('eyJ.token')), baseUrl: fakes.httpUrl! });

describe('Gmail reader', () => {
	it('reads the profile, every thread page and each thread’s messages with the timing headers only', async () => {
		const result = await readGmailMessages({ client: gmail(), after: since, text: false, resumeFrom: 'x' });
		expect(fakes.requests().map((r) => `${r.path} ${r.query.pageToken ? 'next' : ''}`.trim())).toEqual([
			'/gmail/v1/users/me/profile',
			'/gmail/v1/users/me/threads',
			'/gmail/v1/users/me/threads/b',
			'/gmail/v1/users/me/threads/a',
		]);
		expect(result.mailbox).toBe('sam@vendor.io');
		expect(result.read).toEqual({ pages: 1, threads: 2, messages: 4 });
		expect(result.messages.find((m) => m.messageId === 'b-in')).toEqual({
			messageId: 'b-in',
			threadId: 'b',
			from: { email: 'dana@acme.com', name: 'Dana Kim' },
			to: [{ email: 'sam@vendor.io', name: 'Sam Ortiz' }],
			cc: [],
			sentAt: '2026-11-10T19:00:00Z',
			sentByMailbox: false,
			url: 'https://mail.google.com/mail/#all/b',
			labelIds: ['INBOX', 'UNREAD'],
		});
		expect(result.messages.find((m) => m.messageId === 'b-out')!.sentByMailbox).toBe(true);
	});

	it('pages the thread list through nextPageToken; with text it asks for format=full', async () => {
		fakes.load({ ...dataset, gmail: { ...gmailMailbox(MAIL), pageSize: 1 } });
		const result = await readGmailMessages({ client: gmail(), after: since, text: true, resumeFrom: 'x' });
		expect(fakes.requests().filter((r) => r.path === '/gmail/v1/users/me/threads').map((r) => r.query.pageToken ?? 'first')).toEqual(['first', 'MQ']);
		expect(result.messages.find((m) => m.messageId === 'b-in')!.text).toBe('We need to justify the cost.');
	});

	it('403 rateLimitExceeded and 429 are retried with backoff; a permission 403 fails at once naming what was read', async () => {
		fakes.addFault({ provider: 'gmail', path: '/gmail/v1/users/me/threads/a', responses: [{ status: 403, reason: 'rateLimitExceeded' }, { status: 429 }] });
		const context = gmail();
		await readGmailMessages({ client: context, after: since, text: false, resumeFrom: 'x' });
		expect(context.sleeps).toEqual([1000, 1000]); // exponential from 1 s: the 429 carried Retry-After 1

		fakes.reset();
		fakes.addFault({ provider: 'gmail', path: '/gmail/v1/users/me/threads/a', responses: [{ status: 403, reason: 'insufficientPermissions' }] });
		const failure = await readGmailMessages({ client: gmail(), after: since, text: false, resumeFrom: 'the messages after 2026-11-19T12:00:00Z' }).catch((e) => e);
		expect(failure.message).toBe(
			"Gmail: thread (GET /gmail/v1/users/me/threads/{id}) failed after 1 attempt (HTTP 403: Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user') — 1 page / 1 thread / 2 messages were read; the cursor was not advanced, the next run re-reads from the messages after 2026-11-19T12:00:00Z",
		);
		expect(failure).toMatchObject({ source: 'Gmail', endpoint: '/gmail/v1/users/me/threads/{id}', statusCode: 403 });
	});

	it('reads the text part, or the HTML part as text', () => {
		const b64 = (t: string) => Buffer.from(t).toString('base64url');
		expect(gmailText({ mimeType: 'multipart/alternative', parts: [{ mimeType: 'text/html', body: { data: b64('<p>Hi&nbsp;there</p><p>Second</p>') } }] })).toBe('Hi there\nSecond');
		expect(gmailText({ mimeType: 'multipart/mixed', parts: [{ mimeType: 'multipart/alternative', parts: [{ mimeType: 'text/plain', body: { data: b64('Plain wins') } }] }] })).toBe('Plain wins');
		expect(gmailText({ mimeType: 'text/plain' })).toBeUndefined();
	});
});

describe('Microsoft Graph reader', () => {
	it('delta queries over Inbox and Sent Items: every nextLink, then the deltaLink; the next round returns only what is new', async () => {
		const first = await readGraphMessages({ client: graph(), mailbox: 'me', since, text: true, resumeFrom: 'x' });
		expect(fakes.requests().map((r) => `${r.path}${r.query.$skiptoken ? ' next' : ''}`)).toEqual([
			'/v1.0/me',
			'/v1.0/me/mailFolders/inbox/messages/delta',
			'/v1.0/me/mailFolders/sentitems/messages/delta',
		]);
		expect(first.messages.map((m) => [m.messageId, m.sentByMailbox])).toEqual([['a-in', false], ['b-in', false], ['a-out', true], ['b-out', true]]);
		expect(first.messages[1].text).toBe('We need to justify the cost.');
		fakes.reset();
		fakes.load({ ...dataset, graph: graphMailbox([...MAIL, inbound('2026-11-21T09:00:00Z', { threadId: 'c', messageId: 'c-in' })]) });
		const second = await readGraphMessages({ client: graph(), mailbox: 'me', state: first.state, since, text: true, resumeFrom: 'x' });
		expect(second.messages.map((m) => m.messageId)).toEqual(['c-in']);
		expect(fakes.requests().filter((r) => r.query.$deltatoken).length).toBe(2);
	});

	it('pages through @odata.nextLink; a failure names Graph, the endpoint and what was read', async () => {
		fakes.load({ ...dataset, graph: { ...graphMailbox(MAIL), pageSize: 1 } });
		const paged = await readGraphMessages({ client: graph(), mailbox: 'me', since, text: false, resumeFrom: 'x' });
		expect(paged.read).toEqual({ pages: 4, messages: 4 }); // one message a page: two pages per folder, the second ending in the delta link
		fakes.addFault({ provider: 'graph', path: '/v1.0/me/mailFolders/sentitems/messages/delta', responses: [{ status: 503 }], repeatLast: true });
		const failure = await readGraphMessages({ client: { ...graph(), retry: { maxAttempts: 2 } }, mailbox: 'me', since, text: false, resumeFrom: 'the stored delta links' }).catch((e) => e);
		expect(failure.message).toBe(
			'Microsoft Graph: Sent Items delta (GET /mailFolders/sentitems/messages/delta) failed after 2 attempts (HTTP 503: The service is temporarily unavailable.) — 2 pages / 2 messages were read; the delta links were not advanced, the next run re-reads from the stored delta links',
		);
	});
});

describe('which account a message belongs to', () => {
	const directory = accountDirectory([], [{ from: 'acme.com', accountId: 'acme' }]);
	const at = '2026-11-10T09:00:00Z';

	it('the customer’s domain decides: the sender of an inbound message, the recipients of ours (sub-domains count)', () => {
		expect(mailRecord({ messageId: 'm', threadId: 't', from: { email: 'dana@eu.acme.com' }, to: [{ email: 'sam@vendor.io' }], cc: [], sentAt: at, sentByMailbox: false }, { directory, vendorDomains: ['vendor.io'] })).toMatchObject({
			message: { accountId: 'acme', direction: 'inbound' },
		});
		expect(mailRecord({ messageId: 'm', threadId: 't', from: { email: 'sam@vendor.io' }, to: [{ email: 'lee@acme.com' }], cc: [], sentAt: at, sentByMailbox: false }, { directory, vendorDomains: ['vendor.io'] })).toMatchObject({
			message: { accountId: 'acme', direction: 'outbound' },
		});
	});

	it('mail among ourselves, or with a counterpart no account has, is no customer e-mail', () => {
		expect(mailRecord({ messageId: 'm', threadId: 't', from: { email: 'ann@vendor.io' }, to: [{ email: 'sam@vendor.io' }], cc: [], sentAt: at, sentByMailbox: false }, { directory, vendorDomains: ['vendor.io'] })).toEqual({ skipped: 'internal' });
		expect(mailRecord({ messageId: 'm', threadId: 't', from: { email: 'news@shop.example' }, to: [{ email: 'sam@vendor.io' }], cc: [], sentAt: at, sentByMailbox: false }, { directory, vendorDomains: ['vendor.io'] })).toEqual({ skipped: 'unmapped' });
	});

	it('address headers: quoted names with commas, groups, bare addresses', () => {
		expect(parseAddressList('"Park, Lee" <lee@acme.com>, dana@acme.com, Team: a@x.io, b@x.io;')).toEqual([
			{ email: 'lee@acme.com', name: 'Park, Lee' },
			{ email: 'dana@acme.com' },
			{ email: 'a@x.io' },
			{ email: 'b@x.io' },
		]);
		expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
	});
});
