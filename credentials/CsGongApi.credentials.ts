import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Gong API: an access key and its secret (Basic auth), on the customer's own API host — Gong gives every
 * customer one (`https://us-12345.api.gong.io`, shown in Gong under Company settings → API).
 */
export class CsGongApi implements ICredentialType {
	name = 'csGongApi';

	displayName = 'CS Signal OS: Gong API';

	icon: Icon = { light: 'file:csGong.svg', dark: 'file:csGong.dark.svg' };

	documentationUrl = 'https://help.gong.io/docs/receive-access-to-the-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.gong.io',
			placeholder: 'https://us-12345.api.gong.io',
			description: 'Your Gong API host (Company settings → API). Change it also for a proxy or a test server.',
		},
		{
			displayName: 'Access Key',
			name: 'accessKey',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Access Key Secret',
			name: 'accessKeySecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Needs the scopes api:calls:read:basic, api:calls:read:extensive and api:calls:read:transcript',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.accessKey}}',
				password: '={{$credentials.accessKeySecret}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: "={{ ($credentials.baseUrl || 'https://api.gong.io').replace(/\\/+$/, '') }}",
			url: '/v2/users',
		},
	};
}
