/**
 * The hostile-input suite (issue 16) for the decision layer: random rule packs (any depth and size, every
 * operator and some that are not, numbers including NaN and 1e999, durations, prototype names), random
 * intelligence items and random threshold overrides, through prepareRules and runDecisionSweep. Properties:
 * - no crash: only a RulePackError (each problem naming its rule or pack and a path) or a per-item problem;
 * - no stack trace, no internal error text ("Maximum call stack", TypeError, "[object Object]", "undefined");
 * - the other accounts still decide: every account gets an action, a "no trigger" or a problem naming it.
 * Seeds are printed on failure (replay: FC_SEED=<seed> FC_PATH=<path>, test/fixtures/hostile.ts).
 */
import fc from 'fast-check';
import { compilePacks, loadPacks, prepareRules, RulePackError, runDecisionSweep, shippedPackInputs, type CompiledRule } from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { FACT_CATALOGUE, parseIntelligence, type AccountIntelligence } from '../../engine/model';
import { makeIntelligence } from '../fixtures/decide/intelligence';
import { runs } from '../fixtures/hostile';

const AS_OF = '2026-03-02T09:00:00Z';
const INTERNAL = /Maximum call stack|TypeError|Cannot read|is not a function|is not iterable|\[object Object\]|\bundefined\b|\n\s+at /;
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

const numbers = fc.oneof(
	fc.double({ noDefaultInfinity: false }),
	fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -0, 0, 7, 0.5, 100, 1e21),
);
const values = fc.oneof(
	numbers,
	fc.constantFrom<unknown>('7', 'red', 'usage.wau_drop', '', true, false, null, [], ['red'], [1, 2], { threshold: 'riskMax' }, { threshold: 'toString' }, { threshold: '__proto__' }, { fact: 'riskScore' }, {}),
);
const facts = fc.constantFrom(...FACT_CATALOGUE.map((f) => f.name), 'riskScor', ...PROTO, '');
const operators = fc.constantFrom('equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain', '>', 'gt', 'between', ...PROTO);
const leaf = fc.record({ fact: facts, operator: operators, value: values });

/** A condition tree: sometimes thousands deep (one chain), sometimes wide, sometimes not a tree at all. */
const tree: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 4, arbitrary: fc.letrec((tie) => ({ node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ all: fc.array(tie('node'), { maxLength: 3 }) }), fc.record({ any: fc.array(tie('node'), { maxLength: 3 }) }), fc.record({ not: tie('node') })) })).node },
	{
		weight: 1,
		arbitrary: fc.tuple(fc.oneof(fc.integer({ min: 1, max: 70 }), fc.constantFrom(64, 65, 1000, 3000)), leaf).map(([depth, bottom]) => {
			let node: unknown = bottom;
			for (let level = depth - 1; level >= 0; level--) node = level % 2 ? { not: node } : { all: [node] };
			return node;
		}),
	},
	{ weight: 1, arbitrary: fc.tuple(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(1000, 1001)), leaf).map(([n, l]) => ({ any: Array.from({ length: n }, () => l) })) },
	{ weight: 1, arbitrary: fc.constantFrom<unknown>(null, 7, 'x', [], {}, { all: [] }, { fact: 'riskScore', operator: 'greaterThan', value: 7 }) },
);
const durations = fc.constantFrom('PT24H', 'P7D', 'P1Y', 'P999999999Y', 'P2Y', 'PT0S', '7 days', '', 'P', 'P1M');
const params = fc.record({
	family: fc.constantFrom('risk', 'renewal', 'health', 'nope', ...PROTO),
	playbook: fc.constantFrom('executive_escalation', 'renewal_risk', 'nope', ...PROTO),
	ownerRole: fc.constantFrom('csm', 'csLeader', 'nope', ...PROTO),
	sla: durations,
	cooldown: durations,
	priority: fc.constantFrom('P1', 'P3', 'P9', ...PROTO),
	description: fc.constantFrom('why', ''),
});
const rule = fc.record({ id: fc.constantFrom('risk.a', 'risk.b', 'renewal.c', 'Bad Id', ...PROTO), name: fc.constantFrom('A rule', ''), conditions: tree, event: fc.record({ params }) }, { requiredKeys: ['id', 'name', 'conditions', 'event'] });
const pack = fc.record({
	pack: fc.constantFrom('test', '', ...PROTO),
	version: fc.constant('1.0.0'),
	thresholds: fc.dictionary(fc.constantFrom('riskMax', 'bands', ...PROTO), values, { maxKeys: 3 }),
	rules: fc.array(rule, { maxLength: 3 }),
});

const ACCOUNTS: AccountIntelligence[] = [
	makeIntelligence({ accountId: 'acme', asOf: AS_OF, facts: { riskScore: 8.2, daysToRenewal: 87 } }),
	makeIntelligence({ accountId: 'globex', asOf: AS_OF, facts: { npsScore: 3 } }),
	makeIntelligence({ accountId: 'initech', asOf: AS_OF }),
];

function expectPackError(error: unknown) {
	expect(error).toBeInstanceOf(RulePackError);
	for (const problem of (error as RulePackError).problems) {
		expect(problem.ruleId ?? problem.where).toBeTruthy();
		expect(problem.message).not.toMatch(INTERNAL);
	}
	expect((error as Error).message).not.toMatch(/Maximum call stack|TypeError|\n\s+at /);
}

/** Every account is decided (an action or "no trigger") or named by a problem; nothing throws. */
async function expectEveryAccountAccounted(rules: readonly CompiledRule[], accounts: readonly AccountIntelligence[]) {
	const result = await runDecisionSweep(rules, accounts.map((intel, itemIndex) => ({ intel, itemIndex })), new RecordStoreLedger(), { asOf: AS_OF });
	const seen = new Set([...result.all.map((a) => a.itemIndex), ...result.noTrigger.map((n) => n.itemIndex), ...result.unusable.map((u) => u.itemIndex)]);
	expect([...seen].sort()).toEqual(accounts.map((_a, i) => i));
	for (const u of result.unusable) {
		expect(u.message).toMatch(new RegExp(`^account intelligence ${u.itemIndex}: account ".*": fact `));
		expect(u.message).not.toMatch(INTERNAL);
	}
	for (const { action } of result.all) expect(action.dueAt).not.toContain('Invalid');
	return result;
}

describe('decide: hostile rule packs, intelligence items and thresholds', () => {
	it('random packs: rules that run, or a RulePackError naming rule and path — never a crash', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(pack, { minLength: 1, maxLength: 2 }), async (packs) => {
				let rules: CompiledRule[];
				try {
					rules = prepareRules(packs.map((p, i) => ({ source: `pack ${i}`, pack: p })));
				} catch (error) {
					expectPackError(error);
					return;
				}
				await expectEveryAccountAccounted(rules, ACCOUNTS);
			}),
			runs('engine'),
		);
	});

	it('random intelligence items: each one decided or named (account, fact), the others still decide', async () => {
		const rules = prepareRules(shippedPackInputs());
		const factValue = fc.oneof(numbers, fc.constantFrom<unknown>(null, undefined, 'high', '', true, [], ['x'], [1], {}, 99, -1));
		const item = fc.tuple(fc.constantFrom(...ACCOUNTS), fc.dictionary(fc.constantFrom(...FACT_CATALOGUE.map((f) => f.name), ...PROTO), factValue, { maxKeys: 4 }));
		await fc.assert(
			fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 4 }), async (items) => {
				const parsed: AccountIntelligence[] = [];
				for (const [base, changes] of items) {
					const facts: Record<string, unknown> = { ...base.facts };
					for (const [name, value] of Object.entries(changes)) Object.defineProperty(facts, name, { value, enumerable: true, writable: true, configurable: true });
					// through JSON as an n8n item would come (undefined drops the fact, NaN becomes null); parse errors are the parser's (tested elsewhere)
					try {
						parsed.push(parseIntelligence(JSON.parse(JSON.stringify({ ...base, facts })), parsed.length));
					} catch (error) {
						expect((error as Error).message).toMatch(/^account intelligence \d+: /);
					}
				}
				await expectEveryAccountAccounted(rules, parsed);
			}),
			runs('engine'),
		);
	});

	it('random threshold overrides: applied, or a RulePackError naming the override — the sweep then runs', async () => {
		const packs = loadPacks(shippedPackInputs(['decision-triggers', 'event-playbooks']));
		const names = fc.constantFrom('riskScoreEscalation', 'renewalWindowDays', 'npsDetractorBelow', 'riskScoreEscalatio', ...PROTO);
		const overrideValue = fc.oneof(values, fc.constantFrom('1e999', 'NaN', ' 6.5 ', 'true', '[', '[1]'));
		await fc.assert(
			fc.asyncProperty(fc.dictionary(names, overrideValue, { maxKeys: 3 }), async (raw) => {
				const overrides = JSON.parse(JSON.stringify(raw) ?? '{}');
				let rules: CompiledRule[];
				try {
					rules = compilePacks(packs, overrides);
				} catch (error) {
					expectPackError(error);
					for (const problem of (error as RulePackError).problems) expect(problem.where).toBe('threshold overrides');
					return;
				}
				for (const r of rules) for (const l of r.leaves.values()) if (typeof l.value === 'number') expect(Number.isFinite(l.value)).toBe(true);
				await expectEveryAccountAccounted(rules, ACCOUNTS);
			}),
			runs('engine'),
		);
	});
});
