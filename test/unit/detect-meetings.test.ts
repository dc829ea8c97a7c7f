/**
 * Meeting detectors: exact signals and quoted evidence from canonical meeting records.
 */
import { signalId } from '../../engine/model';
import { detectMeetingSignals, detectMeetingSignalsFromItems, resolveMeetingThresholds, type MeetingDetectionOptions } from '../../engine/detect/meetings';
import { DANA, DECLINING_CALLS, LEE, SAM, call, entries } from '../fixtures/conversations/meetings';

const AS_OF = '2026-11-20T12:00:00Z';
const detect = (meetings: Parameters<typeof entries>[0], options: MeetingDetectionOptions = {}) =>
	detectMeetingSignals(entries(meetings), { asOf: AS_OF, system: 'gong', ...options }).map((d) => d.signal);
const ofType = (signals: ReturnType<typeof detect>, type: string) => signals.filter((s) => s.type === type);

describe('meetings.sentiment_decline', () => {
	it('fires when the customer\'s tone falls across three consecutive calls, quoting the worst sentence of the last', () => {
		const signals = ofType(detect(DECLINING_CALLS), 'meetings.sentiment_decline');
		expect(signals).toHaveLength(1);
		expect(signals[0]).toMatchObject({
			id: signalId('gong', 'acme:c3', 'meetings.sentiment_decline'),
			accountId: 'acme',
			category: 'meetings',
			polarity: 'risk',
			severity: 6,
			observedAt: '2026-11-12T15:00:00Z',
			value: -0.55,
			baseline: 0.7,
			source: { system: 'gong', ref: 'acme:c3', url: 'https://app.gong.io/call?id=c3' },
			attributes: { callIds: ['c1', 'c2', 'c3'], scores: [0.7, -0.03, -0.55], drop: 1.25 },
		});
		expect(signals[0].evidence).toBe(
			'Customer sentiment fell across the last 3 calls: +0.70 (27 Oct) → -0.03 (3 Nov) → -0.55 (12 Nov); ' +
				'Dana Kim (Acme, VP Ops) on the 12 Nov call: "Honestly the support experience has been frustrating and we are not happy."',
		);
	});

	it('ignores the vendor\'s own words (our apology on call 3 does not count)', () => {
		const vendorOnly = DECLINING_CALLS.map((m, i) => (i < 2 ? m : call('c3', '2026-11-12', [['Sam Ortiz', 'We are frustrated and unhappy.'], ['Dana Kim', 'Okay.']])));
		expect(ofType(detect(vendorOnly), 'meetings.sentiment_decline')).toEqual([]);
	});

	it('needs each call lower than the one before: a flat pair breaks the run', () => {
		const flat = [DECLINING_CALLS[0], DECLINING_CALLS[2], call('c4', '2026-11-18', DECLINING_CALLS[2].transcript.map((t): [string, string] => [t.speaker, t.text]))];
		expect(ofType(detect(flat), 'meetings.sentiment_decline')).toEqual([]);
	});

	it('holds the minimum fall as an overridable threshold (fires for a required fall of 1.24 when the calls fell 1.25, not for 1.3)', () => {
		expect(ofType(detect(DECLINING_CALLS, { thresholds: { sentimentDeclineMinDrop: 1.24 } }), 'meetings.sentiment_decline')).toHaveLength(1);
		expect(ofType(detect(DECLINING_CALLS, { thresholds: { sentimentDeclineMinDrop: 1.3 } }), 'meetings.sentiment_decline')).toEqual([]);
		expect(ofType(detect(DECLINING_CALLS.slice(1), { thresholds: { sentimentDeclineCalls: 2 } }), 'meetings.sentiment_decline')[0].evidence).toMatch(
			/^Customer sentiment fell across the last 2 calls: -0\.03 \(3 Nov\) → -0\.55 \(12 Nov\); /,
		);
	});
});

describe('language on calls', () => {
	it('budget language: one signal per call quoting the speaker', () => {
		const [budget] = ofType(detect(DECLINING_CALLS), 'meetings.budget_language');
		expect(budget).toMatchObject({
			id: signalId('gong', 'c3', 'meetings.budget_language'),
			observedAt: '2026-11-12T15:00:00Z',
			value: 1,
			evidence: 'Dana Kim (Acme, VP Ops) on the 12 Nov call: "We need to justify the cost before renewal."',
			source: { system: 'gong', ref: 'c3', url: 'https://app.gong.io/call?id=c3' },
			attributes: { callId: 'c3', lexicon: 'budget_pressure', phrases: ['justify the cost'], mentions: 1, speakers: ['Dana Kim'] },
		});
	});

	it('negation: "we are not planning to cancel" is not cancellation intent; "we plan to cancel" is', () => {
		const reassured = detect([call('c9', '2026-11-18', [['Dana Kim', 'We are not planning to cancel.'], ['Dana Kim', "Cancelling isn't on the table."]])]);
		expect(ofType(reassured, 'crm.cancel_intent')).toEqual([]);
		const leaving = detect([call('c9', '2026-11-18', [['Dana Kim', 'To be clear, we plan to cancel at the end of the term.']])]);
		expect(ofType(leaving, 'crm.cancel_intent').map((s) => [s.evidence, s.severity, s.category])).toEqual([
			['Dana Kim (Acme, VP Ops) on the 18 Nov call: "To be clear, we plan to cancel at the end of the term."', 10, 'crm'],
		]);
	});

	it('competitor mention names the configured competitors and counts every sentence', () => {
		const meeting = call('c9', '2026-11-18', [
			['Dana Kim', 'Northwind showed us a demo last week.'],
			['Sam Ortiz', 'Northwind is not a fit for you.'],
			['Dana Kim', 'We have also asked another vendor for a quote.'],
		]);
		const [competitor] = ofType(detect([meeting], { lexicons: { competitors: 'Northwind' } }), 'meetings.competitor_mention');
		expect(competitor.evidence).toBe('Dana Kim (Acme, VP Ops) on the 18 Nov call: "Northwind showed us a demo last week." (2 sentences like it on the call)');
		expect(competitor.attributes).toMatchObject({ phrases: ['Northwind', 'another vendor'], competitors: ['Northwind'], mentions: 2 });
		expect(ofType(detect([meeting]), 'meetings.competitor_mention')[0].evidence).toBe(
			'Dana Kim (Acme, VP Ops) on the 18 Nov call: "We have also asked another vendor for a quote."',
		);
	});

	it('only calls within the language window count (30 days: a call 31 days old yields nothing)', () => {
		const old = call('c0', '2026-10-20', [['Dana Kim', 'We need to justify the cost before renewal.']], { startedAt: '2026-10-20T11:59:59Z' });
		expect(ofType(detect([old]), 'meetings.budget_language')).toEqual([]);
		const edge = call('c0', '2026-10-21', [['Dana Kim', 'We need to justify the cost before renewal.']], { startedAt: '2026-10-21T12:00:01Z' });
		expect(ofType(detect([edge]), 'meetings.budget_language')).toHaveLength(1);
	});

	it('speakers who match no participant are left out unless told to count them as customer-side', () => {
		const anonymous = call('c9', '2026-11-18', [['Speaker 2', 'We need to justify the cost before renewal.']], { participants: [] });
		expect(ofType(detect([anonymous]), 'meetings.budget_language')).toEqual([]);
		expect(ofType(detect([anonymous], { unknownSpeakersAreCustomer: true }), 'meetings.budget_language')[0].evidence).toBe(
			'Speaker 2 (Acme) on the 18 Nov call: "We need to justify the cost before renewal."',
		);
	});
});

describe('meetings.champion_positive', () => {
	it('fires when the champion\'s own tone on a call reaches the threshold, quoting their warmest sentence', () => {
		const signals = ofType(detect(DECLINING_CALLS), 'meetings.champion_positive');
		expect(signals.map((s) => [s.source.ref, s.evidence, s.value])).toEqual([
			[
				'c1:dana@acme.com',
				'Champion Dana Kim (Acme, VP Ops) was positive on the 27 Oct call (sentiment +0.70): "The rollout went really smoothly and the team is thrilled with the results."',
				0.7,
			],
		]);
		expect(ofType(detect(DECLINING_CALLS, { thresholds: { championMinSentiment: 0.71 } }), 'meetings.champion_positive')).toEqual([]);
	});

	it('takes the champion flag from the account contacts when the participant list lacks it', () => {
		const plain = { name: 'Dana Kim', email: 'dana@acme.com', affiliation: 'customer' as const };
		const meeting = call('c1', '2026-11-18', [['Dana Kim', 'The team is thrilled with the results.']], { participants: [plain, SAM] });
		expect(ofType(detect([meeting]), 'meetings.champion_positive')).toEqual([]);
		expect(ofType(detect([meeting], { contacts: [{ ...plain, title: 'VP Ops', champion: true }] }), 'meetings.champion_positive')[0].evidence).toMatch(
			/^Champion Dana Kim \(Acme, VP Ops\) was positive on the 18 Nov call/,
		);
	});
});

const quarterly = (days: string[], participants = [DANA, LEE, SAM], status: 'held' | 'cancelled' = 'held') =>
	days.map((day, i) => call(`${status}-${day}-${i}`, day, [], { participants, status }));

describe('meetings.exec_absence', () => {
	const prior = ['2026-06-01', '2026-06-20', '2026-07-10', '2026-07-30', '2026-08-15']; // 5 in the 90 days before 22 Aug
	const withoutLee = [DANA, SAM];

	it('fires at exactly the seeds\' 60% participation drop over 90 days', () => {
		const recent = [...quarterly(['2026-09-01', '2026-10-01']), ...quarterly(['2026-10-20', '2026-11-10'], withoutLee)];
		const signals = ofType(detect([...quarterly(prior), ...recent]), 'meetings.exec_absence');
		expect(signals.map((s) => [s.evidence, s.severity, s.value, s.baseline])).toEqual([
			['Executive sponsor Lee Park (Acme, CFO) joined 2 meetings in the 90 days to 2026-11-20, down 60% from 5 in the 90 days before', 6, 2, 5],
		]);
		expect(signals[0].source.ref).toBe('acme:lee@acme.com@2026-11-20');
	});

	it('does not fire for a 40% drop', () => {
		const recent = [...quarterly(['2026-09-01', '2026-10-01', '2026-10-20']), ...quarterly(['2026-11-10'], withoutLee)];
		expect(ofType(detect([...quarterly(prior), ...recent]), 'meetings.exec_absence')).toEqual([]);
	});

	it('fires when an invited champion missed the last two meetings', () => {
		const absentDana = [{ ...DANA, attended: false }, LEE, SAM];
		const meetings = [...quarterly(['2026-09-01', '2026-10-01']), ...quarterly(['2026-10-20', '2026-11-10'], absentDana)];
		expect(ofType(detect(meetings), 'meetings.exec_absence').map((s) => s.evidence)).toEqual([
			'Champion Dana Kim (Acme, VP Ops) was invited to but missed the last 2 meetings (20 Oct, 10 Nov)',
		]);
	});
});

describe('meetings.cadence_drop', () => {
	it('fires at exactly a 50% drop in meetings held, and names rising cancellations', () => {
		const meetings = [
			...quarterly(['2026-06-01', '2026-07-01', '2026-08-01', '2026-08-20']),
			...quarterly(['2026-09-15', '2026-11-01']),
			...quarterly(['2026-10-01', '2026-10-15'], [DANA, SAM], 'cancelled'),
		];
		const [cadence] = ofType(detect(meetings), 'meetings.cadence_drop');
		expect(cadence.evidence).toBe(
			'2 meetings held in the 90 days to 2026-11-20, down 50% from 4 in the 90 days before; 2 of 4 meetings in the 90 days to 2026-11-20 were cancelled (50%)',
		);
		expect([cadence.value, cadence.baseline]).toEqual([2, 4]);
	});

	it('does not fire for a one-in-four drop without cancellations', () => {
		const meetings = [...quarterly(['2026-06-01', '2026-07-01', '2026-08-01', '2026-08-20']), ...quarterly(['2026-09-15', '2026-10-01', '2026-11-01'])];
		expect(ofType(detect(meetings), 'meetings.cadence_drop')).toEqual([]);
	});
});

describe('meetings.new_stakeholder', () => {
	it('fires for a customer-side attendee not seen in the meetings before, once there is history', () => {
		const it_director = { name: 'Ana Ruiz', email: 'ana@acme.com', title: 'IT Director', affiliation: 'customer' as const };
		const meetings = [call('c1', '2026-09-01'), call('c2', '2026-11-12', [], { participants: [DANA, it_director, SAM] })];
		expect(ofType(detect(meetings), 'meetings.new_stakeholder').map((s) => [s.evidence, s.source.ref, s.observedAt])).toEqual([
			["New stakeholder on the 12 Nov call: Ana Ruiz (Acme, IT Director), not in the account's meetings of the 180 days before", 'acme:ana@acme.com', '2026-11-12T15:00:00Z'],
		]);
		expect(ofType(detect([meetings[1]]), 'meetings.new_stakeholder')).toEqual([]); // no history: everyone would look new
	});
});

describe('input items and thresholds', () => {
	it('reports a bad item by index and still detects the rest', () => {
		const { detections, unusable } = detectMeetingSignalsFromItems(
			[{ callId: 'x', accountId: 'acme', startedAt: 'yesterday', participants: [{ title: 'CFO' }] }, DECLINING_CALLS[2]],
			{ asOf: AS_OF },
		);
		expect(unusable).toEqual([{ itemIndex: 0, message: 'meeting 0: startedAt "yesterday" is not an ISO-8601 date; participants[0] {"title":"CFO"} needs a name or an e-mail address' }]);
		expect(detections.map((d) => [d.signal.type, d.itemIndexes])).toEqual([['meetings.budget_language', [1]]]);
	});

	it('names the threshold that is wrong', () => {
		expect(() => resolveMeetingThresholds({ sentimentDeclineCalls: 0 })).toThrow('Meeting detection threshold "sentimentDeclineCalls" must be greater than 0, not 0');
		expect(() => resolveMeetingThresholds({ execParticipationDrop: 50 })).toThrow(/^Meeting detection threshold "execParticipationDrop" is unknown \(known: sentimentDeclineCalls, /);
		expect(() => resolveMeetingThresholds({ cadenceDropPct: 'half' })).toThrow('Meeting detection threshold "cadenceDropPct" "half" is not a number');
		expect(resolveMeetingThresholds({ execParticipationDropPct: '70' }).execParticipationDropPct).toBe(70);
		expect(resolveMeetingThresholds().execParticipationDropPct).toBe(60);
	});

	it('reads an as-of without an offset in the workflow time zone', () => {
		const late = call('c9', '2026-11-20', [['Dana Kim', 'We need to justify the cost before renewal.']], { startedAt: '2026-11-20T16:30:00Z' });
		expect(ofType(detect([late], { asOf: '2026-11-20T12:00:00', timezone: 'America/New_York' }), 'meetings.budget_language')).toHaveLength(1); // 17:00Z
		expect(ofType(detect([late], { asOf: '2026-11-20T12:00:00', timezone: 'Europe/Berlin' }), 'meetings.budget_language')).toEqual([]); // 11:00Z
	});
});
