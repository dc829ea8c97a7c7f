import { z } from 'zod';
import { isoDateTime } from './time';

/**
 * The canonical conversation records every text source maps to and the conversation detectors read: meetings
 * (Gong calls, transcript files of any tool, input items), e-mail messages (Gmail, Microsoft Graph, input items)
 * and shared-channel Slack messages. They live in the model because both sides use them: sources/ maps provider
 * records to them (and knows only the model), detect/ reads them.
 *
 * Text (a transcript's turns, a message's text) is held only while detection runs; what a run keeps between runs
 * is the record without its text, beside the detectors' analysis of it (scores, phrase ids and only the snippets a
 * signal may quote: engine/detect/language/analyse.ts `keepForLater`).
 */

/** Someone in a conversation; flags come from the account's contacts (champion, executive sponsor). */
export const PersonSchema = z.object({
	name: z.string().min(1, 'must not be empty').optional(),
	email: z.string().email('is not an e-mail address').optional(),
	title: z.string().optional(),
	affiliation: z.enum(['customer', 'vendor']).optional(),
	champion: z.boolean().optional(),
	execSponsor: z.boolean().optional(),
});
export type Person = z.infer<typeof PersonSchema>;

// ── meetings ──────────────────────────────────────────────────────────────────────────────────────

export const MEETING_STATUSES = ['held', 'scheduled', 'cancelled'] as const;

/** `attended: false` marks an invitee who did not join. */
export const MeetingParticipantSchema = PersonSchema.extend({
	attended: z.boolean().default(true),
}).refine((p) => p.name !== undefined || p.email !== undefined, { message: 'needs a name or an e-mail address' });
export type MeetingParticipant = z.infer<typeof MeetingParticipantSchema>;

export const TranscriptTurnSchema = z.object({
	speaker: z.string().min(1, 'must name the speaker'),
	/** Seconds from the start of the call. */
	start: z.number().nonnegative('must be 0 or more seconds').optional(),
	text: z.string(),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

export const MeetingSchema = z.object({
	callId: z.string().min(1, 'must not be empty'),
	url: z.string().url('must be a URL').optional(),
	accountId: z.string().min(1, 'must not be empty'),
	/** The customer's name, used in evidence ("Dana Kim (Acme, VP Ops)"). */
	accountName: z.string().optional(),
	startedAt: isoDateTime,
	durationMinutes: z.number().nonnegative('must be 0 or more minutes').optional(),
	status: z.enum(MEETING_STATUSES).default('held'),
	participants: z.array(MeetingParticipantSchema).default([]),
	transcript: z.array(TranscriptTurnSchema).default([]),
});
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingInput = z.input<typeof MeetingSchema>;

// ── e-mail ────────────────────────────────────────────────────────────────────────────────────────

export const AddressSchema = z.union([
	z.string().email('is not an e-mail address'),
	z.object({ email: z.string().email('is not an e-mail address'), name: z.string().optional() }).strict(),
]);
export type AddressInput = z.input<typeof AddressSchema>;

/**
 * Timing detectors need only the headers; `wordCount` / `textLength` feed "shorter replies"; `text` (the message's
 * own text — quoted history and signature are stripped again by the detectors) is read only when a text detector
 * runs and is never returned.
 */
export const EmailMessageSchema = z.object({
	accountId: z.string().min(1, 'must not be empty'),
	threadId: z.string().min(1, 'must not be empty'),
	messageId: z.string().min(1, 'must not be empty'),
	from: AddressSchema,
	to: z.array(AddressSchema).default([]),
	cc: z.array(AddressSchema).default([]),
	sentAt: isoDateTime,
	/** inbound = written by the customer to us; outbound = written by us. */
	direction: z.enum(['inbound', 'outbound']),
	wordCount: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
	textLength: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
	text: z.string().optional(),
	url: z.string().url('must be a URL').optional(),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;
export type EmailMessageInput = z.input<typeof EmailMessageSchema>;

export interface Address {
	email: string;
	name?: string;
}

export function toAddress(input: z.infer<typeof AddressSchema>): Address {
	return typeof input === 'string' ? { email: input.trim().toLowerCase() } : { email: input.email.trim().toLowerCase(), ...(input.name ? { name: input.name } : {}) };
}

/** "dana@eu.acme.com" → "eu.acme.com" (lower-cased); undefined without an @. */
export function domainOf(email: string | undefined): string | undefined {
	const at = email?.lastIndexOf('@') ?? -1;
	return at >= 0 ? email!.slice(at + 1).trim().toLowerCase() : undefined;
}

/** Whether a domain is one of the listed domains or a sub-domain of one ("eu.acme.com" is acme.com). */
export function domainWithin(domain: string | undefined, domains: readonly string[] | undefined): boolean {
	if (!domain) return false;
	return (domains ?? []).some((d) => {
		const wanted = d.trim().toLowerCase().replace(/^@/, '');
		return wanted !== '' && (domain === wanted || domain.endsWith(`.${wanted}`));
	});
}

// ── Slack ─────────────────────────────────────────────────────────────────────────────────────────

/** Slack's message timestamp ("1763640000.000100", seconds since the epoch). */
export const SLACK_TS = /^\d{9,11}(?:\.\d{1,6})?$/;

/**
 * A shared-channel message (Slack Connect `conversations.history` / `conversations.replies`, input items).
 * `threadTs` is the parent's ts for a reply; `customerSide` says whether the author is from the customer
 * (Slack Connect: the user's team is theirs). The text is read for tone and phrases and never returned.
 */
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
