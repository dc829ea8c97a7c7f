import { DateTime } from 'luxon';
import { resolveAsOf, toIso, type Account, type AccountIntelligence, type Signal } from '../model';
import { adoption, discount, lastContactMs, onboarding, renewal, segmentOf, stakeholderDepth, velocity } from './account-facts';
import { summariseActiveSignals, TypeOrder } from './active-signals';
import { intelligenceConfigOf, prepareConfig, type IntelligenceConfig, type PreparedConfig } from './config';
import { explain } from './explain';
import { duplicateAccount, unmatchedSignal } from './input-checks';
import { expansionReadiness } from './expansion';
import { factsOf, usageChangePctOf } from './facts';
import { bandOfSorted, healthTrend, round, scoreHealth, type HealthHistoryEntry } from './health';
import { accountHealthInputs, signalHealthInputs } from './health-inputs';
import { exactLength, groupSignals, profiledSignalsOf, sortShort, strongerFirst, uniqueSignals, type ProfiledSignal } from './signals';

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

/** Risk 0–10 from the summed decayed weight: bounded and monotone. */
export function riskScoreOf(riskWeight: number, config: IntelligenceConfig): number {
	return round(10 * (1 - Math.exp(-riskWeight / config.risk.saturationWeight)), 1);
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
	const summary = summariseActiveSignals(active, order, config.risk.topDrivers);
	const riskScore = riskScoreOf(summary.riskWeight, config);

	const stakeholders = stakeholderDepth(account, active, asOfMs, config, prepared.executiveLevels);
	const adoptionState = adoption(account, active, config);
	const onboardingState = onboarding(account, asOfMs);
	const discountState = discount(account, asOfMs);
	const contactMs = lastContactMs(account, stakeholders, asOfMs);

	const drafts = accountHealthInputs(account, stakeholders, contactMs, adoptionState.seatUtilisation, onboardingState, discountState, asOfMs, config);
	signalHealthInputs(summary, order, asOfMs, config, drafts);
	const health = scoreHealth(drafts, config);
	const band = bandOfSorted(health.score, prepared.bands);
	const trend = healthTrend(health.score, history, asOfMs, config, prepared.bands);

	const usageChangePct = usageChangePctOf(active);
	const expansion = expansionReadiness(
		{
			active,
			usageChangePct,
			stakeholders,
			healthScore: health.score,
			topBandMin: prepared.topBandMin,
			delta7d: trend.delta7d,
			delta30d: trend.delta30d,
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
	const facts = factsOf({
		account,
		active,
		asOfMs,
		health,
		band,
		trend,
		signals: summary,
		riskScore,
		expansion,
		usageChangePct,
		velocity: velocityState,
		stakeholders,
		adoption: adoptionState,
		onboarding: onboardingState,
		discount: discountState,
		renewal: renewalState,
		segment,
		contactMs,
	});

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
			trend: { delta7d: trend.delta7d, delta30d: trend.delta30d, previousBand7d: trend.previousBand7d },
		},
		risk: { score: riskScore, weight: round(summary.riskWeight, 2), drivers: exactLength(summary.riskDrivers) },
		opportunity: { weight: round(summary.opportunityWeight, 2), drivers: exactLength(summary.opportunityDrivers) },
		expansion,
		signalDensity: summary.types.length,
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
		activeSignalIds: active.map((p) => p.signal.id),
		facts,
		explanation: [],
	};
	intelligence.explanation = explain(intelligence, health, config);
	order.release(summary.ranks);
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
export function computeIntelligence(accounts: readonly Account[], allSignals: readonly Signal[], options: ComputeIntelligenceOptions = {}): AccountIntelligence[] {
	const config = intelligenceConfigOf(options);
	// the same signal id counts once, however often it came in
	const signals = uniqueSignals(allSignals);
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
		const first = signals[groups.firstUnmatched];
		throw unmatchedSignal(first.accountId, allSignals.indexOf(first), groups.unmatchedCount);
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
