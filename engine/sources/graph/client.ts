/**
 * Microsoft Graph mail reader: the mailbox owner (`GET /me` or `/users/{id}`), and the messages of Inbox and Sent
 * Items through **delta queries** (`/mailFolders/{folder}/messages/delta`): the first run asks with `$select` and a
 * `$filter` on `receivedDateTime`, follows `@odata.nextLink` to the end and keeps the `@odata.deltaLink`; every later
 * run calls that link and gets only what changed. The message text (`uniqueBody`: the message's own part, without
 * the quoted history) is selected only when a text detector runs.
 *
 * Rate: Graph throttles with 429 + Retry-After (Outlook: about 10,000 requests per 10 minutes per mailbox), which
 * the retry policy waits for.
 */
import type { DateTime } from 'luxon';
import { plural, type Address } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import { PagingGuard } from '../paging';
import type { MailParts } from '../email';

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com';
/** The folders read: what customers wrote to us, and what we wrote to them. */
export const GRAPH_FOLDERS = ['inbox', 'sentitems'] as const;
export type GraphFolder = (typeof GRAPH_FOLDERS)[number];
export const GRAPH_PAGE_SIZE = 50;

const FIELDS = ['id', 'conversationId', 'subject', 'from', 'toRecipients', 'ccRecipients', 'receivedDateTime', 'sentDateTime', 'webLink'];

export interface GraphClientOptions extends SourceContext {
	/** The credential's Graph host (`https://graph.microsoft.com`, national clouds) or an override. */
	baseUrl: string;
	pageSize?: number;
}

/** The national cloud of a Microsoft credential (n8n's `graphApiBaseUrl`), global Graph when empty. */
export function graphBaseUrl(settings: { graphApiBaseUrl?: unknown }): string {
	const value = typeof settings.graphApiBaseUrl === 'string' ? settings.graphApiBaseUrl.trim() : '';
	return (value || GRAPH_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export interface GraphDeltaState {
	/** Folder → the `@odata.deltaLink` of the last complete read. */
	deltaLinks?: Partial<Record<GraphFolder, string>>;
}

export interface GraphReadOptions {
	client: GraphClientOptions;
	/** "me" (the signed-in user) or a user id / principal name (a shared mailbox). */
	mailbox: string;
	state?: GraphDeltaState;
	/** First run (no delta link): messages received at or after this moment. */
	since: DateTime;
	text: boolean;
	resumeFrom: string;
}

export interface GraphMessages {
	mailbox: string;
	messages: MailParts[];
	state: GraphDeltaState;
	read: { pages: number; messages: number };
}

interface GraphRecipient {
	emailAddress?: { name?: string; address?: string };
}

interface GraphMessage {
	id?: string;
	conversationId?: string;
	from?: GraphRecipient;
	toRecipients?: GraphRecipient[];
	ccRecipients?: GraphRecipient[];
	receivedDateTime?: string;
	sentDateTime?: string;
	webLink?: string;
	uniqueBody?: { contentType?: string; content?: string };
	'@removed'?: unknown;
}

function address(recipient: GraphRecipient | undefined): Address | undefined {
	const email = recipient?.emailAddress?.address?.trim().toLowerCase();
	if (!email || !email.includes('@')) return undefined;
	const name = recipient?.emailAddress?.name?.trim();
	return name && name.toLowerCase() !== email ? { email, name } : { email };
}

function mailboxPath(mailbox: string): string {
	const id = mailbox.trim();
	return !id || id.toLowerCase() === 'me' ? '/v1.0/me' : `/v1.0/users/${encodeURIComponent(id)}`;
}

interface Progress {
	pages: number;
	messages: number;
}

async function get(options: GraphReadOptions, progress: Progress, what: string, endpoint: string, url: string, qs?: Record<string, string | number>): Promise<Record<string, unknown>> {
	try {
		const response = await requestWithRetry(options.client, {
			method: 'GET',
			url,
			...(qs ? { qs } : {}),
			headers: {
				Accept: 'application/json',
				Prefer: [`odata.maxpagesize=${options.client.pageSize ?? GRAPH_PAGE_SIZE}`, ...(options.text ? ['outlook.body-content-type="text"'] : [])].join(', '),
			},
		});
		return (response.body ?? {}) as Record<string, unknown>;
	} catch (error) {
		if (!(error instanceof RequestFailure)) throw error;
		throw new SourceError(
			`Microsoft Graph: ${what} (GET ${endpoint}) failed ${error.describe()} — ${plural(progress.pages, 'page')} / ${plural(progress.messages, 'message')} were read; the delta links were not advanced, the next run re-reads from ${options.resumeFrom}`,
			'Microsoft Graph',
			endpoint,
			error.statusCode,
			error.attempts,
			{ ...progress },
		);
	}
}

/** Every message of Inbox and Sent Items since the stored delta links (or since `since`), with the new links. */
export async function readGraphMessages(options: GraphReadOptions): Promise<GraphMessages> {
	const base = joinUrl(options.client.baseUrl, mailboxPath(options.mailbox));
	const progress: Progress = { pages: 0, messages: 0 };
	const me = await get(options, progress, 'mailbox', `${mailboxPath(options.mailbox).replace(/\/users\/.+$/, '/users/{id}')}`, base, { $select: 'mail,userPrincipalName' });
	const owner = String(me.mail ?? me.userPrincipalName ?? '').toLowerCase();
	const messages: MailParts[] = [];
	const deltaLinks: Partial<Record<GraphFolder, string>> = {};
	for (const folder of GRAPH_FOLDERS) {
		const endpoint = `/mailFolders/${folder}/messages/delta`;
		const stored = options.state?.deltaLinks?.[folder];
		let url = stored ?? joinUrl(base, endpoint);
		let qs: Record<string, string | number> | undefined = stored
			? undefined
			: { $select: [...FIELDS, ...(options.text ? ['uniqueBody'] : [])].join(','), $filter: `receivedDateTime ge ${options.since.toUTC().toISO({ suppressMilliseconds: true })}` };
		const guard = new PagingGuard(options.client.maxPages, stored);
		for (;;) {
			const page = await get(options, progress, `${folder === 'inbox' ? 'Inbox' : 'Sent Items'} delta`, endpoint, url, qs);
			progress.pages += 1;
			const value = page.value;
			if (!Array.isArray(value)) {
				throw new SourceError(`Microsoft Graph: ${endpoint} answered without a "value" array on page ${progress.pages} — is the mailbox right?`, 'Microsoft Graph', endpoint, 200, 1, { ...progress });
			}
			for (const raw of value as GraphMessage[]) {
				if (raw['@removed'] !== undefined || typeof raw.id !== 'string') continue;
				progress.messages += 1;
				const from = address(raw.from);
				const at = folder === 'sentitems' ? (raw.sentDateTime ?? raw.receivedDateTime) : (raw.receivedDateTime ?? raw.sentDateTime);
				if (!from || typeof at !== 'string') continue;
				const text = options.text && typeof raw.uniqueBody?.content === 'string' ? raw.uniqueBody.content : undefined;
				messages.push({
					messageId: raw.id,
					threadId: typeof raw.conversationId === 'string' ? raw.conversationId : raw.id,
					from,
					to: (raw.toRecipients ?? []).map(address).filter((a): a is Address => !!a),
					cc: (raw.ccRecipients ?? []).map(address).filter((a): a is Address => !!a),
					sentAt: at,
					sentByMailbox: folder === 'sentitems' || from.email === owner,
					...(typeof raw.webLink === 'string' && /^https?:\/\//.test(raw.webLink) ? { url: raw.webLink } : {}),
					...(text !== undefined ? { text } : {}),
				});
			}
			const next = typeof page['@odata.nextLink'] === 'string' ? (page['@odata.nextLink'] as string) : undefined;
			const delta = typeof page['@odata.deltaLink'] === 'string' ? (page['@odata.deltaLink'] as string) : undefined;
			if (delta) {
				deltaLinks[folder] = delta;
				break;
			}
			if (!next) {
				throw new SourceError(`Microsoft Graph: ${endpoint} ended without an @odata.deltaLink — the delta links were not advanced`, 'Microsoft Graph', endpoint, 200, 1, { ...progress });
			}
			const problem = guard.follow(next);
			if (problem) throw new SourceError(`Microsoft Graph: ${endpoint} ${problem} — ${plural(progress.pages, 'page')} were read; the delta links were not advanced`, 'Microsoft Graph', endpoint, 200, 1, { ...progress });
			url = next;
			qs = undefined;
		}
	}
	return { mailbox: owner, messages, state: { deltaLinks }, read: { ...progress } };
}
