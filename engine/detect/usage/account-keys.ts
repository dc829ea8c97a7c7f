import { ItemValidationError, pluralCount, readPath } from '../../model';
import { UsageRowError } from './rows';

/**
 * Account keys: product analytics name accounts by their own key (a Mixpanel group key such as
 * `company_id`, a Pendo account id); signals must carry the CRM account id. A lookup translates one into
 * the other. A key that is not in the map but already is a known CRM account id passes as it is; any other
 * unknown key is an error, reported once per key with the first row and how many rows carried it (a
 * million events of one unmapped account are one problem, not a million).
 */

export interface AccountKeyLookupOptions {
	/** Product key → CRM account id. Absent: keys are used as they are. */
	map?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
	/** CRM account ids known from the accounts input. */
	knownAccountIds?: Iterable<string>;
	/** Distinct unmapped keys reported one by one (the rest are counted); default 1000. */
	maxReportedKeys?: number;
	/** What a row is called in the errors: `usage row` (default), `Mixpanel export line`, `Pendo result`. */
	rowLabel?: string;
}

export class AccountKeyLookup {
	private readonly map: ReadonlyMap<string, string> | undefined;
	private readonly known: ReadonlySet<string>;
	private readonly unmapped = new Map<string, { firstRow: number; rows: number }>();
	private readonly maxReportedKeys: number;
	private readonly rowLabel: string;
	/** Rows whose account key could not be translated. */
	unmappedRows = 0;
	/** Rows of unmapped keys beyond maxReportedKeys. */
	unreportedRows = 0;

	constructor(options: AccountKeyLookupOptions = {}) {
		const { map } = options;
		this.map = map === undefined ? undefined : map instanceof Map ? map : new Map(Object.entries(map as Record<string, string>));
		this.known = new Set(options.knownAccountIds ?? []);
		this.maxReportedKeys = options.maxReportedKeys ?? 1000;
		this.rowLabel = options.rowLabel ?? 'usage row';
	}

	/** The CRM account id for a product key, or undefined (recorded as an unmapped key). */
	resolve(key: string, rowIndex: number): string | undefined {
		if (!this.map) return key;
		const mapped = this.map.get(key);
		if (mapped !== undefined) return mapped;
		if (this.known.has(key)) return key;
		this.unmappedRows += 1;
		const entry = this.unmapped.get(key);
		if (entry) entry.rows += 1;
		else if (this.unmapped.size < this.maxReportedKeys) this.unmapped.set(key, { firstRow: rowIndex, rows: 1 });
		else this.unreportedRows += 1;
		return undefined;
	}

	/** One error per unmapped key, e.g. `usage row 17: account key "grp_9" is not in the account key map (1,204 rows) — …`. */
	errors(): UsageRowError[] {
		// rows of keys beyond maxReportedKeys are counted in unreportedRows (the summary says how many)
		return [...this.unmapped].map(
			([key, { firstRow, rows }]) =>
				new UsageRowError(firstRow, ['accountKey'], this.rowLabel, [
					`account key ${JSON.stringify(key)} is not in the account key map (${pluralCount(rows, 'row')}) — add it to the map, or map the field that holds the CRM account id`,
				]),
		);
	}
}

export interface AccountKeyMapResult {
	map: Map<string, string>;
	errors: ItemValidationError[];
}

/**
 * An account key map from Account items: `keyField` (dot path, e.g. `domain` or `crm.id` or a custom
 * `mixpanelCompanyId`) holds the product's key, `accountIdField` the CRM account id. Items without a key are
 * skipped; one key on two accounts is an error (the first account keeps it).
 */
export function accountKeyMapFromItems(items: readonly unknown[], keyField: string, accountIdField = 'accountId'): AccountKeyMapResult {
	const map = new Map<string, string>();
	const owner = new Map<string, number>();
	const errors: ItemValidationError[] = [];
	items.forEach((item, index) => {
		const key = readPath(item, keyField);
		const accountId = readPath(item, accountIdField);
		if (key === undefined || key === null || key === '') return;
		if ((typeof key !== 'string' && typeof key !== 'number') || (typeof accountId !== 'string' && typeof accountId !== 'number') || String(accountId).trim() === '') {
			errors.push(new ItemValidationError('account', index, [`${keyField} ${JSON.stringify(key)} or ${accountIdField} ${JSON.stringify(accountId)} is not an id — the account key map needs both`]));
			return;
		}
		const text = String(key).trim();
		const first = owner.get(text);
		if (first !== undefined) {
			errors.push(new ItemValidationError('account', index, [`${keyField} ${JSON.stringify(text)} is also the key of account ${first}: the first one keeps it`]));
			return;
		}
		owner.set(text, index);
		map.set(text, String(accountId).trim());
	});
	return { map, errors };
}
