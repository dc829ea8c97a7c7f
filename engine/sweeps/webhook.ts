/**
 * One received webhook delivery (CS Signal Trigger): verify it over the raw body, refuse a replay, answer a
 * handshake, classify its events, and turn the events the batch detectors can read into Signal items — through
 * the same detectors as the batch sources:
 * - Zendesk ticket and satisfaction-rating events, Intercom conversation events: the support detectors over a
 *   compact window of the provider's recent tickets kept between deliveries (as the Zendesk sweep keeps one), so an
 *   escalation, a volume spike or frustration language is judged on the account's recent tickets, not on one event;
 *   the signals of the accounts the delivery touched are returned (their whole current support picture).
 * - Slack messages in a channel mapped to an account: the Slack detectors.
 * Every other verified event (HubSpot record changes, Segment calls, Graph notifications, generic webhooks, Slack
 * joins, unknown types) carries no record the detectors could read alone: it is returned as an event, classified,
 * with the reason, for the workflow to fetch the record (or ignore it).
 *
 * The replay memory and the ticket window live in `state`; the caller stores the returned state (n8n: the node's
 * static data) only when the delivery was accepted. A rejected or replayed delivery changes nothing.
 */
import type { DateTime } from 'luxon';
import { ItemValidationError, resolveAsOf, setOwn, type Signal, type UnusableItem } from '../model';
import { AnalysedSentenceSchema, compileLexicons, type AnalysedSentence } from '../detect/language';
import { detectSlackSignalsFromItems } from '../detect/slack';
import { analyseTicketComments, detectSupportSignalsFromItems, keptTicketAnalysis, mapTicket } from '../detect/support';
import {
	DEFAULT_WINDOW_MS,
	guardReplay,
	verifyWebhook,
	webhookEvents,
	type GenericHmacVerifierConfig,
	type ReplayGuard,
	type ReplaySighting,
	type WebhookEvent,
	type WebhookEventOf,
	type WebhookFailureReason,
	type WebhookHandshakeResponse,
	type WebhookProvider,
	type WebhookRequest,
	type WebhookVerifierConfig,
} from '../webhooks';
import { z } from 'zod';
import { compactTicket } from './zendesk';

/** The trigger's providers: the form's value, the verifier it uses, and what the provider calls the secret. */
export const WEBHOOK_TRIGGER_PROVIDERS = [
	{ value: 'zendesk', provider: 'zendesk', name: 'Zendesk', secretName: 'webhook signing secret' },
	{ value: 'hubspotV3', provider: 'hubspot', name: 'HubSpot (Signature v3)', secretName: 'app client secret' },
	{ value: 'slack', provider: 'slack', name: 'Slack Events API', secretName: 'app signing secret' },
	{ value: 'intercom', provider: 'intercom', name: 'Intercom', secretName: 'app client secret' },
	{ value: 'segment', provider: 'segment', name: 'Segment', secretName: 'shared secret' },
	{ value: 'microsoftGraph', provider: 'graph', name: 'Microsoft Graph Change Notifications', secretName: 'subscription clientState' },
	{ value: 'generic', provider: 'generic', name: 'Generic HMAC', secretName: 'HMAC secret' },
] as const satisfies ReadonlyArray<{ value: string; provider: WebhookProvider; name: string; secretName: string }>;

export type WebhookTriggerProvider = (typeof WEBHOOK_TRIGGER_PROVIDERS)[number]['value'];

/** Days of tickets the trigger keeps for the support detectors (the Zendesk sweep's window). */
export const DEFAULT_WEBHOOK_TICKET_WINDOW_DAYS = 120;
/** Replayed requests remembered at most (oldest forgotten first). */
export const WEBHOOK_REPLAY_MEMORY_ENTRIES = 5000;

export function webhookTriggerProvider(value: string): (typeof WEBHOOK_TRIGGER_PROVIDERS)[number] {
	const found = WEBHOOK_TRIGGER_PROVIDERS.find((entry) => entry.value === value);
	if (!found) throw new Error(`webhook provider "${value}" is not one of ${WEBHOOK_TRIGGER_PROVIDERS.map((entry) => entry.value).join(', ')}`);
	return found;
}

interface ReplayEntry {
	firstSeenAtMs: number;
	expiresAtMs: number;
}

/**
 * A ReplayGuard over a plain record (a node's static data): bounded, entries expire after their window.
 * Shared by every delivery one n8n main process receives; not across processes (the Postgres store does that).
 */
export class RecordReplayGuard implements ReplayGuard {
	constructor(
		readonly entries: Record<string, ReplayEntry>,
		readonly maxEntries = WEBHOOK_REPLAY_MEMORY_ENTRIES,
	) {}

	async check(key: string, nowMs: number, windowMs: number): Promise<ReplaySighting> {
		const known = Object.prototype.hasOwnProperty.call(this.entries, key) ? this.entries[key] : undefined;
		if (known && known.expiresAtMs > nowMs) return { seen: true, firstSeenAtMs: known.firstSeenAtMs };
		for (const [oldKey, entry] of Object.entries(this.entries)) if (entry.expiresAtMs <= nowMs) delete this.entries[oldKey];
		const keys = Object.keys(this.entries);
		for (const oldKey of keys.slice(0, Math.max(0, keys.length - this.maxEntries + 1))) delete this.entries[oldKey];
		setOwn(this.entries, key, { firstSeenAtMs: nowMs, expiresAtMs: nowMs + windowMs });
		return { seen: false };
	}

	async release(key: string): Promise<void> {
		delete this.entries[key];
	}
}

/** Seen when either guard has seen it; both record it. */
function bothGuards(first: ReplayGuard, second: ReplayGuard): ReplayGuard {
	return {
		async check(key, nowMs, windowMs) {
			const [a, b] = [await first.check(key, nowMs, windowMs), await second.check(key, nowMs, windowMs)];
			if (a.seen) return a;
			return b;
		},
		async release(key) {
			await first.release(key);
			await second.release(key);
		},
	};
}

export interface WebhookReceiverState {
	/** Replay key → when first accepted (signed requests and provider delivery ids). */
	replay: Record<string, ReplayEntry>;
	/** Ticket id → compact ticket (no customer text), per provider's own ids. */
	tickets: Record<string, Record<string, unknown>>;
	/** Ticket id → the kept analysis of the customer's comments. */
	commentAnalysis: Record<string, AnalysedSentence[]>;
}

const KeptAnalysis = z.record(z.string(), z.array(AnalysedSentenceSchema));

function previousState(previous: unknown): WebhookReceiverState {
	const state = (previous && typeof previous === 'object' ? previous : {}) as Partial<WebhookReceiverState>;
	const analysis = KeptAnalysis.safeParse(state.commentAnalysis ?? {});
	const plain = (value: unknown) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, never>) } : {});
	return { replay: plain(state.replay), tickets: plain(state.tickets), commentAnalysis: analysis.success ? { ...analysis.data } : {} };
}

export interface ReceiveWebhookOptions {
	request: WebhookRequest;
	provider: WebhookTriggerProvider;
	/** The provider's secret (signing secret, client secret, shared secret, clientState). */
	secret: string;
	/** Replay window of timestamped schemes, ms (default 5 minutes). */
	windowMs?: number;
	allowLegacyHubSpotSignatures?: boolean;
	/** Generic HMAC settings (provider "generic"), without provider and secret. */
	generic?: Omit<GenericHmacVerifierConfig, 'provider' | 'secret'>;
	previous?: unknown;
	/** The instant to judge timestamps and detect at (default now). */
	now?: DateTime;
	timezone?: string;
	ticketWindowDays?: number;
	supportThresholds?: Record<string, unknown>;
	/** Slack channel id → account key. A message in a channel not listed is returned as an event. */
	slackChannelAccounts?: Readonly<Record<string, string>>;
	/** Slack user ids of your own team: their messages are not the customer's. */
	slackTeamUserIds?: readonly string[];
	/**
	 * A guard shared by the deliveries one process receives, consulted besides the one over `previous`: a replay sent
	 * right after the original arrives before the host has stored the first delivery's state (n8n saves static data
	 * after answering), so the stored state alone cannot refuse it.
	 */
	processGuard?: ReplayGuard;
}

/** A verified event no detector turned into a signal, and why. */
export interface UndetectedWebhookEvent {
	event: WebhookEvent;
	reason: string;
}

export type WebhookReceipt =
	| { outcome: 'rejected'; status: 401 | 400; reason: WebhookFailureReason; message: string }
	| { outcome: 'handshake'; respond: WebhookHandshakeResponse }
	| {
			outcome: 'accepted';
			signals: Signal[];
			undetected: UndetectedWebhookEvent[];
			/** Events the detectors could not use (a ticket without status, …), with the problem. */
			unusable: UnusableItem[];
			state: WebhookReceiverState;
			deliveryId?: string;
	  };

function verifierConfig(options: ReceiveWebhookOptions): WebhookVerifierConfig {
	const provider = webhookTriggerProvider(options.provider).provider;
	const secret = options.secret;
	switch (provider) {
		case 'zendesk':
		case 'slack':
			return { provider, secret, windowMs: options.windowMs };
		case 'hubspot':
			return { provider, secret, windowMs: options.windowMs, allowLegacySignatures: options.allowLegacyHubSpotSignatures === true };
		case 'intercom':
		case 'segment':
		case 'graph':
			return { provider, secret };
		case 'generic':
			return { provider: 'generic', secret, windowMs: options.windowMs, ...(options.generic as Omit<GenericHmacVerifierConfig, 'provider' | 'secret'>) };
	}
}

/** Why an event kind yields no signal on its own, and what to do with it. */
export const UNDETECTED_REASONS = {
	'crm.record': 'a HubSpot record change carries only the record id; the CRM detectors read whole accounts: run CS CRM Signals for this account',
	'usage.track': 'one usage call is no trend; the usage detectors read weeks of usage: collect these events and feed them to CS Usage Signals',
	'usage.identify': 'one usage call is no trend; the usage detectors read weeks of usage: collect these events and feed them to CS Usage Signals',
	'usage.group': 'one usage call is no trend; the usage detectors read weeks of usage: collect these events and feed them to CS Usage Signals',
	'email.message': 'a Graph notification carries only the message id: fetch the message and run CS Email Signals',
	'subscription.lifecycle': 'a Graph subscription lifecycle notice: renew or recreate the subscription',
	'slack.member_joined': 'a new member of a shared channel: no detector reads a join on its own',
	handshake: 'a handshake: answered, nothing to detect',
} as const;

const INTERCOM_STATUS: Record<string, string> = { open: 'open', closed: 'solved', snoozed: 'pending' };

/** A Zendesk event's ticket as the support detectors read it (Zendesk REST shape), merged onto the kept one. */
function ticketFromZendesk(event: WebhookEventOf<'support.ticket'>, kept: Record<string, unknown> | undefined): Record<string, unknown> {
	const f = event.fields;
	const ticket: Record<string, unknown> = { ...(kept ?? {}), id: f.ticketId };
	const set = (key: string, value: unknown) => {
		if (value !== undefined) ticket[key] = value;
	};
	set('organization_id', f.organizationId);
	set('status', f.status);
	set('priority', f.priority);
	set('subject', f.subject);
	set('tags', f.tags);
	set('requester_id', f.requesterId);
	set('created_at', f.createdAt ?? (kept?.created_at as string | undefined) ?? (f.change === 'created' ? event.occurredAt : undefined));
	set('updated_at', f.updatedAt ?? event.occurredAt);
	if (ticket.subject === undefined) ticket.subject = '';
	if (f.comment?.body) {
		const fromCustomer = f.comment.byAgent !== undefined ? !f.comment.byAgent : f.comment.authorId !== undefined && f.requesterId !== undefined ? f.comment.authorId === f.requesterId : false;
		ticket.comments = [{ body: f.comment.body, from_customer: fromCustomer, ...(event.occurredAt ? { created_at: event.occurredAt } : {}) }];
	}
	return ticket;
}

function ticketFromIntercom(event: WebhookEventOf<'support.conversation'>, kept: Record<string, unknown> | undefined): Record<string, unknown> {
	const f = event.fields;
	const ticket: Record<string, unknown> = { subject: '', priority: 'normal', status: 'open', ...(kept ?? {}), id: f.conversationId };
	if (f.companyId) ticket.organization_id = f.companyId;
	if (f.state && INTERCOM_STATUS[f.state]) ticket.status = INTERCOM_STATUS[f.state];
	if (f.priority) ticket.priority = f.priority === 'priority' ? 'high' : 'normal';
	ticket.created_at = f.createdAt ?? (kept?.created_at as string | undefined) ?? event.occurredAt;
	if (f.updatedAt ?? event.occurredAt) ticket.updated_at = f.updatedAt ?? event.occurredAt;
	if (f.rating) ticket.satisfaction_rating = { score: f.rating.rating };
	if (f.text && f.by === 'customer') ticket.comments = [{ body: f.text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim(), from_customer: true }];
	return ticket;
}

/** Verify, guard, classify and detect one delivery. Throws only for settings that cannot work. */
export async function receiveWebhook(options: ReceiveWebhookOptions): Promise<WebhookReceipt> {
	const asOf = resolveAsOf(options.now ?? null, options.timezone);
	const verification = verifyWebhook(options.request, verifierConfig(options), { now: asOf });
	if (!verification.ok) return { outcome: 'rejected', status: verification.status, reason: verification.reason, message: verification.message };

	const state = previousState(options.previous);
	const stored = new RecordReplayGuard(state.replay);
	const guard: ReplayGuard = options.processGuard ? bothGuards(stored, options.processGuard) : stored;
	const guarded = await guardReplay(verification, guard, asOf.toMillis());
	if (!guarded.ok) return { outcome: 'rejected', status: guarded.status, reason: guarded.reason, message: guarded.message };
	if (guarded.handshake) return { outcome: 'handshake', respond: guarded.handshake.respond };

	const events = webhookEvents(guarded);
	// the provider's own delivery id: a second sighting is the same delivery again, whatever its new signature
	const deliveryId = guarded.deliveryId ?? (events.length === 1 ? events[0].deliveryId : undefined);
	if (deliveryId !== undefined) {
		const windowMs = 2 * (guarded.windowMs ?? options.windowMs ?? DEFAULT_WINDOW_MS);
		const sighting = await guard.check(`${guarded.provider}:delivery:${deliveryId}`, asOf.toMillis(), Math.max(windowMs, 24 * 3_600_000));
		if (sighting.seen) {
			return { outcome: 'rejected', status: 401, reason: 'replayed', message: `replayed delivery: ${guarded.provider} delivery ${deliveryId} was already accepted` };
		}
	}

	const undetected: UndetectedWebhookEvent[] = [];
	const signals: Signal[] = [];
	const unusable: UnusableItem[] = [];
	const touchedAccounts = new Set<string>();
	const freshTickets = new Map<string, Record<string, unknown>>();
	const slackItems: Array<{ item: Record<string, unknown>; event: WebhookEvent }> = [];
	const system = guarded.provider;

	for (const event of events) {
		if (event.kind === 'support.ticket' || event.kind === 'support.conversation') {
			const id = event.kind === 'support.ticket' ? event.fields.ticketId : event.fields.conversationId;
			const kept = Object.prototype.hasOwnProperty.call(state.tickets, id) ? state.tickets[id] : undefined;
			const ticket = event.kind === 'support.ticket' ? ticketFromZendesk(event, freshTickets.get(id) ?? kept) : ticketFromIntercom(event, freshTickets.get(id) ?? kept);
			if (ticket.organization_id === undefined || ticket.organization_id === null) {
				undetected.push({ event, reason: `${system} ticket ${id} belongs to no organization (company): it is no account's signal` });
				continue;
			}
			freshTickets.set(id, ticket);
			touchedAccounts.add(String(ticket.organization_id));
		} else if (event.kind === 'support.satisfaction_rating') {
			const id = event.fields.ticketId;
			const known = freshTickets.get(id) ?? (Object.prototype.hasOwnProperty.call(state.tickets, id) ? state.tickets[id] : undefined);
			if (!known || known.organization_id === undefined) {
				undetected.push({ event, reason: `satisfaction rating for ticket ${id}, which no earlier delivery showed: send ticket events too (the rating is read with its ticket)` });
				continue;
			}
			freshTickets.set(id, { ...known, satisfaction_rating: { score: event.fields.score } });
			touchedAccounts.add(String(known.organization_id));
		} else if (event.kind === 'slack.message') {
			const f = event.fields;
			const accountId = options.slackChannelAccounts?.[f.channelId];
			if (!accountId) {
				undetected.push({ event, reason: `Slack channel ${f.channelId} is mapped to no account: add it under Slack Channel Accounts` });
				continue;
			}
			const user = f.userId ?? f.botId;
			if (!user) {
				undetected.push({ event, reason: `Slack message ${f.ts} has no author` });
				continue;
			}
			const customerSide = f.botId === undefined && !(options.slackTeamUserIds ?? []).includes(user);
			slackItems.push({ event, item: { accountId, channelId: f.channelId, ts: f.ts, ...(f.threadTs ? { threadTs: f.threadTs } : {}), user, customerSide, text: f.text } });
		} else {
			undetected.push({ event, reason: event.kind === 'other' ? event.fields.reason : UNDETECTED_REASONS[event.kind as keyof typeof UNDETECTED_REASONS] });
		}
	}

	if (freshTickets.size > 0) {
		const cutoff = asOf.minus({ days: options.ticketWindowDays ?? DEFAULT_WEBHOOK_TICKET_WINDOW_DAYS }).toMillis();
		const language = { lexicons: compileLexicons(undefined), redact: false };
		for (const [id, ticket] of freshTickets) {
			setOwn(state.tickets, id, compactTicket(ticket as never) as Record<string, unknown>);
			try {
				const kept = keptTicketAnalysis(analyseTicketComments(mapTicket(ticket, 0), language));
				if (kept.length > 0) setOwn(state.commentAnalysis, id, kept);
			} catch (error) {
				if (!(error instanceof ItemValidationError)) throw error; // reported by the detection below
			}
		}
		for (const [id, ticket] of Object.entries(state.tickets)) {
			const latest = Math.max(Date.parse(String(ticket.created_at ?? '')) || 0, Date.parse(String(ticket.updated_at ?? '')) || 0);
			if (latest < cutoff && !freshTickets.has(id)) {
				delete state.tickets[id];
				delete state.commentAnalysis[id];
			}
		}
		const window = Object.entries(state.tickets)
			.filter(([, ticket]) => touchedAccounts.has(String(ticket.organization_id)))
			.map(([id, ticket]) => freshTickets.get(id) ?? ticket);
		const result = detectSupportSignalsFromItems(window, {
			asOf,
			...(options.timezone ? { timezone: options.timezone } : {}),
			system,
			thresholds: options.supportThresholds,
			commentAnalysis: new Map(Object.entries(state.commentAnalysis)),
		});
		signals.push(...result.detections.map((detection) => detection.signal));
		unusable.push(
			...result.unusable.map((item) => ({ ...item, itemIndex: 0, message: item.message.replace(/^ticket \d+:/, `${system} ticket ${String(window[item.itemIndex]?.id)}:`) })),
		);
	}

	if (slackItems.length > 0) {
		const result = detectSlackSignalsFromItems(
			slackItems.map(({ item }) => item),
			{ asOf, system: 'slack', ...(options.timezone ? { timezone: options.timezone } : {}) },
		);
		signals.push(...result.detections.map((detection) => detection.signal));
		unusable.push(...result.unusable.map((item) => ({ ...item, itemIndex: 0 })));
		const detected = new Set(result.detections.flatMap((detection) => detection.itemIndexes));
		slackItems.forEach(({ event }, index) => {
			if (!detected.has(index)) undetected.push({ event, reason: 'the Slack detectors found no signal in this message' });
		});
	}
	if (signals.length === 0 && freshTickets.size > 0) {
		for (const event of events.filter((e) => e.kind.startsWith('support.'))) {
			if (!undetected.some((entry) => entry.event === event)) undetected.push({ event, reason: 'the support detectors found no signal for this account now' });
		}
	}

	return { outcome: 'accepted', signals, undetected, unusable, state, ...(deliveryId !== undefined ? { deliveryId } : {}) };
}
