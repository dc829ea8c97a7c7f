/**
 * The ledger port: what the decision layer remembers between runs (README "The ledger").
 * Records are tiny (keys and ISO timestamps) so the embedded adapter fits in n8n workflow static data.
 * Adapters: in-memory (tests, CLI), workflow static data (embedded default); Postgres later.
 */
export interface FiringRecord {
	firstFiredAt: string;
	lastFiredAt: string;
	lastNotifiedAt: string | null;
	/** Priority of the last notification (escalation to a higher priority notifies again). */
	lastPriority: string | null;
	/** Whether the condition held at the last evaluation (cleared → came back notifies again). */
	active: boolean;
	actionedAt: string | null;
}

export interface SnoozeRecord {
	until: string;
	reason: string;
}

export interface LedgerPort {
	getFiring(ruleId: string, accountId: string): FiringRecord | undefined;
	setFiring(ruleId: string, accountId: string, record: FiringRecord): void;
	/** Every (rule, account) pair with a record, for clearing pairs whose condition no longer holds. */
	listFirings(): Array<{ ruleId: string; accountId: string; record: FiringRecord }>;
	getSnooze(ruleId: string, accountId: string): SnoozeRecord | undefined;
	setSnooze(ruleId: string, accountId: string, snooze: SnoozeRecord | undefined): void;
	/** Alerts notified for an owner on a calendar day (YYYY-MM-DD), for the daily budget. */
	getBudgetUsed(ownerKey: string, day: string): number;
	setBudgetUsed(ownerKey: string, day: string, used: number): void;
	/** Renewal ladder: the stage entries already made for an account's renewal date. */
	hasEnteredStage(accountId: string, renewalDate: string, stage: string): boolean;
	markStageEntered(accountId: string, renewalDate: string, stage: string, at: string): void;
	/** Last known health scores per account (trend when the input carries no history). */
	getHealthHistory(accountId: string): Array<{ at: string; score: number }>;
	appendHealthScore(accountId: string, at: string, score: number): void;
}
