/**
 * The action ledger: what people are told, per (account, playbook), across sweeps — posted when it opens, not again
 * while it is open, again when it escalates, closed when its triggers no longer hold or someone marks it done.
 */
import { DateTime } from 'luxon';
import { playbookNames } from '../../engine/act/actions';
import { prepareRules, runDecisionSweep, shippedPackInputs, type SweepOptions } from '../../engine/decide';
import { CLOSED_ACTION_RETENTION_DAYS, markActionDone, RecordStoreLedger } from '../../engine/ledger';
import type { FactValue } from '../../engine/model';
import { makeIntelligence, OWNERS } from '../fixtures/decide/intelligence';

const RULES = prepareRules(shippedPackInputs());
const day = (n: number) => DateTime.fromISO('2026-03-01T08:00:00Z', { zone: 'utc' }).plus({ days: n }).toISO({ suppressMilliseconds: true })!;

/** A sweep over accounts as of a day; static data goes through JSON like n8n persisting it. */
async function sweep(store: { data: Record<string, unknown> }, n: number, accounts: Array<Record<string, FactValue>>, options: SweepOptions = {}) {
	const ledger = new RecordStoreLedger(store.data);
	const intelligence = accounts.map((facts, index) => ({ intel: makeIntelligence({ accountId: `acc-${index + 1}`, facts }), itemIndex: index }));
	const result = await runDecisionSweep(RULES, intelligence, ledger, { asOf: day(n), playbookNames: playbookNames(), ...options });
	store.data = JSON.parse(JSON.stringify(store.data));
	return result;
}
const detractor = { npsScore: 3 };
const told = (result: Awaited<ReturnType<typeof sweep>>) => result.actions.map(({ action }) => [action.playbook.id, action.status, action.statusReason]);

describe('action ledger', () => {
	it('posts an action once and not again while it is open — not after a cooldown either', async () => {
		const store = { data: {} };
		const first = await sweep(store, 0, [detractor]);
		expect(told(first)).toEqual([['detractor_call', 'new', 'first time for this account']]);
		for (const n of [1, 2, 31, 60]) expect((await sweep(store, n, [detractor])).actions).toEqual([]);
		const withOpen = await sweep(store, 61, [detractor], { includeOpen: true });
		expect(told(withOpen)).toEqual([
			['detractor_call', 'open', 'open since 2026-03-01T08:00:00Z, told 2026-03-01T08:00:00Z: not posted again while it is open'],
		]);
		// the same episode keeps its id
		expect(withOpen.actions[0].action.actionId).toBe(first.actions[0].action.actionId);
		expect(withOpen.actions[0].action.openedAt).toBe('2026-03-01T08:00:00Z');
	});

	it('closes the action when its triggers no longer hold; when they hold again it is a new action (new id)', async () => {
		const store = { data: {} };
		const first = await sweep(store, 0, [detractor]);
		expect((await sweep(store, 1, [{ npsScore: 9 }])).all).toEqual([]);
		expect(new RecordStoreLedger(store.data).getAction('detractor_call', 'acc-1')).toMatchObject({ closedAt: '2026-03-02T08:00:00Z', closedBy: 'exit' });
		const back = await sweep(store, 2, [detractor]);
		expect(told(back)).toEqual([['detractor_call', 'new', 'its triggers cleared 2026-03-02T08:00:00Z and hold again']]);
		expect(back.actions[0].action.actionId).not.toBe(first.actions[0].action.actionId);
	});

	it('posts again when the action escalates, with the reason that escalated it', async () => {
		const store = { data: {} };
		const churnRisk = (healthScore: number) => ({ healthScore, championEngaged: false });
		const first = await sweep(store, 0, [churnRisk(35)]);
		expect(first.actions.map(({ action }) => `${action.playbook.id}:${action.priority}:${action.status}`)).toEqual(['executive_escalation:P2:new']);
		const escalated = await sweep(store, 1, [churnRisk(18)]);
		expect(told(escalated)).toEqual([
			[
				'executive_escalation',
				'escalated',
				'escalated from P2 to P1: Health score 18 is below 40 and no champion was engaged in the last 30 days; escalated to P1: Health score 18 is below 20',
			],
		]);
		expect((await sweep(store, 2, [churnRisk(18)])).actions).toEqual([]);
		// back to P2 and up to P1 again: people were told P1 already
		await sweep(store, 3, [churnRisk(30)]);
		expect((await sweep(store, 4, [churnRisk(15)])).actions).toEqual([]);
	});

	it('one action for the rules of one account and playbook: every reason, the earliest due date, the highest priority', async () => {
		const result = await sweep({ data: {} }, 0, [{ championDeparted: true }]);
		expect(result.firings).toBe(2);
		expect(result.actions).toHaveLength(1);
		const { action } = result.actions[0];
		expect(action.reasons.map((r) => [r.rule.id, r.priority, r.sla, r.dueAt])).toEqual([
			['event.champion_departed_exec', 'P1', 'PT4H', '2026-03-01T12:00:00Z'],
			['event.champion_departed', 'P1', 'P7D', '2026-03-08T08:00:00Z'],
		]);
		expect([action.priority, action.dueAt, action.ownerName, action.owner.source]).toEqual(['P1', '2026-03-01T12:00:00Z', 'Casey CSM', 'role']);
		expect(action.headline).toBe('Account acc-1 — Champion departure: A champion has departed (and 1 more reason)');
	});

	it('marked done: closed at once, quiet while its triggers hold until the cooldown of its most urgent rule, then a new action', async () => {
		const store = { data: {} };
		await sweep(store, 0, [detractor]);
		const ledger = new RecordStoreLedger(store.data);
		expect(markActionDone(ledger, 'detractor_call', 'acc-1', '2026-03-02T14:00:00Z')).toEqual({
			openedAt: '2026-03-01T08:00:00Z',
			doneAt: '2026-03-02T14:00:00Z',
			detectionToActionHours: 30,
			alreadyClosed: false,
		});
		// a webhook delivered twice changes nothing the second time
		expect(markActionDone(ledger, 'detractor_call', 'acc-1', '2026-03-05T09:00:00Z')).toMatchObject({ doneAt: '2026-03-02T14:00:00Z', alreadyClosed: true });
		expect(() => markActionDone(ledger, 'csm_outreach', 'acc-1', '2026-03-02T14:00:00Z')).toThrow(
			'No action "csm_outreach" was ever opened for account acc-1: nothing to mark done',
		);
		store.data = JSON.parse(JSON.stringify(store.data));
		const held = await sweep(store, 5, [detractor], { includeOpen: true });
		expect(told(held)).toEqual([
			['detractor_call', 'done', 'marked done 2026-03-02T14:00:00Z; its triggers still hold — it opens again from 2026-04-01T14:00:00Z (P30D cooldown)'],
		]);
		expect((await sweep(store, 30, [detractor])).actions).toEqual([]);
		expect(told(await sweep(store, 32, [detractor]))).toEqual([['detractor_call', 'new', 'marked done 2026-03-02T14:00:00Z, still true after the P30D cooldown']]);
	});

	it('keeps a snoozed action silent until its date', async () => {
		const store = { data: {} };
		const snoozes = [{ playbook: 'detractor_call', accountId: 'acc-1', until: day(5), reason: 'CSM on leave, manager called' }];
		const snoozed = await sweep(store, 0, [detractor], { snoozes, includeOpen: true });
		expect(told(snoozed)).toEqual([['detractor_call', 'snoozed', 'snoozed until 2026-03-06T08:00:00Z: CSM on leave, manager called']]);
		for (const n of [1, 2, 3, 4]) expect((await sweep(store, n, [detractor])).actions).toEqual([]);
		expect(told(await sweep(store, 5, [detractor]))).toEqual([['detractor_call', 'new', 'snooze ended 2026-03-06T08:00:00Z']]);
		expect((await sweep(store, 6, [detractor])).actions).toEqual([]);
	});

	it('sends an owner over the daily budget to the digest, not silence', async () => {
		const store = { data: {} };
		// NPS detractor (P2), champion departed (P1) and single-threaded (P3) all belong to the CSM
		const result = await sweep(store, 0, [{ npsScore: 3, singleThreaded: true }, { championDeparted: true }], { dailyAlertBudget: 2 });
		const all = result.all.map(({ action }) => action).filter((a) => a.owner.person.email === OWNERS.csm!.email);
		expect(all.map((a) => [a.accountId, a.playbook.id, a.priority, a.status, a.digest])).toEqual([
			['acc-2', 'champion_change', 'P1', 'new', false],
			['acc-1', 'detractor_call', 'P2', 'new', false],
			['acc-1', 'multi_threading', 'P3', 'new', true],
		]);
		expect(all[2].statusReason).toBe('first time for this account; Casey CSM already had 2 alerts on 2026-03-01 (daily budget 2): sent to the digest');
		// the alert outputs carry only what is posted now
		expect(result.actions.map(({ action }) => action.playbook.id)).toEqual(['champion_change', 'detractor_call']);
		// the next day the budget is fresh, and the digest entry counts as told (no re-alert)
		expect((await sweep(store, 1, [{ npsScore: 3, singleThreaded: true }, { championDeparted: true }], { dailyAlertBudget: 2 })).actions).toEqual([]);
	});

	it('keeps one tiny record per action in static data, and forgets closed ones after the retention', async () => {
		const store = { data: {} as Record<string, unknown> };
		await sweep(store, 0, [detractor]);
		const state = (store.data.csSignalLedger as { v: number; actions: Record<string, unknown> });
		expect(state.v).toBe(2);
		expect(state.actions).toEqual({
			'detractor_call\u241facc-1': { openedAt: '2026-03-01T08:00:00Z', lastSeenAt: '2026-03-01T08:00:00Z', notifiedAt: '2026-03-01T08:00:00Z', priority: 'P2', closedAt: null, closedBy: null },
		});
		expect(JSON.stringify(state.actions).length).toBeLessThan(200);
		await sweep(store, 1, [{ npsScore: 9 }]);
		await sweep(store, 1 + CLOSED_ACTION_RETENTION_DAYS, [{ npsScore: 9 }]);
		expect((store.data.csSignalLedger as { actions: object }).actions).toMatchObject({ 'detractor_call\u241facc-1': { closedBy: 'exit' } });
		await sweep(store, 2 + CLOSED_ACTION_RETENTION_DAYS, [{ npsScore: 9 }]);
		expect((store.data.csSignalLedger as { actions: object }).actions).toEqual({});
	});

	it('upgrades a version-1 ledger (per-rule firings): the firings go, stages and health history stay', async () => {
		const v1 = { v: 1, firings: { 'event.nps_detractor\u241facc-1': { firstFiredAt: day(-3) } }, snoozes: {}, budgets: {}, stages: { 'acc-1\u241f2026-06-30\u241fT-120': day(-3) }, health: { 'acc-1': [[day(-3), 70]] } };
		const store = { data: { csSignalLedger: v1 } as Record<string, unknown> };
		expect(told(await sweep(store, 0, [detractor]))).toEqual([['detractor_call', 'new', 'first time for this account']]);
		const state = store.data.csSignalLedger as Record<string, unknown>;
		expect(Object.keys(state).sort()).toEqual(['actions', 'budgets', 'deliveries', 'health', 'keys', 'snoozes', 'stages', 'v']);
		expect(state.stages).toEqual(v1.stages);
		expect(state.health).toEqual(v1.health);
	});

	it('names an unknown playbook in a snooze', async () => {
		await expect(
			sweep({ data: {} }, 0, [detractor], { snoozes: [{ playbook: 'detractor_cal', accountId: 'acc-1', until: day(3), reason: 'x' }] }),
		).rejects.toThrow(/^Snooze names playbook "detractor_cal", which no selected rule leads to — did you mean "detractor_call"\?/);
	});
});
