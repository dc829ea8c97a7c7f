/**
 * Static checks of the workflow templates in workflows/: each parses as an importable n8n workflow,
 * references only node types and credentials that exist (ours from package.json, or n8n built-ins),
 * has both a Manual Trigger (testing) and a Schedule Trigger (production), and wires only existing nodes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const WORKFLOWS = path.join(ROOT, 'workflows');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const PREFIX = `${PACKAGE.name}.`;

/** n8n-nodes-base types (and versions) the templates may use — all present in n8n 2.41. */
const BUILT_IN_NODES: Record<string, number[]> = {
	'n8n-nodes-base.manualTrigger': [1],
	'n8n-nodes-base.scheduleTrigger': [1.2],
	'n8n-nodes-base.webhook': [2],
	'n8n-nodes-base.stickyNote': [1],
	'n8n-nodes-base.httpRequest': [4.2],
	'n8n-nodes-base.slack': [2.3],
	'n8n-nodes-base.merge': [3.2],
	'n8n-nodes-base.set': [3.4],
	'n8n-nodes-base.filter': [2.2],
	'n8n-nodes-base.splitOut': [1],
	'n8n-nodes-base.if': [2.2],
	'n8n-nodes-base.emailSend': [2.1],
	'n8n-nodes-base.googleCalendar': [1.3],
};
const BUILT_IN_CREDENTIALS = ['slackApi', 'hubspotAppToken', 'smtp', 'googleCalendarOAuth2Api', 'gmailOAuth2'];
/** What n8n's credential picker calls the built-in credential types (n8n-nodes-base 2.41 displayName). */
const BUILT_IN_CREDENTIAL_NAMES: Record<string, string> = { slackApi: 'Slack API', hubspotAppToken: 'HubSpot Service Key', smtp: 'SMTP', googleCalendarOAuth2Api: 'Google Calendar OAuth2 API', gmailOAuth2: 'Gmail OAuth2 API' };
/**
 * Templates whose sticky notes do not yet name their credentials: daily-signal-sweep.json is being changed on
 * another branch; the test below fails once it complies, so the entry is removed then.
 */
const CREDENTIAL_NOTE_PENDING = new Set<string>();

/** Our node type names (description.name) and credential names, read from the sources package.json lists. */
function shipped(kind: 'nodes' | 'credentials'): string[] {
	return (PACKAGE.n8n[kind] as string[]).map((dist) => {
		const source = path.join(ROOT, dist.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const text = fs.readFileSync(source, 'utf8');
		const match = kind === 'nodes' ? /displayName: '[^']+',\s+name: '([a-zA-Z]+)'/.exec(text) : /\bname = '([a-zA-Z]+)'/.exec(text);
		if (!match) throw new Error(`cannot read the name from ${source}`);
		return match[1];
	});
}

const OUR_NODES = shipped('nodes');
const OUR_CREDENTIALS = shipped('credentials');
/** Our credential types' display names (what a user picks in the credential list), from credentials/*.ts. */
const OUR_CREDENTIAL_NAMES: Record<string, string> = Object.fromEntries(
	(PACKAGE.n8n.credentials as string[]).map((dist) => {
		const text = fs.readFileSync(path.join(ROOT, dist.replace(/^dist\//, '').replace(/\.js$/, '.ts')), 'utf8');
		return [/\bname = '([a-zA-Z]+)'/.exec(text)![1], /\bdisplayName = '([^']+)'/.exec(text)![1]];
	}),
);
const CREDENTIAL_NAMES: Record<string, string> = { ...BUILT_IN_CREDENTIAL_NAMES, ...OUR_CREDENTIAL_NAMES };
const files = fs.readdirSync(WORKFLOWS).filter((file) => file.endsWith('.json')).sort();

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

function load(file: string): { id: string; name: string; nodes: WorkflowNode[]; connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>; settings: Record<string, unknown> } {
	return JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'));
}

describe('workflow templates', () => {
	it('ships the nine templates, each with a README', () => {
		expect(files).toEqual(['daily-signal-sweep.json', 'executive-brief.json', 'executive-change-watch.json', 'expansion-handoff.json', 'onboarding-guardrails.json', 'pre-meeting-brief.json', 'real-time-signal.json', 'renewal-ladder.json', 'weekly-leadership-report.json']);
		for (const file of files) expect(fs.existsSync(path.join(WORKFLOWS, file.replace(/\.json$/, '.README.md')))).toBe(true);
		expect(fs.existsSync(path.join(WORKFLOWS, 'README.md'))).toBe(true);
	});

	it('reads our own node and credential names from package.json', () => {
		expect(OUR_NODES).toEqual(expect.arrayContaining(['csCrmSignals', 'csSupportSignals', 'csUsageSignals', 'csAccountIntelligence', 'csDecisionTriggers', 'csPlaybook', 'csRenewalLadder', 'csAccountBrief']));
		expect(OUR_CREDENTIALS).toEqual(['csHubSpotApi', 'csZendeskApi', 'csSecEdgarApi', 'csMixpanelApi', 'csPendoApi', 'csGongApi', 'csIntercomApi', 'csWebhookSecretApi']);
		expect(OUR_CREDENTIAL_NAMES.csHubSpotApi).toBe('CS Signal OS: HubSpot API');
	});

	describe.each(files)('%s', (file) => {
		const workflow = load(file);
		const names = new Set(workflow.nodes.map((node) => node.name));

		it('is importable: fixed id of at most 21 characters, unique node names and ids, v1 execution order', () => {
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,21}$/);
			expect(workflow.name).toMatch(/^CS Signal OS — /);
			expect(names.size).toBe(workflow.nodes.length);
			expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(workflow.nodes.length);
			expect(workflow.settings.executionOrder).toBe('v1');
			for (const node of workflow.nodes) {
				expect(node.id).toMatch(/^[0-9a-f-]{36}$/);
				expect(node.position).toHaveLength(2);
			}
		});

		it('uses only node types the package ships (package prefix) or known n8n built-ins', () => {
			const problems: string[] = [];
			for (const node of workflow.nodes) {
				if (node.type.startsWith(PREFIX)) {
					if (!OUR_NODES.includes(node.type.slice(PREFIX.length))) problems.push(`${node.name}: ${node.type} is not in package.json n8n.nodes`);
					if (node.typeVersion !== 1) problems.push(`${node.name}: typeVersion ${node.typeVersion}`);
				} else if (!BUILT_IN_NODES[node.type]) {
					problems.push(`${node.name}: ${node.type} is neither ours nor a known built-in`);
				} else if (!BUILT_IN_NODES[node.type].includes(node.typeVersion)) {
					problems.push(`${node.name}: ${node.type} v${node.typeVersion} (expected ${BUILT_IN_NODES[node.type].join(' or ')})`);
				}
				if (node.type.startsWith('CUSTOM.')) problems.push(`${node.name}: CUSTOM. prefix (dev mode) instead of ${PREFIX}`);
			}
			expect(problems).toEqual([]);
		});

		it('references credentials by type and a placeholder name, only ours or known built-ins', () => {
			const problems: string[] = [];
			for (const node of workflow.nodes) {
				for (const [type, reference] of Object.entries(node.credentials ?? {})) {
					if (![...OUR_CREDENTIALS, ...BUILT_IN_CREDENTIALS].includes(type)) problems.push(`${node.name}: unknown credential type ${type}`);
					if (!reference.name) problems.push(`${node.name}: credential ${type} without a name`);
				}
			}
			expect(problems).toEqual([]);
			const needsCredential = workflow.nodes.filter((node) => /\.(csCrmSignals|csSupportSignals|csUsageSignals|csMeetingSignals|csEmailSignals|csSlackSignals|slack|emailSend|googleCalendar)$/.test(node.type) || node.parameters.nodeCredentialType);
			for (const node of needsCredential) expect(Object.keys(node.credentials ?? {})).toHaveLength(1);
		});

		// a webhook-triggered template (CS Signal Trigger) starts from its trigger: a Manual or Schedule Trigger would run it without an event
		const webhookTriggered = workflow.nodes.some((node) => node.type === `${PREFIX}csSignalTrigger`);
		const start = webhookTriggered ? 'CS Signal Trigger' : 'Run now (testing)';

		it('has a Manual Trigger "Run now (testing)" — the first trigger, so the editor\'s main Execute button runs it — and a Schedule Trigger, both wired (webhook-triggered: CS Signal Trigger alone)', () => {
			const manual = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger');
			const schedule = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
			if (webhookTriggered) {
				expect([manual, schedule]).toEqual([[], []]);
				expect(workflow.connections[start]?.main[0]?.length).toBeGreaterThan(0);
				return;
			}
			expect(manual.map((node) => node.name)).toEqual(['Run now (testing)']);
			const triggers = workflow.nodes.filter((node) => /(manualTrigger|scheduleTrigger|webhook)$/.test(node.type));
			expect(triggers[0].name).toBe('Run now (testing)');
			expect(schedule).toHaveLength(1);
			for (const trigger of [...manual, ...schedule]) expect(workflow.connections[trigger.name]?.main[0]?.length).toBeGreaterThan(0);
		});

		it('connects only existing nodes, and every working node is reachable from the Manual Trigger (or CS Signal Trigger)', () => {
			const problems: string[] = [];
			for (const [source, { main }] of Object.entries(workflow.connections)) {
				if (!names.has(source)) problems.push(`connection from missing node "${source}"`);
				for (const output of main) for (const target of output ?? []) if (!names.has(target.node)) problems.push(`${source} → missing node "${target.node}"`);
			}
			expect(problems).toEqual([]);
			const reached = new Set<string>([start]);
			const queue = [start];
			while (queue.length) {
				for (const output of workflow.connections[queue.shift()!]?.main ?? []) {
					for (const { node } of output ?? []) {
						if (reached.has(node)) continue;
						reached.add(node);
						queue.push(node);
					}
				}
			}
			const unreached = workflow.nodes.filter((node) => !reached.has(node.name) && !/(stickyNote|scheduleTrigger|webhook)$/.test(node.type)).map((node) => node.name);
			expect(unreached).toEqual([]);
		});

		it('explains itself in sticky notes', () => {
			const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect(notes.length).toBeGreaterThan(0);
			expect(String(notes[0].parameters.content)).toContain('README');
		});

		it('has a sticky note that names every credential type it uses as n8n lists it, and the nodes that need it', () => {
			const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => String(node.parameters.content));
			const missing: string[] = [];
			for (const node of workflow.nodes) {
				for (const type of Object.keys(node.credentials ?? {})) {
					const shown = CREDENTIAL_NAMES[type];
					if (!shown) missing.push(`${type}: no display name known (add it to BUILT_IN_CREDENTIAL_NAMES)`);
					else if (!notes.some((note) => note.includes(`**${shown}**`) && note.includes(`*${node.name}*`))) missing.push(`${node.name} needs "${shown}": no sticky note names both`);
				}
			}
			if (CREDENTIAL_NOTE_PENDING.has(file)) expect(missing).not.toEqual([]);
			else expect(missing).toEqual([]);
		});

		it('posts to Slack as the verified recipe needs: channel (or a user, for a DM) by ID, block message with blocks as a JSON string, no workflow link', () => {
			for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.slack')) {
				const target = (node.parameters.select === 'user' ? node.parameters.user : node.parameters.channelId) as { mode: string; value: string };
				expect(target.mode).toBe('id');
				if (node.parameters.select === 'user') expect(target.value).toMatch(/^=\{\{ .+ \}\}$/);
				else expect(target.value).toMatch(/^(?:[CGD][A-Z0-9]{2,}|#?[a-z0-9_-]{2,})$/);
				expect(node.parameters.otherOptions).toMatchObject({ includeLinkToWorkflow: false });
				if (node.parameters.messageType === 'block') expect(String(node.parameters.blocksUi)).toMatch(/^=\{\{ JSON\.stringify\(/);
			}
		});

		it('writes to HubSpot with the v3 API: tasks with owner, due date and the task→company association (192); deals in a pipeline with the deal→company association (5)', () => {
			for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest' && n.parameters.method === 'POST')) {
				expect(node.parameters.nodeCredentialType).toBe('hubspotAppToken');
				const body = String(node.parameters.jsonBody);
				if (node.parameters.url === 'https://api.hubapi.com/crm/v3/objects/deals') {
					for (const field of ['dealname', 'pipeline', 'dealstage', 'amount', 'closedate', 'hubspot_owner_id', 'description', "associationCategory: 'HUBSPOT_DEFINED'", 'associationTypeId: 5']) expect(body).toContain(field);
					continue;
				}
				expect(node.parameters.url).toBe('https://api.hubapi.com/crm/v3/objects/tasks');
				for (const field of ['hs_task_subject', 'hs_task_body', 'hs_timestamp', 'hubspot_owner_id', "associationCategory: 'HUBSPOT_DEFINED'", 'associationTypeId: 192']) expect(body).toContain(field);
			}
		});

		it('feeds everything after CS Decision Triggers from one output: each downstream node runs once', () => {
			for (const node of workflow.nodes.filter((n) => n.type === `${PREFIX}csDecisionTriggers`)) {
				const outputs = workflow.connections[node.name]?.main ?? [];
				const targets = outputs.flatMap((output) => (output ?? []).map((t) => t.node));
				expect(new Set(targets).size).toBe(targets.length);
			}
		});
	});
});

describe('daily signal sweep: every source through our nodes, none able to stop the sweep alone', () => {
	const workflow = load('daily-signal-sweep.json');
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const node = (name: string) => byName.get(name) as (WorkflowNode & { onError?: string; notes?: string; executeOnce?: boolean }) | undefined;
	const SOURCES: Array<[name: string, type: string, source: string, credential: string]> = [
		['Zendesk tickets', 'csSupportSignals', 'zendesk', 'csZendeskApi'],
		['Product usage', 'csUsageSignals', 'mixpanel', 'csMixpanelApi'],
		['Gong calls', 'csMeetingSignals', 'gong', 'csGongApi'],
		['Gmail (CSM mailbox)', 'csEmailSignals', 'gmail', 'gmailOAuth2'],
		['Shared Slack channels', 'csSlackSignals', 'slack', 'slackApi'],
	];
	/** The edges into a node: [source node, its output index, the target's input index]. */
	const into = (target: string) =>
		Object.entries(workflow.connections).flatMap(([source, { main }]) =>
			main.flatMap((output, outputIndex) => (output ?? []).filter((c) => c.node === target).map((c): [string, number, number] => [source, outputIndex, c.index])),
		);
	const sorted = (edges: Array<[string, number, number]>) => [...edges].sort((a, b) => a.join('/').localeCompare(b.join('/')));

	it.each(SOURCES)('%s is %s reading %s with a %s credential, continuing on its error output', (name, type, source, credential) => {
		const found = node(name);
		expect(found?.type).toBe(`${PREFIX}${type}`);
		expect(found?.parameters.source).toBe(source);
		expect(Object.keys(found?.credentials ?? {})).toEqual([credential]);
		expect(found?.onError).toBe('continueErrorOutput');
	});

	it('merges the CRM signals, every source and the optional feed into CS Account Intelligence; usage gets the accounts for licensed seats', () => {
		expect(sorted(into('All signals'))).toEqual(
			sorted([
				['HubSpot accounts', 1, 0],
				['Zendesk tickets', 0, 1],
				['Product usage', 0, 2],
				['Gong calls', 0, 3],
				['Gmail (CSM mailbox)', 0, 4],
				['Shared Slack channels', 0, 5],
				['Warehouse signals', 0, 6],
			]),
		);
		expect(node('All signals')?.parameters.numberInputs).toBe(7);
		expect(sorted(into('CS Account Intelligence'))).toEqual([['All signals', 0, 1], ['HubSpot accounts', 0, 0]]);
		// the Accounts output feeds the sources that join on the CRM: seats for usage, the account directory for calls and mail
		for (const name of ['Gong calls', 'Gmail (CSM mailbox)']) expect(into(name)).toEqual([['HubSpot accounts', 0, 0]]);
		expect(into('Product usage').filter(([source]) => source === 'HubSpot accounts')).toEqual([['HubSpot accounts', 0, 1]]);
	});

	it('usage, meetings, e-mail and Slack no longer come from the warehouse feed: it stays optional, for the signals no node reads', () => {
		const feed = node('Warehouse signals')!;
		expect(feed.onError).toBe('continueErrorOutput');
		expect(feed.notes).toContain('Usage, meetings, e-mail and Slack are read by the nodes above');
	});

	it('routes every source’s error output (its last) to "Source errors": one Slack message per failing source, naming it', () => {
		const errors = node('Source errors')!;
		expect(errors.type).toBe('n8n-nodes-base.slack');
		expect(errors.executeOnce).toBe(true);
		expect(String(errors.parameters.text)).toContain('$prevNode.name');
		const errorOutputs = [...SOURCES.map(([name]) => name), 'Warehouse signals'].map((name): [string, number, number] => [name, workflow.connections[name].main.length - 1, 0]);
		expect(sorted(into('Source errors'))).toEqual(sorted(errorOutputs));
		// HubSpot accounts is the spine: without accounts nothing can be scored, so it stops the sweep
		expect(node('HubSpot accounts')?.onError).toBeUndefined();
	});

	it('explains each source and its credential in a sticky note', () => {
		const note = String(node('Sources and credentials')?.parameters.content);
		for (const credential of ['CS HubSpot API', 'CS Zendesk API', 'CS Mixpanel API', 'CS Gong API', 'Gmail OAuth2', 'Slack API']) expect(note).toContain(credential);
	});
});
