/**
 * What Zendesk tickets say and which SLA targets they missed: a ticket's comments
 * (`GET /api/v2/tickets/{id}/comments.json`, followed through `next_page`) and the ticket metric events since a time
 * (`GET /api/v2/incremental/ticket_metric_events.json?start_time=`, the time-based export followed through
 * `next_page` until a page comes back empty): `apply_sla` events carry the policy and target of a metric, `breach`
 * events the moment it was missed. Transport and mapping only; the sweep attaches both to the tickets.
 */
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError } from '../http';
import { PagingGuard } from '../paging';
import type { ZendeskClientOptions } from './client';

export interface ZendeskComment {
	id?: number;
	body?: string;
	plain_body?: string;
	author_id?: number;
	public?: boolean;
	created_at?: string;
}

/** A missed SLA target as the support detectors read it (`sla_breaches` on the ticket). */
export interface ZendeskSlaBreach {
	metric: string;
	breached_at: string;
	policy?: string;
	target_minutes?: number;
}

export interface ZendeskSlaEvents {
	/** Ticket id → the breaches of that ticket in the window read (a deleted breach is left out). */
	breaches: Map<string, ZendeskSlaBreach[]>;
	/** Tickets an SLA policy was applied to in the window read (no breach on them is a kept SLA, not "no SLA"). */
	withPolicy: Set<string>;
	/** Unix seconds the next read starts from (the export's last `end_time`). */
	nextStartTime: number;
	pages: number;
}

const METRIC_EVENTS_PATH = '/api/v2/incremental/ticket_metric_events.json';
const COMMENTS_PATH = '/api/v2/tickets/{id}/comments.json';

/**
 * Every comment of each ticket, in the order Zendesk gives them. A ticket answered with 404 was deleted since the
 * export listed it: it has no comments to read (the export reports the deletion on the next run).
 */
export async function readTicketComments(client: ZendeskClientOptions, ticketIds: readonly string[], resumeFrom: string): Promise<Map<string, ZendeskComment[]>> {
	const out = new Map<string, ZendeskComment[]>();
	let pages = 0;
	for (const id of ticketIds) {
		const path = `/api/v2/tickets/${encodeURIComponent(id)}/comments.json`;
		const comments: ZendeskComment[] = [];
		const guard = new PagingGuard(client.maxPages);
		const failed = (problem: string, statusCode: number | undefined, attempts: number) =>
			new SourceError(
				`Zendesk: ticket comments (GET ${COMMENTS_PATH}) ${problem} for ticket ${id} — comments of ${plural(out.size, 'ticket')} (${plural(pages, 'page')}) were read; the cursor was not advanced, the next run re-reads from ${resumeFrom}`,
				'Zendesk',
				COMMENTS_PATH,
				statusCode,
				attempts,
				{ tickets: out.size, pages },
			);
		let url = joinUrl(client.baseUrl, path);
		for (;;) {
			let body: { comments?: unknown; next_page?: unknown };
			try {
				body = ((await requestWithRetry(client, { method: 'GET', url, headers: { Accept: 'application/json' } })).body ?? {}) as typeof body;
			} catch (error) {
				if (!(error instanceof RequestFailure)) throw error;
				if (error.statusCode === 404) break;
				throw failed(`failed ${error.describe()}`, error.statusCode, error.attempts);
			}
			pages += 1;
			if (Array.isArray(body.comments)) comments.push(...(body.comments as ZendeskComment[]));
			const next = typeof body.next_page === 'string' && body.next_page !== '' ? body.next_page : undefined;
			if (!next) break;
			const problem = guard.follow(next);
			if (problem) throw failed(problem, 200, 1);
			url = next;
		}
		out.set(id, comments);
	}
	return out;
}

interface MetricEvent {
	ticket_id?: number;
	metric?: string;
	instance_id?: number;
	type?: string;
	time?: string;
	deleted?: boolean;
	sla?: { target?: number; business_hours?: boolean; policy?: { title?: string } };
}

/** The SLA breaches of every ticket since `startTime` (unix seconds), with their policy and target when applied in the same read. */
export async function readSlaBreaches(client: ZendeskClientOptions, startTime: number, resumeFrom: string, nowSeconds?: number): Promise<ZendeskSlaEvents> {
	const applied = new Map<string, { policy?: string; target?: number }>();
	const breaches = new Map<string, ZendeskSlaBreach[]>();
	const withPolicy = new Set<string>();
	let url = joinUrl(client.baseUrl, METRIC_EVENTS_PATH);
	let qs: Record<string, number> | undefined = { start_time: startTime };
	let nextStartTime = startTime;
	let pages = 0;
	const guard = new PagingGuard(client.maxPages);
	for (;;) {
		let body: { ticket_metric_events?: unknown; next_page?: unknown; end_time?: unknown; count?: unknown };
		try {
			body = ((await requestWithRetry(client, { method: 'GET', url, ...(qs ? { qs } : {}), headers: { Accept: 'application/json' } })).body ?? {}) as typeof body;
		} catch (error) {
			if (!(error instanceof RequestFailure)) throw error;
			throw new SourceError(
				`Zendesk: ticket metric events (GET ${METRIC_EVENTS_PATH}) failed ${error.describe()} — ${plural(pages, 'page')} were read; the cursor was not advanced, the next run re-reads from ${resumeFrom}`,
				'Zendesk',
				METRIC_EVENTS_PATH,
				error.statusCode,
				error.attempts,
				{ pages },
			);
		}
		pages += 1;
		const events = Array.isArray(body.ticket_metric_events) ? (body.ticket_metric_events as MetricEvent[]) : [];
		for (const event of events) {
			if (event.ticket_id === undefined || typeof event.metric !== 'string') continue;
			const key = `${event.ticket_id}:${event.metric}:${event.instance_id ?? 0}`;
			if (event.type === 'apply_sla') {
				applied.set(key, { policy: event.sla?.policy?.title, target: event.sla?.target });
				withPolicy.add(String(event.ticket_id));
			}
			if (event.type === 'breach' && event.deleted !== true && typeof event.time === 'string') {
				const sla = applied.get(key);
				const list = breaches.get(String(event.ticket_id)) ?? [];
				list.push({ metric: event.metric, breached_at: event.time, ...(sla?.policy ? { policy: sla.policy } : {}), ...(typeof sla?.target === 'number' ? { target_minutes: sla.target } : {}) });
				breaches.set(String(event.ticket_id), list);
			}
		}
		if (typeof body.end_time === 'number') nextStartTime = body.end_time;
		const next = typeof body.next_page === 'string' && body.next_page !== '' ? body.next_page : undefined;
		// a time-based export ends on an empty page, or when it points back at the page just read (same start_time)
		if (events.length === 0 || !next || next === url) break;
		const problem = guard.follow(next);
		if (problem) {
			throw new SourceError(
				`Zendesk: ticket metric events (GET ${METRIC_EVENTS_PATH}) ${problem} — ${plural(pages, 'page')} were read; the cursor was not advanced, the next run re-reads from ${resumeFrom}`,
				'Zendesk',
				METRIC_EVENTS_PATH,
				200,
				1,
				{ pages },
			);
		}
		url = next;
		qs = undefined;
	}
	// nothing new: the next read starts from a minute before now (the export leaves out the last minute anyway)
	if (nextStartTime === startTime && nowSeconds !== undefined) nextStartTime = Math.max(startTime, nowSeconds - 60);
	return { breaches, withPolicy, nextStartTime, pages };
}
