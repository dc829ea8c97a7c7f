/**
 * CS Slack Signals against the fake Slack (Slack Connect channel history and thread replies), through the n8n
 * harness with n8n's own slackApi credential: exact signals with quoted evidence (escalation language with negation,
 * a customer question unanswered past 8 business hours), the per-channel cursor in static data without message
 * text, the next run re-checking the open question's thread, an ok:false error as NodeApiError with the cursor left
 * where it was; and the same detectors over input items (n8n's Slack node output).
 */
import { itemsInto, runWorkflow } from './harness';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { customer, slackTs, vendor } from '../fixtures/conversations/slack';
import { OUR_TEAM, slackChannel } from '../fixtures/conversations/slack-channel';

const TOKEN = 'xoxb-fake-slack-bot-token-0001';
const AS_OF = '2026-11-20T12:00:00Z'; // a Friday; business hours are counted in the workflow's zone (America/New_York)
const CHANNEL = { id: 'C0ACME', name: 'acme-shared' };
const HISTORY = [
	customer('2026-11-16T10:00:00Z', 'Morning all, the weekly report is out.', { channelId: CHANNEL.id }),
	vendor('2026-11-16T11:00:00Z', 'Thanks Dana, looks good.', { channelId: CHANNEL.id }),
	customer('2026-11-17T09:30:00Z', 'We are not going to escalate this, just flagging it.', { channelId: CHANNEL.id }),
	customer('2026-11-18T10:00:00Z', 'Can you tell us when the export fix ships?', { channelId: CHANNEL.id }),
	customer('2026-11-19T15:00:00Z', 'This is unacceptable, please escalate to your manager.', { channelId: CHANNEL.id }),
];
const dataset = { now: AS_OF, tokens: { slack: TOKEN }, slack: slackChannel(HISTORY, CHANNEL) };

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});

const MAPPING = { rows: [{ from: CHANNEL.id, accountId: 'acme', accountName: 'Acme' }] };
const run = (staticData = {}, extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) =>
	runWorkflow(
		{
			...itemsInto(
				'csSlackSignals',
				{ source: 'slack', asOf: AS_OF, accountMapping: MAPPING, connection: { baseUrl: `${fakes.httpUrl}/api`, requestsPerMinute: 6000, maxAttempts: 2 }, ...extra },
				[{}],
				{ credentials: { slackApi: { id: 'cred-slack', name: 'Slack bot' } }, ...node },
			),
			staticData,
		},
		{ credentials: { slackApi: { accessToken: TOKEN } } },
	);

const ESCALATION = 'Dana Kim (Acme) in #acme-shared on 19 Nov: "This is unacceptable, please escalate to your manager."';
const UNANSWERED = 'Dana Kim (Acme) asked in #acme-shared on 18 Nov, unanswered for 16 business hours (limit 8): "Can you tell us when the export fix ships?"';

describe('CS Slack Signals — Slack mode against the fake Slack', () => {
	it('escalation language (a negated escalation is none) and a question unanswered past 8 business hours, quoted; cursor kept without text', async () => {
		const result = await run();
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.type, s.accountId, s.evidence])).toEqual([
			['slack.escalation_language', 'acme', ESCALATION],
			['slack.unanswered_question', 'acme', UNANSWERED],
		]);
		expect(fakes.requests().map((r) => r.path)).toEqual(['/api/auth.test', '/api/conversations.info', '/api/conversations.history', '/api/conversations.history', '/api/conversations.history']);
		expect(fakes.requests()[2].query).toEqual({ channel: CHANNEL.id, oldest: slackTs('2026-09-11T12:00:00Z'), limit: '200' });
		expect(fakes.requests()[0].headers.authorization).toBe(`Bearer ***${TOKEN.slice(-4)}`);
		const state = (result.staticData as any)['node:Node'].slackSweep;
		expect(state.cursor).toEqual({ channels: { [CHANNEL.id]: slackTs('2026-11-19T15:00:00Z') } });
		const kept = JSON.stringify(result.staticData);
		expect(kept).not.toContain('the weekly report is out');
		expect(kept).not.toContain('"text"');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	it('the next run reads only newer messages and re-checks the open question’s thread: answered late is still a signal, with the wait', async () => {
		const first = await run();
		fakes.reset();
		const answer = vendor('2026-11-23T09:30:00Z', 'The fix ships on Tuesday.', { channelId: CHANNEL.id, threadTs: slackTs('2026-11-18T10:00:00Z') });
		fakes.load({ ...dataset, slack: slackChannel([...HISTORY, answer], CHANNEL) });
		const second = await run(first.staticData, { asOf: '2026-11-23T12:00:00Z' });
		expect(fakes.requests().map((r) => [r.path, r.query.oldest, r.query.ts].filter(Boolean).join(' '))).toEqual([
			'/api/auth.test',
			'/api/conversations.info',
			`/api/conversations.history ${slackTs('2026-11-19T15:00:00Z')}`,
			`/api/conversations.replies ${slackTs('2026-11-18T10:00:00Z')}`,
		]);
		expect(second.output('Node').map((s) => [s.type, s.evidence])).toEqual([
			['slack.escalation_language', ESCALATION],
			['slack.unanswered_question', 'Dana Kim (Acme) asked in #acme-shared on 18 Nov, answered after 24 business hours (limit 8): "Can you tell us when the export fix ships?"'],
		]);
	});

	it('Slack’s ok:false error fails the node as a NodeApiError naming the method and channel; the cursor stays', async () => {
		fakes.load({ ...dataset, slack: { ...slackChannel(HISTORY, CHANNEL), channels: [{ ...CHANNEL, member: false }] } });
		const failed = await run();
		const error = failed.error('Node') as unknown as { name: string; message: string };
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'Slack: channel info (conversations.info for C0ACME) failed after 1 attempt (HTTP 400: not_in_channel) — 0 pages / 0 messages / 0 threads were read; the cursor was not advanced, the next run re-reads C0ACME from the start of the 70-day window',
		);
		expect(failed.staticData).toEqual({ 'node:Node': {} });
	});

	it('without a channel mapping it says what to add', async () => {
		const failed = await run({}, { accountMapping: {} });
		expect(failed.error('Node')?.message).toBe('Slack: no shared channel to read; add a Channel Mapping row (channel ID → account ID) for each customer channel');
	});
});

describe('CS Slack Signals — from input items (n8n’s Slack node output)', () => {
	it('raw Slack messages: the team decides who is the customer, the channel mapping the account', async () => {
		const raw = slackChannel(HISTORY, CHANNEL).history[CHANNEL.id].map((m) => ({ ...m, channel: CHANNEL.id }));
		const result = await runWorkflow(
			itemsInto('csSlackSignals', { source: 'inputItems', asOf: AS_OF, ourTeamId: OUR_TEAM, accountMapping: MAPPING, fieldMapping: { channelId: 'channel', userName: 'user_profile.real_name' } }, raw as never),
		);
		expect(result.output('Node').map((s) => [s.type, s.evidence])).toEqual([
			['slack.escalation_language', ESCALATION.replace('#acme-shared', 'channel C0ACME')],
			['slack.unanswered_question', UNANSWERED.replace('#acme-shared', 'channel C0ACME')],
		]);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 4 }, { item: 3 }]);
	});
});
