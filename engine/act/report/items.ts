/** Item-level entry point for the CS Portfolio Report node and the CLI: sort items by kind, validate each. */
import { DateTime } from 'luxon';
import { AccountIntelligenceSchema, DecisionSchema, listing, parseItem, parseIsoDate, plural, toIso, unusableItem, type AccountIntelligence, type Decision, type UnusableItem } from '../../model';
import { buildPortfolioReport, type PortfolioReportOutput } from './build';
import type { ActionedRecord } from './compute';

export interface ReportFromItemsResult {
	output: PortfolioReportOutput;
	/** Which input items went into the report. */
	used: number[];
	/** Items that are neither usable intelligence, a decision nor an actioned record. */
	unusable: UnusableItem[];
	/** What was counted differently from how it came in (duplicates counted once, decisions outside the book), one sentence each. */
	warnings: string[];
}

export interface ReportFromItemsOptions {
	asOf?: string;
	title?: string;
	/** IANA zone for an as-of written without an offset (n8n passes the workflow's); default UTC. */
	timezone?: string;
	/** How an item's index reads in messages (the CLI numbers decisions within their own file). Default: as given. */
	displayIndex?: (index: number) => number;
}

/** The report's as-of: an ISO-8601 date or date-time (offset kept; none means the time zone given), else a sentence saying how to write it. */
export function reportAsOf(asOf: string | undefined, timezone?: string): string | undefined {
	if (asOf === undefined || asOf.trim() === '') return undefined;
	const parsed = DateTime.fromISO(asOf.trim(), { zone: timezone || 'utc', setZone: true });
	if (!parsed.isValid || parseIsoDate(asOf) === null) {
		throw new Error(`as-of ${JSON.stringify(asOf)} is not an ISO-8601 date: give the week's end as a date such as 2026-03-02 or a date-time such as 2026-03-02T18:00:00+01:00`);
	}
	return toIso(parsed);
}

/** The later of two ISO instants (ties: the second). */
function isLater(a: string, b: string): boolean {
	return (parseIsoDate(a)?.toMillis() ?? 0) > (parseIsoDate(b)?.toMillis() ?? 0);
}

/**
 * Items are AccountIntelligence (have `health` and `renewal`), Decisions (have `decisionId` and `rule`) or actioned
 * records (`firedAt` + `actionedAt`, no `rule`). Anything else is a problem naming the item. Each account counts once
 * (given twice, the later as-of is kept, with a warning), each decision once (by decisionId), and decisions for
 * accounts the book does not hold are counted with a warning. A bad `asOf` throws.
 */
export function reportFromItems(items: readonly unknown[], options: ReportFromItemsOptions = {}): ReportFromItemsResult {
	const asOf = reportAsOf(options.asOf, options.timezone);
	const shown = options.displayIndex ?? ((index: number) => index);
	const intelligenceByAccount = new Map<string, { index: number; intelligence: AccountIntelligence }>();
	const decisionsById = new Map<string, { index: number; decision: Decision }>();
	const actioned: ActionedRecord[] = [];
	const used: number[] = [];
	const unusable: UnusableItem[] = [];
	const warnings: string[] = [];
	items.forEach((raw, index) => {
		const json = (raw ?? {}) as Record<string, unknown>;
		const at = shown(index);
		try {
			if (typeof json !== 'object' || Array.isArray(json)) throw new Error(`item ${at}: is ${Array.isArray(json) ? 'an array' : `a ${typeof json}`}, not an AccountIntelligence, Decision or actioned record`);
			if ('decisionId' in json && 'rule' in json) {
				const decision = parseItem(DecisionSchema, 'decision', at, json);
				const earlier = decisionsById.get(decision.decisionId);
				if (earlier) warnings.push(`decision ${at}: decisionId ${JSON.stringify(decision.decisionId)} is also decision ${shown(earlier.index)}; counted once`);
				else decisionsById.set(decision.decisionId, { index, decision });
				if (typeof json.actionedAt === 'string' && !earlier) actioned.push({ decisionId: decision.decisionId, firedAt: decision.firedAt, actionedAt: json.actionedAt });
			} else if ('actionedAt' in json && 'firedAt' in json) {
				if (typeof json.firedAt !== 'string' || typeof json.actionedAt !== 'string') throw new Error(`actioned record ${at}: firedAt and actionedAt must be ISO-8601 date strings`);
				actioned.push({ firedAt: json.firedAt, actionedAt: json.actionedAt, decisionId: typeof json.decisionId === 'string' ? json.decisionId : undefined });
			} else {
				const intelligence = parseItem(AccountIntelligenceSchema, 'intelligence', at, json);
				const earlier = intelligenceByAccount.get(intelligence.accountId);
				if (earlier) {
					const keep = isLater(earlier.intelligence.asOf, intelligence.asOf) ? earlier : { index, intelligence };
					warnings.push(
						`intelligence ${at}: account ${JSON.stringify(intelligence.accountId)} is also intelligence ${shown(earlier.index)}; counted once (the one as of ${keep.intelligence.asOf}, intelligence ${shown(keep.index)})`,
					);
					intelligenceByAccount.set(intelligence.accountId, keep);
				} else intelligenceByAccount.set(intelligence.accountId, { index, intelligence });
			}
			used.push(index);
		} catch (error) {
			unusable.push(unusableItem(error, index));
		}
	});
	// actioned records: one per decision id (a decision and its actioned record may both come in)
	const seenActioned = new Set<string>();
	const actionedOnce = actioned.filter((record) => {
		if (!record.decisionId) return true;
		if (seenActioned.has(record.decisionId)) return false;
		seenActioned.add(record.decisionId);
		return true;
	});
	const decisions = [...decisionsById.values()];
	const outside = decisions.filter(({ decision }) => !intelligenceByAccount.has(decision.accountId));
	if (outside.length > 0 && intelligenceByAccount.size > 0) {
		const accounts = [...new Set(outside.map(({ decision }) => JSON.stringify(decision.accountId)))];
		warnings.push(
			`${plural(outside.length, 'decision')} (${listing(outside.slice(0, 5).map(({ index }) => `decision ${shown(index)}`))}${outside.length > 5 ? ', …' : ''}) ${outside.length === 1 ? 'is' : 'are'} for ${plural(accounts.length, 'account')} outside the book (${listing(accounts.slice(0, 5))}${accounts.length > 5 ? ', …' : ''}): counted in the triggers, not in any account's numbers`,
		);
	}
	const output = buildPortfolioReport({
		intelligence: [...intelligenceByAccount.values()].sort((a, b) => a.index - b.index).map((entry) => entry.intelligence),
		decisions: decisions.length ? decisions.sort((a, b) => a.index - b.index).map((entry) => entry.decision) : undefined,
		actioned: actionedOnce,
		asOf,
		title: options.title,
	});
	return { output, used, unusable, warnings };
}
