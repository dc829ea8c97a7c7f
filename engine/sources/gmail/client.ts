/**
 * Gmail API reader: the mailbox owner (`users.getProfile`), the threads with a message after a moment
 * (`users.threads.list` with `q=after:<unix seconds>`, `nextPageToken` paging) and each thread's messages
 * (`users.threads.get`): `format=metadata` with only the headers timing needs, or `format=full` when a text
 * detector runs (the text is read, analysed and dropped by the sweep).
 *
 * Rate: Gmail answers a quota overrun with 429 or with 403 `rateLimitExceeded` / `userRateLimitExceeded`; both are
 * retried with exponential backoff (Retry-After when Google sends one). Any other 403 (a missing scope) fails at once.
 */
import type { DateTime } from 'luxon';
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type QueryValue, type SourceContext, type SourceResponse } from '../http';
import { PagingGuard } from '../paging';
import { htmlToText, parseAddressList, type MailParts } from '../email';

export const GMAIL_DEFAULT_BASE_URL = 'https://gmail.googleapis.com';
export const GMAIL_METADATA_HEADERS = ['From', 'To', 'Cc', 'Date', 'Subject'] as const;

export interface GmailClientOptions extends SourceContext {
	/** `https://gmail.googleapis.com` or an override (proxy, test server). */
	baseUrl: string;
	pageSize?: number;
}

export interface GmailReadOptions {
	client: GmailClientOptions;
	/** Threads with a message after this moment. */
	after: DateTime;
	/** More Gmail search terms ("-category:promotions"), ANDed with the time window. */
	query?: string;
	/** Read message text (format=full) for the text detectors; otherwise headers only (format=metadata). */
	text: boolean;
	/** Where the next run resumes when this one fails (for the error message). */
	resumeFrom: string;
}

export interface GmailMessages {
	mailbox: string;
	messages: Array<MailParts & { labelIds: string[] }>;
	read: { pages: number; threads: number; messages: number };
}

interface GmailPayload {
	mimeType?: string;
	headers?: Array<{ name?: string; value?: string }>;
	body?: { data?: string; size?: number };
	parts?: GmailPayload[];
}

interface GmailMessage {
	id?: string;
	threadId?: string;
	labelIds?: string[];
	internalDate?: string;
	payload?: GmailPayload;
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/** Gmail's 403 that is a rate limit, not a permission problem. */
export function isGmailRateLimit(response: SourceResponse): boolean {
	if (response.statusCode !== 403) return false;
	const errors = (response.body as { error?: { errors?: Array<{ reason?: string }> } } | undefined)?.error?.errors;
	return Array.isArray(errors) && errors.some((e) => RATE_REASONS.has(String(e?.reason)));
}

function header(payload: GmailPayload | undefined, name: string): string | undefined {
	return payload?.headers?.find((h) => String(h.name).toLowerCase() === name.toLowerCase())?.value;
}

function decode(data: string): string {
	return Buffer.from(data.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/** The message's text: its text/plain part, else its text/html part as text; undefined when it has neither. */
export function gmailText(payload: GmailPayload | undefined): string | undefined {
	const find = (part: GmailPayload | undefined, type: string): string | undefined => {
		if (!part) return undefined;
		if (part.mimeType === type && part.body?.data) return decode(part.body.data);
		for (const child of part.parts ?? []) {
			const found = find(child, type);
			if (found !== undefined) return found;
		}
		return undefined;
	};
	const text = find(payload, 'text/plain');
	if (text !== undefined) return text;
	const html = find(payload, 'text/html');
	return html === undefined ? undefined : htmlToText(html);
}

interface Progress {
	pages: number;
	threads: number;
	messages: number;
}

async function get(options: GmailReadOptions, progress: Progress, what: string, path: string, qs: Record<string, QueryValue | undefined>): Promise<unknown> {
	try {
		const response = await requestWithRetry(options.client, {
			method: 'GET',
			url: joinUrl(options.client.baseUrl, path),
			qs,
			headers: { Accept: 'application/json' },
			retryWhen: isGmailRateLimit,
		});
		return response.body ?? {};
	} catch (error) {
		if (!(error instanceof RequestFailure)) throw error;
		const endpoint = path.replace(/\/threads\/[^/]+$/, '/threads/{id}');
		throw new SourceError(
			`Gmail: ${what} (GET ${endpoint}) failed ${error.describe()} — ${plural(progress.pages, 'page')} / ${plural(progress.threads, 'thread')} / ${plural(progress.messages, 'message')} were read; the cursor was not advanced, the next run re-reads from ${options.resumeFrom}`,
			'Gmail',
			endpoint,
			error.statusCode,
			error.attempts,
			{ ...progress },
		);
	}
}

/** The mailbox's address, every thread with a message after the moment, and the messages of those threads. */
export async function readGmailMessages(options: GmailReadOptions): Promise<GmailMessages> {
	const progress: Progress = { pages: 0, threads: 0, messages: 0 };
	const profile = (await get(options, progress, 'mailbox profile', '/gmail/v1/users/me/profile', {})) as { emailAddress?: unknown };
	const mailbox = typeof profile.emailAddress === 'string' ? profile.emailAddress.toLowerCase() : '';
	const q = [`after:${Math.floor(options.after.toSeconds())}`, options.query?.trim()].filter(Boolean).join(' ');
	const threadIds: string[] = [];
	const guard = new PagingGuard(options.client.maxPages);
	let pageToken: string | undefined;
	for (;;) {
		const page = (await get(options, progress, 'thread list', '/gmail/v1/users/me/threads', { q, maxResults: options.client.pageSize ?? 100, ...(pageToken ? { pageToken } : {}) })) as {
			threads?: Array<{ id?: unknown }>;
			nextPageToken?: unknown;
		};
		progress.pages += 1;
		for (const thread of page.threads ?? []) if (typeof thread?.id === 'string') threadIds.push(thread.id);
		const next = typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
		if (!next) break;
		const problem = guard.follow(next);
		if (problem) throw new SourceError(`Gmail: thread list (GET /gmail/v1/users/me/threads) ${problem} — ${plural(progress.pages, 'page')} were read; the cursor was not advanced`, 'Gmail', '/gmail/v1/users/me/threads', 200, 1, { ...progress });
		pageToken = next;
	}
	const messages: GmailMessages['messages'] = [];
	for (const threadId of [...new Set(threadIds)]) {
		const thread = (await get(options, progress, 'thread', `/gmail/v1/users/me/threads/${encodeURIComponent(threadId)}`, {
			format: options.text ? 'full' : 'metadata',
			...(options.text ? {} : { metadataHeaders: GMAIL_METADATA_HEADERS }),
		})) as { messages?: GmailMessage[] };
		progress.threads += 1;
		for (const message of thread.messages ?? []) {
			if (typeof message.id !== 'string') continue;
			progress.messages += 1;
			const from = parseAddressList(header(message.payload, 'From'))[0];
			const internal = Number(message.internalDate);
			if (!from || !Number.isFinite(internal)) continue;
			const labelIds = Array.isArray(message.labelIds) ? message.labelIds : [];
			const text = options.text ? gmailText(message.payload) : undefined;
			messages.push({
				messageId: message.id,
				threadId: typeof message.threadId === 'string' ? message.threadId : threadId,
				from,
				to: parseAddressList(header(message.payload, 'To')),
				cc: parseAddressList(header(message.payload, 'Cc')),
				sentAt: new Date(internal).toISOString().replace('.000Z', 'Z'),
				sentByMailbox: labelIds.includes('SENT') || from.email === mailbox,
				url: `https://mail.google.com/mail/#all/${encodeURIComponent(message.threadId ?? threadId)}`,
				labelIds,
				...(text !== undefined ? { text } : {}),
			});
		}
	}
	return { mailbox, messages, read: { ...progress } };
}
