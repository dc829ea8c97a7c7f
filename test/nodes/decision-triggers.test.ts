import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { DECISION_OUTPUTS } from '../../engine/decide';
import { itemsInto, runWorkflow } from './harness';
import { makeIntelligence } from '../fixtures/decide/intelligence';
import { BROKEN_PACK_PROBLEMS } from '../fixtures/decide/broken-pack';

const OUTPUT = Object.fromEntries(DECISION_OUTPUTS.map((name, index) => [name, index])) as Record<(typeof DECISION_OUTPUTS)[number], number>;
const intel = (accountId: string, facts: Record<string, unknown>) => makeIntelligence({ accountId, facts: facts as never }) as unknown as IDataObject;
const ACCOUNTS = [
	intel('acme', { riskScore: 8.2, daysToRenewal: 87 }),
	intel('globex', { npsScore: 3 }),
	intel('initech', {}),
	intel('umbrella', { riskScore: 6.9, daysToRenewal: 87 }),
];
const BROKEN = readFileSync(join(__dirname, '..', 'fixtures', 'decide', 'broken-pack.json'), 'utf8');
const AS_OF = { options: { asOf: '2026-03-02T08:00:00Z' } };
const what = (items: IDataObject[]) => items.map((a) => [a.accountId, (a.playbook as IDataObject).id, a.status]);

describe('CS Decision Triggers node', () => {
	it('emits every action on "All Actions" and again on its family output; accounts without a trigger on "No Trigger"', async () => {
		const result = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, ACCOUNTS));
		expect(result.status).toBe('success');
		const all = result.items('Node', OUTPUT.allActions);
		expect(all.map((i) => [i.json.accountId, (i.json.playbook as IDataObject).id, i.json.status, i.pairedItem])).toEqual([
			['acme', 'executive_escalation', 'new', { item: 0 }],
			['globex', 'detractor_call', 'new', { item: 1 }],
		]);
		// what a person reads comes first, the ids last
		expect(Object.keys(all[0].json).slice(0, 4)).toEqual(['headline', 'priority', 'ownerName', 'dueAt']);
		expect(all[0].json.headline).toBe('Account acme — Executive escalation: Risk score 8.2 is above 7.0 and renewal is in 87 days (at least 0, within 120)');
		expect(all[0].json.ownerName).toBe('Lee Leader');
		expect(what(result.output('Node', OUTPUT.risk))).toEqual([['acme', 'executive_escalation', 'new']]);
		expect(what(result.output('Node', OUTPUT.event))).toEqual([['globex', 'detractor_call', 'new']]);
		for (const family of ['stakeholder', 'expansion', 'onboarding', 'renewal', 'health'] as const) expect(result.output('Node', OUTPUT[family])).toEqual([]);
		const none = result.items('Node', OUTPUT.noTrigger);
		expect(none.map((i) => [i.json.accountId, i.pairedItem])).toEqual([
			['initech', { item: 2 }],
			['umbrella', { item: 3 }],
		]);
		expect((none[1].json.nearMisses as IDataObject[]).map((n) => n.sentence)).toEqual(['Risk score 6.9 is not above 7.0; renewal is in 87 days (at least 0, within 120)']);
	});

	it('emits one digest per owner: their open actions ranked, paired to the accounts behind them', async () => {
		const result = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, ACCOUNTS));
		const digests = result.items('Node', OUTPUT.ownerDigests);
		expect(digests.map((d) => [d.json.ownerName, d.json.headline, d.pairedItem])).toEqual([
			['Lee Leader', 'Lee Leader: 1 open action (1 P1), €60,000 ARR at stake', [{ item: 0 }]],
			['Casey CSM', 'Casey CSM: 1 open action (1 P2), €60,000 ARR at stake', [{ item: 1 }]],
		]);
		expect((digests[0].json.slack as { text: string }).text).toBe(
			'Your CS queue for 2026-03-02: 1 open action (1 P1), €60,000 ARR at stake. 1. P1 Account acme — Executive escalation, due 2026-03-03.',
		);
	});

	it('posts once over repeated runs; the digest comes once a day (ledger in workflow static data)', async () => {
		const first = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, ACCOUNTS));
		const again = await runWorkflow({ ...itemsInto('csDecisionTriggers', AS_OF, ACCOUNTS), staticData: first.staticData });
		expect(again.output('Node', OUTPUT.allActions)).toEqual([]);
		expect(again.output('Node', OUTPUT.ownerDigests)).toEqual([]);
		const nextDay = await runWorkflow({ ...itemsInto('csDecisionTriggers', { options: { asOf: '2026-03-03T08:00:00Z' } }, ACCOUNTS), staticData: again.staticData });
		expect(nextDay.output('Node', OUTPUT.allActions)).toEqual([]);
		expect(nextDay.output('Node', OUTPUT.risk)).toEqual([]);
		// the queue is still open: the next day's digest lists it again
		expect(nextDay.output('Node', OUTPUT.ownerDigests).map((d) => d.headline)).toEqual([
			'Lee Leader: 1 open action (1 P1), €60,000 ARR at stake',
			'Casey CSM: 1 open action (1 P2), €60,000 ARR at stake',
		]);
		const withOpen = await runWorkflow({
			...itemsInto('csDecisionTriggers', { options: { asOf: '2026-03-04T08:00:00Z', includeOpen: true, ownerDigests: false } }, ACCOUNTS),
			staticData: nextDay.staticData,
		});
		expect(withOpen.output('Node', OUTPUT.event).map((a) => [a.status, a.statusReason])).toEqual([
			['open', 'open since 2026-03-02T08:00:00Z, told 2026-03-02T08:00:00Z: not posted again while it is open'],
		]);
		expect(withOpen.output('Node', OUTPUT.ownerDigests)).toEqual([]);
	});

	it('applies threshold overrides from its parameters', async () => {
		const result = await runWorkflow(
			itemsInto('csDecisionTriggers', { ...AS_OF, packs: ['decision-triggers'], thresholdOverrides: { override: [{ name: 'riskScoreEscalation', value: '6.5' }] } }, ACCOUNTS),
		);
		expect(result.output('Node', OUTPUT.risk).map((a) => [a.accountId, (a.reasons as IDataObject[]).map((r) => r.sentence)])).toEqual([
			['acme', ['Risk score 8.2 is above 6.5 and renewal is in 87 days (at least 0, within 120)']],
			['umbrella', ['Risk score 6.9 is above 6.5 and renewal is in 87 days (at least 0, within 120)']],
		]);
	});

	it('holds back a snoozed action until its date', async () => {
		const snoozes = { snooze: [{ playbook: 'detractor_call', accountId: 'globex', until: '2026-03-10', reason: 'CSM on leave' }] };
		const result = await runWorkflow(itemsInto('csDecisionTriggers', { ...AS_OF, snoozes }, ACCOUNTS));
		expect(what(result.output('Node', OUTPUT.allActions))).toEqual([['acme', 'executive_escalation', 'new']]);
		const shown = await runWorkflow(itemsInto('csDecisionTriggers', { options: { asOf: '2026-03-02T08:00:00Z', includeOpen: true }, snoozes }, ACCOUNTS));
		// "2026-03-10" has no offset: it is midnight in the workflow's time zone (n8n's default, America/New_York, here)
		expect(shown.output('Node', OUTPUT.event).map((a) => [a.status, a.statusReason])).toEqual([['snoozed', 'snoozed until 2026-03-10T00:00:00-04:00: CSM on leave']]);
	});

	it('lists all five problems of a broken custom pack in one error', async () => {
		const result = await runWorkflow(itemsInto('csDecisionTriggers', { packs: [], useCustomPack: true, customPack: BROKEN }, ACCOUNTS));
		expect(result.status).toBe('error');
		expect(result.error('Node')!.message).toBe(`The rule packs have 5 problems; fix them all and run again:\n${BROKEN_PACK_PROBLEMS.join('\n')}`);
	});

	it('takes a pack from an input field', async () => {
		const pack = JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules', 'event-playbooks.json'), 'utf8'));
		const result = await runWorkflow(itemsInto('csDecisionTriggers', { ...AS_OF, packs: [], packField: 'rulePack' }, [{ rulePack: pack }, ...ACCOUNTS]));
		expect(result.output('Node', OUTPUT.event).map((a) => a.accountId)).toEqual(['globex']);
		expect(result.output('Node', OUTPUT.risk)).toEqual([]);
		expect(result.items('Node', OUTPUT.noTrigger).map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }, { item: 4 }]);
	});

	it('names the bad item, and with continue-on-fail still emits the others', async () => {
		const bad = { accountId: 'broken', asOf: '31/02/2026' };
		const failed = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, [ACCOUNTS[1], bad]));
		expect(failed.error('Node')!.message).toMatch(/^account intelligence 1: asOf "31\/02\/2026" is not an ISO-8601 date/);
		const continued = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, [ACCOUNTS[1], bad], { onError: 'continueRegularOutput' }));
		expect(continued.output('Node', OUTPUT.event).map((a) => a.accountId)).toEqual(['globex']);
		const errors = continued.items('Node', OUTPUT.noTrigger);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(String(errors[0].json.error)).toMatch(/^account intelligence 1: asOf "31\/02\/2026" is not an ISO-8601 date/);
	});
});
