import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { reportFromItems, REPORT_DEFAULTS } from '../../engine/act/report';
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
		description:
			'One report for the whole book: health distribution, at-risk ARR, renewals due in 30/60/90/120 days with forecast, expansion pipeline, NRR/GRR, triggers this week, detection-to-action time. HTML with inline charts, markdown and a Slack summary.',
		defaults: { name: 'CS Portfolio Report' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Send every AccountIntelligence item of the book; Decision items (and items with firedAt/actionedAt) add triggers this week and detection-to-action time. All items become one report item.',
				name: 'inputsNotice',
				type: 'notice',
				default: '',
			},
			{ displayName: 'Title', name: 'title', type: 'string', noDataExpression: true, default: DEFAULT_TITLE },
			{ displayName: 'As Of', name: 'asOf', type: 'dateTime', noDataExpression: true, default: '', description: 'Week ending (default: the latest as-of of the intelligence items)' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const asOf = (this.getNodeParameter('asOf', 0, '') as string) || undefined;
		const title = this.getNodeParameter('title', 0) as string;
		let result: ReturnType<typeof reportFromItems>;
		try {
			result = reportFromItems(items.map((item) => item.json), { asOf, title, timezone: this.getTimezone() });
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, { noun: 'input item', total: items.length, otherwise: 'report on the others' });
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
