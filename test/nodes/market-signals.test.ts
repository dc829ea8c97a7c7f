/**
 * CS Market Signals through n8n: Google News searches, a company newsroom, a publisher feed and SEC EDGAR filings,
 * all answered by the feed fakes (test/fakes/news.js); Account items on the second input carry the newsroom URL and
 * the CIK. Exact signals and evidence, one story across two feeds = one signal, the common-word name rule, a second
 * run that reads nothing new (304), the EDGAR User-Agent on every request, 429 / 403 handling and continue-on-fail.
 */
import { NodeConnectionTypes, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { signalId } from '../../engine/model';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { PACKAGE_NAME, runWorkflow, type WorkflowFixture } from './harness';

const AS_OF = '2026-11-14T12:00:00Z';
const USER_AGENT = 'Acme Corp CS Ops cs-ops@acme.example';
const JANE_DOE =
	'On November 10, 2026, Jane R. Doe notified Acme Corp. (the “Company”) of her decision to resign as Chief Financial Officer of the Company, effective December 31, 2026. ' +
	'On November 12, 2026, the Board of Directors of the Company appointed Marcus Feld, 47, as the Company’s Chief Financial Officer, effective January 1, 2027.';

const dataset = {
	now: AS_OF,
	news: {
		googleNews: [
			{
				query: '"Acme Corp" OR "acme.example"',
				items: [
					{ id: 'CBMiAcmeCut8', title: 'Acme Corp to cut 8% of workforce', publisher: 'Reuters', publisherUrl: 'https://www.reuters.com', publishedAt: '2026-11-14T08:05:00Z' },
					{ id: 'CBMiAcmeLisbon', title: 'Acme Corp opens new office in Lisbon', publisher: 'Tech.eu', publisherUrl: 'https://tech.eu', publishedAt: '2026-11-09T09:00:00Z' },
				],
			},
			{
				query: '"Apex" OR "apex-logistics.example"',
				items: [
					{ id: 'CBMiApexLegends', title: 'Apex Legends studio hit by layoffs as season 27 slips', publisher: 'The Verge', publisherUrl: 'https://www.theverge.com', publishedAt: '2026-11-13T15:30:00Z' },
					{ id: 'CBMiMarketsApex', title: 'Markets at the apex: why investors fear a downturn and more layoffs', publisher: 'Financial Times', publisherUrl: 'https://www.ft.com', publishedAt: '2026-11-13T07:00:00Z' },
				],
			},
		],
		newsrooms: [
			{
				host: 'acme.newsroom.example',
				path: '/acme/feed.xml',
				title: 'Acme Corp Newsroom',
				link: 'https://acme.example/newsroom',
				items: [
					{ id: 'acme-pr-2026-118', title: 'Acme Corp and Rivalsoft announce strategic partnership for customer analytics', link: 'https://acme.example/newsroom/acme-rivalsoft-partnership', publishedAt: '2026-11-12T13:00:00Z', creator: 'Acme Communications', description: 'Acme Corp today announced a strategic partnership with Rivalsoft.' },
				],
			},
			{
				host: 'reuters.newsroom.example',
				path: '/reuters/business.xml',
				title: 'Reuters Business',
				link: 'https://www.reuters.com/business',
				items: [
					{ id: 'reuters-acme-8', title: 'Acme Corp to cut 8% of its workforce as demand slows', link: 'https://www.reuters.com/business/acme-corp-to-cut-8-of-workforce-2026-11-14/', publishedAt: '2026-11-14T08:20:00Z', description: 'Acme Corp will cut about 8% of its staff, the company said on Saturday.' },
				],
			},
		],
		edgar: {
			companies: [
				{
					cik: '1234567',
					name: 'ACME CORP',
					ticker: 'acme',
					filings: [
						{ accessionNumber: '0001234567-26-000123', filingDate: '2026-11-13', acceptedAt: '2026-11-13T17:02:11-05:00', items: ['5.02', '9.01'], itemText: { '5.02': JANE_DOE, '9.01': '(d) Exhibits. 99.1 Press release dated November 13, 2026.' } },
						{ accessionNumber: '0001234567-26-000098', filingDate: '2026-10-29', acceptedAt: '2026-10-29T16:05:40-04:00', items: ['2.02', '9.01'], size: '1 MB' },
					],
				},
			],
		},
	},
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(async () => {
	await fakes.close();
});
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const accounts = (): IDataObject[] => [
	{ accountId: 'acme', name: 'Acme Corp', domain: 'acme.example', cik: '1234567', newsFeeds: [`${fakes.httpUrl}/acme/feed.xml`] },
	{ accountId: 'apex', name: 'Apex', domain: 'apex-logistics.example' },
	{ accountId: 'globex', name: 'Globex', domain: 'globex.example' },
];

function workflow(parameters: INodeParameters, newsItems: IDataObject[], accountItems: IDataObject[], extra: Partial<INode> = {}, staticData?: IDataObject): WorkflowFixture {
	return {
		nodes: [
			{ name: 'Start', type: 'test.items', parameters: { items: JSON.stringify([{}]) } },
			{ name: 'News', type: 'test.items', parameters: { items: JSON.stringify(newsItems) } },
			{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accountItems) } },
			{ name: 'Node', type: `${PACKAGE_NAME}.csMarketSignals`, parameters, ...extra },
		],
		connections: {
			Start: { main: [[{ node: 'News', type: NodeConnectionTypes.Main, index: 0 }, { node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 }]] },
			News: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
			Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
		},
		staticData,
	};
}

const feedParameters = (): INodeParameters => ({
	source: 'feeds',
	asOf: AS_OF,
	feeds: { feed: [{ kind: 'feed', url: `${fakes.httpUrl}/reuters/business.xml`, label: 'Reuters Business' }] },
	feedOptions: { googleNewsBaseUrl: fakes.httpUrl!, googleNewsMinIntervalMs: 0 },
	detection: { competitors: 'Rivalsoft' },
	maxAttempts: 2,
});
const edgarCredential = () => ({ csSecEdgarApi: { userAgent: USER_AGENT, baseUrl: fakes.httpUrl! } });
const withEdgar = { credentials: { csSecEdgarApi: { id: 'cred-edgar', name: 'SEC EDGAR (fake)' } } };
const readFeeds = (parameters: INodeParameters = {}, staticData?: IDataObject, extra: Partial<INode> = {}) =>
	runWorkflow(workflow({ ...feedParameters(), ...parameters }, [{}], accounts(), { ...withEdgar, ...extra }, staticData), { credentials: edgarCredential() });

const FILING_INDEX = (origin: string) => `${origin}/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm`;

describe('CS Market Signals node: news feeds', () => {
	it('reads every feed of the book and emits the exact signals: an 8-K Item 5.02 naming the officer, one layoff story from two feeds, a competitor partnership — nothing for "Apex" the word', async () => {
		const result = await readFeeds();
		expect(result.status).toBe('success');
		const signals = result.output('Node');
		expect(signals.map((signal) => [signal.accountId, signal.type, signal.evidence])).toEqual([
			['acme', 'market.expansion_news', 'Tech.eu via Google News, 9 Nov: "Acme Corp opens new office in Lisbon"'],
			['acme', 'market.competitor_partnership', 'Acme Corp Newsroom, 12 Nov: "Acme Corp and Rivalsoft announce strategic partnership for customer analytics"'],
			['acme', 'market.leadership_change', 'SEC EDGAR, 13 Nov: Acme Corp 8-K Item 5.02 (Departure of Directors or Certain Officers) — Jane R. Doe is leaving as Chief Financial Officer; Marcus Feld appointed Chief Financial Officer'],
			['acme', 'market.layoffs', 'Reuters via Google News, 14 Nov: "Acme Corp to cut 8% of workforce"'],
		]);
		expect(signals[2]).toEqual({
			id: signalId('news', 'acme#0001234567-26-000123', 'market.leadership_change'),
			accountId: 'acme',
			category: 'market',
			type: 'market.leadership_change',
			polarity: 'context',
			severity: 5,
			observedAt: '2026-11-13T17:02:11-05:00',
			detectedAt: AS_OF,
			evidence: 'SEC EDGAR, 13 Nov: Acme Corp 8-K Item 5.02 (Departure of Directors or Certain Officers) — Jane R. Doe is leaving as Chief Financial Officer; Marcus Feld appointed Chief Financial Officer',
			source: { system: 'sec_edgar', ref: '0001234567-26-000123', url: FILING_INDEX(fakes.httpUrl!) },
			attributes: {
				headline: '8-K - Current report',
				source: 'SEC EDGAR',
				cue: '8-K Item 5.02',
				matchedBy: 'own EDGAR filings',
				hedged: false,
				form: '8-K',
				filingItems: ['5.02', '9.01'],
				officers: [
					{ name: 'Jane R. Doe', change: 'departure', office: 'Chief Financial Officer' },
					{ name: 'Marcus Feld', change: 'appointment', office: 'Chief Financial Officer' },
				],
			},
		});
		// The same story in Google News and in the publisher's own feed: one signal that names both.
		expect(signals[3].attributes).toMatchObject({
			headline: 'Acme Corp to cut 8% of workforce',
			alsoReportedBy: [{ source: 'Reuters Business', headline: 'Acme Corp to cut 8% of its workforce as demand slows', url: 'https://www.reuters.com/business/acme-corp-to-cut-8-of-workforce-2026-11-14/' }],
		});
		expect(result.items('Node').map((item) => item.pairedItem)).toEqual(Array(4).fill([{ item: 0, input: 1 }]));

		// Apex's search was read (two items mention "apex") and gave nothing; Globex's search has no results.
		const googleQueries = fakes.requests().filter((request) => request.provider === 'googleNews').map((request) => request.query.q);
		expect(googleQueries).toEqual(['"Acme Corp" OR "acme.example" when:30d', '"Apex" OR "apex-logistics.example" when:30d', '"Globex" OR "globex.example" when:30d']);
	});

	it('sends the SEC EDGAR credential’s User-Agent on every EDGAR request: the filings feed, the filing index and the 8-K document', async () => {
		await readFeeds();
		const edgar = fakes.requests().filter((request) => request.provider === 'edgar');
		expect(edgar.map((request) => [request.path, request.status, request.headers['user-agent']])).toEqual([
			['/cgi-bin/browse-edgar', 200, USER_AGENT],
			['/Archives/edgar/data/1234567/000123456726000123/0001234567-26-000123-index.htm', 200, USER_AGENT],
			['/Archives/edgar/data/1234567/000123456726000123/acme-20261113.htm', 200, USER_AGENT],
		]);
		expect(edgar[0].query).toEqual({ action: 'getcompany', CIK: '0001234567', type: '8-K', dateb: '', owner: 'include', count: '40', output: 'atom' });
	});

	it('a second run reads nothing new: every feed answers 304 to its ETag; "New Signals Only" emits nothing, the default emits the remembered signals', async () => {
		const first = await readFeeds();
		const firstRequests = fakes.requests().length;
		const second = await readFeeds({ emit: 'new' }, first.staticData);
		expect(second.status).toBe('success');
		expect(second.output('Node')).toEqual([]);
		const feedReads = fakes.requests().slice(firstRequests);
		expect(feedReads.map((request) => [request.provider, request.status])).toEqual([
			['googleNews', 304],
			['newsroom', 304],
			['edgar', 304],
			['googleNews', 304],
			['googleNews', 304],
			['newsroom', 304],
		]);
		expect(feedReads.every((request) => typeof request.headers['if-none-match'] === 'string' && typeof request.headers['if-modified-since'] === 'string')).toBe(true);
		const third = await readFeeds({}, second.staticData);
		expect(third.output('Node').map((signal) => signal.id)).toEqual(first.output('Node').map((signal) => signal.id));
	});

	it('a story read yesterday from Google News and today from the publisher is one signal, not two', async () => {
		const withoutReuters = { ...feedParameters(), feeds: {} };
		const first = await runWorkflow(workflow({ ...withoutReuters, emit: 'new' }, [{}], accounts(), withEdgar), { credentials: edgarCredential() });
		expect(first.output('Node').filter((signal) => signal.type === 'market.layoffs')).toHaveLength(1);
		const second = await readFeeds({ emit: 'new' }, first.staticData);
		expect(second.output('Node')).toEqual([]);
	});

	it('a 429 with Retry-After is waited out: the same signals as a clean run', async () => {
		const clean = await readFeeds();
		fakes.reset();
		fakes.load(dataset);
		fakes.addFault({ provider: 'googleNews', path: '/rss/search', responses: [{ status: 429, retryAfter: 0 }] });
		const limited = await readFeeds();
		expect(limited.output('Node')).toEqual(clean.output('Node'));
		expect(fakes.requests().filter((request) => request.provider === 'googleNews').map((request) => request.status)).toEqual([429, 200, 200, 200]);
	});

	it('EDGAR refusing (403) stops the run with a NodeApiError that says why EDGAR sends 403; no feed state is saved', async () => {
		fakes.addFault({ provider: 'edgar', path: '/cgi-bin/browse-edgar', responses: [{ status: 403 }], repeatLast: true });
		const failed = await readFeeds({}, { 'node:Node': { marketSweep: { feeds: {}, signals: [] } } });
		const error = failed.error('Node') as unknown as { name: string; message: string; httpCode: string; context: Record<string, unknown> };
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			`Feed "Acme Corp SEC filings" (GET ${fakes.httpUrl}/cgi-bin/browse-edgar?action=getcompany&CIK=0001234567&type=8-K&dateb=&owner=include&count=40&output=atom) failed after 1 attempt (HTTP 403) — SEC EDGAR answers 403 to a User-Agent that does not name an organisation and a contact e-mail, and to more than 10 requests a second: check the User-Agent of the SEC EDGAR credential; nothing was read; the saved feed state was not changed, so the next run asks again. 2 feeds of 6 had been read; nothing was emitted and no feed state was saved`,
		);
		expect(error.context).toMatchObject({ source: 'SEC EDGAR', read: { feeds: 2, items: 3 } });
		expect(failed.staticData['node:Node']).toEqual({ marketSweep: { feeds: {}, signals: [] } });
	});

	it('an account with a CIK but no SEC EDGAR credential: the node says to add it, and nothing is requested', async () => {
		const result = await runWorkflow(workflow(feedParameters(), [{}], accounts()));
		expect(result.error('Node')?.message).toBe(
			'1 feed is SEC EDGAR filings (account 0 (acme) cik): SEC EDGAR needs a User-Agent naming your organisation and a contact e-mail ("Acme CS Ops cs-ops@acme.com") — add the SEC EDGAR credential; nothing was requested',
		);
		expect(fakes.requests()).toEqual([]);
	});

	it('a newsroom URL that gives no feed fails the node naming the account and field — with Continue On Fail it is an error item paired to that account, the rest goes through', async () => {
		const broken = accounts();
		broken[0].newsFeeds = [`${fakes.httpUrl}/acme/gone.xml`];
		const strict = await runWorkflow(workflow(feedParameters(), [{}], broken, withEdgar), { credentials: edgarCredential() });
		expect(strict.error('Node')?.message).toMatch(/^account 0 \(acme\) newsFeeds\[0\]: Feed "http:\/\/127\.0\.0\.1:\d+\/acme\/gone\.xml" \(GET http:\/\/127\.0\.0\.1:\d+\/acme\/gone\.xml\) failed after 1 attempt \(HTTP 404\)/);
		const lenient = await runWorkflow(workflow(feedParameters(), [{}], broken, { ...withEdgar, continueOnFail: true }), { credentials: edgarCredential() });
		const output = lenient.items('Node');
		expect(output.map((item) => item.json.type ?? 'error')).toEqual(['market.expansion_news', 'market.leadership_change', 'market.layoffs', 'error']);
		expect(output[3].pairedItem).toEqual({ item: 0, input: 1 });
		expect(output[3].json.error).toMatch(/— correct or remove the feed$/);
	});
});

describe('CS Market Signals node: from input items', () => {
	it("n8n RSS Read items: a layoff story for the account; the common word 'apex' yields nothing", async () => {
		const rssRead = [
			{ title: 'Acme Corp to cut 8% of workforce - Reuters', link: 'https://news.google.com/rss/articles/CBMiAcmeCut8?oc=5', guid: 'CBMiAcmeCut8', isoDate: '2026-11-14T08:05:00.000Z', contentSnippet: 'Acme Corp to cut 8% of workforce  Reuters' },
			{ title: 'Markets at the apex: why investors fear a downturn and more layoffs', link: 'https://www.ft.com/content/markets-apex', guid: 'ft-apex', isoDate: '2026-11-13T07:00:00.000Z' },
		];
		const result = await runWorkflow(workflow({ source: 'inputItems', asOf: AS_OF }, rssRead, accounts()));
		expect(result.output('Node').map((signal) => [signal.accountId, signal.type, signal.evidence])).toEqual([['acme', 'market.layoffs', 'Reuters via Google News, 14 Nov: "Acme Corp to cut 8% of workforce"']]);
		expect(result.items('Node')[0].pairedItem).toEqual([{ item: 0, input: 0 }]);
	});
});
