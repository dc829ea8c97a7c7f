/**
 * Microsoft Graph change notifications carry no signature. Two checks stand in for one:
 * - Subscription validation: when a subscription is created or renewed, Graph POSTs to the notification URL
 *   with `?validationToken=…`; the endpoint must answer 200 with the token (URL-decoded) as `text/plain` within
 *   10 seconds. Nothing else is processed.
 * - `clientState`: the secret given when the subscription was created comes back in every notification; each
 *   notification is checked on its own (constant-time) and a wrong or missing one is refused individually —
 *   one request may carry notifications of several subscriptions.
 * Graph signs no time and has no notification id: replay protection is none (the signal store de-duplicates by
 * resource and change). Rich notifications (encrypted resource data, `validationTokens` JWTs) are not handled here.
 */
import { z } from 'zod';
import { sharedStringsEqual } from '../crypto';
import { parsePayload } from '../payload';
import { bodyBytes, queryParameter, type WebhookRequest } from '../request';
import { rejected, type RejectedNotification, type WebhookVerification } from '../result';

export interface GraphVerifierConfig {
	provider: 'graph';
	/** The `clientState` the subscription was created with. */
	secret: string;
}

const CollectionSchema = z.object({ value: z.array(z.unknown()) }).passthrough();

export function verifyGraph(config: GraphVerifierConfig, request: WebhookRequest): WebhookVerification {
	const base = { provider: 'graph' as const, scheme: 'graph-client-state' as const };
	const token = queryParameter(request, 'validationToken');
	if (token !== undefined) {
		if (token === '') {
			return rejected('graph', 'graph-client-state', [{ reason: 'malformed_body', message: 'empty validationToken: a Graph subscription validation always carries one' }], 400);
		}
		return {
			ok: true,
			...base,
			schemeDescription: 'subscription validation: validationToken to echo',
			replayProtection: 'none',
			notes: ['subscription validation: answer 200 with the token as text/plain within 10 seconds'],
			handshake: { kind: 'graph_validation', respond: { status: 200, contentType: 'text/plain', body: token } },
			payload: undefined,
		};
	}
	if (!config.secret) {
		return rejected('graph', 'graph-client-state', [{ reason: 'no_secret', message: 'no clientState is configured for graph: every notification is refused until one is set' }]);
	}
	const body = bodyBytes(request.rawBody);
	if (!body) {
		return rejected('graph', 'graph-client-state', [{ reason: 'no_raw_body', message: 'the request body is not available' }]);
	}
	const collection = CollectionSchema.safeParse(parsePayload(body, request.headers));
	if (!collection.success) {
		return rejected(
			'graph',
			'graph-client-state',
			[{ reason: 'malformed_body', message: 'the body is not a Graph change-notification collection ({"value": [ … ]}) and has no validationToken in its URL' }],
			400,
		);
	}
	const accepted: unknown[] = [];
	const refused: RejectedNotification[] = [];
	collection.data.value.forEach((notification, index) => {
		const { clientState, subscriptionId } = (notification ?? {}) as { clientState?: unknown; subscriptionId?: unknown };
		const which = `notification ${index + 1}${typeof subscriptionId === 'string' ? ` (subscription ${subscriptionId})` : ''}`;
		if (typeof clientState !== 'string' || clientState === '') {
			refused.push({ index, reason: 'client_state_mismatch', message: `${which} has no clientState (was the subscription created without one?)` });
		} else if (!sharedStringsEqual(clientState, config.secret)) {
			refused.push({ index, reason: 'client_state_mismatch', message: `${which}: clientState does not match the configured one` });
		} else {
			accepted.push(notification);
		}
	});
	if (refused.length > 0 && accepted.length === 0) {
		return rejected('graph', 'graph-client-state', refused.map(({ reason, message }) => ({ reason, message })));
	}
	return {
		ok: true,
		...base,
		schemeDescription: 'clientState of each notification',
		replayProtection: 'none',
		notes: refused.length > 0 ? [`${refused.length} of ${collection.data.value.length} notifications refused (wrong or missing clientState)`] : [],
		payload: { ...collection.data, value: accepted },
		...(refused.length > 0 ? { rejectedNotifications: refused } : {}),
	};
}
