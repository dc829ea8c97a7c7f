/** The checks on a book of accounts and signals that no single item can fail on its own, with their one wording. */
import { ItemValidationError } from '../model';

/** `account 1: accountId "acme" appears twice (items 0 and 1); give each account once`. */
export function duplicateAccount(accountId: string, first: number, index: number): ItemValidationError {
	return new ItemValidationError('account', index, [`accountId ${JSON.stringify(accountId)} appears twice (items ${first} and ${index}); give each account once`]);
}

/** `signal 5: accountId "nobody" matches no account item; …`, with how many more signals match none when known. */
export function unmatchedSignal(accountId: string, index: number, unmatchedCount = 1): ItemValidationError {
	const more = unmatchedCount > 1 ? ` (${unmatchedCount} signals match no account)` : '';
	return new ItemValidationError('signal', index, [`accountId ${JSON.stringify(accountId)} matches no account item${more}; add the account or ignore unmatched signals`]);
}
