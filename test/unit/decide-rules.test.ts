/**
 * Every shipped rule: a case where it fires (with the explanation sentence people will read) and a case
 * where it narrowly does not (with the sentence saying why; numeric misses within 10% also show up as
 * near misses).
 */
import { createEvaluator, prepareRules, shippedPackInputs } from '../../engine/decide';
import type { FactValue } from '../../engine/model';
import { makeIntelligence } from '../fixtures/decide/intelligence';

interface RuleCase {
	fires: Record<string, FactValue>;
	sentence: string;
	misses: Record<string, FactValue>;
	missSentence: string;
	/** The miss is within 10% of a numeric threshold, so it is listed as a near miss. */
	nearMiss: boolean;
}

const CASES: Record<string, RuleCase> = {
	'risk.exec_escalation': {
		fires: { riskScore: 8.2, daysToRenewal: 87 },
		sentence: 'Risk score 8.2 is above 7.0 and renewal is in 87 days (at least 0, within 120)',
		misses: { riskScore: 6.9, daysToRenewal: 87 },
		missSentence: 'Risk score 6.9 is not above 7.0; renewal is in 87 days (at least 0, within 120)',
		nearMiss: true,
	},
	'risk.technical_review': {
		fires: { activeSignalTypes: ['support.volume_spike'], sentimentTrend: -0.3 },
		sentence: 'A support volume spike signal is active and sentiment trend -0.30 is at most -0.20',
		misses: { supportVolumeChangePct: 38, sentimentTrend: -0.3 },
		missSentence: 'No support volume spike signal is active, no ticket burst signal is active and support volume change 38% is below 40%; sentiment trend -0.30 is at most -0.20',
		nearMiss: true,
	},
	'expansion.depth_and_sentiment': {
		fires: { usageChangePct: 22, activeSignalTypes: ['meetings.champion_positive'] },
		sentence: 'Usage change 22% is at least 20%, a positive champion sentiment signal is active and first value is achieved',
		misses: { usageChangePct: 19, activeSignalTypes: ['meetings.champion_positive'] },
		missSentence: 'No usage depth increase signal is active and usage change 19% is below 20%; a positive champion sentiment signal is active and first value is achieved',
		nearMiss: true,
	},
	'stakeholder.new_executive': {
		fires: { unmappedExecutives: 1 },
		sentence: 'Unmapped executives 1 is at least 1',
		misses: { unmappedExecutives: 0 },
		missSentence: 'No new executive signal is active and unmapped executives 0 is below 1',
		nearMiss: false,
	},
	'event.wau_drop': {
		fires: { wauChangePct: -34 },
		sentence: 'Weekly active users change -34% is below -30%',
		misses: { wauChangePct: -28 },
		missSentence: 'No weekly active users drop signal is active and weekly active users change -28% is not below -30%',
		nearMiss: true,
	},
	'event.nps_detractor': {
		fires: { npsScore: 5 },
		sentence: 'NPS score 5 is below 6',
		misses: { npsScore: 6 },
		missSentence: 'NPS score 6 is not below 6',
		nearMiss: true,
	},
	'event.champion_departed': {
		fires: { championDeparted: true },
		sentence: 'A champion has departed',
		misses: { championDeparted: false },
		missSentence: 'No champion has departed',
		nearMiss: false,
	},
	'event.champion_departed_exec': {
		fires: { championDeparted: true },
		sentence: 'A champion has departed',
		misses: { championDeparted: false },
		missSentence: 'No champion has departed',
		nearMiss: false,
	},
	'stakeholder.exec_sponsor_departed': {
		fires: { execSponsorDeparted: true },
		sentence: 'Their executive sponsor has departed',
		misses: { execSponsorDeparted: false },
		missSentence: 'Their executive sponsor has not departed',
		nearMiss: false,
	},
	'event.support_escalation': {
		fires: { activeSignalTypes: ['support.ticket_burst'] },
		sentence: 'A ticket burst signal is active',
		misses: { activeSignalTypes: ['support.volume_spike'] },
		missSentence: 'No Sev-1 / urgent escalation signal is active and no ticket burst signal is active',
		nearMiss: false,
	},
	'onboarding.start_high_touch': {
		fires: { daysSinceContractStart: 2, firstValueAchieved: false },
		sentence: 'Segment is high, the contract started 2 days ago (within 7) and first value is not achieved yet',
		misses: { daysSinceContractStart: 8, firstValueAchieved: false },
		missSentence: 'The contract started 8 days ago (not within 7); segment is high and first value is not achieved yet',
		nearMiss: false,
	},
	'onboarding.start_tech_touch': {
		fires: { segment: 'low', daysSinceContractStart: 2, firstValueAchieved: false },
		sentence: 'Segment is low, the contract started 2 days ago (within 7) and first value is not achieved yet',
		misses: { segment: 'mid', daysSinceContractStart: 2, firstValueAchieved: false },
		missSentence: 'Segment is mid (not low); the contract started 2 days ago (within 7) and first value is not achieved yet',
		nearMiss: false,
	},
	'onboarding.start_low_touch': {
		fires: { segment: 'mid', daysSinceContractStart: 2, firstValueAchieved: false },
		sentence: 'Segment is mid, the contract started 2 days ago (within 7) and first value is not achieved yet',
		misses: { segment: 'low', daysSinceContractStart: 2, firstValueAchieved: false },
		missSentence: 'Segment is low (not mid); the contract started 2 days ago (within 7) and first value is not achieved yet',
		nearMiss: false,
	},
	'onboarding.no_kickoff': {
		fires: { kickoffDone: false, daysSinceContractStart: 3 },
		sentence: 'The kickoff has not happened and the contract started 3 days ago (at least 3, within 120)',
		misses: { kickoffDone: false, daysSinceContractStart: 2 },
		missSentence: 'The contract started 2 days ago (fewer than 3); the kickoff has not happened and the contract started 2 days ago (within 120)',
		nearMiss: false,
	},
	'onboarding.not_live': {
		fires: { goLiveDone: false, daysSinceContractStart: 31 },
		sentence: 'The customer is not live yet and the contract started 31 days ago (at least 30, within 120)',
		misses: { goLiveDone: false, daysSinceContractStart: 29 },
		missSentence: 'The contract started 29 days ago (fewer than 30); the customer is not live yet and the contract started 29 days ago (within 120)',
		nearMiss: true,
	},
	'onboarding.low_usage': {
		fires: { seatUtilisation: 15, daysSinceContractStart: 61 },
		sentence: 'Seat utilisation 15% is below 20% and the contract started 61 days ago (at least 60, within 120)',
		misses: { seatUtilisation: 21, daysSinceContractStart: 61 },
		missSentence: 'Seat utilisation 21% is not below 20%; the contract started 61 days ago (at least 60, within 120)',
		nearMiss: true,
	},
	'onboarding.low_health': {
		fires: { healthScore: 45, daysSinceContractStart: 95 },
		sentence: 'Health score 45 is below 50 and the contract started 95 days ago (at least 90, within 120)',
		misses: { healthScore: 52, daysSinceContractStart: 95 },
		missSentence: 'Health score 52 is not below 50; the contract started 95 days ago (at least 90, within 120)',
		nearMiss: true,
	},
	'onboarding.first_impact_at_risk': {
		fires: { firstValueAchieved: false, onboardingTimelinePct: 130 },
		sentence: 'First value is not achieved yet and onboarding time used 130% of the agreed timeline is above 120%',
		misses: { firstValueAchieved: false, onboardingTimelinePct: 115 },
		missSentence: 'Onboarding time used 115% of the agreed timeline is not above 120%; first value is not achieved yet',
		nearMiss: true,
	},
	'health.weekly_drop': {
		fires: { healthDelta7d: -12 },
		sentence: 'Health change over 7 days -12 points is below -10 points',
		misses: { healthDelta7d: -9.5 },
		missSentence: 'Health change over 7 days -9.5 points is not below -10 points',
		nearMiss: true,
	},
	'health.monthly_drop': {
		fires: { healthDeltaPct30d: -25 },
		sentence: 'Health change over 30 days -25% is at most -20%',
		misses: { healthDeltaPct30d: -19 },
		missSentence: 'Health change over 30 days -19% is above -20%',
		nearMiss: true,
	},
	'health.green_to_yellow': {
		fires: { healthTrafficLightPrevious7d: 'green', healthTrafficLight: 'yellow' },
		sentence: 'Health a week ago is green and health is yellow',
		misses: { healthTrafficLightPrevious7d: 'yellow', healthTrafficLight: 'yellow' },
		missSentence: 'Health a week ago is yellow (not green); health is yellow',
		nearMiss: false,
	},
	'health.yellow_to_red': {
		fires: { healthTrafficLightPrevious7d: 'yellow', healthTrafficLight: 'red' },
		sentence: 'Health a week ago is yellow and health is red',
		misses: { healthTrafficLightPrevious7d: 'yellow', healthTrafficLight: 'yellow' },
		missSentence: 'Health is yellow (not red); health a week ago is yellow',
		nearMiss: false,
	},
	'health.churn_risk': {
		fires: { healthScore: 35, championEngaged: false },
		sentence: 'Health score 35 is below 40 and no champion was engaged in the last 30 days',
		misses: { healthScore: 41, championEngaged: false },
		missSentence: 'Health score 41 is not below 40; no champion was engaged in the last 30 days',
		nearMiss: true,
	},
	'health.adoption_plateau': {
		fires: { adoptionPlateau: true, adoptionPlateauDays: 60 },
		sentence: 'Usage has been flat for 60+ days (adoption plateau) and first value is achieved',
		misses: { adoptionPlateau: false, adoptionPlateauDays: 59 },
		missSentence: 'Usage has not been flat for 60+ days; first value is achieved',
		nearMiss: false,
	},
	'health.quiet_account': {
		fires: { signalDensity: 1, daysSinceLastContact: 50 },
		sentence: 'Signal density (distinct active signal types) 1 is at most 1 and the last two-way contact was 50 days ago (at least 45)',
		misses: { signalDensity: 1, daysSinceLastContact: 44 },
		missSentence: 'The last two-way contact was 44 days ago (fewer than 45); signal density (distinct active signal types) 1 is at most 1',
		nearMiss: true,
	},
	'renewal.elevated_t90': {
		fires: { healthScore: 50, daysToRenewal: 85 },
		sentence: 'Health score 50 is at least 40 and below 60 and renewal is in 85 days (at least 0, within 90)',
		misses: { healthScore: 61, daysToRenewal: 85 },
		missSentence: 'Health score 61 is not below 60; health score 61 is at least 40 and renewal is in 85 days (at least 0, within 90)',
		nearMiss: true,
	},
	'renewal.high_t90': {
		fires: { healthScore: 35, daysToRenewal: 75 },
		sentence: 'Health score 35 is below 40 and renewal is in 75 days (more than 60, within 90)',
		misses: { healthScore: 35, daysToRenewal: 92 },
		missSentence: 'Renewal is in 92 days (not within 90); health score 35 is below 40 and renewal is in 92 days (more than 60)',
		nearMiss: true,
	},
	'renewal.critical_t60': {
		fires: { healthScore: 35, daysToRenewal: 55 },
		sentence: 'Health score 35 is below 40 and renewal is in 55 days (at least 0, within 60)',
		misses: { healthScore: 35, daysToRenewal: 63 },
		missSentence: 'Renewal is in 63 days (not within 60); health score 35 is below 40 and renewal is in 63 days (at least 0)',
		nearMiss: true,
	},
	'renewal.cancel_signal': {
		fires: { cancelSignal: true },
		sentence: 'The customer signalled intent to cancel',
		misses: { cancelSignal: false },
		missSentence: 'No cancel intent was signalled',
		nearMiss: false,
	},
	'renewal.rescue_mode': {
		fires: { healthTrafficLight: 'red', daysToRenewal: 150 },
		sentence: 'Health is red, renewal is in 150 days (more than 90) and first value is achieved',
		misses: { healthTrafficLight: 'red', daysToRenewal: 88 },
		missSentence: 'Renewal is in 88 days (not more than 90); health is red and first value is achieved',
		nearMiss: true,
	},
	'renewal.risk_mode': {
		fires: { healthTrafficLight: 'red', daysToRenewal: 45 },
		sentence: 'Health is red and renewal is in 45 days (at least 0, within 90)',
		misses: { healthTrafficLight: 'red', daysToRenewal: 95 },
		missSentence: 'Renewal is in 95 days (not within 90); health is red and renewal is in 95 days (at least 0)',
		nearMiss: true,
	},
	'renewal.save_scope_reduction': {
		fires: { activeSignalTypes: ['usage.wau_drop'], healthScore: 55, daysToRenewal: 45 },
		sentence: 'A weekly active users drop signal is active, health score 55 is below 60 and renewal is in 45 days (at least 0, within 60)',
		misses: { activeSignalTypes: ['usage.wau_drop'], healthScore: 55, daysToRenewal: 65 },
		missSentence: 'Renewal is in 65 days (not within 60); a weekly active users drop signal is active, health score 55 is below 60 and renewal is in 65 days (at least 0)',
		nearMiss: true,
	},
	'renewal.save_higher_tier_trial': {
		fires: { activeSignalTypes: ['meetings.competitor_mention'], cancelSignal: true, daysToRenewal: 40 },
		sentence: 'A competitor mention signal is active, the customer signalled intent to cancel and renewal is in 40 days (at least 0, within 60)',
		misses: { activeSignalTypes: ['meetings.competitor_mention'], healthScore: 75, daysToRenewal: 40 },
		missSentence: 'No cancel intent was signalled and health score 75 is not below 60; a competitor mention signal is active and renewal is in 40 days (at least 0, within 60)',
		nearMiss: false,
	},
	'renewal.save_split_billing': {
		fires: { activeSignalTypes: ['meetings.budget_language'], healthScore: 50, daysToRenewal: 30 },
		sentence: 'A budget or cost-justification language signal is active, health score 50 is below 60 and renewal is in 30 days (at least 0, within 60)',
		misses: { activeSignalTypes: [], healthScore: 50, daysToRenewal: 30 },
		missSentence: 'No budget or cost-justification language signal is active and no layoff signal is active; health score 50 is below 60 and renewal is in 30 days (at least 0, within 60)',
		nearMiss: false,
	},
	'renewal.discount_sunset': {
		fires: { discountExpiresBeforeRenewal: true, daysToRenewal: 118 },
		sentence: 'A discount expires before the renewal and renewal is in 118 days (at least 0, within 120)',
		misses: { discountExpiresBeforeRenewal: true, daysToRenewal: 125 },
		missSentence: 'Renewal is in 125 days (not within 120); a discount expires before the renewal and renewal is in 125 days (at least 0)',
		nearMiss: true,
	},
	'expansion.readiness_initiate': {
		fires: { expansionReadiness: 75 },
		sentence: 'Expansion readiness 75 is at least 71 and first value is achieved',
		misses: { expansionReadiness: 70 },
		missSentence: 'Expansion readiness 70 is below 71; first value is achieved',
		nearMiss: true,
	},
	'expansion.ae_handoff': {
		fires: { expansionReadiness: 75, expansionOpportunityPctOfArr: 35 },
		sentence: 'Expansion readiness 75 is at least 71, open expansion opportunity 35% of ARR is above 30% and first value is achieved',
		misses: { expansionReadiness: 75, expansionOpportunityPctOfArr: 28 },
		missSentence: 'Open expansion opportunity 28% of ARR is not above 30%; expansion readiness 75 is at least 71 and first value is achieved',
		nearMiss: true,
	},
	'expansion.seat_utilisation': {
		fires: { seatUtilisation: 85 },
		sentence: 'Seat utilisation 85% is above 80% and first value is achieved',
		misses: { seatUtilisation: 79 },
		missSentence: 'Seat utilisation 79% is not above 80% and no high seat utilisation signal is active; first value is achieved',
		nearMiss: true,
	},
	'expansion.champion_promoted': {
		fires: { championPromoted: true },
		sentence: 'A champion was promoted and first value is achieved',
		misses: { championPromoted: false },
		missSentence: 'No champion was promoted; first value is achieved',
		nearMiss: false,
	},
	'stakeholder.single_threaded': {
		fires: { singleThreaded: true },
		sentence: 'The account is single-threaded',
		misses: { singleThreaded: false },
		missSentence: 'The account is not single-threaded',
		nearMiss: false,
	},
	'expansion.whitespace': {
		fires: { healthScore: 85, activeSignalTypes: ['email.new_stakeholder'] },
		sentence: 'Health score 85 is at least 80, first value is achieved and a new stakeholder on email signal is active',
		misses: { healthScore: 78, activeSignalTypes: ['email.new_stakeholder'] },
		missSentence: 'Health score 78 is below 80; first value is achieved and a new stakeholder on email signal is active',
		nearMiss: true,
	},
};

const RULES = prepareRules(shippedPackInputs());
const evaluator = createEvaluator(RULES);
const evaluate = (facts: Record<string, FactValue>) => evaluator.evaluate(makeIntelligence({ facts }), { explainAll: true });

describe('shipped rules', () => {
	it('have a fire case and a narrow-miss case each', () => {
		expect(Object.keys(CASES).sort()).toEqual(RULES.map((rule) => rule.id).sort());
	});

	it('fire nothing on the quiet baseline account', async () => {
		const evaluation = await evaluate({});
		expect(evaluation.decisions).toEqual([]);
		expect(evaluation.nearMisses).toEqual([]);
	});

	describe.each(Object.entries(CASES))('%s', (ruleId, c) => {
		it('fires, explained in one sentence', async () => {
			const evaluation = await evaluate(c.fires);
			const decision = evaluation.decisions.find((d) => d.rule.id === ruleId);
			expect(decision?.explanation.sentence).toBe(c.sentence);
		});

		it('narrowly does not fire, and says why', async () => {
			const evaluation = await evaluate(c.misses);
			expect(evaluation.decisions.map((d) => d.rule.id)).not.toContain(ruleId);
			expect(evaluation.notFired!.find((n) => n.ruleId === ruleId)?.sentence).toBe(c.missSentence);
			const nearMiss = evaluation.nearMisses.find((n) => n.ruleId === ruleId);
			expect(nearMiss !== undefined).toBe(c.nearMiss);
		});
	});
});

describe('rescue mode leaves onboarding accounts to the onboarding pack', () => {
	it('a red account that has not reached first value is not put in rescue mode', async () => {
		const evaluation = await evaluate({ healthTrafficLight: 'red', daysToRenewal: 361, firstValueAchieved: false });
		expect(evaluation.decisions.map((d) => d.rule.id)).not.toContain('renewal.rescue_mode');
		expect(evaluation.notFired!.find((n) => n.ruleId === 'renewal.rescue_mode')?.sentence).toBe(
			'First value is not achieved yet; health is red and renewal is in 361 days (more than 90)',
		);
	});
});
