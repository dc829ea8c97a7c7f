/** The signal taxonomy as a lookup: every type, by id (with did-you-mean), by category, and its decayed weight. */
import type { DateTime } from 'luxon';
import { SIGNAL_CATEGORIES, closestName, daysBetween, requireIsoDate, type Signal, type SignalCategory } from '../model';
import { SIGNAL_TYPE_DEFINITIONS } from './signal-types';
import type { SignalTypeDefinition } from './types';

/** Every signal type of the taxonomy, in category order. */
export const SIGNAL_TYPES: readonly SignalTypeDefinition[] = SIGNAL_TYPE_DEFINITIONS;

const BY_ID: ReadonlyMap<string, SignalTypeDefinition> = new Map(SIGNAL_TYPES.map((type) => [type.id, type]));

/** The ids of every signal type. */
export const SIGNAL_TYPE_IDS: readonly string[] = SIGNAL_TYPES.map((type) => type.id);

/** The signal type with this id, or undefined. */
export function findSignalType(id: string): SignalTypeDefinition | undefined {
	return BY_ID.get(id);
}

/** The signal type with this id; throws `Unknown signal type "x". Did you mean "y"?` otherwise. */
export function getSignalType(id: string): SignalTypeDefinition {
	const type = BY_ID.get(id);
	if (type) return type;
	const suggestion = closestName(id, SIGNAL_TYPE_IDS);
	const hint = suggestion
		? ` Did you mean "${suggestion}"?`
		: ' Run "cs-signal-os taxonomy" for the list of signal types.';
	throw new Error(`Unknown signal type "${id}".${hint}`);
}

/** Signal types grouped by category; every category is present, in the canonical category order. */
export function signalTypesByCategory(): Record<SignalCategory, SignalTypeDefinition[]> {
	const groups = Object.fromEntries(SIGNAL_CATEGORIES.map((category) => [category, [] as SignalTypeDefinition[]])) as Record<
		SignalCategory,
		SignalTypeDefinition[]
	>;
	for (const type of SIGNAL_TYPES) groups[type.category].push(type);
	return groups;
}

/**
 * A signal's weight after decay: severity × 0.5^(age / halfLife).
 * A negative age (a signal observed after the as-of instant) counts as age 0: full weight.
 */
export function decayedWeight(severity: number, ageDays: number, halfLifeDays: number): number {
	if (!(halfLifeDays > 0)) throw new Error(`halfLifeDays must be a positive number of days, got ${halfLifeDays}`);
	const age = ageDays > 0 ? ageDays : 0;
	return severity * Math.pow(0.5, age / halfLifeDays);
}

/** A signal's decayed weight at `asOf`, using its type's half-life and its observedAt. */
export function signalWeight(signal: Pick<Signal, 'type' | 'severity' | 'observedAt'>, asOf: DateTime): number {
	const type = getSignalType(signal.type);
	const observedAt = requireIsoDate(signal.observedAt, `signal observedAt`);
	return decayedWeight(signal.severity, daysBetween(observedAt, asOf), type.halfLifeDays);
}
