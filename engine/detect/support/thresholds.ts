import { getSignalType } from '../../taxonomy';

/**
 * Detection thresholds of the support detectors. Defaults are the taxonomy's detection parameters
 * (engine/taxonomy/signal-types.ts, taken from the seeds); every one can be overridden.
 */
export interface SupportThresholds {
	/** support.volume_spike: tickets in the last `volumeSpikeWindowDays` days … */
	volumeSpikeWindowDays: number;
	/** … vs the account's average per window over the `volumeSpikeBaselineDays` days before it … */
	volumeSpikeBaselineDays: number;
	/** … up by at least this many percent … */
	volumeSpikeIncreasePct: number;
	/** … and at least this many tickets in the window (so 1 → 2 tickets is not a spike). */
	volumeSpikeMinTickets: number;
	/** support.ticket_burst: at least this many tickets … */
	ticketBurstMinTickets: number;
	/** … opened within this many days. */
	ticketBurstWindowDays: number;
	/** support.low_csat: a 1–5 score at or below this (a Zendesk "bad" rating counts as 1, "good" as 5). */
	lowCsatMaxScore: number;
	/** support.slow_resolution: resolved (or still open) after more than this many hours. */
	slowResolutionMaxHours: number;
	/** Per-ticket signals (urgent, low CSAT, slow resolution, SLA breach) only for events within this many days before as-of. */
	ticketLookbackDays: number;
	/** support.repeat_issue: at least this many tickets about the same issue … */
	repeatIssueMinTickets: number;
	/** … opened within this many days … */
	repeatIssueWindowDays: number;
	/** … two tickets are about the same issue when their subjects share at least this many topic words … */
	repeatIssueMinSharedWords: number;
	/** … and it came back: one was opened after another was solved, or they are at least this many days apart. */
	repeatIssueMinGapDays: number;
	/** support.frustration_language: customer comments of the last this many days … */
	frustrationWindowDays: number;
	/** … with at least this many frustrated sentences on one ticket. */
	frustrationMinMentions: number;
	/** support.sla_breach without an SLA policy: a first reply later than this many hours. */
	slaFirstResponseHours: number;
}

/** The taxonomy parameter each threshold defaults to. */
const FROM_TAXONOMY: Record<Exclude<keyof SupportThresholds, 'ticketLookbackDays' | 'repeatIssueMinSharedWords' | 'repeatIssueMinGapDays'>, [type: string, param: string]> = {
	volumeSpikeWindowDays: ['support.volume_spike', 'windowDays'],
	volumeSpikeBaselineDays: ['support.volume_spike', 'baselineDays'],
	volumeSpikeIncreasePct: ['support.volume_spike', 'increasePct'],
	volumeSpikeMinTickets: ['support.volume_spike', 'minTickets'],
	ticketBurstMinTickets: ['support.ticket_burst', 'minTickets'],
	ticketBurstWindowDays: ['support.ticket_burst', 'windowDays'],
	lowCsatMaxScore: ['support.low_csat', 'maxScore'],
	slowResolutionMaxHours: ['support.slow_resolution', 'maxResolutionHours'],
	repeatIssueMinTickets: ['support.repeat_issue', 'minSimilarTickets'],
	repeatIssueWindowDays: ['support.repeat_issue', 'windowDays'],
	frustrationWindowDays: ['support.frustration_language', 'windowDays'],
	frustrationMinMentions: ['support.frustration_language', 'minMentions'],
	slaFirstResponseHours: ['support.sla_breach', 'firstResponseHours'],
};

/**
 * Not a taxonomy parameter: how many topic words two subjects must share to be the same issue. Two is the least
 * that is not chance ("export" alone joins every export question; "export" and "fail" is one problem), see
 * engine/detect/language/topics.ts.
 */
export const DEFAULT_REPEAT_ISSUE_SHARED_WORDS = 2;

/** Not a taxonomy parameter: tickets about one incident on one day are duplicates, not an issue that came back. */
export const DEFAULT_REPEAT_ISSUE_GAP_DAYS = 3;

/**
 * Not a taxonomy parameter: how far back a per-ticket event still yields a signal. Older tickets still
 * count toward the volume baseline; a year of history does not turn into a year of urgent-ticket signals.
 */
export const DEFAULT_TICKET_LOOKBACK_DAYS = 30;

/** How much stronger evidence raises severity (kept within 1–10; the reason goes into the evidence). */
export const SEVERITY_RAISES = Object.freeze({
	/** volume_spike: +1 when volume at least doubled, +2 when it at least tripled. */
	spikeDoubled: 1,
	spikeTripled: 2,
	/** sev1_escalation: +1 while the urgent ticket is still unsolved at as-of. */
	urgentStillUnsolved: 1,
	/** ticket_burst: +1 per ticket above the burst threshold, at most +2. */
	burstPerExtraTicket: 1,
	burstMax: 2,
	/** slow_resolution: +1 when the ticket took at least twice the threshold. */
	slowTwiceThreshold: 1,
});

export function defaultSupportThresholds(): SupportThresholds {
	const thresholds = { ticketLookbackDays: DEFAULT_TICKET_LOOKBACK_DAYS, repeatIssueMinSharedWords: DEFAULT_REPEAT_ISSUE_SHARED_WORDS, repeatIssueMinGapDays: DEFAULT_REPEAT_ISSUE_GAP_DAYS } as SupportThresholds;
	for (const [key, [type, param]] of Object.entries(FROM_TAXONOMY)) {
		const value = getSignalType(type).detection[param];
		if (typeof value !== 'number') throw new Error(`taxonomy ${type} has no detection parameter "${param}"`);
		thresholds[key as keyof SupportThresholds] = value;
	}
	return thresholds;
}

const POSITIVE: ReadonlySet<keyof SupportThresholds> = new Set([
	'volumeSpikeWindowDays',
	'volumeSpikeBaselineDays',
	'ticketBurstWindowDays',
	'ticketBurstMinTickets',
	'volumeSpikeMinTickets',
	'slowResolutionMaxHours',
	'ticketLookbackDays',
	'repeatIssueMinTickets',
	'repeatIssueWindowDays',
	'repeatIssueMinSharedWords',
	'repeatIssueMinGapDays',
	'frustrationWindowDays',
	'frustrationMinMentions',
	'slaFirstResponseHours',
]);

/** Defaults overlaid with overrides; an unknown name or a nonsensical number is an error naming it. */
export function resolveSupportThresholds(overrides: Partial<Record<string, unknown>> = {}): SupportThresholds {
	const thresholds = defaultSupportThresholds();
	for (const [name, value] of Object.entries(overrides)) {
		if (value === undefined || value === null || value === '') continue;
		if (!Object.prototype.hasOwnProperty.call(thresholds, name)) throw new Error(`Detection threshold "${name}" is unknown (known: ${Object.keys(thresholds).join(', ')})`);
		const key = name as keyof SupportThresholds;
		const number = typeof value === 'string' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number)) throw new Error(`Detection threshold "${name}" ${JSON.stringify(value)} is not a number`);
		if (POSITIVE.has(key) ? number <= 0 : number < 0) {
			throw new Error(`Detection threshold "${name}" must be ${POSITIVE.has(key) ? 'greater than 0' : '0 or more'}, not ${number}`);
		}
		if (key === 'lowCsatMaxScore' && number > 5) throw new Error(`Detection threshold "lowCsatMaxScore" is on a 1–5 scale, not ${number}`);
		thresholds[key] = number;
	}
	return thresholds;
}
