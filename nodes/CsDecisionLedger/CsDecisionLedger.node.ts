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
	recordAction: {
		name: 'Record Action',
		description: 'Someone acted on a decision: store when, and output the detection-to-action time',
		action: 'Record that a decision was actioned',
	},
	snooze: { name: 'Snooze', description: 'Silence a rule for an account until a date, with a reason', action: 'Snooze a rule for an account' },
};

/** How each mapped field is labelled; the default is DEFAULT_LEDGER_FIELDS'. */
const FIELD_CHOICES: Readonly<Record<keyof LedgerFieldMap, { displayName: string; description?: string }>> = {
	accountId: { displayName: 'Account ID Field' },
	at: { displayName: 'Date Field', description: 'Record Action: when it was actioned (empty = now). Snooze: until when (empty = the "until" field).' },
	reason: { displayName: 'Reason Field', description: 'Snooze: why (people see it on suppressed decisions)' },
	ruleId: { displayName: 'Rule ID Field', description: 'Decision items hold it at rule → ID; a flat ruleId field works too' },
};

export class CsDecisionLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Decision Ledger',
		name: 'csDecisionLedger',
		icon: { light: 'file:csDecisionLedger.svg', dark: 'file:csDecisionLedger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] === "snooze" ? "Snooze" : "Record action"}}',
		description:
			"Update the decision ledger of CS Decision Triggers in this workflow: record that a decision was actioned (detection-to-action time) or snooze a rule for an account. Use it in the same workflow as the sweep, e.g. on a webhook branch fed by your CRM's task-completed event or a Slack button.",
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
				description: 'Which field of each item holds what (dot paths). Decision items work as they are.',
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
		return [perItem(this, items, (json, index) => applyLedgerItem(ledger, operation, json, index, fields as Record<string, string>))];
	}
}
