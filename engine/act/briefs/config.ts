/**
 * Brief defaults as data (seeds: 002 event-based playbooks and red-account playbook, 001 decision triggers,
 * 004 EBR agenda, 002 QBR agenda). Override any part through `BriefOptions`.
 */
import type { OwnerRole } from '../../model';

/** The action a signal type calls for when no Decision is given (seed 002 "Event-Based Playbooks"). */
export interface SignalPlaybook {
	playbook: string;
	action: string;
	ownerRole: OwnerRole;
	/** Hours from the brief's as-of to the due date. */
	dueInHours: number;
}

export const SIGNAL_PLAYBOOKS: Record<string, SignalPlaybook> = {
	'usage.wau_drop': { playbook: 'csm_outreach', action: 'CSM outreach to find the root cause of the usage drop (change, vacations, budget freeze, support issue)', ownerRole: 'csm', dueInHours: 24 },
	'usage.below_baseline': { playbook: 'csm_outreach', action: 'CSM outreach to find why usage sits below baseline', ownerRole: 'csm', dueInHours: 24 },
	'crm.nps_detractor': { playbook: 'detractor_call', action: 'Call the detractor and document the specific complaint', ownerRole: 'csm', dueInHours: 48 },
	'exec.champion_departed': { playbook: 'champion_change', action: 'Identify a new stakeholder and involve the next-level executive now', ownerRole: 'csm', dueInHours: 168 },
	'exec.sponsor_departed': { playbook: 'champion_change', action: 'Identify a new executive sponsor and involve the next-level executive now', ownerRole: 'csLeader', dueInHours: 168 },
	'support.sev1_escalation': { playbook: 'support_escalation_triage', action: 'Triage the escalation with the support manager', ownerRole: 'csm', dueInHours: 2 },
	'support.ticket_burst': { playbook: 'support_escalation_triage', action: 'Triage the ticket burst with the support manager', ownerRole: 'csm', dueInHours: 2 },
	'support.volume_spike': { playbook: 'technical_review', action: 'Run a proactive technical review of the support spike', ownerRole: 'csm', dueInHours: 72 },
	'support.frustration_language': { playbook: 'technical_review', action: 'Run a proactive technical review with the customer', ownerRole: 'csm', dueInHours: 72 },
	'meetings.sentiment_decline': { playbook: 'technical_review', action: 'Run a proactive technical review and reset expectations', ownerRole: 'csm', dueInHours: 72 },
	'exec.new_executive': { playbook: 'relationship_mapping', action: 'Map the new executive and request an introduction', ownerRole: 'csm', dueInHours: 168 },
	'crm.cancel_intent': { playbook: 'save_play', action: 'Engage the save team and open a save plan', ownerRole: 'csLeader', dueInHours: 24 },
	'crm.single_threaded': { playbook: 'multi_threading', action: 'Multi-thread the account: secure two more engaged contacts', ownerRole: 'csm', dueInHours: 336 },
	'crm.no_exec_sponsor': { playbook: 'relationship_mapping', action: 'Secure an executive sponsor on the customer side', ownerRole: 'csLeader', dueInHours: 336 },
	'meetings.budget_language': { playbook: 'value_justification', action: 'Prepare a value justification (outcomes and ROI) before the budget conversation', ownerRole: 'csm', dueInHours: 120 },
	'crm.discount_expiring': { playbook: 'value_justification', action: 'Prepare the value justification for the discount sunset', ownerRole: 'ae', dueInHours: 120 },
};

/** Seed 001: risk above 7.0 with renewal within 120 days → executive escalation playbook. */
export const EXECUTIVE_ESCALATION: SignalPlaybook & { minRisk: number; maxDaysToRenewal: number } = {
	playbook: 'executive_escalation',
	action: 'Executive escalation: the CS leader calls the economic buyer and schedules an EBR',
	ownerRole: 'csLeader',
	dueInHours: 48,
	minRisk: 7,
	maxDaysToRenewal: 120,
};

/** When nothing more specific applies. */
export const DEFAULT_PLAYBOOK: SignalPlaybook = {
	playbook: 'account_review',
	action: 'Review the active signals with the account team and agree the next step',
	ownerRole: 'csm',
	dueInHours: 120,
};

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
	{ title: 'Executive alignment', minutes: 15, prompts: ['Their strategic priorities this year', 'Market and competitive landscape changes', 'Our understanding of their goals'], signalTypes: ['market.*', 'exec.new_executive', 'exec.champion_promoted', 'exec.title_change', 'meetings.budget_language', 'meetings.competitor_mention'] },
	{ title: 'Partnership summary', minutes: 10, prompts: ['Journey together', 'Key milestones achieved', 'Team engagement highlights'], signalTypes: ['meetings.champion_positive', 'slack.positive_sentiment', 'email.new_stakeholder', 'slack.new_members', 'exec.champion_departed', 'exec.sponsor_departed'], facts: ['tenure'] },
	{ title: 'Value delivered', minutes: 20, prompts: ['Business outcomes achieved', 'ROI metrics', 'Comparison to the original business case'], signalTypes: ['meetings.new_use_case', 'crm.nps_promoter', 'crm.nps_detractor', 'crm.expansion_opportunity'] },
	{ title: 'Adoption and usage insights', minutes: 10, prompts: ['Usage trends', 'Optimisation opportunities'], signalTypes: ['usage.*'], facts: ['adoption'] },
	{ title: 'Strategic roadmap', minutes: 15, prompts: ['Our product direction and its fit with their needs', 'Open friction to resolve before new commitments'], signalTypes: ['support.*', 'meetings.sentiment_decline', 'slack.*', 'email.*'] },
	{ title: 'Forward plan', minutes: 15, prompts: ['Partnership goals for the next 6-12 months', 'Expansion opportunities', 'Commitment discussions'], signalTypes: ['crm.*', 'meetings.*'], facts: ['expansion', 'renewal'] },
	{ title: 'Next steps', minutes: 5, prompts: ['Action items with owners', 'Next EBR scheduling'], signalTypes: [], facts: ['action'] },
];

/** Seed 002 "QBR agenda structure (45-60 minutes)". */
export const QBR_AGENDA: AgendaItemDefinition[] = [
	{ title: 'Their goals', minutes: 10, prompts: ['What has changed in the business since the last QBR?', 'Are the success criteria still right?'], signalTypes: ['market.*', 'exec.*', 'meetings.budget_language'] },
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
