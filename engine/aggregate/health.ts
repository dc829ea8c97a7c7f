import { HEALTH_DIMENSIONS, type HealthDimension } from '../model';
import type { IntelligenceConfig } from './config';
import { DAY_MS, exactLength, isoToMillis, type ProfiledSignal } from './signals';

export interface HealthInputResult {
	name: string;
	value: number | string | boolean | null;
	score: number | null;
	signalIds: string[];
	observedAt: string | null;
	stale: boolean;
}

/** An input before it is placed in its dimension: the age in days decides staleness. */
export interface HealthInputDraft {
	dimension: HealthDimension;
	name: string;
	value: number | string | boolean | null;
	score: number;
	signalIds: string[];
	observedAt: string | null;
	/** Days between the observation and as-of (null for account fields that carry no date). */
	ageDays: number | null;
}

export interface DimensionResult {
	dimension: HealthDimension;
	weight: number;
	effectiveWeight: number;
	score: number | null;
	inputs: HealthInputResult[];
	missing: boolean;
}

export interface StaleInput {
	/** `dimension.input`, e.g. `relationship.lastContactAt`. */
	id: string;
	dimension: HealthDimension;
	name: string;
	ageDays: number;
	windowDays: number;
}

export interface HealthCore {
	score: number;
	dimensions: DimensionResult[];
	missing: HealthDimension[];
	redistributedFrom: HealthDimension[];
	stale: StaleInput[];
	confidence: 'high' | 'medium' | 'low';
	/** Share (0–1) of the configured weight that rests on fresh inputs. */
	freshShare: number;
}

export const clamp = (value: number, min: number, max: number) => (value < min ? min : value > max ? max : value);
export const round = (value: number, digits = 0) => {
	const f = 10 ** digits;
	const r = Math.round(value * f) / f;
	return r === 0 ? 0 : r; // no -0 in items
};

/** Score a signal as a health input: risk lowers it from 100, opportunity raises it from the base. */
export function signalInputScore(signal: ProfiledSignal, config: IntelligenceConfig): number {
	const h = config.health;
	if (signal.signal.polarity === 'risk') return clamp(100 - signal.weight * h.riskPenaltyPerWeight, 0, 100);
	return clamp(h.opportunityBase + signal.weight * h.opportunityBonusPerWeight, 0, 100);
}

/**
 * One input per active signal type (its strongest signal stands for it; every id of the type is cited),
 * sorted by type so the result does not depend on signal order. Context signals do not move health.
 */
export function signalInputs(active: readonly ProfiledSignal[], asOfMs: number, config: IntelligenceConfig): HealthInputDraft[] {
	const strongest = new Map<string, { best: ProfiledSignal; ids: string[] }>();
	for (const p of active) {
		if (p.signal.polarity === 'context') continue;
		const entry = strongest.get(p.signal.type);
		if (!entry) strongest.set(p.signal.type, { best: p, ids: [p.signal.id] });
		else {
			entry.ids.push(p.signal.id);
			if (p.weight > entry.best.weight || (p.weight === entry.best.weight && p.signal.id < entry.best.signal.id)) entry.best = p;
		}
	}
	const drafts: HealthInputDraft[] = [];
	for (const type of [...strongest.keys()].sort()) {
		const { best, ids } = strongest.get(type)!;
		drafts.push({
			dimension: best.dimension,
			name: type,
			value: round(best.weight, 2),
			score: signalInputScore(best, config),
			signalIds: ids.sort(),
			observedAt: best.signal.observedAt,
			ageDays: (asOfMs - best.observedMs) / DAY_MS,
		});
	}
	return drafts;
}

/** Weighted health over the dimensions that have inputs; missing dimensions give their weight to the others. */
export function scoreHealth(drafts: readonly HealthInputDraft[], config: IntelligenceConfig): HealthCore {
	const h = config.health;
	const stale: StaleInput[] = [];
	const dimensions: DimensionResult[] = [];
	const freshFractions: number[] = [];
	let presentWeight = 0;
	let totalWeight = 0;
	for (const dimension of HEALTH_DIMENSIONS) {
		const window = h.freshnessDays[dimension];
		let sum = 0;
		let fresh = 0;
		const inputs: HealthInputResult[] = [];
		for (const draft of drafts) {
			if (draft.dimension !== dimension) continue;
			const isStale = draft.ageDays !== null && draft.ageDays > window;
			if (isStale) stale.push({ id: `${dimension}.${draft.name}`, dimension, name: draft.name, ageDays: Math.floor(draft.ageDays!), windowDays: window });
			else fresh++;
			sum += draft.score;
			inputs.push({
				name: draft.name,
				value: draft.value,
				score: round(draft.score),
				signalIds: draft.signalIds,
				observedAt: draft.observedAt,
				stale: isStale,
			});
		}
		const missing = inputs.length === 0;
		const weight = h.weights[dimension];
		// effectiveWeight is set below, once the present weight is known (the key stays last)
		dimensions.push({ dimension, weight, score: missing ? null : round(sum / inputs.length), inputs: exactLength(inputs), missing, effectiveWeight: 0 });
		freshFractions.push(missing ? 0 : fresh / inputs.length);
		presentWeight += missing ? 0 : weight;
		totalWeight += weight;
	}
	totalWeight = totalWeight || 1;
	let weighted = 0;
	let freshShare = 0;
	const missing: HealthDimension[] = [];
	const redistributedFrom: HealthDimension[] = [];
	for (let i = 0; i < dimensions.length; i++) {
		const d = dimensions[i];
		const effectiveWeight = d.missing || presentWeight === 0 ? 0 : (d.weight * 100) / presentWeight;
		if (!d.missing) {
			weighted += (d.score as number) * effectiveWeight;
			freshShare += (d.weight / totalWeight) * freshFractions[i];
		} else {
			missing.push(d.dimension);
			if (presentWeight !== 0 && d.weight > 0) redistributedFrom.push(d.dimension);
		}
		d.effectiveWeight = round(effectiveWeight, 2);
	}
	const score = presentWeight === 0 ? h.noDataScore : clamp(round(weighted / 100), 0, 100);
	const confidence = freshShare >= h.confidence.high ? 'high' : freshShare >= h.confidence.medium ? 'medium' : 'low';
	return {
		score,
		dimensions: exactLength(dimensions),
		missing: exactLength(missing),
		redistributedFrom: exactLength(redistributedFrom),
		stale,
		confidence,
		freshShare: round(freshShare, 3),
	};
}

/** The band of a score: the first band (best first) whose lower bound the score reaches. */
export function bandOf(score: number, bands: ReadonlyArray<{ band: string; min: number }>): string {
	return bandOfSorted(score, [...bands].sort((a, b) => b.min - a.min));
}

/** bandOf over bands already sorted best first (PreparedConfig.bands). */
export function bandOfSorted(score: number, sorted: ReadonlyArray<{ band: string; min: number }>): string {
	for (const b of sorted) if (score >= b.min) return b.band;
	return sorted[sorted.length - 1].band;
}

export interface HealthHistoryEntry {
	at: string;
	score: number;
}

/** The latest history entry at least `days` old and at most `maxAgeDays` old (entries after as-of are ignored). */
export function scoreDaysAgo(history: ReadonlyArray<{ ms: number; score: number }>, asOfMs: number, days: number, maxAgeDays: number): number | null {
	const newest = asOfMs - days * DAY_MS + DAY_MS / 2; // half a day of slack for sweeps that run at slightly different times
	const oldest = asOfMs - maxAgeDays * DAY_MS;
	let best: { ms: number; score: number } | null = null;
	for (const entry of history) {
		if (entry.ms > newest || entry.ms < oldest) continue;
		if (!best || entry.ms > best.ms || (entry.ms === best.ms && entry.score < best.score)) best = entry;
	}
	return best ? best.score : null;
}

export interface HealthTrend {
	delta7d: number | null;
	delta30d: number | null;
	previousBand7d: string | null;
	/** The score 30 days ago, when history holds one (for the percent change). */
	previous30d: number | null;
}

/** The score against the history: points gained or lost over 7 and 30 days and last week's band. */
export function healthTrend(
	score: number,
	history: ReadonlyArray<HealthHistoryEntry>,
	asOfMs: number,
	config: IntelligenceConfig,
	bands: ReadonlyArray<{ band: string; min: number }>,
): HealthTrend {
	const historyMs: Array<{ ms: number; score: number }> = [];
	for (const entry of history) {
		const ms = isoToMillis(entry.at);
		if (!Number.isNaN(ms) && ms < asOfMs) historyMs.push({ ms, score: entry.score });
	}
	const t = config.health.trend;
	const previous7d = scoreDaysAgo(historyMs, asOfMs, t.d7.days, t.d7.maxAgeDays);
	const previous30d = scoreDaysAgo(historyMs, asOfMs, t.d30.days, t.d30.maxAgeDays);
	return {
		delta7d: previous7d === null ? null : round(score - previous7d, 1),
		delta30d: previous30d === null ? null : round(score - previous30d, 1),
		previousBand7d: previous7d === null ? null : bandOfSorted(previous7d, bands),
		previous30d,
	};
}
