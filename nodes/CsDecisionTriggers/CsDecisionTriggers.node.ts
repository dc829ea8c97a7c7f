import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	collectPackInputs,
	DECISION_OUTPUTS,
	DEFAULT_DAILY_ALERT_BUDGET,
	prepareRules,
	runDecisionSweep,
	SHIPPED_PACK_NAMES,
	splitPackItems,
	type CompiledRule,
} from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { parseIntelligence, unusableItem, type AccountIntelligence, type UnusableItem } from '../../engine/model';
import { nodeError } from '../shared/errors';
import { unusableItemsOutput } from '../shared/unusableItems';

const OUTPUT_NAMES = ['Risk', 'Stakeholder', 'Expansion', 'Onboarding', 'Renewal', 'Health', 'Event', 'No Trigger'];
const title = (name: string) => name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

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
		outputs: OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: OUTPUT_NAMES,
		properties: [
			{
				displayName: 'Rule Packs',
				name: 'packs',
				type: 'multiOptions',
				options: SHIPPED_PACK_NAMES.map((name) => ({ name: title(name), value: name })),
				default: [...SHIPPED_PACK_NAMES],
				description: 'Shipped packs to evaluate (rules from the CS seeds); combine with a custom pack below',
			},
			{
				displayName: 'Custom Pack JSON',
				name: 'customPack',
				type: 'json',
				default: '',
				description: 'A rule pack (or a list of packs) in the same format as the shipped ones; validated before anything runs',
			},
			{
				displayName: 'Pack From Input Field',
				name: 'packField',
				type: 'string',
				default: '',
				placeholder: 'rulePack',
				description:
					'Items carrying a rule pack in this field (e.g. from Read File or HTTP Request, merged with the accounts) are used as packs, not as accounts',
			},
			{
				displayName: 'Threshold Overrides',
				name: 'thresholdOverrides',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Override',
				description: "Change a pack's named threshold without editing its JSON (e.g. riskScoreEscalation = 6.5)",
				options: [
					{
						displayName: 'Override',
						name: 'override',
						values: [
							{ displayName: 'Threshold Name', name: 'name', type: 'string', default: '', placeholder: 'riskScoreEscalation' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '6.5' },
						],
					},
				],
			},
			{
				displayName: 'Fallback Owner',
				name: 'fallbackOwner',
				type: 'collection',
				placeholder: 'Set Fallback Owner',
				default: {},
				description: 'Who owns a decision when the account has nobody in the rule\'s owner role',
				options: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
					{ displayName: 'Slack User ID', name: 'slackUserId', type: 'string', default: '' },
				],
			},
			{
				displayName: 'Daily Alert Budget per Owner',
				name: 'dailyAlertBudget',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_DAILY_ALERT_BUDGET,
				description: 'Alerts per owner per day; the overflow comes out as digest entries (digest: true), never dropped. 0 = no budget.',
			},
			{
				displayName: 'Snoozes',
				name: 'snoozes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Snooze',
				description: 'Silence a rule for an account until a date (decisions come out as suppressed only with Include Suppressed)',
				options: [
					{
						displayName: 'Snooze',
						name: 'snooze',
						values: [
							{ displayName: 'Rule ID', name: 'ruleId', type: 'string', default: '', placeholder: 'event.nps_detractor' },
							{ displayName: 'Account ID', name: 'accountId', type: 'string', default: '' },
							{ displayName: 'Until', name: 'until', type: 'dateTime', default: '' },
							{ displayName: 'Reason', name: 'reason', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ displayName: 'As Of', name: 'asOf', type: 'dateTime', default: '', description: 'Fire time for every decision (default: each item\'s asOf)' },
					{
						displayName: 'Include Repeats',
						name: 'includeRepeats',
						type: 'boolean',
						default: true,
						description: 'Whether to emit re-alerts of a still-true condition after its cooldown or an escalation',
					},
					{
						displayName: 'Include Suppressed',
						name: 'includeSuppressed',
						type: 'boolean',
						default: false,
						description: 'Whether to emit decisions held back by cooldown or snooze (status suppressed, with the reason)',
					},
				],
			},
		],
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

		const fallback = this.getNodeParameter('fallbackOwner', 0, {}) as IDataObject;
		const snoozes = ((this.getNodeParameter('snoozes', 0, {}) as IDataObject).snooze ?? []) as Array<{ ruleId: string; accountId: string; until: string; reason: string }>;
		let result;
		try {
			result = await runDecisionSweep(rules, accounts, new RecordStoreLedger(this.getWorkflowStaticData('global')), {
				asOf: (options.asOf as string) || null,
				fallbackOwner: fallback.name ? { name: fallback.name as string, ...(fallback.email ? { email: fallback.email as string } : {}), ...(fallback.slackUserId ? { slackUserId: fallback.slackUserId as string } : {}) } : null,
				dailyAlertBudget: this.getNodeParameter('dailyAlertBudget', 0, DEFAULT_DAILY_ALERT_BUDGET) as number,
				snoozes,
				includeRepeats: (options.includeRepeats as boolean | undefined) ?? true,
				includeSuppressed: (options.includeSuppressed as boolean | undefined) ?? false,
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
