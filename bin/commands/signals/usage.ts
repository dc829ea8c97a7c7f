/**
 * `cs-signal-os signals usage`: usage rows from a file (CSV, JSON lines or a JSON array) + Account items → the
 * usage signals CS Usage Signals' "from input items" mode finds (the same sweep, no carried state; the common
 * options --input, --accounts, --as-of and --skip-unusable are the dispatcher's, bin/commands/signals.ts). Rows are
 * read as a stream and counted as they come, so a file of millions of events needs no more memory than its
 * accounts. CSV is parsed by csv-parse (a header row names the fields; quoted fields, embedded commas and line
 * breaks, a byte-order mark are all handled, and it reports the line of every record).
 */
import { parse as parseCsv } from 'csv-parse';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { UNMAPPED_USAGE_ACCOUNT_POLICIES, USAGE_ROW_KINDS, type UsageRowKind } from '../../../engine/detect/usage';
import { plural, pluralCount } from '../../../engine/model';
import { sweepUsageRows } from '../../../engine/sweeps';
import { CliError, readJsonItems, single, type CliIo } from '../cli';
import type { SignalSource } from '../signals';

/** The I/O of this command: the CLI's, plus a stream of a file's bytes when the caller has one (the real CLI). */
export interface UsageCliIo extends CliIo {
	readStream?(path: string): Readable;
}

/** A row with the line of the file it came from. */
interface Located {
	row: unknown;
	line: number;
}

function jsonOption(io: CliIo, value: string | undefined, option: string): Record<string, unknown> | undefined {
	if (value === undefined) return undefined;
	let text = value;
	if (!value.trim().startsWith('{')) {
		try {
			text = io.readFile(value);
		} catch (error) {
			throw new CliError(`--${option}: "${value}" is neither a JSON object nor a file that can be read (${(error as Error).message})`);
		}
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new CliError(`--${option} is not JSON: ${(error as Error).message}`);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(`--${option} must be a JSON object, e.g. {"accountKey":"company"}`);
	return parsed as Record<string, unknown>;
}

function source(io: UsageCliIo, path: string): Readable {
	try {
		if (io.readStream) return io.readStream(path);
		return Readable.from([io.readFile(path)]);
	} catch (error) {
		throw new CliError(`Cannot read usage file "${path}": ${(error as Error).message}`);
	}
}

/** CSV records with the line each ends on (csv-parse counts lines, quoted line breaks included). */
async function* csvRows(input: Readable, path: string): AsyncGenerator<Located> {
	const parser = parseCsv({ columns: true, bom: true, skip_empty_lines: true, trim: true, info: true });
	input.on('error', (error) => parser.destroy(error));
	input.pipe(parser);
	try {
		for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield { row: record, line: info.lines };
	} catch (error) {
		throw new CliError(`Usage file "${path}" is not readable CSV: ${(error as Error).message}`);
	}
}

/** JSON lines, one row per non-blank line. */
async function* jsonLines(input: Readable, path: string): AsyncGenerator<Located> {
	let line = 0;
	let failed: Error | undefined;
	input.on('error', (error) => {
		failed = error;
	});
	for await (const text of createInterface({ input, crlfDelay: Infinity })) {
		line += 1;
		if (text.trim() === '') continue;
		try {
			yield { row: JSON.parse(text) as unknown, line };
		} catch (error) {
			throw new CliError(`Usage file "${path}" line ${line} is not JSON: ${(error as Error).message}`);
		}
	}
	if (failed) throw new CliError(`Cannot read usage file "${path}": ${failed.message}`);
}

async function* jsonArray(io: CliIo, path: string): AsyncGenerator<Located> {
	for (const [index, row] of readJsonItems(io, path, 'usage').entries()) yield { row, line: index + 1 };
}

function rowsOf(io: UsageCliIo, path: string): AsyncGenerator<Located> {
	if (/\.csv$/i.test(path)) return csvRows(source(io, path), path);
	if (/\.jsonl$/i.test(path) || /\.ndjson$/i.test(path)) return jsonLines(source(io, path), path);
	if (/\.json$/i.test(path)) return jsonArray(io, path);
	throw new CliError(`Usage file "${path}": name it .csv, .jsonl or .json so its format is known.`);
}

export const usageSignals: SignalSource = {
	name: 'usage',
	summary: 'product usage from usage rows (one per event, or per account and day): CSV, JSON lines or JSON, streamed',
	formats: '.csv|',
	options: [
		{ name: 'timezone', value: '<IANA zone>', help: 'the zone days are counted in and offset-less times read in (default UTC)' },
		{ name: 'field-map', value: '<json>', help: 'which field holds what, as JSON or a .json file: {"accountKey":"company","occurredAt":"ts"}' },
		{ name: 'row-kind', value: USAGE_ROW_KINDS.join('|'), help: 'per event, per account-day, or decide per row (default auto)' },
		{ name: 'thresholds', value: '<json>', help: 'detection threshold overrides, as JSON or a .json file: {"wauDropPct":25}' },
		{ name: 'account-key-field', value: '<field>', help: "the Account items' field holding the product's key for each account" },
		{ name: 'ignore-unknown-accounts', help: 'leave out usage of keys that are no known account (counted) instead of reporting each' },
	],
	booleans: ['ignore-unknown-accounts'],
	async stream({ inputPath, accounts, asOf, flags, io }) {
		const rowKind = single(flags, 'row-kind') ?? 'auto';
		if (!(USAGE_ROW_KINDS as readonly string[]).includes(rowKind)) throw new CliError(`--row-kind "${rowKind}" is not one of ${USAGE_ROW_KINDS.join(', ')}.`);
		// the sweep sees rows; the line of each is remembered for the messages
		const lines: number[] = [];
		const located = rowsOf(io as UsageCliIo, inputPath);
		async function* rows() {
			for await (const { row, line } of located) {
				lines.push(line);
				yield row;
			}
		}
		let result;
		try {
			result = await sweepUsageRows(rows(), {
				accounts,
				asOf,
				timezone: single(flags, 'timezone') ?? 'UTC',
				fieldMap: jsonOption(io, single(flags, 'field-map'), 'field-map'),
				thresholds: jsonOption(io, single(flags, 'thresholds'), 'thresholds'),
				rowKind: rowKind as UsageRowKind,
				accountKeyField: single(flags, 'account-key-field'),
				unmappedAccounts: flags['ignore-unknown-accounts'] ? UNMAPPED_USAGE_ACCOUNT_POLICIES[1] : UNMAPPED_USAGE_ACCOUNT_POLICIES[0],
			});
		} catch (error) {
			if (error instanceof CliError) throw error;
			throw new CliError(`signals usage: ${(error as Error).message}`);
		}
		const { window, rows: read, rowErrorsNotListed } = result.summary;
		io.stderr(
			`usage: ${pluralCount(read, 'row')} read, ${window.from} … ${window.to} (${window.timezone}), ${plural(result.signals.length, 'signal')}` +
				(rowErrorsNotListed > 0 ? `; ${pluralCount(rowErrorsNotListed, 'more bad row')} not listed` : ''),
		);
		const unusable = result.unusable.map((item) => (item.input === 'accounts' ? item : { ...item, message: `line ${lines[item.itemIndex] ?? '?'}: ${item.message}` }));
		return { signals: result.signals, unusable };
	},
};
