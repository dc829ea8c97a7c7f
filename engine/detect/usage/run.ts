import { toIso, type ItemValidationError, type Signal } from '../../model';
import { AccountKeyLookup } from './account-keys';
import {
	UsageAccumulator,
	type UsageAccumulatorOptions,
	type UsageAccumulatorSize,
	type UsageAccumulatorStats,
	type UsageLimits,
} from './accumulator';
import { parseUsageAccounts, type UsageAccount } from './accounts';
import { detectUsageSignals, type UsageDetectionOptions } from './detectors';
import { mapUsageRow, resolveUsageFieldMap, UsageRowError, type UsageFieldMap, type UsageRowKind } from './rows';

export interface UsageRowsOptions extends UsageDetectionOptions {
	/** The instant detection runs for (default now); offset-less = `timezone`. */
	asOf?: UsageAccumulatorOptions['asOf'];
	/** The workflow's time zone: days are counted in it, offset-less times are read in it. Default UTC. */
	timezone?: string;
	/** Which field of each row holds what (USAGE_FIELDS keys); unset entries keep the defaults. */
	fieldMap?: Partial<Record<string, unknown>>;
	/** Per-event rows, pre-aggregated rows, or decide per row (default). */
	rowKind?: UsageRowKind;
	/** Product account key → CRM account id (Mixpanel group key, Pendo account id, …). */
	accountKeyMap?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
	limits?: Partial<UsageLimits>;
	/** Event names that count as a login (default DEFAULT_LOGIN_EVENTS). */
	loginEvents?: readonly string[];
	/** Row errors kept one by one in `errors`; beyond it they are only counted (default 1000). */
	maxRowErrors?: number;
}

export interface UsageRowsSummary {
	/** Rows read. */
	rows: number;
	/** Rows with a field that cannot be read (each is an error; see rowErrorsNotListed). */
	rowErrors: number;
	/** Of those, the ones beyond maxRowErrors: counted here, not listed one by one in `errors`. */
	rowErrorsNotListed: number;
	/** Rows whose account key is not in the account key map (listed as one error per key). */
	unmappedAccountRows: number;
	/** Unmapped rows whose key is beyond the first 1000 unmapped keys (not listed). */
	unmappedAccountRowsNotListed: number;
	/** The days counted: the window ends with the last complete day before as-of. */
	window: { from: string; to: string; days: number; asOf: string; timezone: string };
	counted: UsageAccumulatorStats;
	size: UsageAccumulatorSize;
	accountsWithUsage: number;
	/** Accounts of the accounts input without any usage row. */
	accountsWithoutUsage: string[];
}

export interface UsageRowsResult {
	signals: Signal[];
	/** Unusable account items first, then unusable rows in row order (each names the row and the field). */
	errors: ItemValidationError[];
	summary: UsageRowsSummary;
}

/** Rows in → accumulator; one per run. Keeps the first `maxRowErrors` row errors and counts the rest. */
class UsageRowIngest {
	rows = 0;
	rowErrors = 0;
	readonly errors: UsageRowError[] = [];
	private readonly fieldMap: UsageFieldMap;
	private readonly kind: UsageRowKind;
	private readonly maxRowErrors: number;

	constructor(
		readonly accumulator: UsageAccumulator,
		readonly lookup: AccountKeyLookup,
		options: UsageRowsOptions,
	) {
		this.fieldMap = resolveUsageFieldMap(options.fieldMap);
		this.kind = options.rowKind ?? 'auto';
		this.maxRowErrors = options.maxRowErrors ?? 1000;
	}

	push(raw: unknown, rowIndex: number): void {
		this.rows += 1;
		let mapped;
		try {
			mapped = mapUsageRow(raw, rowIndex, this.fieldMap, this.kind, this.accumulator.calendar.zone);
		} catch (error) {
			if (!(error instanceof UsageRowError)) throw error;
			this.rowErrors += 1;
			if (this.errors.length < this.maxRowErrors) this.errors.push(error);
			return;
		}
		const accountId = this.lookup.resolve(mapped.row.accountId, rowIndex);
		if (accountId === undefined) return;
		if (mapped.kind === 'event') this.accumulator.addEvent({ ...mapped.row, accountId });
		else this.accumulator.addDay({ ...mapped.row, accountId });
	}

	finish(accounts: readonly UsageAccount[], accountErrors: ItemValidationError[], options: UsageRowsOptions): UsageRowsResult {
		const rowErrors = [...this.errors, ...this.lookup.errors()].sort((a, b) => a.itemIndex - b.itemIndex);
		const signals = detectUsageSignals(this.accumulator, accounts, options);
		const calendar = this.accumulator.calendar;
		const withUsage = new Set<string>();
		for (const account of this.accumulator.accounts()) withUsage.add(account.accountId);
		return {
			signals,
			errors: [...accountErrors, ...rowErrors],
			summary: {
				rows: this.rows,
				rowErrors: this.rowErrors,
				rowErrorsNotListed: this.rowErrors - this.errors.length,
				unmappedAccountRows: this.lookup.unmappedRows,
				unmappedAccountRowsNotListed: this.lookup.unreportedRows,
				window: { from: calendar.date(0), to: calendar.date(calendar.days - 1), days: calendar.days, asOf: toIso(calendar.asOf), timezone: calendar.zone },
				counted: { ...this.accumulator.stats },
				size: this.accumulator.size(),
				accountsWithUsage: withUsage.size,
				accountsWithoutUsage: accounts.filter((account) => !withUsage.has(account.accountId)).map((account) => account.accountId),
			},
		};
	}
}

function start(accounts: readonly unknown[], options: UsageRowsOptions) {
	const parsed = parseUsageAccounts(accounts);
	const accumulator = new UsageAccumulator({ asOf: options.asOf, timezone: options.timezone, thresholds: options.thresholds, limits: options.limits, loginEvents: options.loginEvents });
	const lookup = new AccountKeyLookup({ map: options.accountKeyMap, knownAccountIds: parsed.accounts.map((account) => account.accountId) });
	return { parsed, ingest: new UsageRowIngest(accumulator, lookup, options) };
}

/**
 * Usage rows from any upstream node or an export (per-event or pre-aggregated, fields mapped) + accounts →
 * usage signals. What `cs-signal-os signals usage` and CS Usage Signals' "from input items" mode call.
 * Bad rows and account items are reported (never dropped silently) and the good ones still count; a bad
 * field map, threshold or as-of throws (it is not any one row's fault). Rows are reduced as they are read:
 * memory follows accounts × window days, not the number of rows.
 */
export function detectUsageSignalsFromRows(rows: Iterable<unknown>, accounts: readonly unknown[] = [], options: UsageRowsOptions = {}): UsageRowsResult {
	const { parsed, ingest } = start(accounts, options);
	let index = 0;
	for (const row of rows) ingest.push(row, index++);
	return ingest.finish(parsed.accounts, parsed.errors, options);
}

/** The same for a stream of rows (a JSONL or CSV file read line by line, a database cursor). */
export async function detectUsageSignalsFromRowStream(rows: AsyncIterable<unknown> | Iterable<unknown>, accounts: readonly unknown[] = [], options: UsageRowsOptions = {}): Promise<UsageRowsResult> {
	const { parsed, ingest } = start(accounts, options);
	let index = 0;
	for await (const row of rows) ingest.push(row, index++);
	return ingest.finish(parsed.accounts, parsed.errors, options);
}
