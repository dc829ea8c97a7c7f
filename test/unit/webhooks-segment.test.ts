import { createHmac } from 'node:crypto';
import { verifyWebhook, webhookEvents } from '../../engine/webhooks';
import { describeWithVectors } from '../fixtures/webhooks/vectors';

describeWithVectors('Segment webhook signatures: the shared vector', (vectors) => {
	const v = vectors.segment;

	it('verifies hex HMAC-SHA1 of the body in X-Signature and classifies the track call', () => {
		const result = verifyWebhook({ headers: { 'x-signature': v.signature }, rawBody: v.body }, { provider: 'segment', secret: v.secret });
		if (!result.ok) throw new Error(result.message);
		expect(result.scheme).toBe('segment-sha1');
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'segment',
				kind: 'usage.track',
				eventType: 'track',
				deliveryId: 'm-1',
				occurredAt: '2024-06-03T10:00:00Z',
				accountKey: { system: 'segment', type: 'group', id: 'acct_42' },
				record: { system: 'segment', type: 'user', id: 'u_1' },
				fields: { event: 'Report Exported', userId: 'u_1', groupId: 'acct_42', properties: {} },
			},
		]);
	});

	it('rejects the vector with one byte changed', () => {
		const result = verifyWebhook({ headers: { 'x-signature': v.signature }, rawBody: v.body.replace('u_1', 'u_2') }, { provider: 'segment', secret: v.secret });
		expect(!result.ok && result.reason).toBe('signature_mismatch');
	});
});

describe('Segment webhook signatures: own cases', () => {
	it('recognises a body saved with a trailing newline (an editor) rather than blaming the secret', () => {
		const body = '{"type":"group","groupId":"acct_42","userId":"u_1","traits":{"name":"Acme","plan":"enterprise"}}';
		const signature = createHmac('sha1', 'seg').update(body).digest('hex');
		const result = verifyWebhook({ headers: { 'X-Signature': signature }, rawBody: `${body}\n` }, { provider: 'segment', secret: 'seg' });
		expect(!result.ok && result.message).toBe(
			'body is not the raw bytes: it verifies without the line break at its end (an editor or a shell added one when the body was saved)',
		);
		const verified = verifyWebhook({ headers: { 'X-Signature': signature }, rawBody: body }, { provider: 'segment', secret: 'seg' });
		if (!verified.ok) throw new Error(verified.message);
		expect(webhookEvents(verified)[0]).toMatchObject({ kind: 'usage.group', fields: { groupId: 'acct_42', traits: { name: 'Acme', plan: 'enterprise' } } });
	});
});
