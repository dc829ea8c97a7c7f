import { DateTime } from 'luxon';
import { prepareRules, runDecisionSweep, shippedPackInputs, type SweepOptions } from '../../engine/decide';
import { markActioned, RecordStoreLedger } from '../../engine/ledger';
import type { FactValue } from '../../engine/model';
import { makeIntelligence, OWNERS } from '../fixtures/decide/intelligence';

const RULES = prepareRules(shippedPackInputs());
const day = (n: number) => DateTime.fromISO('2026-03-01T08:00:00Z', { zone: 'utc' }).plus({ days: n }).toISO({ suppressMilliseconds: true })!;

/** A sweep over accounts as of a day; static data goes through JSON like n8n persisting it. */
async function sweep(store: { data: Record<string, unknown> }, n: number, accounts: Array<Record<string, FactValue>>, options: SweepOptions = {}) {
	const ledger = new RecordStoreLedger(store.data);
	const intelligence = accounts.map((facts, index) => ({ intel: makeIntelligence({ accountId: `acc-${index + 1}`, facts }), itemIndex: index }));
	const result = await runDecisionSweep(RULES, intelligence, ledger, { asOf: day(n), ...options });
	store.data = JSON.parse(JSON.stringify(store.data));
	return result;
}
const detractor = { npsScore: 3 };

describe('notification policy (ledger)', () => {
	it('notifies once over three sweeps of unchanged data, then once more after the cooldown', async () => {
		const store = { data: {} };
		const first = await sweep(store, 0, [detractor]);
		expect(first.decisions.map((d) => [d.decision.rule.id, d.decision.status, d.decision.statusReason])).toEqual([
			['event.nps_detractor', 'new', 'first time this rule fired for this account'],
		]);
		const second = await sweep(store, 1, [detractor]);
		const third = await sweep(store, 2, [detractor]);
		expect(second.decisions).toEqual([]);
		expect(third.decisions).toEqual([]);
		expect(third.all.map((d) => [d.status, d.statusReason])).toEqual([
			['suppressed', 'cooldown: already alerted 2026-03-01T08:00:00Z, next alert from 2026-03-31T08:00:00Z (P30D)'],
		]);
		const withSuppressed = await sweep(store, 3, [detractor], { includeSuppressed: true });
		expect(withSuppressed.decisions.map((d) => d.decision.status)).toEqual(['suppressed']);

		const afterCooldown = await sweep(store, 30, [detractor]);
		expect(afterCooldown.decisions.map((d) => [d.decision.status, d.decision.statusReason])).toEqual([
			['repeat', 'still true after the P30D cooldown (last alert 2026-03-01T08:00:00Z)'],
		]);
		// same episode, same decision id
		expect(afterCooldown.decisions[0].decision.decisionId).toBe(first.decisions[0].decision.decisionId);
		expect((await sweep(store, 31, [detractor])).decisions).toEqual([]);
	});

	it('notifies again when the condition cleared and came back (a new episode, a new id)', async () => {
		const store = { data: {} };
		const first = await sweep(store, 0, [detractor]);
		expect((await sweep(store, 1, [{ npsScore: 9 }])).all).toEqual([]);
		const back = await sweep(store, 2, [detractor]);
		expect(back.decisions.map((d) => [d.decision.status, d.decision.statusReason])).toEqual([
			['new', 'fired again after it cleared (last fired 2026-03-01T08:00:00Z)'],
		]);
		expect(back.decisions[0].decision.decisionId).not.toBe(first.decisions[0].decision.decisionId);
	});

	it('notifies again when the priority escalates', async () => {
		const store = { data: {} };
		const churnRisk = (healthScore: number) => ({ healthScore, championEngaged: false });
		const first = await sweep(store, 0, [churnRisk(35)]);
		expect(first.decisions.map((d) => `${d.decision.rule.id}:${d.decision.priority}:${d.decision.status}`)).toEqual(['health.churn_risk:P2:new']);
		const escalated = await sweep(store, 1, [churnRisk(18)]);
		expect(escalated.decisions.map((d) => [d.decision.rule.id, d.decision.priority, d.decision.status, d.decision.statusReason])).toEqual([
			['health.churn_risk', 'P1', 'repeat', 'escalated from P2 to P1'],
		]);
		expect(escalated.decisions[0].decision.explanation.sentence).toBe(
			'Health score 18 is below 40 and no champion was engaged in the last 30 days; escalated to P1: Health score 18 is below 20',
		);
		expect((await sweep(store, 2, [churnRisk(18)])).decisions).toEqual([]);
	});

	it('keeps a snoozed pair silent until its date', async () => {
		const store = { data: {} };
		const snoozes = [{ ruleId: 'event.nps_detractor', accountId: 'acc-1', until: day(5), reason: 'CSM on leave, manager called' }];
		const snoozed = await sweep(store, 0, [detractor], { snoozes, includeSuppressed: true });
		expect(snoozed.decisions.map((d) => [d.decision.status, d.decision.statusReason])).toEqual([
			['suppressed', 'snoozed until 2026-03-06T08:00:00Z: CSM on leave, manager called'],
		]);
		for (const n of [1, 2, 3, 4]) expect((await sweep(store, n, [detractor])).decisions).toEqual([]);
		const woke = await sweep(store, 5, [detractor]);
		expect(woke.decisions.map((d) => [d.decision.status, d.decision.statusReason])).toEqual([['new', 'snooze ended 2026-03-06T08:00:00Z']]);
		expect((await sweep(store, 6, [detractor])).decisions).toEqual([]);
	});

	it('sends an owner over the daily budget a digest entry, not silence', async () => {
		const store = { data: {} };
		// NPS detractor (P2), champion departed (P1) and single-threaded (P3) all belong to the CSM
		const result = await sweep(store, 0, [{ npsScore: 3, singleThreaded: true }, { championDeparted: true }], { dailyAlertBudget: 2 });
		const csm = result.decisions.filter((d) => d.decision.owner.person?.email === OWNERS.csm!.email).map((d) => d.decision);
		expect(csm.map((d) => [d.rule.id, d.priority, d.status, d.digest])).toEqual([
			['event.nps_detractor', 'P2', 'new', false],
			['stakeholder.single_threaded', 'P3', 'suppressed', true],
			['event.champion_departed', 'P1', 'new', false],
		]);
		expect(csm[1].statusReason).toBe(
			'budget: Casey CSM already had 2 alerts on 2026-03-01 (daily budget 2); sent to the digest — first time this rule fired for this account',
		);
		// the CS leader's alert (champion departed → next-level executive) has its own budget
		expect(result.decisions.map((d) => d.decision.rule.id)).toContain('event.champion_departed_exec');
		// the next day the budget is fresh, and the digest entry counts as delivered (no re-alert)
		expect((await sweep(store, 1, [{ npsScore: 3, singleThreaded: true }, { championDeparted: true }], { dailyAlertBudget: 2 })).decisions).toEqual([]);
	});

	it('records when a decision was actioned (detection-to-action hours)', async () => {
		const store = { data: {} };
		await sweep(store, 0, [detractor]);
		const ledger = new RecordStoreLedger(store.data);
		expect(markActioned(ledger, 'event.nps_detractor', 'acc-1', '2026-03-02T14:00:00Z')).toBe(30);
		expect(ledger.getFiring('event.nps_detractor', 'acc-1')!.actionedAt).toBe('2026-03-02T14:00:00Z');
		expect(() => markActioned(ledger, 'event.wau_drop', 'acc-1', '2026-03-02T14:00:00Z')).toThrow(
			'Rule event.wau_drop never fired for account acc-1: nothing to mark as actioned',
		);
	});

	it('names an unknown rule in a snooze', async () => {
		await expect(
			sweep({ data: {} }, 0, [detractor], { snoozes: [{ ruleId: 'event.nps_detracter', accountId: 'acc-1', until: day(3), reason: 'x' }] }),
		).rejects.toThrow('Snooze names unknown rule "event.nps_detracter" — did you mean "event.nps_detractor"?');
	});
});
