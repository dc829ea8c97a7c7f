/** Item-level entry points for the CS Account Brief node and the CLI: validate items, build, pick formats. */
import { AccountIntelligenceSchema, ActionSchema, parseItem, parseNamed, SignalSchema, unusableItem, type Action, type Signal, type UnusableItem } from '../../model';
import { BRIEF_FORMATS, BRIEF_TYPES, buildBrief, buildSlackAlert, type BriefFormat, type BriefOutput } from './build';

/** What CS Account Brief can write: a brief of each type for one intelligence item, or one Slack alert per account for Action items. */
export const BRIEF_ITEM_TYPES = [...BRIEF_TYPES, 'slack-alert'] as const;
export type BriefItemType = (typeof BRIEF_ITEM_TYPES)[number];

export interface BriefItemOptions {
	type: BriefItemType;
	formats: readonly BriefFormat[];
	/** Field on the item holding the account's Signal items (array); missing or empty is fine. */
	signalsField: string;
}

export function parseSignals(value: unknown, itemIndex: number, field: string): Signal[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new Error(`item ${itemIndex}: field "${field}" should be an array of Signal items, not a ${typeof value}`);
	return value.map((raw, i) => parseItem(SignalSchema, `item ${itemIndex} ${field}[${i}]: signal`, i, raw));
}

export function pickFormats(output: BriefOutput, formats: readonly BriefFormat[]): Record<string, unknown> {
	const json: Record<string, unknown> = { briefType: output.briefType, accountId: output.accountId, accountName: output.accountName };
	for (const format of BRIEF_FORMATS) if (formats.includes(format)) json[format] = output[format];
	return json;
}

/** One intelligence item → one brief item (json). Throws a message naming the item and the field. */
export function briefFromItem(json: Record<string, unknown>, itemIndex: number, options: BriefItemOptions): Record<string, unknown> {
	if (options.type === 'slack-alert') throw new Error('a Slack alert is built from all the Action items of an account: use slackAlertsFromItems');
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		throw new Error(`item ${itemIndex}: is ${Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`}, not an AccountIntelligence item`);
	}
	const signals = parseSignals(json[options.signalsField], itemIndex, options.signalsField);
	const intelligence = parseItem(AccountIntelligenceSchema, 'intelligence', itemIndex, json);
	const rawAction = json.action;
	const action = rawAction ? parseNamed(ActionSchema, `intelligence ${itemIndex} action`, rawAction) : null;
	return pickFormats(buildBrief(options.type, { intelligence, signals, action }), options.formats);
}

export interface SlackAlertsResult {
	/** One alert per account, in the order the accounts first appear, with every input item it rests on. */
	alerts: Array<{ json: Record<string, unknown>; itemIndexes: number[] }>;
	unusable: UnusableItem[];
}

/**
 * Action items (CS Decision Triggers' "All Actions") → ONE Slack alert per account: its actions ranked, each with
 * owner, due date and why. Items that are not Actions are reported, the others still go through.
 */
export function slackAlertsFromItems(items: readonly Record<string, unknown>[], options: Omit<BriefItemOptions, 'type'>): SlackAlertsResult {
	const byAccount = new Map<string, { actions: Action[]; signals: Signal[]; itemIndexes: number[] }>();
	const unusable: UnusableItem[] = [];
	items.forEach((json, itemIndex) => {
		try {
			const action = parseItem(ActionSchema, 'action', itemIndex, json);
			const signals = parseSignals(json[options.signalsField], itemIndex, options.signalsField);
			const group = byAccount.get(action.accountId) ?? { actions: [], signals: [], itemIndexes: [] };
			group.actions.push(action);
			group.signals.push(...signals);
			group.itemIndexes.push(itemIndex);
			byAccount.set(action.accountId, group);
		} catch (error) {
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	const alerts = [...byAccount.values()].map(({ actions, signals, itemIndexes }) => ({
		json: pickFormats(buildSlackAlert({ actions, signals }), options.formats),
		itemIndexes,
	}));
	return { alerts, unusable };
}
