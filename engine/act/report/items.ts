/** Item-level entry point for the CS Portfolio Report node and the CLI: sort items by kind, validate each. */
import { AccountIntelligenceSchema, ActionSchema, parseItem, unusableItem, type AccountIntelligence, type Action, type UnusableItem } from '../../model';
import { buildPortfolioReport, type PortfolioReportOutput } from './build';
import type { ActionedRecord } from './compute';

export interface ReportFromItemsResult {
	output: PortfolioReportOutput;
	/** Which input items went into the report. */
	used: number[];
	/** Items that are neither usable intelligence, an action nor a done record. */
	unusable: UnusableItem[];
}

/**
 * Items are AccountIntelligence (have `health` and `renewal`), Actions (have `actionId` and `reasons`) or done
 * records (`openedAt` + `doneAt`, what CS Decision Ledger's Mark Done outputs). Anything else is a problem naming the item.
 */
export function reportFromItems(items: readonly unknown[], options: { asOf?: string; title?: string; timezone?: string } = {}): ReportFromItemsResult {
	const intelligence: AccountIntelligence[] = [];
	const actions: Action[] = [];
	const actioned: ActionedRecord[] = [];
	const used: number[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((raw, index) => {
		const json = (raw ?? {}) as Record<string, unknown>;
		try {
			if ('actionId' in json && 'reasons' in json) {
				actions.push(parseItem(ActionSchema, 'action', index, json));
			} else if ('doneAt' in json && 'openedAt' in json) {
				if (typeof json.openedAt !== 'string' || typeof json.doneAt !== 'string') throw new Error(`item ${index}: openedAt and doneAt must be ISO-8601 date strings`);
				actioned.push({ openedAt: json.openedAt, doneAt: json.doneAt, actionId: typeof json.actionId === 'string' ? json.actionId : undefined });
			} else {
				intelligence.push(parseItem(AccountIntelligenceSchema, 'intelligence', index, json));
			}
			used.push(index);
		} catch (error) {
			unusable.push(unusableItem(error, index));
		}
	});
	return {
		output: buildPortfolioReport({ intelligence, actions: actions.length ? actions : undefined, actioned, asOf: options.asOf, timezone: options.timezone, title: options.title }),
		used,
		unusable,
	};
}
