/**
 * The verification every signed scheme shares, in a fixed order: a secret is configured, the raw body is there,
 * the signature (and timestamp) headers are present once, well-formed, the signature matches — constant-time,
 * over the raw bytes — and the timestamp is within the window. A scheme file only says what its provider signs.
 *
 * The signature is checked before the window so that "stale timestamp" always means an authentic request that
 * is too old (a replay, a clock off, a capture checked later); a request that is both wrong and stale reports both.
 */
import type { DateTime } from 'luxon';
import { constantTimeEqual, decodeSignature, hmac, plainHash, sha256Hex, type HmacAlgorithm, type SignatureEncoding } from './crypto';
import { bodyVariants } from './diagnose';
import { parsePayload } from './payload';
import { bodyBytes, singleHeader, type WebhookRequest } from './request';
import {
	rejected,
	signaturePreview,
	type WebhookProblem,
	type WebhookProvider,
	type WebhookScheme,
	type WebhookVerification,
	type WebhookVerified,
} from './result';
import { describeTimestampFormat, isoUtc, parseTimestamp, windowProblem, type TimestampFormat } from './timestamp';

export interface SignedContext {
	body: Buffer;
	/** The timestamp header's value exactly as received (what the provider signed). */
	timestamp?: string;
}

/** Another reading of the request that a sender holding the secret may have signed, and what to say if it matches. */
export interface SignedAlternative {
	parts: Buffer[];
	problem: WebhookProblem;
}

export interface SignedSchemeSpec {
	provider: WebhookProvider;
	scheme: WebhookScheme;
	/** "base64 HMAC-SHA256 of timestamp + body". */
	description: string;
	/** What the provider calls the secret, for "no … configured": "signing secret", "client secret". */
	secretName: string;
	secret: string | undefined;
	signatureHeader: string;
	/** Text before the signature itself ("v0=", "sha1="); a header without it is malformed. */
	prefix?: string;
	encoding: SignatureEncoding;
	algorithm: HmacAlgorithm;
	/** false: a plain hash with the secret inside the signed content (HubSpot v1/v2). */
	keyed?: boolean;
	timestamp?: { header: string; format: TimestampFormat; windowMs: number };
	/** Split header values on commas (a proxy merging a repeated header); off for generic schemes. */
	splitCommas?: boolean;
	/** The bytes that are signed, in order. */
	signedParts(context: SignedContext): Buffer[];
	/** Scheme-specific readings to try after a mismatch (Zendesk's old order, HubSpot URL spellings). */
	alternatives?(context: SignedContext): SignedAlternative[];
	notes?: string[];
	/** Extra fields for a verified result (delivery id, retry, handshake). */
	enrich?(verified: WebhookVerified, request: WebhookRequest): WebhookVerified;
}

export interface VerifyOptions {
	now: DateTime;
	/** Try damaged forms of the body after a mismatch, to say "body is not the raw bytes" (default true). */
	diagnose?: boolean;
}

export function verifySigned(spec: SignedSchemeSpec, request: WebhookRequest, options: VerifyOptions): WebhookVerification {
	const fail = (problems: WebhookProblem[]) => rejected(spec.provider, spec.scheme, problems);
	if (!spec.secret) {
		return fail([{ reason: 'no_secret', message: `no ${spec.secretName} is configured for ${spec.provider}: every request is refused until one is set` }]);
	}
	const body = bodyBytes(request.rawBody);
	if (!body) {
		return fail([{ reason: 'no_raw_body', message: 'the raw request body is not available: a parsed body cannot be verified (n8n keeps it as rawBody)' }]);
	}

	const problems: WebhookProblem[] = [];
	const split = spec.splitCommas ?? true;
	const signatureLookup = singleHeader(request.headers, spec.signatureHeader, split);
	const timestampLookup = spec.timestamp ? singleHeader(request.headers, spec.timestamp.header, split) : undefined;
	for (const [name, lookup] of [[spec.signatureHeader, signatureLookup], [spec.timestamp?.header, timestampLookup]] as const) {
		if (!name || !lookup) continue;
		if (lookup.state === 'missing') problems.push({ reason: 'missing_header', message: `missing header ${name}` });
		if (lookup.state === 'conflicting') {
			problems.push({ reason: 'duplicate_header', message: `duplicated header ${name}: ${lookup.count} different values (sent twice, or merged by a proxy) — refusing to guess which one was signed` });
		}
	}
	if (problems.length > 0) return fail(problems);
	const received = (signatureLookup as { value: string }).value;
	const timestamp = timestampLookup?.state === 'one' ? timestampLookup.value : undefined;

	let signatureText = received;
	if (spec.prefix) {
		if (!received.startsWith(spec.prefix)) {
			problems.push({
				reason: 'malformed_signature',
				message: `malformed signature header ${spec.signatureHeader}: expected "${spec.prefix}" followed by the signature, received ${signaturePreview(received)}`,
			});
		}
		signatureText = received.slice(spec.prefix.length);
	}
	const decoded = problems.length === 0 ? decodeSignature(signatureText, spec.encoding, spec.algorithm, signaturePreview(signatureText)) : undefined;
	if (decoded && decoded.ok === false) {
		problems.push({ reason: 'malformed_signature', message: `malformed signature header ${spec.signatureHeader}: ${decoded.why}` });
	}
	let signedAt: DateTime | undefined;
	if (spec.timestamp && timestamp !== undefined) {
		signedAt = parseTimestamp(timestamp, spec.timestamp.format) ?? undefined;
		if (!signedAt) {
			const shown = timestamp.length > 40 ? `${timestamp.slice(0, 40)}…` : timestamp;
			problems.push({
				reason: 'malformed_timestamp',
				message: `malformed timestamp header ${spec.timestamp.header}: ${JSON.stringify(shown)} is not ${describeTimestampFormat(spec.timestamp.format)}`,
			});
		}
	}
	if (problems.length > 0 || !decoded?.ok) return fail(problems);

	const context: SignedContext = { body, timestamp };
	const sign = (parts: Buffer[]) => (spec.keyed === false ? plainHash(spec.algorithm, parts) : hmac(spec.algorithm, spec.secret as string, parts));
	const matches = (parts: Buffer[]) => constantTimeEqual(decoded.bytes, sign(parts));

	if (!matches(spec.signedParts(context))) {
		problems.push(diagnoseMismatch(spec, context, received, matches, options.diagnose ?? true));
	}
	const outOfWindow = signedAt && spec.timestamp ? windowProblem(signedAt, options.now, spec.timestamp.windowMs) : undefined;
	if (outOfWindow) problems.push(outOfWindow);
	if (problems.length > 0) return fail(problems);

	const verified: WebhookVerified = {
		ok: true,
		provider: spec.provider,
		scheme: spec.scheme,
		schemeDescription: spec.description,
		replayProtection: spec.timestamp ? 'timestamp window' : 'none',
		notes: [...(spec.notes ?? [])],
		replayKey: `${spec.provider}:${sha256Hex(decoded.bytes)}`,
		payload: parsePayload(body, request.headers),
	};
	if (signedAt && spec.timestamp) {
		verified.signedAt = isoUtc(signedAt);
		verified.ageMs = options.now.toMillis() - signedAt.toMillis();
		verified.windowMs = spec.timestamp.windowMs;
	}
	return spec.enrich ? spec.enrich(verified, request) : verified;
}

function diagnoseMismatch(
	spec: SignedSchemeSpec,
	context: SignedContext,
	received: string,
	matches: (parts: Buffer[]) => boolean,
	diagnose: boolean,
): WebhookProblem {
	if (diagnose) {
		for (const alternative of spec.alternatives?.(context) ?? []) {
			if (matches(alternative.parts)) return alternative.problem;
		}
		for (const variant of bodyVariants(context.body)) {
			if (matches(spec.signedParts({ ...context, body: variant.body }))) return { reason: 'body_not_raw', message: variant.message };
		}
	}
	const shown = spec.prefix && received.startsWith(spec.prefix) ? received.slice(spec.prefix.length) : received;
	return {
		reason: 'signature_mismatch',
		message:
			`wrong secret or body changed: ${spec.signatureHeader} (received ${signaturePreview(shown)}) does not match the ${spec.description} computed with the configured ${spec.secretName}. ` +
			`The two causes cannot be told apart: check the ${spec.secretName} first, then that the body is the raw bytes as sent`,
	};
}
