/**
 * One Zendesk sweep (CS Support Signals, Zendesk mode): read every ticket change since the stored cursor,
 * merge it into a compact window of recent tickets kept between runs (detection needs the baseline period,
 * the export only returns changes), then run the support detectors over the window. The new cursor and
 * window are returned for the caller to store only after the run succeeded.
 */
import { resolveAsOf } from '../model';
import { detectSupportSignalsFromItems, type SupportItemsResult } from '../detect/support';
import { readZendeskTicketChanges, type ZendeskClientOptions, type ZendeskCursorState, type ZendeskTicket } from '../sources/zendesk';

/** How many days of tickets the first run reads and every run keeps (covers the volume-spike baseline plus window). */
export const DEFAULT_ZENDESK_WINDOW_DAYS = 120;

export interface ZendeskSweepState {
	cursor: ZendeskCursorState;
	/** Ticket id → compact ticket (the fields the support detectors read). */
	tickets: Record<string, ZendeskTicket>;
}

export interface ZendeskSweepOptions {
	client: ZendeskClientOptions;
	previous?: unknown;
	asOf?: string;
	/** First run: read tickets changed in the last N days; every run: keep tickets of the last N days. */
	windowDays: number;
	includeSatisfactionRatings: boolean;
	thresholds?: Record<string, unknown>;
	timezone?: string;
	system?: string;
}

export interface ZendeskSweepResult extends SupportItemsResult {
	state: ZendeskSweepState;
	read: { pages: number; tickets: number; ratings: number };
	/** Tickets with no organization: they belong to no account and are not analysed. */
	withoutOrganization: number;
}

const DESCRIPTION_LIMIT = 2000;

function pick(source: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> | undefined {
	if (!source || typeof source !== 'object') return undefined;
	const out: Record<string, unknown> = {};
	for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
	return out;
}

/** Only what detection reads: the window stays small enough for workflow static data. */
export function compactTicket(ticket: ZendeskTicket): ZendeskTicket {
	const description = typeof ticket.description === 'string' ? ticket.description.slice(0, DESCRIPTION_LIMIT) : ticket.description;
	const compact: ZendeskTicket = { id: ticket.id };
	for (const key of ['organization_id', 'created_at', 'updated_at', 'priority', 'status', 'subject', 'url', 'tags']) {
		if (ticket[key] !== undefined) compact[key] = ticket[key];
	}
	if (description !== undefined) compact.description = description;
	const rating = pick(ticket.satisfaction_rating as Record<string, unknown>, ['score', 'comment', 'reason']);
	if (rating) compact.satisfaction_rating = rating;
	const metric = pick(ticket.metric_set as Record<string, unknown>, ['solved_at', 'full_resolution_time_in_minutes', 'reopens', 'replies']);
	if (metric) compact.metric_set = metric;
	return compact;
}

function previousState(previous: unknown): ZendeskSweepState {
	const state = previous as Partial<ZendeskSweepState> | undefined;
	return { cursor: state?.cursor && typeof state.cursor === 'object' ? state.cursor : {}, tickets: state?.tickets && typeof state.tickets === 'object' ? state.tickets : {} };
}

export async function sweepZendesk(options: ZendeskSweepOptions): Promise<ZendeskSweepResult> {
	const asOf = resolveAsOf(options.asOf);
	const previous = previousState(options.previous);
	const since = asOf.minus({ days: options.windowDays });
	const sweep = await readZendeskTicketChanges({
		client: options.client,
		state: previous.cursor,
		startTime: since,
		now: asOf,
		includeSatisfactionRatings: options.includeSatisfactionRatings,
	});
	const tickets: Record<string, ZendeskTicket> = { ...previous.tickets };
	for (const ticket of sweep.tickets) tickets[String(ticket.id)] = compactTicket(ticket);
	const cutoff = since.toMillis();
	for (const [id, ticket] of Object.entries(tickets)) {
		const latest = Math.max(Date.parse(String(ticket.created_at ?? '')) || 0, Date.parse(String(ticket.updated_at ?? '')) || 0);
		if (latest < cutoff) delete tickets[id];
	}
	const window = Object.values(tickets).sort((a, b) => Number(a.id) - Number(b.id) || String(a.id).localeCompare(String(b.id)));
	const withOrganization = window.filter((ticket) => ticket.organization_id !== null && ticket.organization_id !== undefined);
	const result = detectSupportSignalsFromItems(withOrganization, {
		thresholds: options.thresholds,
		asOf,
		...(options.timezone ? { timezone: options.timezone } : {}),
		...(options.system ? { system: options.system } : {}),
	});
	return {
		detections: result.detections,
		// the window's tickets are no input items: every problem is paired with the run's trigger item
		unusable: result.unusable.map((item) => ({ ...item, itemIndex: 0 })),
		state: { cursor: sweep.state, tickets },
		read: sweep.read,
		withoutOrganization: window.length - withOrganization.length,
	};
}
