/**
 * HubSpot records → canonical Account items (plus the deals and flag values the CRM detectors read).
 *
 * Defaults (every one overridable through HubSpotMappingSchema):
 * - ARR: the company property `arr` (a custom property most CS teams add); when it is empty, the sum of
 *   the company's closed-won deal amounts with a close date in the 12 months before the as-of date
 *   (this contract year's bookings). HubSpot's own `annualrevenue` is the customer's revenue, not ours —
 *   deliberately not the default.
 * - Renewal date: the company property `renewal_date`; when empty, the close date of the earliest open
 *   renewal deal (deal type `existingbusiness` or a name containing "renewal").
 * - Owners: `hubspot_owner_id` (the company owner) is the CSM; more roles map from more properties; the
 *   owner directory turns owner ids into names, e-mails and Slack ids.
 * - Segment: the company property `cs_segment` (high / mid / low, or "high touch" …); absent → derived
 *   later from ARR by CS Account Intelligence.
 */
import { z } from 'zod';
import { DateTime } from 'luxon';
import {
	AccountSchema,
	OWNER_ROLES,
	ownValue,
	setOwn,
	parseNamed,
	resolveSeniorityTable,
	seniorityFromTitle,
	type CompiledSeniorityTable,
	ValidationError,
	type Account,
	type AccountInput,
	type Contact,
	type CrmAccountRecord,
	type CrmDeal,
	type Owner,
	type OwnerRole,
} from '../../model';
import { associatedCompanyIds, type HubSpotBook, type HubSpotBookRequest, type HubSpotObject } from './client';
import { HubSpotPropertyError, propertyReader } from './parse';

export const OwnerDirectoryEntrySchema = z.object({
	name: z.string().min(1, 'must not be empty'),
	email: z.string().email('must be an e-mail address').optional(),
	slackUserId: z.string().optional(),
});

export const HubSpotMappingSchema = z.object({
	/** Company property holding ARR; empty → fallback below. */
	arrProperty: z.string().default('arr'),
	/** When the ARR property is empty: sum of the last 12 months' closed-won deals, or 0. */
	arrFallback: z.enum(['closedWonDeals', 'none']).default('closedWonDeals'),
	/** Deal property with the currency; else defaultCurrency. */
	currencyProperty: z.string().default('deal_currency_code'),
	defaultCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as "USD"').default('USD'),
	renewalDateProperty: z.string().default('renewal_date'),
	/** Deal types (`dealtype`) that mark a renewal deal. */
	renewalDealTypes: z.array(z.string()).default(['existingbusiness']),
	/** Case-insensitive pattern on the deal name that marks a renewal deal. */
	renewalDealNamePattern: z.string().default('renewal'),
	segmentProperty: z.string().default('cs_segment'),
	discountExpiryProperty: z.string().default('discount_expiry_date'),
	contractStartProperty: z.string().default('contract_start_date'),
	licensedSeatsProperty: z.string().default('licensed_seats'),
	/** Company property with the seats in use (synced from product analytics). */
	activeSeatsProperty: z.string().default('active_seats'),
	/** Company property with the last two-way contact (HubSpot keeps `notes_last_contacted` on companies too). */
	companyLastContactProperty: z.string().default('notes_last_contacted'),
	/** Company properties with the onboarding milestones and the agreed time to first value (days). */
	kickoffDateProperty: z.string().default('cs_kickoff_date'),
	goLiveDateProperty: z.string().default('cs_go_live_date'),
	firstValueDateProperty: z.string().default('cs_first_value_date'),
	onboardingTimelineDaysProperty: z.string().default('cs_onboarding_timeline_days'),
	/** Owner role → company property holding a HubSpot owner id. */
	ownerProperties: z.record(z.enum(OWNER_ROLES), z.string()).default({ csm: 'hubspot_owner_id' }),
	/** HubSpot owner id → person. Unknown ids become "HubSpot owner <id>". */
	ownerDirectory: z.record(z.string(), OwnerDirectoryEntrySchema).default({}),
	/** Contact property (true/false) marking the champion. */
	championProperty: z.string().default('cs_champion'),
	/** Contact property (true/false) marking the executive sponsor. */
	execSponsorProperty: z.string().default('cs_exec_sponsor'),
	/** Contact property with the last two-way contact. */
	lastEngagedProperty: z.string().default('notes_last_contacted'),
	/** Company property whose value signals intent to cancel. */
	cancelIntentProperty: z.string().default('cancel_intent'),
	/** Company property with the billing / payment status. */
	paymentStatusProperty: z.string().default('payment_status'),
	/** HubSpot portal (hub) id, for app.hubspot.com record links. */
	portalId: z.string().regex(/^\d+$/, 'must be the numeric HubSpot portal (hub) id').optional(),
	/** Base of record links (EU portals use https://app-eu1.hubspot.com). */
	appUrl: z.string().url().default('https://app.hubspot.com'),
	/**
	 * Extra job-title phrases per seniority level, in the shape of rules/tables/seniority-titles.json
	 * (`{ "levels": { "vp": { "phrases": ["directeur exécutif"] } } }`), added to the shipped table.
	 */
	seniorityTable: z.unknown().optional(),
});
export type HubSpotMapping = z.infer<typeof HubSpotMappingSchema>;
export type HubSpotMappingInput = z.input<typeof HubSpotMappingSchema>;

const SEGMENT_WORDS: Record<string, 'high' | 'mid' | 'low'> = {
	high: 'high', 'high touch': 'high', 'high-touch': 'high', enterprise: 'high', strategic: 'high',
	mid: 'mid', 'mid touch': 'mid', 'mid-touch': 'mid', medium: 'mid', 'mid-market': 'mid', midmarket: 'mid',
	low: 'low', 'low touch': 'low', 'low-touch': 'low', 'tech touch': 'low', 'tech-touch': 'low', smb: 'low', scaled: 'low',
};

/** The property lists to request, from the mapping and the stages whose entry dates the detectors read. */
export function hubSpotBookRequest(mapping: HubSpotMapping, stageIds: string[]): HubSpotBookRequest {
	const defined = (values: Array<string | undefined>) => values.filter((value): value is string => Boolean(value));
	return {
		companyProperties: defined([
			'name', 'domain', 'hs_lastmodifieddate', mapping.arrProperty, mapping.renewalDateProperty, mapping.segmentProperty,
			mapping.discountExpiryProperty, mapping.contractStartProperty, mapping.licensedSeatsProperty,
			mapping.activeSeatsProperty, mapping.companyLastContactProperty, mapping.kickoffDateProperty,
			mapping.goLiveDateProperty, mapping.firstValueDateProperty, mapping.onboardingTimelineDaysProperty,
			mapping.cancelIntentProperty, mapping.paymentStatusProperty, ...Object.values(mapping.ownerProperties),
		]),
		dealProperties: defined([
			'dealname', 'amount', 'closedate', 'dealstage', 'pipeline', 'dealtype', 'hs_is_closed', 'hs_is_closed_won',
			'hs_lastmodifieddate', 'hubspot_owner_id', mapping.currencyProperty, ...stageIds.map((stage) => `hs_date_entered_${stage}`),
		]),
		contactProperties: defined([
			'firstname', 'lastname', 'email', 'jobtitle', 'hs_lead_status', 'lastmodifieddate',
			mapping.championProperty, mapping.execSponsorProperty, mapping.lastEngagedProperty,
		]),
	};
}

export function hubSpotRecordUrl(mapping: Pick<HubSpotMapping, 'portalId' | 'appUrl'>, objectTypeId: '0-1' | '0-2' | '0-3', id: string): string | undefined {
	if (!mapping.portalId) return undefined;
	return `${mapping.appUrl.replace(/\/+$/, '')}/contacts/${mapping.portalId}/record/${objectTypeId}/${id}`;
}

function ownerFor(mapping: HubSpotMapping, ownerId: string): Owner {
	const known = ownValue(mapping.ownerDirectory, ownerId);
	return known ? { ...known, crmOwnerId: ownerId } : { name: `HubSpot owner ${ownerId}`, crmOwnerId: ownerId };
}

function mapDeal(mapping: HubSpotMapping, deal: HubSpotObject): CrmDeal {
	const read = propertyReader('deal', deal.id, deal.properties ?? {});
	const stage = read.text('dealstage') ?? '';
	const name = read.text('dealname') ?? `Deal ${deal.id}`;
	const isClosedWon = read.boolean('hs_is_closed_won') ?? stage === 'closedwon';
	const isClosed = read.boolean('hs_is_closed') ?? (isClosedWon || stage === 'closedlost');
	const stageEnteredAt: Record<string, string> = {};
	for (const key of Object.keys(deal.properties ?? {})) {
		if (!key.startsWith('hs_date_entered_')) continue;
		const at = read.date(key);
		if (at) setOwn(stageEnteredAt, key.slice('hs_date_entered_'.length), at);
	}
	const dealType = read.text('dealtype');
	const isRenewal =
		(dealType !== undefined && mapping.renewalDealTypes.includes(dealType)) ||
		(mapping.renewalDealNamePattern !== '' && new RegExp(mapping.renewalDealNamePattern, 'i').test(name));
	return {
		dealId: deal.id,
		name,
		amount: read.number('amount'),
		currency: read.text(mapping.currencyProperty),
		closeDate: read.date('closedate'),
		stage,
		pipeline: read.text('pipeline') ?? 'default',
		isClosedWon,
		isClosed,
		isRenewal,
		stageEnteredAt,
		updatedAt: read.date('hs_lastmodifieddate') ?? deal.updatedAt,
		url: hubSpotRecordUrl(mapping, '0-3', deal.id),
	};
}

function mapContact(mapping: HubSpotMapping, contact: HubSpotObject, seniority: CompiledSeniorityTable): Contact {
	const read = propertyReader('contact', contact.id, contact.properties ?? {});
	const fullName = [read.text('firstname'), read.text('lastname')].filter(Boolean).join(' ');
	const title = read.text('jobtitle');
	return {
		contactId: contact.id,
		name: fullName || read.text('email') || `Contact ${contact.id}`,
		...(title ? { title } : {}),
		...(title ? { seniority: seniorityFromTitle(title, seniority) } : {}),
		isChampion: read.boolean(mapping.championProperty) ?? false,
		isExecSponsor: read.boolean(mapping.execSponsorProperty) ?? false,
		...(read.date(mapping.lastEngagedProperty) ? { lastEngagedAt: read.date(mapping.lastEngagedProperty) } : {}),
		...(contact.createdAt ? { firstSeenAt: contact.createdAt } : {}),
		status: 'active',
	};
}

/**
 * A HubSpot company that could not be mapped (a provider record, not an input item: the sweep reports it as
 * an UnusableItem paired with the node's trigger item).
 */
export interface MappingProblem {
	companyId: string;
	message: string;
}

export interface MappedBook {
	records: CrmAccountRecord[];
	problems: MappingProblem[];
}

/**
 * Map the whole book. A company whose properties (or whose deals' and contacts' properties) cannot be
 * parsed becomes a problem naming the record, property and value; the other companies still map.
 */
export function mapHubSpotBook(book: HubSpotBook, mappingInput: HubSpotMappingInput, asOf: DateTime): MappedBook {
	const mapping = HubSpotMappingSchema.parse(mappingInput);
	const seniority = resolveSeniorityTable(mapping.seniorityTable);
	const dealsByCompany = new Map<string, HubSpotObject[]>();
	const contactsByCompany = new Map<string, HubSpotObject[]>();
	const attach = (target: Map<string, HubSpotObject[]>, record: HubSpotObject) => {
		for (const companyId of associatedCompanyIds(record)) {
			const list = target.get(companyId) ?? [];
			list.push(record);
			target.set(companyId, list);
		}
	};
	book.deals.forEach((deal) => attach(dealsByCompany, deal));
	book.contacts.forEach((contact) => attach(contactsByCompany, contact));

	const records: CrmAccountRecord[] = [];
	const problems: MappingProblem[] = [];
	for (const company of book.companies) {
		try {
			records.push(mapCompany(mapping, company, dealsByCompany.get(company.id) ?? [], contactsByCompany.get(company.id) ?? [], asOf, seniority));
		} catch (error) {
			if (error instanceof HubSpotPropertyError || error instanceof AccountMappingError || error instanceof ValidationError) {
				problems.push({ companyId: company.id, message: error.message });
				continue;
			}
			throw error;
		}
	}
	return { records, problems };
}

export class AccountMappingError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AccountMappingError';
	}
}

function onboardingFrom(mapping: HubSpotMapping, read: ReturnType<typeof propertyReader>): AccountInput['onboarding'] {
	const kickoffAt = read.date(mapping.kickoffDateProperty);
	const goLiveAt = read.date(mapping.goLiveDateProperty);
	const firstValueAt = read.date(mapping.firstValueDateProperty);
	const agreedTimelineDays = read.number(mapping.onboardingTimelineDaysProperty);
	return {
		...(kickoffAt ? { kickoffAt } : {}),
		...(goLiveAt ? { goLiveAt } : {}),
		...(firstValueAt ? { firstValueAt } : {}),
		...(agreedTimelineDays !== undefined ? { agreedTimelineDays } : {}),
	};
}

function mapCompany(mapping: HubSpotMapping, company: HubSpotObject, dealRecords: HubSpotObject[], contactRecords: HubSpotObject[], asOf: DateTime, seniority: CompiledSeniorityTable): CrmAccountRecord {
	const read = propertyReader('company', company.id, company.properties ?? {});
	const deals = dealRecords.map((deal) => mapDeal(mapping, deal)).sort((a, b) => a.dealId.localeCompare(b.dealId, 'en', { numeric: true }));
	const contacts = contactRecords.map((contact) => mapContact(mapping, contact, seniority)).sort((a, b) => (a.contactId ?? '').localeCompare(b.contactId ?? '', 'en', { numeric: true }));

	let arr = read.number(mapping.arrProperty);
	if (arr === undefined && mapping.arrFallback === 'closedWonDeals') {
		const yearAgo = asOf.minus({ days: 365 });
		arr = deals
			.filter((deal) => deal.isClosedWon && deal.amount !== undefined && deal.closeDate)
			.filter((deal) => {
				const closed = DateTime.fromISO(deal.closeDate!);
				return closed > yearAgo && closed <= asOf;
			})
			.reduce((sum, deal) => sum + (deal.amount ?? 0), 0);
	}

	const openRenewal = deals
		.filter((deal) => deal.isRenewal && !deal.isClosed && deal.closeDate)
		.sort((a, b) => a.closeDate!.localeCompare(b.closeDate!))[0];
	const renewalDate = read.date(mapping.renewalDateProperty) ?? openRenewal?.closeDate;

	const segmentValue = read.text(mapping.segmentProperty);
	let segment: 'high' | 'mid' | 'low' | undefined;
	if (segmentValue !== undefined) {
		segment = SEGMENT_WORDS[segmentValue.toLowerCase().replace(/_/g, ' ')];
		if (!segment) {
			throw new AccountMappingError(
				`HubSpot company ${company.id}: property "${mapping.segmentProperty}" value ${JSON.stringify(segmentValue)} is not a segment (use high, mid or low — or "high touch", "enterprise", "smb" …)`,
			);
		}
	}

	const owners: Partial<Record<OwnerRole, Owner>> = {};
	for (const [role, property] of Object.entries(mapping.ownerProperties) as Array<[OwnerRole, string]>) {
		const ownerId = read.text(property);
		if (ownerId) owners[role] = ownerFor(mapping, ownerId);
	}

	const currency = deals.find((deal) => deal.currency)?.currency ?? mapping.defaultCurrency;
	const url = hubSpotRecordUrl(mapping, '0-2', company.id);
	const input: AccountInput = {
		accountId: company.id,
		name: read.text('name') ?? read.text('domain') ?? `Company ${company.id}`,
		...(read.text('domain') ? { domain: read.text('domain') } : {}),
		arr: arr ?? 0,
		currency,
		...(segment ? { segment } : {}),
		...(renewalDate ? { renewalDate } : {}),
		...(read.date(mapping.contractStartProperty) ? { contractStart: read.date(mapping.contractStartProperty) } : {}),
		...(read.date(mapping.discountExpiryProperty) ? { discountExpiryDate: read.date(mapping.discountExpiryProperty) } : {}),
		...(read.integer(mapping.licensedSeatsProperty) !== undefined ? { licensedSeats: read.integer(mapping.licensedSeatsProperty) } : {}),
		...(read.integer(mapping.activeSeatsProperty) !== undefined ? { activeSeats: read.integer(mapping.activeSeatsProperty) } : {}),
		...(read.date(mapping.companyLastContactProperty) ? { lastContactAt: read.date(mapping.companyLastContactProperty) } : {}),
		onboarding: onboardingFrom(mapping, read),
		owners,
		contacts,
		crm: { system: 'hubspot', id: company.id, ...(url ? { url } : {}) },
	};
	const account: Account = parseNamed(AccountSchema, `HubSpot company ${company.id}`, input);
	return {
		account,
		deals,
		cancelIntentValue: read.text(mapping.cancelIntentProperty),
		paymentStatus: read.text(mapping.paymentStatusProperty),
		system: 'hubspot',
		ref: `company/${company.id}`,
		...(url ? { url } : {}),
	};
}
