/** The checks on a book of accounts and signals that no single item can fail on its own, with their one wording. */
import { ItemValidationError, listing, plural } from '../model';

/** `account 1: accountId "acme" appears twice (items 0 and 1); give each account once`. */
export function duplicateAccount(accountId: string, first: number, index: number): ItemValidationError {
	return new ItemValidationError('account', index, [`accountId ${JSON.stringify(accountId)} appears twice (items ${first} and ${index}); give each account once`]);
}

/** `signal 5: accountId "nobody" matches no account item; …`, with how many more signals match none when known. */
export function unmatchedSignal(accountId: string, index: number, unmatchedCount = 1): ItemValidationError {
	const more = unmatchedCount > 1 ? ` (${unmatchedCount} signals match no account)` : '';
	return new ItemValidationError('signal', index, [`accountId ${JSON.stringify(accountId)} matches no account item${more}; add the account or ignore unmatched signals`]);
}

/** "signals 3, 4 and 9" (the first ten, then "…"). */
function signalList(indexes: readonly number[]): string {
	const shown = indexes.slice(0, 10).map(String);
	return `${indexes.length === 1 ? 'signal' : 'signals'} ${listing(shown)}${indexes.length > 10 ? ` and ${indexes.length - 10} more` : ''}`;
}

/**
 * All signals of one accountId that no account item has, as one problem at the first of them:
 * `signal 5: accountId "nobody" matches no account item (signals 5, 7 and 9); add the account or ignore unmatched signals`.
 */
export function unmatchedSignals(accountId: string, indexes: readonly number[]): ItemValidationError {
	const which = indexes.length > 1 ? ` (${signalList(indexes)})` : '';
	return new ItemValidationError('signal', indexes[0], [`accountId ${JSON.stringify(accountId)} matches no account item${which}; add the account or ignore unmatched signals`]);
}

/**
 * All signals of an account whose own item is not usable, as one problem (the cause is the account, reported itself):
 * `signal 0: its account "a" is account item 2, which is not usable (see its own error); 5 signals (signals 0, 1, 2, 3 and 4) were not scored`.
 */
export function signalsOfUnusableAccount(accountId: string, accountIndex: number, indexes: readonly number[]): ItemValidationError {
	return new ItemValidationError('signal', indexes[0], [
		`its account ${JSON.stringify(accountId)} is account item ${accountIndex}, which is not usable (see its own error); ${plural(indexes.length, 'signal')} (${signalList(indexes)}) ${indexes.length === 1 ? 'was' : 'were'} not scored`,
	]);
}
