import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { runActionSweep } from '../../engine/act/actions';
import { checkFacts, collectPackInputs, factsRead, DECISION_OUTPUTS, DECISION_SWEEP_DEFAULTS, parseDailyAlertBudget, prepareRules, splitPackItems, type CompiledRule, type DecisionOutput } from '../../engine/decide';
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
			'Evaluate editable rule packs over Account Intelligence items: one action per account and playbook, with every reason explained, a named owner and a due date; posted once while open, again when it escalates; a daily digest per owner.',
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
		const output = (name: DecisionOutput) => outputs[DECISION_OUTPUTS.indexOf(name)];
		const noTrigger = output('noTrigger');
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
		const facts = factsRead(rules);
		for (const { json, itemIndex } of accountItems) {
			try {
				const intel = parseIntelligence(json, itemIndex);
				checkFacts(intel, facts, itemIndex);
				accounts.push({ intel, itemIndex });
			} catch (error) {
				unusable.push(unusableItem(error, itemIndex));
			}
		}
		noTrigger.push(...unusableItemsOutput(this, unusable, { noun: 'input item', total: accountItems.length, otherwise: 'decide for the others' }));

		const fallbackOwner = readFallbackOwner(this);
		const snoozes = ((this.getNodeParameter('snoozes', 0, {}) as IDataObject).snooze ?? []) as Array<{ playbook: string; accountId: string; until: string; reason: string }>;
		let result;
		try {
			const dailyAlertBudget = parseDailyAlertBudget(this.getNodeParameter('dailyAlertBudget', 0, DECISION_SWEEP_DEFAULTS.dailyAlertBudget));
			result = await runActionSweep(rules, accounts, new RecordStoreLedger(this.getWorkflowStaticData('global')), {
				asOf: (options.asOf as string) || null,
				timezone: this.getTimezone(),
				fallbackOwner,
				dailyAlertBudget,
				snoozes,
				includeOpen: options.includeOpen as boolean | undefined,
				ownerDigests: options.ownerDigests as boolean | undefined,
			});
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		for (const { action, itemIndex } of result.actions) {
			const item = { json: action as unknown as IDataObject, pairedItem: { item: itemIndex } };
			output('allActions').push(item);
			// the family output gets its own copy: a downstream node that edits an item on one branch leaves the other alone
			output(action.family).push({ json: structuredClone(action) as unknown as IDataObject, pairedItem: { item: itemIndex } });
		}
		for (const { digest, itemIndexes } of result.digests)
			output('ownerDigests').push({ json: digest as unknown as IDataObject, pairedItem: itemIndexes.map((item) => ({ item })) });
		for (const { item, itemIndex } of result.noTrigger) noTrigger.push({ json: item as unknown as IDataObject, pairedItem: { item: itemIndex } });
		return outputs;
	}
}
