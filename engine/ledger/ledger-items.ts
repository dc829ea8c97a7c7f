/**
 * Ledger updates from items: "this action is done" (closes it; detection-to-action time) and "snooze this action".
 * Items come from anywhere — an Action item passed back, a CRM task-completed webhook, a Slack button — so the
 * fields holding the action id, playbook, account id and dates are mapped (dot paths). An item names its action
 * by `actionId`, or by account and playbook.
 */
import { actionId as actionIdOf, readPath, resolveAsOf, toIso } from '../model';
import { findActionById, markActionDone, snoozeAction } from './actions';
import type { LedgerPort } from './port';

export interface LedgerFieldMap {
	/** Default `actionId` (an Action item); when the item has none, account + playbook name the action. */
	actionId: string;
	/** Default `playbook.id` (an Action item); a flat `playbook` field also works. */
	playbook: string;
	accountId: string;
	/** When it was done / until when to snooze; empty → now (done) or the `until` field (snooze). */
	at: string;
	reason: string;
}

export const DEFAULT_LEDGER_FIELDS: LedgerFieldMap = { actionId: 'actionId', playbook: 'playbook.id', accountId: 'accountId', at: '', reason: 'reason' };

/** What a CS Decision Ledger item does to the ledger. */
export const LEDGER_OPERATIONS = ['markDone', 'snooze'] as const;
export type LedgerOperation = (typeof LEDGER_OPERATIONS)[number];

export interface LedgerItemResult {
	actionId: string | null;
	playbook: string;
	accountId: string;
	openedAt: string | null;
	doneAt?: string;
	/** Hours from the action opening to done (the seeds' "signal decay"). */
	detectionToActionHours?: number;
	/** Already closed before this item (done twice, or its triggers had cleared): nothing changed. */
	alreadyClosed?: boolean;
	snoozedUntil?: string;
	reason?: string;
}

export interface LedgerItemOptions {
	fields?: Partial<LedgerFieldMap>;
	/** "Now" for an item without a done date; default the current time. */
	now?: string;
	/** The workflow's time zone: a date without an offset is read in it (resolveAsOf). */
	timezone?: string;
}

function text(item: unknown, path: string): string | undefined {
	const value = readPath(item, path);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number') return String(value);
	return undefined;
}

function required(item: unknown, path: string, what: string, index: number, hint: string): string {
	const value = text(item, path);
	if (value !== undefined) return value;
	const raw = readPath(item, path);
	throw new Error(`item ${index}: ${what} field "${path}" is ${raw === undefined ? 'missing' : JSON.stringify(raw)} (${hint})`);
}

/** Apply one item to the ledger; throws a sentence naming the item, field and fix. */
export function applyLedgerItem(ledger: LedgerPort, operation: LedgerOperation, item: unknown, index: number, options: LedgerItemOptions = {}): LedgerItemResult {
	const map: LedgerFieldMap = { ...DEFAULT_LEDGER_FIELDS, ...Object.fromEntries(Object.entries(options.fields ?? {}).filter(([, v]) => typeof v === 'string')) };
	const zone = options.timezone;
	const byId = text(item, map.actionId);
	let playbook: string;
	let accountId: string;
	let actionId: string | null = null;
	if (byId) {
		const found = findActionById(ledger, byId);
		if (!found) throw new Error(`item ${index}: no action with id "${byId}" in this workflow's ledger (was it opened by CS Decision Triggers in the same workflow?)`);
		({ playbook, accountId } = found);
		actionId = byId;
	} else {
		// An Action item holds `playbook.id`; a hand-built item (a webhook, a sheet) usually a flat `playbook`: both work by default.
		const playbookPath = map.playbook === DEFAULT_LEDGER_FIELDS.playbook && text(item, map.playbook) === undefined && text(item, 'playbook') !== undefined ? 'playbook' : map.playbook;
		accountId = required(item, map.accountId, 'account id', index, 'map "Account ID Field" to the field holding the account id, or give the action id');
		playbook = required(item, playbookPath, 'playbook', index, 'map "Playbook Field" to the field holding a playbook id such as "executive_escalation", or give the action id');
	}

	if (operation === 'markDone') {
		const atText = map.at ? required(item, map.at, 'done-at', index, 'map "Date Field" to an ISO-8601 date, or leave it empty for now') : undefined;
		let doneAt: string;
		try {
			doneAt = toIso(resolveAsOf(atText ?? options.now, zone, `item ${index}: done-at date`));
		} catch (error) {
			throw new Error((error as Error).message);
		}
		let result;
		try {
			result = markActionDone(ledger, playbook, accountId, doneAt);
		} catch (error) {
			throw new Error(`item ${index}: ${(error as Error).message}`);
		}
		const record = ledger.getAction(playbook, accountId)!;
		return {
			actionId: actionId ?? actionIdOf(playbook, accountId, record.openedAt),
			playbook,
			accountId,
			openedAt: result.openedAt,
			doneAt: result.doneAt,
			detectionToActionHours: result.detectionToActionHours,
			alreadyClosed: result.alreadyClosed,
		};
	}

	const until = required(item, map.at || 'until', 'snooze-until', index, 'map "Date Field" to the ISO-8601 date the snooze ends');
	const reasonValue = readPath(item, map.reason);
	const reason = typeof reasonValue === 'string' ? reasonValue : '';
	try {
		snoozeAction(ledger, playbook, accountId, toIso(resolveAsOf(until, zone, 'snooze "until"')), reason);
	} catch (error) {
		throw new Error(`item ${index}: ${(error as Error).message}`);
	}
	const stored = ledger.getSnooze(playbook, accountId)!;
	const record = ledger.getAction(playbook, accountId);
	return {
		actionId: actionId ?? (record ? actionIdOf(playbook, accountId, record.openedAt) : null),
		playbook,
		accountId,
		openedAt: record?.openedAt ?? null,
		snoozedUntil: stored.until,
		reason: stored.reason,
	};
}
