/**
 * Property-style tests over generated accounts and signals (a small seeded PRNG: every run checks the
 * same cases, and a failure names the seed to replay).
 */
import { computeIntelligence, riskScoreOf, resolveIntelligenceConfig } from '../../engine/aggregate';
import { AccountSchema, HEALTH_DIMENSIONS, SignalSchema, type Account, type AccountIntelligence, type Signal } from '../../engine/model';
import { SIGNAL_TYPES } from '../../engine/taxonomy';

const AS_OF_MS = Date.parse('2026-03-02T09:00:00Z');
const AS_OF = '2026-03-02T09:00:00Z';
const DAY = 86_400_000;

/** The benchmark's seeded PRNG (scripts/bench/generate.js). */
interface Rng {
	next(): number;
	int(min: number, max: number): number;
	pick<T>(list: readonly T[]): T;
	chance(p: number): boolean;
}
const { prng } = require('../../scripts/bench/generate') as { prng: (seed: number) => Rng };

const iso = (ms: number) => new Date(ms).toISOString();
const LEVELS = ['c_level', 'vp', 'director', 'manager', 'individual'] as const;

function genAccount(rng: Rng, id: string): Account {
	const licensed = rng.chance(0.7) ? rng.int(1, 500) : undefined;
	return AccountSchema.parse({
		accountId: id,
		name: `Account ${id}`,
		arr: rng.int(0, 200_000),
		currency: rng.pick(['EUR', 'USD', 'GBP']),
		renewalDate: rng.chance(0.8) ? iso(AS_OF_MS + rng.int(-30, 400) * DAY) : undefined,
		contractStart: rng.chance(0.6) ? iso(AS_OF_MS - rng.int(10, 900) * DAY) : undefined,
		onboarding: rng.chance(0.5) ? { firstValueAt: iso(AS_OF_MS - rng.int(-10, 600) * DAY), agreedTimelineDays: 60 } : {},
		licensedSeats: licensed,
		activeSeats: licensed !== undefined && rng.chance(0.8) ? rng.int(0, licensed) : undefined,
		lastContactAt: rng.chance(0.7) ? iso(AS_OF_MS - rng.int(0, 200) * DAY) : undefined,
		arrMovements: rng.chance(0.3) ? { startingArr: 1000 + rng.int(0, 100_000), expansionArr: rng.int(0, 20_000), contractionArr: rng.int(0, 20_000) } : undefined,
		discountExpiryDate: rng.chance(0.2) ? iso(AS_OF_MS + rng.int(-30, 300) * DAY) : undefined,
		contacts: Array.from({ length: rng.int(0, 5) }, (_, i) => ({
			name: `Contact ${id}-${i}`,
			seniority: rng.pick(LEVELS),
			isChampion: rng.chance(0.3),
			isExecSponsor: rng.chance(0.2),
			lastEngagedAt: rng.chance(0.7) ? iso(AS_OF_MS - rng.int(0, 200) * DAY) : undefined,
			status: rng.chance(0.1) ? 'departed' : 'active',
		})),
		healthHistory: rng.chance(0.4) ? [{ at: iso(AS_OF_MS - 7 * DAY), score: rng.int(0, 100) }, { at: iso(AS_OF_MS - 30 * DAY), score: rng.int(0, 100) }] : [],
	});
}

function genSignal(rng: Rng, accountId: string, n: number): Signal {
	const type = rng.pick(SIGNAL_TYPES);
	const hasValue = rng.chance(0.6);
	return SignalSchema.parse({
		id: `sig-${accountId}-${n}`,
		accountId,
		category: type.category,
		type: type.id,
		polarity: type.polarity,
		severity: rng.int(1, 10),
		observedAt: iso(AS_OF_MS - rng.int(-5, 180) * DAY - rng.int(0, DAY - 1)),
		detectedAt: iso(AS_OF_MS),
		value: hasValue ? rng.int(0, 200) : undefined,
		baseline: hasValue ? rng.int(1, 200) : undefined,
		evidence: `Evidence ${n} for ${type.id}.`,
		source: { system: 'gen', ref: `${accountId}-${n}` },
		attributes: type.id === 'exec.new_executive' ? { contactName: `Exec ${n}` } : {},
	});
}

function genBook(seed: number, accounts = 6, signalsPerAccount = 12) {
	const rng = prng(seed);
	const book = Array.from({ length: accounts }, (_, i) => genAccount(rng, `acc-${seed}-${i}`));
	const signals = book.flatMap((a) => Array.from({ length: rng.int(0, signalsPerAccount) }, (_, n) => genSignal(rng, a.accountId, n)));
	return { rng, accounts: book, signals };
}

function shuffle<T>(rng: Rng, list: readonly T[]): T[] {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = rng.int(0, i);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

const byId = (items: AccountIntelligence[]) => Object.fromEntries(items.map((i) => [i.accountId, i]));
const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i * 7919);

describe('risk is monotone in signal severity and recency', () => {
	it.each(SEEDS)('seed %d: raising a risk signal\'s severity or making it more recent never lowers risk', (seed) => {
		const { rng, accounts, signals } = genBook(seed, 1, 15);
		const account = accounts[0];
		const risk = (list: Signal[]) => computeIntelligence([account], list, { asOf: AS_OF })[0].risk;
		const base = risk(signals);
		const riskIndexes = signals.map((s, i) => (s.polarity === 'risk' ? i : -1)).filter((i) => i >= 0);
		const extra = { ...genSignal(rng, account.accountId, 99), type: 'support.sev1_escalation', category: 'support' as const, polarity: 'risk' as const };
		// adding a risk signal
		const added = risk([...signals, extra]);
		expect(added.score).toBeGreaterThanOrEqual(base.score);
		expect(added.weight).toBeGreaterThanOrEqual(base.weight);
		for (const i of riskIndexes) {
			const s = signals[i];
			const harsher = signals.map((x, j) => (j === i ? { ...x, severity: Math.min(10, x.severity + rng.int(1, 5)) } : x));
			const h = risk(harsher);
			expect(h.score).toBeGreaterThanOrEqual(base.score);
			expect(h.weight).toBeGreaterThanOrEqual(base.weight);
			const observed = Date.parse(s.observedAt);
			if (observed <= AS_OF_MS) {
				const fresher = signals.map((x, j) => (j === i ? { ...x, observedAt: iso(observed + rng.next() * (AS_OF_MS - observed)) } : x));
				const f = risk(fresher);
				expect(f.score).toBeGreaterThanOrEqual(base.score);
				expect(f.weight).toBeGreaterThanOrEqual(base.weight);
			}
		}
	});

	it('the risk curve is bounded to 0–10 and non-decreasing in weight', () => {
		const config = resolveIntelligenceConfig();
		let previous = -1;
		for (let w = 0; w <= 500; w += 0.25) {
			const score = riskScoreOf(w, config);
			expect(score).toBeGreaterThanOrEqual(previous);
			expect(score).toBeGreaterThanOrEqual(0);
			expect(score).toBeLessThanOrEqual(10);
			previous = score;
		}
	});
});

describe('health stays in 0–100 for any weights summing to 100', () => {
	it.each(SEEDS)('seed %d', (seed) => {
		const { rng, accounts, signals } = genBook(seed, 5, 20);
		// a random integer partition of 100 over the five dimensions (zeros allowed)
		const cuts = [0, ...Array.from({ length: 4 }, () => rng.int(0, 100)).sort((a, b) => a - b), 100];
		const weights = Object.fromEntries(HEALTH_DIMENSIONS.map((d, i) => [d, cuts[i + 1] - cuts[i]]));
		for (const item of computeIntelligence(accounts, signals, { asOf: AS_OF, overrides: { health: { weights } } })) {
			expect(item.health.score).toBeGreaterThanOrEqual(0);
			expect(item.health.score).toBeLessThanOrEqual(100);
			for (const d of item.health.dimensions) if (d.score !== null) expect(d.score).toBeGreaterThanOrEqual(0);
			expect(item.expansion.score).toBeGreaterThanOrEqual(0);
			expect(item.expansion.score).toBeLessThanOrEqual(100);
			expect(item.risk.score).toBeLessThanOrEqual(10);
		}
	});
});

describe('results do not depend on item order', () => {
	it.each(SEEDS)('seed %d: shuffled accounts and signals give the same intelligence per account', (seed) => {
		const { rng, accounts, signals } = genBook(seed, 6, 25);
		// duplicate a few signals' weights exactly (same type, severity and time) to exercise tie-breaks
		const twins = signals.slice(0, 3).map((s) => ({ ...s, id: `${s.id}-twin` }));
		const all = [...signals, ...twins];
		const expected = byId(computeIntelligence(accounts, all, { asOf: AS_OF }));
		for (let round = 0; round < 3; round++) {
			const actual = byId(computeIntelligence(shuffle(rng, accounts), shuffle(rng, all), { asOf: AS_OF }));
			expect(actual).toEqual(expected);
		}
	});
});
