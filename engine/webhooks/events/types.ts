/**
 * A verified webhook payload, classified: which kind of customer-success event it is, which record it is about,
 * which account key it carries (when the payload itself names one), and the few fields a detector needs.
 * No signal is detected here (that is detect/): this only says what happened to which record.
 *
 * Text fields (a ticket comment, a Slack message, a conversation reply) are carried for the detectors to read
 * and quote; they are not meant to be stored — the store keeps signals and their evidence snippets.
 */
import type { WebhookHandshakeResponse, WebhookProvider } from '../result';

/** The record an event is about, in its own system. */
export interface WebhookRecordRef {
	system: WebhookProvider;
	/** ticket, satisfaction_rating, conversation, contact, company, deal, message, channel_member, user, group, … */
	type: string;
	id: string;
}

/** An identifier in the payload that maps to one customer account without a lookup. */
export interface WebhookAccountKey {
	system: WebhookProvider;
	type: 'organization' | 'company' | 'channel' | 'group';
	id: string;
}

interface WebhookEventBase {
	provider: WebhookProvider;
	/** The provider's own name for the event: "zen:event-type:ticket.created", "contact.propertyChange", "message", "track", … */
	eventType: string;
	/** The provider's id for this event or delivery, for de-duplication (absent when the provider gives none). */
	deliveryId?: string;
	/** When it happened, ISO-8601 UTC (absent when the payload does not say). */
	occurredAt?: string;
	accountKey?: WebhookAccountKey;
	record?: WebhookRecordRef;
}

export type TicketChange =
	| 'created'
	| 'status_changed'
	| 'priority_changed'
	| 'comment_added'
	| 'tags_changed'
	| 'assignment_changed'
	| 'deleted'
	| 'updated'
	/** A trigger or automation fired with a body template: which change it was is the trigger's own business. */
	| 'triggered';

export interface SupportTicketFields {
	ticketId: string;
	change: TicketChange;
	/** Lower-case, as the REST API writes it (event envelopes send upper case). */
	status?: string;
	previousStatus?: string;
	priority?: string | null;
	previousPriority?: string | null;
	subject?: string;
	type?: string | null;
	organizationId?: string;
	requesterId?: string;
	assigneeId?: string;
	groupId?: string;
	tags?: string[];
	tagsAdded?: string[];
	tagsRemoved?: string[];
	via?: string;
	createdAt?: string;
	updatedAt?: string;
	comment?: { id?: string; body?: string; public?: boolean; authorId?: string; byAgent?: boolean };
}

export interface SatisfactionRatingFields {
	ticketId: string;
	ratingId?: string;
	/** good / bad (lower case). */
	score: string;
	comment?: string | null;
	requesterId?: string;
	assigneeId?: string;
}

export type ConversationChange =
	| 'created'
	| 'replied'
	| 'closed'
	| 'opened'
	| 'snoozed'
	| 'unsnoozed'
	| 'assigned'
	| 'noted'
	| 'rated'
	| 'priority_changed'
	| 'deleted';

export interface SupportConversationFields {
	conversationId: string;
	change: ConversationChange;
	/** Who acted: the customer (user/lead/contact) or a teammate (admin). */
	by?: 'customer' | 'admin';
	state?: string;
	priority?: string;
	contactIds: string[];
	companyId?: string;
	rating?: { rating: number; remark?: string };
	/** The body of the part that triggered the event (HTML as Intercom sends it). */
	text?: string;
	createdAt?: string;
	updatedAt?: string;
}

export type CrmObjectType = 'contact' | 'company' | 'deal' | 'ticket';
export type CrmChange = 'created' | 'deleted' | 'property_changed' | 'merged' | 'restored' | 'association_changed' | 'privacy_deleted';

export interface CrmRecordFields {
	objectType: CrmObjectType;
	objectId: string;
	change: CrmChange;
	propertyName?: string;
	propertyValue?: string;
	/** CRM, IMPORT, API, INTEGRATION, … */
	changeSource?: string;
	sourceId?: string;
	portalId?: string;
	attemptNumber?: number;
	association?: { type?: string; fromObjectId?: string; toObjectId?: string; removed?: boolean };
	mergedObjectIds?: string[];
}

export interface SlackMessageFields {
	channelId: string;
	userId?: string;
	botId?: string;
	/** thread_broadcast, file_share, bot_message; absent for an ordinary message. */
	subtype?: string;
	text: string;
	ts: string;
	threadTs?: string;
	channelType?: string;
	teamId?: string;
}

export interface SlackMemberJoinedFields {
	channelId: string;
	userId: string;
	inviterId?: string;
	channelType?: string;
	teamId?: string;
}

export interface UsageTrackFields {
	event: string;
	userId?: string;
	anonymousId?: string;
	groupId?: string;
	properties: Record<string, unknown>;
}

export interface UsageIdentifyFields {
	userId?: string;
	anonymousId?: string;
	groupId?: string;
	traits: Record<string, unknown>;
}

export interface UsageGroupFields {
	groupId: string;
	userId?: string;
	traits: Record<string, unknown>;
}

export interface EmailMessageFields {
	change: 'created' | 'updated' | 'deleted';
	subscriptionId: string;
	/** The Graph resource path: "Users/{id}/Messages/{id}". */
	resource: string;
	messageId?: string;
	tenantId?: string;
}

export interface SubscriptionLifecycleFields {
	/** reauthorizationRequired, subscriptionRemoved, missed. */
	lifecycleEvent: string;
	subscriptionId: string;
	resource?: string;
	tenantId?: string;
}

export interface HandshakeFields {
	respond: WebhookHandshakeResponse;
}

export interface OtherFields {
	/** Why it is not classified: "unknown Zendesk event type …", "not JSON", … */
	reason: string;
	/** The payload (one element of a batch), for an "other events" output. */
	payload: unknown;
}

/** Fields by kind: the one table of event kinds. */
export interface WebhookEventFieldsByKind {
	'support.ticket': SupportTicketFields;
	'support.satisfaction_rating': SatisfactionRatingFields;
	'support.conversation': SupportConversationFields;
	'crm.record': CrmRecordFields;
	'slack.message': SlackMessageFields;
	'slack.member_joined': SlackMemberJoinedFields;
	'usage.track': UsageTrackFields;
	'usage.identify': UsageIdentifyFields;
	'usage.group': UsageGroupFields;
	'email.message': EmailMessageFields;
	'subscription.lifecycle': SubscriptionLifecycleFields;
	handshake: HandshakeFields;
	other: OtherFields;
}

export type WebhookEventKind = keyof WebhookEventFieldsByKind;

export const WEBHOOK_EVENT_KINDS: readonly WebhookEventKind[] = [
	'support.ticket',
	'support.satisfaction_rating',
	'support.conversation',
	'crm.record',
	'slack.message',
	'slack.member_joined',
	'usage.track',
	'usage.identify',
	'usage.group',
	'email.message',
	'subscription.lifecycle',
	'handshake',
	'other',
];

export type WebhookEvent = {
	[K in WebhookEventKind]: WebhookEventBase & { kind: K; fields: WebhookEventFieldsByKind[K] };
}[WebhookEventKind];

export type WebhookEventOf<K extends WebhookEventKind> = Extract<WebhookEvent, { kind: K }>;

/** What the verifier knows about the delivery that the payload may not say. */
export interface WebhookDeliveryContext {
	/** A delivery id from a header (Zendesk invocation id). */
	deliveryId?: string;
	/** When it was signed (ISO-8601), the fallback for occurredAt. */
	signedAt?: string;
}

export function otherEvent(provider: WebhookProvider, eventType: string, reason: string, payload: unknown, base: Partial<WebhookEventBase> = {}): WebhookEvent {
	return { provider, eventType, ...base, kind: 'other', fields: { reason, payload } };
}
