/**
 * How every node of the package meets a CS ops person in the editor's node creator and on the canvas: found by
 * the words CS people type (codex aliases), one plain line of description, a subtitle that shows what was
 * chosen, its own icon (light and dark), documentation links. The nodes are read from package.json n8n.nodes,
 * so a node added on any branch is held to the same rules when it is merged.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { runInNewContext } from 'node:vm';

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Words a CS ops person types into the node creator; every node answers to these. */
const EVERY_NODE_ANSWERS_TO = ['customer success', 'CS', 'CSM'];
/** Words each of which at least one node answers to (the list). */
const SOMEONE_ANSWERS_TO = ['churn', 'health score', 'renewal', 'QBR', 'EBR', 'onboarding', 'expansion', 'NPS', 'escalation', 'playbook'];
/**
 * Nodes that do not follow these rules yet: CS Support Signals is being changed on another branch (Intercom);
 * the test fails once it complies, so the entry is removed then.
 */
const PENDING = new Set<string>();

interface Codex {
	node: string;
	categories?: string[];
	alias?: string[];
	resources?: { primaryDocumentation?: Array<{ url: string }> };
}

interface ShippedNode {
	folder: string;
	description: INodeTypeDescription;
	codex: Codex;
}

function shippedNodes(): ShippedNode[] {
	return (PACKAGE.n8n.nodes as string[]).map((dist) => {
		const source = path.join(ROOT, dist.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const className = path.basename(source, '.node.ts');
		const NodeClass = (require(source) as Record<string, new () => INodeType>)[className];
		if (!NodeClass) throw new Error(`${source} exports no class ${className}`);
		const codex = JSON.parse(fs.readFileSync(source.replace(/\.ts$/, '.json'), 'utf8')) as Codex;
		return { folder: path.dirname(source), description: new NodeClass().description, codex };
	});
}

const NODES = shippedNodes();

/** What is wrong with one node, in sentences naming the node (empty when it follows every rule). */
function problems({ folder, description, codex }: ShippedNode): string[] {
	const found: string[] = [];
	const name = description.displayName;
	if (!/^CS( [A-Z][A-Za-z-]*)+$/.test(name)) found.push(`${name}: display name is not "CS" + Title Case words`);
	if (description.defaults.name !== name) found.push(`${name}: default node name "${description.defaults.name}" differs from the display name`);
	if (typeof description.subtitle !== 'string' || !description.subtitle.trim()) found.push(`${name}: no subtitle`);
	if (/\n/.test(description.description)) found.push(`${name}: description has more than one line`);
	if (description.description.length > 120) found.push(`${name}: description is ${description.description.length} characters (at most 120)`);
	if (codex.node !== `${PACKAGE.name}.${description.name}`) found.push(`${name}: codex names node "${codex.node}"`);
	if (!codex.categories?.length) found.push(`${name}: codex has no category`);
	const aliases = (codex.alias ?? []).map((a) => a.toLowerCase());
	for (const word of EVERY_NODE_ANSWERS_TO) if (!aliases.includes(word.toLowerCase())) found.push(`${name}: codex alias list lacks "${word}"`);
	if (aliases.length < EVERY_NODE_ANSWERS_TO.length + 3) found.push(`${name}: codex alias list has no words of its own (at least 3)`);
	const docs = codex.resources?.primaryDocumentation ?? [];
	if (!docs.length || !docs.every((doc) => /^https:\/\//.test(doc.url))) found.push(`${name}: codex has no https documentation link`);
	const icon = description.icon as { light?: string; dark?: string } | undefined;
	for (const theme of ['light', 'dark'] as const) {
		const file = icon?.[theme]?.replace(/^file:/, '');
		if (!file || !fs.existsSync(path.join(folder, file))) found.push(`${name}: no ${theme} icon file`);
	}
	return found;
}

describe('every node in package.json n8n.nodes, as the editor shows it', () => {
	it('reads the nodes from package.json', () => {
		expect(NODES.map((node) => node.description.name)).toEqual(expect.arrayContaining(['csDecisionTriggers', 'csCrmSignals', 'csPlaybook', 'csUsageSignals']));
		expect(NODES).toHaveLength(PACKAGE.n8n.nodes.length);
	});

	it.each(NODES.map((node) => [node.description.displayName, node] as const))('%s: Title Case name, subtitle, one-line description of at most 120 characters, aliases, docs, light and dark icons', (_, node) => {
		if (PENDING.has(node.description.name)) expect(problems(node)).not.toEqual([]);
		else expect(problems(node)).toEqual([]);
	});

	it('finds a node for each word the issue lists ("churn", "health score", "renewal", "QBR", …)', () => {
		const unanswered = SOMEONE_ANSWERS_TO.filter((word) => !NODES.some(({ codex }) => (codex.alias ?? []).some((alias) => alias.toLowerCase() === word.toLowerCase())));
		expect(unanswered).toEqual([]);
	});

	it('gives every node its own icon: no two nodes share an icon file, and the dark icon differs from the light one', () => {
		const owners = new Map<string, string[]>();
		const same: string[] = [];
		for (const { folder, description } of NODES) {
			const icon = description.icon as { light: string; dark: string };
			const read = (file: string) => fs.readFileSync(path.join(folder, file.replace(/^file:/, '')));
			const light = read(icon.light);
			if (light.equals(read(icon.dark))) same.push(description.displayName);
			const digest = createHash('sha256').update(light).digest('hex');
			owners.set(digest, [...(owners.get(digest) ?? []), description.displayName]);
		}
		expect([...owners.values()].filter((names) => names.length > 1)).toEqual([]);
		expect(same).toEqual([]);
	});

	it('shows the label of the chosen value in subtitles, not the internal value (CS Account Brief, CS Decision Triggers)', () => {
		/** The subtitle as the canvas shows it for these parameters (the expression is plain JavaScript over $parameter). */
		const shown = (name: string, parameters: Record<string, unknown>) => {
			const subtitle = NODES.find((node) => node.description.name === name)!.description.subtitle as string;
			const expression = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle)![1];
			return runInNewContext(`(${expression})`, { $parameter: parameters }) as string;
		};
		expect(shown('csAccountBrief', { briefType: 'executive' })).toBe('Executive Risk Brief');
		expect(shown('csAccountBrief', { briefType: 'slack-alert' })).toBe('Slack Alert per Account');
		expect(shown('csDecisionTriggers', { packs: ['decision-triggers', 'event-playbooks', 'onboarding', 'health', 'renewal', 'expansion'] })).toBe('All rule packs');
		expect(shown('csDecisionTriggers', { packs: ['health', 'event-playbooks'] })).toBe('Health, Event Playbooks');
		expect(shown('csDecisionTriggers', { packs: [] })).toBe('Custom pack');
		expect(shown('csSupportSignals', { source: 'intercom' })).toBe('Intercom');
		expect(shown('csSupportSignals', { source: 'inputItems' })).toBe('From input items');
	});
});
