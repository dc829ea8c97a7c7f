import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { perItem } from '../shared/perItem';
import { briefFromItem, type BriefFormat, type BriefItemType } from '../../engine/act/briefs';

export class CsAccountBrief implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Account Brief',
		name: 'csAccountBrief',
		icon: { light: 'file:csAccountBrief.svg', dark: 'file:csAccountBrief.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["briefType"]}}',
		description:
			'Executive risk brief, pre-meeting brief, EBR/QBR agenda or a Slack alert for a decision: markdown, Slack Block Kit, e-mail-safe HTML and a context object for an AI node. Every factual sentence cites its signals.',
		defaults: { name: 'CS Account Brief' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Brief Type',
				name: 'briefType',
				type: 'options',
				default: 'executive',
				options: [
					{ name: 'EBR Agenda', value: 'ebr', description: 'Executive business review agenda with signal-sourced talking points' },
					{ name: 'Executive Risk Brief', value: 'executive', description: 'Headline, what changed, compounding signals, relationship map, recommended action' },
					{ name: 'Pre-Meeting Brief', value: 'pre-meeting', description: 'Signal summary, relationship map, risk indicators, history, conversation focus' },
					{ name: 'QBR Agenda', value: 'qbr', description: 'Quarterly business review agenda with signal-sourced talking points' },
					{ name: 'Slack Alert for a Decision', value: 'slack-alert', description: 'Input items are Decisions from CS Decision Triggers' },
				],
			},
			{
				displayName: 'Outputs',
				name: 'formats',
				type: 'multiOptions',
				default: ['markdown', 'html', 'slack', 'context'],
				options: [
					{ name: 'Markdown', value: 'markdown' },
					{ name: 'HTML (E-Mail Safe)', value: 'html' },
					{ name: 'Slack Block Kit', value: 'slack', description: 'An object with text (fallback) and blocks' },
					{ name: 'AI Context', value: 'context', description: 'Structured facts with numbered sources for an AI node' },
				],
			},
			{
				displayName: 'Signals Field',
				name: 'signalsField',
				type: 'string',
				default: 'signals',
				description:
					'Field on each input item holding that account\'s Signal items (an array, e.g. attached with a Merge or Aggregate node). Without it the brief cites the risk drivers by ID only.',
			},
			{
				displayName: 'Intelligence Field',
				name: 'intelligenceField',
				type: 'string',
				default: 'intelligence',
				displayOptions: { show: { briefType: ['slack-alert'] } },
				description: 'Field on each Decision item holding the account\'s AccountIntelligence (adds the CRM link and a one-line snapshot)',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [
			perItem(this, items, (json, i) =>
				briefFromItem(json, i, {
					type: this.getNodeParameter('briefType', i) as BriefItemType,
					formats: this.getNodeParameter('formats', i) as BriefFormat[],
					signalsField: this.getNodeParameter('signalsField', i) as string,
					intelligenceField: this.getNodeParameter('intelligenceField', i, 'intelligence') as string,
				}),
			),
		];
	}
}
