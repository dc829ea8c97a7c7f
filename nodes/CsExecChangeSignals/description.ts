/**
 * The CS Executive Change Signals form. Every default comes from the engine's tables: the HubSpot properties
 * from HubSpotContactHistoryMappingSchema (its CS flags are the CRM mapping's), the row presets from
 * EXEC_FIELD_MAP_PRESETS and the canonical field names from DEFAULT_EXEC_FIELD_MAP, the detection settings from
 * ExecDetectionConfigSchema (the taxonomy's detection parameters), the seniority levels from the model, the emit
 * modes from the sweeps, the retries and the timeout from DEFAULT_RETRY_POLICY and DEFAULT_REQUEST_TIMEOUT_MS. Only labels and help live here.
 *
 * A Salesforce mode (ContactHistory) is one more Source choice with its own property block; its sweep feeds the
 * same detectors (engine/sweeps/exec-hubspot.ts says how).
 */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_EXEC_FIELD_MAP, EXEC_FIELD_MAP_PRESETS, ExecDetectionConfigSchema, type ExecDetectionConfig, type ExecFieldMap } from '../../engine/detect/exec';
import { SENIORITY_LABELS, SENIORITY_LEVELS, type Seniority } from '../../engine/model';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { HubSpotContactHistoryMappingSchema, type HubSpotContactHistoryMapping } from '../../engine/sources/hubspot';
import { DEFAULT_SIGNAL_EMIT_MODE, type SignalEmitMode } from '../../engine/sweeps';
import { emitModeProperty } from '../shared/emitMode';
import { byDisplayName, choices } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

export const EXEC_SOURCES = ['hubspot', 'inputItems'] as const;
export type ExecSource = (typeof EXEC_SOURCES)[number];

/** The engine tables the form is built from (a test builds it from changed ones). */
export interface ExecFormTables {
	hubspotMapping: HubSpotContactHistoryMapping;
	presets: readonly string[];
	fieldMap: Readonly<ExecFieldMap>;
	detection: ExecDetectionConfig;
	emit: SignalEmitMode;
	maxAttempts: number;
	requestTimeoutSeconds: number;
}

export function execFormTables(): ExecFormTables {
	return {
		hubspotMapping: HubSpotContactHistoryMappingSchema.parse({}),
		presets: Object.keys(EXEC_FIELD_MAP_PRESETS),
		fieldMap: DEFAULT_EXEC_FIELD_MAP,
		detection: ExecDetectionConfigSchema.parse({}),
		emit: DEFAULT_SIGNAL_EMIT_MODE,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
	};
}

const SOURCE_CHOICES: Readonly<Record<ExecSource, { name: string; description: string }>> = {
	hubspot: { name: 'HubSpot', description: 'Contacts with the history of their job title, company and e-mail bounces, read to the last page' },
	inputItems: { name: 'From Input Items', description: 'Job-change rows from UserGems, Clay, a LinkedIn export or any node, fields mapped below' },
};

/** Labels of the presets: a new preset in the engine without a label here shows its key. */
const PRESET_LABELS: Readonly<Record<string, { name: string; description: string }>> = {
	canonical: { name: 'Canonical Fields', description: 'Rows already named contactId, accountId, name, titleBefore, titleAfter, … (Clay: name your columns so, or map them below)' },
	hubspot: { name: 'HubSpot Contacts', description: 'Contacts read with propertiesWithHistory (e.g. by the HTTP Request node)' },
	salesforce: { name: 'Salesforce ContactHistory', description: 'ContactHistory rows with Contact.Name, Contact.AccountId, Contact.Title' },
	usergems: { name: 'UserGems Fields', description: 'Contacts with the "UG - No Longer at Company (Date)" field' },
	linkedin: { name: 'LinkedIn Connections Export', description: 'Connections.csv rows: the company and position now' },
};

interface Offered {
	displayName: string;
	description?: string;
}

const HUBSPOT_MAPPING_FORM: Partial<Record<keyof HubSpotContactHistoryMapping, Offered>> = {
	championProperty: { displayName: 'Champion Property', description: 'Contact property (true/false) marking the champion' },
	companyProperty: { displayName: 'Company Property', description: "Contact property with the primary company's ID, read with its history (a move is a new company ID)" },
	execSponsorProperty: { displayName: 'Exec Sponsor Property', description: 'Contact property (true/false) marking the executive sponsor' },
	hardBounceProperty: { displayName: 'Hard Bounce Property', description: 'Contact property set when an e-mail to the contact hard-bounced' },
	lastEngagedProperty: { displayName: 'Last Engaged Property', description: 'Contact property with the last two-way contact with that person' },
	leftCompanyProperty: { displayName: 'Left Company Date Property', description: 'Contact property with the date HubSpot (or an enrichment sync) confirmed the person left the company' },
	portalId: { displayName: 'Portal ID', description: 'Your HubSpot portal (hub) ID, for links to contact records' },
	titleProperty: { displayName: 'Job Title Property', description: 'Contact property with the job title, read with its history' },
};

const FIELD_MAP_FORM: Partial<Record<keyof ExecFieldMap, Offered>> = {
	accountDomain: { displayName: 'Account Domain Field', description: "The company's domain (or a work e-mail), when rows carry no account ID" },
	accountId: { displayName: 'Account ID Field', description: 'Our account ID or the CRM company ID' },
	accountName: { displayName: 'Account Name Field' },
	companyAfter: { displayName: 'Company Now Field', description: 'The company the person is at now' },
	companyBefore: { displayName: 'Company Before Field' },
	companyChangedAt: { displayName: 'Company Changed At Field' },
	contactId: { displayName: 'Contact ID Field' },
	email: { displayName: 'Email Field' },
	emailHardBounce: { displayName: 'Hard Bounce Field', description: 'true, or a bounce reason' },
	emailHardBounceAt: { displayName: 'Hard Bounce Date Field' },
	firstName: { displayName: 'First Name Field' },
	firstSeenAt: { displayName: 'First Seen Field', description: 'When the person first appeared in the source' },
	isChampion: { displayName: 'Champion Flag Field' },
	isExecSponsor: { displayName: 'Exec Sponsor Flag Field' },
	lastEngagedAt: { displayName: 'Last Engaged Field' },
	lastName: { displayName: 'Last Name Field' },
	leftCompanyAt: { displayName: 'Left Company Date Field' },
	name: { displayName: 'Name Field' },
	observedAt: { displayName: 'Observed At Field', description: "The row's date (a snapshot export): changes without their own date get it" },
	roles: { displayName: 'Roles Field', description: 'A text such as "Champion; Executive Sponsor"' },
	title: { displayName: 'Title Field', description: 'The current job title' },
	titleAfter: { displayName: 'Title Now Field' },
	titleBefore: { displayName: 'Title Before Field' },
	titleChangedAt: { displayName: 'Title Changed At Field' },
	titleHistory: { displayName: 'Title History Field', description: 'A list of {value, timestamp}' },
};

const DETECTION_FORM: Record<keyof ExecDetectionConfig, Offered & { seniority?: true }> = {
	departureLookbackDays: { displayName: 'Champion Departed: Look-Back (Days)' },
	keyContactMinSeniority: { displayName: 'Title Change: Report Contacts From', seniority: true, description: 'Title changes of contacts at or above this level are reported even when they are no champion or sponsor' },
	newExecutiveLookbackDays: { displayName: 'New Executive: Look-Back (Days)' },
	newExecutiveMinSeniority: { displayName: 'New Executive: From Level', seniority: true, description: 'The least senior level that counts as a new executive (Director for "the new IT director nobody has met")' },
	promotionLookbackDays: { displayName: 'Champion Promoted: Look-Back (Days)' },
	reorganisationLookbackDays: { displayName: 'Re-Organisation: Look-Back (Days)' },
	reorganisationMinContacts: { displayName: 'Re-Organisation: Minimum Contacts' },
	reorganisationWindowDays: { displayName: 'Re-Organisation: Window (Days)', description: 'Title changes of this many days apart at most count as one re-organisation' },
	sponsorLookbackDays: { displayName: 'Sponsor Departed: Look-Back (Days)' },
	titleChangeLookbackDays: { displayName: 'Title Change: Look-Back (Days)' },
};

const SENIORITY_CHOICES = choices(
	SENIORITY_LEVELS,
	Object.fromEntries(SENIORITY_LEVELS.map((level) => [level, { name: SENIORITY_LABELS[level] }])) as Record<Seniority, { name: string }>,
);

function stringOptions<K extends string>(offered: Partial<Record<K, Offered>>, value: (key: K) => Partial<INodeProperties>): INodeProperties[] {
	return byDisplayName(
		(Object.keys(offered) as K[]).map((key) => {
			const { displayName, description } = offered[key]!;
			return { displayName, name: key, type: 'string', noDataExpression: true, default: '', ...(description ? { description } : {}), ...value(key) } as INodeProperties;
		}),
	);
}

export function execChangeSignalsProperties(tables: ExecFormTables = execFormTables()): INodeProperties[] {
	const { maxAttempts, requestTimeoutSeconds } = tables;
	const firstPreset = tables.presets[0];
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: choices(EXEC_SOURCES, SOURCE_CHOICES),
			default: 'hubspot',
		},
		{
			displayName: 'Connect the Account items (CS CRM Signals\' Accounts output) to the "Accounts" input: contacts are matched to accounts by ID, CRM ID, domain or name, and their champion and sponsor roles come from there.',
			name: 'accountsNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'HubSpot Properties',
			name: 'hubspotMapping',
			type: 'collection',
			placeholder: 'Change Property',
			description: 'Which HubSpot contact property holds what',
			default: {},
			displayOptions: { show: { source: ['hubspot'] } },
			options: stringOptions(HUBSPOT_MAPPING_FORM, (key) => ({ default: (tables.hubspotMapping[key] as string | undefined) ?? '' })),
		},
		{
			displayName: 'Row Format',
			name: 'fieldMapPreset',
			type: 'options',
			noDataExpression: true,
			options: tables.presets.map((preset) => ({ name: PRESET_LABELS[preset]?.name ?? preset, value: preset, ...(PRESET_LABELS[preset] ? { description: PRESET_LABELS[preset].description } : {}) })),
			default: firstPreset,
			displayOptions: { show: { source: ['inputItems'] } },
			description: 'Where the fields sit in each row; change single fields below',
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Map a Field',
			description: "Dot paths overriding the row format's field (empty: the format's own)",
			default: {},
			displayOptions: { show: { source: ['inputItems'] } },
			options: stringOptions(FIELD_MAP_FORM, (key) => ({ placeholder: tables.fieldMap[key] })),
		},
		{
			displayName: 'Source System',
			name: 'sourceSystem',
			type: 'string',
			noDataExpression: true,
			default: 'input',
			placeholder: 'usergems',
			displayOptions: { show: { source: ['inputItems'] } },
			description: 'Named in each signal (source.system) and part of its stable ID',
		},
		emitModeProperty(),
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: "The moment to detect for (default: now; without an offset: the workflow's time zone)",
		},
		{
			displayName: 'Detection',
			name: 'detection',
			type: 'collection',
			placeholder: 'Override',
			description: "Defaults are the signal taxonomy's detection parameters",
			default: {},
			options: byDisplayName(
				(Object.keys(DETECTION_FORM) as Array<keyof ExecDetectionConfig>).map((key) => {
					const { displayName, description, seniority } = DETECTION_FORM[key];
					const base = { displayName, name: key, noDataExpression: true, ...(description ? { description } : {}) };
					return seniority
						? ({ ...base, type: 'options', options: SENIORITY_CHOICES, default: tables.detection[key] } as INodeProperties)
						: ({ ...base, type: 'number', default: tables.detection[key] } as INodeProperties);
				}),
			),
		},
		{
			displayName: 'Extra Seniority Phrases (JSON)',
			name: 'seniorityTable',
			type: 'json',
			noDataExpression: true,
			default: '{}',
			description: 'Job-title phrases added to the shipped table, in its shape: {"levels": {"vp": {"phrases": ["directeur exécutif"]}}}',
		},
		...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { afterRetries: 'the run fails naming what was read', displayOptions: { show: { source: ['hubspot'] } } }),
	];
}
