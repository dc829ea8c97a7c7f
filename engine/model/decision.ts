import { z } from 'zod';
import { OwnerRoleSchema, OwnerSchema, OwnersSchema } from './account';
import { SignalSourceSchema } from './signal';
import { isoDateTime } from './time';

export const DECISION_FAMILIES = ['risk', 'stakeholder', 'expansion', 'onboarding', 'renewal', 'health', 'event'] as const;
export const DecisionFamilySchema = z.enum(DECISION_FAMILIES);
export type DecisionFamily = z.infer<typeof DecisionFamilySchema>;

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

/** How urgent a priority is: higher is more urgent (P1 4 … P4 1). The one ranking for escalation, budgets and ordering. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = Object.freeze({ P1: 4, P2: 3, P3: 2, P4: 1 });

/** The rank of a priority written anywhere (a pack, the ledger); 0 for anything that is not one. */
export function priorityRank(priority: string | null | undefined): number {
	return (PRIORITY_RANK as Readonly<Record<string, number>>)[priority ?? ''] ?? 0;
}

export const DECISION_STATUSES = ['new', 'repeat', 'suppressed'] as const;

export const ConditionResultSchema = z.object({
	/** The rule the condition belongs to (set on near misses, which list conditions of other rules). */
	ruleId: z.string().optional(),
	fact: z.string(),
	actual: z.unknown(),
	operator: z.string(),
	threshold: z.unknown(),
	/** The threshold's name in the pack (editable by no-code teams), when it came from one. */
	thresholdName: z.string().nullable().default(null),
	passed: z.boolean(),
	sentence: z.string(),
});
export type ConditionResult = z.infer<typeof ConditionResultSchema>;

/** A rule that fired for an account: who owns it, by when, why (every condition), the signals behind it and its ledger status. */
export const DecisionSchema = z.object({
	decisionId: z.string(),
	accountId: z.string(),
	accountName: z.string(),
	rule: z.object({ id: z.string(), name: z.string(), pack: z.string(), versionHash: z.string() }),
	family: DecisionFamilySchema,
	priority: PrioritySchema,
	playbook: z.string(),
	owner: z.object({ role: OwnerRoleSchema, person: OwnerSchema.nullable(), fallback: z.boolean() }),
	/** The account's owners by role, so a playbook can assign its other steps (support manager, AE, …). */
	accountOwners: OwnersSchema.optional(),
	firedAt: isoDateTime,
	dueAt: isoDateTime,
	sla: z.string(),
	explanation: z.object({ sentence: z.string(), conditions: z.array(ConditionResultSchema) }),
	nearMisses: z.array(ConditionResultSchema),
	signalIds: z.array(z.string()),
	/** What those signals say, so an alert can cite them without the signals at hand. */
	evidence: z
		.array(z.object({ signalId: z.string(), type: z.string(), text: z.string(), source: SignalSourceSchema.optional() }))
		.default([]),
	status: z.enum(DECISION_STATUSES),
	statusReason: z.string().nullable(),
	/** Routed to the owner's digest because their daily alert budget was spent. */
	digest: z.boolean().default(false),
});
export type Decision = z.infer<typeof DecisionSchema>;
