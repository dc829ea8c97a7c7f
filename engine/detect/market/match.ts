/**
 * Which accounts a news item is about. A feed that is the account's own (its newsroom, its EDGAR CIK) needs no
 * match. Otherwise the account's name or an alias must occur as whole words; a name that is a common word
 * ("Apex", "Summit" — the table's commonWords, or a profile marked ambiguous) must also occur capitalised and
 * have a second cue: the domain, a ticker, another alias, an industry word, or the name followed by a company
 * suffix ("Apex Inc"). "Climbers reach the apex" and "Apex Legends update" are no news about Apex Logistics.
 */
import { ownValue, type Account, type NewsItem } from '../../model';
import { CLAUSE_MARKS, findPhrase, newsTokens, type CompiledMarketTable } from './table';

/** What a CSM knows about an account beyond its name and domain. */
export interface AccountNewsProfile {
	aliases?: string[];
	/** Stock tickers ("APX"), matched as written in capitals, or as "$APX" / "NASDAQ: APX". */
	tickers?: string[];
	/** Words of the account's industry that confirm a common-word name ("logistics", "freight"). */
	industryWords?: string[];
	/** SEC CIK: filings under it belong to the account with no name match. */
	cik?: string;
	/** Treat the name as a common word even when the table does not list it. */
	ambiguous?: boolean;
}

export interface AccountMatch {
	account: Account;
	/** How: "own feed", "name", "name + domain", "name + ticker APX", … */
	cue: string;
}

const cleanTokens = (text: string) => newsTokens(text).filter((token) => !CLAUSE_MARKS.has(token));

function coreName(tokens: string[], table: CompiledMarketTable): string[] {
	let end = tokens.length;
	while (end > 1 && table.companySuffixes.has(tokens[end - 1])) end -= 1;
	return tokens.slice(0, end);
}

function hostOf(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
	} catch {
		return undefined;
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name written with capitals somewhere in the raw text (a proper noun, not "the apex"). */
function capitalised(raw: string, words: string[]): boolean {
	const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s-]+')}(?![\\p{L}\\p{N}])`, 'giu');
	for (const match of raw.matchAll(pattern)) {
		if (match[0].split(/[\s-]+/).every((word) => word.charAt(0) !== word.charAt(0).toLowerCase())) return true;
	}
	return false;
}

interface PreparedAccount {
	account: Account;
	profile: AccountNewsProfile;
	/** Each name or alias with its whole-word forms (full, and without a company suffix). */
	names: Array<{ name: string; forms: string[][] }>;
	domain?: string;
	tickers: RegExp[];
	industryWords: string[][];
}

export type AccountMatcher = (item: NewsItem) => AccountMatch[];

/** Domains written in a text ("acme.com", "shop.acme.co.uk") and each one's parent domains. */
function domainsIn(lowerText: string): Set<string> {
	const found = new Set<string>();
	for (const match of lowerText.matchAll(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g)) {
		const parts = match[0].split('.');
		for (let i = 0; i < parts.length - 1; i += 1) found.add(parts.slice(i).join('.'));
	}
	return found;
}

/**
 * Prepare the book once (names tokenised, an index from a name's first word to its accounts, domains in a map);
 * the returned function matches one item against it in time proportional to the item, not to the book.
 */
export function createAccountMatcher(accounts: readonly Account[], profiles: Readonly<Record<string, AccountNewsProfile>>, table: CompiledMarketTable): AccountMatcher {
	const prepared: PreparedAccount[] = accounts.map((account) => {
		const profile = ownValue(profiles, account.accountId) ?? {};
		const names = [account.name, ...(profile.aliases ?? [])]
			.filter((name) => name.trim() !== '')
			.map((name) => {
				const full = cleanTokens(name);
				const core = coreName(full, table);
				return { name, forms: [full, ...(core.length < full.length ? [core] : [])].filter((form) => form.length > 0) };
			});
		const domain = account.domain?.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '') || undefined;
		return {
			account,
			profile,
			names,
			...(domain ? { domain } : {}),
			tickers: (profile.tickers ?? []).map((ticker) => new RegExp(`(^|[^A-Za-z0-9])(?:\\$|(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|XETRA|Euronext)\\s*:\\s*)?${escapeRegExp(ticker.toUpperCase())}(?![A-Za-z0-9])`)),
			industryWords: (profile.industryWords ?? []).map(cleanTokens).filter((words) => words.length > 0),
		};
	});
	const byFirstWord = new Map<string, Set<number>>();
	const byDomain = new Map<string, number[]>();
	prepared.forEach((entry, index) => {
		for (const { forms } of entry.names) for (const form of forms) byFirstWord.set(form[0], (byFirstWord.get(form[0]) ?? new Set()).add(index));
		if (entry.domain) byDomain.set(entry.domain, [...(byDomain.get(entry.domain) ?? []), index]);
	});
	const byId = new Map(accounts.map((account) => [account.accountId, account]));
	const byCik = new Map<string, Account>();
	for (const account of accounts) {
		const cik = ownValue(profiles, account.accountId)?.cik?.replace(/\D/g, '').replace(/^0+/, '');
		if (cik) byCik.set(cik, account);
	}

	return (item) => {
		if (item.feed.accountId) {
			const own = byId.get(item.feed.accountId);
			return own ? [{ account: own, cue: item.feed.kind === 'edgar' ? 'own EDGAR filings' : 'own feed' }] : [];
		}
		if (item.filing?.cik) {
			const account = byCik.get(item.filing.cik.replace(/^0+/, ''));
			if (account) return [{ account, cue: `EDGAR CIK ${item.filing.cik}` }];
		}
		const raw = [item.title, item.summary].filter(Boolean).join('. ');
		const tokens = cleanTokens(raw);
		const lowerRaw = raw.toLowerCase();
		const linkHost = hostOf(item.link);
		const hosts = [linkHost, hostOf(item.publisherUrl)].filter((host): host is string => Boolean(host));
		const hostDomains = new Set(hosts.flatMap((host) => [...domainsIn(host)]));
		const textDomains = domainsIn(lowerRaw);
		const candidates = new Set<number>();
		for (const token of tokens) for (const index of byFirstWord.get(token) ?? []) candidates.add(index);
		for (const domain of [...textDomains, ...hostDomains]) for (const index of byDomain.get(domain) ?? []) candidates.add(index);

		const matches: AccountMatch[] = [];
		for (const index of [...candidates].sort((a, b) => a - b)) {
			const { account, profile, names, domain, tickers, industryWords } = prepared[index];
			let matched: { name: string; tokens: string[]; end: number } | undefined;
			let otherAlias: string | undefined;
			for (const { name, forms } of names) {
				for (const form of forms) {
					const hit = findPhrase(tokens, { text: name, tokens: form })[0];
					if (!hit) continue;
					if (!matched) matched = { name, tokens: form, end: hit[1] };
					else if (name !== matched.name) otherAlias = name;
					break;
				}
			}
			const domainInText = domain !== undefined && textDomains.has(domain);
			const linkOnDomain = domain !== undefined && linkHost !== undefined && domainsIn(linkHost).has(domain);
			if (!matched) {
				// No name in the text: the account's domain in it, or the link on the account's own site, is enough.
				if (linkOnDomain) matches.push({ account, cue: 'link on the account’s domain' });
				else if (domainInText) matches.push({ account, cue: 'domain' });
				continue;
			}
			const ambiguous = profile.ambiguous === true || (matched.tokens.length === 1 && table.commonWords.has(matched.tokens[0]));
			if (!ambiguous) {
				matches.push({ account, cue: matched.name === account.name ? 'name' : `alias "${matched.name}"` });
				continue;
			}
			if (!capitalised(raw, matched.name.trim().split(/\s+/).slice(0, matched.tokens.length))) continue;
			const nameText = matched.tokens.join(' ');
			const cues: string[] = [];
			if (domainInText || (domain !== undefined && hostDomains.has(domain))) cues.push('domain');
			for (const [i, ticker] of tickers.entries()) if (ticker.test(raw)) cues.push(`ticker ${profile.tickers![i].toUpperCase()}`);
			if (otherAlias) cues.push(`alias "${otherAlias}"`);
			const next = tokens[matched.end];
			if (next && table.companySuffixes.has(next)) cues.push(`"${nameText} ${next}"`);
			for (const [i, words] of industryWords.entries()) if (findPhrase(tokens, { text: '', tokens: words }).length > 0) cues.push(`industry word "${profile.industryWords![i]}"`);
			if (cues.length > 0) matches.push({ account, cue: `name + ${cues[0]}` });
		}
		return matches;
	};
}

/** One item against a book (builds the matcher each time: use createAccountMatcher for many items). */
export function matchAccounts(item: NewsItem, accounts: readonly Account[], profiles: Readonly<Record<string, AccountNewsProfile>>, table: CompiledMarketTable): AccountMatch[] {
	return createAccountMatcher(accounts, profiles, table)(item);
}
