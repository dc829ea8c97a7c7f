/**
 * Intercom conversations → the canonical support ticket record the support detectors read (mapping only: no
 * detection here). What maps to what:
 *
 * - id, `created_at` / `updated_at` (unix seconds → ISO-8601), `title` (else the first message's subject) → subject;
 * - `state`: open → open, snoozed → pending, closed → solved (solved at `statistics.last_close_at`);
 * - `priority`: a prioritised conversation is the team's escalation — `urgent` by default (the escalation detector's
 *   trigger), `not_priority` → normal;
 * - `conversation_rating.rating` (1–5) → the satisfaction score; `tags.tags[].name` → tags;
 * - `statistics.time_to_admin_reply` / `time_to_last_close` (seconds) → first reply / resolution minutes;
 * - `sla_applied.sla_status` "missed" → one SLA breach of the named SLA, dated at the teammate reply that recorded
 *   it (Intercom marks a miss "the next time a teammate replies": `statistics.last_admin_reply_at`);
 * - the opening message (`source`) and every `comment` part → comments, the customer's when a user, lead or contact
 *   wrote it (HTML removed). They are read for the language detectors and never kept (the sweep keeps the analysis).
 *
 * The account is resolved by the caller (a company of the conversation's contact, see the sweep) and passed in.
 */
import { ValidationError } from '../../model';
import type { IntercomCompany, IntercomConversation } from './client';

/** What a prioritised Intercom conversation counts as among the ticket priorities. */
export const INTERCOM_PRIORITY_LEVELS = ['high', 'urgent'] as const;
export type IntercomPriorityLevel = (typeof INTERCOM_PRIORITY_LEVELS)[number];
/** A prioritised conversation is the team's escalation: urgent, what the escalation detector reads. */
export const DEFAULT_INTERCOM_PRIORITISED_AS: IntercomPriorityLevel = 'urgent';

/** Which company field names the account: `company_id` (the id you gave the company, e.g. the CRM id a sync writes) or Intercom's own `id`. */
export const INTERCOM_ACCOUNT_KEYS = ['company_id', 'id'] as const;
export type IntercomAccountKey = (typeof INTERCOM_ACCOUNT_KEYS)[number];
export const DEFAULT_INTERCOM_ACCOUNT_KEY: IntercomAccountKey = 'company_id';

export interface IntercomMappingOptions {
	prioritisedAs?: IntercomPriorityLevel;
	/** Link to the conversation in the Inbox: `https://app.intercom.com/a/inbox/{workspaceId}/inbox/conversation/{id}`. */
	workspaceId?: string;
}

/** A comment in the canonical shape (engine/detect/support reads `text`, `fromCustomer`, `createdAt`). */
export interface IntercomTicketComment {
	text: string;
	fromCustomer: boolean;
	createdAt?: string;
}

/** The canonical ticket record (the support field map's canonical names; see engine/sweeps/intercom.ts). */
export interface IntercomTicketRecord {
	accountId: string;
	ticketId: string;
	createdAt: string;
	updatedAt?: string;
	solvedAt?: string;
	priority: 'urgent' | 'high' | 'normal';
	status: 'open' | 'pending' | 'solved';
	satisfactionScore?: number;
	subject: string;
	url?: string;
	resolutionMinutes?: number;
	firstReplyMinutes?: number;
	tags?: string[];
	comments?: IntercomTicketComment[];
	slaBreaches?: Array<{ metric: string; breachedAt: string; policy?: string }>;
}

const CUSTOMER_AUTHORS = new Set(['user', 'lead', 'contact']);
const STATUS: Record<string, IntercomTicketRecord['status']> = { open: 'open', snoozed: 'pending', closed: 'solved' };

const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const show = (value: unknown) => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** HTML of a message as plain text: tags removed, the common entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
	return html
		.replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/[ \t]+/g, ' ')
		.replace(/\s*\n\s*/g, '\n')
		.trim();
}

function record(value: unknown): Record<string, unknown> | undefined {
	return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function commentOf(raw: unknown): IntercomTicketComment | undefined {
	const part = record(raw);
	if (!part || typeof part.body !== 'string' || part.body.trim() === '') return undefined;
	const author = record(part.author);
	const text = plainText(part.body);
	if (text === '') return undefined;
	return { text, fromCustomer: CUSTOMER_AUTHORS.has(String(author?.type ?? '')), ...(typeof part.created_at === 'number' ? { createdAt: isoOf(part.created_at) } : {}) };
}

/** The contact ids of a conversation (`contacts.contacts[].id`), in order. */
export function conversationContactIds(conversation: IntercomConversation): string[] {
	const list = record(conversation.contacts)?.contacts;
	return Array.isArray(list) ? list.map((contact) => record(contact)?.id).filter((id): id is string => typeof id === 'string' && id !== '') : [];
}

/** The account key of a company (by the chosen key), or undefined when it has none. */
export function companyAccountKey(company: IntercomCompany, key: IntercomAccountKey): string | undefined {
	const value = company[key];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

/**
 * One conversation as a canonical ticket record. Throws ValidationError naming the conversation and the field,
 * e.g. `Intercom conversation 471: created_at "yesterday" is not a unix time in seconds`.
 */
export function intercomTicket(conversation: IntercomConversation, accountId: string, options: IntercomMappingOptions = {}): IntercomTicketRecord {
	const problems: string[] = [];
	const seconds = (field: string, value: unknown, required: boolean): number | undefined => {
		if (value === undefined || value === null) {
			if (required) problems.push(`${field} is missing`);
			return undefined;
		}
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			problems.push(`${field} ${show(value)} is not a unix time in seconds`);
			return undefined;
		}
		return value;
	};
	const created = seconds('created_at', conversation.created_at, true);
	const updated = seconds('updated_at', conversation.updated_at, false);
	const state = conversation.state;
	const status = typeof state === 'string' ? STATUS[state] : undefined;
	if (!status) problems.push(`state ${show(state)} is not one of open, snoozed, closed`);
	const priority = conversation.priority;
	if (priority !== undefined && priority !== null && priority !== 'priority' && priority !== 'not_priority') problems.push(`priority ${show(priority)} is not one of priority, not_priority`);
	const statistics = record(conversation.statistics) ?? {};
	const rating = record(conversation.conversation_rating)?.rating;
	if (rating !== undefined && rating !== null && (typeof rating !== 'number' || rating < 1 || rating > 5)) problems.push(`conversation_rating.rating ${show(rating)} is not a rating from 1 to 5`);
	if (problems.length > 0) throw new ValidationError(`Intercom conversation ${conversation.id}`, problems);

	const source = record(conversation.source) ?? {};
	const title = typeof conversation.title === 'string' && conversation.title.trim() ? conversation.title.trim() : typeof source.subject === 'string' ? plainText(source.subject) : '';
	const closedAt = typeof statistics.last_close_at === 'number' ? statistics.last_close_at : undefined;
	const partsList = record(conversation.conversation_parts)?.conversation_parts;
	const parts = Array.isArray(partsList) ? partsList.filter((part) => record(part)?.part_type === 'comment' || record(part)?.part_type === 'open') : [];
	const comments = [source, ...parts].map(commentOf).filter((comment): comment is IntercomTicketComment => comment !== undefined);
	const tagList = record(conversation.tags)?.tags;
	const tags = Array.isArray(tagList) ? tagList.map((tag) => record(tag)?.name).filter((name): name is string => typeof name === 'string') : [];
	const sla = record(conversation.sla_applied);
	const missedAt = typeof statistics.last_admin_reply_at === 'number' ? statistics.last_admin_reply_at : updated;
	const minutes = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value / 60) : undefined);
	const firstReply = minutes(statistics.time_to_admin_reply);
	const resolution = status === 'solved' ? minutes(statistics.time_to_last_close) : undefined;

	return {
		accountId,
		ticketId: conversation.id,
		createdAt: isoOf(created!),
		...(updated !== undefined ? { updatedAt: isoOf(updated) } : {}),
		...(status === 'solved' && closedAt !== undefined ? { solvedAt: isoOf(closedAt) } : {}),
		priority: priority === 'priority' ? (options.prioritisedAs ?? DEFAULT_INTERCOM_PRIORITISED_AS) : 'normal',
		status: status!,
		...(typeof rating === 'number' ? { satisfactionScore: rating } : {}),
		subject: title,
		...(options.workspaceId ? { url: `https://app.intercom.com/a/inbox/${encodeURIComponent(options.workspaceId)}/inbox/conversation/${encodeURIComponent(conversation.id)}` } : {}),
		...(resolution !== undefined ? { resolutionMinutes: resolution } : {}),
		...(firstReply !== undefined ? { firstReplyMinutes: firstReply } : {}),
		...(tags.length ? { tags } : {}),
		...(comments.length ? { comments } : {}),
		...(sla?.sla_status === 'missed' && missedAt !== undefined
			? { slaBreaches: [{ metric: 'reply time', breachedAt: isoOf(missedAt), ...(typeof sla.sla_name === 'string' && sla.sla_name ? { policy: sla.sla_name } : {}) }] }
			: {}),
	};
}
