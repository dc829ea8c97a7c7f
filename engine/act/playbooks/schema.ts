import { z } from 'zod';
import { OWNER_ROLES, OwnerSchema } from '../../model';

/**
 * Who can own a playbook step. The account's owner roles (csm, ae, csLeader, csManager, supportManager,
 * execSponsor) plus the functions the seeds name as owners or approvers (CS Ops, Sales Manager, Finance,
 * Legal, Deal Desk, Product Manager). A team passes the people for these roles in the planner's `owners`.
 */
export const PLAYBOOK_ROLES = [...OWNER_ROLES, 'csOps', 'salesManager', 'finance', 'legal', 'dealDesk', 'productManager'] as const;
export const PlaybookRoleSchema = z.enum(PLAYBOOK_ROLES);
export type PlaybookRole = z.infer<typeof PlaybookRoleSchema>;

/** How a step reaches the customer or the team (`in_app` for tech-touch guidance inside the product). */
export const STEP_CHANNELS = ['email', 'call', 'meeting', 'slack', 'crm_task', 'internal', 'in_app'] as const;
export const StepChannelSchema = z.enum(STEP_CHANNELS);
export type StepChannel = z.infer<typeof StepChannelSchema>;

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a lower-case slug such as "exec_outreach"');

/** "Day 14" / "Week 2" as the seed writes it: calendar days from the trigger. */
export const SEED_DAY = /^(Day|Week) (\d+)$/;

export const PlaybookStepSchema = z
	.object({
		/** Stable within the playbook: the planned step id hashes it, so reordering steps keeps ids. */
		key: slug,
		/** Business days after the plan starts (the decision's firedAt, rolled to a business day). */
		dayOffset: z.number().int().nonnegative('must be zero or more business days'),
		/** The seed's own timing ("Day 14", "Week 1"), when it gives one. */
		seedDay: z.string().regex(SEED_DAY, 'must read like "Day 14" or "Week 1"').optional(),
		action: z.string().min(1),
		ownerRole: PlaybookRoleSchema,
		/** Others in the room ("CSM + Manager"): informed, not accountable. */
		supportingRoles: z.array(PlaybookRoleSchema).default([]),
		channel: StepChannelSchema,
		/** Who must approve before the step may happen (save plays with a pricing component). */
		approver: PlaybookRoleSchema.optional(),
		/** This step answers the rule's SLA ("call within 48 hours"): it is due at the decision's dueAt. */
		dueWithinSla: z.boolean().default(false),
	})
	.strict();
export type PlaybookStep = z.infer<typeof PlaybookStepSchema>;
export type PlaybookStepInput = z.input<typeof PlaybookStepSchema>;

/** One playbook (seed anatomy: trigger, owner, timeline, exit criteria, steps; escalation when the seed gives it). */
export const PlaybookSchema = z
	.object({
		id: slug,
		name: z.string().min(1),
		trigger: z.string().min(1),
		ownerRole: PlaybookRoleSchema,
		timeline: z.string().min(1),
		exitCriteria: z.array(z.string().min(1)).min(1, 'must name at least one exit criterion'),
		steps: z.array(PlaybookStepSchema).min(1, 'must have at least one step'),
		escalation: z.array(z.string().min(1)).default([]),
		/** A rule of the house the playbook must respect ("do not expand before First Impact"). */
		guardrail: z.string().optional(),
		/** Where the content comes from (seed file and section). */
		source: z.string().min(1),
	})
	.strict()
	.superRefine((playbook, ctx) => {
		const keys = new Set<string>();
		playbook.steps.forEach((step, index) => {
			if (keys.has(step.key)) ctx.addIssue({ code: 'custom', path: ['steps', index, 'key'], message: `duplicates step key "${step.key}"` });
			keys.add(step.key);
			const previous = playbook.steps[index - 1];
			if (previous && previous.dayOffset > step.dayOffset) {
				ctx.addIssue({ code: 'custom', path: ['steps', index, 'dayOffset'], message: 'is earlier than the step before it; keep steps in time order' });
			}
		});
		if (playbook.steps.filter((step) => step.dueWithinSla).length > 1) {
			ctx.addIssue({ code: 'custom', path: ['steps'], message: 'has more than one step marked dueWithinSla' });
		}
	});
export type Playbook = z.infer<typeof PlaybookSchema>;
export type PlaybookInput = z.input<typeof PlaybookSchema>;

/** People for the roles of a plan: the account's owners plus any of the extra playbook roles. */
export const PlaybookOwnersSchema = z
	.object(Object.fromEntries(PLAYBOOK_ROLES.map((role) => [role, OwnerSchema.optional()])) as Record<PlaybookRole, z.ZodOptional<typeof OwnerSchema>>)
	.strict();
export type PlaybookOwners = Partial<Record<PlaybookRole, z.infer<typeof OwnerSchema>>>;
