/**
 * The CS Usage Signals form. Every default comes from the engine's tables: the field map from USAGE_FIELDS (the
 * labels the error messages use), the thresholds from defaultUsageThresholds() (the taxonomy's detection
 * parameters; their one-line explanations from USAGE_THRESHOLD_TABLE), the limits from DEFAULT_USAGE_LIMITS,
 * the Mixpanel event properties from MIXPANEL_MAPPING_DEFAULTS, the login names from DEFAULT_LOGIN_EVENTS, the
 * Pendo slice from DEFAULT_PENDO_DAYS_PER_REQUEST, the retries and timeout from DEFAULT_RETRY_POLICY and
 * DEFAULT_REQUEST_TIMEOUT_MS, the source systems
 * from USAGE_SOURCE_SYSTEMS. Only the labels and help texts live here.
 */
import type { INodeProperties } from 'n8n-workflow';
import {
	DEFAULT_LOGIN_EVENTS,
	DEFAULT_USAGE_LIMITS,
	defaultUsageThresholds,
	UNMAPPED_USAGE_ACCOUNT_POLICIES,
	USAGE_FIELDS,
	USAGE_ROW_KINDS,
	USAGE_THRESHOLD_TABLE,
	type UnmappedUsageAccountPolicy,
	type UsageFieldKey,
	type UsageLimits,
	type UsageRowKind,
	type UsageThresholdKey,
	type UsageThresholds,
} from '../../engine/detect/usage';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { MIXPANEL_MAPPING_DEFAULTS, type MixpanelMapping } from '../../engine/sources/mixpanel';
import { DEFAULT_PENDO_DAYS_PER_REQUEST, USAGE_SOURCE_SYSTEMS } from '../../engine/sweeps';
import { byDisplayName, choices } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

/** The node's modes (its `source` parameter), each with the source system its signals name. */
export const USAGE_MODES = ['inputItems', 'mixpanel', 'pendo'] as const;
export type UsageMode = (typeof USAGE_MODES)[number];

/** The engine tables the form is built from (a test builds it from changed ones). */
export interface UsageFormTables {
	fields: Readonly<Record<UsageFieldKey, { label: string; default: string }>>;
	thresholds: Readonly<UsageThresholds>;
	limits: Readonly<UsageLimits>;
	mixpanel: Readonly<MixpanelMapping>;
	loginEvents: readonly string[];
	pendoDaysPerRequest: number;
	maxAttempts: number;
	requestTimeoutSeconds: number;
	sourceSystems: Readonly<Record<UsageMode, string>>;
}

export function usageFormTables(): UsageFormTables {
	return {
		fields: USAGE_FIELDS,
		thresholds: defaultUsageThresholds(),
		limits: DEFAULT_USAGE_LIMITS,
		mixpanel: MIXPANEL_MAPPING_DEFAULTS,
		loginEvents: DEFAULT_LOGIN_EVENTS,
		pendoDaysPerRequest: DEFAULT_PENDO_DAYS_PER_REQUEST,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
		sourceSystems: USAGE_SOURCE_SYSTEMS,
	};
}

const MODE_LABELS: Readonly<Record<UsageMode, { name: string; description: string }>> = {
	inputItems: {
		name: 'From Input Items',
		description: 'Usage rows from any upstream node (Postgres, Snowflake, BigQuery, Sheets, a CSV): one row per event, or one per account and day',
	},
	mixpanel: {
		name: 'Mixpanel',
		description: "The raw event export, streamed line by line; each run reads only the days since the last one",
	},
	pendo: {
		name: 'Pendo',
		description: 'The aggregation API (Pendo groups events by account and day itself); each run reads only the days since the last one',
	},
};

const ROW_KIND_LABELS: Readonly<Record<UsageRowKind, { name: string; description: string }>> = {
	auto: { name: 'Decide per Row', description: 'A row with an event time is one event; a row with a day is one account-day' },
	event: { name: 'One Row per Event', description: 'Account, user, event name, feature and when it happened' },
	day: { name: 'One Row per Account and Day', description: 'Account, day, active users and/or events (and a feature)' },
};

const UNMAPPED_LABELS: Readonly<Record<UnmappedUsageAccountPolicy, { name: string; description: string }>> = {
	error: { name: 'Report Each Unknown Account', description: 'One error per unknown account key (with Continue On Fail: an error item each)' },
	ignore: { name: 'Count Them in the Run Summary', description: 'Trial and test accounts the CRM does not know are left out and counted' },
};

/** What each mapped field means to the person filling in the form (the label is the engine's). */
const FIELD_HELP: Readonly<Record<UsageFieldKey, string>> = {
	accountKey: "Field holding the account (the CRM account ID, or the product's own key translated through Account Key Field)",
	userId: 'Field holding who did it; without it, weekly active users are counted from events',
	event: 'Field holding the event name (logins and integrations are recognised by it)',
	feature: 'Field holding the feature or module (for adoption and module decline)',
	occurredAt: 'Field holding when it happened: ISO-8601 (without an offset: the workflow time zone) or epoch seconds/milliseconds',
	day: 'Field holding the day (YYYY-MM-DD) of a pre-aggregated row',
	activeUsers: "Field holding the day's number of active users of a pre-aggregated row",
	events: "Field holding the day's number of events of a pre-aggregated row",
};

/** How each detection threshold is labelled; its explanation is the engine's. */
const THRESHOLD_LABELS: Readonly<Record<UsageThresholdKey, string>> = {
	wauDropPct: 'WAU Drop: More Than (%)',
	wauWindowDays: 'WAU Drop: Week Length (Days)',
	usageDeclinePct: 'Usage Decline: At Least (%)',
	usageDeclineWindowDays: 'Usage Decline: Window (Days)',
	usageDeclineSpanDays: 'Usage Decline: Over (Days)',
	belowBaselineMinDays: 'Below Baseline: For At Least (Days)',
	belowBaselineDays: 'Below Baseline: Baseline (Days)',
	belowBaselinePct: 'Below Baseline: Under By (%)',
	belowBaselineMinHistoryDays: 'Below Baseline: History Needed (Days)',
	plateauMinFlatDays: 'Plateau: Flat For (Days)',
	plateauFlatBandPct: 'Plateau: Flat Within (±%)',
	plateauOnboardingDays: 'Plateau: Onboarding Length (Days)',
	seatUtilisationPct: 'Seat Utilisation: At Least (%)',
	seatWindowDays: 'Seats: Active Within (Days)',
	featureAdoptionMinUsers: 'Feature Adoption: Minimum Users',
	featureAdoptionWindowDays: 'Feature Adoption: Window (Days)',
	featureAdoptionPriorDays: 'Feature Adoption: History Needed (Days)',
	depthIncreasePct: 'Depth Increase: At Least (%)',
	depthWindowDays: 'Depth Increase: Window (Days)',
	moduleDeclinePct: 'Module Decline: At Least (%)',
	moduleDeclineWindowDays: 'Module Decline: Window (Days)',
	integrationSilentDays: 'Integration Silent: For (Days)',
	integrationBaselineDays: 'Integration Silent: Run-Up (Days)',
	integrationMinFiredDays: 'Integration Silent: Fired On (Days of the Run-Up)',
	loginDeclinePct: 'Login Decline: At Least (%)',
	loginDeclineWindowDays: 'Login Decline: Window (Days)',
	activationMaxPct: 'Low Activation: Under (% of Seats)',
	activationCheckDay: 'Low Activation: Checked on Day',
	minBaselineUsers: 'Noise Floor: Minimum Users',
	minBaselineEvents: 'Noise Floor: Minimum Events',
	minModuleEvents: 'Noise Floor: Minimum Module Events',
	minBaselineLogins: 'Noise Floor: Minimum Logins',
};

const LIMIT_LABELS: Readonly<Record<keyof UsageLimits, { displayName: string; description: string }>> = {
	maxAccounts: { displayName: 'Max Accounts', description: 'Usage of more accounts than this is counted apart (a user ID mapped as the account key would make millions)' },
	maxUsersPerAccount: { displayName: 'Max Users per Account', description: "Beyond it an account's events still count, its people are not tracked (the signals say so)" },
	maxFeaturesPerAccount: { displayName: 'Max Features per Account', description: 'Features beyond it count for the account, not on their own' },
	maxEventTypesPerAccount: { displayName: 'Max Event Types per Account', description: 'Event types beyond it are not watched for going silent' },
};

const MIXPANEL_LABELS: Readonly<Record<keyof MixpanelMapping, { displayName: string; description: string }>> = {
	accountProperty: {
		displayName: 'Account Property',
		description: 'Event property holding the account: your group key (e.g. company_id) or an account_id property; a list counts for each group',
	},
	userProperty: { displayName: 'User Property', description: "Event property holding the person (distinct_id; $user_id for identified users only)" },
	featureProperty: { displayName: 'Feature Property', description: 'Event property holding the feature or module, if your events carry one' },
};

export function usageSignalsProperties(tables: UsageFormTables = usageFormTables()): INodeProperties[] {
	const inputItems = { show: { source: ['inputItems'] } };
	const mixpanel = { show: { source: ['mixpanel'] } };
	const pendo = { show: { source: ['pendo'] } };
	const providers = { show: { source: ['mixpanel', 'pendo'] } };
	const { loginEvents, maxAttempts, requestTimeoutSeconds, pendoDaysPerRequest, sourceSystems } = tables;
	const fieldMapping = (Object.entries(tables.fields) as Array<[UsageFieldKey, { label: string; default: string }]>).map(
		([key, { label, default: fieldName }]): INodeProperties => ({ displayName: label, name: key, type: 'string', noDataExpression: true, default: fieldName, description: FIELD_HELP[key] }),
	);
	const thresholds = (Object.entries(tables.thresholds) as Array<[UsageThresholdKey, number]>).map(
		([key, value]): INodeProperties => ({ displayName: THRESHOLD_LABELS[key], name: key, type: 'number', noDataExpression: true, default: value, description: USAGE_THRESHOLD_TABLE[key].description }),
	);
	const limits = (Object.entries(tables.limits) as Array<[keyof UsageLimits, number]>).map(
		([key, value]): INodeProperties => ({ displayName: LIMIT_LABELS[key].displayName, name: key, type: 'number', noDataExpression: true, default: value, typeOptions: { minValue: 1 }, description: LIMIT_LABELS[key].description }),
	);
	const mixpanelProperties = (Object.entries(tables.mixpanel) as Array<[keyof MixpanelMapping, string]>).map(
		([key, value]): INodeProperties => ({
			displayName: MIXPANEL_LABELS[key].displayName,
			name: key,
			type: 'string',
			noDataExpression: true,
			default: value,
			description: MIXPANEL_LABELS[key].description,
			displayOptions: mixpanel,
		}),
	);
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: choices(USAGE_MODES, MODE_LABELS),
			default: 'inputItems',
		},
		{
			displayName:
				'Connect the rows (or, for Mixpanel and Pendo, the trigger) to the "Usage" input, and Account items — licensed seats, contract start — to the optional "Accounts" input.',
			name: 'inputsNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Row Kind',
			name: 'rowKind',
			type: 'options',
			noDataExpression: true,
			options: choices(USAGE_ROW_KINDS, ROW_KIND_LABELS),
			default: 'auto',
			displayOptions: inputItems,
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field Mapping',
			description: 'Which field of each row holds what (dot paths such as properties.account). Defaults are the canonical row names.',
			default: {},
			displayOptions: inputItems,
			options: byDisplayName(fieldMapping),
		},
		{
			displayName: 'Remember Counts Between Runs',
			name: 'carryState',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			displayOptions: inputItems,
			description:
				'Whether each run sends only the days since the last one (counts of earlier days are kept in the workflow, rows of days already counted are skipped). Off: every run sends the whole window.',
		},
		...mixpanelProperties,
		{
			displayName: 'Only These Events',
			name: 'mixpanelEvents',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'Report Exported, Dashboard Viewed, Logged In',
			displayOptions: mixpanel,
			description: 'Comma-separated event names to export (leave empty for all events)',
		},
		{
			displayName: 'Where',
			name: 'mixpanelWhere',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'properties["plan"] == "enterprise"',
			displayOptions: mixpanel,
			description: 'A Mixpanel segmentation expression the export filters events by',
		},
		{
			displayName: 'Usage per Feature',
			name: 'pendoByFeature',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			displayOptions: pendo,
			description: "Whether to also read each tagged feature's usage (a second aggregation; feature names from the subscription's feature list)",
		},
		{
			displayName: 'App ID',
			name: 'pendoAppId',
			type: 'string',
			noDataExpression: true,
			default: '',
			displayOptions: pendo,
			description: 'Only this app of a multi-app subscription (leave empty for all apps)',
		},
		{
			displayName: 'Account Key Field',
			name: 'accountKeyField',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'mixpanelCompanyId',
			description:
				"Field of each Account item holding the product's key for it (a Mixpanel group key, a Pendo account ID). Leave empty when usage already names CRM account IDs.",
		},
		{
			displayName: 'Unknown Accounts',
			name: 'unmappedAccounts',
			type: 'options',
			noDataExpression: true,
			options: choices(UNMAPPED_USAGE_ACCOUNT_POLICIES, UNMAPPED_LABELS),
			default: 'error',
			description: 'Usage of an account key that is neither mapped by Account Key Field nor a known account ID',
		},
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description:
				"The moment to detect for (default: now). Usage is counted up to the end of the day before (that day is not over yet); past dates replay history with nothing on or after them.",
		},
		{
			displayName: 'Detection Thresholds',
			name: 'thresholds',
			type: 'collection',
			placeholder: 'Override Threshold',
			description: "Defaults are the signal taxonomy's detection parameters (the seeds' numbers)",
			default: {},
			options: byDisplayName(thresholds),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: byDisplayName([
				{
					displayName: 'Login Events',
					name: 'loginEvents',
					type: 'string',
					noDataExpression: true,
					default: loginEvents.join(', '),
					description: 'Comma-separated event names that count as a login (compared without case or punctuation)',
				},
				{
					displayName: 'Integration Events',
					name: 'integrationEvents',
					type: 'string',
					noDataExpression: true,
					default: '',
					placeholder: 'CRM Sync, Webhook Delivered',
					description: 'Comma-separated events watched for going silent (leave empty: every event type, while the account is otherwise active)',
				},
				{
					displayName: 'Key Modules',
					name: 'keyModules',
					type: 'string',
					noDataExpression: true,
					default: '',
					placeholder: 'Reports, Billing',
					description: 'Comma-separated modules watched for a usage decline (leave empty for every module)',
				},
				{
					displayName: 'Source System Name',
					name: 'sourceSystem',
					type: 'string',
					noDataExpression: true,
					default: '',
					description: `Named as the source of every signal (part of the signal ID). Leave empty for the mode's own: ${USAGE_MODES.map((mode) => `"${sourceSystems[mode]}"`).join(', ')}.`,
				},
				...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { retried: 'Mixpanel and Pendo: rate-limited (429) or failing (5xx) requests are retried, honouring Retry-After', afterRetries: 'the run fails and nothing is stored', timeout: 'Mixpanel and Pendo: an attempt without an answer — or an export that stops sending — for this long fails and is retried' }),
				{
					displayName: 'Pendo Days per Request',
					name: 'pendoDaysPerRequest',
					type: 'number',
					noDataExpression: true,
					default: pendoDaysPerRequest,
					typeOptions: { minValue: 1 },
					description: 'A first Pendo run reads its whole window in slices of this many days',
				},
				...limits,
			]),
		},
		{
			displayName: 'Counts are kept in the workflow between runs; a change of thresholds or time zone recounts the whole window once.',
			name: 'stateNotice',
			type: 'notice',
			default: '',
			displayOptions: providers,
		},
	];
}
