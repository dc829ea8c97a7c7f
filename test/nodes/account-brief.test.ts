import { itemsInto, runWorkflow } from './harness';
import { SIGNALS, demoDecision, demoIntelligence } from '../fixtures/briefs/demo';
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

test('Slack alert from Decision items with the intelligence attached', async () => {
	const decision = { ...demoDecision(intelligence[0]), intelligence: intelligence[0], signals: SIGNALS };
	const result = await runWorkflow(itemsInto('csAccountBrief', { briefType: 'slack-alert', formats: ['slack'], signalsField: 'signals', intelligenceField: 'intelligence' }, [decision] as never));
	const [item] = result.output('Node');
	const slack = item.slack as { text: string; blocks: unknown[] };
	expect(validateSlackMessage(slack)).toEqual([]);
	expect(slack.text).toContain('<@U01SAMRV>');
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
