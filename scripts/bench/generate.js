'use strict';
/** Seeded generators for benchmark data (same seed → same book), canonical items with schema defaults filled. */

/** mulberry32: a tiny, good-enough seeded PRNG (also used by the property tests). */
function prng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chance: (p) => next() < p,
	};
}

const DAY = 86_400_000;
const LEVELS = ['c_level', 'vp', 'director', 'manager', 'individual'];
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `accounts` Account items and `signals` Signal items spread over them, observed in the 180 days before asOf. */
function generateBook({ accounts = 10_000, signals = 500_000, asOf = '2026-03-02T09:00:00Z', seed = 42, signalTypes }) {
	const rng = prng(seed);
	const asOfMs = Date.parse(asOf);
	const book = [];
	for (let i = 0; i < accounts; i++) {
		const licensed = rng.int(5, 500);
		book.push({
			accountId: `acc-${i}`,
			name: `Account ${i}`,
			arr: rng.int(1_000, 250_000),
			currency: 'EUR',
			renewalDate: iso(asOfMs + rng.int(-20, 400) * DAY),
			contractStart: iso(asOfMs - rng.int(30, 1_000) * DAY),
			onboarding: rng.next() < 0.8 ? { firstValueAt: iso(asOfMs - rng.int(1, 700) * DAY) } : {},
			licensedSeats: licensed,
			activeSeats: rng.int(0, licensed),
			lastContactAt: iso(asOfMs - rng.int(0, 150) * DAY),
			owners: {},
			contacts: Array.from({ length: rng.int(1, 6) }, (_, c) => ({
				name: `Contact ${i}-${c}`,
				seniority: rng.pick(LEVELS),
				isChampion: c === 0,
				isExecSponsor: c === 1,
				lastEngagedAt: rng.next() < 0.8 ? iso(asOfMs - rng.int(0, 200) * DAY) : undefined,
				status: 'active',
			})),
			healthHistory: [],
		});
	}
	const items = new Array(signals);
	for (let n = 0; n < signals; n++) {
		const type = rng.pick(signalTypes);
		const accountId = `acc-${rng.int(0, accounts - 1)}`;
		items[n] = {
			id: `sig-${n}`,
			accountId,
			category: type.category,
			type: type.id,
			polarity: type.polarity,
			severity: rng.int(1, 10),
			observedAt: iso(asOfMs - rng.int(0, 180 * 24) * 3_600_000),
			detectedAt: asOf,
			value: rng.int(0, 200),
			baseline: rng.int(1, 200),
			evidence: `Generated ${type.id} signal ${n}.`,
			source: { system: 'bench', ref: String(n) },
			attributes: {},
		};
	}
	return { accounts: book, signals: items, asOf };
}

module.exports = { prng, generateBook };
