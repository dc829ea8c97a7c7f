/**
 * `cs-signal-os signals usage`: usage rows from a file (CSV, JSON lines or a JSON array) + Account items → the
 * usage signals CS Usage Signals' "from input items" mode finds (the same sweep, no carried state). Rows are
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
import { CliError, parseArgs, readJsonItems, rejectPositionals, rejectUnknownOptions, single, type CliIo } from '../cli';
import type { SignalSource } from '../signals';

const OPTIONS = ['input', 'accounts', 'as-of', 'timezone', 'field-map', 'row-kind', 'thresholds', 'account-key-field', 'ignore-unknown-accounts', 'help'];

const HELP = `Usage: cs-signal-os signals usage --input <rows.csv|.jsonl|.json> [--accounts <accounts.json>] [--as-of <ISO date>]
       [--timezone <IANA zone>] [--field-map <json>] [--row-kind auto|event|day] [--thresholds <json>]
       [--account-key-field <field>] [--ignore-unknown-accounts]

Detects usage signals (WAU drop, usage decline, below baseline, plateau, seat utilisation, low activation, feature
adoption, depth, module decline, silent integration, login decline) and prints the Signal items as a JSON array.
  --input              usage rows: one per event (accountId, userId, event, feature, occurredAt) or one per account
                       and day (accountId, day, activeUsers, events, feature); CSV with a header row, JSON lines, or
                       a JSON array
  --accounts           Account items (licensed seats, contract start) as a JSON array or JSON lines
  --as-of              detect as of this instant (default now); usage on or after its day is not counted
  --timezone           the zone days are counted in and offset-less times are read in (default UTC)
  --field-map          which field holds what, as JSON or a .json file: {"accountKey":"company","occurredAt":"ts"}
                       (keys: ${'accountKey, userId, event, feature, occurredAt, day, activeUsers, events'})
  --row-kind           ${USAGE_ROW_KINDS.join(' | ')} (default auto: a row with an event time is an event)
  --thresholds         detection threshold overrides, as JSON or a .json file: {"wauDropPct":25}
  --account-key-field  the Account items' field holding the product's key for each account (translated to accountId)
  --ignore-unknown-accounts  leave out usage of keys that are no known account (counted) instead of failing
Errors name the file, line, row and field; the exit status is then 1 and nothing is printed.`;

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
	throw new CliError(`Usage file "${path}": name it .csv, .jsonl or .json so its format is known.\n\n${HELP}`);
}

export const usageSignals: SignalSource = {
	name: 'usage',
	summary: 'product usage rows (CSV, JSON lines, JSON) + Account items → usage signals',
	async run(args, io: UsageCliIo) {
		rejectUnknownOptions(args, OPTIONS, 'signals usage', HELP);
		const { flags, positionals } = parseArgs(args, ['help', 'ignore-unknown-accounts']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		rejectPositionals(positionals, 'signals usage', HELP);
		const inputPath = single(flags, 'input');
		if (!inputPath) throw new CliError(`--input is required.\n\n${HELP}`);
		const accountsPath = single(flags, 'accounts');
		const rowKind = single(flags, 'row-kind') ?? 'auto';
		if (!(USAGE_ROW_KINDS as readonly string[]).includes(rowKind)) throw new CliError(`--row-kind "${rowKind}" is not one of ${USAGE_ROW_KINDS.join(', ')}.`);
		const accounts = accountsPath ? readJsonItems(io, accountsPath, 'accounts') : [];

		// the sweep sees rows; the line of each is remembered for the messages (only for the rows that fail)
		const lines: number[] = [];
		const located = rowsOf(io, inputPath);
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
				asOf: single(flags, 'as-of'),
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
		if (result.unusable.length > 0) {
			const shown = result.unusable.slice(0, 20).map((item) =>
				item.input === 'accounts' ? `${accountsPath}: ${item.message}` : `${inputPath} line ${lines[item.itemIndex] ?? '?'}: ${item.message}`,
			);
			const more = result.unusable.length > shown.length ? [`… and ${result.unusable.length - shown.length} more`] : [];
			const notListed = result.summary.rowErrorsNotListed > 0 ? [`(${pluralCount(result.summary.rowErrorsNotListed, 'more bad row')} not listed)`] : [];
			throw new CliError(`${plural(result.unusable.length, 'problem')}; no signals printed:\n${[...shown, ...more, ...notListed].join('\n')}`);
		}
		const { window, rows: read } = result.summary;
		io.stderr(`usage: ${pluralCount(read, 'row')} read, ${window.from} … ${window.to} (${window.timezone}), ${plural(result.signals.length, 'signal')}`);
		io.stdout(JSON.stringify(result.signals, null, 2));
		return 0;
	},
};
