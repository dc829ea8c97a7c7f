import { AccountSchema, ItemValidationError, parseItem, SignalSchema, unusableItem, type Account, type AccountIntelligence, type Signal, type UnusableItem } from '../model';
import { computeIntelligence, type ComputeIntelligenceOptions } from './compute';
import { intelligenceConfigOf } from './config';
import { duplicateAccount, signalsOfUnusableAccount, unmatchedSignals } from './input-checks';

export interface AggregatedItem {
	intelligence: AccountIntelligence;
	/** Index of the account item it came from, and of the signal items bucketed under it. */
	accountIndex: number;
	signalIndexes: number[];
}

export interface AggregateItemsResult {
	items: AggregatedItem[];
	/**
	 * Bad items of either input (`input` is "accounts" or "signals"), accounts first, each input in order. The
	 * signals of one accountId that cannot be scored (no account item, or its account item is not usable) are one
	 * problem, at the first of them.
	 */
	unusable: UnusableItem[];
	/** How many input items were left out, by input (a grouped problem counts every signal it names). */
	leftOut: { accounts: number; signals: number };
}

/** The accountId a raw item carries, when it carries one as text (for items that failed validation). */
function rawAccountId(input: unknown): string | undefined {
	const id = input && typeof input === 'object' ? (input as { accountId?: unknown }).accountId : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
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
	// accountId → index of the first account item with that id that was not usable
	const unusableAccountIds = new Map<string, number>();
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
			const id = rawAccountId(input);
			if (id !== undefined && !unusableAccountIds.has(id)) unusableAccountIds.set(id, index);
		}
	});
	const accountsLeftOut = unusable.length;
	const signals: Signal[] = [];
	const signalIndexesByAccount = new Map<string, number[]>();
	const signalProblems: UnusableItem[] = [];
	const unmatchedByAccount = new Map<string, number[]>();
	let signalsLeftOut = 0;
	signalInputs.forEach((input, index) => {
		let signal: Signal;
		try {
			signal = parseItem(SignalSchema, 'signal', index, input);
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			signalProblems.push(unusableItem(error, index, 'signals'));
			signalsLeftOut += 1;
			return;
		}
		if (!firstIndexById.has(signal.accountId)) {
			const list = unmatchedByAccount.get(signal.accountId);
			if (list) list.push(index);
			else unmatchedByAccount.set(signal.accountId, [index]);
			return;
		}
		signals.push(signal);
		const list = signalIndexesByAccount.get(signal.accountId);
		if (list) list.push(index);
		else signalIndexesByAccount.set(signal.accountId, [index]);
	});
	for (const [accountId, indexes] of unmatchedByAccount) {
		const accountIndex = unusableAccountIds.get(accountId);
		// one cause, one line: the signals of an account whose item is bad, or of an account nobody gave
		if (accountIndex !== undefined) signalProblems.push(unusableItem(signalsOfUnusableAccount(accountId, accountIndex, indexes), indexes[0], 'signals'));
		else if (options.unmatchedSignals !== 'ignore') signalProblems.push(unusableItem(unmatchedSignals(accountId, indexes), indexes[0], 'signals'));
		else continue;
		signalsLeftOut += indexes.length;
	}
	unusable.push(...signalProblems.sort((a, b) => a.itemIndex - b.itemIndex));
	const results = computeIntelligence(accounts, signals, { ...options, config, unmatchedSignals: 'ignore' });
	return {
		items: results.map((intelligence, i) => ({
			intelligence,
			accountIndex: accountIndexes[i],
			signalIndexes: signalIndexesByAccount.get(intelligence.accountId) ?? [],
		})),
		unusable,
		leftOut: { accounts: accountsLeftOut, signals: signalsLeftOut },
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
