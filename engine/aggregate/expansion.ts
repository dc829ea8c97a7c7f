import { plural, type ExpansionBand } from '../model';
import type { Stakeholders } from './account-facts';
import type { IntelligenceConfig } from './config';
import { clamp, round } from './health';
import type { ProfiledSignal } from './signals';

export interface ExpansionComponent {
	max: number;
	points: number;
	basis: string;
}

export interface Expansion {
	score: number;
	band: ExpansionBand;
	components: Record<string, ExpansionComponent>;
	guardrail: string | null;
}

export interface ExpansionInputs {
	active: readonly ProfiledSignal[];
	usageChangePct: number | null;
	stakeholders: Stakeholders;
	healthScore: number;
	topBandMin: number;
	delta7d: number | null;
	delta30d: number | null;
	seatUtilisation: number | null;
	firstValueAchieved: boolean;
	/** The distinct active signal types, when the caller already has them (else derived from `active`). */
	activeTypes?: { has(type: string): boolean };
	/** Sorted type lists from PreparedConfig (else sorted here). */
	pullTypesSorted?: readonly string[];
	featureDepthTypesSorted?: readonly string[];
}

const fmt = (n: number) => `${n > 0 ? '+' : ''}${round(n, 1)}`;

export function expansionBandOf(score: number, config: IntelligenceConfig): ExpansionBand {
	const b = config.expansion.bands;
	if (score <= b.monitorMax) return 'monitor';
	if (score <= b.plantSeedsMax) return 'plant_seeds';
	return 'initiate';
}

/**
 * Expansion readiness 0–100 (seed 002 expansion scoring): usage growth, stakeholder breadth, feature depth,
 * health trajectory, contract headroom — each earns a share of its weight with the basis said in words.
 * Guardrail: no "initiate" before first value is achieved.
 */
export function expansionReadiness(input: ExpansionInputs, config: IntelligenceConfig): Expansion {
	const e = config.expansion;
	const w = e.weights;
	const activeTypes = input.activeTypes ?? new Set(input.active.map((p) => p.signal.type));
	const components: Record<string, ExpansionComponent> = {};
	const add = (key: string, max: number, fraction: number, basis: string) => {
		components[key] = { max, points: round(max * clamp(fraction, 0, 1), 1), basis };
	};

	if (input.usageChangePct === null) add('usageGrowth', w.usageGrowth, 0, 'no usage change measured');
	else add('usageGrowth', w.usageGrowth, input.usageChangePct / e.fullUsageGrowthPct, `usage ${fmt(input.usageChangePct)}% (full points at +${e.fullUsageGrowthPct}%)`);

	const s = input.stakeholders;
	// filter-then-sort and sort-then-filter give the same list
	const pull = (input.pullTypesSorted ?? [...e.stakeholderPullTypes, ...e.championSentimentTypes].sort()).filter((t) => activeTypes.has(t));
	const breadthParts = [`${plural(s.engagedContacts, 'contact')} engaged in ${config.windows.stakeholderDays} days`];
	if (s.championEngaged) breadthParts.push('champion engaged');
	if (pull.length) breadthParts.push(`active: ${pull.join(', ')}`);
	add(
		'stakeholderBreadth',
		w.stakeholderBreadth,
		0.5 * Math.min(1, s.engagedContacts / e.fullBreadthContacts) + (s.championEngaged ? 0.25 : 0) + (pull.length ? 0.25 : 0),
		breadthParts.join('; '),
	);

	const depth = (input.featureDepthTypesSorted ?? [...e.featureDepthTypes].sort()).filter((t) => activeTypes.has(t));
	add('featureDepth', w.featureDepth, depth.length / e.featureDepthFullTypes, depth.length ? `active: ${depth.join(', ')}` : 'no feature-depth signals active');

	const delta = input.delta30d ?? input.delta7d;
	if (delta !== null) {
		const span = input.delta30d !== null ? '30' : '7';
		add('healthTrajectory', w.healthTrajectory, (delta + e.fullTrajectoryDelta30d) / (2 * e.fullTrajectoryDelta30d), `health ${fmt(delta)} points in ${span} days`);
	} else if (input.healthScore >= input.topBandMin) {
		add('healthTrajectory', w.healthTrajectory, 0.5, `no health history; half points for health ${input.healthScore} in the top band`);
	} else {
		add('healthTrajectory', w.healthTrajectory, 0, `no health history and health ${input.healthScore} below the top band`);
	}

	if (input.seatUtilisation === null) add('contractHeadroom', w.contractHeadroom, 0, 'seat utilisation unknown');
	else add('contractHeadroom', w.contractHeadroom, input.seatUtilisation / e.fullHeadroomUtilisationPct, `${input.seatUtilisation}% of licensed seats in use`);

	const score = clamp(round(Object.values(components).reduce((acc, c) => acc + c.points, 0)), 0, 100);
	let band = expansionBandOf(score, config);
	let guardrail: string | null = null;
	if (band === 'initiate' && e.firstValueGuardrail && !input.firstValueAchieved) {
		band = 'plant_seeds';
		guardrail = `First value not achieved yet: plant seeds only, no expansion conversation before onboarding is complete (readiness ${score} would be "initiate").`;
	}
	return { score, band, components, guardrail };
}
