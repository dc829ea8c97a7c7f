/**
 * The CS Email Signals form. Defaults come from the engine's tables: the field map from DEFAULT_EMAIL_FIELD_MAP
 * (labels from EMAIL_FIELD_LABELS), the thresholds from EMAIL_THRESHOLD_SPECS (the taxonomy's detection parameters),
 * the window from DEFAULT_EMAIL_WINDOW_DAYS, the Gmail host from GMAIL_DEFAULT_BASE_URL, the retries from
 * DEFAULT_RETRY_POLICY, the request timeout from DEFAULT_REQUEST_TIMEOUT_MS. Only labels and help texts live here.
 */
import type { INodeProperties } from 'n8n-workflow';
import { EMAIL_THRESHOLD_SPECS, type EmailThresholds } from '../../engine/detect/email';
import { DEFAULT_EMAIL_FIELD_MAP, EMAIL_FIELD_LABELS, type EmailFieldMap } from '../../engine/sources/email';
import { GMAIL_DEFAULT_BASE_URL } from '../../engine/sources/gmail';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { DEFAULT_EMAIL_WINDOW_DAYS } from '../../engine/sweeps';
import { accountMappingProperty, thresholdsProperty } from '../shared/conversation';
import { languageOptionsProperty } from '../shared/languageOptions';
import { byDisplayName } from '../shared/formOptions';
import { requestRetryFields } from '../shared/requestOptions';

export interface EmailFormTables {
	fieldMap: Readonly<EmailFieldMap>;
	windowDays: number;
	gmailBaseUrl: string;
	maxAttempts: number;
	requestTimeoutSeconds: number;
}

export function emailFormTables(): EmailFormTables {
	return {
		fieldMap: DEFAULT_EMAIL_FIELD_MAP,
		windowDays: DEFAULT_EMAIL_WINDOW_DAYS,
		gmailBaseUrl: GMAIL_DEFAULT_BASE_URL,
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000,
	};
}

const THRESHOLD_LABELS: Readonly<Record<keyof EmailThresholds, string>> = {
	responseWindowDays: 'Reply Time: Window (Days)',
	responseIncreasePct: 'Reply Time: Minimum Increase (%)',
	responseMinReplies: 'Reply Time: Minimum Replies',
	shorterWindowDays: 'Shorter Replies: Window (Days)',
	shorterDropPct: 'Shorter Replies: Minimum Drop (%)',
	shorterMinReplies: 'Shorter Replies: Minimum E-Mails per Window',
	silentDays: 'Silence: Days Without an E-Mail',
	engagedMinMessages: 'Silence: E-Mails That Make a Contact Engaged',
	engagedLookbackDays: 'Silence: Engaged Period (Days)',
	newStakeholderWindowDays: 'New Stakeholder: First Seen Within (Days)',
	newStakeholderMinMessages: 'New Stakeholder: Minimum Messages',
	sentimentWindowDays: 'Tone Shift: Window (Days)',
	sentimentMinDrop: 'Tone Shift: Minimum Drop',
	sentimentMinMessages: 'Tone Shift: Minimum E-Mails per Window',
	languageWindowDays: 'Language: E-Mails Within (Days)',
};

export function emailSignalsProperties(tables: EmailFormTables = emailFormTables()): INodeProperties[] {
	const { windowDays, gmailBaseUrl, maxAttempts, requestTimeoutSeconds } = tables;
	const mailbox = { show: { source: ['gmail', 'microsoftGraph'] } };
	const fieldMapping = (Object.entries(tables.fieldMap) as Array<[keyof EmailFieldMap, string]>).map(
		([key, path]): INodeProperties => ({
			displayName: EMAIL_FIELD_LABELS[key].label,
			name: key,
			type: 'string',
			noDataExpression: true,
			default: path,
			description: `Field holding ${EMAIL_FIELD_LABELS[key].holds}`,
		}),
	);
	return [
		{
			displayName: 'Source',
			name: 'source',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'From Input Items', value: 'inputItems', description: 'One item per e-mail message from any node (Gmail, Outlook, IMAP, a CSV)' },
				{ name: 'Gmail', value: 'gmail', description: 'A Gmail mailbox through n8n’s Gmail OAuth2 credential; remembers its cursor' },
				{ name: 'Microsoft Graph (Outlook)', value: 'microsoftGraph', description: 'An Outlook / Microsoft 365 mailbox through delta queries; remembers its delta links' },
			],
			default: 'inputItems',
		},
		{
			displayName: 'In a mailbox mode the input items may be Account items (CS CRM Signals): e-mails belong to the account whose domain the customer writes from',
			name: 'mailboxNotice',
			type: 'notice',
			default: '',
			displayOptions: mailbox,
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field Mapping',
			description: 'Which field of each e-mail item holds what (dot paths)',
			default: {},
			displayOptions: { show: { source: ['inputItems'] } },
			options: byDisplayName(fieldMapping),
		},
		{
			displayName: 'Mailbox',
			name: 'graphMailbox',
			type: 'string',
			noDataExpression: true,
			default: 'me',
			displayOptions: { show: { source: ['microsoftGraph'] } },
			description: '"me" for the signed-in user, or a user ID / principal name for a shared mailbox (needs Mail.Read.Shared)',
		},
		{
			displayName: 'Gmail Search',
			name: 'gmailQuery',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: '-category:promotions',
			displayOptions: { show: { source: ['gmail'] } },
			description: 'More Gmail search terms, combined with the time window (after:…)',
		},
		{
			displayName: 'Read Message Text',
			name: 'readText',
			type: 'boolean',
			noDataExpression: true,
			default: true,
			displayOptions: mailbox,
			description:
				'Whether to read the message text for the text detectors (tone shift, budget and cancellation language, shorter replies). Off: headers only (Gmail format=metadata): reply time, silence and new stakeholders. Text is read and dropped; only the quoted snippet of a triggering sentence is kept.',
		},
		{
			displayName: 'Mail Window (Days)',
			name: 'windowDays',
			type: 'number',
			noDataExpression: true,
			default: windowDays,
			typeOptions: { minValue: 1 },
			displayOptions: mailbox,
			description: 'The first run reads this many days of mail; every run keeps this many days of messages (without text) for baselines',
		},
		accountMappingProperty('E-Mail Domain', 'A customer e-mail domain (acme.com); wins over the accounts’ own domains'),
		{
			displayName: 'Your E-Mail Domains',
			name: 'vendorDomains',
			type: 'string',
			noDataExpression: true,
			default: '',
			placeholder: 'vendor.io, vendor.com',
			description: 'Comma-separated: messages from these domains are ours (the mailbox owner’s domain always is)',
		},
		languageOptionsProperty(),
		thresholdsProperty(EMAIL_THRESHOLD_SPECS, THRESHOLD_LABELS),
		{
			displayName: 'Connection',
			name: 'connection',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: mailbox,
			options: [
				{
					displayName: 'Gmail API Base URL',
					name: 'gmailBaseUrl',
					type: 'string',
					noDataExpression: true,
					default: gmailBaseUrl,
					description: 'Change only for a proxy or a test server (Microsoft Graph takes its host from the credential’s Graph API base URL)',
				},
				...requestRetryFields({ maxAttempts, requestTimeoutSeconds }, { retried: 'Rate-limited (429, Gmail’s 403 rateLimitExceeded) or failing (5xx) requests are retried with backoff, honouring Retry-After', afterRetries: 'the run fails and the cursor stays' }),
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
