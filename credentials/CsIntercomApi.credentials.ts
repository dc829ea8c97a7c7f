import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Intercom: an access token (Developer Hub → your app → Authentication), sent as `Authorization: Bearer …` with
 * `Intercom-Version: 2.14`. The host follows the workspace's data region (US, EU, Australia) unless overridden.
 */
export class CsIntercomApi implements ICredentialType {
	name = 'csIntercomApi';

	displayName = 'CS Signal OS: Intercom API';

	icon: Icon = { light: 'file:csIntercom.svg', dark: 'file:csIntercom.dark.svg' };

	documentationUrl = 'https://developers.intercom.com/docs/build-an-integration/learn-more/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The access token of your Intercom app (needs "Read conversations", "Read one user and one company" and "List all companies")',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Australia (api.au.intercom.io)', value: 'au' },
				{ name: 'Europe (api.eu.intercom.io)', value: 'eu' },
				{ name: 'United States (api.intercom.io)', value: 'us' },
			],
			default: 'us',
			description: 'Where your workspace is hosted',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			placeholder: 'abc12def',
			description: 'Optional: the ID in your Inbox address (app.intercom.com/a/inbox/{ID}/…), for links to each conversation in the evidence',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.intercom.io',
			description: "Leave empty to use the region's host. Set for a proxy or a test server.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Intercom-Version': '2.14',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				"={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : ({ us: 'https://api.intercom.io', eu: 'https://api.eu.intercom.io', au: 'https://api.au.intercom.io' })[$credentials.region || 'us'] }}",
			url: '/me',
		},
	};
}
