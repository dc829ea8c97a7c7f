import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { perItem } from '../shared/perItem';
import { BRIEF_FORMATS, BRIEF_ITEM_TYPES, briefFromItem, type BriefFormat, type BriefItemType } from '../../engine/act/briefs';
import { byName, choices } from '../shared/formOptions';

const [DEFAULT_TYPE] = BRIEF_ITEM_TYPES;

/** How each brief type (BRIEF_ITEM_TYPES) is offered. */
const TYPE_CHOICES: Readonly<Record<BriefItemType, { name: string; description: string }>> = {
	executive: { name: 'Executive Risk Brief', description: 'Headline, what changed, compounding signals, relationship map, recommended action' },
	'pre-meeting': { name: 'Pre-Meeting Brief', description: 'Signal summary, relationship map, risk indicators, history, conversation focus' },
	ebr: { name: 'EBR Agenda', description: 'Executive business review agenda with signal-sourced talking points' },
	qbr: { name: 'QBR Agenda', description: 'Quarterly business review agenda with signal-sourced talking points' },
	'slack-alert': { name: 'Slack Alert for a Decision', description: 'Input items are Decisions from CS Decision Triggers' },
};

/** How each output format (BRIEF_FORMATS) is offered. */
const FORMAT_CHOICES: Readonly<Record<BriefFormat, { name: string; description?: string }>> = {
	markdown: { name: 'Markdown' },
	html: { name: 'HTML (E-Mail Safe)' },
	slack: { name: 'Slack Block Kit', description: 'An object with text (fallback) and blocks' },
	context: { name: 'AI Context', description: 'Structured facts with numbered sources for an AI node' },
};

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
				default: DEFAULT_TYPE,
				options: byName(choices(BRIEF_ITEM_TYPES, TYPE_CHOICES)),
			},
			{
				displayName: 'Outputs',
				name: 'formats',
				type: 'multiOptions',
				default: [...BRIEF_FORMATS],
				options: choices(BRIEF_FORMATS, FORMAT_CHOICES),
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
