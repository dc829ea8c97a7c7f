import { z } from 'zod';
import { findLexiconHits, LEXICON_IDS, shippedLexicons, type CompiledLexicons, type LexiconId } from './lexicon';
import { snippetOf, DEFAULT_SNIPPET_CHARS } from './evidence';
import { splitSentences, type TextKind } from './sentences';
import { scoreSentence, type SentenceSentiment } from './sentiment';
import { SIDES, type Speaker } from './speakers';
import { tokenize } from './tokens';

/**
 * The privacy boundary of every text source: text goes in; what comes out holds numbers, phrase ids and a bounded,
 * optionally redacted snippet only for the sentences a detector may quote (a signal phrase, a tone, or what the
 * caller's `quotable` test accepts, e.g. a question). Detectors only ever see AnalysedSentence, so no detector can
 * quote (or keep) more than that snippet, and a caller who keeps the analysis keeps no full text.
 */

/** One signal lexicon phrase found (not negated) in a sentence. */
export interface Mention {
	lexicon: Exclude<LexiconId, 'sentiment_terms'>;
	phrase: string;
}

export interface AnalysedSentence {
	/** Index of the turn / message the sentence came from, and of the sentence within it. */
	unit: number;
	index: number;
	speaker: Speaker;
	sentiment: SentenceSentiment;
	/** Signal phrases found, not negated. */
	mentions: Mention[];
	/** Signal phrases found but negated ("we are not planning to cancel"): no signal, kept for explanations. */
	negatedMentions: Mention[];
	/**
	 * The sentence as a quote — at most `snippetChars` characters, centred on the first mention, redacted on request —
	 * only when the sentence is quotable (a mention, a tone, or `quotable`); neutral small talk keeps no text at all.
	 */
	snippet?: string;
	/** The caller's `quotable` test accepted the sentence (e.g. it asks a question). */
	flagged: boolean;
}

export interface TextUnit {
	speaker: Speaker;
	text: string;
}

export interface AnalysisOptions {
	lexicons?: CompiledLexicons;
	kind?: TextKind;
	snippetChars?: number;
	/** Mask names, e-mail addresses, phone numbers and numbers in every snippet. */
	redact?: boolean;
	/** Extra names to mask when redacting (account contacts); speakers' names are always included. */
	redactNames?: readonly string[];
	/** Sentences a detector may quote besides those with a mention or a tone (the Slack question detector's). */
	quotable?: (sentence: string) => boolean;
}

export function analyseUnits(units: readonly TextUnit[], options: AnalysisOptions = {}): AnalysedSentence[] {
	const lexicons = options.lexicons ?? shippedLexicons();
	const names = options.redact
		? [...new Set([...(options.redactNames ?? []), ...units.map((u) => u.speaker.name).filter((n): n is string => !!n)])]
		: [];
	const out: AnalysedSentence[] = [];
	units.forEach((unit, unitIndex) => {
		splitSentences(unit.text, options.kind ?? 'plain').forEach((sentence, index) => {
			const tokens = tokenize(sentence);
			if (tokens.length === 0) return;
			const hits = findLexiconHits(sentence, lexicons, tokens);
			const sentiment = scoreSentence(sentence, { lexicons, hits, tokens });
			const signalHits = hits.filter((hit) => hit.lexicon !== 'sentiment_terms');
			const focus = signalHits.find((hit) => !hit.negated);
			const flagged = options.quotable?.(sentence) === true;
			const quotable = flagged || focus !== undefined || sentiment.label !== 'neutral';
			out.push({
				unit: unitIndex,
				index,
				speaker: unit.speaker,
				sentiment,
				mentions: signalHits.filter((hit) => !hit.negated).map((hit) => ({ lexicon: hit.lexicon as Mention['lexicon'], phrase: hit.phrase })),
				negatedMentions: signalHits.filter((hit) => hit.negated).map((hit) => ({ lexicon: hit.lexicon as Mention['lexicon'], phrase: hit.phrase })),
				flagged,
				...(quotable
					? {
							snippet: snippetOf(sentence, {
								maxChars: options.snippetChars ?? DEFAULT_SNIPPET_CHARS,
								...(focus ? { focus: { start: focus.start, end: focus.end } } : {}),
								redact: options.redact ? { names } : false,
							}),
						}
					: {}),
			});
		});
	});
	return out;
}

/** Mean sentiment of the given sentences (0 when none). */
export function meanSentiment(sentences: readonly AnalysedSentence[]): number {
	if (sentences.length === 0) return 0;
	return sentences.reduce((sum, s) => sum + s.sentiment.score, 0) / sentences.length;
}

/** Mean of the opinionated (non-neutral) sentences; undefined when nothing said had a tone. */
export function toneOf(sentences: readonly AnalysedSentence[]): number | undefined {
	const scored = sentences.filter((s) => s.sentiment.label !== 'neutral');
	if (scored.length === 0) return undefined;
	return scored.reduce((sum, s) => sum + s.sentiment.score, 0) / scored.length;
}

/** The most positive (direction 1) or most negative (-1) sentence with that tone; the earliest wins a tie. */
export function mostExtreme(sentences: readonly AnalysedSentence[], direction: 1 | -1): AnalysedSentence | undefined {
	const toned = sentences.filter((s) => s.snippet !== undefined && (direction === 1 ? s.sentiment.label === 'positive' : s.sentiment.label === 'negative'));
	return toned.sort((a, b) => direction * (b.sentiment.score - a.sentiment.score) || a.unit - b.unit || a.index - b.index)[0];
}

const SpeakerSchema = z.object({
	key: z.string(),
	name: z.string().optional(),
	email: z.string().optional(),
	title: z.string().optional(),
	side: z.enum(SIDES),
	champion: z.boolean(),
	execSponsor: z.boolean(),
});

const MentionSchema = z.object({ lexicon: z.enum(LEXICON_IDS).refine((id) => id !== 'sentiment_terms', 'is not a signal lexicon'), phrase: z.string() });

/** An analysed sentence as a run keeps it between runs (workflow static data), validated when read back. */
export const AnalysedSentenceSchema = z.object({
	unit: z.number().int().nonnegative(),
	index: z.number().int().nonnegative(),
	speaker: SpeakerSchema,
	sentiment: z.object({ score: z.number().min(-1).max(1), label: z.enum(['positive', 'negative', 'neutral']) }),
	mentions: z.array(MentionSchema),
	negatedMentions: z.array(MentionSchema),
	snippet: z.string().optional(),
	flagged: z.boolean(),
}) as unknown as z.ZodType<AnalysedSentence>;

/** Which sentences a source's detectors quote (and so which snippets a run may keep for them). */
export interface QuotedSentences {
	/** Lexicons whose first mention a signal quotes (the source's language signals). */
	lexicons: readonly string[];
	/** The most positive sentence of each speaker (a champion's positive sentiment quotes it). */
	mostPositivePerSpeaker: boolean;
	/** The first flagged sentence (an unanswered question quotes it). */
	firstFlagged: boolean;
}

/**
 * The part of a conversation's analysis a run keeps for the next runs, when the text itself is not kept: every
 * sentence that moves a score or a count (a tone, a phrase, a flagged question), with its numbers and phrase ids —
 * and a snippet only on the sentences the source's detectors quote: the first mention of each quoted lexicon, the
 * most negative sentence, and (as `quoted` says) the most positive of each speaker and the first flagged sentence.
 * Neutral small talk is not kept at all. Detectors reading it find the same tones, counts and quotes as from the text.
 */
export function keepForLater(sentences: readonly AnalysedSentence[], quoted: QuotedSentences): AnalysedSentence[] {
	const keep = new Set<AnalysedSentence>();
	const add = (s: AnalysedSentence | undefined) => s && keep.add(s);
	for (const lexicon of quoted.lexicons) add(sentences.find((s) => s.mentions.some((m) => m.lexicon === lexicon)));
	add(mostExtreme(sentences, -1));
	if (quoted.mostPositivePerSpeaker) for (const key of new Set(sentences.map((s) => s.speaker.key))) add(mostExtreme(sentences.filter((s) => s.speaker.key === key), 1));
	if (quoted.firstFlagged) add(sentences.find((s) => s.flagged));
	return sentences
		.filter((s) => s.sentiment.label !== 'neutral' || s.mentions.length > 0 || s.negatedMentions.length > 0 || s.flagged)
		.map((s) => {
			if (keep.has(s) || s.snippet === undefined) return s;
			const { snippet: _snippet, ...rest } = s;
			return rest;
		});
}
