import { hasOwnKey, ownValue, setOwn } from '../model';
import type { ActionRecord, LedgerPort, SnoozeRecord } from './port';

/**
 * The ledger kept in one plain JSON object of tiny records (keys and ISO timestamps).
 * - In memory: `new RecordStoreLedger()` (tests, the CLI).
 * - Embedded in n8n: pass the object from `this.getWorkflowStaticData('global')`; n8n persists it with the
 *   workflow after each non-manual execution (see README: static data is last-writer-wins across
 *   concurrent executions, so a Postgres adapter serves queue mode).
 *
 * Version 2 tracks actions per (playbook, account). A version-1 ledger (per-rule firings) is upgraded in place:
 * its firings and rule snoozes are dropped (the first sweep after the upgrade opens each action once), the
 * budgets, renewal stage entries and health history are kept.
 */
export interface LedgerState {
	v: 2;
	actions: Record<string, ActionRecord>;
	snoozes: Record<string, SnoozeRecord>;
	budgets: Record<string, number>;
	deliveries: Record<string, string>;
	stages: Record<string, string>;
	health: Record<string, Array<[string, number]>>;
	/**
	 * The key encoding: 2 = each part escaped (`%` → `%25`, ␟ → `%E2%90%9F`) before joining with ␟, so an account
	 * id containing ␟ cannot collide with another key. Absent in ledgers written before: their keys are re-keyed on load.
	 */
	keys?: 2;
}

/** Health history kept per account: every day of the last two weeks, then one score a week, for two quarters and a bit. */
export const HEALTH_HISTORY_RETENTION = Object.freeze({ dailyDays: 14, keepDays: 200 });
const DAY_MS = 86_400_000;
const SEP = '\u241f';

const ESCAPES: Readonly<Record<string, string>> = { '%': '%25', [SEP]: '%E2%90%9F' };
const UNESCAPES: Readonly<Record<string, string>> = { '%25': '%', '%E2%90%9F': SEP };

/** One part of a key, escaped so that it holds no ␟ (injective: `unescapePart` gives it back). */
function escapePart(part: string): string {
	return part.includes('%') || part.includes(SEP) ? part.replace(/[%\u241f]/g, (c) => ESCAPES[c]) : part;
}

function unescapePart(part: string): string {
	return part.includes('%') ? part.replace(/%25|%E2%90%9F/g, (c) => UNESCAPES[c]) : part;
}

function key(...parts: string[]): string {
	return parts.map(escapePart).join(SEP);
}

/** The parts of a key made by `key`. */
function partsOf(k: string): string[] {
	return k.split(SEP).map(unescapePart);
}

/** Keys written before the escaped encoding were the raw parts joined: re-key them (a part with ␟ never worked then). */
function rekey(state: LedgerState): void {
	for (const table of [state.actions, state.snoozes, state.budgets, state.deliveries, state.stages] as Array<Record<string, unknown>>) {
		for (const old of Object.keys(table)) {
			if (!old.includes('%')) continue; // without "%" the old key and the new one are the same
			const value = table[old];
			delete table[old];
			setOwn(table, key(...old.split(SEP)), value);
		}
	}
	state.keys = 2;
}

function emptyState(): LedgerState {
	return { v: 2, keys: 2, actions: {}, snoozes: {}, budgets: {}, deliveries: {}, stages: {}, health: {} };
}

/** Monday-based week number since the epoch (1970-01-05 was a Monday). */
function weekOf(ms: number): number {
	return Math.floor((ms - 4 * DAY_MS) / (7 * DAY_MS));
}

export class RecordStoreLedger implements LedgerPort {
	readonly state: LedgerState;

	/** @param container an object the ledger may own a `csSignalLedger` key in (workflow static data), or none for memory. */
	constructor(container: Record<string, unknown> = {}) {
		const existing = container.csSignalLedger as { v?: number } | undefined;
		if (existing && existing.v === 2) {
			this.state = existing as LedgerState;
		} else if (existing && existing.v === 1) {
			const upgraded = existing as unknown as Record<string, unknown>;
			delete upgraded.firings;
			Object.assign(upgraded, { v: 2, actions: {}, snoozes: {}, deliveries: {} });
			upgraded.budgets ??= {};
			upgraded.stages ??= {};
			upgraded.health ??= {};
			this.state = upgraded as unknown as LedgerState;
		} else {
			this.state = emptyState();
			container.csSignalLedger = this.state;
		}
		if (this.state.keys !== 2) rekey(this.state);
	}

	getAction(playbook: string, accountId: string) {
		return ownValue(this.state.actions, key(playbook, accountId));
	}

	setAction(playbook: string, accountId: string, record: ActionRecord | undefined) {
		const k = key(playbook, accountId);
		if (record) setOwn(this.state.actions, k, record);
		else delete this.state.actions[k];
	}

	listActions() {
		return Object.entries(this.state.actions).map(([k, record]) => {
			const [playbook, accountId] = partsOf(k);
			return { playbook, accountId, record };
		});
	}

	getSnooze(playbook: string, accountId: string) {
		return ownValue(this.state.snoozes, key(playbook, accountId));
	}

	setSnooze(playbook: string, accountId: string, snooze: SnoozeRecord | undefined) {
		const k = key(playbook, accountId);
		if (snooze) setOwn(this.state.snoozes, k, snooze);
		else delete this.state.snoozes[k];
	}

	getBudgetUsed(ownerKey: string, day: string) {
		return ownValue(this.state.budgets, key(ownerKey, day)) ?? 0;
	}

	setBudgetUsed(ownerKey: string, day: string, used: number) {
		// Budgets are per calendar day: drop other days so the record stays tiny.
		for (const k of Object.keys(this.state.budgets)) if (partsOf(k)[1] !== day) delete this.state.budgets[k];
		setOwn(this.state.budgets, key(ownerKey, day), used);
	}

	getDelivery(kind: string, deliveryKey: string) {
		return ownValue(this.state.deliveries, key(kind, deliveryKey));
	}

	setDelivery(kind: string, deliveryKey: string, at: string) {
		// One entry per kind and key: a new period replaces the old one (e.g. today's digest replaces yesterday's).
		setOwn(this.state.deliveries, key(kind, deliveryKey), at);
	}

	hasEnteredStage(accountId: string, renewalDate: string, stage: string) {
		return hasOwnKey(this.state.stages, key(accountId, renewalDate, stage));
	}

	markStageEntered(accountId: string, renewalDate: string, stage: string, at: string) {
		setOwn(this.state.stages, key(accountId, renewalDate, stage), at);
	}

	getHealthHistory(accountId: string) {
		// own keys only: an account id "constructor" or "__proto__" is an id, not Object.prototype's
		const list = ownValue(this.state.health, accountId);
		return (Array.isArray(list) ? list : []).map(([at, score]) => ({ at, score }));
	}

	/**
	 * One score per day (a later sweep the same day replaces it); older than two weeks, one per week (the latest);
	 * older than HEALTH_HISTORY_RETENTION.keepDays, none — enough for "score increasing 3+ months" and "consistent
	 * Green for 2+ quarters" (seed 002) at about 40 entries per account.
	 */
	appendHealthScore(accountId: string, at: string, score: number) {
		const own = ownValue(this.state.health, accountId);
		const list = Array.isArray(own) ? own : [];
		if (list !== own) setOwn(this.state.health, accountId, list);
		const last = list[list.length - 1];
		if (last && last[0].slice(0, 10) === at.slice(0, 10)) list[list.length - 1] = [at, score];
		else list.push([at, score]);
		const newest = Date.parse(at);
		if (Number.isNaN(newest)) return;
		const kept: Array<[string, number]> = [];
		const weekKept = new Map<number, number>();
		for (const entry of list) {
			const ms = Date.parse(entry[0]);
			if (Number.isNaN(ms) || newest - ms > HEALTH_HISTORY_RETENTION.keepDays * DAY_MS) continue;
			if (newest - ms > HEALTH_HISTORY_RETENTION.dailyDays * DAY_MS) {
				const week = weekOf(ms);
				const at = weekKept.get(week);
				if (at !== undefined) kept[at] = entry; // the later score of the week wins
				else {
					weekKept.set(week, kept.length);
					kept.push(entry);
				}
			} else kept.push(entry);
		}
		setOwn(this.state.health, accountId, kept);
	}
}
