/**
 * Microsoft Graph change notifications (`{value: [{subscriptionId, changeType, resource, resourceData, clientState,
 * tenantId}]}`), only those whose clientState verified. Mail message changes are classified; lifecycle
 * notifications (`lifecycleEvent`: reauthorizationRequired, subscriptionRemoved, missed) are surfaced so the
 * subscription can be renewed; other resources are not classified. Graph has no notification id or event time:
 * the delivery id is subscription + change + resource.
 */
import { z } from 'zod';
import { compact, isRecord, optionalText } from './fields';
import { otherEvent, type WebhookEvent } from './types';

const NotificationSchema = z
	.object({
		subscriptionId: z.string().min(1),
		changeType: optionalText,
		resource: optionalText,
		tenantId: optionalText,
		lifecycleEvent: optionalText,
		resourceData: z.object({ '@odata.type': optionalText, id: optionalText }).passthrough().optional().nullable(),
	})
	.passthrough();

const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);

function mapNotification(raw: unknown): WebhookEvent {
	const parsed = NotificationSchema.safeParse(raw);
	if (!parsed.success) return otherEvent('graph', 'graph.unknown', 'Graph notification has no subscriptionId', raw);
	const n = parsed.data;
	if (n.lifecycleEvent) {
		return {
			provider: 'graph',
			kind: 'subscription.lifecycle',
			eventType: n.lifecycleEvent,
			fields: compact({ lifecycleEvent: n.lifecycleEvent, subscriptionId: n.subscriptionId, resource: n.resource, tenantId: n.tenantId }),
		};
	}
	const odataType = n.resourceData?.['@odata.type']?.toLowerCase();
	const isMessage = odataType === '#microsoft.graph.message' || /\/messages(\/|\(|$)/i.test(n.resource ?? '');
	const change = n.changeType && CHANGE_TYPES.has(n.changeType) ? (n.changeType as 'created' | 'updated' | 'deleted') : undefined;
	const eventType = `${odataType ?? 'resource'}.${n.changeType ?? 'unknown'}`;
	const deliveryId = `${n.subscriptionId}:${n.changeType ?? '-'}:${n.resourceData?.id ?? n.resource ?? '-'}`;
	if (!isMessage || !change || !n.resource) {
		return otherEvent('graph', eventType, 'Graph notification is not a mail message change (only messages are classified)', raw, { deliveryId });
	}
	const messageId = n.resourceData?.id;
	return compact({
		provider: 'graph' as const,
		kind: 'email.message' as const,
		eventType,
		deliveryId,
		record: messageId ? { system: 'graph' as const, type: 'message', id: messageId } : undefined,
		fields: compact({ change, subscriptionId: n.subscriptionId, resource: n.resource, messageId, tenantId: n.tenantId }),
	});
}

export function mapGraphPayload(payload: unknown): WebhookEvent[] {
	if (isRecord(payload) && Array.isArray(payload.value)) return payload.value.map(mapNotification);
	return [otherEvent('graph', 'graph.unknown', 'Graph body is not a change-notification collection', payload)];
}
