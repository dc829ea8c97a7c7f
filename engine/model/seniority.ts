/**
 * Seniority from a job title, in several languages, from the editable table rules/tables/seniority-titles.json
 * (its `$comment` says how matching works; this file is the code that does what it says). The one home of
 * "which level is this title": CRM mapping (HubSpot contacts, CRM rows) and exec-change detection read it.
 *
 * Why word sequences and not regular expressions: "Director's assistant", "Assistant to the VP" and
 * "CEO Office Manager" each contain a senior word that is not the person's own role. Matching whole words
 * and then asking, for each match, whether it is *referenced* (after to/of/for, possessive, followed by
 * office/assistant, after former) makes the precedence rules a handful of readable steps that an ops team
 * can steer from the table, where a regex per level could only grow exceptions.
 */
import { z } from 'zod';
import { SENIORITY_LEVELS, type Seniority } from './account';
import { describeIssues, ValidationError } from './errors';
import shippedTable from '../../rules/tables/seniority-titles.json';

/** Levels a title can match (individual is what no match means). */
const MATCHED_LEVELS = SENIORITY_LEVELS.filter((level) => level !== 'individual') as Exclude<Seniority, 'individual'>[];

const words = z.array(z.string().min(1, 'must not be empty'));

const LevelEntrySchema = z
	.object({
		phrases: words.default([]),
		wholeTitleOnly: words.default([]),
		suffixes: words.default([]),
	})
	.strict();

export const SeniorityTableSchema = z
	.object({
		$comment: z.unknown().optional(),
		levels: z
			.object({
				c_level: LevelEntrySchema.default({}),
				vp: LevelEntrySchema.default({}),
				director: LevelEntrySchema.default({}),
				manager: LevelEntrySchema.default({}),
			})
			.strict(),
		modifiers: words.default([]),
		relationWords: words.default([]),
		articles: words.default([]),
		referenceNouns: words.default([]),
		formerWords: words.default([]),
		separatorWords: words.default([]),
	})
	.strict();
export type SeniorityTable = z.infer<typeof SeniorityTableSchema>;
export type SeniorityTableInput = z.input<typeof SeniorityTableSchema>;

/** Lower case, accents removed (ä → a, é → e), dots dropped (V.P. → vp), curly apostrophes made straight. */
export function normaliseTitleText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[’`´]/g, "'")
		.replace(/\./g, '');
}

const SEPARATOR = '|';
const POSSESSIVE = "'s";

/** Words and separators: "Director's Assistant - EMEA" → director, 's, assistant, |, emea. */
export function titleTokens(text: string): string[] {
	const normalised = normaliseTitleText(text)
		.replace(/\s[-–—]\s/g, ` ${SEPARATOR} `)
		.replace(/[,;|/()[\]]/g, ` ${SEPARATOR} `)
		.replace(/&/g, ` ${SEPARATOR} `)
		.replace(/'s\b/g, ` ${POSSESSIVE} `);
	const tokens: string[] = [];
	for (const raw of normalised.split(/\s+/)) {
		if (raw === SEPARATOR || raw === POSSESSIVE) {
			tokens.push(raw);
			continue;
		}
		for (const part of raw.split(/[^\p{L}\p{N}]+/u)) if (part) tokens.push(part);
	}
	return tokens;
}

interface Phrase {
	tokens: string[];
	level: Exclude<Seniority, 'individual'>;
	wholeTitleOnly: boolean;
	text: string;
}

/** A table compiled for matching: phrases longest first, word lists as sets. */
export interface CompiledSeniorityTable {
	phrases: Phrase[];
	/** Phrases by their first word, longest first (matching looks only at the phrases a word can start). */
	byFirstToken: ReadonlyMap<string, Phrase[]>;
	suffixes: Array<{ suffix: string; level: Exclude<Seniority, 'individual'> }>;
	modifiers: ReadonlySet<string>;
	relationWords: ReadonlySet<string>;
	articles: ReadonlySet<string>;
	referenceNouns: ReadonlySet<string>;
	formerWords: ReadonlySet<string>;
	separatorWords: ReadonlySet<string>;
}

const wordSet = (list: string[]) => new Set(list.flatMap((word) => titleTokens(word)));

export function compileSeniorityTable(table: SeniorityTable): CompiledSeniorityTable {
	const phrases: Phrase[] = [];
	const suffixes: CompiledSeniorityTable['suffixes'] = [];
	const seen = new Set<string>();
	for (const level of MATCHED_LEVELS) {
		const entry = table.levels[level];
		const add = (text: string, wholeTitleOnly: boolean) => {
			const tokens = titleTokens(text).filter((token) => token !== SEPARATOR);
			const key = tokens.join(' ');
			// The first level that names a phrase keeps it (levels are listed top first).
			if (tokens.length === 0 || seen.has(key)) return;
			seen.add(key);
			phrases.push({ tokens, level, wholeTitleOnly, text });
		};
		for (const text of entry.phrases) add(text, false);
		for (const text of entry.wholeTitleOnly) add(text, true);
		for (const suffix of entry.suffixes) suffixes.push({ suffix: normaliseTitleText(suffix), level });
	}
	phrases.sort((a, b) => b.tokens.length - a.tokens.length);
	suffixes.sort((a, b) => b.suffix.length - a.suffix.length);
	const byFirstToken = new Map<string, Phrase[]>();
	for (const phrase of phrases) byFirstToken.set(phrase.tokens[0], [...(byFirstToken.get(phrase.tokens[0]) ?? []), phrase]);
	return {
		phrases,
		byFirstToken,
		suffixes,
		modifiers: wordSet(table.modifiers),
		relationWords: wordSet(table.relationWords),
		articles: wordSet(table.articles),
		referenceNouns: wordSet(table.referenceNouns),
		formerWords: wordSet(table.formerWords),
		separatorWords: wordSet(table.separatorWords),
	};
}

/** The shipped table, validated once. */
export const DEFAULT_SENIORITY_TABLE: SeniorityTable = SeniorityTableSchema.parse(shippedTable);
const DEFAULT_COMPILED = compileSeniorityTable(DEFAULT_SENIORITY_TABLE);

/**
 * The shipped table with a team's additions: each list in `extra` is appended to the shipped one
 * (`{ levels: { vp: { phrases: ["directeur exécutif"] } } }`). With `replace: true` the given table is used alone.
 * Throws a ValidationError naming the bad entry (`seniority table: levels.vp.phrases[0] "" must not be empty`).
 */
export function resolveSeniorityTable(extra?: unknown, options: { replace?: boolean } = {}): CompiledSeniorityTable {
	if (extra === undefined || extra === null) return DEFAULT_COMPILED;
	const input = options.replace ? extra : { levels: {}, ...(extra as object) };
	const parsed = SeniorityTableSchema.safeParse(input);
	if (!parsed.success) throw new ValidationError('seniority table', describeIssues(parsed.error, input));
	if (options.replace) return compileSeniorityTable(parsed.data);
	const merged: SeniorityTable = JSON.parse(JSON.stringify(DEFAULT_SENIORITY_TABLE));
	for (const level of MATCHED_LEVELS) {
		const add = parsed.data.levels[level];
		merged.levels[level].phrases.push(...add.phrases);
		merged.levels[level].wholeTitleOnly.push(...add.wholeTitleOnly);
		merged.levels[level].suffixes.push(...add.suffixes);
	}
	for (const key of ['modifiers', 'relationWords', 'articles', 'referenceNouns', 'formerWords', 'separatorWords'] as const) merged[key].push(...parsed.data[key]);
	return compileSeniorityTable(merged);
}

/** What a title was read as: the level and the phrase that decided it (for evidence and for debugging a table). */
export interface SeniorityReading {
	level: Seniority;
	/** The table phrase that decided the level; undefined for an individual contributor. */
	phrase?: string;
}

interface Match {
	start: number;
	end: number;
	level: Exclude<Seniority, 'individual'>;
	text: string;
	wholeTitleOnly: boolean;
}

/** Levels ranked top first (0 = C-level): for sorting and "at least VP". */
export const SENIORITY_RANK: Readonly<Record<Seniority, number>> = { c_level: 0, vp: 1, director: 2, manager: 3, individual: 4 };
const RANK = SENIORITY_RANK;

function findMatches(tokens: string[], table: CompiledSeniorityTable): Match[] {
	const matches: Match[] = [];
	let index = 0;
	while (index < tokens.length) {
		let found: Match | undefined;
		for (const phrase of table.byFirstToken.get(tokens[index]) ?? []) {
			const n = phrase.tokens.length;
			if (index + n > tokens.length) continue;
			if (phrase.tokens.every((token, offset) => tokens[index + offset] === token)) {
				found = { start: index, end: index + n, level: phrase.level, text: phrase.text, wholeTitleOnly: phrase.wholeTitleOnly };
				break; // phrases are sorted longest first: leftmost-longest
			}
		}
		if (!found) {
			const token = tokens[index];
			const suffix = table.suffixes.find((entry) => token.length > entry.suffix.length && token.endsWith(entry.suffix));
			if (suffix) found = { start: index, end: index + 1, level: suffix.level, text: `…${suffix.suffix}`, wholeTitleOnly: false };
		}
		if (found) {
			matches.push(found);
			index = found.end;
		} else index += 1;
	}
	return matches;
}

/** A senior word that names someone else's role or a former one. */
function isReferenced(match: Match, tokens: string[], table: CompiledSeniorityTable): boolean {
	const next = tokens[match.end];
	if (next === POSSESSIVE) return true;
	if (next !== undefined && table.referenceNouns.has(next)) return true;
	let before = match.start - 1;
	while (before >= 0 && table.articles.has(tokens[before])) before -= 1;
	if (before >= 0 && table.relationWords.has(tokens[before])) return true;
	let former = match.start - 1;
	while (former >= 0 && table.modifiers.has(tokens[former])) former -= 1;
	return former >= 0 && table.formerWords.has(tokens[former]);
}

/** Parts of the title: split at separators and separator words ("VP and General Manager" has two). */
function partOf(tokens: string[], table: CompiledSeniorityTable): number[] {
	const parts: number[] = [];
	let part = 0;
	for (const token of tokens) {
		if (token === SEPARATOR || table.separatorWords.has(token)) part += 1;
		parts.push(part);
	}
	return parts;
}

/** Level and deciding phrase for a title; undefined when there is no title. */
export function readSeniority(title: string | undefined | null, table: CompiledSeniorityTable = DEFAULT_COMPILED): SeniorityReading | undefined {
	if (typeof title !== 'string' || title.trim() === '') return undefined;
	const tokens = titleTokens(title);
	const parts = partOf(tokens, table);
	const own = findMatches(tokens, table).filter((match) => {
		if (isReferenced(match, tokens, table)) return false;
		if (!match.wholeTitleOnly) return true;
		// "Partner" / "Senior Partner": nothing but modifiers beside it in its part.
		const part = parts[match.start];
		return tokens.every((token, index) => parts[index] !== part || (index >= match.start && index < match.end) || table.modifiers.has(token) || token === SEPARATOR || table.separatorWords.has(token));
	});
	if (own.length === 0) return { level: 'individual' };
	// Within a part the last own-role phrase is the head ("Partner Marketing Manager"); across parts the most senior wins.
	const lastPerPart = new Map<number, Match>();
	for (const match of own) lastPerPart.set(parts[match.start], match);
	const best = [...lastPerPart.values()].sort((a, b) => RANK[a.level] - RANK[b.level] || a.start - b.start)[0];
	return { level: best.level, phrase: best.text };
}

/** Seniority from a job title; undefined when there is no title; `individual` when no phrase matches. */
export function seniorityFromTitle(title: string | undefined | null, table: CompiledSeniorityTable = DEFAULT_COMPILED): Seniority | undefined {
	return readSeniority(title, table)?.level;
}

/** How a level reads in a sentence. */
export const SENIORITY_LABELS: Record<Seniority, string> = {
	c_level: 'C-level',
	vp: 'VP',
	director: 'Director',
	manager: 'Manager',
	individual: 'individual contributor',
};

/** True when `level` is at or above `minimum` (c_level is the top). */
export function isAtLeast(level: Seniority | undefined, minimum: Seniority): boolean {
	return level !== undefined && RANK[level] <= RANK[minimum];
}

/** Ordering helper: negative when a is more senior than b. */
export function compareSeniority(a: Seniority, b: Seniority): number {
	return RANK[a] - RANK[b];
}
