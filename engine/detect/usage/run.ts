import { toIso, unusableItem, type Signal, type UnusableItem, type UsageDay, type UsageEvent } from '../../model';
import { accountKeyMapFromItems, AccountKeyLookup } from './account-keys';
import {
	UsageAccumulator,
	type AddOutcome,
	type UsageAccumulatorOptions,
	type UsageAccumulatorSize,
	type UsageAccumulatorStats,
	type UsageLimits,
} from './accumulator';
import { parseUsageAccounts, type UsageAccount } from './accounts';
import { detectUsageSignals, type UsageDetectionOptions } from './detectors';
import { mapUsageRow, resolveUsageFieldMap, UsageRowError, type UsageFieldMap, type UsageRowKind } from './rows';

/** What happens to usage whose account key is neither in the account key map nor a known CRM account id. */
export const UNMAPPED_USAGE_ACCOUNT_POLICIES = ['error', 'ignore'] as const;
export type UnmappedUsageAccountPolicy = (typeof UNMAPPED_USAGE_ACCOUNT_POLICIES)[number];

export interface UsageRunOptions extends UsageDetectionOptions {
	/** The instant detection runs for (default now); offset-less = `timezone`. Usage on or after its day is not counted. */
	asOf?: UsageAccumulatorOptions['asOf'];
	/** The zone days are counted in (the workflow's; Mixpanel: the project's; Pendo: the subscription's). Default UTC. */
	timezone?: string;
	/** Product account key → CRM account id (Mixpanel group key, Pendo account id, …). */
	accountKeyMap?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
	/** Or: the field of each Account item holding the product's key (the map is built from the accounts). */
	accountKeyField?: string;
	/** Usage of an unmapped key: one error per key (default), or only counted in the summary. */
	unmappedAccounts?: UnmappedUsageAccountPolicy;
	limits?: Partial<UsageLimits>;
	/** Event names that count as a login (default DEFAULT_LOGIN_EVENTS). */
	loginEvents?: readonly string[];
	/** What a row is called in errors (`usage row`; the sweeps: `Mixpanel export line`, `Pendo result`). */
	rowLabel?: string;
}

export interface UsageRunSummary {
	/** The days counted: the window ends with the last complete day before as-of. */
	window: { from: string; to: string; days: number; asOf: string; timezone: string };
	counted: UsageAccumulatorStats;
	size: UsageAccumulatorSize;
	/** Rows (events or account-days) whose account key is not in the account key map. */
	unmappedAccountRows: number;
	accountsWithUsage: number;
	/** Accounts of the accounts input without any usage in the window: how many, and the first 20. */
	accountsWithoutUsage: number;
	accountsWithoutUsageSample: string[];
}

export interface UsageRunResult {
	signals: Signal[];
	/**
	 * What could not be used: account items (`input: 'accounts'`) first, then usage rows (`input: 'usage'`) in
	 * row order; each message names the item or row, the field and the fix.
	 */
	unusable: UnusableItem[];
	summary: UsageRunSummary;
	/** Account id → the index of its Account item (what a node pairs each signal with). */
	accountItemIndexes: ReadonlyMap<string, number>;
}

/**
 * One run of usage detection: the accounts parsed, an accumulator (fresh, or restored from the carried state),
 * the account key lookup. Rows go in one at a time (reduced as they arrive), then `finish` detects. What the
 * sweeps and the row functions below share.
 */
export class UsageRun {
	readonly accounts: UsageAccount[];
	readonly accountItemIndexes: ReadonlyMap<string, number>;
	readonly lookup: AccountKeyLookup;
	private readonly accountUnusable: UnusableItem[];

	constructor(
		accountItems: readonly unknown[],
		readonly options: UsageRunOptions,
		readonly accumulator: UsageAccumulator = new UsageAccumulator(accumulatorOptions(options)),
	) {
		const parsed = parseUsageAccounts(accountItems);
		this.accounts = parsed.accounts;
		this.accountItemIndexes = parsed.itemIndexes;
		this.accountUnusable = parsed.errors.map((error) => unusableItem(error, error.itemIndex, 'accounts'));
		let map = options.accountKeyMap;
		const keyField = options.accountKeyField?.trim();
		if (keyField) {
			const built = accountKeyMapFromItems(accountItems, keyField);
			map = built.map;
			this.accountUnusable.push(...built.errors.map((error) => unusableItem(error, error.itemIndex, 'accounts')));
			this.accountUnusable.sort((a, b) => a.itemIndex - b.itemIndex);
		}
		this.lookup = new AccountKeyLookup({ map, knownAccountIds: this.accounts.map((account) => account.accountId), rowLabel: options.rowLabel });
	}

	/** Count one per-event row under its CRM account (undefined: the key is unmapped). */
	addEvent(event: UsageEvent, rowIndex: number): AddOutcome | undefined {
		const accountId = this.lookup.resolve(event.accountId, rowIndex);
		if (accountId === undefined) return undefined;
		return this.accumulator.addEvent(accountId === event.accountId ? event : { ...event, accountId });
	}

	/** Count one pre-aggregated row; `featureOnly` counts it for its feature alone (the account's own rows come separately). */
	addDay(row: UsageDay, rowIndex: number, featureOnly = false): AddOutcome | undefined {
		const accountId = this.lookup.resolve(row.accountId, rowIndex);
		if (accountId === undefined) return undefined;
		const mapped = accountId === row.accountId ? row : { ...row, accountId };
		if (featureOnly && mapped.feature !== undefined) return this.accumulator.addFeatureDay({ ...mapped, feature: mapped.feature });
		return this.accumulator.addDay(mapped);
	}

	/** Detect, and report what could not be used (`rowUnusable`: the caller's own, e.g. unreadable rows or lines). */
	finish(rowUnusable: readonly UnusableItem[] = []): UsageRunResult {
		const keyErrors =
			(this.options.unmappedAccounts ?? 'error') === 'error' ? this.lookup.errors().map((error) => unusableItem(error, error.itemIndex, 'usage')) : [];
		const usage = [...rowUnusable, ...keyErrors].sort((a, b) => a.itemIndex - b.itemIndex);
		const signals = detectUsageSignals(this.accumulator, this.accounts, this.options);
		const calendar = this.accumulator.calendar;
		const withUsage = new Set<string>();
		for (const account of this.accumulator.accounts()) if (Number.isFinite(account.earliest)) withUsage.add(account.accountId);
		const without = this.accounts.filter((account) => !withUsage.has(account.accountId)).map((account) => account.accountId);
		return {
			signals,
			accountItemIndexes: this.accountItemIndexes,
			unusable: [...this.accountUnusable, ...usage],
			summary: {
				window: { from: calendar.date(0), to: calendar.date(calendar.days - 1), days: calendar.days, asOf: toIso(calendar.asOf), timezone: calendar.zone },
				counted: { ...this.accumulator.stats },
				size: this.accumulator.size(),
				unmappedAccountRows: this.lookup.unmappedRows,
				accountsWithUsage: withUsage.size,
				accountsWithoutUsage: without.length,
				accountsWithoutUsageSample: without.slice(0, 20),
			},
		};
	}
}

/** The accumulator options of a run's options. */
export function accumulatorOptions(options: UsageRunOptions): UsageAccumulatorOptions {
	return { asOf: options.asOf, timezone: options.timezone, thresholds: options.thresholds, limits: options.limits, loginEvents: options.loginEvents };
}

export interface UsageRowsOptions extends UsageRunOptions {
	/** Which field of each row holds what (USAGE_FIELDS keys); unset entries keep the defaults. */
	fieldMap?: Partial<Record<string, unknown>>;
	/** Per-event rows, pre-aggregated rows, or decide per row (default). */
	rowKind?: UsageRowKind;
	/** Row errors listed one by one; beyond it they are only counted (default 1000). */
	maxRowErrors?: number;
}

export interface UsageRowsSummary extends UsageRunSummary {
	/** Rows read. */
	rows: number;
	/** Rows with a field that cannot be read (the first maxRowErrors are listed in `unusable`). */
	rowErrors: number;
	rowErrorsNotListed: number;
}

export interface UsageRowsResult extends UsageRunResult {
	summary: UsageRowsSummary;
}

/** Rows in → mapped → counted; keeps the first `maxRowErrors` row errors and counts the rest. */
export class UsageRowIngest {
	rows = 0;
	rowErrors = 0;
	readonly unusable: UnusableItem[] = [];
	private readonly fieldMap: UsageFieldMap;
	private readonly kind: UsageRowKind;
	private readonly maxRowErrors: number;

	constructor(
		readonly run: UsageRun,
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
			mapped = mapUsageRow(raw, rowIndex, this.fieldMap, this.kind, this.run.accumulator.calendar.zone);
		} catch (error) {
			if (!(error instanceof UsageRowError)) throw error;
			this.rowErrors += 1;
			if (this.unusable.length < this.maxRowErrors) this.unusable.push(unusableItem(error, rowIndex, 'usage'));
			return;
		}
		if (mapped.kind === 'event') this.run.addEvent(mapped.row, rowIndex);
		else this.run.addDay(mapped.row, rowIndex);
	}

	finish(): UsageRowsResult {
		const result = this.run.finish(this.unusable);
		return { ...result, summary: { ...result.summary, rows: this.rows, rowErrors: this.rowErrors, rowErrorsNotListed: this.rowErrors - this.unusable.length } };
	}
}

/**
 * Usage rows from any upstream node or an export (per-event or pre-aggregated, fields mapped) + accounts →
 * usage signals, counting from nothing (no carried state: the rows hold the whole window; the sweep
 * `sweepUsageRows` carries state between runs). Bad rows and account items are reported (never dropped
 * silently) and the good ones still count; a bad field map, threshold or as-of throws (it is not any one row's
 * fault). Rows are reduced as they are read: memory follows accounts × window days, not the number of rows.
 */
export function detectUsageSignalsFromRows(rows: Iterable<unknown>, accounts: readonly unknown[] = [], options: UsageRowsOptions = {}): UsageRowsResult {
	const ingest = new UsageRowIngest(new UsageRun(accounts, options), options);
	let index = 0;
	for (const row of rows) ingest.push(row, index++);
	return ingest.finish();
}

/** The same for a stream of rows (a JSONL or CSV file read line by line, a database cursor). */
export async function detectUsageSignalsFromRowStream(rows: AsyncIterable<unknown> | Iterable<unknown>, accounts: readonly unknown[] = [], options: UsageRowsOptions = {}): Promise<UsageRowsResult> {
	const ingest = new UsageRowIngest(new UsageRun(accounts, options), options);
	let index = 0;
	for await (const row of rows) ingest.push(row, index++);
	return ingest.finish();
}
