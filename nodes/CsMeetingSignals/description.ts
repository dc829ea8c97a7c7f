/**
 * The CS Meeting Signals form. Defaults come from the engine's tables: the field map from
 * DEFAULT_MEETING_FIELD_MAP (labels from MEETING_FIELD_LABELS), the thresholds from MEETING_THRESHOLD_SPECS (the
 * taxonomy's detection parameters), the Gong window from DEFAULT_GONG_WINDOW_DAYS, the CRM object and field from
 * the Gong mapping's defaults, the retries from DEFAULT_RETRY_POLICY, the request timeout from DEFAULT_REQUEST_TIMEOUT_MS. Only labels and help texts live here.
 */
import type { INodeProperties } from 'n8n-workflow';
import { MEETING_THRESHOLD_SPECS, type MeetingThresholds } from '../../engine/detect/meetings';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { DEFAULT_GONG_ACCOUNT_ID_FIELD, DEFAULT_GONG_CRM_OBJECT_TYPE } from '../../engine/sources/gong';
import { DEFAULT_MEETING_FIELD_MAP, MEETING_FIELD_LABELS, type MeetingFieldMap } from '../../engine/sources/transcripts';
import { DEFAULT_GONG_WINDOW_DAYS } from '../../engine/sweeps';
import { accountMappingProperty, thresholdsProperty } from '../shared/conversation';
import { languageOptionsProperty } from '../shared/languageOptions';
import { byDisplayName } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

export interface MeetingFormTables {
	fieldMap: Readonly<MeetingFieldMap>;
	gongWindowDays: number;
	crmObjectType: string;
	accountIdField: string;
	maxAttempts: number;
	requestTimeoutSeconds: number;
}

export function meetingFormTables(): MeetingFormTables {
	return {
		fieldMap: DEFAULT_MEETING_FIELD_MAP,
		gongWindowDays: DEFAULT_GONG_WINDOW_DAYS,
		crmObjectType: DEFAULT_GONG_CRM_OBJECT_TYPE,
		accountIdField: DEFAULT_GONG_ACCOUNT_ID_FIELD,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
	};
}

const THRESHOLD_LABELS: Readonly<Record<keyof MeetingThresholds, string>> = {
	sentimentDeclineCalls: 'Sentiment Decline: Consecutive Calls',
	sentimentDeclineMinDrop: 'Sentiment Decline: Minimum Drop',
	sentimentLookbackDays: 'Sentiment Decline: Latest Call Within (Days)',
	execWindowDays: 'Champion / Exec Attendance: Window (Days)',
	execParticipationDropPct: 'Champion / Exec Attendance: Minimum Drop (%)',
	execMissedMeetings: 'Champion / Exec Attendance: Missed Meetings in a Row',
	minPriorMeetings: 'Minimum Meetings Before a Drop Counts',
	cadenceWindowDays: 'Cadence: Window (Days)',
	cadenceDropPct: 'Cadence: Minimum Drop (%)',
	minCancelledMeetings: 'Cancellations: Minimum Cancelled Meetings',
	cancelledSharePct: 'Cancellations: Minimum Share (%)',
	languageWindowDays: 'Language: Calls Within (Days)',
	minMentions: 'Language: Minimum Mentions per Call',
	championMinSentiment: 'Champion Positive: Minimum Sentiment',
	newStakeholderWindowDays: 'New Stakeholder: First Seen Within (Days)',
	newStakeholderLookbackDays: 'New Stakeholder: Not Seen in the (Days) Before',
};

export function meetingSignalsProperties(tables: MeetingFormTables = meetingFormTables()): INodeProperties[] {
	const { gongWindowDays, crmObjectType, accountIdField, maxAttempts, requestTimeoutSeconds } = tables;
	const gong = { show: { source: ['gong'] } };
	const fieldMapping = (Object.entries(tables.fieldMap) as Array<[keyof MeetingFieldMap, string]>).map(
		([key, path]): INodeProperties => ({
			displayName: MEETING_FIELD_LABELS[key].label,
			name: key,
			type: 'string',
			noDataExpression: true,
			default: path,
			description: `Field holding ${MEETING_FIELD_LABELS[key].holds}`,
		}),
	);
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'From Input Items', value: 'inputItems', description: 'One item per meeting, transcript in WebVTT or speaker-turn JSON from any tool (Zoom, Fireflies, Otter, a Drive file)' },
				{ name: 'Gong', value: 'gong', description: 'Calls, parties, CRM context and transcripts; remembers its cursor, so each run reads only new calls' },
			],
			default: 'inputItems',
		},
		{
			displayName: 'In Gong mode the input items may be Account items (CS CRM Signals): their domains and contacts map calls to accounts and name the champions and sponsors',
			name: 'gongNotice',
			type: 'notice',
			default: '',
			displayOptions: gong,
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field Mapping',
			description: 'Which field of each meeting item holds what (dot paths)',
			default: {},
			displayOptions: { show: { source: ['inputItems'] } },
			options: byDisplayName(fieldMapping),
		},
		{
			displayName: 'Read Transcripts',
			name: 'gongTranscripts',
			type: 'boolean',
			noDataExpression: true,
			default: true,
			displayOptions: gong,
			description: 'Whether to read transcripts (tone, budget, competitor, cancellation and expansion language, champion sentiment). Off: attendance, cadence and new stakeholders only. Transcript text is read and dropped: only the quoted snippet of a triggering sentence is kept.',
		},
		{
			displayName: 'Call Window (Days)',
			name: 'gongWindowDays',
			type: 'number',
			noDataExpression: true,
			default: gongWindowDays,
			typeOptions: { minValue: 1 },
			displayOptions: gong,
			description: 'The first run reads the calls of this many days; every run keeps this many days of calls (without transcripts) for attendance and cadence baselines',
		},
		{
			displayName: 'CRM Object With the Account',
			name: 'gongCrmObjectType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Account', value: 'Account' },
				{ name: 'Opportunity', value: 'Opportunity' },
			],
			default: crmObjectType,
			displayOptions: gong,
			description: 'Which CRM record in the call’s Gong context names the account',
		},
		{
			displayName: 'Account ID From',
			name: 'gongAccountIdField',
			type: 'string',
			noDataExpression: true,
			default: accountIdField,
			displayOptions: gong,
			description: '"objectId" (the CRM record’s ID) or the name of a field of that record holding your account ID',
		},
		{
			displayName: 'Calls Without an Account',
			name: 'gongUnmappedCalls',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Skip', value: 'skip', description: 'External calls no account is found for are left out' },
				{ name: 'Report as Errors', value: 'error', description: 'Each one fails the node (or, with Continue On Fail, becomes an error item) naming the call and how to map it' },
			],
			default: 'skip',
			displayOptions: gong,
		},
		accountMappingProperty('CRM ID or E-Mail Domain', 'A CRM record id from Gong’s context, or a customer e-mail domain (acme.com)'),
		{
			displayName: 'Your Company',
			name: 'vendor',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Name', name: 'vendorName', type: 'string', noDataExpression: true, default: '', description: 'Shown for your own speakers in evidence' },
				{ displayName: 'E-Mail Domains', name: 'vendorDomains', type: 'string', noDataExpression: true, default: '', placeholder: 'vendor.io', description: 'Comma-separated; participants with these domains are your side (their words never count)' },
			],
		},
		languageOptionsProperty([
			{
				displayName: 'Unknown Speakers Are Customers',
				name: 'unknownSpeakersAreCustomer',
				type: 'boolean',
				noDataExpression: true,
				default: false,
				description: 'Whether transcript speakers matching no participant count as the customer’s (transcripts without participant lists)',
			},
		]),
		thresholdsProperty(MEETING_THRESHOLD_SPECS, THRESHOLD_LABELS),
		...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { afterRetries: 'the run fails; Gong’s daily quota fails it at once, and the cursor stays where it was', displayOptions: gong }),
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
