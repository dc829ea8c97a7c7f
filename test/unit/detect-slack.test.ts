/**
 * Slack detectors: exact signals and evidence from canonical shared-channel messages.
 */
import { DateTime } from 'luxon';
import { signalId, type SlackMessage } from '../../engine/model';
import {
	addBusinessHours,
	businessHours,
	businessHoursBetween,
	detectSlackSignals,
	detectSlackSignalsFromItems,
	isQuestion,
	resolveSlackThresholds,
	type SlackDetectionOptions,
} from '../../engine/detect/slack';
import { customer, slackEntries, slackTs, vendor } from '../fixtures/conversations/slack';

const AS_OF = '2026-11-20T12:00:00Z'; // a Friday
const detect = (messages: SlackMessage[], options: SlackDetectionOptions = {}) =>
	detectSlackSignals(slackEntries(messages), { asOf: AS_OF, system: 'slack', accountNames: { acme: 'Acme' }, ...options }).map((d) => d.signal);
const ofType = (messages: SlackMessage[], type: string, options?: SlackDetectionOptions) => detect(messages, options).filter((s) => s.type === type);

describe('slack.negative_sentiment', () => {
	const grim = [
		customer('2026-11-16T10:00:00Z', 'The sync failed again overnight and the team is annoyed.'),
		customer('2026-11-17T10:00:00Z', 'This is the third time this month, really disappointing.'),
		customer('2026-11-18T10:00:00Z', 'We are very unhappy with how this incident was handled.'),
	];

	it('fires when the customer\'s average tone over 7 days is at or below -0.3', () => {
		const [signal] = ofType(grim, 'slack.negative_sentiment');
		expect(signal).toMatchObject({ id: signalId('slack', 'C1:tone@2026-11-20', 'slack.negative_sentiment'), category: 'slack', severity: 5 });
		expect(signal.evidence).toBe(
			'Customer messages in #acme-shared averaged -0.63 over the 7 days to 2026-11-20 (3 messages); Dana Kim (Acme) on 16 Nov: "The sync failed again overnight and the team is annoyed."',
		);
		expect(ofType(grim, 'slack.negative_sentiment', { thresholds: { negativeMaxScore: -0.64 } })).toEqual([]);
		expect(ofType(grim.slice(0, 2), 'slack.negative_sentiment')).toEqual([]); // fewer than 3 messages
	});
});

describe('slack.escalation_language and cancellation', () => {
	it('quotes the customer\'s escalation, ignores the same words when negated or from our side', () => {
		const messages = [
			customer('2026-11-18T10:00:00Z', "Please escalate this to your manager, it's blocking payroll.", { url: 'https://acme.slack.com/archives/C1/p1' }),
			customer('2026-11-18T11:00:00Z', 'No need to escalate, it works now.'),
			vendor('2026-11-18T12:00:00Z', 'I have escalated this to engineering.'),
		];
		const signals = ofType(messages, 'slack.escalation_language');
		expect(signals.map((s) => [s.evidence, s.source, s.severity])).toEqual([
			[
				'Dana Kim (Acme) in #acme-shared on 18 Nov: "Please escalate this to your manager, it\'s blocking payroll."',
				{ system: 'slack', ref: `C1:${slackTs('2026-11-18T10:00:00Z')}`, url: 'https://acme.slack.com/archives/C1/p1' },
				7,
			],
		]);
	});

	it('raises crm.cancel_intent for churn language, not for "we are not planning to cancel"', () => {
		expect(ofType([customer('2026-11-18T10:00:00Z', 'We are not planning to cancel.')], 'crm.cancel_intent')).toEqual([]);
		expect(ofType([customer('2026-11-18T10:00:00Z', 'Heads up: we will not renew next year.')], 'crm.cancel_intent').map((s) => s.evidence)).toEqual([
			'Dana Kim (Acme) in #acme-shared on 18 Nov: "Heads up: we will not renew next year."',
		]);
	});
});

describe('slack.unanswered_question (business hours: Mon–Fri 9–17 in the workflow zone)', () => {
	const asked = customer('2026-11-19T16:00:00Z', 'Hi team. Can someone look at the failed export job?'); // Thursday 16:00 UTC

	it('fires once 8 business hours pass without our reply (Thu 16:00 → Fri 16:00), not a minute before', () => {
		const [signal] = ofType([asked], 'slack.unanswered_question', { asOf: '2026-11-20T16:00:00Z' });
		expect(signal).toMatchObject({
			observedAt: '2026-11-20T16:00:00Z',
			value: 8,
			baseline: 8,
			evidence: 'Dana Kim (Acme) asked in #acme-shared on 19 Nov, unanswered for 8 business hours (limit 8): "Can someone look at the failed export job?"',
			attributes: { answered: false },
		});
		expect(ofType([asked], 'slack.unanswered_question', { asOf: '2026-11-20T15:59:00Z' })).toEqual([]);
	});

	it('is satisfied by our reply in time, in the thread or the channel; a late reply still counts', () => {
		const inThread = vendor('2026-11-20T15:00:00Z', 'Looking now.', { threadTs: asked.ts });
		expect(ofType([asked, inThread], 'slack.unanswered_question', { asOf: '2026-11-24T12:00:00Z' })).toEqual([]);
		const late = vendor('2026-11-23T10:00:00Z', 'Sorry, fixed.'); // Monday
		expect(ofType([asked, late], 'slack.unanswered_question', { asOf: '2026-11-24T12:00:00Z' }).map((s) => s.evidence)).toEqual([
			'Dana Kim (Acme) asked in #acme-shared on 19 Nov, answered after 10 business hours (limit 8): "Can someone look at the failed export job?"',
		]);
		const customerReply = customer('2026-11-20T09:30:00Z', 'Any update?', { threadTs: asked.ts, user: 'U_LEE', userName: 'Lee Park' });
		expect(ofType([asked, customerReply], 'slack.unanswered_question', { asOf: '2026-11-20T16:00:00Z' })).toHaveLength(1); // a colleague is not an answer
	});

	it('counts hours in the workflow time zone and skips a question whose replies were not read', () => {
		// Thu 16:00 UTC is Fri 01:00 in Tokyo: 8 business hours end Fri 17:00 Tokyo (08:00 UTC), long before 16:00 UTC
		expect(ofType([asked], 'slack.unanswered_question')).toEqual([]);
		expect(ofType([asked], 'slack.unanswered_question', { timezone: 'Asia/Tokyo' }).map((s) => [s.observedAt, s.evidence])).toEqual([
			['2026-11-20T17:00:00+09:00', 'Dana Kim (Acme) asked in #acme-shared on 20 Nov, unanswered for 8 business hours (limit 8): "Can someone look at the failed export job?"'],
		]);
		expect(ofType([customer('2026-11-19T16:00:00Z', 'Can someone help?', { replyCount: 2 })], 'slack.unanswered_question', { asOf: '2026-11-24T12:00:00Z' })).toEqual([]);
	});

	it('recognises questions with or without a question mark', () => {
		expect(['Can you check the export', 'Any update on the fix', 'Is this expected?'].map(isQuestion)).toEqual([true, true, true]);
		expect(['Thanks for the fix.', 'We can check tomorrow.'].map(isQuestion)).toEqual([false, false]);
	});
});

describe('slack.volume_drop and slack.new_members', () => {
	const baseline = ['2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02'].map((day) =>
		customer(`${day}T10:00:00Z`, 'Quick note.'),
	); // 8 in the 56 days before 6 Nov = 2 per 14 days

	it('fires at exactly a 50% drop in customer messages', () => {
		const [signal] = ofType([...baseline, customer('2026-11-12T10:00:00Z', 'Ok.')], 'slack.volume_drop');
		expect(signal.evidence).toBe('Customer messages in #acme-shared down 50%: 1 in the 14 days to 2026-11-20 vs an average of 2 per 14 days over the 56 days before');
		expect(ofType([...baseline, customer('2026-11-12T10:00:00Z', 'Ok.'), customer('2026-11-13T10:00:00Z', 'Ok.')], 'slack.volume_drop')).toEqual([]);
	});

	it('counts new customer-side people who posted for the first time', () => {
		const newcomers = [
			customer('2026-11-10T10:00:00Z', 'Hello all.', { user: 'U_ANA', userName: 'Ana Ruiz' }),
			customer('2026-11-11T10:00:00Z', 'Hi!', { user: 'U_BO', userName: 'Bo Chen' }),
			vendor('2026-11-12T10:00:00Z', 'Welcome.', { user: 'U_NEW_CSM', userName: 'New CSM' }),
		];
		expect(ofType([...baseline, ...newcomers], 'slack.new_members').map((s) => [s.evidence, s.value])).toEqual([
			['2 new people from the customer posted in #acme-shared in the 30 days to 2026-11-20: Ana Ruiz (Acme), Bo Chen (Acme)', 2],
		]);
		expect(ofType([...baseline, newcomers[0]], 'slack.new_members')).toEqual([]);
	});
});

describe('business hours', () => {
	const hours = businessHours({ zone: 'Europe/Berlin', holidays: ['2026-12-25'] });
	it('skips nights, weekends and holidays', () => {
		const friday = DateTime.fromISO('2026-12-24T16:00:00', { zone: 'Europe/Berlin' });
		expect(addBusinessHours(friday, 2, hours).toISO()).toBe('2026-12-28T10:00:00.000+01:00'); // Thu 16–17, then Mon (25th is a holiday)
		expect(businessHoursBetween(friday, DateTime.fromISO('2026-12-28T10:00:00', { zone: 'Europe/Berlin' }), hours)).toBe(2);
		expect(() => businessHours({ startHour: 18, endHour: 9 })).toThrow('Business hours: the working day 18–9 must be whole hours with start before end, within 0–24');
	});
});

describe('input items and thresholds', () => {
	it('reports a bad item by index and still detects the rest', () => {
		const { detections, unusable } = detectSlackSignalsFromItems(
			[{ accountId: 'acme', channelId: 'C1', ts: 'yesterday', user: 'U1', customerSide: 'yes' }, customer('2026-11-18T10:00:00Z', 'This is unacceptable.')],
			{ asOf: AS_OF },
		);
		expect(unusable).toEqual([{ itemIndex: 0, message: 'Slack message 0: ts "yesterday" is not a Slack timestamp such as "1763640000.000100"; customerSide "yes" should be a boolean, not a string' }]);
		expect(detections.map((d) => [d.signal.type, d.itemIndexes])).toEqual([['slack.escalation_language', [1]]]);
	});

	it('names the threshold that is wrong', () => {
		expect(() => resolveSlackThresholds({ unansweredMaxBusinessHours: 0 })).toThrow('Slack detection threshold "unansweredMaxBusinessHours" must be greater than 0, not 0');
	});
});
