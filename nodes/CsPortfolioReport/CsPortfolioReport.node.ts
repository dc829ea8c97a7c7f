import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { reportFromItems, REPORT_DEFAULTS } from '../../engine/act/report';
import { RecordStoreLedger } from '../../engine/ledger';
import { nodeError } from '../shared/errors';
import { unusableItemsOutput } from '../shared/unusableItems';

const DEFAULT_TITLE = REPORT_DEFAULTS.title;

export class CsPortfolioReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Portfolio Report',
		name: 'csPortfolioReport',
		icon: { light: 'file:csPortfolioReport.svg', dark: 'file:csPortfolioReport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: 'Weekly leadership report',
		description: 'Weekly leadership report on the whole book: health, at-risk ARR, renewals, expansion pipeline, NRR/GRR',
		defaults: { name: 'CS Portfolio Report' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: "Send every AccountIntelligence item of the book; Action items (and CS Decision Ledger's done records) add actions this week and detection-to-action time. All items become one report item.",
				name: 'inputsNotice',
				type: 'notice',
				default: '',
			},
			{ displayName: 'Title', name: 'title', type: 'string', noDataExpression: true, default: DEFAULT_TITLE },
			{
				displayName: 'Once per Week',
				name: 'oncePerWeek',
				type: 'boolean',
				noDataExpression: true,
				default: false,
				description: "Whether to emit the report only once per ISO week (remembered in the workflow's static data): a second run in the same week emits nothing, so nothing is sent twice",
			},
			{ displayName: 'As Of', name: 'asOf', type: 'dateTime', noDataExpression: true, default: '', description: "Week ending (default: the latest as-of of the intelligence items); without an offset it is read in the workflow's time zone" },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const asOf = (this.getNodeParameter('asOf', 0, '') as string) || undefined;
		const title = this.getNodeParameter('title', 0) as string;
		const oncePerWeek = this.getNodeParameter('oncePerWeek', 0, false) as boolean;
		let result: ReturnType<typeof reportFromItems>;
		try {
			result = reportFromItems(items.map((item) => item.json), {
				asOf,
				title,
				timezone: this.getTimezone(),
				oncePerWeek: oncePerWeek ? new RecordStoreLedger(this.getWorkflowStaticData('global')) : undefined,
			});
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, { noun: 'input item', total: items.length, otherwise: 'report on the others' });
		if (!result.output) return [unusable];
		const { report, html, markdown, slack } = result.output;
		const output: INodeExecutionData[] = [
			{
				json: {
					report: report as unknown as INodeExecutionData['json'],
					html,
					markdown,
					slack: slack as unknown as INodeExecutionData['json'],
					...(result.warnings.length ? { warnings: result.warnings } : {}),
				},
				pairedItem: result.used.map((item) => ({ item })),
			},
		];
		return [[...output, ...unusable]];
	}
}
