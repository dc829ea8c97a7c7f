/**
 * The CS Support Signals form. Every default comes from the engine's tables: the field map from
 * DEFAULT_SUPPORT_FIELD_MAP (labels from SUPPORT_FIELD_LABELS, the names the error messages use), the
 * thresholds from defaultSupportThresholds() (the taxonomy's detection parameters), the Zendesk window from
 * DEFAULT_ZENDESK_WINDOW_DAYS, the retries from DEFAULT_RETRY_POLICY. Only the help texts live here.
 */
import type { INodeProperties } from 'n8n-workflow';
import {
	DEFAULT_SUPPORT_FIELD_MAP,
	DEFAULT_SUPPORT_SYSTEM,
	defaultSupportThresholds,
	SUPPORT_FIELD_LABELS,
	type SupportFieldMap,
	type SupportThresholds,
} from '../../engine/detect/support';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { DEFAULT_INTERCOM_ACCOUNT_KEY, DEFAULT_INTERCOM_PRIORITISED_AS, INTERCOM_ACCOUNT_KEYS, INTERCOM_PRIORITY_LEVELS, type IntercomAccountKey, type IntercomPriorityLevel } from '../../engine/sources/intercom';
import { DEFAULT_INTERCOM_WINDOW_DAYS, DEFAULT_ZENDESK_WINDOW_DAYS } from '../../engine/sweeps';
import { languageOptionsProperty } from '../shared/languageOptions';
import { byDisplayName, choices } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

/** The engine tables the form is built from (a test builds it from changed ones). */
export interface SupportFormTables {
	fieldMap: Readonly<SupportFieldMap>;
	thresholds: Readonly<SupportThresholds>;
	zendeskWindowDays: number;
	intercomWindowDays: number;
	intercomAccountKeys: readonly IntercomAccountKey[];
	intercomPriorityLevels: readonly IntercomPriorityLevel[];
	intercomPrioritisedAs: IntercomPriorityLevel;
	intercomAccountKey: IntercomAccountKey;
	maxAttempts: number;
	requestTimeoutSeconds: number;
	sourceSystem: string;
}

export function supportFormTables(): SupportFormTables {
	return {
		fieldMap: DEFAULT_SUPPORT_FIELD_MAP,
		thresholds: defaultSupportThresholds(),
		zendeskWindowDays: DEFAULT_ZENDESK_WINDOW_DAYS,
		intercomWindowDays: DEFAULT_INTERCOM_WINDOW_DAYS,
		intercomAccountKeys: INTERCOM_ACCOUNT_KEYS,
		intercomPriorityLevels: INTERCOM_PRIORITY_LEVELS,
		intercomPrioritisedAs: DEFAULT_INTERCOM_PRIORITISED_AS,
		intercomAccountKey: DEFAULT_INTERCOM_ACCOUNT_KEY,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
		sourceSystem: DEFAULT_SUPPORT_SYSTEM,
	};
}

/** What each mapped field means to the person filling in the form (the label is the engine's). */
const FIELD_HELP: Partial<Record<keyof SupportFieldMap, string>> = {
	accountKey: 'Field holding the account the ticket belongs to',
	createdAt: 'Field holding when the ticket was opened (ISO-8601)',
	priority: 'Field holding urgent, high, normal or low',
	resolutionMinutes: 'Field holding how many minutes the ticket took to resolve; without it, solved-at minus created-at is used',
	satisfactionScore: 'Field holding a good/bad rating or a 1–5 score',
	solvedAt: 'Field holding when the ticket was solved (ISO-8601)',
	status: 'Field holding new, open, pending, hold, solved or closed',
};

/** How each detection threshold is labelled and explained; the value is the engine's. */
const THRESHOLD_FORM: Readonly<Record<keyof SupportThresholds, { displayName: string; description?: string }>> = {
	ticketBurstMinTickets: { displayName: 'Burst: Minimum Tickets', description: 'Tickets within the burst window that make a burst' },
	ticketBurstWindowDays: { displayName: 'Burst: Window (Days)' },
	lowCsatMaxScore: { displayName: 'Low CSAT: Maximum Score (1–5)', description: 'Scores at or below this are low; a "bad" rating counts as 1' },
	ticketLookbackDays: {
		displayName: 'Per-Ticket Lookback (Days)',
		description: 'Urgent, low-CSAT and slow tickets older than this yield no signal (they still count toward the volume baseline)',
	},
	slowResolutionMaxHours: { displayName: 'Slow Resolution: Maximum Hours' },
	volumeSpikeBaselineDays: { displayName: 'Volume Spike: Baseline (Days)', description: "The period before the window that sets the account's normal volume" },
	volumeSpikeIncreasePct: { displayName: 'Volume Spike: Minimum Increase (%)' },
	volumeSpikeMinTickets: { displayName: 'Volume Spike: Minimum Tickets', description: 'Fewer tickets than this in the window is never a spike' },
	volumeSpikeWindowDays: { displayName: 'Volume Spike: Window (Days)' },
	repeatIssueMinTickets: { displayName: 'Repeat Issue: Minimum Tickets', description: 'Tickets about the same issue that make it a repeat' },
	repeatIssueWindowDays: { displayName: 'Repeat Issue: Window (Days)' },
	repeatIssueMinSharedWords: { displayName: 'Repeat Issue: Shared Topic Words', description: 'Topic words two subjects must share to be the same issue ("export" and "fail")' },
	repeatIssueMinGapDays: { displayName: 'Repeat Issue: Days Apart', description: 'Tickets this many days apart (or one opened after another was solved) make it an issue that came back, not duplicates of one incident' },
	frustrationWindowDays: { displayName: 'Frustration: Comments Within (Days)' },
	frustrationMinMentions: { displayName: 'Frustration: Minimum Sentences per Ticket' },
	slaFirstResponseHours: { displayName: 'SLA Breach: First Reply Limit (Hours)', description: 'Used only for tickets without SLA policy data' },
};

export function supportSignalsProperties(tables: SupportFormTables = supportFormTables()): INodeProperties[] {
	const { zendeskWindowDays, intercomWindowDays, intercomAccountKey, intercomPrioritisedAs, maxAttempts, requestTimeoutSeconds, sourceSystem } = tables;
	const fieldMapping = (Object.entries(tables.fieldMap) as Array<[keyof SupportFieldMap, string]>).map(
		([key, path]): INodeProperties => ({
			displayName: SUPPORT_FIELD_LABELS[key].label,
			name: key,
			type: 'string',
			noDataExpression: true,
			default: path,
			...(FIELD_HELP[key] ? { description: FIELD_HELP[key] } : {}),
		}),
	);
	const thresholds = (Object.entries(tables.thresholds) as Array<[keyof SupportThresholds, number]>).map(
		([key, value]): INodeProperties => ({
			displayName: THRESHOLD_FORM[key].displayName,
			name: key,
			type: 'number',
			noDataExpression: true,
			default: value,
			...(THRESHOLD_FORM[key].description ? { description: THRESHOLD_FORM[key].description } : {}),
		}),
	);
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'From Input Items',
					value: 'inputItems',
					description: "Zendesk-shaped ticket items from any upstream node (all of an account's tickets at once)",
				},
				{
					name: 'Intercom',
					value: 'intercom',
					description: 'Conversations changed since the last run (search on updated_at) with their parts; the account is the company of the contact',
				},
				{
					name: 'Zendesk',
					value: 'zendesk',
					description: 'Incremental ticket export with metric sets and satisfaction ratings; remembers its cursor, so each run reads only what changed',
				},
			],
			default: 'inputItems',
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field Mapping',
			description: "Which field of each ticket item holds what (dot paths such as satisfaction_rating.score). Defaults follow Zendesk's ticket JSON.",
			default: {},
			displayOptions: { show: { source: ['inputItems'] } },
			options: byDisplayName(fieldMapping),
		},
		{
			displayName: 'Ticket Window (Days)',
			name: 'zendeskWindowDays',
			type: 'number',
			noDataExpression: true,
			default: zendeskWindowDays,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { source: ['zendesk'] } },
			description:
				'The first run reads tickets changed in this many days; every run keeps this many days of tickets for baselines (cover the volume-spike baseline plus window)',
		},
		{
			displayName: 'Include Satisfaction Ratings',
			name: 'zendeskSatisfactionRatings',
			type: 'boolean',
			noDataExpression: true,
			default: true,
			displayOptions: { show: { source: ['zendesk'] } },
			description: 'Whether to read CSAT ratings (with comments) and merge them onto their tickets; needs an admin token',
		},
		{
			displayName: 'Read Comments',
			name: 'zendeskComments',
			type: 'boolean',
			noDataExpression: true,
			default: true,
			displayOptions: { show: { source: ['zendesk'] } },
			description: 'Whether to read the comments of changed tickets for frustration language (one request per ticket). The text is read and dropped: only the quoted sentence is kept.',
		},
		{
			displayName: 'Read SLA Breaches',
			name: 'zendeskSlaEvents',
			type: 'boolean',
			noDataExpression: true,
			default: true,
			displayOptions: { show: { source: ['zendesk'] } },
			description: 'Whether to read ticket metric events (SLA policies applied and breached); needs an admin token. Off: a late first reply counts as the breach.',
		},
		{
			displayName: 'Conversation Window (Days)',
			name: 'intercomWindowDays',
			type: 'number',
			noDataExpression: true,
			default: intercomWindowDays,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { source: ['intercom'] } },
			description:
				'The first run reads conversations changed in this many days; every run keeps this many days of conversations for baselines (cover the volume-spike baseline plus window)',
		},
		{
			displayName: 'Read Conversation Parts',
			name: 'intercomReadParts',
			type: 'boolean',
			noDataExpression: true,
			default: true,
			displayOptions: { show: { source: ['intercom'] } },
			description:
				"Whether to read each changed conversation with its parts (the customer's replies) for frustration and repeat-issue language (one request per conversation). The text is read and dropped: only the quoted sentence is kept.",
		},
		{
			displayName: 'Account Key',
			name: 'intercomAccountKey',
			type: 'options',
			noDataExpression: true,
			options: choices(tables.intercomAccountKeys, {
				company_id: { name: 'Company ID (Yours)', description: "The company_id you (or your CRM sync) gave the company: the CRM account ID" },
				id: { name: 'Intercom Company ID', description: "Intercom's own company id (map it to the CRM account below)" },
			}),
			default: intercomAccountKey,
			displayOptions: { show: { source: ['intercom'] } },
			description: "Which field of the contact's company names the account",
		},
		{
			displayName: 'Company → Account (JSON)',
			name: 'intercomCompanyAccounts',
			type: 'json',
			noDataExpression: true,
			default: '{}',
			displayOptions: { show: { source: ['intercom'] } },
			description: 'Optional: Intercom company ID or company_id → CRM account ID, for companies whose key is not the CRM ID, e.g. {"6762f0f31bb69f9f2193bb8c": "4511"}',
		},
		{
			displayName: 'Prioritised Conversations Count As',
			name: 'intercomPrioritisedAs',
			type: 'options',
			noDataExpression: true,
			options: choices(tables.intercomPriorityLevels, {
				high: { name: 'High', description: 'Prioritised, but no escalation by itself' },
				urgent: { name: 'Urgent (Escalation)', description: 'A prioritised conversation is an escalation (support.sev1_escalation)' },
			}),
			default: intercomPrioritisedAs,
			displayOptions: { show: { source: ['intercom'] } },
		},
		...requestRetryFields(
			{ maxAttempts, requestTimeoutSeconds },
			{
				retried: 'Rate-limited (429) or failing (5xx) requests are retried, honouring Retry-After (Intercom: X-RateLimit-Reset)',
				afterRetries: 'the run fails and the cursor stays where it was',
				displayOptions: { show: { source: ['zendesk', 'intercom'] } },
			},
		),
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: 'The moment to detect for (default: now). Tickets opened later are ignored, so past dates replay history.',
		},
		{
			displayName: 'Detection Thresholds',
			name: 'thresholds',
			type: 'collection',
			placeholder: 'Override Threshold',
			description: "Defaults are the signal taxonomy's detection parameters",
			default: {},
			options: byDisplayName(thresholds),
		},
		languageOptionsProperty(),
		{
			displayName: 'Source System Name',
			name: 'sourceSystem',
			type: 'string',
			noDataExpression: true,
			default: sourceSystem,
			displayOptions: { hide: { source: ['intercom'] } },
			description: 'Named as the source of every signal (part of the signal ID)',
		},
	];
}
