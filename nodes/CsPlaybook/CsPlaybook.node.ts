import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { perItem } from '../shared/perItem';
import { businessCalendarProperties, readBusinessCalendar } from '../shared/businessCalendar';
import { fallbackOwnerProperties, readFallbackOwner } from '../shared/fallbackOwner';
import { DEFAULT_FALLBACK_OWNER } from '../../engine/decide';
import { parsePlaybookInput, planPlaybook, salesHandoff } from '../../engine/act/playbooks';

export class CsPlaybook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Playbook',
		name: 'csPlaybook',
		icon: { light: 'file:csPlaybook.svg', dark: 'file:csPlaybook.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["output"] === "action" ? "One item per action" : $parameter["output"] === "handoff" ? "Sales hand-off" : "One item per task"}}',
		description: "Turn an action into its playbook's tasks, each with an owner, a channel and a business-day due date",
		defaults: { name: 'CS Playbook' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'One Item Per Task', value: 'step', description: 'Each playbook step is its own item with its own owner (e.g. one CRM task per step)' },
					{ name: 'One Item Per Action', value: 'action', description: 'One item per action with the playbook, its reasons and a steps array (e.g. one CRM task per action)' },
					{ name: 'Sales Hand-Off', value: 'handoff', description: 'For expansion actions: the CS-to-Sales hand-off — champion, decision maker, timeline, need, AE — e.g. for a CRM deal' },
				],
				default: 'step',
			},
			...businessCalendarProperties('step'),
			...fallbackOwnerProperties('step', DEFAULT_FALLBACK_OWNER.name),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const calendar = readBusinessCalendar(this);
		const fallbackOwner = readFallbackOwner(this);
		const output = this.getNodeParameter('output', 0, 'step') as 'step' | 'action' | 'handoff';

		return [
			perItem(this, items, (json, index) => {
				const { action, owners } = parsePlaybookInput(json, index);
				if (output === 'handoff') return salesHandoff(action, { calendar, owners, fallbackOwner });
				const plan = planPlaybook(action, { calendar, owners, fallbackOwner });
				return output === 'action' ? plan : plan.steps;
			}),
		];
	}
}
