/**
 * Feed transport against a small HTTP server started here: conditional GET (ETag / Last-Modified → 304),
 * 429 + Retry-After, the User-Agent sent (EDGAR's contact rule), seen ids kept bounded, filing text read.
 * The request port is a plain fetch adapter, as a node adapts n8n's HTTP helper.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SourceError, type SourceContext, type SourceRequest } from '../../engine/sources/http';
import { NewsItemSchema, type NewsItem } from '../../engine/model';
import { edgarCompanyFilingsUrl, EDGAR_MIN_INTERVAL_MS, FeedUnreadableError, googleNewsSearchUrl, readFeed, seenKey, withMinimumInterval, type FeedState } from '../../engine/sources/feeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'feeds');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

interface Route {
	status?: number;
	headers?: Record<string, string>;
	body: Buffer | string;
}

let server: Server;
let base = '';
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
/** path → answers in order (the last one repeats). */
const routes = new Map<string, Route[]>();
/** path → ETag honoured with 304. */
const etags = new Map<string, string>();

beforeAll(async () => {
	server = createServer((req, res) => {
		const path = req.url ?? '/';
		seen.push({ path, headers: req.headers });
		const etag = etags.get(path.split('?')[0]);
		if (etag && req.headers['if-none-match'] === etag) {
			res.writeHead(304, { ETag: etag });
			res.end();
			return;
		}
		const answers = routes.get(path) ?? routes.get(path.split('?')[0]);
		const answer = answers ? (answers.length > 1 ? answers.shift()! : answers[0]) : { status: 404, body: 'Not Found' };
		res.writeHead(answer.status ?? 200, { ...(etag ? { ETag: etag } : {}), ...(answer.headers ?? {}) });
		res.end(answer.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	seen.length = 0;
	routes.clear();
	etags.clear();
});

/** Plain fetch; links to www.sec.gov in the fixtures go to the local server (nothing leaves this machine). */
const request: SourceRequest = async (options) => {
	const url = new URL(options.url.replace(/^https:\/\/www\.sec\.gov/, base));
	if (url.hostname !== '127.0.0.1') throw new Error(`test transport: ${url.hostname} is not the local server`);
	for (const [key, value] of Object.entries(options.qs ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
	const response = await fetch(url, { method: options.method, headers: options.headers });
	const headers: Record<string, string> = {};
	response.headers.forEach((value, key) => (headers[key] = value));
	return { statusCode: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
};

/** A clock that moves only when the code under test sleeps; the waits it asked for are recorded. */
function context(): SourceContext & { waits: number[] } {
	let now = Date.parse('2026-11-14T09:00:00Z');
	const waits: number[] = [];
	return {
		request,
		waits,
		now: () => now,
		sleep: async (ms) => {
			waits.push(ms);
			now += ms;
		},
	};
}

const rss = (items: Array<{ guid: string; title: string; day: number; hour?: number }>) =>
	`<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title><link>https://example.test/</link><description>t</description>${items
		.map((item) => `<item><title>${item.title}</title><link>https://example.test/${item.guid}</link><guid>${item.guid}</guid><pubDate>${new Date(Date.UTC(2026, 10, item.day, item.hour ?? 9)).toUTCString()}</pubDate></item>`)
		.join('')}</channel></rss>`;

describe('readFeed: incremental reads', () => {
	it('reads a Google News search feed: items oldest first, plain text, publisher from <source>, ETag and Last-Modified kept', async () => {
		routes.set('/rss/search', [{ headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Last-Modified': 'Sat, 14 Nov 2026 09:00:00 GMT' }, body: fixture('google-news-acme.xml') }]);
		etags.set('/rss/search', '"gn-1"');
		const url = `${base}/rss/search?q=%22Acme%20Corp%22&hl=en-US&gl=US&ceid=US:en`;
		const result = await readFeed(context(), { kind: 'google_news', url, label: 'Acme Corp on Google News' }, undefined);
		expect(result.notModified).toBe(false);
		expect(result.read).toEqual({ statusCode: 200, entries: 3, newItems: 3, beforeWindow: 0 });
		expect(result.items.map((item) => [item.publishedAt, item.title, item.publisher])).toEqual([
			['2026-11-10T12:00:00Z', 'Acme Corp reportedly weighs sale of its logistics unit', 'Bloomberg'],
			['2026-11-12T17:40:00Z', 'Acme Corp denies layoff rumours after weak quarter', 'Business Insider'],
			['2026-11-14T08:05:00Z', 'Acme Corp to cut 8% of workforce', 'Reuters'],
		]);
		const reuters: NewsItem = result.items[2];
		expect(reuters).toEqual({
			id: 'CBMigAFBVV95cUxNX2FjbWUtY29ycC10by1jdXQtOC1vZi13b3JrZm9yY2U',
			title: 'Acme Corp to cut 8% of workforce',
			link: 'https://news.google.com/rss/articles/CBMigAFBVV95cUxNX2FjbWUtY29ycC10by1jdXQtOC1vZi13b3JrZm9yY2U?oc=5',
			publishedAt: '2026-11-14T08:05:00Z',
			publisher: 'Reuters',
			publisherUrl: 'https://www.reuters.com',
			categories: [],
			feed: { kind: 'google_news', url, title: '"Acme Corp" OR "acme.com" - Google News', label: 'Acme Corp on Google News' },
		});
		expect(result.state).toEqual({
			etag: '"gn-1"',
			lastModified: 'Sat, 14 Nov 2026 09:00:00 GMT',
			newest: '2026-11-14T08:05:00Z',
			seen: result.items.map((item) => seenKey(item.id)),
		});
		expect(seen[0].headers['user-agent']).toBe('n8n-nodes-cs-signal-os (+https://github.com/cs-signal-os/n8n-nodes-cs-signal-os)');
		expect(seen[0].headers.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
		expect(seen[0].headers['if-none-match']).toBeUndefined();
	});

	it('a second read sends If-None-Match / If-Modified-Since; 304 → no items and the state unchanged', async () => {
		routes.set('/feed.xml', [{ body: rss([{ guid: 'a', title: 'One', day: 10 }]) }]);
		etags.set('/feed.xml', '"v1"');
		const spec = { url: `${base}/feed.xml` };
		const first = await readFeed(context(), spec, undefined);
		const state: FeedState = { ...first.state, lastModified: 'Tue, 10 Nov 2026 09:00:00 GMT' };
		const second = await readFeed(context(), spec, state);
		expect(second).toEqual({ items: [], state, notModified: true, read: { statusCode: 304, entries: 0, newItems: 0, beforeWindow: 0 }, problems: [] });
		expect(seen[1].headers['if-none-match']).toBe('"v1"');
		expect(seen[1].headers['if-modified-since']).toBe('Tue, 10 Nov 2026 09:00:00 GMT');
	});

	it('a changed feed gives only the items not seen before', async () => {
		routes.set('/feed.xml', [{ body: rss([{ guid: 'a', title: 'One', day: 10 }]) }, { body: rss([{ guid: 'b', title: 'Two', day: 11 }, { guid: 'a', title: 'One', day: 10 }]) }]);
		const spec = { url: `${base}/feed.xml` };
		const first = await readFeed(context(), spec, undefined);
		const second = await readFeed(context(), spec, first.state);
		expect(second.items.map((item) => item.id)).toEqual(['b']);
		expect(second.state.seen).toEqual([seenKey('a'), seenKey('b')]);
	});

	it('remembers only the ids inside the seen window of the newest item, so the state stays small whatever the feed keeps', async () => {
		// A feed that keeps a month of items: only the last 7 days' ids are remembered.
		const month = Array.from({ length: 30 }, (_, i) => ({ guid: `item-${i + 1}`, title: `Story ${i + 1}`, day: i - 15 }));
		routes.set('/big.xml', [{ body: rss(month) }, { body: rss([...month, { guid: 'item-31', title: 'Story 31', day: 14, hour: 8 }]) }]);
		const spec = { url: `${base}/big.xml` };
		const first = await readFeed(context(), spec, undefined);
		expect(first.items).toHaveLength(30);
		expect(first.state.newest).toBe('2026-11-14T09:00:00Z');
		expect(first.state.seen).toEqual(month.slice(22).map((item) => seenKey(item.guid)));
		const second = await readFeed(context(), spec, first.state);
		// the old items are dated before the window: not new, and not remembered either
		expect(second.items.map((item) => item.id)).toEqual(['item-31']);
		expect(second.read).toEqual({ statusCode: 200, entries: 31, newItems: 1, beforeWindow: 22 });
		expect(JSON.stringify(second.state).length).toBeLessThan(250);
	});

	it('an item not seen before but dated before the window is late old news: counted, not given back', async () => {
		routes.set('/late.xml', [{ body: rss([{ guid: 'a', title: 'One', day: 12 }]) }, { body: rss([{ guid: 'b', title: 'Old story surfacing', day: 2 }, { guid: 'a', title: 'One', day: 12 }]) }]);
		const spec = { url: `${base}/late.xml` };
		const first = await readFeed(context(), spec, undefined);
		const second = await readFeed(context(), spec, first.state);
		expect(second.items).toEqual([]);
		expect(second.read.beforeWindow).toBe(1);
	});

	it('keeps at most maxSeen ids (the newest) when one window holds more', async () => {
		const burst = Array.from({ length: 25 }, (_, i) => ({ guid: `item-${i + 1}`, title: `Story ${i + 1}`, day: 1, hour: i }));
		routes.set('/burst.xml', [{ body: rss(burst) }]);
		const result = await readFeed(context(), { url: `${base}/burst.xml`, maxSeen: 10 }, undefined);
		expect(result.state.seen).toEqual(burst.slice(15).map((item) => seenKey(item.guid)));
	});

	it('waits out a 429 with Retry-After, then reads', async () => {
		routes.set('/busy.xml', [{ status: 429, headers: { 'Retry-After': '2' }, body: 'slow down' }, { body: rss([{ guid: 'a', title: 'One', day: 10 }]) }]);
		const ctx = context();
		const result = await readFeed(ctx, { url: `${base}/busy.xml` }, undefined);
		expect(ctx.waits).toEqual([2000]);
		expect(seen.map((request) => request.path)).toEqual(['/busy.xml', '/busy.xml']);
		expect(result.items.map((item) => item.title)).toEqual(['One']);
	});

	it('a feed address that gives no feed (404, an HTML page) is FeedUnreadableError; a 503 that stays is a SourceError', async () => {
		const gone = readFeed(context(), { url: `${base}/gone.xml`, label: 'Acme newsroom' }, undefined);
		await expect(gone).rejects.toThrow(`Feed "Acme newsroom" (GET ${base}/gone.xml) failed after 1 attempt (HTTP 404) — nothing was read; the saved feed state was not changed, so the next run asks again`);
		await expect(gone).rejects.toBeInstanceOf(FeedUnreadableError);
		routes.set('/down.xml', [{ status: 503, body: 'down' }]);
		const down = readFeed({ ...context(), retry: { maxAttempts: 2 } }, { url: `${base}/down.xml` }, undefined);
		await expect(down).rejects.toThrow(`Feed "${base}/down.xml" (GET ${base}/down.xml) failed after 2 attempts (HTTP 503) — nothing was read; the saved feed state was not changed, so the next run asks again`);
		await expect(down).rejects.not.toBeInstanceOf(FeedUnreadableError);
		await expect(down).rejects.toBeInstanceOf(SourceError);
		routes.set('/page.html', [{ headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>Newsroom</h1></body></html>' }]);
		await expect(readFeed(context(), { url: `${base}/page.html`, label: 'Acme newsroom' }, undefined)).rejects.toThrow(
			`Feed "Acme newsroom" (GET ${base}/page.html) is not an RSS or Atom feed (Unrecognized feed format; it starts with "<html><body><h1>Newsroom</h1></body></html>"); the saved feed state was not changed`,
		);
		await expect(readFeed(context(), { url: 'not a url' }, undefined)).rejects.toThrow('Feed "not a url": url "not a url" must be the feed URL (http or https)');
	});
});

describe('readFeed: SEC EDGAR company filings', () => {
	const edgarRoutes = () => {
		routes.set('/cgi-bin/browse-edgar', [{ headers: { 'Content-Type': 'application/atom+xml' }, body: fixture('edgar-acme-8k.xml') }]);
		routes.set('/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm', [{ body: fixture('edgar-acme-8k-index.htm') }]);
		routes.set('/Archives/edgar/data/1234567/000123456726000123/acme-20261113.htm', [{ body: fixture('edgar-acme-8k.htm') }]);
	};

	it('refuses to call EDGAR without a User-Agent naming a contact', async () => {
		await expect(readFeed(context(), { kind: 'edgar', url: `${base}/cgi-bin/browse-edgar?action=getcompany`, userAgent: 'n8n' }, undefined)).rejects.toThrow(
			`Feed "${base}/cgi-bin/browse-edgar?action=getcompany": SEC EDGAR requires a User-Agent naming your organisation and a contact e-mail (for example "Acme CS Ops cs-ops@acme.com"); set it in the SEC EDGAR credential — nothing was requested`,
		);
		expect(seen).toEqual([]);
	});

	it('reads 8-K entries with their item numbers, and the Item 5.02 text from the filing, at most 10 requests a second', async () => {
		edgarRoutes();
		const ctx = context();
		const result = await readFeed(withMinimumInterval(ctx, EDGAR_MIN_INTERVAL_MS), { kind: 'edgar', url: `${base}/cgi-bin/browse-edgar?action=getcompany&CIK=0001234567&type=8-K&output=atom`, userAgent: 'Acme CS Ops cs-ops@acme.com', accountId: 'acc-acme', filingItemText: ['5.02'] }, undefined);
		expect(result.problems).toEqual([]);
		expect(seen.map((request) => [request.path.split('?')[0], request.headers['user-agent']])).toEqual([
			['/cgi-bin/browse-edgar', 'Acme CS Ops cs-ops@acme.com'],
			['/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm', 'Acme CS Ops cs-ops@acme.com'],
			['/Archives/edgar/data/1234567/000123456726000123/acme-20261113.htm', 'Acme CS Ops cs-ops@acme.com'],
		]);
		expect(ctx.waits).toEqual([100, 100]);
		expect(result.items.map((item) => [item.publishedAt, item.filing?.items])).toEqual([
			['2026-10-29T16:05:40-04:00', ['2.02', '9.01']],
			['2026-11-13T17:02:11-05:00', ['5.02', '9.01']],
		]);
		const filing = result.items[1];
		expect(filing).toMatchObject({
			id: 'urn:tag:sec.gov,2008:accession-number=0001234567-26-000123',
			title: '8-K - Current report',
			link: 'https://www.sec.gov/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm',
			publisher: 'SEC EDGAR',
			categories: ['8-K'],
			feed: { kind: 'edgar', accountId: 'acc-acme', title: 'ACME CORP (0001234567)' },
			filing: {
				form: '8-K',
				accessionNumber: '0001234567-26-000123',
				filingDate: '2026-11-13',
				companyName: 'ACME CORP',
				cik: '0001234567',
				itemCaptions: {
					'5.02': 'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers',
					'9.01': 'Financial Statements and Exhibits',
				},
			},
		});
		expect(filing.filing?.itemText?.['5.02']).toMatch(/^On November 10, 2026, Jane R\. Doe notified Acme Corp\. \(the “Company”\) of her decision to resign as Chief Financial Officer/);
		expect(filing.filing?.itemText?.['5.02']).not.toMatch(/Item 9\.01/);
	});

	it('a filing document that cannot be read is a problem, not a failed read', async () => {
		edgarRoutes();
		routes.delete('/Archives/edgar/data/1234567/000123456726000123/acme-20261113.htm');
		const result = await readFeed(context(), { kind: 'edgar', url: `${base}/cgi-bin/browse-edgar?action=getcompany`, userAgent: 'Acme CS Ops cs-ops@acme.com', filingItemText: ['5.02'] }, undefined);
		expect(result.items).toHaveLength(2);
		expect(result.items[1].filing?.itemText).toBeUndefined();
		expect(result.problems).toEqual([`Feed "${base}/cgi-bin/browse-edgar?action=getcompany": the text of filing 0001234567-26-000123 could not be read after 1 attempt (HTTP 404); its item numbers are still used`]);
	});
});

describe('feed URLs', () => {
	it('builds the Google News search by name, alias and domain with matching hl / gl / ceid', () => {
		expect(googleNewsSearchUrl({ names: ['Acme Corp', 'Acme'], domain: 'https://www.acme.com/' })).toBe(
			'https://news.google.com/rss/search?q=%22Acme%20Corp%22%20OR%20%22Acme%22%20OR%20%22acme.com%22&hl=en-US&gl=US&ceid=US:en',
		);
		expect(googleNewsSearchUrl({ names: ['Müller AG'], hl: 'de', gl: 'DE', whenDays: 7 })).toBe('https://news.google.com/rss/search?q=%22M%C3%BCller%20AG%22%20when%3A7d&hl=de&gl=DE&ceid=DE:de');
		expect(() => googleNewsSearchUrl({ names: [' '] })).toThrow('Google News search: give the account name (or an alias or domain) to search for');
	});

	it('builds the EDGAR company filings Atom URL from a CIK', () => {
		expect(edgarCompanyFilingsUrl('1234567')).toBe('https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001234567&type=8-K&dateb=&owner=include&count=40&output=atom');
		expect(() => edgarCompanyFilingsUrl('CIK')).toThrow('SEC EDGAR: CIK "CIK" is not a company CIK (up to 10 digits, e.g. 0000320193)');
	});
});

describe('what readFeed gives is the model’s NewsItem', () => {
	it('every item parses unchanged against NewsItemSchema (the market detectors’ input)', async () => {
		routes.set('/rss/search', [{ body: fixture('google-news-acme.xml') }]);
		routes.set('/cgi-bin/browse-edgar', [{ body: fixture('edgar-acme-8k.xml') }]);
		const news = await readFeed(context(), { kind: 'google_news', url: `${base}/rss/search` }, undefined);
		const edgar = await readFeed(context(), { kind: 'edgar', url: `${base}/cgi-bin/browse-edgar`, userAgent: 'Ops ops@acme.com' }, undefined);
		expect(news.items.length + edgar.items.length).toBe(5);
		for (const item of [...news.items, ...edgar.items]) expect(NewsItemSchema.parse(item)).toEqual(item);
	});
});
