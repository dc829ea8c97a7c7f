'use strict';
/**
 * Aggregation: 10,000 accounts and 500,000 signals through computeIntelligence, against a hand-written
 * single-pass baseline over the same data. Goal: ratio (baseline throughput ÷ engine throughput) ≤ 3.
 *
 * What the baseline computes — every quantity the engine has to derive from the signals themselves, in one
 * pass over the signals plus one pass over the accounts, with flat typed arrays and no per-signal objects:
 *   - each signal's observedAt parsed (Date.parse), its age at as-of, its decayed weight
 *     severity × 0.5^(age / half-life of its type), and whether it is active (observed on or before as-of
 *     and weight above the floor);
 *   - per account: the decayed risk weight and opportunity weight (sums over active risk / opportunity
 *     signals), the risk score 10 × (1 − e^(−risk weight / saturation)) to one decimal, the signal density
 *     (distinct active types), the signal velocity (value-decision signals observed in the last 30 days and
 *     in the 30 days before), and the strongest active signal of each type (weight, then later observation,
 *     then id) for risk and for opportunity signals — from which the top risk and top opportunity drivers
 *     (one per type, strongest first, config.risk.topDrivers of them).
 * What it does not do: the health score and its dimensions, expansion readiness, stakeholders, renewal,
 * segment, the facts map, evidence sentences and the explanation — the account-level product the engine
 * builds on top of those quantities. So the ratio is the price of the explained item over the bare numbers.
 *
 * The two must agree on everything the baseline computes; the case counts the accounts where they do.
 *
 * Timing (see ../measure.js): CPU time of the process (user + system) is the primary figure because it is
 * not inflated by other processes waiting for the same cores; wall time is reported beside it. Engine and
 * baseline run interleaved for `rounds` rounds (default 5, alternating which goes first) with a forced GC
 * before each run, after a warm-up (a slice three times, then `warmup` full-size runs, default 1); the
 * figures are the medians. Options: --accounts, --signals, --rounds, --warmup, --seed.
 */
const { join } = require('node:path');
const { generateBook } = require('../generate');
const { interleaved, figures } = require('../measure');

const DIST = join(__dirname, '..', '..', '..', 'dist', 'engine');
const DAY_MS = 86_400_000;

/** strongerFirst: > 0 when signal b (weight wb, observed ob, id idb) beats the current best a. */
const beats = (wb, ob, idb, wa, oa, ida) => wb > wa || (wb === wa && (ob > oa || (ob === oa && idb < ida)));

function baseline(accounts, signals, asOf, taxonomy, config) {
	const { activeWeightFloor: floor, saturationWeight: saturation, topDrivers } = config.risk;
	const velocityDays = config.windows.velocityDays;
	const unknownHalfLife = config.unknownTypes.halfLifeDays;
	const asOfMs = Date.parse(asOf);

	const typeIndex = new Map();
	const halfLives = [];
	const valueDecision = [];
	for (const t of taxonomy) {
		typeIndex.set(t.id, halfLives.length);
		halfLives.push(t.halfLifeDays);
		valueDecision.push(t.valueDecision === true);
	}
	const knownTypes = halfLives.length;
	const T = knownTypes + 8; // room for a few unknown types
	const A = accounts.length;
	const accountIndex = new Map();
	for (let i = 0; i < A; i++) accountIndex.set(accounts[i].accountId, i);

	const riskWeight = new Float64Array(A);
	const opportunityWeight = new Float64Array(A);
	const velocityLast = new Int32Array(A);
	const velocityPrevious = new Int32Array(A);
	const activeType = new Uint8Array(A * T);
	const bestRisk = new Int32Array(A * T).fill(-1);
	const bestRiskWeight = new Float64Array(A * T);
	const bestRiskObserved = new Float64Array(A * T);
	const bestOpp = new Int32Array(A * T).fill(-1);
	const bestOppWeight = new Float64Array(A * T);
	const bestOppObserved = new Float64Array(A * T);

	for (let n = 0; n < signals.length; n++) {
		const s = signals[n];
		const a = accountIndex.get(s.accountId);
		if (a === undefined) continue;
		let t = typeIndex.get(s.type);
		if (t === undefined) {
			t = halfLives.length;
			if (t >= T) throw new Error('baseline: too many unknown signal types');
			typeIndex.set(s.type, t);
			halfLives.push(unknownHalfLife);
			valueDecision.push(false);
		}
		const observed = Date.parse(s.observedAt);
		if (observed > asOfMs) continue;
		const ageDays = (asOfMs - observed) / DAY_MS;
		if (valueDecision[t]) {
			if (ageDays < velocityDays) velocityLast[a]++;
			else if (ageDays < 2 * velocityDays) velocityPrevious[a]++;
		}
		const weight = s.severity * Math.pow(0.5, ageDays / halfLives[t]);
		if (!(weight > floor)) continue;
		const slot = a * T + t;
		activeType[slot] = 1;
		if (s.polarity === 'risk') {
			riskWeight[a] += weight;
			const b = bestRisk[slot];
			if (b < 0 || beats(weight, observed, s.id, bestRiskWeight[slot], bestRiskObserved[slot], signals[b].id)) {
				bestRisk[slot] = n;
				bestRiskWeight[slot] = weight;
				bestRiskObserved[slot] = observed;
			}
		} else if (s.polarity === 'opportunity') {
			opportunityWeight[a] += weight;
			const b = bestOpp[slot];
			if (b < 0 || beats(weight, observed, s.id, bestOppWeight[slot], bestOppObserved[slot], signals[b].id)) {
				bestOpp[slot] = n;
				bestOppWeight[slot] = weight;
				bestOppObserved[slot] = observed;
			}
		}
	}

	/** The top `topDrivers` per-type strongest signals of account a (insertion into a short list). */
	const top = (a, best, bestWeight, bestObserved) => {
		const picked = [];
		for (let t = 0; t < T; t++) {
			const slot = a * T + t;
			const n = best[slot];
			if (n < 0) continue;
			const w = bestWeight[slot];
			const o = bestObserved[slot];
			const id = signals[n].id;
			let at = picked.length;
			while (at > 0) {
				const p = picked[at - 1];
				if (!beats(w, o, id, p.weight, p.observed, p.id)) break;
				at--;
			}
			if (at >= topDrivers) continue;
			picked.splice(at, 0, { id, weight: w, observed: o });
			if (picked.length > topDrivers) picked.pop();
		}
		return picked.map((p) => p.id);
	};

	const out = new Array(A);
	for (let a = 0; a < A; a++) {
		let density = 0;
		for (let t = 0; t < T; t++) density += activeType[a * T + t];
		out[a] = {
			accountId: accounts[a].accountId,
			riskWeight: riskWeight[a],
			riskScore: Math.round(10 * (1 - Math.exp(-riskWeight[a] / saturation)) * 10) / 10,
			opportunityWeight: opportunityWeight[a],
			signalDensity: density,
			velocityLast: velocityLast[a],
			velocityPrevious: velocityPrevious[a],
			riskDrivers: top(a, bestRisk, bestRiskWeight, bestRiskObserved),
			opportunityDrivers: top(a, bestOpp, bestOppWeight, bestOppObserved),
		};
	}
	return out;
}

function agrees(e, b) {
	const sameIds = (drivers, ids) => drivers.length === ids.length && drivers.every((d, i) => d.signalId === ids[i]);
	return (
		e.accountId === b.accountId &&
		Math.abs(e.risk.weight - b.riskWeight) <= 0.01 &&
		Math.abs(e.risk.score - b.riskScore) <= 0.1 &&
		Math.abs(e.opportunity.weight - b.opportunityWeight) <= 0.01 &&
		e.signalDensity === b.signalDensity &&
		e.signalVelocity.last30d === b.velocityLast &&
		e.signalVelocity.previous30d === b.velocityPrevious &&
		sameIds(e.risk.drivers, b.riskDrivers) &&
		sameIds(e.opportunity.drivers, b.opportunityDrivers)
	);
}

module.exports = {
	name: 'aggregation',
	baseline,
	async run(options = {}) {
		const { computeIntelligence, resolveIntelligenceConfig } = require(join(DIST, 'aggregate'));
		const { SIGNAL_TYPES } = require(join(DIST, 'taxonomy'));
		const accountsN = options.accounts ?? 10_000;
		const signalsN = options.signals ?? 500_000;
		const rounds = options.rounds ?? options.runs ?? 5;
		const { accounts, signals, asOf } = generateBook({ accounts: accountsN, signals: signalsN, signalTypes: SIGNAL_TYPES, seed: options.seed ?? 42 });
		const config = resolveIntelligenceConfig();
		const runEngine = () => computeIntelligence(accounts, signals, { asOf, config });
		const runBaseline = () => baseline(accounts, signals, asOf, SIGNAL_TYPES, config);

		// warm both paths up on a slice so the JIT sees them before timing
		const few = accounts.slice(0, Math.min(500, accountsN));
		const fewIds = new Set(few.map((a) => a.accountId));
		const fewSignals = signals.filter((s) => fewIds.has(s.accountId));
		for (let w = 0; w < 3; w++) {
			computeIntelligence(few, fewSignals, { asOf, config });
			baseline(few, fewSignals, asOf, SIGNAL_TYPES, config);
		}

		// and one untimed full-size run of each, so the first timed round does not pay for growing the heap
		for (let w = 0; w < (options.warmup ?? 1); w++) {
			runEngine();
			runBaseline();
		}

		const measured = await interleaved({ engine: runEngine, baseline: runBaseline, rounds });

		// untimed: the two must agree on everything the baseline computes
		const engineResult = runEngine();
		const baseResult = runBaseline();
		let agreeing = 0;
		for (let i = 0; i < accountsN; i++) if (agrees(engineResult[i], baseResult[i])) agreeing++;

		const f = figures(measured, signalsN);
		return {
			description: `${accountsN.toLocaleString('en-US')} accounts, ${signalsN.toLocaleString('en-US')} signals (median of ${rounds} interleaved rounds, CPU time)`,
			unit: 'signals',
			...f,
			goalRatio: 3,
			agreeingAccounts: agreeing,
			notes: [
				`engine and baseline agree on risk/opportunity weight, risk score, density, velocity and top drivers for ${agreeing} of ${accountsN} accounts`,
				`CPU ms per run — engine ${f.engineCpuMsAll.join(', ')}; baseline ${f.baselineCpuMsAll.join(', ')}${f.gcForced ? '' : ' (no forced GC: run with --expose-gc)'}`,
			],
		};
	},
};
