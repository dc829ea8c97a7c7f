/**
 * Issue 16 finding 1 (engine side): redaction by value. Every canary kind × every echoing answer × every status,
 * for every source reader, with the credential applied as each credential type applies it: no form of the canary
 * in the SourceError (message, endpoint, read) nor in anything the reader returns.
 */
import { DateTime } from 'luxon';
import { readFeed } from '../../engine/sources/feeds';
import { listHubSpotObjects } from '../../engine/sources/hubspot';
import { base64Cores, requestWithRetry, SecretRedactor, SourceError, secretForms, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { readZendeskTicketChanges } from '../../engine/sources/zendesk';
import { canary, CANARY_KIND_NAMES, ECHO_NAMES, ECHO_RESPONSES, ECHO_STATUSES, expectNoCanary, findCanary } from '../fakes/canaries';

/** How each credential mode puts the secret on the wire (as the credential types' `authenticate` blocks do). */
const AUTH_SCHEMES = {
	bearer: (secret: string) => `Bearer ${secret}`,
	zendeskBasic: (secret: string) => `Basic ${Buffer.from(`admin@example.com/token:${secret}`).toString('base64')}`,
};

/** The fake's placeholders filled from the request, as test/fakes/providers.js does. */
function fill(value: unknown, authorization: string, url: string): unknown {
	const credential = authorization.replace(/^\S+\s+/, '');
	if (typeof value === 'string')
		return value
			.replace(/\{\{authorization\}\}/g, authorization)
			.replace(/\{\{credential\}\}/g, credential)
			.replace(/\{\{decoded\}\}/g, Buffer.from(credential, 'base64').toString())
			.replace(/\{\{url\}\}/g, url);
	if (Array.isArray(value)) return value.map((v) => fill(v, authorization, url));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, authorization, url)]));
	return value;
}

function echoingProvider(secret: string, scheme: keyof typeof AUTH_SCHEMES, echo: string, status: number) {
	const authorization = AUTH_SCHEMES[scheme](secret);
	const template = ECHO_RESPONSES[echo](secret);
	return async (options: SourceRequestOptions): Promise<SourceResponse> => {
		const url = `${options.url}?${new URLSearchParams(Object.entries(options.qs ?? {}).map(([k, v]) => [k, String(v)])).toString()}`;
		const headers = fill(template.headers ?? {}, authorization, url) as Record<string, string>;
		const body = template.text !== undefined ? fill(template.text, authorization, url) : fill(template.body ?? {}, authorization, url);
		return { statusCode: status, headers: status === 429 ? { ...headers, 'retry-after': '0' } : headers, body };
	};
}

const context = (request: (o: SourceRequestOptions) => Promise<SourceResponse>, secret: string) => ({ request, sleep: async () => {}, retry: { maxAttempts: 2 }, secrets: [secret] });

describe('the forms a secret takes', () => {
	it('literal forms: raw, JSON-escaped, URL-encoded (both hex cases, + for spaces, twice), HTML-escaped', () => {
		expect(secretForms('a b/c"d&e')).toEqual([
			'a b/c"d&e',
			'a b/c\\"d&e',
			'a b\\/c\\"d&e',
			'a b/c\\\\\\"d&e',
			'a%20b%2Fc%22d%26e',
			'a%20b%2fc%22d%26e',
			'a+b%2Fc%22d%26e',
			'a%2520b%252Fc%2522d%2526e',
			'a b/c&quot;d&amp;e',
			'a b/c"d&amp;e',
			'a b/c&#34;d&#38;e',
			'a b/c&#x22;d&#x26;e',
		]);
	});

	it('base64 cores: the part of the encoding that depends only on the secret, at each of the three alignments', () => {
		const secret = 'zdCanary0001Q7xL2mP9';
		const cores = base64Cores(secret);
		expect(cores).toHaveLength(3);
		for (const prefix of ['', 'x', 'xy', 'admin@example.com/token:', 'u:']) {
			const encoded = Buffer.from(`${prefix}${secret}!`).toString('base64');
			expect(cores.some((core) => encoded.includes(core))).toBe(true);
		}
	});

	it('the redactor removes every form, and the whole base64 run around one', () => {
		const secret = 'zdCanary0001Q7xL2mP9';
		const redactor = new SecretRedactor([secret]);
		const basic = Buffer.from(`admin@example.com/token:${secret}`).toString('base64');
		expect(redactor.text(`Authorization: Basic ${basic} and ${basic.replace(/=+$/, '')}`)).toBe('Authorization: [redacted] [redacted] and [redacted]');
		expect(redactor.text(`x?api_token%3D${encodeURIComponent(secret)}&y`)).toBe('x?api_token%3D[redacted]&y');
		expect(redactor.text(`{"errors":"{\\"token\\":\\"${secret}\\"}"}`)).toBe('{"errors":"{\\"token\\":\\"[redacted]\\"}"}');
		expect(redactor.text(`plain ${secret} text`)).toBe('plain [redacted] text');
		expect(redactor.deep({ a: [`${secret}`], [secret]: 1, n: 2 })).toEqual({ a: ['[redacted]'], '[redacted]': 1, n: 2 });
		// nothing to do: the same object comes back
		const clean = { a: ['x'] };
		expect(redactor.deep(clean)).toBe(clean);
	});

	it('the leak finder (the tests\' own, independent of the redactor) sees every echo form before redaction', () => {
		for (const kind of CANARY_KIND_NAMES) {
			const secret = canary(kind);
			const basic = Buffer.from(`admin@example.com/token:${secret}`).toString('base64');
			for (const text of [secret, basic, encodeURIComponent(secret), JSON.stringify(JSON.stringify({ t: secret })), `x${Buffer.from(`ab${secret}`).toString('base64url')}`]) {
				expect([kind, findCanary(text, secret)]).not.toEqual([kind, null]);
			}
			expect(findCanary('nothing here [redacted]', secret)).toBeNull();
		}
	});
});

describe('no canary in any SourceError, whatever the provider echoes (4 kinds × 9 echoes × 4 statuses × 2 schemes × 2 readers)', () => {
	const cases = CANARY_KIND_NAMES.flatMap((kind) =>
		ECHO_NAMES.flatMap((echo) => ECHO_STATUSES.flatMap((status) => (['bearer', 'zendeskBasic'] as const).map((scheme) => ({ kind, echo, status, scheme })))),
	);
	expect(cases).toHaveLength(288);

	it('HubSpot company list and Zendesk export + ratings', async () => {
		const startTime = DateTime.fromISO('2026-02-01T00:00:00Z', { zone: 'utc' });
		const now = DateTime.fromISO('2026-03-02T09:00:00Z', { zone: 'utc' });
		for (const { kind, echo, status, scheme } of cases) {
			const secret = canary(kind, status);
			const request = echoingProvider(secret, scheme, echo, status);
			const label = `${kind} / ${echo} / ${status} / ${scheme}`;
			const hubspot = await listHubSpotObjects(context(request, secret), 'companies', { properties: ['name'] }).catch((e: unknown) => e);
			expect([label, hubspot instanceof SourceError]).toEqual([label, true]);
			expectNoCanary(hubspot, secret, `HubSpot error (${label})`);
			const zendesk = await readZendeskTicketChanges({ client: { ...context(request, secret), baseUrl: 'https://acme.zendesk.test' }, startTime, now, includeSatisfactionRatings: true }).catch((e: unknown) => e);
			expect([label, zendesk instanceof SourceError]).toEqual([label, true]);
			expectNoCanary(zendesk, secret, `Zendesk error (${label})`);
		}
	});

	it('the message still says what happened (the provider\'s own words, secret removed)', async () => {
		const secret = canary('plain');
		const failure = await requestWithRetry(context(echoingProvider(secret, 'zendeskBasic', 'Authorization header echoed', 403), secret), { method: 'GET', url: 'https://acme.zendesk.test/x' }).catch((e) => e);
		expect(failure.describe()).toBe('after 1 attempt (HTTP 403: request had Authorization: [redacted] [redacted])');
	});
});

describe('a good answer that echoes the secret carries it no further', () => {
	it('tickets, cursors and the stored state come back with the secret removed', async () => {
		const secret = canary('hubspotPat');
		const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
			if (options.url.endsWith('cursor.json')) {
				return { statusCode: 200, headers: {}, body: { tickets: [{ id: 1, organization_id: 7, subject: `echo ${secret}`, status: 'open' }], after_cursor: `c-${secret}`, end_of_stream: true } };
			}
			return { statusCode: 200, headers: {}, body: { satisfaction_ratings: [], meta: { has_more: false } } };
		};
		const result = await readZendeskTicketChanges({
			client: { ...context(request, secret), baseUrl: 'https://acme.zendesk.test' },
			startTime: DateTime.fromISO('2026-02-01T00:00:00Z'),
			now: DateTime.fromISO('2026-03-02T09:00:00Z'),
		});
		expect(result.tickets[0].subject).toBe('echo [redacted]');
		expect(result.state.ticketCursor).toBe('c-[redacted]');
		expectNoCanary(result, secret);
	});
});

describe('the feed reader (CS Market Signals)', () => {
	it('no canary in any SourceError, whatever the feed echoes (4 kinds × 9 echoes × 4 statuses)', async () => {
		for (const kind of CANARY_KIND_NAMES) {
			for (const echo of ECHO_NAMES) {
				for (const status of ECHO_STATUSES) {
					const secret = canary(kind, status);
					const failure = await readFeed(context(echoingProvider(secret, 'bearer', echo, status), secret), { url: 'https://acme.example/newsroom/rss' }).catch((e: unknown) => e);
					expect([kind, echo, status, failure instanceof SourceError]).toEqual([kind, echo, status, true]);
					expectNoCanary(failure, secret, `feed error (${kind} / ${echo} / ${status})`);
				}
			}
		}
	});

	it('a feed that echoes the secret in its items and validators carries it no further: items, state and a not-a-feed error', async () => {
		const secret = canary('hubspotPat');
		const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://acme.example</link><description>d</description><item><title>Acme Corp ${secret} layoffs</title><guid>g-${secret}</guid><pubDate>Sat, 14 Nov 2026 08:05:00 GMT</pubDate><description>token ${secret}</description></item></channel></rss>`;
		const good = await readFeed(context(async () => ({ statusCode: 200, headers: { etag: `"${secret}"`, 'last-modified': 'Sat, 14 Nov 2026 08:05:00 GMT' }, body: Buffer.from(rss) }), secret), { url: 'https://acme.example/rss' });
		expect(good.items[0].title).toBe('Acme Corp [redacted] layoffs');
		expectNoCanary(good, secret, 'feed read');
		const page = await readFeed(context(async () => ({ statusCode: 200, headers: {}, body: Buffer.from(`${secret} is your session`) }), secret), { url: 'https://acme.example/rss' }).catch((e: unknown) => e);
		expect(page).toBeInstanceOf(SourceError);
		expectNoCanary(page, secret, 'not-a-feed error');
	});
});
