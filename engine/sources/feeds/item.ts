/**
 * What a feed read gives: one FeedItem per RSS item / Atom entry, in plain text, with the feed it came
 * from. The market detector's input schema (engine/detect/market/news-item.ts) accepts exactly this shape;
 * a unit test holds the two together until the shape moves to engine/model (detect/ may not import sources/).
 */
import { z } from 'zod';

export const FEED_KINDS = ['google_news', 'newsroom', 'edgar', 'feed'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** An 8-K (or other) filing read from an EDGAR company feed. */
export interface FeedFiling {
	/** Form type: "8-K", "8-K/A", … */
	form: string;
	/** Item numbers, e.g. ["5.02", "9.01"]. */
	items: string[];
	/** Item number → EDGAR's item caption ("Departure of Directors or Certain Officers; …"). */
	itemCaptions: Record<string, string>;
	/** Item number → the opening text of that item in the filing document, when it was read (readFeed `filingItemText`). */
	itemText?: Record<string, string>;
	accessionNumber?: string;
	filingDate?: string;
	companyName?: string;
	cik?: string;
}

export interface FeedItem {
	/** The item's own id (RSS guid, Atom id), else its link, else a hash of title and date. */
	id: string;
	/** Plain text; Google News' trailing " - Publisher" removed. */
	title: string;
	link?: string;
	/** ISO-8601 with the offset the feed wrote. */
	publishedAt?: string;
	/** Plain text, at most 600 characters. */
	summary?: string;
	/** Who published it: Google News' <source>, the newsroom's feed title, "SEC EDGAR". */
	publisher?: string;
	publisherUrl?: string;
	categories: string[];
	feed: { kind: FeedKind; url: string; title?: string; label?: string; accountId?: string };
	filing?: FeedFiling;
}

export const FeedSpecSchema = z.object({
	kind: z.enum(FEED_KINDS).default('feed'),
	url: z.string().url('must be the feed URL (http or https)'),
	/** A name for errors and evidence ("Acme newsroom"). */
	label: z.string().optional(),
	/** The account whose own feed this is (its newsroom, its EDGAR filings): items need no name match. */
	accountId: z.string().optional(),
	/**
	 * Sent as User-Agent. SEC EDGAR requires a descriptive one with a contact ("Acme CS Ops cs-ops@acme.com")
	 * and refuses requests without; in the node it becomes a credential field.
	 */
	userAgent: z.string().optional(),
	/** EDGAR only: read the filing document for these items and keep their opening text (names the officer of a 5.02). */
	filingItemText: z.array(z.string().regex(/^\d+\.\d{2}$/, 'must be an 8-K item number such as "5.02"')).default([]),
	/** How many seen item ids the state keeps (least recently seen evicted first). */
	maxSeen: z.number().int().min(10).max(5000).default(500),
});
export type FeedSpec = z.infer<typeof FeedSpecSchema>;
export type FeedSpecInput = z.input<typeof FeedSpecSchema>;

/** What the caller keeps between reads (node static data): small, bounded. */
export const FeedStateSchema = z.object({
	etag: z.string().optional(),
	lastModified: z.string().optional(),
	/** Hashes of the item ids seen, least recently seen first. */
	seen: z.array(z.string()).default([]),
	lastReadAt: z.string().optional(),
});
export type FeedState = z.infer<typeof FeedStateSchema>;
