import { createHash, createHmac } from 'node:crypto';
import { hubspotV3Uri, verifyWebhook, webhookEvents } from '../../engine/webhooks';
import { hubspotV1Signature } from '../fixtures/webhooks/signers';
import { describeWithVectors } from '../fixtures/webhooks/vectors';

describeWithVectors('HubSpot webhook signatures: the shared vectors', (vectors) => {
	const v3 = vectors.hubspot_v3;
	const v1 = vectors.hubspot_v1;
	const v3Request = { method: v3.method, url: v3.uri, headers: { 'X-HubSpot-Signature-v3': v3.signature, 'X-HubSpot-Request-Timestamp': v3.ts }, rawBody: v3.body };

	it('verifies v3: base64 HMAC-SHA256 of method + URI + body + timestamp (ms)', () => {
		const result = verifyWebhook(v3Request, { provider: 'hubspot', secret: v3.secret }, { now: Number(v3.ts) + 4 * 60_000 });
		expect(result).toMatchObject({ ok: true, scheme: 'hubspot-v3', signedAt: '2024-06-03T10:00:00Z', replayProtection: 'timestamp window' });
	});

	it('refuses v3 older than 5 minutes (300000 ms, as the official SDKs)', () => {
		const result = verifyWebhook(v3Request, { provider: 'hubspot', secret: v3.secret }, { now: Number(v3.ts) + 300_001 });
		expect(!result.ok && result.message).toBe('stale timestamp: sent 2024-06-03T10:00:00Z, 5 minutes before now (window 5 min)');
	});

	it('says which URL was signed when the one given differs (trailing slash)', () => {
		const result = verifyWebhook({ ...v3Request, url: `${v3.uri}/` }, { provider: 'hubspot', secret: v3.secret }, { now: Number(v3.ts) });
		expect(!result.ok && result.problems).toEqual([
			{
				reason: 'url_mismatch',
				message:
					"the URL differs from the one HubSpot signed: the signature matches https://example.test/webhooks/hubspot — use the webhook URL exactly as HubSpot calls it (scheme, host, path, trailing slash and query string as in the app's webhook settings)",
			},
		]);
	});

	it('cannot verify v3 without the URL, and says so', () => {
		const result = verifyWebhook({ ...v3Request, url: undefined }, { provider: 'hubspot', secret: v3.secret }, { now: Number(v3.ts) });
		expect(!result.ok && result.message).toBe(
			"HubSpot v3 signs the full URL it called, and no URL was given: pass the webhook URL exactly as set in the HubSpot app's webhook settings",
		);
	});

	it('verifies v1 (hex SHA-256 of secret + body) only when legacy signatures are allowed, marked as having no replay protection', () => {
		const request = { headers: { 'X-HubSpot-Signature': v1.signature, 'X-HubSpot-Signature-Version': 'v1' }, rawBody: v1.body };
		const refused = verifyWebhook(request, { provider: 'hubspot', secret: v1.secret });
		expect(!refused.ok && refused.problems).toEqual([
			{
				reason: 'legacy_signature_refused',
				message:
					'only a legacy X-HubSpot-Signature (v1) is present, which has no replay protection, and no X-HubSpot-Signature-v3: HubSpot sends v3 with app webhooks — allow legacy signatures only if yours sends none',
			},
		]);
		const allowed = verifyWebhook(request, { provider: 'hubspot', secret: v1.secret, allowLegacySignatures: true });
		expect(allowed).toMatchObject({ ok: true, scheme: 'hubspot-v1', replayProtection: 'none', notes: ['legacy, no replay protection'] });
		expect(hubspotV1Signature(v1.secret, v1.body)).toBe(v1.signature);
	});

	it('checks v3 when both are present: a valid v1 does not rescue a forged v3 (no downgrade)', () => {
		const request = {
			...v3Request,
			headers: { ...v3Request.headers, 'X-HubSpot-Signature-v3': 'A'.repeat(43) + '=', 'X-HubSpot-Signature': v1.signature, 'X-HubSpot-Signature-Version': 'v1' },
		};
		const result = verifyWebhook(request, { provider: 'hubspot', secret: v3.secret, allowLegacySignatures: true }, { now: Number(v3.ts) });
		expect(!result.ok && [result.scheme, result.reason]).toEqual(['hubspot-v3', 'signature_mismatch']);
	});

	it('classifies the contact.propertyChange jobtitle event', () => {
		const result = verifyWebhook(v3Request, { provider: 'hubspot', secret: v3.secret }, { now: Number(v3.ts) });
		if (!result.ok) throw new Error(result.message);
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'hubspot',
				kind: 'crm.record',
				eventType: 'contact.propertyChange',
				deliveryId: '-:-:1:1717408799000',
				occurredAt: '2024-06-03T09:59:59Z',
				record: { system: 'hubspot', type: 'contact', id: '123' },
				fields: { objectType: 'contact', objectId: '123', change: 'property_changed', propertyName: 'jobtitle', propertyValue: 'VP Finance' },
			},
		]);
	});
});

describe('HubSpot webhook signatures: own cases', () => {
	const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';

	it("reproduces HubSpot's published v1 and v2 examples", () => {
		// developers.hubspot.com "v1 request validation" / "v2 request validation" examples.
		const v1Body =
			'[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
		const v1 = verifyWebhook(
			{ headers: { 'X-HubSpot-Signature': '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de' }, rawBody: v1Body },
			{ provider: 'hubspot', secret, allowLegacySignatures: true },
		);
		expect(v1).toMatchObject({ ok: true, scheme: 'hubspot-v1' });
		const v2 = verifyWebhook(
			{
				method: 'GET',
				url: 'https://www.example.com/webhook_uri',
				headers: { 'X-HubSpot-Signature': 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e', 'X-HubSpot-Signature-Version': 'v2' },
				rawBody: '',
			},
			{ provider: 'hubspot', secret, allowLegacySignatures: true },
		);
		expect(v2).toMatchObject({ ok: true, scheme: 'hubspot-v2', notes: ['legacy, no replay protection'] });
	});

	it("decodes exactly HubSpot's listed escapes in the URI before signing v3", () => {
		expect(hubspotV3Uri('https://h.test/hook%3Fa%3Db%2Cc?x=%40me%2A%21%24%27%28%29%3B%2f%20%26')).toBe("https://h.test/hook?a%3Db,c?x=@me*!$'();/%20%26");
		const url = 'https://hooks.example.test/webhook?portal=62515&note=a%3Ab%40c';
		const ts = '1717408800000';
		const body = '[]';
		const signature = createHmac('sha256', 'client-secret').update(`POSThttps://hooks.example.test/webhook?portal=62515&note=a:b@c${body}${ts}`).digest('base64');
		const result = verifyWebhook(
			{ method: 'POST', url, headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': ts }, rawBody: body },
			{ provider: 'hubspot', secret: 'client-secret' },
			{ now: Number(ts) },
		);
		expect(result.ok).toBe(true);
	});

	it('says when the sender signed https but the URL given is http (a proxy terminating TLS)', () => {
		const ts = '1717408800000';
		const body = '[]';
		const signature = createHmac('sha256', 'client-secret').update(`POSThttps://hooks.example.test/webhook${body}${ts}`).digest('base64');
		const result = verifyWebhook(
			{ method: 'POST', url: 'http://hooks.example.test/webhook', headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': ts }, rawBody: body },
			{ provider: 'hubspot', secret: 'client-secret' },
			{ now: Number(ts) },
		);
		expect(!result.ok && result.reason).toBe('url_mismatch');
		expect(!result.ok && result.message).toContain('the signature matches https://hooks.example.test/webhook —');
	});

	it('rejects a v1 request with a tampered body even when legacy signatures are allowed', () => {
		const body = '[{"eventId":7,"subscriptionType":"deal.propertyChange","objectId":9,"propertyName":"dealstage","propertyValue":"closedlost"}]';
		const signature = createHash('sha256').update(secret + body).digest('hex');
		const result = verifyWebhook(
			{ headers: { 'X-HubSpot-Signature': signature }, rawBody: body.replace('closedlost', 'closedwon') },
			{ provider: 'hubspot', secret, allowLegacySignatures: true },
		);
		expect(!result.ok && result.reason).toBe('signature_mismatch');
	});
});
