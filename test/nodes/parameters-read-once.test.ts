/**
 * A parameter a node reads once per execution (at item 0) cannot take a per-item expression: n8n would evaluate
 * `{{ $json.x }}` for the first item only and silently apply it to all. Such parameters say so with
 * `noDataExpression: true` (and so do the fields inside a collection read that way).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { packageNodeTypes, PACKAGE_NAME } from './harness';

const NODES = join(__dirname, '..', '..', 'nodes');
const SHARED = join(NODES, 'shared');

/** The shared parameter helpers a node file uses, by the function that reads them. */
const SHARED_READERS: Record<string, string> = {
	readBusinessCalendar: 'businessCalendar.ts',
	readFallbackOwner: 'fallbackOwner.ts',
	readAccountMapping: 'conversation.ts',
	readLanguageOptions: 'languageOptions.ts',
};

function readOnce(source: string): string[] {
	return [...source.matchAll(/getNodeParameter\('(\w+)', 0\b/g)].map((match) => match[1]);
}

/** Every value-holding field: the parameter itself, or each field inside its collection / fixed collection. */
function leaves(parameter: INodeProperties): INodeProperties[] {
	if (parameter.type === 'collection') return (parameter.options as INodeProperties[]).flatMap(leaves);
	if (parameter.type === 'fixedCollection') return (parameter.options as Array<{ values: INodeProperties[] }>).flatMap((group) => group.values.flatMap(leaves));
	return [parameter];
}

describe('parameters read once per execution', () => {
	const nodeDirs = readdirSync(NODES).filter((name) => name.startsWith('Cs'));

	it.each(nodeDirs)('%s: every parameter read at item 0 has noDataExpression', (dir) => {
		const source = readFileSync(join(NODES, dir, `${dir}.node.ts`), 'utf8');
		const names = new Set(readOnce(source));
		for (const [reader, file] of Object.entries(SHARED_READERS)) {
			if (source.includes(reader)) for (const name of readOnce(readFileSync(join(SHARED, file), 'utf8'))) names.add(name);
		}
		const typeName = `${dir.charAt(0).toLowerCase()}${dir.slice(1)}`;
		const { properties } = packageNodeTypes().getByNameAndVersion(`${PACKAGE_NAME}.${typeName}`).description;
		const missing = [...names].flatMap((name) => {
			const parameter = properties.find((p) => p.name === name);
			if (!parameter) return [`${name}: read but not in the form`];
			return leaves(parameter).filter((leaf) => leaf.noDataExpression !== true).map((leaf) => (leaf === parameter ? name : `${name}.${leaf.name}`));
		});
		expect(missing).toEqual([]);
	});
});
