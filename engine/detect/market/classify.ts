/**
 * What a news item or filing is about, from the table: at most one reading per market signal type.
 *
 * Deliberate choices:
 * - A negation within six words before the phrase, in the same clause, cancels it: "Acme denies layoff rumours"
 *   and "Acme has no plans to cut jobs" are no layoff signal. A denial is not an event a CSM can act on, and
 *   flagging it would teach people to ignore the alerts.
 * - A hedge in the same sentence ("reportedly", "in talks", "weighs") keeps the signal at a lower severity: an
 *   early, unconfirmed acquisition is still worth a call.
 * - 8-K item numbers decide a filing's type; items that are routine on their own (1.01 agreements, 2.02 results,
 *   7.01 Reg FD) need the phrase too.
 */
import type { NewsItem } from '../../model';
import { CLAUSE_MARKS, findPhrase, isSentenceMark, newsTokens, type CompiledMarketTable, type CompiledPhrase } from './table';

export interface Classification {
	type: string;
	/** The table phrase that decided, or "8-K Item 5.02". */
	cue: string;
	hedged: boolean;
	/** The competitor named (competitor partnership only). */
	competitor?: string;
}

function anyPresent(tokens: readonly string[], phrases: readonly CompiledPhrase[]): CompiledPhrase | undefined {
	return phrases.find((phrase) => findPhrase(tokens, phrase).length > 0);
}

function negated(tokens: readonly string[], start: number, table: CompiledMarketTable): boolean {
	let from = start;
	while (from > 0 && start - from < 6 && !CLAUSE_MARKS.has(tokens[from - 1])) from -= 1;
	const window = tokens.slice(from, start);
	return table.negations.some((negation) => findPhrase(window, negation).length > 0);
}

function sentenceAround(tokens: readonly string[], start: number, end: number): string[] {
	let from = start;
	while (from > 0 && !isSentenceMark(tokens[from - 1])) from -= 1;
	let to = end;
	while (to < tokens.length && !isSentenceMark(tokens[to])) to += 1;
	return tokens.slice(from, to);
}

/** Classify a text (headline and summary): every type whose phrase occurs un-negated, with its requirement met. */
export function classifyText(text: string, table: CompiledMarketTable, competitors: readonly string[] = []): Classification[] {
	const tokens = newsTokens(text);
	const competitorPhrases = competitors.map((name) => ({ text: name, tokens: newsTokens(name).filter((t) => !CLAUSE_MARKS.has(t)) })).filter((p) => p.tokens.length > 0);
	const out = new Map<string, Classification>();
	for (const rule of table.rules) {
		if (out.has(rule.type)) continue;
		let competitor: string | undefined;
		if (rule.requiresCompetitor) {
			competitor = anyPresent(tokens, competitorPhrases)?.text;
			if (!competitor) continue;
		}
		if (rule.requires.length > 0 && !anyPresent(tokens, rule.requires)) continue;
		for (const phrase of rule.phrases) {
			const hit = findPhrase(tokens, phrase).find(([start]) => !negated(tokens, start, table));
			if (!hit) continue;
			const sentence = sentenceAround(tokens, hit[0], hit[1]);
			const hedged = table.hedges.some((hedge) => findPhrase(sentence, hedge).length > 0);
			out.set(rule.type, { type: rule.type, cue: phrase.text, hedged, ...(competitor ? { competitor } : {}) });
			break;
		}
	}
	return [...out.values()];
}

/** A news item's readings: a filing by its item numbers (plus phrases where the item needs them), anything else by phrases. */
export function classifyNewsItem(item: NewsItem, table: CompiledMarketTable, competitors: readonly string[] = []): Classification[] {
	const text = [item.title, item.summary].filter(Boolean).join('. ');
	if (!item.filing) return classifyText(text, table, competitors);
	const filingText = [text, ...Object.values(item.filing.itemCaptions), ...Object.values(item.filing.itemText ?? {})].join('. ');
	const byPhrase = new Map(classifyText(filingText, table, competitors).map((c) => [c.type, c]));
	const out = new Map<string, Classification>();
	for (const number of item.filing.items) {
		const entry = table.filingItems[number];
		if (!entry || out.has(entry.type)) continue;
		if (entry.requiresPhrase && !byPhrase.has(entry.type)) continue;
		out.set(entry.type, { type: entry.type, cue: `${item.filing.form} Item ${number}`, hedged: false });
	}
	return [...out.values()];
}
