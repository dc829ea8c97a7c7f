import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Zendesk Support: API token (Basic `{email}/token:{token}`) or an OAuth access token (Bearer).
 * The base URL is `https://{subdomain}.zendesk.com` unless overridden (proxy, test server).
 */
export class CsZendeskApi implements ICredentialType {
	name = 'csZendeskApi';

	displayName = 'CS Signal OS: Zendesk API';

	icon: Icon = { light: 'file:csZendesk.svg', dark: 'file:csZendesk.dark.svg' };

	documentationUrl = 'https://developer.zendesk.com/api-reference/introduction/security-and-auth/';

	properties: INodeProperties[] = [
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'acme',
			description: 'The part before .zendesk.com in your Zendesk address',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://acme.zendesk.com',
			description: 'Leave empty to use https://{subdomain}.zendesk.com. Set for a proxy or a test server.',
		},
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'API Token', value: 'apiToken' },
				{ name: 'OAuth Access Token', value: 'oauthToken' },
			],
			default: 'apiToken',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { authType: ['apiToken'] } },
			description: 'The Zendesk agent or admin the API token belongs to',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['apiToken'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['oauthToken'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					"={{ $credentials.authType === 'oauthToken' ? 'Bearer ' + $credentials.accessToken : 'Basic ' + ($credentials.email + '/token:' + $credentials.apiToken).base64Encode() }}",
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : 'https://' + $credentials.subdomain + '.zendesk.com' }}",
			url: '/api/v2/users/me.json',
		},
	};
}
