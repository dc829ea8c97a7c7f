/**
 * Zendesk Support reader: the cursor-based incremental ticket export with sideloaded metric sets
 * (`/api/v2/incremental/tickets/cursor.json?include=metric_sets`, followed through `after_cursor` until
 * `end_of_stream`) and satisfaction ratings (cursor-paged). Tickets come back in Zendesk's own JSON
 * shape with their `metric_set` and `satisfaction_rating` merged on — what CS Support Signals reads.
 *
 * The new cursor is returned, never stored here: the sweep (engine/sweeps/zendesk.ts) keeps it only after the
 * whole run succeeded, so a failing sweep leaves the stored cursor where it was and the next run re-reads.
 */
import { plural } from '../../model';
import type { DateTime } from 'luxon';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext } from '../http';
import { PagingGuard, showCursor } from '../paging';

export interface ZendeskClientOptions extends SourceContext {
	/** `https://{subdomain}.zendesk.com` or an override (proxy, fake server). */
	baseUrl: string;
	/** Tickets per export page (Zendesk default 1000); ratings per page (default 100). */
	ticketPageSize?: number;
	ratingPageSize?: number;
}

/**
 * The API base of a Zendesk account: the override when one is set (proxy, EU data centre, test server), else
 * `https://{subdomain}.zendesk.com`. The credential's test request applies the same rule.
 */
export function zendeskBaseUrl(settings: { subdomain?: unknown; baseUrl?: unknown }): string {
	const override = typeof settings.baseUrl === 'string' ? settings.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	const subdomain = typeof settings.subdomain === 'string' ? settings.subdomain.trim() : '';
	if (!/^[a-z0-9][a-z0-9-]*$/i.test(subdomain)) {
		throw new Error(`Zendesk: the credential's subdomain ${JSON.stringify(subdomain)} is not a Zendesk subdomain (the part before .zendesk.com), and no base URL is set`);
	}
	return `https://${subdomain}.zendesk.com`;
}

export interface ZendeskCursorState {
	/** The incremental export's `after_cursor` at the end of the last complete sweep. */
	ticketCursor?: string;
	/** Unix seconds: satisfaction ratings from this time on are read next. */
	ratingsSince?: number;
}

export type ZendeskTicket = Record<string, unknown> & { id: number | string };

export interface ZendeskReadOptions {
	client: ZendeskClientOptions;
	/** The stored cursor state (absent on the first run). */
	state?: ZendeskCursorState;
	/** First run only: read tickets changed since this instant. */
	startTime: DateTime;
	/** The sweep's own instant (becomes the next ratings start time). */
	now: DateTime;
	/** Also read satisfaction ratings (needs an admin token). */
	includeSatisfactionRatings?: boolean;
}

export interface ZendeskTicketChanges {
	/** Changed tickets, each with `metric_set` and `satisfaction_rating` merged on; the latest version of each ticket once. */
	tickets: ZendeskTicket[];
	/** Ratings whose ticket was not among the changed tickets. */
	unmatchedRatings: Array<Record<string, unknown>>;
	/** The state to store once everything downstream succeeded. */
	state: ZendeskCursorState;
	read: { pages: number; tickets: number; ratings: number };
}

const EXPORT_PATH = '/api/v2/incremental/tickets/cursor.json';
const RATINGS_PATH = '/api/v2/satisfaction_ratings.json';

function resumePoint(state: ZendeskCursorState | undefined, startTime: DateTime): string {
	return state?.ticketCursor ? `cursor ${state.ticketCursor}` : `start time ${startTime.toUTC().toISO({ suppressMilliseconds: true })}`;
}

interface ExportPage {
	tickets?: unknown;
	metric_sets?: unknown;
	after_cursor?: unknown;
	end_of_stream?: unknown;
}

/** All ticket changes since the stored cursor (or the start time), metric sets merged. */
async function readTicketExport(options: ZendeskReadOptions): Promise<{ tickets: ZendeskTicket[]; cursor?: string; pages: number }> {
	const { client } = options;
	const byId = new Map<string, ZendeskTicket>();
	let cursor = options.state?.ticketCursor;
	let pages = 0;
	let read = 0;
	const guard = new PagingGuard(client.maxPages, cursor);
	const notAdvanced = `the cursor was not advanced, the next run re-reads from ${resumePoint(options.state, options.startTime)}`;
	for (;;) {
		let body: unknown;
		try {
			const response = await requestWithRetry(client, {
				method: 'GET',
				url: joinUrl(client.baseUrl, EXPORT_PATH),
				qs: {
					...(cursor ? { cursor } : { start_time: Math.floor(options.startTime.toSeconds()) }),
					include: 'metric_sets',
					...(client.ticketPageSize ? { per_page: client.ticketPageSize } : {}),
				},
				headers: { Accept: 'application/json' },
			});
			body = response.body;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			throw new SourceError(
				`Zendesk: incremental ticket export (GET ${EXPORT_PATH}) failed ${error.describe()} at ${cursor ? `cursor ${cursor}` : 'the first page'} — ${plural(pages, 'page')} / ${plural(read, 'ticket')} were read; ${notAdvanced}`,
				'Zendesk',
				EXPORT_PATH,
				error.statusCode,
				error.attempts,
				{ pages, tickets: read },
			);
		}
		const page = (body ?? {}) as ExportPage;
		if (!Array.isArray(page.tickets)) {
			throw new SourceError(
				`Zendesk: incremental ticket export (GET ${EXPORT_PATH}) answered without a "tickets" array on page ${pages + 1} — is the subdomain or base URL right?`,
				'Zendesk',
				EXPORT_PATH,
				200,
				1,
				{ pages, tickets: read },
			);
		}
		pages += 1;
		read += page.tickets.length;
		const metrics = new Map<string, unknown>();
		for (const metric of Array.isArray(page.metric_sets) ? page.metric_sets : []) {
			const ticketId = (metric as { ticket_id?: unknown })?.ticket_id;
			if (ticketId !== undefined && ticketId !== null) metrics.set(String(ticketId), metric);
		}
		for (const raw of page.tickets as ZendeskTicket[]) {
			const id = String(raw.id);
			const metric = metrics.get(id);
			// the export can repeat a ticket; the later occurrence is the newer state
			byId.set(id, metric === undefined ? { ...raw } : { ...raw, metric_set: metric });
		}
		const next = typeof page.after_cursor === 'string' && page.after_cursor !== '' ? page.after_cursor : undefined;
		if (page.end_of_stream === true) {
			if (next) cursor = next;
			break;
		}
		const problem = next
			? guard.follow(next)
			: `answered page ${pages} without an "after_cursor" and without "end_of_stream": the export is incomplete`;
		if (problem) {
			throw new SourceError(`Zendesk: incremental ticket export (GET ${EXPORT_PATH}) ${problem} — ${plural(pages, 'page')} / ${plural(read, 'ticket')} were read; ${notAdvanced}`, 'Zendesk', EXPORT_PATH, 200, 1, {
				pages,
				tickets: read,
			});
		}
		cursor = next;
	}
	return { tickets: [...byId.values()], cursor, pages };
}

interface RatingsPage {
	satisfaction_ratings?: unknown;
	meta?: { has_more?: unknown; after_cursor?: unknown };
}

async function readSatisfactionRatings(options: ZendeskReadOptions, since: number, ticketsRead: number): Promise<{ ratings: Array<Record<string, unknown>>; pages: number }> {
	const { client } = options;
	const ratings: Array<Record<string, unknown>> = [];
	let after: string | undefined;
	let pages = 0;
	const guard = new PagingGuard(client.maxPages);
	const notAdvanced = `the cursor was not advanced, the next run re-reads from ${resumePoint(options.state, options.startTime)}`;
	for (;;) {
		let body: unknown;
		try {
			const response = await requestWithRetry(client, {
				method: 'GET',
				url: joinUrl(client.baseUrl, RATINGS_PATH),
				qs: { start_time: since, 'page[size]': client.ratingPageSize ?? 100, ...(after ? { 'page[after]': after } : {}) },
				headers: { Accept: 'application/json' },
			});
			body = response.body;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			throw new SourceError(
				`Zendesk: satisfaction ratings (GET ${RATINGS_PATH}) failed ${error.describe()} ${after ? `at cursor ${showCursor(after)}` : 'on the first page'} — ${plural(ticketsRead, 'ticket')} and ${plural(pages, 'page')} / ${plural(ratings.length, 'rating')} were read; ${notAdvanced}`,
				'Zendesk',
				RATINGS_PATH,
				error.statusCode,
				error.attempts,
				{ tickets: ticketsRead, ratings: ratings.length },
			);
		}
		const page = (body ?? {}) as RatingsPage;
		if (!Array.isArray(page.satisfaction_ratings)) {
			throw new SourceError(`Zendesk: satisfaction ratings (GET ${RATINGS_PATH}) answered without a "satisfaction_ratings" array`, 'Zendesk', RATINGS_PATH, 200, 1, {
				tickets: ticketsRead,
				ratings: ratings.length,
			});
		}
		pages += 1;
		ratings.push(...(page.satisfaction_ratings as Array<Record<string, unknown>>));
		if (page.meta?.has_more !== true) break;
		const next = page.meta?.after_cursor;
		// "has_more" with nothing to follow, or a cursor seen before, is an incomplete read: an error, never a quiet stop
		const problem =
			typeof next === 'string' && next !== ''
				? guard.follow(next)
				: `answered page ${pages} with "has_more": true but no "after_cursor": the ratings are incomplete`;
		if (problem) {
			throw new SourceError(
				`Zendesk: satisfaction ratings (GET ${RATINGS_PATH}) ${problem} — ${plural(ticketsRead, 'ticket')} and ${plural(pages, 'page')} / ${plural(ratings.length, 'rating')} were read; ${notAdvanced}`,
				'Zendesk',
				RATINGS_PATH,
				200,
				1,
				{ tickets: ticketsRead, ratings: ratings.length },
			);
		}
		after = next as string;
	}
	return { ratings, pages };
}

function ratingTime(rating: Record<string, unknown>): string {
	return String(rating.updated_at ?? rating.created_at ?? '');
}

/** Every ticket change since the stored cursor (or the start time), metric sets and ratings merged; the run around it is sweeps/zendesk.ts. */
export async function readZendeskTicketChanges(options: ZendeskReadOptions): Promise<ZendeskTicketChanges> {
	const exported = await readTicketExport(options);
	let ratings: Array<Record<string, unknown>> = [];
	let ratingPages = 0;
	const ratingsSince = options.state?.ratingsSince ?? Math.floor(options.startTime.toSeconds());
	if (options.includeSatisfactionRatings) {
		const result = await readSatisfactionRatings(options, ratingsSince, exported.tickets.length);
		ratings = result.ratings;
		ratingPages = result.pages;
	}
	const latestByTicket = new Map<string, Record<string, unknown>>();
	for (const rating of ratings) {
		const ticketId = rating.ticket_id;
		if (ticketId === undefined || ticketId === null) continue;
		const existing = latestByTicket.get(String(ticketId));
		if (!existing || ratingTime(rating) >= ratingTime(existing)) latestByTicket.set(String(ticketId), rating);
	}
	const tickets = exported.tickets.map((ticket) => {
		const rating = latestByTicket.get(String(ticket.id));
		return rating ? { ...ticket, satisfaction_rating: rating } : ticket;
	});
	const ticketIds = new Set(tickets.map((ticket) => String(ticket.id)));
	const unmatchedRatings = [...latestByTicket.entries()].filter(([ticketId]) => !ticketIds.has(ticketId)).map(([, rating]) => rating);
	return {
		tickets,
		unmatchedRatings,
		state: {
			...(exported.cursor ? { ticketCursor: exported.cursor } : {}),
			ratingsSince: options.includeSatisfactionRatings ? Math.floor(options.now.toSeconds()) : ratingsSince,
		},
		read: { pages: exported.pages + ratingPages, tickets: exported.tickets.length, ratings: ratings.length },
	};
}
