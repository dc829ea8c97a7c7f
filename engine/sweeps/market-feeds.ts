/**
 * One market-news sweep (CS Market Signals, "Feeds" mode): plan the feeds of the book — a Google News search per
 * account (its name, aliases and domain), the newsroom feeds and the SEC CIK named on the Account items, and the
 * feeds the form lists — read each incrementally (ETag / Last-Modified / seen ids), detect market signals over
 * what is new, merge each with the stories earlier runs already reported, and return the state to keep.
 *
 * Deliberate choices:
 * - A feed whose address gives no feed (404, 410, an HTML page) is bad input on the account (or form row) naming
 *   it: an UnusableItem; the other feeds still go through. A source that cannot be read now (403, 429 or 5xx after
 *   the retries, no response) stops the run with a SourceError: no feed's state moves, so nothing is lost and the
 *   next run asks again.
 * - Requests to one host are spaced (SEC EDGAR allows 10 a second; Google News publishes no limit and throttles
 *   bursts), sharing one clock across the run.
 * - The state remembers the market signals of earlier runs while they are inside their type's `maxArticleAgeDays`:
 *   the same story read from another feed tomorrow is the same signal (isSameStory), and "all active signals"
 *   (the default, what CS Account Intelligence needs) re-emits them each run although the feeds answer 304.
 *
 * State size: per feed about 100 bytes plus 15 per item id inside the seen window (7 days); per remembered signal
 * about 1 KB. A book of 1,000 accounts with one Google News search each is measured in the tests.
 */
import { z } from 'zod';
import type { DateTime } from 'luxon';
import { AccountSchema, listing, NEWS_FEED_KINDS, ownValue, parseItems, parseNamed, plural, resolveAsOf, setOwn, toIso, type Account, type NewsFeedKind, type NewsItem, type Signal, type UnusableItem } from '../model';
import { getSignalType } from '../taxonomy';
import { accountNewsProfilesFromItems, detectMarketSignalsFromItems, isSameStory, type AccountNewsFields, type AccountNewsProfileWithFeeds } from '../detect/market';
import {
	edgarCompanyFilingsUrl,
	EDGAR_MIN_INTERVAL_MS,
	FeedStateSchema,
	FeedUnreadableError,
	googleNewsSearchUrl,
	isDescriptiveUserAgent,
	readFeed,
	seenKey,
	withMinimumInterval,
	type FeedSpecInput,
	type FeedState,
} from '../sources/feeds';
import { SourceError, type SourceContext } from '../sources/http';
import { DEFAULT_SIGNAL_EMIT_MODE, type SignalEmitMode } from './exec';

/** Google News publishes no rate limit and throttles bursts: at least this long between two searches. */
export const GOOGLE_NEWS_MIN_INTERVAL_MS = 500;
/** 8-K items whose text is read from the filing document (5.02 names the officer who leaves or arrives). */
export const DEFAULT_FILING_ITEM_TEXT = ['5.02'];

/** A feed the form (or a CLI file) lists. */
export const MarketFeedRowSchema = z.object({
	kind: z.enum(NEWS_FEED_KINDS).default('feed'),
	/** The account whose own feed it is (newsroom, EDGAR): items need no name match. Empty: matched by name. */
	accountId: z.string().optional(),
	/** Newsroom / any feed: its address. */
	url: z.string().optional(),
	/** SEC EDGAR: the company's CIK. */
	cik: z.string().optional(),
	/** Google News: the search terms (default: the account's name, aliases and domain). */
	query: z.string().optional(),
	label: z.string().optional(),
});
export type MarketFeedRow = z.infer<typeof MarketFeedRowSchema>;

export const MarketSweepSettingsSchema = z.object({
	/** A Google News search for every account (by name, aliases and domain). */
	googleNewsForEveryAccount: z.boolean().default(true),
	/** Read the newsroom feeds and the SEC CIK named on the Account items. */
	feedsFromAccounts: z.boolean().default(true),
	googleNewsBaseUrl: z.string().url().optional(),
	/** Google News edition: interface language ("en-US", "de") and country ("US", "DE"). */
	googleNewsLanguage: z.string().default('en-US'),
	googleNewsCountry: z.string().optional(),
	/** Only search the last N days (Google's `when:` operator); 0 = no limit. */
	googleNewsDays: z.number().int().min(0).default(30),
	googleNewsMinIntervalMs: z.number().int().min(0).default(GOOGLE_NEWS_MIN_INTERVAL_MS),
	/** Form types of the EDGAR company feed. */
	edgarFormType: z.string().default('8-K'),
	filingItemText: z.array(z.string()).default(DEFAULT_FILING_ITEM_TEXT),
});
export type MarketSweepSettings = z.infer<typeof MarketSweepSettingsSchema>;

export interface MarketSweepState {
	/** Feed key (a hash of its URL) → what the next conditional GET needs. */
	feeds: Record<string, FeedState>;
	/** Signals of earlier runs still inside their type's maxArticleAgeDays. */
	signals: Signal[];
	lastSweepAt?: string;
}

export interface MarketFeedsSweepOptions {
	/** Account items as they arrived (their news fields are read from them). */
	accounts: readonly unknown[];
	/** Feeds the form lists (MarketFeedRowSchema). */
	feeds?: readonly unknown[];
	settings?: Record<string, unknown>;
	/** Where the news fields sit on the Account items. */
	accountFields?: Partial<AccountNewsFields>;
	/** Requests to news hosts and any feed; `edgar`: requests to SEC EDGAR (the credential's User-Agent applied). */
	contexts: { feeds: SourceContext; edgar?: SourceContext };
	/** SEC EDGAR: the descriptive User-Agent (organisation and contact e-mail) sent on every request. */
	edgar?: { userAgent?: string; baseUrl?: string };
	detection?: { competitors?: string[]; maxArticleAgeDays?: number; storyWindowHours?: number; titleSimilarity?: number; table?: unknown };
	asOf?: string | DateTime;
	emit?: SignalEmitMode;
	previous?: unknown;
}

export interface MarketFeedsSweepResult {
	/** Each signal paired with the Account item it is about. */
	detections: Array<{ signal: Signal; itemIndexes: number[]; input: 'accounts' }>;
	unusable: UnusableItem[];
	/** Persist this only after the whole run succeeded. */
	state: MarketSweepState;
	read: { feeds: number; notModified: number; entries: number; newItems: number; beforeWindow: number; unreadableFeeds: number; signalsNew: number; signalsRemembered: number };
	/** What went wrong without losing anything (a filing's text that could not be read: its item numbers still count). */
	problems: string[];
}

interface PlannedFeed {
	spec: FeedSpecInput & { kind: NewsFeedKind; url: string };
	/** The account item the feed was planned for (pairs its problems), if any. */
	ownerIndex?: number;
	/** Where it was configured, for messages: `account 3 (acme) newsFeeds[0]`, `Feeds row 2`. */
	origin: string;
}

function previousState(previous: unknown): MarketSweepState {
	const state = previous as Partial<MarketSweepState> | undefined;
	const feeds: Record<string, FeedState> = {};
	for (const [key, value] of Object.entries(state?.feeds && typeof state.feeds === 'object' ? state.feeds : {})) {
		const parsed = FeedStateSchema.safeParse(value);
		if (parsed.success) setOwn(feeds, key, parsed.data);
	}
	const signals = Array.isArray(state?.signals) ? state.signals.filter((signal): signal is Signal => Boolean(signal && typeof signal === 'object' && typeof (signal as Signal).id === 'string')) : [];
	return { feeds, signals };
}

function planFeeds(
	accounts: Array<{ account: Account; itemIndex: number }>,
	profiles: Record<string, AccountNewsProfileWithFeeds>,
	rows: MarketFeedRow[],
	settings: MarketSweepSettings,
	edgar: MarketFeedsSweepOptions['edgar'],
	unusable: UnusableItem[],
): PlannedFeed[] {
	const planned: PlannedFeed[] = [];
	const indexOf = new Map(accounts.map((entry) => [entry.account.accountId, entry.itemIndex]));
	const google = (names: string[], domain: string | undefined) =>
		googleNewsSearchUrl({ names, domain, hl: settings.googleNewsLanguage, gl: settings.googleNewsCountry, whenDays: settings.googleNewsDays || undefined, baseUrl: settings.googleNewsBaseUrl });
	const edgarFeed = (cik: string) => edgarCompanyFilingsUrl(cik, { type: settings.edgarFormType, baseUrl: edgar?.baseUrl });
	const edgarSpec = { userAgent: edgar?.userAgent, filingItemText: settings.filingItemText };

	for (const { account, itemIndex } of accounts) {
		const profile = ownValue(profiles, account.accountId);
		const origin = `account ${itemIndex} (${account.accountId})`;
		if (settings.googleNewsForEveryAccount) {
			planned.push({ spec: { kind: 'google_news', url: google([account.name, ...(profile?.aliases ?? [])], account.domain), label: `${account.name} on Google News` }, ownerIndex: itemIndex, origin });
		}
		if (!settings.feedsFromAccounts || !profile) continue;
		profile.newsFeeds.forEach((feed, index) =>
			planned.push({ spec: { kind: 'newsroom', url: feed.url, accountId: account.accountId, ...(feed.label ? { label: feed.label } : {}) }, ownerIndex: itemIndex, origin: `${origin} newsFeeds[${index}]` }),
		);
		if (profile.cik) planned.push({ spec: { kind: 'edgar', url: edgarFeed(profile.cik), accountId: account.accountId, label: `${account.name} SEC filings`, ...edgarSpec }, ownerIndex: itemIndex, origin: `${origin} cik` });
	}

	for (const [index, row] of rows.entries()) {
		const origin = `Feeds row ${index}`;
		const ownerIndex = row.accountId ? indexOf.get(row.accountId) : undefined;
		const problem = (message: string) => {
			unusable.push({ itemIndex: ownerIndex ?? 0, input: 'accounts', message: `${origin}: ${message}` });
		};
		if (row.accountId && ownerIndex === undefined) {
			problem(`account "${row.accountId}" is none of the accounts given — connect its Account item or clear the row's Account ID`);
			continue;
		}
		const account = ownerIndex === undefined ? undefined : accounts.find((entry) => entry.itemIndex === ownerIndex)?.account;
		try {
			if (row.kind === 'google_news') {
				const terms = row.query ? row.query.split(/\s*,\s*|\s+OR\s+/).filter(Boolean) : account ? [account.name, ...(ownValue(profiles, account.accountId)?.aliases ?? [])] : [];
				if (terms.length === 0) problem('a Google News search needs search terms or an account');
				else planned.push({ spec: { kind: 'google_news', url: google(terms, row.query ? undefined : account?.domain), label: row.label ?? `Google News: ${terms.join(' OR ')}` }, ownerIndex, origin });
			} else if (row.kind === 'edgar') {
				if (!row.cik) problem('an SEC EDGAR feed needs the company CIK');
				else planned.push({ spec: { kind: 'edgar', url: edgarFeed(row.cik), ...(row.accountId ? { accountId: row.accountId } : {}), label: row.label ?? `SEC filings of CIK ${row.cik}`, ...edgarSpec }, ownerIndex, origin });
			} else if (!row.url) {
				problem(`a ${row.kind === 'newsroom' ? 'newsroom' : 'feed'} needs its URL`);
			} else {
				planned.push({ spec: { kind: row.kind, url: row.url, ...(row.accountId ? { accountId: row.accountId } : {}), ...(row.label ? { label: row.label } : {}) }, ownerIndex, origin });
			}
		} catch (error) {
			problem((error as Error).message);
		}
	}

	// The same feed configured twice (an account field and a form row) is read once; claimed by two accounts, it is
	// nobody's own feed and its items are matched by name.
	const byUrl = new Map<string, PlannedFeed>();
	for (const feed of planned) {
		const first = byUrl.get(feed.spec.url);
		if (!first) byUrl.set(feed.spec.url, feed);
		else if (first.spec.accountId !== feed.spec.accountId) delete first.spec.accountId;
	}
	return [...byUrl.values()];
}

const maxAgeDays = (type: string, override: number | undefined) => override ?? getSignalType(type).detection.maxArticleAgeDays ?? 30;

export async function sweepMarketFeeds(options: MarketFeedsSweepOptions): Promise<MarketFeedsSweepResult> {
	const asOf = resolveAsOf(options.asOf);
	const settings = parseNamed(MarketSweepSettingsSchema, 'Market sweep settings', options.settings ?? {});
	const previous = previousState(options.previous);
	const unusable: UnusableItem[] = [];
	const parsedAccounts = parseItems(AccountSchema, 'account', options.accounts, 'accounts');
	unusable.push(...parsedAccounts.unusable);
	const accounts = parsedAccounts.items.map(({ value, itemIndex }) => ({ account: value as Account, itemIndex }));
	const accountIndexes = new Map(accounts.map((entry) => [entry.account.accountId, entry.itemIndex]));
	const news = accountNewsProfilesFromItems(options.accounts, options.accountFields);
	unusable.push(...news.unusable);
	const rows: MarketFeedRow[] = [];
	(options.feeds ?? []).forEach((row, index) => {
		const parsed = MarketFeedRowSchema.safeParse(row);
		if (parsed.success) rows.push(parsed.data);
		else unusable.push({ itemIndex: 0, input: 'accounts', message: `Feeds row ${index}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message.toLowerCase()}`).join('; ')}` });
	});
	const planned = planFeeds(accounts, news.profiles, rows, settings, options.edgar, unusable);
	const edgarFeeds = planned.filter((feed) => feed.spec.kind === 'edgar');
	if (edgarFeeds.length > 0 && !isDescriptiveUserAgent(options.edgar?.userAgent)) {
		throw new Error(
			`${plural(edgarFeeds.length, 'feed')} ${edgarFeeds.length === 1 ? 'is' : 'are'} SEC EDGAR filings (${listing(edgarFeeds.slice(0, 3).map((feed) => feed.origin))}${edgarFeeds.length > 3 ? ', …' : ''}): SEC EDGAR needs a User-Agent naming your organisation and a contact e-mail ("Acme CS Ops cs-ops@acme.com") — add the SEC EDGAR credential; nothing was requested`,
		);
	}

	const googleContext = withMinimumInterval(options.contexts.feeds, settings.googleNewsMinIntervalMs);
	const edgarContext = withMinimumInterval(options.contexts.edgar ?? options.contexts.feeds, EDGAR_MIN_INTERVAL_MS);
	const read = { feeds: 0, notModified: 0, entries: 0, newItems: 0, beforeWindow: 0, unreadableFeeds: 0, signalsNew: 0, signalsRemembered: 0 };
	const problems: string[] = [];
	const feedStates: Record<string, FeedState> = {};
	const items: NewsItem[] = [];
	for (const feed of planned) {
		const key = seenKey(feed.spec.url);
		const context = feed.spec.kind === 'edgar' ? edgarContext : feed.spec.kind === 'google_news' ? googleContext : options.contexts.feeds;
		try {
			const result = await readFeed(context, feed.spec, ownValue(previous.feeds, key));
			read.feeds += 1;
			if (result.notModified) read.notModified += 1;
			read.entries += result.read.entries;
			read.newItems += result.read.newItems;
			read.beforeWindow += result.read.beforeWindow;
			setOwn(feedStates, key, result.state);
			items.push(...result.items);
			problems.push(...result.problems);
		} catch (error) {
			if (error instanceof FeedUnreadableError) {
				read.unreadableFeeds += 1;
				const kept = ownValue(previous.feeds, key);
				if (kept) setOwn(feedStates, key, kept);
				unusable.push({ itemIndex: feed.ownerIndex ?? 0, input: 'accounts', message: `${feed.origin}: ${error.message} — correct or remove the feed` });
				continue;
			}
			if (error instanceof SourceError) {
				const before = `${plural(read.feeds, 'feed')} of ${planned.length} had been read`;
				throw new SourceError(`${error.message}. ${before}; nothing was emitted and no feed state was saved`, error.source, error.endpoint, error.statusCode, error.attempts, { feeds: read.feeds, items: items.length });
			}
			// readFeed's other errors are a bad feed setting (an address that is no URL): this row or account is unusable.
			unusable.push({ itemIndex: feed.ownerIndex ?? 0, input: 'accounts', message: `${feed.origin}: ${(error as Error).message}` });
		}
	}

	const detected = detectMarketSignalsFromItems(items, accounts.map((entry) => entry.account), {
		asOf,
		accountProfiles: news.profiles,
		...(options.detection?.competitors ? { competitors: options.detection.competitors } : {}),
		...(options.detection?.maxArticleAgeDays !== undefined ? { maxArticleAgeDays: options.detection.maxArticleAgeDays } : {}),
		...(options.detection?.storyWindowHours !== undefined ? { storyWindowHours: options.detection.storyWindowHours } : {}),
		...(options.detection?.titleSimilarity !== undefined ? { titleSimilarity: options.detection.titleSimilarity } : {}),
		...(options.detection?.table !== undefined ? { table: options.detection.table } : {}),
	});
	// Items come from our own parser: one that does not parse is a parser defect worth reporting, never dropped.
	for (const item of detected.unusable) if (item.input === 'items') problems.push(`a feed item could not be used: ${item.message}`);

	const stillActive = previous.signals.filter((signal) => accountIndexes.has(signal.accountId) && asOf.diff(resolveAsOf(signal.observedAt), 'days').days <= maxAgeDays(signal.type, options.detection?.maxArticleAgeDays));
	const fresh = detected.signals.filter((signal) => !stillActive.some((known) => isSameStory(known, signal, options.detection)));
	read.signalsNew = fresh.length;
	read.signalsRemembered = stillActive.length;
	const emitted = (options.emit ?? DEFAULT_SIGNAL_EMIT_MODE) === 'new' ? fresh : [...stillActive, ...fresh];
	return {
		detections: emitted.map((signal) => ({ signal, itemIndexes: [accountIndexes.get(signal.accountId) ?? 0], input: 'accounts' as const })),
		unusable,
		state: { feeds: feedStates, signals: [...stillActive, ...fresh], lastSweepAt: toIso(asOf) },
		read,
		problems,
	};
}
