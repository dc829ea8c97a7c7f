/**
 * Privacy through the n8n harness, for every node that reads what customers say: a canary sentence planted in the
 * middle of a long transcript, e-mail (body and quoted history), Slack history and ticket comment appears in no
 * output item of the node, in none of its static data and in no error — only the quoted snippet of a triggering
 * sentence leaves, cut to the snippet length.
 */
import { itemsInto, runWorkflow, type RunResult } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { GONG_DANA, GONG_SAM, gongCall } from '../fixtures/conversations/gong';
import { exchange } from '../fixtures/conversations/email';
import { gmailMailbox, graphMailbox } from '../fixtures/conversations/mailbox';
import { customer, vendor } from '../fixtures/conversations/slack';
import { slackChannel } from '../fixtures/conversations/slack-channel';

const AS_OF = '2026-11-20T12:00:00Z';
const CANARY = 'The orange giraffe keeps its passport in the blue filing cabinet near the window.';
const CANARY_WORDS = ['orange giraffe', 'passport', 'filing cabinet'];
const TRIGGER =
	'After a long discussion with the wider leadership group about every tool we pay for this year, we need to justify the cost before renewal, ' +
	'line by line, with numbers, for the board pack that the finance team sends to the group at the end of the quarter.';
const FILLER = ['Let me share my screen so we can walk through the setup.', 'The report runs every Monday morning.', 'We moved the data team under operations last month.', 'Our fiscal year starts in April.'];
const filler = (n: number) => Array.from({ length: n }, (_, i) => FILLER[i % FILLER.length]);
/** A long text with the canary and the (long) trigger in its middle. */
const LONG = [...filler(30), CANARY, TRIGGER, ...filler(30)].join(' ');

/** Everything the node under test produced: its items (json and errors), static data and the run's error. */
function everything(result: RunResult): string {
	const items = (() => {
		try {
			return result.items('Node');
		} catch {
			return [];
		}
	})();
	const error = result.error('Node') as (Error & { description?: string; context?: unknown }) | undefined;
	return JSON.stringify({ items, staticData: result.staticData, error: error ? { message: error.message, description: error.description, context: error.context } : null });
}

function expectNoText(result: RunResult, { signals = true } = {}): string {
	const text = everything(result);
	for (const fragment of [CANARY, ...CANARY_WORDS, TRIGGER, 'After a long discussion', 'finance team sends to the group']) expect(text).not.toContain(fragment);
	if (signals) expect(result.output('Node').length).toBeGreaterThan(0);
	return text;
}

const dataset = {
	now: AS_OF,
	tokens: {},
	gong: { calls: [gongCall('g1', '2026-11-12T15:00:00Z', [GONG_DANA, GONG_SAM], [...filler(20).map((t): [string, string] => ['Dana Kim', t]), ['Dana Kim', CANARY], ['Dana Kim', TRIGGER], ...filler(20).map((t): [string, string] => ['Sam Ortiz', t])])] },
	gmail: gmailMailbox([...exchange('a', '2026-11-10T09:00:00Z', 4, { text: `${LONG}\n\nOn Mon, 9 Nov 2026, Sam <sam@vendor.io> wrote:\n> ${CANARY}` })]),
	graph: graphMailbox([...exchange('a', '2026-11-10T09:00:00Z', 4, { text: LONG })]),
	slack: slackChannel(
		[
			...filler(12).map((t, i) => customer(`2026-11-1${i % 9}T0${(i % 8) + 1}:00:00Z`, t, { channelId: 'C0ACME', user: `U0C${i}` })),
			customer('2026-11-18T10:00:00Z', CANARY, { channelId: 'C0ACME' }),
			customer('2026-11-18T10:05:00Z', `${TRIGGER} This is unacceptable.`, { channelId: 'C0ACME' }),
			vendor('2026-11-19T09:00:00Z', CANARY, { channelId: 'C0ACME' }),
		],
		{ id: 'C0ACME', name: 'acme-shared' },
	),
	zendesk: {
		subdomain: 'acme',
		organizations: [{ id: 509974, name: 'Acme Corp' }],
		tickets: [{ id: 21, organization_id: 509974, requester_id: 7, subject: 'Export broken', description: LONG, status: 'open', priority: 'normal', created_at: '2026-11-16T09:00:00Z', updated_at: '2026-11-16T09:00:00Z' }],
		comments: { 21: [{ author_id: 7, body: `${LONG} This is unacceptable.`, created_at: '2026-11-16T09:00:00Z' }] },
	},
};

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const oauth = { clientId: 'id', clientSecret: 'secret', accessTokenUrl: 'https://oauth2.googleapis.com/token', authUrl: 'https://accounts.google.com/o/oauth2/v2/auth', scope: '', authentication: 'header', grantType: 'authorizationCode', oauthTokenData: { access_token: 'token-1', token_type: 'Bearer', refresh_token: 'r', expires_in: 3599 } };
const credentials = () => ({
	csGongApi: { accessKey: 'k', accessKeySecret: 's', baseUrl: fakes.httpUrl! },
	gmailOAuth2: oauth,
	microsoftOutlookOAuth2Api: { ...oauth, graphApiBaseUrl: fakes.httpUrl! },
	slackApi: { accessToken: 'xoxb-1' },
	csZendeskApi: { authType: 'apiToken', email: 'a@example.com', apiToken: 't', baseUrl: fakes.httpUrl! },
});
const node = (type: string, parameters: Record<string, unknown>, input: object[] = [{}], extra: Record<string, unknown> = {}) =>
	runWorkflow(itemsInto(type, { asOf: AS_OF, ...parameters }, input as never, { credentials: { csGongApi: { id: '1', name: 'g' }, gmailOAuth2: { id: '2', name: 'm' }, microsoftOutlookOAuth2Api: { id: '3', name: 'o' }, slackApi: { id: '4', name: 's' }, csZendeskApi: { id: '5', name: 'z' } }, ...extra }), { credentials: credentials() });
const ACCOUNT = { accountId: 'acme', name: 'Acme Corp', domain: 'acme.com' };

describe('no conversation text beyond the quoted snippet, in any output, static data or error', () => {
	it('CS Meeting Signals — Gong: a canary in the middle of a long transcript', async () => {
		const result = await node('csMeetingSignals', { source: 'gong', accountMapping: { rows: [{ from: '001ACME', accountId: 'acme' }] } });
		expect(expectNoText(result)).toContain('we need to justify the cost before renewal');
	});

	it('CS Meeting Signals — input items, with an item that fails', async () => {
		const turns = [...filler(20), CANARY, TRIGGER].map((t) => ({ speaker: 'Dana Kim', text: t }));
		const good = { callId: 'i1', accountId: 'acme', startedAt: '2026-11-12T15:00:00Z', participants: [{ name: 'Dana Kim', affiliation: 'customer' }], transcript: turns };
		const bad = { ...good, callId: 'i2', transcript: `${CANARY}\n${TRIGGER}` };
		expectNoText(await node('csMeetingSignals', { source: 'inputItems' }, [good, bad], { continueOnFail: true }));
		expectNoText(await node('csMeetingSignals', { source: 'inputItems' }, [bad]), { signals: false });
	});

	it('CS Email Signals — Gmail and Microsoft Graph: a canary in a long body and in the quoted history', async () => {
		expectNoText(await node('csEmailSignals', { source: 'gmail', connection: { gmailBaseUrl: fakes.httpUrl! } }, [ACCOUNT]));
		expectNoText(await node('csEmailSignals', { source: 'microsoftGraph' }, [ACCOUNT]));
	});

	it('CS Slack Signals — a canary in the middle of a long channel history, and in the error of a failing run', async () => {
		const parameters = { source: 'slack', accountMapping: { rows: [{ from: 'C0ACME', accountId: 'acme' }] }, connection: { baseUrl: `${fakes.httpUrl}/api`, requestsPerMinute: 6000, maxAttempts: 1 } };
		expectNoText(await node('csSlackSignals', parameters));
		fakes.addFault({ provider: 'slack', path: '/api/conversations.history', responses: [{ status: 500 }] });
		const failed = await node('csSlackSignals', parameters);
		expect(failed.status).toBe('error');
		expectNoText(failed, { signals: false });
	});

	it('CS Support Signals — a canary in a ticket’s description and comments (Zendesk and input items)', async () => {
		expectNoText(await node('csSupportSignals', { source: 'zendesk', zendeskSatisfactionRatings: false, zendeskSlaEvents: false }));
		expectNoText(await node('csSupportSignals', { source: 'inputItems' }, [dataset.zendesk.tickets[0]]));
	});
});
