/**
 * engine/webhooks is a layer of its own: it may use engine/model, node:crypto and the project's zod and luxon —
 * nothing from sources, detect, decide, ledger, act, nodes or bin, and no other Node module (no I/O, no clock
 * beyond luxon's "now" default).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LAYER = join(ROOT, 'engine', 'webhooks');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
	});
}

test('engine/webhooks imports only engine/model, node:crypto, zod and luxon', () => {
	const offenders: string[] = [];
	for (const file of files(LAYER)) {
		for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\()['"]([^'"]+)['"]/g)) {
			if (spec.startsWith('.')) {
				const target = relative(ROOT, resolve(file, '..', spec));
				if (!target.startsWith(join('engine', 'webhooks')) && !target.startsWith(join('engine', 'model'))) offenders.push(`${relative(ROOT, file)} → ${spec}`);
			} else if (!['node:crypto', 'zod', 'luxon'].includes(spec)) {
				offenders.push(`${relative(ROOT, file)} → ${spec}`);
			}
		}
	}
	expect(offenders).toEqual([]);
});
