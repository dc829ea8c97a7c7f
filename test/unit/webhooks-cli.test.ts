import { createHmac } from 'node:crypto';
import { main } from '../../bin/cs-signal-os';
import type { WebhookCliIo } from '../../bin/commands/webhook';

const SECRET = 'zd-secret-never-printed';
const BODY = '{"type":"zen:event-type:ticket.created","id":"ev-1","time":"2024-06-03T10:00:00Z","detail":{"id":"35436","organization_id":"44"}}';
const TS = '2024-06-03T10:00:00Z';
const SIGNATURE = createHmac('sha256', SECRET).update(TS + BODY).digest('base64');
const HEADERS = JSON.stringify({ 'X-Zendesk-Webhook-Signature': SIGNATURE, 'X-Zendesk-Webhook-Signature-Timestamp': TS, 'X-Zendesk-Webhook-Invocation-Id': 'inv-9' });

function run(args: string[], options: { files?: Record<string, string | Buffer>; env?: Record<string, string> } = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const files: Record<string, string | Buffer> = { 'headers.json': HEADERS, 'body.json': BODY, ...options.files };
	const read = (path: string) => {
		if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
		return files[path];
	};
	const io: WebhookCliIo = {
		stdout: (t) => out.push(t),
		stderr: (t) => err.push(t),
		readFile: (path) => read(path).toString(),
		readBytes: (path) => Buffer.from(read(path)),
		env: { CS_WEBHOOK_SECRET: SECRET, ...options.env },
	};
	return main(['webhook', 'verify', ...args], io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

const ZENDESK = ['--provider', 'zendesk', '--headers', 'headers.json', '--body', 'body.json'];

describe('cs-signal-os webhook verify', () => {
	it('prints VERIFIED with the timing, the delivery and the events, exit 0', async () => {
		const result = await run([...ZENDESK, '--now', '2024-06-03T10:02:00Z']);
		expect(result).toEqual({
			code: 0,
			err: '',
			out: [
				'VERIFIED: zendesk request (base64 HMAC-SHA256 of timestamp + body)',
				'  signed at 2024-06-03T10:00:00Z, 2 minutes before now (window 5 min)',
				'  replay protection: timestamp window (5 min)',
				'  delivery id: inv-9',
				'  1 event:',
				'    support.ticket created — zendesk ticket 35436 (zen:event-type:ticket.created)',
			].join('\n'),
		});
	});

	it('says "wrong secret or body changed" for a wrong secret, exit 1, never printing either secret', async () => {
		const result = await run([...ZENDESK, '--now', '2024-06-03T10:02:00Z'], { env: { CS_WEBHOOK_SECRET: 'the-wrong-one' } });
		expect(result).toEqual({
			code: 1,
			err: '',
			out: [
				'NOT VERIFIED (401): zendesk request',
				`  wrong secret or body changed: X-Zendesk-Webhook-Signature (received "${SIGNATURE.slice(0, 4)}…") does not match the base64 HMAC-SHA256 of timestamp + body computed with the configured signing secret. The two causes cannot be told apart: check the signing secret first, then that the body is the raw bytes as sent`,
			].join('\n'),
		});
		expect(result.out).not.toContain('the-wrong-one');
		expect(result.out).not.toContain(SECRET);
	});

	it('says the timestamp is stale, and how to check a capture later', async () => {
		const result = await run([...ZENDESK, '--window', '5m'], { env: {} });
		expect(result.code).toBe(1);
		expect(result.out.split('\n')[0]).toBe('NOT VERIFIED (401): zendesk request');
		expect(result.out.split('\n')[1]).toMatch(/^ {2}stale timestamp: sent 2024-06-03T10:00:00Z, \d+ days before now \(window 5 min\)$/);
		expect(result.out.split('\n')[2]).toBe('  hint: checking a captured request later? pass --now with the time it was delivered');
		const pinned = await run([...ZENDESK, '--now', '2024-06-03T10:07:00Z']);
		expect(pinned.out).toBe(['NOT VERIFIED (401): zendesk request', '  stale timestamp: sent 2024-06-03T10:00:00Z, 7 minutes before now (window 5 min)'].join('\n'));
		const widened = await run([...ZENDESK, '--now', '2024-06-03T10:07:00Z', '--window', '10m']);
		expect(widened.code).toBe(0);
	});

	it('says the body changed when one byte differs, and that it is not the raw bytes when only re-formatted', async () => {
		const changed = await run([...ZENDESK, '--now', '2024-06-03T10:02:00Z'], { files: { 'body.json': BODY.replace('35436', '35437') } });
		expect(changed.code).toBe(1);
		expect(changed.out).toMatch(/^NOT VERIFIED \(401\): zendesk request\n {2}wrong secret or body changed: /);
		const saved = await run([...ZENDESK, '--now', '2024-06-03T10:02:00Z'], { files: { 'body.json': `${BODY}\n` } });
		expect(saved.out).toBe(
			[
				'NOT VERIFIED (401): zendesk request',
				'  body is not the raw bytes: it verifies without the line break at its end (an editor or a shell added one when the body was saved)',
			].join('\n'),
		);
		const pretty = await run([...ZENDESK, '--now', '2024-06-03T10:02:00Z'], { files: { 'body.json': JSON.stringify(JSON.parse(BODY), null, 2) } });
		expect(pretty.out).toBe(
			[
				'NOT VERIFIED (401): zendesk request',
				'  body is not the raw bytes (parsed JSON re-serialised?): it verifies as the same JSON written compact, not as given — verify over the raw request body, before any JSON parsing',
			].join('\n'),
		);
	});

	it('verifies HubSpot v3 with the URL, and a HubSpot v1 capture only with --legacy', async () => {
		const url = 'https://hooks.example.test/webhook/cs';
		const body = '[{"eventId":3,"subscriptionType":"deal.propertyChange","objectId":77,"propertyName":"dealstage","propertyValue":"closedlost","occurredAt":1717408799000}]';
		const ts = '1717408800000';
		const v3 = createHmac('sha256', 'hs').update(`POST${url}${body}${ts}`).digest('base64');
		const files = { 'hs.json': JSON.stringify({ 'x-hubspot-signature-v3': v3, 'x-hubspot-request-timestamp': Number(ts) }), 'hs-body.json': body };
		const ok = await run(['--provider', 'hubspot', '--headers', 'hs.json', '--body', 'hs-body.json', '--url', url, '--now', '2024-06-03T10:00:30Z'], { files, env: { CS_WEBHOOK_SECRET: 'hs' } });
		expect(ok.out).toBe(
			[
				'VERIFIED: hubspot request (base64 HMAC-SHA256 of method + URI + body + timestamp)',
				'  signed at 2024-06-03T10:00:00Z, 30 seconds before now (window 5 min)',
				'  replay protection: timestamp window (5 min)',
				'  1 event:',
				'    crm.record property_changed — hubspot deal 77 (deal.propertyChange)',
			].join('\n'),
		);
		const noUrl = await run(['--provider', 'hubspot', '--headers', 'hs.json', '--body', 'hs-body.json'], { files, env: { CS_WEBHOOK_SECRET: 'hs' } });
		expect(noUrl.code).toBe(2);
		expect(noUrl.err.split('\n')[0]).toBe(
			"HubSpot v3 signs the full URL it called, and no URL was given: pass the webhook URL exactly as set in the HubSpot app's webhook settings (--url).",
		);
		const v1Files = { 'v1.json': JSON.stringify({ 'X-HubSpot-Signature': '0'.repeat(64) }), 'hs-body.json': body };
		const refused = await run(['--provider', 'hubspot', '--headers', 'v1.json', '--body', 'hs-body.json'], { files: v1Files, env: { CS_WEBHOOK_SECRET: 'hs' } });
		expect(refused.out.split('\n')[1]).toMatch(/^ {2}only a legacy X-HubSpot-Signature \(v1\) is present/);
	});

	it('answers a Graph validation capture with the token to echo', async () => {
		const result = await run(['--provider', 'graph', '--url', 'https://hooks.example.test/graph?validationToken=abc%20123'], { env: {} });
		expect(result).toEqual({
			code: 0,
			err: '',
			out: ['HANDSHAKE: graph subscription validation (nothing is signed)', '  answer 200 text/plain "abc 123" within 10 seconds'].join('\n'),
		});
	});

	it('verifies a generic HMAC provider from its flags', async () => {
		const body = '{"event":"recording.transcript_completed"}';
		const sig = `v0=${createHmac('sha256', 'zoom').update(`v0:1717408800:${body}`).digest('hex')}`;
		const files = { 'z.json': JSON.stringify({ 'x-zm-signature': sig, 'x-zm-request-timestamp': '1717408800' }), 'z-body.json': body };
		const args = ['--provider', 'generic', '--headers', 'z.json', '--body', 'z-body.json', '--signature-header', 'x-zm-signature', '--algorithm', 'sha256', '--encoding', 'hex'];
		const extra = ['--prefix', 'v0=', '--timestamp-header', 'x-zm-request-timestamp', '--signed-content', 'v0:{timestamp}:{body}', '--now', '2024-06-03T10:00:00Z'];
		const result = await run([...args, ...extra], { files, env: { CS_WEBHOOK_SECRET: 'zoom' } });
		expect(result.out.split('\n').slice(0, 2)).toEqual([
			'VERIFIED: generic request (hex HMAC-SHA256 of "v0:" + timestamp + ":" + body)',
			'  signed at 2024-06-03T10:00:00Z, 0 seconds before now (window 5 min)',
		]);
	});

	it('takes --secret too, warning that it stays in shell history', async () => {
		const result = await run([...ZENDESK, '--secret', SECRET, '--now', '2024-06-03T10:02:00Z'], { env: {} });
		expect(result.code).toBe(0);
		expect(result.err).toBe('note: --secret stays in your shell history; prefer the CS_WEBHOOK_SECRET environment variable');
	});

	it.each([
		[['--headers', 'headers.json', '--body', 'body.json'], 'webhook verify needs --provider.'],
		[['--provider', 'github', '--headers', 'headers.json', '--body', 'body.json'], 'Unknown provider "github": use one of zendesk, hubspot, slack, intercom, segment, graph, generic.'],
		[[...ZENDESK, '--legacy'], '--legacy does not apply to --provider zendesk.'],
		[['--provider', 'segment', '--headers', 'headers.json', '--body', 'body.json', '--window', '5m'], '--window has no effect: segment signs no timestamp.'],
		[[...ZENDESK, '--window', 'soon'], '--window: replay window "soon" is not a duration: write e.g. "5m", "300s", "1h" or "PT5M".'],
		[[...ZENDESK, '--now', 'yesterday'], '--now: now "yesterday" is not an ISO-8601 date.'],
		[['--provider', 'zendesk', '--headers', 'missing.json', '--body', 'body.json'], "Cannot read the headers file \"missing.json\": ENOENT: no such file, open 'missing.json'"],
		[['--provider', 'zendesk', '--headers', 'body.json', '--body', 'body.json'], 'headers file "body.json" must be a JSON object of header name → value (a string, a number or a list of them), or a list of {"name", "value"} pairs (at "detail")'],
		[['--provider', 'generic', '--headers', 'headers.json', '--body', 'body.json'], '--provider generic needs --signature-header.'],
	])('exits 2 on a usage error: %j', async (args, message) => {
		const result = await run(args);
		expect(result.code).toBe(2);
		expect(result.err.split('\n')[0]).toBe(message);
		expect(result.out).toBe('');
	});

	it('exits 2 without a secret, saying where to put it', async () => {
		const result = await run(ZENDESK, { env: { CS_WEBHOOK_SECRET: '' } });
		expect([result.code, result.err.split('\n')[0]]).toEqual([2, 'webhook verify needs the secret: set CS_WEBHOOK_SECRET (or pass --secret).']);
	});
});

test('the CLI verifies the body bytes as read, also when they are not UTF-8', async () => {
	const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"a":"é"} in Latin-1
	const signature = createHmac('sha1', 'seg').update(bytes).digest('hex');
	const result = await run(['--provider', 'segment', '--headers', 'seg.json', '--body', 'latin1.json'], {
		files: { 'seg.json': JSON.stringify({ 'X-Signature': signature }), 'latin1.json': bytes },
		env: { CS_WEBHOOK_SECRET: 'seg' },
	});
	expect(result.out.split('\n')[0]).toBe('VERIFIED: segment request (hex HMAC-SHA1 of body)');
});
