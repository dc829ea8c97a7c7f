import { createHmac } from 'node:crypto';
import { verifyWebhook, webhookEvents } from '../../engine/webhooks';
import { describeWithVectors } from '../fixtures/webhooks/vectors';

// Slack's own published example (docs.slack.dev "Verifying requests from Slack"): a slash-command form body.
const SLACK_DOC_BODY =
	'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

describeWithVectors('Slack request signatures: the shared vectors', (vectors) => {
	it("verifies Slack's documented example (v0, form body), and classifies the form body as other", () => {
		const v = vectors.slack;
		const result = verifyWebhook(
			{ headers: { 'X-Slack-Signature': v.signature, 'X-Slack-Request-Timestamp': v.ts }, rawBody: SLACK_DOC_BODY },
			{ provider: 'slack', secret: v.secret },
			{ now: Number(v.ts) * 1000 },
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.signedAt).toBe('2018-07-12T18:36:58Z');
		expect(result.payload).toMatchObject({ command: '/webhook-collect', team_id: 'T1DC2JH3J' });
		expect(webhookEvents(result)).toMatchObject([{ kind: 'other', fields: { reason: 'Slack form body (slash command or interactivity) is not an Events API event_callback' } }]);
	});

	it('verifies the event_callback vector and classifies the channel message', () => {
		const v = vectors.slack_json;
		const result = verifyWebhook(
			{ headers: { 'x-slack-signature': v.signature, 'x-slack-request-timestamp': v.ts }, rawBody: v.body },
			{ provider: 'slack', secret: v.secret },
			{ now: Number(v.ts) * 1000 + 1000 },
		);
		if (!result.ok) throw new Error(result.message);
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'slack',
				kind: 'slack.message',
				eventType: 'message',
				deliveryId: 'Ev01',
				occurredAt: '2024-06-03T10:00:00Z',
				accountKey: { system: 'slack', type: 'channel', id: 'C1' },
				record: { system: 'slack', type: 'message', id: 'C1:1717408800.000100' },
				fields: { channelId: 'C1', userId: 'U1', text: 'hi', ts: '1717408800.000100' },
			},
		]);
	});

	it('rejects the vector 6 minutes later as stale', () => {
		const v = vectors.slack_json;
		const result = verifyWebhook(
			{ headers: { 'x-slack-signature': v.signature, 'x-slack-request-timestamp': v.ts }, rawBody: v.body },
			{ provider: 'slack', secret: v.secret },
			{ now: '2024-06-03T10:06:00Z' },
		);
		expect(!result.ok && result.message).toBe('stale timestamp: sent 2024-06-03T10:00:00Z, 6 minutes before now (window 5 min)');
	});

	it('recognises a body whose non-ASCII text was re-serialised as \\u escapes', () => {
		const v = vectors.slack_json;
		const raw = v.body.replace('"hi"', '"über"');
		const ts = v.ts;
		const signature = `v0=${createHmac('sha256', v.secret).update(`v0:${ts}:${raw}`).digest('hex')}`;
		const escaped = raw.replace('ü', '\\u00fc');
		const result = verifyWebhook({ headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': ts }, rawBody: escaped }, { provider: 'slack', secret: v.secret }, { now: Number(ts) * 1000 });
		expect(!result.ok && result.message).toBe(
			'body is not the raw bytes (parsed JSON re-serialised?): it verifies as the same JSON written compact, not as given — verify over the raw request body, before any JSON parsing',
		);
	});
});

describe('Slack request signatures: own cases', () => {
	const secret = 'slack-signing-secret';
	const ts = '1717408800';
	const sign = (body: string) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

	it('recognises the signed url_verification request and gives the challenge to answer', () => {
		const body = '{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}';
		const result = verifyWebhook({ headers: { 'X-Slack-Signature': sign(body), 'X-Slack-Request-Timestamp': ts }, rawBody: body }, { provider: 'slack', secret }, { now: Number(ts) * 1000 });
		if (!result.ok) throw new Error(result.message);
		expect(result.handshake).toEqual({
			kind: 'slack_url_verification',
			respond: { status: 200, contentType: 'text/plain', body: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' },
		});
		expect(webhookEvents(result)).toEqual([
			{ provider: 'slack', kind: 'handshake', eventType: 'url_verification', fields: { respond: result.handshake?.respond } },
		]);
	});

	it('does not answer an unsigned url_verification', () => {
		const body = '{"challenge":"abc","type":"url_verification"}';
		const result = verifyWebhook({ headers: { 'X-Slack-Request-Timestamp': ts }, rawBody: body }, { provider: 'slack', secret }, { now: Number(ts) * 1000 });
		expect(result.ok).toBe(false);
	});

	it("keeps Slack's retry number and reason", () => {
		const body = '{"type":"event_callback","event_id":"Ev2","event":{"type":"member_joined_channel","channel":"C9","user":"U7","inviter":"U1","channel_type":"C"}}';
		const result = verifyWebhook(
			{ headers: { 'X-Slack-Signature': sign(body), 'X-Slack-Request-Timestamp': ts, 'X-Slack-Retry-Num': '2', 'X-Slack-Retry-Reason': 'http_timeout' }, rawBody: body },
			{ provider: 'slack', secret },
			{ now: Number(ts) * 1000 },
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.retry).toEqual({ attempt: 2, reason: 'http_timeout' });
		expect(webhookEvents(result)[0]).toMatchObject({ kind: 'slack.member_joined', deliveryId: 'Ev2', fields: { channelId: 'C9', userId: 'U7', inviterId: 'U1' } });
	});

	it('rejects a signature without its v0= prefix as malformed', () => {
		const body = '{}';
		const result = verifyWebhook(
			{ headers: { 'X-Slack-Signature': sign(body).slice(3), 'X-Slack-Request-Timestamp': ts }, rawBody: body },
			{ provider: 'slack', secret },
			{ now: Number(ts) * 1000 },
		);
		expect(!result.ok && result.message).toMatch(/^malformed signature header X-Slack-Signature: expected "v0=" followed by the signature, received "[0-9a-f]{4}…"$/);
	});

	it('rejects two signatures a proxy merged into one header value', () => {
		const body = '{}';
		const result = verifyWebhook(
			{ headers: { 'x-slack-signature': `${sign(body)}, ${sign('{"x":1}')}`, 'x-slack-request-timestamp': ts }, rawBody: body },
			{ provider: 'slack', secret },
			{ now: Number(ts) * 1000 },
		);
		expect(!result.ok && result.reason).toBe('duplicate_header');
	});

	it('rejects a timestamp that is not Unix seconds', () => {
		const result = verifyWebhook(
			{ headers: { 'X-Slack-Signature': sign('{}'), 'X-Slack-Request-Timestamp': '2024-06-03T10:00:00Z' }, rawBody: '{}' },
			{ provider: 'slack', secret },
			{ now: Number(ts) * 1000 },
		);
		expect(!result.ok && result.message).toBe('malformed timestamp header X-Slack-Request-Timestamp: "2024-06-03T10:00:00Z" is not Unix seconds');
	});
});
