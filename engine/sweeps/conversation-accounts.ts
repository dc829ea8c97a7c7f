/**
 * The Account items a conversation source node receives on its input in a provider mode (CS CRM Signals' first
 * output): their domains map e-mails and calls to accounts, their contacts say who is champion or sponsor. An item
 * without an `accountId` is not an account (a trigger's empty item) and is passed over; an item with one that
 * does not read as an account is reported.
 */
import { AccountSchema, ItemValidationError, parseItem, unusableItem, type Account, type UnusableItem } from '../model';

export function accountsFromItems(items: readonly unknown[]): { accounts: Account[]; unusable: UnusableItem[] } {
	const accounts: Account[] = [];
	const unusable: UnusableItem[] = [];
	items.forEach((item, itemIndex) => {
		if (!item || typeof item !== 'object' || (item as { accountId?: unknown }).accountId === undefined) return;
		try {
			accounts.push(parseItem(AccountSchema, 'account', itemIndex, item));
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, itemIndex));
		}
	});
	return { accounts, unusable };
}
