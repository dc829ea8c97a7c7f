/**
 * The engine's layering, checked on every import under engine/ (the table below is the architecture):
 * no import runs upward, no two files import each other (directly or around a loop), and an index.ts
 * only re-exports. A failure names the files, so the fix starts at the offending import.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const ENGINE = join(ROOT, 'engine');

/**
 * Which layer may import which (besides itself). Read it bottom-up:
 *   model → taxonomy → sources | detect | aggregate | decide | ledger → act;
 *   sweeps composes one run of a source from sources + detect + ledger.
 * sources/ is transport and mapping only: it knows the model and nothing else. detect/ never reads a
 * provider (no sources/, no sweeps/). aggregate/ and decide/ may use the ledger port, act/ everything a
 * decision or a brief rests on — but never provider data (sources/, detect/, sweeps/).
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
	model: [],
	taxonomy: ['model'],
	sources: ['model'],
	webhooks: ['model'],
	detect: ['model', 'taxonomy'],
	ledger: ['model'],
	aggregate: ['model', 'taxonomy'],
	decide: ['model', 'taxonomy', 'ledger'],
	act: ['model', 'taxonomy', 'aggregate', 'decide', 'ledger'],
	sweeps: ['model', 'taxonomy', 'sources', 'webhooks', 'detect', 'ledger'],
	backtest: ['model', 'taxonomy', 'detect', 'aggregate', 'decide', 'ledger', 'sweeps', 'act'], // replays detect → aggregate → decide over a history; act only for its page's escaping and SVG
};

/** Files outside engine/ the engine may read: the shipped rule packs (bundled as JSON data). */
const DATA_OUTSIDE_ENGINE = [join(ROOT, 'rules') + sep];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
	});
}

const rel = (file: string) => relative(ROOT, file).split(sep).join('/');

/** The layer a file under engine/ belongs to: its first folder below engine/. */
function layerOf(file: string): string {
	return relative(ENGINE, file).split(sep)[0];
}

/** A relative module specifier resolved the way TypeScript resolves it (file, .ts, .json, folder index). */
function resolveModule(from: string, specifier: string): string | null {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return null;
}

interface ImportEdge {
	from: string;
	to: string;
	specifier: string;
}

/** Every relative import, re-export, `import()` and `require()` of a file, as TypeScript's own pre-processor sees it. */
function importsOf(file: string): { edges: ImportEdge[]; unresolved: string[] } {
	const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
	const edges: ImportEdge[] = [];
	const unresolved: string[] = [];
	for (const { fileName } of info.importedFiles) {
		if (!fileName.startsWith('.')) continue;
		const to = resolveModule(file, fileName);
		if (to) edges.push({ from: file, to, specifier: fileName });
		else unresolved.push(fileName);
	}
	return { edges, unresolved };
}

const FILES = sourceFiles(ENGINE);
const GRAPH = new Map(FILES.map((file) => [file, importsOf(file)]));

/** Imports that break the table: upward, sideways into a layer not listed, or out of engine/ (other than data). */
function layerViolations(): string[] {
	const out: string[] = [];
	for (const [file, { edges }] of GRAPH) {
		const from = layerOf(file);
		const allowed = MAY_IMPORT[from];
		if (!allowed) {
			out.push(`${rel(file)} is in engine/${from}/, which is not a layer of the table (add it to MAY_IMPORT or move the file)`);
			continue;
		}
		for (const edge of edges) {
			if (!edge.to.startsWith(ENGINE + sep)) {
				if (!DATA_OUTSIDE_ENGINE.some((dir) => edge.to.startsWith(dir))) out.push(`${rel(file)} imports ${rel(edge.to)}, outside engine/`);
				continue;
			}
			const to = layerOf(edge.to);
			if (to === from || allowed.includes(to)) continue;
			out.push(`${rel(file)} (${from}) imports ${rel(edge.to)} (${to}): ${from} may import ${allowed.length ? allowed.join(', ') : 'nothing else'}`);
		}
	}
	return out;
}

/** Import cycles between files (Tarjan's strongly connected components), each as "a → b → a". */
function importCycles(): string[] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	let counter = 0;
	const visit = (file: string) => {
		index.set(file, counter);
		low.set(file, counter);
		counter++;
		stack.push(file);
		onStack.add(file);
		for (const { to } of GRAPH.get(file)?.edges ?? []) {
			if (!GRAPH.has(to)) continue;
			if (!index.has(to)) {
				visit(to);
				low.set(file, Math.min(low.get(file)!, low.get(to)!));
			} else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
		}
		if (low.get(file) === index.get(file)) {
			const component: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				component.push(member);
			} while (member !== file);
			const selfLoop = GRAPH.get(file)!.edges.some((edge) => edge.to === file);
			if (component.length > 1 || selfLoop) components.push(component);
		}
	};
	for (const file of FILES) if (!index.has(file)) visit(file);
	return components.map((component) => {
		// the shortest loop through the component's first file (in path order), for the message
		const members = new Set(component);
		const start = [...component].sort()[0];
		const cameFrom = new Map<string, string>();
		const queue = [start];
		let last: string | undefined;
		while (queue.length && last === undefined) {
			const current = queue.shift()!;
			for (const { to } of GRAPH.get(current)!.edges) {
				if (!members.has(to)) continue;
				if (to === start) {
					last = current;
					break;
				}
				if (!cameFrom.has(to)) {
					cameFrom.set(to, current);
					queue.push(to);
				}
			}
		}
		const loop = [start];
		for (let at = last; at !== undefined && at !== start; at = cameFrom.get(at)) loop.splice(1, 0, at);
		return [...loop, start].map(rel).join(' → ');
	});
}

/** index.ts files holding anything but re-exports (`export … from`, `export * from`) and comments. */
function indexFilesWithLogic(): string[] {
	return FILES.filter((file) => file.endsWith(`${sep}index.ts`)).flatMap((file) => {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
		const offending = source.statements.filter((statement) => !(ts.isExportDeclaration(statement) && statement.moduleSpecifier !== undefined));
		return offending.length ? [`${rel(file)} line ${source.getLineAndCharacterOfPosition(offending[0].getStart()).line + 1}: ${offending[0].getText().split('\n')[0].slice(0, 80)}`] : [];
	});
}

describe('the engine layers (engine/*)', () => {
	it('reads every import (the scanner resolves each relative import to a file)', () => {
		const unresolved = [...GRAPH].flatMap(([file, { unresolved }]) => unresolved.map((specifier) => `${rel(file)}: "${specifier}"`));
		expect(unresolved).toEqual([]);
		expect(FILES.length).toBeGreaterThan(50);
		expect([...GRAPH.values()].reduce((n, { edges }) => n + edges.length, 0)).toBeGreaterThan(100);
	});

	it('has no folder outside the table, and the table itself runs one way (no layer reachable from itself)', () => {
		const folders = readdirSync(ENGINE).filter((name) => statSync(join(ENGINE, name)).isDirectory());
		expect(folders.filter((folder) => !(folder in MAY_IMPORT))).toEqual([]);
		const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
			MAY_IMPORT[from].some((to) => to === target || (!seen.has(to) && (seen.add(to), reaches(to, target, seen))));
		expect(Object.keys(MAY_IMPORT).filter((layer) => reaches(layer, layer))).toEqual([]);
	});

	it('no import runs against the table', () => {
		expect(layerViolations()).toEqual([]);
	});

	it('no import cycle between files', () => {
		expect(importCycles()).toEqual([]);
	});

	it('an index.ts only re-exports', () => {
		expect(indexFilesWithLogic()).toEqual([]);
	});

	it('nothing in detect/ reads a provider: no import of sources/ or sweeps/', () => {
		const offenders = [...GRAPH]
			.filter(([file]) => layerOf(file) === 'detect')
			.flatMap(([file, { edges }]) => edges.filter((edge) => ['sources', 'sweeps'].includes(layerOf(edge.to))).map((edge) => `${rel(file)} imports ${rel(edge.to)}`));
		expect(offenders).toEqual([]);
	});
});
