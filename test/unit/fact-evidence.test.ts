/**
 * The fact catalogue is the one home of "which signals stand behind a fact": the aggregation computes a fact
 * from its signal types and a decision on the fact cites them. Checked end to end: signals → computeIntelligence
 * → a rule on the fact → the decision's cited signals.
 */
import { computeIntelligence } from '../../engine/aggregate';
import { createEvaluator, prepareRules } from '../../engine/decide';
import { AccountSchema, FACT_CATALOGUE, SignalSchema, type AccountInput, type FactValue, type SignalInput } from '../../engine/model';
import { findSignalType, getSignalType } from '../../engine/taxonomy';

const AS_OF = '2026-03-02T09:00:00Z';
const ACCOUNT = AccountSchema.parse({ accountId: 'acct', name: 'Acct Corp', arr: 120000, licensedSeats: 100, activeSeats: 85, renewalDate: '2026-09-01T00:00:00Z' } satisfies AccountInput);
const intelligenceOf = (signals: SignalInput[]) => computeIntelligence([ACCOUNT], signals.map((signal) => SignalSchema.parse(signal)), { asOf: AS_OF })[0];

/** One signal of a type, carrying every number a measured fact reads (change %, NPS score, sentiment, amount, plateau). */
function signalOf(type: string, overrides: Partial<SignalInput> = {}): SignalInput {
	const definition = getSignalType(type);
	return {
		id: `sig_${type.replace('.', '_')}`,
		accountId: 'acct',
		category: definition.category,
		type,
		polarity: definition.polarity,
		severity: 6,
		observedAt: '2026-02-28T09:00:00Z',
		detectedAt: AS_OF,
		value: 4,
		baseline: 5,
		evidence: `${definition.label} observed`,
		source: { system: 'test', ref: type },
		attributes: { changePct: -30, score: 4, sentimentTrend: -0.4, amount: 20000, plateauWeeks: 10 },
		...overrides,
	};
}

/** A condition that holds for the fact's value (json-rules-engine `equal` is strict, so the value itself). */
function holdingCondition(fact: string, value: FactValue): Record<string, unknown> {
	if (Array.isArray(value)) return { fact, operator: 'contains', value: value[0] };
	return { fact, operator: 'equal', value };
}

async function decisionOn(fact: string, value: FactValue, signals: SignalInput[]) {
	const id = `test.${fact.toLowerCase()}`;
	const rules = prepareRules([
		{
			source: 'fact-evidence test',
			pack: {
				pack: 'fact-evidence',
				version: '1.0.0',
				rules: [
					{
						id,
						name: `Decision on ${fact}`,
						conditions: { all: [holdingCondition(fact, value)] },
						event: { params: { family: 'risk', playbook: 'csm_outreach', ownerRole: 'csm', sla: 'PT24H', cooldown: 'P7D', priority: 'P3', description: `Fires on ${fact}.` } },
					},
				],
			},
		},
	]);
	const intel = intelligenceOf(signals);
	const { decisions } = await createEvaluator(rules).evaluate(intel);
	return decisions.find((d) => d.rule.id === id);
}

describe('the fact catalogue: every fact cites the signals it is computed from', () => {
	it('names only signal types the taxonomy knows', () => {
		const unknown = FACT_CATALOGUE.flatMap((f) => (f.evidence?.signalTypes ?? []).filter((type) => !findSignalType(type)).map((type) => `${f.name}: ${type}`));
		expect(unknown).toEqual([]);
	});

	it('a decision on a fact that has a value cites the weighted signal it was computed from, for every fact and type', async () => {
		const cited: string[] = [];
		const missing: string[] = [];
		for (const definition of FACT_CATALOGUE) {
			for (const type of definition.evidence?.signalTypes ?? []) {
				// context signals carry no weight: no driver, no health input, so AccountIntelligence holds no id to cite
				if (getSignalType(type).polarity === 'context') continue;
				const signal = signalOf(type);
				const intel = intelligenceOf([signal]);
				const value = intel.facts[definition.name];
				if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
				const decision = await decisionOn(definition.name, value, [signal]);
				if (decision?.signalIds.includes(signal.id)) cited.push(`${definition.name} ← ${type}`);
				else missing.push(`${definition.name} = ${JSON.stringify(value)} ← ${type}: cited ${JSON.stringify(decision?.signalIds)}`);
			}
		}
		expect(missing).toEqual([]);
		// the check ran over the measured facts, not over nothing
		expect(cited).toEqual(expect.arrayContaining(['usageChangePct ← usage.feature_adoption', 'usageChangePct ← usage.wau_drop', 'sentimentTrend ← slack.positive_sentiment', 'npsScore ← crm.nps_detractor', 'supportVolumeChangePct ← support.ticket_burst']));
		expect(cited.length).toBeGreaterThan(20);
	});

	it('a decision driven by feature adoption cites the adoption signal, even when stronger opportunity signals fill the drivers', async () => {
		const adoption = signalOf('usage.feature_adoption', { severity: 2, observedAt: '2026-03-01T09:00:00Z', attributes: { changePct: 25 } });
		const stronger = ['crm.nps_promoter', 'slack.positive_sentiment', 'meetings.champion_positive'].map((type) => signalOf(type, { severity: 9, observedAt: '2026-02-20T09:00:00Z' }));
		const intel = intelligenceOf([adoption, ...stronger]);
		expect(intel.facts.usageChangePct).toBe(25);
		expect(intel.opportunity.drivers.map((d) => d.type)).not.toContain('usage.feature_adoption');
		const decision = await decisionOn('usageChangePct', 25, [adoption, ...stronger]);
		expect(decision?.signalIds).toEqual([adoption.id]);
	});
});
