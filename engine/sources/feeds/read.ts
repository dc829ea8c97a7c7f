/**
 * One incremental read of one feed: a conditional GET (If-None-Match / If-Modified-Since from the state),
 * 304 → nothing new and the state unchanged, otherwise the items not read before. The state is small and
 * bounded: the newest item date read so far and short hashes of the ids read within `seenWindowDays` of it
 * (an item older than that window cannot be new, so its id need not be kept). The caller keeps the state (node
 * static data) and passes it back next time; a failed read throws and leaves the caller's state as it was.
 *
 * Failures come in two kinds, because a sweep treats them differently:
 * - FeedUnreadableError (404 / 410, or a page that is no RSS or Atom feed): this feed's address is wrong — the
 *   account or form row that names it is bad input, the other feeds still go through;
 * - any other SourceError (401, 403, 429 or 5xx after the retries, no response): the source cannot be read now —
 *   the whole run stops, so no feed's state moves and the next run asks again.
 */
import { createHash } from 'node:crypto';
import { describeIssue, type NewsItem } from '../../model';
import { contextRedactor, RequestFailure, requestWithRetry, SourceError, type SourceContext, type SourceResponse } from '../http';
import { readFilingItemText } from './edgar';
import { FeedSpecSchema, FeedStateSchema, type FeedSpecInput, type FeedState } from './item';
import { bodyText, FeedParseError, parseFeedItems } from './parse';
import { isEdgarUrl } from './urls';

/** SEC EDGAR's fair-access limit is 10 requests per second: at least this long between two of ours. */
export const EDGAR_MIN_INTERVAL_MS = 100;

export const DEFAULT_FEED_USER_AGENT = 'n8n-nodes-cs-signal-os (+https://github.com/cs-signal-os/n8n-nodes-cs-signal-os)';

const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
const DAY_MS = 86_400_000;

/** A feed whose address gives no feed (404, 410, an HTML page): the configuration naming it is wrong. */
export class FeedUnreadableError extends SourceError {
	constructor(message: string, source: string, endpoint: string, statusCode: number | undefined, attempts: number) {
		super(message, source, endpoint, statusCode, attempts);
		this.name = 'FeedUnreadableError';
	}
}

export interface FeedReadResult {
	/** Items not read before, oldest first. */
	items: NewsItem[];
	/** The state to keep for the next read (unchanged after a 304). */
	state: FeedState;
	notModified: boolean;
	/** entries: in the response; newItems: given back; beforeWindow: dated before the seen window — read by an earlier run, or old news surfacing late — not given back. */
	read: { statusCode: number; entries: number; newItems: number; beforeWindow: number };
	/** Things that went wrong without stopping the read (a filing document that could not be fetched). */
	problems: string[];
}

/**
 * A context whose requests are at least `minIntervalMs` apart (waiting with the context's own sleep). Share one
 * across every feed of a host in a run (EDGAR: 10 requests per second).
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

/** Compact, stable key for a seen item (48 bits of SHA-256: no collision to fear among a feed's few hundred ids). */
export function seenKey(itemId: string): string {
	return createHash('sha256').update(itemId).digest('hex').slice(0, 12);
}

const timeOf = (item: NewsItem) => (item.publishedAt ? Date.parse(item.publishedAt) : Number.NaN);

/** True when a User-Agent names a contact e-mail, as SEC EDGAR asks ("Acme CS Ops cs-ops@acme.com"). */
export function isDescriptiveUserAgent(userAgent: string | undefined): boolean {
	return typeof userAgent === 'string' && /\S+@\S+\.\S+/.test(userAgent);
}

function failureSentence(name: string, url: string, error: RequestFailure, edgar: boolean): string {
	const head = `Feed "${name}" (GET ${url}) failed ${error.describe()}`;
	const tail = 'nothing was read; the saved feed state was not changed, so the next run asks again';
	if (edgar && error.statusCode === 403) {
		return `${head} — SEC EDGAR answers 403 to a User-Agent that does not name an organisation and a contact e-mail, and to more than 10 requests a second: check the User-Agent of the SEC EDGAR credential; ${tail}`;
	}
	return `${head} — ${tail}`;
}

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
	if (edgar && !isDescriptiveUserAgent(spec.userAgent)) {
		throw new SourceError(
			`Feed "${name}": SEC EDGAR requires a User-Agent naming your organisation and a contact e-mail (for example "Acme CS Ops cs-ops@acme.com"); set it in the SEC EDGAR credential — nothing was requested`,
			'SEC EDGAR',
			spec.url,
			undefined,
			0,
		);
	}
	const userAgent = spec.userAgent || DEFAULT_FEED_USER_AGENT;
	const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: ACCEPT };
	if (previous.etag) headers['If-None-Match'] = previous.etag;
	if (previous.lastModified) headers['If-Modified-Since'] = previous.lastModified;
	const source = edgar ? 'SEC EDGAR' : spec.kind === 'google_news' ? 'Google News' : 'Feed';

	let response: SourceResponse;
	try {
		response = await requestWithRetry(context, { method: 'GET', url: spec.url, headers });
	} catch (error) {
		if (error instanceof RequestFailure && error.statusCode === 304) {
			return { items: [], state: previous, notModified: true, read: { statusCode: 304, entries: 0, newItems: 0, beforeWindow: 0 }, problems };
		}
		if (!(error instanceof RequestFailure)) throw error;
		const Failure = error.statusCode === 404 || error.statusCode === 410 ? FeedUnreadableError : SourceError;
		throw new Failure(failureSentence(name, spec.url, error, edgar), source, spec.url, error.statusCode, error.attempts);
	}
	// decoded first, then cleaned of the context's secret values (only those: news text like "Basic income" stays as
	// written): whatever a feed echoes, no item or message carries a secret
	const decoded = bodyText(response.body);
	const redactor = contextRedactor(context);
	const text = decoded === undefined || !redactor.active ? decoded : redactor.text(decoded);
	if (text === undefined) {
		throw new SourceError(`Feed "${name}" (GET ${spec.url}) answered HTTP ${response.statusCode} with a body that is not text (request the body as text, not JSON); the saved feed state was not changed`, source, spec.url, response.statusCode, 1);
	}
	let parsed: ReturnType<typeof parseFeedItems>;
	try {
		parsed = parseFeedItems(text, { kind: spec.kind, url: spec.url, label: spec.label, accountId: spec.accountId });
	} catch (error) {
		if (!(error instanceof FeedParseError)) throw error;
		throw new FeedUnreadableError(`Feed "${name}" (GET ${spec.url}) ${error.message}; the saved feed state was not changed`, source, spec.url, response.statusCode, 1);
	}

	// Oldest first (feeds list newest first; undated items keep their order, after the dated ones).
	const ordered = parsed.items
		.map((item, order) => ({ item, order, at: timeOf(item) }))
		.sort((a, b) => (Number.isNaN(a.at) ? 1 : 0) - (Number.isNaN(b.at) ? 1 : 0) || (a.at || 0) - (b.at || 0) || b.order - a.order);
	const nowMs = (context.now ?? Date.now)();
	const previousNewest = previous.newest ? Date.parse(previous.newest) : Number.NaN;
	// A date far in the future (a feed's typo) must not move the window past every real item.
	const dated = ordered.map((entry) => entry.at).filter((at) => !Number.isNaN(at) && at <= nowMs + DAY_MS);
	const newestMs = Math.max(...dated, Number.isNaN(previousNewest) ? -Infinity : previousNewest);
	const windowMs = spec.seenWindowDays * DAY_MS;
	const seenBefore = new Set(previous.seen);
	const items: NewsItem[] = [];
	const keep: Array<{ key: string; at: number }> = [];
	const keptKeys = new Set<string>();
	let beforeWindow = 0;
	for (const { item, at } of ordered) {
		const key = seenKey(item.id);
		const insideWindow = Number.isNaN(at) || !Number.isFinite(newestMs) || at >= newestMs - windowMs;
		if (insideWindow && !keptKeys.has(key)) {
			keptKeys.add(key);
			keep.push({ key, at: Number.isNaN(at) ? Infinity : at });
		}
		if (seenBefore.has(key)) continue;
		seenBefore.add(key); // the same id twice in one response is one item
		if (!Number.isNaN(previousNewest) && !Number.isNaN(at) && at < previousNewest - windowMs) {
			beforeWindow += 1;
			continue;
		}
		items.push(item);
	}

	if (edgar && spec.filingItemText.length > 0) {
		for (const item of items) {
			const wanted = item.filing?.items.filter((number) => spec.filingItemText.includes(number)) ?? [];
			if (!item.filing || wanted.length === 0 || !item.link) continue;
			try {
				const text = await readFilingItemText(context, item.link, item.filing.form, wanted, userAgent);
				if (Object.keys(text).length > 0) item.filing.itemText = text;
			} catch (error) {
				if (!(error instanceof RequestFailure)) throw error;
				problems.push(`Feed "${name}": the text of filing ${item.filing.accessionNumber ?? item.link} could not be read ${error.describe()}; its item numbers are still used`);
			}
		}
	}

	// validators go into the caller's state: one that echoes a secret is kept without it (a cache miss at worst)
	const clean = (value: string | undefined) => (value !== undefined && redactor.active ? redactor.text(value) : value);
	const etag = clean(header(response, 'etag')) ?? previous.etag;
	const lastModified = clean(header(response, 'last-modified')) ?? previous.lastModified;
	const seen = keep.sort((a, b) => a.at - b.at).slice(-spec.maxSeen).map((entry) => entry.key);
	const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		items,
		state: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), ...(Number.isFinite(newestMs) ? { newest: iso(newestMs) } : {}), seen },
		notModified: false,
		read: { statusCode: response.statusCode, entries: parsed.items.length, newItems: items.length, beforeWindow },
		problems,
	};
}
