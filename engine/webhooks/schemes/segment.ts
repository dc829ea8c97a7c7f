/**
 * Segment webhook destinations (classic Webhooks and Webhooks (Actions)) with a shared secret set:
 * `X-Signature: <hex HMAC-SHA1(shared secret, raw body)>`. No timestamp is signed: replay protection is only what
 * a ReplayGuard remembers; the event's `messageId` is its delivery id for de-duplication.
 */
import type { SignedSchemeSpec } from '../signed';

export const SEGMENT_SIGNATURE_HEADER = 'X-Signature';

export interface SegmentVerifierConfig {
	provider: 'segment';
	/** The destination's shared secret. */
	secret: string;
}

export function segmentScheme(config: SegmentVerifierConfig): SignedSchemeSpec {
	return {
		provider: 'segment',
		scheme: 'segment-sha1',
		description: 'hex HMAC-SHA1 of body',
		secretName: 'shared secret',
		secret: config.secret,
		signatureHeader: SEGMENT_SIGNATURE_HEADER,
		encoding: 'hex',
		algorithm: 'sha1',
		signedParts: ({ body }) => [body],
		notes: ['no timestamp is signed: replay protection only through a replay guard'],
	};
}
