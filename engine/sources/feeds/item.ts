/**
 * What one feed read needs (FeedSpec) and what it keeps between reads (FeedState). The items a read gives are the
 * model's NewsItems (engine/model/news-item.ts): the market detectors read the same shape.
 */
import { z } from 'zod';
import { NEWS_FEED_KINDS } from '../../model';

export const FeedSpecSchema = z.object({
	kind: z.enum(NEWS_FEED_KINDS).default('feed'),
	url: z.string().url('must be the feed URL (http or https)'),
	/** A name for errors and evidence ("Acme newsroom"). */
	label: z.string().optional(),
	/** The account whose own feed this is (its newsroom, its EDGAR filings): items need no name match. */
	accountId: z.string().optional(),
	/**
	 * Sent as User-Agent. SEC EDGAR requires a descriptive one with a contact ("Acme CS Ops cs-ops@acme.com")
	 * and answers 403 without; in the node it is the SEC EDGAR credential.
	 */
	userAgent: z.string().optional(),
	/** EDGAR only: read the filing document for these items and keep their opening text (names the officer of a 5.02). */
	filingItemText: z.array(z.string().regex(/^\d+\.\d{2}$/, 'must be an 8-K item number such as "5.02"')).default([]),
	/**
	 * How far back from the newest item read so far the state remembers item ids. An item dated before that window
	 * that was not remembered is either read long ago or older news surfacing late: it is counted (`read.beforeWindow`), not given back.
	 */
	seenWindowDays: z.number().positive().max(365).default(7),
	/** At most this many remembered ids per feed (the newest kept). */
	maxSeen: z.number().int().min(10).max(5000).default(200),
});
export type FeedSpec = z.infer<typeof FeedSpecSchema>;
export type FeedSpecInput = z.input<typeof FeedSpecSchema>;

/**
 * What the caller keeps between reads of one feed (node static data): the validators for a conditional GET, the
 * newest item date and short hashes of the ids read inside the seen window. About 100 bytes plus 15 per id.
 */
export const FeedStateSchema = z.object({
	etag: z.string().optional(),
	lastModified: z.string().optional(),
	/** The newest publication date read so far (ISO-8601). */
	newest: z.string().optional(),
	/** Hashes of the item ids read within `seenWindowDays` of `newest` (and of undated items). */
	seen: z.array(z.string()).default([]),
});
export type FeedState = z.infer<typeof FeedStateSchema>;
