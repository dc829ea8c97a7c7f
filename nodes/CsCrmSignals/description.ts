/**
 * The CS CRM Signals form. Every default comes from the engine's tables: the HubSpot mapping from
 * HubSpotMappingSchema's defaults, the row mapping from DEFAULT_CRM_FIELD_MAP, the detection settings from
 * CrmDetectionConfigSchema's defaults (the taxonomy's detection parameters), the retries from
 * DEFAULT_RETRY_POLICY. This file holds what only a form needs: which settings it offers, their labels, help.
 */
import type { INodeProperties } from 'n8n-workflow';
import { CrmDetectionConfigSchema, type CrmDetectionConfig } from '../../engine/detect/crm/detectors';
import { DEFAULT_CRM_FIELD_MAP, type CrmFieldMap } from '../../engine/detect/crm/items';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { HubSpotMappingSchema, type HubSpotMapping } from '../../engine/sources/hubspot';
import { SLACK_DEFAULT_BASE_URL } from '../../engine/sources/slack';
import { byDisplayName, choices } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

/** The engine tables the form is built from (a test builds it from changed ones). */
export interface CrmFormTables {
	hubspotMapping: HubSpotMapping;
	fieldMap: Readonly<CrmFieldMap>;
	detection: CrmDetectionConfig;
	maxAttempts: number;
	requestTimeoutSeconds: number;
}

export function crmFormTables(): CrmFormTables {
	return {
		hubspotMapping: HubSpotMappingSchema.parse({}),
		fieldMap: DEFAULT_CRM_FIELD_MAP,
		detection: CrmDetectionConfigSchema.parse({}),
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
	};
}

type Kind = 'string' | 'json' | 'list' | 'number' | 'options';
interface Offered {
	displayName: string;
	description?: string;
	/** How the form holds the engine value: text, JSON text, a comma-separated list, a number, a choice. */
	kind?: Kind;
}

/** The HubSpot mapping settings the form offers (the others keep the engine default). */
const HUBSPOT_MAPPING_FORM: Partial<Record<keyof HubSpotMapping, Offered>> = {
	activeSeatsProperty: { displayName: 'Active Seats Property', description: 'Company property with the seats in use (synced from product analytics)' },
	arrFallback: { displayName: 'ARR Fallback', kind: 'options', description: 'What ARR is when the ARR property is empty' },
	arrProperty: { displayName: 'ARR Property', description: 'Company property holding annual recurring revenue' },
	cancelIntentProperty: { displayName: 'Cancel Intent Property' },
	championProperty: { displayName: 'Champion Property', description: 'Contact property (true/false) marking the champion' },
	companyLastContactProperty: { displayName: 'Company Last Contacted Property', description: 'Company property with the last two-way contact' },
	lastEngagedProperty: { displayName: 'Contact Last Engaged Property', description: 'Contact property with the last two-way contact with that person' },
	contractStartProperty: { displayName: 'Contract Start Property' },
	defaultCurrency: { displayName: 'Default Currency', description: 'ISO 4217 code used when deals carry none' },
	discountExpiryProperty: { displayName: 'Discount Expiry Property' },
	execSponsorProperty: { displayName: 'Exec Sponsor Property', description: 'Contact property (true/false) marking the executive sponsor' },
	firstValueDateProperty: { displayName: 'First Value Date Property', description: 'Company property with the day first value was achieved (onboarding complete)' },
	goLiveDateProperty: { displayName: 'Go-Live Date Property' },
	kickoffDateProperty: { displayName: 'Kickoff Date Property' },
	licensedSeatsProperty: { displayName: 'Licensed Seats Property' },
	onboardingTimelineDaysProperty: {
		displayName: 'Onboarding Timeline (Days) Property',
		description: 'Company property with the agreed days from contract start to first value',
	},
	ownerDirectory: { displayName: 'Owner Directory (JSON)', kind: 'json', description: 'Older set-up, use the Owners rows instead: HubSpot owner ID → {"name", "email", "slackUserId"}' },
	ownerProperties: { displayName: 'Owner Properties (JSON)', kind: 'json', description: 'Owner role (csm, ae, csManager, …) → company property holding a HubSpot owner ID' },
	paymentStatusProperty: { displayName: 'Payment Status Property' },
	portalId: { displayName: 'Portal ID', description: 'Your HubSpot portal (hub) ID, for links to records in app.hubspot.com' },
	renewalDateProperty: { displayName: 'Renewal Date Property', description: "Company property with the renewal date; empty → the open renewal deal's close date" },
	segmentProperty: { displayName: 'Segment Property' },
};

/** The choices of the ARR fallback, one per value of the engine's enum. */
const ARR_FALLBACK_CHOICES: Readonly<Record<HubSpotMapping['arrFallback'], { name: string }>> = {
	closedWonDeals: { name: 'Closed-Won Deals of the Last 12 Months' },
	none: { name: 'None (ARR 0)' },
};

/** The row mappings the form offers. */
const FIELD_MAP_FORM: Partial<Record<keyof CrmFieldMap, Offered>> = {
	accountId: { displayName: 'Account ID Field' },
	arr: { displayName: 'ARR Field' },
	cancelIntent: { displayName: 'Cancel Intent Field' },
	contacts: { displayName: 'Contacts Field', description: 'A list of {name, title, isChampion, isExecSponsor, lastEngagedAt}' },
	currency: { displayName: 'Currency Field' },
	discountExpiryDate: { displayName: 'Discount Expiry Date Field' },
	name: { displayName: 'Name Field' },
	owners: { displayName: 'Owners Field', description: 'An object {csm: {name, email}, ae: …}' },
	paymentStatus: { displayName: 'Payment Status Field' },
	renewalDate: { displayName: 'Renewal Date Field' },
	renewalDealAmount: { displayName: 'Renewal Deal Amount Field' },
	renewalDealId: { displayName: 'Renewal Deal ID Field' },
	renewalDealStage: { displayName: 'Renewal Deal Stage Field' },
	segment: { displayName: 'Segment Field' },
};

/** The detection settings the form offers. */
const DETECTION_FORM: Partial<Record<keyof CrmDetectionConfig, Offered>> = {
	cancelIntentStages: { displayName: 'Cancel Intent Stages', kind: 'list', description: 'Comma-separated deal stage IDs meaning the customer asked to cancel' },
	contractionMinDecreasePct: { displayName: 'Contraction: Minimum Decrease %', kind: 'number' },
	discountDaysBeforeExpiry: { displayName: 'Discount: Days Before Expiry', kind: 'number' },
	paymentIssueValues: { displayName: 'Payment Issue Values', kind: 'list', description: 'Comma-separated payment-status values meaning a payment problem' },
	singleThreadedMaxContacts: { displayName: 'Single-Threaded: Max Contacts', kind: 'number' },
	stageLabels: { displayName: 'Stage Labels (JSON)', kind: 'json', description: 'Stage ID → label for evidence sentences' },
	stageOrder: { displayName: 'Stage Order (JSON)', kind: 'json', description: "Pipeline ID → its stage IDs, first stage first (default: HubSpot's default pipeline)" },
};

/** One collection option per offered setting, its default the engine's value in the form's shape. */
function offeredOptions<K extends string>(offered: Partial<Record<K, Offered>>, defaults: { readonly [P in K]?: unknown }, extra: Partial<Record<K, Partial<INodeProperties>>> = {}): INodeProperties[] {
	return byDisplayName(
		(Object.keys(offered) as K[]).map((key) => {
			const { displayName, description, kind = 'string' } = offered[key]!;
			const value = defaults[key];
			const base = { displayName, name: key, noDataExpression: true, ...(description ? { description } : {}) };
			if (kind === 'number') return { ...base, type: 'number', default: value as number };
			if (kind === 'json') return { ...base, type: 'json', default: JSON.stringify(value ?? {}) };
			if (kind === 'list') return { ...base, type: 'string', default: (value as string[]).join(',') };
			if (kind === 'options') return { ...base, type: 'options', default: value as string, ...extra[key] } as INodeProperties;
			return { ...base, type: 'string', default: (value as string | undefined) ?? '' };
		}),
	);
}

/** The loadOptions method that lists the portal's HubSpot owners (CsCrmSignals.methods). */
export const HUBSPOT_OWNERS_METHOD = 'hubSpotOwners';

export function crmSignalsProperties(tables: CrmFormTables = crmFormTables()): INodeProperties[] {
	const arrFallbackValues = HubSpotMappingSchema.shape.arrFallback.removeDefault().options;
	const { maxAttempts, requestTimeoutSeconds } = tables;
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'HubSpot', value: 'hubspot', description: 'Companies, deals and contacts from HubSpot CRM, read to the last page' },
				{ name: 'From Input Items', value: 'inputItems', description: 'One account per input item, fields mapped below' },
			],
			default: 'hubspot',
		},
		{
			displayName: 'HubSpot Mapping',
			name: 'hubspotMapping',
			type: 'collection',
			placeholder: 'Change Mapping',
			description: 'Which HubSpot property holds what. HubSpot sends every value as text; numbers and dates are parsed strictly.',
			default: {},
			displayOptions: { show: { source: ['hubspot'] } },
			options: offeredOptions(HUBSPOT_MAPPING_FORM, tables.hubspotMapping, { arrFallback: { options: choices(arrFallbackValues, ARR_FALLBACK_CHOICES) } }),
		},
		{
			displayName: 'Owners',
			name: 'ownerRows',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Owner',
			default: {},
			displayOptions: { show: { source: ['hubspot'] } },
			description: 'Who each HubSpot owner is: the name on actions, the e-mail, the Slack user for mentions and direct messages',
			options: [
				{
					displayName: 'Owner',
					name: 'owner',
					values: [
						{
							displayName: 'HubSpot Owner Name or ID',
							name: 'ownerId',
							type: 'options',
							noDataExpression: true,
							typeOptions: { loadOptionsMethod: HUBSPOT_OWNERS_METHOD },
							default: '',
							description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{ displayName: 'Name', name: 'name', type: 'string', noDataExpression: true, default: '', placeholder: 'Maya Chen', description: 'Empty: the name HubSpot has (with Load Owners From HubSpot)' },
						{ displayName: 'Email', name: 'email', type: 'string', noDataExpression: true, placeholder: 'name@email.com', default: '' },
						{ displayName: 'Slack User ID', name: 'slackUserId', type: 'string', noDataExpression: true, default: '', placeholder: 'U012AB3CD', description: 'Empty: looked up by e-mail (with Look Up Slack Users by Email)' },
					],
				},
			],
		},
		{
			displayName: 'Load Owners From HubSpot',
			name: 'loadHubSpotOwners',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			displayOptions: { show: { source: ['hubspot'] } },
			description: "Whether to read every HubSpot owner's name and e-mail at each run (needs the scope crm.objects.owners.read); the Owners rows add to it or correct it",
		},
		{
			displayName: 'Look Up Slack Users by Email',
			name: 'lookUpSlackUsers',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			displayOptions: { show: { source: ['hubspot'] } },
			description: 'Whether to find the Slack user of each owner with an e-mail and no Slack user ID (Slack bot token with the scope users:read.email)',
		},
		{
			displayName: 'Slack API Base URL',
			name: 'slackBaseUrl',
			type: 'string',
			noDataExpression: true,
			default: SLACK_DEFAULT_BASE_URL,
			displayOptions: { show: { source: ['hubspot'], lookUpSlackUsers: [true] } },
			description: 'Change only for a proxy or a test server',
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field Mapping',
			description: 'Which field of each input item holds what (dot paths). Defaults are the canonical Account field names.',
			default: {},
			displayOptions: { show: { source: ['inputItems'] } },
			options: offeredOptions(FIELD_MAP_FORM, tables.fieldMap),
		},
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: 'The moment to detect for (default: now)',
		},
		{
			displayName: 'Detection',
			name: 'detection',
			type: 'collection',
			placeholder: 'Override',
			description: "Defaults are the signal taxonomy's detection parameters",
			default: {},
			options: offeredOptions(DETECTION_FORM, tables.detection),
		},
		...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { afterRetries: 'the run fails naming what was read', displayOptions: { show: { source: ['hubspot'] } } }),
	];
}
