/**
 * Slack Web API reader for shared (Slack Connect) customer channels: who we are (`auth.test`: our workspace's team
 * id tells our people from the customer's), the channel's name (`conversations.info`), its messages since a ts
 * (`conversations.history`, newest first, `response_metadata.next_cursor` paging) and the replies of threads
 * (`conversations.replies`).
 *
 * Rate: `conversations.history` and `.replies` are paced to the tier that applies to the app. Internal
 * (customer-built) and Marketplace apps have Tier 3 (about 50 requests a minute, pages up to 200 here); a
 * commercially distributed app outside the Marketplace gets 1 request a minute and at most 15 messages per page
 * (apps created from 2025-05-29, existing installs from 2026-03-03). A 429 waits its Retry-After. Slack also answers
 * HTTP 200 with `{"ok": false, "error": "ratelimited"}` on some paths: treated as a 429; any other `ok: false`
 * (not_in_channel, missing_scope, invalid_auth) fails at once with Slack's error code.
 */
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext, type SourceRequest } from '../http';
import { PagingGuard } from '../paging';
import { intervalForRate, paced } from '../pacing';

export const SLACK_DEFAULT_BASE_URL = 'https://slack.com/api';

/** The rate tiers of `conversations.history` / `.replies` (one home: the node's options are built from it). */
export const SLACK_RATE_TIERS = {
	tier3: { requestsPerMinute: 50, pageSize: 200, label: 'Internal or Marketplace app (Tier 3: about 50 requests a minute)' },
	nonMarketplace: {
		requestsPerMinute: 1,
		pageSize: 15,
		label: 'Commercially distributed app outside the Marketplace (1 request a minute, 15 messages a page)',
	},
} as const;
export type SlackRateTier = keyof typeof SLACK_RATE_TIERS;

export interface SlackClientOptions extends SourceContext {
	/** `https://slack.com/api` or an override (Enterprise Grid proxy, test server). */
	baseUrl: string;
	tier: SlackRateTier;
	/** Overrides the tier's rate (requests a minute for history / replies). */
	requestsPerMinute?: number;
}

/** Slack's raw message (the fields read). */
export interface SlackApiMessage {
	type?: string;
	subtype?: string;
	ts?: string;
	thread_ts?: string;
	user?: string;
	bot_id?: string;
	team?: string;
	user_team?: string;
	text?: string;
	reply_count?: number;
	latest_reply?: string;
	user_profile?: { real_name?: string; display_name?: string };
}

export interface SlackChannelRead {
	channelId: string;
	channelName?: string;
	/** Channel messages since `oldest` and the replies of their threads (and of the threads asked for). */
	messages: SlackApiMessage[];
	/** The newest ts seen (the channel's next `oldest`). */
	latest?: string;
}

export interface SlackReadOptions {
	client: SlackClientOptions;
	channels: Array<{ channelId: string; oldest?: string; threads?: string[] }>;
	resumeFrom: (channelId: string) => string;
}

export interface SlackMessagesRead {
	teamId: string;
	channels: SlackChannelRead[];
	read: { pages: number; messages: number; threads: number };
}

/** Slack's HTTP-200 errors as statuses the retry policy understands: ratelimited → 429, any other → 400 (fails at once). */
export function slackTransport(request: SourceRequest): SourceRequest {
	return async (options) => {
		const response = await request(options);
		const body = response.body as { ok?: unknown; error?: unknown } | undefined;
		if (response.statusCode === 200 && body && body.ok === false) {
			const error = String(body.error ?? 'unknown_error');
			return { ...response, statusCode: error === 'ratelimited' || error === 'rate_limited' ? 429 : 400, body: { error } };
		}
		return response;
	};
}

interface Progress {
	pages: number;
	messages: number;
	threads: number;
}

export async function readSlackChannels(options: SlackReadOptions): Promise<SlackMessagesRead> {
	const tier = SLACK_RATE_TIERS[options.client.tier];
	const base: SlackClientOptions = { ...options.client, request: slackTransport(options.client.request) };
	const history = paced(base, intervalForRate(options.client.requestsPerMinute ?? tier.requestsPerMinute));
	const progress: Progress = { pages: 0, messages: 0, threads: 0 };
	let channelNow = '';
	const call = async (context: SourceContext, method: string, qs: Record<string, string | number | undefined>, what: string): Promise<Record<string, unknown>> => {
		try {
			const response = await requestWithRetry(context, { method: 'GET', url: joinUrl(options.client.baseUrl, method), qs, headers: { Accept: 'application/json' } });
			return (response.body ?? {}) as Record<string, unknown>;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			throw new SourceError(
				`Slack: ${what} (${method}${channelNow ? ` for ${channelNow}` : ''}) failed ${error.describe()} — ${plural(progress.pages, 'page')} / ${plural(progress.messages, 'message')} / ${plural(progress.threads, 'thread')} were read; the cursor was not advanced, the next run re-reads ${channelNow ? options.resumeFrom(channelNow) : 'from the stored cursors'}`,
				'Slack',
				method,
				error.statusCode,
				error.attempts,
				{ ...progress },
			);
		}
	};
	const pages = async (method: string, qs: Record<string, string | number | undefined>, what: string): Promise<SlackApiMessage[]> => {
		const out: SlackApiMessage[] = [];
		const guard = new PagingGuard(options.client.maxPages);
		let cursor: string | undefined;
		for (;;) {
			const page = await call(history, method, { ...qs, limit: tier.pageSize, ...(cursor ? { cursor } : {}) }, what);
			progress.pages += 1;
			const messages = Array.isArray(page.messages) ? (page.messages as SlackApiMessage[]) : [];
			progress.messages += messages.length;
			out.push(...messages);
			const next = (page.response_metadata as { next_cursor?: unknown } | undefined)?.next_cursor;
			if (typeof next !== 'string' || next === '' || page.has_more === false) break;
			const problem = guard.follow(next);
			if (problem) throw new SourceError(`Slack: ${method} ${problem} — ${plural(progress.pages, 'page')} were read; the cursor was not advanced`, 'Slack', method, 200, 1, { ...progress });
			cursor = next;
		}
		return out;
	};

	const auth = await call(base, 'auth.test', {}, 'who we are');
	const teamId = String(auth.team_id ?? '');
	const channels: SlackChannelRead[] = [];
	for (const channel of options.channels) {
		channelNow = channel.channelId;
		const info = await call(base, 'conversations.info', { channel: channel.channelId }, 'channel info');
		const name = (info.channel as { name?: unknown } | undefined)?.name;
		const messages = await pages('conversations.history', { channel: channel.channelId, ...(channel.oldest ? { oldest: channel.oldest } : {}) }, 'channel history');
		const threads = new Set<string>(channel.threads ?? []);
		for (const message of messages) if ((message.reply_count ?? 0) > 0 && message.ts && (message.thread_ts === undefined || message.thread_ts === message.ts)) threads.add(message.ts);
		const replies: SlackApiMessage[] = [];
		for (const ts of threads) {
			const thread = await pages('conversations.replies', { channel: channel.channelId, ts }, 'thread replies');
			progress.threads += 1;
			replies.push(...thread.filter((m) => m.ts !== ts));
		}
		const all = [...messages, ...replies];
		const latest = all.map((m) => m.ts).filter((ts): ts is string => typeof ts === 'string').sort((a, b) => Number(a) - Number(b)).pop();
		channels.push({ channelId: channel.channelId, ...(typeof name === 'string' ? { channelName: name } : {}), messages: all, ...(latest ? { latest } : { ...(channel.oldest ? { latest: channel.oldest } : {}) }) });
	}
	return { teamId, channels, read: { ...progress } };
}
