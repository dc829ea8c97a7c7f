import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Mixpanel service account (HTTP Basic `username:secret`) for the Raw Event Export. The export host follows the
 * project's data residency (data / data-eu / data-in .mixpanel.com) unless overridden (proxy, test server); the
 * test request is Mixpanel's documented service-account check, `GET /api/app/me` on the region's app host.
 */
export class CsMixpanelApi implements ICredentialType {
	name = 'csMixpanelApi';

	displayName = 'CS Signal OS: Mixpanel API';

	icon: Icon = { light: 'file:csMixpanel.svg', dark: 'file:csMixpanel.dark.svg' };

	documentationUrl = 'https://developer.mixpanel.com/reference/service-accounts';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Account Username',
			name: 'username',
			type: 'string',
			default: '',
			placeholder: 'cs-signal-os.1a2b3c.mp-service-account',
			description: 'Organization Settings → Service Accounts; the account needs at least the Consumer role on the project',
		},
		{
			displayName: 'Service Account Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			placeholder: '2195193',
			description: 'Project Settings → Overview → Project ID',
		},
		{
			displayName: 'Data Residency',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'US (data.mixpanel.com)', value: 'us' },
				{ name: 'EU (data-eu.mixpanel.com)', value: 'eu' },
				{ name: 'India (data-in.mixpanel.com)', value: 'in' },
			],
			default: 'us',
		},
		{
			displayName: 'Project Time Zone',
			name: 'projectTimezone',
			type: 'string',
			default: 'UTC',
			placeholder: 'UTC',
			description:
				"The days Mixpanel's export is asked for, and usage is counted in: UTC for projects created since 2023, otherwise the project's own time zone (Project Settings → Overview)",
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://data-eu.mixpanel.com',
			description: "Leave empty to use the data-residency host. Set for a proxy or a test server (it then serves the export and the credential check's /api/app/me).",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: "={{ 'Basic ' + ($credentials.username + ':' + $credentials.secret).base64Encode() }}",
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				"={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : $credentials.region === 'eu' ? 'https://eu.mixpanel.com' : $credentials.region === 'in' ? 'https://in.mixpanel.com' : 'https://mixpanel.com' }}",
			url: '/api/app/me',
		},
	};
}
