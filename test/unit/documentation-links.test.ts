/**
 * Documentation links a user follows from the n8n editor (each node's codex) and inside the README resolve:
 * codex URLs point at the package homepage's README sections or template READMEs that exist, and every
 * in-repo link in the READMEs names a file and a heading that exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string; n8n: { nodes: string[] } };
const BLOB = `${pkg.homepage}/blob/main/`;

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N} _-]/gu, '')
		.replace(/ /g, '-');

const anchorsOf = (file: string) => new Set([...readFileSync(file, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1])));

/** A homepage URL → the repository file (and anchor) it shows. */
function target(url: string): { file: string; anchor?: string } | null {
	const [base, anchor] = url.split('#');
	if (base === pkg.homepage) return { file: join(ROOT, 'README.md'), anchor };
	if (base.startsWith(BLOB)) return { file: join(ROOT, base.slice(BLOB.length)), anchor };
	return null;
}

function broken(url: string): string | null {
	const where = target(url);
	if (!where) return `${url} is not on the package homepage (${pkg.homepage})`;
	if (!existsSync(where.file)) return `${url}: ${relative(ROOT, where.file)} is not in the repository`;
	if (where.anchor && !anchorsOf(where.file).has(where.anchor)) return `${url}: ${relative(ROOT, where.file)} has no heading #${where.anchor}`;
	return null;
}

describe('codex documentation links', () => {
	const nodes = pkg.n8n.nodes.map((path) => {
		const source = join(ROOT, path.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const code = readFileSync(source, 'utf8');
		const codex = JSON.parse(readFileSync(source.replace(/\.ts$/, '.json'), 'utf8')) as {
			resources: { primaryDocumentation?: Array<{ url: string }>; credentialDocumentation?: Array<{ url: string }> };
		};
		return { displayName: /INodeTypeDescription = \{\s*displayName: '([^']+)'/.exec(code)![1], hasCredentials: /credentials: \[\s*\{ name:/.test(code), codex };
	});

	it.each(nodes.map((node) => [node.displayName, node]))('%s: docs first point at its README section, every link resolves', (_name, node) => {
		const primary = node.codex.resources.primaryDocumentation ?? [];
		expect(primary[0]?.url).toBe(`${pkg.homepage}#${slug(node.displayName)}`);
		const links = [...primary, ...(node.codex.resources.credentialDocumentation ?? [])].map((link) => link.url);
		expect(links.map(broken).filter(Boolean)).toEqual([]);
		expect(Boolean(node.codex.resources.credentialDocumentation?.length)).toBe(node.hasCredentials);
	});
});

describe('links inside the READMEs', () => {
	const files = ['README.md', 'CONTRIBUTING.md', 'workflows/README.md'].filter((file) => existsSync(join(ROOT, file)));

	it.each(files)('%s: every in-repo link names a file and a heading that exist', (file) => {
		const path = join(ROOT, file);
		const problems: string[] = [];
		for (const [, link] of readFileSync(path, 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
			if (/^[a-z]+:/.test(link)) continue; // http(s), mailto: outside the repository
			const [linked, anchor] = link.split('#');
			const linkedFile = linked ? join(dirname(path), linked) : path;
			if (!existsSync(linkedFile)) problems.push(`${link}: no ${relative(ROOT, linkedFile)}`);
			else if (anchor && linkedFile.endsWith('.md') && !anchorsOf(linkedFile).has(anchor)) problems.push(`${link}: no heading #${anchor} in ${relative(ROOT, linkedFile)}`);
		}
		expect(problems).toEqual([]);
	});
});

describe('comments and docs point only at documents in the repository', () => {
	/** The design notes and references the project was written from live outside the repository. */
	const OUTSIDE = /ARCHITECTURE(\.md| §)|STYLE\.md|peers\.md|n8n-facts|provider-apis\.md|json-rules-engine\.md|\/work\/shared/;
	const walk = (dir: string): string[] =>
		readdirSync(dir).flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? walk(path) : [path];
		});
	it('in the shipped code, the templates, the docs and our own tests', () => {
		const roots = ['engine', 'nodes', 'credentials', 'bin', 'demo', 'rules', 'workflows', 'test/unit', 'test/nodes', 'test/fixtures'];
		const files = [...roots.flatMap((dir) => walk(join(ROOT, dir))), ...['README.md', 'CONTRIBUTING.md'].map((f) => join(ROOT, f)).filter(existsSync)];
		const offenders = files
			.filter((file) => /\.(ts|js|json|md)$/.test(file) && !file.endsWith('documentation-links.test.ts'))
			.flatMap((file) =>
				readFileSync(file, 'utf8')
					.split('\n')
					.map((line, index) => ({ line, index }))
					.filter(({ line }) => OUTSIDE.test(line))
					.map(({ line, index }) => `${relative(ROOT, file)}:${index + 1}: ${line.trim().slice(0, 100)}`),
			);
		expect(offenders).toEqual([]);
		expect(files.length).toBeGreaterThan(100);
	});
});
