/**
 * News items from any upstream node, in one of two shapes: the model's NewsItem (what CS Market Signals' feed mode
 * and the command line read), or an item of n8n's own RSS Read node (title, link, guid, isoDate / pubDate,
 * contentSnippet — rss-parser's fields).
 */
import { DateTime } from 'luxon';

const SUMMARY_MAX_CHARS = 600;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function date(row: Record<string, unknown>): string | undefined {
	const iso = text(row.isoDate);
	if (iso && DateTime.fromISO(iso, { setZone: true }).isValid) return iso;
	const written = text(row.pubDate);
	if (!written) return undefined;
	for (const parsed of [DateTime.fromRFC2822(written, { setZone: true }), DateTime.fromISO(written, { setZone: true, zone: 'utc' })]) {
		if (parsed.isValid) return parsed.toISO({ suppressMilliseconds: true }) ?? undefined;
	}
	return undefined;
}

function isUrl(value: string | undefined): value is string {
	if (!value) return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

/**
 * An RSS Read item → a NewsItem (its feed is the item's own site unless the row names `feedUrl`). A Google News item
 * (its link on news.google.com) keeps its publisher apart: Google ends every title in " - Publisher".
 */
function fromRssRead(row: Record<string, unknown>): unknown {
	const link = text(row.link);
	const snippet = text(row.contentSnippet) ?? text(row.summary);
	const publishedAt = date(row);
	const feedUrl = text(row.feedUrl) ?? (isUrl(link) ? new URL(link).origin : undefined);
	const googleNews = isUrl(link) && new URL(link).hostname === 'news.google.com';
	const suffix = googleNews ? / - ([^-]{2,80})$/.exec(text(row.title) ?? '') : null;
	const title = suffix ? (text(row.title) ?? '').slice(0, -suffix[0].length).trim() : text(row.title);
	const publisher = suffix?.[1].trim() ?? text(row.creator);
	return {
		id: text(row.guid) ?? text(row.id) ?? link,
		title,
		...(isUrl(link) ? { link } : {}),
		...(publishedAt ? { publishedAt } : {}),
		...(snippet ? { summary: snippet.length > SUMMARY_MAX_CHARS ? `${snippet.slice(0, SUMMARY_MAX_CHARS - 1)}…` : snippet } : {}),
		...(publisher ? { publisher } : {}),
		categories: Array.isArray(row.categories) ? row.categories.filter((category): category is string => typeof category === 'string') : [],
		feed: { kind: googleNews ? 'google_news' : 'feed', url: feedUrl ?? 'input' },
	};
}

/**
 * Rows in the detector's input shape, index for index: an RSS Read item is mapped to a NewsItem, anything else is
 * passed on as it is (detectMarketSignalsFromItems validates each and names the ones it cannot use).
 */
export function newsItemCandidates(rows: readonly unknown[]): unknown[] {
	return rows.map((row) => {
		const record = row && typeof row === 'object' ? (row as Record<string, unknown>) : undefined;
		return record && !record.feed && ('isoDate' in record || 'pubDate' in record || 'guid' in record) ? fromRssRead(record) : row;
	});
}
