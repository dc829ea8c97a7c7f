/** BriefDocument → Markdown (CommonMark + GFM). Every sentence is escaped; links are http(s) only. */
import { type BriefDocument, type Sentence, type SourceEntry, sourceName } from './document';
import { escapeMarkdown, safeUrl, truncateEscaped } from './escape';
import { formatDate, signalTypeLabel } from './format';

/** Markdown sentences may be long but not unbounded (a 100 kB evidence string stays readable). */
export const MARKDOWN_SENTENCE_MAX = 2000;

function markdownLink(url: string | null, label: string): string {
	const href = safeUrl(url);
	return href ? `[${label}](<${href}>)` : label;
}

export function markdownSentence(sentence: Sentence, sources: ReadonlyMap<string, SourceEntry>, max = MARKDOWN_SENTENCE_MAX): string {
	const label = sentence.label ? `**${escapeMarkdown(sentence.label)}:** ` : '';
	const marks = sentence.citations
		.map((id) => sources.get(id))
		.filter((s): s is SourceEntry => s !== undefined)
		.map((s) => markdownLink(s.url, `\\[${s.n}\\]`))
		.join('');
	const text = escapeMarkdownTruncated(sentence.text, max);
	return `${label}${text}${marks ? ` ${marks}` : ''}`;
}

function escapeMarkdownTruncated(text: string, max: number): string {
	return truncateEscaped(escapeMarkdown(text), max);
}

export function markdownSourceLine(source: SourceEntry): string {
	const what = source.type ? ` — ${escapeMarkdown(signalTypeLabel(source.type))}${source.observedAt ? `, ${formatDate(source.observedAt)}` : ''}` : '';
	return `${source.n}. ${markdownLink(source.url, escapeMarkdown(sourceName(source)))}${what}`;
}

export function renderMarkdown(document: BriefDocument): string {
	const byId = new Map(document.sources.map((s) => [s.signalId, s]));
	const out: string[] = [`# ${escapeMarkdown(document.title)}`, ''];
	if (document.subtitle) out.push(`_${escapeMarkdown(document.subtitle)}_`, '');
	for (const section of document.sections) {
		out.push(`## ${escapeMarkdown(section.heading)}`, '');
		if (section.sentences.length === 0) {
			out.push('_Nothing to report._', '');
			continue;
		}
		if (section.style === 'paragraph') out.push(section.sentences.map((s) => markdownSentence(s, byId)).join(' '), '');
		else out.push(...section.sentences.map((s) => `- ${markdownSentence(s, byId)}`), '');
	}
	if (document.sources.length > 0) {
		out.push('## Sources', '', ...document.sources.map(markdownSourceLine), '');
	}
	if (document.recordUrl) out.push(`${markdownLink(document.recordUrl, escapeMarkdown(document.recordLabel ?? 'Account record'))}`, '');
	return out.join('\n');
}
