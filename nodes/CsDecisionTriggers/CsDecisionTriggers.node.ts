import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { collectPackInputs, DECISION_OUTPUTS, DECISION_SWEEP_DEFAULTS, prepareRules, runDecisionSweep, splitPackItems, type CompiledRule } from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { parseIntelligence, unusableItem, type AccountIntelligence, type UnusableItem } from '../../engine/model';
import { nodeError } from '../shared/errors';
import { readFallbackOwner } from '../shared/fallbackOwner';
import { unusableItemsOutput } from '../shared/unusableItems';
import { decisionOutputNames, decisionTriggersProperties } from './description';

export class CsDecisionTriggers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Decision Triggers',
		name: 'csDecisionTriggers',
		icon: { light: 'file:csDecisionTriggers.svg', dark: 'file:csDecisionTriggers.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["packs"].length ? $parameter["packs"].join(", ") : "custom packs"}}',
		description:
			'Evaluate editable json-rules-engine rule packs over Account Intelligence items: explained decisions with owner, due date and playbook, one output per trigger family, alerted once per change of state (cooldown, snooze, daily budget per owner).',
		defaults: { name: 'CS Decision Triggers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: DECISION_OUTPUTS.map(() => NodeConnectionTypes.Main),
		outputNames: decisionOutputNames(),
		properties: decisionTriggersProperties(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = DECISION_OUTPUTS.map(() => []);
		const noTrigger = outputs[DECISION_OUTPUTS.indexOf('noTrigger')];
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const { packs: packItems, accounts: accountItems } = splitPackItems(
			items.map((item) => item.json),
			this.getNodeParameter('packField', 0, '') as string,
		);

		let rules: CompiledRule[];
		try {
			const overrides = ((this.getNodeParameter('thresholdOverrides', 0, {}) as IDataObject).override ?? []) as Array<{ name: string; value: string }>;
			rules = prepareRules(
				collectPackInputs({
					shipped: this.getNodeParameter('packs', 0, []) as string[],
					customJson: this.getNodeParameter('customPack', 0, '') as string,
					fromItems: packItems,
				}),
				Object.fromEntries(overrides.map((o) => [o.name.trim(), o.value])),
			);
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}

		const accounts: Array<{ intel: AccountIntelligence; itemIndex: number }> = [];
		const unusable: UnusableItem[] = [];
		for (const { json, itemIndex } of accountItems) {
			try {
				accounts.push({ intel: parseIntelligence(json, itemIndex), itemIndex });
			} catch (error) {
				unusable.push(unusableItem(error, itemIndex));
			}
		}
		noTrigger.push(...unusableItemsOutput(this, unusable, { noun: 'input item', total: accountItems.length, otherwise: 'decide for the others' }));

		const fallbackOwner = readFallbackOwner(this);
		const snoozes = ((this.getNodeParameter('snoozes', 0, {}) as IDataObject).snooze ?? []) as Array<{ ruleId: string; accountId: string; until: string; reason: string }>;
		let result;
		try {
			result = await runDecisionSweep(rules, accounts, new RecordStoreLedger(this.getWorkflowStaticData('global')), {
				asOf: (options.asOf as string) || null,
				fallbackOwner,
				dailyAlertBudget: this.getNodeParameter('dailyAlertBudget', 0, DECISION_SWEEP_DEFAULTS.dailyAlertBudget) as number,
				snoozes,
				includeRepeats: options.includeRepeats as boolean | undefined,
				includeSuppressed: options.includeSuppressed as boolean | undefined,
			});
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		for (const { decision, itemIndex } of result.decisions)
			outputs[DECISION_OUTPUTS.indexOf(decision.family)].push({ json: decision as unknown as IDataObject, pairedItem: { item: itemIndex } });
		for (const { item, itemIndex } of result.noTrigger) noTrigger.push({ json: item as unknown as IDataObject, pairedItem: { item: itemIndex } });
		return outputs;
	}
}
