/**
 * The CS Decision Triggers form. The outputs are DECISION_OUTPUTS (one per decision family, then "no trigger"),
 * the packs SHIPPED_PACK_NAMES, the budget and repeat/suppressed switches DECISION_SWEEP_DEFAULTS; the fallback owner is the shape
 * every node that assigns work shares (nodes/shared/fallbackOwner.ts).
 */
import type { INodeProperties } from 'n8n-workflow';
import { DECISION_OUTPUTS, DECISION_SWEEP_DEFAULTS, SHIPPED_PACK_NAMES } from '../../engine/decide';
import { fallbackOwnerProperties } from '../shared/fallbackOwner';

/** "noTrigger" → "No Trigger", "risk" → "Risk", "decision-triggers" → "Decision Triggers". */
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

export interface DecisionTriggersFormTables {
	packs: readonly string[];
	sweep: Readonly<typeof DECISION_SWEEP_DEFAULTS>;
}

export function decisionTriggersProperties(
	tables: DecisionTriggersFormTables = { packs: SHIPPED_PACK_NAMES, sweep: DECISION_SWEEP_DEFAULTS },
): INodeProperties[] {
	const { dailyAlertBudget, includeRepeats, includeSuppressed } = tables.sweep;
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
			displayName: 'Custom Pack JSON',
			name: 'customPack',
			type: 'json',
			noDataExpression: true,
			default: '',
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
			placeholder: 'Add Override',
			description: "Change a pack's named threshold without editing its JSON (e.g. riskScoreEscalation = 6.5)",
			options: [
				{
					displayName: 'Override',
					name: 'override',
					values: [
						{ displayName: 'Threshold Name', name: 'name', type: 'string', noDataExpression: true, default: '', placeholder: 'riskScoreEscalation' },
						{ displayName: 'Value', name: 'value', type: 'string', noDataExpression: true, default: '', placeholder: '6.5' },
					],
				},
			],
		},
		...fallbackOwnerProperties('decision'),
		{
			displayName: 'Daily Alert Budget per Owner',
			name: 'dailyAlertBudget',
			type: 'number',
			noDataExpression: true,
			typeOptions: { minValue: 0 },
			default: dailyAlertBudget,
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
						{ displayName: 'Rule ID', name: 'ruleId', type: 'string', noDataExpression: true, default: '', placeholder: 'event.nps_detractor' },
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
				{ displayName: 'As Of', name: 'asOf', type: 'dateTime', noDataExpression: true, default: '', description: "Fire time for every decision (default: each item's asOf)" },
				{
					displayName: 'Include Repeats',
					name: 'includeRepeats',
					type: 'boolean',
					noDataExpression: true,
					// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- the engine's default (DECISION_SWEEP_DEFAULTS); the rule reads literals only
					default: includeRepeats,
					description: 'Whether to emit re-alerts of a still-true condition after its cooldown or an escalation',
				},
				{
					displayName: 'Include Suppressed',
					name: 'includeSuppressed',
					type: 'boolean',
					noDataExpression: true,
					// eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-boolean -- the engine's default (DECISION_SWEEP_DEFAULTS); the rule reads literals only
					default: includeSuppressed,
					description: 'Whether to emit decisions held back by cooldown or snooze (status suppressed, with the reason)',
				},
			],
		},
	];
}
