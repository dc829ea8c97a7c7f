import { DateTime } from 'luxon';
import { formatNumber, parseIsoDate, plural, resolveAsOf, signalId, toIso, type Signal } from '../../model';
import { getSignalType } from '../../taxonomy';
import type { AnalysedSentence } from '../language/analyse';
import { compileLexicons, type LexiconSettings } from '../language/lexicon';
import { detectFrustration, detectRepeatIssues, detectSlaBreaches, type LanguageContext, type LanguageFinding } from './language';
import { SEVERITY_RAISES, resolveSupportThresholds, type SupportThresholds } from './thresholds';
import { UNRESOLVED_STATUSES, type SupportTicket } from './ticket';

/** A mapped ticket and the input item(s) it came from. */
export interface TicketEntry {
	ticket: SupportTicket;
	itemIndex: number;
}

/** One detected signal and the input items it rests on (for n8n's pairedItem). */
export interface SupportDetection {
	signal: Signal;
	itemIndexes: number[];
}

export interface SupportDetectionOptions {
	/** Overrides of the taxonomy's detection parameters. */
	thresholds?: Partial<SupportThresholds>;
	/** The source system named in each signal (default `zendesk`). */
	system?: string;
	/** The instant detection is run for (default now). Tickets created after it do not exist yet. */
	asOf?: string | DateTime | null;
	/** The zone for an as-of written without an offset (n8n's workflow time zone); default UTC. */
	timezone?: string;
	/** Phrase lexicons for the frustration detector (overrides, replacements). */
	lexicons?: LexiconSettings;
	/** Mask names, e-mail addresses and numbers in quoted comments and subjects. */
	redact?: boolean;
	snippetChars?: number;
	/** Ticket id → the analysis of its customer comments kept from an earlier run (their text is not kept). */
	commentAnalysis?: ReadonlyMap<string, readonly AnalysedSentence[]>;
}

export const DEFAULT_SUPPORT_SYSTEM = 'zendesk';

/** A ticket with parsed times; duplicates of one ticket id merged. */
interface PreparedTicket {
	ticket: SupportTicket;
	itemIndexes: number[];
	created: DateTime;
	updated?: DateTime;
	solved?: DateTime;
}

interface DetectionContext {
	asOf: DateTime;
	detectedAt: string;
	system: string;
	thresholds: SupportThresholds;
}

const SUPPORT_TYPES = {
	volumeSpike: 'support.volume_spike',
	sev1: 'support.sev1_escalation',
	burst: 'support.ticket_burst',
	lowCsat: 'support.low_csat',
	slowResolution: 'support.slow_resolution',
} as const;

function time(value: string | undefined): DateTime | undefined {
	return value === undefined ? undefined : (parseIsoDate(value) ?? undefined);
}

/** Order-independent: the same ticket id twice (incremental exports repeat tickets) → the latest update wins. */
function prepare(entries: TicketEntry[]): PreparedTicket[] {
	const byId = new Map<string, PreparedTicket>();
	for (const { ticket, itemIndex } of entries) {
		const candidate: PreparedTicket = {
			ticket,
			itemIndexes: [itemIndex],
			created: parseIsoDate(ticket.createdAt)!,
			updated: time(ticket.updatedAt),
			solved: time(ticket.solvedAt),
		};
		const existing = byId.get(ticket.ticketId);
		if (!existing) {
			byId.set(ticket.ticketId, candidate);
			continue;
		}
		const itemIndexes = [...existing.itemIndexes, itemIndex].sort((a, b) => a - b);
		const existingStamp = existing.updated?.toMillis() ?? -Infinity;
		const candidateStamp = candidate.updated?.toMillis() ?? -Infinity;
		const candidateWins =
			candidateStamp > existingStamp ||
			(candidateStamp === existingStamp && JSON.stringify(candidate.ticket) > JSON.stringify(existing.ticket));
		byId.set(ticket.ticketId, { ...(candidateWins ? candidate : existing), itemIndexes });
	}
	return [...byId.values()];
}

function clampSeverity(severity: number): number {
	return Math.min(10, Math.max(1, severity));
}

function ticketLabel(ticket: SupportTicket): string {
	return `#${ticket.ticketId} ${JSON.stringify(ticket.subject === '' ? '(no subject)' : ticket.subject)}`;
}

function byCreated(a: PreparedTicket, b: PreparedTicket): number {
	return a.created.toMillis() - b.created.toMillis() || a.ticket.ticketId.localeCompare(b.ticket.ticketId);
}

function indexesOf(tickets: PreparedTicket[]): number[] {
	return [...new Set(tickets.flatMap((t) => t.itemIndexes))].sort((a, b) => a - b);
}

interface SignalParts {
	accountId: string;
	ref: string;
	observedAt: DateTime;
	severityRaise?: number;
	value?: number;
	baseline?: number;
	evidence: string;
	url?: string;
	attributes: Record<string, unknown>;
}

function buildSignal(type: string, parts: SignalParts, context: DetectionContext): Signal {
	const definition = getSignalType(type);
	const signal: Signal = {
		id: signalId(context.system, parts.ref, type),
		accountId: parts.accountId,
		category: definition.category,
		type,
		polarity: definition.polarity,
		severity: clampSeverity(definition.defaultSeverity + (parts.severityRaise ?? 0)),
		observedAt: toIso(parts.observedAt),
		detectedAt: context.detectedAt,
		evidence: parts.evidence,
		source: { system: context.system, ref: parts.ref, ...(parts.url ? { url: parts.url } : {}) },
		attributes: parts.attributes,
	};
	if (parts.value !== undefined) signal.value = parts.value;
	if (parts.baseline !== undefined) signal.baseline = parts.baseline;
	return signal;
}

/** Tickets created in (end − days, end]. */
function createdWithin(tickets: PreparedTicket[], end: DateTime, days: number): PreparedTicket[] {
	const start = end.minus({ days });
	return tickets.filter((t) => t.created > start && t.created <= end);
}

function withinLookback(moment: DateTime, context: DetectionContext): boolean {
	return moment <= context.asOf && moment > context.asOf.minus({ days: context.thresholds.ticketLookbackDays });
}

/** Aggregate signals are keyed by account and window end date: re-running the same day gives the same id. */
function aggregateRef(accountId: string, context: DetectionContext): string {
	return `${accountId}@${context.asOf.toISODate()}`;
}

/** support.volume_spike — the account's recent volume against its own baseline. */
function detectVolumeSpike(accountId: string, tickets: PreparedTicket[], context: DetectionContext): SupportDetection[] {
	const { volumeSpikeWindowDays: windowDays, volumeSpikeBaselineDays: baselineDays } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const current = createdWithin(tickets, context.asOf, windowDays);
	const prior = createdWithin(tickets, windowStart, baselineDays);
	if (current.length < context.thresholds.volumeSpikeMinTickets || prior.length === 0) return [];
	// The baseline only covers the part of the baseline period the account's ticket history reaches back to:
	// an account (or a first sweep) with five weeks of history is not "quiet" for the other eight.
	// Coverage counts in whole windows (the first ticket is a sample, not the day the account began); under half a
	// window of history before the current window leaves nothing to compare against.
	const earliest = tickets.reduce((min, t) => (t.created < min ? t.created : min), windowStart);
	const historyDays = windowStart.diff(earliest, 'days').days;
	if (historyDays < windowDays / 2) return [];
	const coveredDays = Math.min(baselineDays, Math.ceil(historyDays / windowDays - 1e-9) * windowDays);
	const baselinePerWindow = (prior.length * windowDays) / coveredDays;
	const increasePct = ((current.length - baselinePerWindow) / baselinePerWindow) * 100;
	// a tiny tolerance so 14 vs 10 is +40% despite floating point
	if (increasePct + 1e-9 < context.thresholds.volumeSpikeIncreasePct) return [];

	const ratio = current.length / baselinePerWindow;
	const raise = ratio + 1e-9 >= 3 ? SEVERITY_RAISES.spikeTripled : ratio + 1e-9 >= 2 ? SEVERITY_RAISES.spikeDoubled : 0;
	const why = ratio + 1e-9 >= 3 ? ' — at least three times the usual volume' : ratio + 1e-9 >= 2 ? ' — at least twice the usual volume' : '';
	const evidence =
		`Tickets up ${Math.floor(increasePct + 1e-9)}% (${current.length} in the ${windowDays} days to ${context.asOf.toISODate()} ` +
		`vs an average of ${formatNumber(baselinePerWindow)} per ${windowDays} days over the ${formatNumber(coveredDays)} days before)${why}`;
	const recent = [...current].sort(byCreated);
	return [
		{
			signal: buildSignal(
				SUPPORT_TYPES.volumeSpike,
				{
					accountId,
					ref: aggregateRef(accountId, context),
					observedAt: context.asOf,
					severityRaise: raise,
					value: current.length,
					baseline: Math.round(baselinePerWindow * 100) / 100,
					evidence,
					attributes: {
						windowDays,
						baselineDays,
						baselineCoveredDays: Math.round(coveredDays * 10) / 10,
						increasePct: Math.round(increasePct * 10) / 10,
						baselineTicketCount: prior.length,
						ticketIds: recent.map((t) => t.ticket.ticketId),
					},
				},
				context,
			),
			itemIndexes: indexesOf([...current, ...prior]),
		},
	];
}

/** support.ticket_burst — N or more tickets within the burst window (seeds: 3+ tickets in 7 days). */
function detectTicketBurst(accountId: string, tickets: PreparedTicket[], context: DetectionContext): SupportDetection[] {
	const { ticketBurstMinTickets: minTickets, ticketBurstWindowDays: windowDays } = context.thresholds;
	const burst = createdWithin(tickets, context.asOf, windowDays).sort(byCreated);
	if (burst.length < minTickets) return [];
	const extra = burst.length - minTickets;
	const raise = Math.min(SEVERITY_RAISES.burstMax, extra * SEVERITY_RAISES.burstPerExtraTicket);
	const evidence =
		`${plural(burst.length, 'ticket')} in the ${windowDays} days to ${context.asOf.toISODate()} ` +
		`(${burst.map((t) => `#${t.ticket.ticketId}`).join(', ')})` +
		(extra > 0 ? `, ${extra} above the burst threshold of ${minTickets}` : '');
	return [
		{
			signal: buildSignal(
				SUPPORT_TYPES.burst,
				{
					accountId,
					ref: aggregateRef(accountId, context),
					observedAt: context.asOf,
					severityRaise: raise,
					value: burst.length,
					evidence,
					attributes: { windowDays, minTickets, ticketIds: burst.map((t) => t.ticket.ticketId) },
				},
				context,
			),
			itemIndexes: indexesOf(burst),
		},
	];
}

function solvedBy(ticket: PreparedTicket, moment: DateTime): boolean {
	if (ticket.solved) return ticket.solved <= moment;
	return !UNRESOLVED_STATUSES.includes(ticket.ticket.status);
}

function ticketAttributes(ticket: SupportTicket): Record<string, unknown> {
	return {
		ticketId: ticket.ticketId,
		subject: ticket.subject,
		priority: ticket.priority,
		status: ticket.status,
		...(ticket.tags ? { tags: ticket.tags } : {}),
	};
}

/** support.sev1_escalation — one signal per urgent ticket opened within the lookback. */
function detectSev1Escalation(ticket: PreparedTicket, context: DetectionContext): SupportDetection[] {
	if (ticket.ticket.priority !== 'urgent' || !withinLookback(ticket.created, context)) return [];
	const unsolved = !solvedBy(ticket, context.asOf);
	const evidence = `Urgent ticket ${ticketLabel(ticket.ticket)} opened ${ticket.created.toISODate()}${unsolved ? ', still unsolved' : ''}`;
	return [
		{
			signal: buildSignal(
				SUPPORT_TYPES.sev1,
				{
					accountId: ticket.ticket.accountId,
					ref: ticket.ticket.ticketId,
					observedAt: ticket.created,
					severityRaise: unsolved ? SEVERITY_RAISES.urgentStillUnsolved : 0,
					evidence,
					url: ticket.ticket.url,
					attributes: { ...ticketAttributes(ticket.ticket), unsolvedAtAsOf: unsolved },
				},
				context,
			),
			itemIndexes: ticket.itemIndexes,
		},
	];
}

/** support.low_csat — a bad rating, or a 1–5 score at or below the threshold. */
function detectLowCsat(ticket: PreparedTicket, context: DetectionContext): SupportDetection[] {
	const score = ticket.ticket.satisfactionScore;
	if (score === undefined) return [];
	const numeric = score === 'bad' ? 1 : score === 'good' ? 5 : score;
	if (numeric > context.thresholds.lowCsatMaxScore) return [];
	// the rating is recorded on the ticket; its last update is the closest time we have for it
	const observedAt = ticket.updated ?? ticket.solved ?? ticket.created;
	if (!withinLookback(observedAt, context)) return [];
	const rating = typeof score === 'number' ? `${formatNumber(score)}/5` : score;
	return [
		{
			signal: buildSignal(
				SUPPORT_TYPES.lowCsat,
				{
					accountId: ticket.ticket.accountId,
					ref: ticket.ticket.ticketId,
					observedAt,
					value: numeric,
					evidence: `Ticket ${ticketLabel(ticket.ticket)} rated ${rating} by the customer`,
					url: ticket.ticket.url,
					attributes: { ...ticketAttributes(ticket.ticket), satisfactionScore: score },
				},
				context,
			),
			itemIndexes: ticket.itemIndexes,
		},
	];
}

/**
 * support.slow_resolution — a ticket resolved after more than the threshold, or still unsolved past it
 * (observed the moment it crossed the threshold, so re-runs keep the same signal).
 */
function detectSlowResolution(ticket: PreparedTicket, context: DetectionContext): SupportDetection[] {
	const maxHours = context.thresholds.slowResolutionMaxHours;
	const { resolutionMinutes } = ticket.ticket;
	const resolvedAt =
		ticket.solved ??
		(resolutionMinutes !== undefined && !UNRESOLVED_STATUSES.includes(ticket.ticket.status)
			? ticket.created.plus({ minutes: resolutionMinutes })
			: undefined);

	let hours: number;
	let observedAt: DateTime;
	let resolved: boolean;
	if (resolvedAt && resolvedAt <= context.asOf) {
		hours = resolutionMinutes !== undefined ? resolutionMinutes / 60 : resolvedAt.diff(ticket.created, 'hours').hours;
		observedAt = resolvedAt;
		resolved = true;
	} else if (!resolvedAt && !UNRESOLVED_STATUSES.includes(ticket.ticket.status)) {
		return []; // solved, but neither when nor how long it took is known
	} else {
		hours = context.asOf.diff(ticket.created, 'hours').hours;
		observedAt = ticket.created.plus({ hours: maxHours });
		resolved = false;
	}
	if (hours <= maxHours || !withinLookback(observedAt, context)) return [];

	const twice = hours >= 2 * maxHours;
	const evidence =
		`Ticket ${ticketLabel(ticket.ticket)} ${resolved ? `took ${formatNumber(hours)} hours to resolve` : `still unsolved after ${formatNumber(hours)} hours`} ` +
		`(threshold ${formatNumber(maxHours)} hours)${twice ? ', at least twice the threshold' : ''}`;
	return [
		{
			signal: buildSignal(
				SUPPORT_TYPES.slowResolution,
				{
					accountId: ticket.ticket.accountId,
					ref: ticket.ticket.ticketId,
					observedAt,
					severityRaise: twice ? SEVERITY_RAISES.slowTwiceThreshold : 0,
					value: Math.round(hours * 10) / 10,
					baseline: maxHours,
					evidence,
					url: ticket.ticket.url,
					attributes: { ...ticketAttributes(ticket.ticket), resolved },
				},
				context,
			),
			itemIndexes: ticket.itemIndexes,
		},
	];
}

/** As-of: the one rule of every node (engine/model/time.ts resolveAsOf): no offset → `timezone` (default UTC). */
export function resolveDetectionAsOf(options: Pick<SupportDetectionOptions, 'asOf' | 'timezone'>): DateTime {
	return resolveAsOf(options.asOf, options.timezone, 'As Of');
}

function compareDetections(a: SupportDetection, b: SupportDetection): number {
	const x = a.signal;
	const y = b.signal;
	if (x.accountId !== y.accountId) return x.accountId < y.accountId ? -1 : 1;
	if (x.type !== y.type) return x.type < y.type ? -1 : 1;
	const byTime = parseIsoDate(x.observedAt)!.toMillis() - parseIsoDate(y.observedAt)!.toMillis();
	if (byTime !== 0) return byTime;
	return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * All support signals for a set of mapped tickets, as of one instant. A pure function of
 * (tickets, options, asOf): input order does not matter, output is ordered by account, type, observedAt.
 */
export function detectSupportSignals(entries: TicketEntry[], options: SupportDetectionOptions = {}): SupportDetection[] {
	const asOf = resolveDetectionAsOf(options);
	const context: DetectionContext = {
		asOf,
		detectedAt: toIso(asOf),
		system: options.system?.trim() || DEFAULT_SUPPORT_SYSTEM,
		thresholds: resolveSupportThresholds(options.thresholds),
	};
	// tickets created after as-of do not exist yet at as-of
	const known = prepare(entries).filter((t) => t.created <= asOf);
	const byAccount = new Map<string, PreparedTicket[]>();
	for (const ticket of known) {
		const list = byAccount.get(ticket.ticket.accountId) ?? [];
		list.push(ticket);
		byAccount.set(ticket.ticket.accountId, list);
	}

	const language: LanguageContext = {
		asOf,
		thresholds: context.thresholds,
		lexicons: compileLexicons(options.lexicons),
		redact: options.redact === true,
		snippetChars: options.snippetChars,
		commentAnalysis: options.commentAnalysis,
	};
	const fromFinding = (accountId: string, finding: LanguageFinding): SupportDetection => ({
		signal: buildSignal(finding.type, { accountId, ...finding }, context),
		itemIndexes: indexesOf(finding.tickets as PreparedTicket[]),
	});

	const detections: SupportDetection[] = [];
	for (const [accountId, tickets] of byAccount) {
		detections.push(...detectVolumeSpike(accountId, tickets, context), ...detectTicketBurst(accountId, tickets, context));
		detections.push(...detectRepeatIssues(tickets, language).map((finding) => fromFinding(accountId, finding)));
		for (const ticket of tickets) {
			detections.push(...detectSev1Escalation(ticket, context), ...detectLowCsat(ticket, context), ...detectSlowResolution(ticket, context));
			detections.push(...[...detectFrustration(ticket, language), ...detectSlaBreaches(ticket, language)].map((finding) => fromFinding(accountId, finding)));
		}
	}
	return detections.sort(compareDetections);
}
