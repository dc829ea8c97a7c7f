/**
 * engine/webhooks is a layer of its own (its place among the layers is in engine-layers.test.ts: model only).
 * Beyond that table: no Node module but node:crypto and the project's zod and luxon (no I/O, no clock beyond
 * luxon's "now" default).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LAYER = join(ROOT, 'engine', 'webhooks');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
	});
}

test('engine/webhooks uses no package but node:crypto, zod and luxon', () => {
	const offenders: string[] = [];
	for (const file of files(LAYER)) {
		for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\()['"]([^'"]+)['"]/g)) {
			if (!spec.startsWith('.') && !['node:crypto', 'zod', 'luxon'].includes(spec)) {
				offenders.push(`${relative(ROOT, file)} → ${spec}`);
			}
		}
	}
	expect(offenders).toEqual([]);
});
