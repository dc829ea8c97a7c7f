/**
 * One incremental read of one feed: a conditional GET (If-None-Match / If-Modified-Since from the state),
 * 304 → nothing new and the state unchanged, otherwise the items not seen before. The state is small and
 * bounded (hashes of the last `maxSeen` item ids, least recently seen evicted first); the caller keeps it
 * (node static data) and passes it back next time. A failed read throws and leaves the caller's state as it was.
 */
import { createHash } from 'node:crypto';
import { describeIssue } from '../../model';
import { RequestFailure, requestWithRetry, SourceError, type SourceContext, type SourceResponse } from '../http';
import { readFilingItemText } from './edgar';
import { FeedSpecSchema, FeedStateSchema, type FeedItem, type FeedSpecInput, type FeedState } from './item';
import { bodyText, FeedParseError, parseFeedItems } from './parse';
import { isEdgarUrl } from './urls';

/** SEC EDGAR's fair-access limit is 10 requests per second: at least this long between two of ours. */
export const EDGAR_MIN_INTERVAL_MS = 100;

export const DEFAULT_FEED_USER_AGENT = 'n8n-nodes-cs-signal-os (+https://github.com/cs-signal-os/n8n-nodes-cs-signal-os)';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

export interface FeedReadResult {
	/** Items not seen before, oldest first. */
	items: FeedItem[];
	/** The state to keep for the next read (unchanged after a 304). */
	state: FeedState;
	notModified: boolean;
	read: { statusCode: number; entries: number; newItems: number };
	/** Things that went wrong without stopping the read (a filing document that could not be fetched). */
	problems: string[];
}

/**
 * A context whose requests are at least `minIntervalMs` apart (waiting with the context's own sleep). Share one
 * across every EDGAR feed of a run to stay under SEC's 10 requests per second.
 */
export function withMinimumInterval(context: SourceContext, minIntervalMs: number): SourceContext {
	const now = context.now ?? Date.now;
	let last = -Infinity;
	return {
		...context,
		request: async (options) => {
			const wait = last + minIntervalMs - now();
			if (wait > 0) await context.sleep(wait);
			last = Math.max(now(), last + minIntervalMs);
			return context.request(options);
		},
	};
}

function header(response: SourceResponse, name: string): string | undefined {
	for (const [key, value] of Object.entries(response.headers ?? {})) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** Compact, stable key for a seen item. */
export function seenKey(itemId: string): string {
	return createHash('sha256').update(itemId).digest('hex').slice(0, 16);
}

/** Least recently seen first; ids in this response move to the end; the oldest beyond `max` are evicted. */
function nextSeen(previous: readonly string[], present: readonly string[], max: number): string[] {
	const presentSet = new Set(present);
	const kept = previous.filter((key) => !presentSet.has(key));
	const all = [...kept, ...present];
	return all.length > max ? all.slice(all.length - max) : all;
}

const timeOf = (item: FeedItem) => (item.publishedAt ? Date.parse(item.publishedAt) : 0);

export async function readFeed(context: SourceContext, feedSpec: FeedSpecInput, state?: unknown): Promise<FeedReadResult> {
	const parsedSpec = FeedSpecSchema.safeParse(feedSpec);
	if (!parsedSpec.success) {
		const name = (feedSpec as { label?: string })?.label ?? (feedSpec as { url?: string })?.url ?? 'feed';
		throw new Error(`Feed "${name}": ${parsedSpec.error.issues.map((issue) => describeIssue(issue, feedSpec)).join('; ')}`);
	}
	const spec = parsedSpec.data;
	const name = spec.label ?? spec.url;
	const problems: string[] = [];
	const parsedState = FeedStateSchema.safeParse(state ?? {});
	if (!parsedState.success) problems.push(`Feed "${name}": the saved feed state was unreadable and was started afresh`);
	const previous: FeedState = parsedState.success ? parsedState.data : { seen: [] };

	const edgar = spec.kind === 'edgar' || isEdgarUrl(spec.url);
	if (edgar && !(spec.userAgent && /\S+@\S+\.\S+/.test(spec.userAgent))) {
		throw new SourceError(
			`Feed "${name}": SEC EDGAR requires a User-Agent naming your organisation and a contact e-mail (for example "Acme CS Ops cs-ops@acme.com"); set the feed's User-Agent — nothing was requested`,
			'SEC EDGAR',
			spec.url,
			undefined,
			0,
		);
	}
	const userAgent = spec.userAgent || DEFAULT_FEED_USER_AGENT;
	const transport = edgar ? withMinimumInterval(context, EDGAR_MIN_INTERVAL_MS) : context;
	const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: ACCEPT };
	if (previous.etag) headers['If-None-Match'] = previous.etag;
	if (previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
	const source = edgar ? 'SEC EDGAR' : spec.kind === 'google_news' ? 'Google News' : 'Feed';

	let response: SourceResponse;
	try {
		response = await requestWithRetry(transport, { method: 'GET', url: spec.url, headers });
	} catch (error) {
		if (error instanceof RequestFailure && error.statusCode === 304) {
			return { items: [], state: previous, notModified: true, read: { statusCode: 304, entries: 0, newItems: 0 }, problems };
		}
		if (!(error instanceof RequestFailure)) throw error;
		throw new SourceError(
			`Feed "${name}" (GET ${spec.url}) failed ${error.describe()} — nothing was read; the saved feed state was not changed, so the next run asks again`,
			source,
			spec.url,
			error.statusCode,
			error.attempts,
		);
	}
	const text = bodyText(response.body);
	if (text === undefined) {
		throw new SourceError(`Feed "${name}" (GET ${spec.url}) answered HTTP ${response.statusCode} with a body that is not text (request the body as text, not JSON); the saved feed state was not changed`, source, spec.url, response.statusCode, 1);
	}
	let parsed: ReturnType<typeof parseFeedItems>;
	try {
		parsed = parseFeedItems(text, { kind: spec.kind, url: spec.url, label: spec.label, accountId: spec.accountId });
	} catch (error) {
		if (!(error instanceof FeedParseError)) throw error;
		throw new SourceError(`Feed "${name}" (GET ${spec.url}) ${error.message}; the saved feed state was not changed`, source, spec.url, response.statusCode, 1);
	}

	// Oldest first (feeds list newest first; undated items keep that order reversed).
	const ordered = parsed.items.map((item, order) => ({ item, order })).sort((a, b) => timeOf(a.item) - timeOf(b.item) || b.order - a.order).map((entry) => entry.item);
	const seen = new Set(previous.seen);
	const keys = ordered.map((item) => seenKey(item.id));
	const items = ordered.filter((_, index) => {
		if (seen.has(keys[index])) return false;
		seen.add(keys[index]); // the same id twice in one response is one item
		return true;
	});

	if (edgar && spec.filingItemText.length > 0) {
		for (const item of items) {
			const wanted = item.filing?.items.filter((number) => spec.filingItemText.includes(number)) ?? [];
			if (!item.filing || wanted.length === 0 || !item.link) continue;
			try {
				const text = await readFilingItemText(transport, item.link, item.filing.form, wanted, userAgent);
				if (Object.keys(text).length > 0) item.filing.itemText = text;
			} catch (error) {
				if (!(error instanceof RequestFailure)) throw error;
				problems.push(`Feed "${name}": the text of filing ${item.filing.accessionNumber ?? item.link} could not be read ${error.describe()}; its item numbers are still used`);
			}
		}
	}

	const etag = header(response, 'etag') ?? previous.etag;
	const lastModified = header(response, 'last-modified') ?? previous.lastModified;
	const now = new Date((context.now ?? Date.now)()).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		items,
		state: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), seen: nextSeen(previous.seen, [...new Set(keys)], spec.maxSeen), lastReadAt: now },
		notModified: false,
		read: { statusCode: response.statusCode, entries: parsed.items.length, newItems: items.length },
		problems,
	};
}
