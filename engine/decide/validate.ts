/**
 * Rule-pack validation a no-code editor can live with: every problem at once, each naming the rule id and
 * the JSON path, quoting the offending value and saying how to fix it. json-rules-engine itself ignores
 * typos in keys, treats {"all": []} as true, compares "10" > "9" as false and reports unknown operators
 * only while running — so nothing reaches the engine before this passes.
 *
 * Message format (one line per problem):
 *   risk.exec_escalation conditions.all[0].fact: unknown fact "riskScor" — did you mean "riskScore"?
 */
import { closestName, DECISION_FAMILIES, FACT_CATALOGUE, OWNER_ROLES, parseIsoDuration, plural, PRIORITIES, priorityRank, type FactDefinition } from '../model';
import { SIGNAL_TYPE_IDS } from '../taxonomy';
import {
	ARRAY_FACT_OPERATORS,
	LIST_OPERATORS,
	NUMERIC_OPERATORS,
	OPERATORS,
	OPERATOR_ALIASES,
	ValidatedRulePackSchema,
	type RulePack,
	type ThresholdValue,
} from './pack';
import { conditionSizeProblem, RULE_LIMITS } from './limits';
import { PLAYBOOK_IDS } from './playbook-ids';

export interface PackProblem {
	/** The rule's id, or null for a problem outside any rule (then `where` names the pack). */
	ruleId: string | null;
	/** Pack name or source (file name, "Custom Pack JSON", …). */
	where: string;
	/** JSON path inside the rule (or the pack), e.g. `conditions.all[0].fact`. */
	path: string;
	message: string;
}

export function formatProblem(problem: PackProblem): string {
	const subject = problem.ruleId ?? `pack "${problem.where}"`;
	return problem.path ? `${subject} ${problem.path}: ${problem.message}` : `${subject}: ${problem.message}`;
}

export class RulePackError extends Error {
	constructor(readonly problems: PackProblem[]) {
		super(
			`The rule packs have ${plural(problems.length, 'problem')}; fix ${problems.length === 1 ? 'it' : 'them all'} and run again:\n` +
				problems.map(formatProblem).join('\n'),
		);
		this.name = 'RulePackError';
	}
}

export interface PackInput {
	/** Where the pack came from, for messages when it has no valid `pack` name: a file name, "Custom Pack JSON", … */
	source: string;
	pack: unknown;
}

const FACTS: ReadonlyMap<string, FactDefinition> = new Map(FACT_CATALOGUE.map((f) => [f.name, f]));
const FACT_NAMES = FACT_CATALOGUE.map((f) => f.name);
const PACK_KEYS = ['$schema', 'pack', 'version', 'description', 'thresholds', 'rules'];
const RULE_KEYS = ['id', 'name', 'description', 'conditions', 'event'];
const EVENT_KEYS = ['type', 'params'];
const PARAM_KEYS = ['family', 'playbook', 'ownerRole', 'sla', 'cooldown', 'priority', 'description', 'escalation'];
const REQUIRED_PARAMS = ['family', 'playbook', 'ownerRole', 'sla', 'cooldown', 'priority', 'description'];
const ESCALATION_KEYS = ['priority', 'conditions', 'description'];
const LEAF_KEYS = ['fact', 'operator', 'value', 'name', 'description'];
const GROUP_KEYS = ['all', 'any', 'not', 'name', 'description'];
const CONDITION_KEYS = [...new Set([...LEAF_KEYS, ...GROUP_KEYS])];
/** json-rules-engine keys that packs deliberately do not support, with the reason. */
const UNSUPPORTED_KEYS: Readonly<Record<string, string>> = {
	path: 'is not supported: facts are flat values, so there is nothing to select with a JSONPath',
	params: 'is not supported: facts are computed values and take no parameters',
	priority: 'is not supported on conditions: every condition of a rule is evaluated so the explanation is complete',
	condition: 'references to shared conditions are not supported: write the conditions inline',
};
const RULE_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const THRESHOLD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const quote = (value: Json) => JSON.stringify(value);
const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);
const suggest = (input: string, candidates: Iterable<string>) => {
	const near = closestName(input, candidates);
	return near ? ` — did you mean "${near}"?` : '';
};
const looksNumeric = (value: string) => value.trim() !== '' && Number.isFinite(Number(value.trim()));

class Collector {
	readonly problems: PackProblem[] = [];
	/** Packs that run but may not mean what they say (e.g. `not` over a fact that can be unknown). */
	readonly warnings: PackProblem[] = [];
	constructor(
		private ruleId: string | null,
		private where: string,
	) {}
	at(ruleId: string | null) {
		const child = new Collector(ruleId, this.where);
		(child as { problems: PackProblem[] }).problems = this.problems;
		(child as { warnings: PackProblem[] }).warnings = this.warnings;
		return child;
	}
	warn(path: string, message: string) {
		this.warnings.push({ ruleId: this.ruleId, where: this.where, path, message });
	}
	add(path: string, message: string) {
		this.problems.push({ ruleId: this.ruleId, where: this.where, path, message });
	}
	/** Unknown keys: one problem each, with the nearest allowed key. Returns the typo'd keys' nearest names. */
	unknownKeys(node: Record<string, Json>, allowed: string[], path: string, extraHint = ''): Set<string> {
		const repaired = new Set<string>();
		for (const key of Object.keys(node)) {
			if (allowed.includes(key)) continue;
			if (Object.prototype.hasOwnProperty.call(UNSUPPORTED_KEYS, key) && allowed === CONDITION_KEYS) {
				this.add(join(path, key), `"${key}" ${UNSUPPORTED_KEYS[key]}`);
				continue;
			}
			const near = closestName(key, allowed);
			if (near) repaired.add(near);
			this.add(join(path, key), `unknown key "${key}"${near ? ` — did you mean "${near}"?` : ` (allowed: ${allowed.join(', ')})${extraHint}`}`);
		}
		return repaired;
	}
}

/** Validate packs loaded together (rule ids must be unique across them). Returns every problem found. */
export function validatePacks(inputs: PackInput[]): PackProblem[] {
	return checkPacks(inputs).problems;
}

/** Every problem (the packs cannot run) and every warning (they run, but may not mean what they say). */
export function checkPacks(inputs: PackInput[]): { problems: PackProblem[]; warnings: PackProblem[] } {
	const problems: PackProblem[] = [];
	const warnings: PackProblem[] = [];
	const seenIds = new Map<string, string>();
	for (const input of inputs) {
		const name = isObject(input.pack) && typeof input.pack.pack === 'string' && input.pack.pack ? input.pack.pack : input.source;
		const c = new Collector(null, name);
		validatePack(input.pack, c, seenIds, name);
		problems.push(...c.problems);
		warnings.push(...c.warnings);
	}
	return { problems, warnings };
}

/** Validate, then return the typed packs; throws RulePackError listing ALL problems. */
export function loadPacks(inputs: PackInput[]): RulePack[] {
	const problems = validatePacks(inputs);
	if (problems.length > 0) throw new RulePackError(problems);
	return inputs.map((input) => ValidatedRulePackSchema.parse(input.pack) as RulePack);
}

function validatePack(pack: Json, c: Collector, seenIds: Map<string, string>, packName: string) {
	if (!isObject(pack)) {
		c.add('', `a rule pack must be a JSON object like {"pack": "risk", "version": "1.0.0", "thresholds": {...}, "rules": [...]}, got ${Array.isArray(pack) ? 'a list' : quote(pack)}`);
		return;
	}
	c.unknownKeys(pack, PACK_KEYS, '');
	if (typeof pack.pack !== 'string' || pack.pack.trim() === '') c.add('pack', 'every pack needs a "pack" name, e.g. "renewal"');
	if (typeof pack.version !== 'string' || pack.version.trim() === '') c.add('version', 'every pack needs a "version", e.g. "1.0.0"');
	if (pack.description !== undefined && typeof pack.description !== 'string') c.add('description', 'must be text');

	// null prototype: a reference to "toString" or "constructor" finds no threshold unless the pack defines one
	const thresholds: Record<string, ThresholdValue> = Object.create(null);
	if (pack.thresholds !== undefined) {
		if (!isObject(pack.thresholds)) c.add('thresholds', 'must be an object of named values, e.g. {"riskScoreEscalation": 7.0}');
		else
			for (const [name, value] of Object.entries(pack.thresholds)) {
				const path = join('thresholds', name);
				if (!THRESHOLD_NAME.test(name)) c.add(path, `threshold names are letters, digits and "_" starting with a letter, got "${name}"`);
				if (typeof value === 'number' && !Number.isFinite(value)) c.add(path, notFinite(value));
				else if (typeof value === 'number' || typeof value === 'boolean') thresholds[name] = value;
				else if (typeof value === 'string') thresholds[name] = value;
				else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) thresholds[name] = value as string[];
				else c.add(path, `a threshold is a number, text, true/false or a list of texts, got ${quote(value)}`);
			}
	}

	if (!Array.isArray(pack.rules)) {
		c.add('rules', 'every pack needs a "rules" list');
		return;
	}
	if (pack.rules.length === 0) c.add('rules', 'the pack has no rules');
	pack.rules.forEach((rule, index) => validateRule(rule, index, c, thresholds, seenIds, packName));
}

function validateRule(
	rule: Json,
	index: number,
	packCollector: Collector,
	thresholds: Record<string, ThresholdValue>,
	seenIds: Map<string, string>,
	packName: string,
) {
	const location = `rules[${index}]`;
	if (!isObject(rule)) {
		packCollector.add(location, `a rule must be an object with id, name, conditions and event, got ${quote(rule)}`);
		return;
	}
	const id = typeof rule.id === 'string' && rule.id.trim() !== '' ? rule.id : null;
	const c = packCollector.at(id ?? `${packName} ${location}`);
	if (id === null) c.add('id', 'every rule needs an "id", e.g. "renewal.critical_t60"');
	else {
		if (!RULE_ID.test(id)) c.add('id', `rule ids look like "family.name" in lower case with "_", e.g. "risk.exec_escalation", got "${id}"`);
		const earlier = seenIds.get(id);
		if (earlier) c.add('id', `duplicate rule id (also used by ${earlier})`);
		else seenIds.set(id, `pack "${packName}" ${location}`);
	}
	if ('priority' in rule)
		c.add('priority', 'rule-level priority is not supported (json-rules-engine priorities let concurrent runs skip rules): put "P1"…"P4" in event.params.priority');
	c.unknownKeys(
		Object.fromEntries(Object.entries(rule).filter(([key]) => key !== 'priority')),
		RULE_KEYS,
		'',
	);
	if (typeof rule.name !== 'string' || rule.name.trim() === '') c.add('name', 'every rule needs a human "name", e.g. "Executive escalation before renewal"');
	if (rule.conditions === undefined) c.add('conditions', 'every rule needs "conditions", e.g. {"all": [{"fact": "riskScore", "operator": "greaterThan", "value": 7}]}');
	else validateRoot(rule.conditions, 'conditions', c, thresholds);

	const event = rule.event;
	if (!isObject(event)) {
		c.add('event', 'every rule needs an "event" with "params" (family, playbook, ownerRole, sla, cooldown, priority, description)');
		return;
	}
	c.unknownKeys(event, EVENT_KEYS, 'event');
	if (event.type !== undefined && event.type !== id) c.add('event.type', `must be the rule id ${quote(id)} (or left out), got ${quote(event.type)}`);
	const params = event.params;
	if (!isObject(params)) {
		c.add('event.params', 'needs family, playbook, ownerRole, sla, cooldown, priority and description');
		return;
	}
	const repaired = c.unknownKeys(params, PARAM_KEYS, 'event.params');
	for (const key of REQUIRED_PARAMS) if (params[key] === undefined && !repaired.has(key)) c.add(join('event.params', key), `is missing (${PARAM_HINT[key]})`);
	checkEnum(params.family, DECISION_FAMILIES, 'event.params.family', 'family', c);
	checkEnum(params.playbook, PLAYBOOK_IDS, 'event.params.playbook', 'playbook', c);
	checkEnum(params.ownerRole, OWNER_ROLES, 'event.params.ownerRole', 'owner role', c);
	checkEnum(params.priority, PRIORITIES, 'event.params.priority', 'priority', c);
	checkDuration(params.sla, 'event.params.sla', c);
	checkDuration(params.cooldown, 'event.params.cooldown', c);
	if (params.description !== undefined && (typeof params.description !== 'string' || params.description.trim() === ''))
		c.add('event.params.description', 'must be a one-line description of why this trigger matters');
	if (params.escalation !== undefined) {
		const escalation = params.escalation;
		if (!isObject(escalation)) c.add('event.params.escalation', 'must be {"priority": "P1", "conditions": {...}}');
		else {
			const fixed = c.unknownKeys(escalation, ESCALATION_KEYS, 'event.params.escalation');
			if (escalation.priority === undefined && !fixed.has('priority')) c.add('event.params.escalation.priority', 'is missing ("P1"…"P4")');
			else checkEnum(escalation.priority, PRIORITIES, 'event.params.escalation.priority', 'priority', c);
			if (
				typeof escalation.priority === 'string' &&
				typeof params.priority === 'string' &&
				priorityRank(escalation.priority) <= priorityRank(params.priority)
			)
				c.add('event.params.escalation.priority', `must be more urgent than the rule's priority ${params.priority}, got ${escalation.priority}`);
			if (escalation.conditions === undefined && !fixed.has('conditions')) c.add('event.params.escalation.conditions', 'is missing');
			else if (escalation.conditions !== undefined) validateRoot(escalation.conditions, 'event.params.escalation.conditions', c, thresholds);
		}
	}
}

const PARAM_HINT: Record<string, string> = {
	family: `one of ${DECISION_FAMILIES.join(', ')}`,
	playbook: 'a playbook id, e.g. "executive_escalation"',
	ownerRole: `one of ${OWNER_ROLES.join(', ')}`,
	sla: 'an ISO-8601 duration such as "PT24H" or "P7D"',
	cooldown: 'an ISO-8601 duration such as "P7D"',
	priority: 'one of P1, P2, P3, P4',
	description: 'one line on why this trigger matters',
};

function checkEnum(value: Json, allowed: readonly string[], path: string, what: string, c: Collector) {
	if (value === undefined) return;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		const hint = typeof value === 'string' ? suggest(value, allowed) : '';
		c.add(path, `unknown ${what} ${quote(value)}${hint || ` (one of: ${allowed.join(', ')})`}`);
	}
}

const MAX_DURATION = parseIsoDuration(RULE_LIMITS.maxDuration)!;

function checkDuration(value: Json, path: string, c: Collector) {
	if (value === undefined) return;
	const duration = parseIsoDuration(value);
	if (duration === null) c.add(path, `${quote(value)} is not an ISO-8601 duration: write e.g. "PT2H" (2 hours), "PT24H", "P2D" or "P1W"`);
	else if (duration.toMillis() > MAX_DURATION.toMillis())
		c.add(path, `${quote(value)} is longer than the limit of ${RULE_LIMITS.maxDuration} (one year): write a shorter duration such as "P30D"`);
}

function validateRoot(node: Json, path: string, c: Collector, thresholds: Record<string, ThresholdValue>) {
	// first, without recursion: a tree too deep or too big is one problem, not thousands (nor a stack overflow)
	const tooBig = conditionSizeProblem(node);
	if (tooBig) {
		c.add(path, tooBig);
		return;
	}
	if (isObject(node) && !('all' in node) && !('any' in node) && !('not' in node) && 'fact' in node) {
		c.add(path, 'conditions must start with a group: wrap the comparison as {"all": [ ... ]}');
	}
	validateCondition(node, path, c, thresholds, false);
}

function validateCondition(node: Json, path: string, c: Collector, thresholds: Record<string, ThresholdValue>, negated: boolean) {
	if (!isObject(node)) {
		c.add(path, `a condition is an object: a group {"all": [...]}, {"any": [...]}, {"not": {...}} or a comparison {"fact", "operator", "value"}; got ${quote(node)}`);
		return;
	}
	const groupKeys = ['all', 'any', 'not'].filter((key) => key in node);
	const isLeaf = 'fact' in node || 'operator' in node || 'value' in node;
	if (groupKeys.length > 1) c.add(path, `a group has exactly one of "all", "any" or "not", found ${groupKeys.map((k) => `"${k}"`).join(' and ')}`);
	if (groupKeys.length > 0 && isLeaf) c.add(path, 'a condition is either a group (all/any/not) or a comparison (fact/operator/value), not both');
	if (groupKeys.length > 0) {
		c.unknownKeys(node, GROUP_KEYS, path);
		for (const key of groupKeys) {
			const child = node[key];
			const childPath = join(path, key);
			if (key === 'not') {
				if (Array.isArray(child)) c.add(childPath, '"not" takes one condition, not a list');
				else validateCondition(child, childPath, c, thresholds, !negated);
				continue;
			}
			if (!Array.isArray(child)) {
				c.add(childPath, `"${key}" must be a list of conditions`);
				continue;
			}
			if (child.length === 0) {
				c.add(childPath, `an empty "${key}" group is always true in json-rules-engine: add at least one condition or remove the group`);
				continue;
			}
			child.forEach((item, index) => validateCondition(item, join(childPath, index), c, thresholds, negated));
		}
		return;
	}
	if ('condition' in node) {
		c.add(join(path, 'condition'), `"condition" ${UNSUPPORTED_KEYS.condition}`);
		return;
	}
	const repaired = c.unknownKeys(node, CONDITION_KEYS, path);
	for (const key of ['fact', 'operator', 'value'])
		if (!(key in node) && !repaired.has(key)) c.add(join(path, key), `is missing: a comparison needs "fact", "operator" and "value"`);

	let fact: FactDefinition | undefined;
	if ('fact' in node) {
		if (typeof node.fact !== 'string') c.add(join(path, 'fact'), `must be a fact name (text), got ${quote(node.fact)}`);
		else {
			fact = FACTS.get(node.fact);
			if (fact?.nullable && negated)
				c.warn(
					join(path, 'fact'),
					`"not" over "${fact.name}", which is unknown (null) when its data is missing: a comparison with an unknown fact is false, so the "not" is true and the rule fires for accounts without the data. Compare the other way round instead of negating (e.g. "greaterThanInclusive" instead of "not" + "lessThan") if it should fire only on known values`,
				);
			if (!fact) c.add(join(path, 'fact'), `unknown fact "${node.fact}"${suggest(node.fact, FACT_NAMES) || ' (run "cs-signal-os rules facts" for the list)'}`);
		}
	}
	let operator: string | undefined;
	if ('operator' in node) {
		const raw = node.operator;
		if (typeof raw !== 'string') c.add(join(path, 'operator'), `must be an operator name, got ${quote(raw)}`);
		else if ((OPERATORS as readonly string[]).includes(raw)) operator = raw;
		else {
			const aliasOf = (name: string) => (Object.prototype.hasOwnProperty.call(OPERATOR_ALIASES, name) ? OPERATOR_ALIASES[name] : undefined);
			const alias = aliasOf(raw.trim()) ?? aliasOf(raw.trim().toLowerCase());
			const near = alias ?? closestName(raw, OPERATORS);
			c.add(
				join(path, 'operator'),
				`unknown operator "${raw}"${near ? ` — did you mean "${near}"?` : ''}${raw.includes(':') ? ' (operator decorators are not supported)' : ''} (operators: ${OPERATORS.join(', ')})`,
			);
		}
	}
	if ('value' in node) {
		let value = node.value;
		let valuePath = join(path, 'value');
		if (isObject(value)) {
			if ('fact' in value) {
				c.add(valuePath, 'comparing with another fact is not supported: use a number, text, list or {"threshold": "name"}');
				return;
			}
			const keys = Object.keys(value);
			if (!('threshold' in value) || keys.length !== 1) {
				c.add(valuePath, `a value object must be a threshold reference like {"threshold": "riskScoreEscalation"}, got ${quote(value)}`);
				return;
			}
			const name = value.threshold;
			if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(thresholds, name)) {
				const known = Object.keys(thresholds);
				c.add(
					join(valuePath, 'threshold'),
					`unknown threshold ${quote(name)}${typeof name === 'string' ? suggest(name, known) : ''}${known.length ? ` (this pack's thresholds: ${known.join(', ')})` : ' (this pack defines no "thresholds")'}`,
				);
				return;
			}
			value = thresholds[name];
			valuePath = `thresholds.${name} (used at ${valuePath})`;
		}
		if (fact && operator) checkValue(fact, operator, value, valuePath, c);
	}
}

function checkValue(fact: FactDefinition, operator: string, value: Json, path: string, c: Collector) {
	const numberAsString = (v: Json) => typeof v === 'string' && looksNumeric(v);
	if (NUMERIC_OPERATORS.has(operator)) {
		if (fact.type !== 'number') {
			c.add(path, `"${operator}" compares numbers but "${fact.name}" is ${article(fact.type)}; use "equal", "in" or "contains"`);
			return;
		}
		if (numberAsString(value))
			c.add(path, `${quote(value)} is a number written as a string: write ${String(value).trim()} without quotes (json-rules-engine compares "10" > "9" as text, which is false)`);
		else if (typeof value !== 'number') c.add(path, `"${operator}" needs a number, got ${quote(value)}`);
		else if (!Number.isFinite(value)) c.add(path, notFinite(value));
		return;
	}
	if (LIST_OPERATORS.has(operator)) {
		if (!Array.isArray(value)) {
			c.add(path, `"${operator}" needs a list, e.g. [${quote(exampleValue(fact))}]; got ${quote(value)}${typeof value === 'string' ? ' (json-rules-engine would silently do a substring match on text)' : ''}`);
			return;
		}
		if (value.length === 0) c.add(path, `"${operator}" with an empty list is always ${operator === 'in' ? 'false' : 'true'}: list at least one value`);
		value.forEach((item, index) => checkScalar(fact, item, `${path}[${index}]`, c));
		return;
	}
	if (ARRAY_FACT_OPERATORS.has(operator)) {
		if (fact.type !== 'string[]') {
			c.add(path, `"${operator}" looks inside a list but "${fact.name}" is ${article(fact.type)}; use "equal" or "in"`);
			return;
		}
		if (typeof value !== 'string') c.add(path, `"${operator}" needs one text value, e.g. "usage.wau_drop"; got ${quote(value)}`);
		else if (fact.name === 'activeSignalTypes' && !SIGNAL_TYPE_IDS.includes(value))
			c.add(path, `unknown signal type "${value}"${suggest(value, SIGNAL_TYPE_IDS) || ' (run "cs-signal-os taxonomy" for the list)'}`);
		return;
	}
	// equal / notEqual
	if (fact.type === 'string[]') {
		c.add(path, `"${fact.name}" is a list: use "contains" or "doesNotContain" instead of "${operator}"`);
		return;
	}
	checkScalar(fact, value, path, c);
}

function checkScalar(fact: FactDefinition, value: Json, path: string, c: Collector) {
	if (fact.type === 'number') {
		if (typeof value === 'string' && looksNumeric(value))
			c.add(path, `${quote(value)} is a number written as a string: write ${value.trim()} without quotes ("equal" is strict: 7 is not "7")`);
		else if (typeof value !== 'number') c.add(path, `"${fact.name}" is a number; ${quote(value)} will never match it`);
		else if (!Number.isFinite(value)) c.add(path, notFinite(value));
	} else if (fact.type === 'boolean') {
		if (value === 'true' || value === 'false') c.add(path, `${quote(value)} is text: write ${value} without quotes ("${fact.name}" is true/false)`);
		else if (typeof value !== 'boolean') c.add(path, `"${fact.name}" is true/false; ${quote(value)} will never match it`);
	} else if (fact.type === 'string' && typeof value !== 'string') {
		c.add(path, `"${fact.name}" is text; ${quote(value)} will never match it (write it in quotes)`);
	}
}

/** 1e999 reads as Infinity in JSON; NaN never compares. Neither is a threshold anyone meant. */
function notFinite(value: number): string {
	return `${Number.isNaN(value) ? 'NaN' : `${value} (a number like 1e999 is too large to hold)`} is not a finite number: write the threshold as an ordinary number such as 7 or 0.5`;
}

function article(type: string) {
	return type === 'string[]' ? 'a list' : type === 'boolean' ? 'true/false' : type === 'string' ? 'text' : 'a number';
}

function exampleValue(fact: FactDefinition): Json {
	return fact.type === 'number' ? 1 : fact.type === 'boolean' ? true : fact.name === 'healthBand' ? 'red' : 'value';
}
