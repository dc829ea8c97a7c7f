/**
 * The CS Account Intelligence form. Every default is DEFAULT_INTELLIGENCE_CONFIG's (weights, windows,
 * freshness, the band schemes and their cut-offs) and the choices come from the engine's lists
 * (UNMATCHED_SIGNAL_POLICIES); only labels and help texts live here. `intelligenceOverrides` turns the filled-in
 * form back into the config overrides the engine resolves.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DEFAULT_INTELLIGENCE_CONFIG, mergeOverrides, parseOverrides, UNMATCHED_SIGNAL_POLICIES, type IntelligenceConfig } from '../../engine/aggregate';
import { choices } from '../shared/formOptions';

const num = (displayName: string, name: string, value: number, description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	noDataExpression: true,
	default: value,
	...(description ? { description } : {}),
});

/** "Green ≥ 80, Yellow 40–79, Red < 40": a band scheme as its cut-offs. */
function bandLabel(bands: ReadonlyArray<{ band: string; min: number }>): string {
	const sorted = [...bands].sort((a, b) => b.min - a.min);
	const name = (band: string) => band.charAt(0).toUpperCase() + band.slice(1);
	return sorted
		.map(({ band, min }, i) => {
			if (i === 0) return `${name(band)} ≥ ${min}`;
			if (i === sorted.length - 1) return `${name(band)} < ${sorted[i - 1].min}`;
			return `${name(band)} ${min}–${sorted[i - 1].min - 1}`;
		})
		.join(', ');
}

const UNMATCHED_CHOICES = {
	error: { name: 'Report as Error', description: 'A signal whose account ID matches no account item is an item error' },
	ignore: { name: 'Ignore', description: 'Leave such signals out (e.g. when only some accounts are scored)' },
} as const;

export function accountIntelligenceProperties(config: IntelligenceConfig = DEFAULT_INTELLIGENCE_CONFIG): INodeProperties[] {
	const { health, expansion, risk, windows } = config;
	const { bandScheme } = health;
	const [unmatchedDefault] = UNMATCHED_SIGNAL_POLICIES;
	return [
		{
			displayName:
				'Connect Account items (e.g. from CS CRM Signals) to the Accounts input and Signal items from the signal nodes to the Signals input. One item comes out per account.',
			name: 'inputsNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'As Of',
			name: 'asOf',
			type: 'dateTime',
			noDataExpression: true,
			default: '',
			description: 'The moment to score for (default: now). Signals observed later are ignored, so past dates replay history.',
		},
		{
			displayName: 'Health Bands',
			name: 'bandScheme',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: `Three Bands (${bandLabel(health.bands.three)})`, value: 'three' },
				{ name: `Five Bands (${bandLabel(health.bands.five)})`, value: 'five' },
			],
			default: bandScheme,
		},
		{
			displayName: 'Use Ledger For Trend',
			name: 'useLedgerForTrend',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			description:
				"Whether to keep each run's health score in the workflow's static data and compare with it for the 7- and 30-day trend (saved for scheduled/production runs, not manual test runs)",
		},
		{
			displayName: 'Signals Without Account',
			name: 'unmatchedSignals',
			type: 'options',
			noDataExpression: true,
			options: choices(UNMATCHED_SIGNAL_POLICIES, UNMATCHED_CHOICES),
			default: unmatchedDefault,
		},
		{
			displayName: 'Health Weights',
			name: 'healthWeights',
			type: 'collection',
			placeholder: 'Override Weight',
			description: 'Percent per health dimension; the five must sum to 100 (unset ones keep their default)',
			default: {},
			options: [
				num('Commercial', 'commercial', health.weights.commercial),
				num('Outcomes', 'outcomes', health.weights.outcomes),
				num('Product Usage', 'usage', health.weights.usage),
				num('Relationship', 'relationship', health.weights.relationship),
				num('Support', 'support', health.weights.support),
			],
		},
		{
			displayName: 'Expansion Weights',
			name: 'expansionWeights',
			type: 'collection',
			placeholder: 'Override Weight',
			description: 'Points per expansion-readiness component; the five must sum to 100',
			default: {},
			options: [
				num('Contract Headroom', 'contractHeadroom', expansion.weights.contractHeadroom),
				num('Feature Depth', 'featureDepth', expansion.weights.featureDepth),
				num('Health Trajectory', 'healthTrajectory', expansion.weights.healthTrajectory),
				num('Stakeholder Breadth', 'stakeholderBreadth', expansion.weights.stakeholderBreadth),
				num('Usage Growth', 'usageGrowth', expansion.weights.usageGrowth),
			],
		},
		{
			displayName: 'Windows',
			name: 'windows',
			type: 'collection',
			placeholder: 'Override Window',
			default: {},
			options: [
				num('Active Signal Weight Floor', 'activeWeightFloor', risk.activeWeightFloor, 'A signal counts as active while its decayed weight is above this'),
				num('Champion Engaged Within (Days)', 'championDays', windows.championDays),
				num('Licensed Potential (%)', 'licensedPotentialPct', windows.licensedPotentialPct, 'Seat utilisation below this is below licensed potential (adoption ceiling)'),
				num('Plateau (Weeks)', 'plateauWeeks', windows.plateauWeeks, 'Flat usage for this long while below licensed potential is an adoption ceiling'),
				num('Risk Drivers Listed', 'topDrivers', risk.topDrivers),
				num('Stakeholders Engaged Within (Days)', 'stakeholderDays', windows.stakeholderDays),
				num('Velocity Window (Days)', 'velocityDays', windows.velocityDays),
			],
		},
		{
			displayName: 'Freshness (Days)',
			name: 'freshness',
			type: 'collection',
			placeholder: 'Override Freshness Window',
			description: 'An input older than this is marked stale and lowers confidence',
			default: {},
			options: [
				num('Commercial', 'commercial', health.freshnessDays.commercial),
				num('Outcomes', 'outcomes', health.freshnessDays.outcomes),
				num('Product Usage', 'usage', health.freshnessDays.usage),
				num('Relationship', 'relationship', health.freshnessDays.relationship),
				num('Support', 'support', health.freshnessDays.support),
			],
		},
		{
			displayName: 'Advanced Overrides (JSON)',
			name: 'advancedOverrides',
			type: 'json',
			noDataExpression: true,
			default: '{}',
			description:
				"Any other default as JSON, e.g. {\"segments\": {\"byCurrency\": {\"USD\": {\"highAbove\": 60000, \"midFrom\": 12000}}}} or the forecast table; the same format as the CLI's --config file",
		},
	];
}

/** The filled-in form as config overrides: the JSON first, the form's own fields on top (later layers win). */
export function intelligenceOverrides(form: {
	advancedOverrides: unknown;
	bandScheme: unknown;
	healthWeights: IDataObject;
	freshness: IDataObject;
	expansionWeights: IDataObject;
	windows: IDataObject;
}): Record<string, unknown> {
	const { activeWeightFloor, topDrivers, ...windows } = form.windows;
	return mergeOverrides(parseOverrides(form.advancedOverrides, 'Advanced Overrides (JSON)'), {
		health: { bandScheme: form.bandScheme, weights: form.healthWeights, freshnessDays: form.freshness },
		expansion: { weights: form.expansionWeights },
		risk: { activeWeightFloor, topDrivers },
		windows,
	});
}
