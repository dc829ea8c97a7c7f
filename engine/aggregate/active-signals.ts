/**
 * One pass over an account's active signals, strongest first: the summed risk and opportunity weights, the
 * drivers (the strongest signal of each type, top N) and, per active type, its strongest weighted signal and
 * every id of the type (the health input that stands for the type).
 */
import type { Signal } from '../model';
import { round } from './health';
import { compareStrings, fromUnits, sortShort, toUnits, type ProfiledSignal } from './signals';

export interface Driver {
	signalId: string;
	type: string;
	weight: number;
	evidence: string;
	/** The signal's source, so a decision or alert can link the evidence without the signal at hand. */
	source: Signal['source'];
}

const driverOf = (p: ProfiledSignal): Driver => ({
	signalId: p.signal.id,
	type: p.signal.type,
	weight: round(p.weight, 2),
	evidence: p.signal.evidence,
	source: p.signal.source,
});

/** One active signal type of an account: its strongest non-context signal (health input) and every such id. */
export interface ActiveType {
	best: ProfiledSignal | null;
	ids: string[] | null;
	riskListed: boolean;
	opportunityListed: boolean;
}

/**
 * The signal types of a whole computeIntelligence call in sorted order, so an account's active types are
 * ordered by comparing small integers (ranks) instead of strings, and collected in a slot array shared by
 * the accounts (filled and cleared per account) instead of a Map per account.
 */
export class TypeOrder {
	readonly rankOf = new Map<string, number>();
	readonly types: string[];
	/** Per rank, the entry of the account being computed (undefined when the type is not active). */
	readonly slots: Array<ActiveType | undefined>;
	/** `has(type)`: is the type active in the account being computed. */
	readonly active: { has(type: string): boolean };

	constructor(types: Iterable<string>) {
		this.types = sortShort([...new Set(types)], compareStrings);
		this.types.forEach((type, rank) => this.rankOf.set(type, rank));
		this.slots = new Array<ActiveType | undefined>(this.types.length).fill(undefined);
		this.active = {
			has: (type: string) => {
				const rank = this.rankOf.get(type);
				return rank !== undefined && this.slots[rank] !== undefined;
			},
		};
	}

	/** Clear the slots an account filled, for the next account. */
	release(ranks: readonly number[]): void {
		for (const rank of ranks) this.slots[rank] = undefined;
	}
}

export interface ActiveSignals {
	riskWeight: number;
	opportunityWeight: number;
	activeRiskSignals: number;
	riskDrivers: Driver[];
	opportunityDrivers: Driver[];
	/** The ranks (in the TypeOrder) of the active types, ascending; their slots hold the entries until released. */
	ranks: number[];
	/** The active types, in taxonomy-id order. */
	types: string[];
}

const byRank = (a: number, b: number) => a - b;

/** Summarise active signals (already sorted strongest first) into weights, drivers and per-type entries. */
export function summariseActiveSignals(active: readonly ProfiledSignal[], order: TypeOrder, topDrivers: number): ActiveSignals {
	const slots = order.slots;
	let riskUnits = 0;
	let opportunityUnits = 0;
	let activeRiskSignals = 0;
	const riskDrivers: Driver[] = [];
	const opportunityDrivers: Driver[] = [];
	const ranks: number[] = [];
	for (const p of active) {
		const signal = p.signal;
		const rank = order.rankOf.get(signal.type)!;
		let entry = slots[rank];
		if (entry === undefined) {
			entry = { best: null, ids: null, riskListed: false, opportunityListed: false };
			slots[rank] = entry;
			ranks.push(rank);
		}
		if (signal.polarity === 'risk') {
			riskUnits += toUnits(p.weight);
			activeRiskSignals++;
			if (!entry.riskListed) {
				entry.riskListed = true;
				if (riskDrivers.length < topDrivers) riskDrivers.push(driverOf(p));
			}
		} else if (signal.polarity === 'opportunity') {
			opportunityUnits += toUnits(p.weight);
			if (!entry.opportunityListed) {
				entry.opportunityListed = true;
				if (opportunityDrivers.length < topDrivers) opportunityDrivers.push(driverOf(p));
			}
		}
		if (signal.polarity !== 'context') {
			if (entry.ids === null) entry.ids = [signal.id];
			else entry.ids.push(signal.id);
			const best = entry.best;
			if (best === null || p.weight > best.weight || (p.weight === best.weight && signal.id < best.signal.id)) entry.best = p;
		}
	}
	sortShort(ranks, byRank);
	return {
		riskWeight: fromUnits(riskUnits),
		opportunityWeight: fromUnits(opportunityUnits),
		activeRiskSignals,
		riskDrivers,
		opportunityDrivers,
		ranks,
		types: ranks.map((rank) => order.types[rank]),
	};
}
