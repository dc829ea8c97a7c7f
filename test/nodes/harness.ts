/**
 * Our in-process n8n harness: runs a workflow through n8n-core's real WorkflowExecute with this
 * package's node and credential types loaded from source (as package.json `n8n` lists them).
 *
 * It is written for this project (n8n's own harness is neither published nor ours to copy).
 * What it provides on top of WorkflowExecute:
 * - a temporary N8N_USER_FOLDER so n8n-core never writes to ~/.n8n;
 * - a credentials helper that hands plain credential objects to nodes and applies each credential
 *   type's `authenticate` block through n8n's own expression engine, as n8n does;
 * - workflow static data in and out, so ledger behaviour across runs can be tested;
 * - one fixture node type, `test.items`, that emits the JSON items given in its `items` parameter
 *   (stands where an upstream n8n node — HTTP Request, a database, a spreadsheet — would be).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'cs-signal-os-n8n-'));
// n8n's logger would print every node error a test provokes on purpose; tests assert errors themselves.
process.env.N8N_LOG_LEVEL ??= 'silent';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodePropertyOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type INodeTypeDescription,
	type INodeParameters,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

const PACKAGE_ROOT = resolve(__dirname, '..', '..');
const packageJson = require(join(PACKAGE_ROOT, 'package.json')) as {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
};
export const PACKAGE_NAME = packageJson.name;

/** `dist/nodes/X/X.node.js` → the TypeScript source and its exported class. */
function loadFromSource<T>(distPath: string): { name: string; instance: T } {
	const sourcePath = join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const className = distPath.split('/').pop()!.replace(/\.(node|credentials)\.js$/, '');
	const moduleExports = require(sourcePath) as Record<string, new () => T>;
	const Class = moduleExports[className];
	if (!Class) throw new Error(`${sourcePath} does not export class ${className} (n8n needs the class name to match the file name)`);
	return { name: className, instance: new Class() };
}

class ItemsFixtureNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits the items given in its parameter (test fixture standing in for any upstream node)',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json' as const, default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

class PackageNodeTypes implements INodeTypes {
	private readonly byType = new Map<string, INodeType>();

	constructor() {
		for (const distPath of packageJson.n8n.nodes) {
			const { instance } = loadFromSource<INodeType>(distPath);
			this.byType.set(`${PACKAGE_NAME}.${instance.description.name}`, instance);
		}
		this.byType.set('test.items', new ItemsFixtureNode());
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.byType.get(nodeType);
		if (!type) throw new Error(`Unknown node type "${nodeType}" (known: ${[...this.byType.keys()].join(', ')})`);
		return type;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType) as INodeType;
	}

	getKnownTypes() {
		return {};
	}
}

let nodeTypesSingleton: PackageNodeTypes | undefined;
export function packageNodeTypes(): INodeTypes {
	nodeTypesSingleton ??= new PackageNodeTypes();
	return nodeTypesSingleton;
}

export function packageCredentialTypes(): Map<string, ICredentialType> {
	const map = new Map<string, ICredentialType>();
	for (const distPath of packageJson.n8n.credentials) {
		const { instance } = loadFromSource<ICredentialType>(distPath);
		map.set(instance.name, instance);
	}
	return map;
}

/** Resolve `={{$credentials.x}}` style values of a generic `authenticate` block through n8n's expression engine. */
function resolveWithCredentials(workflow: Workflow, node: INode, value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
	if (typeof value === 'string' && value.startsWith('=')) {
		return workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', { $credentials: credentials } as never);
	}
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveWithCredentials(workflow, node, v, credentials)]));
	}
	return value;
}

/**
 * n8n's own credential types the package's nodes use (n8n-nodes-base 2.41: names, what they extend, the generic
 * `authenticate` block of the token credential). The OAuth2 ones sign requests through n8n-core's real requestOAuth2
 * with the test's `oauthTokenData`; the end-to-end tests run n8n's own definitions.
 */
const N8N_CREDENTIAL_TYPES: Record<string, { parents: string[]; authenticate?: ICredentialType['authenticate'] }> = {
	slackApi: { parents: [], authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } } } },
	slackOAuth2Api: { parents: ['oAuth2Api'] },
	gmailOAuth2: { parents: ['googleOAuth2Api', 'oAuth2Api'] },
	googleCalendarOAuth2Api: { parents: ['googleOAuth2Api', 'oAuth2Api'] },
	microsoftOutlookOAuth2Api: { parents: ['microsoftOAuth2Api', 'oAuth2Api'] },
};

function credentialsHelper(credentialsByType: Record<string, ICredentialDataDecryptedObject>) {
	const types = packageCredentialTypes();
	return {
		getParentTypes: (type: string) => N8N_CREDENTIAL_TYPES[type]?.parents ?? [],
		isCredentialUsableByNode: () => true,
		async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
			const data = credentialsByType[type];
			if (!data) throw new Error(`The test gave no credentials of type "${type}"`);
			return data;
		},
		async authenticate(
			credentials: ICredentialDataDecryptedObject,
			typeName: string,
			requestOptions: IHttpRequestOptions,
			workflow: Workflow,
			node: INode,
		): Promise<IHttpRequestOptions> {
			const type = types.get(typeName);
			const authenticate = type?.authenticate ?? N8N_CREDENTIAL_TYPES[typeName]?.authenticate;
			if (!authenticate) return requestOptions;
			if (typeof authenticate === 'function') return authenticate(credentials, requestOptions);
			const properties = resolveWithCredentials(workflow, node, authenticate.properties, credentials) as Record<string, IDataObject>;
			const merged: IHttpRequestOptions = { ...requestOptions };
			if (properties.headers) merged.headers = { ...(merged.headers ?? {}), ...properties.headers };
			if (properties.qs) merged.qs = { ...(merged.qs ?? {}), ...properties.qs };
			if (properties.body && typeof merged.body === 'object') merged.body = { ...(merged.body as IDataObject), ...properties.body };
			if (properties.auth) merged.auth = properties.auth as unknown as IHttpRequestOptions['auth'];
			return merged;
		},
		async preAuthentication() {
			return undefined;
		},
		async runPreAuthentication() {
			return undefined;
		},
		async updateCredentials() {},
		async updateCredentialsOauthTokenData() {},
		getCredentialsProperties: (type: string) => types.get(type)?.properties ?? [],
		async getCredentials() {
			throw new Error('getCredentials is not used by this package');
		},
	};
}

export interface WorkflowFixture {
	name?: string;
	nodes: Array<Omit<INode, 'id' | 'typeVersion' | 'position'> & Partial<Pick<INode, 'id' | 'typeVersion' | 'position'>>>;
	connections: IConnections;
	staticData?: IDataObject;
	/** The workflow's time zone (workflow settings → `this.getTimezone()`); n8n's default (America/New_York) when absent. */
	timezone?: string;
}

export interface RunOptions {
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Name of the node to start from (default: the first node). */
	startNode?: string;
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** Static data after the run (pass it to the next run to simulate n8n persisting it). */
	staticData: IDataObject;
	/** JSON of the items a node emitted on one output (default output 0), pairedItem kept separately. */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	/** Full items (json + pairedItem + error) of a node's output. */
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error a node threw, if any. */
	error(nodeName?: string): Error | undefined;
}

let executionCounter = 0;

/** Run a workflow fixture through n8n-core's WorkflowExecute. */
export async function runWorkflow(fixture: WorkflowFixture, options: RunOptions = {}): Promise<RunResult> {
	const nodes: INode[] = fixture.nodes.map((node, index) => ({
		id: node.id ?? `node-${index}`,
		typeVersion: node.typeVersion ?? 1,
		position: node.position ?? [index * 220, 0],
		...node,
	})) as INode[];
	const workflow = new Workflow({
		id: 'harness',
		name: fixture.name ?? 'harness',
		nodes,
		connections: fixture.connections,
		active: false,
		nodeTypes: packageNodeTypes(),
		staticData: JSON.parse(JSON.stringify(fixture.staticData ?? {})),
		settings: { executionOrder: 'v1', ...(fixture.timezone ? { timezone: fixture.timezone } : {}) },
	});
	const mode = options.mode ?? 'manual';
	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: 'harness',
		name: workflow.name ?? 'harness',
		active: false,
		isArchived: false,
		nodes,
		connections: fixture.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const additionalData = {
		credentialsHelper: credentialsHelper(options.credentials ?? {}),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used by this package');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Code nodes are not supported by the harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = workflow.getNode(options.startNode ?? nodes[0].name)!;
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);

	const runData = run.data.resultData.runData;
	const items = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const tasks = runData[nodeName];
		if (!tasks) throw new Error(`Node "${nodeName}" did not run (ran: ${Object.keys(runData).join(', ')})`);
		return tasks.flatMap((task) => task.data?.main?.[outputIndex] ?? []);
	};
	return {
		run,
		status: run.status,
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		output: (nodeName, outputIndex) => items(nodeName, outputIndex).map((item) => item.json),
		items,
		error: (nodeName) => {
			if (!nodeName) return run.data.resultData.error as Error | undefined;
			return runData[nodeName]?.find((task) => task.error)?.error as Error | undefined;
		},
	};
}

/** A two-node workflow: fixture items → the node under test. */
export function itemsInto(
	nodeType: string,
	parameters: INodeParameters,
	inputItems: IDataObject[],
	extra: Partial<INode> = {},
): WorkflowFixture {
	return {
		nodes: [
			{ name: 'Items', type: 'test.items', parameters: { items: JSON.stringify(inputItems) } },
			{ name: 'Node', type: `${PACKAGE_NAME}.${nodeType}`, parameters, ...extra },
		],
		connections: { Items: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] } },
	};
}

/**
 * What the editor lists for an options parameter with `loadOptionsMethod`: the node type's method run in n8n-core's
 * real LoadOptionsContext, with the node's current parameters (and credentials, as the editor passes them).
 */
export async function loadOptions(
	nodeType: string,
	method: string,
	parameters: INodeParameters,
	options: { credentials?: Record<string, ICredentialDataDecryptedObject>; nodeCredentials?: INode['credentials'] } = {},
): Promise<INodePropertyOptions[]> {
	const node: INode = { id: 'node-0', name: 'Node', type: `${PACKAGE_NAME}.${nodeType}`, typeVersion: 1, position: [0, 0], parameters, credentials: options.nodeCredentials };
	const workflow = new Workflow({ id: 'harness', name: 'harness', nodes: [node], connections: {}, active: false, nodeTypes: packageNodeTypes(), settings: { executionOrder: 'v1' } });
	const additionalData = { credentialsHelper: credentialsHelper(options.credentials ?? {}), currentNodeParameters: parameters, restApiUrl: 'http://localhost:5678/rest', instanceBaseUrl: 'http://localhost:5678', variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	const type = packageNodeTypes().getByNameAndVersion(node.type);
	const load = type.methods?.loadOptions?.[method];
	if (!load) throw new Error(`${nodeType} has no loadOptions method "${method}"`);
	return load.call(new LoadOptionsContext(workflow, node, additionalData, 'parameters'));
}
