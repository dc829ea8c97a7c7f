/**
 * The hostile-input suite (issue 16), through n8n: each node in scope run by n8n-core's WorkflowExecute with hostile
 * input items or against a fake provider programmed to misbehave, property-based (HOSTILE_RUNS.node cases each;
 * seeds printed on failure, see test/fixtures/hostile.ts):
 * - the run ends; a failure is a NodeOperationError / NodeApiError whose message names the item (or the provider
 *   and endpoint), never an internal TypeError or a stack;
 * - with "Continue On Fail" the good items still come out and each problem is an error item;
 * - a source run that fails leaves the stored cursor exactly as it was; no canary credential in anything.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeConnectionTypes, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';
import { canary, CANARY_CREDENTIALS, expectNoCanary } from '../fakes/canaries';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { demoBook } from '../fixtures/briefs/book';
import { gongCallsOf } from '../fixtures/conversations/gong';
import { DECLINING_CALLS } from '../fixtures/conversations/meetings';
import { slackChannel } from '../fixtures/conversations/slack-channel';
import { hostileText, runs } from '../fixtures/hostile';
import { itemsInto, PACKAGE_NAME, runWorkflow, type WorkflowFixture } from './harness';

const AS_OF = '2026-03-02T09:00:00Z';
const STORIES = join(__dirname, '..', 'fixtures', 'stories');
const story = (file: string): IDataObject[] => JSON.parse(readFileSync(join(STORIES, file), 'utf8'));
const BOOK = demoBook();
const INTERNAL = /TypeError|Cannot read propert|is not a function|is not iterable|\[object Object\]|\n\s+at \S+ \(/;

const hostileValue = fc.oneof(hostileText, fc.constantFrom<unknown>(null, 1e308, -1, '', [], {}, true, '__proto__', 'constructor', 'toString', '2026-02-31', 'lastweek'));

/** A fixture item with one or two fields replaced by hostile values (as JSON: what n8n items can carry). */
function mutated(bases: readonly IDataObject[]) {
	const keys = [...new Set(bases.flatMap((b) => Object.keys(b)))];
	return fc.tuple(fc.constantFrom(...bases), fc.array(fc.tuple(fc.constantFrom(...keys, 'constructor', '__proto__'), hostileValue), { maxLength: 2 })).map(([base, changes]) => {
		const item: IDataObject = JSON.parse(JSON.stringify(base));
		for (const [key, value] of changes) Object.defineProperty(item, key, { value, enumerable: true, writable: true, configurable: true });
		return JSON.parse(JSON.stringify(item)) as IDataObject;
	});
}

function expectCleanFailure(error: Error | undefined) {
	expect(error).toBeDefined();
	expect(['NodeOperationError', 'NodeApiError']).toContain(error!.name);
	expect(error!.message).not.toMatch(INTERNAL);
}

describe('item nodes with hostile items', () => {
	it('CS Account Intelligence (Use Ledger for Trend on): scored, or each bad item named; continue-on-fail keeps the good ones', async () => {
		const accounts = [...story('acme.accounts.json'), ...story('expansion.accounts.json')];
		const signals = [...story('acme.signals.json'), ...story('expansion.signals.json')];
		await fc.assert(
			fc.asyncProperty(fc.array(mutated(accounts), { minLength: 1, maxLength: 3 }), fc.array(mutated(signals), { maxLength: 4 }), fc.boolean(), async (accountItems, signalItems, tolerant) => {
				const fixture = {
					nodes: [
						{ name: 'Start', type: 'test.items', parameters: { items: '[{}]' } },
						{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accountItems) } },
						{ name: 'Signals', type: 'test.items', parameters: { items: JSON.stringify(signalItems) } },
						{ name: 'Node', type: `${PACKAGE_NAME}.csAccountIntelligence`, parameters: { asOf: AS_OF, useLedgerForTrend: true, unmatchedSignals: 'ignore' }, ...(tolerant ? { onError: 'continueRegularOutput' as const } : {}) },
					],
					connections: {
						Start: { main: [[{ node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 }, { node: 'Signals', type: NodeConnectionTypes.Main, index: 0 }]] },
						Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
						Signals: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
					},
				};
				const result = await runWorkflow(fixture);
				if (result.status !== 'success') {
					expect(tolerant).toBe(false);
					expectCleanFailure(result.error('Node'));
					expect(result.error('Node')!.message).toMatch(/^(account|signal) \d+/);
					return;
				}
				for (const item of result.output('Node')) {
					if (item.error) expect(String(item.error)).toMatch(/^(account|signal) \d+: /);
					else expect(typeof item.accountId).toBe('string');
				}
			}),
			runs('node'),
		);
	});

	it('CS Portfolio Report and CS Account Brief: one report / one brief per good item, each bad item named', async () => {
		const bases = [...BOOK.intelligence, ...BOOK.actions, ...BOOK.actioned] as unknown as IDataObject[];
		await fc.assert(
			fc.asyncProperty(fc.array(mutated(bases), { minLength: 1, maxLength: 4 }), fc.constantFrom('executive', 'qbr', 'slack-alert'), async (items, briefType) => {
				const report = await runWorkflow(itemsInto('csPortfolioReport', { title: 'R' }, items, { onError: 'continueRegularOutput' }));
				expect(report.status).toBe('success');
				const [first, ...errors] = report.output('Node');
				expect(typeof first.markdown).toBe('string');
				for (const error of errors) expect(String(error.error)).toMatch(/^(intelligence|action|done record|item) \d+/);
				const brief = await runWorkflow(itemsInto('csAccountBrief', { briefType, formats: ['markdown', 'slack'], signalsField: 'signals' }, items, { onError: 'continueRegularOutput' }));
				expect(brief.status).toBe('success');
				const out = brief.items('Node');
				// every input item is in exactly one output item: a brief (or one account's Slack alert) or its error
				const paired = out.flatMap((item) => [item.pairedItem ?? []].flat().map((p) => (p as { item: number }).item)).sort((x, y) => x - y);
				expect(paired).toEqual(items.map((_, i) => i));
				for (const item of out) if (item.json.error) expect(String(item.json.error)).not.toMatch(INTERNAL);
			}),
			runs('node'),
		);
	});

	it('CS Support Signals and CS CRM Signals from input items', async () => {
		const tickets = (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'support', 'tickets.json'), 'utf8')) as IDataObject[]).slice(0, 4);
		const rows: IDataObject[] = [{ accountId: 'A-1', name: 'Acme Corp', arr: 48000, renewalDate: '2026-05-28' }, { accountId: 'A-2', name: 'Globex', arr: 20000, paymentStatus: 'past_due' }];
		await fc.assert(
			fc.asyncProperty(fc.array(mutated(tickets), { minLength: 1, maxLength: 4 }), fc.array(mutated(rows), { minLength: 1, maxLength: 3 }), async (ticketItems, rowItems) => {
				const support = await runWorkflow(itemsInto('csSupportSignals', { source: 'inputItems', asOf: '2026-08-20T00:00:00Z' }, ticketItems, { onError: 'continueRegularOutput' }));
				expect(support.status).toBe('success');
				for (const item of support.output('Node')) if (item.error) expect(String(item.error)).toMatch(/^(ticket|item) \d+/);
				const crm = await runWorkflow(itemsInto('csCrmSignals', { source: 'inputItems', asOf: AS_OF }, rowItems, { onError: 'continueRegularOutput' }));
				if (crm.status !== 'success') return expectCleanFailure(crm.error('Node'));
				for (const item of crm.output('Node')) if (item.error) expect(String(item.error)).not.toMatch(INTERNAL);
			}),
			runs('node'),
		);
	});
});

describe('source nodes against a misbehaving provider', () => {
	let fakes: RunningFakeProviders;
	const dataset = {
		now: AS_OF,
		settings: { zendeskPageSize: 2, satisfactionPageSize: 1 },
		zendesk: {
			subdomain: 'acme',
			organizations: [{ id: 509974, name: 'Acme Corp' }],
			tickets: [1, 2, 3].map((id) => ({ id, organization_id: 509974, subject: `Ticket ${id}`, status: 'open', priority: id === 1 ? 'urgent' : 'normal', created_at: '2026-02-25T10:00:00Z', updated_at: '2026-02-25T10:00:00Z' })),
			satisfactionRatings: [{ id: 71, ticket_id: 2, score: 'bad', created_at: '2026-02-28T11:00:00Z', updated_at: '2026-02-28T11:00:00Z' }],
		},
		hubspot: { companies: [{ id: '4511', properties: { name: 'Acme Corp' } }, { id: '4512', properties: { name: 'Globex' } }] },
	};
	beforeAll(async () => {
		fakes = await startFakeProviders({ dataset });
	});
	afterAll(async () => {
		await fakes.close();
	});

	const cursor = fc.constantFrom('A', 'B', 'C');
	const answer = (secret: string) =>
		fc.oneof(
			fc.record({ status: fc.constantFrom(401, 403, 429, 500, 503), body: fc.constant({ error: 'x', description: `token ${secret}` }) }),
			fc.record({ status: fc.constant(200), body: fc.record({ tickets: fc.constant([{ id: 9, organization_id: 509974, subject: `echo ${secret}`, status: 'open', created_at: '2026-02-26T10:00:00Z' }]), after_cursor: cursor, end_of_stream: fc.boolean() }) }),
			fc.record({ status: fc.constant(200), body: fc.record({ satisfaction_ratings: fc.constant([]), meta: fc.record({ has_more: fc.boolean(), after_cursor: fc.option(cursor) }) }) }),
			fc.record({ status: fc.constant(200), body: fc.oneof(fc.constant(null), fc.constant('<html>'), fc.constant({ results: 'x' })) }),
		);

	it('CS Support Signals (Zendesk): a failed run leaves the stored cursor and window as they were; no canary anywhere', async () => {
		const secret = canary('plain', 42);
		const credentials = { csZendeskApi: CANARY_CREDENTIALS.csZendeskApi.apiToken(secret, '') };
		const parameters = { source: 'zendesk', asOf: AS_OF, zendeskWindowDays: 30, maxAttempts: 1 };
		const run = (staticData: IDataObject) =>
			runWorkflow({ ...itemsInto('csSupportSignals', parameters, [{}], { credentials: { csZendeskApi: { id: 'c', name: 'c' } } }), staticData }, { credentials: { csZendeskApi: { ...credentials.csZendeskApi, baseUrl: fakes.httpUrl! } } });
		fakes.reset();
		const first = await run({});
		expect(first.status).toBe('success');
		await fc.assert(
			fc.asyncProperty(fc.array(answer(secret), { minLength: 1, maxLength: 5 }), fc.constantFrom('/api/v2/incremental/tickets/cursor.json', '/api/v2/satisfaction_ratings.json'), async (responses, path) => {
				fakes.reset();
				fakes.addFault({ provider: 'zendesk', path, responses: responses.map((r) => ({ ...r, ...(r.status === 429 ? { retryAfter: 0 } : {}) })) });
				const result = await run(first.staticData);
				expectNoCanary(result.run, secret, 'run');
				expectNoCanary(result.staticData, secret, 'static data');
				if (result.status !== 'success') {
					expectCleanFailure(result.error('Node'));
					// the provider, the endpoint and what was read — or the Zendesk ticket that could not be used
					expect(result.error('Node')!.message).toMatch(/^Zendesk: (incremental ticket export|satisfaction ratings) \(GET \/api\/v2\/|^Zendesk ticket \d+: /);
					expect(result.staticData).toEqual(first.staticData);
				}
			}),
			runs('node'),
		);
	});

	it('CS CRM Signals (HubSpot): a failed run names HubSpot and the list, keeps the saved deal stages; no canary anywhere', async () => {
		const secret = canary('hubspotPat', 43);
		const answerHubSpot = fc.oneof(
			fc.record({ status: fc.constantFrom(401, 403, 429, 500), body: fc.constant({ status: 'error', message: `Authorization: Bearer ${secret}` }) }),
			fc.record({ status: fc.constant(200), body: fc.record({ results: fc.constant([{ id: '4511', properties: { name: `Acme ${secret}` } }]), paging: fc.record({ next: fc.record({ after: cursor }) }) }) }),
			fc.record({ status: fc.constant(200), body: fc.oneof(fc.constant(null), fc.constant({ results: 'x' }), fc.constant({ results: [{ id: '__proto__', properties: { name: 'Proto' } }] })) }),
		);
		const staticData = { 'node:Node': { crmSweep: { dealStages: { 901: { stage: 'contractsent', pipeline: 'default' } } } } };
		await fc.assert(
			fc.asyncProperty(fc.array(answerHubSpot, { minLength: 1, maxLength: 5 }), fc.constantFrom('/crm/v3/objects/companies', '/crm/v3/objects/deals'), async (responses, path) => {
				fakes.reset();
				fakes.addFault({ provider: 'hubspot', path, responses: responses.map((r) => ({ ...r, ...(r.status === 429 ? { retryAfter: 0 } : {}) })) });
				const result = await runWorkflow(
					{ ...itemsInto('csCrmSignals', { source: 'hubspot', asOf: AS_OF, maxAttempts: 1 }, [{}], { credentials: { csHubSpotApi: { id: 'c', name: 'c' } } }), staticData },
					{ credentials: { csHubSpotApi: CANARY_CREDENTIALS.csHubSpotApi.privateApp(secret, fakes.httpUrl!) } },
				);
				expectNoCanary(result.run, secret, 'run');
				if (result.status !== 'success') {
					expectCleanFailure(result.error('Node'));
					expect(result.error('Node')!.message).toMatch(/^HubSpot: (company|deal|contact) list \(GET \/crm\/v3\/objects\//);
					expect(result.staticData).toEqual(staticData);
				} else {
					const ids = result.output('Node').map((a) => a.accountId).filter(Boolean);
					expect(new Set(ids).size).toBe(ids.length);
				}
			}),
			runs('node'),
		);
	});
});

describe('exec-change and market nodes with hostile items and a misbehaving provider', () => {
	const accounts: IDataObject[] = [
		{ accountId: 'acme', name: 'Acme Corp', domain: 'acme.example', crm: { system: 'hubspot', id: '4511' }, contacts: [{ contactId: '501', name: 'Jo Lee', isChampion: true }], aliases: ['ACME'], newsFeeds: [] },
		{ accountId: 'apex', name: 'Apex', domain: 'apex.example', newsNameIsCommonWord: true },
	];
	const twoInputs = (node: string, parameters: INodeParameters, rows: IDataObject[], accountItems: IDataObject[], extra: Partial<INode> = {}): WorkflowFixture => ({
		nodes: [
			{ name: 'Start', type: 'test.items', parameters: { items: '[{}]' } },
			{ name: 'Rows', type: 'test.items', parameters: { items: JSON.stringify(rows) } },
			{ name: 'Accounts', type: 'test.items', parameters: { items: JSON.stringify(accountItems) } },
			{ name: 'Node', type: `${PACKAGE_NAME}.${node}`, parameters, ...extra },
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: NodeConnectionTypes.Main, index: 0 }, { node: 'Accounts', type: NodeConnectionTypes.Main, index: 0 }]] },
			Rows: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
			Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
		},
	});

	it('CS Executive Change Signals and CS Market Signals from input items: each bad row, item or account named; the good ones come out', async () => {
		const rows: IDataObject[] = [
			{ contactId: '501', accountId: 'acme', name: 'Jo Lee', titleBefore: 'Director of Operations', titleAfter: 'VP Operations', titleChangedAt: '2026-10-05' },
			{ contactId: '502', accountDomain: 'acme.example', name: 'Pat Kim', leftCompanyAt: '2026-11-03', isExecSponsor: true },
		];
		const news: IDataObject[] = [
			{ id: 'n1', title: 'Acme Corp to cut 8% of workforce', publishedAt: '2026-11-13T08:00:00Z', feed: { kind: 'google_news', url: 'https://news.google.com/rss/search?q=acme' }, publisher: 'Reuters' },
			{ title: 'Climbers reach the apex', link: 'https://example.com/apex', guid: 'g1', isoDate: '2026-11-13T08:00:00.000Z' },
		];
		await fc.assert(
			fc.asyncProperty(fc.array(mutated(rows), { minLength: 1, maxLength: 3 }), fc.array(mutated(news), { minLength: 1, maxLength: 3 }), fc.array(mutated(accounts), { minLength: 1, maxLength: 2 }), async (rowItems, newsItems, accountItems) => {
				const exec = await runWorkflow(twoInputs('csExecChangeSignals', { source: 'inputItems', asOf: '2026-11-14T09:00:00Z' }, rowItems, accountItems, { onError: 'continueRegularOutput' }));
				const market = await runWorkflow(twoInputs('csMarketSignals', { source: 'inputItems', asOf: '2026-11-14T09:00:00Z' }, newsItems, accountItems, { onError: 'continueRegularOutput' }));
				for (const result of [exec, market]) {
					if (result.status !== 'success') {
						expectCleanFailure(result.error('Node'));
						continue;
					}
					for (const item of result.output('Node')) {
						if (item.error) expect(String(item.error)).not.toMatch(INTERNAL);
						else expect(typeof item.evidence).toBe('string');
					}
				}
			}),
			runs('node'),
		);
	});

	it('CS Executive Change Signals (HubSpot) and CS Market Signals (feeds): a failed run names the source and keeps the saved state; the HubSpot canary nowhere', async () => {
		const fakes = await startFakeProviders({
			dataset: {
				now: '2026-11-14T09:00:00Z',
				hubspot: { companies: [{ id: '4511', properties: { name: 'Acme Corp' } }], contacts: [{ id: '501', properties: { firstname: 'Jo', lastname: 'Lee', jobtitle: 'VP Operations', associatedcompanyid: '4511' }, associations: { companies: ['4511'] } }] },
				news: { googleNews: [{ query: '"Acme Corp" OR "ACME" OR "acme.example"', items: [{ id: 'g1', title: 'Acme Corp to cut 8% of workforce', publisher: 'Reuters', publishedAt: '2026-11-13T08:00:00Z' }] }] },
			},
		});
		try {
			const secret = canary('hubspotPat', 44);
			const execState = { 'node:Node': { execSweep: { emitted: { sig_kept: '2026-11-01' } } } };
			const marketState = { 'node:Node': { marketSweep: { feeds: {}, signals: [] } } };
			const answer = fc.oneof(
				fc.record({ status: fc.constantFrom(401, 403, 429, 500), body: fc.constant(`<html>Authorization: Bearer ${secret}</html>`) }),
				fc.record({ status: fc.constant(200), body: fc.oneof(fc.constant('<html>'), fc.constant(''), fc.constant(`not a feed ${secret}`)) }),
			);
			await fc.assert(
				fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 3 }), async (responses) => {
					fakes.reset();
					fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/contacts', responses: responses.map((r) => ({ status: r.status, body: { status: 'error', message: r.body }, ...(r.status === 429 ? { retryAfter: 0 } : {}) })) });
					fakes.addFault({ provider: 'googleNews', path: '/rss/search', responses: responses.map((r) => ({ status: r.status, body: r.body, ...(r.status === 429 ? { retryAfter: 0 } : {}) })) });
					const exec = await runWorkflow(
						{ ...twoInputs('csExecChangeSignals', { source: 'hubspot', asOf: '2026-11-14T09:00:00Z', maxAttempts: 1 }, [{}], accounts, { credentials: { csHubSpotApi: { id: 'c', name: 'c' } } }), staticData: execState },
						{ credentials: { csHubSpotApi: CANARY_CREDENTIALS.csHubSpotApi.privateApp(secret, fakes.httpUrl!) } },
					);
					expectNoCanary(exec.run, secret, 'run');
					if (exec.status !== 'success') {
						expectCleanFailure(exec.error('Node'));
						expect(exec.error('Node')!.message).toMatch(/^HubSpot: contact list \(GET \/crm\/v3\/objects\/contacts\)/);
						expect(exec.staticData).toEqual(execState);
					}
					const market = await runWorkflow({
						...twoInputs('csMarketSignals', { source: 'feeds', asOf: '2026-11-14T09:00:00Z', maxAttempts: 1, feedOptions: { googleNewsBaseUrl: fakes.httpUrl!, googleNewsMinIntervalMs: 0 } }, [{}], accounts),
						staticData: marketState,
					});
					if (market.status !== 'success') {
						expectCleanFailure(market.error('Node'));
						expect(market.error('Node')!.message).toMatch(/^(account \d \((acme|apex)\): )?Feed "(Acme Corp|Apex) on Google News" \(GET http:\/\/127\.0\.0\.1:\d+\/rss\/search\?q=/);
						expect(market.staticData).toEqual(marketState);
					}
				}),
				runs('node'),
			);
		} finally {
			await fakes.close();
		}
	});
});

describe('conversation nodes (meetings, e-mail, Slack) with hostile items and a misbehaving Gong / Slack', () => {
	const VTT = 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Dana Kim>We need to justify the cost before renewal.\n';
	const DANA = { name: 'Dana Kim', email: 'dana@acme.com', affiliation: 'customer' };
	const meetings: IDataObject[] = [
		{ callId: 'm1', accountId: 'acme', accountName: 'Acme', startedAt: '2026-11-10T15:00:00Z', participants: [DANA], transcript: VTT },
		{ callId: 'm2', accountId: 'acme', startedAt: '2026-11-17T15:00:00Z', participants: [DANA], transcript: [{ speaker: 'Dana Kim', text: 'We are evaluating Northwind.' }] },
	];
	const mails: IDataObject[] = [
		{ messageId: 'e1', threadId: 't1', from: 'Sam Ortiz <sam@vendor.io>', to: 'Dana Kim <dana@acme.com>', sentAt: '2026-11-16T09:00:00Z' },
		{ messageId: 'e2', threadId: 't1', from: 'Dana Kim <dana@acme.com>', to: 'sam@vendor.io', sentAt: '2026-11-16T15:00:00Z', text: 'We have decided to cancel at the end of the term.' },
	];
	const slack: IDataObject[] = [
		{ channelId: 'C0ACME', ts: '1763546400.000100', user: 'U1', user_team: 'T0ACME', text: 'This is unacceptable, please escalate.' },
		{ channelId: 'C0ACME', ts: '1763550000.000200', user: 'U1', user_team: 'T0ACME', text: 'Can you tell us when the fix ships?' },
	];
	const mapping = { rows: [{ from: 'C0ACME', accountId: 'acme' }, { from: 'acme.com', accountId: 'acme' }] };
	const parameters: Record<string, INodeParameters> = {
		csMeetingSignals: { source: 'inputItems', asOf: '2026-11-20T12:00:00Z' },
		csEmailSignals: { source: 'inputItems', asOf: '2026-11-20T12:00:00Z', vendorDomains: 'vendor.io', accountMapping: mapping },
		csSlackSignals: { source: 'inputItems', asOf: '2026-11-20T12:00:00Z', ourTeamId: 'T0VENDOR', accountMapping: mapping },
	};

	it('from input items: each bad meeting, e-mail or message named by its index; the good ones come out; never an internal error', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(mutated(meetings), { minLength: 1, maxLength: 3 }), fc.array(mutated(mails), { minLength: 1, maxLength: 3 }), fc.array(mutated(slack), { minLength: 1, maxLength: 3 }), fc.boolean(), async (meetingItems, mailItems, slackItems, tolerant) => {
				const runs = [
					['csMeetingSignals', meetingItems],
					['csEmailSignals', mailItems],
					['csSlackSignals', slackItems],
				] as const;
				for (const [node, items] of runs) {
					const result = await runWorkflow(itemsInto(node, parameters[node], items, tolerant ? { onError: 'continueRegularOutput' } : {}));
					if (result.status !== 'success') {
						expect(tolerant).toBe(false);
						expectCleanFailure(result.error('Node'));
						continue;
					}
					for (const item of result.output('Node')) {
						if (item.error) expect(String(item.error)).not.toMatch(INTERNAL);
						else expect(typeof item.evidence).toBe('string');
					}
				}
			}),
			runs('node'),
		);
	});

	it('CS Meeting Signals (Gong) and CS Slack Signals: a failed run names the source and keeps the stored cursor; no canary anywhere', async () => {
		const fakes = await startFakeProviders({
			dataset: {
				now: '2026-11-20T12:00:00Z',
				gong: { calls: gongCallsOf(DECLINING_CALLS) },
				slack: slackChannel([{ channelId: 'C0ACME', ts: '1763546400.000100', user: 'U1', customerSide: true, text: 'Can you tell us when the fix ships?' } as never]),
			},
		});
		try {
			const secret = canary('plain', 45);
			const answer = fc.oneof(
				fc.record({ status: fc.constantFrom(401, 403, 429, 500, 503), body: fc.constant({ errors: [`token ${secret}`], ok: false, error: `invalid_auth ${secret}` }) }),
				fc.record({ status: fc.constant(200), body: fc.oneof(fc.constant(null), fc.constant('<html>'), fc.constant({ calls: 'x', messages: 'x' }), fc.constant({ ok: false, error: 'ratelimited' })) }),
				fc.record({ status: fc.constant(200), body: fc.constant({ records: { cursor: 'A' }, calls: [], ok: true, messages: [], has_more: true, response_metadata: { next_cursor: 'A' } }) }),
			);
			const runGong = (staticData: IDataObject) =>
				runWorkflow(
					{ ...itemsInto('csMeetingSignals', { source: 'gong', asOf: '2026-11-20T12:00:00Z', maxAttempts: 1, accountMapping: { rows: [{ from: '001ACME', accountId: 'acme' }] } }, [{}], { credentials: { csGongApi: { id: 'c', name: 'c' } } }), staticData },
					{ credentials: { csGongApi: CANARY_CREDENTIALS.csGongApi.basic(secret, fakes.httpUrl!) } },
				);
			const runSlack = (staticData: IDataObject) =>
				runWorkflow(
					{
						...itemsInto(
							'csSlackSignals',
							{ source: 'slack', asOf: '2026-11-20T12:00:00Z', accountMapping: { rows: [{ from: 'C0ACME', accountId: 'acme' }] }, connection: { baseUrl: `${fakes.httpUrl}/api`, requestsPerMinute: 6000, maxAttempts: 1 } },
							[{}],
							{ credentials: { slackApi: { id: 'c', name: 'c' } } },
						),
						staticData,
					},
					{ credentials: { slackApi: { accessToken: secret } } },
				);
			// the state a good run stored: a failed run must leave it exactly so
			const gongFirst = await runGong({});
			const slackFirst = await runSlack({});
			expect([gongFirst.status, slackFirst.status]).toEqual(['success', 'success']);
			const gongState = gongFirst.staticData;
			const slackState = slackFirst.staticData;
			expect(Object.keys(gongState)).toEqual(['node:Node']);
			expect(Object.keys(slackState)).toEqual(['node:Node']);
			const failed = { gong: 0, slack: 0 };
			await fc.assert(
				fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 4 }), async (responses) => {
					fakes.reset();
					const faulty = responses.map((r) => ({ ...r, ...(r.status === 429 ? { retryAfter: 0 } : {}) }));
					fakes.addFault({ provider: 'gong', responses: faulty, repeatLast: true });
					fakes.addFault({ provider: 'slack', responses: faulty, repeatLast: true });
					const gong = await runGong(gongState);
					expectNoCanary(gong.run, secret, 'Gong run');
					expectNoCanary(gong.staticData, secret, 'Gong static data');
					if (gong.status !== 'success') {
						expectCleanFailure(gong.error('Node'));
						expect(gong.error('Node')!.message).toMatch(/^Gong: /);
						failed.gong += 1;
						expect(gong.staticData).toEqual(gongState);
					}
					const slackRun = await runSlack(slackState);
					expectNoCanary(slackRun.run, secret, 'Slack run');
					expectNoCanary(slackRun.staticData, secret, 'Slack static data');
					if (slackRun.status !== 'success') {
						expectCleanFailure(slackRun.error('Node'));
						expect(slackRun.error('Node')!.message).toMatch(/^Slack: /);
						failed.slack += 1;
						expect(slackRun.staticData).toEqual(slackState);
					}
				}),
				runs('node'),
			);
			// the answers are mostly failures: both sources did fail (and kept their state) in this property
			expect(failed.gong).toBeGreaterThan(0);
			expect(failed.slack).toBeGreaterThan(0);
		} finally {
			await fakes.close();
		}
	});
});
