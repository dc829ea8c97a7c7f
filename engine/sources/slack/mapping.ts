/**
 * Slack messages of a shared channel → canonical Slack messages (engine/model/conversation.ts). The customer's
 * people are those whose team is not ours (Slack Connect sends `user_team` / `team` on every message); join and
 * leave notices, edits and bot posts are no conversation and are passed over (thread broadcasts are kept).
 */
import type { SlackMessageInput } from '../../model';
import type { SlackApiMessage } from './client';

const CONVERSATION_SUBTYPES = new Set([undefined, 'thread_broadcast', 'file_share']);

export interface SlackChannelAccount {
	accountId: string;
	accountName?: string;
}

/** Slack's own link to a message (`/archives/C123/p1763640000000100`), which opens in the workspace. */
export function slackMessageUrl(channelId: string, ts: string, threadTs?: string): string {
	const link = `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
	return threadTs && threadTs !== ts ? `${link}?thread_ts=${threadTs}&cid=${channelId}` : link;
}

export function mapSlackMessage(message: SlackApiMessage, channel: { channelId: string; channelName?: string }, account: SlackChannelAccount, teamId: string): SlackMessageInput | undefined {
	if (!CONVERSATION_SUBTYPES.has(message.subtype) || typeof message.user !== 'string' || typeof message.ts !== 'string') return undefined;
	const team = message.user_team ?? message.team;
	const name = message.user_profile?.real_name?.trim() || message.user_profile?.display_name?.trim();
	return {
		accountId: account.accountId,
		channelId: channel.channelId,
		...(channel.channelName ? { channelName: channel.channelName } : {}),
		ts: message.ts,
		...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
		user: message.user,
		...(name ? { userName: name } : {}),
		customerSide: team !== undefined && teamId !== '' && team !== teamId,
		...(typeof message.text === 'string' ? { text: message.text } : {}),
		...(typeof message.reply_count === 'number' ? { replyCount: message.reply_count } : {}),
		url: slackMessageUrl(channel.channelId, message.ts, message.thread_ts),
	};
}
