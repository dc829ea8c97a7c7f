/**
 * CS Email Signals, "From Input Items": rows from n8n's Gmail / Outlook / IMAP nodes or a CSV with header-text
 * addresses; our domains decide the direction, the customer's domain the account. Exact signals and evidence:
 * an engaged contact gone silent, a new stakeholder on the thread, the tone shifting down, and an item that
 * cannot be used reported against its index.
 */
import { itemsInto, runWorkflow } from './harness';

const AS_OF = '2026-11-20T12:00:00Z';
const row = (id: string, thread: string, from: string, to: string, sentAt: string, text?: string, cc?: string) => ({ id, thread, from, to, ...(cc ? { cc } : {}), date: sentAt, ...(text ? { body: text } : {}) });
const DANA = 'Dana Kim <dana@acme.com>';
const SAM = 'Sam Ortiz <sam@vendor.io>';
const FIELD_MAPPING = { messageId: 'id', threadId: 'thread', sentAt: 'date', text: 'body' };
const parameters = { source: 'inputItems', asOf: AS_OF, fieldMapping: FIELD_MAPPING, vendorDomains: 'vendor.io', accountMapping: { rows: [{ from: 'acme.com', accountId: 'acme', accountName: 'Acme' }] } };
const run = (items: object[], extra: Record<string, unknown> = {}, node: Record<string, unknown> = {}) => runWorkflow(itemsInto('csEmailSignals', { ...parameters, ...extra }, items as never, node));

describe('CS Email Signals — from input items', () => {
	it('an engaged contact who stopped answering although we kept writing', async () => {
		const items = [
			row('1', 't1', DANA, SAM, '2026-09-20T10:00:00Z'),
			row('2', 't2', DANA, SAM, '2026-10-01T10:00:00Z'),
			row('3', 't3', DANA, SAM, '2026-10-15T10:00:00Z'),
			row('4', 't3', SAM, DANA, '2026-10-20T10:00:00Z'),
			row('5', 't4', SAM, DANA, '2026-11-05T10:00:00Z'),
		];
		const result = await run(items);
		expect(result.output('Node').map((s) => [s.type, s.evidence])).toEqual([
			[
				'email.thread_silence',
				'Dana Kim (Acme) has not written for 36 days (last e-mail 2026-10-15; 3 e-mails in the 90 days before) although we sent 2 e-mails since',
			],
		]);
		expect(result.items('Node')[0].pairedItem).toEqual([{ item: 2 }, { item: 3 }, { item: 4 }]);
	});

	it('a new stakeholder copied on the threads, and the customer’s tone shifting down, quoting the sharpest sentence', async () => {
		const LEE = 'Lee Park <lee@acme.com>';
		const items = [
			row('1', 't1', DANA, SAM, '2026-09-25T10:00:00Z', 'Great work on the rollout, the team loves it.'),
			row('2', 't1', DANA, SAM, '2026-10-02T10:00:00Z', 'Thanks, this is really helpful.'),
			row('3', 't1', DANA, SAM, '2026-10-10T10:00:00Z', 'Happy with the new reports.'),
			row('4', 't2', DANA, SAM, '2026-10-25T10:00:00Z', 'The export failed again, which is frustrating.', LEE),
			row('5', 't2', DANA, SAM, '2026-11-05T10:00:00Z', 'This is unacceptable, nothing works.', LEE),
			row('6', 't2', DANA, SAM, '2026-11-12T10:00:00Z', 'We are disappointed with the support.', LEE),
		];
		const result = await run(items);
		expect(result.output('Node').map((s) => [s.type, s.evidence])).toEqual([
			['email.new_stakeholder', 'New stakeholder on e-mail: Lee Park (Acme) first appeared 2026-10-25 and is on 3 messages in 1 thread in the 30 days to 2026-11-20'],
			[
				'email.sentiment_shift',
				'Customer e-mail tone fell from +0.72 (3 e-mails in the 30 days before) to -0.55 (3 e-mails in the 30 days to 2026-11-20); Dana Kim (Acme) wrote on 25 Oct: "The export failed again, which is frustrating."',
			],
		]);
	});

	it('an item that cannot be used names its index and field; with Continue On Fail the others still give signals', async () => {
		const items = [row('1', 't1', 'not an address', SAM, '2026-11-18T10:00:00Z'), row('2', 't2', DANA, SAM, '2026-11-18T11:00:00Z', 'We have decided to cancel at the end of the term.')];
		const failed = await run(items);
		expect(failed.error('Node')?.message).toBe('e-mail message 0: accountId is required but missing; from "not an address" is not an e-mail address; direction is required but missing');
		const kept = await run(items, {}, { continueOnFail: true });
		expect(kept.items('Node').map((item) => [item.json.type ?? item.json.error, item.pairedItem])).toEqual([
			['crm.cancel_intent', { item: 1 }],
			['e-mail message 0: accountId is required but missing; from "not an address" is not an e-mail address; direction is required but missing', { item: 0 }],
		]);
	});
});
