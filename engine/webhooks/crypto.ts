/**
 * The cryptography every scheme shares, on node:crypto only. Comparisons are constant-time over equal-length
 * buffers (`timingSafeEqual`); a received signature of the wrong length is refused before any comparison, so
 * timing can tell an attacker at most the length a signature must have — which the provider documents anyway.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha256' | 'sha1' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

export const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };
export const ALGORITHM_NAMES: Record<HmacAlgorithm, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/** HMAC over the concatenation of `parts`, keyed with the secret's UTF-8 bytes (what every provider does). */
export function hmac(algorithm: HmacAlgorithm, secret: string, parts: ReadonlyArray<Buffer>): Buffer {
	const mac = createHmac(algorithm, Buffer.from(secret, 'utf8'));
	for (const part of parts) mac.update(part);
	return mac.digest();
}

/** A plain hash over the concatenation (HubSpot v1/v2 put the secret first: `SHA256(secret + …)`, not an HMAC). */
export function plainHash(algorithm: HmacAlgorithm, parts: ReadonlyArray<Buffer>): Buffer {
	const hash = createHash(algorithm);
	for (const part of parts) hash.update(part);
	return hash.digest();
}

/** Constant-time equality; buffers of different lengths are unequal without comparing content. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/**
 * Constant-time equality of two shared strings of any length (Graph's clientState): both are hashed to a fixed
 * length first, so not even the length of the configured value leaks.
 */
export function sharedStringsEqual(received: string, expected: string): boolean {
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

export function sha256Hex(bytes: Buffer | string): string {
	return createHash('sha256').update(bytes).digest('hex');
}

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The number of characters a signature of `bytes` bytes has in `encoding`. */
export function encodedLength(bytes: number, encoding: SignatureEncoding): number {
	return encoding === 'hex' ? bytes * 2 : Math.ceil(bytes / 3) * 4;
}

/**
 * A received signature's bytes, or why it cannot be one: not hex/base64 at all, or not the length this algorithm
 * gives (with the algorithm it would fit, when one does: "that is the length of a SHA-1 signature").
 * `preview` is what may be shown of the received value (its first characters).
 */
export function decodeSignature(
	text: string,
	encoding: SignatureEncoding,
	algorithm: HmacAlgorithm,
	preview: string,
): { ok: true; bytes: Buffer } | { ok: false; why: string } {
	const expected = DIGEST_BYTES[algorithm];
	const shape = `expected ${encoding} of a ${expected}-byte ${ALGORITHM_NAMES[algorithm]} digest (${encodedLength(expected, encoding)} characters)`;
	const received = `received ${text.length} characters starting ${preview}`;
	const valid = encoding === 'hex' ? HEX.test(text) && text.length % 2 === 0 : BASE64.test(text) && text.length % 4 === 0;
	if (!valid) return { ok: false, why: `${shape}, ${received} that are not ${encoding}` };
	const bytes = Buffer.from(text, encoding);
	if (bytes.length !== expected) {
		const fits = (Object.keys(DIGEST_BYTES) as HmacAlgorithm[]).find((other) => DIGEST_BYTES[other] === bytes.length);
		const hint = fits ? ` — that is the length of a ${ALGORITHM_NAMES[fits]} signature: is the algorithm right?` : '';
		return { ok: false, why: `${shape}, ${received} (${bytes.length} bytes)${hint}` };
	}
	return { ok: true, bytes };
}
