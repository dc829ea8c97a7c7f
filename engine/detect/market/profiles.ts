/**
 * What a CSM knows about an account's news beyond its name and domain, read from fields of the Account items
 * (so a CRM or a spreadsheet column can carry it): aliases, stock tickers, industry words, the SEC CIK, the
 * account's own newsroom feeds, and whether its name is a common word. Field names are configurable; a value
 * that cannot be read is an UnusableItem naming the account, the field and the value.
 */
import { z } from 'zod';
import { readPath, setOwn, type UnusableItem } from '../../model';
import type { AccountNewsProfile } from './match';

/** Where each piece sits on an Account item (dot paths). */
export const AccountNewsFieldsSchema = z.object({
	aliases: z.string().default('aliases'),
	tickers: z.string().default('tickers'),
	industryWords: z.string().default('industryWords'),
	cik: z.string().default('cik'),
	newsFeeds: z.string().default('newsFeeds'),
	nameIsCommonWord: z.string().default('newsNameIsCommonWord'),
});
export type AccountNewsFields = z.infer<typeof AccountNewsFieldsSchema>;
export const DEFAULT_ACCOUNT_NEWS_FIELDS: Readonly<AccountNewsFields> = Object.freeze(AccountNewsFieldsSchema.parse({}));

/** A feed the account item names as its own (its newsroom): items from it need no name match. */
export interface AccountFeed {
	url: string;
	label?: string;
}

export interface AccountNewsProfileWithFeeds extends AccountNewsProfile {
	newsFeeds: AccountFeed[];
}

class FieldProblem extends Error {}

const shown = (value: unknown) => {
	const text = JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A list of words: an array of strings, or one string with commas or semicolons. */
function words(value: unknown, field: string): string[] | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value.split(/[,;]/).map((part) => part.trim()).filter(Boolean);
	if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value.map((entry) => entry.trim()).filter(Boolean);
	throw new FieldProblem(`${field} ${shown(value)} is not a list of names (give ["Acme", "ACME Inc"] or "Acme, ACME Inc")`);
}

function isUrl(text: string): boolean {
	try {
		return ['http:', 'https:'].includes(new URL(text).protocol);
	} catch {
		return false;
	}
}

function feeds(value: unknown, field: string): AccountFeed[] {
	if (value === undefined || value === null || value === '') return [];
	const entries = typeof value === 'string' ? value.split(/[\n,;]+/).map((part) => part.trim()).filter(Boolean) : Array.isArray(value) ? value : [value];
	return entries.map((entry, index) => {
		const where = Array.isArray(value) ? `${field}[${index}]` : field;
		const url = typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? (entry as Record<string, unknown>).url : undefined;
		const label = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).label : undefined;
		if (typeof url !== 'string' || !isUrl(url)) throw new FieldProblem(`${where} ${shown(entry)} is not a feed URL (give "https://acme.com/newsroom/rss" or { "url": …, "label": … })`);
		return { url, ...(typeof label === 'string' && label ? { label } : {}) };
	});
}

function cik(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const digits = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(/^CIK/i, '') : '';
	if (!/^\d{1,10}$/.test(digits)) throw new FieldProblem(`${field} ${shown(value)} is not an SEC CIK (up to 10 digits, e.g. "0000320193")`);
	return digits.padStart(10, '0');
}

function flag(value: unknown, field: string): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && ['true', 'false'].includes(value.trim().toLowerCase())) return value.trim().toLowerCase() === 'true';
	throw new FieldProblem(`${field} ${shown(value)} is not true or false`);
}

/**
 * Profiles by account id, from the account items (raw, as they arrived: the Account schema keeps only its own
 * fields). Items without an accountId are left to the Account parser, which names them.
 */
export function accountNewsProfilesFromItems(
	accountItems: readonly unknown[],
	fields: Partial<AccountNewsFields> = {},
): { profiles: Record<string, AccountNewsProfileWithFeeds>; unusable: UnusableItem[] } {
	const map = AccountNewsFieldsSchema.parse(Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string' && value.trim() !== '')));
	const profiles: Record<string, AccountNewsProfileWithFeeds> = {};
	const unusable: UnusableItem[] = [];
	accountItems.forEach((item, itemIndex) => {
		const accountId = readPath(item, 'accountId');
		if (typeof accountId !== 'string' || accountId === '') return;
		try {
			const get = (key: keyof AccountNewsFields) => readPath(item, map[key]);
			const aliases = words(get('aliases'), map.aliases);
			const tickers = words(get('tickers'), map.tickers);
			const industryWords = words(get('industryWords'), map.industryWords);
			const secCik = cik(get('cik'), map.cik);
			const ambiguous = flag(get('nameIsCommonWord'), map.nameIsCommonWord);
			setOwn(profiles, accountId, {
				...(aliases?.length ? { aliases } : {}),
				...(tickers?.length ? { tickers } : {}),
				...(industryWords?.length ? { industryWords } : {}),
				...(secCik ? { cik: secCik } : {}),
				...(ambiguous !== undefined ? { ambiguous } : {}),
				newsFeeds: feeds(get('newsFeeds'), map.newsFeeds),
			});
		} catch (error) {
			if (!(error instanceof FieldProblem)) throw error;
			unusable.push({ itemIndex, input: 'accounts', message: `account ${itemIndex} (${accountId}): ${error.message}` });
		}
	});
	return { profiles, unusable };
}
