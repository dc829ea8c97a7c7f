/**
 * Brief defaults as data (seeds: 002 event-based playbooks and red-account playbook, 001 decision triggers,
 * 004 EBR agenda, 002 QBR agenda). Override any part through `BriefOptions`.
 */
import { shippedRule } from '../../decide/shipped';
import type { OwnerRole } from '../../model';

/** The action a signal type calls for when no Decision is given (seed 002 "Event-Based Playbooks"). */
export interface SignalPlaybook {
	playbook: string;
	action: string;
	ownerRole: OwnerRole;
	/** Hours from the brief's as-of to the due date. */
	dueInHours: number;
}

/**
 * The action a signal calls for, as the shipped rule that acts on it says (playbook, owner role, SLA): a brief
 * recommends what the sweep would decide, with the same deadline. Only the action's wording is the brief's.
 */
function fromRule(ruleId: string, action: string): SignalPlaybook {
	const rule = shippedRule(ruleId);
	return { playbook: rule.playbook, action, ownerRole: rule.ownerRole as OwnerRole, dueInHours: rule.slaHours };
}

export const SIGNAL_PLAYBOOKS: Record<string, SignalPlaybook> = {
	'usage.wau_drop': fromRule('event.wau_drop', 'CSM outreach to find the root cause of the usage drop (change, vacations, budget freeze, support issue)'),
	'usage.below_baseline': fromRule('event.wau_drop', 'CSM outreach to find why usage sits below baseline'),
	'crm.nps_detractor': fromRule('event.nps_detractor', 'Call the detractor and document the specific complaint'),
	'exec.champion_departed': fromRule('event.champion_departed', 'Identify a new stakeholder and involve the next-level executive now'),
	'exec.sponsor_departed': fromRule('event.champion_departed_exec', 'Identify a new executive sponsor and involve the next-level executive now'),
	'support.sev1_escalation': fromRule('event.support_escalation', 'Triage the escalation with the support manager'),
	'support.ticket_burst': fromRule('event.support_escalation', 'Triage the ticket burst with the support manager'),
	'support.volume_spike': fromRule('risk.technical_review', 'Run a proactive technical review of the support spike'),
	'support.frustration_language': fromRule('risk.technical_review', 'Run a proactive technical review with the customer'),
	'meetings.sentiment_decline': fromRule('risk.technical_review', 'Run a proactive technical review and reset expectations'),
	'exec.new_executive': fromRule('stakeholder.new_executive', 'Map the new executive and request an introduction'),
	'crm.cancel_intent': fromRule('renewal.cancel_signal', 'Engage the save team and open a save plan'),
	'crm.single_threaded': fromRule('stakeholder.single_threaded', 'Multi-thread the account: secure two more engaged contacts'),
	'crm.no_exec_sponsor': fromRule('stakeholder.single_threaded', 'Secure an executive sponsor on the customer side'),
	'meetings.budget_language': fromRule('renewal.discount_sunset', 'Prepare a value justification (outcomes and ROI) before the budget conversation'),
	'email.budget_language': fromRule('renewal.discount_sunset', 'Prepare a value justification (outcomes and ROI) before the budget conversation'),
	'crm.discount_expiring': fromRule('renewal.discount_sunset', 'Prepare the value justification for the discount sunset'),
};

const escalationRule = shippedRule('risk.exec_escalation');

/** Seed 001: risk above 7.0 with renewal within 120 days → executive escalation; thresholds and SLA from that rule. */
export const EXECUTIVE_ESCALATION: SignalPlaybook & { minRisk: number; maxDaysToRenewal: number } = {
	...fromRule('risk.exec_escalation', 'Executive escalation: the CS leader calls the economic buyer and schedules an EBR'),
	minRisk: Number(escalationRule.thresholds.riskScoreEscalation),
	maxDaysToRenewal: Number(escalationRule.thresholds.renewalWindowDays),
};

/** When nothing more specific applies: review the account's health with the team (the health-review playbook). */
export const DEFAULT_PLAYBOOK: SignalPlaybook = fromRule('health.weekly_drop', 'Review the active signals with the account team and agree the next step');

/** Risk score levels for headlines (seed 001 uses 7.0 as the escalation line). */
export const RISK_LEVELS = [
	{ min: 7, label: 'high' },
	{ min: 4, label: 'elevated' },
	{ min: 0, label: 'low' },
] as const;

export interface AgendaItemDefinition {
	title: string;
	minutes: number;
	prompts: string[];
	/** Signal types (`support.volume_spike`) or whole categories (`usage.*`) whose signals become talking points here. */
	signalTypes: string[];
	/** Record facts to add: tenure, adoption, expansion, renewal, health, action. */
	facts?: Array<'tenure' | 'adoption' | 'expansion' | 'renewal' | 'health' | 'action'>;
}

/** Seed 004 "EBR Agenda (60-90 minutes)". */
export const EBR_AGENDA: AgendaItemDefinition[] = [
	{ title: 'Executive alignment', minutes: 15, prompts: ['Their strategic priorities this year', 'Market and competitive landscape changes', 'Our understanding of their goals'], signalTypes: ['market.*', 'exec.new_executive', 'exec.champion_promoted', 'exec.title_change', 'meetings.budget_language', 'email.budget_language', 'meetings.competitor_mention'] },
	{ title: 'Partnership summary', minutes: 10, prompts: ['Journey together', 'Key milestones achieved', 'Team engagement highlights'], signalTypes: ['meetings.champion_positive', 'slack.positive_sentiment', 'email.new_stakeholder', 'slack.new_members', 'exec.champion_departed', 'exec.sponsor_departed'], facts: ['tenure'] },
	{ title: 'Value delivered', minutes: 20, prompts: ['Business outcomes achieved', 'ROI metrics', 'Comparison to the original business case'], signalTypes: ['meetings.new_use_case', 'crm.nps_promoter', 'crm.nps_detractor', 'crm.expansion_opportunity'] },
	{ title: 'Adoption and usage insights', minutes: 10, prompts: ['Usage trends', 'Optimisation opportunities'], signalTypes: ['usage.*'], facts: ['adoption'] },
	{ title: 'Strategic roadmap', minutes: 15, prompts: ['Our product direction and its fit with their needs', 'Open friction to resolve before new commitments'], signalTypes: ['support.*', 'meetings.sentiment_decline', 'slack.*', 'email.*'] },
	{ title: 'Forward plan', minutes: 15, prompts: ['Partnership goals for the next 6-12 months', 'Expansion opportunities', 'Commitment discussions'], signalTypes: ['crm.*', 'meetings.*'], facts: ['expansion', 'renewal'] },
	{ title: 'Next steps', minutes: 5, prompts: ['Action items with owners', 'Next EBR scheduling'], signalTypes: [], facts: ['action'] },
];

/** Seed 002 "QBR agenda structure (45-60 minutes)". */
export const QBR_AGENDA: AgendaItemDefinition[] = [
	{ title: 'Their goals', minutes: 10, prompts: ['What has changed in the business since the last QBR?', 'Are the success criteria still right?'], signalTypes: ['market.*', 'exec.*', 'meetings.budget_language', 'email.budget_language'] },
	{ title: 'Progress review', minutes: 15, prompts: ['Outcomes delivered against committed outcomes, with data'], signalTypes: ['meetings.new_use_case', 'crm.nps_promoter', 'crm.nps_detractor', 'meetings.champion_positive'], facts: ['tenure'] },
	{ title: 'Usage and health', minutes: 5, prompts: ['Keep it short: context, not the point'], signalTypes: ['usage.*'], facts: ['health', 'adoption'] },
	{ title: 'Roadmap alignment', minutes: 15, prompts: ['What is coming that matters to their goals', 'Expansion hooks'], signalTypes: ['support.*', 'meetings.*', 'slack.*', 'email.*'], facts: ['expansion'] },
	{ title: 'Joint plan', minutes: 10, prompts: ['2-3 actions they commit to, 2-3 actions we commit to'], signalTypes: ['crm.*'], facts: ['renewal', 'action'] },
];

export const BRIEF_DEFAULTS = {
	/** Signal history window (seed 001: briefs from 90 days of signal history). */
	historyDays: 90,
	/** Contacts engaged within this many days count as engaged in the relationship map. */
	engagedWithinDays: 90,
	/** Timeline lines in "what changed" before the rest is summarised. */
	maxTimeline: 8,
	/** Talking points per agenda item. */
	maxTalkingPoints: 4,
	signalPlaybooks: SIGNAL_PLAYBOOKS,
	executiveEscalation: EXECUTIVE_ESCALATION,
	defaultPlaybook: DEFAULT_PLAYBOOK,
	ebrAgenda: EBR_AGENDA,
	qbrAgenda: QBR_AGENDA,
};
export type BriefConfig = typeof BRIEF_DEFAULTS;
export type BriefOptions = Partial<BriefConfig>;
