/**
 * Market signals from feed items parsed out of the real-shaped fixtures (test/fixtures/feeds): exact signals and
 * evidence, the common-word name rule, one story across feeds = one signal, 8-K items, negations and hedges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyText, detectMarketSignalsFromItems, headlineSimilarity, canonicalLink, resolveMarketTable } from '../../engine/detect/market';
import { signalId, type NewsItem } from '../../engine/model';
import { filingItemSections, htmlToText, parseFeedItems, type ParseFeedContext } from '../../engine/sources/feeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'feeds');
const items = (file: string, context: ParseFeedContext): NewsItem[] => parseFeedItems(readFileSync(join(FIXTURES, file), 'utf8'), context).items;

const asOf = '2026-11-14T12:00:00Z';
const accounts = [
	{ accountId: 'acc-acme', name: 'Acme Corp', domain: 'acme.com' },
	{ accountId: 'acc-globex', name: 'Globex', domain: 'globex.example' },
	{ accountId: 'acc-apex', name: 'Apex', domain: 'apex-logistics.com' },
];
const googleAcme = () => items('google-news-acme.xml', { kind: 'google_news', url: 'https://news.google.com/rss/search?q=%22Acme%20Corp%22' });
const reuters = () => items('reuters-business.xml', { kind: 'feed', url: 'https://feeds.example-publisher.test/reuters/business.xml' });

describe('market signals from news feeds', () => {
	it('the same story in Google News and in the publisher’s feed → one layoff signal naming headline and source', () => {
		const result = detectMarketSignalsFromItems([...googleAcme(), ...reuters()], accounts, { asOf });
		expect(result.unusable).toEqual([]);
		const layoffs = result.signals.filter((s) => s.type === 'market.layoffs');
		expect(layoffs).toEqual([
			{
				id: signalId('news', 'acc-acme#acme corp cut 8% workforce', 'market.layoffs'),
				accountId: 'acc-acme',
				category: 'market',
				type: 'market.layoffs',
				polarity: 'risk',
				severity: 7,
				observedAt: '2026-11-14T08:05:00Z',
				detectedAt: '2026-11-14T12:00:00Z',
				evidence: 'Reuters via Google News, 14 Nov: "Acme Corp to cut 8% of workforce"',
				source: { system: 'google_news', ref: 'CBMigAFBVV95cUxNX2FjbWUtY29ycC10by1jdXQtOC1vZi13b3JrZm9yY2U', url: 'https://news.google.com/rss/articles/CBMigAFBVV95cUxNX2FjbWUtY29ycC10by1jdXQtOC1vZi13b3JrZm9yY2U?oc=5' },
				attributes: {
					headline: 'Acme Corp to cut 8% of workforce',
					source: 'Reuters via Google News',
					cue: 'cut # of workforce',
					matchedBy: 'name',
					hedged: false,
					alsoReportedBy: [{ source: 'Reuters Business', headline: 'Acme Corp to cut 8% of its workforce', url: 'https://www.reuters.com/business/acme-corp-to-cut-8-of-workforce-2026-11-14/?utm_source=rss&utm_medium=feed' }],
				},
			},
		]);
		expect(result.itemsBySignal[layoffs[0].id]).toEqual([0, 3]);
		expect(result.skipped.mergedIntoStory).toBe(1);
	});

	it('a denial is no signal; a hedged report is one at lower severity; another account’s news goes to that account', () => {
		const { signals, skipped } = detectMarketSignalsFromItems([...googleAcme(), ...reuters()], accounts, { asOf });
		expect(signals.map((s) => [s.accountId, s.type, s.severity, s.evidence])).toEqual([
			['acc-acme', 'market.acquisition', 4, 'Bloomberg via Google News, 10 Nov: "Acme Corp reportedly weighs sale of its logistics unit"'],
			['acc-globex', 'market.leadership_change', 5, 'Reuters Business, 13 Nov: "Globex names new chief executive"'],
			['acc-acme', 'market.layoffs', 7, 'Reuters via Google News, 14 Nov: "Acme Corp to cut 8% of workforce"'],
		]);
		expect(signals[0].attributes.hedged).toBe(true);
		// "Acme Corp denies layoff rumours after weak quarter": matched to Acme, classified as nothing
		expect(skipped).toEqual({ tooOld: 0, noAccount: 0, notClassified: 1, mergedIntoStory: 1 });
	});

	it('"Apex" the word, or Apex Legends, is not Apex the customer; Apex with a second cue is', () => {
		const apex = items('google-news-apex.xml', { kind: 'google_news', url: 'https://news.google.com/rss/search?q=%22Apex%22' });
		const plain = detectMarketSignalsFromItems(apex, accounts, { asOf });
		expect(plain.signals).toEqual([]);
		expect(plain.skipped).toEqual({ tooOld: 0, noAccount: 3, notClassified: 0, mergedIntoStory: 0 });
		const profiled = detectMarketSignalsFromItems(apex, accounts, { asOf, accountProfiles: { 'acc-apex': { industryWords: ['logistics', 'freight'] } } });
		expect(profiled.signals.map((s) => [s.accountId, s.type, s.evidence, s.attributes.matchedBy])).toEqual([
			['acc-apex', 'market.funding', 'TechCrunch via Google News, 11 Nov: "Apex Logistics raises $40M Series B to automate freight booking"', 'name + industry word "logistics"'],
		]);
		// the same headline with a company suffix needs no profile
		const suffixed = [{ ...apex[2], id: 'x', title: 'Apex Inc raises $40M Series B' }];
		expect(detectMarketSignalsFromItems(suffixed, accounts, { asOf }).signals.map((s) => s.attributes.matchedBy)).toEqual(['name + "apex inc"']);
	});

	it('an item that names only the account’s domain is the account’s', () => {
		const item = { ...reuters()[1], id: 'd1', title: 'Outage at brightlinehealth.example: patients report ransomware attack', summary: undefined };
		const book = [...accounts, { accountId: 'acc-brightline', name: 'Brightline Health', domain: 'brightlinehealth.example' }];
		const { signals } = detectMarketSignalsFromItems([item], book, { asOf });
		expect(signals.map((s) => [s.accountId, s.type, s.attributes.matchedBy])).toEqual([['acc-brightline', 'market.security_breach', 'domain']]);
	});

	it('the same headline and link far apart in time are two stories, two signals with their own ids (found by the hostile suite, seed 736556621)', () => {
		const base = { ...reuters()[1], title: 'Outage at brightlinehealth.example: ransomware attack', summary: undefined, link: 'https://brightlinehealth.example/a' };
		const book = [...accounts, { accountId: 'acc-brightline', name: 'Brightline Health', domain: 'brightlinehealth.example' }];
		const early = { ...base, id: 'e1', publishedAt: '2026-11-01T08:00:00Z' };
		const late = { ...base, id: 'e2', publishedAt: '2026-11-13T08:00:00Z' };
		const { signals } = detectMarketSignalsFromItems([early, late], book, { asOf });
		expect(signals).toHaveLength(2);
		expect(new Set(signals.map((s) => s.id)).size).toBe(2);
	});

	it('a competitor partnership in the account’s own newsroom needs the competitor configured', () => {
		const newsroom = items('acme-newsroom.xml', { kind: 'newsroom', url: 'https://acme.com/newsroom/rss', accountId: 'acc-acme' });
		const without = detectMarketSignalsFromItems(newsroom, accounts, { asOf });
		expect(without.signals.map((s) => s.type)).toEqual(['market.expansion_news']);
		const withCompetitor = detectMarketSignalsFromItems(newsroom, accounts, { asOf, competitors: ['Rivalsoft'] });
		expect(withCompetitor.signals.map((s) => [s.type, s.evidence, s.attributes.competitor, s.attributes.matchedBy])).toEqual([
			['market.expansion_news', 'Acme Corp Newsroom, 9 Nov: "Acme Corp opens new office in Lisbon"', undefined, 'own feed'],
			['market.competitor_partnership', 'Acme Corp Newsroom, 12 Nov: "Acme Corp and Rivalsoft announce strategic partnership for customer analytics"', 'Rivalsoft', 'own feed'],
		]);
		expect(withCompetitor.signals[1].observedAt).toBe('2026-11-12T14:00:00+01:00');
	});

	it('items older than the taxonomy’s maxArticleAgeDays are counted, not signalled', () => {
		const { signals, skipped } = detectMarketSignalsFromItems(reuters(), accounts, { asOf: '2027-01-20T00:00:00Z' });
		expect(signals).toEqual([]);
		expect(skipped.tooOld).toBe(2);
	});

	it('bad items are unusable, naming the item and field; the others still go through', () => {
		const good = reuters()[1];
		const { signals, unusable: errors } = detectMarketSignalsFromItems(
			[{ ...good, title: '' }, { ...good, publishedAt: 'Friday' }, { ...good, feed: { ...good.feed, accountId: 'acc-nope' } }, good],
			accounts,
			{ asOf },
		);
		expect(errors).toEqual([
			{ itemIndex: 0, input: 'items', message: 'news item 0: title "" must not be empty (the headline)' },
			{ itemIndex: 1, input: 'items', message: 'news item 1: publishedAt "Friday" is not an ISO-8601 date' },
			{ itemIndex: 2, input: 'items', message: 'news item 2: feed.accountId "acc-nope" is none of the accounts given — the feed was set up for an account that is not in this book' },
		]);
		expect(signals.map((s) => s.accountId)).toEqual(['acc-globex']);
	});
});

describe('market signals from SEC EDGAR 8-K filings', () => {
	const filings = () => {
		const parsed = items('edgar-acme-8k.xml', { kind: 'edgar', url: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001234567&type=8-K&output=atom' });
		// What readFeed adds with filingItemText: ['5.02'] (its transport is tested in sources-feeds.test.ts)
		const text = filingItemSections(htmlToText(readFileSync(join(FIXTURES, 'edgar-acme-8k.htm'), 'utf8')), ['5.02']);
		parsed[0].filing!.itemText = text;
		return parsed;
	};

	it('Item 5.02 naming the departing officer → a leadership-change signal that names the officer and the successor', () => {
		const { signals, unusable: errors } = detectMarketSignalsFromItems(filings(), accounts, { asOf, accountProfiles: { 'acc-acme': { cik: '1234567' } } });
		expect(errors).toEqual([]);
		expect(signals).toEqual([
			{
				id: signalId('news', 'acc-acme#0001234567-26-000123', 'market.leadership_change'),
				accountId: 'acc-acme',
				category: 'market',
				type: 'market.leadership_change',
				polarity: 'context',
				severity: 5,
				observedAt: '2026-11-13T17:02:11-05:00',
				detectedAt: '2026-11-14T12:00:00Z',
				evidence: 'SEC EDGAR, 13 Nov: Acme Corp 8-K Item 5.02 (Departure of Directors or Certain Officers) — Jane R. Doe is leaving as Chief Financial Officer; Marcus Feld appointed Chief Financial Officer',
				source: { system: 'sec_edgar', ref: '0001234567-26-000123', url: 'https://www.sec.gov/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm' },
				attributes: {
					headline: '8-K - Current report',
					source: 'SEC EDGAR',
					cue: '8-K Item 5.02',
					matchedBy: 'EDGAR CIK 0001234567',
					hedged: false,
					form: '8-K',
					filingItems: ['5.02', '9.01'],
					officers: [
						{ name: 'Jane R. Doe', change: 'departure', office: 'Chief Financial Officer' },
						{ name: 'Marcus Feld', change: 'appointment', office: 'Chief Financial Officer' },
					],
				},
			},
		]);
	});

	it('without the filing text the signal still says Item 5.02; a routine 2.02 results filing is no signal', () => {
		const bare = filings();
		delete bare[0].filing!.itemText;
		const { signals, skipped } = detectMarketSignalsFromItems(bare.map((item) => ({ ...item, feed: { ...item.feed, accountId: 'acc-acme' } })), accounts, { asOf });
		expect(signals.map((s) => [s.evidence, s.attributes.matchedBy])).toEqual([['SEC EDGAR, 13 Nov: Acme Corp 8-K Item 5.02 (Departure of Directors or Certain Officers)', 'own EDGAR filings']]);
		expect(skipped.notClassified).toBe(1);
	});

	it('an EDGAR filing under a CIK no account claims is no signal', () => {
		expect(detectMarketSignalsFromItems(filings(), accounts, { asOf }).signals).toEqual([]);
	});
});

describe('classification phrases (rules/tables/market-news.json)', () => {
	const table = resolveMarketTable();
	const types = (text: string, competitors: string[] = []) => classifyText(text, table, competitors).map((c) => `${c.type}${c.hedged ? ' (hedged)' : ''}`);

	it.each([
		['Acme denies layoff rumours', []],
		['Acme has no plans to cut jobs, CEO says', []],
		['Acme rules out a merger with Globex', []],
		['Acme lays off 300 staff', ['market.layoffs']],
		['Acme reportedly in talks to acquire Initech', ['market.acquisition (hedged)']],
		['Acme to be acquired by Globex for $2bn', ['market.acquisition']],
		['Acme cuts full-year guidance as demand slows', ['market.earnings_miss']],
		['Acme discloses ransomware attack on its systems', ['market.security_breach']],
		['Acme CFO Jane Doe to step down', ['market.leadership_change']],
		['Acme appoints new auditor', []],
		['Acme CEO says new product is selling well', []],
		['Acme raises prices for enterprise plans', []],
		['Acme raises $40M in Series B', ['market.funding']],
		['Acme kündigt Stellenabbau an', ['market.layoffs']],
	])('%s → %j', (text, expected) => {
		expect(types(text)).toEqual(expected);
	});

	it('a breach of contract is not a security breach', () => expect(types('Globex sues Acme for breach of contract')).toEqual([]));

	it('a partnership is a risk only with a configured competitor', () => {
		expect(types('Acme partners with Rivalsoft on analytics')).toEqual([]);
		expect(types('Acme partners with Rivalsoft on analytics', ['Rivalsoft'])).toEqual(['market.competitor_partnership']);
	});

	it('an edited table is validated with the entry named', () => {
		expect(() => resolveMarketTable({ types: { 'market.layofs': [{ phrases: ['x'] }] } })).toThrow('market news table: types.market.layofs is not a market.* signal type of the taxonomy');
		expect(() => resolveMarketTable({ types: { 'market.layoffs': [{ phrases: [] }] } })).toThrow('market news table: types.market.layoffs.0.phrases must list at least one phrase');
	});
});

describe('story merging helpers', () => {
	it('canonical links drop tracking, www and trailing slashes', () => {
		expect(canonicalLink('https://www.Reuters.com/business/acme-corp-to-cut/?utm_source=rss&utm_medium=feed#top')).toBe('reuters.com/business/acme-corp-to-cut');
		expect(canonicalLink('https://acme.com/news?id=7&utm_campaign=x')).toBe('acme.com/news?id=7');
	});
	it('headline similarity ignores small words and publisher suffixes already removed', () => {
		expect(headlineSimilarity('Acme Corp to cut 8% of workforce', 'Acme Corp to cut 8% of its workforce')).toBe(1);
		expect(headlineSimilarity('Acme Corp to cut 8% of workforce', 'Acme Corp opens new office in Lisbon')).toBeLessThan(0.4);
	});
});
