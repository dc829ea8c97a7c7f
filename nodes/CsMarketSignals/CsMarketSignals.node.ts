import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { cleanOptions, sweepMarketFeeds, sweepMarketItems, type MarketFeedsSweepResult, type MarketItemsSweepResult, type SignalEmitMode } from '../../engine/sweeps';
import { sourceCredentials } from '../shared/credentialSecrets';
import { failureItem, nodeError } from '../shared/errors';
import { jsonOption } from '../shared/jsonOption';
import { textSourceContext } from '../shared/sourceRequest';
import { unusableItemsOutput } from '../shared/unusableItems';
import { marketFormTables, marketSignalsProperties, type MarketSource } from './description';

const STATE_KEY = 'marketSweep';
const EDGAR_CREDENTIAL = 'csSecEdgarApi';
const FORM = marketFormTables();

export class CsMarketSignals implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Market Signals',
		name: 'csMarketSignals',
		icon: { light: 'file:csMarketSignals.svg', dark: 'file:csMarketSignals.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["source"] === "inputItems" ? "From input items" : "News feeds"}}',
		description: 'Find news about customer accounts that matters to CS: acquisition, layoffs, funding, leadership change',
		defaults: { name: 'CS Market Signals' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['News Items', 'Accounts'],
		outputs: [NodeConnectionTypes.Main],
		outputNames: ['Signals'],
		credentials: [{ name: EDGAR_CREDENTIAL, required: false, displayOptions: { show: { source: ['feeds'] } } }],
		properties: marketSignalsProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const source = this.getNodeParameter('source', 0) as MarketSource;
		const accounts = (this.getInputData(1) ?? []).map((item) => item.json);
		const staticData = this.getWorkflowStaticData('node');
		let run: MarketFeedsSweepResult | MarketItemsSweepResult;
		let secrets: readonly string[] = [];
		try {
			if (accounts.length === 0) {
				throw new NodeOperationError(this.getNode(), 'No Account items arrived on the "Accounts" input', {
					description: 'Connect Account items (CS CRM Signals\' Accounts output, or any) to the second input: news is matched to their names, aliases and domains',
				});
			}
			const raw = this.getNodeParameter('detection', 0, {}) as IDataObject;
			const table = jsonOption(this, raw.table, 'Market News Table');
			const detection = {
				...(typeof raw.competitors === 'string' && raw.competitors.trim() ? { competitors: raw.competitors.split(',').map((name) => name.trim()).filter(Boolean) } : {}),
				...(typeof raw.maxArticleAgeDays === 'number' && raw.maxArticleAgeDays > 0 ? { maxArticleAgeDays: raw.maxArticleAgeDays } : {}),
				...(typeof raw.storyWindowHours === 'number' ? { storyWindowHours: raw.storyWindowHours } : {}),
				...(typeof raw.titleSimilarity === 'number' ? { titleSimilarity: raw.titleSimilarity } : {}),
				...(table ? { table } : {}),
			};
			const common = {
				accounts,
				accountFields: cleanOptions(this.getNodeParameter('accountFields', 0, {}) as IDataObject) as Record<string, string>,
				detection,
				asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
			};
			if (source === 'inputItems') {
				run = sweepMarketItems({ ...common, items: this.getInputData(0).map((item) => item.json) });
			} else {
				const transport = {
					maxAttempts: this.getNodeParameter('maxAttempts', 0, FORM.maxAttempts) as number,
					timeoutSeconds: this.getNodeParameter('requestTimeoutSeconds', 0, FORM.requestTimeoutSeconds) as number,
				};
				// the credential is optional (only EDGAR feeds need it): n8n refuses getCredentials for one not set
				const hasEdgar = Boolean(this.getNode().credentials?.[EDGAR_CREDENTIAL]);
				const edgar = hasEdgar ? await sourceCredentials(this, EDGAR_CREDENTIAL) : undefined;
				secrets = edgar?.secrets ?? [];
				const edgarCredential = edgar?.credentials;
				run = await sweepMarketFeeds({
					...common,
					feeds: ((this.getNodeParameter('feeds', 0, {}) as IDataObject).feed as IDataObject[] | undefined)?.map((row) => cleanOptions(row)) ?? [],
					settings: {
						googleNewsForEveryAccount: this.getNodeParameter('googleNewsForEveryAccount', 0, FORM.settings.googleNewsForEveryAccount) as boolean,
						feedsFromAccounts: this.getNodeParameter('feedsFromAccounts', 0, FORM.settings.feedsFromAccounts) as boolean,
						...cleanOptions(this.getNodeParameter('feedOptions', 0, {}) as IDataObject, ['filingItemText']),
					},
					contexts: { feeds: textSourceContext(this, undefined, { ...transport, secrets }), ...(hasEdgar ? { edgar: textSourceContext(this, EDGAR_CREDENTIAL, { ...transport, secrets }) } : {}) },
					...(edgarCredential ? { edgar: { userAgent: edgarCredential.userAgent as string, baseUrl: edgarCredential.baseUrl as string } } : {}),
					emit: this.getNodeParameter('emit', 0, FORM.emit) as SignalEmitMode,
					previous: staticData[STATE_KEY],
				});
			}
		} catch (error) {
			if (!this.continueOnFail()) throw nodeError(this.getNode(), error, 0, secrets);
			return [[failureItem(error, secrets)]];
		}
		const unusable = unusableItemsOutput(this, run.unusable, {
			noun: source === 'inputItems' ? 'news item or account' : 'account or feed',
			nounPlural: source === 'inputItems' ? 'news items or accounts' : 'accounts or feeds',
			consequence: source === 'inputItems' ? undefined : 'nothing was emitted and no feed state was saved',
			otherwise: 'get the signals of the others',
			inputOf: (item) => (item.input === 'accounts' ? 1 : 0),
		});
		const signals: INodeExecutionData[] = run.detections.map(({ signal, itemIndexes, input }) => ({
			json: signal as unknown as IDataObject,
			pairedItem: itemIndexes.map((item) => ({ item, input: input === 'accounts' ? 1 : 0 })),
		}));
		if ('state' in run) {
			if (run.problems.length > 0) this.addExecutionHints(...run.problems.map((message) => ({ message, type: 'warning' as const, location: 'outputPane' as const })));
			staticData[STATE_KEY] = run.state as unknown as IDataObject;
		}
		return [[...signals, ...unusable]];
	}
}
