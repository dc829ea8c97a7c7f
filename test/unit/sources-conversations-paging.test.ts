/**
 * The paging guard (engine/sources/paging.ts) in every conversation source's listing: a provider that hands back a
 * cursor it gave before (Gong's records.cursor, Gmail's nextPageToken, Graph's @odata.nextLink, Slack's
 * next_cursor) is an error naming the source and the listing — never an endless loop, never a silent stop with a
 * cursor stored past what was read.
 */
import { DateTime } from 'luxon';
import { readGmailMessages } from '../../engine/sources/gmail';
import { readGongCalls } from '../../engine/sources/gong';
import { readGraphMessages } from '../../engine/sources/graph';
import { SourceError, type SourceContext, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { readSlackChannels } from '../../engine/sources/slack';

/** A transport answering each request with `answer(request)`, recording the requests. */
function scripted(answer: (options: SourceRequestOptions) => unknown): SourceContext & { calls: SourceRequestOptions[] } {
	const calls: SourceRequestOptions[] = [];
	return {
		calls,
		request: async (options): Promise<SourceResponse> => {
			calls.push(options);
			return { statusCode: 200, headers: {}, body: answer(options) };
		},
		sleep: async () => undefined,
		retry: { maxAttempts: 1 },
	};
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(SourceError);
	return error as SourceError;
}

const from = DateTime.fromISO('2026-10-01T00:00:00Z', { zone: 'utc' });
const to = DateTime.fromISO('2026-11-20T12:00:00Z', { zone: 'utc' });

describe('conversation sources stop a provider paging in a cycle', () => {
	it('Gong /v2/calls: A → B → A', async () => {
		let n = 0;
		const context = scripted(() => ({ records: { cursor: ['A', 'B', 'A'][n++] ?? 'Z' }, calls: [{ id: `c${n}` }] }));
		const error = await failure(readGongCalls({ client: { ...context, baseUrl: 'https://us-1.api.gong.io' }, from, to, transcripts: false, resumeFrom: 'x' }));
		expect(error.message).toBe('Gong: /v2/calls returned the cursor "A" again after page 3 (first given after page 1): the provider is paging in a cycle — 3 pages were read; the cursor was not advanced');
		expect(context.calls).toHaveLength(3);
	});

	it('Gmail thread list: the same nextPageToken twice', async () => {
		const context = scripted((options) => (options.url.endsWith('/profile') ? { emailAddress: 'sam@vendor.io' } : { threads: [{ id: 't1' }], nextPageToken: 'P1' }));
		const error = await failure(readGmailMessages({ client: { ...context, baseUrl: 'https://gmail.googleapis.com' }, after: from, text: false, resumeFrom: 'x' }));
		expect(error.message).toBe('Gmail: thread list (GET /gmail/v1/users/me/threads) returned the cursor "P1" again after page 2 (first given after page 1): the provider is paging in a cycle — 2 pages were read; the cursor was not advanced');
	});

	it('Microsoft Graph delta: a nextLink pointing back at the stored delta link', async () => {
		const stored = 'https://graph.microsoft.com/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=D1';
		const context = scripted((options) => (options.url.endsWith('/me') ? { mail: 'sam@vendor.io' } : { value: [], '@odata.nextLink': stored }));
		const error = await failure(readGraphMessages({ client: { ...context, baseUrl: 'https://graph.microsoft.com' }, mailbox: 'me', state: { deltaLinks: { inbox: stored } }, since: from, text: false, resumeFrom: 'x' }));
		expect(error.message).toMatch(/^Microsoft Graph: \/mailFolders\/inbox\/messages\/delta returned the cursor ".*" again after page 1 \(the cursor this listing started from\): the provider is paging in a cycle — 1 page were read; the delta links were not advanced$/);
	});

	it('Slack conversations.history: next_cursor handed back again', async () => {
		const context = scripted((options) => {
			if (options.url.endsWith('auth.test')) return { ok: true, team_id: 'T0VENDOR' };
			if (options.url.endsWith('conversations.info')) return { ok: true, channel: { id: 'C0ACME', name: 'acme-shared' } };
			return { ok: true, messages: [], has_more: true, response_metadata: { next_cursor: 'bmV4dA==' } };
		});
		const error = await failure(readSlackChannels({ client: { ...context, baseUrl: 'https://slack.com/api', tier: 'tier3', requestsPerMinute: 60_000 }, channels: [{ channelId: 'C0ACME' }], resumeFrom: () => 'x' }));
		expect(error.message).toBe('Slack: conversations.history returned the cursor "bmV4dA==" again after page 2 (first given after page 1): the provider is paging in a cycle — 2 pages were read; the cursor was not advanced');
	});
});
