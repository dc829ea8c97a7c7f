import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePacks } from '../../engine/decide/compile';
import { shippedPackInputs } from '../../engine/decide/shipped';
import { formatProblem, loadPacks, RulePackError, validatePacks } from '../../engine/decide/validate';
import { BROKEN_PACK_PROBLEMS } from '../fixtures/decide/broken-pack';

const BROKEN = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'decide', 'broken-pack.json'), 'utf8'));


/** A valid one-rule pack to break one thing at a time. */
function pack(rule: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
	return {
		pack: 'test',
		version: '1.0.0',
		thresholds: { riskScoreEscalation: 7, bands: ['red'] },
		rules: [
			{
				id: 'risk.test',
				name: 'Test rule',
				conditions: { all: [{ fact: 'riskScore', operator: 'greaterThan', value: { threshold: 'riskScoreEscalation' } }] },
				event: {
					type: 'risk.test',
					params: { family: 'risk', playbook: 'executive_escalation', ownerRole: 'csLeader', sla: 'PT24H', cooldown: 'P7D', priority: 'P1', description: 'Test.' },
				},
				...rule,
			},
		],
		...extra,
	};
}
const problems = (p: unknown) => validatePacks([{ source: 'test.json', pack: p }]).map(formatProblem);
const withCondition = (condition: unknown) => pack({ conditions: { all: [condition] } });
const withParams = (params: Record<string, unknown>) =>
	pack({
		event: {
			params: { family: 'risk', playbook: 'executive_escalation', ownerRole: 'csLeader', sla: 'PT24H', cooldown: 'P7D', priority: 'P1', description: 'Test.', ...params },
		},
	});

describe('rule pack validation', () => {
	it('reports all five problems of the broken pack in one message', () => {
		expect(problems(BROKEN)).toEqual(BROKEN_PACK_PROBLEMS);
		expect(() => loadPacks([{ source: 'broken-pack.json', pack: BROKEN }])).toThrow(RulePackError);
		try {
			loadPacks([{ source: 'broken-pack.json', pack: BROKEN }]);
		} catch (error) {
			expect((error as Error).message).toBe(
				`The rule packs have 5 problems; fix them all and run again:\n${BROKEN_PACK_PROBLEMS.join('\n')}`,
			);
		}
	});

	it('accepts a valid pack', () => {
		expect(problems(pack())).toEqual([]);
	});

	it('needs a list for "in" (a text value would be a substring match)', () => {
		expect(problems(withCondition({ fact: 'healthBand', operator: 'in', value: 'red' }))).toEqual([
			'risk.test conditions.all[0].value: "in" needs a list, e.g. ["red"]; got "red" (json-rules-engine would silently do a substring match on text)',
		]);
	});

	it('flags duplicate rule ids across packs', () => {
		const found = validatePacks([
			{ source: 'a.json', pack: pack() },
			{ source: 'b.json', pack: { ...pack(), pack: 'other' } },
		]).map(formatProblem);
		expect(found).toEqual(['risk.test id: duplicate rule id (also used by pack "test" rules[0])']);
	});

	it('flags a missing or unknown playbook, family and owner role', () => {
		expect(problems(withParams({ playbook: 'exec_escalation', family: 'risks', ownerRole: 'manager' }))).toEqual([
			'risk.test event.params.family: unknown family "risks" — did you mean "risk"?',
			'risk.test event.params.playbook: unknown playbook "exec_escalation" — did you mean "executive_escalation"?',
			'risk.test event.params.ownerRole: unknown owner role "manager" — did you mean "csManager"?',
		]);
		expect(problems(withParams({ playbook: undefined }))).toEqual(['risk.test event.params.playbook: is missing (a playbook id, e.g. "executive_escalation")']);
	});

	it('needs an ISO-8601 duration for SLA and cooldown', () => {
		expect(problems(withParams({ sla: '24h', cooldown: 'P7D' }))).toEqual([
			'risk.test event.params.sla: "24h" is not an ISO-8601 duration: write e.g. "PT2H" (2 hours), "PT24H", "P2D" or "P1W"',
		]);
	});

	it('flags an unknown threshold reference with a suggestion', () => {
		expect(problems(withCondition({ fact: 'riskScore', operator: 'greaterThan', value: { threshold: 'riskScoreEscalaton' } }))).toEqual([
			'risk.test conditions.all[0].value.threshold: unknown threshold "riskScoreEscalaton" — did you mean "riskScoreEscalation"? (this pack\'s thresholds: riskScoreEscalation, bands)',
		]);
	});

	it('checks threshold values against the fact they are compared with', () => {
		const p = pack({ conditions: { all: [{ fact: 'riskScore', operator: 'greaterThan', value: { threshold: 'limit' } }] } }, { thresholds: { limit: '7.5' } });
		expect(problems(p)).toEqual([
			'risk.test thresholds.limit (used at conditions.all[0].value): "7.5" is a number written as a string: write 7.5 without quotes (json-rules-engine compares "10" > "9" as text, which is false)',
		]);
	});

	it('flags an empty "all" at the top and a bare comparison at the top', () => {
		expect(problems(pack({ conditions: { all: [] } }))).toEqual([
			'risk.test conditions.all: an empty "all" group is always true in json-rules-engine: add at least one condition or remove the group',
		]);
		expect(problems(pack({ conditions: { fact: 'riskScore', operator: 'greaterThan', value: 7 } }))).toEqual([
			'risk.test conditions: conditions must start with a group: wrap the comparison as {"all": [ ... ]}',
		]);
	});

	it('flags unknown signal types in "contains", booleans written as text and rule-level priority', () => {
		expect(problems(withCondition({ fact: 'activeSignalTypes', operator: 'contains', value: 'usage.wau_dorp' }))).toEqual([
			'risk.test conditions.all[0].value: unknown signal type "usage.wau_dorp" — did you mean "usage.wau_drop"?',
		]);
		expect(problems(withCondition({ fact: 'cancelSignal', operator: 'equal', value: 'true' }))).toEqual([
			'risk.test conditions.all[0].value: "true" is text: write true without quotes ("cancelSignal" is true/false)',
		]);
		expect(problems(pack({ priority: 10 }))).toEqual([
			'risk.test priority: rule-level priority is not supported (json-rules-engine priorities let concurrent runs skip rules): put "P1"…"P4" in event.params.priority',
		]);
	});
});

describe('threshold overrides', () => {
	it('change the compiled value and keep the threshold name', () => {
		const [rule] = compilePacks(loadPacks([{ source: 't', pack: pack() }]), { riskScoreEscalation: '6.5' });
		const leaf = [...rule.leaves.values()][0];
		expect(leaf).toMatchObject({ fact: 'riskScore', value: 6.5, thresholdName: 'riskScoreEscalation' });
	});

	it('name the unknown threshold and a value of the wrong type, all at once', () => {
		const packs = loadPacks(shippedPackInputs(['decision-triggers']));
		expect(() => compilePacks(packs, { riskScoreEscalaton: 6, renewalWindowDays: 'soon' })).toThrow(
			/pack "threshold overrides" riskScoreEscalaton: no selected pack has a threshold "riskScoreEscalaton" — did you mean "riskScoreEscalation"\?[^\n]*\npack "threshold overrides" renewalWindowDays: override "soon" for "renewalWindowDays" must be a number \(the pack's default is 120\)/,
		);
	});
});
