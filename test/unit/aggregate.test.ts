import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	aggregateItems,
	computeIntelligence,
	DEFAULT_INTELLIGENCE_CONFIG,
	recordHealthScores,
	renewalStage,
	resolveIntelligenceConfig,
	segmentOf,
} from '../../engine/aggregate';
import { RecordStoreLedger } from '../../engine/ledger';
import { AccountIntelligenceSchema, AccountSchema, FACT_CATALOGUE, SignalSchema, type AccountIntelligence } from '../../engine/model';

const STORIES = join(__dirname, '..', 'fixtures', 'stories');
const story = (file: string): unknown[] => JSON.parse(readFileSync(join(STORIES, file), 'utf8'));
const AS_OF = '2026-03-02T09:00:00Z';

function run(accountsFile: string, signalsFile?: string, options = {}): AccountIntelligence[] {
	const result = aggregateItems(story(accountsFile), signalsFile ? story(signalsFile) : [], { asOf: AS_OF, ...options });
	expect(result.unusable).toEqual([]);
	return result.items.map((item) => item.intelligence);
}

describe('Acme Corp (seed story): champion disengaging, support up, usage down, new IT director, renewal in 87 days', () => {
	const [acme] = run('acme.accounts.json', 'acme.signals.json');

	it('comes out high risk with the three compounding drivers named', () => {
		expect(acme.risk.score).toBe(8.2);
		expect(acme.risk.score).toBeGreaterThanOrEqual(7);
		expect(acme.risk.drivers.map((d) => d.type)).toEqual(['meetings.exec_absence', 'support.volume_spike', 'usage.below_baseline']);
		expect(acme.risk.drivers.map((d) => d.signalId)).toEqual(['sig-acme-exec-absence', 'sig-acme-support-volume', 'sig-acme-usage-below-baseline']);
		expect(acme.facts.riskDriverTypes).toEqual(['meetings.exec_absence', 'support.volume_spike', 'usage.below_baseline']);
	});

	it('opens its explanation with the headline built from the drivers', () => {
		expect(acme.explanation[0]).toBe(
			'Risk 8.2: champion meeting attendance down 60% in 90 days; support volume up 40%; usage down 28% over 8 weeks',
		);
	});

	it('is in the T-90 renewal stage with the forecast of its health band', () => {
		expect(acme.renewal).toEqual({
			renewalDate: '2026-05-28T00:00:00+00:00',
			daysToRenewal: 87,
			stage: 'T-90',
			forecastProbability: 0.6,
			expectedArr: 72000,
		});
		expect(acme.health.score).toBe(58);
		expect(acme.health.band).toBe('yellow');
		expect(acme.explanation).toContain('Renewal in 87 days (T-90): forecast 60%, expected ARR 72,000 EUR.');
	});

	it('lists the IT director nobody has met as an unmapped executive', () => {
		expect(acme.stakeholders.unmappedExecutives).toEqual(['Dana Ruiz (IT Director)']);
		expect(acme.facts.unmappedExecutives).toBe(1);
		expect(acme.explanation).toContain('Unmapped executive (never engaged): Dana Ruiz (IT Director).');
	});

	it('explains its health: dimensions with inputs, commercial missing and redistributed', () => {
		expect(acme.health.redistributedFrom).toEqual(['commercial']);
		const usage = acme.health.dimensions.find((d) => d.dimension === 'usage')!;
		expect(usage.inputs.map((i) => [i.name, i.score])).toEqual([
			['seatUtilisation', 60],
			['usage.below_baseline', 47],
		]);
		expect(acme.explanation).toContain('Data is missing for commercial: its weight was redistributed to usage, relationship, support and outcomes.');
		expect(acme.facts.usageChangePct).toBe(-28);
		expect(acme.facts.supportVolumeChangePct).toBe(40);
	});

	it('is a valid AccountIntelligence item', () => {
		expect(() => AccountIntelligenceSchema.parse(acme)).not.toThrow();
	});
});

describe('expansion story: usage depth +22% and positive champion sentiment across four calls', () => {
	const [globex, onboarding] = run('expansion.accounts.json', 'expansion.signals.json');

	it('is "initiate" once first value is achieved', () => {
		expect(globex.expansion.score).toBe(83);
		expect(globex.expansion.band).toBe('initiate');
		expect(globex.expansion.guardrail).toBeNull();
		expect(globex.expansion.components.usageGrowth).toEqual({ max: 30, points: 30, basis: 'usage +22% (full points at +20%)' });
		expect(globex.explanation).toContain('Expansion readiness 83 (initiate).');
	});

	it('is held at "plant seeds" by the first-value guardrail while onboarding is not complete', () => {
		expect(onboarding.expansion.score).toBe(83);
		expect(onboarding.expansion.band).toBe('plant_seeds');
		const sentence =
			'First value not achieved yet: plant seeds only, no expansion conversation before onboarding is complete (readiness 83 would be "initiate").';
		expect(onboarding.expansion.guardrail).toBe(sentence);
		expect(onboarding.explanation).toContain(sentence);
		expect(onboarding.facts.expansionGuardrail).toBe(true);
		expect(onboarding.facts.firstValueAchieved).toBe(false);
	});
});

describe('safe account trap: no signals and an old last contact', () => {
	const [initech] = run('safe-account.accounts.json');

	it('is not reported green with confidence: low confidence, missing dimensions named, data said to be missing', () => {
		expect(initech.health.band).not.toBe('green');
		expect(initech.health.confidence).toBe('low');
		expect(initech.facts.healthMissingDimensionNames).toEqual(['usage', 'support', 'commercial', 'outcomes']);
		expect(initech.health.staleInputs).toEqual(['relationship.lastContactAt', 'relationship.stakeholderLevels']);
		expect(initech.explanation).toContain('Data is missing for usage, support, commercial and outcomes: their weight was redistributed to relationship.');
		expect(initech.explanation).toContain(
			'Stale data: relationship.lastContactAt is 111 days old (window 45 days); relationship.stakeholderLevels is 111 days old (window 45 days).',
		);
		expect(initech.facts.daysSinceLastContact).toBe(111);
		expect(initech.explanation[0]).toBe('Risk 0.0: no active risk signals');
	});

	it('an account with no data at all says the score is a placeholder', () => {
		const [blank] = computeIntelligence([AccountSchema.parse({ accountId: 'blank', name: 'Blank' })], [], { asOf: AS_OF });
		expect(blank.health.score).toBe(50);
		expect(blank.health.confidence).toBe('low');
		expect(blank.health.redistributedFrom).toEqual([]);
		expect(blank.explanation).toContain(
			'Data is missing: no usage, relationship, support, commercial or outcomes inputs, so 50 is a placeholder, not a sign of health.',
		);
	});
});

describe('facts', () => {
	it('emits exactly the FACT_CATALOGUE names, with the catalogued types', () => {
		const items = [
			...run('acme.accounts.json', 'acme.signals.json'),
			...run('expansion.accounts.json', 'expansion.signals.json'),
			...run('safe-account.accounts.json'),
		];
		const catalogue = FACT_CATALOGUE.map((f) => f.name).sort();
		for (const item of items) {
			expect(Object.keys(item.facts).sort()).toEqual(catalogue);
			for (const def of FACT_CATALOGUE) {
				const value = item.facts[def.name];
				if (value === null) {
					expect(def.nullable ? def.name : `${def.name} is null but not nullable`).toBe(def.name);
					continue;
				}
				const actual = Array.isArray(value) ? 'string[]' : typeof value;
				expect(`${def.name}: ${actual}`).toBe(`${def.name}: ${def.type}`);
			}
		}
	});
});

describe('renewal ladder stage: the latest threshold crossed', () => {
	const config = resolveIntelligenceConfig();
	it.each([
		[200, 'none'],
		[121, 'none'],
		[120, 'T-120'],
		[91, 'T-120'],
		[90, 'T-90'],
		[87, 'T-90'],
		[61, 'T-90'],
		[60, 'T-60'],
		[31, 'T-60'],
		[30, 'T-30'],
		[1, 'T-30'],
		[0, 'T-0'],
		[-6, 'T-0'],
		[-7, 'T+7'],
		[-13, 'T+7'],
		[-14, 'none'],
		[-400, 'none'],
	])('%d days to renewal → %s', (days, stage) => {
		expect(renewalStage(days, config)).toBe(stage);
	});
	it('no renewal date → none', () => expect(renewalStage(null, config)).toBe('none'));
});

describe('segment from ARR, per currency without FX', () => {
	const config = resolveIntelligenceConfig({ segments: { byCurrency: { USD: { highAbove: 60000, midFrom: 12000 } } } });
	const account = (arr: number, currency = 'EUR', segment?: 'high' | 'mid' | 'low') => AccountSchema.parse({ accountId: 'a', name: 'A', arr, currency, segment });
	it.each([
		[50001, 'EUR', 'high'],
		[50000, 'EUR', 'mid'],
		[10000, 'EUR', 'mid'],
		[9999, 'EUR', 'low'],
		[55000, 'USD', 'mid'],
		[60001, 'USD', 'high'],
		[11000, 'USD', 'low'],
		[55000, 'GBP', 'high'],
	])('%d %s → %s', (arr, currency, segment) => {
		expect(segmentOf(account(arr, currency), config)).toBe(segment);
	});
	it('a segment given on the account wins', () => expect(segmentOf(account(1000, 'EUR', 'high'), config)).toBe('high'));
});

describe('configuration', () => {
	it('defaults are the seed numbers', () => {
		expect(DEFAULT_INTELLIGENCE_CONFIG.health.weights).toEqual({ usage: 35, relationship: 25, support: 18, commercial: 17, outcomes: 5 });
		expect(DEFAULT_INTELLIGENCE_CONFIG.expansion.weights).toEqual({ usageGrowth: 30, stakeholderBreadth: 25, featureDepth: 20, healthTrajectory: 15, contractHeadroom: 10 });
	});

	it('weights that do not sum to 100 are refused, naming the weights', () => {
		expect(() => resolveIntelligenceConfig({ health: { weights: { usage: 40 } } })).toThrow(
			'Invalid intelligence configuration: health.weights: health weights must sum to 100 but usage 40 + relationship 25 + support 18 + commercial 17 + outcomes 5 = 105',
		);
	});

	it('unknown settings and wrong types are named', () => {
		expect(() => resolveIntelligenceConfig({ risk: { floor: 1 } })).toThrow('risk: unknown setting(s) "floor"');
		expect(() => resolveIntelligenceConfig({ windows: { stakeholderDays: 'ninety' } })).toThrow('windows.stakeholderDays: Expected number, received string');
	});

	it('the five-band scheme uses the metrics seed bands', () => {
		const [acme] = run('acme.accounts.json', 'acme.signals.json', { overrides: { health: { bandScheme: 'five' } } });
		expect(acme.health.bandScheme).toBe('five');
		expect(acme.health.band).toBe('fair');
	});

	it('a weight override changes the score and stays in 0–100', () => {
		const [acme] = run('acme.accounts.json', 'acme.signals.json', {
			overrides: { health: { weights: { usage: 0, relationship: 0, support: 100, commercial: 0, outcomes: 0 } } },
		});
		expect(acme.health.score).toBe(44);
	});
});

describe('trend from history (account or ledger)', () => {
	it('reports Δ7d / Δ30d and the band 7 days ago', () => {
		const [account] = story('acme.accounts.json') as Array<Record<string, unknown>>;
		const withHistory = {
			...account,
			healthHistory: [
				{ at: '2026-01-31T09:00:00Z', score: 70 },
				{ at: '2026-02-23T09:00:00Z', score: 82 },
			],
		};
		const { items } = aggregateItems([withHistory], story('acme.signals.json'), { asOf: AS_OF });
		const acme = items[0].intelligence;
		expect(acme.health.trend).toEqual({ delta7d: -24, delta30d: -12, previousBand7d: 'green' });
		expect(acme.facts.healthDeltaPct30d).toBe(-17.1);
		expect(acme.explanation[1]).toBe('Health 58 (yellow, high confidence), down 24 points in 7 days, down 12 points in 30 days.');
	});

	it('reads and records the ledger history', () => {
		const ledger = new RecordStoreLedger();
		ledger.appendHealthScore('acme', '2026-02-23T09:00:00Z', 60);
		const accounts = story('acme.accounts.json').map((a) => AccountSchema.parse(a));
		const signals = story('acme.signals.json').map((s) => SignalSchema.parse(s));
		const results = computeIntelligence(accounts, signals, { asOf: AS_OF, healthHistory: (id) => ledger.getHealthHistory(id) });
		expect(results[0].health.trend.delta7d).toBe(-2);
		recordHealthScores(ledger, results);
		expect(ledger.getHealthHistory('acme')).toEqual([
			{ at: '2026-02-23T09:00:00Z', score: 60 },
			{ at: '2026-03-02T09:00:00Z', score: 58 },
		]);
	});
});

describe('bad input', () => {
	it('names the item and field, leaves it out and keeps the rest', () => {
		const signals = story('acme.signals.json') as Array<Record<string, unknown>>;
		const broken = [{ ...signals[0], observedAt: '31/02/2026' }, ...signals.slice(1), { ...signals[1], id: 'x', accountId: 'nobody' }];
		const result = aggregateItems(story('acme.accounts.json'), broken, { asOf: AS_OF });
		expect(result.unusable).toEqual([
			{ input: 'signals', itemIndex: 0, message: 'signal 0: observedAt "31/02/2026" is not an ISO-8601 date' },
			{ input: 'signals', itemIndex: 5, message: 'signal 5: accountId "nobody" matches no account item; add the account or ignore unmatched signals' },
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].signalIndexes).toEqual([1, 2, 3, 4]);
	});

	it('unmatched signals can be ignored', () => {
		const signals = [{ ...(story('acme.signals.json')[0] as object), accountId: 'nobody' }];
		expect(aggregateItems(story('acme.accounts.json'), signals, { asOf: AS_OF, unmatchedSignals: 'ignore' }).unusable).toEqual([]);
	});

	it('a duplicate account is refused by name', () => {
		const accounts = story('acme.accounts.json');
		expect(aggregateItems([...accounts, ...accounts], [], { asOf: AS_OF }).unusable).toEqual([
			{ input: 'accounts', itemIndex: 1, message: 'account 1: accountId "acme" appears twice (items 0 and 1); give each account once' },
		]);
	});
});
