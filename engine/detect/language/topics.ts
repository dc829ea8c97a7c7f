import { tokenize } from './tokens';

/**
 * Topic terms, for "the same issue resurfacing" (support.repeat_issue, to be built on this): the content words of
 * a ticket subject or message, lower-cased, without function words and with plural/verb endings folded, so
 * "Exports failing again" and "export failed" share {export, fail}. Deliberately simple and explainable: the
 * detector can show which words two tickets share.
 */
const STOPWORDS = new Set(
	(
		'a an and are as at be been but by can could did do does for from had has have i if in into is it its me my no not of on or our ' +
		'please so that the their them then there these they this to us was we were what when where which who why will with would you your ' +
		'again still any all also just now today yesterday hi hello thanks thank issue problem question help team'
	).split(' '),
);

function fold(word: string): string {
	if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
	if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
	if (word.length > 4 && word.endsWith('es') && /(?:ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
	if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
	return word;
}

export function topicTerms(text: string): Set<string> {
	const terms = new Set<string>();
	for (const { word } of tokenize(text)) {
		if (word.length < 3 || STOPWORDS.has(word) || /^\d/.test(word)) continue;
		terms.add(fold(word.replace(/'s$/, '')));
	}
	return terms;
}

/** Jaccard overlap of two texts' topic terms (0 … 1) and the terms they share. */
export function topicOverlap(a: string, b: string): { score: number; shared: string[] } {
	const x = topicTerms(a);
	const y = topicTerms(b);
	const shared = [...x].filter((term) => y.has(term)).sort();
	const union = new Set([...x, ...y]).size;
	return { score: union === 0 ? 0 : shared.length / union, shared };
}
