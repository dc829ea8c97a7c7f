/**
 * Segment webhook destinations POST the Segment spec payload: `track` (an event by a user, `context.groupId` the
 * account when the library sets it), `identify` (user traits) and `group` (a user's account and its traits) are
 * classified; page, screen, alias and others are not. The `messageId` is the delivery id.
 */
import { z } from 'zod';
import { compact, isRecord, optionalText, record, toIsoUtc } from './fields';
import { otherEvent, type WebhookEvent } from './types';

const SegmentSchema = z
	.object({
		type: z.string(),
		messageId: optionalText,
		userId: optionalText,
		anonymousId: optionalText,
		groupId: optionalText,
		event: optionalText,
		timestamp: z.unknown().optional(),
		originalTimestamp: z.unknown().optional(),
		sentAt: z.unknown().optional(),
		receivedAt: z.unknown().optional(),
		properties: record.optional().nullable(),
		traits: record.optional().nullable(),
		context: z.object({ groupId: optionalText, traits: record.optional().nullable() }).passthrough().optional().nullable(),
	})
	.passthrough();

function mapCall(raw: unknown): WebhookEvent {
	const parsed = SegmentSchema.safeParse(raw);
	if (!parsed.success) return otherEvent('segment', 'segment.unknown', 'Segment body is not a Segment call (no "type")', raw);
	const s = parsed.data;
	const occurredAt = toIsoUtc(s.timestamp) ?? toIsoUtc(s.originalTimestamp) ?? toIsoUtc(s.sentAt) ?? toIsoUtc(s.receivedAt);
	const groupId = s.type === 'group' ? s.groupId : (s.context?.groupId ?? s.groupId);
	const base = {
		provider: 'segment' as const,
		eventType: s.type,
		deliveryId: s.messageId,
		occurredAt,
		accountKey: groupId ? { system: 'segment' as const, type: 'group' as const, id: groupId } : undefined,
	};
	const person = s.userId ?? s.anonymousId;
	const userRecord = person ? { system: 'segment' as const, type: 'user', id: person } : undefined;
	if (s.type === 'track') {
		if (!s.event) return otherEvent('segment', 'track', 'Segment track call has no event name', raw, { deliveryId: s.messageId });
		return compact({
			...base,
			kind: 'usage.track' as const,
			record: userRecord,
			fields: compact({ event: s.event, userId: s.userId, anonymousId: s.anonymousId, groupId, properties: s.properties ?? {} }),
		});
	}
	if (s.type === 'identify') {
		return compact({
			...base,
			kind: 'usage.identify' as const,
			record: userRecord,
			fields: compact({ userId: s.userId, anonymousId: s.anonymousId, groupId, traits: s.traits ?? s.context?.traits ?? {} }),
		});
	}
	if (s.type === 'group') {
		if (!groupId) return otherEvent('segment', 'group', 'Segment group call has no groupId', raw, { deliveryId: s.messageId });
		return compact({
			...base,
			kind: 'usage.group' as const,
			record: { system: 'segment' as const, type: 'group', id: groupId },
			fields: compact({ groupId, userId: s.userId, traits: s.traits ?? {} }),
		});
	}
	return otherEvent('segment', s.type, `Segment "${s.type}" call is not classified (track, identify and group are)`, raw, { deliveryId: s.messageId });
}

export function mapSegmentPayload(payload: unknown): WebhookEvent[] {
	if (Array.isArray(payload)) return payload.map(mapCall);
	if (isRecord(payload) && Array.isArray(payload.batch)) return payload.batch.map(mapCall);
	return [mapCall(payload)];
}
