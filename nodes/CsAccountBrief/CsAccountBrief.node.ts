import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { perItem } from '../shared/perItem';
import { BRIEF_FORMATS, BRIEF_ITEM_TYPES, briefFromItem, slackAlertsFromItems, type BriefFormat, type BriefItemType } from '../../engine/act/briefs';
import { unusableItemsOutput } from '../shared/unusableItems';
import { byName, choices, optionSubtitle } from '../shared/formOptions';

const [DEFAULT_TYPE] = BRIEF_ITEM_TYPES;

/** How each brief type (BRIEF_ITEM_TYPES) is offered. */
const TYPE_CHOICES: Readonly<Record<BriefItemType, { name: string; description: string }>> = {
	executive: { name: 'Executive Risk Brief', description: 'Headline, what changed, compounding signals, relationship map, recommended action' },
	'pre-meeting': { name: 'Pre-Meeting Brief', description: 'Signal summary, relationship map, risk indicators, history, conversation focus' },
	ebr: { name: 'EBR Agenda', description: 'Executive business review agenda with signal-sourced talking points' },
	qbr: { name: 'QBR Agenda', description: 'Quarterly business review agenda with signal-sourced talking points' },
	'slack-alert': { name: 'Slack Alert per Account', description: "Input items are Actions from CS Decision Triggers: one message per account, its actions ranked with owner, due date and why" },
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
		subtitle: optionSubtitle('briefType', choices(BRIEF_ITEM_TYPES, TYPE_CHOICES)),
		description: 'Write an account brief a person reads: executive risk brief, pre-meeting brief, QBR or EBR agenda, Slack alert',
		defaults: { name: 'CS Account Brief' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Brief Type',
				name: 'briefType',
				type: 'options',
				noDataExpression: true,
				default: DEFAULT_TYPE,
				options: byName(choices(BRIEF_ITEM_TYPES, TYPE_CHOICES)),
			},
			{
				displayName: 'Outputs',
				name: 'formats',
				type: 'multiOptions',
				noDataExpression: true,
				default: [...BRIEF_FORMATS],
				options: choices(BRIEF_FORMATS, FORMAT_CHOICES),
			},
			{
				displayName: 'Signals Field',
				name: 'signalsField',
				type: 'string',
				noDataExpression: true,
				default: 'signals',
				description:
					'Field on each input item holding that account\'s Signal items (an array, e.g. attached with a Merge or Aggregate node). Without it the brief cites the risk drivers by ID only.',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if ((this.getNodeParameter('briefType', 0) as BriefItemType) === 'slack-alert') {
			// One message per account: every Action item of the account goes into it (paired to all of them).
			const { alerts, unusable } = slackAlertsFromItems(
				items.map((item) => item.json),
				{ formats: this.getNodeParameter('formats', 0) as BriefFormat[], signalsField: this.getNodeParameter('signalsField', 0) as string },
			);
			const bad = unusableItemsOutput(this, unusable, { noun: 'input item', total: items.length, otherwise: 'alert for the others' });
			return [[...alerts.map(({ json, itemIndexes }) => ({ json: json as INodeExecutionData['json'], pairedItem: itemIndexes.map((item) => ({ item })) })), ...bad]];
		}
		return [
			perItem(this, items, (json, i) =>
				briefFromItem(json, i, {
					type: this.getNodeParameter('briefType', i) as BriefItemType,
					formats: this.getNodeParameter('formats', i) as BriefFormat[],
					signalsField: this.getNodeParameter('signalsField', i) as string,
				}),
			),
		];
	}
}
