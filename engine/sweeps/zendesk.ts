/**
 * One Zendesk sweep (CS Support Signals, Zendesk mode): read every ticket change since the stored cursor,
 * merge it into a compact window of recent tickets kept between runs (detection needs the baseline period,
 * the export only returns changes), then run the support detectors over the window. The new cursor and
 * window are returned for the caller to store only after the run succeeded.
 */
import { z } from 'zod';
import { ItemValidationError, resolveAsOf, setOwn } from '../model';
import { AnalysedSentenceSchema, compileLexicons, type AnalysedSentence, type LexiconSettings } from '../detect/language';
import { analyseTicketComments, detectSupportSignalsFromItems, keptTicketAnalysis, mapTicket, type SupportItemsResult } from '../detect/support';
import { readSlaBreaches, readTicketComments, readZendeskTicketChanges, type ZendeskClientOptions, type ZendeskCursorState, type ZendeskSlaBreach, type ZendeskTicket } from '../sources/zendesk';

/** How many days of tickets the first run reads and every run keeps (covers the volume-spike baseline plus window). */
export const DEFAULT_ZENDESK_WINDOW_DAYS = 120;

export interface ZendeskSweepState {
	cursor: ZendeskCursorState;
	/** Ticket id → compact ticket (the fields the support detectors read; no description, no comment text). */
	tickets: Record<string, ZendeskTicket>;
	/** Ticket metric events (SLA) are read from this unix time next. */
	slaSince?: number;
	/** Ticket id → the kept analysis of the customer's comments (scores, phrase ids, the one quotable snippet). */
	commentAnalysis?: Record<string, AnalysedSentence[]>;
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
	/** Read the comments of changed tickets (frustration language); otherwise the description is read. */
	readComments?: boolean;
	/** Read ticket metric events (SLA policies applied and breached). */
	readSlaEvents?: boolean;
	lexicons?: LexiconSettings;
	redact?: boolean;
	snippetChars?: number;
}

export interface ZendeskSweepResult extends SupportItemsResult {
	state: ZendeskSweepState;
	read: { pages: number; tickets: number; ratings: number };
	/** Tickets with no organization: they belong to no account and are not analysed. */
	withoutOrganization: number;
}

function pick(source: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> | undefined {
	if (!source || typeof source !== 'object') return undefined;
	const out: Record<string, unknown> = {};
	for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
	return out;
}

/**
 * Only what detection reads: the window stays small enough for workflow static data, and holds no text the
 * customer wrote — no description, no comments, no rating comment (their analysis is kept apart: commentAnalysis).
 */
export function compactTicket(ticket: ZendeskTicket): ZendeskTicket {
	const compact: ZendeskTicket = { id: ticket.id };
	for (const key of ['organization_id', 'created_at', 'updated_at', 'priority', 'status', 'subject', 'url', 'tags', 'sla_breaches']) {
		if (ticket[key] !== undefined) compact[key] = ticket[key];
	}
	const rating = pick(ticket.satisfaction_rating as Record<string, unknown>, ['score']);
	if (rating) compact.satisfaction_rating = rating;
	const metric = pick(ticket.metric_set as Record<string, unknown>, ['solved_at', 'full_resolution_time_in_minutes', 'reply_time_in_minutes', 'reopens', 'replies']);
	if (metric) compact.metric_set = metric;
	return compact;
}

const KeptAnalysis = z.record(z.string(), z.array(AnalysedSentenceSchema));

function mergeBreaches(kept: unknown, fresh: readonly ZendeskSlaBreach[]): ZendeskSlaBreach[] {
	const list = [...(Array.isArray(kept) ? (kept as ZendeskSlaBreach[]) : []), ...fresh];
	const seen = new Set<string>();
	return list.filter((b) => {
		const key = `${b.metric}@${b.breached_at}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

function previousState(previous: unknown): ZendeskSweepState {
	const state = previous as Partial<ZendeskSweepState> | undefined;
	const analysis = KeptAnalysis.safeParse(state?.commentAnalysis ?? {});
	return {
		cursor: state?.cursor && typeof state.cursor === 'object' ? state.cursor : {},
		tickets: state?.tickets && typeof state.tickets === 'object' ? state.tickets : {},
		...(typeof state?.slaSince === 'number' ? { slaSince: state.slaSince } : {}),
		commentAnalysis: analysis.success ? analysis.data : {},
	};
}

export async function sweepZendesk(options: ZendeskSweepOptions): Promise<ZendeskSweepResult> {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const previous = previousState(options.previous);
	const since = asOf.minus({ days: options.windowDays });
	const sweep = await readZendeskTicketChanges({
		client: options.client,
		state: previous.cursor,
		startTime: since,
		now: asOf,
		includeSatisfactionRatings: options.includeSatisfactionRatings,
	});
	const resumeFrom = previous.cursor.ticketCursor ? `cursor ${previous.cursor.ticketCursor}` : `start time ${since.toUTC().toISO({ suppressMilliseconds: true })}`;
	const changed = sweep.tickets.filter((ticket) => ticket.organization_id !== null && ticket.organization_id !== undefined);
	const comments = options.readComments ? await readTicketComments(options.client, changed.map((t) => String(t.id)), resumeFrom) : new Map();
	const sla = options.readSlaEvents ? await readSlaBreaches(options.client, previous.slaSince ?? Math.floor(since.toSeconds()), resumeFrom, Math.floor(asOf.toSeconds())) : undefined;

	const tickets: Record<string, ZendeskTicket> = { ...previous.tickets };
	const fresh = new Map<string, ZendeskTicket>();
	for (const ticket of sweep.tickets) {
		const withComments = comments.has(String(ticket.id)) ? { ...ticket, comments: comments.get(String(ticket.id)) } : ticket;
		fresh.set(String(ticket.id), withComments);
		setOwn(tickets, String(ticket.id), compactTicket(ticket));
	}
	if (sla) {
		for (const [id, ticket] of Object.entries(tickets)) {
			const found = sla.breaches.get(id);
			if (found || sla.withPolicy.has(id)) setOwn(tickets, id, { ...ticket, sla_breaches: mergeBreaches(ticket.sla_breaches, found ?? []) });
		}
	}
	const cutoff = since.toMillis();
	for (const [id, ticket] of Object.entries(tickets)) {
		const latest = Math.max(Date.parse(String(ticket.created_at ?? '')) || 0, Date.parse(String(ticket.updated_at ?? '')) || 0);
		if (latest < cutoff) delete tickets[id];
	}

	// what the customer wrote: analysed now for the changed tickets, kept as analysis (never as text) for the window
	const language = { lexicons: compileLexicons(options.lexicons), redact: options.redact === true, snippetChars: options.snippetChars };
	const commentAnalysis: Record<string, AnalysedSentence[]> = {};
	for (const [id, sentences] of Object.entries(previous.commentAnalysis ?? {})) if (Object.prototype.hasOwnProperty.call(tickets, id)) setOwn(commentAnalysis, id, sentences);
	for (const [id, raw] of fresh) {
		if (!Object.prototype.hasOwnProperty.call(tickets, id) || raw.organization_id === null || raw.organization_id === undefined) continue;
		try {
			const kept = keptTicketAnalysis(analyseTicketComments(mapTicket(raw, 0), language));
			if (kept.length > 0) setOwn(commentAnalysis, id, kept);
			else delete commentAnalysis[id];
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error; // reported by the detection below
		}
	}

	const window = Object.values(tickets)
		.map((ticket) => (fresh.has(String(ticket.id)) ? { ...fresh.get(String(ticket.id))!, ...(ticket.sla_breaches ? { sla_breaches: ticket.sla_breaches } : {}) } : ticket))
		.sort((a, b) => Number(a.id) - Number(b.id) || String(a.id).localeCompare(String(b.id)));
	const withOrganization = window.filter((ticket) => ticket.organization_id !== null && ticket.organization_id !== undefined);
	const result = detectSupportSignalsFromItems(withOrganization, {
		thresholds: options.thresholds,
		asOf,
		...(options.timezone ? { timezone: options.timezone } : {}),
		...(options.system ? { system: options.system } : {}),
		lexicons: options.lexicons,
		redact: options.redact,
		snippetChars: options.snippetChars,
		commentAnalysis: new Map(Object.entries(commentAnalysis)),
	});
	return {
		detections: result.detections,
		// the window's tickets are no input items: every problem is paired with the run's trigger item, and names the
		// Zendesk ticket by its id (its place in the window means nothing to anyone)
		unusable: result.unusable.map((item) => {
			const id = withOrganization[item.itemIndex]?.id;
			return { ...item, itemIndex: 0, message: id === undefined ? item.message : item.message.replace(/^ticket \d+:/, `Zendesk ticket ${JSON.stringify(String(id)).slice(1, -1)}:`) };
		}),
		state: {
			cursor: sweep.state,
			tickets,
			...(sla ? { slaSince: sla.nextStartTime } : previous.slaSince !== undefined ? { slaSince: previous.slaSince } : {}),
			...(Object.keys(commentAnalysis).length ? { commentAnalysis } : {}),
		},
		read: sweep.read,
		withoutOrganization: window.length - withOrganization.length,
	};
}
