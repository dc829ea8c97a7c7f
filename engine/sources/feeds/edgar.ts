/**
 * One 8-K filing's item text, for the items a detector needs words from (Item 5.02 names the officer who
 * leaves or arrives; the Atom entry only carries the item numbers). Two requests: the filing index page, then
 * the primary document it lists. Only the opening of each wanted item is kept.
 */
import { contextRedactor, RequestFailure, requestWithRetry, type SourceContext } from '../http';
import { bodyText, htmlToText } from './parse';

export const FILING_ITEM_TEXT_MAX_CHARS = 1500;

/** The primary document of a filing index page: the first "Document Format Files" row whose type is the form. */
export function primaryDocumentUrl(indexHtml: string, indexUrl: string, form: string): string | undefined {
	const rows = indexHtml.match(/<tr[\s\S]*?<\/tr>/gi) ?? [];
	for (const row of rows) {
		const cells = (row.match(/<td[\s\S]*?<\/td>/gi) ?? []).map((cell) => cell);
		if (cells.length < 4) continue;
		const type = htmlToText(cells[3]).trim().toUpperCase();
		if (type !== form.toUpperCase()) continue;
		const href = /href="([^"]+)"/i.exec(cells[2])?.[1];
		if (!href) continue;
		// Inline-XBRL documents are linked through the viewer: /ix?doc=/Archives/…
		const path = href.replace(/^\/ix\?doc=/, '');
		return new URL(path, indexUrl).toString();
	}
	return undefined;
}

/** Item number → the opening text of that item ("Item 5.02 … On November 10, 2026, Jane R. Doe notified …"). */
export function filingItemSections(documentText: string, wanted: readonly string[]): Record<string, string> {
	const text = documentText.replace(/\s+/g, ' ');
	const headings = [...text.matchAll(/\bItem\s+(\d+\.\d{2})\.?/gi)];
	const sections: Record<string, string> = {};
	for (const number of wanted) {
		// The last heading for the item is the body; earlier ones are the cover page's list.
		const starts = headings.filter((heading) => heading[1] === number);
		const start = starts[starts.length - 1];
		if (!start || start.index === undefined) continue;
		const next = headings.find((heading) => heading.index! > start.index! && heading[1] !== number);
		const body = text.slice(start.index + start[0].length, next?.index ?? text.length).trim();
		// Drop the item's caption ("Departure of Directors or Certain Officers; …; Compensatory Arrangements of Certain Officers.").
		const caption = body.replace(/^[A-Z][A-Za-z,;'’ ]{5,300}\.\s+/, '');
		sections[number] = caption.length > FILING_ITEM_TEXT_MAX_CHARS ? `${caption.slice(0, FILING_ITEM_TEXT_MAX_CHARS - 1)}…` : caption;
	}
	return sections;
}

async function getText(context: SourceContext, url: string, userAgent: string): Promise<string> {
	const response = await requestWithRetry(context, { method: 'GET', url, headers: { 'User-Agent': userAgent, Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } });
	const text = bodyText(response.body);
	if (text === undefined) throw new RequestFailure(response.statusCode, 1, 'the response is not text');
	const redactor = contextRedactor(context);
	return redactor.active ? redactor.text(text) : text;
}

/** Read the wanted items' text of one filing; throws RequestFailure when a request fails. */
export async function readFilingItemText(context: SourceContext, indexUrl: string, form: string, wanted: readonly string[], userAgent: string): Promise<Record<string, string>> {
	const index = await getText(context, indexUrl, userAgent);
	const documentUrl = primaryDocumentUrl(index, indexUrl, form);
	if (!documentUrl) return {};
	return filingItemSections(htmlToText(await getText(context, documentUrl, userAgent)), wanted);
}
