/**
 * CS Meeting Signals, "From Input Items": meetings from any tool with their transcripts in WebVTT or speaker-turn
 * JSON. Exact signals and quoted evidence through the n8n harness: a customer whose tone declines across three
 * calls, negation ("we are not planning to cancel" is no cancellation intent), champion attendance down, field
 * mapping, and a transcript that cannot be read reported against its item.
 */
import { itemsInto, runWorkflow } from './harness';

const AS_OF = '2026-11-20T12:00:00Z';
const DANA = { name: 'Dana Kim', email: 'dana@acme.com', title: 'VP Ops', affiliation: 'customer', champion: true };
const SAM = { name: 'Sam Ortiz', email: 'sam@vendor.io', title: 'CSM', affiliation: 'vendor' };

const vtt = (...cues: Array<[string, string]>) =>
	['WEBVTT', '', ...cues.flatMap(([speaker, text], i) => [String(i + 1), `00:00:${String(i * 5).padStart(2, '0')}.000 --> 00:00:${String(i * 5 + 4).padStart(2, '0')}.000`, `<v ${speaker}>${text}`, ''])].join('\n');

/** Three calls exported by a recorder (Zoom-style VTT), the customer's tone falling call by call. */
const CALLS = [
	{
		meeting_id: 'z-101',
		account: 'acme',
		customer: 'Acme',
		start: '2026-10-27T15:00:00Z',
		people: [DANA, SAM],
		vtt: vtt(['Sam Ortiz', 'How are things going since the rollout?'], ['Dana Kim', 'The rollout went really smoothly and the team is thrilled with the results. We love the new reports.']),
	},
	{
		meeting_id: 'z-102',
		account: 'acme',
		customer: 'Acme',
		start: '2026-11-03T15:00:00Z',
		people: [DANA, SAM],
		vtt: vtt(['Dana Kim', 'Things are okay. The export was slow last week, which was annoying.'], ['Sam Ortiz', 'Thanks for telling us.'], ['Dana Kim', 'Otherwise the team is happy.']),
	},
	{
		meeting_id: 'z-103',
		account: 'acme',
		customer: 'Acme',
		start: '2026-11-12T15:00:00Z',
		people: [DANA, SAM],
		vtt: vtt(
			['Sam Ortiz', "We're sorry the export keeps failing."],
			['Dana Kim', 'Honestly the support experience has been frustrating and we are not happy.'],
			['Dana Kim', 'We need to justify the cost before renewal.'],
		),
	},
];

const FIELD_MAPPING = { callId: 'meeting_id', accountId: 'account', accountName: 'customer', startedAt: 'start', participants: 'people', transcript: 'vtt' };
const run = (items: object[], extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) =>
	runWorkflow(itemsInto('csMeetingSignals', { source: 'inputItems', asOf: AS_OF, fieldMapping: FIELD_MAPPING, ...extra }, items as never, node));

describe('CS Meeting Signals — from input items (any transcript tool)', () => {
	it('WebVTT transcripts: tone declining across three calls and budget language, each quoting the sentence', async () => {
		const result = await run(CALLS);
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.type, s.evidence])).toEqual([
			['meetings.budget_language', 'Dana Kim (Acme, VP Ops) on the 12 Nov call: "We need to justify the cost before renewal."'],
			['meetings.champion_positive', 'Champion Dana Kim (Acme, VP Ops) was positive on the 27 Oct call (sentiment +0.70): "The rollout went really smoothly and the team is thrilled with the results."'],
			[
				'meetings.sentiment_decline',
				'Customer sentiment fell across the last 3 calls: +0.70 (27 Oct) → -0.03 (3 Nov) → -0.55 (12 Nov); Dana Kim (Acme, VP Ops) on the 12 Nov call: "Honestly the support experience has been frustrating and we are not happy."',
			],
		]);
		// each signal is paired with the meetings it stands on
		expect(result.items('Node').map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 0 }, [{ item: 0 }, { item: 1 }, { item: 2 }]]);
	});

	it('negation: "we are not planning to cancel" is no cancellation intent; "we have decided to cancel" is (speaker-turn JSON, Fireflies sentences)', async () => {
		const fireflies = (id: string, start: string, text: string) => ({ ...CALLS[2], meeting_id: id, start, vtt: undefined, turns: { sentences: [{ speaker_name: 'Dana Kim', text, start_time: 12.5 }] } });
		const result = await run(
			[fireflies('f-1', '2026-11-10T15:00:00Z', 'We are not planning to cancel, the team relies on it.'), fireflies('f-2', '2026-11-17T15:00:00Z', 'We have decided to cancel at the end of the term.')],
			{ fieldMapping: { ...FIELD_MAPPING, transcript: 'turns' } },
		);
		expect(result.output('Node').map((s) => [s.type, s.evidence, s.source])).toEqual([
			['crm.cancel_intent', 'Dana Kim (Acme, VP Ops) on the 17 Nov call: "We have decided to cancel at the end of the term."', { system: 'input', ref: 'f-2' }],
		]);
	});

	it('a champion who stops attending: participation cut by 60% over 90 days', async () => {
		const meeting = (id: string, day: string, attended: boolean) => ({ meeting_id: id, account: 'acme', customer: 'Acme', start: `${day}T15:00:00Z`, people: [{ ...DANA, attended }, SAM] });
		const items = [
			...['2026-05-26', '2026-06-16', '2026-07-07', '2026-07-28', '2026-08-18'].map((day, i) => meeting(`p${i}`, day, true)),
			...['2026-09-08', '2026-09-29', '2026-10-20', '2026-11-10'].map((day, i) => meeting(`r${i}`, day, i < 2)),
		];
		const result = await run(items);
		expect(result.output('Node').map((s) => [s.type, s.evidence])).toEqual([
			[
				'meetings.exec_absence',
				'Champion Dana Kim (Acme, VP Ops) joined 2 meetings in the 90 days to 2026-11-20, down 60% from 5 in the 90 days before and was invited to but missed the last 2 meetings (20 Oct, 10 Nov)',
			],
		]);
	});

	it('a transcript that cannot be read names the item and the line; Continue On Fail keeps the other meetings', async () => {
		const broken = { ...CALLS[2], vtt: 'WEBVTT\n\n1\nnot a timing\n<v Dana Kim>Hello' };
		const failed = await run([CALLS[0], broken]);
		expect(failed.status).toBe('error');
		expect(failed.error('Node')?.message).toBe('meeting 1: vtt line 4 is not a cue timing ("00:00:01.000 --> 00:00:04.200")');
		const kept = await run([CALLS[0], broken], {}, { continueOnFail: true });
		expect(kept.items('Node').map((item) => [item.json.type ?? item.json.error, item.pairedItem])).toEqual([
			['meetings.champion_positive', { item: 0 }],
			['meeting 1: vtt line 4 is not a cue timing ("00:00:01.000 --> 00:00:04.200")', { item: 1 }],
		]);
	});

	it('a meeting without an account id finds its account through a mapping row on the participants’ domain', async () => {
		const { account: _account, ...noAccount } = CALLS[2];
		const result = await run([noAccount], { accountMapping: { rows: [{ from: 'acme.com', accountId: 'acme-42', accountName: 'Acme Corp' }] } });
		expect(result.output('Node').map((s) => [s.accountId, s.type])).toEqual([['acme-42', 'meetings.budget_language']]);
	});
});
