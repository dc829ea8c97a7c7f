import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The secret a provider signs its webhook deliveries with, for CS Signal Trigger: Zendesk's webhook signing secret
 * (when the webhook is registered by hand), HubSpot's app client secret, Slack's app signing secret, Intercom's app
 * client secret, Segment's shared secret, the clientState of a Microsoft Graph subscription, or a generic HMAC
 * secret. It only verifies what arrives: nothing is sent with it, so its test (CS Signal Trigger, testedBy) checks only that a secret is set.
 */
export class CsWebhookSecretApi implements ICredentialType {
	name = 'csWebhookSecretApi';

	displayName = 'CS Signal OS: Webhook Secret API';

	icon: Icon = { light: 'file:csWebhookSecret.svg', dark: 'file:csWebhookSecret.dark.svg' };

	documentationUrl = 'https://github.com/cs-signal-os/n8n-nodes-cs-signal-os/blob/main/workflows/real-time-signal.README.md#which-secret-goes-where';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Zendesk: the webhook signing secret. HubSpot: the app client secret. Slack: the app signing secret. Intercom: the app client secret. Segment: the shared secret. Microsoft Graph: the subscription clientState. Generic: the HMAC secret.',
		},
	];
}
