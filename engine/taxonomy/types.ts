import type { HealthDimension, Polarity, SignalCategory } from '../model';

/** One signal type of the taxonomy (engine/taxonomy/signal-types.ts holds the data). */
export interface SignalTypeDefinition {
	/** `category.name`, e.g. `support.volume_spike`. */
	id: string;
	/** A short noun phrase a CSM reads in an alert: "ticket burst", "champion departure". */
	label: string;
	category: SignalCategory;
	polarity: Polarity;
	/** Default severity 1–10 (a detector may raise or lower it within the range, with its reason in the evidence). */
	defaultSeverity: number;
	/** Decay half-life in days: weight = severity × 0.5^(age / halfLifeDays). */
	halfLifeDays: number;
	/** The health dimension this signal feeds. */
	dimension: HealthDimension;
	/** One line a CSM understands. */
	description: string;
	/** Default detection parameters from the seeds (thresholds, windows); detectors read them, users override them. */
	detection: Record<string, number>;
	/** Counts toward signal velocity (new use case, new stakeholder, feature adoption). */
	valueDecision?: boolean;
}
