/**
 * CS Backtest in-process (n8n-core's WorkflowExecute): Accounts, History and Outcomes on three inputs, one item
 * per rule plus an overall item out, every item paired; a bad row fails the node naming its input and item.
 */
import { NodeConnectionTypes, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { BACKTEST_DEFAULTS, HISTORY_ITEM_KINDS } from '../../engine/backtest';
import { prepareRules, SHIPPED_PACK_NAMES, shippedPackInputs } from '../../engine/decide';
import { backtestProperties } from '../../nodes/CsBacktest/description';
import { generateBacktestHistory } from '../fixtures/backtest/history';
import { PACKAGE_NAME, packageNodeTypes, runWorkflow, type WorkflowFixture } from './harness';

const history = generateBacktestHistory({ accounts: 30, churners: 3, noise: 4, expanders: 2, days: 126 });

function backtest(parameters: INodeParameters, given: { accounts: IDataObject[]; history: IDataObject[]; outcomes: IDataObject[] }, extra: IDataObject = {}): WorkflowFixture {
	const source = (name: string, items: IDataObject[]) => ({ name, type: 'test.items', parameters: { items: JSON.stringify(items) } });
	return {
		timezone: 'UTC',
		nodes: [
			{ name: 'Start', type: 'test.items', parameters: { items: JSON.stringify([{}]) } },
			source('Accounts', given.accounts),
			source('History', given.history),
			source('Outcomes', given.outcomes),
			{ name: 'Node', type: `${PACKAGE_NAME}.csBacktest`, parameters, ...extra },
		],
		connections: {
			Start: { main: [['Accounts', 'History', 'Outcomes'].map((node) => ({ node, type: NodeConnectionTypes.Main, index: 0 }))] },
			Accounts: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] },
			History: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 1 }]] },
			Outcomes: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 2 }]] },
		},
	};
}

const GIVEN = { accounts: history.accounts as IDataObject[], history: [...history.usage, ...history.tickets] as IDataObject[], outcomes: history.outcomes as IDataObject[] };

describe('CS Backtest', () => {
	it('emits one item per rule of the packs and an overall item, each paired with the Accounts items', async () => {
		const result = await runWorkflow(backtest({}, GIVEN));
		expect(result.error('Node')).toBeUndefined();
		const items = result.items('Node');
		const ruleIds = prepareRules(shippedPackInputs()).map((rule) => rule.id);
		expect(items.map((item) => item.json.ruleId)).toEqual([...ruleIds, 'overall']);
		for (const item of items) expect(item.pairedItem).toEqual(history.accounts.map((_, index) => ({ item: index, input: 0 })));
		const byId = new Map(items.map((item) => [item.json.ruleId, item.json]));
		expect(byId.get('event.support_escalation')).toEqual(NODE_SUPPORT_ESCALATION);
		expect(byId.get('overall')).toMatchObject({ name: 'Overall (35 churn rules)', accounts: 30, outcomes: { churned: 3, expanded: 2 }, window: { from: '2026-03-02T00:00:00Z', everyDays: 7, horizonDays: 28, timezone: 'UTC' } });
	});

	it('a bad row fails the node naming its input and item; with Continue On Fail it is an error item paired with it', async () => {
		const bad = { ...GIVEN, outcomes: [...GIVEN.outcomes, { accountId: history.accounts[5].accountId, churnedAt: 'next spring' }] };
		const failed = await runWorkflow(backtest({}, bad));
		const error = failed.error('Node') as unknown as { name: string; message: string; description: string; context: IDataObject };
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`Outcomes item ${GIVEN.outcomes.length}: churnedAt "next spring" is not an ISO-8601 date`);
		expect(error.description).toBe('1 input item is not usable, so nothing was replayed: fix it or leave it out');
		expect(error.context.itemIndex).toBe(GIVEN.outcomes.length);

		const badTicket = { ...GIVEN, history: [...GIVEN.history, { id: 1, organization_id: 'acct-0001', status: 'open', priority: 'high', subject: 'x' }] };
		const continued = await runWorkflow(backtest({}, badTicket, { continueOnFail: true }));
		expect(continued.items('Node')).toEqual([
			{ json: { error: `History item ${GIVEN.history.length} (ticket): created_at is missing (map "Created At Field" to a field holding ISO-8601 dates)` }, pairedItem: { item: GIVEN.history.length, input: 1 } },
		]);
	});

	it("shows the engine's defaults on its form", () => {
		const description = packageNodeTypes().getByNameAndVersion(`${PACKAGE_NAME}.csBacktest`).description;
		const param = (name: string) => description.properties.find((p) => p.name === name)!;
		expect([param('every').default, param('horizon').default]).toEqual([BACKTEST_DEFAULTS.every, BACKTEST_DEFAULTS.horizon]);
		expect(param('packs').default).toEqual([...SHIPPED_PACK_NAMES]);
		expect(param('historyKind').options!.map((o) => (o as { value: string }).value)).toEqual([...HISTORY_ITEM_KINDS]);
		expect(description).toMatchObject({ usableAsTool: true, inputNames: ['Accounts', 'History', 'Outcomes'] });
		const changed = backtestProperties({ defaults: { ...BACKTEST_DEFAULTS, every: '14d' }, packs: ['health'], kinds: HISTORY_ITEM_KINDS });
		expect(changed.find((p) => p.name === 'every')!.default).toBe('14d');
		expect(changed.find((p) => p.name === 'packs')!.default).toEqual(['health']);
	});
});

const NODE_SUPPORT_ESCALATION = {
	ruleId: 'event.support_escalation',
	name: 'Support escalation triage',
	pack: 'event-playbooks',
	family: 'event',
	outcome: 'churned',
	fires: 21,
	accountsFlagged: 6,
	alerts: 6,
	precision: 0.5714,
	recall: 1,
	outcomesWarnable: 3,
	outcomesWarned: 3,
	leadTimeDays: { median: 25, q1: 24.5, q3: 25 },
	alertsPer100AccountsPerWeek: 1.89,
	lift: 15.1,
};
