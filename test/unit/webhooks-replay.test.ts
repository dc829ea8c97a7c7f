import { guardReplay, InMemoryReplayGuard, type WebhookVerified } from '../../engine/webhooks';

const verified = (overrides: Partial<WebhookVerified> = {}): WebhookVerified => ({
	ok: true,
	provider: 'slack',
	scheme: 'slack-v0',
	schemeDescription: 'hex HMAC-SHA256 of "v0:" + timestamp + ":" + body',
	replayProtection: 'timestamp window',
	windowMs: 300_000,
	notes: [],
	replayKey: 'slack:abc',
	payload: {},
	...overrides,
});

describe('InMemoryReplayGuard', () => {
	it('tells the first sighting from a repeat within the window, and forgets after it', async () => {
		const guard = new InMemoryReplayGuard();
		expect(await guard.check('k', 1_000, 60_000)).toEqual({ seen: false });
		expect(await guard.check('k', 30_000, 60_000)).toEqual({ seen: true, firstSeenAtMs: 1_000 });
		expect(await guard.check('k', 61_000, 60_000)).toEqual({ seen: false });
	});

	it('stays within its bound, dropping the oldest entries first', async () => {
		const guard = new InMemoryReplayGuard(3);
		for (const key of ['a', 'b', 'c', 'd']) await guard.check(key, 1_000, 60_000);
		expect(guard.size).toBe(3);
		expect(await guard.check('a', 2_000, 60_000)).toEqual({ seen: false });
		expect(await guard.check('d', 2_000, 60_000)).toEqual({ seen: true, firstSeenAtMs: 1_000 });
	});

	it('lets a provider retry through after release (processing failed)', async () => {
		const guard = new InMemoryReplayGuard();
		await guard.check('k', 1_000, 60_000);
		await guard.release('k');
		expect(await guard.check('k', 2_000, 60_000)).toEqual({ seen: false });
	});
});

describe('guardReplay', () => {
	it('rejects the second sighting of the same signed request with the reason and the age', async () => {
		const guard = new InMemoryReplayGuard();
		expect(await guardReplay(verified(), guard, 0)).toEqual(verified());
		expect(await guardReplay(verified(), guard, 125_000)).toEqual({
			ok: false,
			provider: 'slack',
			scheme: 'slack-v0',
			status: 401,
			reason: 'replayed',
			message: 'replayed request: this exact signed request was already accepted 2 minutes ago (remembered for 10 min)',
			problems: [{ reason: 'replayed', message: 'replayed request: this exact signed request was already accepted 2 minutes ago (remembered for 10 min)' }],
		});
	});

	it('remembers requests of schemes without a signed timestamp for a day', async () => {
		const guard = new InMemoryReplayGuard();
		const untimed = verified({ provider: 'segment', scheme: 'segment-sha1', replayProtection: 'none', windowMs: undefined, replayKey: 'segment:x' });
		await guardReplay(untimed, guard, 0);
		const again = await guardReplay(untimed, guard, 23 * 3_600_000);
		expect(!again.ok && again.message).toBe('replayed request: this exact signed request was already accepted 23 hours ago (remembered for 24 h)');
	});

	it('lets handshakes and key-less requests through', async () => {
		const guard = new InMemoryReplayGuard();
		const graph = verified({ provider: 'graph', scheme: 'graph-client-state', replayKey: undefined });
		await guardReplay(graph, guard, 0);
		expect((await guardReplay(graph, guard, 1)).ok).toBe(true);
		expect(guard.size).toBe(0);
	});
});
