/** The inputs of the five health dimensions, before they are placed and scored (health.ts scoreHealth). */
import type { Account } from '../model';
import type { ActiveSignals, TypeOrder } from './active-signals';
import type { Discount, Onboarding, Stakeholders } from './account-facts';
import type { IntelligenceConfig } from './config';
import { clamp, round, signalInputScore, type HealthInputDraft } from './health';
import { compareStrings, DAY_MS, exactLength, sortShort } from './signals';

/** Inputs read from the account itself: seats, last contact, stakeholder levels, ARR movements, discount, onboarding. */
export function accountHealthInputs(
	account: Account,
	stakeholders: Stakeholders,
	contactMs: number | null,
	seatUtilisation: number | null,
	onboardingState: Onboarding,
	discountState: Discount,
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

/**
 * One input per active signal type (its strongest signal stands for it; every id of the type is cited), by type so
 * the result does not depend on signal order. Context signals do not move health.
 */
export function signalHealthInputs(summary: ActiveSignals, order: TypeOrder, asOfMs: number, config: IntelligenceConfig, out: HealthInputDraft[]): void {
	for (const rank of summary.ranks) {
		const { best, ids } = order.slots[rank]!;
		if (best === null) continue;
		out.push({
			dimension: best.dimension,
			name: order.types[rank],
			value: round(best.weight, 2),
			score: signalInputScore(best, config),
			signalIds: ids!.length === 1 ? ids! : exactLength(sortShort(ids!, compareStrings)),
			observedAt: best.signal.observedAt,
			ageDays: (asOfMs - best.observedMs) / DAY_MS,
		});
	}
}
