/**
 * The news fakes (test/fakes/news.js) answer in the formats' own shapes — RSS 2.0 (a channel with title, link and
 * description; items with guid and an RFC 822 pubDate) and Atom (RFC 4287: feed and entries with id, title and
 * updated) — and EDGAR's company feed carries the same elements as the real-shaped fixture; they honour
 * conditional GETs, refuse EDGAR requests without a contact User-Agent (403), and name a broken dataset field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from 'feedsmith';
import { parseFeedItems } from '../../engine/sources/feeds';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const UA = { 'user-agent': 'Acme CS Ops cs-ops@acme.example' };
const dataset = {
	now: '2026-11-14T12:00:00Z',
	news: {
		googleNews: [{ query: '"Acme Corp"', items: [{ id: 'CBMi1', title: 'Acme Corp to cut 8% of workforce', publisher: 'Reuters', publisherUrl: 'https://www.reuters.com', publishedAt: '2026-11-14T08:05:00Z' }] }],
		newsrooms: [{ host: 'acme.newsroom.example', path: '/feed.xml', title: 'Acme Corp Newsroom', items: [{ id: 'pr-1', title: 'Acme Corp opens Lisbon office', publishedAt: '2026-11-09T08:00:00Z', creator: 'Acme Communications', content: '<p>Lisbon</p>' }] }],
		edgar: { companies: [{ cik: '1234567', name: 'ACME CORP', ticker: 'acme', filings: [{ accessionNumber: '0001234567-26-000123', filingDate: '2026-11-13', acceptedAt: '2026-11-13T17:02:11-05:00', items: ['5.02', '9.01'], itemText: { '5.02': 'On November 10, 2026, Jane R. Doe notified the Company of her decision to resign as Chief Financial Officer.' } }] }] },
	},
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(async () => {
	await fakes.close();
});
beforeEach(() => fakes.reset());

async function get(path: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${fakes.httpUrl}${path}`, { headers });
	return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The element names of an XML document, in order of first appearance (a shape, not the content). */
const elements = (xml: string) => [...new Set([...xml.matchAll(/<([a-z][\w:-]*)[\s>/]/gi)].map((match) => match[1]))];

const EDGAR_FEED = '/cgi-bin/browse-edgar?action=getcompany&CIK=0001234567&type=8-K&dateb=&owner=include&count=40&output=atom';

describe('feed shapes', () => {
	it('Google News search: RSS 2.0 with the channel elements RSS requires, items with guid, RFC 822 pubDate and <source url>', async () => {
		const response = await get(`/rss/search?q=${encodeURIComponent('"Acme Corp" when:7d')}&hl=en-US&gl=US&ceid=US:en`);
		expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/xml; charset=utf-8']);
		const { format, feed } = parseFeed(response.bytes.toString('utf8')) as { format: string; feed: any };
		expect(format).toBe('rss');
		expect([typeof feed.title, typeof feed.link, typeof feed.description]).toEqual(['string', 'string', 'string']);
		expect(feed.items[0]).toMatchObject({ title: 'Acme Corp to cut 8% of workforce - Reuters', guid: { value: 'CBMi1', isPermaLink: false }, pubDate: 'Sat, 14 Nov 2026 08:05:00 GMT' });
		const [item] = parseFeedItems(response.bytes.toString('utf8'), { kind: 'google_news', url: 'https://news.google.com/rss/search' }).items;
		expect([item.title, item.publisher, item.publisherUrl]).toEqual(['Acme Corp to cut 8% of workforce', 'Reuters', 'https://www.reuters.com']);
	});

	it('a query Google has no results for is an empty channel, and `when:` leaves out older items', async () => {
		const none = await get(`/rss/search?q=${encodeURIComponent('"Globex"')}`);
		expect((parseFeed(none.bytes.toString('utf8')) as { feed: { items?: unknown[] } }).feed.items ?? []).toEqual([]);
		const old = await get(`/rss/search?q=${encodeURIComponent('"Acme Corp" when:1h')}`);
		expect((parseFeed(old.bytes.toString('utf8')) as { feed: { items?: unknown[] } }).feed.items ?? []).toEqual([]);
	});

	it('a newsroom: RSS 2.0 with content:encoded and dc:creator, found by its host or, on 127.0.0.1, by its path', async () => {
		const response = await get('/feed.xml');
		const { feed } = parseFeed(response.bytes.toString('utf8')) as { feed: any };
		expect(feed.title).toBe('Acme Corp Newsroom');
		expect(feed.items[0]).toMatchObject({ title: 'Acme Corp opens Lisbon office', content: { encoded: '<p>Lisbon</p>' }, dc: { creators: ['Acme Communications'] } });
	});

	it('SEC EDGAR company filings: ISO-8859-1 Atom with the elements of the real-shaped fixture; RFC 4287 id, title, updated on feed and entries', async () => {
		const response = await get(EDGAR_FEED, UA);
		expect(response.headers.get('content-type')).toBe('application/atom+xml');
		const xml = response.bytes.toString('latin1');
		expect(xml.startsWith('<?xml version="1.0" encoding="ISO-8859-1" ?>')).toBe(true);
		const fixture = readFileSync(join(__dirname, '..', 'fixtures', 'feeds', 'edgar-acme-8k.xml'), 'latin1');
		expect(elements(xml).filter((name) => !elements(fixture).includes(name))).toEqual([]);
		const { format, feed } = parseFeed(xml) as { format: string; feed: any };
		expect(format).toBe('atom');
		for (const node of [feed, ...feed.entries]) expect([Boolean(node.id), Boolean(node.title), Boolean(node.updated)]).toEqual([true, true, true]);
		const [filing] = parseFeedItems(xml, { kind: 'edgar', url: `${fakes.httpUrl}${EDGAR_FEED}` }).items;
		expect(filing.filing).toMatchObject({ form: '8-K', items: ['5.02', '9.01'], accessionNumber: '0001234567-26-000123', filingDate: '2026-11-13', cik: '0001234567', companyName: 'ACME CORP' });
		expect(filing.link).toBe(`${fakes.httpUrl}/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm`);
	});

	it('the filing index lists the 8-K document through the iXBRL viewer, and the document holds each item with its caption and text', async () => {
		const index = (await get('/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm', UA)).bytes.toString('utf8');
		expect(index).toContain('<a href="/ix?doc=/Archives/edgar/data/1234567/000123456726000123/acme-20261113.htm">acme-20261113.htm</a>');
		const document = (await get('/Archives/edgar/data/1234567/000123456726000123/acme-20261113.htm', UA)).bytes.toString('utf8');
		expect(document).toContain('Item&#160;5.02&#160;Departure of Directors or Certain Officers; Election of Directors;');
		expect(document).toContain('Jane R. Doe notified the Company of her decision to resign as Chief Financial Officer.');
	});
});

describe('feed behaviour', () => {
	it('answers 304 to an ETag or a Last-Modified that still holds, with the same validators', async () => {
		const first = await get('/feed.xml');
		const etag = first.headers.get('etag')!;
		const lastModified = first.headers.get('last-modified')!;
		expect(lastModified).toBe('Mon, 09 Nov 2026 08:00:00 GMT');
		const byTag = await get('/feed.xml', { 'if-none-match': etag });
		expect([byTag.status, byTag.bytes.length, byTag.headers.get('etag')]).toEqual([304, 0, etag]);
		expect((await get('/feed.xml', { 'if-modified-since': lastModified })).status).toBe(304);
		expect((await get('/feed.xml', { 'if-none-match': '"other"' })).status).toBe(200);
	});

	it('EDGAR answers 403 with its "Undeclared Automated Tool" page to a request whose User-Agent names no contact — feed, index and document alike', async () => {
		for (const path of [EDGAR_FEED, '/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm']) {
			for (const headers of [{}, { 'user-agent': 'n8n' }] as Array<Record<string, string>>) {
				const response = await get(path, headers);
				expect(response.status).toBe(403);
				expect(response.bytes.toString('utf8')).toContain('Your Request Originates from an Undeclared Automated Tool');
			}
		}
		expect((await get('/cgi-bin/browse-edgar?action=getcurrent&type=8-K&count=1&output=atom', UA)).status).toBe(200);
	});

	it('programmed faults answer in HTML with Retry-After; an unknown CIK is EDGAR\'s "No matching CIK" page', async () => {
		fakes.addFault({ provider: 'googleNews', path: '/rss/search', responses: [{ status: 429, retryAfter: 3 }] });
		const limited = await get('/rss/search?q=x');
		expect([limited.status, limited.headers.get('retry-after'), limited.headers.get('content-type')]).toEqual([429, '3', 'text/html']);
		const unknown = await get('/cgi-bin/browse-edgar?action=getcompany&CIK=0000000042&type=8-K&output=atom', UA);
		expect([unknown.status, unknown.bytes.toString('utf8')]).toEqual([200, expect.stringContaining('No matching CIK.')]);
	});

	it('names a broken news dataset field', async () => {
		expect(() => fakes.load({ news: { edgar: { companies: [{ cik: '12', filings: [{ accessionNumber: '12-3', filingDate: '2026-11-13', acceptedAt: '2026-11-13T17:02:11-05:00' }] }] } } })).toThrow(
			'dataset news.edgar.companies[0].filings[0].accessionNumber: must look like 0001234567-26-000123',
		);
		expect(() => fakes.load({ news: { googleNews: [{ items: [] }] } })).toThrow('dataset news.googleNews[0].query: is required (the search terms as the q parameter carries them)');
		fakes.load(dataset);
	});
});
