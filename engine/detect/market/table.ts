/**
 * The market-news table (rules/tables/market-news.json): classification phrases per signal type, negations,
 * hedges, 8-K item numbers, company suffixes and common-word names. Its `$comment` says how it reads; this is
 * the code that reads it that way.
 */
import { z } from 'zod';
import { findSignalType } from '../../taxonomy';
import shippedTable from '../../../rules/tables/market-news.json';

const words = z.array(z.string().min(1, 'must not be empty'));

const RuleSchema = z.object({ phrases: words.min(1, 'must list at least one phrase'), requires: words.optional() }).strict();

export const MarketNewsTableSchema = z
	.object({
		$comment: z.unknown().optional(),
		types: z.record(
			z.string().refine((id) => findSignalType(id)?.category === 'market', { message: 'is not a market.* signal type of the taxonomy' }),
			z.array(RuleSchema),
		),
		negations: words.default([]),
		hedges: words.default([]),
		hedgeSeverityDrop: z.number().int().min(0).max(9).default(2),
		filingItems: z.record(z.string().regex(/^\d+\.\d{2}$/, 'must be an 8-K item number such as "5.02"'), z.object({ type: z.string(), requiresPhrase: z.boolean().default(false) }).strict()).default({}),
		companySuffixes: words.default([]),
		commonWords: words.default([]),
	})
	.strict();
export type MarketNewsTable = z.infer<typeof MarketNewsTableSchema>;

/** Lower case, accents removed; tokens are words, numbers with their signs ("8%", "$40m", "1,200"), clause marks and the phrase wildcards * and #. */
export function newsTokens(text: string): string[] {
	const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’`´]/g, "'");
	return plain.match(/[$€£]?\d(?:[\d.,]*\d)?%?[a-z]{0,7}|[\p{L}\p{N}]+(?:'[\p{L}]+)?|[,;:.!?*#]/gu) ?? [];
}

export const CLAUSE_MARKS = new Set([',', ';', ':', '.', '!', '?']);
const SENTENCE_MARKS = new Set(['.', '!', '?']);

export interface CompiledPhrase {
	text: string;
	tokens: string[];
}

const compile = (text: string): CompiledPhrase => ({ text, tokens: newsTokens(text).filter((token) => !CLAUSE_MARKS.has(token)) });

/** Where a phrase occurs: [start, end) token positions, for every occurrence. `*` = 1–3 tokens, `#` = a token with a digit. */
export function findPhrase(tokens: readonly string[], phrase: CompiledPhrase): Array<[number, number]> {
	const found: Array<[number, number]> = [];
	const at = (position: number, index: number): number => {
		if (index === phrase.tokens.length) return position;
		const want = phrase.tokens[index];
		if (want === '*') {
			for (let skip = 1; skip <= 3; skip += 1) {
				if (position + skip > tokens.length || tokens.slice(position, position + skip).some((t) => CLAUSE_MARKS.has(t))) break;
				const end = at(position + skip, index + 1);
				if (end >= 0) return end;
			}
			return -1;
		}
		const token = tokens[position];
		if (token === undefined) return -1;
		if (want === '#' ? /\d/.test(token) : token === want) return at(position + 1, index + 1);
		return -1;
	};
	for (let start = 0; start < tokens.length; start += 1) {
		const end = at(start, 0);
		if (end >= 0) found.push([start, end]);
	}
	return found;
}

export interface CompiledMarketTable {
	rules: Array<{ type: string; phrases: CompiledPhrase[]; requires: CompiledPhrase[]; requiresCompetitor: boolean }>;
	negations: CompiledPhrase[];
	hedges: CompiledPhrase[];
	hedgeSeverityDrop: number;
	filingItems: MarketNewsTable['filingItems'];
	companySuffixes: ReadonlySet<string>;
	commonWords: ReadonlySet<string>;
}

export function compileMarketTable(table: MarketNewsTable): CompiledMarketTable {
	const rules: CompiledMarketTable['rules'] = [];
	for (const [type, list] of Object.entries(table.types)) {
		for (const rule of list) {
			rules.push({
				type,
				phrases: rule.phrases.map(compile),
				requires: (rule.requires ?? []).filter((word) => word !== '$competitor').map(compile),
				requiresCompetitor: (rule.requires ?? []).includes('$competitor'),
			});
		}
	}
	return {
		rules,
		negations: table.negations.map(compile),
		hedges: table.hedges.map(compile),
		hedgeSeverityDrop: table.hedgeSeverityDrop,
		filingItems: table.filingItems,
		companySuffixes: new Set(table.companySuffixes.flatMap(newsTokens)),
		commonWords: new Set(table.commonWords.flatMap(newsTokens)),
	};
}

export const DEFAULT_MARKET_TABLE: MarketNewsTable = MarketNewsTableSchema.parse(shippedTable);
const DEFAULT_COMPILED = compileMarketTable(DEFAULT_MARKET_TABLE);

/** The shipped table, or a team's table (whole, same shape); a bad entry is a sentence naming it. */
export function resolveMarketTable(table?: unknown): CompiledMarketTable {
	if (table === undefined || table === null) return DEFAULT_COMPILED;
	const parsed = MarketNewsTableSchema.safeParse(table);
	if (!parsed.success) {
		throw new Error(`market news table: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the table'} ${issue.message.replace(/^[A-Z]/, (c) => c.toLowerCase())}`).join('; ')}`);
	}
	for (const [number, entry] of Object.entries(parsed.data.filingItems)) {
		if (findSignalType(entry.type)?.category !== 'market') throw new Error(`market news table: filingItems.${number}.type "${entry.type}" is not a market.* signal type of the taxonomy`);
	}
	return compileMarketTable(parsed.data);
}

export function isSentenceMark(token: string): boolean {
	return SENTENCE_MARKS.has(token);
}
