/**
 * The pure entry point the CS Exec Change Signals node (input-items mode) and the CLI call:
 * rows + accounts → exec signals and per-row errors, nothing read from anywhere else.
 */
import { describeIssue, parseAccount, resolveAsOf, type Account, type Signal } from '../../model';
import { ExecDetectionConfigSchema, detectExecSignals, type ExecDetectionConfigInput } from './detectors';
import { contactChangesFromRows } from './rows';
import { resolveSeniorityTable } from './seniority';

export interface ExecRunOptions {
	/** ISO-8601; an offset-less value is read in `timeZone`. Default: now. */
	asOf?: string;
	/** A preset name (`hubspot`, `salesforce`, `usergems`, `linkedin`, `canonical`) or `{ preset?, field: path, … }`. */
	fieldMap?: string | Record<string, unknown>;
	/** Source system named in the signals; default `input`. */
	system?: string;
	/** The workflow's time zone, for dates written without an offset. Default UTC. */
	timeZone?: string;
	config?: ExecDetectionConfigInput;
	/** Extra seniority phrases, merged into rules/tables/seniority-titles.json (same shape). */
	seniorityTable?: unknown;
}

export interface InputError {
	/** Which input the index points into. */
	input: 'row' | 'account' | 'options';
	index: number;
	message: string;
}

export interface ExecRunResult {
	signals: Signal[];
	/** Signal id → the input rows it rests on (pairedItem for nodes). */
	rowsBySignal: Record<string, number[]>;
	errors: InputError[];
}

/** Parse accounts, keeping the good ones; a bad one is an error naming the account and field. */
export function parseAccounts(accounts: readonly unknown[]): { accounts: Account[]; errors: InputError[] } {
	const good: Account[] = [];
	const errors: InputError[] = [];
	accounts.forEach((input, index) => {
		try {
			good.push(parseAccount(input, index));
		} catch (error) {
			errors.push({ input: 'account', index, message: (error as Error).message });
		}
	});
	return { accounts: good, errors };
}

export function detectExecSignalsFromRows(rows: readonly unknown[], accounts: readonly unknown[], options: ExecRunOptions = {}): ExecRunResult {
	const config = ExecDetectionConfigSchema.safeParse(options.config ?? {});
	if (!config.success) {
		return { signals: [], rowsBySignal: {}, errors: [{ input: 'options', index: 0, message: `Detection options: ${config.error.issues.map((issue) => describeIssue(issue, options.config)).join('; ')}` }] };
	}
	const asOf = options.timeZone && options.asOf && !/(Z|[+-]\d\d:?\d\d)$/.test(options.asOf) ? resolveAsOf(options.asOf).setZone(options.timeZone, { keepLocalTime: true }) : resolveAsOf(options.asOf);
	const parsedAccounts = parseAccounts(accounts);
	const { records, errors } = contactChangesFromRows(rows, parsedAccounts.accounts, { fieldMap: options.fieldMap, system: options.system, timeZone: options.timeZone });
	const signals = detectExecSignals(
		records.map((entry) => entry.record),
		parsedAccounts.accounts,
		{ asOf, config: config.data, seniorityTable: resolveSeniorityTable(options.seniorityTable) },
	);
	const rowsOf = new Map<string, number[]>();
	for (const entry of records) {
		const list = rowsOf.get(entry.record.accountId) ?? [];
		rowsOf.set(`${entry.record.accountId}\u001f${entry.record.source.ref}`, entry.rows);
		rowsOf.set(entry.record.accountId, [...list, ...entry.rows]);
	}
	const rowsBySignal: Record<string, number[]> = {};
	for (const signal of signals) rowsBySignal[signal.id] = rowsOf.get(`${signal.accountId}\u001f${signal.source.ref}`) ?? rowsOf.get(signal.accountId) ?? [];
	return {
		signals,
		rowsBySignal,
		errors: [...parsedAccounts.errors, ...errors.map((error) => ({ input: 'row' as const, index: error.row, message: error.message }))],
	};
}
