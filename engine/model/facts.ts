/**
 * The rules' vocabulary: every fact the aggregation puts in AccountIntelligence.facts.
 * Rule packs may only name facts listed here (the validator suggests the nearest name for a typo).
 * Adding a fact: add it here with its type and a sentence, then compute it in engine/aggregate.
 */
export type FactType = 'number' | 'boolean' | 'string' | 'string[]';

export interface FactDefinition {
	name: string;
	type: FactType;
	/** Nullable facts are null when the input to compute them is missing (rules treat null as "unknown"). */
	nullable: boolean;
	description: string;
}

function fact(name: string, type: FactType, nullable: boolean, description: string): FactDefinition {
	return { name, type, nullable, description };
}

export const FACT_CATALOGUE: readonly FactDefinition[] = [
	// health
	fact('healthScore', 'number', false, 'Health score 0–100 (weighted over the dimensions that have data).'),
	fact('healthBand', 'string', false, 'Health band: green, yellow or red (or the five-band names when configured).'),
	fact('healthBandPrevious7d', 'string', true, 'Health band 7 days ago, when history is known.'),
	fact('healthDelta7d', 'number', true, 'Health points gained (+) or lost (−) against 7 days ago.'),
	fact('healthDelta30d', 'number', true, 'Health points gained (+) or lost (−) against 30 days ago.'),
	fact('healthDeltaPct30d', 'number', true, 'Health change against 30 days ago, in percent of the old score.'),
	fact('healthConfidence', 'string', false, 'high, medium or low: how much of the health score rests on fresh data.'),
	fact('healthMissingDimensions', 'number', false, 'How many of the five health dimensions had no data.'),
	fact('healthMissingDimensionNames', 'string[]', false, 'The health dimensions that had no data (usage, relationship, support, commercial, outcomes).'),
	fact('healthStaleInputs', 'number', false, 'How many health inputs were older than their freshness window.'),
	fact('usageScore', 'number', true, 'Product-usage dimension 0–100 (null when no usage data).'),
	fact('relationshipScore', 'number', true, 'Relationship dimension 0–100 (null when no data).'),
	fact('supportScore', 'number', true, 'Support dimension 0–100 (null when no data).'),
	fact('commercialScore', 'number', true, 'Commercial dimension 0–100 (null when no data).'),
	fact('outcomesScore', 'number', true, 'Outcomes dimension 0–100 (null when no data).'),
	// risk and opportunity
	fact('riskScore', 'number', false, 'Risk score 0–10 from the decayed weight of active risk signals.'),
	fact('riskWeight', 'number', false, 'Sum of decayed weights of active risk signals.'),
	fact('riskDriverTypes', 'string[]', false, 'Taxonomy ids of the top risk drivers, strongest first.'),
	fact('opportunityWeight', 'number', false, 'Sum of decayed weights of active opportunity signals.'),
	fact('expansionReadiness', 'number', false, 'Expansion readiness 0–100.'),
	fact('expansionBand', 'string', false, 'monitor (0–40), plant_seeds (41–70) or initiate (71–100).'),
	fact('expansionOpportunityPctOfArr', 'number', true, 'Open expansion opportunity (crm.expansion_opportunity value) as percent of current ARR; null when none is known. Above 30% the AE takes over.'),
	fact('expansionGuardrail', 'boolean', false, 'true when readiness reached "initiate" but first value is not achieved, so the band is held at plant_seeds.'),
	fact('signalDensity', 'number', false, 'Distinct signal types active now.'),
	fact('signalVelocity', 'number', false, 'New value-decision signals (new use case, new stakeholder, feature adoption) in the last 30 days.'),
	fact('signalVelocityChange', 'number', false, 'signalVelocity minus the 30 days before.'),
	fact('activeSignalTypes', 'string[]', false, 'Taxonomy ids of the signals active now (use with "contains").'),
	fact('activeRiskSignals', 'number', false, 'How many risk signals are active now.'),
	// stakeholders
	fact('stakeholderLevels', 'number', false, 'Organisational levels engaged in the last 90 days (0–5).'),
	fact('engagedContacts', 'number', false, 'Contacts engaged in the last 90 days.'),
	fact('singleThreaded', 'boolean', false, 'true when at most one contact is engaged.'),
	fact('championEngaged', 'boolean', false, 'true when a champion was engaged in the last 30 days.'),
	fact('execSponsorEngaged', 'boolean', false, 'true when an executive sponsor was engaged in the last 90 days.'),
	fact('unmappedExecutives', 'number', false, 'Executives (VP and above) known but never engaged.'),
	fact('championDeparted', 'boolean', false, 'true when a champion left (contact departed or exec.champion_departed signal).'),
	fact('championPromoted', 'boolean', false, 'true when a champion was promoted (exec.champion_promoted signal).'),
	// adoption
	fact('seatUtilisation', 'number', true, 'Active seats as percent of licensed seats.'),
	fact('adoptionPlateauWeeks', 'number', false, 'Weeks usage has been flat.'),
	fact('adoptionCeilingReached', 'boolean', false, 'true when usage is flat for the plateau window while below licensed potential.'),
	fact('usageChangePct', 'number', true, 'Latest measured usage change in percent (negative = decline).'),
	fact('wauChangePct', 'number', true, 'Weekly active users change week over week in percent.'),
	fact('supportVolumeChangePct', 'number', true, 'Support ticket volume change against the account baseline in percent.'),
	fact('sentimentTrend', 'number', true, 'Sentiment change across recent interactions (−1 … +1; negative = declining).'),
	fact('npsScore', 'number', true, 'Latest NPS answer (0–10).'),
	fact('cancelSignal', 'boolean', false, 'true when the customer signalled intent to cancel.'),
	// renewal and commercial
	fact('arr', 'number', false, 'Annual recurring revenue.'),
	fact('segment', 'string', false, 'high, mid or low touch.'),
	fact('daysToRenewal', 'number', true, 'Days until the renewal date (negative after it).'),
	fact('renewalStage', 'string', false, 'Renewal ladder stage: T-120, T-90, T-60, T-30, T-0, T+7 or none.'),
	fact('forecastProbability', 'number', false, 'Renewal probability by health band (0–1).'),
	fact('expectedArr', 'number', false, 'ARR × forecast probability.'),
	fact('discountExpiresBeforeRenewal', 'boolean', false, 'true when a documented discount expires on or before the renewal date.'),
	fact('daysToDiscountExpiry', 'number', true, 'Days until the discount expires.'),
	fact('daysSinceLastContact', 'number', true, 'Days since the last two-way contact with the customer.'),
	// onboarding
	fact('daysSinceContractStart', 'number', true, 'Days since the contract started.'),
	fact('kickoffDone', 'boolean', false, 'true when the onboarding kickoff happened.'),
	fact('goLiveDone', 'boolean', false, 'true when the customer went live.'),
	fact('firstValueAchieved', 'boolean', false, 'true when first value was achieved (onboarding complete).'),
	fact('onboardingTimelinePct', 'number', true, 'Days since contract start as percent of the agreed onboarding timeline (while first value is not achieved).'),
];

export const FACT_NAMES: ReadonlySet<string> = new Set(FACT_CATALOGUE.map((f) => f.name));

export type FactValue = number | boolean | string | string[] | null;
export type Facts = Record<string, FactValue>;
