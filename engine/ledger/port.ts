/**
 * The ledger port: what the decision layer remembers between runs (README "The ledger").
 * Records are tiny (keys and ISO timestamps) so the embedded adapter fits in n8n workflow static data.
 * Adapters: in-memory (tests, CLI), workflow static data (embedded default); Postgres later.
 *
 * The ledger tracks ACTIONS — one per (playbook, account) — not rule firings: an action is opened once, not
 * posted again while it is open, posted again when its priority rises, and closed when none of its triggers
 * holds any longer (its exit) or when someone marks it done.
 */
export interface ActionRecord {
	/** When this episode of the action opened (its id is derived from it). */
	openedAt: string;
	/** The last sweep in which one of its rules held. */
	lastSeenAt: string;
	/** When people were last told (alert or digest); null while it was only ever snoozed. */
	notifiedAt: string | null;
	/** The priority people were last told (a higher one is posted again). */
	priority: string | null;
	/** Closed: by `exit` (no trigger holds any longer) or `done` (someone marked it done); null while open. */
	closedAt: string | null;
	closedBy: 'exit' | 'done' | null;
}

export interface SnoozeRecord {
	until: string;
	reason: string;
}

export interface LedgerPort {
	getAction(playbook: string, accountId: string): ActionRecord | undefined;
	setAction(playbook: string, accountId: string, record: ActionRecord | undefined): void;
	/** Every (playbook, account) with a record, for closing actions whose triggers no longer hold. */
	listActions(): Array<{ playbook: string; accountId: string; record: ActionRecord }>;
	getSnooze(playbook: string, accountId: string): SnoozeRecord | undefined;
	setSnooze(playbook: string, accountId: string, snooze: SnoozeRecord | undefined): void;
	/** Alerts notified for an owner on a calendar day (YYYY-MM-DD), for the daily budget. */
	getBudgetUsed(ownerKey: string, day: string): number;
	setBudgetUsed(ownerKey: string, day: string, used: number): void;
	/** Something sent once per period (an owner's daily digest, a weekly report): when it was sent, if it was. */
	getDelivery(kind: string, key: string): string | undefined;
	setDelivery(kind: string, key: string, at: string): void;
	/** Renewal ladder: the stage entries already made for an account's renewal date. */
	hasEnteredStage(accountId: string, renewalDate: string, stage: string): boolean;
	markStageEntered(accountId: string, renewalDate: string, stage: string, at: string): void;
	/** Last known health scores per account (trend when the input carries no history). */
	getHealthHistory(accountId: string): Array<{ at: string; score: number }>;
	appendHealthScore(accountId: string, at: string, score: number): void;
}
