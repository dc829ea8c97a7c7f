import { resolveThresholdTable, type ThresholdSpec } from '../language/conversation';

/** Meeting detection thresholds: taxonomy parameters (the seeds' numbers) plus the few local ones, all overridable. */
export const MEETING_THRESHOLD_SPECS = {
	sentimentDeclineCalls: { from: ['meetings.sentiment_decline', 'consecutiveCalls'], kind: 'positive', meaning: 'consecutive calls whose customer sentiment keeps falling' },
	sentimentDeclineMinDrop: { from: ['meetings.sentiment_decline', 'minScoreDrop'], kind: 'score', meaning: 'total fall in sentiment (-1 … +1 scale) across them' },
	sentimentLookbackDays: { from: 90, kind: 'positive', meaning: 'the last of those calls must be within this many days' },
	execWindowDays: { from: ['meetings.exec_absence', 'windowDays'], kind: 'positive', meaning: 'attendance window (days), compared with the window before' },
	execParticipationDropPct: { from: ['meetings.exec_absence', 'participationDropPct'], kind: 'pct', meaning: 'drop in meetings attended by a champion or executive sponsor' },
	execMissedMeetings: { from: ['meetings.exec_absence', 'missedMeetings'], kind: 'positive', meaning: 'consecutive meetings invited to but missed' },
	minPriorMeetings: { from: 2, kind: 'positive', meaning: 'meetings needed in the earlier window before a drop counts' },
	cadenceWindowDays: { from: ['meetings.cadence_drop', 'windowDays'], kind: 'positive', meaning: 'cadence window (days), compared with the window before' },
	cadenceDropPct: { from: ['meetings.cadence_drop', 'dropPct'], kind: 'pct', meaning: 'drop in meetings held' },
	minCancelledMeetings: { from: 2, kind: 'positive', meaning: 'cancelled meetings in the cadence window before cancellations count' },
	cancelledSharePct: { from: 40, kind: 'pct', meaning: 'share of the window’s meetings that were cancelled' },
	languageWindowDays: { from: ['meetings.budget_language', 'windowDays'], kind: 'positive', meaning: 'calls within this many days yield language signals' },
	minMentions: { from: ['meetings.budget_language', 'minMentions'], kind: 'positive', meaning: 'customer-side mentions on one call' },
	championMinSentiment: { from: ['meetings.champion_positive', 'minSentimentScore'], kind: 'score', meaning: "the champion's own sentiment on a call" },
	newStakeholderWindowDays: { from: ['meetings.new_stakeholder', 'windowDays'], kind: 'positive', meaning: 'first attendance within this many days' },
	newStakeholderLookbackDays: { from: ['meetings.new_stakeholder', 'lookbackDays'], kind: 'positive', meaning: 'not seen in the meetings of this many days before' },
} as const satisfies Record<string, ThresholdSpec>;

export type MeetingThresholds = Record<keyof typeof MEETING_THRESHOLD_SPECS, number>;

export function resolveMeetingThresholds(overrides?: unknown): MeetingThresholds {
	return resolveThresholdTable('Meeting detection', MEETING_THRESHOLD_SPECS, overrides);
}
