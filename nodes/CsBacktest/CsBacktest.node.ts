import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { BacktestInputError, backtestItems, splitHistoryItems, type HistoryItemKind } from '../../engine/backtest';
import { collectPackInputs } from '../../engine/decide';
import { nodeError } from '../shared/errors';
import { backtestProperties } from './description';

const HISTORY_NOUNS: Record<string, string> = { usage: 'usage row', tickets: 'ticket', signals: 'signal' };

export class CsBacktest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Backtest',
		name: 'csBacktest',
		icon: { light: 'file:csBacktest.svg', dark: 'file:csBacktest.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"every " + $parameter["every"] + ", horizon " + $parameter["horizon"]}}',
		description: 'Replay rule packs over past usage, tickets and churn: per-rule precision, recall, lead time and alert volume',
		defaults: { name: 'CS Backtest' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['Accounts', 'History', 'Outcomes'],
		outputs: [NodeConnectionTypes.Main],
		properties: backtestProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const read = (input: number) => {
			try {
				return this.getInputData(input).map((item) => item.json);
			} catch {
				return [];
			}
		};
		const accounts = read(0);
		const history = splitHistoryItems(read(1), this.getNodeParameter('historyKind', 0) as HistoryItemKind);
		const outcomes = read(2);
		const overrides = ((this.getNodeParameter('thresholdOverrides', 0, {}) as IDataObject).override ?? []) as Array<{ name: string; value: string }>;
		let result;
		try {
			result = await backtestItems({ accounts, outcomes, ...history.inputs }, {
				packs: collectPackInputs({ shipped: this.getNodeParameter('packs', 0, []) as string[], customJson: this.getNodeParameter('customPack', 0, '') as string }),
				thresholds: Object.fromEntries(overrides.map((o) => [o.name.trim(), o.value])),
				every: this.getNodeParameter('every', 0) as string,
				horizon: this.getNodeParameter('horizon', 0) as string,
				from: (this.getNodeParameter('from', 0, '') as string) || null,
				to: (this.getNodeParameter('to', 0, '') as string) || null,
				timezone: this.getTimezone(),
			});
		} catch (error) {
			if (!(error instanceof BacktestInputError)) throw nodeError(this.getNode(), error);
			// a bad row of any input: named with its input and item; nothing was replayed
			const located = error.problems.map((problem) => {
				const input = problem.input === 'accounts' ? 0 : problem.input === 'outcomes' ? 2 : 1;
				const item = input === 1 ? history.itemIndexOf(problem.input, problem.itemIndex) : problem.itemIndex;
				const what = input === 1 ? ` (${HISTORY_NOUNS[problem.input] ?? problem.input})` : '';
				// the engine names the item by its place in its own list ("ticket 3: …"): name the input item instead
				return { message: `${['Accounts', 'History', 'Outcomes'][input]} item ${item}${what}: ${problem.message.replace(/^[a-z ]+ \d+: /, '')}`, input, item };
			});
			if (!this.continueOnFail()) {
				const [first] = located;
				throw new NodeOperationError(this.getNode(), `${first.message}${located.length > 1 ? ` (and ${located.length - 1} more)` : ''}`, {
					itemIndex: first.item,
					description: `${located.length} input ${located.length === 1 ? 'item is' : 'items are'} not usable, so nothing was replayed: fix ${located.length === 1 ? 'it' : 'them'} or leave ${located.length === 1 ? 'it' : 'them'} out`,
				});
			}
			return [located.map(({ message, input, item }) => ({ json: { error: message }, pairedItem: { item, input } }))];
		}
		// every figure rests on the whole book: each item is paired with every Accounts item
		const pairedItem = accounts.map((_, item) => ({ item, input: 0 }));
		return [result.map((json) => ({ json: json as unknown as IDataObject, pairedItem }))];
	}
}
