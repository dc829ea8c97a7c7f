/**
 * Issue 16 part 2 in CS Decision Triggers: the node refuses what the CLI refuses, with the same schema and
 * message — alert budgets −5 and 1.5, a shipped pack named "toString" — and names the account whose facts are
 * not what the catalogue says while the others still decide (with "Continue On Fail").
 */
import type { IDataObject } from 'n8n-workflow';
import { DECISION_OUTPUTS, SHIPPED_PACK_NAMES } from '../../engine/decide';
import { makeIntelligence } from '../fixtures/decide/intelligence';
import { itemsInto, runWorkflow } from './harness';

const OUTPUT = Object.fromEntries(DECISION_OUTPUTS.map((name, index) => [name, index])) as Record<(typeof DECISION_OUTPUTS)[number], number>;
const AS_OF = { options: { asOf: '2026-03-02T08:00:00Z' } };
const ACME = makeIntelligence({ accountId: 'acme', facts: { riskScore: 8.2, daysToRenewal: 87 } }) as unknown as IDataObject;
const WILD = makeIntelligence({ accountId: 'globex', facts: { riskScore: 99 } }) as unknown as IDataObject;

describe('CS Decision Triggers: the hostile cases of issue 16 part 2', () => {
	it('finding 11: alert budgets of -5 and 1.5 are refused as the CLI refuses them', async () => {
		for (const budget of [-5, 1.5]) {
			const result = await runWorkflow(itemsInto('csDecisionTriggers', { ...AS_OF, dailyAlertBudget: budget }, [ACME]));
			expect(result.status).toBe('error');
			expect(result.error('Node')!.message).toBe(`Daily Alert Budget per Owner must be a whole number of alerts per owner per day, 0 or more (0 = no budget), got ${budget}`);
			expect(result.staticData).toEqual({}); // nothing written to the ledger
		}
	});

	it('finding 9: a shipped pack named "toString" is an unknown pack listing the known ones', async () => {
		const result = await runWorkflow(itemsInto('csDecisionTriggers', { ...AS_OF, packs: ['toString'] }, [ACME]));
		expect(result.status).toBe('error');
		expect(result.error('Node')!.message).toBe(`Unknown rule pack "toString" (known: ${SHIPPED_PACK_NAMES.join(', ')})`);
	});

	it('finding 10: riskScore 99 is an item error naming account and range; with Continue On Fail the others decide', async () => {
		const failed = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, [ACME, WILD]));
		expect(failed.error('Node')!.message).toBe('account intelligence 1: account "globex": fact riskScore 99 is outside its range: expected a number from 0 to 10');
		const continued = await runWorkflow(itemsInto('csDecisionTriggers', AS_OF, [ACME, WILD], { onError: 'continueRegularOutput' }));
		expect(continued.output('Node', OUTPUT.allActions).map((a) => a.accountId)).toEqual(['acme']);
		expect(continued.items('Node', OUTPUT.noTrigger).map((i) => [i.json.error, i.pairedItem])).toEqual([
			['account intelligence 1: account "globex": fact riskScore 99 is outside its range: expected a number from 0 to 10', { item: 1 }],
		]);
	});
});
