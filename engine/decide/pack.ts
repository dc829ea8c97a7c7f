/**
 * The rule-pack format: json-rules-engine rule JSON wrapped in a pack with named, editable thresholds.
 *
 *   { "pack": "renewal", "version": "1.0.0",
 *     "thresholds": { "redHealthMax": 40, ... },            ← the ONE place to edit numbers
 *     "rules": [ { "id": "renewal.critical_t60", "name": "...",
 *                  "conditions": { "all": [ { "fact": "healthScore", "operator": "lessThan", "value": { "threshold": "redHealthMax" } } ] },
 *                  "event": { "type": "renewal.critical_t60", "params": { family, playbook, ownerRole, sla, cooldown, priority, description } } } ] }
 *
 * Packs are checked by validate.ts (every problem at once) before anything runs; the zod schema below is the
 * typed boundary used after validation passed.
 */
import { z } from 'zod';
import { DECISION_FAMILIES, OWNER_ROLES, PRIORITIES } from '../model';
import { PLAYBOOK_IDS } from './playbook-ids';

/** The json-rules-engine operators a pack may use (no decorators, no custom operators). */
export const OPERATORS = [
	'equal',
	'notEqual',
	'lessThan',
	'lessThanInclusive',
	'greaterThan',
	'greaterThanInclusive',
	'in',
	'notIn',
	'contains',
	'doesNotContain',
] as const;
export type OperatorName = (typeof OPERATORS)[number];
export const NUMERIC_OPERATORS: ReadonlySet<string> = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
export const LIST_OPERATORS: ReadonlySet<string> = new Set(['in', 'notIn']);
export const ARRAY_FACT_OPERATORS: ReadonlySet<string> = new Set(['contains', 'doesNotContain']);

/** What people type instead of an operator name. */
export const OPERATOR_ALIASES: Readonly<Record<string, OperatorName>> = {
	'>': 'greaterThan',
	'>=': 'greaterThanInclusive',
	'=>': 'greaterThanInclusive',
	'<': 'lessThan',
	'<=': 'lessThanInclusive',
	'=<': 'lessThanInclusive',
	'=': 'equal',
	'==': 'equal',
	'===': 'equal',
	'!=': 'notEqual',
	'!==': 'notEqual',
	'<>': 'notEqual',
	eq: 'equal',
	ne: 'notEqual',
	gt: 'greaterThan',
	gte: 'greaterThanInclusive',
	lt: 'lessThan',
	lte: 'lessThanInclusive',
	includes: 'contains',
};

export type ThresholdValue = number | string | boolean | string[];
export const ThresholdValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);
export const ThresholdRefSchema = z.object({ threshold: z.string() }).strict();
export type ThresholdRef = z.infer<typeof ThresholdRefSchema>;

export interface LeafCondition {
	fact: string;
	operator: OperatorName;
	value: ThresholdValue | ThresholdRef;
	name?: string;
	description?: string;
}
export type GroupCondition =
	| { all: ConditionNode[]; name?: string; description?: string }
	| { any: ConditionNode[]; name?: string; description?: string }
	| { not: ConditionNode; name?: string; description?: string };
export type ConditionNode = LeafCondition | GroupCondition;

const LeafSchema = z
	.object({
		fact: z.string(),
		operator: z.enum(OPERATORS),
		value: z.union([ThresholdRefSchema, ThresholdValueSchema]),
		name: z.string().optional(),
		description: z.string().optional(),
	})
	.strict();
// Built once: zod's lazy getter runs on every parse of every node, so it returns this union instead of building
// four object schemas each time (10,000 rules took seconds to parse).
let conditionUnion: z.ZodType<ConditionNode> | undefined;
export const ConditionSchema: z.ZodType<ConditionNode> = z.lazy(
	() =>
		(conditionUnion ??= z.union([
			LeafSchema,
			z.object({ all: z.array(ConditionSchema).min(1), name: z.string().optional(), description: z.string().optional() }).strict(),
			z.object({ any: z.array(ConditionSchema).min(1), name: z.string().optional(), description: z.string().optional() }).strict(),
			z.object({ not: ConditionSchema, name: z.string().optional(), description: z.string().optional() }).strict(),
		])),
);

export const RuleParamsSchema = z
	.object({
		family: z.enum(DECISION_FAMILIES),
		playbook: z.enum(PLAYBOOK_IDS),
		ownerRole: z.enum(OWNER_ROLES),
		/** ISO-8601 duration from firing to due, e.g. "PT24H". */
		sla: z.string(),
		/** ISO-8601 duration before a still-true condition alerts again, e.g. "P7D". */
		cooldown: z.string(),
		priority: z.enum(PRIORITIES),
		description: z.string(),
		/** Raise the decision's priority while these extra conditions also hold (the ledger re-alerts on escalation). */
		escalation: z
			.object({ priority: z.enum(PRIORITIES), conditions: ConditionSchema, description: z.string().optional() })
			.strict()
			.optional(),
	})
	.strict();
export type RuleParams = z.infer<typeof RuleParamsSchema>;

export const PackRuleSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		description: z.string().optional(),
		conditions: ConditionSchema,
		event: z.object({ type: z.string().optional(), params: RuleParamsSchema }).strict(),
	})
	.strict();
export type PackRule = z.infer<typeof PackRuleSchema>;

export const RulePackSchema = z
	.object({
		$schema: z.string().optional(),
		pack: z.string(),
		version: z.string(),
		description: z.string().optional(),
		thresholds: z.record(z.string(), ThresholdValueSchema).default({}),
		rules: z.array(PackRuleSchema),
	})
	.strict();
export type RulePack = z.infer<typeof RulePackSchema>;

/**
 * The typed boundary loadPacks parses with AFTER validate.ts passed: the same envelope, params and strictness,
 * but the condition trees are taken as validated (validate.ts checks every node, iteratively for depth and
 * size) instead of being parsed again through the recursive union — which took 2–3 s for 10,000 rules.
 */
const ValidatedConditionSchema = z.custom<ConditionNode>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'conditions must be validated first');
export const ValidatedRulePackSchema = RulePackSchema.extend({
	rules: z.array(PackRuleSchema.extend({ conditions: ValidatedConditionSchema }).strict()),
}).strict();

export function isThresholdRef(value: unknown): value is ThresholdRef {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && 'threshold' in value;
}

export function isLeaf(node: ConditionNode): node is LeafCondition {
	return 'fact' in node;
}
