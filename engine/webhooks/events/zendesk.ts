/**
 * Zendesk payloads come in two shapes:
 * - Event-subscription webhooks: Zendesk's envelope `{type: "zen:event-type:ticket.status_changed", id, time,
 *   account_id, subject: "zen:ticket:5158", detail: {…ticket…}, event: {current, previous} | {comment} | …}`
 *   (string ids, UPPER-CASE statuses). Ticket events are classified; user / organization / other events are not.
 * - Trigger- and automation-connected webhooks: whatever JSON body the trigger's template renders. Recognised:
 *   a ticket, flat (`{"id": "{{ticket.id}}", "status": …}`, the shape of Zendesk's webhooks AsyncAPI ticket
 *   payload) or wrapped (`{"ticket": {…}}`), or with `ticket_id`; and a satisfaction rating (`ticket_id` + `score`).
 */
import { z } from 'zod';
import { compact, idString, isRecord, optionalId, optionalText, tagList, toIsoUtc } from './fields';
import { otherEvent, type SupportTicketFields, type TicketChange, type WebhookDeliveryContext, type WebhookEvent } from './types';

const EVENT_PREFIX = 'zen:event-type:';

const TICKET_CHANGES: Record<string, TicketChange> = {
	created: 'created',
	status_changed: 'status_changed',
	priority_changed: 'priority_changed',
	comment_added: 'comment_added',
	tags_changed: 'tags_changed',
	agent_assignment_changed: 'assignment_changed',
	group_assignment_changed: 'assignment_changed',
	soft_deleted: 'deleted',
	permanently_deleted: 'deleted',
};

const lower = (value: string | undefined | null) => (typeof value === 'string' && value !== '' && value !== '-' ? value.toLowerCase() : undefined);

const EnvelopeSchema = z
	.object({
		type: z.string(),
		id: optionalId,
		time: z.unknown().optional(),
		detail: z.object({ id: idString }).passthrough(),
		event: z.record(z.string(), z.unknown()).optional(),
	})
	.passthrough();

const TicketSchema = z
	.object({
		id: idString,
		status: optionalText,
		priority: z.union([z.string(), z.null()]).optional(),
		subject: optionalText,
		title: optionalText,
		type: z.union([z.string(), z.null()]).optional(),
		organization_id: optionalId,
		requester_id: optionalId,
		assignee_id: optionalId,
		group_id: optionalId,
		tags: z.unknown().optional(),
		via: z.unknown().optional(),
		created_at: z.unknown().optional(),
		updated_at: z.unknown().optional(),
		latest_comment: z.unknown().optional(),
	})
	.passthrough();

const CommentSchema = z
	.object({
		id: optionalId,
		body: optionalText,
		is_public: z.boolean().optional(),
		public: z.boolean().optional(),
		author_id: optionalId,
		author: z.object({ id: optionalId, is_staff: z.boolean().optional() }).passthrough().optional(),
	})
	.passthrough();

const RatingSchema = z
	.object({
		ticket_id: idString,
		id: optionalId,
		score: z.string().min(1),
		comment: z.union([z.string(), z.null()]).optional(),
		requester_id: optionalId,
		assignee_id: optionalId,
	})
	.passthrough();

function ticketFields(raw: z.infer<typeof TicketSchema>, change: TicketChange): SupportTicketFields {
	const via = typeof raw.via === 'string' ? raw.via : isRecord(raw.via) && typeof raw.via.channel === 'string' ? raw.via.channel : undefined;
	const priority = raw.priority === undefined ? undefined : (lower(raw.priority) ?? null);
	return compact({
		ticketId: raw.id,
		change,
		status: lower(raw.status),
		priority,
		subject: raw.subject ?? raw.title,
		type: raw.type === undefined ? undefined : (lower(raw.type) ?? null),
		organizationId: raw.organization_id,
		requesterId: raw.requester_id,
		assigneeId: raw.assignee_id,
		groupId: raw.group_id,
		tags: tagList(raw.tags),
		via,
		createdAt: toIsoUtc(raw.created_at),
		updatedAt: toIsoUtc(raw.updated_at),
	});
}

function comment(raw: unknown): { id?: string; body?: string; public?: boolean; authorId?: string; byAgent?: boolean } | undefined {
	const parsed = CommentSchema.safeParse(raw);
	if (!parsed.success) return undefined;
	const c = parsed.data;
	return compact({ id: c.id, body: c.body, public: c.is_public ?? c.public, authorId: c.author_id ?? c.author?.id, byAgent: c.author?.is_staff });
}

function fromEnvelope(payload: Record<string, unknown>, context: WebhookDeliveryContext): WebhookEvent {
	const type = String(payload.type);
	const envelope = EnvelopeSchema.safeParse(payload);
	const name = type.slice(EVENT_PREFIX.length);
	if (!name.startsWith('ticket.')) return otherEvent('zendesk', type, `Zendesk event type "${type}" is not classified (only ticket events are)`, payload);
	if (!envelope.success) return otherEvent('zendesk', type, `Zendesk event "${type}" has no detail.id (the ticket)`, payload);
	const ticket = TicketSchema.safeParse(envelope.data.detail);
	if (!ticket.success) return otherEvent('zendesk', type, `Zendesk event "${type}" has no readable ticket in detail`, payload);
	const action = name.slice('ticket.'.length);
	const change = TICKET_CHANGES[action] ?? 'updated';
	const fields = ticketFields(ticket.data, change);
	const event = envelope.data.event ?? {};
	if (change === 'status_changed') {
		fields.status = lower(optionalText.parse(event.current)) ?? fields.status;
		fields.previousStatus = lower(optionalText.parse(event.previous));
	}
	if (change === 'priority_changed') {
		fields.priority = lower(optionalText.parse(event.current)) ?? fields.priority ?? null;
		fields.previousPriority = lower(optionalText.parse(event.previous)) ?? null;
	}
	if (change === 'comment_added') fields.comment = comment(event.comment);
	if (change === 'tags_changed') {
		fields.tagsAdded = tagList(event.tags_added) ?? [];
		fields.tagsRemoved = tagList(event.tags_removed) ?? [];
	}
	return compact({
		provider: 'zendesk' as const,
		kind: 'support.ticket' as const,
		eventType: type,
		deliveryId: envelope.data.id ?? context.deliveryId,
		occurredAt: toIsoUtc(envelope.data.time) ?? fields.updatedAt ?? context.signedAt,
		accountKey: fields.organizationId ? { system: 'zendesk' as const, type: 'organization' as const, id: fields.organizationId } : undefined,
		record: { system: 'zendesk' as const, type: 'ticket', id: fields.ticketId },
		fields: compact(fields),
	});
}

function fromTriggerBody(payload: Record<string, unknown>, context: WebhookDeliveryContext): WebhookEvent {
	const rating = RatingSchema.safeParse(isRecord(payload.satisfaction_rating) ? payload.satisfaction_rating : payload);
	if (rating.success && ['good', 'bad', 'offered', 'unoffered'].includes(rating.data.score.toLowerCase())) {
		const r = rating.data;
		return compact({
			provider: 'zendesk' as const,
			kind: 'support.satisfaction_rating' as const,
			eventType: 'zendesk.trigger',
			deliveryId: context.deliveryId,
			occurredAt: toIsoUtc(r.updated_at) ?? toIsoUtc(r.created_at) ?? context.signedAt,
			record: { system: 'zendesk' as const, type: r.id ? 'satisfaction_rating' : 'ticket', id: r.id ?? r.ticket_id },
			fields: compact({ ticketId: r.ticket_id, ratingId: r.id, score: r.score.toLowerCase(), comment: r.comment, requesterId: r.requester_id, assigneeId: r.assignee_id }),
		});
	}
	const wrapped = isRecord(payload.ticket) ? payload.ticket : undefined;
	const candidate = wrapped ?? (payload.id === undefined && payload.ticket_id !== undefined ? { ...payload, id: payload.ticket_id } : payload);
	const looksLikeTicket = wrapped !== undefined || payload.ticket_id !== undefined || ['status', 'title', 'subject', 'priority', 'requester_id'].some((key) => key in payload);
	const ticket = looksLikeTicket ? TicketSchema.safeParse(candidate) : undefined;
	if (!ticket?.success) {
		return otherEvent('zendesk', 'zendesk.trigger', 'Zendesk webhook body is neither an event envelope nor a recognised trigger body (a ticket with "id" or "ticket_id", or a satisfaction rating)', payload, {
			deliveryId: context.deliveryId,
		});
	}
	const fields = ticketFields(ticket.data, 'triggered');
	const latest = comment(ticket.data.latest_comment);
	if (latest) fields.comment = latest;
	return compact({
		provider: 'zendesk' as const,
		kind: 'support.ticket' as const,
		eventType: 'zendesk.trigger',
		deliveryId: context.deliveryId,
		occurredAt: fields.updatedAt ?? context.signedAt,
		accountKey: fields.organizationId ? { system: 'zendesk' as const, type: 'organization' as const, id: fields.organizationId } : undefined,
		record: { system: 'zendesk' as const, type: 'ticket', id: fields.ticketId },
		fields,
	});
}

export function mapZendeskPayload(payload: unknown, context: WebhookDeliveryContext = {}): WebhookEvent[] {
	if (!isRecord(payload)) return [otherEvent('zendesk', 'zendesk.unknown', 'Zendesk webhook body is not a JSON object', payload, { deliveryId: context.deliveryId })];
	if (typeof payload.type === 'string' && payload.type.startsWith(EVENT_PREFIX)) return [fromEnvelope(payload, context)];
	return [fromTriggerBody(payload, context)];
}
