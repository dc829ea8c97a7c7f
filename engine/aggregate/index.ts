export {
	computeIntelligence,
	intelligenceFor,
	riskScoreOf,
	UNMATCHED_SIGNAL_POLICIES,
	type ComputeIntelligenceOptions,
	type UnmatchedSignalPolicy,
} from './compute';
export {
	DEFAULT_INTELLIGENCE_CONFIG,
	IntelligenceConfigError,
	IntelligenceConfigSchema,
	intelligenceConfigOf,
	mergeOverrides,
	parseOverrides,
	resolveIntelligenceConfig,
	type IntelligenceConfig,
	type IntelligenceConfigOverrides,
} from './config';
export { aggregateItems, recordHealthScores, type AggregateItemsResult, type AggregatedItem, type HealthScoreStore } from './items';
export { renewalStage, forecastProbability, segmentOf } from './account-facts';
export { bandOf, type HealthHistoryEntry } from './health';
export { expansionBandOf } from './expansion';
export { evidencePhrase } from './explain';
export { bucketSignals, isoToMillis, profileSignal, type ProfiledSignal } from './signals';
