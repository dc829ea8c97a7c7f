/**
 * The CS Slack Signals form. Defaults come from the engine's tables: the field map from DEFAULT_SLACK_FIELD_MAP
 * (labels from SLACK_FIELD_LABELS), the thresholds from SLACK_THRESHOLD_SPECS (the taxonomy's detection parameters),
 * the rate tiers from SLACK_RATE_TIERS, the window from DEFAULT_SLACK_WINDOW_DAYS, the business hours from
 * DEFAULT_BUSINESS_HOURS, the retries from DEFAULT_RETRY_POLICY, the request timeout from
 * DEFAULT_REQUEST_TIMEOUT_MS. Only labels and help texts live here.
 */
import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_BUSINESS_HOURS, SLACK_THRESHOLD_SPECS, type SlackThresholds } from '../../engine/detect/slack';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { DEFAULT_SLACK_FIELD_MAP, SLACK_DEFAULT_BASE_URL, SLACK_FIELD_LABELS, SLACK_RATE_TIERS, type SlackFieldMap, type SlackRateTier } from '../../engine/sources/slack';
import { DEFAULT_SLACK_WINDOW_DAYS } from '../../engine/sweeps';
import { accountMappingProperty, thresholdsProperty } from '../shared/conversation';
import { languageOptionsProperty } from '../shared/languageOptions';
import { byDisplayName } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

export interface SlackFormTables {
	fieldMap: Readonly<SlackFieldMap>;
	windowDays: number;
	tiers: Readonly<Record<SlackRateTier, { requestsPerMinute: number; pageSize: number; label: string }>>;
	baseUrl: string;
	maxAttempts: number;
	requestTimeoutSeconds: number;
	businessHours: { startHour: number; endHour: number };
}

export function slackFormTables(): SlackFormTables {
	return {
		fieldMap: DEFAULT_SLACK_FIELD_MAP,
		windowDays: DEFAULT_SLACK_WINDOW_DAYS,
		tiers: SLACK_RATE_TIERS,
		baseUrl: SLACK_DEFAULT_BASE_URL,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
		businessHours: { startHour: DEFAULT_BUSINESS_HOURS.startHour, endHour: DEFAULT_BUSINESS_HOURS.endHour },
	};
}

const THRESHOLD_LABELS: Readonly<Record<keyof SlackThresholds, string>> = {
	sentimentWindowDays: 'Negative Tone: Window (Days)',
	negativeMaxScore: 'Negative Tone: Maximum Mean Score',
	sentimentMinMessages: 'Negative Tone: Minimum Messages',
	languageWindowDays: 'Language: Messages Within (Days)',
	unansweredMaxBusinessHours: 'Unanswered Question: Business Hours',
	unansweredWindowDays: 'Unanswered Question: Asked Within (Days)',
	volumeWindowDays: 'Activity Drop: Window (Days)',
	volumeBaselineDays: 'Activity Drop: Baseline (Days)',
	volumeDropPct: 'Activity Drop: Minimum Drop (%)',
	volumeMinBaselineMessages: 'Activity Drop: Minimum Baseline Messages',
	newMembersWindowDays: 'New Members: Window (Days)',
	newMembersMin: 'New Members: Minimum New People',
};

export function slackSignalsProperties(tables: SlackFormTables = slackFormTables()): INodeProperties[] {
	const { windowDays, baseUrl, maxAttempts, requestTimeoutSeconds } = tables;
	const { startHour, endHour } = tables.businessHours;
	const tier3Rate = tables.tiers.tier3.requestsPerMinute;
	const slack = { show: { source: ['slack'] } };
	const fieldMapping = (Object.entries(tables.fieldMap) as Array<[keyof SlackFieldMap, string]>).map(
		([key, path]): INodeProperties => ({
			displayName: SLACK_FIELD_LABELS[key].label,
			name: key,
			type: 'string',
			noDataExpression: true,
			default: path,
			description: `Field holding ${SLACK_FIELD_LABELS[key].holds}`,
		}),
	);
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'From Input Items', value: 'inputItems', description: 'One item per Slack message from any node (n8n’s Slack node, a warehouse export)' },
				{ name: 'Slack', value: 'slack', description: 'The shared (Slack Connect) customer channels of the channel mapping; remembers each channel’s cursor' },
			],
			default: 'inputItems',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Access Token', value: 'accessToken' },
				{ name: 'OAuth2', value: 'oAuth2' },
			],
			default: 'accessToken',
			displayOptions: slack,
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field Mapping',
			description: 'Which field of each message item holds what (dot paths; Slack’s own names by default)',
			default: {},
			displayOptions: { show: { source: ['inputItems'] } },
			options: byDisplayName(fieldMapping),
		},
		{
			...accountMappingProperty('Channel ID', 'A shared customer channel (C0123ABC); in Slack mode only mapped channels are read'),
			displayName: 'Channel Mapping',
			description: 'Which shared channel belongs to which account',
		},
		{
			displayName: 'Your Slack Team ID',
			name: 'ourTeamId',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'T0123ABC',
			displayOptions: { show: { source: ['inputItems'] } },
			description: 'Raw Slack messages whose team is not this one are the customer’s (in Slack mode the token’s own team is used)',
		},
		{
			displayName: 'App Distribution (Rate Limit)',
			name: 'rateTier',
			type: 'options',
			noDataExpression: true,
			options: (Object.entries(tables.tiers) as Array<[SlackRateTier, { label: string }]>).map(([value, tier]) => ({ name: tier.label, value })),
			default: 'tier3',
			displayOptions: slack,
			description: 'Slack limits conversations.history and .replies by how the app is distributed; requests are spaced out to that rate',
		},
		{
			displayName: 'History Window (Days)',
			name: 'windowDays',
			type: 'number',
			noDataExpression: true,
			default: windowDays,
			typeOptions: { minValue: 1 },
			displayOptions: slack,
			description: 'The first run reads this many days of each channel; every run keeps this many days of messages (without text) for baselines',
		},
		{
			displayName: 'Business Hours',
			name: 'businessHours',
			type: 'collection',
			placeholder: 'Set Business Hours',
			default: {},
			description: 'For "unanswered past N business hours"; the workflow’s time zone applies',
			options: [
				{ displayName: 'Day Starts (Hour)', name: 'startHour', type: 'number', noDataExpression: true, default: startHour, typeOptions: { minValue: 0, maxValue: 23 } },
				{ displayName: 'Day Ends (Hour)', name: 'endHour', type: 'number', noDataExpression: true, default: endHour, typeOptions: { minValue: 1, maxValue: 24 } },
				{ displayName: 'Holidays', name: 'holidays', type: 'string', noDataExpression: true, default: '', placeholder: '2026-12-25, 2026-12-26', description: 'Comma-separated ISO dates' },
			],
		},
		languageOptionsProperty(),
		thresholdsProperty(SLACK_THRESHOLD_SPECS, THRESHOLD_LABELS),
		{
			displayName: 'Connection',
			name: 'connection',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: slack,
			options: [
				{ displayName: 'Slack API Base URL', name: 'baseUrl', type: 'string', noDataExpression: true, default: baseUrl, description: 'Change only for a proxy or a test server' },
				{
					displayName: 'Requests per Minute',
					name: 'requestsPerMinute',
					type: 'number',
					noDataExpression: true,
					default: tier3Rate,
					typeOptions: { minValue: 1 },
					description: 'Overrides the app distribution’s rate for history and replies (only if Slack granted you another)',
				},
				...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { retried: 'Rate-limited (429, ok:false ratelimited) or failing requests are retried, honouring Retry-After', afterRetries: 'the run fails and the cursors stay' }),
			],
		},
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: 'The moment to detect for (default: now); without an offset it is read in the workflow’s time zone',
		},
	];
}
