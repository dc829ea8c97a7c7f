/**
 * HubSpot contacts with their property history, for exec-change detection: the job title and the company
 * association with every earlier value (`propertiesWithHistory`), the hard-bounce reason (a dead mailbox), HubSpot's
 * own "no longer employed" date, and the champion / sponsor / last-engaged properties the CRM mapping reads.
 * The property names are HubSpot's defaults; the CS properties default to the CRM mapping's (one home:
 * HubSpotMappingSchema), so both nodes read the same flags.
 */
import { z } from 'zod';
import { HubSpotMappingSchema } from './mapping';
import type { HubSpotListRequest } from './client';

const crm = HubSpotMappingSchema.shape;

export const HubSpotContactHistoryMappingSchema = z.object({
	championProperty: crm.championProperty,
	execSponsorProperty: crm.execSponsorProperty,
	lastEngagedProperty: crm.lastEngagedProperty,
	/** Contact property with the job title; read with its history. */
	titleProperty: z.string().min(1).default('jobtitle'),
	/** Contact property with the primary company's id; read with its history (a move shows as a new company id). */
	companyProperty: z.string().min(1).default('associatedcompanyid'),
	/** Contact property set when an e-mail to the contact hard-bounced (its history dates the bounce). */
	hardBounceProperty: z.string().min(1).default('hs_email_hard_bounce_reason_enum'),
	/** Contact property with the date HubSpot confirmed the person no longer works at the company ("" to ignore it). */
	leftCompanyProperty: z.string().default('hs_employment_change_detected_date'),
	portalId: crm.portalId,
	appUrl: crm.appUrl,
});
export type HubSpotContactHistoryMapping = z.infer<typeof HubSpotContactHistoryMappingSchema>;

/** The contact list request: the current values, and the history of title, company and bounce. */
export function hubSpotContactHistoryRequest(mapping: HubSpotContactHistoryMapping): HubSpotListRequest {
	const defined = (values: string[]) => values.filter((value) => value !== '');
	return {
		properties: defined([
			'firstname', 'lastname', 'email', 'createdate', mapping.titleProperty, mapping.companyProperty, mapping.hardBounceProperty,
			mapping.leftCompanyProperty, mapping.championProperty, mapping.execSponsorProperty, mapping.lastEngagedProperty,
		]),
		propertiesWithHistory: [mapping.titleProperty, mapping.companyProperty, mapping.hardBounceProperty],
		consequence: 'nothing was emitted and the saved exec-change state was not changed',
	};
}
