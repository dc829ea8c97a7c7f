import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';
import { aggregateItems, recordHealthScores, type AggregateItemsResult, type UnmatchedSignalPolicy } from '../../engine/aggregate';
import { RecordStoreLedger } from '../../engine/ledger';
import { nodeError } from '../shared/errors';
import { unusableItemsOutput } from '../shared/unusableItems';
import { accountIntelligenceProperties, intelligenceOverrides } from './description';

export class CsAccountIntelligence implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Account Intelligence',
		name: 'csAccountIntelligence',
		icon: { light: 'file:csAccountIntelligence.svg', dark: 'file:csAccountIntelligence.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["bandScheme"] === "five" ? "Five-band health" : "Three-band health"}}',
		description: 'Score each account from its signals: health score, churn risk, expansion readiness and renewal forecast',
		defaults: { name: 'CS Account Intelligence' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['Accounts', 'Signals'],
		outputs: [NodeConnectionTypes.Main],
		properties: accountIntelligenceProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const accountItems = this.getInputData(0);
		const signalItems = this.getInputData(1) ?? [];
		const ledger = this.getNodeParameter('useLedgerForTrend', 0, false) ? new RecordStoreLedger(this.getWorkflowStaticData('global')) : undefined;

		let result: AggregateItemsResult;
		try {
			result = aggregateItems(
				accountItems.map((item) => item.json),
				signalItems.map((item) => item.json),
				{
					asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
					timezone: this.getTimezone(),
					overrides: intelligenceOverrides({
						advancedOverrides: this.getNodeParameter('advancedOverrides', 0, '{}'),
						bandScheme: this.getNodeParameter('bandScheme', 0),
						healthWeights: this.getNodeParameter('healthWeights', 0, {}) as IDataObject,
						freshness: this.getNodeParameter('freshness', 0, {}) as IDataObject,
						expansionWeights: this.getNodeParameter('expansionWeights', 0, {}) as IDataObject,
						windows: this.getNodeParameter('windows', 0, {}) as IDataObject,
					}),
					unmatchedSignals: this.getNodeParameter('unmatchedSignals', 0) as UnmatchedSignalPolicy,
					healthHistory: ledger ? (accountId) => ledger.getHealthHistory(accountId) : undefined,
				},
			);
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, {
			noun: 'input item',
			otherwise: 'score the others',
			inputOf: (item) => (item.input === 'signals' ? 1 : 0),
		});
		if (ledger) recordHealthScores(ledger, result.items.map((item) => item.intelligence));

		const output: INodeExecutionData[] = result.items.map(({ intelligence, accountIndex, signalIndexes }) => ({
			json: intelligence as unknown as IDataObject,
			pairedItem: [{ item: accountIndex, input: 0 }, ...signalIndexes.map((item): IPairedItemData => ({ item, input: 1 }))],
		}));
		return [[...output, ...unusable]];
	}
}
