/** Item-level entry point for the CS Portfolio Report node and the CLI: sort items by kind, validate each. */
import { AccountIntelligenceSchema, DecisionSchema, parseItem, unusableItem, type AccountIntelligence, type Decision, type UnusableItem } from '../../model';
import { buildPortfolioReport, type PortfolioReportOutput } from './build';
import type { ActionedRecord } from './compute';

export interface ReportFromItemsResult {
	output: PortfolioReportOutput;
	/** Which input items went into the report. */
	used: number[];
	/** Items that are neither usable intelligence, a decision nor an actioned record. */
	unusable: UnusableItem[];
}

/**
 * Items are AccountIntelligence (have `health` and `renewal`), Decisions (have `decisionId` and `rule`) or actioned
 * records (`firedAt` + `actionedAt`, no `rule`). Anything else is a problem naming the item.
 */
export function reportFromItems(items: readonly unknown[], options: { asOf?: string; title?: string } = {}): ReportFromItemsResult {
	const intelligence: AccountIntelligence[] = [];
	const decisions: Decision[] = [];
	const actioned: ActionedRecord[] = [];
	const used: number[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((raw, index) => {
		const json = (raw ?? {}) as Record<string, unknown>;
		try {
			if ('decisionId' in json && 'rule' in json) {
				const decision = parseItem(DecisionSchema, 'decision', index, json);
				decisions.push(decision);
				if (typeof json.actionedAt === 'string') actioned.push({ decisionId: decision.decisionId, firedAt: decision.firedAt, actionedAt: json.actionedAt });
			} else if ('actionedAt' in json && 'firedAt' in json) {
				if (typeof json.firedAt !== 'string' || typeof json.actionedAt !== 'string') throw new Error(`item ${index}: firedAt and actionedAt must be ISO-8601 date strings`);
				actioned.push({ firedAt: json.firedAt, actionedAt: json.actionedAt, decisionId: typeof json.decisionId === 'string' ? json.decisionId : undefined });
			} else {
				intelligence.push(parseItem(AccountIntelligenceSchema, 'intelligence', index, json));
			}
			used.push(index);
		} catch (error) {
			unusable.push(unusableItem(error, index));
		}
	});
	return { output: buildPortfolioReport({ intelligence, decisions: decisions.length ? decisions : undefined, actioned, asOf: options.asOf, title: options.title }), used, unusable };
}
