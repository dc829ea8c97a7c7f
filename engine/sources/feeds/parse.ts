/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom text → NewsItems (engine/model), through feedsmith.
 *
 * Why feedsmith (compared with rss-parser, which n8n's RSS node uses, and @rowanmanning/feed-parser): it parses
 * from a string and does no HTTP of its own (our request port does, with retries and conditional GETs); it is
 * maintained; it keeps dates as written, so a filing's "-05:00" offset survives (rss-parser and feed-parser
 * normalise to UTC, which moves an evening filing to the next day in the evidence); it keeps Google News'
 * <source url> (feed-parser drops it; rss-parser needs customFields) and the raw XML of an EDGAR entry's
 * <content> (accession number, filing date, items). The price: its output follows each format, so the mapping
 * below reads RSS items and Atom entries separately.
 */
import { DateTime } from 'luxon';
import { decodeHTML } from 'entities';
import { parseFeed } from 'feedsmith';
import { createHash } from 'node:crypto';
import type { NewsFeedKind, NewsFiling, NewsItem } from '../../model';
import { isEdgarUrl } from './urls';

export const SUMMARY_MAX_CHARS = 600;

/** HTML (or text that may hold tags) → one line of plain text. */
export function htmlToText(html: string): string {
	const withoutMarkup = html
		.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
		.replace(/<[^>]+>/g, ' ');
	return decodeHTML(withoutMarkup).replace(/\u00a0/g, ' ').replace(/[ \t\r\f\v]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function clip(text: string, max: number): string {
	return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** RFC 822 (RSS) or ISO-8601 (Atom, dc:date) → ISO keeping the written offset; undefined when unreadable. */
export function feedDate(value: unknown): string | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const candidates = [
		DateTime.fromRFC2822(text, { setZone: true }),
		DateTime.fromISO(text, { setZone: true, zone: 'utc' }),
		DateTime.fromHTTP(text, { setZone: true }),
	];
	// A zone RFC 2822 does not name ("CET", "BST") stays unread rather than guessed: a wrong hour would move the day.
	const parsed = candidates.find((candidate) => candidate.isValid);
	return parsed ? (parsed.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

/** Text of an Atom text construct ({ value, type }) or a plain string; HTML when the type says so. */
function textOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return htmlToText(value) || undefined;
	if (typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') return htmlToText((value as { value: string }).value) || undefined;
	return undefined;
}

function rawOf(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') return (value as { value: string }).value;
	return undefined;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** The first element's text inside raw XML (`<filing-date>2026-11-13</filing-date>`). */
function xmlField(xml: string | undefined, name: string): string | undefined {
	if (!xml) return undefined;
	const match = new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`, 'i').exec(xml);
	return match ? decodeHTML(match[1]).trim() || undefined : undefined;
}

/** EDGAR entry → filing: item numbers and captions from the summary ("Item 5.02: Departure of …"), else from <items-desc>. */
function edgarFiling(entry: Record<string, unknown>, feedTitle: string | undefined, form: string | undefined): NewsFiling | undefined {
	const content = rawOf(entry.content);
	const summary = rawOf(entry.summary) ?? '';
	const formType = form ?? xmlField(content, 'filing-type');
	if (!formType) return undefined;
	const captions: Record<string, string> = {};
	for (const line of htmlToText(summary).split('\n')) {
		const match = /Item\s+(\d+\.\d{2})\s*:\s*(.+)$/i.exec(line.trim());
		if (match) captions[match[1]] = oneLine(match[2]);
	}
	const items = Object.keys(captions);
	for (const number of (xmlField(content, 'items-desc') ?? '').match(/\d+\.\d{2}/g) ?? []) if (!items.includes(number)) items.push(number);
	const company = feedTitle ? /^(.*?)\s*\((\d{10})\)/.exec(feedTitle) : null;
	const filing: NewsFiling = { form: formType, items, itemCaptions: captions };
	const accession = xmlField(content, 'accession-number');
	const filingDate = xmlField(content, 'filing-date');
	if (accession) filing.accessionNumber = accession;
	if (filingDate) filing.filingDate = filingDate;
	if (company) {
		filing.companyName = oneLine(company[1]);
		filing.cik = company[2];
	}
	return filing;
}

function itemId(candidates: Array<string | undefined>, title: string, publishedAt: string | undefined): string {
	const id = candidates.find((candidate) => candidate && candidate.trim() !== '');
	if (id) return id.trim();
	return `sha256:${createHash('sha256').update(`${title}\u001f${publishedAt ?? ''}`).digest('hex').slice(0, 24)}`;
}

function alternateLink(links: unknown): string | undefined {
	const all = list(links).map(record);
	const alternate = all.find((link) => (link.rel ?? 'alternate') === 'alternate' && typeof link.href === 'string') ?? all.find((link) => typeof link.href === 'string');
	return alternate?.href as string | undefined;
}

/** Google News titles end in " - Publisher": remove it when it names the item's source. */
function withoutPublisherSuffix(title: string, publisher: string | undefined): string {
	if (!publisher) return title;
	const suffix = ` - ${publisher}`;
	return title.endsWith(suffix) ? title.slice(0, -suffix.length).trim() : title;
}

export interface ParseFeedContext {
	kind: NewsFeedKind;
	url: string;
	label?: string;
	accountId?: string;
}

export class FeedParseError extends Error {}

/** Parse feed text (RSS 2.0, RSS 1.0 / RDF or Atom) into NewsItems. Throws FeedParseError for anything else. */
export function parseFeedItems(text: string, context: ParseFeedContext): { title?: string; items: NewsItem[] } {
	let parsed: { format: string; feed: unknown };
	try {
		parsed = parseFeed(text) as { format: string; feed: unknown };
	} catch (error) {
		const start = oneLine(text.slice(0, 60));
		throw new FeedParseError(`is not an RSS or Atom feed (${(error as Error).message}${start ? `; it starts with ${JSON.stringify(start)}` : '; the body is empty'})`);
	}
	const feed = record(parsed.feed);
	const feedTitle = textOf(feed.title);
	const edgar = context.kind === 'edgar' || isEdgarUrl(context.url);
	const base = { kind: (edgar ? 'edgar' : context.kind) as NewsFeedKind, url: context.url, ...(feedTitle ? { title: feedTitle } : {}), ...(context.label ? { label: context.label } : {}), ...(context.accountId ? { accountId: context.accountId } : {}) };
	const items: NewsItem[] = [];

	if (parsed.format === 'atom') {
		for (const raw of list(feed.entries)) {
			const entry = record(raw);
			const categories = list(entry.categories).map((category) => String(record(category).term ?? record(category).label ?? '')).filter(Boolean);
			const publishedAt = feedDate(entry.published) ?? feedDate(entry.updated);
			const filing = edgar ? edgarFiling(entry, feedTitle, categories[0]) : undefined;
			let title = textOf(entry.title) ?? '';
			if (filing) title = oneLine(title.replace(/\s+-\s+/, ' - '));
			const link = alternateLink(entry.links);
			const summary = filing ? undefined : (textOf(entry.summary) ?? textOf(entry.content));
			const source = record(entry.source);
			const publisher = edgar ? 'SEC EDGAR' : (textOf(source.title) ?? feedTitle);
			items.push({
				id: itemId([entry.id as string | undefined, link], title, publishedAt),
				title,
				...(link ? { link } : {}),
				...(publishedAt ? { publishedAt } : {}),
				...(summary ? { summary: clip(oneLine(summary), SUMMARY_MAX_CHARS) } : {}),
				...(publisher ? { publisher } : {}),
				categories,
				feed: base,
				...(filing ? { filing } : {}),
			});
		}
		return { ...(feedTitle ? { title: feedTitle } : {}), items };
	}

	if (parsed.format === 'rss' || parsed.format === 'rdf') {
		for (const raw of list(feed.items)) {
			const item = record(raw);
			const dc = record(item.dc);
			const source = record(item.source);
			const sourceTitle = typeof source.title === 'string' ? oneLine(source.title) : undefined;
			const publisher = sourceTitle ?? feedTitle;
			const publishedAt = feedDate(item.pubDate) ?? feedDate(dc.date);
			let title = textOf(item.title) ?? '';
			title = withoutPublisherSuffix(title, sourceTitle);
			const link = typeof item.link === 'string' ? item.link.trim() : undefined;
			const description = textOf(item.description) ?? textOf(record(item.content).encoded);
			// Google News' description is the headline again plus the publisher: nothing to add.
			const summary = description && !oneLine(description).startsWith(title) ? clip(oneLine(description), SUMMARY_MAX_CHARS) : undefined;
			const guid = record(item.guid).value ?? item.guid;
			items.push({
				id: itemId([typeof guid === 'string' ? guid : undefined, link], title, publishedAt),
				title,
				...(link ? { link } : {}),
				...(publishedAt ? { publishedAt } : {}),
				...(summary ? { summary } : {}),
				...(publisher ? { publisher } : {}),
				...(typeof source.url === 'string' ? { publisherUrl: source.url } : {}),
				categories: list(item.categories).map((category) => (typeof category === 'string' ? category : String(record(category).name ?? ''))).filter(Boolean),
				feed: base,
			});
		}
		return { ...(feedTitle ? { title: feedTitle } : {}), items };
	}
	throw new FeedParseError(`is a ${parsed.format} feed; only RSS and Atom are read`);
}

/** The response body as text: a string as is; bytes decoded with the XML declaration's encoding (EDGAR sends ISO-8859-1). */
export function bodyText(body: unknown): string | undefined {
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) {
		const head = Buffer.from(body.subarray(0, 200)).toString('latin1');
		const declared = /encoding=["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
		const encoding = declared && ['iso-8859-1', 'latin1', 'windows-1252', 'us-ascii'].includes(declared) ? 'latin1' : 'utf-8';
		return new TextDecoder(encoding).decode(body);
	}
	return undefined;
}
