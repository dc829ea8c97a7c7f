/**
 * The action policy: people hear about an action when it opens, and again only when it escalates — teams learn to
 * ignore systems that re-post the same alert every morning (seed 000, "a signal that does not change what someone
 * does next is just noise with better formatting").
 *
 * Per (playbook, account):
 * - `new`        the first time, or again after it closed (its triggers cleared and came back, or the cooldown
 *                after someone marked it done has passed while its triggers still hold);
 * - `escalated`  open, and its priority rose above the one people were last told;
 * - `open`       open and already told: not posted again (it stays in its owner's daily digest);
 * - `snoozed`    held back until a date, with the reason;
 * - `done`       marked done, its triggers still hold, inside the cooldown of its most urgent rule.
 * An open action whose account and playbook were evaluated in a sweep but whose rules no longer hold is closed
 * (`exit`): its exit criteria — the opposite of its triggers — hold.
 *
 * Budget: each owner gets at most `dailyAlertBudget` alerts per calendar day (of the as-of date, in its zone);
 * the overflow goes to the owner's digest (`digest: true`) — never dropped. Alerts are granted most urgent first.
 */
import { DateTime } from 'luxon';
import { actionId, parseIsoDuration, PRIORITY_RANK, priorityRank, requireIsoDate, toIso, type Action, type Owner } from '../model';
import type { ActionRecord, LedgerPort } from './port';

export interface ActionPolicyOptions {
	/** Alerts per owner per day; 0 or less = no budget. */
	dailyAlertBudget: number;
	/** Cooldown (ISO-8601 duration) of each rule by id: how long a done action stays quiet while its triggers hold. */
	cooldowns: ReadonlyMap<string, string>;
}

export interface ActionScope {
	/** The sweep's as-of instant (closing time of the actions that met their exit). */
	asOf: string;
	/** Accounts evaluated in this sweep. */
	accountIds: Iterable<string>;
	/** Playbooks the sweep's rules lead to. */
	playbooks: Iterable<string>;
}

/** Closed actions older than this are forgotten (a new firing is a new episode anyway). */
export const CLOSED_ACTION_RETENTION_DAYS = 90;
const DEFAULT_COOLDOWN = 'P7D';

/** Whose budget and digest an owner is: the person's e-mail, else name, lower-cased. */
export function ownerKey(owner: Owner): string {
	return (owner.email ?? owner.name).toLowerCase();
}

function cooldownOf(action: Action, cooldowns: ReadonlyMap<string, string>): string {
	// The most urgent reason's rule speaks for the action (its cooldown is usually the shortest too).
	return cooldowns.get(action.reasons[0].rule.id) ?? DEFAULT_COOLDOWN;
}

/**
 * Decide the status of every action of a sweep and update the ledger. `actions` carry everything but status,
 * statusReason, openedAt and actionId, which this fills in. Returns them in the order given.
 */
export function applyActionPolicy(ledger: LedgerPort, actions: readonly Action[], scope: ActionScope, options: ActionPolicyOptions): Action[] {
	const out = actions.map((action) => ({ ...action }));
	const seen = new Set(out.map((a) => `${a.playbook.id}\u0000${a.accountId}`));
	const order = [...out].sort(
		(a, b) =>
			PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || a.accountId.localeCompare(b.accountId) || a.playbook.id.localeCompare(b.playbook.id),
	);
	// A sweep has one as-of instant: parse each distinct instant once.
	const times = new Map<string, DateTime>();
	const timeOf = (iso: string) => {
		let t = times.get(iso);
		if (!t) times.set(iso, (t = requireIsoDate(iso)));
		return t;
	};

	for (const action of order) {
		const at = action.firedAt;
		const atTime = timeOf(at);
		const previous = ledger.getAction(action.playbook.id, action.accountId);
		const snooze = ledger.getSnooze(action.playbook.id, action.accountId);
		const snoozed = snooze !== undefined && atTime < timeOf(snooze.until);
		if (snooze && !snoozed) ledger.setSnooze(action.playbook.id, action.accountId, undefined);

		let record: ActionRecord;
		let notify = false;
		if (previous && previous.closedAt === null) {
			record = { ...previous, lastSeenAt: at };
			if (snoozed) {
				action.status = 'snoozed';
				action.statusReason = `snoozed until ${snooze!.until}: ${snooze!.reason}`;
			} else if (previous.notifiedAt === null) {
				action.status = 'new';
				action.statusReason = snooze ? `snooze ended ${snooze.until}` : `open since ${previous.openedAt}, not told yet`;
				notify = true;
			} else if (PRIORITY_RANK[action.priority] > priorityRank(previous.priority)) {
				action.status = 'escalated';
				action.statusReason = `escalated from ${previous.priority} to ${action.priority}: ${action.reasons[0].sentence}`;
				notify = true;
			} else {
				action.status = 'open';
				action.statusReason = `open since ${previous.openedAt}, told ${previous.notifiedAt}: not posted again while it is open`;
			}
		} else if (previous && previous.closedBy === 'done' && atTime < timeOf(previous.closedAt!).plus(parseIsoDuration(cooldownOf(action, options.cooldowns))!)) {
			const cooldown = cooldownOf(action, options.cooldowns);
			record = { ...previous, lastSeenAt: at };
			action.status = 'done';
			action.statusReason = `marked done ${previous.closedAt}; its triggers still hold — it opens again from ${toIso(timeOf(previous.closedAt!).plus(parseIsoDuration(cooldown)!))} (${cooldown} cooldown)`;
		} else {
			record = { openedAt: at, lastSeenAt: at, notifiedAt: null, priority: null, closedAt: null, closedBy: null };
			const why = !previous
				? 'first time for this account'
				: previous.closedBy === 'done'
					? `marked done ${previous.closedAt}, still true after the ${cooldownOf(action, options.cooldowns)} cooldown`
					: `its triggers cleared ${previous.closedAt} and hold again`;
			if (snoozed) {
				action.status = 'snoozed';
				action.statusReason = `snoozed until ${snooze!.until}: ${snooze!.reason}`;
			} else {
				action.status = 'new';
				action.statusReason = why;
				notify = true;
			}
		}
		action.openedAt = record.openedAt;
		action.actionId = actionId(action.playbook.id, action.accountId, record.openedAt);

		if (notify) {
			record.notifiedAt = at;
			record.priority = action.priority;
			if (options.dailyAlertBudget > 0) {
				const key = ownerKey(action.owner.person);
				const day = atTime.toISODate()!;
				const used = ledger.getBudgetUsed(key, day);
				if (used >= options.dailyAlertBudget) {
					action.digest = true;
					action.statusReason += `; ${action.ownerName} already had ${used} alerts on ${day} (daily budget ${options.dailyAlertBudget}): sent to the digest`;
				} else ledger.setBudgetUsed(key, day, used + 1);
			}
		}
		ledger.setAction(action.playbook.id, action.accountId, record);
	}

	// Open actions evaluated in this sweep whose rules no longer hold have met their exit; old closed ones are forgotten.
	const accounts = new Set(scope.accountIds);
	const playbooks = new Set(scope.playbooks);
	const sweepAt = scope.asOf;
	for (const { playbook, accountId, record } of ledger.listActions()) {
		if (record.closedAt === null) {
			if (accounts.has(accountId) && playbooks.has(playbook) && !seen.has(`${playbook}\u0000${accountId}`)) {
				ledger.setAction(playbook, accountId, { ...record, closedAt: sweepAt, closedBy: 'exit' });
			}
		} else if (timeOf(sweepAt).diff(timeOf(record.closedAt), 'days').days > CLOSED_ACTION_RETENTION_DAYS) {
			ledger.setAction(playbook, accountId, undefined);
		}
	}
	return out;
}

/** Silence an action (playbook, account) until a date, with the reason people will see. */
export function snoozeAction(ledger: LedgerPort, playbook: string, accountId: string, until: string, reason: string): void {
	const untilTime = requireIsoDate(until, `snooze "until" for ${playbook} / ${accountId}:`);
	if (!reason.trim()) throw new Error(`A snooze of ${playbook} for ${accountId} needs a reason`);
	ledger.setSnooze(playbook, accountId, { until: toIso(untilTime), reason: reason.trim() });
}

export interface DoneResult {
	openedAt: string;
	doneAt: string;
	/** Hours from the action opening to done (the seeds' "signal decay" of an organisation). */
	detectionToActionHours: number;
	/** It was already closed (done twice, or its triggers had cleared): nothing changed. */
	alreadyClosed: boolean;
}

/** Someone did the action: close it (idempotent — a webhook delivered twice changes nothing the second time). */
export function markActionDone(ledger: LedgerPort, playbook: string, accountId: string, at: string): DoneResult {
	const record = ledger.getAction(playbook, accountId);
	if (!record) throw new Error(`No action "${playbook}" was ever opened for account ${accountId}: nothing to mark done`);
	const opened = requireIsoDate(record.openedAt);
	if (record.closedAt !== null) {
		return { openedAt: record.openedAt, doneAt: record.closedAt, detectionToActionHours: round1(requireIsoDate(record.closedAt).diff(opened, 'hours').hours), alreadyClosed: true };
	}
	const doneAt = requireIsoDate(at, 'done-at date');
	if (doneAt < opened)
		throw new Error(
			`the action "${playbook}" for account ${accountId} opened at ${record.openedAt}; it cannot have been done before that (done at ${toIso(doneAt)}, ${round1(opened.diff(doneAt, 'hours').hours)} h earlier): give the time it was done`,
		);
	ledger.setAction(playbook, accountId, { ...record, closedAt: toIso(doneAt), closedBy: 'done' });
	return { openedAt: record.openedAt, doneAt: toIso(doneAt), detectionToActionHours: round1(doneAt.diff(opened, 'hours').hours), alreadyClosed: false };
}

/** The (playbook, account) of an action id, searched in the ledger; undefined when no episode has that id. */
export function findActionById(ledger: LedgerPort, id: string): { playbook: string; accountId: string; record: ActionRecord } | undefined {
	return ledger.listActions().find(({ playbook, accountId, record }) => actionId(playbook, accountId, record.openedAt) === id);
}

/** Once per period: false (and nothing recorded) when `kind`/`key` was already delivered for `period`. */
export function claimDelivery(ledger: LedgerPort, kind: string, key: string, period: string, at: string): boolean {
	const last = ledger.getDelivery(kind, key);
	if (last !== undefined && last.startsWith(`${period}@`)) return false;
	ledger.setDelivery(kind, key, `${period}@${at}`);
	return true;
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}
