'use strict';
/**
 * Decision: 10,000 AccountIntelligence items through the shipped rule packs.
 *
 * Node path: exactly what CS Decision Triggers calls per execution — runActionSweep over every account with a
 * fresh in-memory RecordStoreLedger (one engine, sequential evaluation, explanations, near misses, the rules that
 * fired grouped into actions per (account, playbook) with the owner chain and due dates, the ledger's action
 * policy, the owners' daily digests).
 * Baseline ("bare json-rules-engine"): what a careful user would write by hand — one Engine with the same
 * compiled rules (escalation rules included), default operators, and `await engine.run(facts)` per account,
 * one after another (each run gets its own almanac), passing the same facts the node passes (the facts the
 * rules read, null when missing). Nothing else: no explanation, no ledger.
 *
 * The book: the intelligence shapes (drivers, health dimensions, signal ids) come from computeIntelligence
 * over a generated book (10 signals per account); the `facts` the rules read are then drawn from a seeded
 * PRNG with a realistic spread, because uniform random facts make almost every rule fire (the old book fired
 * 5.8 rules per account; a real book has most accounts quiet):
 *   - 66% healthy       green, risk 0–3, renewal > 120 days out, live and past onboarding, few signals;
 *                       a small chance of a single benign trigger (seat utilisation > 80%, quiet account)
 *   - 12% at risk       health 12–59, yellow/red, risk 5–9.5, risk signals (support spike, sentiment, WAU drop)
 *   - 10% renewing      renewal 0–120 days out, otherwise mixed health (some T-90 / T-60 / discount triggers)
 *   -  6% onboarding    contract 0–130 days old, first value not yet achieved
 *   -  6% expanding     readiness 60–95, seats 70–98%, usage and sentiment up
 * Every account has owners (50 CSMs, 8 managers, 2 leaders), so owner lookup and the daily alert budget
 * (20/day) are exercised. The resulting average is ~1–2 decisions per account (printed in the notes).
 *
 * Measurement: CPU time (process.cpuUsage, user + system) per full pass over the 10,000 accounts,
 * 5 rounds, the node path and the baseline interleaved with alternating order (round 1: node then bare,
 * round 2: bare then node, …), a GC before each pass, the median per side. CPU time rather than wall
 * time because the bench machine is shared; ratio = node CPU ÷ bare CPU (goal ≤ 1.3).
 * A third side, reported in the notes, is the node's steady state: the next day's sweep over the same
 * book with the ledger left by the sweeps of a week ago and yesterday (every action is open already, so the
 * "not posted again" path runs for each); the ledger copy is made outside the timed section.
 * Alert volume (notes): actions, Slack messages (one per account with an alert) and digests per 100 accounts.
 */
const { join } = require('node:path');
const { generateBook, prng } = require('../generate');

const DIST = process.env.BENCH_DIST ? join(process.env.BENCH_DIST, 'engine') : join(__dirname, '..', '..', '..', 'dist', 'engine');

const median = (xs) => {
	const a = xs.slice().sort((x, y) => x - y);
	const m = a.length >> 1;
	return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

async function cpuTimed(fn) {
	if (global.gc) global.gc();
	const cpu0 = process.cpuUsage();
	const wall0 = process.hrtime.bigint();
	const result = await fn();
	const cpu = process.cpuUsage(cpu0);
	return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Number(process.hrtime.bigint() - wall0) / 1e6, result };
}

const RISK_TYPES = ['support.volume_spike', 'support.ticket_burst', 'meetings.sentiment_decline', 'slack.negative_sentiment', 'usage.wau_drop', 'support.sla_breach', 'email.thread_silence', 'usage.below_baseline'];
const BENIGN_TYPES = ['usage.feature_adoption', 'email.new_stakeholder', 'slack.positive_sentiment', 'support.low_csat', 'email.response_time_degrading', 'usage.adoption_plateau'];
const GROWTH_TYPES = ['usage.depth_increase', 'meetings.champion_positive', 'slack.positive_sentiment', 'meetings.new_use_case', 'slack.new_members', 'usage.seat_utilisation_high'];

/** Facts for one account of the given profile (all catalogue facts; the rules read about 40 of them). */
function factsFor(rng, profile, arr) {
	const r = (min, max) => min + rng.next() * (max - min);
	const chance = (p) => rng.next() < p;
	const round1 = (x) => Math.round(x * 10) / 10;
	const pickSome = (list, n) => {
		const out = new Set();
		for (let i = 0; i < n; i++) out.add(rng.pick(list));
		return [...out];
	};
	const band = (score) => (score >= 70 ? 'green' : score >= 40 ? 'yellow' : 'red');

	let healthScore = rng.int(70, 95);
	let riskScore = round1(r(0, 3));
	let daysToRenewal = rng.int(121, 365);
	let daysSinceContractStart = rng.int(200, 1200);
	let firstValueAchieved = true;
	let active = pickSome(BENIGN_TYPES, rng.int(0, 3));
	let seatUtilisation = rng.int(30, chance(0.04) ? 90 : 75);
	let expansionReadiness = rng.int(10, 60);
	let usageChangePct = chance(0.6) ? rng.int(-15, 15) : null;
	let sentimentTrend = chance(0.6) ? round1(r(-0.15, 0.15)) : null;
	let npsScore = chance(0.3) ? rng.int(7, 10) : null;
	let championEngaged = true;
	let healthDelta7d = chance(0.7) ? rng.int(-5, 5) : null;
	let daysSinceLastContact = chance(0.05) ? rng.int(45, 90) : rng.int(0, 30);
	let signalDensity = active.length;
	let previousBand = null;
	let cancelSignal = false;
	let discountExpiresBeforeRenewal = false;
	let championDeparted = false;
	let wauChangePct = chance(0.5) ? rng.int(-15, 15) : null;
	let supportVolumeChangePct = chance(0.5) ? rng.int(-20, 30) : null;
	let onboardingTimelinePct = null;
	let kickoffDone = true;
	let goLiveDone = true;
	let singleThreaded = chance(0.03);
	let expansionOpportunityPctOfArr = null;

	if (profile === 'risk') {
		healthScore = rng.int(12, 59);
		riskScore = round1(r(5, 9.5));
		daysToRenewal = rng.int(30, 365);
		active = pickSome(RISK_TYPES, rng.int(1, 4));
		seatUtilisation = rng.int(10, 60);
		sentimentTrend = round1(r(-0.6, 0.05));
		npsScore = chance(0.5) ? rng.int(2, 8) : null;
		championEngaged = chance(0.5);
		healthDelta7d = rng.int(-15, 2);
		wauChangePct = rng.int(-45, 5);
		supportVolumeChangePct = rng.int(0, 80);
		cancelSignal = chance(0.05);
		championDeparted = chance(0.08);
		singleThreaded = chance(0.3);
		previousBand = chance(0.5) ? band(healthScore + rng.int(0, 20)) : null;
	} else if (profile === 'renewing') {
		daysToRenewal = rng.int(0, 120);
		healthScore = chance(0.6) ? rng.int(60, 95) : rng.int(30, 70);
		riskScore = round1(r(0, 8));
		discountExpiresBeforeRenewal = chance(0.15);
		npsScore = chance(0.4) ? rng.int(4, 10) : null;
		championEngaged = chance(0.8);
	} else if (profile === 'onboarding') {
		daysSinceContractStart = rng.int(0, 130);
		firstValueAchieved = false;
		kickoffDone = daysSinceContractStart > 3 || chance(0.3) ? chance(0.95) : false;
		goLiveDone = daysSinceContractStart > 30 ? chance(0.85) : false;
		seatUtilisation = rng.int(5, 60);
		healthScore = rng.int(45, 85);
		onboardingTimelinePct = Math.round((daysSinceContractStart / 90) * 100);
		daysToRenewal = rng.int(230, 365);
	} else if (profile === 'expanding') {
		expansionReadiness = rng.int(60, 95);
		seatUtilisation = rng.int(70, 98);
		usageChangePct = rng.int(5, 40);
		sentimentTrend = round1(r(0.05, 0.5));
		active = pickSome(GROWTH_TYPES, rng.int(1, 4));
		expansionOpportunityPctOfArr = chance(0.4) ? rng.int(10, 60) : null;
		npsScore = chance(0.4) ? rng.int(8, 10) : null;
	}
	signalDensity = active.length;
	const healthBand = band(healthScore);
	return {
		healthScore,
		healthBand,
		healthBandPrevious7d: previousBand ?? (chance(0.7) ? healthBand : null),
		healthDelta7d,
		healthDelta30d: healthDelta7d === null ? null : healthDelta7d * 2,
		healthDeltaPct30d: healthDelta7d === null ? null : round1(((healthDelta7d * 2) / Math.max(healthScore - healthDelta7d * 2, 1)) * 100),
		healthConfidence: rng.pick(['high', 'medium', 'low']),
		healthMissingDimensions: 0,
		healthMissingDimensionNames: [],
		healthStaleInputs: rng.int(0, 2),
		usageScore: rng.int(20, 100),
		relationshipScore: rng.int(20, 100),
		supportScore: rng.int(20, 100),
		commercialScore: rng.int(20, 100),
		outcomesScore: rng.int(20, 100),
		riskScore,
		riskWeight: round1(riskScore * 1.5),
		riskDriverTypes: active.filter((t) => RISK_TYPES.includes(t)),
		opportunityWeight: round1(expansionReadiness / 20),
		expansionReadiness,
		expansionBand: expansionReadiness > 70 ? 'initiate' : expansionReadiness > 40 ? 'plant_seeds' : 'monitor',
		expansionOpportunityPctOfArr,
		expansionGuardrail: false,
		signalDensity,
		signalVelocity: rng.int(0, 3),
		signalVelocityChange: rng.int(-2, 2),
		activeSignalTypes: active,
		activeRiskSignals: active.filter((t) => RISK_TYPES.includes(t)).length,
		stakeholderLevels: singleThreaded ? 1 : rng.int(2, 4),
		engagedContacts: singleThreaded ? 1 : rng.int(2, 8),
		singleThreaded,
		championEngaged,
		execSponsorEngaged: chance(0.7),
		unmappedExecutives: chance(0.03) ? 1 : 0,
		championDeparted,
		championPromoted: chance(0.01),
		seatUtilisation,
		adoptionPlateauWeeks: chance(0.03) ? rng.int(9, 14) : rng.int(0, 6),
		adoptionCeilingReached: false,
		usageChangePct,
		wauChangePct,
		supportVolumeChangePct,
		sentimentTrend,
		npsScore,
		cancelSignal,
		arr,
		segment: arr > 100_000 ? 'high' : arr > 25_000 ? 'mid' : 'low',
		daysToRenewal,
		renewalStage: daysToRenewal <= 120 ? 'T-120' : 'none',
		forecastProbability: healthBand === 'green' ? 0.9 : healthBand === 'yellow' ? 0.6 : 0.3,
		expectedArr: arr * 0.8,
		discountExpiresBeforeRenewal,
		daysToDiscountExpiry: discountExpiresBeforeRenewal ? rng.int(0, daysToRenewal) : null,
		daysSinceLastContact,
		daysSinceContractStart,
		kickoffDone,
		goLiveDone,
		firstValueAchieved,
		onboardingTimelinePct,
	};
}

function profileOf(rng) {
	const x = rng.next();
	return x < 0.66 ? 'healthy' : x < 0.78 ? 'risk' : x < 0.88 ? 'renewing' : x < 0.94 ? 'onboarding' : 'expanding';
}

/** Realistic intelligence: shapes from computeIntelligence, facts from the profiles above, owners assigned. */
function buildIntelligence({ accountsN, seed }) {
	const { computeIntelligence, resolveIntelligenceConfig } = require(join(DIST, 'aggregate'));
	const { SIGNAL_TYPES } = require(join(DIST, 'taxonomy'));
	const { accounts, signals, asOf } = generateBook({ accounts: accountsN, signals: accountsN * 10, signalTypes: SIGNAL_TYPES, seed });
	const intelligence = computeIntelligence(accounts, signals, { asOf, config: resolveIntelligenceConfig() });
	const rng = prng(seed + 1);
	const person = (kind, n) => ({ name: `${kind} ${n}`, email: `${kind.toLowerCase()}.${n}@example.com` });
	const profiles = {};
	for (const intel of intelligence) {
		const profile = profileOf(rng);
		profiles[profile] = (profiles[profile] ?? 0) + 1;
		// the profile's facts over the computed ones: every catalogue fact is there, as decide checks (issue 16)
		intel.facts = { ...intel.facts, ...factsFor(rng, profile, intel.account.arr) };
		const csm = rng.int(0, 49);
		intel.account.owners = { csm: person('CSM', csm), csManager: person('Manager', csm % 8), csLeader: person('Leader', csm % 2), ae: person('AE', csm % 12) };
	}
	return { intelligence, asOf, profiles };
}

module.exports = {
	name: 'decision',
	async run(options = {}) {
		const { prepareRules, shippedPackInputs } = require(join(DIST, 'decide'));
		const { runActionSweep: runDecisionSweep } = require(join(DIST, 'act', 'actions'));
		const { RecordStoreLedger } = require(join(DIST, 'ledger'));
		const { Engine } = require('json-rules-engine');
		const accountsN = options.accounts ?? 10_000;
		const rounds = options.rounds ?? options.runs ?? 5;

		const { intelligence, asOf, profiles } = buildIntelligence({ accountsN, seed: options.seed ?? 42 });
		const items = intelligence.map((intel, itemIndex) => ({ intel, itemIndex }));
		const rules = prepareRules(shippedPackInputs());
		const engineRules = rules.flatMap((rule) => (rule.escalation ? [rule.engineRule, rule.escalation.engineRule] : [rule.engineRule]));
		const factNames = [...new Set(rules.flatMap((rule) => [...rule.leaves.values()].map((leaf) => leaf.fact)))];

		const nodePath = () => runDecisionSweep(rules, items, new RecordStoreLedger(), { asOf });
		const daysBefore = (n) => new Date(Date.parse(asOf) - n * 86_400_000).toISOString().replace('.000Z', 'Z');
		const history = {};
		await runDecisionSweep(rules, items, new RecordStoreLedger(history), { asOf: daysBefore(8) });
		await runDecisionSweep(rules, items, new RecordStoreLedger(history), { asOf: daysBefore(1) });
		const historyJson = JSON.stringify(history);
		let nextDayLedger;
		const nextDay = () => runDecisionSweep(rules, items, nextDayLedger, { asOf });
		const bareEngine = new Engine(engineRules);
		const bare = async () => {
			let fired = 0;
			let escalations = 0;
			for (const { intel } of items) {
				const facts = {};
				for (const name of factNames) facts[name] = intel.facts[name] ?? null;
				const { events } = await bareEngine.run(facts);
				fired += events.length;
				for (const event of events) if (event.type.endsWith('::escalation')) escalations++;
			}
			return { fired, escalations };
		};

		// JIT warm-up on a slice of the book
		const warm = items.slice(0, 500);
		await runDecisionSweep(rules, warm, new RecordStoreLedger(), { asOf });
		for (const { intel } of warm) {
			const facts = {};
			for (const name of factNames) facts[name] = intel.facts[name] ?? null;
			await bareEngine.run(facts);
		}

		const node = [];
		const base = [];
		const steady = [];
		let nodeResult;
		let bareResult;
		let steadyResult;
		for (let r = 0; r < rounds; r++) {
			const order = r % 2 === 0 ? ['node', 'bare', 'nextDay'] : ['nextDay', 'bare', 'node'];
			for (const side of order) {
				if (side === 'nextDay') {
					steadyResult = undefined;
					nextDayLedger = new RecordStoreLedger(JSON.parse(historyJson));
					const t = await cpuTimed(nextDay);
					steady.push(t);
					steadyResult = t.result;
					t.result = undefined;
				} else if (side === 'node') {
					nodeResult = undefined;
					const t = await cpuTimed(nodePath);
					node.push(t);
					nodeResult = t.result;
					t.result = undefined;
				} else {
					const t = await cpuTimed(bare);
					base.push(t);
					bareResult = t.result;
				}
			}
		}
		const nodeCpu = median(node.map((t) => t.cpuMs));
		const bareCpu = median(base.map((t) => t.cpuMs));
		const steadyCpu = median(steady.map((t) => t.cpuMs));
		const statuses = {};
		for (const { action } of steadyResult.all) statuses[action.status] = (statuses[action.status] ?? 0) + 1;
		const decisions = nodeResult.firings;
		const agree = bareResult.fired - bareResult.escalations === decisions;
		const escalated = nodeResult.all.flatMap(({ action }) => action.reasons).filter((r) => r.sentence.includes('; escalated to ')).length;
		const actions = nodeResult.all.length;
		const messages = new Set(nodeResult.actions.filter(({ action }) => !action.digest).map(({ action }) => action.accountId)).size;
		const per100 = (n) => Math.round((n / accountsN) * 1000) / 10;
		const fmt = (xs) => xs.map((t) => Math.round(t.cpuMs)).join(', ');
		return {
			description: `${accountsN.toLocaleString('en-US')} accounts through ${rules.length} shipped rules; CPU time, median of ${rounds} interleaved rounds`,
			unit: 'accounts',
			throughput: Math.round(accountsN / (nodeCpu / 1000)),
			baselineThroughput: Math.round(accountsN / (bareCpu / 1000)),
			ratio: Math.round((nodeCpu / bareCpu) * 100) / 100,
			goalRatio: 1.3,
			engineMs: Math.round(nodeCpu),
			baselineMs: Math.round(bareCpu),
			notes: [
				`book: ${Object.entries(profiles).map(([p, n]) => `${p} ${n}`).join(', ')}`,
				`node path: ${decisions} rule firings (${(decisions / accountsN).toFixed(2)} per account; ${nodeResult.noTrigger.length} accounts without a trigger; ${escalated} escalated) → ${actions} actions`,
				`alert volume per 100 accounts per sweep: ${per100(decisions)} rule firings (the alerts before actions) → ${per100(actions)} actions, ${per100(messages)} Slack messages (one per account with an alert inside its owner's daily budget of 20; the rest wait in the digest), ${per100(nodeResult.digests.length)} owner digests; next day ${per100(steadyResult.actions.length)} actions posted`,
				`bare json-rules-engine: ${bareResult.fired} events (${bareResult.escalations} escalation rules) — ${agree ? 'fires the same rules as the node path' : 'DISAGREES with the node path on the number of fired rules'}`,
				`next-day sweep (ledger from a week ago and yesterday): ${Math.round(accountsN / (steadyCpu / 1000)).toLocaleString('en-US')} accounts/CPU-s, ratio ${Math.round((steadyCpu / bareCpu) * 100) / 100} (${Object.entries(statuses).map(([k, n]) => `${n} ${k}`).join(', ')})`,
				`CPU ms per round — node: ${fmt(node)}; next day: ${fmt(steady)}; bare: ${fmt(base)} (wall median node ${Math.round(median(node.map((t) => t.wallMs)))} ms, bare ${Math.round(median(base.map((t) => t.wallMs)))} ms)`,
			],
		};
	},
};

/** For profiling scripts: the same book the case measures. */
module.exports.buildIntelligence = buildIntelligence;
