/**
 * Slack Events API (and every Slack request signed with the app's signing secret):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body)>`,
 * timestamp in Unix seconds, refused when more than 5 minutes from now (Slack's documented rule).
 *
 * A verified `url_verification` request (Slack signs it too) carries a handshake: answer its `challenge` and
 * process nothing else. Slack retries an unacknowledged event with `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`
 * and a fresh signature; the event's `event_id` stays the same and is the delivery id for de-duplication.
 */
import type { WebhookVerified } from '../result';
import { singleHeader } from '../request';
import type { SignedSchemeSpec } from '../signed';
import { DEFAULT_WINDOW_MS } from '../timestamp';

export const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
export const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';

export interface SlackVerifierConfig {
	provider: 'slack';
	/** The Slack app's signing secret (Basic Information → App Credentials), not a token. */
	secret: string;
	windowMs?: number;
}

function slackEnrich(verified: WebhookVerified, headers: Parameters<typeof singleHeader>[0]): WebhookVerified {
	const result = { ...verified };
	const payload = verified.payload as { type?: unknown; challenge?: unknown } | undefined;
	if (payload && payload.type === 'url_verification' && typeof payload.challenge === 'string') {
		result.handshake = { kind: 'slack_url_verification', respond: { status: 200, contentType: 'text/plain', body: payload.challenge } };
	}
	const retry = singleHeader(headers, 'X-Slack-Retry-Num');
	if (retry.state === 'one' && /^\d+$/.test(retry.value)) {
		const reason = singleHeader(headers, 'X-Slack-Retry-Reason');
		result.retry = { attempt: Number(retry.value), ...(reason.state === 'one' ? { reason: reason.value } : {}) };
	}
	return result;
}

export function slackScheme(config: SlackVerifierConfig): SignedSchemeSpec {
	return {
		provider: 'slack',
		scheme: 'slack-v0',
		description: 'hex HMAC-SHA256 of "v0:" + timestamp + ":" + body',
		secretName: 'signing secret',
		secret: config.secret,
		signatureHeader: SLACK_SIGNATURE_HEADER,
		prefix: 'v0=',
		encoding: 'hex',
		algorithm: 'sha256',
		timestamp: { header: SLACK_TIMESTAMP_HEADER, format: 'unix-seconds', windowMs: config.windowMs ?? DEFAULT_WINDOW_MS },
		signedParts: ({ body, timestamp }) => [Buffer.from(`v0:${timestamp ?? ''}:`, 'utf8'), body],
		enrich: (verified, request) => slackEnrich(verified, request.headers),
	};
}
