import Sentiment from 'sentiment';
import { findLexiconHits, shippedLexicons, type CompiledLexicons, type LexiconHit } from './lexicon';
import { isNegated, isNegatorAt } from './negation';
import { clauseStarts, tokenize, type Token } from './tokens';

/**
 * Sentence sentiment: `sentiment` (AFINN-165 word valences, emoji and a small negation rule; chosen on the labelled
 * and blind sets — engine/detect/language/EVALUATION.md) under a thin customer-success layer:
 *   1. neutral business words ("support", "shared", "plan") and every lexicon phrase found in the sentence are
 *      masked from the library, and the phrases' own valences are added instead — flipped and damped (× -0.74,
 *      VADER's negation factor) when negated, so "we are not planning to cancel" reads as reassurance;
 *   1b. negation is ours for the library's words too: negators are hidden from the library and each library word
 *      inside our scope (rules/lexicons/negation.json: five words, clause-aware, "nobody", "nothing", dismissals) is
 *      flipped and damped the same way;
 *   2. the text is lower-cased (some libraries compare negators case-sensitively: VADER's JS port let a
 *      sentence-initial "Nothing has improved" escape negation);
 *   3. the sum is normalised to -1 … +1 with VADER's formula x / √(x² + 15), the taxonomy's sentiment scale.
 * Each step is measured in EVALUATION.md (`node scripts/language-eval.js`).
 */

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

/** A sentiment library reduced to one number: the sentence's summed word valence (unbounded, VADER scale). */
export interface SentimentLibrary {
	name: string;
	rawScore(text: string): number;
}

const ALPHA = 15;
/** VADER's negation factor, used for negated lexicon phrases too. */
export const NEGATION_FACTOR = -0.74;
/** A sentence scoring above +threshold is positive, below -threshold negative (VADER's recommended 0.05). */
export const SENTIMENT_LABEL_THRESHOLD = 0.05;

export function normaliseScore(raw: number): number {
	const score = raw / Math.sqrt(raw * raw + ALPHA);
	return Math.max(-1, Math.min(1, score));
}

/** The inverse of VADER's normalisation: compound → summed valence. */
export function denormaliseScore(compound: number): number {
	const c = Math.max(-0.9999, Math.min(0.9999, compound));
	return (c * Math.sqrt(ALPHA)) / Math.sqrt(1 - c * c);
}

const AFINN = new Sentiment();

/** `sentiment`'s summed AFINN-165 valence (its `score`). */
export const AFINN_165: SentimentLibrary = {
	name: 'sentiment (AFINN-165)',
	rawScore: (text) => AFINN.analyze(text).score,
};

export function labelOf(score: number, threshold = SENTIMENT_LABEL_THRESHOLD): SentimentLabel {
	return score > threshold ? 'positive' : score < -threshold ? 'negative' : 'neutral';
}

export interface SentenceSentiment {
	/** -1 (negative) … +1 (positive). */
	score: number;
	label: SentimentLabel;
}

export interface SentimentOptions {
	lexicons?: CompiledLexicons;
	library?: SentimentLibrary;
	/** false: the library alone, for the evaluation's baseline. */
	domainLayer?: boolean;
	/** false: no negation of ours — lexicon phrases keep their valence when negated and the library negates its own
	 * words (the evaluation's ablation of our negation handling). */
	phraseNegation?: boolean;
	/** Already computed for this sentence (saves a second pass). */
	hits?: readonly LexiconHit[];
	tokens?: readonly Token[];
}

const FILLER = 'xx';

/** The sentence with the given tokens replaced by a filler word (keeps word distances for the library's negation). */
function mask(text: string, tokens: readonly Token[], masked: ReadonlySet<number>): string {
	let out = '';
	let last = 0;
	tokens.forEach((token, i) => {
		if (!masked.has(i)) return;
		out += text.slice(last, token.start) + FILLER;
		last = token.end;
	});
	return out + text.slice(last);
}

/** Single-word valences per library, cached: the scale our negation flips. */
const WORD_VALENCE = new WeakMap<SentimentLibrary, Map<string, number>>();
function wordValence(library: SentimentLibrary, word: string): number {
	let cache = WORD_VALENCE.get(library);
	if (!cache) WORD_VALENCE.set(library, (cache = new Map()));
	let value = cache.get(word);
	if (value === undefined) {
		value = library.rawScore(word);
		if (cache.size < 50_000) cache.set(word, value);
	}
	return value;
}

export function scoreSentence(text: string, options: SentimentOptions = {}): SentenceSentiment {
	const library = options.library ?? AFINN_165;
	if (options.domainLayer === false) {
		const score = normaliseScore(library.rawScore(text));
		return { score, label: labelOf(score) };
	}
	const compiled = options.lexicons ?? shippedLexicons();
	const tokens = options.tokens ?? tokenize(text);
	const hits = options.hits ?? findLexiconHits(text, compiled, tokens);
	const ownNegation = options.phraseNegation !== false;
	const masked = new Set<number>();
	tokens.forEach((token, i) => {
		if (compiled.neutralWords.has(token.word)) masked.add(i);
	});
	let domain = 0;
	for (const hit of hits) {
		if (hit.valence === 0) continue;
		for (let i = hit.tokenStart; i < hit.tokenEnd; i++) masked.add(i);
		domain += hit.negated && ownNegation ? hit.valence * NEGATION_FACTOR : hit.valence;
	}
	let correction = 0;
	if (ownNegation) {
		// Our negation replaces the library's (whose scope is two or three words and misses "nobody", "nothing", "no one"):
		// negators are hidden from the library, and every library word inside our negation scope is flipped and damped.
		const clauses = clauseStarts(text, tokens);
		tokens.forEach((_, i) => {
			if (!masked.has(i) && isNegatorAt(tokens, i, compiled.negation)) masked.add(i);
		});
		tokens.forEach((token, i) => {
			if (masked.has(i) || !isNegated(tokens, i, i + 1, clauses[i], compiled.negation)) return;
			const valence = wordValence(library, token.word);
			if (valence !== 0) correction += (NEGATION_FACTOR - 1) * valence;
		});
	}
	const score = normaliseScore(library.rawScore(mask(text, tokens, masked).toLowerCase()) + correction + domain);
	return { score: Math.round(score * 10000) / 10000, label: labelOf(score) };
}
