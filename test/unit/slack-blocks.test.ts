import { buildBrief, buildSlackAlert } from '../../engine/act/briefs';
import { buildPortfolioReport } from '../../engine/act/report';
import { AccountSchema, SignalSchema, signalId } from '../../engine/model';
import { ACCOUNTS, SIGNALS, demoAction, demoIntelligence } from '../fixtures/briefs/demo';
import { validateSlackMessage } from '../fixtures/briefs/block-kit';

test('the validator catches what Slack rejects', () => {
	expect(validateSlackMessage({ text: '', blocks: [{ type: 'image' }, { type: 'header', text: { type: 'mrkdwn', text: 'x'.repeat(151) } }] })).toEqual([
		'text: a non-empty fallback text is required',
		'blocks[0]: block type "image" not allowed',
		'blocks[1].text: text type "mrkdwn" not allowed here (plain_text)',
		'blocks[1].text: 151 characters, limit 150',
	]);
	expect(validateSlackMessage({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })).toEqual(['blocks: 51 blocks, Slack allows 50']);
});

test('normal input: every brief and the report are valid Block Kit', () => {
	const intelligence = demoIntelligence();
	for (const intel of intelligence) {
		for (const type of ['executive', 'pre-meeting', 'ebr', 'qbr'] as const) expect(validateSlackMessage(buildBrief(type, { intelligence: intel, signals: SIGNALS }).slack)).toEqual([]);
	}
	expect(validateSlackMessage(buildPortfolioReport({ intelligence }).slack)).toEqual([]);
	expect(validateSlackMessage(buildSlackAlert({ actions: [demoAction(intelligence[0])] }).slack)).toEqual([]);
});

test('empty input: an account without signals or contacts, an empty book', () => {
	const bare = AccountSchema.parse({ accountId: 'acc-empty', name: 'Empty Co' });
	const [intel] = demoIntelligence([bare], []);
	const brief = buildBrief('executive', { intelligence: intel, signals: [] });
	expect(validateSlackMessage(brief.slack)).toEqual([]);
	expect(brief.markdown).toContain('No signals in the last 90 days.');
	expect(brief.markdown).toContain('No contacts on record.');
	const report = buildPortfolioReport({ intelligence: [], asOf: '2026-03-02T09:00:00Z' });
	expect(validateSlackMessage(report.slack)).toEqual([]);
	expect(report.markdown).toContain('No account is at risk.');
});

test('very long input: 400 signals and 60 contacts degrade within 50 blocks and 3,000 characters', () => {
	const account = AccountSchema.parse({
		...ACCOUNTS[0],
		contacts: Array.from({ length: 60 }, (_, i) => ({ name: `Contact ${i} ${'x'.repeat(200)}`, title: 'Director', seniority: 'director', lastEngagedAt: '2026-02-25T00:00:00Z', status: 'active' })),
	});
	const types = ['support.volume_spike', 'usage.wau_drop', 'meetings.sentiment_decline', 'email.thread_silence', 'slack.negative_sentiment'];
	const signals = Array.from({ length: 400 }, (_, i) =>
		SignalSchema.parse({
			id: signalId('zendesk', `t${i}`, types[i % types.length]),
			accountId: account.accountId,
			category: types[i % types.length].split('.')[0],
			type: types[i % types.length],
			polarity: 'risk',
			severity: 5,
			observedAt: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
			detectedAt: '2026-03-01T00:00:00Z',
			evidence: `Evidence ${i}: ${'long text '.repeat(80)}`,
			source: { system: 'zendesk', ref: `t${i}`, url: `https://x.zendesk.com/agent/tickets/${i}` },
		}),
	);
	const [intel] = demoIntelligence([account], signals);
	for (const type of ['executive', 'pre-meeting', 'ebr', 'qbr'] as const) {
		const { slack } = buildBrief(type, { intelligence: intel, signals, options: { maxTimeline: 400, maxTalkingPoints: 400 } });
		expect(validateSlackMessage(slack)).toEqual([]);
		expect(slack.blocks.length).toBeLessThanOrEqual(50);
	}
	const { slack } = buildBrief('executive', { intelligence: intel, signals, options: { maxTimeline: 400 } });
	expect(slack.blocks.length).toBe(50);
	expect(JSON.stringify(slack.blocks[48])).toContain('not shown (truncated)');
	expect(slack.blocks[49].type).toBe('actions');
});
