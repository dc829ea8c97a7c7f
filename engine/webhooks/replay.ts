/**
 * Replay protection beyond the signed timestamp. Within a scheme's window (5 minutes) a captured request still
 * verifies; schemes that sign no time (Intercom, Segment, HubSpot v1/v2, generic without a timestamp) verify
 * forever. A ReplayGuard remembers the signed requests it has seen, so the same one is accepted once.
 *
 * The port is small on purpose: the in-memory guard below serves tests and a single n8n process; the Postgres
 * signal store (issue 14) provides the shared one for queue mode, with `INSERT … ON CONFLICT DO NOTHING
 * RETURNING` making "first sighting" atomic across workers.
 *
 * A provider retries when it got no 2xx: a caller that fails to process an accepted request calls `release`,
 * so the provider's retry (the same bytes, for Segment) is not refused as a replay.
 */
import { describeDuration, describeWindow, rejected, type WebhookRejected, type WebhookVerified } from './result';
import { DEFAULT_WINDOW_MS } from './timestamp';

export type ReplaySighting = { seen: false } | { seen: true; firstSeenAtMs: number };

export interface ReplayGuard {
	/**
	 * Atomically: has `key` been recorded within `windowMs` before `nowMs`? Records it when not. Two concurrent
	 * calls with the same key: exactly one is told `seen: false`.
	 */
	check(key: string, nowMs: number, windowMs: number): Promise<ReplaySighting>;
	/** Forget `key` (its processing failed; the provider will retry). */
	release(key: string): Promise<void>;
}

/** How long a guard remembers requests of schemes without a signed timestamp. */
export const UNTIMED_REPLAY_MEMORY_MS = 24 * 3_600_000;

/**
 * An in-process guard: bounded (oldest entries dropped beyond `maxEntries`), entries expire after their window.
 * Not shared between processes or workers, and not kept across restarts — use the Postgres store for that.
 */
export class InMemoryReplayGuard implements ReplayGuard {
	private readonly entries = new Map<string, { firstSeenAtMs: number; expiresAtMs: number }>();

	constructor(readonly maxEntries = 10_000) {
		if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`replay guard size ${maxEntries} must be a whole number of at least 1`);
	}

	get size(): number {
		return this.entries.size;
	}

	async check(key: string, nowMs: number, windowMs: number): Promise<ReplaySighting> {
		const known = this.entries.get(key);
		if (known && known.expiresAtMs > nowMs) return { seen: true, firstSeenAtMs: known.firstSeenAtMs };
		if (known) this.entries.delete(key);
		for (const [oldKey, entry] of this.entries) {
			if (entry.expiresAtMs > nowMs && this.entries.size < this.maxEntries) break;
			this.entries.delete(oldKey);
		}
		this.entries.set(key, { firstSeenAtMs: nowMs, expiresAtMs: nowMs + windowMs });
		return { seen: false };
	}

	async release(key: string): Promise<void> {
		this.entries.delete(key);
	}
}

/**
 * Pass a verified request through a guard: the same signed request a second time within the window is rejected
 * as replayed. Requests without a replay key (Graph, handshakes) pass unchanged.
 */
export async function guardReplay(
	verified: WebhookVerified,
	guard: ReplayGuard,
	nowMs: number = Date.now(),
): Promise<WebhookVerified | WebhookRejected> {
	if (!verified.replayKey || verified.handshake) return verified;
	// Timestamped: remember for the window on both sides of the signing time (beyond it the timestamp refuses).
	const windowMs = verified.windowMs !== undefined ? 2 * verified.windowMs : verified.replayProtection === 'none' ? UNTIMED_REPLAY_MEMORY_MS : DEFAULT_WINDOW_MS;
	const sighting = await guard.check(verified.replayKey, nowMs, windowMs);
	if (!sighting.seen) return verified;
	return rejected(verified.provider, verified.scheme, [
		{
			reason: 'replayed',
			message: `replayed request: this exact signed request was already accepted ${describeDuration(nowMs - sighting.firstSeenAtMs)} ago (remembered for ${describeWindow(windowMs)})`,
		},
	]);
}
