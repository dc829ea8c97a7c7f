/**
 * What the exec-change sweeps (HubSpot, input items; Salesforce ContactHistory later) share: the options and the
 * result every CS Executive Change Signals run returns, the state kept between runs, and the one place that turns
 * contact-change records into signals.
 *
 * The state is the list of signals already emitted (id → the day it happened), kept while the signal is inside
 * its type's lookback: with "new signals only" a change is emitted once, never every morning; with "all active
 * signals" (the default, what CS Account Intelligence needs) every signal inside its lookback comes out each run
 * and the state only remembers. About 40 bytes per remembered signal.
 */
import type { DateTime } from 'luxon';
import { hasOwnKey, parseNamed, resolveAsOf, setOwn, resolveSeniorityTable, toIso, type Account, type ContactChange, type Signal, type UnusableItem } from '../model';
import { ExecDetectionConfigSchema, detectExecSignals, type ExecDetectionConfig } from '../detect/exec';
import { cleanOptions } from './crm';

/** `active`: every signal inside its lookback, each run; `new`: only signals no earlier run emitted. */
export const SIGNAL_EMIT_MODES = ['active', 'new'] as const;
export type SignalEmitMode = (typeof SIGNAL_EMIT_MODES)[number];
export const DEFAULT_SIGNAL_EMIT_MODE: SignalEmitMode = 'active';

export interface ExecSweepState {
	/** Signal id → the day (YYYY-MM-DD) of the change it reports. */
	emitted: Record<string, string>;
	lastSweepAt?: string;
}

export interface ExecSweepCommon {
	asOf?: string | DateTime;
	/** Detection overrides (ExecDetectionConfigSchema); empty values are ignored. */
	detection?: Record<string, unknown>;
	/** Extra job-title phrases per level, added to rules/tables/seniority-titles.json (same shape). */
	seniorityTable?: unknown;
	emit?: SignalEmitMode;
	/** What the previous run kept (node static data); absent on the first run. */
	previous?: unknown;
}

export interface ExecSweepResult {
	/** Each signal with the input items it rests on: rows (input "rows") or accounts (input "accounts"). */
	detections: Array<{ signal: Signal; itemIndexes: number[]; input: 'rows' | 'accounts' }>;
	unusable: UnusableItem[];
	/** Persist this only after the whole run succeeded. */
	state: ExecSweepState;
	/** What was read and what was left out, by reason: nothing disappears without a count. */
	read: { contacts: number; contactsOutsideBook: number; signalsDetected: number; signalsEmittedBefore: number };
}

export function execDetectionConfig(detection?: Record<string, unknown>): ExecDetectionConfig {
	return parseNamed(ExecDetectionConfigSchema, 'Detection options', cleanOptions(detection));
}

export function previousExecState(previous: unknown): ExecSweepState {
	const emitted = (previous as Partial<ExecSweepState> | undefined)?.emitted;
	if (!emitted || typeof emitted !== 'object' || Array.isArray(emitted)) return { emitted: {} };
	return { emitted: Object.fromEntries(Object.entries(emitted).filter(([, day]) => typeof day === 'string')) };
}

/** The longest lookback of any exec detector: a remembered signal older than this can never come back. */
function longestLookbackDays(config: ExecDetectionConfig): number {
	return Math.max(config.departureLookbackDays, config.sponsorLookbackDays, config.promotionLookbackDays, config.titleChangeLookbackDays, config.newExecutiveLookbackDays, config.reorganisationLookbackDays);
}

/** Detect over the records, then apply the emit mode against the state; returns the signals to emit and the next state. */
export function detectAndRemember(
	records: readonly ContactChange[],
	accounts: readonly Account[],
	options: ExecSweepCommon,
): { signals: Signal[]; state: ExecSweepState; detected: number; emittedBefore: number } {
	const asOf = resolveAsOf(options.asOf);
	const config = execDetectionConfig(options.detection);
	const previous = previousExecState(options.previous);
	const all = detectExecSignals(records, accounts, { asOf, config, seniorityTable: resolveSeniorityTable(options.seniorityTable) });
	const oldest = toIso(asOf.minus({ days: longestLookbackDays(config) })).slice(0, 10);
	const emitted: Record<string, string> = {};
	for (const [id, day] of Object.entries(previous.emitted)) if (day >= oldest) setOwn(emitted, id, day);
	const fresh = all.filter((signal) => !hasOwnKey(previous.emitted, signal.id));
	for (const signal of all) setOwn(emitted, signal.id, signal.observedAt.slice(0, 10));
	const signals = (options.emit ?? DEFAULT_SIGNAL_EMIT_MODE) === 'new' ? fresh : all;
	return { signals, state: { emitted, lastSweepAt: toIso(asOf) }, detected: all.length, emittedBefore: all.length - fresh.length };
}
