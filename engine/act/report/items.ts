/** Item-level entry point for the CS Portfolio Report node and the CLI: sort items by kind, validate each. */
import { AccountIntelligenceSchema, DecisionSchema, toItemValidationError, type AccountIntelligence, type Decision } from '../../model';
import { buildPortfolioReport, type PortfolioReportOutput } from './build';
import type { ActionedRecord } from './compute';

export interface ReportItemProblem {
	index: number;
	message: string;
}

export interface ReportFromItemsResult {
	output: PortfolioReportOutput;
	/** Which input items went into the report. */
	used: number[];
	problems: ReportItemProblem[];
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
	const problems: ReportItemProblem[] = [];
	items.forEach((raw, index) => {
		const json = (raw ?? {}) as Record<string, unknown>;
		try {
			if ('decisionId' in json && 'rule' in json) {
				const parsed = DecisionSchema.safeParse(json);
				if (!parsed.success) throw toItemValidationError('decision', index, parsed.error, json);
				decisions.push(parsed.data);
				if (typeof json.actionedAt === 'string') actioned.push({ decisionId: parsed.data.decisionId, firedAt: parsed.data.firedAt, actionedAt: json.actionedAt });
			} else if ('actionedAt' in json && 'firedAt' in json) {
				if (typeof json.firedAt !== 'string' || typeof json.actionedAt !== 'string') throw new Error(`item ${index}: firedAt and actionedAt must be ISO-8601 date strings`);
				actioned.push({ firedAt: json.firedAt, actionedAt: json.actionedAt, decisionId: typeof json.decisionId === 'string' ? json.decisionId : undefined });
			} else {
				const parsed = AccountIntelligenceSchema.safeParse(json);
				if (!parsed.success) throw toItemValidationError('intelligence', index, parsed.error, json);
				intelligence.push(parsed.data);
			}
			used.push(index);
		} catch (error) {
			problems.push({ index, message: (error as Error).message });
		}
	});
	return { output: buildPortfolioReport({ intelligence, decisions: decisions.length ? decisions : undefined, actioned, asOf: options.asOf, title: options.title }), used, problems };
}
