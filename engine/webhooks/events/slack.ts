/**
 * Slack Events API bodies: `url_verification` (the handshake), `event_callback` wrapping one event. Classified:
 * messages in a channel (plain, thread broadcasts, file shares, bot messages — edits, deletions and join notices
 * are not) and `member_joined_channel` (a new person in a shared channel: stakeholder pull). The envelope's
 * `event_id` is the delivery id (the same across Slack's retries).
 */
import { z } from 'zod';
import { compact, isRecord, optionalText, toIsoUtc } from './fields';
import { otherEvent, type WebhookEvent } from './types';

const MESSAGE_SUBTYPES = new Set(['thread_broadcast', 'file_share', 'bot_message']);

const CallbackSchema = z
	.object({
		type: z.literal('event_callback'),
		event_id: optionalText,
		event_time: z.unknown().optional(),
		team_id: optionalText,
		event: z.object({ type: z.string() }).passthrough(),
	})
	.passthrough();

const MessageSchema = z
	.object({
		channel: z.string().min(1),
		ts: z.string().min(1),
		user: optionalText,
		bot_id: optionalText,
		subtype: optionalText,
		text: z.string().optional(),
		thread_ts: optionalText,
		channel_type: optionalText,
	})
	.passthrough();

const MemberJoinedSchema = z
	.object({ channel: z.string().min(1), user: z.string().min(1), inviter: optionalText, channel_type: optionalText, team: optionalText })
	.passthrough();

export function mapSlackPayload(payload: unknown): WebhookEvent[] {
	if (!isRecord(payload)) return [otherEvent('slack', 'slack.unknown', 'Slack body is not a JSON object', payload)];
	if (payload.type === 'url_verification' && typeof payload.challenge === 'string') {
		return [{ provider: 'slack', kind: 'handshake', eventType: 'url_verification', fields: { respond: { status: 200, contentType: 'text/plain', body: payload.challenge } } }];
	}
	if (payload.type !== 'event_callback') {
		const what = typeof payload.type === 'string' ? `Slack "${payload.type}" body` : 'Slack form body (slash command or interactivity)';
		return [otherEvent('slack', typeof payload.type === 'string' ? payload.type : 'slack.form', `${what} is not an Events API event_callback`, payload)];
	}
	const callback = CallbackSchema.safeParse(payload);
	if (!callback.success) return [otherEvent('slack', 'event_callback', 'Slack event_callback has no event', payload)];
	const { event, event_id: deliveryId, team_id: teamId } = callback.data;
	const base = { provider: 'slack' as const, eventType: event.type, deliveryId };
	if (event.type === 'message') {
		const message = MessageSchema.safeParse(event);
		if (!message.success) return [otherEvent('slack', 'message', 'Slack message event has no channel or ts', payload, { deliveryId })];
		const m = message.data;
		if (m.subtype && !MESSAGE_SUBTYPES.has(m.subtype)) {
			return [otherEvent('slack', `message.${m.subtype}`, `Slack message subtype "${m.subtype}" is not classified`, payload, { deliveryId })];
		}
		return [
			compact({
				...base,
				kind: 'slack.message' as const,
				occurredAt: toIsoUtc(callback.data.event_time) ?? toIsoUtc(m.ts),
				accountKey: { system: 'slack' as const, type: 'channel' as const, id: m.channel },
				record: { system: 'slack' as const, type: 'message', id: `${m.channel}:${m.ts}` },
				fields: compact({
					channelId: m.channel,
					userId: m.user,
					botId: m.bot_id,
					subtype: m.subtype,
					text: m.text ?? '',
					ts: m.ts,
					threadTs: m.thread_ts,
					channelType: m.channel_type,
					teamId,
				}),
			}),
		];
	}
	if (event.type === 'member_joined_channel') {
		const joined = MemberJoinedSchema.safeParse(event);
		if (!joined.success) return [otherEvent('slack', event.type, 'Slack member_joined_channel event has no channel or user', payload, { deliveryId })];
		const j = joined.data;
		return [
			compact({
				...base,
				kind: 'slack.member_joined' as const,
				occurredAt: toIsoUtc(callback.data.event_time),
				accountKey: { system: 'slack' as const, type: 'channel' as const, id: j.channel },
				record: { system: 'slack' as const, type: 'channel_member', id: `${j.channel}:${j.user}` },
				fields: compact({ channelId: j.channel, userId: j.user, inviterId: j.inviter, channelType: j.channel_type, teamId: j.team ?? teamId }),
			}),
		];
	}
	return [otherEvent('slack', event.type, `Slack event type "${event.type}" is not classified (messages and member_joined_channel are)`, payload, { deliveryId })];
}
