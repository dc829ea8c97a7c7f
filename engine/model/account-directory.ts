import type { Account } from './account';
import { domainOf, domainWithin, type Person } from './conversation';

/**
 * Which account a conversation belongs to, and who is who on the customer's side: built from Account items
 * (CS CRM Signals' output, or the CLI's `--accounts` file) and the node's mapping rows. One home for the
 * rules every conversation source applies:
 *
 * - an e-mail domain belongs to the account whose `domain` it is (or a sub-domain of: "eu.acme.com" is acme.com);
 * - a mapping row (`from` → `accountId`) wins over the accounts' own domains: `from` is an e-mail domain, a CRM
 *   record id (Gong's CRM context) or a Slack channel id, whatever the source looks up;
 * - the account's contacts become the people detection knows (champion and executive-sponsor flags, titles).
 */
export interface AccountMappingRow {
	/** An e-mail domain ("acme.com"), a CRM record id or a channel id. */
	from: string;
	accountId: string;
	/** The customer's name in evidence; defaults to the account's name when the account is known. */
	accountName?: string;
}

export interface DirectoryAccount {
	accountId: string;
	name?: string;
	domains: string[];
	/** Customer-side people with their flags (affiliation "customer"). */
	contacts: Person[];
}

export interface AccountDirectory {
	accounts: ReadonlyMap<string, DirectoryAccount>;
	/** The account of an e-mail domain (rows first, then the accounts' domains); undefined when none. */
	forDomain(domain: string | undefined): DirectoryAccount | undefined;
	/** The account a mapping row names for a key (a CRM id, a channel id), or the account with that id. */
	forKey(key: string | undefined): DirectoryAccount | undefined;
	/** An account's name (rows, then the account), for evidence. */
	nameOf(accountId: string): string | undefined;
	/** Every customer-side contact of every account. */
	contacts(): Person[];
}

function normaliseDomain(value: string): string {
	const trimmed = value.trim().toLowerCase().replace(/^@/, '');
	return (trimmed.includes('@') ? domainOf(trimmed) : trimmed.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '')) ?? trimmed;
}

function isDomain(value: string): boolean {
	return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(normaliseDomain(value));
}

function contactsOf(account: Account): Person[] {
	return account.contacts
		.filter((c) => c.status !== 'departed')
		.map((c) => ({
			name: c.name,
			...(c.title ? { title: c.title } : {}),
			affiliation: 'customer' as const,
			champion: c.isChampion,
			execSponsor: c.isExecSponsor,
		}));
}

export function accountDirectory(accounts: readonly Account[] = [], rows: readonly AccountMappingRow[] = []): AccountDirectory {
	const byId = new Map<string, DirectoryAccount>();
	for (const account of accounts) {
		byId.set(account.accountId, {
			accountId: account.accountId,
			name: account.name,
			domains: account.domain ? [normaliseDomain(account.domain)] : [],
			contacts: contactsOf(account),
		});
	}
	const rowNames = new Map<string, string>();
	const byKey = new Map<string, DirectoryAccount>();
	const domainRows: Array<{ domain: string; account: DirectoryAccount }> = [];
	for (const row of rows) {
		const accountId = row.accountId.trim();
		const from = row.from.trim();
		if (!accountId || !from) continue;
		let account = byId.get(accountId);
		if (!account) {
			account = { accountId, ...(row.accountName ? { name: row.accountName } : {}), domains: [], contacts: [] };
			byId.set(accountId, account);
		}
		if (row.accountName) rowNames.set(accountId, row.accountName);
		byKey.set(from.toLowerCase(), account);
		if (isDomain(from)) domainRows.push({ domain: normaliseDomain(from), account });
	}
	// longest domain first, so "eu.acme.com" (a row of its own) wins over "acme.com"
	const domainIndex = [
		...domainRows,
		...[...byId.values()].flatMap((account) => account.domains.map((domain) => ({ domain, account }))),
	].sort((a, b) => b.domain.length - a.domain.length);
	return {
		accounts: byId,
		forDomain(domain) {
			if (!domain) return undefined;
			const wanted = normaliseDomain(domain);
			// an exact row wins over a longer account domain that merely contains it
			const exactRow = domainRows.find((r) => r.domain === wanted);
			if (exactRow) return exactRow.account;
			return domainIndex.find((entry) => domainWithin(wanted, [entry.domain]))?.account;
		},
		forKey(key) {
			if (!key) return undefined;
			return byKey.get(key.trim().toLowerCase()) ?? byId.get(key.trim());
		},
		nameOf(accountId) {
			return rowNames.get(accountId) ?? byId.get(accountId)?.name;
		},
		contacts() {
			return [...byId.values()].flatMap((a) => a.contacts);
		},
	};
}
