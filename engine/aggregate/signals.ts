import { parseIsoDate, type Account, type HealthDimension, type Signal } from '../model';
import { decayedWeight, findSignalType, type SignalTypeDefinition } from '../taxonomy';
import type { IntelligenceConfig } from './config';

export const DAY_MS = 86_400_000;

/** Full ISO date-times with an explicit offset parse identically with Date.parse (fast path); anything else goes through luxon. */
const FAST_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

const digit = (s: string, i: number) => {
	const c = s.charCodeAt(i) - 48;
	return c >= 0 && c <= 9 ? c : Number.NaN;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/**
 * The commonest shapes — `YYYY-MM-DDTHH:MM:SS[.mmm](Z|±HH:MM)` — read digit by digit, for fields in the
 * ranges where this arithmetic and Date.parse agree exactly (year ≥ 100, day 1–31, hour < 24, minute and
 * second < 60); NaN for anything else, which then goes the general way.
 */
function strictIsoMillis(s: string): number {
	const n = s.length;
	let ms = 0;
	let zoneAt = 19;
	if (n === 24 || n === 29) {
		if (s.charCodeAt(19) !== 46 /* . */) return Number.NaN;
		ms = digit(s, 20) * 100 + two(s, 21);
		zoneAt = 23;
	} else if (n !== 20 && n !== 25) return Number.NaN;
	if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
	const year = two(s, 0) * 100 + two(s, 2);
	const month = two(s, 5);
	const day = two(s, 8);
	const hour = two(s, 11);
	const minute = two(s, 14);
	const second = two(s, 17);
	if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60 && ms >= 0)) return Number.NaN;
	let offsetMinutes = 0;
	const zone = s.charCodeAt(zoneAt);
	if (zone === 90 /* Z */) {
		if (n !== zoneAt + 1) return Number.NaN;
	} else if ((zone === 43 /* + */ || zone === 45) /* - */ && n === zoneAt + 6 && s.charCodeAt(zoneAt + 3) === 58) {
		const oh = two(s, zoneAt + 1);
		const om = two(s, zoneAt + 4);
		if (!(oh < 24 && om < 60)) return Number.NaN;
		offsetMinutes = (zone === 43 ? 1 : -1) * (oh * 60 + om);
	} else return Number.NaN;
	return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (year ≥ 0, month 1–12; a day past the month's end rolls over, as in Date.UTC). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** Epoch milliseconds of an ISO-8601 string (offset respected); NaN when it is not a date. */
export function isoToMillis(iso: string): number {
	const strict = strictIsoMillis(iso);
	if (strict === strict) return strict;
	if (FAST_ISO.test(iso)) return Date.parse(iso);
	const parsed = parseIsoDate(iso);
	return parsed ? parsed.toMillis() : Number.NaN;
}

/**
 * The same signal id counts once (a record seen by two sweeps, an upstream node that sent it twice): of the copies
 * the one detected last is kept (ties: the later in input). The same array comes back when every id is unique.
 */
export function uniqueSignals(signals: readonly Signal[]): readonly Signal[] {
	const keep = new Map<string, number>();
	let duplicates = false;
	for (let i = 0; i < signals.length; i++) {
		const id = signals[i].id;
		const earlier = keep.get(id);
		if (earlier === undefined) {
			keep.set(id, i);
			continue;
		}
		duplicates = true;
		if (!(isoToMillis(signals[earlier].detectedAt) > isoToMillis(signals[i].detectedAt))) keep.set(id, i);
	}
	if (!duplicates) return signals;
	return signals.filter((signal, i) => keep.get(signal.id) === i);
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
export function profileIfKept(signal: Signal, asOfMs: number, config: IntelligenceConfig, keepAll: boolean): ProfiledSignal | null {
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

/**
 * The signals the aggregation reads, grouped by account without a per-account list: `order` holds signal
 * indexes account by account (input order within an account); account i's run is order[start[i]] …
 * order[start[i + 1] − 1]. Each signal's observation time and decayed weight are computed once, in input
 * order (memory order: one sequential sweep), into typed arrays. Signals matching no account are counted,
 * with the first one's index kept for the error.
 */
export interface SignalGroups {
	order: Int32Array;
	start: Int32Array;
	observedMs: Float64Array;
	weight: Float64Array;
	/** 1 when active (see ProfiledSignal.active). */
	active: Uint8Array;
	/** Every distinct signal type among the signals of known accounts. */
	types: string[];
	unmatchedCount: number;
	firstUnmatched: number;
}

/** Profile every signal of a known account (as profileIfKept) and counting-sort the kept ones by account. */
export function groupSignals(
	accountIndex: ReadonlyMap<string, number>,
	accountCount: number,
	signals: readonly Signal[],
	asOfMs: number,
	config: IntelligenceConfig,
): SignalGroups {
	const n = signals.length;
	const accountOf = new Int32Array(n);
	const start = new Int32Array(accountCount + 1);
	const observedMs = new Float64Array(n);
	const weights = new Float64Array(n);
	const active = new Uint8Array(n);
	const floor = config.risk.activeWeightFloor;
	const unknownHalfLife = config.unknownTypes.halfLifeDays;
	let unmatchedCount = 0;
	let firstUnmatched = -1;
	let kept = 0;
	const definitions = new Map<string, SignalTypeDefinition | null>();
	for (let i = 0; i < n; i++) {
		const signal = signals[i];
		const a = accountIndex.get(signal.accountId);
		accountOf[i] = -1;
		if (a === undefined) {
			if (firstUnmatched < 0) firstUnmatched = i;
			unmatchedCount++;
			continue;
		}
		let type = definitions.get(signal.type);
		if (type === undefined) {
			type = findSignalType(signal.type) ?? null;
			definitions.set(signal.type, type);
		}
		const observed = isoToMillis(signal.observedAt);
		const future = observed > asOfMs;
		const weight = future ? 0 : decayedWeight(signal.severity, (asOfMs - observed) / DAY_MS, type ? type.halfLifeDays : unknownHalfLife);
		const isActive = !future && weight > floor;
		// Only active signals and value-decision ones (velocity counts them after they decay) are read later.
		if (!isActive && type?.valueDecision !== true) continue;
		observedMs[i] = observed;
		weights[i] = weight;
		active[i] = isActive ? 1 : 0;
		accountOf[i] = a;
		start[a + 1]++;
		kept++;
	}
	for (let a = 0; a < accountCount; a++) start[a + 1] += start[a];
	const next = start.slice(0, accountCount);
	const order = new Int32Array(kept);
	for (let i = 0; i < n; i++) {
		const a = accountOf[i];
		if (a >= 0) order[next[a]++] = i;
	}
	return { order, start, observedMs, weight: weights, active, types: [...definitions.keys()], unmatchedCount, firstUnmatched };
}

/** Account i's profiled signals (only those the aggregation reads), in input order; equal to profileIfKept's. */
export function profiledSignalsOf(groups: SignalGroups, i: number, signals: readonly Signal[], asOfMs: number, config: IntelligenceConfig): ProfiledSignal[] {
	const list: ProfiledSignal[] = [];
	for (let k = groups.start[i], end = groups.start[i + 1]; k < end; k++) {
		const n = groups.order[k];
		const signal = signals[n];
		const type = findSignalType(signal.type);
		const observedMs = groups.observedMs[n];
		list.push({
			signal,
			observedMs,
			ageDays: (asOfMs - observedMs) / DAY_MS,
			weight: groups.weight[n],
			dimension: type ? type.dimension : (config.unknownTypes.dimensionByCategory[signal.category] ?? 'relationship'),
			valueDecision: type?.valueDecision === true,
			active: groups.active[n] === 1,
		});
	}
	return list;
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

/**
 * The same list in an array of exactly its length. An array grown by push keeps spare capacity (a first
 * push reserves 17 slots); for arrays that live on in the output items that spare room is most of their
 * memory, and every byte of the output is copied by the young-generation GC.
 */
export const exactLength = <T>(list: T[]): T[] => (list.length === 0 ? [] : list.slice());

/** The order Array.prototype.sort uses for strings without a comparator (UTF-16 code units). */
export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const compareIds = compareStrings;

/**
 * Sort in place with the same result as `list.sort(compare)` (a stable sort; `compare` consistent), by
 * insertion for short lists — the per-account lists are short, and the built-in sort allocates its
 * bookkeeping on every call.
 */
export function sortShort<T>(list: T[], compare: (a: T, b: T) => number): T[] {
	if (list.length > 48) return list.sort(compare);
	for (let i = 1; i < list.length; i++) {
		const item = list[i];
		let j = i - 1;
		while (j >= 0 && compare(list[j], item) > 0) {
			list[j + 1] = list[j];
			j--;
		}
		list[j + 1] = item;
	}
	return list;
}

/**
 * Deterministic "stronger first" order: weight, then later observation, then id. Returns -1/0/1 (small
 * integers: a fractional difference would be boxed on every comparison of a sort). Incomparable (NaN)
 * weights or times fall through to the next key, as a difference would.
 */
export function strongerFirst(a: ProfiledSignal, b: ProfiledSignal): number {
	if (a.weight > b.weight) return -1;
	if (a.weight < b.weight) return 1;
	return laterFirst(a, b);
}

/** Deterministic "latest first" order: observation time, then id. */
export function laterFirst(a: ProfiledSignal, b: ProfiledSignal): number {
	if (a.observedMs > b.observedMs) return -1;
	if (a.observedMs < b.observedMs) return 1;
	return compareIds(a.signal.id, b.signal.id);
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
