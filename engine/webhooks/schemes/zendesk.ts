/**
 * Zendesk webhooks: `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(signing secret, TIMESTAMP + RAW_BODY)),
 * the timestamp being the `X-Zendesk-Webhook-Signature-Timestamp` header as sent (ISO-8601, e.g.
 * "2024-06-03T10:00:00Z"). The secret is the webhook's signing secret (`GET /api/v2/webhooks/{id}/signing_secret`),
 * used as its UTF-8 text, not base64-decoded.
 *
 * Order: one older Zendesk doc page ("event connectors / verifying") says BODY + TIMESTAMP; its own sample only
 * matches body + timestamp, while the current doc page, n8n's Zendesk Trigger and every production implementation
 * sign timestamp + body. We verify timestamp + body, and recognise the old order to say so rather than report a
 * wrong secret. Zendesk documents no replay window; we apply 5 minutes (configurable) and keep the invocation id
 * (`X-Zendesk-Webhook-Invocation-Id`) as the delivery id for de-duplication.
 */
import { singleHeader } from '../request';
import type { SignedSchemeSpec } from '../signed';
import { DEFAULT_WINDOW_MS } from '../timestamp';

export const ZENDESK_SIGNATURE_HEADER = 'X-Zendesk-Webhook-Signature';
export const ZENDESK_TIMESTAMP_HEADER = 'X-Zendesk-Webhook-Signature-Timestamp';
export const ZENDESK_INVOCATION_HEADER = 'X-Zendesk-Webhook-Invocation-Id';

export interface ZendeskVerifierConfig {
	provider: 'zendesk';
	/** The webhook's signing secret. */
	secret: string;
	windowMs?: number;
}

export function zendeskScheme(config: ZendeskVerifierConfig): SignedSchemeSpec {
	return {
		provider: 'zendesk',
		scheme: 'zendesk',
		description: 'base64 HMAC-SHA256 of timestamp + body',
		secretName: 'signing secret',
		secret: config.secret,
		signatureHeader: ZENDESK_SIGNATURE_HEADER,
		encoding: 'base64',
		algorithm: 'sha256',
		timestamp: { header: ZENDESK_TIMESTAMP_HEADER, format: 'iso', windowMs: config.windowMs ?? DEFAULT_WINDOW_MS },
		signedParts: ({ body, timestamp }) => [Buffer.from(timestamp ?? '', 'utf8'), body],
		alternatives: ({ body, timestamp }) => [
			{
				parts: [body, Buffer.from(timestamp ?? '', 'utf8')],
				problem: {
					reason: 'signing_order',
					message:
						'signed over body + timestamp (the order on an older Zendesk doc page), but Zendesk signs timestamp + body: the secret is right, the sender followed the old page',
				},
			},
		],
		enrich: (verified, request) => {
			const invocation = singleHeader(request.headers, ZENDESK_INVOCATION_HEADER);
			return invocation.state === 'one' ? { ...verified, deliveryId: invocation.value } : verified;
		},
	};
}
