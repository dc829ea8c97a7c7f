import type { DateTime } from 'luxon';
import { z } from 'zod';
import { signalId, toIso, type Signal } from '../../model';
import { getSignalType } from '../../taxonomy';

/**
 * What the meeting, e-mail and Slack detectors share: thresholds as data with named errors, one way to build
 * a signal, and number formatting for evidence sentences.
 */

export type ThresholdKind = 'positive' | 'nonNegative' | 'pct' | 'score';

export interface ThresholdSpec {
	/** The default: a taxonomy detection parameter `[type, param]` or a number. */
	from: readonly [type: string, param: string] | number;
	kind: ThresholdKind;
	/** One line for the error text and the docs. */
	meaning: string;
}

/** The defaults of a threshold table (taxonomy parameters read at call time, so the taxonomy stays the one home). */
export function thresholdDefaults<K extends string>(specs: Readonly<Record<K, ThresholdSpec>>): Record<K, number> {
	const out = {} as Record<K, number>;
	for (const [key, spec] of Object.entries(specs) as Array<[K, ThresholdSpec]>) {
		if (typeof spec.from === 'number') out[key] = spec.from;
		else {
			const value = getSignalType(spec.from[0]).detection[spec.from[1]];
			if (typeof value !== 'number') throw new Error(`taxonomy ${spec.from[0]} has no detection parameter "${spec.from[1]}"`);
			out[key] = value;
		}
	}
	return out;
}

const KIND_RULE: Record<ThresholdKind, { ok: (n: number) => boolean; says: string }> = {
	positive: { ok: (n) => n > 0, says: 'greater than 0' },
	nonNegative: { ok: (n) => n >= 0, says: '0 or more' },
	pct: { ok: (n) => n > 0 && n <= 1000, says: 'a percentage greater than 0' },
	score: { ok: (n) => n >= -2 && n <= 2, says: 'a sentiment score between -2 and 2' },
};

/** The zod schema of a threshold table's overrides: every key optional, numbers or numeric text, unknown keys refused. */
export function thresholdOverridesSchema<K extends string>(specs: Readonly<Record<K, ThresholdSpec>>) {
	const shape = {} as Record<K, z.ZodTypeAny>;
	for (const [key, spec] of Object.entries(specs) as Array<[K, ThresholdSpec]>) {
		const rule = KIND_RULE[spec.kind];
		shape[key] = z
			.preprocess(
				(value) => (value === '' || value === null ? undefined : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value),
				z.number({ invalid_type_error: 'is not a number' }).finite('is not a number').optional(),
			)
			.refine((value) => value === undefined || rule.ok(value), { message: `must be ${rule.says}` });
	}
	return z.object(shape).strict();
}

/**
 * Defaults overlaid with overrides, validated by zod. An unknown name, a non-number or a nonsensical value is an
 * error that names the key: `Meeting detection threshold "sentimentDeclineCalls" must be greater than 0, not 0`.
 */
export function resolveThresholdTable<K extends string>(
	what: string,
	specs: Readonly<Record<K, ThresholdSpec>>,
	overrides: unknown = {},
): Record<K, number> {
	const thresholds = thresholdDefaults(specs);
	if (overrides === undefined || overrides === null) return thresholds;
	if (typeof overrides !== 'object' || Array.isArray(overrides)) throw new Error(`${what} thresholds must be an object of name → number`);
	const parsed = thresholdOverridesSchema(specs).safeParse(overrides);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		if (issue.code === 'unrecognized_keys') {
			throw new Error(`${what} threshold "${issue.keys[0]}" is unknown (known: ${Object.keys(specs).join(', ')})`);
		}
		const name = String(issue.path[0]);
		const value = (overrides as Record<string, unknown>)[name];
		const shown = issue.message === 'is not a number' ? ` ${JSON.stringify(value)}` : '';
		const tail = issue.message === 'is not a number' ? '' : `, not ${JSON.stringify(value)}`;
		throw new Error(`${what} threshold "${name}"${shown} ${issue.message}${tail}`);
	}
	for (const [key, value] of Object.entries(parsed.data) as Array<[K, number | undefined]>) if (value !== undefined) thresholds[key] = value;
	return thresholds;
}

export interface ConversationSignalParts {
	accountId: string;
	system: string;
	ref: string;
	observedAt: DateTime;
	detectedAt: string;
	evidence: string;
	url?: string;
	value?: number;
	baseline?: number;
	severityRaise?: number;
	attributes: Record<string, unknown>;
}

export function buildConversationSignal(type: string, parts: ConversationSignalParts): Signal {
	const definition = getSignalType(type);
	const signal: Signal = {
		id: signalId(parts.system, parts.ref, type),
		accountId: parts.accountId,
		category: definition.category,
		type,
		polarity: definition.polarity,
		severity: Math.min(10, Math.max(1, definition.defaultSeverity + (parts.severityRaise ?? 0))),
		observedAt: toIso(parts.observedAt),
		detectedAt: parts.detectedAt,
		evidence: parts.evidence,
		source: { system: parts.system, ref: parts.ref, ...(parts.url ? { url: parts.url } : {}) },
		attributes: parts.attributes,
	};
	if (parts.value !== undefined) signal.value = parts.value;
	if (parts.baseline !== undefined) signal.baseline = parts.baseline;
	return signal;
}

/** "+0.42", "-0.31", "0.00": sentiment as a CSM reads it. */
export function formatScore(score: number): string {
	const rounded = Math.round(score * 100) / 100;
	if (rounded === 0) return '0.00';
	return `${rounded > 0 ? '+' : '-'}${Math.abs(rounded).toFixed(2)}`;
}

/** Signals in a stable order: account, type, observedAt, id. */
export function compareSignals(a: Signal, b: Signal): number {
	if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
	if (a.type !== b.type) return a.type < b.type ? -1 : 1;
	if (a.observedAt !== b.observedAt) return Date.parse(a.observedAt) - Date.parse(b.observedAt);
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Which signal type each lexicon raises, per source (cancellation language is crm.cancel_intent everywhere). */
export const LEXICON_SIGNAL_TYPES = {
	meetings: { budget_pressure: 'meetings.budget_language', competitor_mention: 'meetings.competitor_mention', cancellation_intent: 'crm.cancel_intent', expansion_intent: 'meetings.new_use_case' },
	email: { budget_pressure: 'email.budget_language', cancellation_intent: 'crm.cancel_intent' },
	slack: { frustration_escalation: 'slack.escalation_language', cancellation_intent: 'crm.cancel_intent' },
	support: { frustration_escalation: 'support.frustration_language' },
} as const;

/** The sentences each source's detectors quote: what `keepForLater` keeps a snippet of. */
export const QUOTED_SENTENCES = {
	meetings: { lexicons: Object.keys(LEXICON_SIGNAL_TYPES.meetings), mostPositivePerSpeaker: true, firstFlagged: false },
	email: { lexicons: Object.keys(LEXICON_SIGNAL_TYPES.email), mostPositivePerSpeaker: false, firstFlagged: false },
	slack: { lexicons: Object.keys(LEXICON_SIGNAL_TYPES.slack), mostPositivePerSpeaker: false, firstFlagged: true },
} as const;
