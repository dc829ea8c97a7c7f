/**
 * The JSON Schema (draft-07) of the rule-pack format, for editor autocompletion (`"$schema": "./pack.schema.json"`).
 * Built from the same lists the validator uses (FACT_CATALOGUE, operators, families, owner roles, playbooks),
 * so rules/pack.schema.json can be checked against it: a test fails when they drift.
 * Regenerate: `UPDATE_PACK_SCHEMA=1 npx jest test/unit/rules-schema.test.ts`.
 */
import { DECISION_FAMILIES, FACT_CATALOGUE, OWNER_ROLES, PRIORITIES } from '../model';
import { OPERATORS } from './pack';
import { PLAYBOOK_IDS } from './playbook-ids';

export function buildPackJsonSchema(): Record<string, unknown> {
	const duration = {
		type: 'string',
		pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$',
		description: 'ISO-8601 duration, e.g. "PT2H", "PT24H", "P7D", "P1W".',
	};
	const thresholdValue = {
		oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
	};
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		$id: 'https://cs-signal-os.dev/schemas/rule-pack.json',
		title: 'CS Signal OS rule pack',
		description: 'json-rules-engine rules wrapped in a pack with named, editable thresholds. Validate with `cs-signal-os rules check <file>`.',
		type: 'object',
		additionalProperties: false,
		required: ['pack', 'version', 'rules'],
		properties: {
			$schema: { type: 'string' },
			pack: { type: 'string', minLength: 1, description: 'Pack name, e.g. "renewal".' },
			version: { type: 'string', minLength: 1, description: 'Pack version, e.g. "1.0.0".' },
			description: { type: 'string' },
			thresholds: {
				type: 'object',
				description: 'The one place to edit numbers. Reference one from a condition as {"threshold": "name"}.',
				propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
				additionalProperties: { $ref: '#/definitions/thresholdValue' },
			},
			rules: { type: 'array', minItems: 1, items: { $ref: '#/definitions/rule' } },
		},
		definitions: {
			thresholdValue,
			fact: {
				type: 'string',
				enum: FACT_CATALOGUE.map((f) => f.name),
				description: 'A fact of AccountIntelligence.facts (engine/model/facts.ts).',
			},
			operator: { type: 'string', enum: [...OPERATORS] },
			rule: {
				type: 'object',
				additionalProperties: false,
				required: ['id', 'name', 'conditions', 'event'],
				properties: {
					id: { type: 'string', pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$', description: 'Unique rule id, "family.name".' },
					name: { type: 'string', minLength: 1 },
					description: { type: 'string' },
					conditions: { $ref: '#/definitions/group' },
					event: {
						type: 'object',
						additionalProperties: false,
						required: ['params'],
						properties: { type: { type: 'string', description: 'The rule id (optional).' }, params: { $ref: '#/definitions/params' } },
					},
				},
			},
			params: {
				type: 'object',
				additionalProperties: false,
				required: ['family', 'playbook', 'ownerRole', 'sla', 'cooldown', 'priority', 'description'],
				properties: {
					family: { type: 'string', enum: [...DECISION_FAMILIES] },
					playbook: { type: 'string', enum: [...PLAYBOOK_IDS] },
					ownerRole: { type: 'string', enum: [...OWNER_ROLES] },
					sla: duration,
					cooldown: duration,
					priority: { type: 'string', enum: [...PRIORITIES] },
					description: { type: 'string', minLength: 1 },
					escalation: {
						type: 'object',
						additionalProperties: false,
						required: ['priority', 'conditions'],
						properties: {
							priority: { type: 'string', enum: [...PRIORITIES] },
							conditions: { $ref: '#/definitions/group' },
							description: { type: 'string' },
						},
					},
				},
			},
			group: {
				oneOf: [
					{ type: 'object', additionalProperties: false, required: ['all'], properties: { all: { $ref: '#/definitions/conditionList' }, name: { type: 'string' }, description: { type: 'string' } } },
					{ type: 'object', additionalProperties: false, required: ['any'], properties: { any: { $ref: '#/definitions/conditionList' }, name: { type: 'string' }, description: { type: 'string' } } },
					{ type: 'object', additionalProperties: false, required: ['not'], properties: { not: { $ref: '#/definitions/condition' }, name: { type: 'string' }, description: { type: 'string' } } },
				],
			},
			conditionList: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } },
			condition: { oneOf: [{ $ref: '#/definitions/group' }, { $ref: '#/definitions/comparison' }] },
			comparison: {
				type: 'object',
				additionalProperties: false,
				required: ['fact', 'operator', 'value'],
				properties: {
					fact: { $ref: '#/definitions/fact' },
					operator: { $ref: '#/definitions/operator' },
					value: {
						oneOf: [
							{ $ref: '#/definitions/thresholdValue' },
							{ type: 'object', additionalProperties: false, required: ['threshold'], properties: { threshold: { type: 'string' } } },
						],
					},
					name: { type: 'string' },
					description: { type: 'string' },
				},
			},
		},
	};
}
