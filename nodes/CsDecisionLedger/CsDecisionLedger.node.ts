import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { perItem } from '../shared/perItem';
import { applyLedgerItem, RecordStoreLedger, type LedgerOperation } from '../../engine/ledger';

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
				options: [
					{
						name: 'Record Action',
						value: 'recordAction',
						description: 'Someone acted on a decision: store when, and output the detection-to-action time',
						action: 'Record that a decision was actioned',
					},
					{
						name: 'Snooze',
						value: 'snooze',
						description: 'Silence a rule for an account until a date, with a reason',
						action: 'Snooze a rule for an account',
					},
				],
				default: 'recordAction',
			},
			{
				displayName: 'Field Mapping',
				name: 'fields',
				type: 'collection',
				placeholder: 'Change Field',
				default: {},
				description: 'Which field of each item holds what (dot paths). Decision items work as they are.',
				options: [
					{ displayName: 'Account ID Field', name: 'accountId', type: 'string', default: 'accountId' },
					{
						displayName: 'Date Field',
						name: 'at',
						type: 'string',
						default: '',
						description: 'Record Action: when it was actioned (empty = now). Snooze: until when (empty = the "until" field).',
					},
					{ displayName: 'Reason Field', name: 'reason', type: 'string', default: 'reason', description: 'Snooze: why (people see it on suppressed decisions)' },
					{ displayName: 'Rule ID Field', name: 'ruleId', type: 'string', default: 'rule.id', description: 'Decision items hold it at rule → ID; a flat ruleId field works too' },
				],
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
