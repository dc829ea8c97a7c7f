import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { itemsInto, runWorkflow } from './harness';
import { makeIntelligence } from '../fixtures/decide/intelligence';
import { BROKEN_PACK_PROBLEMS } from '../fixtures/decide/broken-pack';

const OUTPUT = { risk: 0, stakeholder: 1, expansion: 2, onboarding: 3, renewal: 4, health: 5, event: 6, noTrigger: 7 };
const intel = (accountId: string, facts: Record<string, unknown>) => makeIntelligence({ accountId, facts: facts as never }) as unknown as IDataObject;
const ACCOUNTS = [
	intel('acme', { riskScore: 8.2, daysToRenewal: 87 }),
	intel('globex', { npsScore: 3 }),
	intel('initech', {}),
	intel('umbrella', { riskScore: 6.9, daysToRenewal: 87 }),
];
const BROKEN = readFileSync(join(__dirname, '..', 'fixtures', 'decide', 'broken-pack.json'), 'utf8');
const AS_OF = { options: { asOf: '2026-03-02T08:00:00Z' } };

describe('CS Decision Triggers node', () => {
	it('routes decisions by family and accounts without a trigger to "No Trigger", paired with their input item', async () => {
		const result = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, ACCOUNTS));
		expect(result.status).toBe('success');
		const risk = result.items('Node', OUTPUT.risk);
		expect(risk.map((i) => [i.json.accountId, (i.json.rule as IDataObject).id, i.json.status, i.pairedItem])).toEqual([
			['acme', 'risk.exec_escalation', 'new', { item: 0 }],
			['acme', 'risk.ebr_schedule', 'new', { item: 0 }],
		]);
		expect((risk[0].json.explanation as IDataObject).sentence).toBe('Risk score 8.2 is above 7.0 and renewal is in 87 days (within 120)');
		expect(result.output('Node', OUTPUT.event).map((d) => [d.accountId, (d.rule as IDataObject).id])).toEqual([['globex', 'event.nps_detractor']]);
		for (const family of ['stakeholder', 'expansion', 'onboarding', 'renewal', 'health'] as const) expect(result.output('Node', OUTPUT[family])).toEqual([]);
		const none = result.items('Node', OUTPUT.noTrigger);
		expect(none.map((i) => [i.json.accountId, i.pairedItem])).toEqual([
			['initech', { item: 2 }],
			['umbrella', { item: 3 }],
		]);
		expect((none[1].json.nearMisses as IDataObject[]).map((n) => n.sentence)).toEqual([
			'Risk score 6.9 is not above 7.0; renewal is in 87 days (within 120)',
			'Risk score 6.9 is not above 7.0; renewal is in 87 days (within 120)',
		]);
	});

	it('alerts once over repeated runs (ledger in workflow static data)', async () => {
		const first = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, ACCOUNTS));
		const second = await runWorkflow({ ...itemsInto('csDecisionTriggers', { options: { asOf: '2026-03-03T08:00:00Z' } }, ACCOUNTS), staticData: first.staticData });
		expect(second.output('Node', OUTPUT.risk)).toEqual([]);
		expect(second.output('Node', OUTPUT.event)).toEqual([]);
		const third = await runWorkflow({
			...itemsInto('csDecisionTriggers', { options: { asOf: '2026-03-04T08:00:00Z', includeSuppressed: true } }, ACCOUNTS),
			staticData: second.staticData,
		});
		expect(third.output('Node', OUTPUT.event).map((d) => [d.status, d.statusReason])).toEqual([
			['suppressed', 'cooldown: already alerted 2026-03-02T08:00:00Z, next alert from 2026-04-01T08:00:00Z (P30D)'],
		]);
	});

	it('applies threshold overrides from its parameters', async () => {
		const result = await runWorkflow(
			itemsInto('csDecisionTriggers', { ...AS_OF, packs: ['decision-triggers'], thresholdOverrides: { override: [{ name: 'riskScoreEscalation', value: '6.5' }] } }, ACCOUNTS),
		);
		expect(result.output('Node', OUTPUT.risk).map((d) => [d.accountId, (d.explanation as IDataObject).sentence])).toEqual([
			['acme', 'Risk score 8.2 is above 6.5 and renewal is in 87 days (within 120)'],
			['acme', 'Risk score 8.2 is above 6.5 and renewal is in 87 days (within 120)'],
			['umbrella', 'Risk score 6.9 is above 6.5 and renewal is in 87 days (within 120)'],
			['umbrella', 'Risk score 6.9 is above 6.5 and renewal is in 87 days (within 120)'],
		]);
	});

	it('lists all five problems of a broken custom pack in one error', async () => {
		const result = await runWorkflow(itemsInto('csDecisionTriggers', { packs: [], customPack: BROKEN }, ACCOUNTS));
		expect(result.status).toBe('error');
		expect(result.error('Node')!.message).toBe(`The rule packs have 5 problems; fix them all and run again:\n${BROKEN_PACK_PROBLEMS.join('\n')}`);
	});

	it('takes a pack from an input field', async () => {
		const pack = JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules', 'event-playbooks.json'), 'utf8'));
		const result = await runWorkflow(itemsInto('csDecisionTriggers', { ...AS_OF, packs: [], packField: 'rulePack' }, [{ rulePack: pack }, ...ACCOUNTS]));
		expect(result.output('Node', OUTPUT.event).map((d) => d.accountId)).toEqual(['globex']);
		expect(result.output('Node', OUTPUT.risk)).toEqual([]);
		expect(result.items('Node', OUTPUT.noTrigger).map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }, { item: 4 }]);
	});

	it('names the bad item, and with continue-on-fail still emits the others', async () => {
		const bad = { accountId: 'broken', asOf: '31/02/2026' };
		const failed = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, [ACCOUNTS[1], bad]));
		expect(failed.error('Node')!.message).toMatch(/^account intelligence 1: asOf "31\/02\/2026" is not an ISO-8601 date/);
		const continued = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, [ACCOUNTS[1], bad], { onError: 'continueRegularOutput' }));
		expect(continued.output('Node', OUTPUT.event).map((d) => d.accountId)).toEqual(['globex']);
		const errors = continued.items('Node', OUTPUT.noTrigger);
		expect(errors.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(String(errors[0].json.error)).toMatch(/^account intelligence 1: asOf "31\/02\/2026" is not an ISO-8601 date/);
	});
});
