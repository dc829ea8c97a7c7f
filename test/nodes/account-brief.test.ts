import { itemsInto, runWorkflow } from './harness';
import { SIGNALS, demoAction, demoIntelligence } from '../fixtures/briefs/demo';
import { validateSlackMessage } from '../fixtures/briefs/block-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const intelligence = demoIntelligence();
const withSignals = intelligence.map((i) => ({ ...i, signals: SIGNALS.filter((s) => s.accountId === i.accountId) }));

test('executive briefs: one item per account, markdown equals the golden file, pairedItem kept', async () => {
	const result = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'executive', formats: ['markdown', 'slack', 'html', 'context'], signalsField: 'signals' }, withSignals as never));
	expect(result.status).toBe('success');
	const items = result.items('Node');
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	const [northwind] = result.output('Node');
	expect(northwind.markdown).toBe(readFileSync(join(__dirname, '..', 'golden', 'executive-northwind.md'), 'utf8'));
	expect(validateSlackMessage(northwind.slack as never)).toEqual([]);
	expect(Object.keys(northwind)).toEqual(['briefType', 'accountId', 'accountName', 'markdown', 'html', 'slack', 'context']);
});

test('only the chosen outputs come out', async () => {
	const result = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'ebr', formats: ['context'], signalsField: 'signals' }, [withSignals[1]] as never));
	const [item] = result.output('Node');
	expect(Object.keys(item)).toEqual(['briefType', 'accountId', 'accountName', 'context']);
	expect((item.context as { title: string }).title).toBe('EBR agenda: Globex Analytics (90 min)');
});

test('Slack alert per account: the Action items of one account become one message, paired to all of them', async () => {
	const [northwind, globex] = intelligence;
	const actions = [
		{ ...demoAction(northwind), signals: SIGNALS },
		demoAction(globex, { actionId: 'act-gx', playbook: { id: 'upsell_conversation', name: 'Upsell conversation' }, priority: 'P3' }),
		demoAction(northwind, { actionId: 'act-nw-2', playbook: { id: 'relationship_mapping', name: 'Relationship mapping protocol' }, priority: 'P2' }),
	];
	const result = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'slack-alert', formats: ['slack'], signalsField: 'signals' }, actions as never));
	expect(result.status).toBe('success');
	const items = result.items('Node');
	expect(items.map((i) => [i.json.accountName, i.pairedItem])).toEqual([
		['Northwind Logistics', [{ item: 0 }, { item: 2 }]],
		['Globex Analytics', [{ item: 1 }]],
	]);
	const slack = items[0].json.slack as { text: string; blocks: unknown[] };
	expect(validateSlackMessage(slack)).toEqual([]);
	expect(slack.text).toMatch(/^P1 Northwind Logistics: 2 actions\. P1 Executive escalation — <@U01SAMRV> \(CS leader\)/);
});

test('Slack alert per account: an item that is not an Action is named; continue-on-fail alerts for the others', async () => {
	const items = [demoAction(intelligence[0]), { accountId: 'x', playbook: 'ebr' }];
	const failing = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'slack-alert', formats: ['slack'], signalsField: 'signals' }, items as never));
	expect(failing.error('Node')?.message).toMatch(/^action 1: headline is required but missing/);
	const tolerant = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'slack-alert', formats: ['slack'], signalsField: 'signals' }, items as never, { onError: 'continueRegularOutput' }));
	expect(tolerant.items('Node').map((i) => i.pairedItem)).toEqual([[{ item: 0 }], { item: 1 }]);
});

test('a bad item fails with its index and field; continue-on-fail keeps the good ones', async () => {
	const bad = { ...withSignals[0], asOf: '31/02/2026' };
	const failing = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'executive', formats: ['markdown'], signalsField: 'signals' }, [withSignals[1], bad] as never));
	expect(failing.error('Node')?.message).toBe('intelligence 1: asOf "31/02/2026" is not an ISO-8601 date');
	const tolerant = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'executive', formats: ['markdown'], signalsField: 'signals' }, [withSignals[1], bad] as never, { onError: 'continueRegularOutput' }));
	const items = tolerant.items('Node');
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(items[1].json).toEqual({ error: 'intelligence 1: asOf "31/02/2026" is not an ISO-8601 date' });
});
