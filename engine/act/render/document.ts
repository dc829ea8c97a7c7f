/**
 * The medium-neutral shape of everything people read: a document of sections of sentences, each sentence
 * carrying the ids of the signals it rests on. Briefs and alerts build documents; the markdown, HTML and
 * Slack renderers turn them into text, escaping every sentence for its medium. Because citations are data,
 * a test can check that every factual sentence cites a signal that was really in the input.
 */

/**
 * What a sentence rests on:
 * - `signals`: a fact drawn from signals; `citations` lists them (never empty).
 * - `record`: a fact from the account record (ARR, renewal date, contacts) — cites the CRM record, not a signal.
 * - `guidance`: a recommendation or agenda prompt; cites the signals that motivate it when there are any.
 * - `note`: a statement about missing data ("No signals in the last 90 days").
 */
export type SentenceBasis = 'signals' | 'record' | 'guidance' | 'note';

export interface Sentence {
	text: string;
	citations: string[];
	basis: SentenceBasis;
	/** Optional short bold lead-in ("Owner", "2026-03-02"), plain text. */
	label?: string;
}

export interface DocumentSection {
	id: string;
	heading: string;
	/** Paragraph: sentences run together; list: one bullet each. */
	style: 'paragraph' | 'list';
	sentences: Sentence[];
}

/** One cited source, numbered in order of first citation. */
export interface SourceEntry {
	n: number;
	signalId: string;
	/** Known when the signal itself was in the input; null when only its id reached us (e.g. via a risk driver). */
	system: string | null;
	ref: string | null;
	url: string | null;
	type: string | null;
	observedAt: string | null;
	evidence: string | null;
}

export interface BriefDocument {
	title: string;
	subtitle: string;
	sections: DocumentSection[];
	sources: SourceEntry[];
	/** The CRM record link, when the account has one. */
	recordUrl: string | null;
	recordLabel: string | null;
}

export const fact = (text: string, citations: readonly string[], label?: string): Sentence =>
	citations.length > 0
		? { text, citations: unique(citations), basis: 'signals', ...(label ? { label } : {}) }
		: { text, citations: [], basis: 'record', ...(label ? { label } : {}) };
export const record = (text: string, label?: string): Sentence => ({ text, citations: [], basis: 'record', ...(label ? { label } : {}) });
export const guidance = (text: string, citations: readonly string[] = [], label?: string): Sentence => ({
	text,
	citations: unique(citations),
	basis: 'guidance',
	...(label ? { label } : {}),
});
export const note = (text: string, label?: string): Sentence => ({ text, citations: [], basis: 'note', ...(label ? { label } : {}) });

export function unique<T>(values: readonly T[]): T[] {
	return Array.from(new Set(values));
}

/** Signals known to the renderer, by id (from the input signal history). */
export interface CitableSignal {
	id: string;
	type: string;
	observedAt: string;
	evidence: string;
	source: { system: string; ref: string; url?: string };
}

/** Number the sources in order of first citation across the sections. */
export function collectSources(sections: readonly DocumentSection[], signals: ReadonlyMap<string, CitableSignal>): SourceEntry[] {
	const order: string[] = [];
	const seen = new Set<string>();
	for (const section of sections)
		for (const sentence of section.sentences)
			for (const id of sentence.citations)
				if (!seen.has(id)) {
					seen.add(id);
					order.push(id);
				}
	return order.map((signalId, index) => {
		const signal = signals.get(signalId);
		return {
			n: index + 1,
			signalId,
			system: signal?.source.system || null,
			ref: signal?.source.ref || null,
			url: signal?.source.url || null,
			type: signal?.type || null,
			observedAt: signal?.observedAt || null,
			evidence: signal?.evidence || null,
		};
	});
}

/**
 * How a source is named in every medium (plain text): `zendesk 4521`; without a source record, what the signal
 * said ("Weekly active users down 35% …", shortened); with nothing known, `signal sig_ab12…`.
 */
export function sourceName(source: SourceEntry): string {
	if (source.system && source.ref) return `${source.system} ${source.ref}`;
	if (source.evidence) return shorten(source.evidence);
	return `signal ${source.signalId}`;
}

/** A source named by what the signal said (for alerts, where the reader has no brief around it), else by its record. */
export function sourceEvidenceName(source: SourceEntry): string {
	return source.evidence ? shorten(source.evidence) : sourceName(source);
}

function shorten(text: string, max = 90): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
