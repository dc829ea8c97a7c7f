import { resolveThresholdTable, type ThresholdSpec } from '../language/conversation';

/** E-mail detection thresholds: taxonomy parameters (the seeds' numbers) plus local ones, all overridable. */
export const EMAIL_THRESHOLD_SPECS = {
	responseWindowDays: { from: ['email.response_time_degrading', 'windowDays'], kind: 'positive', meaning: 'reply times of the last half of this window vs its first half' },
	responseIncreasePct: { from: ['email.response_time_degrading', 'increasePct'], kind: 'pct', meaning: 'rise of the median customer reply time (100 = doubled)' },
	responseMinReplies: { from: ['email.response_time_degrading', 'minReplies'], kind: 'positive', meaning: 'customer replies needed (half in each half-window)' },
	shorterWindowDays: { from: ['email.shorter_replies', 'windowDays'], kind: 'positive', meaning: 'average length of the last window vs the window before' },
	shorterDropPct: { from: ['email.shorter_replies', 'dropPct'], kind: 'pct', meaning: 'drop in average words per customer e-mail' },
	shorterMinReplies: { from: ['email.shorter_replies', 'minReplies'], kind: 'positive', meaning: 'customer e-mails with a length needed in each window' },
	silentDays: { from: ['email.thread_silence', 'silentDays'], kind: 'positive', meaning: 'days without an e-mail from an engaged contact' },
	engagedMinMessages: { from: 3, kind: 'positive', meaning: 'e-mails a contact sent in the engaged period to count as engaged' },
	engagedLookbackDays: { from: 90, kind: 'positive', meaning: 'the engaged period before the silence' },
	newStakeholderWindowDays: { from: ['email.new_stakeholder', 'windowDays'], kind: 'positive', meaning: 'first seen within this many days' },
	newStakeholderMinMessages: { from: ['email.new_stakeholder', 'minMessages'], kind: 'positive', meaning: 'messages the new person is on' },
	sentimentWindowDays: { from: ['email.sentiment_shift', 'windowDays'], kind: 'positive', meaning: 'tone of the last window vs the window before' },
	sentimentMinDrop: { from: ['email.sentiment_shift', 'minScoreDrop'], kind: 'score', meaning: 'fall in mean customer tone (-1 … +1)' },
	sentimentMinMessages: { from: ['email.sentiment_shift', 'minMessages'], kind: 'positive', meaning: 'customer e-mails with a tone needed in each window' },
	languageWindowDays: { from: ['email.budget_language', 'windowDays'], kind: 'positive', meaning: 'e-mails within this many days yield language signals' },
} as const satisfies Record<string, ThresholdSpec>;

export type EmailThresholds = Record<keyof typeof EMAIL_THRESHOLD_SPECS, number>;

export function resolveEmailThresholds(overrides?: unknown): EmailThresholds {
	return resolveThresholdTable('E-mail detection', EMAIL_THRESHOLD_SPECS, overrides);
}
