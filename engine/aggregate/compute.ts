import { DateTime } from 'luxon';
import { factSignalTypes, resolveAsOf, toIso, type Account, type AccountIntelligence, type Facts, type Signal } from '../model';
import {
	adoption,
	discount,
	lastContactMs,
	latestNumber,
	onboarding,
	renewal,
	segmentOf,
	stakeholderDepth,
	velocity,
	type Stakeholders,
} from './account-facts';
import { prepareConfig, resolveIntelligenceConfig, type IntelligenceConfig, type PreparedConfig } from './config';
import { explain } from './explain';
import { duplicateAccount, unmatchedSignal } from './input-checks';
import { expansionReadiness } from './expansion';
import { bandOfSorted, clamp, round, scoreDaysAgo, scoreHealth, signalInputScore, type HealthHistoryEntry, type HealthInputDraft } from './health';
import { changePctOf, compareStrings, DAY_MS, exactLength, fromUnits, groupSignals, isoToMillis, profiledSignalsOf, sortShort, strongerFirst, toUnits, type ProfiledSignal } from './signals';

/** What happens to a signal whose accountId matches no account; the first is the default. */
export const UNMATCHED_SIGNAL_POLICIES = ['error', 'ignore'] as const;
export type UnmatchedSignalPolicy = (typeof UNMATCHED_SIGNAL_POLICIES)[number];

export interface ComputeIntelligenceOptions {
	/** The instant the intelligence is computed for (ISO-8601 or luxon DateTime); default now. */
	asOf?: string | DateTime | null;
	/** IANA zone for an as-of written without an offset (n8n passes the workflow timezone); default the system zone. */
	timezone?: string;
	/** A resolved config (resolveIntelligenceConfig) or raw overrides merged over the defaults. */
	config?: IntelligenceConfig;
	overrides?: unknown;
	/** Earlier health scores per account (e.g. the ledger's getHealthHistory), added to account.healthHistory. */
	healthHistory?: (accountId: string) => ReadonlyArray<HealthHistoryEntry>;
	/** Signals whose accountId matches no account: "error" (default) throws naming the signal; "ignore" leaves them out. */
	unmatchedSignals?: UnmatchedSignalPolicy;
}

/**
 * The signal types each measured fact is read from: the fact catalogue's evidence, the same list a decision
 * on the fact cites (engine/model/facts.ts).
 */
const sets = {
	usageChange: factSignalTypes('usageChangePct'),
	wauChange: factSignalTypes('wauChangePct'),
	supportVolumeChange: factSignalTypes('supportVolumeChangePct'),
	sentiment: factSignalTypes('sentimentTrend'),
	nps: factSignalTypes('npsScore'),
	cancel: factSignalTypes('cancelSignal'),
	expansionOpportunity: factSignalTypes('expansionOpportunityPctOfArr'),
};

function sentimentOf(p: ProfiledSignal): number | null {
	const a = p.signal.attributes;
	for (const key of ['sentimentTrend', 'sentimentDelta']) if (typeof a[key] === 'number') return a[key] as number;
	const { value, baseline } = p.signal;
	if (typeof value === 'number' && typeof baseline === 'number' && Math.abs(value) <= 1 && Math.abs(baseline) <= 1) return value - baseline;
	return null;
}

function npsOf(p: ProfiledSignal): number | null {
	const a = p.signal.attributes;
	if (typeof a.score === 'number') return a.score;
	return typeof p.signal.value === 'number' && p.signal.value >= 0 && p.signal.value <= 10 ? p.signal.value : null;
}

/** The open expansion amount: attributes.amount, else the signal's value. */
function opportunityAmountOf(p: ProfiledSignal): number | null {
	const a = p.signal.attributes;
	if (typeof a.amount === 'number') return a.amount;
	return typeof p.signal.value === 'number' && p.signal.value >= 0 ? p.signal.value : null;
}

/** Risk 0–10 from the summed decayed weight: bounded and monotone. */
export function riskScoreOf(riskWeight: number, config: IntelligenceConfig): number {
	return round(10 * (1 - Math.exp(-riskWeight / config.risk.saturationWeight)), 1);
}

interface Driver {
	signalId: string;
	type: string;
	weight: number;
	evidence: string;
	/** The signal's source, so a decision or alert can link the evidence without the signal at hand. */
	source: Signal['source'];
}

const driverOf = (p: ProfiledSignal): Driver => ({
	signalId: p.signal.id,
	type: p.signal.type,
	weight: round(p.weight, 2),
	evidence: p.signal.evidence,
	source: p.signal.source,
});

/** One active signal type of an account: its strongest non-context signal (health input) and every such id. */
interface ActiveType {
	best: ProfiledSignal | null;
	ids: string[] | null;
	riskListed: boolean;
	opportunityListed: boolean;
}

/**
 * The signal types of a whole computeIntelligence call in sorted order, so an account's active types are
 * ordered by comparing small integers (ranks) instead of strings, and collected in a slot array shared by
 * the accounts (filled and cleared per account) instead of a Map per account.
 */
export class TypeOrder {
	readonly rankOf = new Map<string, number>();
	readonly types: string[];
	/** Per rank, the entry of the account being computed (undefined when the type is not active). */
	readonly slots: Array<ActiveType | undefined>;
	/** `has(type)`: is the type active in the account being computed. */
	readonly active: { has(type: string): boolean };

	constructor(types: Iterable<string>) {
		this.types = sortShort([...new Set(types)], compareStrings);
		this.types.forEach((type, rank) => this.rankOf.set(type, rank));
		this.slots = new Array<ActiveType | undefined>(this.types.length).fill(undefined);
		this.active = {
			has: (type: string) => {
				const rank = this.rankOf.get(type);
				return rank !== undefined && this.slots[rank] !== undefined;
			},
		};
	}
}

const byRank = (a: number, b: number) => a - b;

const changePctOfProfiled = (p: ProfiledSignal) => changePctOf(p.signal);
const isCancel = (p: ProfiledSignal) => sets.cancel.has(p.signal.type);

function accountInputs(
	account: Account,
	stakeholders: Stakeholders,
	contactMs: number | null,
	seatUtilisation: number | null,
	onboardingState: ReturnType<typeof onboarding>,
	discountState: ReturnType<typeof discount>,
	asOfMs: number,
	config: IntelligenceConfig,
): HealthInputDraft[] {
	const h = config.health;
	const drafts: HealthInputDraft[] = [];
	const ageOf = (ms: number | null) => (ms === null ? null : (asOfMs - ms) / DAY_MS);
	if (seatUtilisation !== null) {
		drafts.push({ dimension: 'usage', name: 'seatUtilisation', value: seatUtilisation, score: clamp((seatUtilisation / h.seatUtilisationTargetPct) * 100, 0, 100), signalIds: [], observedAt: null, ageDays: null });
	}
	if (contactMs !== null) {
		const days = Math.floor((asOfMs - contactMs) / DAY_MS);
		const { fullScoreDays, zeroScoreDays } = h.lastContact;
		const score = days <= fullScoreDays ? 100 : days >= zeroScoreDays ? 0 : (100 * (zeroScoreDays - days)) / (zeroScoreDays - fullScoreDays);
		drafts.push({ dimension: 'relationship', name: 'lastContactAt', value: days, score, signalIds: [], observedAt: new Date(contactMs).toISOString(), ageDays: ageOf(contactMs) });
	}
	if (stakeholders.hasContacts) {
		const levels = stakeholders.levelsEngaged.length;
		drafts.push({
			dimension: 'relationship',
			name: 'stakeholderLevels',
			value: levels,
			score: clamp((levels / 3) * 100, 0, 100),
			signalIds: [],
			observedAt: stakeholders.latestEngagementMs === null ? null : new Date(stakeholders.latestEngagementMs).toISOString(),
			ageDays: ageOf(stakeholders.latestEngagementMs),
		});
	}
	const m = account.arrMovements;
	if (m && m.startingArr > 0) {
		const net = (m.expansionArr - m.contractionArr - m.churnedArr) / m.startingArr;
		drafts.push({ dimension: 'commercial', name: 'arrMovementPct', value: round(net * 100, 1), score: clamp(75 + 250 * net, 0, 100), signalIds: [], observedAt: null, ageDays: null });
	}
	if (account.discountExpiryDate && account.renewalDate) {
		drafts.push({ dimension: 'commercial', name: 'discountExpiresBeforeRenewal', value: discountState.expiresBeforeRenewal, score: discountState.expiresBeforeRenewal ? 40 : 100, signalIds: [], observedAt: null, ageDays: null });
	}
	if (onboardingState.firstValueAchieved) {
		const ms = onboardingState.firstValueMs;
		// First value is a milestone, not a reading: it does not go stale.
		drafts.push({ dimension: 'outcomes', name: 'firstValueAchieved', value: true, score: 100, signalIds: [], observedAt: ms === null ? null : new Date(ms).toISOString(), ageDays: null });
	} else if (onboardingState.onboardingTimelinePct !== null) {
		const pct = onboardingState.onboardingTimelinePct;
		drafts.push({ dimension: 'outcomes', name: 'onboardingTimelinePct', value: pct, score: pct <= 100 ? 60 : clamp(60 - 1.5 * (pct - 100), 0, 60), signalIds: [], observedAt: null, ageDays: null });
	}
	return drafts;
}

/** Everything the seeds define for one account, from its bucket of profiled signals. */
export function intelligenceFor(
	account: Account,
	signals: readonly ProfiledSignal[],
	asOfMs: number,
	asOfIso: string,
	config: IntelligenceConfig,
	history: ReadonlyArray<HealthHistoryEntry>,
	prepared: PreparedConfig = prepareConfig(config),
	typeOrder?: TypeOrder,
): AccountIntelligence {
	const active: ProfiledSignal[] = [];
	for (const p of signals) if (p.active) active.push(p);
	sortShort(active, strongerFirst);
	const order = typeOrder ?? new TypeOrder(active.map((p) => p.signal.type));
	const slots = order.slots;

	// One pass over the active signals, strongest first: weights, drivers (the first — strongest — signal
	// of each type, top N), and per type the strongest non-context signal and its ids for the health input.
	const topN = config.risk.topDrivers;
	let riskUnits = 0;
	let opportunityUnits = 0;
	let activeRiskSignals = 0;
	const riskDrivers: Driver[] = [];
	const opportunityDrivers: Driver[] = [];
	const ranks: number[] = [];
	for (const p of active) {
		const signal = p.signal;
		const rank = order.rankOf.get(signal.type)!;
		let entry = slots[rank];
		if (entry === undefined) {
			entry = { best: null, ids: null, riskListed: false, opportunityListed: false };
			slots[rank] = entry;
			ranks.push(rank);
		}
		if (signal.polarity === 'risk') {
			riskUnits += toUnits(p.weight);
			activeRiskSignals++;
			if (!entry.riskListed) {
				entry.riskListed = true;
				if (riskDrivers.length < topN) riskDrivers.push(driverOf(p));
			}
		} else if (signal.polarity === 'opportunity') {
			opportunityUnits += toUnits(p.weight);
			if (!entry.opportunityListed) {
				entry.opportunityListed = true;
				if (opportunityDrivers.length < topN) opportunityDrivers.push(driverOf(p));
			}
		}
		if (signal.polarity !== 'context') {
			if (entry.ids === null) entry.ids = [signal.id];
			else entry.ids.push(signal.id);
			const best = entry.best;
			if (best === null || p.weight > best.weight || (p.weight === best.weight && signal.id < best.signal.id)) entry.best = p;
		}
	}
	sortShort(ranks, byRank);
	const activeTypes = ranks.map((rank) => order.types[rank]);
	const riskWeight = fromUnits(riskUnits);
	const opportunityWeight = fromUnits(opportunityUnits);
	const riskScore = riskScoreOf(riskWeight, config);

	const stakeholders = stakeholderDepth(account, active, asOfMs, config, prepared.executiveLevels);
	const adoptionState = adoption(account, active, config);
	const onboardingState = onboarding(account, asOfMs);
	const discountState = discount(account, asOfMs);
	const contactMs = lastContactMs(account, stakeholders, asOfMs);

	const drafts = accountInputs(account, stakeholders, contactMs, adoptionState.seatUtilisation, onboardingState, discountState, asOfMs, config);
	// One input per active signal type (its strongest signal stands for it; every id of the type is cited),
	// by type so the result does not depend on signal order. Context signals do not move health.
	for (const rank of ranks) {
		const { best, ids } = slots[rank]!;
		if (best === null) continue;
		drafts.push({
			dimension: best.dimension,
			name: order.types[rank],
			value: round(best.weight, 2),
			score: signalInputScore(best, config),
			signalIds: ids!.length === 1 ? ids! : exactLength(sortShort(ids!, compareStrings)),
			observedAt: best.signal.observedAt,
			ageDays: (asOfMs - best.observedMs) / DAY_MS,
		});
	}
	const health = scoreHealth(drafts, config);
	const bands = prepared.bands;
	const band = bandOfSorted(health.score, bands);
	const historyMs: Array<{ ms: number; score: number }> = [];
	for (const entry of history) {
		const ms = isoToMillis(entry.at);
		if (!Number.isNaN(ms) && ms < asOfMs) historyMs.push({ ms, score: entry.score });
	}
	const t = config.health.trend;
	const previous7d = scoreDaysAgo(historyMs, asOfMs, t.d7.days, t.d7.maxAgeDays);
	const previous30d = scoreDaysAgo(historyMs, asOfMs, t.d30.days, t.d30.maxAgeDays);
	const delta7d = previous7d === null ? null : round(health.score - previous7d, 1);
	const delta30d = previous30d === null ? null : round(health.score - previous30d, 1);
	const previousBand7d = previous7d === null ? null : bandOfSorted(previous7d, bands);

	const usageChangePct = latestNumber(active, sets.usageChange, changePctOfProfiled);
	const expansion = expansionReadiness(
		{
			active,
			usageChangePct,
			stakeholders,
			healthScore: health.score,
			topBandMin: prepared.topBandMin,
			delta7d,
			delta30d,
			seatUtilisation: adoptionState.seatUtilisation,
			firstValueAchieved: onboardingState.firstValueAchieved,
			activeTypes: order.active,
			pullTypesSorted: prepared.pullTypesSorted,
			featureDepthTypesSorted: prepared.featureDepthTypesSorted,
		},
		config,
	);
	const velocityState = velocity(signals, config);
	const segment = segmentOf(account, config);
	const renewalState = renewal(account, health.score, asOfMs, config, prepared.forecast);
	const round1 = (v: number | null) => (v === null ? null : round(v, 1));
	const opportunityAmount = latestNumber(active, sets.expansionOpportunity, opportunityAmountOf);
	const sentiment = latestNumber(active, sets.sentiment, sentimentOf);

	const facts: Facts = {
		healthScore: health.score,
		healthBand: band,
		healthBandPrevious7d: previousBand7d,
		healthDelta7d: delta7d,
		healthDelta30d: delta30d,
		healthDeltaPct30d: previous30d ? round(((health.score - previous30d) / previous30d) * 100, 1) : null,
		healthConfidence: health.confidence,
		healthMissingDimensions: health.missing.length,
		healthMissingDimensionNames: [...health.missing],
		healthStaleInputs: health.stale.length,
		usageScore: health.dimensions[0].score,
		relationshipScore: health.dimensions[1].score,
		supportScore: health.dimensions[2].score,
		commercialScore: health.dimensions[3].score,
		outcomesScore: health.dimensions[4].score,
		riskScore,
		riskWeight: round(riskWeight, 2),
		riskDriverTypes: riskDrivers.map((d) => d.type),
		opportunityWeight: round(opportunityWeight, 2),
		expansionReadiness: expansion.score,
		expansionBand: expansion.band,
		expansionOpportunityPctOfArr: opportunityAmount === null || account.arr <= 0 ? null : round((opportunityAmount / account.arr) * 100, 1),
		expansionGuardrail: expansion.guardrail !== null,
		signalDensity: activeTypes.length,
		signalVelocity: velocityState.last30d,
		signalVelocityChange: velocityState.change,
		activeSignalTypes: activeTypes,
		activeRiskSignals,
		stakeholderLevels: stakeholders.levelsEngaged.length,
		engagedContacts: stakeholders.engagedContacts,
		singleThreaded: stakeholders.singleThreaded,
		championEngaged: stakeholders.championEngaged,
		execSponsorEngaged: stakeholders.execSponsorEngaged,
		unmappedExecutives: stakeholders.unmappedExecutives.length,
		championDeparted: stakeholders.championDeparted,
		championPromoted: stakeholders.championPromoted,
		seatUtilisation: adoptionState.seatUtilisation,
		adoptionPlateauWeeks: adoptionState.plateauWeeks,
		adoptionCeilingReached: adoptionState.ceilingReached,
		usageChangePct: round1(usageChangePct),
		wauChangePct: round1(latestNumber(active, sets.wauChange, changePctOfProfiled)),
		supportVolumeChangePct: round1(latestNumber(active, sets.supportVolumeChange, changePctOfProfiled)),
		sentimentTrend: sentiment === null ? null : round(clamp(sentiment, -1, 1), 2),
		npsScore: latestNumber(active, sets.nps, npsOf),
		cancelSignal: active.some(isCancel),
		arr: account.arr,
		segment,
		daysToRenewal: renewalState.daysToRenewal,
		renewalStage: renewalState.stage,
		forecastProbability: renewalState.forecastProbability,
		expectedArr: renewalState.expectedArr,
		discountExpiresBeforeRenewal: discountState.expiresBeforeRenewal,
		daysToDiscountExpiry: discountState.daysToExpiry,
		daysSinceLastContact: contactMs === null ? null : Math.floor((asOfMs - contactMs) / DAY_MS),
		daysSinceContractStart: onboardingState.daysSinceContractStart,
		kickoffDone: onboardingState.kickoffDone,
		goLiveDone: onboardingState.goLiveDone,
		firstValueAchieved: onboardingState.firstValueAchieved,
		onboardingTimelinePct: onboardingState.onboardingTimelinePct,
	};

	const activeSignalIds = active.map((p) => p.signal.id);
	const intelligence: AccountIntelligence = {
		accountId: account.accountId,
		asOf: asOfIso,
		account,
		segment,
		health: {
			score: health.score,
			band,
			bandScheme: config.health.bandScheme,
			dimensions: health.dimensions,
			redistributedFrom: health.redistributedFrom,
			staleInputs: health.stale.map((s) => s.id),
			confidence: health.confidence,
			trend: { delta7d, delta30d, previousBand7d: previousBand7d },
		},
		risk: { score: riskScore, weight: round(riskWeight, 2), drivers: exactLength(riskDrivers) },
		opportunity: { weight: round(opportunityWeight, 2), drivers: exactLength(opportunityDrivers) },
		expansion,
		signalDensity: activeTypes.length,
		signalVelocity: velocityState,
		stakeholders: {
			levelsEngaged: stakeholders.levelsEngaged,
			engagedContacts: stakeholders.engagedContacts,
			singleThreaded: stakeholders.singleThreaded,
			championEngaged: stakeholders.championEngaged,
			execSponsorEngaged: stakeholders.execSponsorEngaged,
			unmappedExecutives: stakeholders.unmappedExecutives,
			departed: stakeholders.departed,
		},
		adoption: adoptionState,
		renewal: renewalState,
		activeSignalIds,
		facts,
		explanation: [],
	};
	intelligence.explanation = explain(intelligence, health, config);
	for (const rank of ranks) slots[rank] = undefined;
	return intelligence;
}

function resolveAsOfIn(asOf: string | DateTime | null, timezone: string | undefined): DateTime {
	if (typeof asOf !== 'string' || asOf.trim() === '' || !timezone) return resolveAsOf(asOf || null);
	const parsed = DateTime.fromISO(asOf.trim(), { zone: timezone, setZone: true });
	if (!parsed.isValid) throw new Error(`as-of date ${JSON.stringify(asOf)} is not an ISO-8601 date (or "${timezone}" is not a time zone)`);
	return parsed;
}

/**
 * Signals + Accounts → one AccountIntelligence per account (accounts without signals included), as of
 * `options.asOf`. One pass buckets the signals by account; each account then reads only its own bucket.
 * The array follows the order of `accounts`; each account's result does not depend on the order of the
 * signals or of the other accounts.
 */
export function computeIntelligence(accounts: readonly Account[], signals: readonly Signal[], options: ComputeIntelligenceOptions = {}): AccountIntelligence[] {
	const config = options.config ?? resolveIntelligenceConfig(options.overrides ?? {});
	const asOf = resolveAsOfIn(options.asOf ?? null, options.timezone);
	const asOfMs = asOf.toMillis();
	const asOfIso = toIso(asOf);
	const seen = new Map<string, number>();
	for (let index = 0; index < accounts.length; index++) {
		const account = accounts[index];
		const first = seen.get(account.accountId);
		if (first !== undefined) throw duplicateAccount(account.accountId, first, index);
		seen.set(account.accountId, index);
	}
	// One sequential sweep profiles the signals into typed arrays and groups them by account; each account's
	// profile objects are made only when it is computed, so they die young instead of living through the run.
	const groups = groupSignals(seen, accounts.length, signals, asOfMs, config);
	if (groups.unmatchedCount && options.unmatchedSignals !== 'ignore') {
		const index = groups.firstUnmatched;
		throw unmatchedSignal(signals[index].accountId, index, groups.unmatchedCount);
	}
	const prepared = prepareConfig(config);
	const typeOrder = new TypeOrder(groups.types);
	const results: AccountIntelligence[] = [];
	for (let i = 0; i < accounts.length; i++) {
		const account = accounts[i];
		const extra = options.healthHistory ? options.healthHistory(account.accountId) : [];
		const history = extra.length ? [...account.healthHistory, ...extra] : account.healthHistory;
		results.push(intelligenceFor(account, profiledSignalsOf(groups, i, signals, asOfMs, config), asOfMs, asOfIso, config, history, prepared, typeOrder));
	}
	return results;
}
