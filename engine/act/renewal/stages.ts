import type { PlaybookRole, StepChannel } from '../playbooks/schema';

/**
 * The renewal ladder as data (seed 002, cs-operations). Two timelines:
 * - '120': "Start 120 days before contract end. Not 30." — the Renewal Process Timeline T-120 … T+7;
 * - '90':  "Renewal should start at T-90 (90 days before contract end)" — the Renewal Process T-90 … T+7.
 * Discount governance (lead with value at T-90, frame the step-up at T-60, graduated step-up only at T-30)
 * adds tasks when the account's discount expires on or before the renewal date.
 */
export const RENEWAL_STAGE_IDS = ['T-120', 'T-90', 'T-60', 'T-30', 'T-0', 'T+7'] as const;
export type RenewalStageId = (typeof RENEWAL_STAGE_IDS)[number];
/** The two ladders, longest first (object keys that look like numbers would list "90" first). */
export const RENEWAL_TIMELINE_IDS = ['120', '90'] as const;
export type RenewalTimeline = (typeof RENEWAL_TIMELINE_IDS)[number];
/** The ladder a renewal runs on unless told otherwise ("Start 120 days before contract end"). */
export const DEFAULT_RENEWAL_TIMELINE: RenewalTimeline = '120';
export const RENEWAL_TIMELINES: Readonly<Record<RenewalTimeline, readonly RenewalStageId[]>> = {
	'120': ['T-120', 'T-90', 'T-60', 'T-30', 'T-0', 'T+7'],
	'90': ['T-90', 'T-60', 'T-30', 'T-0', 'T+7'],
};

/** Calendar days from the renewal date at which a stage is entered. */
export const STAGE_OFFSET_DAYS: Readonly<Record<RenewalStageId, number>> = {
	'T-120': -120,
	'T-90': -90,
	'T-60': -60,
	'T-30': -30,
	'T-0': 0,
	'T+7': 7,
};

/**
 * When a task applies. Unknown health keeps health-conditional tasks (their wording says "If …");
 * a known health that does not meet the condition drops them.
 */
export type TaskCondition = 'discountExpiring' | 'atRisk' | 'red';

export interface RenewalTaskDefinition {
	key: string;
	action: string;
	ownerRole: PlaybookRole;
	channel: StepChannel;
	supportingRoles?: PlaybookRole[];
	approver?: PlaybookRole;
	/** Due at the end of the business day this many business days after the stage is entered. */
	dueInBusinessDays: number;
	when?: TaskCondition;
	/** The playbook that carries this task further, when there is one. */
	playbook?: string;
}

type StageTasks = Readonly<Record<RenewalStageId, readonly RenewalTaskDefinition[]>>;

const VALUE_JUSTIFICATION: RenewalTaskDefinition = {
	key: 'discount_value_justification',
	action: 'Discount expiring before renewal: CSM must prepare value justification BEFORE the renewal conversation, not after the customer complains',
	ownerRole: 'csm',
	channel: 'internal',
	dueInBusinessDays: 10,
	when: 'discountExpiring',
	playbook: 'value_justification',
};
const LEAD_WITH_VALUE: RenewalTaskDefinition = {
	key: 'discount_lead_with_value',
	action: 'Lead with value, not price: deliver a value realisation report (usage data, business outcomes achieved, ROI vs. original business case) before any pricing conversation',
	ownerRole: 'csm',
	channel: 'meeting',
	dueInBusinessDays: 10,
	when: 'discountExpiring',
	playbook: 'value_justification',
};
const FRAME_STEP_UP: RenewalTaskDefinition = {
	key: 'discount_frame_step_up',
	action: 'Frame the step-up: "Your initial agreement included a first-year pricing benefit … The renewal reflects the full value of the platform"',
	ownerRole: 'csm',
	channel: 'call',
	supportingRoles: ['ae'],
	dueInBusinessDays: 5,
	when: 'discountExpiring',
};
const GRADUATED_STEP_UP: RenewalTaskDefinition = {
	key: 'discount_graduated_step_up',
	action: 'If discount negotiation: use graduated step-up (50% of the price increase in Year 1, full price Year 2) — a save play only when the alternative is churn',
	ownerRole: 'csm',
	channel: 'internal',
	approver: 'salesManager',
	dueInBusinessDays: 5,
	when: 'discountExpiring',
	playbook: 'save_graduated_step_up',
};

export const RENEWAL_TASKS: Readonly<Record<RenewalTimeline, StageTasks>> = {
	'120': {
		'T-120': [
			{ key: 'renewal_flag', action: 'Renewal flag auto-created in CRM', ownerRole: 'csOps', channel: 'crm_task', dueInBusinessDays: 0 },
			{ key: 'red_escalate', action: "If health < 40 (Red): escalate immediately, don't wait", ownerRole: 'csm', channel: 'slack', supportingRoles: ['csLeader'], dueInBusinessDays: 0, when: 'red' },
			{ key: 'review_account', action: 'CSM reviews account health, usage, and expansion signals', ownerRole: 'csm', channel: 'internal', dueInBusinessDays: 3 },
			{ key: 'contract_terms', action: 'Finance pulls contract terms', ownerRole: 'finance', channel: 'internal', dueInBusinessDays: 5 },
			{ key: 'product_blockers', action: 'Product flags blockers', ownerRole: 'productManager', channel: 'internal', dueInBusinessDays: 5 },
			{ key: 'renewal_strategy', action: 'Renewal strategy (standard / at-risk save play / expansion)', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 5 },
			VALUE_JUSTIFICATION,
		],
		'T-90': [
			{ key: 'renewal_kickoff', action: 'Renewal kickoff', ownerRole: 'csm', channel: 'meeting', dueInBusinessDays: 5 },
			{ key: 'roi_summary', action: 'CSM reviews value delivered (prepare ROI summary)', ownerRole: 'csm', channel: 'internal', dueInBusinessDays: 5 },
			{ key: 'internal_alignment', action: 'Internal alignment: any pricing changes, product updates?', ownerRole: 'csm', channel: 'internal', supportingRoles: ['ae'], dueInBusinessDays: 5 },
			{ key: 'qbr', action: 'QBR conducted, executive alignment, pulse on value delivery', ownerRole: 'csm', channel: 'meeting', dueInBusinessDays: 10 },
			{ key: 'renewal_score', action: 'Score: Likely / At-risk / Needs work', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 10 },
			LEAD_WITH_VALUE,
		],
		'T-60': [
			{ key: 'renewal_conversation', action: 'Renewal conversation with customer', ownerRole: 'csm', channel: 'call', dueInBusinessDays: 5 },
			{ key: 'present_terms', action: 'Present: value delivered, roadmap alignment, proposed terms', ownerRole: 'csm', channel: 'meeting', dueInBusinessDays: 5 },
			{ key: 'expansion_proposal', action: 'If upsell/expansion: present expansion proposal alongside renewal', ownerRole: 'csm', channel: 'meeting', supportingRoles: ['ae'], dueInBusinessDays: 5 },
			{ key: 'save_playbook', action: 'If at risk: activate save playbook', ownerRole: 'csm', channel: 'internal', dueInBusinessDays: 0, when: 'atRisk', playbook: 'renewal_risk' },
			FRAME_STEP_UP,
		],
		'T-30': [
			{ key: 'contract_sent', action: 'Contract sent', ownerRole: 'legal', channel: 'email', supportingRoles: ['ae'], dueInBusinessDays: 0 },
			{ key: 'escalate_unsigned', action: 'If not signed: escalate to CS leader', ownerRole: 'csm', channel: 'slack', supportingRoles: ['csLeader'], dueInBusinessDays: 10 },
			GRADUATED_STEP_UP,
			{ key: 'daily_tracking', action: 'Daily tracking of renewal pipeline', ownerRole: 'csOps', channel: 'crm_task', dueInBusinessDays: 0 },
		],
		'T-0': [
			{ key: 'close', action: 'Contract signed or churned', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 0 },
			{ key: 'churn_autopsy', action: 'If churned: initiate churn autopsy within 7 days', ownerRole: 'csManager', channel: 'internal', dueInBusinessDays: 5, playbook: 'churn_autopsy' },
			{ key: 'renewed', action: 'If renewed: update CRM, notify team, celebrate', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 1 },
			{ key: 'learnings', action: 'Feed learnings to Product', ownerRole: 'csm', channel: 'internal', supportingRoles: ['productManager'], dueInBusinessDays: 5 },
		],
		'T+7': [
			{ key: 'post_renewal_check_in', action: 'Post-renewal check-in', ownerRole: 'csm', channel: 'call', dueInBusinessDays: 0 },
			{ key: 'confirm_satisfaction', action: 'Confirm satisfaction with terms', ownerRole: 'csm', channel: 'call', dueInBusinessDays: 0 },
			{ key: 'next_qbr', action: 'Set next QBR date', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 2 },
			{ key: 'update_health', action: 'Update health score', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 2 },
		],
	},
	'90': {
		'T-120': [],
		'T-90': [
			{ key: 'internal_review', action: 'CS initiates internal renewal review: health score, usage, expansion signals', ownerRole: 'csm', channel: 'internal', dueInBusinessDays: 3 },
			{ key: 'renewal_strategy', action: 'AE and CS agree on renewal strategy: flat, uplift, or expansion', ownerRole: 'ae', channel: 'meeting', supportingRoles: ['csm'], dueInBusinessDays: 5 },
			{ key: 'key_stakeholders', action: 'Identify key stakeholders — is the champion still in role?', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 5 },
			VALUE_JUSTIFICATION,
			LEAD_WITH_VALUE,
		],
		'T-60': [
			{ key: 'first_conversation', action: 'First renewal conversation with champion: frame on value delivered', ownerRole: 'csm', channel: 'call', dueInBusinessDays: 5 },
			{ key: 'share_proposal', action: 'Share renewal proposal or pricing (if standard terms)', ownerRole: 'csm', channel: 'email', dueInBusinessDays: 5 },
			{ key: 'surface_risks', action: 'Surface any risk signals that could block renewal', ownerRole: 'csm', channel: 'internal', dueInBusinessDays: 5 },
			FRAME_STEP_UP,
		],
		'T-30': [
			{ key: 'follow_up', action: 'Follow-up on open items from T-60 conversation', ownerRole: 'csm', channel: 'call', dueInBusinessDays: 3 },
			{ key: 'escalate', action: 'Escalate if no response or active objection', ownerRole: 'csm', channel: 'slack', supportingRoles: ['csLeader'], dueInBusinessDays: 5 },
			{ key: 'save_plays', action: 'Deploy save plays only now: discount, terms flexibility, add-on gift', ownerRole: 'csm', channel: 'internal', supportingRoles: ['ae'], dueInBusinessDays: 5 },
			GRADUATED_STEP_UP,
		],
		'T-0': [{ key: 'contract_signed', action: 'Contract signed', ownerRole: 'csm', channel: 'crm_task', dueInBusinessDays: 0 }],
		'T+7': [
			{ key: 'debrief', action: 'Post-renewal debrief: document what drove the outcome (win/loss reason)', ownerRole: 'csm', channel: 'internal', dueInBusinessDays: 5 },
		],
	},
};

/** At-risk renewal escalation and red-account thresholds (seeds 004 and 002); override any of them. */
export interface RenewalThresholds {
	/** Health below this (and at least `redHealthBelow`) at T-90 → CSM proactive intervention ("Elevated"). */
	elevatedHealthBelow: number;
	/** Red: health below this. At T-90 → manager; at T-60 → executive; any stage before T-0 → rescue or renewal-risk mode. */
	redHealthBelow: number;
	/** A red account more than this many days before renewal → rescue mode; otherwise renewal-risk mode. */
	rescueWhenDaysToRenewalAbove: number;
	/** A renewal date more than this many days past T+7 is stale: the ladder reports it instead of acting on it. */
	staleAfterDays: number;
}

export const DEFAULT_RENEWAL_THRESHOLDS: Readonly<RenewalThresholds> = {
	elevatedHealthBelow: 60,
	redHealthBelow: 40,
	rescueWhenDaysToRenewalAbove: 90,
	staleAfterDays: 30,
};
