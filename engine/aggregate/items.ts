import { AccountSchema, ItemValidationError, parseItem, SignalSchema, unusableItem, type Account, type AccountIntelligence, type Signal, type UnusableItem } from '../model';
import { computeIntelligence, type ComputeIntelligenceOptions } from './compute';
import { intelligenceConfigOf } from './config';
import { duplicateAccount, unmatchedSignal } from './input-checks';

export interface AggregatedItem {
	intelligence: AccountIntelligence;
	/** Index of the account item it came from, and of the signal items bucketed under it. */
	accountIndex: number;
	signalIndexes: number[];
}

export interface AggregateItemsResult {
	items: AggregatedItem[];
	/** Bad items of either input (`input` is "accounts" or "signals"), in input order. */
	unusable: UnusableItem[];
}

/**
 * Raw items (node inputs, CLI files) → validated Accounts and Signals → AccountIntelligence, keeping the
 * item indexes for pairedItem. Bad items are reported (never silently dropped) and left out; every good
 * account still comes out. Signals whose accountId matches no account are unusable unless
 * `unmatchedSignals: "ignore"`.
 */
export function aggregateItems(accountInputs: readonly unknown[], signalInputs: readonly unknown[], options: ComputeIntelligenceOptions = {}): AggregateItemsResult {
	// resolved once here and handed on: computeIntelligence does not resolve it again
	const config = intelligenceConfigOf(options);
	const unusable: UnusableItem[] = [];
	const accounts: Account[] = [];
	const accountIndexes: number[] = [];
	const firstIndexById = new Map<string, number>();
	accountInputs.forEach((input, index) => {
		try {
			const account = parseItem(AccountSchema, 'account', index, input);
			const first = firstIndexById.get(account.accountId);
			if (first !== undefined) throw duplicateAccount(account.accountId, first, index);
			firstIndexById.set(account.accountId, index);
			accounts.push(account);
			accountIndexes.push(index);
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, index, 'accounts'));
		}
	});
	const signals: Signal[] = [];
	const signalIndexesByAccount = new Map<string, number[]>();
	signalInputs.forEach((input, index) => {
		let signal: Signal;
		try {
			signal = parseItem(SignalSchema, 'signal', index, input);
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, index, 'signals'));
			return;
		}
		if (!firstIndexById.has(signal.accountId)) {
			if (options.unmatchedSignals !== 'ignore') unusable.push(unusableItem(unmatchedSignal(signal.accountId, index), index, 'signals'));
			return;
		}
		signals.push(signal);
		const list = signalIndexesByAccount.get(signal.accountId);
		if (list) list.push(index);
		else signalIndexesByAccount.set(signal.accountId, [index]);
	});
	const results = computeIntelligence(accounts, signals, { ...options, config, unmatchedSignals: 'ignore' });
	return {
		items: results.map((intelligence, i) => ({
			intelligence,
			accountIndex: accountIndexes[i],
			signalIndexes: signalIndexesByAccount.get(intelligence.accountId) ?? [],
		})),
		unusable,
	};
}

/** Where today's scores are kept (the ledger's appendHealthScore) so the next run can report Δ7d / Δ30d. */
export interface HealthScoreStore {
	appendHealthScore(accountId: string, at: string, score: number): void;
}

/** Keep today's scores in the ledger so the next run can report Δ7d / Δ30d. */
export function recordHealthScores(ledger: HealthScoreStore, results: readonly AccountIntelligence[]): void {
	for (const result of results) ledger.appendHealthScore(result.accountId, result.asOf, result.health.score);
}
