/**
 * The rules' vocabulary: every fact the aggregation puts in AccountIntelligence.facts, with the evidence a
 * decision on it cites. Rule packs may only name facts listed here (the validator suggests the nearest name
 * for a typo). The one home of "which signals stand behind a fact": the aggregation reads a fact's
 * `signalTypes` to compute it (engine/aggregate) and a decision on the fact cites those signals
 * (engine/decide/evidence.ts), so the two can never drift apart.
 * Adding a fact: add it here with its type, a sentence and its evidence, then compute it in engine/aggregate.
 */
import type { HealthDimension } from './signal';

export type FactType = 'number' | 'boolean' | 'string' | 'string[]';

/** Which signals a decision on a fact cites (all that apply). */
export interface FactEvidence {
	/** Taxonomy ids the fact is computed from; a decision cites the account's active signals of these types. */
	signalTypes?: readonly string[];
	/** A decision cites the account's strongest risk or opportunity signals (the drivers). */
	drivers?: 'risk' | 'opportunity';
	/** A decision cites the signals behind a health dimension's inputs (`all`: every dimension). */
	healthDimension?: HealthDimension | 'all';
}

export interface FactDefinition {
	name: string;
	type: FactType;
	/** Nullable facts are null when the input to compute them is missing (rules treat null as "unknown"). */
	nullable: boolean;
	description: string;
	/** What a decision on this fact cites; absent for facts read from account fields only (ARR, dates). */
	evidence?: FactEvidence;
	/** The documented range of a number fact (inclusive), when it has one: decide refuses a value outside it. */
	range?: { min: number; max: number };
}

/** The documented ranges of number facts (their descriptions say the same). */
export const FACT_RANGES: Readonly<Record<string, { min: number; max: number }>> = Object.freeze({
	healthScore: { min: 0, max: 100 },
	healthMissingDimensions: { min: 0, max: 5 },
	usageScore: { min: 0, max: 100 },
	relationshipScore: { min: 0, max: 100 },
	supportScore: { min: 0, max: 100 },
	commercialScore: { min: 0, max: 100 },
	outcomesScore: { min: 0, max: 100 },
	riskScore: { min: 0, max: 10 },
	expansionReadiness: { min: 0, max: 100 },
	stakeholderLevels: { min: 0, max: 5 },
	sentimentTrend: { min: -1, max: 1 },
	npsScore: { min: 0, max: 10 },
	forecastProbability: { min: 0, max: 1 },
});

function fact(name: string, type: FactType, nullable: boolean, description: string, evidence?: FactEvidence): FactDefinition {
	const definition: FactDefinition = evidence ? { name, type, nullable, description, evidence } : { name, type, nullable, description };
	const range = Object.prototype.hasOwnProperty.call(FACT_RANGES, name) ? FACT_RANGES[name] : undefined;
	if (range) definition.range = range;
	return definition;
}

const risk: FactEvidence = { drivers: 'risk' };
const opportunity: FactEvidence = { drivers: 'opportunity' };
const allDimensions: FactEvidence = { healthDimension: 'all' };
const types = (...signalTypes: string[]): FactEvidence => ({ signalTypes });

export const FACT_CATALOGUE: readonly FactDefinition[] = [
	// health
	fact('healthScore', 'number', false, 'Health score 0–100 (weighted over the dimensions that have data).', allDimensions),
	fact('healthBand', 'string', false, 'Health band of the configured scheme: green, yellow or red; or healthy, stable, at-risk, critical, emergency (five-band).', allDimensions),
	fact('healthBandPrevious7d', 'string', true, 'Health band 7 days ago, when history is known.', allDimensions),
	fact('healthTrafficLight', 'string', false, 'The traffic light (seed 002): green 80+, yellow 40–79, red below 40 — the same in the three- and the five-band scheme, so rules on it mean the same in both.', allDimensions),
	fact('healthTrafficLightPrevious7d', 'string', true, 'The traffic light 7 days ago, when history is known.', allDimensions),
	fact('healthDelta7d', 'number', true, 'Health points gained (+) or lost (−) against 7 days ago.', allDimensions),
	fact('healthDelta30d', 'number', true, 'Health points gained (+) or lost (−) against 30 days ago.', allDimensions),
	fact('healthDeltaPct30d', 'number', true, 'Health change against 30 days ago, in percent of the old score.', allDimensions),
	fact('healthConfidence', 'string', false, 'high, medium or low: how much of the health score rests on fresh data.'),
	fact('healthMissingDimensions', 'number', false, 'How many of the five health dimensions had no data.'),
	fact('healthMissingDimensionNames', 'string[]', false, 'The health dimensions that had no data (usage, relationship, support, commercial, outcomes).'),
	fact('healthStaleInputs', 'number', false, 'How many health inputs were older than their freshness window.'),
	fact('usageScore', 'number', true, 'Product-usage dimension 0–100 (null when no usage data).', { healthDimension: 'usage' }),
	fact('relationshipScore', 'number', true, 'Relationship dimension 0–100 (null when no data).', { healthDimension: 'relationship' }),
	fact('supportScore', 'number', true, 'Support dimension 0–100 (null when no data).', { healthDimension: 'support' }),
	fact('commercialScore', 'number', true, 'Commercial dimension 0–100 (null when no data).', { healthDimension: 'commercial' }),
	fact('outcomesScore', 'number', true, 'Outcomes dimension 0–100 (null when no data).', { healthDimension: 'outcomes' }),
	// risk and opportunity
	fact('riskScore', 'number', false, 'Risk score 0–10 from the decayed weight of active risk signals.', risk),
	fact('riskWeight', 'number', false, 'Sum of decayed weights of active risk signals.', risk),
	fact('riskDriverTypes', 'string[]', false, 'Taxonomy ids of the top risk drivers, strongest first.', risk),
	fact('opportunityWeight', 'number', false, 'Sum of decayed weights of active opportunity signals.', opportunity),
	fact('expansionReadiness', 'number', false, 'Expansion readiness 0–100.', opportunity),
	fact('expansionBand', 'string', false, 'monitor (0–40), plant_seeds (41–70) or initiate (71–100).', opportunity),
	fact('expansionOpportunityPctOfArr', 'number', true, 'Open expansion opportunity (crm.expansion_opportunity value) as percent of current ARR; null when none is known. Above 30% the AE takes over.', types('crm.expansion_opportunity')),
	fact('expansionGuardrail', 'boolean', false, 'true when readiness reached "initiate" but first value is not achieved, so the band is held at plant_seeds.'),
	fact('signalDensity', 'number', false, 'Distinct signal types active now.'),
	fact('signalVelocity', 'number', false, 'New value-decision signals (new use case, new stakeholder, feature adoption) in the last 30 days.', opportunity),
	fact('signalVelocityChange', 'number', false, 'signalVelocity minus the 30 days before.', opportunity),
	fact('activeSignalTypes', 'string[]', false, 'Taxonomy ids of the signals active now (use with "contains").'),
	fact('activeRiskSignals', 'number', false, 'How many risk signals are active now.', risk),
	// stakeholders
	fact('stakeholderLevels', 'number', false, 'Organisational levels engaged in the last 90 days (0–5).'),
	fact('engagedContacts', 'number', false, 'Contacts engaged in the last 90 days.'),
	fact('singleThreaded', 'boolean', false, 'true when at most one contact is engaged.', types('crm.single_threaded')),
	fact('championEngaged', 'boolean', false, 'true when a champion was engaged in the last 30 days.'),
	fact('execSponsorEngaged', 'boolean', false, 'true when an executive sponsor was engaged in the last 90 days.', types('crm.no_exec_sponsor', 'exec.sponsor_departed')),
	fact('unmappedExecutives', 'number', false, 'Executives (VP and above) known but never engaged.', types('exec.new_executive')),
	fact('championDeparted', 'boolean', false, 'true when a champion left (contact departed or exec.champion_departed signal).', types('exec.champion_departed')),
	fact('execSponsorDeparted', 'boolean', false, 'true when their executive sponsor left (a departed sponsor contact or an exec.sponsor_departed signal).', types('exec.sponsor_departed')),
	fact('championPromoted', 'boolean', false, 'true when a champion was promoted (exec.champion_promoted signal).', types('exec.champion_promoted')),
	// adoption
	fact('seatUtilisation', 'number', true, "Active seats as percent of licensed seats: measured from usage (the latest seat-utilisation or low-activation signal), else the account's activeSeats.", types('usage.seat_utilisation_high', 'usage.low_activation')),
	fact('adoptionPlateauDays', 'number', false, 'Whole days usage has been flat.', types('usage.adoption_plateau')),
	fact('adoptionPlateau', 'boolean', false, 'true when usage has been flat for the plateau window (60+ days, the taxonomy\'s usage.adoption_plateau minFlatDays).', types('usage.adoption_plateau')),
	fact('adoptionCeilingReached', 'boolean', false, 'true when usage is flat for the plateau window while below licensed potential.', types('usage.adoption_plateau')),
	fact('usageChangePct', 'number', true, 'Latest measured usage change in percent (negative = decline).', types('usage.wau_drop', 'usage.usage_decline', 'usage.below_baseline', 'usage.depth_increase', 'usage.feature_adoption', 'usage.seat_utilisation_high', 'usage.low_activation')),
	fact('wauChangePct', 'number', true, 'Weekly active users change week over week in percent.', types('usage.wau_drop')),
	fact('supportVolumeChangePct', 'number', true, 'Support ticket volume change against the account baseline in percent.', types('support.volume_spike', 'support.ticket_burst')),
	fact('sentimentTrend', 'number', true, 'Sentiment change across recent interactions (−1 … +1; negative = declining).', types('meetings.sentiment_decline', 'meetings.champion_positive', 'email.sentiment_shift', 'slack.negative_sentiment', 'slack.positive_sentiment')),
	fact('npsScore', 'number', true, 'Latest NPS answer (0–10).', types('crm.nps_detractor', 'crm.nps_promoter')),
	fact('cancelSignal', 'boolean', false, 'true when the customer signalled intent to cancel.', types('crm.cancel_intent')),
	// renewal and commercial
	fact('arr', 'number', false, 'Annual recurring revenue.'),
	fact('segment', 'string', false, 'high, mid or low touch.'),
	fact('daysToRenewal', 'number', true, 'Days until the renewal date (negative after it).'),
	fact('renewalStage', 'string', false, 'Renewal ladder stage: T-120, T-90, T-60, T-30, T-0, T+7 or none.'),
	fact('forecastProbability', 'number', false, 'Renewal probability by health band (0–1).'),
	fact('expectedArr', 'number', false, 'ARR × forecast probability.'),
	fact('discountExpiresBeforeRenewal', 'boolean', false, 'true when a documented discount expires on or before the renewal date.', types('crm.discount_expiring')),
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

const BY_NAME: ReadonlyMap<string, FactDefinition> = new Map(FACT_CATALOGUE.map((f) => [f.name, f]));

/** A catalogue fact by name; throws for a name that is not in the catalogue (a programming error). */
export function factDefinition(name: string): FactDefinition {
	const definition = BY_NAME.get(name);
	if (!definition) throw new Error(`"${name}" is not a fact of the catalogue`);
	return definition;
}

/** The signal types a fact is computed from, as a set (what the aggregation reads). */
export function factSignalTypes(name: string): ReadonlySet<string> {
	return new Set(factDefinition(name).evidence?.signalTypes ?? []);
}

export type FactValue = number | boolean | string | string[] | null;
export type Facts = Record<string, FactValue>;
