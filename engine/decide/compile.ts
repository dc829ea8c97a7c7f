/**
 * Validated packs + threshold overrides → rules ready for json-rules-engine.
 * Threshold references ({"threshold": "name"}) are replaced by their (possibly overridden) value, and every
 * comparison gets a `name` (its key) so the explanation can say which threshold, by name, it was held to.
 */
import { createHash } from 'node:crypto';
import type { RuleProperties } from 'json-rules-engine';
import { closestName, type DecisionFamily, type OwnerRole, type Priority } from '../model';
import { isLeaf, isThresholdRef, type ConditionNode, type RulePack, type ThresholdValue } from './pack';
import { RulePackError, type PackProblem } from './validate';

export interface CompiledLeaf {
	key: string;
	/** JSON path inside the rule, e.g. `conditions.all[1]`. */
	path: string;
	fact: string;
	operator: string;
	value: ThresholdValue;
	thresholdName: string | null;
}

export interface CompiledRule {
	id: string;
	name: string;
	pack: string;
	packVersion: string;
	/** Hash of the rule as evaluated (conditions with thresholds resolved, params): changes when anyone edits it. */
	versionHash: string;
	family: DecisionFamily;
	playbook: string;
	ownerRole: OwnerRole;
	sla: string;
	cooldown: string;
	priority: Priority;
	description: string;
	/** The json-rules-engine rule (name = rule id). */
	engineRule: RuleProperties;
	/** Present when the rule escalates: a second engine rule `<id>::escalation` = base AND escalation conditions. */
	escalation: { priority: Priority; description: string | null; engineRule: RuleProperties } | null;
	/** Leaves by key, for explanations. */
	leaves: ReadonlyMap<string, CompiledLeaf>;
}

export const ESCALATION_SUFFIX = '::escalation';

/** Name → value; values from n8n parameters or CLI files may be text and are coerced to the default's type. */
export type ThresholdOverrides = Record<string, unknown>;

function coerce(name: string, raw: unknown, defaultValue: ThresholdValue): { value?: ThresholdValue; problem?: string } {
	const shown = JSON.stringify(raw);
	if (typeof defaultValue === 'number') {
		const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
		return Number.isFinite(n) ? { value: n } : { problem: `override ${shown} for "${name}" must be a number (the pack's default is ${defaultValue})` };
	}
	if (typeof defaultValue === 'boolean') {
		if (typeof raw === 'boolean') return { value: raw };
		if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
		return { problem: `override ${shown} for "${name}" must be true or false` };
	}
	if (Array.isArray(defaultValue)) {
		if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) return { value: raw as string[] };
		if (typeof raw === 'string') {
			const text = raw.trim();
			if (text.startsWith('[')) {
				try {
					const parsed = JSON.parse(text);
					if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return { value: parsed };
				} catch {
					/* fall through to the problem below */
				}
			}
			return { value: text.split(',').map((v) => v.trim()).filter(Boolean) };
		}
		return { problem: `override ${shown} for "${name}" must be a list of texts, e.g. red, critical` };
	}
	if (typeof raw === 'string') return { value: raw };
	return { problem: `override ${shown} for "${name}" must be text` };
}

function hash(value: unknown): string {
	return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
}

/** Compile validated packs; an override naming no threshold of any pack is an error (with did-you-mean). */
export function compilePacks(packs: RulePack[], overrides: ThresholdOverrides = {}): CompiledRule[] {
	const problems: PackProblem[] = [];
	const known = new Set(packs.flatMap((pack) => Object.keys(pack.thresholds)));
	for (const name of Object.keys(overrides)) {
		if (!known.has(name)) {
			const near = closestName(name, known);
			problems.push({
				ruleId: null,
				where: 'threshold overrides',
				path: name,
				message: `no selected pack has a threshold "${name}"${near ? ` — did you mean "${near}"?` : ''} (thresholds: ${[...known].sort().join(', ')})`,
			});
		}
	}
	const compiled: CompiledRule[] = [];
	for (const pack of packs) {
		const thresholds: Record<string, ThresholdValue> = Object.assign(Object.create(null), pack.thresholds);
		for (const [name, raw] of Object.entries(overrides)) {
			if (!Object.prototype.hasOwnProperty.call(thresholds, name)) continue;
			const { value, problem } = coerce(name, raw, thresholds[name]);
			if (problem) problems.push({ ruleId: null, where: 'threshold overrides', path: name, message: problem });
			else thresholds[name] = value!;
		}
		for (const rule of pack.rules) {
			const leaves = new Map<string, CompiledLeaf>();
			const build = (node: ConditionNode, path: string): Record<string, unknown> => {
				if (isLeaf(node)) {
					const key = `c${leaves.size}`;
					const thresholdName = isThresholdRef(node.value) ? node.value.threshold : null;
					const value = thresholdName !== null ? thresholds[thresholdName] : (node.value as ThresholdValue);
					leaves.set(key, { key, path, fact: node.fact, operator: node.operator, value, thresholdName });
					return { fact: node.fact, operator: node.operator, value, name: key };
				}
				if ('all' in node) return { all: node.all.map((child, i) => build(child, `${path}.all[${i}]`)) };
				if ('any' in node) return { any: node.any.map((child, i) => build(child, `${path}.any[${i}]`)) };
				return { not: build(node.not, `${path}.not`) };
			};
			const conditions = build(rule.conditions, 'conditions');
			const { escalation: escalationParams, ...params } = rule.event.params;
			const engineRule = { name: rule.id, conditions, event: { type: rule.id, params: {} } } as unknown as RuleProperties;
			let escalation: CompiledRule['escalation'] = null;
			if (escalationParams) {
				const extra = build(escalationParams.conditions, 'event.params.escalation.conditions');
				escalation = {
					priority: escalationParams.priority,
					description: escalationParams.description ?? null,
					engineRule: {
						name: rule.id + ESCALATION_SUFFIX,
						conditions: { all: [conditions, extra] },
						event: { type: rule.id + ESCALATION_SUFFIX, params: {} },
					} as unknown as RuleProperties,
				};
			}
			compiled.push({
				id: rule.id,
				name: rule.name,
				pack: pack.pack,
				packVersion: pack.version,
				versionHash: hash({ version: pack.version, conditions, params, escalation: escalation?.engineRule.conditions ?? null }),
				family: params.family,
				playbook: params.playbook,
				ownerRole: params.ownerRole,
				sla: params.sla,
				cooldown: params.cooldown,
				priority: params.priority,
				description: params.description,
				engineRule,
				escalation,
				leaves,
			});
		}
	}
	if (problems.length > 0) throw new RulePackError(problems);
	return compiled;
}
