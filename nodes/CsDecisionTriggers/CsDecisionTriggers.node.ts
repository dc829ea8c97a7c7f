import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { runActionSweep } from '../../engine/act/actions';
import {
	checkFacts,
	collectPackInputs,
	factsRead,
	DECISION_OUTPUTS,
	DECISION_SWEEP_DEFAULTS,
	parseDailyAlertBudget,
	prepareRules,
	selectedPacks,
	splitPackItems,
	thresholdChoices,
	type CompiledRule,
	type DecisionOutput,
	type ThresholdChoice,
} from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { parseIntelligence, unusableItem, type AccountIntelligence, type UnusableItem } from '../../engine/model';
import { nodeError } from '../shared/errors';
import { readFallbackOwner } from '../shared/fallbackOwner';
import { unusableItemsOutput } from '../shared/unusableItems';
import { decisionOutputNames, decisionTriggersProperties, decisionTriggersSubtitle, THRESHOLD_LIST_METHODS } from './description';

interface ThresholdRow {
	name: string;
	value: number | string;
}

/** The selected packs' thresholds of one kind, as the threshold picker lists them. */
function thresholdList(context: ILoadOptionsFunctions, kind: ThresholdChoice['kind']): INodePropertyOptions[] {
	const packs = selectedPacks({
		shipped: (context.getCurrentNodeParameter('packs') as string[] | undefined) ?? [],
		customJson: context.getCurrentNodeParameter('useCustomPack') ? ((context.getCurrentNodeParameter('customPack') as string | undefined) ?? '') : '',
	});
	return thresholdChoices(packs)
		.filter((choice) => choice.kind === kind)
		.map(({ name, label, description }) => ({ name: label, value: name, description }));
}

export class CsDecisionTriggers implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Decision Triggers',
		name: 'csDecisionTriggers',
		icon: { light: 'file:csDecisionTriggers.svg', dark: 'file:csDecisionTriggers.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: decisionTriggersSubtitle(),
		description: 'Decide what to do for each account: rule packs turn scores and signals into owned actions with due dates',
		defaults: { name: 'CS Decision Triggers' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: DECISION_OUTPUTS.map(() => NodeConnectionTypes.Main),
		outputNames: decisionOutputNames(),
		properties: decisionTriggersProperties(),
	};

	methods = {
		loadOptions: {
			async [THRESHOLD_LIST_METHODS.number](this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return thresholdList(this, 'number');
			},
			async [THRESHOLD_LIST_METHODS.text](this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return thresholdList(this, 'text');
			},
		},
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
			const rows = this.getNodeParameter('thresholdOverrides', 0, {}) as { override?: ThresholdRow[]; textOverride?: ThresholdRow[] };
			rules = prepareRules(
				collectPackInputs({
					shipped: this.getNodeParameter('packs', 0, []) as string[],
					customJson: this.getNodeParameter('useCustomPack', 0, false) ? (this.getNodeParameter('customPack', 0, '') as string) : '',
					fromItems: packItems,
				}),
				Object.fromEntries([...(rows.override ?? []), ...(rows.textOverride ?? [])].map((row) => [String(row.name).trim(), row.value])),
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
