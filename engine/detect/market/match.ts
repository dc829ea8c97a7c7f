/**
 * Which accounts a news item is about. A feed that is the account's own (its newsroom, its EDGAR CIK) needs no
 * match. Otherwise the account's name or an alias must occur as whole words; a name that is a common word
 * ("Apex", "Summit" — the table's commonWords, or a profile marked ambiguous) must also occur capitalised and
 * have a second cue: the domain, a ticker, another alias, an industry word, or the name followed by a company
 * suffix ("Apex Inc"). "Climbers reach the apex" and "Apex Legends update" are no news about Apex Logistics.
 */
import type { Account } from '../../model';
import type { NewsItem } from './news-item';
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

export function matchAccounts(item: NewsItem, accounts: readonly Account[], profiles: Readonly<Record<string, AccountNewsProfile>>, table: CompiledMarketTable): AccountMatch[] {
	if (item.feed.accountId) {
		const own = accounts.find((account) => account.accountId === item.feed.accountId);
		return own ? [{ account: own, cue: item.feed.kind === 'edgar' ? 'own EDGAR filings' : 'own feed' }] : [];
	}
	if (item.filing?.cik) {
		const cik = item.filing.cik.replace(/^0+/, '');
		const byCik = accounts.find((account) => profiles[account.accountId]?.cik?.replace(/^0+/, '') === cik);
		if (byCik) return [{ account: byCik, cue: `EDGAR CIK ${item.filing.cik}` }];
	}
	const raw = [item.title, item.summary].filter(Boolean).join('. ');
	const tokens = cleanTokens(raw);
	const lowerRaw = raw.toLowerCase();
	const hosts = [hostOf(item.link), hostOf(item.publisherUrl)].filter((host): host is string => Boolean(host));
	const matches: AccountMatch[] = [];
	for (const account of accounts) {
		const profile = profiles[account.accountId] ?? {};
		const names = [account.name, ...(profile.aliases ?? [])].filter((name) => name.trim() !== '');
		let matched: { name: string; tokens: string[]; end: number } | undefined;
		let otherAlias: string | undefined;
		for (const name of names) {
			const full = cleanTokens(name);
			for (const form of [full, coreName(full, table)]) {
				if (form.length === 0) continue;
				const hit = findPhrase(tokens, { text: name, tokens: form })[0];
				if (!hit) continue;
				if (!matched) matched = { name, tokens: form, end: hit[1] };
				else if (name !== matched.name) otherAlias = name;
				break;
			}
		}
		if (!matched) {
			// No name in the text: the account's domain in it, or the link on the account's own site, is enough.
			const domain = account.domain?.toLowerCase().replace(/^www\./, '');
			const host = hostOf(item.link);
			if (domain && host && (host === domain || host.endsWith(`.${domain}`))) matches.push({ account, cue: 'link on the account’s domain' });
			else if (domain && new RegExp(`(^|[^a-z0-9.-])${escapeRegExp(domain)}(?![a-z0-9-])`).test(lowerRaw)) matches.push({ account, cue: 'domain' });
			continue;
		}
		const ambiguous = profile.ambiguous === true || (matched.tokens.length === 1 && table.commonWords.has(matched.tokens[0]));
		if (!ambiguous) {
			matches.push({ account, cue: matched.name === account.name ? 'name' : `alias "${matched.name}"` });
			continue;
		}
		const nameText = matched.tokens.join(' ');
		if (!capitalised(raw, matched.name.trim().split(/\s+/).slice(0, matched.tokens.length))) continue;
		const domain = account.domain?.toLowerCase().replace(/^www\./, '');
		const cues: string[] = [];
		if (domain && (lowerRaw.includes(domain) || hosts.some((host) => host === domain || host.endsWith(`.${domain}`)))) cues.push('domain');
		for (const ticker of profile.tickers ?? []) {
			if (new RegExp(`(^|[^A-Za-z0-9])(?:\\$|(?:NYSE|NASDAQ|Nasdaq|LSE|TSX|ASX|XETRA|Euronext)\\s*:\\s*)?${escapeRegExp(ticker.toUpperCase())}(?![A-Za-z0-9])`).test(raw)) cues.push(`ticker ${ticker.toUpperCase()}`);
		}
		if (otherAlias) cues.push(`alias "${otherAlias}"`);
		const next = tokens.slice(matched.end, matched.end + 1)[0];
		if (next && table.companySuffixes.has(next)) cues.push(`"${nameText} ${next}"`);
		for (const word of profile.industryWords ?? []) if (findPhrase(tokens, { text: word, tokens: cleanTokens(word) }).length > 0) cues.push(`industry word "${word}"`);
		if (cues.length > 0) matches.push({ account, cue: `name + ${cues[0]}` });
	}
	return matches;
}
