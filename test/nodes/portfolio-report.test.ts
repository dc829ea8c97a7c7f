import { itemsInto, runWorkflow } from './harness';
import { demoBook } from '../fixtures/briefs/book';
import { validateSlackMessage } from '../fixtures/briefs/block-kit';

const book = demoBook();

test('all items in, one report item out with html, markdown and slack', async () => {
	const input = [...book.intelligence, ...book.decisions, ...book.actioned];
	const result = await runWorkflow(itemsInto('csPortfolioReport', { title: 'Weekly CS report' }, input as never));
	expect(result.status).toBe('success');
	const items = result.items('Node');
	expect(items).toHaveLength(1);
	expect(items[0].pairedItem).toEqual(input.map((_, item) => ({ item })));
	const json = items[0].json as { html: string; markdown: string; slack: { text: string; blocks: unknown[] }; report: { atRisk: { arr: number }; triggers: { total: number } } };
	expect(json.report.atRisk.arr).toBe(248000);
	expect(json.report.triggers.total).toBe(4);
	expect(json.markdown.startsWith('# Weekly CS report\n')).toBe(true);
	expect(json.html).toContain('data-chart="renewals"');
	expect(validateSlackMessage(json.slack)).toEqual([]);
});

test('an item that is none of intelligence, decision or actioned record is named', async () => {
	const input = [book.intelligence[0], { hello: 'world' }];
	const failing = await runWorkflow(itemsInto('csPortfolioReport', { title: 'R' }, input as never));
	expect(failing.error('Node')?.message).toMatch(/^intelligence 1: accountId is required but missing/);
	const tolerant = await runWorkflow(itemsInto('csPortfolioReport', { title: 'R' }, input as never, { onError: 'continueRegularOutput' }));
	const items = tolerant.items('Node');
	expect(items).toHaveLength(2);
	expect(items[0].pairedItem).toEqual([{ item: 0 }]);
	expect(items[1].pairedItem).toEqual({ item: 1 });
	expect(String(items[1].json.error)).toMatch(/^intelligence 1: accountId is required but missing/);
});

test('issue 16: duplicates are counted once with a warning on the report item; a bad As Of is a clear error', async () => {
	const input = [...book.intelligence, book.intelligence[0]];
	const result = await runWorkflow(itemsInto('csPortfolioReport', { title: 'R' }, input as never));
	const [item] = result.output('Node') as Array<{ report: { totalArr: number; accounts: number }; warnings: string[] }>;
	expect(item.report.accounts).toBe(3);
	expect(item.report.totalArr).toBe(296000);
	expect(item.warnings).toEqual([`intelligence 3: account "${book.intelligence[0].accountId}" is also intelligence 0; counted once (the one as of ${book.intelligence[0].asOf}, intelligence 3)`]);
	const failing = await runWorkflow(itemsInto('csPortfolioReport', { title: 'R', asOf: 'lastweek' }, [...book.intelligence, ...book.decisions] as never));
	expect(failing.error('Node')?.name).toBe('NodeOperationError');
	expect(failing.error('Node')?.message).toBe('as-of "lastweek" is not an ISO-8601 date: give the week\'s end as a date such as 2026-03-02 or a date-time such as 2026-03-02T18:00:00+01:00');
});
