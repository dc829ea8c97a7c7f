/**
 * The history as it was known at an evaluation date: nothing at or after the date is seen. One function per
 * kind of history, each the only place that kind is cut, so the replay cannot look ahead:
 *   - tickets created before the date, with what happened to them later removed (a solve, an update, a rating,
 *     comments, SLA breaches and reply times at or after the date);
 *   - canonical signals observed before the date;
 *   - the Account items' own dated history (health scores, last contact) before the date.
 * Usage rows are cut by the usage sweep's as-of (engine/sweeps/usage.ts: nothing on or after the as-of day).
 */
import { parseIsoDate, type Account, type Signal } from '../model';
import type { SupportTicket, TicketEntry } from '../detect/support';

/** Milliseconds of a validated ISO date (offset-less = UTC, the model's rule; never the machine's zone). */
export const millisOf = (iso: string): number => parseIsoDate(iso)!.toMillis();

const before = (iso: string | undefined, cutMs: number): boolean => iso !== undefined && millisOf(iso) < cutMs;

/** A ticket as it stood at `cutMs`, or null when it did not exist yet. */
export function ticketAsOf(ticket: SupportTicket, cutMs: number): SupportTicket | null {
	const createdMs = millisOf(ticket.createdAt);
	if (!(createdMs < cutMs)) return null;
	const solved = before(ticket.solvedAt, cutMs);
	const cut: SupportTicket = { ...ticket };
	if (!solved) {
		delete cut.solvedAt;
		delete cut.resolutionMinutes;
		delete cut.satisfactionScore;
		if (ticket.status === 'solved' || ticket.status === 'closed') cut.status = 'open';
	}
	if (!before(ticket.updatedAt, cutMs)) delete cut.updatedAt;
	if (ticket.firstReplyMinutes !== undefined && !(createdMs + ticket.firstReplyMinutes * 60_000 < cutMs)) delete cut.firstReplyMinutes;
	if (ticket.comments) cut.comments = ticket.comments.filter((comment) => comment.createdAt === undefined ? createdMs < cutMs : before(comment.createdAt, cutMs));
	if (ticket.slaBreaches) cut.slaBreaches = ticket.slaBreaches.filter((breach) => before(breach.breachedAt, cutMs));
	return cut;
}

/** The tickets that existed before `cutMs`, each as it stood then. */
export function ticketsAsOf(entries: readonly TicketEntry[], cutMs: number): TicketEntry[] {
	const known: TicketEntry[] = [];
	for (const entry of entries) {
		const ticket = ticketAsOf(entry.ticket, cutMs);
		if (ticket) known.push({ ticket, itemIndex: entry.itemIndex });
	}
	return known;
}

/** Signals observed before `cutMs`. */
export function signalsAsOf(signals: readonly Signal[], cutMs: number): Signal[] {
	return signals.filter((signal) => millisOf(signal.observedAt) < cutMs);
}

/**
 * An account with its own dated history cut at `cutMs` — health scores, last contact, each contact's last
 * engagement, contacts first seen later left out; the rest (ARR, seats, renewal date, owners) is its snapshot.
 */
export function accountAsOf(account: Account, cutMs: number): Account {
	const contacts = account.contacts
		.filter((contact) => contact.firstSeenAt === undefined || before(contact.firstSeenAt, cutMs))
		.map((contact) => {
			if (contact.lastEngagedAt === undefined || before(contact.lastEngagedAt, cutMs)) return contact;
			const { lastEngagedAt: _later, ...known } = contact;
			return known;
		});
	const cut: Account = { ...account, contacts, healthHistory: account.healthHistory.filter((entry) => millisOf(entry.at) < cutMs) };
	if (account.lastContactAt !== undefined && !before(account.lastContactAt, cutMs)) delete cut.lastContactAt;
	return cut;
}
