import { AccountSchema, ItemValidationError, SignalSchema, toItemValidationError, type Account, type AccountIntelligence, type Signal } from '../model';
import { computeIntelligence, type ComputeIntelligenceOptions } from './compute';
import { resolveIntelligenceConfig } from './config';

/** A bad input item: which input, which item, and the sentence naming the field. */
export interface ItemProblem {
	input: 'accounts' | 'signals';
	index: number;
	message: string;
}

export interface AggregatedItem {
	intelligence: AccountIntelligence;
	/** Index of the account item it came from, and of the signal items bucketed under it. */
	accountIndex: number;
	signalIndexes: number[];
}

export interface AggregateItemsResult {
	items: AggregatedItem[];
	problems: ItemProblem[];
}

/**
 * Raw items (node inputs, CLI files) → validated Accounts and Signals → AccountIntelligence, keeping the
 * item indexes for pairedItem. Bad items are reported (never silently dropped) and left out; every good
 * account still comes out. Signals whose accountId matches no account are problems unless
 * `unmatchedSignals: "ignore"`.
 */
export function aggregateItems(accountInputs: readonly unknown[], signalInputs: readonly unknown[], options: ComputeIntelligenceOptions = {}): AggregateItemsResult {
	const config = options.config ?? resolveIntelligenceConfig(options.overrides ?? {});
	const problems: ItemProblem[] = [];
	const accounts: Account[] = [];
	const accountIndexes: number[] = [];
	const firstIndexById = new Map<string, number>();
	accountInputs.forEach((input, index) => {
		const parsed = AccountSchema.safeParse(input);
		if (!parsed.success) {
			problems.push({ input: 'accounts', index, message: toItemValidationError('account', index, parsed.error, input).message });
			return;
		}
		const first = firstIndexById.get(parsed.data.accountId);
		if (first !== undefined) {
			problems.push({
				input: 'accounts',
				index,
				message: new ItemValidationError('account', index, [`accountId ${JSON.stringify(parsed.data.accountId)} appears twice (items ${first} and ${index}); give each account once`]).message,
			});
			return;
		}
		firstIndexById.set(parsed.data.accountId, index);
		accounts.push(parsed.data);
		accountIndexes.push(index);
	});
	const signals: Signal[] = [];
	const signalIndexesByAccount = new Map<string, number[]>();
	signalInputs.forEach((input, index) => {
		const parsed = SignalSchema.safeParse(input);
		if (!parsed.success) {
			problems.push({ input: 'signals', index, message: toItemValidationError('signal', index, parsed.error, input).message });
			return;
		}
		const signal = parsed.data;
		if (!firstIndexById.has(signal.accountId)) {
			if (options.unmatchedSignals !== 'ignore') {
				problems.push({
					input: 'signals',
					index,
					message: new ItemValidationError('signal', index, [
						`accountId ${JSON.stringify(signal.accountId)} matches no account item; add the account or ignore unmatched signals`,
					]).message,
				});
			}
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
		problems,
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
