/**
 * What an installed package carries. `npm test` builds first, so dist/ is the build under test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	files: string[];
	bin: Record<string, string>;
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
	peerDependencies: Record<string, string>;
};

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('the community package', () => {
	test('is declared the way n8n finds community packages', () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n.nodes.length).toBeGreaterThanOrEqual(8);
	});

	test('dist/ holds every node and credential package.json lists, with its icons and codex', () => {
		for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(existsSync(join(ROOT, path))).toBe(true);
		}
		for (const nodePath of pkg.n8n.nodes) {
			const source = readFileSync(join(ROOT, nodePath.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
			for (const [, icon] of source.matchAll(/'file:([^']+\.svg)'/g)) {
				expect(existsSync(join(ROOT, nodePath, '..', icon))).toBe(true);
			}
			expect(existsSync(join(ROOT, nodePath.replace(/\.js$/, '.json')))).toBe(true);
		}
		expect(existsSync(join(ROOT, pkg.bin['cs-signal-os']))).toBe(true);
	});

	test('dist/ carries the rule packs and the workflow templates', () => {
		const packs = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.json'));
		const templates = readdirSync(join(ROOT, 'workflows')).filter((f) => f.endsWith('.json'));
		expect(packs.length).toBeGreaterThanOrEqual(6);
		expect(templates.length).toBeGreaterThanOrEqual(3);
		for (const file of packs) expect(existsSync(join(ROOT, 'dist', 'rules', file))).toBe(true);
		for (const file of templates) expect(existsSync(join(ROOT, 'dist', 'workflows', file))).toBe(true);
	});

	test('dist/ carries the editable domain tables (seniority titles, market news)', () => {
		const tables = readdirSync(join(ROOT, 'rules', 'tables')).filter((f) => f.endsWith('.json'));
		expect(tables.sort()).toEqual(['market-news.json', 'seniority-titles.json']);
		for (const file of tables) expect(existsSync(join(ROOT, 'dist', 'rules', 'tables', file))).toBe(true);
	});

	test('dist/ carries the phrase lexicons and their schema', () => {
		const lexicons = readdirSync(join(ROOT, 'rules', 'lexicons')).filter((f) => f.endsWith('.json'));
		expect(lexicons.length).toBeGreaterThanOrEqual(9);
		for (const file of lexicons) expect(existsSync(join(ROOT, 'dist', 'rules', 'lexicons', file))).toBe(true);
	});

	test('no file under engine/ imports n8n', () => {
		const offenders = filesUnder(join(ROOT, 'engine'))
			.filter((file) => /(from\s+['"]n8n-(workflow|core)['"])|(require\(['"]n8n-(workflow|core)['"]\))/.test(readFileSync(file, 'utf8')))
			.map((file) => relative(ROOT, file));
		expect(offenders).toEqual([]);
	});
});
