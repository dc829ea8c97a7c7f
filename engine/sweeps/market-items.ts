/**
 * One market sweep over input items (CS Market Signals, "From Input Items", and the command line): news items from
 * any upstream node (the model's NewsItem, or n8n's RSS Read items), the accounts with their news fields, the market
 * detectors. Nothing is kept between runs: whoever fetched the items decides what is new.
 */
import type { DateTime } from 'luxon';
import type { Signal, UnusableItem } from '../model';
import { accountNewsProfilesFromItems, detectMarketSignalsFromItems, newsItemCandidates, type AccountNewsFields, type MarketRunOptions } from '../detect/market';

export interface MarketItemsSweepOptions {
	items: readonly unknown[];
	accounts: readonly unknown[];
	accountFields?: Partial<AccountNewsFields>;
	detection?: Pick<MarketRunOptions, 'competitors' | 'maxArticleAgeDays' | 'storyWindowHours' | 'titleSimilarity' | 'table'>;
	asOf?: string | DateTime;
}

export interface MarketItemsSweepResult {
	/** Each signal with the news items it rests on (input "items"; a story read in two feeds: both). */
	detections: Array<{ signal: Signal; itemIndexes: number[]; input: 'items' }>;
	unusable: UnusableItem[];
	skipped: { tooOld: number; noAccount: number; notClassified: number; mergedIntoStory: number };
}

export function sweepMarketItems(options: MarketItemsSweepOptions): MarketItemsSweepResult {
	const news = accountNewsProfilesFromItems(options.accounts, options.accountFields);
	const result = detectMarketSignalsFromItems(newsItemCandidates(options.items), options.accounts, {
		...(options.detection ?? {}),
		...(options.asOf ? { asOf: options.asOf } : {}),
		accountProfiles: news.profiles,
	});
	return {
		detections: result.signals.map((signal) => ({ signal, itemIndexes: result.itemsBySignal[signal.id] ?? [], input: 'items' as const })),
		unusable: [...result.unusable, ...news.unusable],
		skipped: result.skipped,
	};
}
