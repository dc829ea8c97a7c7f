/**
 * The support detectors that read what tickets say: repeat issue (the same topic coming back within 60 days),
 * frustration language in the customer's own comments (negation-aware; only the triggering sentence is quoted)
 * and SLA breach (the provider's breach events, or a first reply past 24 hours without SLA data). Exact evidence.
 */
import { detectSupportSignals, type SupportTicket } from '../../engine/detect/support';
import { signalId } from '../../engine/model';

const AS_OF = '2026-11-20T12:00:00Z';
const t = (id: string, createdAt: string, subject: string, extra: Partial<SupportTicket> = {}): SupportTicket => ({
	accountId: 'acme',
	ticketId: id,
	createdAt,
	priority: 'normal',
	status: 'open',
	subject,
	url: `https://acme.zendesk.com/agent/tickets/${id}`,
	...extra,
});
const detect = (tickets: SupportTicket[], options = {}) => detectSupportSignals(tickets.map((ticket, itemIndex) => ({ ticket, itemIndex })), { asOf: AS_OF, ...options });
const ofType = (tickets: SupportTicket[], type: string, options = {}) => detect(tickets, options).filter((d) => d.signal.type === type);

describe('support.repeat_issue', () => {
	const first = t('101', '2026-10-01T09:00:00Z', 'CSV export fails on large reports', { status: 'solved', solvedAt: '2026-10-02T09:00:00Z' });
	const again = t('118', '2026-10-20T09:00:00Z', 'Export failing again');
	const third = t('131', '2026-11-12T09:00:00Z', 'Large report export failed');

	it('the same issue coming back: subjects sharing topic words, newest first, with what they share', () => {
		const [repeat] = ofType([first, again, third, t('140', '2026-11-15T09:00:00Z', 'Invoice address change')], 'support.repeat_issue');
		expect(repeat.signal).toMatchObject({
			id: signalId('zendesk', 'repeat:101', 'support.repeat_issue'),
			severity: 6,
			value: 3,
			observedAt: '2026-11-12T09:00:00Z',
			evidence:
				'The same issue came back: 3 tickets in 42 days share "export, fail, large and report": #131 "Large report export failed" (2026-11-12), #118 "Export failing again" (2026-10-20), #101 "CSV export fails on large reports" (2026-10-01)',
		});
		expect(repeat.itemIndexes).toEqual([0, 1, 2]);
	});

	it('not when the tickets share one word only, nor outside the 60-day window, nor two tickets of one incident on one day', () => {
		expect(ofType([t('1', '2026-11-01T09:00:00Z', 'Export question'), t('2', '2026-11-10T09:00:00Z', 'Export to PDF please')], 'support.repeat_issue')).toEqual([]);
		expect(ofType([t('1', '2026-09-01T09:00:00Z', 'Export fails'), t('2', '2026-11-10T09:00:00Z', 'Export fails again')], 'support.repeat_issue')).toEqual([]);
		expect(ofType([t('1', '2026-11-18T08:15:00Z', 'SSO login failing for all users'), t('2', '2026-11-18T16:40:00Z', 'SSO login failing for users')], 'support.repeat_issue')).toEqual([]);
		// … but a ticket opened after the first was solved came back, however soon
		expect(ofType([t('1', '2026-11-18T08:15:00Z', 'SSO login failing', { solvedAt: '2026-11-18T10:00:00Z', status: 'solved' }), t('2', '2026-11-18T16:40:00Z', 'SSO login failing again')], 'support.repeat_issue')).toHaveLength(1);
	});
});

describe('support.frustration_language', () => {
	const comments = (...list: Array<[boolean, string]>) => list.map(([fromCustomer, text]) => ({ fromCustomer, text, createdAt: '2026-11-18T10:00:00Z' }));

	it('quotes the customer’s frustrated sentence, not ours, and counts how many there were', () => {
		const ticket = t('201', '2026-11-10T09:00:00Z', 'Report emails not arriving', {
			comments: comments(
				[true, 'The scheduled report did not arrive on Monday.'],
				[false, 'We are sorry, this must be frustrating. We are looking into it.'],
				[true, 'This is the third time we report this. Honestly this is unacceptable.'],
			),
		});
		const [signal] = ofType([ticket], 'support.frustration_language');
		expect(signal.signal).toMatchObject({
			id: signalId('zendesk', '201', 'support.frustration_language'),
			observedAt: '2026-11-18T10:00:00Z',
			value: 2,
			evidence: 'The customer on ticket #201 "Report emails not arriving" wrote: "This is the third time we report this." (2 frustrated sentences on the ticket)',
			attributes: { ticketId: '201', phrases: ['third time', 'unacceptable'] },
		});
	});

	it('negation and severity words are not frustration; without comments the description is the customer’s first comment', () => {
		const calm = t('202', '2026-11-12T09:00:00Z', 'Question about exports', { comments: comments([true, 'We are not frustrated at all, just checking the export format.'], [true, 'Urgent: production outage since 9:00, all users blocked.']) });
		expect(ofType([calm], 'support.frustration_language')).toEqual([]);
		const described = t('203', '2026-11-12T09:00:00Z', 'Still broken', { description: 'The export is still broken after your fix. We are losing patience.' });
		expect(ofType([described], 'support.frustration_language').map((d) => d.signal.evidence)).toEqual([
			'The customer on ticket #203 "Still broken" wrote: "The export is still broken after your fix." (2 frustrated sentences on the ticket)',
		]);
	});

	it('redacts names and numbers inside the quote and the subject when asked', () => {
		const ticket = t('204', '2026-11-12T09:00:00Z', 'Call Dana on 415 555 0100', { comments: comments([true, 'Third time asking: call dana@acme.com, 40 users are blocked and this is unacceptable.']) });
		expect(ofType([ticket], 'support.frustration_language', { redact: true })[0].signal.evidence).toBe(
			'The customer on ticket #204 "Call Dana on [phone]" wrote: "Third time asking: call [email], [number] users are blocked and this is unacceptable."',
		);
	});
});

describe('support.sla_breach', () => {
	it('from the provider’s breach events: the metric, the policy and its target', () => {
		const ticket = t('301', '2026-11-16T09:00:00Z', 'Dashboard down', { slaBreaches: [{ metric: 'reply_time', breachedAt: '2026-11-16T17:00:00Z', policy: 'Enterprise', targetMinutes: 480 }] });
		expect(ofType([ticket], 'support.sla_breach').map((d) => [d.signal.id, d.signal.evidence, d.signal.baseline])).toEqual([
			[signalId('zendesk', '301:reply_time', 'support.sla_breach'), 'SLA breached on ticket #301 "Dashboard down": first reply time (policy "Enterprise", target 8 hours) missed on 2026-11-16 17:00 UTC', 480],
		]);
	});

	it('without SLA data a first reply later than 24 hours is the breach; with SLA data and no breach there is none', () => {
		const late = t('302', '2026-11-10T09:00:00Z', 'Billing question', { firstReplyMinutes: 31 * 60 });
		expect(ofType([late], 'support.sla_breach').map((d) => d.signal.evidence)).toEqual(['First reply on ticket #302 "Billing question" took 31 hours, past the 24-hour limit (no SLA policy data)']);
		expect(ofType([t('303', '2026-11-10T09:00:00Z', 'x', { firstReplyMinutes: 24 * 60 })], 'support.sla_breach')).toEqual([]);
		expect(ofType([{ ...late, slaBreaches: [] }], 'support.sla_breach')).toEqual([]);
	});
});
