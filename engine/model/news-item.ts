/**
 * A news item or filing: what a feed read gives (engine/sources/feeds, one per RSS item / Atom entry, in plain
 * text, with the feed it came from) and what the market detectors read (engine/detect/market) — one shape, so
 * an upstream node, the command line and the feed reader all deliver the same thing.
 */
import { z } from 'zod';
import { isoDateTime } from './time';

/** Where an item came from: a Google News search, a company newsroom, SEC EDGAR filings, any other feed. */
export const NEWS_FEED_KINDS = ['google_news', 'newsroom', 'edgar', 'feed'] as const;

export type NewsFeedKind = (typeof NEWS_FEED_KINDS)[number];

export const NewsItemSchema = z.object({
	/** The item's own id (RSS guid, Atom id), else its link, else a hash of title and date. */
	id: z.string().min(1, 'must not be empty (the RSS guid, Atom id or link)'),
	/** Plain text; Google News' trailing " - Publisher" removed. */
	title: z.string().min(1, 'must not be empty (the headline)'),
	link: z.string().url('must be a URL').optional(),
	/** ISO-8601 with the offset the feed wrote. */
	publishedAt: isoDateTime.optional(),
	/** Plain text, at most 600 characters. */
	summary: z.string().optional(),
	/** Who published it: Google News' <source>, the newsroom's feed title, "SEC EDGAR". */
	publisher: z.string().optional(),
	publisherUrl: z.string().optional(),
	categories: z.array(z.string()).default([]),
	feed: z.object({
		kind: z.enum(NEWS_FEED_KINDS).default('feed'),
		url: z.string().min(1, 'must name the feed URL'),
		title: z.string().optional(),
		label: z.string().optional(),
		/** The account whose own feed this is (newsroom, EDGAR company filings): no name match needed. */
		accountId: z.string().optional(),
	}),
	/** An 8-K (or other) filing read from an EDGAR company feed. */
	filing: z
		.object({
			/** Form type: "8-K", "8-K/A", … */
			form: z.string().min(1),
			/** Item numbers, e.g. ["5.02", "9.01"]. */
			items: z.array(z.string().regex(/^\d+\.\d{2}$/, 'must be 8-K item numbers such as "5.02"')).default([]),
			/** Item number → EDGAR's item caption ("Departure of Directors or Certain Officers; …"). */
			itemCaptions: z.record(z.string(), z.string()).default({}),
			/** Item number → the opening text of that item in the filing document, when it was read. */
			itemText: z.record(z.string(), z.string()).optional(),
			accessionNumber: z.string().optional(),
			filingDate: z.string().optional(),
			companyName: z.string().optional(),
			cik: z.string().optional(),
		})
		.optional(),
});
export type NewsItem = z.infer<typeof NewsItemSchema>;
export type NewsFiling = NonNullable<NewsItem['filing']>;
export type NewsItemInput = z.input<typeof NewsItemSchema>;
