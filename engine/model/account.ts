import { z } from 'zod';
import { isoDateTime } from './time';

export const SEGMENTS = ['high', 'mid', 'low'] as const;
export const SegmentSchema = z.enum(SEGMENTS);
export type Segment = z.infer<typeof SegmentSchema>;

/** Organisational levels, top first. Used for stakeholder depth. */
export const SENIORITY_LEVELS = ['c_level', 'vp', 'director', 'manager', 'individual'] as const;
export const SenioritySchema = z.enum(SENIORITY_LEVELS);
export type Seniority = z.infer<typeof SenioritySchema>;

/** A person on our side who can own an action. */
export const OwnerSchema = z.object({
	name: z.string().min(1, 'must not be empty'),
	email: z.string().email('must be an e-mail address').optional(),
	slackUserId: z.string().optional(),
	crmOwnerId: z.string().optional(),
});
export type Owner = z.infer<typeof OwnerSchema>;

export const OWNER_ROLES = ['csm', 'ae', 'csLeader', 'csManager', 'supportManager', 'execSponsor'] as const;
export const OwnerRoleSchema = z.enum(OWNER_ROLES);
export type OwnerRole = z.infer<typeof OwnerRoleSchema>;

export const OwnersSchema = z
	.object({
		csm: OwnerSchema.optional(),
		ae: OwnerSchema.optional(),
		csLeader: OwnerSchema.optional(),
		csManager: OwnerSchema.optional(),
		supportManager: OwnerSchema.optional(),
		execSponsor: OwnerSchema.optional(),
	})
	.default({});
export type Owners = z.infer<typeof OwnersSchema>;

/** A person on the customer's side. */
export const ContactSchema = z.object({
	contactId: z.string().optional(),
	name: z.string().min(1, 'must not be empty'),
	title: z.string().optional(),
	seniority: SenioritySchema.optional(),
	isChampion: z.boolean().default(false),
	isExecSponsor: z.boolean().default(false),
	/** Last meeting, reply or call with this person. */
	lastEngagedAt: isoDateTime.optional(),
	/** When we first learned of this person (a new executive is "unmapped" until engaged). */
	firstSeenAt: isoDateTime.optional(),
	status: z.enum(['active', 'departed']).default('active'),
});
export type Contact = z.infer<typeof ContactSchema>;

export const OnboardingSchema = z
	.object({
		kickoffAt: isoDateTime.optional(),
		goLiveAt: isoDateTime.optional(),
		firstValueAt: isoDateTime.optional(),
		/** The timeline agreed with the customer, in days from contract start to first value. */
		agreedTimelineDays: z.number().positive('must be a positive number of days').optional(),
	})
	.default({});
export type Onboarding = z.infer<typeof OnboardingSchema>;

/** ARR movements over the reporting period, when the CRM provides them (for NRR / GRR). */
export const ArrMovementsSchema = z.object({
	startingArr: z.number().nonnegative(),
	expansionArr: z.number().nonnegative().default(0),
	contractionArr: z.number().nonnegative().default(0),
	churnedArr: z.number().nonnegative().default(0),
});

export const HealthHistoryEntrySchema = z.object({ at: isoDateTime, score: z.number().min(0).max(100) });

/** A customer account: commercial terms, renewal and onboarding dates, owners on our side, contacts on theirs. */
export const AccountSchema = z.object({
	accountId: z.string().min(1, 'must not be empty'),
	name: z.string().min(1, 'must not be empty'),
	domain: z.string().optional(),
	arr: z.number({ invalid_type_error: 'must be a number (annual recurring revenue)' }).nonnegative('must not be negative').default(0),
	currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as "EUR"').default('EUR'),
	/** high / mid / low touch; derived from ARR thresholds when absent. */
	segment: SegmentSchema.optional(),
	renewalDate: isoDateTime.optional(),
	contractStart: isoDateTime.optional(),
	onboarding: OnboardingSchema,
	discountExpiryDate: isoDateTime.optional(),
	licensedSeats: z.number().int().nonnegative().optional(),
	activeSeats: z.number().int().nonnegative().optional(),
	/** Last two-way contact between the account team and the customer (meeting, reply, call). */
	lastContactAt: isoDateTime.optional(),
	owners: OwnersSchema,
	contacts: z.array(ContactSchema).default([]),
	arrMovements: ArrMovementsSchema.optional(),
	/** Earlier health scores, if the CRM or a previous run kept them (trend). */
	healthHistory: z.array(HealthHistoryEntrySchema).default([]),
	crm: z.object({ system: z.string().min(1), id: z.string().min(1), url: z.string().url().optional() }).optional(),
});
export type Account = z.infer<typeof AccountSchema>;
export type AccountInput = z.input<typeof AccountSchema>;
