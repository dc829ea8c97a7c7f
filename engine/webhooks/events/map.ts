/**
 * From a verified request to classified events. Never throws: a payload that cannot be read becomes one
 * `other` event saying why, so the caller acknowledges it (and may route it to an "other events" output).
 */
import type { WebhookProvider, WebhookVerified } from '../result';
import { mapGraphPayload } from './graph';
import { mapHubSpotPayload } from './hubspot';
import { mapIntercomPayload } from './intercom';
import { mapSegmentPayload } from './segment';
import { mapSlackPayload } from './slack';
import { otherEvent, type WebhookDeliveryContext, type WebhookEvent } from './types';
import { mapZendeskPayload } from './zendesk';

/** Classify a provider's (already verified) payload. */
export function mapWebhookPayload(provider: WebhookProvider, payload: unknown, context: WebhookDeliveryContext = {}): WebhookEvent[] {
	if (payload === undefined) return [otherEvent(provider, `${provider}.empty`, 'the body is empty or neither JSON nor a form', payload, { deliveryId: context.deliveryId })];
	try {
		switch (provider) {
			case 'zendesk':
				return mapZendeskPayload(payload, context);
			case 'hubspot':
				return mapHubSpotPayload(payload);
			case 'slack':
				return mapSlackPayload(payload);
			case 'intercom':
				return mapIntercomPayload(payload);
			case 'segment':
				return mapSegmentPayload(payload);
			case 'graph':
				return mapGraphPayload(payload);
			case 'generic':
				return [otherEvent('generic', 'generic', 'generic HMAC webhooks are verified, not classified', payload, { deliveryId: context.deliveryId })];
		}
	} catch (error) {
		return [otherEvent(provider, `${provider}.unreadable`, `the payload could not be read: ${(error as Error).message}`, payload)];
	}
}

/** The events of a verified request: the handshake to answer, or its payload classified. */
export function webhookEvents(verified: WebhookVerified): WebhookEvent[] {
	if (verified.handshake) {
		const eventType = verified.handshake.kind === 'slack_url_verification' ? 'url_verification' : 'validationToken';
		return [{ provider: verified.provider, kind: 'handshake', eventType, fields: { respond: verified.handshake.respond } }];
	}
	return mapWebhookPayload(verified.provider, verified.payload, { deliveryId: verified.deliveryId, signedAt: verified.signedAt });
}

/** One line an admin reads: "support.ticket created — zendesk ticket 35436 (zen:event-type:ticket.created)". */
export function describeWebhookEvent(event: WebhookEvent): string {
	const change = 'change' in event.fields ? ` ${event.fields.change}` : '';
	const about = event.record ? ` — ${event.record.system} ${event.record.type.replace(/_/g, ' ')} ${event.record.id}` : '';
	const reason = event.kind === 'other' ? `: ${event.fields.reason}` : '';
	return `${event.kind}${change}${about} (${event.eventType})${reason}`;
}
