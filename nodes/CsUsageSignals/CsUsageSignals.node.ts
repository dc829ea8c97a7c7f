import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { UnmappedUsageAccountPolicy, UsageRowKind, UsageRunOptions } from '../../engine/detect/usage';
import { mixpanelExportBaseUrl } from '../../engine/sources/mixpanel';
import { pendoBaseUrl } from '../../engine/sources/pendo';
import { sweepMixpanelUsage, sweepPendoUsage, sweepUsageRows, type UsageSweepResult } from '../../engine/sweeps';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureMessage, nodeError } from '../shared/errors';
import { sourceContext, streamSourceContext, type SourceContextSettings } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { usageFormTables, usageSignalsProperties, type UsageMode } from './description';

/** Where the carried usage counts (and so the cursor) live in the node's static data. */
const STATE_KEY = 'usageSweep';
const FORM = usageFormTables();

/** "a, b ,c" → ["a", "b", "c"] (the form's comma-separated lists). */
const list = (text: unknown): string[] | undefined => {
	const items = String(text ?? '')
		.split(',')
		.map((item) => item.trim())
		.filter((item) => item !== '');
	return items.length > 0 ? items : undefined;
};

export class CsUsageSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Usage Signals',
		name: 'csUsageSignals',
		icon: { light: 'file:csUsageSignals.svg', dark: 'file:csUsageSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "inputItems" ? "From input items" : $parameter["source"] === "mixpanel" ? "Mixpanel" : "Pendo"}}',
		description: 'Find churn and expansion signals in product usage (Mixpanel, Pendo or rows): WAU drop, adoption, seats',
		defaults: { name: 'CS Usage Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['Usage', 'Accounts'],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Signals', 'Run Summary'],
		credentials: [
			{ name: 'csMixpanelApi', required: true, displayOptions: { show: { source: ['mixpanel'] } } },
			{ name: 'csPendoApi', required: true, displayOptions: { show: { source: ['pendo'] } } },
		],
		properties: usageSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const mode = this.getNodeParameter('source', 0) as UsageMode;
		const usageItems = this.getInputData(0) ?? [];
		const accountItems = this.getInputData(1) ?? [];
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const carryState = mode !== 'inputItems' || (this.getNodeParameter('carryState', 0, false) as boolean);
		const staticData = carryState ? this.getWorkflowStaticData('node') : undefined;
		const transport = (secrets: readonly string[]): SourceContextSettings => ({
			maxAttempts: (options.maxAttempts as number | undefined) ?? FORM.maxAttempts,
			timeoutSeconds: (options.requestTimeoutSeconds as number | undefined) ?? FORM.requestTimeoutSeconds,
			secrets,
		});
		const common: UsageRunOptions & { accounts: unknown[]; previous: unknown } = {
			accounts: accountItems.map((item) => item.json),
			previous: staticData?.[STATE_KEY],
			asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
			thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
			accountKeyField: this.getNodeParameter('accountKeyField', 0, '') as string,
			unmappedAccounts: this.getNodeParameter('unmappedAccounts', 0, 'error') as UnmappedUsageAccountPolicy,
			loginEvents: options.loginEvents === undefined ? undefined : (list(options.loginEvents) ?? []),
			integrationEvents: list(options.integrationEvents),
			keyModules: list(options.keyModules),
			system: (options.sourceSystem as string | undefined) || undefined,
			limits: Object.fromEntries(Object.keys(FORM.limits).filter((key) => options[key] !== undefined).map((key) => [key, options[key]])),
		};

		// what the run itself (its summary, a failure) is paired with: the trigger or first row, else the first account
		const anchor = usageItems.length === 0 && accountItems.length > 0 ? { item: 0, input: 1 } : { item: 0 };
		let run: UsageSweepResult;
		let secrets: readonly string[] = [];
		try {
			if (mode === 'mixpanel') {
				const found = await sourceCredentials(this, 'csMixpanelApi');
				const credentials = found.credentials;
				secrets = found.secrets;
				run = await sweepMixpanelUsage({
					...common,
					client: { ...streamSourceContext(this, 'csMixpanelApi', transport(secrets)), baseUrl: mixpanelExportBaseUrl(credentials) },
					projectId: credentials.projectId as string,
					timezone: (credentials.projectTimezone as string | undefined) || 'UTC',
					mapping: Object.fromEntries(Object.keys(FORM.mixpanel).map((key) => [key, this.getNodeParameter(key, 0, FORM.mixpanel[key as keyof typeof FORM.mixpanel])])),
					events: list(this.getNodeParameter('mixpanelEvents', 0, '')),
					where: (this.getNodeParameter('mixpanelWhere', 0, '') as string) || undefined,
				});
			} else if (mode === 'pendo') {
				const found = await sourceCredentials(this, 'csPendoApi');
				const credentials = found.credentials;
				secrets = found.secrets;
				run = await sweepPendoUsage({
					...common,
					client: { ...sourceContext(this, 'csPendoApi', transport(secrets)), baseUrl: pendoBaseUrl(credentials) },
					timezone: (credentials.subscriptionTimezone as string | undefined) || 'UTC',
					byFeature: this.getNodeParameter('pendoByFeature', 0, false) as boolean,
					appId: (this.getNodeParameter('pendoAppId', 0, '') as string) || undefined,
					daysPerRequest: (options.pendoDaysPerRequest as number | undefined) ?? FORM.pendoDaysPerRequest,
				});
			} else {
				run = await sweepUsageRows(
					usageItems.map((item) => item.json),
					{
						...common,
						timezone: this.getTimezone(),
						fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject,
						rowKind: this.getNodeParameter('rowKind', 0, 'auto') as UsageRowKind,
						carryState,
					},
				);
			}
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
			return [[{ json: { error: failureMessage(error, secrets) }, pairedItem: anchor }], []];
		}

		const unusable = unusableItemsOutput(this, run.unusable, {
			noun: mode === 'inputItems' ? 'usage item' : 'usage record',
			...(carryState ? { consequence: 'the stored counts were not changed' } : {}),
			otherwise: 'get signals from the others',
			inputOf: (item) => (item.input === 'accounts' ? 1 : 0),
		});
		// signals are paired with their account's item when the accounts came in, else with the run's first item
		const signals: INodeExecutionData[] = run.signals.map((signal) => {
			const accountIndex = run.accountItemIndexes.get(signal.accountId);
			return { json: signal as unknown as IDataObject, pairedItem: accountIndex === undefined ? anchor : { item: accountIndex, input: 1 } };
		});
		if (staticData) staticData[STATE_KEY] = run.state as unknown as IDataObject;
		return [[...signals, ...unusable], [{ json: { source: mode, ...run.summary } as unknown as IDataObject, pairedItem: anchor }]];
	}
}
