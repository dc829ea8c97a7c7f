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
import { parsePlaybookInput, planPlaybook } from '../../engine/act/playbooks';

export class CsPlaybook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Playbook',
		name: 'csPlaybook',
		icon: { light: 'file:csPlaybook.svg', dark: 'file:csPlaybook.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["output"] === "decision" ? "One item per decision" : "One item per step"}}',
		description:
			'Turn each Decision into its playbook\'s accountable steps: action, owner role and person, channel, exit criteria, and a due date in business days (time zone and holidays respected).',
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
					{ name: 'One Item Per Step', value: 'step', description: 'Each step is its own item (e.g. one CRM task or Slack message per step)' },
					{ name: 'One Item Per Decision', value: 'decision', description: 'One item per decision with the playbook and a steps array' },
				],
				default: 'step',
			},
			...businessCalendarProperties('step'),
			...fallbackOwnerProperties('step'),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const calendar = readBusinessCalendar(this);
		const fallbackOwner = readFallbackOwner(this);
		const output = this.getNodeParameter('output', 0, 'step') as 'step' | 'decision';

		return [
			perItem(this, items, (json, index) => {
				const { decision, owners } = parsePlaybookInput(json, index);
				const plan = planPlaybook(decision, { calendar, owners, fallbackOwner });
				return output === 'decision' ? plan : plan.steps;
			}),
		];
	}
}
