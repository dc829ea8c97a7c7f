import { z } from 'zod';
import { isoDateTime } from '../../model';

/**
 * The canonical shared-channel message (Slack Connect `conversations.history` / `conversations.replies`, input items).
 * `ts` is Slack's message timestamp ("1763640000.000100", seconds since the epoch); `threadTs` the parent's ts for a
 * reply. `customerSide` says whether the author is from the customer (Slack Connect: the user's team is theirs).
 * The text is read for tone and phrases and never returned.
 */
export const SLACK_TS = /^\d{9,11}(?:\.\d{1,6})?$/;

export const SlackMessageSchema = z.object({
	accountId: z.string().min(1, 'must not be empty'),
	channelId: z.string().min(1, 'must not be empty'),
	channelName: z.string().optional(),
	ts: z.string().regex(SLACK_TS, 'is not a Slack timestamp such as "1763640000.000100"'),
	threadTs: z.string().regex(SLACK_TS, 'is not a Slack timestamp such as "1763640000.000100"').optional(),
	user: z.string().min(1, 'must not be empty'),
	userName: z.string().optional(),
	customerSide: z.boolean(),
	text: z.string().optional(),
	replyCount: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
	url: z.string().url('must be a URL').optional(),
	/** An ISO-8601 time, when the source gives one instead of (or beside) `ts`. */
	sentAt: isoDateTime.optional(),
});
export type SlackMessage = z.infer<typeof SlackMessageSchema>;
export type SlackMessageInput = z.input<typeof SlackMessageSchema>;
