/**
 * The hostile-input suite (issue 16), provider side: every source reader and sweep against a provider that answers
 * anything — garbage bodies, error statuses, cursors that repeat (A → B → A), pages that never end, and a canary
 * credential echoed anywhere — property-based (seeds printed on failure, see test/fixtures/hostile.ts):
 * - it ends (the paging guard) with a result or a SourceError naming the provider and the endpoint, never a TypeError;
 * - the canary is in no result and no error, in any form;
 * - a result lists each record once, and its state keeps ids as own keys.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceError, type SourceRequestOptions, type SourceResponse } from '../../engine/sources/http';
import { sweepExecHubSpot, sweepHubSpot, sweepMarketFeeds, sweepZendesk } from '../../engine/sweeps';
import { canary, CANARY_KIND_NAMES, expectNoCanary } from '../fakes/canaries';
import { hostileText, runs } from '../fixtures/hostile';

const TICKETS = (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'support', 'tickets.json'), 'utf8')) as Array<Record<string, unknown>>).slice(0, 4);
const AS_OF = '2026-08-20T00:00:00Z';
const MAX_REQUESTS = 200;

const cursor = fc.constantFrom<unknown>('A', 'B', 'C', 'D', null, '', 7, { x: 1 });
const garbage = fc.oneof(fc.constantFrom<unknown>(null, '', 'not json', [], {}, 0, true, { error: 'x' }), hostileText, fc.anything({ maxDepth: 2, maxKeys: 3 }));
const idLike = fc.constantFrom<unknown>(1, 2, 3, '3', '__proto__', 'constructor', 'toString', null, -1);
const ticket = fc.tuple(fc.constantFrom(...TICKETS), idLike, fc.option(hostileText), fc.constantFrom<unknown>(5090, 360001, null, '__proto__', 'toString')).map(([base, id, subject, org]) => ({ ...base, id, organization_id: org, ...(subject === null ? {} : { subject }) }));
const record = fc.tuple(idLike, fc.dictionary(fc.constantFrom('name', 'domain', 'arr', 'hs_date_entered___proto__', 'dealstage', 'amount', '__proto__', 'toString', 'hubspot_owner_id'), fc.oneof(hostileText, fc.constantFrom<unknown>(null, '12', 'constructor')), { maxKeys: 4 })).map(([id, properties]) => ({ id, properties }));

/** How the secret is planted in a body: raw, base64, URL-encoded, in a cursor. */
function plant(value: unknown, secret: string, how: number): unknown {
	const forms = [secret, Buffer.from(`admin@example.com/token:${secret}`).toString('base64'), `api_token%3D${encodeURIComponent(secret)}`, `Bearer ${secret}`];
	const text = forms[how % forms.length];
	if (value && typeof value === 'object' && !Array.isArray(value)) return { ...value, echo: `got ${text}`, ...(how % 3 === 0 ? { after_cursor: text } : {}) };
	return value;
}

const status = fc.constantFrom(200, 200, 200, 200, 200, 401, 403, 404, 429, 500, 503);

const zendeskAnswer = fc.record({
	status,
	plantAt: fc.nat(7),
	body: fc.oneof(
		{ weight: 4, arbitrary: fc.record({ tickets: fc.array(ticket, { maxLength: 3 }), metric_sets: fc.constant([]), after_cursor: cursor, end_of_stream: fc.constantFrom<unknown>(true, false, false, 'yes') }) },
		{ weight: 3, arbitrary: fc.record({ satisfaction_ratings: fc.array(fc.record({ id: fc.nat(9), ticket_id: idLike, score: fc.constantFrom('bad', 'good', 'x') }), { maxLength: 2 }), meta: fc.record({ has_more: fc.constantFrom<unknown>(true, false, 'true'), after_cursor: cursor }) }) },
		{ weight: 1, arbitrary: garbage },
	),
});

const hubspotAnswer = fc.record({
	status,
	plantAt: fc.nat(7),
	body: fc.oneof(
		{ weight: 5, arbitrary: fc.record({ results: fc.array(record, { maxLength: 3 }), paging: fc.option(fc.record({ next: fc.record({ after: cursor }) }), { nil: undefined }) }) },
		{ weight: 1, arbitrary: garbage },
	),
});

/** A provider that plays the script, then (if the reader still asks) ends every listing cleanly. */
function scripted(script: Array<{ status: number; plantAt: number; body: unknown }>, secret: string, end: (path: string) => unknown) {
	let calls = 0;
	const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
		calls += 1;
		if (calls > MAX_REQUESTS) throw new Error(`more than ${MAX_REQUESTS} requests: a paging loop did not end`);
		const next = script[calls - 1];
		const path = new URL(options.url).pathname;
		if (!next) return { statusCode: 200, headers: {}, body: end(path) };
		const body = next.plantAt < 4 ? plant(next.body, secret, next.plantAt) : next.body;
		return { statusCode: next.status, headers: { 'retry-after': '0', 'x-echo': `Bearer ${secret}` }, body };
	};
	return { request, calls: () => calls };
}

function expectSourceError(error: unknown, provider: string) {
	if (!(error instanceof SourceError)) throw error;
	expect(error.source).toBe(provider);
	expect(error.message.startsWith(`${provider}: `)).toBe(true);
	expect(error.message).toContain(error.endpoint);
}

describe('a provider that answers anything', () => {
	it('Zendesk sweep: ends with a result or a SourceError, no canary, each ticket once, ids as own keys', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(zendeskAnswer, { maxLength: 10 }), fc.constantFrom(...CANARY_KIND_NAMES), fc.boolean(), async (script, kind, ratings) => {
				const secret = canary(kind, 7);
				const { request } = scripted(script, secret, (path) => (path.endsWith('cursor.json') ? { tickets: [], after_cursor: 'end', end_of_stream: true } : { satisfaction_ratings: [], meta: { has_more: false } }));
				const previous = { cursor: { ticketCursor: 'start' }, tickets: {} };
				const outcome: Awaited<ReturnType<typeof sweepZendesk>> | Error = await sweepZendesk({ client: { request, sleep: async () => {}, retry: { maxAttempts: 2 }, secrets: [secret], baseUrl: 'https://acme.zendesk.test', maxPages: 50 }, previous, asOf: AS_OF, windowDays: 365, includeSatisfactionRatings: ratings }).catch((e: unknown) => e as Error);
				expectNoCanary(outcome, secret, 'Zendesk sweep');
				if (outcome instanceof Error) return expectSourceError(outcome, 'Zendesk');
				expect(Object.getPrototypeOf(outcome.state.tickets)).toBe(Object.prototype);
				expect(new Set(outcome.detections.map((d) => d.signal.id)).size).toBe(outcome.detections.length);
				for (const problem of outcome.unusable) expect(problem.message).not.toMatch(/TypeError|Cannot read|is not a function/);
			}),
			runs('engine'),
		);
	});

	it('HubSpot sweep: ends with a result or a SourceError, no canary, each company once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(hubspotAnswer, { maxLength: 10 }), fc.constantFrom(...CANARY_KIND_NAMES), async (script, kind) => {
				const secret = canary(kind, 8);
				const { request } = scripted(script, secret, () => ({ results: [] }));
				const outcome: Awaited<ReturnType<typeof sweepHubSpot>> | Error = await sweepHubSpot({ client: { request, sleep: async () => {}, retry: { maxAttempts: 2 }, secrets: [secret], maxPages: 50 }, asOf: '2026-03-02T09:00:00Z' }).catch((e: unknown) => e as Error);
				expectNoCanary(outcome, secret, 'HubSpot sweep');
				if (outcome instanceof Error) return expectSourceError(outcome, 'HubSpot');
				const ids = outcome.accounts.map((a) => a.account.accountId);
				expect(new Set(ids).size).toBe(ids.length);
				expect(Object.getPrototypeOf(outcome.state.dealStages)).toBe(Object.prototype);
				for (const problem of outcome.unusable) expect(problem.message).toMatch(/^HubSpot (company|deal|contact)/);
			}),
			runs('engine'),
		);
	});
});

describe('a provider that answers anything: exec changes and market news', () => {
	const history = fc.oneof(
		fc.constant(undefined),
		fc.constant('VP Sales'),
		fc.array(fc.record({ value: fc.oneof(hostileText, fc.constantFrom<unknown>('VP Operations', 'Director', null, 7)), timestamp: fc.constantFrom<unknown>('2026-10-05T08:12:00Z', 'yesterday', null, 1.5e12) }), { maxLength: 3 }),
	);
	const contact = fc
		.tuple(idLike, fc.constantFrom<unknown>('4511', '4512', '__proto__', null), history, history, fc.option(hostileText))
		.map(([id, company, titles, companies, name]) => ({
			id,
			properties: { firstname: name ?? 'Jo', lastname: 'Lee', jobtitle: 'VP Operations', associatedcompanyid: company, cs_champion: 'true' },
			propertiesWithHistory: { jobtitle: titles, associatedcompanyid: companies },
		}));
	const contactsAnswer = fc.record({
		status,
		plantAt: fc.nat(7),
		body: fc.oneof({ weight: 5, arbitrary: fc.record({ results: fc.array(contact, { maxLength: 3 }), paging: fc.option(fc.record({ next: fc.record({ after: cursor }) }), { nil: undefined }) }) }, { weight: 1, arbitrary: garbage }),
	});
	const book = [
		{ accountId: '4511', name: 'Acme Corp', crm: { system: 'hubspot', id: '4511' }, contacts: [{ contactId: '501', name: 'Jo Lee', isChampion: true }] },
		{ accountId: '__proto__', name: 'Proto Inc', crm: { system: 'hubspot', id: '4512' } },
	];

	it('exec HubSpot sweep: ends with a result or a SourceError, no canary, each signal once, the state keeps ids as own keys', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(contactsAnswer, { maxLength: 8 }), fc.constantFrom(...CANARY_KIND_NAMES), async (script, kind) => {
				const secret = canary(kind, 9);
				const { request } = scripted(script, secret, () => ({ results: [] }));
				const outcome: Awaited<ReturnType<typeof sweepExecHubSpot>> | Error = await sweepExecHubSpot({ client: { request, sleep: async () => {}, retry: { maxAttempts: 2 }, secrets: [secret], maxPages: 50 }, accounts: book, asOf: '2026-11-14T09:00:00Z' }).catch((e: unknown) => e as Error);
				expectNoCanary(outcome, secret, 'exec HubSpot sweep');
				if (outcome instanceof Error) return expectSourceError(outcome, 'HubSpot');
				expect(Object.getPrototypeOf(outcome.state.emitted)).toBe(Object.prototype);
				expect(new Set(outcome.detections.map((d) => d.signal.id)).size).toBe(outcome.detections.length);
				for (const problem of outcome.unusable) expect(problem.message).toMatch(/^HubSpot contact /);
			}),
			runs('engine'),
		);
	});

	const feedText = fc.oneof(
		garbage.map((value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '')),
		fc.constantFrom('<html><body>Newsroom</body></html>', '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', '<feed xmlns="http://www.w3.org/2005/Atom"><entry></entry></feed>', '<rss><channel><item><title></title></item>'),
		fc.array(fc.record({ title: hostileText, guid: fc.oneof(hostileText, fc.constant('same')), date: fc.constantFrom('Sat, 14 Nov 2026 08:05:00 GMT', 'someday', '', 'Sat, 14 Nov 2099 08:05:00 GMT'), link: fc.constantFrom('https://acme.example/a', 'not a link', 'javascript:alert(1)') }), { maxLength: 3 }).map(
			(items) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><link>https://x.example</link><description>d</description>${items.map((i) => `<item><title><![CDATA[Acme Corp ${i.title.replace(/]]>/g, '')} layoffs]]></title><guid>${i.guid.replace(/[<&]/g, '')}</guid><link>${i.link}</link><pubDate>${i.date}</pubDate></item>`).join('')}</channel></rss>`,
		),
	);
	const feedAnswer = fc.record({ status, text: feedText, plant: fc.boolean() });

	it('market feeds sweep: ends with a result or a SourceError naming the feed, no canary, each signal once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(feedAnswer, { maxLength: 6 }), fc.constantFrom(...CANARY_KIND_NAMES), async (script, kind) => {
				const secret = canary(kind, 10);
				let calls = 0;
				const request = async (): Promise<SourceResponse> => {
					const next = script[calls++];
					if (!next) return { statusCode: 304, headers: {}, body: Buffer.alloc(0) };
					return { statusCode: next.status, headers: { 'retry-after': '0', etag: `"${secret}"` }, body: Buffer.from(next.plant ? next.text.replace('Feed', `Feed ${secret}`) : next.text) };
				};
				const context = { request, sleep: async () => {}, retry: { maxAttempts: 2 }, secrets: [secret] };
				const accounts = [{ accountId: 'acme', name: 'Acme Corp', domain: 'acme.example', newsFeeds: ['https://acme.example/rss'], cik: '1234567' }, { accountId: 'toString', name: 'Apex' }];
				const outcome: Awaited<ReturnType<typeof sweepMarketFeeds>> | Error = await sweepMarketFeeds({ accounts, settings: { googleNewsMinIntervalMs: 0 }, contexts: { feeds: context, edgar: context }, edgar: { userAgent: 'Ops ops@acme.example' }, asOf: '2026-11-14T12:00:00Z' }).catch((e: unknown) => e as Error);
				if (outcome instanceof Error) {
					if (!(outcome instanceof SourceError)) throw outcome;
					expect(['Google News', 'Feed', 'SEC EDGAR']).toContain(outcome.source);
					expect(outcome.message).toMatch(/^Feed "[^"]+" \(GET https?:\/\//);
					expect(outcome.message).not.toContain(secret);
					return;
				}
				expect(new Set(outcome.detections.map((d) => d.signal.id)).size).toBe(outcome.detections.length);
				for (const problem of outcome.unusable) expect(problem.message).not.toMatch(/TypeError|Cannot read|is not a function/);
				expect(JSON.stringify(outcome.detections)).not.toContain(secret);
			}),
			runs('engine'),
		);
	});
});
