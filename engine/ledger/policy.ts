/**
 * The notification policy: a decision alerts on a change of state, not on every sweep (teams
 * learn to ignore systems that re-post the same alert every morning).
 *
 * Per (rule, account), while the condition holds:
 * - `new`        the first time, or again after it cleared and came back (a new episode);
 * - `repeat`     once more after the rule's cooldown since the last alert, or when the priority escalated;
 * - `suppressed` otherwise, with the reason: "cooldown", "snoozed" or "budget".
 * Budget: each owner gets at most `dailyAlertBudget` alerts per calendar day (of the as-of date); the overflow
 * is routed to the owner's digest (`digest: true`, status suppressed, reason "budget") — never dropped.
 * Alerts are granted in priority order (P1 first), so a budget never hides the most urgent decision.
 *
 * The ledger keeps tiny records only: per (rule, account) the episode start (`firstFiredAt`), last fired,
 * last notified, last priority, whether the condition held, and when someone actioned it.
 */
import { DateTime } from 'luxon';
import { decisionId, parseIsoDuration, PRIORITY_RANK, priorityRank, requireIsoDate, toIso, type Decision } from '../model';
import type { FiringRecord, LedgerPort } from './port';

export interface NotificationPolicyOptions {
	/** Alerts per owner per day; 0 or less = no budget. */
	dailyAlertBudget: number;
	/** Cooldown (ISO-8601 duration) of each rule by id. */
	cooldowns: ReadonlyMap<string, string>;
}

export interface SweepScope {
	/** Accounts evaluated in this sweep. */
	accountIds: Iterable<string>;
	/** Rules evaluated in this sweep. */
	ruleIds: Iterable<string>;
}

/** Who a budget belongs to: the person's e-mail, else name, else the unassigned role. */
export function ownerKey(owner: Decision['owner']): string {
	return owner.person ? (owner.person.email ?? owner.person.name).toLowerCase() : `unassigned:${owner.role}`;
}

/**
 * Decide the status of every fired decision and update the ledger. Pairs in scope that did not fire are
 * marked cleared, so a later firing starts a new episode. Returns the decisions in their given order.
 */
export function applyNotificationPolicy(
	ledger: LedgerPort,
	decisions: readonly Decision[],
	scope: SweepScope,
	options: NotificationPolicyOptions,
): Decision[] {
	const out = decisions.map((decision) => ({ ...decision }));
	const fired = new Set(out.map((d) => `${d.rule.id}\u0000${d.accountId}`));

	// Most urgent first, then by account and rule: budgets go to what matters, deterministically.
	const order = out
		.map((decision, index) => ({ decision, index }))
		.sort(
			(a, b) =>
				PRIORITY_RANK[b.decision.priority] - PRIORITY_RANK[a.decision.priority] ||
				a.decision.accountId.localeCompare(b.decision.accountId) ||
				a.decision.rule.id.localeCompare(b.decision.rule.id),
		);

	// Parsing dates is the slowest step here; a sweep has one as-of instant, so parse each distinct one once.
	const times = new Map<string, { time: DateTime; day: string }>();
	const timeOf = (at: string) => {
		let entry = times.get(at);
		if (!entry) {
			const time = requireIsoDate(at);
			entry = { time, day: time.toISODate()! };
			times.set(at, entry);
		}
		return entry;
	};

	// Cooldown ends by (last alert, cooldown): a daily sweep sees a handful of distinct last-alert instants, so
	// each end instant is computed (luxon) and formatted once, not once per continuing decision.
	const cooldownEnds = new Map<string, { millis: number; iso: string }>();
	const cooldownEnd = (lastNotifiedAt: string, cooldown: string) => {
		const cacheKey = `${lastNotifiedAt}\u0000${cooldown}`;
		let end = cooldownEnds.get(cacheKey);
		if (!end) {
			const until = requireIsoDate(lastNotifiedAt).plus(parseIsoDuration(cooldown)!);
			end = { millis: until.toMillis(), iso: toIso(until) };
			cooldownEnds.set(cacheKey, end);
		}
		return end;
	};

	for (const { decision } of order) {
		const at = decision.firedAt;
		const { time: atTime, day } = timeOf(at);
		const previous = ledger.getFiring(decision.rule.id, decision.accountId);
		const continuing = previous !== undefined && previous.active;
		const record: FiringRecord = continuing
			? { ...previous, lastFiredAt: at }
			: { firstFiredAt: at, lastFiredAt: at, lastNotifiedAt: null, lastPriority: null, active: true, actionedAt: null };
		// One id per episode: repeats of the same episode keep the id, a new episode gets a new one.
		// An empty id (evaluated with deferDecisionIds) is assigned here, so each id is hashed once.
		if (record.firstFiredAt !== decision.firedAt || decision.decisionId === '')
			decision.decisionId = decisionId(decision.rule.id, decision.accountId, record.firstFiredAt);

		let status: Decision['status'];
		let reason: string;
		const snooze = ledger.getSnooze(decision.rule.id, decision.accountId);
		if (snooze && atTime < timeOf(snooze.until).time) {
			status = 'suppressed';
			reason = `snoozed until ${snooze.until}: ${snooze.reason}`;
		} else {
			if (snooze) ledger.setSnooze(decision.rule.id, decision.accountId, undefined);
			const wasNotified = continuing && record.lastNotifiedAt !== null;
			if (!wasNotified) {
				status = 'new';
				reason = !previous
					? 'first time this rule fired for this account'
					: !previous.active
						? `fired again after it cleared (last fired ${previous.lastFiredAt})`
						: snooze
							? `snooze ended ${snooze.until}`
							: 'first alert of this episode';
			} else if (PRIORITY_RANK[decision.priority] > priorityRank(record.lastPriority ?? 'P4')) {
				status = 'repeat';
				reason = `escalated from ${record.lastPriority} to ${decision.priority}`;
			} else {
				const cooldown = options.cooldowns.get(decision.rule.id) ?? 'P7D';
				const until = cooldownEnd(record.lastNotifiedAt!, cooldown);
				if (atTime.toMillis() >= until.millis) {
					status = 'repeat';
					reason = `still true after the ${cooldown} cooldown (last alert ${record.lastNotifiedAt})`;
				} else {
					status = 'suppressed';
					reason = `cooldown: already alerted ${record.lastNotifiedAt}, next alert from ${until.iso} (${cooldown})`;
				}
			}
			if (status !== 'suppressed') {
				record.lastNotifiedAt = at;
				record.lastPriority = decision.priority;
				if (options.dailyAlertBudget > 0) {
					const key = ownerKey(decision.owner);
					const used = ledger.getBudgetUsed(key, day);
					if (used >= options.dailyAlertBudget) {
						decision.digest = true;
						reason = `budget: ${decision.owner.person?.name ?? key} already had ${used} alerts on ${day} (daily budget ${options.dailyAlertBudget}); sent to the digest — ${reason}`;
						status = 'suppressed';
					} else ledger.setBudgetUsed(key, day, used + 1);
				}
			}
		}
		decision.status = status;
		decision.statusReason = reason;
		ledger.setFiring(decision.rule.id, decision.accountId, record);
	}

	// Pairs evaluated in this sweep that did not fire have cleared.
	const accounts = new Set(scope.accountIds);
	const rules = new Set(scope.ruleIds);
	for (const { ruleId, accountId, record } of ledger.listFirings()) {
		if (record.active && accounts.has(accountId) && rules.has(ruleId) && !fired.has(`${ruleId}\u0000${accountId}`))
			ledger.setFiring(ruleId, accountId, { ...record, active: false });
	}
	return out;
}

/** Silence a (rule, account) pair until a date, with the reason people will see. */
export function snooze(ledger: LedgerPort, ruleId: string, accountId: string, until: string, reason: string): void {
	const untilTime = requireIsoDate(until, `snooze "until" for ${ruleId} / ${accountId}:`);
	if (!reason.trim()) throw new Error(`A snooze of ${ruleId} for ${accountId} needs a reason`);
	ledger.setSnooze(ruleId, accountId, { until: toIso(untilTime), reason: reason.trim() });
}

/**
 * Record that someone acted on a decision; returns the detection-to-action time in hours (from the start
 * of the episode), the seeds' "signal decay" of an organisation.
 */
export function markActioned(ledger: LedgerPort, ruleId: string, accountId: string, at: string): number {
	const record = ledger.getFiring(ruleId, accountId);
	if (!record) throw new Error(`Rule ${ruleId} never fired for account ${accountId}: nothing to mark as actioned`);
	const atTime = requireIsoDate(at, 'actioned-at date');
	ledger.setFiring(ruleId, accountId, { ...record, actionedAt: toIso(atTime) });
	return atTime.diff(DateTime.fromISO(record.firstFiredAt, { setZone: true }), 'hours').hours;
}
