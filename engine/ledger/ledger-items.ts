/**
 * Ledger updates from items: "this decision was actioned" (detection-to-action time) and "snooze this rule for
 * this account". Items come from anywhere — a Decision item passed back, a CRM task-completed webhook, a Slack
 * button — so the fields holding the rule id, account id and dates are mapped (dot paths).
 */
import { readPath, requireIsoDate, resolveAsOf, toIso } from '../model';
import { markActioned, snooze } from './policy';
import type { LedgerPort } from './port';

export interface LedgerFieldMap {
	/** Default `rule.id` (a Decision item); `ruleId` also works. */
	ruleId: string;
	accountId: string;
	/** When it was actioned / until when to snooze; empty → now (actioned) or required (snooze). */
	at: string;
	reason: string;
}

export const DEFAULT_LEDGER_FIELDS: LedgerFieldMap = { ruleId: 'rule.id', accountId: 'accountId', at: '', reason: 'reason' };

/** What a CS Decision Ledger item does to the ledger. */
export const LEDGER_OPERATIONS = ['recordAction', 'snooze'] as const;
export type LedgerOperation = (typeof LEDGER_OPERATIONS)[number];

export interface LedgerItemResult {
	ruleId: string;
	accountId: string;
	firstFiredAt: string | null;
	actionedAt?: string;
	/** Hours from the first firing of the episode to the action (the seeds' "signal decay"). */
	detectionToActionHours?: number;
	snoozedUntil?: string;
	reason?: string;
}

function text(item: unknown, path: string, what: string, index: number, hint: string): string {
	const value = readPath(item, path);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	throw new Error(`item ${index}: ${what} field "${path}" is ${value === undefined ? 'missing' : JSON.stringify(value)} (${hint})`);
}

/** Apply one item to the ledger; throws a sentence naming the item, field and fix. */
export function applyLedgerItem(
	ledger: LedgerPort,
	operation: LedgerOperation,
	item: unknown,
	index: number,
	fields: Partial<LedgerFieldMap> = {},
	now?: string,
): LedgerItemResult {
	const map = { ...DEFAULT_LEDGER_FIELDS, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string')) };
	// A Decision item holds `rule.id`; a hand-built item (a webhook, a sheet) usually a flat `ruleId`: both work by default.
	const usesDefault = map.ruleId === DEFAULT_LEDGER_FIELDS.ruleId && readPath(item, map.ruleId) === undefined;
	const rulePath = usesDefault && readPath(item, 'ruleId') !== undefined ? 'ruleId' : map.ruleId;
	const ruleId = text(item, rulePath, 'rule id', index, 'map "Rule ID Field" to the field holding a rule id such as "risk.exec_escalation"');
	const accountId = text(item, map.accountId, 'account id', index, 'map "Account ID Field" to the field holding the account id');
	const firstFiredAt = ledger.getFiring(ruleId, accountId)?.firstFiredAt ?? null;

	if (operation === 'recordAction') {
		const at = map.at ? text(item, map.at, 'actioned-at', index, 'map "Date Field" to an ISO-8601 date, or leave it empty for now') : toIso(resolveAsOf(now));
		requireIsoDate(at, `item ${index}: actioned-at`);
		let hours: number;
		try {
			hours = markActioned(ledger, ruleId, accountId, at);
		} catch (error) {
			throw new Error(`item ${index}: ${(error as Error).message}`);
		}
		return { ruleId, accountId, firstFiredAt, actionedAt: toIso(requireIsoDate(at)), detectionToActionHours: Math.round(hours * 10) / 10 };
	}

	const until = text(item, map.at || 'until', 'snooze-until', index, 'map "Date Field" to the ISO-8601 date the snooze ends');
	const reasonValue = readPath(item, map.reason);
	const reason = typeof reasonValue === 'string' ? reasonValue : '';
	try {
		snooze(ledger, ruleId, accountId, until, reason);
	} catch (error) {
		throw new Error(`item ${index}: ${(error as Error).message}`);
	}
	const stored = ledger.getSnooze(ruleId, accountId)!;
	return { ruleId, accountId, firstFiredAt, snoozedUntil: stored.until, reason: stored.reason };
}
