import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPairedItemData,
} from 'n8n-workflow';
import {
	aggregateItems,
	DEFAULT_INTELLIGENCE_CONFIG,
	mergeOverrides,
	parseOverrides,
	recordHealthScores,
	resolveIntelligenceConfig,
	type AggregateItemsResult,
	type IntelligenceConfig,
} from '../../engine/aggregate';
import { RecordStoreLedger } from '../../engine/ledger';
import { nodeError } from '../shared/errors';
import { unusableItemsOutput } from '../shared/unusableItems';

const D = DEFAULT_INTELLIGENCE_CONFIG;
const num = (displayName: string, name: string, value: number, description?: string) => ({
	displayName,
	name,
	type: 'number' as const,
	default: value,
	...(description ? { description } : {}),
});

export class CsAccountIntelligence implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Account Intelligence',
		name: 'csAccountIntelligence',
		icon: { light: 'file:csAccountIntelligence.svg', dark: 'file:csAccountIntelligence.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["bandScheme"] === "five" ? "Five-band health" : "Three-band health"}}',
		description:
			'Score every account from its signals: health, risk with drivers, expansion readiness, stakeholders, renewal stage and forecast, with a CSM-readable explanation. Connect Account items to the "Accounts" input and Signal items to the "Signals" input; the node runs once both have arrived (accounts without signals are scored too).',
		defaults: { name: 'CS Account Intelligence' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		inputNames: ['Accounts', 'Signals'],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Connect Account items (e.g. from CS CRM Signals) to the Accounts input and Signal items from the signal nodes to the Signals input. One item comes out per account.',
				name: 'inputsNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'As Of',
				name: 'asOf',
				type: 'dateTime',
				default: '',
				description: 'The moment to score for (default: now). Signals observed later are ignored, so past dates replay history.',
			},
			{
				displayName: 'Health Bands',
				name: 'bandScheme',
				type: 'options',
				options: [
					{ name: 'Three Bands (Green ≥ 80, Yellow 40–79, Red < 40)', value: 'three' },
					{ name: 'Five Bands (Excellent 80, Good 60, Fair 40, Poor 20, Critical 0)', value: 'five' },
				],
				default: 'three',
			},
			{
				displayName: 'Use Ledger For Trend',
				name: 'useLedgerForTrend',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep each run\'s health score in the workflow\'s static data and compare with it for the 7- and 30-day trend (saved for scheduled/production runs, not manual test runs)',
			},
			{
				displayName: 'Signals Without Account',
				name: 'unmatchedSignals',
				type: 'options',
				options: [
					{ name: 'Report as Error', value: 'error', description: 'A signal whose account ID matches no account item is an item error' },
					{ name: 'Ignore', value: 'ignore', description: 'Leave such signals out (e.g. when only some accounts are scored)' },
				],
				default: 'error',
			},
			{
				displayName: 'Health Weights',
				name: 'healthWeights',
				type: 'collection',
				placeholder: 'Override Weight',
				description: 'Percent per health dimension; the five must sum to 100 (unset ones keep their default)',
				default: {},
				options: [
					num('Commercial', 'commercial', D.health.weights.commercial),
					num('Outcomes', 'outcomes', D.health.weights.outcomes),
					num('Product Usage', 'usage', D.health.weights.usage),
					num('Relationship', 'relationship', D.health.weights.relationship),
					num('Support', 'support', D.health.weights.support),
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
					num('Contract Headroom', 'contractHeadroom', D.expansion.weights.contractHeadroom),
					num('Feature Depth', 'featureDepth', D.expansion.weights.featureDepth),
					num('Health Trajectory', 'healthTrajectory', D.expansion.weights.healthTrajectory),
					num('Stakeholder Breadth', 'stakeholderBreadth', D.expansion.weights.stakeholderBreadth),
					num('Usage Growth', 'usageGrowth', D.expansion.weights.usageGrowth),
				],
			},
			{
				displayName: 'Windows',
				name: 'windows',
				type: 'collection',
				placeholder: 'Override Window',
				default: {},
				options: [
					num('Active Signal Weight Floor', 'activeWeightFloor', D.risk.activeWeightFloor, 'A signal counts as active while its decayed weight is above this'),
					num('Champion Engaged Within (Days)', 'championDays', D.windows.championDays),
					num('Licensed Potential (%)', 'licensedPotentialPct', D.windows.licensedPotentialPct, 'Seat utilisation below this is below licensed potential (adoption ceiling)'),
					num('Plateau (Weeks)', 'plateauWeeks', D.windows.plateauWeeks, 'Flat usage for this long while below licensed potential is an adoption ceiling'),
					num('Risk Drivers Listed', 'topDrivers', D.risk.topDrivers),
					num('Stakeholders Engaged Within (Days)', 'stakeholderDays', D.windows.stakeholderDays),
					num('Velocity Window (Days)', 'velocityDays', D.windows.velocityDays),
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
					num('Commercial', 'commercial', D.health.freshnessDays.commercial),
					num('Outcomes', 'outcomes', D.health.freshnessDays.outcomes),
					num('Product Usage', 'usage', D.health.freshnessDays.usage),
					num('Relationship', 'relationship', D.health.freshnessDays.relationship),
					num('Support', 'support', D.health.freshnessDays.support),
				],
			},
			{
				displayName: 'Advanced Overrides (JSON)',
				name: 'advancedOverrides',
				type: 'json',
				default: '{}',
				description:
					'Any other default as JSON, e.g. {"segments": {"byCurrency": {"USD": {"highAbove": 60000, "midFrom": 12000}}}} or the forecast table; the same format as the CLI\'s --config file',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const accountItems = this.getInputData(0);
		const signalItems = this.getInputData(1) ?? [];
		let config: IntelligenceConfig;
		try {
			const { activeWeightFloor, topDrivers, ...windows } = this.getNodeParameter('windows', 0, {}) as IDataObject;
			config = resolveIntelligenceConfig(
				mergeOverrides(parseOverrides(this.getNodeParameter('advancedOverrides', 0, '{}'), 'Advanced Overrides (JSON)'), {
					health: {
						bandScheme: this.getNodeParameter('bandScheme', 0, 'three'),
						weights: this.getNodeParameter('healthWeights', 0, {}),
						freshnessDays: this.getNodeParameter('freshness', 0, {}),
					},
					expansion: { weights: this.getNodeParameter('expansionWeights', 0, {}) },
					risk: { activeWeightFloor, topDrivers },
					windows,
				}),
			);
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const ledger = this.getNodeParameter('useLedgerForTrend', 0, false) ? new RecordStoreLedger(this.getWorkflowStaticData('global')) : undefined;

		let result: AggregateItemsResult;
		try {
			result = aggregateItems(
				accountItems.map((item) => item.json),
				signalItems.map((item) => item.json),
				{
					asOf: (this.getNodeParameter('asOf', 0, '') as string) || undefined,
					timezone: this.getTimezone(),
					config,
					unmatchedSignals: this.getNodeParameter('unmatchedSignals', 0, 'error') as 'error' | 'ignore',
					healthHistory: ledger ? (accountId) => ledger.getHealthHistory(accountId) : undefined,
				},
			);
		} catch (error) {
			throw nodeError(this.getNode(), error);
		}
		const unusable = unusableItemsOutput(this, result.unusable, {
			noun: 'input item',
			otherwise: 'score the others',
			inputOf: (item) => (item.input === 'signals' ? 1 : 0),
		});
		if (ledger) recordHealthScores(ledger, result.items.map((item) => item.intelligence));

		const output: INodeExecutionData[] = result.items.map(({ intelligence, accountIndex, signalIndexes }) => ({
			json: intelligence as unknown as IDataObject,
			pairedItem: [{ item: accountIndex, input: 0 }, ...signalIndexes.map((item): IPairedItemData => ({ item, input: 1 }))],
		}));
		return [[...output, ...unusable]];
	}
}
