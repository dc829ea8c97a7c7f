import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** HubSpot private-app access token (Bearer) with an overridable API base URL (proxies, EU, tests). */
export class CsHubSpotApi implements ICredentialType {
	name = 'csHubSpotApi';

	displayName = 'CS Signal OS: HubSpot API';

	icon: Icon = { light: 'file:csHubSpot.svg', dark: 'file:csHubSpot.dark.svg' };

	documentationUrl = 'https://developers.hubspot.com/docs/api/private-apps';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Private app access token (pat-…). Scopes: crm.objects.companies.read, crm.objects.deals.read, crm.objects.contacts.read (crm.objects.owners.read to load owners, crm.objects.tasks.write for task creation).',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'HubSpot API base URL. Change only for a proxy or a test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/crm/v3/objects/companies',
			qs: { limit: 1 },
		},
	};
}
