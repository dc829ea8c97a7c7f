/**
 * News items and filings → market signals: validate, match to accounts, classify, merge the same story across
 * feeds (one story = one signal), and write evidence that names the headline and its source:
 * `Reuters via Google News, 14 Nov: "Acme Corp to cut 8% of workforce"`.
 *
 * Stories merge when, for the same account and signal type, their canonical links are equal or their headlines
 * are alike (Dice coefficient of their significant words ≥ `titleSimilarity`) within `storyWindowHours`. The
 * signal id rests on the account, type and the earliest headline (an EDGAR filing: its accession number), so the
 * same headline read from another feed in a later run is the same signal.
 */
import { DateTime } from 'luxon';
import { AccountSchema, NewsItemSchema, parseItem, parseItems, resolveAsOf, signalId, toIso, unusableItem, type Account, type NewsItem, type Signal, type UnusableItem } from '../../model';
import { getSignalType } from '../../taxonomy';
import { classifyNewsItem, type Classification } from './classify';
import { createAccountMatcher, type AccountNewsProfile } from './match';
import { officerChanges, type OfficerChange } from './officers';
import { newsTokens, resolveMarketTable } from './table';

/**
 * When two items tell one story: within 72 hours (a story runs in the press for about three days) and with headlines
 * sharing at least 70% of their significant words (Dice coefficient) — or the same link or filing.
 */
export const MARKET_STORY_DEFAULTS = Object.freeze({ storyWindowHours: 72, titleSimilarity: 0.7 });

export interface MarketRunOptions {
	/** ISO-8601 or a luxon DateTime; default now. */
	asOf?: string | DateTime;
	/** Competitor names, for "partnership with a competitor". */
	competitors?: string[];
	/** Account id → aliases, tickers, industry words, SEC CIK. */
	accountProfiles?: Record<string, AccountNewsProfile>;
	/** A whole market-news table in place of rules/tables/market-news.json. */
	table?: unknown;
	/** Items older than this are history (default: each type's taxonomy `maxArticleAgeDays`). */
	maxArticleAgeDays?: number;
	storyWindowHours?: number;
	titleSimilarity?: number;
}

export interface MarketRunResult {
	signals: Signal[];
	/** Signal id → the input items it rests on (pairedItem for nodes). */
	itemsBySignal: Record<string, number[]>;
	/** News items (`input: "items"`) and accounts (`input: "accounts"`) that could not be used, each naming field and value. */
	unusable: UnusableItem[];
	/** Items that made no signal, by reason: nothing is dropped without a count. */
	skipped: { tooOld: number; noAccount: number; notClassified: number; mergedIntoStory: number };
}

const STOPWORDS = new Set(['a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'and', 'as', 'at', 'by', 'with', 'its', 'is', 'after', 'from', 'amid', 'over', 'says', 'report']);
const TRACKING = /^(utm_\w+|fbclid|gclid|ocid|oc|cmpid|ref|src|mc_cid|mc_eid|guccounter)$/i;

/** A link without tracking parameters, fragment, "www." or trailing slash: the same article from two feeds compares equal. */
export function canonicalLink(link: string | undefined): string | undefined {
	if (!link) return undefined;
	try {
		const url = new URL(link);
		for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
		const query = url.searchParams.toString();
		return `${url.hostname.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query ? `?${query}` : ''}`;
	} catch {
		return undefined;
	}
}

function titleWords(title: string): string[] {
	return newsTokens(title).filter((token) => /[\p{L}\p{N}]/u.test(token) && !STOPWORDS.has(token));
}

/** Dice coefficient of two headlines' significant words (0…1). */
export function headlineSimilarity(a: string, b: string): number {
	const left = new Set(titleWords(a));
	const right = new Set(titleWords(b));
	if (left.size === 0 || right.size === 0) return 0;
	let shared = 0;
	for (const word of left) if (right.has(word)) shared += 1;
	return (2 * shared) / (left.size + right.size);
}

interface Candidate {
	index: number;
	item: NewsItem;
	account: Account;
	matchedBy: string;
	classification: Classification;
	at?: DateTime;
}

function itemTime(item: NewsItem): DateTime | undefined {
	const iso = item.publishedAt ?? item.filing?.filingDate;
	if (!iso) return undefined;
	const parsed = DateTime.fromISO(iso, { setZone: true, zone: 'utc' });
	return parsed.isValid ? parsed : undefined;
}

function shortDate(at: DateTime | undefined, asOf: DateTime): string {
	if (!at) return '';
	return at.setLocale('en').toFormat(at.year === asOf.year ? 'd LLL' : 'd LLL yyyy');
}

/** "Reuters via Google News", "SEC EDGAR", "Acme newsroom", the publisher or the feed's host. */
export function sourceLabel(item: NewsItem): string {
	if (item.feed.kind === 'edgar') return 'SEC EDGAR';
	if (item.feed.kind === 'google_news') return item.publisher ? `${item.publisher} via Google News` : 'Google News';
	if (item.feed.kind === 'newsroom') return item.feed.label ?? item.feed.title ?? item.publisher ?? 'Newsroom';
	let host: string | undefined;
	try {
		host = new URL(item.feed.url).hostname.replace(/^www\./, '');
	} catch {
		host = undefined;
	}
	return item.publisher ?? item.feed.label ?? item.feed.title ?? host ?? 'Feed';
}

function describeOfficers(changes: OfficerChange[]): string {
	return changes
		.map((change) => (change.change === 'departure' ? `${change.name} is leaving${change.office ? ` as ${change.office}` : ''}` : `${change.name} appointed${change.office ? ` ${change.office}` : ''}`))
		.join('; ');
}

function evidenceFor(candidate: Candidate, asOf: DateTime, officers: OfficerChange[]): string {
	const { item, account, classification } = candidate;
	const when = shortDate(candidate.at, asOf);
	const head = `${sourceLabel(item)}${when ? `, ${when}` : ''}`;
	if (item.filing && classification.cue.includes(' Item ')) {
		const number = classification.cue.split(' Item ')[1];
		const caption = item.filing.itemCaptions[number]?.split(';')[0]?.trim();
		const who = number === '5.02' && officers.length > 0 ? ` — ${describeOfficers(officers)}` : '';
		return `${head}: ${account.name} ${item.filing.form} Item ${number}${caption ? ` (${caption})` : ''}${who}`;
	}
	return `${head}: "${item.title}"`;
}


export function detectMarketSignalsFromItems(feedItems: readonly unknown[], accounts: readonly unknown[], options: MarketRunOptions = {}): MarketRunResult {
	const asOf = resolveAsOf(options.asOf);
	const detectedAt = toIso(asOf);
	const table = resolveMarketTable(options.table);
	const accountItems = parseItems(AccountSchema, 'account', accounts, 'accounts');
	const unusable: UnusableItem[] = [...accountItems.unusable];
	const parsedAccounts: Account[] = accountItems.items.map((item) => item.value);
	const profiles = options.accountProfiles ?? {};
	const windowMs = (options.storyWindowHours ?? MARKET_STORY_DEFAULTS.storyWindowHours) * 3_600_000;
	const similarity = options.titleSimilarity ?? MARKET_STORY_DEFAULTS.titleSimilarity;
	const skipped = { tooOld: 0, noAccount: 0, notClassified: 0, mergedIntoStory: 0 };
	const candidates: Candidate[] = [];
	const matchAccounts = createAccountMatcher(parsedAccounts, profiles, table);
	const accountIds = new Set(parsedAccounts.map((account) => account.accountId));

	feedItems.forEach((input, index) => {
		let item: NewsItem;
		try {
			item = parseItem(NewsItemSchema, 'news item', index, input);
		} catch (error) {
			unusable.push(unusableItem(error, index, 'items'));
			return;
		}
		if (item.feed.accountId && !accountIds.has(item.feed.accountId)) {
			unusable.push({ itemIndex: index, input: 'items', message: `news item ${index}: feed.accountId "${item.feed.accountId}" is none of the accounts given — the feed was set up for an account that is not in this book` });
			return;
		}
		const at = itemTime(item);
		const matches = matchAccounts(item);
		if (matches.length === 0) {
			skipped.noAccount += 1;
			return;
		}
		const readings = classifyNewsItem(item, table, options.competitors ?? []);
		if (readings.length === 0) {
			skipped.notClassified += 1;
			return;
		}
		let used = false;
		for (const reading of readings) {
			const maxAge = options.maxArticleAgeDays ?? getSignalType(reading.type).detection.maxArticleAgeDays ?? 30;
			if (at && asOf.diff(at, 'days').days > maxAge) continue;
			used = true;
			for (const match of matches) candidates.push({ index, item, account: match.account, matchedBy: match.cue, classification: reading, at });
		}
		if (!used) skipped.tooOld += 1;
	});

	// One story = one signal: cluster per (account, type), earliest item first.
	const groups = new Map<string, Candidate[]>();
	for (const candidate of candidates) {
		const key = `${candidate.account.accountId}\u001f${candidate.classification.type}`;
		groups.set(key, [...(groups.get(key) ?? []), candidate]);
	}
	const signals: Signal[] = [];
	const itemsBySignal: Record<string, number[]> = {};
	const merged = new Set<number>();
	const represented = new Set<number>();
	const storyIds = new Set<string>();
	for (const group of groups.values()) {
		group.sort((a, b) => (a.at?.toMillis() ?? Infinity) - (b.at?.toMillis() ?? Infinity) || a.index - b.index);
		const stories: Candidate[][] = [];
		for (const candidate of group) {
			const link = canonicalLink(candidate.item.link);
			const story = stories.find((members) =>
				members.some((member) => {
					if (member.item.filing?.accessionNumber && member.item.filing.accessionNumber === candidate.item.filing?.accessionNumber) return true;
					const close = !member.at || !candidate.at || Math.abs(member.at.toMillis() - candidate.at.toMillis()) <= windowMs;
					if (!close) return false;
					return (link !== undefined && link === canonicalLink(member.item.link)) || headlineSimilarity(member.item.title, candidate.item.title) >= similarity;
				}),
			);
			if (story) story.push(candidate);
			else stories.push([candidate]);
		}
		for (const story of stories) {
			const lead = story[0];
			const definition = getSignalType(lead.classification.type);
			const officers = lead.item.filing?.itemText?.['5.02'] ? officerChanges(lead.item.filing.itemText['5.02']) : [];
			const storyKey = lead.item.filing?.accessionNumber ?? titleWords(lead.item.title).join(' ');
			// the same headline far apart in time is another story: its own id, keyed by its day (then its position)
			let id = signalId('news', `${lead.account.accountId}#${storyKey}`, definition.id);
			if (storyIds.has(id)) id = signalId('news', `${lead.account.accountId}#${storyKey}#${lead.at?.toISODate() ?? ''}`, definition.id);
			if (storyIds.has(id)) id = signalId('news', `${lead.account.accountId}#${storyKey}#${lead.at?.toISODate() ?? ''}#${lead.index}`, definition.id);
			storyIds.add(id);
			const hedged = story.every((member) => member.classification.hedged);
			const system = lead.item.feed.kind === 'edgar' ? 'sec_edgar' : lead.item.feed.kind;
			const others = story.slice(1).filter((member, position, list) => list.findIndex((m) => m.index === member.index) === position && member.index !== lead.index);
			const signal: Signal = {
				id,
				accountId: lead.account.accountId,
				category: 'market',
				type: definition.id,
				polarity: definition.polarity,
				severity: hedged ? Math.max(1, definition.defaultSeverity - table.hedgeSeverityDrop) : definition.defaultSeverity,
				observedAt: lead.at ? (lead.at.toISO({ suppressMilliseconds: true }) ?? detectedAt) : detectedAt,
				detectedAt,
				evidence: evidenceFor(lead, asOf, officers),
				source: { system, ref: lead.item.filing?.accessionNumber ?? lead.item.id, ...(lead.item.link ? { url: lead.item.link } : {}) },
				attributes: {
					headline: lead.item.title,
					source: sourceLabel(lead.item),
					cue: lead.classification.cue,
					matchedBy: lead.matchedBy,
					hedged,
					...(lead.classification.competitor ? { competitor: lead.classification.competitor } : {}),
					...(lead.item.filing ? { form: lead.item.filing.form, filingItems: lead.item.filing.items } : {}),
					...(officers.length > 0 ? { officers } : {}),
					...(others.length > 0 ? { alsoReportedBy: others.map((member) => ({ source: sourceLabel(member.item), headline: member.item.title, ...(member.item.link ? { url: member.item.link } : {}) })) } : {}),
				},
			};
			signals.push(signal);
			itemsBySignal[id] = [...new Set(story.map((member) => member.index))];
			represented.add(lead.index);
			for (const member of others) merged.add(member.index);
		}
	}
	for (const index of merged) if (!represented.has(index)) skipped.mergedIntoStory += 1;
	signals.sort((a, b) => a.observedAt.localeCompare(b.observedAt) || a.id.localeCompare(b.id));
	return { signals, itemsBySignal, unusable, skipped };
}

/**
 * Whether two market signals tell the same story (one read in an earlier run, one now): same account and type,
 * and the same filing, or — within `storyWindowHours` — the same article link or alike headlines. A sweep uses it
 * so that the publisher's version of a story read yesterday from Google News is no second signal today.
 */
export function isSameStory(a: Signal, b: Signal, options: Pick<MarketRunOptions, 'storyWindowHours' | 'titleSimilarity'> = {}): boolean {
	if (a.accountId !== b.accountId || a.type !== b.type) return false;
	if (a.id === b.id) return true;
	if (a.source.system === 'sec_edgar' && b.source.system === 'sec_edgar') return a.source.ref === b.source.ref;
	const windowMs = (options.storyWindowHours ?? MARKET_STORY_DEFAULTS.storyWindowHours) * 3_600_000;
	if (Math.abs(Date.parse(a.observedAt) - Date.parse(b.observedAt)) > windowMs) return false;
	const link = canonicalLink(a.source.url);
	if (link !== undefined && link === canonicalLink(b.source.url)) return true;
	const headline = (signal: Signal) => (typeof signal.attributes?.headline === 'string' ? signal.attributes.headline : '');
	return headlineSimilarity(headline(a), headline(b)) >= (options.titleSimilarity ?? MARKET_STORY_DEFAULTS.titleSimilarity);
}
