/**
 * The canonical contact-change record: one person at one customer account, with what changed and when.
 * Every source maps to it — HubSpot `propertiesWithHistory` (jobtitle, associatedcompanyid, the e-mail
 * bounce properties), Salesforce `ContactHistory` (Title, AccountId), enrichment rows (UserGems, Clay, a
 * LinkedIn export) through the field map in rows.ts — and the exec detectors read nothing else.
 */
import { z } from 'zod';
import { SenioritySchema } from './account';
import { isoDateTime } from './time';

/** One value a property had, from `at` on (HubSpot history entry, a ContactHistory row, an enrichment column). */
export const HistoryEntrySchema = z.object({
	/** The value; null when the property was cleared (a contact removed from its company). */
	value: z.string().nullable(),
	/** From when; unknown for the "before" value of an enrichment row. */
	at: isoDateTime.optional(),
	/** Who or what wrote it (HubSpot sourceType, "UserGems", …). */
	source: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const ContactChangeSchema = z.object({
	contactId: z.string().min(1, 'must not be empty'),
	/** The customer account this person belongs (or belonged) to. */
	accountId: z.string().min(1, 'must not be empty'),
	name: z.string().min(1, 'must not be empty'),
	email: z.string().optional(),
	/** Job titles, oldest first (the last one is the current title). */
	titleHistory: z.array(HistoryEntrySchema).default([]),
	/** Companies (ids or names), oldest first; a last value that is not the account's means the person moved. */
	companyHistory: z.array(HistoryEntrySchema).default([]),
	/** Enrichment: where the person went, when known ("Globex"). */
	newCompany: z.string().optional(),
	/** Enrichment: the date the person is known to be no longer at the account's company. */
	leftCompanyAt: isoDateTime.optional(),
	/** E-mail delivery: a hard bounce means the mailbox is gone — usually the person is. */
	emailBounce: z
		.object({
			hard: z.boolean(),
			at: isoDateTime.optional(),
			reason: z.string().optional(),
		})
		.optional(),
	/** Given by the source; otherwise read from the current title with the seniority table. */
	seniority: SenioritySchema.optional(),
	/** Last meeting, reply or call with this person. */
	lastEngagedAt: isoDateTime.optional(),
	/** When the person first appeared in the source (HubSpot createdAt, the row's date). */
	firstSeenAt: isoDateTime.optional(),
	isChampion: z.boolean().default(false),
	isExecSponsor: z.boolean().default(false),
	source: z.object({ system: z.string().min(1), ref: z.string().min(1), url: z.string().url().optional() }),
});
export type ContactChange = z.infer<typeof ContactChangeSchema>;
export type ContactChangeInput = z.input<typeof ContactChangeSchema>;
