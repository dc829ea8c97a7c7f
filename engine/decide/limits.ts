/**
 * The one home of the rule packs' size limits, read by validation (`rules check`, the node, `decide`) and by
 * the evaluator alike, so a pack that validates is a pack that evaluates. The depth check walks the tree
 * iteratively: a tree thousands deep gets the clear message, never a "Maximum call stack size exceeded".
 */
import { groupThousands } from '../model';

const count = (n: number) => groupThousands(String(n));

export const RULE_LIMITS = Object.freeze({
	/** Levels of all/any/not a rule's conditions may nest (the shipped packs use 3). */
	maxConditionDepth: 64,
	/** Comparisons in one rule's conditions (its escalation counted separately). */
	maxConditionsPerRule: 1000,
	/** Near misses shown per account (the closest first); the rest are counted in a summary. */
	maxNearMisses: 5,
	/** The longest SLA or cooldown a rule may name. */
	maxDuration: 'P1Y',
});

/** What `measureConditions` found: the depth and where it first went over the limit. */
export interface ConditionMeasure {
	depth: number;
	comparisons: number;
	/** Path (below the root) of the first node nested deeper than the limit, e.g. `all[0].any[0].not`. */
	tooDeepAt: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Depth (levels of groups) and number of comparisons of a condition tree, walked without recursion. */
export function measureConditions(root: unknown, limit: number = RULE_LIMITS.maxConditionDepth): ConditionMeasure {
	let depth = 0;
	let comparisons = 0;
	let tooDeepAt: string | null = null;
	const stack: Array<{ node: unknown; level: number; path: string }> = [{ node: root, level: 0, path: '' }];
	while (stack.length > 0) {
		const { node, level, path } = stack.pop()!;
		if (!isObject(node)) continue;
		const groups = (['all', 'any', 'not'] as const).filter((key) => Object.prototype.hasOwnProperty.call(node, key));
		if (groups.length === 0) {
			if ('fact' in node || 'operator' in node || 'value' in node) comparisons++;
			continue;
		}
		const here = level + 1;
		if (here > depth) depth = here;
		if (here > limit && tooDeepAt === null) tooDeepAt = path;
		for (const key of groups) {
			const child = node[key];
			const at = path ? `${path}.${key}` : key;
			if (Array.isArray(child)) for (let i = child.length - 1; i >= 0; i--) stack.push({ node: child[i], level: here, path: `${at}[${i}]` });
			else stack.push({ node: child, level: here, path: at });
		}
	}
	return { depth, comparisons, tooDeepAt };
}

/** "all[0].any[0].all[0]…": the first steps of a long path, enough to find it. */
function shortPath(path: string, steps = 3): string {
	const parts = path.match(/[a-z]+(\[\d+\])?/g) ?? [];
	return parts.length <= steps ? parts.join('.') : `${parts.slice(0, steps).join('.')}…`;
}

/**
 * The problem with a condition tree's size, or null when it is within the limits:
 * "nested 1,001 deep (limit 64) at all[0].any[0].all[0]… — flatten the tree".
 */
export function conditionSizeProblem(root: unknown): string | null {
	const measure = measureConditions(root);
	if (measure.depth > RULE_LIMITS.maxConditionDepth) {
		const where = measure.tooDeepAt ? ` at ${shortPath(measure.tooDeepAt)}` : '';
		return `nested ${count(measure.depth)} deep (limit ${RULE_LIMITS.maxConditionDepth})${where} — flatten the tree: combine the comparisons in fewer all/any groups`;
	}
	if (measure.comparisons > RULE_LIMITS.maxConditionsPerRule)
		return `${count(measure.comparisons)} comparisons (limit ${count(RULE_LIMITS.maxConditionsPerRule)}) — split the rule into several rules`;
	return null;
}
