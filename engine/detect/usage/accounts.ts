import type { z } from 'zod';
import { AccountSchema, ItemValidationError, parseItem } from '../../model';

/**
 * What the usage detectors read from an Account item: licensed seats (utilisation, activation) and the
 * contract start and onboarding dates (plateau after onboarding, activation by day 60). Canonical Account
 * items (from CS CRM Signals) pass as they are; a bare `{accountId, licensedSeats, contractStart}` does too.
 */
export const UsageAccountSchema = AccountSchema.pick({ accountId: true, licensedSeats: true, contractStart: true, onboarding: true });
export type UsageAccount = z.infer<typeof UsageAccountSchema>;

export interface UsageAccountsResult {
	accounts: UsageAccount[];
	/** One per unusable or duplicate account item, naming the item and field. */
	errors: ItemValidationError[];
	/** Account id → the index of its item. */
	itemIndexes: Map<string, number>;
}

/** Parse the accounts input; a bad item is reported and the others still count. */
export function parseUsageAccounts(items: readonly unknown[]): UsageAccountsResult {
	const accounts: UsageAccount[] = [];
	const errors: ItemValidationError[] = [];
	const firstIndex = new Map<string, number>();
	items.forEach((item, index) => {
		let parsed: { data: UsageAccount };
		try {
			parsed = { data: parseItem(UsageAccountSchema, 'account', index, item) };
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			errors.push(error);
			return;
		}
		const seen = firstIndex.get(parsed.data.accountId);
		if (seen !== undefined) {
			errors.push(new ItemValidationError('account', index, [`accountId ${JSON.stringify(parsed.data.accountId)} is also account ${seen}: the first one is used`]));
			return;
		}
		firstIndex.set(parsed.data.accountId, index);
		accounts.push(parsed.data);
	});
	return { accounts, errors, itemIndexes: firstIndex };
}
