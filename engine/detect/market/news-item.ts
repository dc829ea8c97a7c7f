/**
 * The market detector's input: a news item or filing as engine/sources/feeds reads it (FeedItem), or as any
 * upstream node delivers it in the same shape. Validated here because items also arrive from the command line
 * and from input items. Kept identical to sources/feeds FeedItem by a unit test (detect/ may not import
 * sources/; the shape moves to engine/model when a sweep layer composes the two).
 */
import { z } from 'zod';
import { isoDateTime } from '../../model';

export const NEWS_FEED_KINDS = ['google_news', 'newsroom', 'edgar', 'feed'] as const;

export const NewsItemSchema = z.object({
	id: z.string().min(1, 'must not be empty (the RSS guid, Atom id or link)'),
	title: z.string().min(1, 'must not be empty (the headline)'),
	link: z.string().url('must be a URL').optional(),
	publishedAt: isoDateTime.optional(),
	summary: z.string().optional(),
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
	filing: z
		.object({
			form: z.string().min(1),
			items: z.array(z.string().regex(/^\d+\.\d{2}$/, 'must be 8-K item numbers such as "5.02"')).default([]),
			itemCaptions: z.record(z.string(), z.string()).default({}),
			itemText: z.record(z.string(), z.string()).optional(),
			accessionNumber: z.string().optional(),
			filingDate: z.string().optional(),
			companyName: z.string().optional(),
			cik: z.string().optional(),
		})
		.optional(),
});
export type NewsItem = z.infer<typeof NewsItemSchema>;
export type NewsItemInput = z.input<typeof NewsItemSchema>;
