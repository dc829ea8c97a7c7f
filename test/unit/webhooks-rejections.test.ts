/**
 * Every signed provider against the same attacks: unsigned, tampered, wrong secret, stale, from the future,
 * headers missing or duplicated, replayed. Each must be rejected with the reason an admin needs; the genuine
 * request (in any header spelling, array-valued headers, unicode bytes) must pass.
 */
import { guardReplay, InMemoryReplayGuard, verifyWebhook, type WebhookRequest, type WebhookVerification } from '../../engine/webhooks';
import { SIGNERS, withoutHeader, type TestSigner } from '../fixtures/webhooks/signers';

const SECRET = 'the-real-secret-4f8a';
const NOW = Date.parse('2024-06-03T10:07:00Z');
const SIGNED_AT = Date.parse('2024-06-03T10:06:00Z');
const BODY = Buffer.from('{"type":"test","id":"evt_1","data":{"n":1}}', 'utf8');

function request(signer: TestSigner, body: Buffer = BODY, atMs = SIGNED_AT, secret = SECRET): WebhookRequest {
	const capture = signer.sign(secret, body, atMs);
	return { method: capture.method, url: capture.url, headers: capture.headers, rawBody: body };
}

function verify(signer: TestSigner, req: WebhookRequest, now = NOW): WebhookVerification {
	return verifyWebhook(req, signer.config(SECRET), { now });
}

function reasons(result: WebhookVerification): string[] {
	return result.ok ? ['ok'] : result.problems.map((p) => p.reason);
}

describe.each(SIGNERS)('$label', (signer) => {
	it('accepts the genuine request, with header names in any case and array-valued headers', () => {
		const genuine = request(signer);
		expect(verify(signer, genuine).ok).toBe(true);
		const lower = Object.fromEntries(Object.entries(genuine.headers).map(([k, v]) => [k.toLowerCase(), v]));
		const upper = Object.fromEntries(Object.entries(genuine.headers).map(([k, v]) => [k.toUpperCase(), [v as string]]));
		expect(verify(signer, { ...genuine, headers: lower }).ok).toBe(true);
		expect(verify(signer, { ...genuine, headers: upper }).ok).toBe(true);
	});

	it('accepts a header a proxy repeated with the same value', () => {
		const genuine = request(signer);
		const value = genuine.headers[signer.signatureHeader] as string;
		expect(verify(signer, { ...genuine, headers: { ...genuine.headers, [signer.signatureHeader]: [value, value] } }).ok).toBe(true);
	});

	it('verifies unicode bodies over their UTF-8 bytes, and rejects the same text in another encoding', () => {
		const unicode = Buffer.from('{"text":"Ünïcødé — 日本語 🚀","name":"Zoë"}', 'utf8');
		const genuine = request(signer, unicode);
		expect(verify(signer, genuine).ok).toBe(true);
		expect(verify(signer, { ...genuine, rawBody: unicode.toString('utf8') }).ok).toBe(true);
		const latin1 = Buffer.from(unicode.toString('latin1'), 'utf8');
		expect(reasons(verify(signer, { ...genuine, rawBody: latin1 }))).toEqual(['signature_mismatch']);
	});

	it('rejects a tampered body: "wrong secret or body changed"', () => {
		const tampered = { ...request(signer), rawBody: Buffer.from(BODY.toString().replace('"n":1', '"n":2')) };
		const result = verify(signer, tampered);
		expect(reasons(result)).toEqual(['signature_mismatch']);
		expect(!result.ok && result.message).toMatch(/^wrong secret or body changed: /);
		expect(!result.ok && result.status).toBe(401);
	});

	it('rejects a request signed with another secret', () => {
		const result = verify(signer, request(signer, BODY, SIGNED_AT, 'an-attacker-guess'));
		expect(reasons(result)).toEqual(['signature_mismatch']);
		expect(!result.ok && result.message).not.toContain(SECRET);
	});

	it('rejects an unsigned request, naming every missing header', () => {
		const result = verify(signer, { method: 'POST', url: request(signer).url, headers: {}, rawBody: BODY });
		const expected = [`missing header ${signer.signatureHeader}`, ...(signer.timestampHeader ? [`missing header ${signer.timestampHeader}`] : [])];
		expect(!result.ok && result.problems.map((p) => p.message)).toEqual(expected);
	});

	it('rejects a request without its signature header', () => {
		const genuine = request(signer);
		const result = verify(signer, { ...genuine, headers: withoutHeader(genuine.headers, signer.signatureHeader) as Record<string, string> });
		expect(!result.ok && result.message).toBe(`missing header ${signer.signatureHeader}`);
	});

	it('rejects two different values of the signature header', () => {
		const genuine = request(signer);
		const value = genuine.headers[signer.signatureHeader] as string;
		const other = request(signer, Buffer.from('{"other":true}')).headers[signer.signatureHeader] as string;
		const result = verify(signer, { ...genuine, headers: { ...genuine.headers, [signer.signatureHeader]: [value, other] } });
		expect(!result.ok && result.message).toBe(
			`duplicated header ${signer.signatureHeader}: 2 different values (sent twice, or merged by a proxy) — refusing to guess which one was signed`,
		);
	});

	it('rejects a signature that is not a signature', () => {
		const genuine = request(signer);
		const result = verify(signer, { ...genuine, headers: { ...genuine.headers, [signer.signatureHeader]: 'not-a-signature' } });
		expect(reasons(result)).toEqual(['malformed_signature']);
	});

	it('refuses everything while no secret is configured', () => {
		const result = verifyWebhook(request(signer), signer.config(''), { now: NOW });
		expect(reasons(result)).toEqual(['no_secret']);
	});

	it('rejects a replay of an accepted request through the replay guard', async () => {
		const guard = new InMemoryReplayGuard();
		const first = verify(signer, request(signer));
		if (!first.ok) throw new Error(first.message);
		expect((await guardReplay(first, guard, NOW)).ok).toBe(true);
		const again = verify(signer, request(signer));
		if (!again.ok) throw new Error(again.message);
		const replayed = await guardReplay(again, guard, NOW + 30_000);
		expect(reasons(replayed)).toEqual(['replayed']);
		expect(!replayed.ok && replayed.message).toMatch(/^replayed request: this exact signed request was already accepted 30 seconds ago/);
	});

	if (signer.timestampHeader) {
		it('rejects a stale timestamp, saying when it was sent and how long before now', () => {
			const result = verify(signer, request(signer, BODY, Date.parse('2024-06-03T10:00:00Z')));
			expect(!result.ok && result.problems).toEqual([
				{ reason: 'stale_timestamp', message: 'stale timestamp: sent 2024-06-03T10:00:00Z, 7 minutes before now (window 5 min)' },
			]);
		});

		it('accepts a timestamp exactly at the edge of the window, and rejects one second beyond', () => {
			expect(verify(signer, request(signer, BODY, NOW - 300_000)).ok).toBe(true);
			expect(reasons(verify(signer, request(signer, BODY, NOW - 301_000)))).toEqual(['stale_timestamp']);
		});

		it('rejects a timestamp in the future beyond the window', () => {
			const result = verify(signer, request(signer, BODY, Date.parse('2024-06-03T10:17:00Z')));
			expect(!result.ok && result.message).toBe(
				"timestamp in the future: sent 2024-06-03T10:17:00Z, 10 minutes after now (window 5 min) — is this machine's clock or the sender's wrong?",
			);
		});

		it('reports both a wrong signature and a stale timestamp, the signature first', () => {
			const result = verify(signer, request(signer, BODY, Date.parse('2024-06-03T09:00:00Z'), 'wrong'));
			expect(reasons(result)).toEqual(['signature_mismatch', 'stale_timestamp']);
		});

		it('rejects a request without its timestamp header', () => {
			const genuine = request(signer);
			const result = verify(signer, { ...genuine, headers: withoutHeader(genuine.headers, signer.timestampHeader as string) as Record<string, string> });
			expect(!result.ok && result.message).toBe(`missing header ${signer.timestampHeader}`);
		});

		it('rejects a timestamp moved forward on a captured request (the signature covers it)', () => {
			const genuine = request(signer, BODY, Date.parse('2024-06-03T10:00:00Z'));
			const fresh = request(signer, BODY, SIGNED_AT).headers[signer.timestampHeader as string];
			const result = verify(signer, { ...genuine, headers: { ...genuine.headers, [signer.timestampHeader as string]: fresh } });
			expect(reasons(result)).toEqual(['signature_mismatch']);
		});
	}
});

test('100% of the unsigned, tampered, stale and replayed cases are rejected, for every signed provider', async () => {
	const tally: string[] = [];
	for (const signer of SIGNERS) {
		const genuine = request(signer);
		const cases: Array<[string, WebhookVerification]> = [
			['unsigned', verify(signer, { ...genuine, headers: {} })],
			['tampered', verify(signer, { ...genuine, rawBody: Buffer.concat([BODY, Buffer.from(' ')]) })],
			['wrong secret', verify(signer, request(signer, BODY, SIGNED_AT, 'nope'))],
		];
		if (signer.timestampHeader) cases.push(['stale', verify(signer, request(signer, BODY, NOW - 3_600_000))]);
		const guard = new InMemoryReplayGuard();
		const first = verify(signer, genuine);
		if (first.ok) await guardReplay(first, guard, NOW);
		const second = verify(signer, genuine);
		cases.push(['replayed', second.ok ? await guardReplay(second, guard, NOW) : second]);
		for (const [name, result] of cases) tally.push(`${signer.label} ${name}: ${result.ok ? 'ACCEPTED' : 'rejected'}`);
	}
	expect(tally.filter((line) => line.endsWith('ACCEPTED'))).toEqual([]);
	expect(tally).toHaveLength(SIGNERS.length * 4 + SIGNERS.filter((s) => s.timestampHeader).length);
});
