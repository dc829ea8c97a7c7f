/**
 * Slack shared-channel reader against the fake Slack: history newest first through next_cursor, thread replies,
 * the app's rate tier (1 request a minute and 15 messages a page outside the Marketplace), Slack's HTTP-200
 * `ok:false` errors (ratelimited retried, the others failing at once), and the mapping of who is the customer.
 */
import { mapSlackMessage, readSlackChannels, SLACK_RATE_TIERS } from '../../engine/sources/slack';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { bearer, fetchContext } from '../fakes/request';
import { customer, slackTs, vendor } from '../fixtures/conversations/slack';
import { OUR_TEAM, slackChannel } from '../fixtures/conversations/slack-channel';

const CHANNEL = { id: 'C0ACME', name: 'acme-shared' };
const question = customer('2026-11-18T10:00:00Z', 'Any update on the export?', { channelId: CHANNEL.id });
const HISTORY = [
	customer('2026-11-16T10:00:00Z', 'Morning.', { channelId: CHANNEL.id }),
	question,
	vendor('2026-11-18T12:00:00Z', 'Looking into it.', { channelId: CHANNEL.id, threadTs: question.ts }),
	customer('2026-11-19T10:00:00Z', 'Thanks.', { channelId: CHANNEL.id }),
];
const dataset = { now: '2026-11-20T12:00:00Z', slack: slackChannel(HISTORY, CHANNEL) };

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset });
});
afterAll(() => fakes.close());
beforeEach(() => {
	fakes.reset();
	fakes.load(dataset);
});
const client = (tier: 'tier3' | 'nonMarketplace' = 'tier3') => ({ ...fetchContext(bearer('xoxb-1')), baseUrl: `${fakes.httpUrl}/api`, tier });

describe('Slack shared-channel reader', () => {
	it('history through next_cursor, then the replies of threads; our team from auth.test', async () => {
		const context = client();
		const result = await readSlackChannels({ client: context, channels: [{ channelId: CHANNEL.id }], resumeFrom: () => 'x' });
		expect(fakes.requests().map((r) => `${r.path}${r.query.cursor ? ' (next page)' : ''}`)).toEqual([
			'/api/auth.test',
			'/api/conversations.info',
			'/api/conversations.history',
			'/api/conversations.history (next page)',
			'/api/conversations.replies',
		]);
		expect(result.teamId).toBe(OUR_TEAM);
		expect(result.channels[0].channelName).toBe('acme-shared');
		expect(result.channels[0].messages.map((m) => m.text)).toEqual(['Thanks.', 'Any update on the export?', 'Morning.', 'Looking into it.']);
		expect(result.channels[0].latest).toBe(slackTs('2026-11-19T10:00:00Z'));
		// Tier 3: ~50 a minute, history and replies only
		expect(context.sleeps).toEqual([1200, 1200]);
		expect(fakes.requests()[2].query.limit).toBe(String(SLACK_RATE_TIERS.tier3.pageSize));
	});

	it('a commercially distributed app outside the Marketplace: one history or replies request a minute, 15 messages a page', async () => {
		const context = client('nonMarketplace');
		await readSlackChannels({ client: context, channels: [{ channelId: CHANNEL.id }], resumeFrom: () => 'x' });
		expect(fakes.requests().filter((r) => r.path === '/api/conversations.history').map((r) => r.query.limit)).toEqual(['15', '15']);
		expect(context.sleeps).toEqual([60_000, 60_000]);
	});

	it('ok:false ratelimited is retried like a 429; not_in_channel fails at once with Slack’s code', async () => {
		fakes.addFault({ provider: 'slack', path: '/api/conversations.history', responses: [{ status: 200, body: { ok: false, error: 'ratelimited' } }] });
		const context = client();
		const result = await readSlackChannels({ client: context, channels: [{ channelId: CHANNEL.id }], resumeFrom: () => 'x' });
		expect(result.channels[0].messages).toHaveLength(4);
		expect(context.sleeps).toContain(1000);

		fakes.load({ ...dataset, slack: { ...slackChannel(HISTORY, CHANNEL), channels: [{ ...CHANNEL, member: false }] } });
		const failure = await readSlackChannels({ client: client(), channels: [{ channelId: CHANNEL.id, oldest: question.ts }], resumeFrom: (id) => `${id} from ts ${question.ts}` }).catch((e) => e);
		expect(failure.message).toBe(
			`Slack: channel info (conversations.info for C0ACME) failed after 1 attempt (HTTP 400: not_in_channel) — 0 pages / 0 messages / 0 threads were read; the cursor was not advanced, the next run re-reads C0ACME from ts ${question.ts}`,
		);
	});

	it('the customer is whoever is on another team; joins and bot posts are no conversation', () => {
		const channel = { channelId: CHANNEL.id, channelName: CHANNEL.name };
		const account = { accountId: 'acme' };
		expect(mapSlackMessage({ ts: '1763640000.000100', user: 'U1', user_team: 'T0ACME', text: 'Hi' }, channel, account, OUR_TEAM)).toMatchObject({ customerSide: true, url: 'https://slack.com/archives/C0ACME/p1763640000000100' });
		expect(mapSlackMessage({ ts: '1763640000.000100', user: 'U2', team: OUR_TEAM, text: 'Hi' }, channel, account, OUR_TEAM)).toMatchObject({ customerSide: false });
		expect(mapSlackMessage({ ts: '1763640000.000100', user: 'U1', subtype: 'channel_join', text: 'joined' }, channel, account, OUR_TEAM)).toBeUndefined();
		expect(mapSlackMessage({ ts: '1763640000.000100', bot_id: 'B1', text: 'Deploy done' }, channel, account, OUR_TEAM)).toBeUndefined();
	});
});
