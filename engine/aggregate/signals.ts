import { parseIsoDate, type Account, type HealthDimension, type Signal } from '../model';
import { decayedWeight, findSignalType } from '../taxonomy';
import type { IntelligenceConfig } from './config';

export const DAY_MS = 86_400_000;

/** Full ISO date-times with an explicit offset parse identically with Date.parse (fast path); anything else goes through luxon. */
const FAST_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO-8601 string (offset respected); NaN when it is not a date. */
export function isoToMillis(iso: string): number {
	if (FAST_ISO.test(iso)) return Date.parse(iso);
	const parsed = parseIsoDate(iso);
	return parsed ? parsed.toMillis() : Number.NaN;
}

/** A signal as the aggregation sees it at as-of: its age, decayed weight, dimension and whether it is active. */
export interface ProfiledSignal {
	signal: Signal;
	observedMs: number;
	ageDays: number;
	weight: number;
	dimension: HealthDimension;
	valueDecision: boolean;
	/** Decayed weight above the floor and observed on or before as-of. */
	active: boolean;
}

/** Integer micro-units so sums of weights are exact and do not depend on the order signals arrive in. */
export const WEIGHT_UNITS = 1e9;
export const toUnits = (weight: number) => Math.round(weight * WEIGHT_UNITS);
export const fromUnits = (units: number) => units / WEIGHT_UNITS;

export function profileSignal(signal: Signal, asOfMs: number, config: IntelligenceConfig): ProfiledSignal {
	return profileIfKept(signal, asOfMs, config, true)!;
}

/**
 * Profile a signal; with `keepAll` false, return null for a signal the aggregation will never read
 * (decayed below the floor or observed after as-of, and not a value-decision signal) without allocating.
 */
function profileIfKept(signal: Signal, asOfMs: number, config: IntelligenceConfig, keepAll: boolean): ProfiledSignal | null {
	const type = findSignalType(signal.type);
	const observedMs = isoToMillis(signal.observedAt);
	const ageDays = (asOfMs - observedMs) / DAY_MS;
	const future = observedMs > asOfMs;
	const weight = future ? 0 : decayedWeight(signal.severity, ageDays, type ? type.halfLifeDays : config.unknownTypes.halfLifeDays);
	const active = !future && weight > config.risk.activeWeightFloor;
	const valueDecision = type?.valueDecision === true;
	if (!keepAll && !active && !valueDecision) return null;
	return {
		signal,
		observedMs,
		ageDays,
		weight,
		dimension: type ? type.dimension : (config.unknownTypes.dimensionByCategory[signal.category] ?? 'relationship'),
		valueDecision,
		active,
	};
}

/** Signals whose accountId matches no account item (reported, never silently dropped). */
export interface UnmatchedSignal {
	index: number;
	signal: Signal;
}

export interface SignalBuckets {
	byAccount: Map<string, ProfiledSignal[]>;
	unmatched: UnmatchedSignal[];
}

/** One pass over the signals: profile each and bucket it under its account (decayed, non-value-decision signals are not kept). */
export function bucketSignals(accounts: readonly Account[], signals: readonly Signal[], asOfMs: number, config: IntelligenceConfig): SignalBuckets {
	const byAccount = new Map<string, ProfiledSignal[]>();
	for (const account of accounts) byAccount.set(account.accountId, []);
	const unmatched: UnmatchedSignal[] = [];
	for (let i = 0; i < signals.length; i++) {
		const signal = signals[i];
		const bucket = byAccount.get(signal.accountId);
		if (!bucket) {
			unmatched.push({ index: i, signal });
			continue;
		}
		// Only active signals and value-decision ones (velocity counts them after they decay) are read later.
		const profiled = profileIfKept(signal, asOfMs, config, false);
		if (profiled) bucket.push(profiled);
	}
	return { byAccount, unmatched };
}

/** Deterministic "stronger first" order: weight, then later observation, then id. */
export function strongerFirst(a: ProfiledSignal, b: ProfiledSignal): number {
	return b.weight - a.weight || b.observedMs - a.observedMs || (a.signal.id < b.signal.id ? -1 : a.signal.id > b.signal.id ? 1 : 0);
}

/** Deterministic "latest first" order: observation time, then id. */
export function laterFirst(a: ProfiledSignal, b: ProfiledSignal): number {
	return b.observedMs - a.observedMs || (a.signal.id < b.signal.id ? -1 : a.signal.id > b.signal.id ? 1 : 0);
}

/** A percent change a signal carries: attributes.changePct, else (value − baseline) / baseline. */
export function changePctOf(signal: Signal): number | null {
	const explicit = signal.attributes.changePct;
	if (typeof explicit === 'number' && Number.isFinite(explicit)) return explicit;
	if (typeof signal.value === 'number' && typeof signal.baseline === 'number' && signal.baseline !== 0) {
		return ((signal.value - signal.baseline) / Math.abs(signal.baseline)) * 100;
	}
	return null;
}
