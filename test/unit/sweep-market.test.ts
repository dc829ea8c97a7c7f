/**
 * One market sweep against the feed fakes, through a plain fetch request port: the feeds planned from the book
 * and the form rows, bad rows and fields named, and the state's size for a book of 1,000 accounts.
 */
import { accountNewsProfilesFromItems, isSameStory } from '../../engine/detect/market';
import type { Signal } from '../../engine/model';
import type { SourceContext, SourceRequest } from '../../engine/sources/http';
import { sweepMarketFeeds } from '../../engine/sweeps';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const AS_OF = '2026-11-14T12:00:00Z';

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset: { now: AS_OF } });
});
afterAll(async () => {
	await fakes.close();
});

const request: SourceRequest = async (options) => {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
	const response = await fetch(url, { method: options.method, headers: options.headers });
	const headers: Record<string, string> = {};
	response.headers.forEach((value, key) => (headers[key] = value));
	return { statusCode: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
};
const context: SourceContext = { request, sleep: async () => undefined };
const settings = () => ({ googleNewsBaseUrl: fakes.httpUrl, googleNewsMinIntervalMs: 0 });

describe('sweepMarketFeeds: the feeds of a book', () => {
	it('plans one Google News search per account plus the form rows; a row without what its kind needs is named, the others are read', async () => {
		const result = await sweepMarketFeeds({
			accounts: [{ accountId: 'acme', name: 'Acme Corp', domain: 'acme.example', aliases: ['ACME Logistics'] }],
			feeds: [{ kind: 'google_news', query: 'Acme Corp, Roadrunner Freight' }, { kind: 'newsroom', accountId: 'acme' }, { kind: 'edgar', accountId: 'nobody', cik: '1' }],
			settings: settings(),
			contexts: { feeds: context },
			asOf: AS_OF,
		});
		expect(result.unusable).toEqual([
			{ itemIndex: 0, input: 'accounts', message: 'Feeds row 1: a newsroom needs its URL' },
			{ itemIndex: 0, input: 'accounts', message: 'Feeds row 2: account "nobody" is none of the accounts given — connect its Account item or clear the row\'s Account ID' },
		]);
		expect(fakes.requests().map((entry) => entry.query.q)).toEqual(['"Acme Corp" OR "ACME Logistics" OR "acme.example" when:30d', '"Acme Corp" OR "Roadrunner Freight" when:30d']);
		expect(result.read).toMatchObject({ feeds: 2, entries: 0, newItems: 0 });
	});

	it('account fields that cannot be read name the account, the field and the value', () => {
		const { profiles, unusable } = accountNewsProfilesFromItems([
			{ accountId: 'acme', name: 'Acme Corp', cik: 'CIK 12', newsFeeds: ['https://acme.example/rss'] },
			{ accountId: 'apex', name: 'Apex', newsFeeds: 'not a url', newsNameIsCommonWord: 'true', tickers: 'APX' },
		]);
		expect(unusable).toEqual([
			{ itemIndex: 0, input: 'accounts', message: 'account 0 (acme): cik "CIK 12" is not an SEC CIK (up to 10 digits, e.g. "0000320193")' },
			{ itemIndex: 1, input: 'accounts', message: 'account 1 (apex): newsFeeds "not a url" is not a feed URL (give "https://acme.com/newsroom/rss" or { "url": …, "label": … })' },
		]);
		expect(profiles).toEqual({});
		expect(accountNewsProfilesFromItems([{ accountId: 'apex', name: 'Apex', newsNameIsCommonWord: 'true', tickers: 'APX, APXL', cik: 320193 }]).profiles).toEqual({
			apex: { tickers: ['APX', 'APXL'], cik: '0000320193', ambiguous: true, newsFeeds: [] },
		});
	});

	it('state for a book of 1,000 accounts with one Google News search each and a few stories: measured, and bounded', async () => {
		const accounts = Array.from({ length: 1000 }, (_, i) => ({ accountId: `acc-${i}`, name: `Customer ${i} Holdings`, domain: `customer-${i}.example` }));
		// every tenth account has two stories this week in its search
		const googleNews = accounts
			.filter((_, i) => i % 10 === 0)
			.map((account, i) => ({
				query: `"${account.name}" OR "${account.domain}"`,
				items: [
					{ id: `story-${i}-a`, title: `${account.name} to cut 5% of workforce`, publisher: 'Reuters', publishedAt: '2026-11-13T09:00:00Z' },
					{ id: `story-${i}-b`, title: `${account.name} opens new office in Austin`, publisher: 'Local News', publishedAt: '2026-11-10T09:00:00Z' },
				],
			}));
		fakes.load({ now: AS_OF, news: { googleNews } });
		const run = await sweepMarketFeeds({ accounts, settings: settings(), contexts: { feeds: context }, asOf: AS_OF });
		expect(run.read).toMatchObject({ feeds: 1000, newItems: 200, signalsNew: 200 });
		const feedState = JSON.stringify(run.state.feeds).length;
		const signalState = JSON.stringify(run.state.signals).length;
		process.stdout.write(`[state size] 1,000 accounts, 1,000 feeds, 200 stories: feeds ${feedState} bytes, remembered signals ${signalState} bytes (${Math.round(signalState / 200)} per signal)\n`);
		// about 130 bytes per feed with two remembered ids, 1 KB per remembered signal
		expect(feedState).toBeLessThan(1000 * 200);
		expect(signalState).toBeLessThan(200 * 1200);
		const again = await sweepMarketFeeds({ accounts, settings: settings(), contexts: { feeds: context }, asOf: AS_OF, previous: run.state, emit: 'new' });
		expect(again.read).toMatchObject({ feeds: 1000, notModified: 1000, newItems: 0, signalsNew: 0, signalsRemembered: 200 });
		expect(again.detections).toEqual([]);
	});
});

describe('isSameStory: the same story read in two runs', () => {
	const signal = (over: Partial<Signal>): Signal => ({
		id: 'sig_a',
		accountId: 'acme',
		category: 'market',
		type: 'market.layoffs',
		polarity: 'risk',
		severity: 8,
		observedAt: '2026-11-14T08:05:00Z',
		detectedAt: AS_OF,
		evidence: '',
		source: { system: 'google_news', ref: 'x' },
		attributes: { headline: 'Acme Corp to cut 8% of workforce' },
		...over,
	});
	it('alike headlines within the story window are one story; another account, type or week is not', () => {
		const later = signal({ id: 'sig_b', observedAt: '2026-11-14T10:00:00Z', attributes: { headline: 'Acme Corp to cut 8% of its workforce as demand slows' } });
		expect(isSameStory(signal({}), later)).toBe(true);
		expect(isSameStory(signal({}), { ...later, accountId: 'globex' })).toBe(false);
		expect(isSameStory(signal({}), { ...later, type: 'market.acquisition' })).toBe(false);
		expect(isSameStory(signal({}), { ...later, observedAt: '2026-11-21T10:00:00Z' })).toBe(false);
		expect(isSameStory(signal({}), signal({ id: 'sig_c', attributes: { headline: 'Acme Corp opens new office in Lisbon' } }))).toBe(false);
	});
});
