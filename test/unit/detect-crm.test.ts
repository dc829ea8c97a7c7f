import { DateTime } from 'luxon';
import { AccountSchema, seniorityFromTitle, signalId, type CrmAccountRecord, type CrmDeal } from '../../engine/model';
import { detectCrmSignals } from '../../engine/detect/crm/detectors';

const asOf = DateTime.fromISO('2026-03-02T09:00:00Z', { setZone: true });

function deal(overrides: Partial<CrmDeal>): CrmDeal {
	return { dealId: '900', name: 'Deal', stage: 'contractsent', pipeline: 'default', isClosed: false, isClosedWon: false, isRenewal: false, stageEnteredAt: {}, ...overrides };
}

function record(account: Record<string, unknown>, extra: Partial<CrmAccountRecord> = {}): CrmAccountRecord {
	const parsed = AccountSchema.parse({ accountId: 'A1', name: 'Acme Corp', currency: 'USD', ...account });
	return { account: parsed, deals: [], system: 'hubspot', ref: `company/${parsed.accountId}`, ...extra };
}

const twoExecs = [
	{ contactId: 'c1', name: 'Ana CFO', title: 'CFO', seniority: 'c_level' as const },
	{ contactId: 'c2', name: 'Bo Ops', title: 'Ops Manager', seniority: 'manager' as const },
];

describe('CRM detectors', () => {
	it('stage regression from stage entry dates, with the exact evidence and a stable id', () => {
		const r = record({ contacts: twoExecs }, { deals: [deal({ dealId: '901', name: 'Acme renewal 2026', stage: 'qualifiedtobuy', stageEnteredAt: { contractsent: '2026-01-01T00:00:00Z', qualifiedtobuy: '2026-02-20T10:00:00Z' } })] });
		const { signals } = detectCrmSignals([r], { asOf, config: { stageLabels: { contractsent: 'Contract sent', qualifiedtobuy: 'Qualified to buy' } } });
		expect(signals.map((s) => [s.type, s.evidence, s.observedAt, s.source.ref])).toEqual([
			['crm.stage_regression', 'Deal "Acme renewal 2026" moved back from Contract sent to Qualified to buy on 2026-02-20', '2026-02-20T10:00:00Z', 'deal/901'],
		]);
		expect(signals[0].id).toBe(signalId('hubspot', 'deal/901#contractsent>qualifiedtobuy@2026-02-20T10:00:00Z', 'crm.stage_regression'));
		expect(signals[0]).toMatchObject({ category: 'crm', polarity: 'risk', severity: 7, value: 3, accountId: 'A1' });
	});

	it('stage regression against the previous run when no entry dates exist; state remembers open deals only', () => {
		const r = record({ contacts: twoExecs }, { deals: [deal({ dealId: '901', name: 'Acme renewal', stage: 'presentationscheduled' }), deal({ dealId: '902', stage: 'closedwon', isClosed: true, isClosedWon: true })] });
		const previous = { dealStages: { '901': { stage: 'contractsent', pipeline: 'default' } }, lastSweepAt: '2026-03-01T09:00:00Z' };
		const { signals, state } = detectCrmSignals([r], { asOf, previous });
		expect(signals.map((s) => s.evidence)).toEqual(['Deal "Acme renewal" moved back from contractsent to presentationscheduled since the last sweep (2026-03-01)']);
		expect(state).toEqual({ dealStages: { '901': { stage: 'presentationscheduled', pipeline: 'default' } }, lastSweepAt: '2026-03-02T09:00:00Z' });
		// the next run sees the same stage: nothing new
		expect(detectCrmSignals([r], { asOf, previous: state }).signals).toEqual([]);
	});

	it('discount expiring within 120 days, contraction, payment issue and cancel intent', () => {
		const r = record(
			{ arr: 48000, renewalDate: '2026-06-30T00:00:00Z', discountExpiryDate: '2026-06-30T00:00:00Z', contacts: twoExecs },
			{ deals: [deal({ dealId: '950', name: 'Acme renewal 2026', amount: 36000, isRenewal: true, stage: 'cancellation_requested', pipeline: 'renewals', closeDate: '2026-06-30T00:00:00Z' })], paymentStatus: 'past_due', cancelIntentValue: 'no' },
		);
		const { signals } = detectCrmSignals([r], { asOf, config: { cancelIntentStages: ['cancellation_requested'] } });
		expect(signals.map((s) => [s.type, s.evidence])).toEqual([
			['crm.discount_expiring', 'Discount expires on 2026-06-30, in 120 days (renewal on 2026-06-30)'],
			['crm.contraction', 'Renewal deal "Acme renewal 2026" is 36,000 USD against 48,000 USD ARR today (−25%)'],
			['crm.cancel_intent', 'Deal "Acme renewal 2026" is in stage cancellation_requested'],
			['crm.payment_issue', 'Payment status is "past_due"'],
		]);
		// 121 days out: not yet
		expect(detectCrmSignals([record({ discountExpiryDate: '2026-07-01T00:00:00Z', contacts: twoExecs })], { asOf }).signals).toEqual([]);
	});

	it('a 4% lower renewal is below the 5% contraction threshold', () => {
		const r = record({ arr: 50000, contacts: twoExecs }, { deals: [deal({ amount: 48000, isRenewal: true })] });
		expect(detectCrmSignals([r], { asOf }).signals).toEqual([]);
	});

	it('no exec sponsor and single-threaded name the people', () => {
		const r = record({ contractStart: '2025-01-01T00:00:00Z', contacts: [{ contactId: 'c9', name: 'Jo Lee', title: 'Director of Operations', seniority: 'director' }] });
		expect(detectCrmSignals([r], { asOf }).signals.map((s) => [s.type, s.evidence])).toEqual([
			['crm.no_exec_sponsor', 'No executive sponsor: 1 contact, none at VP or C-level and none marked as sponsor (most senior: Jo Lee, Director)'],
			['crm.single_threaded', 'Single-threaded: only 1 contact recorded (Jo Lee, Director of Operations)'],
		]);
	});

	it('single-threaded counts engagement in the last 90 days when the CRM tracks it', () => {
		const contacts = [
			{ contactId: 'c1', name: 'Ana', title: 'CFO', seniority: 'c_level' as const, lastEngagedAt: '2025-06-01T00:00:00Z' },
			{ contactId: 'c2', name: 'Bo', seniority: 'manager' as const, lastEngagedAt: '2026-02-01T00:00:00Z' },
		];
		expect(detectCrmSignals([record({ contacts })], { asOf }).signals.map((s) => s.evidence)).toEqual(['Single-threaded: only 1 contact engaged in the last 90 days (Bo)']);
	});

	it('a new account (under 30 days) is not flagged for a missing sponsor yet', () => {
		const r = record({ contractStart: '2026-02-20T00:00:00Z', contacts: [twoExecs[1], { contactId: 'c3', name: 'Cy', title: 'Analyst', seniority: 'individual' as const }] });
		expect(detectCrmSignals([r], { asOf }).signals).toEqual([]);
	});
});

describe('seniority from job title', () => {
	it.each([
		['Chief Revenue Officer', 'c_level'], ['CFO', 'c_level'], ['Managing Director', 'c_level'], ['Vice President, Sales', 'vp'], ['SVP Engineering', 'vp'],
		['Head of IT', 'vp'], ['President', 'c_level'], ['Director of Operations', 'director'], ['IT Manager', 'manager'], ['Support Engineer', 'individual'],
	])('%s → %s', (title, level) => {
		expect(seniorityFromTitle(title)).toBe(level);
	});
	it('no title → unknown', () => expect(seniorityFromTitle('  ')).toBeUndefined());
});
