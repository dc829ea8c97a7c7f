/**
 * Slack message items from any upstream node (n8n's Slack node "Get Many" messages, a warehouse export) →
 * canonical Slack messages: the user's field map picks the fields; Slack's own names (ts, thread_ts, user_team)
 * are understood; the account comes from the item or from the channel mapping; who is the customer from the
 * item or, for raw Slack messages, from their team against ours.
 */
import { mapFields, type AccountDirectory } from '../../model';

export const DEFAULT_SLACK_FIELD_MAP = Object.freeze({
	accountId: 'accountId',
	channelId: 'channelId',
	channelName: 'channelName',
	ts: 'ts',
	threadTs: 'thread_ts',
	user: 'user',
	userName: 'userName',
	customerSide: 'customerSide',
	team: 'user_team',
	text: 'text',
	replyCount: 'reply_count',
	url: 'url',
});
export type SlackFieldMap = { -readonly [K in keyof typeof DEFAULT_SLACK_FIELD_MAP]: string };

export const SLACK_FIELD_LABELS: Readonly<Record<keyof SlackFieldMap, { label: string; holds: string }>> = Object.freeze({
	accountId: { label: 'Account ID Field', holds: "the account's id; when empty the channel mapping gives it" },
	channelId: { label: 'Channel ID Field', holds: 'the channel the message was posted in' },
	channelName: { label: 'Channel Name Field', holds: 'the channel’s name, for evidence' },
	ts: { label: 'Timestamp Field', holds: 'Slack’s message ts ("1763640000.000100")' },
	threadTs: { label: 'Thread Timestamp Field', holds: 'the ts of the thread’s first message, for a reply' },
	user: { label: 'User ID Field', holds: 'the author’s Slack user id' },
	userName: { label: 'User Name Field', holds: 'the author’s name, for evidence' },
	customerSide: { label: 'Customer Side Field', holds: 'true when the author is the customer’s (otherwise the team decides)' },
	team: { label: 'Team Field', holds: 'the author’s Slack team id (Slack Connect): not yours means the customer' },
	text: { label: 'Text Field', holds: 'the message text (read for tone, phrases and questions, never returned)' },
	replyCount: { label: 'Reply Count Field', holds: 'how many replies the thread has' },
	url: { label: 'URL Field', holds: 'a link to the message' },
});

export function slackFromItem(item: unknown, fieldMap: SlackFieldMap, context: { directory?: AccountDirectory; ourTeamId?: string }): Record<string, unknown> {
	const { team, ...fields } = mapFields(item, fieldMap);
	const message: Record<string, unknown> = { ...fields };
	for (const key of ['accountId', 'channelId', 'ts', 'threadTs'] as const) if (typeof message[key] === 'number') message[key] = String(message[key]);
	if (message.customerSide === undefined && typeof team === 'string' && context.ourTeamId) message.customerSide = team !== context.ourTeamId;
	if (message.accountId === undefined && typeof message.channelId === 'string') {
		const account = context.directory?.forKey(message.channelId);
		if (account) message.accountId = account.accountId;
	}
	return message;
}
