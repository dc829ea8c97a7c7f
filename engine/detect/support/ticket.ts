import { z } from 'zod';
import { ItemValidationError, isoDateTime, parseIsoDate, parseItem, readPath } from '../../model';

/** Zendesk ticket priorities (REST is lowercase; webhook envelopes send them uppercase — both accepted). */
export const TICKET_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
/** Zendesk ticket statuses. */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'] as const;
/** Statuses meaning the customer is still waiting for a resolution. */
export const UNRESOLVED_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold'];

export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** One ticket comment: who wrote it (the customer or us) and its text. */
export const SupportCommentSchema = z.object({
	text: z.string(),
	createdAt: isoDateTime.optional(),
	fromCustomer: z.boolean(),
});
export type SupportComment = z.infer<typeof SupportCommentSchema>;

/** One missed SLA target: which metric, when, the policy and its target when known. */
export const SlaBreachSchema = z.object({
	metric: z.string().min(1),
	breachedAt: isoDateTime,
	policy: z.string().optional(),
	targetMinutes: z.number().nonnegative().optional(),
});
export type SlaBreach = z.infer<typeof SlaBreachSchema>;

/**
 * A support ticket after field mapping: the shape the detectors read.
 * `priority` is null when the ticket has no priority set (Zendesk sends `"priority": null`).
 * `satisfactionScore` is Zendesk's good/bad rating or a 1–5 score from another survey tool.
 */
export const SupportTicketSchema = z.object({
	accountId: z.string().min(1, 'must not be empty'),
	ticketId: z.string().min(1, 'must not be empty'),
	createdAt: isoDateTime,
	updatedAt: isoDateTime.optional(),
	solvedAt: isoDateTime.optional(),
	priority: z.enum(TICKET_PRIORITIES).nullable(),
	status: z.enum(TICKET_STATUSES),
	satisfactionScore: z.union([z.enum(['good', 'bad']), z.number().min(1).max(5)]).optional(),
	subject: z.string(),
	description: z.string().optional(),
	url: z.string().url().optional(),
	resolutionMinutes: z.number().nonnegative().optional(),
	tags: z.array(z.string()).optional(),
	/** The requester's (and agents') comments: read for frustration language, never returned. */
	comments: z.array(SupportCommentSchema).optional(),
	/** SLA targets the ticket missed (Zendesk's ticket metric events of type "breach"); absent when the source has no SLA data. */
	slaBreaches: z.array(SlaBreachSchema).optional(),
	/** Minutes to our first reply (Zendesk metric set `reply_time_in_minutes`). */
	firstReplyMinutes: z.number().nonnegative().optional(),
});
export type SupportTicket = z.infer<typeof SupportTicketSchema>;

/**
 * Which (dot-path) field of an incoming ticket item holds each ticket attribute.
 * Defaults follow Zendesk's ticket JSON; `metric_set` is the ticket's entry of the incremental export's
 * `metric_sets` (sideloaded with `include=metric_sets`) merged onto the ticket.
 */
export interface SupportFieldMap {
	accountKey: string;
	ticketId: string;
	createdAt: string;
	updatedAt: string;
	solvedAt: string;
	priority: string;
	status: string;
	satisfactionScore: string;
	subject: string;
	description: string;
	url: string;
	resolutionMinutes: string;
	tags: string;
	requesterId: string;
	comments: string;
	slaBreaches: string;
	firstReplyMinutes: string;
}

export const DEFAULT_SUPPORT_FIELD_MAP: Readonly<SupportFieldMap> = Object.freeze({
	accountKey: 'organization_id',
	ticketId: 'id',
	createdAt: 'created_at',
	updatedAt: 'updated_at',
	solvedAt: 'metric_set.solved_at',
	priority: 'priority',
	status: 'status',
	satisfactionScore: 'satisfaction_rating.score',
	subject: 'subject',
	description: 'description',
	url: 'url',
	resolutionMinutes: 'metric_set.full_resolution_time_in_minutes.calendar',
	tags: 'tags',
	requesterId: 'requester_id',
	comments: 'comments',
	slaBreaches: 'sla_breaches',
	firstReplyMinutes: 'metric_set.reply_time_in_minutes.calendar',
});

/**
 * Records already in the canonical shape (each field under its own name: accountId, ticketId, createdAt, …, comments
 * as { text, fromCustomer, createdAt }, slaBreaches as { metric, breachedAt, policy }) — what a source mapping such
 * as Intercom's (engine/sources/intercom/mapping.ts) produces.
 */
export const CANONICAL_SUPPORT_FIELD_MAP: Readonly<SupportFieldMap> = Object.freeze({
	accountKey: 'accountId',
	ticketId: 'ticketId',
	createdAt: 'createdAt',
	updatedAt: 'updatedAt',
	solvedAt: 'solvedAt',
	priority: 'priority',
	status: 'status',
	satisfactionScore: 'satisfactionScore',
	subject: 'subject',
	description: 'description',
	url: 'url',
	resolutionMinutes: 'resolutionMinutes',
	tags: 'tags',
	requesterId: 'requesterId',
	comments: 'comments',
	slaBreaches: 'slaBreaches',
	firstReplyMinutes: 'firstReplyMinutes',
});

type FieldKey = keyof SupportFieldMap;

/** How each mapping is labelled in the CS Support Signals node and what it must hold (used in error fixes). */
export const SUPPORT_FIELD_LABELS: Readonly<Record<FieldKey, { label: string; holds: string; required: boolean }>> = Object.freeze({
	accountKey: { label: 'Account Key Field', holds: 'the account key (e.g. organization_id)', required: true },
	ticketId: { label: 'Ticket ID Field', holds: 'the ticket id', required: true },
	createdAt: { label: 'Created At Field', holds: 'ISO-8601 dates', required: true },
	updatedAt: { label: 'Updated At Field', holds: 'ISO-8601 dates', required: false },
	solvedAt: { label: 'Solved At Field', holds: 'ISO-8601 dates', required: false },
	priority: { label: 'Priority Field', holds: 'urgent, high, normal or low', required: true },
	status: { label: 'Status Field', holds: 'new, open, pending, hold, solved or closed', required: true },
	satisfactionScore: { label: 'Satisfaction Score Field', holds: 'good/bad ratings or 1–5 scores', required: false },
	subject: { label: 'Subject Field', holds: 'the ticket subject', required: true },
	description: { label: 'Description Field', holds: 'the ticket description', required: false },
	url: { label: 'URL Field', holds: 'the ticket URL', required: false },
	resolutionMinutes: { label: 'Resolution Minutes Field', holds: 'resolution times in minutes', required: false },
	tags: { label: 'Tags Field', holds: 'a list of tags', required: false },
	requesterId: { label: 'Requester ID Field', holds: "the requester's id (a comment by the requester is the customer's)", required: false },
	comments: { label: 'Comments Field', holds: 'a list of comments: { body or text, author_id or from_customer, created_at }', required: false },
	slaBreaches: { label: 'SLA Breaches Field', holds: 'a list of missed SLA targets: { metric, breached_at, policy, target_minutes }', required: false },
	firstReplyMinutes: { label: 'First Reply Minutes Field', holds: 'minutes to the first reply', required: false },
});

/** A comment from Zendesk (`plain_body` / `body`, `author_id` vs the requester) or any tool (`text`, `from_customer`). */
function commentOf(raw: unknown, requesterId: unknown): SupportComment | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const c = raw as Record<string, unknown>;
	const text = [c.plain_body, c.body, c.text].find((v): v is string => typeof v === 'string');
	const flag = c.from_customer ?? c.fromCustomer;
	const fromCustomer = typeof flag === 'boolean' ? flag : c.author_id !== undefined && requesterId !== undefined ? String(c.author_id) === String(requesterId) : undefined;
	if (text === undefined || fromCustomer === undefined) return undefined;
	const created = c.created_at ?? c.createdAt;
	return { text, fromCustomer, ...(typeof created === 'string' && parseIsoDate(created) ? { createdAt: created } : {}) };
}

function breachOf(raw: unknown): SlaBreach | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const b = raw as Record<string, unknown>;
	const at = b.breached_at ?? b.breachedAt ?? b.time;
	if (typeof b.metric !== 'string' || b.metric === '' || typeof at !== 'string' || !parseIsoDate(at)) return undefined;
	const target = b.target_minutes ?? b.targetMinutes;
	return { metric: b.metric, breachedAt: at, ...(typeof b.policy === 'string' && b.policy ? { policy: b.policy } : {}), ...(typeof target === 'number' ? { targetMinutes: target } : {}) };
}

/** The field map in force: defaults overlaid with the non-empty entries the user gave. */
export function resolveFieldMap(overrides: Partial<Record<string, unknown>> = {}): SupportFieldMap {
	const map: SupportFieldMap = { ...DEFAULT_SUPPORT_FIELD_MAP };
	for (const key of Object.keys(overrides)) {
		if (!(key in DEFAULT_SUPPORT_FIELD_MAP)) {
			throw new Error(`Field mapping "${key}" is unknown (known: ${Object.keys(DEFAULT_SUPPORT_FIELD_MAP).join(', ')})`);
		}
		const value = overrides[key];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string') throw new Error(`Field mapping "${SUPPORT_FIELD_LABELS[key as FieldKey].label}" must be a field name`);
		const path = value.trim();
		if (path === '' && SUPPORT_FIELD_LABELS[key as FieldKey].required) {
			throw new Error(`"${SUPPORT_FIELD_LABELS[key as FieldKey].label}" is empty: name the field that holds ${SUPPORT_FIELD_LABELS[key as FieldKey].holds}`);
		}
		map[key as FieldKey] = path;
	}
	return map;
}

function show(value: unknown): string {
	const text = JSON.stringify(value);
	if (text === undefined) return String(value);
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const ZENDESK_API_TICKET_URL = /^(https:\/\/[^/]+)\/api\/v2\/tickets\/(\d+)\.json$/;

/**
 * Zendesk's `url` is the API address of the ticket; a CSM wants the agent view.
 * `https://acme.zendesk.com/api/v2/tickets/35436.json` → `https://acme.zendesk.com/agent/tickets/35436`.
 */
export function agentTicketUrl(url: string): string {
	const match = ZENDESK_API_TICKET_URL.exec(url);
	return match ? `${match[1]}/agent/tickets/${match[2]}` : url;
}

/**
 * Map one incoming item onto a SupportTicket. Throws ItemValidationError whose message names the item,
 * the field, the value and the fix, e.g.
 * `ticket 2: created_at "yesterday" is not an ISO-8601 date (map "Created At Field" to a field holding ISO-8601 dates)`.
 */
export function mapTicket(item: unknown, itemIndex: number, fieldMap: SupportFieldMap = DEFAULT_SUPPORT_FIELD_MAP): SupportTicket {
	const problems: string[] = [];
	const mapped: Record<string, unknown> = {};

	const fix = (key: FieldKey) => `(map "${SUPPORT_FIELD_LABELS[key].label}" to a field holding ${SUPPORT_FIELD_LABELS[key].holds})`;
	const invalid = (key: FieldKey, raw: unknown, what: string) => problems.push(`${fieldMap[key]} ${show(raw)} ${what} ${fix(key)}`);
	const missing = (key: FieldKey) => problems.push(`${fieldMap[key]} is missing ${fix(key)}`);
	/** The raw value, or undefined when the field is absent (a missing required field is reported). */
	const read = (key: FieldKey, { nullable = false } = {}): unknown => {
		const { required } = SUPPORT_FIELD_LABELS[key];
		const raw = fieldMap[key] === '' ? undefined : readPath(item, fieldMap[key]);
		if (raw === undefined || (raw === null && !nullable) || (raw === '' && !required)) {
			if (required) missing(key);
			return undefined;
		}
		return raw;
	};

	if (item === null || typeof item !== 'object' || Array.isArray(item)) {
		throw new ItemValidationError('ticket', itemIndex, [`is ${show(item)}, not a ticket object`]);
	}

	for (const key of ['accountKey', 'ticketId'] as const) {
		const raw = read(key);
		if (raw === undefined) continue;
		if ((typeof raw === 'string' && raw.trim() !== '') || (typeof raw === 'number' && Number.isFinite(raw))) {
			mapped[key === 'accountKey' ? 'accountId' : 'ticketId'] = String(raw).trim();
		} else invalid(key, raw, 'is not an id');
	}

	for (const key of ['createdAt', 'updatedAt', 'solvedAt'] as const) {
		const raw = read(key);
		if (raw === undefined) continue;
		if (parseIsoDate(raw)) mapped[key] = (raw as string).trim();
		else invalid(key, raw, 'is not an ISO-8601 date');
	}

	const priority = read('priority', { nullable: true });
	if (priority === null) mapped.priority = null;
	else if (priority !== undefined) {
		const value = typeof priority === 'string' ? priority.trim().toLowerCase() : priority;
		if ((TICKET_PRIORITIES as readonly unknown[]).includes(value)) mapped.priority = value;
		else invalid('priority', priority, `is not one of ${TICKET_PRIORITIES.join(', ')}`);
	}

	const status = read('status');
	if (status !== undefined) {
		const value = typeof status === 'string' ? status.trim().toLowerCase() : status;
		if ((TICKET_STATUSES as readonly unknown[]).includes(value)) mapped.status = value;
		else invalid('status', status, `is not one of ${TICKET_STATUSES.join(', ')}`);
	}

	const score = read('satisfactionScore');
	if (score !== undefined) {
		const text = typeof score === 'string' ? score.trim().toLowerCase() : undefined;
		const numeric = typeof score === 'number' ? score : text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
		if (text === 'good' || text === 'bad') mapped.satisfactionScore = text;
		else if (text === 'offered' || text === 'unoffered') {
			// Zendesk: a survey was (or was not) sent, no answer yet — no rating.
		} else if (numeric !== undefined && numeric >= 1 && numeric <= 5) mapped.satisfactionScore = numeric;
		else invalid('satisfactionScore', score, 'is not a rating (good, bad, offered, unoffered or a score from 1 to 5)');
	}

	for (const key of ['subject', 'description'] as const) {
		const raw = read(key);
		if (raw === undefined) continue;
		if (typeof raw === 'string') mapped[key] = raw.trim();
		else invalid(key, raw, 'is not text');
	}

	const url = read('url');
	if (url !== undefined) {
		if (typeof url === 'string' && /^https?:\/\/\S+$/.test(url.trim())) mapped.url = agentTicketUrl(url.trim());
		else invalid('url', url, 'is not a URL');
	}

	const minutes = read('resolutionMinutes');
	if (minutes !== undefined) {
		const value = typeof minutes === 'string' && /^\d+(\.\d+)?$/.test(minutes.trim()) ? Number(minutes) : minutes;
		if (typeof value === 'number' && Number.isFinite(value) && value >= 0) mapped.resolutionMinutes = value;
		else invalid('resolutionMinutes', minutes, 'is not a number of minutes');
	}

	const firstReply = read('firstReplyMinutes');
	if (firstReply !== undefined) {
		const value = typeof firstReply === 'string' && /^\d+(\.\d+)?$/.test(firstReply.trim()) ? Number(firstReply) : firstReply;
		if (typeof value === 'number' && Number.isFinite(value) && value >= 0) mapped.firstReplyMinutes = value;
		else invalid('firstReplyMinutes', firstReply, 'is not a number of minutes');
	}

	const requester = read('requesterId');
	const comments = read('comments');
	if (comments !== undefined) {
		if (!Array.isArray(comments)) invalid('comments', comments, 'is not a list of comments');
		else {
			const parsed = comments.map((comment) => commentOf(comment, requester));
			const bad = parsed.findIndex((c) => c === undefined);
			if (bad >= 0) invalid('comments', comments[bad], `(comment ${bad}) has no text (body, plain_body or text) or no author (author_id or from_customer)`);
			else mapped.comments = parsed;
		}
	}

	const breaches = read('slaBreaches');
	if (breaches !== undefined) {
		if (!Array.isArray(breaches)) invalid('slaBreaches', breaches, 'is not a list of SLA breaches');
		else {
			const parsed = breaches.map(breachOf);
			const bad = parsed.findIndex((b) => b === undefined);
			if (bad >= 0) invalid('slaBreaches', breaches[bad], `(breach ${bad}) needs a metric and an ISO-8601 breached_at`);
			else mapped.slaBreaches = parsed;
		}
	}

	const tags = read('tags');
	if (tags !== undefined) {
		if (Array.isArray(tags) && tags.every((tag) => typeof tag === 'string')) mapped.tags = tags;
		else invalid('tags', tags, 'is not a list of tags');
	}

	if (problems.length > 0) throw new ItemValidationError('ticket', itemIndex, problems);
	return parseItem(SupportTicketSchema, 'ticket', itemIndex, mapped);
}
