/**
 * The flat `facts` map the rules read (one entry per FACT_CATALOGUE fact), assembled from an account's computed
 * parts. The measured facts (usage change, sentiment, NPS, …) are read from the latest active signal of the
 * types the catalogue names for them — the same types a decision on the fact cites.
 */
import { factSignalTypes, type Account, type Facts } from '../model';
import type { ActiveSignals } from './active-signals';
import type { Adoption, Discount, Onboarding, Renewal, Stakeholders, Velocity } from './account-facts';
import { latestNumber } from './account-facts';
import type { Expansion } from './expansion';
import { clamp, round, type HealthCore, type HealthTrend } from './health';
import { changePctOf, DAY_MS, type ProfiledSignal } from './signals';

const USAGE_CHANGE = factSignalTypes('usageChangePct');
const WAU_CHANGE = factSignalTypes('wauChangePct');
const SUPPORT_VOLUME_CHANGE = factSignalTypes('supportVolumeChangePct');
const SENTIMENT = factSignalTypes('sentimentTrend');
const NPS = factSignalTypes('npsScore');
const CANCEL = factSignalTypes('cancelSignal');
const EXPANSION_OPPORTUNITY = factSignalTypes('expansionOpportunityPctOfArr');

const changePctOfProfiled = (p: ProfiledSignal) => changePctOf(p.signal);

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

/** The latest measured usage change (percent) among the account's active usage signals; expansion readiness reads it too. */
export function usageChangePctOf(active: readonly ProfiledSignal[]): number | null {
	return latestNumber(active, USAGE_CHANGE, changePctOfProfiled);
}

/** Everything the facts are assembled from: the account and its computed parts. */
export interface FactParts {
	account: Account;
	active: readonly ProfiledSignal[];
	asOfMs: number;
	health: HealthCore;
	band: string;
	trend: HealthTrend;
	signals: ActiveSignals;
	riskScore: number;
	expansion: Expansion;
	usageChangePct: number | null;
	velocity: Velocity;
	stakeholders: Stakeholders;
	adoption: Adoption;
	onboarding: Onboarding;
	discount: Discount;
	renewal: Renewal;
	segment: string;
	contactMs: number | null;
}

const round1 = (v: number | null) => (v === null ? null : round(v, 1));

export function factsOf(parts: FactParts): Facts {
	const { account, active, health, trend, signals, expansion, stakeholders, adoption, onboarding, renewal } = parts;
	const opportunityAmount = latestNumber(active, EXPANSION_OPPORTUNITY, opportunityAmountOf);
	const sentiment = latestNumber(active, SENTIMENT, sentimentOf);
	return {
		healthScore: health.score,
		healthBand: parts.band,
		healthBandPrevious7d: trend.previousBand7d,
		healthDelta7d: trend.delta7d,
		healthDelta30d: trend.delta30d,
		healthDeltaPct30d: trend.previous30d ? round(((health.score - trend.previous30d) / trend.previous30d) * 100, 1) : null,
		healthConfidence: health.confidence,
		healthMissingDimensions: health.missing.length,
		healthMissingDimensionNames: [...health.missing],
		healthStaleInputs: health.stale.length,
		usageScore: health.dimensions[0].score,
		relationshipScore: health.dimensions[1].score,
		supportScore: health.dimensions[2].score,
		commercialScore: health.dimensions[3].score,
		outcomesScore: health.dimensions[4].score,
		riskScore: parts.riskScore,
		riskWeight: round(signals.riskWeight, 2),
		riskDriverTypes: signals.riskDrivers.map((d) => d.type),
		opportunityWeight: round(signals.opportunityWeight, 2),
		expansionReadiness: expansion.score,
		expansionBand: expansion.band,
		expansionOpportunityPctOfArr: opportunityAmount === null || account.arr <= 0 ? null : round((opportunityAmount / account.arr) * 100, 1),
		expansionGuardrail: expansion.guardrail !== null,
		signalDensity: signals.types.length,
		signalVelocity: parts.velocity.last30d,
		signalVelocityChange: parts.velocity.change,
		activeSignalTypes: signals.types,
		activeRiskSignals: signals.activeRiskSignals,
		stakeholderLevels: stakeholders.levelsEngaged.length,
		engagedContacts: stakeholders.engagedContacts,
		singleThreaded: stakeholders.singleThreaded,
		championEngaged: stakeholders.championEngaged,
		execSponsorEngaged: stakeholders.execSponsorEngaged,
		unmappedExecutives: stakeholders.unmappedExecutives.length,
		championDeparted: stakeholders.championDeparted,
		championPromoted: stakeholders.championPromoted,
		seatUtilisation: adoption.seatUtilisation,
		adoptionPlateauWeeks: adoption.plateauWeeks,
		adoptionCeilingReached: adoption.ceilingReached,
		usageChangePct: round1(parts.usageChangePct),
		wauChangePct: round1(latestNumber(active, WAU_CHANGE, changePctOfProfiled)),
		supportVolumeChangePct: round1(latestNumber(active, SUPPORT_VOLUME_CHANGE, changePctOfProfiled)),
		sentimentTrend: sentiment === null ? null : round(clamp(sentiment, -1, 1), 2),
		npsScore: latestNumber(active, NPS, npsOf),
		cancelSignal: active.some((p) => CANCEL.has(p.signal.type)),
		arr: account.arr,
		segment: parts.segment,
		daysToRenewal: renewal.daysToRenewal,
		renewalStage: renewal.stage,
		forecastProbability: renewal.forecastProbability,
		expectedArr: renewal.expectedArr,
		discountExpiresBeforeRenewal: parts.discount.expiresBeforeRenewal,
		daysToDiscountExpiry: parts.discount.daysToExpiry,
		daysSinceLastContact: parts.contactMs === null ? null : Math.floor((parts.asOfMs - parts.contactMs) / DAY_MS),
		daysSinceContractStart: onboarding.daysSinceContractStart,
		kickoffDone: onboarding.kickoffDone,
		goLiveDone: onboarding.goLiveDone,
		firstValueAchieved: onboarding.firstValueAchieved,
		onboardingTimelinePct: onboarding.onboardingTimelinePct,
	};
}
