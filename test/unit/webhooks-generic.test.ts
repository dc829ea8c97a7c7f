import { createHmac } from 'node:crypto';
import { verifyWebhook, WebhookConfigError, type GenericHmacVerifierConfig } from '../../engine/webhooks';
import { describeWithVectors } from '../fixtures/webhooks/vectors';

const ZOOM = (secret: string): GenericHmacVerifierConfig => ({
	provider: 'generic',
	name: 'Zoom',
	secret,
	signatureHeader: 'x-zm-signature',
	algorithm: 'sha256',
	encoding: 'hex',
	prefix: 'v0=',
	timestampHeader: 'x-zm-request-timestamp',
	signedContent: 'v0:{timestamp}:{body}',
});

describeWithVectors('generic HMAC webhooks: the shared vectors', (vectors) => {
	it('verifies the Zoom vector (v0= hex HMAC-SHA256 of "v0:" + timestamp + ":" + body)', () => {
		const v = vectors.zoom;
		const result = verifyWebhook({ headers: { 'X-Zm-Signature': v.signature, 'X-Zm-Request-Timestamp': v.ts }, rawBody: v.body }, ZOOM(v.secret), { now: Number(v.ts) * 1000 });
		expect(result).toMatchObject({ ok: true, scheme: 'generic-hmac', schemeDescription: 'hex HMAC-SHA256 of "v0:" + timestamp + ":" + body', signedAt: '2024-06-03T10:00:00Z' });
	});

	it('verifies the Fireflies vector (hex HMAC-SHA256 of the body), with or without a sha256= prefix', () => {
		const v = vectors.fireflies;
		const plain = verifyWebhook(
			{ headers: { 'x-hub-signature': v.signature }, rawBody: v.body },
			{ provider: 'generic', name: 'Fireflies', secret: v.secret, signatureHeader: 'x-hub-signature', algorithm: 'sha256', encoding: 'hex' },
		);
		expect(plain).toMatchObject({ ok: true, schemeDescription: 'hex HMAC-SHA256 of body', replayProtection: 'none' });
		const prefixed = verifyWebhook(
			{ headers: { 'x-hub-signature': `sha256=${v.signature}` }, rawBody: v.body },
			{ provider: 'generic', name: 'Fireflies', secret: v.secret, signatureHeader: 'x-hub-signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=' },
		);
		expect(prefixed.ok).toBe(true);
	});

	it('names the provider and its secret in a mismatch', () => {
		const v = vectors.zoom;
		const result = verifyWebhook({ headers: { 'x-zm-signature': v.signature, 'x-zm-request-timestamp': v.ts }, rawBody: v.body }, ZOOM('wrong'), { now: Number(v.ts) * 1000 });
		expect(!result.ok && result.message).toMatch(/computed with the configured Zoom secret\. /);
	});
});

describe('generic HMAC webhooks: own cases', () => {
	it('verifies base64 HMAC-SHA512 with a millisecond timestamp and method + url in the signed content', () => {
		const ts = '1717408800000';
		const body = '{"ok":true}';
		const signature = createHmac('sha512', 'k').update(`${ts}.POST.https://h.test/x.${body}`).digest('base64');
		const result = verifyWebhook(
			{ method: 'post', url: 'https://h.test/x', headers: { 'X-Sig': signature, 'X-Ts': ts }, rawBody: body },
			{ provider: 'generic', secret: 'k', signatureHeader: 'X-Sig', algorithm: 'sha512', encoding: 'base64', timestampHeader: 'X-Ts', signedContent: '{timestamp}.{method}.{url}.{body}' },
			{ now: Number(ts) + 1000 },
		);
		expect(result).toMatchObject({ ok: true, signedAt: '2024-06-03T10:00:00Z', schemeDescription: 'base64 HMAC-SHA512 of timestamp + "." + method + "." + url + "." + body' });
	});

	it('says the algorithm looks wrong when a SHA-1 signature arrives for a SHA-256 setting', () => {
		const body = '{}';
		const sha1 = createHmac('sha1', 'k').update(body).digest('hex');
		const result = verifyWebhook({ headers: { 'x-sig': sha1 }, rawBody: body }, { provider: 'generic', secret: 'k', signatureHeader: 'x-sig', algorithm: 'sha256', encoding: 'hex' });
		expect(!result.ok && result.message).toBe(
			`malformed signature header x-sig: expected hex of a 32-byte SHA-256 digest (64 characters), received 40 characters starting "${sha1.slice(0, 4)}…" (20 bytes) — that is the length of a SHA-1 signature: is the algorithm right?`,
		);
	});

	it('does not split a generic header on commas (some providers put several fields in one header)', () => {
		const body = '{}';
		const signature = createHmac('sha256', 'k').update(body).digest('hex');
		const result = verifyWebhook({ headers: { 'x-sig': `t=1,${signature}` }, rawBody: body }, { provider: 'generic', secret: 'k', signatureHeader: 'x-sig', algorithm: 'sha256', encoding: 'hex', prefix: 't=1,' });
		expect(result.ok).toBe(true);
	});

	it('refuses settings that cannot work, naming each one', () => {
		expect(() =>
			verifyWebhook({ headers: {}, rawBody: '' }, { provider: 'generic', secret: 'k', signatureHeader: 'x sig', algorithm: 'md5', encoding: 'hex', signedContent: '{timestamp}{payload}' } as never),
		).toThrow(
			new WebhookConfigError(
				'generic webhook settings: signatureHeader "x sig" is not an HTTP header name; algorithm "md5" is not one of "sha256", "sha1", "sha512"; signedContent "{timestamp}{payload}" must contain {body}; signedContent "{timestamp}{payload}" may only use {timestamp}, {body}, {method} and {url}',
			),
		);
		expect(() => verifyWebhook({ headers: {}, rawBody: '' }, { provider: 'zoom' } as never)).toThrow(
			'webhook provider "zoom" is not one of zendesk, hubspot, slack, intercom, segment, graph, generic',
		);
	});
});
