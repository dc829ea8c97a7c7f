/**
 * The support detectors that read what tickets say: the same issue resurfacing (subjects sharing topic words within
 * a window — the seeds' "same issues resurface"), frustration language in the customer's own comments (the language
 * module's lexicon, negation-aware; only the triggering sentence is quoted), and missed SLA targets (the provider's
 * SLA breach events, else a first reply later than the taxonomy's limit when no SLA policy applies).
 */
import type { DateTime } from 'luxon';
import { formatNumber, listing, parseIsoDate, plural } from '../../model';
import { analyseUnits, keepForLater, type AnalysedSentence } from '../language/analyse';
import { LEXICON_SIGNAL_TYPES } from '../language/conversation';
import { redactText } from '../language/evidence';
import type { CompiledLexicons } from '../language/lexicon';
import type { Speaker } from '../language/speakers';
import { topicTerms } from '../language/topics';
import type { SupportThresholds } from './thresholds';
import type { SupportTicket } from './ticket';

export const SUPPORT_LANGUAGE_TYPES = {
	repeatIssue: 'support.repeat_issue',
	frustration: 'support.frustration_language',
	slaBreach: 'support.sla_breach',
} as const;

/** What the support language detectors read of a prepared ticket. */
export interface LanguageTicket {
	ticket: SupportTicket;
	itemIndexes: number[];
	created: DateTime;
}

export interface LanguageContext {
	asOf: DateTime;
	thresholds: SupportThresholds;
	lexicons: CompiledLexicons;
	redact: boolean;
	snippetChars?: number;
	/** Ticket id → the analysis of its customer comments kept from an earlier run (their text is not kept). */
	commentAnalysis?: ReadonlyMap<string, readonly AnalysedSentence[]>;
}

export interface LanguageFinding {
	type: string;
	ref: string;
	observedAt: DateTime;
	evidence: string;
	value?: number;
	baseline?: number;
	url?: string;
	attributes: Record<string, unknown>;
	tickets: LanguageTicket[];
}

/**
 * Frustration-lexicon phrases that are how tickets state severity ("urgent", "outage", "blocked") or the helpdesk's
 * own workflow ("escalation policy", "escalated to tier 2") rather than the customer's frustration: on a ticket they
 * say nothing the priority does not (the Sev-1 detector reads it), so the support frustration detector does not
 * count them. Meetings and Slack keep them as escalation language.
 */
export const TICKET_SEVERITY_PHRASES: ReadonlySet<string> = new Set(['urgent', 'urgently', 'asap', 'blocked', 'blocker', 'outage', 'downtime', 'down since', 'escalat*']);

const CUSTOMER: Speaker = { key: 'requester', side: 'customer', champion: false, execSponsor: false };
const DAY_MS = 86_400_000;

function subjectOf(ticket: SupportTicket, context: LanguageContext): string {
	const subject = ticket.subject === '' ? '(no subject)' : ticket.subject;
	return JSON.stringify(context.redact ? redactText(subject) : subject);
}

function day(moment: DateTime): string {
	return moment.toUTC().toISODate()!;
}

/** Tickets of one account sharing topic words, grouped (a chain of shared subjects is one issue). */
export function detectRepeatIssues(tickets: readonly LanguageTicket[], context: LanguageContext): LanguageFinding[] {
	const { repeatIssueMinTickets: minTickets, repeatIssueWindowDays: windowDays, repeatIssueMinSharedWords: minShared } = context.thresholds;
	const recent = tickets.filter((t) => t.created > context.asOf.minus({ days: windowDays })).sort((a, b) => a.created.toMillis() - b.created.toMillis() || a.ticket.ticketId.localeCompare(b.ticket.ticketId));
	const terms = recent.map((t) => topicTerms(t.ticket.subject));
	const group = recent.map((_, i) => i);
	const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
	for (let i = 0; i < recent.length; i++) {
		for (let j = i + 1; j < recent.length; j++) {
			const shared = [...terms[i]].filter((term) => terms[j].has(term)).length;
			if (shared >= minShared) group[root(j)] = root(i);
		}
	}
	const clusters = new Map<number, number[]>();
	recent.forEach((_, i) => clusters.set(root(i), [...(clusters.get(root(i)) ?? []), i]));
	const findings: LanguageFinding[] = [];
	for (const members of clusters.values()) {
		if (members.length < minTickets) continue;
		const list = members.map((i) => recent[i]);
		// came back: opened after an earlier one was solved, or days apart — one incident's tickets on one day are duplicates
		const solvedBefore = list.some((later, k) => list.slice(0, k).some((earlier) => earlier.ticket.solvedAt !== undefined && parseIsoDate(earlier.ticket.solvedAt)! <= later.created));
		const spanDays = (list[list.length - 1].created.toMillis() - list[0].created.toMillis()) / DAY_MS;
		if (!solvedBefore && spanDays < context.thresholds.repeatIssueMinGapDays) continue;
		const counts = new Map<string, number>();
		for (const i of members) for (const term of terms[i]) counts.set(term, (counts.get(term) ?? 0) + 1);
		const shared = [...counts.entries()].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([term]) => term);
		const latest = list[list.length - 1];
		const newestFirst = [...list].reverse();
		findings.push({
			type: SUPPORT_LANGUAGE_TYPES.repeatIssue,
			ref: `repeat:${list[0].ticket.ticketId}`,
			observedAt: latest.created,
			evidence:
				`The same issue came back: ${plural(list.length, 'ticket')} in ${formatNumber((latest.created.toMillis() - list[0].created.toMillis()) / DAY_MS, 0)} days share "${listing(shared.slice(0, 4))}": ` +
				newestFirst.map((t) => `#${t.ticket.ticketId} ${subjectOf(t.ticket, context)} (${day(t.created)})`).join(', '),
			value: list.length,
			url: latest.ticket.url,
			attributes: { ticketIds: list.map((t) => t.ticket.ticketId), sharedWords: shared, windowDays },
			tickets: list,
		});
	}
	return findings;
}

/**
 * The customer's sentences of a ticket: its customer comments (the description when the source gives no comments:
 * Zendesk's description is the requester's first comment). What the frustration detector reads, and what a run
 * keeps (`keepForLater`) when the comment text itself is not kept.
 */
export function analyseTicketComments(ticket: SupportTicket, context: Pick<LanguageContext, 'lexicons' | 'redact' | 'snippetChars'>): AnalysedSentence[] {
	const texts = ticket.comments ? ticket.comments.filter((c) => c.fromCustomer).map((c) => c.text) : ticket.description ? [ticket.description] : [];
	return analyseUnits(
		texts.map((text) => ({ speaker: CUSTOMER, text })),
		{ lexicons: context.lexicons, kind: 'email', snippetChars: context.snippetChars, redact: context.redact },
	);
}

/** The sentences of a ticket's analysis a run keeps (only the first frustrated sentence with its snippet). */
export function keptTicketAnalysis(sentences: readonly AnalysedSentence[]): AnalysedSentence[] {
	return keepForLater(sentences, { lexicons: Object.keys(LEXICON_SIGNAL_TYPES.support), mostPositivePerSpeaker: false, firstFlagged: false });
}

export function detectFrustration(ticket: LanguageTicket, context: LanguageContext): LanguageFinding[] {
	const { frustrationWindowDays: windowDays, frustrationMinMentions: minMentions } = context.thresholds;
	const customerComments = ticket.ticket.comments?.filter((c) => c.fromCustomer) ?? [];
	const dates = customerComments.map((c) => (c.createdAt ? parseIsoDate(c.createdAt)! : ticket.created));
	const latestComment = dates.length ? dates.reduce((a, b) => (b > a ? b : a)) : ticket.created;
	if (latestComment <= context.asOf.minus({ days: windowDays })) return [];
	const kept = context.commentAnalysis?.get(ticket.ticket.ticketId);
	const sentences = ticket.ticket.comments === undefined && ticket.ticket.description === undefined && kept ? [...kept] : analyseTicketComments(ticket.ticket, context);
	const lexicon = Object.keys(LEXICON_SIGNAL_TYPES.support)[0];
	const frustrated = (s: AnalysedSentence) => s.mentions.some((m) => m.lexicon === lexicon && !TICKET_SEVERITY_PHRASES.has(m.phrase));
	const hits = sentences.filter(frustrated);
	if (hits.length < minMentions) return [];
	const quote = hits.find((s) => s.snippet !== undefined);
	const more = hits.length > 1 ? ` (${plural(hits.length, 'frustrated sentence')} on the ticket)` : '';
	return [
		{
			type: SUPPORT_LANGUAGE_TYPES.frustration,
			ref: ticket.ticket.ticketId,
			observedAt: latestComment,
			evidence: `The customer on ticket #${ticket.ticket.ticketId} ${subjectOf(ticket.ticket, context)}${quote ? ` wrote: "${quote.snippet}"` : ' wrote in frustration'}${more}`,
			value: hits.length,
			url: ticket.ticket.url,
			attributes: { ticketId: ticket.ticket.ticketId, phrases: [...new Set(hits.flatMap((s) => s.mentions.filter((m) => m.lexicon === lexicon && !TICKET_SEVERITY_PHRASES.has(m.phrase)).map((m) => m.phrase)))] },
			tickets: [ticket],
		},
	];
}

const METRIC_NAMES: Readonly<Record<string, string>> = {
	reply_time: 'first reply time',
	first_reply_time: 'first reply time',
	next_reply_time: 'next reply time',
	periodic_update_time: 'periodic update time',
	pausable_update_time: 'update time',
	requester_wait_time: 'requester wait time',
	agent_work_time: 'agent work time',
	resolution_time: 'resolution time',
};

function hours(minutes: number): string {
	return `${formatNumber(minutes / 60)} hours`;
}

export function detectSlaBreaches(ticket: LanguageTicket, context: LanguageContext): LanguageFinding[] {
	const since = context.asOf.minus({ days: context.thresholds.ticketLookbackDays });
	const label = `ticket #${ticket.ticket.ticketId} ${subjectOf(ticket.ticket, context)}`;
	if (ticket.ticket.slaBreaches !== undefined) {
		return ticket.ticket.slaBreaches
			.map((breach) => ({ breach, at: parseIsoDate(breach.breachedAt)! }))
			.filter(({ at }) => at > since && at <= context.asOf)
			.map(({ breach, at }) => {
				const metric = METRIC_NAMES[breach.metric] ?? breach.metric.replace(/_/g, ' ');
				const terms = [breach.policy ? `policy "${breach.policy}"` : undefined, breach.targetMinutes !== undefined ? `target ${hours(breach.targetMinutes)}` : undefined].filter(Boolean);
				return {
					type: SUPPORT_LANGUAGE_TYPES.slaBreach,
					ref: `${ticket.ticket.ticketId}:${breach.metric}`,
					observedAt: at,
					evidence: `SLA breached on ${label}: ${metric}${terms.length ? ` (${terms.join(', ')})` : ''} missed on ${at.toUTC().toFormat("yyyy-MM-dd HH:mm 'UTC'")}`,
					...(breach.targetMinutes !== undefined ? { baseline: breach.targetMinutes } : {}),
					url: ticket.ticket.url,
					attributes: { ticketId: ticket.ticket.ticketId, metric: breach.metric, ...(breach.policy ? { policy: breach.policy } : {}) },
					tickets: [ticket],
				};
			});
	}
	const limitHours = context.thresholds.slaFirstResponseHours;
	const minutes = ticket.ticket.firstReplyMinutes;
	if (minutes === undefined || minutes <= limitHours * 60) return [];
	const at = ticket.created.plus({ hours: limitHours });
	if (at <= since || at > context.asOf) return [];
	return [
		{
			type: SUPPORT_LANGUAGE_TYPES.slaBreach,
			ref: `${ticket.ticket.ticketId}:first_reply`,
			observedAt: at,
			evidence: `First reply on ${label} took ${hours(minutes)}, past the ${formatNumber(limitHours)}-hour limit (no SLA policy data)`,
			value: Math.round((minutes / 60) * 10) / 10,
			baseline: limitHours,
			url: ticket.ticket.url,
			attributes: { ticketId: ticket.ticket.ticketId, metric: 'first_reply' },
			tickets: [ticket],
		},
	];
}
