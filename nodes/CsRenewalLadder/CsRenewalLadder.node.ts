import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { choices } from '../shared/formOptions';
import { perItem } from '../shared/perItem';
import { businessCalendarProperties, readBusinessCalendar } from '../shared/businessCalendar';
import { fallbackOwnerProperties, readFallbackOwner } from '../shared/fallbackOwner';
import { DEFAULT_RENEWAL_TIMELINE, enterRenewalStage, parseLadderInput, RENEWAL_TIMELINE_IDS, type RenewalTimeline } from '../../engine/act/renewal';
import { RecordStoreLedger } from '../../engine/ledger';

/** How each of the engine's renewal timelines (RENEWAL_TIMELINE_IDS) is offered. */
const TIMELINE_CHOICES: Readonly<Record<RenewalTimeline, { name: string; description: string }>> = {
	'120': { name: '120 Days (T-120 … T+7)', description: 'Start 120 days before contract end' },
	'90': { name: '90 Days (T-90 … T+7)', description: 'Renewal starts at T-90' },
	'120-close': { name: '120 Days With T-45, T-14, T-7', description: 'The 120-day ladder plus an expansion proposal at T-45, a follow-up if unsigned at T-14 and a CS manager escalation at T-7' },
};

export class CsRenewalLadder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Renewal Ladder',
		name: 'csRenewalLadder',
		icon: { light: 'file:csRenewalLadder.svg', dark: 'file:csRenewalLadder.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["timeline"] === "90" ? "90-day renewal ladder" : $parameter["timeline"] === "120-close" ? "120-day renewal ladder, T-45/T-14/T-7" : "120-day renewal ladder"}}',
		description: 'Place each account on its renewal timeline (T-120 to T+7) and emit the tasks of the stage it enters',
		defaults: { name: 'CS Renewal Ladder' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Timeline',
				name: 'timeline',
				type: 'options',
				noDataExpression: true,
				options: choices(RENEWAL_TIMELINE_IDS, TIMELINE_CHOICES),
				default: DEFAULT_RENEWAL_TIMELINE,
			},
			{
				displayName: 'As Of',
				name: 'asOf',
				type: 'dateTime',
				noDataExpression: true,
				default: '',
				description: 'The day to place accounts on the ladder (default: now, or the AccountIntelligence item\'s asOf)',
			},
			...businessCalendarProperties('task'),
			...fallbackOwnerProperties('task'),
			{
				displayName: 'Include Unchanged Accounts',
				name: 'includeUnchanged',
				type: 'boolean',
				noDataExpression: true,
				default: false,
				description: 'Whether to also output one item per account that entered no stage today, with the reason (e.g. "already in T-90", "no renewal date")',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const calendar = readBusinessCalendar(this);
		const fallbackOwner = readFallbackOwner(this);
		const timeline = this.getNodeParameter('timeline', 0, DEFAULT_RENEWAL_TIMELINE) as RenewalTimeline;
		const asOf = (this.getNodeParameter('asOf', 0, '') as string) || null;
		const includeUnchanged = this.getNodeParameter('includeUnchanged', 0, false) as boolean;
		const ledger = new RecordStoreLedger(this.getWorkflowStaticData('global'));

		return [
			perItem(this, items, (json, index) => {
				const result = enterRenewalStage(parseLadderInput(json, index), { ledger, asOf, timeline, calendar, fallbackOwner });
				if (result.entry) return result.entry;
				return includeUnchanged ? { accountId: result.accountId, stage: null, reason: result.reason } : null;
			}),
		];
	}
}
