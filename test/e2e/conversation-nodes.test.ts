/**
 * CS Email Signals and CS Slack Signals in a real n8n 2.41, through n8n's OWN credential types — gmailOAuth2,
 * microsoftOutlookOAuth2Api (valid, unexpired tokens: nothing is refreshed) and slackApi — on the providers' real
 * hosts (gmail.googleapis.com, graph.microsoft.com, slack.com) reached through the routing proxy. Asserts the
 * signals each node emits, the Authorization header the fakes received, the cursors n8n kept in static data
 * between two processes (the second run asks only for what is new), and that no request was refused.
 */
import { startE2eEnvironment, type E2eEnvironment } from './n8n';
import { demoOAuth2 } from '../../demo/sandbox';
import { exchange } from '../fixtures/conversations/email';
import { gmailMailbox, graphMailbox } from '../fixtures/conversations/mailbox';
import { customer } from '../fixtures/conversations/slack';
import { slackChannel } from '../fixtures/conversations/slack-channel';

const AS_OF = '2026-11-20T12:00:00Z';
const MAIL = [
	...exchange('a', '2026-09-25T09:00:00Z', 4),
	...exchange('b', '2026-10-05T09:00:00Z', 6),
	...exchange('c', '2026-10-28T09:00:00Z', 10),
	...exchange('d', '2026-11-10T09:00:00Z', 10, { text: 'Thanks. We need to justify the cost before renewal.' }),
];
const SLACK_TOKEN = 'xoxb-e2e-slack-token-7788';
const dataset = {
	now: AS_OF,
	tokens: { slack: SLACK_TOKEN },
	gmail: gmailMailbox(MAIL),
	graph: graphMailbox(MAIL),
	slack: slackChannel([customer('2026-11-19T15:00:00Z', 'This is unacceptable, please escalate to your manager.', { channelId: 'C0ACME01' })], { id: 'C0ACME01', name: 'acme-shared' }),
};

const CREDENTIALS = [
	{ id: 'e2eGmail00000001', name: 'Gmail (CS mailbox)', type: 'gmailOAuth2', data: demoOAuth2('ya29.e2e-gmail-token-1234', 'https://www.googleapis.com/auth/gmail.readonly') },
	{ id: 'e2eOutlook000001', name: 'Outlook (CS mailbox)', type: 'microsoftOutlookOAuth2Api', data: demoOAuth2('eyJ0.e2e-graph-token-5678', 'Mail.Read offline_access') },
	{ id: 'e2eSlack00000001', name: 'Slack bot', type: 'slackApi', data: { accessToken: SLACK_TOKEN } },
];
const ACCOUNT = { accountId: 'acme', name: 'Acme Corp', domain: 'acme.com', arr: 1 };
const P = 'n8n-nodes-cs-signal-os.';

const WORKFLOW = {
	id: 'csE2eConversation',
	name: 'CS Signal OS — e2e conversation sources',
	active: false,
	settings: { executionOrder: 'v1', timezone: 'UTC' },
	connections: {
		'Run now (testing)': { main: [[{ node: 'Accounts', type: 'main', index: 0 }, { node: 'Slack channels', type: 'main', index: 0 }]] },
		Accounts: { main: [[{ node: 'Gmail', type: 'main', index: 0 }, { node: 'Outlook', type: 'main', index: 0 }]] },
	},
	nodes: [
		{ id: '6c3f4a1e-0000-4000-8000-000000000001', name: 'Run now (testing)', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: '6c3f4a1e-0000-4000-8000-000000000002',
			name: 'Accounts',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(ACCOUNT), options: {} },
		},
		{
			id: '6c3f4a1e-0000-4000-8000-000000000003',
			name: 'Gmail',
			type: `${P}csEmailSignals`,
			typeVersion: 1,
			position: [440, -120],
			parameters: { source: 'gmail', asOf: AS_OF },
			credentials: { gmailOAuth2: { id: 'e2eGmail00000001', name: 'Gmail (CS mailbox)' } },
		},
		{
			id: '6c3f4a1e-0000-4000-8000-000000000004',
			name: 'Outlook',
			type: `${P}csEmailSignals`,
			typeVersion: 1,
			position: [440, 120],
			parameters: { source: 'microsoftGraph', asOf: AS_OF },
			credentials: { microsoftOutlookOAuth2Api: { id: 'e2eOutlook000001', name: 'Outlook (CS mailbox)' } },
		},
		{
			id: '6c3f4a1e-0000-4000-8000-000000000005',
			name: 'Slack channels',
			type: `${P}csSlackSignals`,
			typeVersion: 1,
			position: [220, 240],
			parameters: { source: 'slack', asOf: AS_OF, accountMapping: { rows: [{ from: 'C0ACME01', accountId: 'acme', accountName: 'Acme Corp' }] } },
			credentials: { slackApi: { id: 'e2eSlack00000001', name: 'Slack bot' } },
		},
	],
};

let env: E2eEnvironment;
beforeAll(async () => {
	env = await startE2eEnvironment({ dataset });
	await env.importCredentials(CREDENTIALS);
	await env.importWorkflow(WORKFLOW);
});
afterAll(async () => {
	await env?.close();
});

const BUDGET = 'Dana Kim (Acme Corp) wrote on 10 Nov: "We need to justify the cost before renewal."';

describe('conversation source nodes in n8n with n8n’s own credentials', () => {
	it('Gmail, Microsoft Graph and Slack: signals on the real hosts, signed by n8n’s OAuth2 and token credentials', async () => {
		const result = await env.execute(WORKFLOW.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items('Gmail').map((s) => [s.type, s.evidence])).toEqual([
			['email.budget_language', BUDGET],
			['email.response_time_degrading', 'Customer reply time up 100%: median 10 hours over the 30 days to 2026-11-20 (2 replies) vs 5 hours over the 30 days before (2 replies)'],
		]);
		expect(result.items('Outlook').map((s) => s.type)).toEqual(['email.budget_language', 'email.response_time_degrading']);
		expect(result.items('Slack channels').map((s) => [s.type, s.evidence])).toEqual([
			['slack.escalation_language', 'Dana Kim (Acme Corp) in #acme-shared on 19 Nov: "This is unacceptable, please escalate to your manager."'],
		]);

		const gmail = await env.fakes.requests('gmail');
		expect([...new Set(gmail.map((r) => r.host))]).toEqual(['gmail.googleapis.com']);
		expect(gmail[0].headers.authorization).toBe('Bearer ***1234');
		const graph = await env.fakes.requests('graph');
		expect([...new Set(graph.map((r) => r.host))]).toEqual(['graph.microsoft.com']);
		expect(graph[0].headers.authorization).toBe('Bearer ***5678');
		const slack = await env.fakes.requests('slack');
		expect(slack.map((r) => r.path)).toEqual(['/api/auth.test', '/api/conversations.info', '/api/conversations.history']);
		expect(slack[0].headers.authorization).toBe('Bearer ***7788');
	});

	it('a second n8n process reads only what is new: the cursors were kept in the workflow’s static data', async () => {
		await env.fakes.reset();
		const result = await env.execute(WORKFLOW.id);
		expect(result.status).toBe('success');
		expect((await env.fakes.requests('gmail')).find((r) => r.path === '/gmail/v1/users/me/threads')!.query.q).toBe(`after:${Date.parse('2026-11-20T11:00:00Z') / 1000}`);
		expect((await env.fakes.requests('graph')).filter((r) => r.path.endsWith('/delta')).every((r) => r.query.$deltatoken)).toBe(true);
		expect((await env.fakes.requests('slack')).find((r) => r.path === '/api/conversations.history')!.query.oldest).toBe(`${Date.parse('2026-11-19T15:00:00Z') / 1000}.000000`);
		// the budget sentence is still known (kept analysis), with the same signal id
		expect(result.items('Gmail').map((s) => s.type)).toContain('email.budget_language');
	});

	it('no request tried to leave the machine: the routing proxy refused none (no token refresh either)', async () => {
		expect(await env.fakes.refused()).toEqual([]);
	});
});
