import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import type { EmailDetection, EmailDetectionOptions } from '../../engine/detect/email';
import { accountDirectory } from '../../engine/model';
import { graphBaseUrl } from '../../engine/sources/graph';
import { accountsFromItems, sweepEmailItems, sweepGmail, sweepGraph, type EmailSweepResult } from '../../engine/sweeps';
import { listSetting, readAccountMapping } from '../shared/conversation';
import { readLanguageOptions } from '../shared/languageOptions';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { sourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { emailFormTables, emailSignalsProperties } from './description';

/** n8n's own credential types (n8n-nodes-base): Gmail OAuth2 and Microsoft Outlook OAuth2 (its Graph host included). */
const GMAIL_CREDENTIAL = 'gmailOAuth2';
const GRAPH_CREDENTIAL = 'microsoftOutlookOAuth2Api';
const STATE_KEYS = { gmail: 'gmailSweep', microsoftGraph: 'graphSweep' } as const;
const FORM = emailFormTables();

export class CsEmailSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Email Signals',
		name: 'csEmailSignals',
		icon: { light: 'file:csEmailSignals.svg', dark: 'file:csEmailSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "gmail" ? "Gmail" : $parameter["source"] === "microsoftGraph" ? "Microsoft Graph" : "From input items"}}',
		description: 'Find churn and expansion signals in customer e-mail: slower replies, silent contacts, tone, cancel talk',
		defaults: { name: 'CS Email Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: GMAIL_CREDENTIAL, required: true, displayOptions: { show: { source: ['gmail'] } } },
			{ name: GRAPH_CREDENTIAL, required: true, displayOptions: { show: { source: ['microsoftGraph'] } } },
		],
		properties: emailSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const source = this.getNodeParameter('source', 0) as 'gmail' | 'microsoftGraph' | 'inputItems';
		let detection: EmailDetectionOptions;
		try {
			const language = readLanguageOptions(this);
			detection = {
				thresholds: this.getNodeParameter('thresholds', 0, {}) as IDataObject,
				lexicons: language.lexicons,
				redact: language.redact,
				snippetChars: language.snippetChars,
				vendorDomains: listSetting(this.getNodeParameter('vendorDomains', 0, '')),
				asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
				timezone: this.getTimezone(),
			};
		} catch (error) {
			throw nodeError(this.getNode(), error, 0);
		}
		if (source !== 'inputItems') return executeMailbox.call(this, source, items, detection);
		let result: ReturnType<typeof sweepEmailItems>;
		try {
			result = sweepEmailItems({ items: items.map((item) => item.json), fieldMap: this.getNodeParameter('fieldMapping', 0, {}) as IDataObject, mapping: readAccountMapping(this), detection });
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, { noun: 'e-mail item', total: items.length, otherwise: 'get signals from the others' });
		return [[...signalItems(result.detections), ...unusable]];
	}
}

function signalItems(detections: readonly EmailDetection[], pairTo?: number): INodeExecutionData[] {
	return detections.map(({ signal, itemIndexes }) => ({
		json: signal as unknown as IDataObject,
		pairedItem: pairTo !== undefined ? { item: pairTo } : itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item })),
	}));
}

/** Gmail / Microsoft Graph: one sweep from the stored cursor; static data is written only when the run succeeds. */
async function executeMailbox(this: IExecuteFunctions, source: 'gmail' | 'microsoftGraph', items: INodeExecutionData[], detection: EmailDetectionOptions): Promise<INodeExecutionData[][]> {
	const staticData = this.getWorkflowStaticData('node');
	const accounts = accountsFromItems(items.map((item) => item.json));
	const connection = this.getNodeParameter('connection', 0, {}) as IDataObject;
	const maxAttempts = typeof connection.maxAttempts === 'number' ? connection.maxAttempts : FORM.maxAttempts;
	const timeoutSeconds = typeof connection.requestTimeoutSeconds === 'number' ? connection.requestTimeoutSeconds : FORM.requestTimeoutSeconds;
	const { asOf, timezone, vendorDomains, ...rest } = detection;
	const common = {
		previous: staticData[STATE_KEYS[source]],
		asOf: asOf as string | undefined,
		timezone,
		windowDays: this.getNodeParameter('windowDays', 0, FORM.windowDays) as number,
		text: this.getNodeParameter('readText', 0, true) as boolean,
		directory: accountDirectory(accounts.accounts, readAccountMapping(this)),
		vendorDomains,
		detection: rest,
	};
	let run: EmailSweepResult;
	let secrets: readonly string[] = [];
	try {
		const credentialType = source === 'gmail' ? GMAIL_CREDENTIAL : GRAPH_CREDENTIAL;
		const found = await sourceCredentials(this, credentialType);
		secrets = found.secrets;
		const transport = sourceContext(this, credentialType, { maxAttempts, timeoutSeconds, secrets });
		if (source === 'gmail') {
			const baseUrl = typeof connection.gmailBaseUrl === 'string' && connection.gmailBaseUrl.trim() ? connection.gmailBaseUrl.trim().replace(/\/+$/, '') : FORM.gmailBaseUrl;
			run = await sweepGmail({ ...common, client: { ...transport, baseUrl }, query: this.getNodeParameter('gmailQuery', 0, '') as string });
		} else {
			run = await sweepGraph({ ...common, client: { ...transport, baseUrl: graphBaseUrl(found.credentials) }, mailbox: this.getNodeParameter('graphMailbox', 0, 'me') as string });
		}
	} catch (error) {
		if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
		return [[failureItem(error, secrets)]];
	}
	const unusable = unusableItemsOutput(this, [...accounts.unusable, ...run.unusable], {
		noun: 'account item',
		consequence: 'the cursor was not advanced',
		otherwise: 'get signals from the mailbox',
	});
	staticData[STATE_KEYS[source]] = run.state as unknown as IDataObject;
	return [[...signalItems(run.detections, 0), ...unusable]];
}
