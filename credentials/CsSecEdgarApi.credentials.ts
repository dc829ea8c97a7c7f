import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * SEC EDGAR needs no key, but asks every automated tool to declare itself in the User-Agent: an organisation and
 * a contact e-mail ("Acme Corp CS Ops cs-ops@acme.com"). Requests without one get 403. The credential sends it on
 * every EDGAR request (the filing feed, the filing index and the filing document alike).
 */
export class CsSecEdgarApi implements ICredentialType {
	name = 'csSecEdgarApi';

	displayName = 'CS Signal OS: SEC EDGAR API';

	icon: Icon = { light: 'file:csSecEdgar.svg', dark: 'file:csSecEdgar.dark.svg' };

	documentationUrl = 'https://www.sec.gov/search-filings/edgar-search-assistance/accessing-edgar-data';

	properties: INodeProperties[] = [
		{
			displayName: 'User-Agent',
			name: 'userAgent',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Acme Corp CS Ops cs-ops@acme.com',
			description:
				'Your organisation and a contact e-mail, as SEC asks of automated tools (sec.gov fair-access policy). EDGAR answers 403 to requests without one; it is sent on every EDGAR request.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.sec.gov',
			description: 'SEC EDGAR base URL. Change only for a proxy or a test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'User-Agent': '={{$credentials.userAgent}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/cgi-bin/browse-edgar',
			qs: { action: 'getcurrent', type: '8-K', count: 1, output: 'atom' },
		},
	};
}
