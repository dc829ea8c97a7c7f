/**
 * The operators a pack may use, installed on each engine with our semantics instead of json-rules-engine's:
 * - null means unknown, and a condition on an unknown fact is FALSE for every operator — including
 *   notEqual / notIn / doesNotContain (json-rules-engine's defaults would make those true). A `not` group
 *   around such a condition is therefore true; the shipped packs use no `not`;
 * - numeric operators compare numbers only (no "7.5" > 7 coercion).
 */
import { Operator, type Engine } from 'json-rules-engine';
import { isNumber } from './result-tree';

const known = (value: unknown) => value !== null && value !== undefined;

export function installOperators(engine: Engine): void {
	const numeric = (name: string, compare: (a: number, b: number) => boolean) =>
		engine.addOperator(new Operator<number, number>(name, (a, b) => compare(a, b), (a) => isNumber(a)));
	numeric('lessThan', (a, b) => a < b);
	numeric('lessThanInclusive', (a, b) => a <= b);
	numeric('greaterThan', (a, b) => a > b);
	numeric('greaterThanInclusive', (a, b) => a >= b);
	const general = (name: string, evaluate: (a: unknown, b: unknown) => boolean, validate: (a: unknown) => boolean = known) =>
		engine.addOperator(new Operator<unknown, unknown>(name, evaluate, validate));
	general('equal', (a, b) => a === b);
	general('notEqual', (a, b) => a !== b);
	general('in', (a, b) => Array.isArray(b) && b.includes(a));
	general('notIn', (a, b) => Array.isArray(b) && !b.includes(a));
	general('contains', (a, b) => (a as unknown[]).includes(b), Array.isArray);
	general('doesNotContain', (a, b) => !(a as unknown[]).includes(b), Array.isArray);
}
