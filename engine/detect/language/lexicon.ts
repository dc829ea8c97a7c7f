import { z } from 'zod';
import budgetPressure from '../../../rules/lexicons/budget-pressure.json';
import cancellationIntent from '../../../rules/lexicons/cancellation-intent.json';
import competitorMention from '../../../rules/lexicons/competitor-mention.json';
import expansionIntent from '../../../rules/lexicons/expansion-intent.json';
import featureRequest from '../../../rules/lexicons/feature-request.json';
import frustrationEscalation from '../../../rules/lexicons/frustration-escalation.json';
import renewalProcurement from '../../../rules/lexicons/renewal-procurement.json';
import sentimentTerms from '../../../rules/lexicons/sentiment-terms.json';
import { SHIPPED_NEGATION, compileNegation, isNegated, type NegationRules } from './negation';
import { clauseStarts, tokenize, words, type Token } from './tokens';

/**
 * Customer-success phrase lexicons as data (rules/lexicons/*.json; README there says how to edit them).
 *
 * A phrase is a sequence of words matched case-insensitively on whole words: "cancel" matches "Cancel," but not
 * "cancellation"; a trailing `*` on a word matches any ending ("frustrat*" → frustrated, frustrating);
 * a lone `*` matches any one word ("another * seats" → "another forty seats").
 * Each lexicon says whether negation turns a match off (`negatable`) and lists `unless` words: a sentence
 * containing one of them is not a match ("cancel the call" is scheduling, not churn).
 */
export const LEXICON_IDS = [
	'budget_pressure',
	'cancellation_intent',
	'competitor_mention',
	'frustration_escalation',
	'feature_request',
	'expansion_intent',
	'renewal_procurement',
	'sentiment_terms',
] as const;
export type LexiconId = (typeof LEXICON_IDS)[number];

const phraseText = z
	.string({ invalid_type_error: 'must be a phrase (text)' })
	.refine((value) => words(value.replace(/\*/g, 'x')).length > 0, { message: 'must contain at least one word' });

const valence = z
	.number({ invalid_type_error: 'must be a number from -4 to 4' })
	.min(-4, 'must be a number from -4 to 4')
	.max(4, 'must be a number from -4 to 4');

export const LexiconPhraseSchema = z.union([phraseText, z.object({ phrase: phraseText, valence: valence.optional() }).strict()]);

export const LexiconSchema = z
	.object({
		$schema: z.string().optional(),
		id: z.enum(LEXICON_IDS),
		description: z.string().min(1, 'must say what the lexicon catches'),
		/** How a match moves the sentence's tone (the sentiment library's -4 … +4 word scale); 0 = no effect. */
		valence,
		/** Whether "not …" turns a match off ("we are not planning to cancel"). */
		negatable: z.boolean().default(true),
		phrases: z.array(LexiconPhraseSchema),
		unless: z.array(phraseText).default([]),
		/** sentiment_terms only: words the sentiment library must ignore in business talk. */
		neutralWords: z.array(phraseText).optional(),
	})
	.strict();
export type LexiconInput = z.input<typeof LexiconSchema>;

/** Add or remove phrases without code (a node option, the CLI's --lexicons file). */
export const LexiconOverrideSchema = z
	.object({
		add: z.array(LexiconPhraseSchema).default([]),
		remove: z.array(phraseText).default([]),
		unlessAdd: z.array(phraseText).default([]),
		unlessRemove: z.array(phraseText).default([]),
	})
	.strict();
export const LexiconOverridesSchema = z.record(z.string(), LexiconOverrideSchema);
export type LexiconOverrides = z.input<typeof LexiconOverridesSchema>;

export const SHIPPED_LEXICONS: Readonly<Record<LexiconId, unknown>> = Object.freeze({
	budget_pressure: budgetPressure,
	cancellation_intent: cancellationIntent,
	competitor_mention: competitorMention,
	frustration_escalation: frustrationEscalation,
	feature_request: featureRequest,
	expansion_intent: expansionIntent,
	renewal_procurement: renewalProcurement,
	sentiment_terms: sentimentTerms,
});

/** A lexicon or override that cannot work; the message names the lexicon, the entry and the fix. */
export class LexiconError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LexiconError';
	}
}

interface CompiledPhrase {
	text: string;
	/** Each word: exact, prefix (`cancel*`) or any word (`*`). */
	parts: Array<{ word: string; prefix: boolean; any: boolean }>;
	valence: number;
}

export interface CompiledLexicon {
	id: LexiconId;
	valence: number;
	negatable: boolean;
	phrases: CompiledPhrase[];
	unless: CompiledPhrase[];
	/** Phrases by their exact first word; by the first three letters of a `word*` start; those starting with `*`. */
	byFirstWord: ReadonlyMap<string, CompiledPhrase[]>;
	byFirstPrefix: ReadonlyMap<string, CompiledPhrase[]>;
	openFirstWord: readonly CompiledPhrase[];
}

const PREFIX_KEY = 3;
const NONE: CompiledPhrase[] = [];

function indexPhrases(phrases: readonly CompiledPhrase[]): Pick<CompiledLexicon, 'byFirstWord' | 'byFirstPrefix' | 'openFirstWord'> {
	const byFirstWord = new Map<string, CompiledPhrase[]>();
	const byFirstPrefix = new Map<string, CompiledPhrase[]>();
	const openFirstWord: CompiledPhrase[] = [];
	const add = (map: Map<string, CompiledPhrase[]>, key: string, phrase: CompiledPhrase) => map.set(key, [...(map.get(key) ?? []), phrase]);
	for (const phrase of phrases) {
		const first = phrase.parts[0];
		if (!first || first.any || (first.prefix && first.word.length < PREFIX_KEY)) openFirstWord.push(phrase);
		else if (first.prefix) add(byFirstPrefix, first.word.slice(0, PREFIX_KEY), phrase);
		else add(byFirstWord, first.word, phrase);
	}
	return { byFirstWord, byFirstPrefix, openFirstWord };
}

function candidatesAt(lexicon: CompiledLexicon, word: string): CompiledPhrase[] {
	const exact = lexicon.byFirstWord.get(word);
	const prefixed = lexicon.byFirstPrefix.get(word.slice(0, PREFIX_KEY));
	if (!prefixed && lexicon.openFirstWord.length === 0) return exact ?? NONE;
	return [...(exact ?? []), ...(prefixed ?? []), ...lexicon.openFirstWord];
}

export interface CompiledLexicons {
	lexicons: readonly CompiledLexicon[];
	neutralWords: ReadonlySet<string>;
	negation: NegationRules;
	/** The competitor names in force (from the run's settings). */
	competitors: readonly string[];
}

function describe(error: z.ZodError, where: string, input: unknown): string {
	const issue = error.issues[0];
	let value: unknown = input;
	for (const key of issue.path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
	const path = issue.path.map((key) => (typeof key === 'number' ? `entry ${key + 1}` : key)).join(' ');
	const shown = value === undefined ? '' : ` ${JSON.stringify(value).slice(0, 60)}`;
	return `${where}: ${path || 'the lexicon'}${shown} ${issue.message}`;
}

function compilePhrase(text: string, fallback: number, own?: number): CompiledPhrase {
	const parts = text
		.trim()
		.toLowerCase()
		.replace(/[’‘]/g, "'")
		.split(/\s+/)
		.flatMap((part) => {
			if (part === '*') return [{ word: '', prefix: false, any: true }];
			const prefix = part.endsWith('*');
			return words(prefix ? part.slice(0, -1) : part).map((word, i, all) => ({ word, prefix: prefix && i === all.length - 1, any: false }));
		});
	return { text: text.trim(), parts, valence: own ?? fallback };
}

function phraseOf(entry: z.infer<typeof LexiconPhraseSchema>): { text: string; valence?: number } {
	return typeof entry === 'string' ? { text: entry } : { text: entry.phrase, valence: entry.valence };
}

export interface LexiconSettings {
	/** Replace a shipped lexicon entirely (same JSON shape as rules/lexicons/*.json). */
	lexicons?: Partial<Record<string, unknown>>;
	/** Add/remove phrases per lexicon id. */
	overrides?: unknown;
	/** Competitor names for this run ("Northwind, Vantage"): each becomes a competitor_mention phrase. */
	competitors?: readonly string[] | string;
	negation?: unknown;
}

function parseCompetitors(value: LexiconSettings['competitors']): string[] {
	if (value === undefined) return [];
	const list = typeof value === 'string' ? value.split(/[,;\n]/) : [...value];
	return list.map((name) => String(name).trim()).filter(Boolean);
}

/**
 * The lexicons in force: shipped JSON (or replacements), overrides applied, competitor names added.
 * Throws LexiconError naming the lexicon and entry, e.g.
 * `Lexicon "cancellation_intent" (override): add entry 2 "" must contain at least one word`.
 */
export function compileLexicons(settings: LexiconSettings = {}): CompiledLexicons {
	const replacements = settings.lexicons ?? {};
	for (const id of Object.keys(replacements)) {
		if (!(LEXICON_IDS as readonly string[]).includes(id)) throw new LexiconError(`Lexicon "${id}" is unknown (known: ${LEXICON_IDS.join(', ')})`);
	}
	const overridesParsed = LexiconOverridesSchema.safeParse(settings.overrides ?? {});
	if (!overridesParsed.success) throw new LexiconError(describe(overridesParsed.error, 'Lexicon overrides', settings.overrides));
	const overrides = overridesParsed.data;
	for (const id of Object.keys(overrides)) {
		if (!(LEXICON_IDS as readonly string[]).includes(id)) throw new LexiconError(`Lexicon overrides: lexicon "${id}" is unknown (known: ${LEXICON_IDS.join(', ')})`);
	}
	const competitors = parseCompetitors(settings.competitors);
	let neutralWords = new Set<string>();

	const lexicons = LEXICON_IDS.map((id): CompiledLexicon => {
		const input = replacements[id] ?? SHIPPED_LEXICONS[id];
		const parsed = LexiconSchema.safeParse(input);
		if (!parsed.success) throw new LexiconError(describe(parsed.error, `Lexicon "${id}"`, input));
		if (parsed.data.id !== id) throw new LexiconError(`Lexicon "${id}": id "${parsed.data.id}" does not match (a replacement for ${id} must say "id": "${id}")`);
		const lexicon = parsed.data;
		if (id === 'sentiment_terms') neutralWords = new Set((lexicon.neutralWords ?? []).flatMap(words));
		else if (lexicon.neutralWords) throw new LexiconError(`Lexicon "${id}": neutralWords belong in sentiment_terms only`);

		const override = overrides[id];
		const removed = new Set((override?.remove ?? []).map((text) => text.trim().toLowerCase()));
		const entries = [...lexicon.phrases.map(phraseOf), ...(override?.add ?? []).map(phraseOf)];
		for (const text of removed) {
			if (!entries.some((entry) => entry.text.trim().toLowerCase() === text)) {
				throw new LexiconError(`Lexicon overrides: "${id}" remove "${text}" is not a phrase of that lexicon (check the spelling)`);
			}
		}
		const phrases = entries.filter((entry) => !removed.has(entry.text.trim().toLowerCase())).map((entry) => compilePhrase(entry.text, lexicon.valence, entry.valence));
		if (id === 'competitor_mention') phrases.push(...competitors.map((name) => compilePhrase(name, lexicon.valence)));
		const unlessRemoved = new Set((override?.unlessRemove ?? []).map((text) => text.trim().toLowerCase()));
		const unless = [...lexicon.unless, ...(override?.unlessAdd ?? [])]
			.filter((text) => !unlessRemoved.has(text.trim().toLowerCase()))
			.map((text) => compilePhrase(text, 0));
		return { id, valence: lexicon.valence, negatable: lexicon.negatable, phrases, unless, ...indexPhrases(phrases) };
	});

	let negation = SHIPPED_NEGATION;
	if (settings.negation !== undefined) {
		try {
			negation = compileNegation(settings.negation);
		} catch (error) {
			throw new LexiconError((error as Error).message);
		}
	}
	return { lexicons, neutralWords, negation, competitors };
}

let shipped: CompiledLexicons | undefined;
/** The shipped lexicons, compiled once. */
export function shippedLexicons(): CompiledLexicons {
	shipped ??= compileLexicons();
	return shipped;
}

/** One phrase found in one sentence. */
export interface LexiconHit {
	lexicon: LexiconId;
	/** The lexicon phrase that matched, as written in the lexicon ("justify the cost"). */
	phrase: string;
	/** Character range of the match within the sentence (used to centre the quoted snippet). */
	start: number;
	end: number;
	/** First and last+1 token of the match. */
	tokenStart: number;
	tokenEnd: number;
	negated: boolean;
	valence: number;
}

function matchAt(tokens: readonly Token[], at: number, phrase: CompiledPhrase): number {
	if (at + phrase.parts.length > tokens.length) return -1;
	for (let i = 0; i < phrase.parts.length; i++) {
		const part = phrase.parts[i];
		const word = tokens[at + i].word;
		if (part.any) continue;
		if (part.prefix ? !word.startsWith(part.word) : word !== part.word) return -1;
	}
	return at + phrase.parts.length;
}

function contains(tokens: readonly Token[], phrase: CompiledPhrase): boolean {
	const first = phrase.parts[0];
	if (first && !first.any && !first.prefix && !tokens.some((t) => t.word === first.word)) return false;
	for (let i = 0; i < tokens.length; i++) if (matchAt(tokens, i, phrase) >= 0) return true;
	return false;
}

/**
 * Every lexicon phrase in one sentence, longest match first and without overlaps within a lexicon.
 * Negated matches of a negatable lexicon are returned with `negated: true` (the sentiment layer flips their
 * tone); detectors ignore them.
 */
export function findLexiconHits(sentence: string, compiled: CompiledLexicons = shippedLexicons(), tokens: readonly Token[] = tokenize(sentence)): LexiconHit[] {
	const clauses = clauseStarts(sentence, tokens);
	const hits: LexiconHit[] = [];
	for (const lexicon of compiled.lexicons) {
		if (lexicon.unless.some((phrase) => contains(tokens, phrase))) continue;
		const taken = new Array<boolean>(tokens.length).fill(false);
		const found: LexiconHit[] = [];
		for (let at = 0; at < tokens.length; at++) {
			let best: { end: number; phrase: CompiledPhrase } | undefined;
			for (const phrase of candidatesAt(lexicon, tokens[at].word)) {
				const end = matchAt(tokens, at, phrase);
				if (end > at && (!best || end > best.end)) best = { end, phrase };
			}
			if (!best || taken.slice(at, best.end).some(Boolean)) continue;
			for (let i = at; i < best.end; i++) taken[i] = true;
			const negated = lexicon.negatable && isNegated(tokens, at, best.end, clauses[at], compiled.negation);
			found.push({
				lexicon: lexicon.id,
				phrase: best.phrase.text,
				start: tokens[at].start,
				end: tokens[best.end - 1].end,
				tokenStart: at,
				tokenEnd: best.end,
				negated,
				valence: best.phrase.valence,
			});
			at = best.end - 1;
		}
		hits.push(...found);
	}
	return hits.sort((a, b) => a.start - b.start || a.lexicon.localeCompare(b.lexicon));
}
