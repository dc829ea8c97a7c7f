import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { calendarFromSettings, type BusinessCalendar } from '../../engine/act/calendar';
import { fallbackOwnerFrom, parsePlaybookInput, planPlaybook } from '../../engine/act/playbooks';
import type { Owner } from '../../engine/model';

const WEEKDAYS = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

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
				options: [
					{ name: 'One Item Per Step', value: 'step', description: 'Each step is its own item (e.g. one CRM task or Slack message per step)' },
					{ name: 'One Item Per Decision', value: 'decision', description: 'One item per decision with the playbook and a steps array' },
				],
				default: 'step',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Berlin',
				description: 'IANA time zone for business days and due times; leave empty for the workflow\'s time zone',
			},
			{
				displayName: 'Holidays',
				name: 'holidays',
				type: 'string',
				default: '',
				placeholder: '2026-12-24, 2026-12-25, 2026-12-26',
				description: 'Non-working days as ISO dates (YYYY-MM-DD), comma-separated; no step falls due on them',
			},
			{
				displayName: 'Due Hour',
				name: 'dueHour',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 23 },
				default: 17,
				description: 'Local hour at which a business day ends: steps fall due then',
			},
			{
				displayName: 'Fallback Owner Name',
				name: 'fallbackOwnerName',
				type: 'string',
				default: '',
				placeholder: 'CS Ops queue',
				description: 'Who owns a step when nobody holds its role on the account (leave empty to output the step unassigned)',
			},
			{
				displayName: 'Fallback Owner Email',
				name: 'fallbackOwnerEmail',
				type: 'string',
				default: '',
				placeholder: 'cs-ops@example.com',
			},
			{
				displayName: 'Weekend Days',
				name: 'weekend',
				type: 'multiOptions',
				options: WEEKDAYS,
				default: [6, 7],
				description: 'Days that are not business days',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		let calendar: BusinessCalendar;
		let fallbackOwner: Owner | null;
		try {
			calendar = calendarFromSettings(
				{
					timeZone: this.getNodeParameter('timeZone', 0, '') as string,
					holidays: this.getNodeParameter('holidays', 0, '') as string,
					dueHour: this.getNodeParameter('dueHour', 0, 17) as number,
					weekend: this.getNodeParameter('weekend', 0, [6, 7]) as number[],
				},
				this.getTimezone(),
			);
			fallbackOwner = fallbackOwnerFrom(
				this.getNodeParameter('fallbackOwnerName', 0, '') as string,
				this.getNodeParameter('fallbackOwnerEmail', 0, '') as string,
			);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		const output = this.getNodeParameter('output', 0, 'step') as 'step' | 'decision';

		const out: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			try {
				const { decision, owners } = parsePlaybookInput(items[index].json, index);
				const plan = planPlaybook(decision, { calendar, owners, fallbackOwner });
				if (output === 'decision') out.push({ json: plan as unknown as IDataObject, pairedItem: { item: index } });
				else for (const step of plan.steps) out.push({ json: step as unknown as IDataObject, pairedItem: { item: index } });
			} catch (error) {
				const message = (error as Error).message;
				if (this.continueOnFail()) {
					out.push({ json: { error: message }, pairedItem: { item: index } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), message, { itemIndex: index });
			}
		}
		return [out];
	}
}
