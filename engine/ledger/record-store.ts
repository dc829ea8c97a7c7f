import type { FiringRecord, LedgerPort, SnoozeRecord } from './port';

/**
 * The ledger kept in one plain JSON object of tiny records (keys and ISO timestamps).
 * - In memory: `new RecordStoreLedger()` (tests, the CLI).
 * - Embedded in n8n: pass the object from `this.getWorkflowStaticData('global')`; n8n persists it with the
 *   workflow after each non-manual execution (see README: static data is last-writer-wins across
 *   concurrent executions, so a Postgres adapter serves queue mode).
 */
export interface LedgerState {
	v: 1;
	firings: Record<string, FiringRecord>;
	snoozes: Record<string, SnoozeRecord>;
	budgets: Record<string, number>;
	stages: Record<string, string>;
	health: Record<string, Array<[string, number]>>;
}

const KEEP_HEALTH_ENTRIES = 40;
const SEP = '\u241f';

function key(...parts: string[]): string {
	return parts.join(SEP);
}

export class RecordStoreLedger implements LedgerPort {
	readonly state: LedgerState;

	/** @param container an object the ledger may own a `csSignalLedger` key in (workflow static data), or none for memory. */
	constructor(container: Record<string, unknown> = {}) {
		const existing = container.csSignalLedger as LedgerState | undefined;
		if (existing && existing.v === 1) {
			this.state = existing;
		} else {
			this.state = { v: 1, firings: {}, snoozes: {}, budgets: {}, stages: {}, health: {} };
			container.csSignalLedger = this.state;
		}
	}

	getFiring(ruleId: string, accountId: string) {
		return this.state.firings[key(ruleId, accountId)];
	}

	setFiring(ruleId: string, accountId: string, record: FiringRecord) {
		this.state.firings[key(ruleId, accountId)] = record;
	}

	listFirings() {
		return Object.entries(this.state.firings).map(([k, record]) => {
			const [ruleId, accountId] = k.split(SEP);
			return { ruleId, accountId, record };
		});
	}

	getSnooze(ruleId: string, accountId: string) {
		return this.state.snoozes[key(ruleId, accountId)];
	}

	setSnooze(ruleId: string, accountId: string, snooze: SnoozeRecord | undefined) {
		const k = key(ruleId, accountId);
		if (snooze) this.state.snoozes[k] = snooze;
		else delete this.state.snoozes[k];
	}

	getBudgetUsed(ownerKey: string, day: string) {
		return this.state.budgets[key(ownerKey, day)] ?? 0;
	}

	setBudgetUsed(ownerKey: string, day: string, used: number) {
		// Budgets are per calendar day: drop other days so the record stays tiny.
		for (const k of Object.keys(this.state.budgets)) if (!k.endsWith(SEP + day)) delete this.state.budgets[k];
		this.state.budgets[key(ownerKey, day)] = used;
	}

	hasEnteredStage(accountId: string, renewalDate: string, stage: string) {
		return key(accountId, renewalDate, stage) in this.state.stages;
	}

	markStageEntered(accountId: string, renewalDate: string, stage: string, at: string) {
		this.state.stages[key(accountId, renewalDate, stage)] = at;
	}

	getHealthHistory(accountId: string) {
		// own keys only: an account id "constructor" or "__proto__" is an id, not Object.prototype's
		const list = Object.prototype.hasOwnProperty.call(this.state.health, accountId) ? this.state.health[accountId] : undefined;
		return (Array.isArray(list) ? list : []).map(([at, score]) => ({ at, score }));
	}

	appendHealthScore(accountId: string, at: string, score: number) {
		const own = Object.prototype.hasOwnProperty.call(this.state.health, accountId) ? this.state.health[accountId] : undefined;
		const list = Array.isArray(own) ? own : [];
		if (list !== own) Object.defineProperty(this.state.health, accountId, { value: list, enumerable: true, writable: true, configurable: true });
		const last = list[list.length - 1];
		if (last && last[0].slice(0, 10) === at.slice(0, 10)) list[list.length - 1] = [at, score];
		else list.push([at, score]);
		if (list.length > KEEP_HEALTH_ENTRIES) list.splice(0, list.length - KEEP_HEALTH_ENTRIES);
	}
}
