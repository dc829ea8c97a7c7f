/**
 * Intercom webhook notifications: `{type: "notification_event", id, topic: "conversation.user.replied", created_at,
 * delivery_attempts, data: {item: {type: "conversation", id, state, priority, contacts, source, conversation_parts,
 * conversation_rating, …}}}`. Conversation topics are classified; `ping` (sent when the webhook is registered),
 * contact, company and other topics are not. The notification id is the delivery id.
 */
import { z } from 'zod';
import { compact, isRecord, optionalId, optionalText, toIsoUtc } from './fields';
import { otherEvent, type ConversationChange, type SupportConversationFields, type WebhookEvent } from './types';

const TOPICS: Record<string, { change: ConversationChange; by?: 'customer' | 'admin' }> = {
	'conversation.user.created': { change: 'created', by: 'customer' },
	'conversation.user.replied': { change: 'replied', by: 'customer' },
	'conversation.admin.single.created': { change: 'created', by: 'admin' },
	'conversation.admin.replied': { change: 'replied', by: 'admin' },
	'conversation.admin.closed': { change: 'closed', by: 'admin' },
	'conversation.admin.opened': { change: 'opened', by: 'admin' },
	'conversation.admin.snoozed': { change: 'snoozed', by: 'admin' },
	'conversation.admin.unsnoozed': { change: 'unsnoozed', by: 'admin' },
	'conversation.admin.assigned': { change: 'assigned', by: 'admin' },
	'conversation.admin.noted': { change: 'noted', by: 'admin' },
	'conversation.rating.added': { change: 'rated', by: 'customer' },
	'conversation.priority.updated': { change: 'priority_changed' },
	'conversation.deleted': { change: 'deleted' },
};

const NotificationSchema = z
	.object({
		type: z.literal('notification_event'),
		topic: z.string(),
		id: optionalId,
		created_at: z.unknown().optional(),
		data: z.object({ item: z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) }).passthrough() }).passthrough(),
	})
	.passthrough();

const ConversationSchema = z
	.object({
		state: optionalText,
		priority: optionalText,
		created_at: z.unknown().optional(),
		updated_at: z.unknown().optional(),
		contacts: z.object({ contacts: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough()) }).passthrough().optional(),
		company: z.object({ id: optionalId }).passthrough().optional().nullable(),
		source: z.object({ body: optionalText }).passthrough().optional().nullable(),
		conversation_parts: z.object({ conversation_parts: z.array(z.object({ body: optionalText }).passthrough()) }).passthrough().optional(),
		conversation_rating: z.object({ rating: z.number().nullable().optional(), remark: optionalText }).passthrough().optional().nullable(),
	})
	.passthrough();

export function mapIntercomPayload(payload: unknown): WebhookEvent[] {
	const notification = NotificationSchema.safeParse(payload);
	if (!notification.success) {
		const topic = isRecord(payload) && typeof payload.topic === 'string' ? payload.topic : 'intercom.unknown';
		const reason = topic === 'ping' ? 'Intercom ping (sent when the webhook is registered)' : 'Intercom body is not a notification_event with a data.item';
		return [otherEvent('intercom', topic, reason, payload)];
	}
	const n = notification.data;
	const deliveryId = n.id;
	const topic = TOPICS[n.topic];
	if (!topic) return [otherEvent('intercom', n.topic, `Intercom topic "${n.topic}" is not classified (conversation topics are)`, payload, { deliveryId })];
	if (n.data.item.type !== undefined && n.data.item.type !== 'conversation') {
		return [otherEvent('intercom', n.topic, `Intercom "${n.topic}" item is a ${String(n.data.item.type)}, not a conversation`, payload, { deliveryId })];
	}
	const conversation = ConversationSchema.safeParse(n.data.item);
	const c: Partial<z.infer<typeof ConversationSchema>> = conversation.success ? conversation.data : {};
	const parts = c.conversation_parts?.conversation_parts ?? [];
	const text = topic.change === 'created' ? c.source?.body : parts.length > 0 ? parts[parts.length - 1].body : undefined;
	const rating = c.conversation_rating;
	const fields: SupportConversationFields = compact({
		conversationId: n.data.item.id,
		change: topic.change,
		by: topic.by,
		state: c.state,
		priority: c.priority,
		contactIds: (c.contacts?.contacts ?? []).map((contact) => contact.id),
		companyId: c.company?.id,
		rating: typeof rating?.rating === 'number' ? compact({ rating: rating.rating, remark: rating.remark }) : undefined,
		text,
		createdAt: toIsoUtc(c.created_at),
		updatedAt: toIsoUtc(c.updated_at),
	});
	return [
		compact({
			provider: 'intercom' as const,
			kind: 'support.conversation' as const,
			eventType: n.topic,
			deliveryId,
			occurredAt: toIsoUtc(n.created_at) ?? fields.updatedAt,
			accountKey: fields.companyId ? { system: 'intercom' as const, type: 'company' as const, id: fields.companyId } : undefined,
			record: { system: 'intercom' as const, type: 'conversation', id: fields.conversationId },
			fields,
		}),
	];
}
