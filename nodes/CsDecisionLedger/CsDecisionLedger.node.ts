import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { perItem } from '../shared/perItem';
import { applyLedgerItem, DEFAULT_LEDGER_FIELDS, LEDGER_OPERATIONS, RecordStoreLedger, type LedgerFieldMap, type LedgerOperation } from '../../engine/ledger';
import { byDisplayName } from '../shared/formOptions';

const [DEFAULT_OPERATION] = LEDGER_OPERATIONS;

/** How each ledger operation (LEDGER_OPERATIONS) is offered. */
const OPERATION_CHOICES: Readonly<Record<LedgerOperation, { name: string; description: string; action: string }>> = {
	markDone: {
		name: 'Mark Done',
		description: 'Someone did the action: close it, and output the detection-to-action time',
		action: 'Mark an action done',
	},
	snooze: { name: 'Snooze', description: 'Hold back an action (account and playbook) until a date, with a reason', action: 'Snooze an action' },
};

/** How each mapped field is labelled; the default is DEFAULT_LEDGER_FIELDS'. */
const FIELD_CHOICES: Readonly<Record<keyof LedgerFieldMap, { displayName: string; description?: string }>> = {
	accountId: { displayName: 'Account ID Field' },
	actionId: { displayName: 'Action ID Field', description: 'Action items hold it; when an item has none, Account ID + Playbook name the action' },
	at: { displayName: 'Date Field', description: "Mark Done: when it was done (empty = now; no offset = the workflow's time zone). Snooze: until when (empty = the \"until\" field)." },
	playbook: { displayName: 'Playbook Field', description: 'Action items hold it at playbook → ID; a flat playbook field works too' },
	reason: { displayName: 'Reason Field', description: 'Snooze: why (people see it on the snoozed action)' },
};

export class CsDecisionLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Decision Ledger',
		name: 'csDecisionLedger',
		icon: { light: 'file:csDecisionLedger.svg', dark: 'file:csDecisionLedger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "snooze" ? "Snooze" : "Mark done"}}',
		description: 'Mark a customer-success action done or snooze it, so the sweep stops or pauses its alerts',
		defaults: { name: 'CS Decision Ledger' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: LEDGER_OPERATIONS.map((value) => ({ value, ...OPERATION_CHOICES[value] })),
				default: DEFAULT_OPERATION,
			},
			{
				displayName: 'Field Mapping',
				name: 'fields',
				type: 'collection',
				placeholder: 'Change Field',
				default: {},
				description: 'Which field of each item holds what (dot paths). Action items work as they are.',
				options: byDisplayName(
					(Object.entries(DEFAULT_LEDGER_FIELDS) as Array<[keyof LedgerFieldMap, string]>).map(([name, path]) => ({ name, type: 'string', noDataExpression: true, default: path, ...FIELD_CHOICES[name] })),
				),
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operation = this.getNodeParameter('operation', 0) as LedgerOperation;
		const fields = this.getNodeParameter('fields', 0, {}) as IDataObject;
		const ledger = new RecordStoreLedger(this.getWorkflowStaticData('global'));
		const timezone = this.getTimezone();
		return [perItem(this, items, (json, index) => applyLedgerItem(ledger, operation, json, index, { fields: fields as Record<string, string>, timezone }))];
	}
}
