/** Item-level entry point for the CS Portfolio Report node and the CLI: sort items by kind, validate each. */
import { AccountIntelligenceSchema, ActionSchema, listing, parseIsoDate, parseItem, plural, requireIsoDate, resolveAsOf, toIso, unusableItem, type AccountIntelligence, type Action, type UnusableItem } from '../../model';
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
	/** What was counted differently from how it came in (duplicates counted once, actions outside the book), one sentence each. */
	warnings: string[];
}

export interface ReportFromItemsOptions {
	asOf?: string;
	title?: string;
	/** IANA zone for an as-of written without an offset (n8n passes the workflow's); default UTC. */
	timezone?: string;
	/** How an item's index reads in messages (the CLI numbers actions within their own file). Default: as given. */
	displayIndex?: (index: number) => number;
	/** Send the report once per ISO week (of its as-of date): a second run in the same week gives no report. */
	oncePerWeek?: LedgerPort;
}


/** The report's as-of: an ISO-8601 date or date-time (offset kept; none means the time zone given), else a sentence saying how to write it. */
export function reportAsOf(asOf: string | undefined, timezone?: string): string | undefined {
	if (asOf === undefined || asOf.trim() === '') return undefined;
	if (parseIsoDate(asOf) === null) {
		throw new Error(`as-of ${JSON.stringify(asOf)} is not an ISO-8601 date: give the week's end as a date such as 2026-03-02 or a date-time such as 2026-03-02T18:00:00+01:00`);
	}
	return toIso(resolveAsOf(asOf, timezone));
}

/** The later of two ISO instants (ties: the second). */
function isLater(a: string, b: string): boolean {
	return (parseIsoDate(a)?.toMillis() ?? 0) > (parseIsoDate(b)?.toMillis() ?? 0);
}

/**
 * Items are AccountIntelligence (have `health` and `renewal`), Actions (have `actionId` and `reasons`) or done
 * records (`openedAt` + `doneAt`, what CS Decision Ledger's Mark Done outputs). Anything else is a problem naming
 * the item. Each account counts once (given twice, the later as-of is kept, with a warning), each action once (by
 * actionId, with a warning), and actions for accounts the book does not hold are counted with a warning. A bad
 * `asOf` throws.
 */
export function reportFromItems(items: readonly unknown[], options: ReportFromItemsOptions = {}): ReportFromItemsResult {
	const asOf = reportAsOf(options.asOf, options.timezone);
	const shown = options.displayIndex ?? ((index: number) => index);
	const intelligenceByAccount = new Map<string, { index: number; intelligence: AccountIntelligence }>();
	const actionsById = new Map<string, { index: number; action: Action }>();
	const actioned: ActionedRecord[] = [];
	const used: number[] = [];
	const unusable: UnusableItem[] = [];
	const warnings: string[] = [];
	items.forEach((raw, index) => {
		const json = (raw ?? {}) as Record<string, unknown>;
		const at = shown(index);
		try {
			if (typeof json !== 'object' || Array.isArray(json)) throw new Error(`item ${at}: is ${Array.isArray(json) ? 'an array' : `a ${typeof json}`}, not an AccountIntelligence, Action or done record`);
			if ('actionId' in json && 'reasons' in json) {
				const action = parseItem(ActionSchema, 'action', at, json);
				const earlier = actionsById.get(action.actionId);
				if (earlier) warnings.push(`action ${at}: actionId ${JSON.stringify(action.actionId)} is also action ${shown(earlier.index)}; counted once`);
				else actionsById.set(action.actionId, { index, action });
				if (typeof json.doneAt === 'string' && !earlier) actioned.push({ actionId: action.actionId, openedAt: action.openedAt, doneAt: json.doneAt });
			} else if ('doneAt' in json && 'openedAt' in json) {
				if (typeof json.openedAt !== 'string' || typeof json.doneAt !== 'string') throw new Error(`done record ${at}: openedAt and doneAt must be ISO-8601 date strings`);
				actioned.push({ openedAt: json.openedAt, doneAt: json.doneAt, actionId: typeof json.actionId === 'string' ? json.actionId : undefined });
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
	// done records: one per action id (an action and its done record may both come in)
	const seenDone = new Set<string>();
	const actionedOnce = actioned.filter((record) => {
		if (!record.actionId) return true;
		if (seenDone.has(record.actionId)) return false;
		seenDone.add(record.actionId);
		return true;
	});
	const actions = [...actionsById.values()];
	const outside = actions.filter(({ action }) => !intelligenceByAccount.has(action.accountId));
	if (outside.length > 0 && intelligenceByAccount.size > 0) {
		const accounts = [...new Set(outside.map(({ action }) => JSON.stringify(action.accountId)))];
		warnings.push(
			`${plural(outside.length, 'action')} (${listing(outside.slice(0, 5).map(({ index }) => `action ${shown(index)}`))}${outside.length > 5 ? ', …' : ''}) ${outside.length === 1 ? 'is' : 'are'} for ${plural(accounts.length, 'account')} outside the book (${listing(accounts.slice(0, 5))}${accounts.length > 5 ? ', …' : ''}): counted in the triggers, not in any account's numbers`,
		);
	}
	const output = buildPortfolioReport({
		intelligence: [...intelligenceByAccount.values()].sort((a, b) => a.index - b.index).map((entry) => entry.intelligence),
		actions: actions.length ? actions.sort((a, b) => a.index - b.index).map((entry) => entry.action) : undefined,
		actioned: actionedOnce,
		asOf,
		timezone: options.timezone,
		title: options.title,
	});
	if (options.oncePerWeek) {
		const week = requireIsoDate(output.report.asOf).toISOWeekDate()!.slice(0, 8);
		const key = options.title ?? REPORT_DEFAULTS.title;
		const sent = options.oncePerWeek.getDelivery('report', key);
		if (!claimDelivery(options.oncePerWeek, 'report', key, week, output.report.asOf)) {
			return { output: null, skipped: `the report "${key}" for week ${week} was already sent (${sent!.split('@')[1]}); the next one goes out in the next week`, used, unusable, warnings };
		}
	}
	return { output, used, unusable, warnings };
}
