import { DateTime } from 'luxon';
import {
	DEFAULT_SUPPORT_FIELD_MAP,
	SUPPORT_FIELD_LABELS,
	defaultSupportThresholds,
	detectSupportSignals,
	detectSupportSignalsFromItems,
	mapTicket,
	resolveFieldMap,
	resolveSupportThresholds,
	type SupportTicket,
	type TicketEntry,
} from '../../engine/detect/support';
import { SignalSchema, signalId } from '../../engine/model';
import { getSignalType } from '../../engine/taxonomy';
import tickets from '../fixtures/support/tickets.json';

const AS_OF = '2026-11-20T12:00:00Z';
const asOf = DateTime.fromISO(AS_OF, { setZone: true });

let nextId = 1000;
/** A mapped ticket created `daysAgo` days before AS_OF. */
function ticket(daysAgo: number, overrides: Partial<SupportTicket> = {}): SupportTicket {
	return {
		accountId: 'acct-1',
		ticketId: String(nextId++),
		createdAt: asOf.minus({ days: daysAgo }).toISO()!,
		priority: 'normal',
		status: 'open',
		subject: 'Something is off',
		...overrides,
	};
}
const entries = (list: SupportTicket[]): TicketEntry[] => list.map((t, itemIndex) => ({ ticket: t, itemIndex }));
const detect = (list: SupportTicket[], thresholds = {}) =>
	detectSupportSignals(entries(list), { asOf: AS_OF, thresholds }).map((d) => d.signal);
const ofType = (list: SupportTicket[], type: string, thresholds = {}) => detect(list, thresholds).filter((s) => s.type === type);
/** `count` tickets spread evenly over (from, to] days ago, all solved quickly so only volume matters. */
function spread(count: number, fromDaysAgo: number, toDaysAgo: number, accountId = 'acct-1'): SupportTicket[] {
	return Array.from({ length: count }, (_, i) =>
		ticket(toDaysAgo + ((fromDaysAgo - toDaysAgo) * (i + 0.5)) / count, { accountId, status: 'closed', resolutionMinutes: 60 }),
	);
}

describe('taxonomy defaults', () => {
	it('reads every threshold from the taxonomy detection parameters', () => {
		expect(defaultSupportThresholds()).toEqual({
			volumeSpikeWindowDays: getSignalType('support.volume_spike').detection.windowDays,
			volumeSpikeBaselineDays: getSignalType('support.volume_spike').detection.baselineDays,
			volumeSpikeIncreasePct: 40,
			volumeSpikeMinTickets: getSignalType('support.volume_spike').detection.minTickets,
			ticketBurstMinTickets: 3,
			ticketBurstWindowDays: 7,
			lowCsatMaxScore: getSignalType('support.low_csat').detection.maxScore,
			slowResolutionMaxHours: getSignalType('support.slow_resolution').detection.maxResolutionHours,
			ticketLookbackDays: 30,
			repeatIssueMinTickets: getSignalType('support.repeat_issue').detection.minSimilarTickets,
			repeatIssueWindowDays: 60,
			repeatIssueMinSharedWords: 2,
			repeatIssueMinGapDays: 3,
			frustrationWindowDays: getSignalType('support.frustration_language').detection.windowDays,
			frustrationMinMentions: 1,
			slaFirstResponseHours: getSignalType('support.sla_breach').detection.firstResponseHours,
		});
	});

	it('rejects unknown or nonsensical overrides by name', () => {
		expect(() => resolveSupportThresholds({ burst: 3 })).toThrow('Detection threshold "burst" is unknown');
		expect(() => resolveSupportThresholds({ ticketBurstWindowDays: 0 })).toThrow(
			'Detection threshold "ticketBurstWindowDays" must be greater than 0, not 0',
		);
		expect(() => resolveSupportThresholds({ lowCsatMaxScore: 7 })).toThrow('Detection threshold "lowCsatMaxScore" is on a 1–5 scale, not 7');
		expect(resolveSupportThresholds({ ticketBurstMinTickets: 5 }).ticketBurstMinTickets).toBe(5);
	});
});

describe('mapping Zendesk-shaped tickets', () => {
	it('maps a Zendesk ticket with the default field map', () => {
		expect(mapTicket(tickets[9], 9)).toEqual({
			accountId: '360001',
			ticketId: '5103',
			createdAt: '2026-11-18T08:15:00Z',
			updatedAt: '2026-11-19T16:00:00Z',
			priority: 'urgent',
			status: 'open',
			subject: 'SSO login failing for all users',
			description: 'SSO login failing for all users.',
			url: 'https://acme.zendesk.com/agent/tickets/5103',
			tags: ['sso', 'outage'],
		});
	});

	it('accepts webhook-style uppercase values, string ids, null priority and un-answered surveys', () => {
		const mapped = mapTicket(
			{ id: '77', organization_id: '8447346622462', created_at: '2025-01-08T10:12:07+01:00', priority: null, status: 'SOLVED', subject: 'Hi', satisfaction_rating: { score: 'offered' } },
			0,
		);
		expect(mapped).toEqual({ accountId: '8447346622462', ticketId: '77', createdAt: '2025-01-08T10:12:07+01:00', priority: null, status: 'solved', subject: 'Hi' });
	});

	it('reads custom dot paths and 1–5 scores', () => {
		const fieldMap = resolveFieldMap({ accountKey: 'account.key', satisfactionScore: 'survey.score', resolutionMinutes: 'minutes' });
		const mapped = mapTicket(
			{ id: 1, account: { key: 'acme' }, created_at: '2026-11-01T00:00:00Z', priority: 'low', status: 'closed', subject: 'x', survey: { score: '2' }, minutes: 90 },
			0,
			fieldMap,
		);
		expect(mapped).toMatchObject({ accountId: 'acme', satisfactionScore: 2, resolutionMinutes: 90 });
	});

	it('names item, field, value and fix for a bad date', () => {
		expect(() => mapTicket({ ...tickets[0], created_at: 'yesterday' }, 2)).toThrow(
			'ticket 2: created_at "yesterday" is not an ISO-8601 date (map "Created At Field" to a field holding ISO-8601 dates)',
		);
	});

	it('lists every problem of one item', () => {
		const { organization_id: _ignored, ...withoutOrg } = tickets[0];
		expect(() => mapTicket({ ...withoutOrg, priority: 'P1', satisfaction_rating: { score: 'meh' } }, 4)).toThrow(
			'ticket 4: organization_id is missing (map "Account Key Field" to a field holding the account key (e.g. organization_id)); ' +
				'priority "P1" is not one of urgent, high, normal, low (map "Priority Field" to a field holding urgent, high, normal or low); ' +
				'satisfaction_rating.score "meh" is not a rating (good, bad, offered, unoffered or a score from 1 to 5) (map "Satisfaction Score Field" to a field holding good/bad ratings or 1–5 scores)',
		);
	});

	it('rejects a mapping left empty for a required field and unknown mapping names', () => {
		expect(() => resolveFieldMap({ createdAt: ' ' })).toThrow('"Created At Field" is empty: name the field that holds ISO-8601 dates');
		expect(() => resolveFieldMap({ created: 'x' })).toThrow('Field mapping "created" is unknown');
	});

	it('has a label for every mapped field', () => {
		expect(Object.keys(SUPPORT_FIELD_LABELS).sort()).toEqual(Object.keys(DEFAULT_SUPPORT_FIELD_MAP).sort());
	});

	it('reports bad items and still detects from the good ones', () => {
		const items = [...tickets, { ...tickets[0], id: 9999, created_at: 'yesterday' }];
		const result = detectSupportSignalsFromItems(items, { asOf: AS_OF });
		expect(result.unusable.map((e) => [e.itemIndex, e.message])).toEqual([
			[18, 'ticket 18: created_at "yesterday" is not an ISO-8601 date (map "Created At Field" to a field holding ISO-8601 dates)'],
		]);
		expect(result.detections).toHaveLength(7);
	});
});

describe('support.volume_spike', () => {
	const TYPE = 'support.volume_spike';
	const week = { volumeSpikeWindowDays: 7, volumeSpikeBaselineDays: 28, volumeSpikeMinTickets: 5 };

	it('compares the last window with the weekly average of the baseline window', () => {
		const list = [...spread(40, 35, 7), ...spread(15, 7, 0)];
		const [signal] = ofType(list, TYPE, week);
		expect(signal.evidence).toBe('Tickets up 50% (15 in the 7 days to 2026-11-20 vs an average of 10 per 7 days over the 28 days before)');
		expect(signal).toMatchObject({ value: 15, baseline: 10, severity: 6, observedAt: AS_OF, detectedAt: AS_OF });
		expect(signal.attributes).toMatchObject({ increasePct: 50, baselineTicketCount: 40, windowDays: 7, baselineDays: 28 });
	});

	it('fires at exactly the threshold and not one ticket below it', () => {
		const baseline = spread(40, 35, 7);
		expect(ofType([...baseline, ...spread(14, 7, 0)], TYPE, week).map((s) => s.evidence)).toEqual([
			'Tickets up 40% (14 in the 7 days to 2026-11-20 vs an average of 10 per 7 days over the 28 days before)',
		]);
		expect(ofType([...baseline, ...spread(13, 7, 0)], TYPE, week)).toEqual([]);
	});

	it('uses the taxonomy windows by default', () => {
		const { volumeSpikeWindowDays: w, volumeSpikeBaselineDays: b } = defaultSupportThresholds();
		// 1.0 per window in the baseline, 3 now: +200%
		const list = [...spread(b / w, w + b, w), ...spread(3, w, 0)];
		expect(ofType(list, TYPE).map((s) => [s.evidence, s.severity])).toEqual([
			[`Tickets up 200% (3 in the ${w} days to 2026-11-20 vs an average of 1 per ${w} days over the ${b} days before) — at least three times the usual volume`, 8],
		]);
	});

	it('is not a spike below the minimum ticket count, however large the increase', () => {
		const list = [...spread(4, 35, 7), ...spread(4, 7, 0)]; // 1 a week → 4: +300%, but only 4 tickets
		expect(ofType(list, TYPE, week)).toEqual([]);
		expect(ofType([...spread(4, 35, 7), ...spread(5, 7, 0)], TYPE, week).map((s) => s.severity)).toEqual([8]);
	});

	it('needs a baseline: an account with no earlier tickets has no spike', () => {
		expect(ofType(spread(10, 7, 0), TYPE, week)).toEqual([]);
	});

	it('measures the baseline only over the history the account has: five weeks of steady tickets are not a spike', () => {
		// 30-day window, 90-day baseline; one ticket a week for five weeks. The baseline period holds one ticket,
		// but the account's history reaches only 7 days into it: too short to call the current month a spike.
		const steady = [9, 16, 23, 30, 37].map((daysAgo) => ticket(daysAgo));
		expect(ofType(steady, TYPE)).toEqual([]);
		// History reaching 45 days into the baseline counts as two windows (60 days): 3 tickets → 1.5 per 30 days
		// (over the full 90 days it would read as 1 per 30 days and overstate the spike).
		const longer = [2, 5, 9, 12, 16, 19, 40, 60, 75].map((daysAgo) => ticket(daysAgo));
		expect(ofType(longer, TYPE).map((s) => s.evidence)).toEqual([
			'Tickets up 300% (6 in the 30 days to 2026-11-20 vs an average of 1.5 per 30 days over the 60 days before) — at least three times the usual volume',
		]);
	});

	it('raises severity by one when volume at least doubled', () => {
		const [signal] = ofType([...spread(20, 35, 7), ...spread(10, 7, 0)], TYPE, week);
		expect(signal.evidence).toBe(
			'Tickets up 100% (10 in the 7 days to 2026-11-20 vs an average of 5 per 7 days over the 28 days before) — at least twice the usual volume',
		);
		expect(signal.severity).toBe(getSignalType(TYPE).defaultSeverity + 1);
	});

	it('keeps the same id for re-runs on the same day, a new one the next day', () => {
		const list = [...spread(40, 35, 7), ...spread(15, 3, 0)];
		const at = (when: string) => detectSupportSignals(entries(list), { asOf: when, thresholds: week }).find((d) => d.signal.type === TYPE)!.signal.id;
		expect(at('2026-11-20T12:00:00Z')).toBe(at('2026-11-20T12:00:00Z'));
		expect(at('2026-11-20T12:00:00Z')).toBe(signalId('zendesk', 'acct-1@2026-11-20', TYPE));
		expect(at('2026-11-20T23:00:00Z')).toBe(at('2026-11-20T12:00:00Z'));
		expect(at('2026-11-21T12:00:00Z')).not.toBe(at('2026-11-20T12:00:00Z'));
	});
});

describe('support.ticket_burst', () => {
	const TYPE = 'support.ticket_burst';
	it('fires at 3 tickets in 7 days', () => {
		const list = [ticket(6.9, { ticketId: '11' }), ticket(3, { ticketId: '12' }), ticket(0.5, { ticketId: '13' })];
		const [signal] = ofType(list, TYPE);
		expect(signal.evidence).toBe('3 tickets in the 7 days to 2026-11-20 (#11, #12, #13)');
		expect(signal).toMatchObject({ severity: 7, value: 3, accountId: 'acct-1', observedAt: AS_OF });
	});

	it('does not fire at 2 tickets, nor when the third is just outside the window', () => {
		expect(ofType([ticket(3), ticket(1)], TYPE)).toEqual([]);
		expect(ofType([ticket(7.01), ticket(3), ticket(1)], TYPE)).toEqual([]);
	});

	it('raises severity per ticket above the threshold, at most +2', () => {
		const five = [1, 2, 3, 4, 5].map((d) => ticket(d, { ticketId: `2${d}` }));
		const [signal] = ofType(five, TYPE);
		expect(signal.evidence).toBe('5 tickets in the 7 days to 2026-11-20 (#25, #24, #23, #22, #21), 2 above the burst threshold of 3');
		expect(signal.severity).toBe(9);
		expect(ofType([...five, ticket(0.1)], TYPE)[0].severity).toBe(9);
	});
});

describe('support.sev1_escalation', () => {
	const TYPE = 'support.sev1_escalation';
	it('fires per urgent ticket, raised while still unsolved', () => {
		const list = [
			ticket(1.5, { ticketId: '4521', priority: 'urgent', subject: 'SSO outage for all users', url: 'https://acme.zendesk.com/agent/tickets/4521' }),
			ticket(2, { ticketId: '4522', priority: 'urgent', status: 'solved', subject: 'API down' }),
		];
		const signals = ofType(list, TYPE);
		expect(signals.map((s) => [s.evidence, s.severity, s.observedAt])).toEqual([
			['Urgent ticket #4522 "API down" opened 2026-11-18', 9, '2026-11-18T12:00:00Z'],
			['Urgent ticket #4521 "SSO outage for all users" opened 2026-11-19, still unsolved', 10, '2026-11-19T00:00:00Z'],
		]);
		expect(signals[1].source).toEqual({ system: 'zendesk', ref: '4521', url: 'https://acme.zendesk.com/agent/tickets/4521' });
		expect(signals[1].id).toBe(signalId('zendesk', '4521', TYPE));
	});

	it('does not fire for a high-priority ticket or an urgent one older than the lookback', () => {
		expect(ofType([ticket(1, { priority: 'high' }), ticket(30.01, { priority: 'urgent' })], TYPE)).toEqual([]);
		expect(ofType([ticket(29.99, { priority: 'urgent' })], TYPE)).toHaveLength(1);
	});

	it('keeps the offset the ticket was written with', () => {
		const [signal] = ofType([ticket(0, { priority: 'urgent', createdAt: '2026-11-20T09:00:00+02:00' })], TYPE);
		expect(signal.observedAt).toBe('2026-11-20T09:00:00+02:00');
	});
});

describe('support.low_csat', () => {
	const TYPE = 'support.low_csat';
	it('fires on a bad rating and on a score at the threshold', () => {
		const list = [
			ticket(3, { ticketId: '31', subject: 'Invoice wrong', satisfactionScore: 'bad', status: 'solved' }),
			ticket(2, { ticketId: '32', subject: 'Slow export', satisfactionScore: 3, status: 'solved' }),
		];
		expect(ofType(list, TYPE).map((s) => [s.evidence, s.value, s.severity])).toEqual([
			['Ticket #31 "Invoice wrong" rated bad by the customer', 1, 6],
			['Ticket #32 "Slow export" rated 3/5 by the customer', 3, 6],
		]);
	});

	it('does not fire just above the threshold or on a good rating', () => {
		expect(ofType([ticket(2, { satisfactionScore: 4 }), ticket(2, { satisfactionScore: 'good' })], TYPE)).toEqual([]);
		expect(ofType([ticket(2, { satisfactionScore: 3 })], TYPE, { lowCsatMaxScore: 2 })).toEqual([]);
	});
});

describe('support.slow_resolution', () => {
	const TYPE = 'support.slow_resolution';
	it('fires when resolution took longer than the threshold, not at it', () => {
		const slow = ticket(10, { ticketId: '41', subject: 'Webhook retries', status: 'solved', resolutionMinutes: 73 * 60 });
		const onTime = ticket(10, { ticketId: '42', status: 'solved', resolutionMinutes: 72 * 60 });
		const [signal] = ofType([slow, onTime], TYPE);
		expect(signal.evidence).toBe('Ticket #41 "Webhook retries" took 73 hours to resolve (threshold 72 hours)');
		expect(signal).toMatchObject({ value: 73, baseline: 72, severity: 5, observedAt: '2026-11-13T13:00:00Z' });
	});

	it('computes resolution from solved-at when no minutes are given, raised at twice the threshold', () => {
		const t = ticket(10, { ticketId: '43', subject: 'SAML', status: 'closed', solvedAt: asOf.minus({ days: 4 }).toISO()! });
		const [signal] = ofType([t], TYPE);
		expect(signal.evidence).toBe('Ticket #43 "SAML" took 144 hours to resolve (threshold 72 hours), at least twice the threshold');
		expect(signal.severity).toBe(6);
	});

	it('fires for a ticket still unsolved past the threshold, observed when it crossed it', () => {
		const t = ticket(5, { ticketId: '44', subject: 'Audit log', status: 'pending' });
		const [signal] = ofType([t], TYPE);
		expect(signal.evidence).toBe('Ticket #44 "Audit log" still unsolved after 120 hours (threshold 72 hours)');
		expect(signal.observedAt).toBe('2026-11-18T12:00:00Z');
		expect(ofType([ticket(2.99, { status: 'open' })], TYPE)).toEqual([]);
		// the same signal id on later runs, and once it is solved
		const later = detectSupportSignals(entries([t]), { asOf: '2026-11-22T12:00:00Z' })[0].signal;
		expect(later.id).toBe(signal.id);
		expect(later.observedAt).toBe(signal.observedAt);
	});

	it('treats a ticket solved after as-of as still open at as-of', () => {
		const t = ticket(4, { status: 'solved', solvedAt: '2026-11-25T00:00:00Z' });
		expect(ofType([t], TYPE).map((s) => s.attributes.resolved)).toEqual([false]);
	});
});

describe('the detection as a whole', () => {
	const mapped = (): TicketEntry[] => tickets.map((raw, itemIndex) => ({ ticket: mapTicket(raw, itemIndex), itemIndex }));

	it('gives the same signals whatever the input order', () => {
		const forward = detectSupportSignals(mapped(), { asOf: AS_OF }).map((d) => d.signal);
		const reversed = detectSupportSignals([...mapped()].reverse(), { asOf: AS_OF }).map((d) => d.signal);
		const shuffled = detectSupportSignals(
			mapped().sort((a, b) => (a.ticket.ticketId.split('').reverse().join('') < b.ticket.ticketId.split('').reverse().join('') ? -1 : 1)),
			{ asOf: AS_OF },
		).map((d) => d.signal);
		expect(reversed).toEqual(forward);
		expect(shuffled).toEqual(forward);
	});

	it('orders by account, type, observedAt and emits valid canonical signals', () => {
		const signals = detectSupportSignals(mapped(), { asOf: AS_OF }).map((d) => d.signal);
		expect(signals.map((s) => `${s.accountId} ${s.type} ${s.observedAt}`)).toEqual([
			'360001 support.sev1_escalation 2026-11-18T08:15:00Z',
			'360001 support.slow_resolution 2026-11-01T13:00:00Z',
			'360001 support.slow_resolution 2026-11-17T09:30:00Z',
			'360001 support.ticket_burst 2026-11-20T12:00:00Z',
			'360001 support.volume_spike 2026-11-20T12:00:00Z',
			'360002 support.low_csat 2026-11-12T10:00:00Z',
			'360002 support.slow_resolution 2026-11-18T09:00:00Z',
		]);
		for (const signal of signals) expect(SignalSchema.parse(signal)).toEqual(signal);
	});

	it('produces the same ids on every run, and different ids for another source system', () => {
		const ids = (system?: string) => detectSupportSignals(mapped(), { asOf: AS_OF, system }).map((d) => d.signal.id);
		expect(ids()).toEqual(ids());
		expect(new Set(ids()).size).toBe(7);
		expect(ids('zendesk-eu')).not.toEqual(ids());
	});

	it('ignores tickets opened after as-of (replaying history)', () => {
		const earlier = detectSupportSignals(mapped(), { asOf: '2026-11-15T00:00:00Z' }).map((d) => d.signal.type);
		expect(earlier).not.toContain('support.sev1_escalation');
	});

	it('counts a ticket exported twice once, pairing both items', () => {
		const twice = [...mapped(), { ticket: mapTicket(tickets[9], 18), itemIndex: 18 }];
		const detections = detectSupportSignals(twice, { asOf: AS_OF });
		expect(detections.map((d) => d.signal)).toEqual(detectSupportSignals(mapped(), { asOf: AS_OF }).map((d) => d.signal));
		expect(detections.find((d) => d.signal.type === 'support.sev1_escalation')!.itemIndexes).toEqual([9, 18]);
	});

	it('reads an as-of without offset in the given time zone', () => {
		const [signal] = detectSupportSignals(entries([ticket(0.1, { priority: 'urgent' })]), { asOf: '2026-11-20T13:00:00', timezone: 'Europe/Berlin' }).map((d) => d.signal);
		expect(signal.detectedAt).toBe('2026-11-20T13:00:00+01:00');
		expect(() => detectSupportSignals([], { asOf: '20/11/2026' })).toThrow('As Of "20/11/2026" is not an ISO-8601 date');
	});
});
