import { z } from 'zod';
import { OwnerRoleSchema, OwnerSchema, OwnersSchema, SegmentSchema } from './account';
import { ConditionResultSchema, DecisionFamilySchema, PrioritySchema } from './decision';
import { SignalSourceSchema } from './signal';
import { isoDateTime } from './time';

/**
 * What a person receives: an action — one per (account, playbook) — not a rule firing. Every rule that led the
 * account to the playbook is one of its `reasons` (with its explanation); the highest priority and the earliest
 * due date win; the owner is never empty (the fallback chain of engine/decide/owners.ts).
 *
 * Statuses (the ledger's view of the action, engine/ledger/actions.ts):
 * - `new`        opened in this sweep (first time, or again after it closed);
 * - `escalated`  open, and its priority rose above the one people were told: posted again;
 * - `open`       open and already posted: not posted again (it is in its owner's digest);
 * - `snoozed`    someone snoozed it until a date;
 * - `done`       someone marked it done but its triggers still hold: it opens again after the cooldown.
 */
export const ACTION_STATUSES = ['new', 'escalated', 'open', 'snoozed', 'done'] as const;
/** The statuses people are told about in this sweep (alerts, messages, tasks). */
export const NOTIFY_STATUSES: readonly ActionStatus[] = ['new', 'escalated'];
export const ActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

/** Where an action's owner came from: the role the rule names, the account owner, the team lead, the configured default. */
export const OWNER_SOURCES = ['role', 'accountOwner', 'teamLead', 'default'] as const;
export const OwnerSourceSchema = z.enum(OWNER_SOURCES);
export type OwnerSource = z.infer<typeof OwnerSourceSchema>;

/** One rule that led to the action: its explanation (every condition), priority, SLA and the signals behind it. */
export const ActionReasonSchema = z.object({
	/** "Risk score 9.5 is above 7.0 and renewal is in 87 days (within 120)". */
	sentence: z.string(),
	priority: PrioritySchema,
	rule: z.object({ id: z.string(), name: z.string(), pack: z.string(), versionHash: z.string() }),
	family: DecisionFamilySchema,
	ownerRole: OwnerRoleSchema,
	sla: z.string(),
	dueAt: isoDateTime,
	conditions: z.array(ConditionResultSchema),
	signalIds: z.array(z.string()),
});
export type ActionReason = z.infer<typeof ActionReasonSchema>;

const PersonRefSchema = z.object({ name: z.string(), title: z.string().nullable() });

/** The account as the action's owner needs it: ARR at stake, health and risk, renewal, who to talk to, the CRM link. */
export const ActionContextSchema = z.object({
	arr: z.number(),
	currency: z.string(),
	segment: SegmentSchema,
	healthScore: z.number(),
	healthBand: z.string(),
	riskScore: z.number(),
	expansionReadiness: z.number(),
	/** Open expansion opportunity as percent of ARR (crm.expansion_opportunity), when known. */
	expansionOpportunityPctOfArr: z.number().nullable(),
	renewalDate: isoDateTime.nullable(),
	daysToRenewal: z.number().nullable(),
	/** The customer's champion (an active contact flagged champion). */
	champion: PersonRefSchema.nullable(),
	/** The customer's decision maker: their executive sponsor, else their most senior active contact. */
	decisionMaker: PersonRefSchema.nullable(),
	/** The account's CRM record (system, link). */
	crm: z.object({ system: z.string(), id: z.string(), url: z.string().nullable() }).nullable(),
});
export type ActionContext = z.infer<typeof ActionContextSchema>;

/** An action item: what a person reads first (headline, priority, owner, due date), then the what and why, ids last. */
export const ActionSchema = z.object({
	/** One sentence: "Acme Corp — Executive escalation: Risk score 9.5 is above 7.0 and renewal is in 87 days (within 120) (and 2 more reasons)". */
	headline: z.string(),
	priority: PrioritySchema,
	ownerName: z.string().min(1),
	dueAt: isoDateTime,
	accountName: z.string(),
	playbook: z.object({ id: z.string(), name: z.string() }),
	family: DecisionFamilySchema,
	status: ActionStatusSchema,
	statusReason: z.string(),
	owner: z.object({ role: OwnerRoleSchema, person: OwnerSchema, source: OwnerSourceSchema }),
	/** Every rule that led to it, most urgent first. */
	reasons: z.array(ActionReasonSchema).min(1),
	/** What the reasons' signals say, so a message can cite them without the signals at hand. */
	evidence: z
		.array(z.object({ signalId: z.string(), type: z.string(), text: z.string(), source: SignalSourceSchema.optional() }))
		.default([]),
	context: ActionContextSchema,
	/** Not alerted on its own: its owner's daily alert budget was spent, so it goes to the owner's digest. */
	digest: z.boolean().default(false),
	/** This sweep's as-of instant. */
	firedAt: isoDateTime,
	/** When the action opened (the start of this episode). */
	openedAt: isoDateTime,
	/** Stable for the episode: the same (playbook, account, openedAt) always give the same id. */
	actionId: z.string(),
	accountId: z.string(),
	/** The account's owners by role, so a playbook can assign its other steps (support manager, AE, …). */
	accountOwners: OwnersSchema.optional(),
});
export type Action = z.infer<typeof ActionSchema>;
