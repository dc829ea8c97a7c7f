/**
 * Reading json-rules-engine's result tree (the rule's conditions with each leaf's `result` and `factResult`):
 * which leaves made a true tree true, which keep a false tree false, which parts already hold, and whether a
 * failing leaf is within the near-miss margin of its threshold.
 */
import type { CompiledLeaf, CompiledRule } from './compile';

/** Near miss: within this fraction of a numeric threshold. */
export const NEAR_MISS_FRACTION = 0.1;

export type ResultNode = {
	all?: ResultNode[];
	any?: ResultNode[];
	not?: ResultNode;
	fact?: string;
	name?: string;
	factResult?: unknown;
	result?: boolean;
};

export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const EMPTY: ReadonlySet<string> = new Set();

/** Every leaf (comparison) of a tree, in rule order. */
export function leavesOf(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (node.all) for (const child of node.all) leavesOf(child, out);
	else if (node.any) for (const child of node.any) leavesOf(child, out);
	else if (node.not) leavesOf(node.not, out);
	else out.push(node);
	return out;
}

/** Whether the tree holds, counting the leaves named in `flipped` as passed. */
export function holds(node: ResultNode, flipped: ReadonlySet<string> = EMPTY): boolean {
	if (node.all) return node.all.every((child) => holds(child, flipped));
	if (node.any) return node.any.some((child) => holds(child, flipped));
	if (node.not) return !holds(node.not, flipped);
	return node.result === true || flipped.has(node.name!);
}

/** The leaves that made a true tree true: all of an `all`, the true ones of an `any`. */
export function supporting(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (node.all) for (const child of node.all) supporting(child, out);
	else if (node.any) {
		for (const child of node.any) if (holds(child)) supporting(child, out);
	} else if (node.not) leavesOf(node.not, out);
	else out.push(node);
	return out;
}

/** The leaves that keep a false tree false: the failing children of an `all`, every alternative of a failing `any`. */
export function blockers(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (holds(node)) return out;
	if (node.all) for (const child of node.all) blockers(child, out);
	else if (node.any) for (const child of node.any) blockers(child, out);
	else if (node.not) supporting(node.not, out);
	else out.push(node);
	return out;
}

/** The parts of a false tree that already hold (the true children of its `all` groups). */
export function holdingParts(node: ResultNode, out: ResultNode[] = []): ResultNode[] {
	if (holds(node)) return supporting(node, out);
	if (node.all) for (const child of node.all) holdingParts(child, out);
	return out;
}

/** Whether a numeric value is within the near-miss margin of a leaf's numeric threshold. */
export function isClose(leaf: CompiledLeaf, actual: unknown): boolean {
	if (!isNumber(actual) || !isNumber(leaf.value)) return false;
	const margin = Math.max(Math.abs(leaf.value) * NEAR_MISS_FRACTION, 1e-9);
	return Math.abs(actual - leaf.value) <= margin;
}

/** Whether some failing leaf is within the near-miss margin — the cheap test before building a near miss. */
export function hasCloseFailure(rule: CompiledRule, node: ResultNode): boolean {
	if (node.all) {
		for (const child of node.all) if (hasCloseFailure(rule, child)) return true;
		return false;
	}
	if (node.any) {
		for (const child of node.any) if (hasCloseFailure(rule, child)) return true;
		return false;
	}
	if (node.not) return hasCloseFailure(rule, node.not);
	return node.result !== true && isNumber(node.factResult) && isClose(rule.leaves.get(node.name!)!, node.factResult);
}
