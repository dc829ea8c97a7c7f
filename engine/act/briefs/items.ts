/** Item-level entry points for the CS Account Brief node and the CLI: validate one item, build, pick formats. */
import { AccountIntelligenceSchema, DecisionSchema, parseItem, parseNamed, SignalSchema, type Signal } from '../../model';
import { BRIEF_FORMATS, BRIEF_TYPES, buildBrief, buildSlackAlert, type BriefFormat, type BriefOutput } from './build';

/** What CS Account Brief can write for one item: a brief of each type, or a Slack alert for a Decision item. */
export const BRIEF_ITEM_TYPES = [...BRIEF_TYPES, 'slack-alert'] as const;
export type BriefItemType = (typeof BRIEF_ITEM_TYPES)[number];

export interface BriefItemOptions {
	type: BriefItemType;
	formats: readonly BriefFormat[];
	/** Field on the item holding the account's Signal items (array); missing or empty is fine. */
	signalsField: string;
	/** Field on a Decision item holding the account's AccountIntelligence (Slack alert only). */
	intelligenceField: string;
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

/** One input item → one brief item (json). Throws a message naming the item and the field. */
export function briefFromItem(json: Record<string, unknown>, itemIndex: number, options: BriefItemOptions): Record<string, unknown> {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		const what = options.type === 'slack-alert' ? 'a Decision' : 'an AccountIntelligence';
		throw new Error(`item ${itemIndex}: is ${Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`}, not ${what} item`);
	}
	const signals = parseSignals(json[options.signalsField], itemIndex, options.signalsField);
	if (options.type === 'slack-alert') {
		const decision = parseItem(DecisionSchema, 'decision', itemIndex, json);
		const rawIntel = json[options.intelligenceField];
		const intelligence =
			rawIntel === undefined || rawIntel === null
				? null
				: parseItem(AccountIntelligenceSchema, `decision ${itemIndex} ${options.intelligenceField}: intelligence`, itemIndex, rawIntel);
		return pickFormats(buildSlackAlert({ decision, intelligence, signals }), options.formats);
	}
	const intelligence = parseItem(AccountIntelligenceSchema, 'intelligence', itemIndex, json);
	const rawDecision = json.decision;
	const decision = rawDecision ? parseNamed(DecisionSchema, `intelligence ${itemIndex} decision`, rawDecision) : null;
	return pickFormats(buildBrief(options.type, { intelligence, signals, decision }), options.formats);
}
