/**
 * Intercom webhooks: `X-Hub-Signature: sha1=<hex HMAC-SHA1(client secret, raw body)>`, the app's client secret
 * as key. Intercom signs no timestamp, so a captured request verifies forever: replay protection is only what a
 * ReplayGuard remembers (the notification's `delivery_attempts` and `first_sent_at` are in the body, so
 * Intercom's own retries carry a new signature).
 */
import type { SignedSchemeSpec } from '../signed';

export const INTERCOM_SIGNATURE_HEADER = 'X-Hub-Signature';

export interface IntercomVerifierConfig {
	provider: 'intercom';
	/** The Intercom app's client secret. */
	secret: string;
}

export function intercomScheme(config: IntercomVerifierConfig): SignedSchemeSpec {
	return {
		provider: 'intercom',
		scheme: 'intercom-sha1',
		description: 'hex HMAC-SHA1 of body',
		secretName: 'client secret',
		secret: config.secret,
		signatureHeader: INTERCOM_SIGNATURE_HEADER,
		prefix: 'sha1=',
		encoding: 'hex',
		algorithm: 'sha1',
		signedParts: ({ body }) => [body],
		notes: ['no timestamp is signed: replay protection only through a replay guard'],
	};
}
