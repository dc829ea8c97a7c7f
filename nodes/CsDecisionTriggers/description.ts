/**
 * The CS Decision Triggers form. The outputs are DECISION_OUTPUTS (all actions, one per decision family, the owners'
 * digests, then "no trigger"), the packs SHIPPED_PACK_NAMES, the budget and switches DECISION_SWEEP_DEFAULTS, the
 * snooze playbooks PLAYBOOK_IDS with the catalogue's names; the fallback owner is the shape every node that assigns
 * work shares (nodes/shared/fallbackOwner.ts), defaulting to DEFAULT_FALLBACK_OWNER.
 */
import type { INodeProperties } from 'n8n-workflow';
import { playbookNames } from '../../engine/act/actions';
import { DECISION_OUTPUTS, DECISION_SWEEP_DEFAULTS, DEFAULT_FALLBACK_OWNER, PLAYBOOK_IDS, SHIPPED_PACK_NAMES } from '../../engine/decide';
import { fallbackOwnerProperties } from '../shared/fallbackOwner';

/** "noTrigger" → "No Trigger", "allActions" → "All Actions", "risk" → "Risk", "decision-triggers" → "Decision Triggers". */
function title(id: string): string {
	return id
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.split(/[-\s]/)
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** One output per entry of DECISION_OUTPUTS, in its order (decisions are routed by that index). */
export function decisionOutputNames(outputs: readonly string[] = DECISION_OUTPUTS): string[] {
	return outputs.map(title);
}

/** The node's subtitle: "All rule packs", or the chosen packs as the form names them ("Health, Renewal"), or "Custom pack". */
export function decisionTriggersSubtitle(packs: readonly string[] = SHIPPED_PACK_NAMES): string {
	const labels = JSON.stringify(Object.fromEntries(packs.map((name) => [name, title(name)])));
	const chosen = '$parameter["packs"]';
	return `={{ ${chosen}.length === ${packs.length} ? "All rule packs" : ${chosen}.length ? ${chosen}.map((p) => (${labels})[p] || p).join(", ") : "Custom pack" }}`;
}

/** The loadOptions methods that list the selected packs' thresholds (CsDecisionTriggers.methods), by value kind. */
export const THRESHOLD_LIST_METHODS = { number: 'numberThresholds', text: 'textThresholds' } as const;
/** The list changes with the selected packs. */
const THRESHOLD_LIST_DEPENDS_ON = ['packs', 'useCustomPack', 'customPack'];

export interface DecisionTriggersFormTables {
	packs: readonly string[];
	sweep: Readonly<typeof DECISION_SWEEP_DEFAULTS>;
	playbooks: ReadonlyMap<string, string>;
}

export function decisionTriggersProperties(
	tables: DecisionTriggersFormTables = { packs: SHIPPED_PACK_NAMES, sweep: DECISION_SWEEP_DEFAULTS, playbooks: new Map(PLAYBOOK_IDS.map((id) => [id, playbookNames().get(id) ?? id])) },
): INodeProperties[] {
	const { dailyAlertBudget, includeOpen, ownerDigests } = tables.sweep;
	return [
		{
			displayName: 'Rule Packs',
			name: 'packs',
			type: 'multiOptions',
			noDataExpression: true,
			options: tables.packs.map((name) => ({ name: title(name), value: name })),
			default: [...tables.packs],
			description: 'Shipped packs to evaluate (rules from the CS seeds); combine with a custom pack below',
		},
		{
			displayName: 'Use Custom Pack JSON',
			name: 'useCustomPack',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			description: 'Whether to add a rule pack of your own, pasted as JSON in the format of the shipped ones',
		},
		{
			displayName: 'Custom Pack JSON',
			name: 'customPack',
			type: 'json',
			noDataExpression: true,
			default: '',
			displayOptions: { show: { useCustomPack: [true] } },
			description: 'A rule pack (or a list of packs) in the same format as the shipped ones; validated before anything runs',
		},
		{
			displayName: 'Pack From Input Field',
			name: 'packField',
			type: 'string',
			noDataExpression: true,
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
			placeholder: 'Change a Threshold',
			description: "Change a selected pack's named threshold without editing its JSON: pick it from the list (with its shipped default) and give the new value",
			options: [
				{
					displayName: 'Number Threshold',
					name: 'override',
					values: [
						{
							displayName: 'Threshold Name or ID',
							name: 'name',
							type: 'options',
							noDataExpression: true,
							typeOptions: { loadOptionsMethod: THRESHOLD_LIST_METHODS.number, loadOptionsDependsOn: THRESHOLD_LIST_DEPENDS_ON },
							default: '',
							description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{ displayName: 'Value', name: 'value', type: 'number', noDataExpression: true, typeOptions: { numberPrecision: 2 }, default: 0 },
					],
				},
				{
					displayName: 'Text Threshold',
					name: 'textOverride',
					values: [
						{
							displayName: 'Threshold Name or ID',
							name: 'name',
							type: 'options',
							noDataExpression: true,
							typeOptions: { loadOptionsMethod: THRESHOLD_LIST_METHODS.text, loadOptionsDependsOn: THRESHOLD_LIST_DEPENDS_ON },
							default: '',
							description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						},
						{ displayName: 'Value', name: 'value', type: 'string', noDataExpression: true, default: '', description: 'A segment name, or a comma-separated list' },
					],
				},
			],
		},
		...fallbackOwnerProperties('action', DEFAULT_FALLBACK_OWNER.name),
		{
			displayName: 'Daily Alert Budget per Owner',
			name: 'dailyAlertBudget',
			type: 'number',
			noDataExpression: true,
			typeOptions: { minValue: 0 },
			default: dailyAlertBudget,
			description: "Alerts per owner per day; the overflow goes to the owner's digest (digest: true), never dropped. 0 = no budget.",
		},
		{
			displayName: 'Snoozes',
			name: 'snoozes',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Snooze',
			description: 'Hold back an action (an account and a playbook) until a date (it comes out, as snoozed, only with Include Open Actions)',
			options: [
				{
					displayName: 'Snooze',
					name: 'snooze',
					values: [
						{
							displayName: 'Playbook',
							name: 'playbook',
							type: 'options',
							noDataExpression: true,
							default: '',
							options: [...tables.playbooks].map(([value, name]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
						},
						{ displayName: 'Account ID', name: 'accountId', type: 'string', noDataExpression: true, default: '' },
						{ displayName: 'Until', name: 'until', type: 'dateTime', noDataExpression: true, default: '' },
						{ displayName: 'Reason', name: 'reason', type: 'string', noDataExpression: true, default: '' },
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
				{
					displayName: 'As Of',
					name: 'asOf',
					type: 'dateTime',
					noDataExpression: true,
					default: '',
					description: "Fire time for every action (default: each item's asOf); without an offset it is read in the workflow's time zone",
				},
				{
					displayName: 'Include Open Actions',
					name: 'includeOpen',
					type: 'boolean',
					noDataExpression: true,
					// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- the engine's default (DECISION_SWEEP_DEFAULTS); the rule reads literals only
					default: includeOpen,
					description: 'Whether to also emit actions that are open and already posted, snoozed or done (with their status); otherwise only new and escalated ones come out',
				},
				{
					displayName: 'Owner Digests',
					name: 'ownerDigests',
					type: 'boolean',
					noDataExpression: true,
					// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- the engine's default (DECISION_SWEEP_DEFAULTS); the rule reads literals only
					default: ownerDigests,
					description: "Whether to emit one digest per owner per day on the Owner Digests output: each person's open actions ranked by priority, ARR at stake and due date",
				},
			],
		},
	];
}
