import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { detectSupportSignalsFromItems } from '../../engine/detect/support';
import { intercomBaseUrl, type IntercomAccountKey, type IntercomPriorityLevel } from '../../engine/sources/intercom';
import { zendeskBaseUrl } from '../../engine/sources/zendesk';
import { sweepIntercom, sweepZendesk } from '../../engine/sweeps';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { jsonOption } from '../shared/jsonOption';
import { readLanguageOptions, type LanguageSettings } from '../shared/languageOptions';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { supportFormTables, supportSignalsProperties } from './description';

const ZENDESK_STATE_KEY = 'zendeskSweep';
const INTERCOM_STATE_KEY = 'intercomSweep';
const FORM = supportFormTables();

export class CsSupportSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Support Signals',
		name: 'csSupportSignals',
		icon: { light: 'file:csSupportSignals.svg', dark: 'file:csSupportSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {"zendesk": "Zendesk", "intercom": "Intercom", "inputItems": "From input items"}[$parameter["source"]] ?? $parameter["source"] }}',
		description: 'Support tickets (Zendesk, Intercom, any helpdesk) into signals: spikes, escalations, CSAT, SLA breach, frustration',
		defaults: { name: 'CS Support Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'csZendeskApi', required: true, displayOptions: { show: { source: ['zendesk'] } } },
			{ name: 'csIntercomApi', required: true, displayOptions: { show: { source: ['intercom'] } } },
		],
		properties: supportSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		let language: LanguageSettings;
		try {
			language = readLanguageOptions(this);
		} catch (error) {
			throw nodeError(this.getNode(), error, 0);
		}
		if (this.getNodeParameter('source', 0) === 'zendesk') return executeZendesk.call(this, language);
		if (this.getNodeParameter('source', 0) === 'intercom') return executeIntercom.call(this, language);
		const items = this.getInputData();
		let result: ReturnType<typeof detectSupportSignalsFromItems>;
		try {
			result = detectSupportSignalsFromItems(
				items.map((item) => item.json),
				{
					fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject,
					thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
					asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
					timezone: this.getTimezone(),
					system: this.getNodeParameter('sourceSystem', 0, FORM.sourceSystem) as string,
					lexicons: language.lexicons,
					redact: language.redact,
					snippetChars: language.snippetChars,
				},
			);
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, {
			noun: 'ticket item',
			total: items.length,
			otherwise: 'get signals from the others',
			fields: (item) => ({ ticketIndex: item.itemIndex }),
		});
		const output: INodeExecutionData[] = result.detections.map(({ signal, itemIndexes }) => ({
			json: signal as unknown as IDataObject,
			pairedItem: itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item })),
		}));
		return [[...output, ...unusable]];
	}
}

/** Zendesk mode: one sweep from the stored cursor; static data is written only when the run succeeds. */
async function executeZendesk(this: IExecuteFunctions, language: LanguageSettings): Promise<INodeExecutionData[][]> {
	const staticData = this.getWorkflowStaticData('node');
	let run: Awaited<ReturnType<typeof sweepZendesk>>;
	let secrets: readonly string[] = [];
	try {
		const found = await sourceCredentials(this, 'csZendeskApi');
		secrets = found.secrets;
		const baseUrl = zendeskBaseUrl(found.credentials);
		const transport = sourceContext(this, 'csZendeskApi', {
			maxAttempts: this.getNodeParameter('maxAttempts', 0, FORM.maxAttempts) as number,
			timeoutSeconds: this.getNodeParameter('requestTimeoutSeconds', 0, FORM.requestTimeoutSeconds) as number,
			secrets,
		});
		run = await sweepZendesk({
			client: { ...transport, baseUrl },
			previous: staticData[ZENDESK_STATE_KEY],
			asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
			windowDays: this.getNodeParameter('zendeskWindowDays', 0, FORM.zendeskWindowDays) as number,
			includeSatisfactionRatings: this.getNodeParameter('zendeskSatisfactionRatings', 0, true) as boolean,
			thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
			timezone: this.getTimezone(),
			system: this.getNodeParameter('sourceSystem', 0, FORM.sourceSystem) as string,
			readComments: this.getNodeParameter('zendeskComments', 0, true) as boolean,
			readSlaEvents: this.getNodeParameter('zendeskSlaEvents', 0, true) as boolean,
			lexicons: language.lexicons,
			redact: language.redact,
			snippetChars: language.snippetChars,
		});
	} catch (error) {
		if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
		return [[failureItem(error, secrets)]];
	}
	return helpdeskRunOutput(this, run, staticData, ZENDESK_STATE_KEY, { noun: 'Zendesk ticket', consequence: 'the cursor was not advanced' });
}

/** Intercom mode: the conversations changed since the stored mark; static data is written only when the run succeeds. */
async function executeIntercom(this: IExecuteFunctions, language: LanguageSettings): Promise<INodeExecutionData[][]> {
	const staticData = this.getWorkflowStaticData('node');
	let run: Awaited<ReturnType<typeof sweepIntercom>>;
	let secrets: readonly string[] = [];
	try {
		const found = await sourceCredentials(this, 'csIntercomApi');
		secrets = found.secrets;
		const baseUrl = intercomBaseUrl(found.credentials);
		const transport = sourceContext(this, 'csIntercomApi', {
			maxAttempts: this.getNodeParameter('maxAttempts', 0, FORM.maxAttempts) as number,
			timeoutSeconds: this.getNodeParameter('requestTimeoutSeconds', 0, FORM.requestTimeoutSeconds) as number,
			secrets,
		});
		const companyAccounts = jsonOption(this, this.getNodeParameter('intercomCompanyAccounts', 0, '{}'), 'Company → Account (JSON)') as Record<string, string> | undefined;
		const workspaceId = typeof found.credentials.workspaceId === 'string' ? found.credentials.workspaceId.trim() : '';
		run = await sweepIntercom({
			client: { ...transport, baseUrl },
			previous: staticData[INTERCOM_STATE_KEY],
			asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
			windowDays: this.getNodeParameter('intercomWindowDays', 0, FORM.intercomWindowDays) as number,
			readParts: this.getNodeParameter('intercomReadParts', 0, true) as boolean,
			accountKey: this.getNodeParameter('intercomAccountKey', 0, FORM.intercomAccountKey) as IntercomAccountKey,
			...(companyAccounts ? { companyAccounts } : {}),
			prioritisedAs: this.getNodeParameter('intercomPrioritisedAs', 0, FORM.intercomPrioritisedAs) as IntercomPriorityLevel,
			...(workspaceId ? { workspaceId } : {}),
			thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
			timezone: this.getTimezone(),
			system: 'intercom',
			lexicons: language.lexicons,
			redact: language.redact,
			snippetChars: language.snippetChars,
		});
	} catch (error) {
		if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
		return [[failureItem(error, secrets)]];
	}
	return helpdeskRunOutput(this, run, staticData, INTERCOM_STATE_KEY, { noun: 'Intercom conversation', consequence: 'the stored mark was not advanced' });
}

/** A helpdesk sweep's items: its signals, then its unusable records (named); its state stored only now, after success. */
function helpdeskRunOutput(
	ctx: IExecuteFunctions,
	run: { detections: Array<{ signal: unknown }>; unusable: Parameters<typeof unusableItemsOutput>[1]; state: unknown },
	staticData: IDataObject,
	stateKey: string,
	wording: { noun: string; consequence: string },
): INodeExecutionData[][] {
	const unusable = unusableItemsOutput(ctx, run.unusable, { ...wording, otherwise: 'get signals from the others' });
	const output: INodeExecutionData[] = run.detections.map(({ signal }) => ({ json: signal as IDataObject, pairedItem: { item: 0 } }));
	staticData[stateKey] = run.state as IDataObject;
	return [[...output, ...unusable]];
}
