import { createEvaluator, compilePacks, loadPacks, prepareRules, shippedPackInputs } from '../../engine/decide';
import { DecisionSchema } from '../../engine/model';
import { makeIntelligence, OWNERS } from '../fixtures/decide/intelligence';

const RULES = prepareRules(shippedPackInputs());

describe('decision evaluation', () => {
	it('emits a schema-valid decision with owner, due date from the SLA, cited signals and near misses', async () => {
		const intel = makeIntelligence({
			accountId: 'acme',
			name: 'Acme Corp',
			asOf: '2026-03-02T08:00:00+01:00',
			facts: { riskScore: 8.2, daysToRenewal: 87, npsScore: 6 },
			riskDrivers: [
				{ signalId: 'sig_support', type: 'support.volume_spike' },
				{ signalId: 'sig_sentiment', type: 'meetings.sentiment_decline' },
			],
		});
		const { decisions, nearMisses } = await createEvaluator(RULES).evaluate(intel);
		const escalation = decisions.find((d) => d.rule.id === 'risk.exec_escalation')!;
		expect(DecisionSchema.parse(escalation)).toEqual(escalation);
		expect(escalation).toMatchObject({
			accountId: 'acme',
			accountName: 'Acme Corp',
			rule: { id: 'risk.exec_escalation', name: 'Executive escalation before renewal', pack: 'decision-triggers' },
			family: 'risk',
			priority: 'P1',
			playbook: 'executive_escalation',
			owner: { role: 'csLeader', person: OWNERS.csLeader, fallback: false },
			firedAt: '2026-03-02T08:00:00+01:00',
			dueAt: '2026-03-03T08:00:00+01:00',
			sla: 'PT24H',
			signalIds: ['sig_support', 'sig_sentiment'],
			status: 'new',
		});
		// what the signals said travels with the decision (alerts cite it without the signals at hand)
		expect(escalation.evidence.map((e) => [e.signalId, e.text])).toEqual([
			['sig_support', 'support.volume_spike observed'],
			['sig_sentiment', 'meetings.sentiment_decline observed'],
		]);
		expect(escalation.accountOwners).toEqual(OWNERS);
		expect(escalation.rule.versionHash).toMatch(/^[0-9a-f]{12}$/);
		expect(escalation.explanation.conditions).toEqual([
			{ ruleId: 'risk.exec_escalation', fact: 'riskScore', actual: 8.2, operator: 'greaterThan', threshold: 7, thresholdName: 'riskScoreEscalation', passed: true, sentence: 'risk score 8.2 is above 7.0' },
			// a renewal date already in the past is not "within 120 days" (seed correction, test/unit/seed-corrections.test.ts)
			{ ruleId: 'risk.exec_escalation', fact: 'daysToRenewal', actual: 87, operator: 'greaterThanInclusive', threshold: 0, thresholdName: null, passed: true, sentence: 'renewal is in 87 days (at least 0)' },
			{ ruleId: 'risk.exec_escalation', fact: 'daysToRenewal', actual: 87, operator: 'lessThanInclusive', threshold: 120, thresholdName: 'renewalWindowDays', passed: true, sentence: 'renewal is in 87 days (within 120)' },
		]);
		expect(nearMisses.map((n) => [n.ruleId, n.sentence])).toEqual([['event.nps_detractor', 'NPS score 6 is not below 6']]);
		expect(escalation.nearMisses).toEqual([
			{ ruleId: 'event.nps_detractor', fact: 'npsScore', actual: 6, operator: 'lessThan', threshold: 6, thresholdName: 'npsDetractorBelow', passed: false, sentence: 'NPS score 6 is not below 6' },
		]);
	});

	it('gives the same decision id for the same rule, account and instant', async () => {
		const evaluator = createEvaluator(RULES);
		const a = await evaluator.evaluate(makeIntelligence({ facts: { npsScore: 2 } }));
		const b = await evaluator.evaluate(makeIntelligence({ facts: { npsScore: 2 } }));
		expect(a.decisions[0].decisionId).toBe(b.decisions[0].decisionId);
	});

	it('falls back to the fallback owner (or nobody) when the account has no one in the role', async () => {
		const intel = makeIntelligence({ facts: { npsScore: 2 }, owners: {} });
		const fallbackOwner = { name: 'CS Ops Queue', email: 'cs-ops@example.com' };
		const [withFallback] = (await createEvaluator(RULES).evaluate(intel, { fallbackOwner })).decisions;
		expect(withFallback.owner).toEqual({ role: 'csm', person: fallbackOwner, fallback: true });
		const [withoutFallback] = (await createEvaluator(RULES).evaluate(intel)).decisions;
		expect(withoutFallback.owner).toEqual({ role: 'csm', person: null, fallback: true });
	});

	it('treats an unknown (null or missing) fact as false for every operator, notEqual included', async () => {
		const pack = {
			pack: 'nulls',
			version: '1.0.0',
			rules: [
				{
					id: 'risk.nps_not_ten',
					name: 'NPS is not 10',
					conditions: { all: [{ fact: 'npsScore', operator: 'notEqual', value: 10 }] },
					event: { params: { family: 'risk', playbook: 'detractor_call', ownerRole: 'csm', sla: 'P1D', cooldown: 'P7D', priority: 'P3', description: 'x' } },
				},
			],
		};
		const rules = compilePacks(loadPacks([{ source: 'nulls', pack }]));
		const evaluator = createEvaluator(rules);
		const missing = makeIntelligence({ facts: {} });
		delete (missing.facts as Record<string, unknown>).npsScore;
		expect((await evaluator.evaluate(makeIntelligence({ facts: { npsScore: null } }), { explainAll: true })).notFired).toEqual([
			{ ruleId: 'risk.nps_not_ten', sentence: 'NPS score is unknown' },
		]);
		expect((await evaluator.evaluate(missing)).decisions).toEqual([]);
		expect((await evaluator.evaluate(makeIntelligence({ facts: { npsScore: 7 } }))).decisions.map((d) => d.explanation.sentence)).toEqual(['NPS score 7 is not 10']);
	});

	it('refuses overlapping evaluations on one engine (json-rules-engine would silently skip rules)', async () => {
		const evaluator = createEvaluator(RULES);
		const first = evaluator.evaluate(makeIntelligence());
		await expect(evaluator.evaluate(makeIntelligence())).rejects.toThrow('await each account in turn');
		await first;
	});

	it('uses an explicit as-of date for firedAt and dueAt', async () => {
		const [decision] = (await createEvaluator(RULES).evaluate(makeIntelligence({ facts: { npsScore: 2 } }), { asOf: '2026-04-01T09:30:00Z' })).decisions;
		expect([decision.firedAt, decision.dueAt]).toEqual(['2026-04-01T09:30:00Z', '2026-04-03T09:30:00Z']);
	});
});
