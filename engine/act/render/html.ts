/**
 * BriefDocument → e-mail-safe HTML: one self-contained fragment with inline styles only (no <style>, no
 * scripts, no external images or fonts), every piece of text escaped, links http(s) only.
 */
import { type BriefDocument, type Sentence, type SourceEntry, sourceName } from './document';
import { escapeHtml, safeUrl, truncateEscaped } from './escape';
import { formatDate, signalTypeLabel } from './format';

export const HTML_SENTENCE_MAX = 4000;

export const HTML_STYLE = {
	body: 'font-family:Arial,Helvetica,sans-serif;color:#1f2933;font-size:14px;line-height:1.5;max-width:720px;margin:0 auto;padding:16px;',
	title: 'font-size:22px;margin:0 0 4px 0;color:#102a43;',
	subtitle: 'font-size:13px;color:#627d98;margin:0 0 16px 0;',
	heading: 'font-size:16px;margin:20px 0 6px 0;color:#102a43;border-bottom:1px solid #d9e2ec;padding-bottom:4px;',
	paragraph: 'margin:0 0 8px 0;',
	list: 'margin:0 0 8px 0;padding-left:20px;',
	item: 'margin:0 0 4px 0;',
	cite: 'font-size:11px;color:#486581;text-decoration:none;',
	sources: 'font-size:12px;color:#486581;margin:0;padding-left:20px;',
	link: 'color:#2f6fde;',
	muted: 'color:#829ab1;font-style:italic;',
} as const;

function htmlLink(url: string | null, labelHtml: string, style: string = HTML_STYLE.link): string {
	const href = safeUrl(url);
	return href ? `<a href="${escapeHtml(href)}" style="${style}">${labelHtml}</a>` : labelHtml;
}

export function htmlSentence(sentence: Sentence, sources: ReadonlyMap<string, SourceEntry>, max = HTML_SENTENCE_MAX): string {
	const label = sentence.label ? `<strong>${escapeHtml(sentence.label)}:</strong> ` : '';
	const marks = sentence.citations
		.map((id) => sources.get(id))
		.filter((s): s is SourceEntry => s !== undefined)
		.map((s) => `<sup>${htmlLink(s.url, `[${s.n}]`, HTML_STYLE.cite)}</sup>`)
		.join('');
	return `${label}${truncateEscaped(escapeHtml(sentence.text), max)}${marks}`;
}

export function renderHtmlFragment(document: BriefDocument): string {
	const byId = new Map(document.sources.map((s) => [s.signalId, s]));
	const out: string[] = [`<div style="${HTML_STYLE.body}">`, `<h1 style="${HTML_STYLE.title}">${escapeHtml(document.title)}</h1>`];
	if (document.subtitle) out.push(`<p style="${HTML_STYLE.subtitle}">${escapeHtml(document.subtitle)}</p>`);
	for (const section of document.sections) {
		out.push(`<h2 style="${HTML_STYLE.heading}">${escapeHtml(section.heading)}</h2>`);
		if (section.sentences.length === 0) out.push(`<p style="${HTML_STYLE.paragraph}${HTML_STYLE.muted}">Nothing to report.</p>`);
		else if (section.style === 'paragraph') out.push(`<p style="${HTML_STYLE.paragraph}">${section.sentences.map((s) => htmlSentence(s, byId)).join(' ')}</p>`);
		else out.push(`<ul style="${HTML_STYLE.list}">${section.sentences.map((s) => `<li style="${HTML_STYLE.item}">${htmlSentence(s, byId)}</li>`).join('')}</ul>`);
	}
	if (document.sources.length > 0) {
		out.push(`<h2 style="${HTML_STYLE.heading}">Sources</h2>`, `<ol style="${HTML_STYLE.sources}">`);
		for (const source of document.sources) {
			const what = source.type ? ` — ${escapeHtml(signalTypeLabel(source.type))}${source.observedAt ? `, ${escapeHtml(formatDate(source.observedAt))}` : ''}` : '';
			out.push(`<li>${htmlLink(source.url, escapeHtml(sourceName(source)))}${what}</li>`);
		}
		out.push('</ol>');
	}
	if (document.recordUrl) out.push(`<p style="${HTML_STYLE.paragraph}">${htmlLink(document.recordUrl, escapeHtml(document.recordLabel ?? 'Account record'))}</p>`);
	out.push('</div>');
	return out.join('\n');
}

/** A complete e-mail-ready page around the fragment. */
export function renderHtml(document: BriefDocument): string {
	return [
		'<!DOCTYPE html>',
		'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(document.title)}</title></head>`,
		'<body style="margin:0;background:#ffffff;">',
		renderHtmlFragment(document),
		'</body></html>',
		'',
	].join('\n');
}
