import { DateTime } from 'luxon';
import { enterRenewalStage, parseLadderInput, renewalLadder, type RenewalLadderOptions } from '../../engine/act/renewal';
import { RecordStoreLedger } from '../../engine/ledger';
import { AccountSchema, type AccountInput } from '../../engine/model';
import { intelligenceFor, renewingAccount } from '../fixtures/act/renewal';

const ZONE = 'Europe/Berlin';
const account = (overrides: Partial<AccountInput> = {}) => AccountSchema.parse(renewingAccount(overrides));

/** Walk the as-of date one day at a time at 08:00 Berlin, same ledger; collect [date, stage] entries. */
function walk(from: string, to: string, options: Omit<RenewalLadderOptions, 'ledger'>, accountOverrides: Partial<AccountInput> = {}) {
	const ledger = new RecordStoreLedger();
	const entered: Array<[string, string]> = [];
	for (let day = DateTime.fromISO(`${from}T08:00`, { zone: ZONE }); day <= DateTime.fromISO(`${to}T08:00`, { zone: ZONE }); day = day.plus({ days: 1 })) {
		const { entries } = renewalLadder([account(accountOverrides)], { ...options, ledger, asOf: day, zone: ZONE });
		for (const entry of entries) entered.push([day.toISODate()!, entry.stage]);
	}
	return { entered, ledger };
}

describe('renewal ladder', () => {
	it('walked day by day from T-130 to T+10 enters each stage of the 120-day ladder exactly once, in order, on its day', () => {
		const { entered } = walk('2026-05-23', '2026-10-10', { timeline: '120' });
		expect(entered).toEqual([
			['2026-06-02', 'T-120'],
			['2026-07-02', 'T-90'],
			['2026-08-01', 'T-60'],
			['2026-08-31', 'T-30'],
			['2026-09-30', 'T-0'],
			['2026-10-07', 'T+7'],
		]);
	});

	it('the 90-day variant starts at T-90 and enters each of its five stages once', () => {
		const { entered } = walk('2026-05-23', '2026-10-10', { timeline: '90' });
		expect(entered).toEqual([
			['2026-07-02', 'T-90'],
			['2026-08-01', 'T-60'],
			['2026-08-31', 'T-30'],
			['2026-09-30', 'T-0'],
			['2026-10-07', 'T+7'],
		]);
	});

	it('decides the stage day in the calendar zone: 23:30 UTC on 1 June is already T-120 in Berlin, not in New York', () => {
		const asOf = '2026-06-01T23:30:00Z';
		expect(enterRenewalStage({ kind: 'account', account: account() }, { ledger: new RecordStoreLedger(), asOf, zone: ZONE }).reason).toBe('entered T-120');
		expect(enterRenewalStage({ kind: 'account', account: account() }, { ledger: new RecordStoreLedger(), asOf, zone: 'America/New_York' }).reason).toBe(
			'before T-120 (renewal 2026-09-30 in 121 days)',
		);
		// A CRM date field exported as UTC midnight is the same day everywhere.
		const utcMidnight = account({ renewalDate: '2026-09-30T00:00:00Z' });
		expect(enterRenewalStage({ kind: 'account', account: utcMidnight }, { ledger: new RecordStoreLedger(), asOf: '2026-06-02T09:00:00-04:00', zone: 'America/New_York' }).entry).toMatchObject({
			stage: 'T-120',
			renewalDate: '2026-09-30',
			stageDate: '2026-06-02',
		});
	});

	it('issues the stage tasks from the seed with owners and business-day due dates (T-60 entered on a Saturday)', () => {
		const { entries } = renewalLadder([account()], { ledger: new RecordStoreLedger(), asOf: '2026-08-01T08:00:00+02:00', zone: ZONE, fallbackOwner: { name: 'CS Ops queue' } });
		// Entered Saturday 1 August: work starts Monday 3 August; "+5 business days" is Monday 10 August.
		expect(entries[0].tasks.map((t) => [t.key, t.action, t.ownerRole, t.owner?.name ?? null, t.channel, t.dueAt])).toEqual([
			['renewal_conversation', 'Renewal conversation with customer', 'csm', 'Chris Park', 'call', '2026-08-10T17:00:00+02:00'],
			['present_terms', 'Present: value delivered, roadmap alignment, proposed terms', 'csm', 'Chris Park', 'meeting', '2026-08-10T17:00:00+02:00'],
			['expansion_proposal', 'If upsell/expansion: present expansion proposal alongside renewal', 'csm', 'Chris Park', 'meeting', '2026-08-10T17:00:00+02:00'],
			// Health unknown: the conditional task stays, worded "If at risk".
			['save_playbook', 'If at risk: activate save playbook', 'csm', 'Chris Park', 'internal', '2026-08-03T17:00:00+02:00'],
		]);
		expect(entries[0]).toMatchObject({
			stage: 'T-60',
			stageDate: '2026-08-01',
			daysToRenewal: 60,
			skippedStages: ['T-120', 'T-90'],
			health: null,
			sentence: 'Globex entered T-60 of the 120-day renewal ladder (renewal 2026-09-30, 60 days out; stepped over T-120, T-90): 4 tasks.',
		});
	});

	it('never sets a task due after the contract ends: entered late, T-30 work is due by the last business day before renewal', () => {
		// Renewal Saturday 5 December; T-30 entered on Monday 23 November (12 days out): "+10 business days" would be 7 December.
		const late = account({ renewalDate: '2026-12-05' });
		const { entries } = renewalLadder([late], { ledger: new RecordStoreLedger(), asOf: '2026-11-23T08:00:00+01:00', zone: ZONE });
		expect(entries[0].stage).toBe('T-30');
		const escalate = entries[0].tasks.find((t) => t.key === 'escalate_unsigned')!;
		expect(escalate.dueAt).toBe('2026-12-04T17:00:00+01:00');
		for (const task of entries[0].tasks) expect(task.dueAt <= '2026-12-04T17:00:00+01:00').toBe(true);
	});

	it('after skipped days enters only the latest stage crossed, and never an older stage afterwards', () => {
		const ledger = new RecordStoreLedger();
		const run = (asOf: string) => enterRenewalStage({ kind: 'account', account: account() }, { ledger, asOf, zone: ZONE });
		expect(run('2026-05-28T09:00:00+02:00').reason).toBe('before T-120 (renewal 2026-09-30 in 125 days)');
		const late = run('2026-08-05T09:00:00+02:00');
		expect([late.reason, late.entry?.skippedStages]).toEqual(['entered T-60', ['T-120', 'T-90']]);
		expect(run('2026-08-10T09:00:00+02:00').reason).toBe('already in T-60 (renewal 2026-09-30)');
		// An as-of date moved backwards does not re-open T-90.
		expect(run('2026-07-03T09:00:00+02:00').reason).toBe('already in T-60 (renewal 2026-09-30)');
		const next = run('2026-09-01T09:00:00+02:00');
		expect([next.reason, next.entry?.skippedStages]).toEqual(['entered T-30', []]);
	});

	it('a new renewal date starts a new ladder', () => {
		const ledger = new RecordStoreLedger();
		expect(enterRenewalStage({ kind: 'account', account: account() }, { ledger, asOf: '2026-10-08T09:00:00+02:00', zone: ZONE }).reason).toBe('entered T+7');
		const renewed = account({ renewalDate: '2027-09-30' });
		expect(enterRenewalStage({ kind: 'account', account: renewed }, { ledger, asOf: '2027-06-02T09:00:00+02:00', zone: ZONE }).reason).toBe('entered T-120');
	});

	it('flags the discount sunset at T-120 when the discount expires on or before the renewal date', () => {
		const options = { ledger: new RecordStoreLedger(), asOf: '2026-06-02T09:00:00+02:00', zone: ZONE };
		const [entry] = renewalLadder([account({ discountExpiryDate: '2026-09-30' })], options).entries;
		expect(entry.discountSunset).toEqual({
			discountExpiryDate: '2026-09-30',
			renewalDate: '2026-09-30',
			sentence: 'Discount sunset: the discount expires 2026-09-30, on or before the renewal on 2026-09-30; prepare the value justification before the renewal conversation.',
		});
		expect(entry.tasks.map((t) => t.key)).toEqual([
			'renewal_flag', 'red_escalate', 'review_account', 'contract_terms', 'product_blockers', 'renewal_strategy', 'discount_value_justification',
		]);
		expect(entry.tasks.find((t) => t.key === 'discount_value_justification')).toMatchObject({ playbook: 'value_justification', dueAt: '2026-06-16T17:00:00+02:00' });
		// Expiring after the renewal: no flag, no discount task.
		const [later] = renewalLadder([account({ discountExpiryDate: '2026-10-01' })], { ...options, ledger: new RecordStoreLedger() }).entries;
		expect([later.discountSunset, later.tasks.some((t) => t.key.startsWith('discount_'))]).toEqual([null, false]);
	});

	it('discount governance runs down the ladder: lead with value at T-90, frame the step-up at T-60, graduated step-up at T-30', () => {
		const discounted = account({ discountExpiryDate: '2026-08-15' });
		const ledger = new RecordStoreLedger();
		const keysAt = (asOf: string) => renewalLadder([discounted], { ledger, asOf, zone: ZONE }).entries[0].tasks.filter((t) => t.key.startsWith('discount_')).map((t) => [t.key, t.approver, t.playbook]);
		expect(keysAt('2026-06-02T09:00:00+02:00')).toEqual([['discount_value_justification', null, 'value_justification']]);
		expect(keysAt('2026-07-02T09:00:00+02:00')).toEqual([['discount_lead_with_value', null, 'value_justification']]);
		expect(keysAt('2026-08-01T09:00:00+02:00')).toEqual([['discount_frame_step_up', null, null]]);
		expect(keysAt('2026-08-31T09:00:00+02:00')).toEqual([['discount_graduated_step_up', 'salesManager', 'save_graduated_step_up']]);
	});

	it('carries the discount flag to the first entry when T-120 was stepped over, and flags at T-90 on the 90-day ladder', () => {
		const discounted = account({ discountExpiryDate: '2026-09-01' });
		const [late] = renewalLadder([discounted], { ledger: new RecordStoreLedger(), asOf: '2026-07-10T09:00:00+02:00', zone: ZONE }).entries;
		expect([late.stage, late.discountSunset?.discountExpiryDate, late.tasks.filter((t) => t.key.startsWith('discount_')).map((t) => t.key)]).toEqual([
			'T-90', '2026-09-01', ['discount_lead_with_value', 'discount_value_justification'],
		]);
		const [ninety] = renewalLadder([discounted], { ledger: new RecordStoreLedger(), asOf: '2026-07-02T09:00:00+02:00', zone: ZONE, timeline: '90' }).entries;
		expect([ninety.stage, ninety.discountSunset?.discountExpiryDate]).toEqual(['T-90', '2026-09-01']);
	});

	describe('at-risk escalation and red-account modes (health from AccountIntelligence)', () => {
		const at = (stageAsOf: string, score: number) => {
			const input = intelligenceFor(renewingAccount(), score, stageAsOf);
			const { entries } = renewalLadder([input], { ledger: new RecordStoreLedger(), zone: ZONE, fallbackOwner: { name: 'CS Ops queue' } });
			return entries[0];
		};
		const T120 = '2026-06-02T09:00:00+02:00';
		const T90 = '2026-07-02T09:00:00+02:00';
		const T60 = '2026-08-01T09:00:00+02:00';

		it('health 40–59 at T-90 → CSM proactive intervention', () => {
			const entry = at(T90, 52);
			expect(entry.atRiskEscalation).toEqual({
				level: 'elevated',
				healthScore: 52,
				ownerRole: 'csm',
				owner: { name: 'Chris Park', email: 'chris@vendor.example' },
				action: 'CSM proactive intervention',
				playbook: 'renewal_risk',
				dueAt: '2026-07-02T17:00:00+02:00',
				sentence: 'At-risk renewal (elevated): health 52 is 40–59 at T-90 → CSM proactive intervention (CSM: Chris Park).',
			});
			expect([entry.redAccountMode, entry.health]).toEqual([null, { score: 52, band: 'yellow', source: 'intelligence' }]);
		});

		it('health below 40 at T-90 → manager involvement, and a red account 90 days out is in renewal-risk mode', () => {
			const entry = at(T90, 35);
			expect(entry.atRiskEscalation).toMatchObject({ level: 'high', ownerRole: 'csManager', owner: { name: 'Morgan Diaz' }, action: 'Manager involvement' });
			expect(entry.redAccountMode).toEqual({
				mode: 'renewal_risk',
				playbook: 'renewal_risk',
				healthScore: 35,
				daysToRenewal: 90,
				ownerRole: 'csLeader',
				owner: { name: 'Dana Lee' },
				actions: [
					'Activate renewal process (see below) immediately — do not wait for the standard T-90 trigger',
					'Consider commercial options: downgrade path, implementation support extension, POC of new features',
				],
				sentence: 'Red account (health 35) 90 days before renewal → renewal-risk mode.',
			});
		});

		it('health below 40 at T-60 → executive engagement (fallback owner when no executive sponsor)', () => {
			expect(at(T60, 31).atRiskEscalation).toMatchObject({
				level: 'critical',
				ownerRole: 'execSponsor',
				owner: { name: 'CS Ops queue' },
				action: 'Executive engagement',
				sentence: 'At-risk renewal (critical): health 31 is below 40 at T-60 → Executive engagement (Executive Sponsor: CS Ops queue).',
			});
			// 40–59 at T-60 is not on the seed's escalation table.
			expect(at(T60, 45).atRiskEscalation).toBeNull();
		});

		it('a red account more than 90 days out → rescue mode, with the red escalation task at T-120', () => {
			const entry = at(T120, 28);
			expect(entry.redAccountMode).toMatchObject({ mode: 'rescue', playbook: 'rescue_mode', daysToRenewal: 120, sentence: 'Red account (health 28) 120 days before renewal → rescue mode.' });
			expect(entry.redAccountMode!.actions[0]).toBe('Executive outreach: CS Lead or Head of CS calls the economic buyer directly');
			expect(entry.atRiskEscalation).toBeNull();
			expect(entry.tasks.find((t) => t.key === 'red_escalate')).toMatchObject({ action: "If health < 40 (Red): escalate immediately, don't wait", channel: 'slack' });
		});

		it('a healthy account gets neither, and health-conditional tasks drop out', () => {
			const entry = at(T60, 82);
			expect([entry.atRiskEscalation, entry.redAccountMode]).toEqual([null, null]);
			expect(entry.tasks.map((t) => t.key)).not.toContain('save_playbook');
			expect(at(T120, 82).tasks.map((t) => t.key)).not.toContain('red_escalate');
		});

		it('uses the account health history when given plain accounts', () => {
			const withHistory = account({ healthHistory: [{ at: '2026-06-20T00:00:00Z', score: 71 }, { at: '2026-06-30T00:00:00Z', score: 48 }, { at: '2026-08-01T00:00:00Z', score: 90 }] });
			const [entry] = renewalLadder([withHistory], { ledger: new RecordStoreLedger(), asOf: T90, zone: ZONE }).entries;
			expect([entry.health, entry.atRiskEscalation?.level]).toEqual([{ score: 48, band: null, source: 'account' }, 'elevated']);
		});

		it('thresholds are overridable', () => {
			const input = intelligenceFor(renewingAccount(), 62, T90);
			const [entry] = renewalLadder([input], { ledger: new RecordStoreLedger(), zone: ZONE, thresholds: { elevatedHealthBelow: 65 } }).entries;
			expect(entry.atRiskEscalation?.sentence).toBe('At-risk renewal (elevated): health 62 is 40–64 at T-90 → CSM proactive intervention (CSM: Chris Park).');
		});
	});

	it('reports accounts it cannot place instead of dropping them silently', () => {
		const { entries, results } = renewalLadder(
			[account({ accountId: 'no-date', renewalDate: undefined }), account({ accountId: 'stale', renewalDate: '2026-01-31' })],
			{ ledger: new RecordStoreLedger(), asOf: '2026-06-02T09:00:00+02:00', zone: ZONE },
		);
		expect(entries).toEqual([]);
		expect(results.map((r) => [r.accountId, r.reason])).toEqual([
			['no-date', 'no renewal date'],
			['stale', 'renewal date 2026-01-31 passed 122 days ago; update the renewal date in the CRM to start the next cycle'],
		]);
	});

	it('parses Account or AccountIntelligence items and names item and field when neither', () => {
		expect(parseLadderInput(renewingAccount(), 0).kind).toBe('account');
		expect(parseLadderInput(intelligenceFor(renewingAccount(), 50, '2026-07-02T09:00:00Z'), 1).kind).toBe('intelligence');
		expect(() => parseLadderInput({ ...renewingAccount(), renewalDate: '30.09.2026' }, 2)).toThrow('account 2: renewalDate "30.09.2026" is not an ISO-8601 date');
		expect(() => parseLadderInput({ name: 'No id' }, 3)).toThrow('account 3: accountId is required but missing');
	});
});
