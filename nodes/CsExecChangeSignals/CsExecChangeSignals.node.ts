import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { sweepExecHubSpot, sweepExecItems, type ExecSweepResult, type SignalEmitMode } from '../../engine/sweeps';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { jsonOption } from '../shared/jsonOption';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { execChangeSignalsProperties, execFormTables, type ExecSource } from './description';

const STATE_KEY = 'execSweep';
const FORM = execFormTables();

export class CsExecChangeSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Executive Change Signals',
		name: 'csExecChangeSignals',
		icon: { light: 'file:csExecChangeSignals.svg', dark: 'file:csExecChangeSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "inputItems" ? "From input items" : "HubSpot"}}',
		description: 'Spot executive changes at customer accounts: champion left or promoted, new executive, re-organisation',
		defaults: { name: 'CS Executive Change Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['Contact Changes', 'Accounts'],
		outputs: [NodeConnectionTypes.Main],
		outputNames: ['Signals'],
		credentials: [{ name: 'csHubSpotApi', required: true, displayOptions: { show: { source: ['hubspot'] } } }],
		properties: execChangeSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const source = this.getNodeParameter('source', 0) as ExecSource;
		const accounts = (this.getInputData(1) ?? []).map((item) => item.json);
		const staticData = this.getWorkflowStaticData('node');
		let run: ExecSweepResult;
		let secrets: readonly string[] = [];
		try {
			if (accounts.length === 0) {
				throw new NodeOperationError(this.getNode(), 'No Account items arrived on the "Accounts" input', {
					description: "Connect CS CRM Signals' Accounts output (or any Account items) to the second input: contacts are matched to accounts there, and their champion and sponsor roles come from them",
				});
			}
			const common = {
				accounts,
				asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
				detection: this.getNodeParameter('detection', 0, {}) as IDataObject,
				seniorityTable: jsonOption(this, this.getNodeParameter('seniorityTable', 0, '{}'), 'Extra Seniority Phrases'),
				emit: this.getNodeParameter('emit', 0, FORM.emit) as SignalEmitMode,
				previous: staticData[STATE_KEY],
			};
			if (source === 'hubspot') {
				const found = await sourceCredentials(this, 'csHubSpotApi');
				secrets = found.secrets;
				const transport = sourceContext(this, 'csHubSpotApi', {
					maxAttempts: this.getNodeParameter('maxAttempts', 0, FORM.maxAttempts) as number,
					timeoutSeconds: this.getNodeParameter('requestTimeoutSeconds', 0, FORM.requestTimeoutSeconds) as number,
					secrets,
				});
				const client = { ...transport, baseUrl: found.credentials.baseUrl as string };
				run = await sweepExecHubSpot({ ...common, client, mapping: this.getNodeParameter('hubspotMapping', 0, {}) as IDataObject });
			} else {
				run = sweepExecItems({
					...common,
					rows: this.getInputData(0).map((item) => item.json),
					fieldMap: { preset: this.getNodeParameter('fieldMapPreset', 0, FORM.presets[0]) as string, ...(this.getNodeParameter('fieldMapping', 0, {}) as IDataObject) },
					system: this.getNodeParameter('sourceSystem', 0, 'input') as string,
					timeZone: this.getTimezone(),
				});
			}
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
			return [[failureItem(error, secrets)]];
		}
		const unusable = unusableItemsOutput(this, run.unusable, {
			noun: source === 'hubspot' ? 'item' : 'row or account',
			nounPlural: source === 'hubspot' ? 'items' : 'rows or accounts',
			consequence: 'nothing was emitted and the saved state was not changed',
			otherwise: 'get the signals of the others',
			inputOf: (item) => (item.input === 'accounts' ? 1 : 0),
		});
		const signals: INodeExecutionData[] = run.detections.map(({ signal, itemIndexes, input }) => ({
			json: signal as unknown as IDataObject,
			pairedItem: itemIndexes.map((item) => ({ item, input: input === 'accounts' ? 1 : 0 })),
		}));
		staticData[STATE_KEY] = run.state as unknown as IDataObject;
		return [[...signals, ...unusable]];
	}
}

