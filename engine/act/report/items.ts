/** Item-level entry point for the CS Portfolio Report node and the CLI: sort items by kind, validate each. */
import { AccountIntelligenceSchema, ActionSchema, parseItem, requireIsoDate, unusableItem, type AccountIntelligence, type Action, type UnusableItem } from '../../model';
import { claimDelivery, type LedgerPort } from '../../ledger';
import { buildPortfolioReport, type PortfolioReportOutput } from './build';
import { REPORT_DEFAULTS, type ActionedRecord } from './compute';

export interface ReportFromItemsResult {
	/** The report; null when `once` is set and this period's report was already sent (`skipped` says when). */
	output: PortfolioReportOutput | null;
	skipped?: string;
	/** Which input items went into the report. */
	used: number[];
	/** Items that are neither usable intelligence, an action nor a done record. */
	unusable: UnusableItem[];
}

/**
 * Items are AccountIntelligence (have `health` and `renewal`), Actions (have `actionId` and `reasons`) or done
 * records (`openedAt` + `doneAt`, what CS Decision Ledger's Mark Done outputs). Anything else is a problem naming the item.
 */
export interface ReportItemsOptions {
	asOf?: string;
	title?: string;
	timezone?: string;
	/** Send the report once per ISO week (of its as-of date): a second run in the same week gives no report. */
	oncePerWeek?: LedgerPort;
}

export function reportFromItems(items: readonly unknown[], options: ReportItemsOptions = {}): ReportFromItemsResult {
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
	const output = buildPortfolioReport({ intelligence, actions: actions.length ? actions : undefined, actioned, asOf: options.asOf, timezone: options.timezone, title: options.title });
	if (options.oncePerWeek) {
		const week = requireIsoDate(output.report.asOf).toISOWeekDate()!.slice(0, 8);
		const key = options.title ?? REPORT_DEFAULTS.title;
		const sent = options.oncePerWeek.getDelivery('report', key);
		if (!claimDelivery(options.oncePerWeek, 'report', key, week, output.report.asOf)) {
			return { output: null, skipped: `the report "${key}" for week ${week} was already sent (${sent!.split('@')[1]}); the next one goes out in the next week`, used, unusable };
		}
	}
	return { output, used, unusable };
}
