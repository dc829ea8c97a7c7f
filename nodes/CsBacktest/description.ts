/**
 * The CS Backtest form. Cadence and horizon default to BACKTEST_DEFAULTS, the packs to SHIPPED_PACK_NAMES, the
 * kinds of history items to HISTORY_ITEM_KINDS (engine/backtest): nothing here is re-typed.
 */
import type { INodeProperties } from 'n8n-workflow';
import { BACKTEST_DEFAULTS, HISTORY_ITEM_KINDS } from '../../engine/backtest';
import { SHIPPED_PACK_NAMES } from '../../engine/decide';

const title = (id: string) =>
	id
		.split('-')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

const KIND_NAMES: Record<(typeof HISTORY_ITEM_KINDS)[number], { name: string; description: string }> = {
	auto: { name: 'Decide per Item', description: 'A Signal item (type and observedAt) is a signal, an item with a day or occurredAt a usage row, any other item a ticket' },
	usage: { name: 'Usage Rows', description: 'One row per event (accountId, occurredAt) or per account and day (accountId, day, activeUsers, events)' },
	tickets: { name: 'Tickets', description: 'Zendesk-shaped tickets (organization_id, created_at, priority, status, …)' },
	signals: { name: 'Signals', description: 'Canonical Signal items of any CS Signal OS source node' },
};

export interface BacktestFormTables {
	defaults: Readonly<{ every: string; horizon: string; warmUpDays: number }>;
	packs: readonly string[];
	kinds: readonly (typeof HISTORY_ITEM_KINDS)[number][];
}

export function backtestProperties(tables: BacktestFormTables = { defaults: BACKTEST_DEFAULTS, packs: SHIPPED_PACK_NAMES, kinds: HISTORY_ITEM_KINDS }): INodeProperties[] {
	const { every, horizon, warmUpDays } = tables.defaults;
	const [anyKind] = tables.kinds;
	return [
		{
			displayName:
				'Inputs: Accounts (Account items), History (usage rows, tickets and signals from before each evaluation date) and Outcomes (accountId, churnedAt, renewedAt, expandedAt). Emits one item per rule and one overall item.',
			name: 'inputsNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'History Items Are',
			name: 'historyKind',
			type: 'options',
			noDataExpression: true,
			options: tables.kinds.map((value) => ({ value, ...KIND_NAMES[value] })),
			default: anyKind,
		},
		{
			displayName: 'Rule Packs',
			name: 'packs',
			type: 'multiOptions',
			noDataExpression: true,
			options: tables.packs.map((name) => ({ name: title(name), value: name })),
			default: [...tables.packs],
			description: 'Shipped packs to replay; combine with a custom pack below',
		},
		{
			displayName: 'Custom Pack JSON',
			name: 'customPack',
			type: 'json',
			noDataExpression: true,
			default: '',
			description: 'A rule pack (or a list of packs) in the format of the shipped ones, replayed with them',
		},
		{
			displayName: 'Threshold Overrides',
			name: 'thresholdOverrides',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Override',
			description: "Replay with a pack's named threshold changed (e.g. riskScoreEscalation = 8) to see what it would have done",
			options: [
				{
					displayName: 'Override',
					name: 'override',
					values: [
						{ displayName: 'Threshold Name', name: 'name', type: 'string', noDataExpression: true, default: '', placeholder: 'riskScoreEscalation' },
						{ displayName: 'Value', name: 'value', type: 'string', noDataExpression: true, default: '', placeholder: '8' },
					],
				},
			],
		},
		{ displayName: 'Every', name: 'every', type: 'string', noDataExpression: true, default: every, description: 'Days between evaluation dates: 7d, 2w or P7D' },
		{ displayName: 'Horizon', name: 'horizon', type: 'string', noDataExpression: true, default: horizon, description: 'How soon after a fire churn (or expansion) must follow for the fire to count as right' },
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: `First evaluation date (default: ${warmUpDays} days after the first day of history); without an offset it is read in the workflow's time zone`,
		},
		{ displayName: 'To', name: 'to', type: 'dateTime', noDataExpression: true, default: '', description: 'Last evaluation date at most (default: the day after the last day of history)' },
	];
}
