/**
 * Words of a sentence with their character offsets: the one tokenizer the lexicon matcher, negation and
 * the sentiment layer share, so "we're", "don't" and "follow-up" are one word everywhere.
 */
export interface Token {
	/** Lower-case, curly apostrophes straightened. */
	word: string;
	start: number;
	end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*/gu;

export function normaliseApostrophes(text: string): string {
	return text.replace(/[’‘`´]/g, "'");
}

export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	for (const match of text.matchAll(WORD)) {
		const raw = match[0];
		// "4.2" and "acme.com" stay one token; a trailing period never reaches here (the pattern needs a character after it)
		tokens.push({ word: normaliseApostrophes(raw).toLowerCase(), start: match.index!, end: match.index! + raw.length });
	}
	return tokens;
}

/** Just the words, for phrases written in a lexicon. */
export function words(text: string): string[] {
	return tokenize(text).map((token) => token.word);
}

const CLAUSE_PUNCTUATION = /[,;:()!?\u2013\u2014]|\s-\s/;

/** For each token, the index of the first token of its clause (punctuation between words ends a clause). */
export function clauseStarts(text: string, tokens: readonly Token[]): number[] {
	const starts: number[] = [];
	let current = 0;
	tokens.forEach((token, i) => {
		if (i > 0 && CLAUSE_PUNCTUATION.test(text.slice(tokens[i - 1].end, token.start))) current = i;
		starts.push(current);
	});
	return starts;
}
