import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { hubSpotOwnerName, listHubSpotOwners, type HubSpotClientOptions } from '../../engine/sources/hubspot';
import { buildOwnerDirectory, sweepCrmItems, sweepHubSpot, type CrmSweepResult, type OwnerRow } from '../../engine/sweeps';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { jsonOption } from '../shared/jsonOption';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { crmFormTables, crmSignalsProperties, HUBSPOT_OWNERS_METHOD } from './description';

const STATE_KEY = 'crmSweep';
/** n8n's own Slack credential (as CS Slack Signals uses it), for looking owners up by e-mail. */
const SLACK_CREDENTIAL = 'slackApi';
const FORM = crmFormTables();

/** The owner directory from the Owners rows, the directory JSON and (when switched on) HubSpot's owners and Slack's users. */
async function ownerDirectory(context: IExecuteFunctions, hubspot: HubSpotClientOptions, json: IDataObject | undefined) {
	const rows = ((context.getNodeParameter('ownerRows', 0, {}) as IDataObject).owner ?? []) as OwnerRow[];
	let slack;
	let secrets: string[] = [];
	if (context.getNodeParameter('lookUpSlackUsers', 0, false)) {
		secrets = (await sourceCredentials(context, SLACK_CREDENTIAL)).secrets;
		const transport = sourceContext(context, SLACK_CREDENTIAL, { maxAttempts: FORM.maxAttempts, timeoutSeconds: FORM.requestTimeoutSeconds, secrets });
		slack = { ...transport, baseUrl: (context.getNodeParameter('slackBaseUrl', 0, '') as string).trim().replace(/\/+$/, '') || undefined };
	}
	const directory = await buildOwnerDirectory({ directory: json, rows, hubspot: context.getNodeParameter('loadHubSpotOwners', 0, false) ? hubspot : undefined, slack });
	return { directory, secrets };
}

export class CsCrmSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS CRM Signals',
		name: 'csCrmSignals',
		icon: { light: 'file:csCrmSignals.svg', dark: 'file:csCrmSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "inputItems" ? "From input items" : "HubSpot"}}',
		description: 'Read accounts, deals and contacts from HubSpot (or any rows) and find renewal, contract and payment signals',
		defaults: { name: 'CS CRM Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Accounts', 'Signals'],
		credentials: [
			{ name: 'csHubSpotApi', required: true, displayOptions: { show: { source: ['hubspot'] } } },
			{ name: SLACK_CREDENTIAL, required: true, displayOptions: { show: { source: ['hubspot'], lookUpSlackUsers: [true] } } },
		],
		properties: crmSignalsProperties(),
	};

	methods = {
		loadOptions: {
			/** The portal's owners for the Owners rows: "Dana Kim (dana@example.com)" → owner id. */
			async [HUBSPOT_OWNERS_METHOD](this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const found = await sourceCredentials(this, 'csHubSpotApi');
				const transport = sourceContext(this, 'csHubSpotApi', { maxAttempts: FORM.maxAttempts, timeoutSeconds: FORM.requestTimeoutSeconds, secrets: found.secrets });
				try {
					const owners = await listHubSpotOwners({ ...transport, baseUrl: found.credentials.baseUrl as string });
					return owners
						.map((owner) => ({ name: owner.email ? `${hubSpotOwnerName(owner)} (${owner.email})` : hubSpotOwnerName(owner), value: owner.id }))
						.sort((a, b) => a.name.localeCompare(b.name, 'en'));
				} catch (error) {
					throw nodeError(this.getNode(), error, undefined, found.secrets);
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0) as 'hubspot' | 'inputItems';
		const detection = { ...(this.getNodeParameter('detection', 0, {}) as IDataObject) };
		for (const key of ['stageOrder', 'stageLabels'] as const) detection[key] = jsonOption(this, detection[key], key) as IDataObject;
		const staticData = this.getWorkflowStaticData('node');
		const options = { asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined, timezone: this.getTimezone(), detection, previous: staticData[STATE_KEY] };

		let run: CrmSweepResult;
		let secrets: readonly string[] = [];
		try {
			if (source === 'hubspot') {
				const mapping = { ...(this.getNodeParameter('hubspotMapping', 0, {}) as IDataObject) };
				for (const key of ['ownerDirectory', 'ownerProperties'] as const) mapping[key] = jsonOption(this, mapping[key], key) as IDataObject;
				const found = await sourceCredentials(this, 'csHubSpotApi');
				secrets = found.secrets;
				const transport = sourceContext(this, 'csHubSpotApi', {
					maxAttempts: this.getNodeParameter('maxAttempts', 0, FORM.maxAttempts) as number,
					timeoutSeconds: this.getNodeParameter('requestTimeoutSeconds', 0, FORM.requestTimeoutSeconds) as number,
					secrets,
				});
				const client = { ...transport, baseUrl: found.credentials.baseUrl as string };
				const owners = await ownerDirectory(this, client, mapping.ownerDirectory as IDataObject);
				secrets = [...secrets, ...owners.secrets];
				mapping.ownerDirectory = owners.directory as unknown as IDataObject;
				run = await sweepHubSpot({ ...options, client, mapping });
			} else {
				run = sweepCrmItems({ ...options, items: items.map((item) => item.json), fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject });
			}
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
			return [[failureItem(error, secrets)], []];
		}
		const unusable = unusableItemsOutput(this, run.unusable, {
			...(source === 'hubspot' ? { noun: 'HubSpot company', nounPlural: 'HubSpot companies' } : { noun: 'input item', total: items.length }),
			consequence: 'nothing was emitted and the saved deal stages were not changed',
			otherwise: 'get the other accounts and their signals',
		});
		const accounts: INodeExecutionData[] = run.accounts.map(({ account, itemIndex }) => ({ json: account as unknown as IDataObject, pairedItem: { item: itemIndex } }));
		accounts.push(...unusable);
		const signals: INodeExecutionData[] = run.signals.map(({ signal, itemIndex }) => ({ json: signal as unknown as IDataObject, pairedItem: { item: itemIndex } }));
		staticData[STATE_KEY] = run.state as unknown as IDataObject;
		return [accounts, signals];
	}
}
