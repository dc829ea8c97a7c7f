import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_WEBHOOK_TICKET_WINDOW_DAYS, WEBHOOK_TRIGGER_PROVIDERS } from '../../engine/sweeps';
import { DEFAULT_WINDOW_MS } from '../../engine/webhooks';

/** The form's defaults, from the engine's tables (test/nodes/form-defaults.test.ts). */
export function signalTriggerFormTables() {
	return {
		providers: WEBHOOK_TRIGGER_PROVIDERS.map(({ value, name }) => ({ value, name })),
		replayWindowMinutes: DEFAULT_WINDOW_MS / 60_000,
		ticketWindowDays: DEFAULT_WEBHOOK_TICKET_WINDOW_DAYS,
	};
}

const { replayWindowMinutes, ticketWindowDays } = signalTriggerFormTables();
const generic = { show: { provider: ['generic'] } };

export function signalTriggerProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			noDataExpression: true,
			options: WEBHOOK_TRIGGER_PROVIDERS.map(({ value, name, secretName }) => ({ name, value, description: `Verified with the ${secretName}` })),
			default: 'zendesk',
			description: 'Who sends the webhooks. Each provider signs differently; a delivery that does not verify gets 401 and starts nothing.',
		},
		{
			displayName: 'Zendesk Webhook',
			name: 'zendeskRegistration',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { provider: ['zendesk'] } },
			options: [
				{ name: 'Register Automatically', value: 'automatic', description: 'On activation create the webhook and a ticket trigger in Zendesk (an admin API token), read its signing secret; remove both on deactivation' },
				{ name: 'Registered by Hand', value: 'manual', description: 'You created the webhook in Zendesk Admin Center: paste its signing secret in a Webhook Secret credential' },
			],
			default: 'automatic',
		},
		{
			displayName: 'Signed URL',
			name: 'signedUrl',
			type: 'string',
			default: '',
			displayOptions: { show: { provider: ['hubspotV3', 'generic'] } },
			placeholder: 'https://n8n.example.com/webhook/…',
			description: 'HubSpot signs the full URL it called. Leave empty to use this node’s production URL; set it when a proxy changes the address.',
		},
		{
			displayName: 'Allow Legacy HubSpot Signatures',
			name: 'allowLegacySignatures',
			type: 'boolean',
			default: false,
			displayOptions: { show: { provider: ['hubspotV3'] } },
			description: 'Whether to accept v1/v2 signatures when a request has no v3 one. They sign no time: a captured request would verify forever.',
		},
		{
			displayName: 'Replay Window (Minutes)',
			name: 'replayWindowMinutes',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: replayWindowMinutes,
			displayOptions: { show: { provider: ['zendesk', 'hubspotV3', 'slack', 'generic'] } },
			description: 'A delivery signed longer ago than this (or this far in the future) gets 401. Slack and HubSpot document 5 minutes.',
		},
		{
			displayName: 'Slack Channel Accounts',
			name: 'slackChannelAccounts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			displayOptions: { show: { provider: ['slack'] } },
			description: 'Which account each shared channel belongs to. Messages in other channels go to the Other Events output.',
			options: [
				{
					name: 'channel',
					displayName: 'Channel',
					values: [
						{ displayName: 'Channel ID', name: 'channelId', type: 'string', default: '', placeholder: 'C0123ABCD' },
						{ displayName: 'Account Key', name: 'accountKey', type: 'string', default: '', description: 'The account’s key, as the other sources name it' },
					],
				},
			],
		},
		{ displayName: 'Provider Name', name: 'genericName', type: 'string', default: '', displayOptions: generic, placeholder: 'Zoom' },
		{ displayName: 'Signature Header', name: 'genericSignatureHeader', type: 'string', default: '', required: true, displayOptions: generic, placeholder: 'x-zm-signature' },
		{
			displayName: 'Algorithm',
			name: 'genericAlgorithm',
			type: 'options',
			options: [
				{ name: 'HMAC-SHA256', value: 'sha256' },
				{ name: 'HMAC-SHA1', value: 'sha1' },
				{ name: 'HMAC-SHA512', value: 'sha512' },
			],
			default: 'sha256',
			displayOptions: generic,
		},
		{
			displayName: 'Encoding',
			name: 'genericEncoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'hex',
			displayOptions: generic,
		},
		{ displayName: 'Signature Prefix', name: 'genericPrefix', type: 'string', default: '', displayOptions: generic, placeholder: 'v0=' },
		{ displayName: 'Timestamp Header', name: 'genericTimestampHeader', type: 'string', default: '', displayOptions: generic, placeholder: 'x-zm-request-timestamp' },
		{
			displayName: 'Signed Content',
			name: 'genericSignedContent',
			type: 'string',
			default: '',
			displayOptions: generic,
			placeholder: 'v0:{timestamp}:{body}',
			description: 'What is signed, e.g. v0:{timestamp}:{body}. Placeholders: timestamp, body, method and the called URL, each in braces in lower case. Empty: {timestamp}{body} with a timestamp header, else {body}.',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Ticket Window (Days)',
					name: 'ticketWindowDays',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: ticketWindowDays,
					description: 'Zendesk and Intercom: how many days of tickets are kept for the support detectors (volume spikes need the baseline)',
				},
				{
					displayName: 'Slack Team User IDs',
					name: 'slackTeamUserIds',
					type: 'string',
					default: '',
					placeholder: 'U01AVAL, U02MAYA',
					description: 'Slack: comma-separated user IDs of your own team; their messages are not read as the customer’s',
				},
			],
		},
	];
}
