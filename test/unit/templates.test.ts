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
const BUILT_IN_CREDENTIALS = ['slackApi', 'hubspotAppToken', 'smtp', 'googleCalendarOAuth2Api'];

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
	it('ships the seven templates, each with a README', () => {
		expect(files).toEqual(['daily-signal-sweep.json', 'executive-brief.json', 'expansion-handoff.json', 'onboarding-guardrails.json', 'pre-meeting-brief.json', 'real-time-signal.json', 'renewal-ladder.json', 'weekly-leadership-report.json']);
		for (const file of files) expect(fs.existsSync(path.join(WORKFLOWS, file.replace(/\.json$/, '.README.md')))).toBe(true);
		expect(fs.existsSync(path.join(WORKFLOWS, 'README.md'))).toBe(true);
	});

	it('reads our own node and credential names from package.json', () => {
		expect(OUR_NODES).toEqual(expect.arrayContaining(['csCrmSignals', 'csSupportSignals', 'csUsageSignals', 'csAccountIntelligence', 'csDecisionTriggers', 'csPlaybook', 'csRenewalLadder', 'csAccountBrief']));
		expect(OUR_CREDENTIALS).toEqual(['csHubSpotApi', 'csZendeskApi', 'csSecEdgarApi', 'csMixpanelApi', 'csPendoApi', 'csGongApi', 'csWebhookSecretApi']);
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
			const needsCredential = workflow.nodes.filter((node) => /\.(csCrmSignals|csSupportSignals|csMeetingSignals|slack|emailSend|googleCalendar)$/.test(node.type) || node.parameters.nodeCredentialType);
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

		it('posts to Slack as the verified recipe needs: channel (or a user, for a DM) by ID, block message with blocks as a JSON string, no workflow link', () => {
			for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.slack')) {
				const target = (node.parameters.select === 'user' ? node.parameters.user : node.parameters.channelId) as { mode: string; value: string };
				expect(target.mode).toBe('id');
				if (node.parameters.select === 'user') expect(target.value).toMatch(/^=\{\{ \$json\.slackUserId \}\}$/);
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
