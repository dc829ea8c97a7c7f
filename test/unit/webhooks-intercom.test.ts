import { createHmac } from 'node:crypto';
import { verifyWebhook, webhookEvents } from '../../engine/webhooks';
import { describeWithVectors } from '../fixtures/webhooks/vectors';

describeWithVectors('Intercom webhook signatures: the shared vector', (vectors) => {
	const v = vectors.intercom;

	it('verifies sha1= hex HMAC-SHA1 of the body, noting there is no signed timestamp', () => {
		const result = verifyWebhook({ headers: { 'X-Hub-Signature': v.signature }, rawBody: v.body }, { provider: 'intercom', secret: v.secret });
		expect(result).toMatchObject({
			ok: true,
			scheme: 'intercom-sha1',
			replayProtection: 'none',
			notes: ['no timestamp is signed: replay protection only through a replay guard'],
		});
		if (!result.ok) return;
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'intercom',
				kind: 'support.conversation',
				eventType: 'conversation.user.created',
				record: { system: 'intercom', type: 'conversation', id: '471' },
				fields: { conversationId: '471', change: 'created', by: 'customer', contactIds: [] },
			},
		]);
	});

	it('rejects a wrong client secret', () => {
		const result = verifyWebhook({ headers: { 'X-Hub-Signature': v.signature }, rawBody: v.body }, { provider: 'intercom', secret: 'other' });
		expect(!result.ok && result.message).toMatch(/^wrong secret or body changed: X-Hub-Signature \(received "b1c4…"\) does not match the hex HMAC-SHA1 of body/);
	});
});

describe('Intercom webhook signatures: own cases', () => {
	it('says when the signature has the length of another algorithm', () => {
		const body = '{"type":"notification_event","topic":"ping","data":{"item":{"type":"ping"}}}';
		const sha256 = createHmac('sha256', 'secret').update(body).digest('hex');
		const result = verifyWebhook({ headers: { 'X-Hub-Signature': `sha1=${sha256}` }, rawBody: body }, { provider: 'intercom', secret: 'secret' });
		expect(!result.ok && result.message).toBe(
			`malformed signature header X-Hub-Signature: expected hex of a 20-byte SHA-1 digest (40 characters), received 64 characters starting "${sha256.slice(0, 4)}…" (32 bytes) — that is the length of a SHA-256 signature: is the algorithm right?`,
		);
	});
});
