import { createHmac } from 'node:crypto';
import { verifyWebhook, webhookEvents } from '../../engine/webhooks';
import { describeWithVectors } from '../fixtures/webhooks/vectors';

describeWithVectors('Zendesk webhook signatures: the shared vector', (vectors) => {
	const v = vectors.zendesk;
	const headers = { ...v.headers, 'X-Zendesk-Webhook-Signature': v.signature };

	it('verifies base64 HMAC-SHA256 of timestamp + body, secret used as its text', () => {
		const result = verifyWebhook({ headers, rawBody: v.body }, { provider: 'zendesk', secret: v.secret }, { now: '2024-06-03T10:01:00Z' });
		expect(result).toMatchObject({
			ok: true,
			scheme: 'zendesk',
			schemeDescription: 'base64 HMAC-SHA256 of timestamp + body',
			signedAt: '2024-06-03T10:00:00Z',
			ageMs: 60_000,
			replayProtection: 'timestamp window',
			payload: JSON.parse(v.body),
		});
	});

	it('is stale after the default 5 minutes, unless the window is widened', () => {
		const stale = verifyWebhook({ headers, rawBody: v.body }, { provider: 'zendesk', secret: v.secret }, { now: '2024-06-03T10:07:00Z' });
		expect(!stale.ok && stale.message).toBe('stale timestamp: sent 2024-06-03T10:00:00Z, 7 minutes before now (window 5 min)');
		const widened = verifyWebhook({ headers, rawBody: v.body }, { provider: 'zendesk', secret: v.secret, windowMs: 10 * 60_000 }, { now: '2024-06-03T10:07:00Z' });
		expect(widened.ok).toBe(true);
	});

	it('says "wrong secret or body changed" for a wrong secret, showing only 4 characters of the received signature', () => {
		const result = verifyWebhook({ headers, rawBody: v.body }, { provider: 'zendesk', secret: 'not-the-secret' }, { now: '2024-06-03T10:00:30Z' });
		expect(!result.ok && result.problems).toEqual([
			{
				reason: 'signature_mismatch',
				message:
					'wrong secret or body changed: X-Zendesk-Webhook-Signature (received "tdT7…") does not match the base64 HMAC-SHA256 of timestamp + body computed with the configured signing secret. The two causes cannot be told apart: check the signing secret first, then that the body is the raw bytes as sent',
			},
		]);
		expect(JSON.stringify(result)).not.toContain(v.signature.slice(4, 12));
	});

	it('recognises a body that was parsed and re-serialised (pretty-printed in a delivery log)', () => {
		const pretty = JSON.stringify(JSON.parse(v.body), null, 2);
		const result = verifyWebhook({ headers, rawBody: pretty }, { provider: 'zendesk', secret: v.secret }, { now: '2024-06-03T10:00:30Z' });
		expect(!result.ok && result.problems).toEqual([
			{
				reason: 'body_not_raw',
				message:
					'body is not the raw bytes (parsed JSON re-serialised?): it verifies as the same JSON written compact, not as given — verify over the raw request body, before any JSON parsing',
			},
		]);
	});

	it('classifies the envelope as a ticket created, the ticket as its record', () => {
		const result = verifyWebhook({ headers, rawBody: v.body }, { provider: 'zendesk', secret: v.secret }, { now: '2024-06-03T10:00:30Z' });
		if (!result.ok) throw new Error(result.message);
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'zendesk',
				kind: 'support.ticket',
				eventType: 'zen:event-type:ticket.created',
				occurredAt: '2024-06-03T10:00:00Z',
				record: { system: 'zendesk', type: 'ticket', id: '35436' },
				fields: { ticketId: '35436', change: 'created' },
			},
		]);
	});
});

describe('Zendesk webhook signatures: own cases', () => {
	const secret = 'zd-signing-secret';
	const body = '{"type":"zen:event-type:ticket.priority_changed","id":"e-1","detail":{"id":"5158"},"event":{"current":"URGENT","previous":"LOW"}}';
	const sign = (ts: string, content = body) => createHmac('sha256', secret).update(ts + content).digest('base64');

	it("recognises the older doc page's body + timestamp order (its published sample), instead of blaming the secret", () => {
		// Zendesk's older "verifying" page: its sample only matches body + timestamp (the newer page and the shared vectors sign timestamp + body).
		const result = verifyWebhook(
			{
				headers: { 'x-zendesk-webhook-signature': 'tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=', 'x-zendesk-webhook-signature-timestamp': '2021-07-25T10:00:00Z' },
				rawBody: '{"say": "hello"}',
			},
			{ provider: 'zendesk', secret: 'HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=' },
			{ now: '2021-07-25T10:01:00Z' },
		);
		expect(!result.ok && result.problems).toEqual([
			{
				reason: 'signing_order',
				message:
					'signed over body + timestamp (the order on an older Zendesk doc page), but Zendesk signs timestamp + body: the secret is right, the sender followed the old page',
			},
		]);
	});

	it('keeps the timestamp exactly as sent (an offset other than Z is signed as written)', () => {
		const ts = '2024-06-03T12:00:00+02:00';
		const result = verifyWebhook(
			{ headers: { 'X-Zendesk-Webhook-Signature': sign(ts), 'X-Zendesk-Webhook-Signature-Timestamp': ts }, rawBody: body },
			{ provider: 'zendesk', secret },
			{ now: '2024-06-03T10:02:00Z' },
		);
		expect(result).toMatchObject({ ok: true, signedAt: '2024-06-03T10:00:00Z' });
	});

	it('rejects a timestamp that is not ISO-8601, saying what it should be', () => {
		const result = verifyWebhook(
			{ headers: { 'X-Zendesk-Webhook-Signature': sign('1717408800'), 'X-Zendesk-Webhook-Signature-Timestamp': '1717408800' }, rawBody: body },
			{ provider: 'zendesk', secret },
			{ now: '2024-06-03T10:02:00Z' },
		);
		expect(!result.ok && result.message).toBe('malformed timestamp header X-Zendesk-Webhook-Signature-Timestamp: "1717408800" is not an ISO-8601 date-time');
	});

	it('rejects a signature of the wrong length before comparing, naming the expected shape', () => {
		const result = verifyWebhook(
			{ headers: { 'X-Zendesk-Webhook-Signature': 'dGVzdA==', 'X-Zendesk-Webhook-Signature-Timestamp': '2024-06-03T10:00:00Z' }, rawBody: body },
			{ provider: 'zendesk', secret },
			{ now: '2024-06-03T10:02:00Z' },
		);
		expect(!result.ok && result.message).toBe(
			'malformed signature header X-Zendesk-Webhook-Signature: expected base64 of a 32-byte SHA-256 digest (44 characters), received 8 characters starting "dGVz…" (4 bytes)',
		);
	});

	it('keeps the invocation id as delivery id and the envelope id as the event id, with the priority change', () => {
		const ts = '2024-06-03T10:00:00Z';
		const result = verifyWebhook(
			{ headers: { 'X-Zendesk-Webhook-Signature': sign(ts), 'X-Zendesk-Webhook-Signature-Timestamp': ts, 'X-Zendesk-Webhook-Invocation-Id': 'inv-42' }, rawBody: body },
			{ provider: 'zendesk', secret },
			{ now: '2024-06-03T10:00:10Z' },
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.deliveryId).toBe('inv-42');
		expect(webhookEvents(result)[0]).toMatchObject({ deliveryId: 'e-1', fields: { ticketId: '5158', change: 'priority_changed', priority: 'urgent', previousPriority: 'low' } });
	});
});
