import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Pendo integration key (`x-pendo-integration-key`) for the Aggregation API. The host follows the subscription's
 * data centre unless overridden (proxy, test server); the test request lists the subscription's pages.
 */
export class CsPendoApi implements ICredentialType {
	name = 'csPendoApi';

	displayName = 'CS Signal OS: Pendo API';

	icon: Icon = { light: 'file:csPendo.svg', dark: 'file:csPendo.dark.svg' };

	documentationUrl = 'https://engageapi.pendo.io/';

	properties: INodeProperties[] = [
		{
			displayName: 'Integration Key',
			name: 'integrationKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Settings → Integrations → Integration Keys (an admin creates it; read access is enough)',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US (app.pendo.io)', value: 'us' },
				{ name: 'US1 (us1.app.pendo.io)', value: 'us1' },
				{ name: 'EU (app.eu.pendo.io)', value: 'eu' },
				{ name: 'Japan (app.jpn.pendo.io)', value: 'jpn' },
				{ name: 'Australia (app.au.pendo.io)', value: 'au' },
			],
			default: 'us',
			description: 'The data centre of your subscription: a key works only on its own region\'s host',
		},
		{
			displayName: 'Subscription Time Zone',
			name: 'subscriptionTimezone',
			type: 'string',
			default: 'UTC',
			placeholder: 'America/New_York',
			description: "Settings → Subscription Settings: Pendo's days start at midnight there, so usage is counted in it",
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://app.eu.pendo.io',
			description: "Leave empty to use the region's host. Set for a proxy or a test server.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-pendo-integration-key': '={{ $credentials.integrationKey }}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				"={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : $credentials.region === 'eu' ? 'https://app.eu.pendo.io' : $credentials.region === 'us1' ? 'https://us1.app.pendo.io' : $credentials.region === 'jpn' ? 'https://app.jpn.pendo.io' : $credentials.region === 'au' ? 'https://app.au.pendo.io' : 'https://app.pendo.io' }}",
			url: '/api/v1/page',
		},
	};
}
