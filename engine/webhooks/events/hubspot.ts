/**
 * HubSpot app webhooks: a JSON array of events, each `{eventId, subscriptionId, portalId, appId, occurredAt (ms),
 * subscriptionType: "contact.propertyChange", attemptNumber, objectId, propertyName, propertyValue, changeSource,
 * sourceId}`; association changes carry `fromObjectId` / `toObjectId` / `associationType` / `associationRemoved`,
 * merges `mergedObjectIds`. Newer generic subscriptions say `object.propertyChange` with an `objectTypeId`
 * ("0-1" contact, "0-2" company, "0-3" deal, "0-5" ticket).
 *
 * HubSpot says eventId alone is not guaranteed unique, so the delivery id combines portal, subscription, event
 * id and occurrence time (what stays the same when HubSpot retries; `attemptNumber` is the retry count).
 */
import { z } from 'zod';
import { compact, idString, isRecord, optionalId, optionalText, toIsoUtc } from './fields';
import { otherEvent, type CrmChange, type CrmObjectType, type WebhookEvent } from './types';

const OBJECT_TYPES: Record<string, CrmObjectType> = { contact: 'contact', company: 'company', deal: 'deal', ticket: 'ticket' };
const OBJECT_TYPE_IDS: Record<string, CrmObjectType> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal', '0-5': 'ticket' };
const CHANGES: Record<string, CrmChange> = {
	creation: 'created',
	deletion: 'deleted',
	propertyChange: 'property_changed',
	merge: 'merged',
	restore: 'restored',
	associationChange: 'association_changed',
	privacyDeletion: 'privacy_deleted',
};

const EventSchema = z
	.object({
		subscriptionType: z.string(),
		eventId: optionalId,
		subscriptionId: optionalId,
		portalId: optionalId,
		occurredAt: z.unknown().optional(),
		attemptNumber: z.number().optional(),
		objectId: optionalId,
		objectTypeId: optionalText,
		propertyName: optionalText,
		propertyValue: optionalText,
		changeSource: optionalText,
		sourceId: optionalText,
		associationType: optionalText,
		fromObjectId: optionalId,
		toObjectId: optionalId,
		associationRemoved: z.boolean().optional(),
		mergedObjectIds: z.array(idString).optional(),
	})
	.passthrough();

function mapEvent(raw: unknown): WebhookEvent {
	const parsed = EventSchema.safeParse(raw);
	if (!parsed.success) return otherEvent('hubspot', 'hubspot.unknown', 'HubSpot event has no subscriptionType', raw);
	const e = parsed.data;
	const [objectName, action] = e.subscriptionType.split('.', 2);
	const objectType = objectName === 'object' ? OBJECT_TYPE_IDS[e.objectTypeId ?? ''] : OBJECT_TYPES[objectName];
	const change = CHANGES[action ?? ''];
	const deliveryId = e.eventId !== undefined ? [e.portalId ?? '-', e.subscriptionId ?? '-', e.eventId, String(e.occurredAt ?? '-')].join(':') : undefined;
	if (!objectType || !change) {
		return otherEvent('hubspot', e.subscriptionType, `HubSpot subscription type "${e.subscriptionType}" is not classified (contact, company, deal and ticket events are)`, raw, { deliveryId });
	}
	const objectId = e.objectId ?? e.fromObjectId;
	if (!objectId) return otherEvent('hubspot', e.subscriptionType, `HubSpot "${e.subscriptionType}" event has no objectId`, raw, { deliveryId });
	const association =
		change === 'association_changed'
			? compact({ type: e.associationType, fromObjectId: e.fromObjectId, toObjectId: e.toObjectId, removed: e.associationRemoved })
			: undefined;
	return compact({
		provider: 'hubspot' as const,
		kind: 'crm.record' as const,
		eventType: e.subscriptionType,
		deliveryId,
		occurredAt: toIsoUtc(e.occurredAt, 'ms'),
		accountKey: objectType === 'company' ? { system: 'hubspot' as const, type: 'company' as const, id: objectId } : undefined,
		record: { system: 'hubspot' as const, type: objectType, id: objectId },
		fields: compact({
			objectType,
			objectId,
			change,
			propertyName: change === 'property_changed' ? e.propertyName : undefined,
			propertyValue: change === 'property_changed' ? e.propertyValue : undefined,
			changeSource: e.changeSource,
			sourceId: e.sourceId,
			portalId: e.portalId,
			attemptNumber: e.attemptNumber,
			association,
			mergedObjectIds: e.mergedObjectIds,
		}),
	});
}

export function mapHubSpotPayload(payload: unknown): WebhookEvent[] {
	if (Array.isArray(payload)) return payload.map(mapEvent);
	if (isRecord(payload)) return [mapEvent(payload)];
	return [otherEvent('hubspot', 'hubspot.unknown', 'HubSpot webhook body is not a JSON array of events', payload)];
}
