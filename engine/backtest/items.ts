/**
 * The backtest for item-based callers (CS Backtest): history items of mixed kinds split into usage rows,
 * tickets and signals, and the report as items — one per rule, then one overall item carrying the window,
 * base rates and churners.
 */
import { DEFAULT_USAGE_FIELD_MAP } from '../detect/usage';
import type { BacktestMetrics } from './metrics';
import { runBacktest, type BacktestInputs, type BacktestOptions, type BacktestReport, type RuleBacktest } from './run';

/** What the History input's items are; `auto` decides per item (see historyKindOf). */
export const HISTORY_ITEM_KINDS = ['auto', 'usage', 'tickets', 'signals'] as const;
export type HistoryItemKind = (typeof HISTORY_ITEM_KINDS)[number];
type HistoryInput = 'usage' | 'tickets' | 'signals';

/** `auto`: a Signal item (a `type` and an `observedAt`) is a signal, an item with a `day` or `occurredAt` a usage row, any other a ticket. */
export function historyKindOf(item: unknown): HistoryInput {
	const json = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
	if (typeof json.type === 'string' && json.observedAt !== undefined) return 'signals';
	if (json[DEFAULT_USAGE_FIELD_MAP.day] !== undefined || json[DEFAULT_USAGE_FIELD_MAP.occurredAt] !== undefined) return 'usage';
	return 'tickets';
}

/** History items by kind, and the way back from (kind, index in its list) to the input item. */
export function splitHistoryItems(items: readonly unknown[], kind: HistoryItemKind): { inputs: Required<Pick<BacktestInputs, 'usage' | 'tickets' | 'signals'>>; itemIndexOf(input: string, index: number): number } {
	const lists: Record<HistoryInput, unknown[]> = { usage: [], tickets: [], signals: [] };
	const indexes: Record<HistoryInput, number[]> = { usage: [], tickets: [], signals: [] };
	items.forEach((item, index) => {
		const as = kind === 'auto' ? historyKindOf(item) : kind;
		lists[as].push(item);
		indexes[as].push(index);
	});
	return { inputs: lists, itemIndexOf: (input, index) => indexes[input as HistoryInput]?.[index] ?? index };
}

export type BacktestRuleItem = RuleBacktest;
export type BacktestOverallItem = BacktestMetrics & {
	ruleId: 'overall';
	name: string;
	outcome: 'churned';
	rules: number;
} & Pick<BacktestReport, 'window' | 'accounts' | 'outcomes' | 'evaluations' | 'baseRate' | 'packs' | 'churners'>;

/** The report as items: one per rule (in pack order), then the overall item. */
export function backtestReportItems(report: BacktestReport): Array<BacktestRuleItem | BacktestOverallItem> {
	const { rules, overall, ...context } = report;
	return [...rules, { ruleId: 'overall', name: `Overall (${overall.rules} churn rules)`, ...overall, ...context }];
}

/** Run the backtest on items and return its items. */
export async function backtestItems(inputs: BacktestInputs, options: BacktestOptions): Promise<Array<BacktestRuleItem | BacktestOverallItem>> {
	return backtestReportItems(await runBacktest(inputs, options));
}
