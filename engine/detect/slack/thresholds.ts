import { resolveThresholdTable, type ThresholdSpec } from '../language/conversation';

/** Slack detection thresholds: taxonomy parameters (the seeds' numbers) plus local ones, all overridable. */
export const SLACK_THRESHOLD_SPECS = {
	sentimentWindowDays: { from: ['slack.negative_sentiment', 'windowDays'], kind: 'positive', meaning: 'customer messages of the last this many days' },
	negativeMaxScore: { from: ['slack.negative_sentiment', 'maxSentimentScore'], kind: 'score', meaning: 'mean customer tone at or below this is negative' },
	sentimentMinMessages: { from: ['slack.negative_sentiment', 'minMessages'], kind: 'positive', meaning: 'customer messages with a tone needed' },
	languageWindowDays: { from: ['slack.escalation_language', 'windowDays'], kind: 'positive', meaning: 'messages within this many days yield language signals' },
	unansweredMaxBusinessHours: { from: ['slack.unanswered_question', 'maxBusinessHours'], kind: 'positive', meaning: 'business hours a customer question may wait for our reply' },
	unansweredWindowDays: { from: ['slack.unanswered_question', 'windowDays'], kind: 'positive', meaning: 'questions asked within this many days are checked' },
	volumeWindowDays: { from: ['slack.volume_drop', 'windowDays'], kind: 'positive', meaning: 'customer messages of the last window …' },
	volumeBaselineDays: { from: ['slack.volume_drop', 'baselineDays'], kind: 'positive', meaning: '… vs the average per window over this many days before' },
	volumeDropPct: { from: ['slack.volume_drop', 'dropPct'], kind: 'pct', meaning: 'drop in customer messages' },
	volumeMinBaselineMessages: { from: 4, kind: 'positive', meaning: 'customer messages needed in the baseline before a drop counts' },
	newMembersWindowDays: { from: ['slack.new_members', 'windowDays'], kind: 'positive', meaning: 'first message within this many days' },
	newMembersMin: { from: ['slack.new_members', 'minNewMembers'], kind: 'positive', meaning: 'new customer-side people needed' },
} as const satisfies Record<string, ThresholdSpec>;

export type SlackThresholds = Record<keyof typeof SLACK_THRESHOLD_SPECS, number>;

export function resolveSlackThresholds(overrides?: unknown): SlackThresholds {
	return resolveThresholdTable('Slack detection', SLACK_THRESHOLD_SPECS, overrides);
}
