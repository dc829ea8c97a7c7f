/**
 * E-mail detectors: exact signals and evidence sentences from canonical messages.
 */
import { signalId } from '../../engine/model';
import { detectEmailSignals, detectEmailSignalsFromItems, resolveEmailThresholds, type EmailDetectionOptions } from '../../engine/detect/email';
import type { EmailMessage } from '../../engine/model';
import { emailEntries, exchange, inbound, outbound } from '../fixtures/conversations/email';

const AS_OF = '2026-11-20T12:00:00Z';
const OPTIONS: EmailDetectionOptions = {
	asOf: AS_OF,
	system: 'gmail',
	accountNames: { acme: 'Acme' },
	contacts: [{ name: 'Dana Kim', email: 'dana@acme.com', title: 'VP Ops' }],
};
const detect = (messages: EmailMessage[], options: EmailDetectionOptions = {}) => detectEmailSignals(emailEntries(messages), { ...OPTIONS, ...options }).map((d) => d.signal);
const ofType = (messages: EmailMessage[], type: string, options?: EmailDetectionOptions) => detect(messages, options).filter((s) => s.type === type);

describe('email.response_time_degrading', () => {
	const earlier = [...exchange('a', '2026-09-25T09:00:00Z', 4), ...exchange('b', '2026-10-05T09:00:00Z', 6)]; // median 5 h

	it('fires when the median customer reply time exactly doubles ("response time doubles")', () => {
		const recent = [...exchange('c', '2026-10-28T09:00:00Z', 10), ...exchange('d', '2026-11-10T09:00:00Z', 10)];
		const [signal] = ofType([...earlier, ...recent], 'email.response_time_degrading');
		expect(signal).toMatchObject({
			id: signalId('gmail', 'acme:reply-time@2026-11-20', 'email.response_time_degrading'),
			category: 'email',
			severity: 5,
			value: 10,
			baseline: 5,
			observedAt: AS_OF,
			evidence: 'Customer reply time up 100%: median 10 hours over the 30 days to 2026-11-20 (2 replies) vs 5 hours over the 30 days before (2 replies)',
		});
	});

	it('does not fire just under double, nor without enough replies in each half', () => {
		const recent = [...exchange('c', '2026-10-28T09:00:00Z', 9.9), ...exchange('d', '2026-11-10T09:00:00Z', 9.9)];
		expect(ofType([...earlier, ...recent], 'email.response_time_degrading')).toEqual([]);
		expect(ofType([...earlier, ...exchange('c', '2026-10-28T09:00:00Z', 40)], 'email.response_time_degrading')).toEqual([]);
	});
});

describe('email.shorter_replies', () => {
	const at = (days: string[], words: number) => days.map((day) => inbound(`${day}T10:00:00Z`, { wordCount: words }));
	const prior = at(['2026-08-01', '2026-08-15', '2026-09-01', '2026-09-15'], 100);

	it('fires at exactly a 40% drop in average words', () => {
		const [signal] = ofType([...prior, ...at(['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-15'], 60)], 'email.shorter_replies');
		expect(signal.evidence).toBe('Customer e-mails 40% shorter: 60 words on average over the 60 days to 2026-11-20 (4 e-mails) vs 100 words over the 60 days before (4 e-mails)');
		expect([signal.value, signal.baseline]).toEqual([60, 100]);
	});

	it('does not fire at 39%, and counts the words of the message\'s own text when no count is given', () => {
		expect(ofType([...prior, ...at(['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-15'], 61)], 'email.shorter_replies')).toEqual([]);
		const quotedLong = 'Fine.\n\nOn Mon, 16 Nov 2026 at 09:12, Sam Ortiz <sam@vendor.io> wrote:\n> ' + 'word '.repeat(200);
		const recent = ['2026-10-01', '2026-10-15', '2026-11-01', '2026-11-15'].map((day) => inbound(`${day}T10:00:00Z`, { text: quotedLong }));
		expect(ofType([...prior, ...recent], 'email.shorter_replies')[0].evidence).toBe(
			'Customer e-mails 99% shorter: 1 word on average over the 60 days to 2026-11-20 (4 e-mails) vs 100 words over the 60 days before (4 e-mails)',
		);
	});
});

describe('email.thread_silence (an engaged contact going silent)', () => {
	const engaged = [inbound('2026-09-01T12:00:00Z'), inbound('2026-09-20T12:00:00Z'), inbound('2026-10-20T12:00:00Z')];
	const chasers = [outbound('2026-10-27T09:00:00Z'), outbound('2026-11-10T09:00:00Z')];

	it('fires when the contact has not written for 21 days while we kept writing', () => {
		const [signal] = ofType([...engaged, ...chasers], 'email.thread_silence');
		expect(signal).toMatchObject({
			evidence: 'Dana Kim (Acme, VP Ops) has not written for 31 days (last e-mail 2026-10-20; 3 e-mails in the 90 days before) although we sent 2 e-mails since',
			observedAt: '2026-11-10T12:00:00Z',
			source: { system: 'gmail', ref: 'acme:dana@acme.com:since:2026-10-20' },
		});
		expect(ofType([...engaged, ...chasers], 'email.thread_silence', { asOf: '2026-11-10T12:00:00Z' })).toHaveLength(1); // exactly 21 days
		expect(ofType([...engaged, ...chasers], 'email.thread_silence', { asOf: '2026-11-10T11:59:00Z' })).toEqual([]);
	});

	it('does not fire when both sides went quiet, or for a contact who was never engaged', () => {
		expect(ofType(engaged, 'email.thread_silence')).toEqual([]);
		expect(ofType([engaged[2], ...chasers], 'email.thread_silence')).toEqual([]);
	});
});

describe('email.new_stakeholder', () => {
	const ana = { email: 'ana@acme.com', name: 'Ana Ruiz' };
	it('fires for a customer-side address first seen in the window on at least two messages', () => {
		const messages = [
			inbound('2026-09-10T10:00:00Z'),
			outbound('2026-11-02T10:00:00Z', { threadId: 'r', cc: [ana] }),
			inbound('2026-11-03T10:00:00Z', { threadId: 'r', from: ana }),
		];
		expect(ofType(messages, 'email.new_stakeholder').map((s) => [s.evidence, s.source.ref, s.value])).toEqual([
			['New stakeholder on e-mail: Ana Ruiz (Acme) first appeared 2026-11-02 and is on 2 messages in 1 thread in the 30 days to 2026-11-20', 'acme:ana@acme.com', 2],
		]);
		expect(ofType(messages.slice(0, 2), 'email.new_stakeholder')).toEqual([]);
	});
});

describe('text: tone shift and budget / cancellation language', () => {
	const warm = ['The rollout went really smoothly, thank you.', 'Great call today, lots of useful ideas.', 'The team is thrilled with the new reports.'];
	const cold = ['The export is still broken and we are frustrated.', 'This delay is hurting our credibility with our own customers.', 'We are very unhappy with how this incident was handled.'];

	it('email.sentiment_shift: the customer\'s tone fell by at least 0.3 between two 30-day windows', () => {
		const messages = [
			...warm.map((text, i) => inbound(`2026-10-0${i + 1}T10:00:00Z`, { text })),
			...cold.map((text, i) => inbound(`2026-11-0${i + 2}T10:00:00Z`, { text, url: `https://mail.google.com/mail/u/0/#all/x${i}` })),
		];
		const [signal] = ofType(messages, 'email.sentiment_shift');
		expect(signal.evidence).toBe(
			'Customer e-mail tone fell from +0.68 (3 e-mails in the 30 days before) to -0.64 (3 e-mails in the 30 days to 2026-11-20); ' +
				'Dana Kim (Acme, VP Ops) wrote on 2 Nov: "The export is still broken and we are frustrated."',
		);
		expect(signal.source.url).toBe('https://mail.google.com/mail/u/0/#all/x0');
	});

	it('budget and cancellation language in the message itself, never in the quoted history or when negated', () => {
		const text =
			'Hi Sam,\n\nWe are not planning to cancel. But finance asked us to justify the cost before renewal.\n\nThanks,\nDana\n\n' +
			'On Mon, 16 Nov 2026 at 09:12, Sam Ortiz <sam@vendor.io> wrote:\n> Do you plan to cancel the contract?';
		const signals = detect([inbound('2026-11-18T10:00:00Z', { messageId: 'msg-1', text })]).filter((s) => s.type !== 'email.sentiment_shift');
		expect(signals.map((s) => [s.type, s.evidence, s.source.ref])).toEqual([
			['email.budget_language', 'Dana Kim (Acme, VP Ops) wrote on 18 Nov: "But finance asked us to justify the cost before renewal."', 'msg-1'],
		]);
		const leaving = detect([inbound('2026-11-18T10:00:00Z', { messageId: 'msg-2', text: 'We have decided to terminate the contract.' })]);
		expect(leaving.map((s) => [s.type, s.evidence])).toEqual([['crm.cancel_intent', 'Dana Kim (Acme, VP Ops) wrote on 18 Nov: "We have decided to terminate the contract."']]);
	});

	it('only the customer\'s e-mails are read for language', () => {
		expect(detect([outbound('2026-11-18T10:00:00Z', { text: 'Happy to help you justify the cost before renewal.' })])).toEqual([]);
	});
});

describe('input items and thresholds', () => {
	it('reports a bad item by index and still detects the rest', () => {
		const { detections, unusable } = detectEmailSignalsFromItems(
			[
				{ accountId: 'acme', threadId: 't', messageId: 'm', from: 'not-an-address', sentAt: '2026-11-18', direction: 'sideways' },
				{ ...inbound('2026-11-18T10:00:00Z', { text: 'We need to justify the cost before renewal.' }) },
			],
			OPTIONS,
		);
		expect(unusable).toEqual([{ itemIndex: 0, message: 'e-mail message 0: from "not-an-address" is not an e-mail address; direction "sideways" is not one of "inbound", "outbound"' }]);
		expect(detections.map((d) => [d.signal.type, d.itemIndexes])).toEqual([['email.budget_language', [1]]]);
	});

	it('names the threshold that is wrong', () => {
		expect(() => resolveEmailThresholds({ silentDays: -1 })).toThrow('E-mail detection threshold "silentDays" must be greater than 0, not -1');
		expect(resolveEmailThresholds({ responseIncreasePct: 50 }).responseIncreasePct).toBe(50);
	});
});
