/**
 * The CS Market Signals form. Every default comes from the engine's tables: the feed planning from
 * MarketSweepSettingsSchema, the feed kinds from the model's NEWS_FEED_KINDS, the Account news fields from
 * DEFAULT_ACCOUNT_NEWS_FIELDS, the story merging from MARKET_STORY_DEFAULTS, the emit modes from the sweeps, the
 * retries and the timeout from DEFAULT_RETRY_POLICY and DEFAULT_REQUEST_TIMEOUT_MS. What counts as layoffs, an acquisition, … is rules/tables/market-news.json.
 */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_ACCOUNT_NEWS_FIELDS, MARKET_STORY_DEFAULTS, type AccountNewsFields } from '../../engine/detect/market';
import { NEWS_FEED_KINDS, type NewsFeedKind } from '../../engine/model';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { DEFAULT_SIGNAL_EMIT_MODE, MarketSweepSettingsSchema, type MarketSweepSettings, type SignalEmitMode } from '../../engine/sweeps';
import { emitModeProperty } from '../shared/emitMode';
import { byDisplayName, choices } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

export const MARKET_SOURCES = ['feeds', 'inputItems'] as const;
export type MarketSource = (typeof MARKET_SOURCES)[number];

export interface MarketFormTables {
	settings: MarketSweepSettings;
	accountFields: Readonly<AccountNewsFields>;
	story: { storyWindowHours: number; titleSimilarity: number };
	emit: SignalEmitMode;
	maxAttempts: number;
	requestTimeoutSeconds: number;
}

export function marketFormTables(): MarketFormTables {
	return {
		settings: MarketSweepSettingsSchema.parse({}),
		accountFields: DEFAULT_ACCOUNT_NEWS_FIELDS,
		story: MARKET_STORY_DEFAULTS,
		emit: DEFAULT_SIGNAL_EMIT_MODE,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
	};
}

const SOURCE_CHOICES: Readonly<Record<MarketSource, { name: string; description: string }>> = {
	feeds: { name: 'News Feeds', description: 'Google News searches, company newsrooms, SEC EDGAR filings and any RSS or Atom feed, read incrementally' },
	inputItems: { name: 'From Input Items', description: "News items from any node (n8n's RSS Read node, a database, a file)" },
};

const FEED_KIND_CHOICES: Readonly<Record<NewsFeedKind, { name: string; description: string }>> = {
	google_news: { name: 'Google News Search', description: 'Search terms below, or the account’s name, aliases and domain' },
	newsroom: { name: 'Company Newsroom', description: "The account's own press-release feed: its items need no name match" },
	edgar: { name: 'SEC EDGAR Filings', description: "A company's 8-K filings by CIK (needs the SEC EDGAR credential)" },
	feed: { name: 'Any RSS or Atom Feed', description: 'Items are matched to accounts by name, aliases and domain' },
};

interface Offered {
	displayName: string;
	description?: string;
}

const ACCOUNT_FIELDS_FORM: Record<keyof AccountNewsFields, Offered> = {
	aliases: { displayName: 'Aliases Field', description: 'Other names the press uses ("ACME", "Acme Logistics"): a list or comma-separated' },
	cik: { displayName: 'SEC CIK Field', description: "The company's SEC CIK: its 8-K filings are read" },
	industryWords: { displayName: 'Industry Words Field', description: 'Words that confirm a common-word name ("logistics", "freight")' },
	nameIsCommonWord: { displayName: 'Name Is a Common Word Field', description: 'true: the name needs a second cue, like "Apex"' },
	newsFeeds: { displayName: 'Newsroom Feeds Field', description: "The account's own newsroom RSS / Atom URLs" },
	tickers: { displayName: 'Stock Tickers Field' },
};

export function marketSignalsProperties(tables: MarketFormTables = marketFormTables()): INodeProperties[] {
	const { settings, maxAttempts, requestTimeoutSeconds } = tables;
	const { googleNewsForEveryAccount, feedsFromAccounts, googleNewsLanguage, googleNewsDays, googleNewsMinIntervalMs, edgarFormType } = settings;
	const googleNewsCountry = settings.googleNewsCountry ?? '';
	const googleNewsBaseUrl = settings.googleNewsBaseUrl ?? '';
	const filingItemText = settings.filingItemText.join(',');
	const { storyWindowHours, titleSimilarity } = tables.story;
	const feeds = { show: { source: ['feeds'] } };
	const accountField = (key: keyof AccountNewsFields) => tables.accountFields[key];
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: choices(MARKET_SOURCES, SOURCE_CHOICES),
			default: 'feeds',
		},
		{
			displayName: 'Connect the Account items to the "Accounts" input: news is matched to accounts by name, aliases and domain, and their newsroom feeds and SEC CIK are read from fields of those items.',
			name: 'accountsNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Google News Search for Every Account',
			name: 'googleNewsForEveryAccount',
			type: 'boolean',
			noDataExpression: true,
			// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- the engine's default (MarketSweepSettingsSchema); the rule reads literals only
			default: googleNewsForEveryAccount,
			displayOptions: feeds,
			description: "Whether to search Google News for each account's name, aliases and domain",
		},
		{
			displayName: 'Feeds Named on Account Items',
			name: 'feedsFromAccounts',
			type: 'boolean',
			noDataExpression: true,
			// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- the engine's default (MarketSweepSettingsSchema); the rule reads literals only
			default: feedsFromAccounts,
			displayOptions: feeds,
			description: 'Whether to read the newsroom feeds and SEC filings (CIK) the Account items name (see Account Fields)',
		},
		{
			displayName: 'More Feeds',
			name: 'feeds',
			type: 'fixedCollection',
			placeholder: 'Add Feed',
			typeOptions: { multipleValues: true },
			default: {},
			displayOptions: feeds,
			options: [
				{
					displayName: 'Feed',
					name: 'feed',
					values: [
						{ displayName: 'Account ID', name: 'accountId', type: 'string', noDataExpression: true, default: '', description: 'The account whose own feed this is (newsroom, SEC filings); empty: items are matched by name' },
						{ displayName: 'CIK', name: 'cik', type: 'string', noDataExpression: true, default: '', placeholder: '0001234567', description: 'SEC EDGAR: the company CIK' },
						{ displayName: 'Kind', name: 'kind', type: 'options', noDataExpression: true, options: choices(NEWS_FEED_KINDS, FEED_KIND_CHOICES), default: 'feed' },
						{ displayName: 'Label', name: 'label', type: 'string', noDataExpression: true, default: '', description: 'How evidence and errors name the feed' },
						{ displayName: 'Search Terms', name: 'query', type: 'string', noDataExpression: true, default: '', placeholder: 'Acme Corp, acme.com', description: "Google News: comma-separated terms, each searched as a phrase (empty: the account's name, aliases and domain)" },
						{ displayName: 'URL', name: 'url', type: 'string', noDataExpression: true, default: '', placeholder: 'https://acme.com/newsroom/rss.xml', description: 'Newsroom or any feed' },
					],
				},
			],
		},
		{
			displayName: 'Account Fields',
			name: 'accountFields',
			type: 'collection',
			placeholder: 'Change Field',
			description: 'Where each Account item carries what CSMs know about its news (dot paths)',
			default: {},
			options: byDisplayName(
				(Object.keys(ACCOUNT_FIELDS_FORM) as Array<keyof AccountNewsFields>).map((key) => ({
					displayName: ACCOUNT_FIELDS_FORM[key].displayName,
					name: key,
					type: 'string',
					noDataExpression: true,
					default: accountField(key),
					...(ACCOUNT_FIELDS_FORM[key].description ? { description: ACCOUNT_FIELDS_FORM[key].description } : {}),
				})),
			),
		},
		{
			displayName: 'Feed Options',
			name: 'feedOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: feeds,
			options: byDisplayName([
				{ displayName: 'Google News Language', name: 'googleNewsLanguage', type: 'string', noDataExpression: true, default: googleNewsLanguage, description: 'Interface language of the edition ("en-US", "de", "fr-FR"); the country follows from it unless set' },
				{ displayName: 'Google News Country', name: 'googleNewsCountry', type: 'string', noDataExpression: true, default: googleNewsCountry, placeholder: 'US' },
				{ displayName: 'Google News: Last Days Only', name: 'googleNewsDays', type: 'number', noDataExpression: true, default: googleNewsDays, description: 'Search only the last N days (0: no limit)' },
				{ displayName: 'Google News: Pause Between Searches (Ms)', name: 'googleNewsMinIntervalMs', type: 'number', noDataExpression: true, default: googleNewsMinIntervalMs },
				{ displayName: 'Google News Base URL', name: 'googleNewsBaseUrl', type: 'string', noDataExpression: true, default: googleNewsBaseUrl, placeholder: 'https://news.google.com', description: 'Change only for a proxy or a test server' },
				{ displayName: 'SEC EDGAR Form Type', name: 'edgarFormType', type: 'string', noDataExpression: true, default: edgarFormType },
				{ displayName: 'SEC EDGAR: Read Item Text Of', name: 'filingItemText', type: 'string', noDataExpression: true, default: filingItemText, description: '8-K items whose text is read from the filing (5.02 names the officer who leaves or arrives)' },
			]),
		},
		emitModeProperty(feeds),
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: 'The moment to detect for (default: now): older news is history',
		},
		{
			displayName: 'Detection',
			name: 'detection',
			type: 'collection',
			placeholder: 'Override',
			default: {},
			options: byDisplayName([
				{ displayName: 'Competitors', name: 'competitors', type: 'string', noDataExpression: true, default: '', placeholder: 'Rivalsoft, Initrode', description: 'Comma-separated: a partnership with one of them is a risk signal' },
				{ displayName: 'Max Article Age (Days)', name: 'maxArticleAgeDays', type: 'number', noDataExpression: true, default: 0, description: "Older news is history (0: each signal type's own age from the taxonomy)" },
				{ displayName: 'Same Story: Window (Hours)', name: 'storyWindowHours', type: 'number', noDataExpression: true, default: storyWindowHours, description: 'Items about one account and type this close in time, with alike headlines, are one story' },
				{ displayName: 'Same Story: Headline Similarity', name: 'titleSimilarity', type: 'number', noDataExpression: true, typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 }, default: titleSimilarity },
				{ displayName: 'Market News Table (JSON)', name: 'table', type: 'json', noDataExpression: true, default: '{}', description: 'A whole table in place of the shipped market-news table in rules/tables (phrases per signal type, negations, hedges, 8-K items)' },
			]),
		},
		...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { afterRetries: 'the run fails naming what was read', displayOptions: feeds }),
	];
}
