/**
 * `cs-signal-os backtest`: replay the shipped (or given) rule packs over a history and print per-rule precision,
 * recall, lead time, alert volume and lift (engine/backtest). Usage rows come as CSV (csv-parse, header row),
 * JSON lines or a JSON array; accounts, tickets and signals as JSON or JSON lines; outcomes as CSV or JSON. Every
 * bad row is reported with its file and line (or item) and field; nothing is replayed then (exit 1).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import {
	BACKTEST_DEFAULTS,
	BacktestInputError,
	compareBacktests,
	renderBacktestHtml,
	renderBacktestTable,
	renderComparisonTable,
	runBacktest,
	type BacktestInputs,
	type BacktestOptions,
	type BacktestProgress,
	type BacktestReport,
} from '../../engine/backtest';
import type { PackInput, ThresholdOverrides } from '../../engine/decide';
import { CliError, parseArgs, readJsonItems, readPackFiles, rejectUnknownOptions, single, type CliCommand, type CliIo } from './cli';

/** The CLI's I/O plus whether stderr is a terminal (progress is shown only there, or with --progress). */
export interface BacktestCliIo extends CliIo {
	stderrIsTTY?: boolean;
}

const OPTIONS = ['accounts', 'history', 'signals', 'tickets', 'outcomes', 'from', 'to', 'every', 'horizon', 'timezone', 'rules', 'thresholds', 'compare', 'format', 'json', 'progress', 'help'];
const FORMATS = ['table', 'html'] as const;

const USAGE = `Usage: cs-signal-os backtest --accounts <a.json> --history <rows.csv|.jsonl|.json>… [--signals <s.jsonl>]… [--tickets <t.json>]… --outcomes <o.csv|.json>
       [--from <ISO>] [--to <ISO>] [--every ${BACKTEST_DEFAULTS.every}] [--horizon ${BACKTEST_DEFAULTS.horizon}] [--timezone <IANA zone>]
       [--rules <pack.json>…] [--thresholds <t.json>] [--compare <packA.json> <packB.json>] [--format table|html] [--json] [--progress]

Replays detection → intelligence → decisions at each evaluation date (every --every days from --from to --to,
using only data strictly before each date) and scores every rule against the outcomes: fires, accounts flagged,
alerts per 100 accounts per week, precision (churn within --horizon after a fire), recall (churned accounts
warned within the horizon before churning), lead time (median and quartiles) and lift over the base rate.
Expansion rules are scored against expandedAt. Without --rules the shipped packs are used.
  --accounts    canonical Account items (JSON array or JSON lines)
  --history     usage rows: per event (accountId, occurredAt, userId, event, feature) or per account and day
                (accountId, day, activeUsers, events, feature); CSV with a header row, JSON lines or a JSON array
  --signals     canonical Signal items of any source (cut at observedAt)
  --tickets     Zendesk-shaped ticket items (organization_id, created_at, priority, status, …)
  --outcomes    one row per account: accountId, churnedAt, renewedAt, expandedAt (any may be empty but accountId)
  --from/--to   first and last evaluation date (default: ${BACKTEST_DEFAULTS.warmUpDays} days after the first day of history; the day after its last)
  --thresholds  JSON object of pack threshold overrides, e.g. {"riskScoreEscalation": 8}
  --compare     run two packs (each a pack or a list of packs) on the same history and print them side by side
  --format      table (default) or html: a self-contained page with charts, on stdout
  --json        the report as JSON (with --compare: both reports and the deltas)
  --progress    show progress on stderr even when it is not a terminal`;

/** Where each row of an input came from, for messages. */
type Locations = string[];

function readText(io: CliIo, path: string, what: string): string {
	try {
		return io.readFile(path);
	} catch (error) {
		throw new CliError(`Cannot read ${what} file "${path}": ${(error as Error).message}`);
	}
}

/** Rows of a CSV (header row), JSON lines or JSON array file, each with "file line N" / "file item N". */
function readRows(io: CliIo, path: string, what: string, rows: unknown[], where: Locations, csv: boolean): void {
	if (/\.csv$/i.test(path)) {
		if (!csv) throw new CliError(`${what} file "${path}": give JSON or JSON lines (CSV is read for usage rows and outcomes).`);
		let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
		try {
			records = parseCsv(readText(io, path, what), { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true });
		} catch (error) {
			if (error instanceof CliError) throw error;
			throw new CliError(`${what} file "${path}" is not readable CSV: ${(error as Error).message}`);
		}
		for (const { record, info } of records) {
			rows.push(record);
			where.push(`${path} line ${info.lines}`);
		}
		return;
	}
	const lines = /\.jsonl$|\.ndjson$/i.test(path) || !readText(io, path, what).trim().startsWith('[');
	readJsonItems(io, path, what).forEach((row, index) => {
		rows.push(row);
		where.push(lines ? `${path} line ${index + 1}` : `${path} item ${index}`);
	});
}

function jsonObject(io: CliIo, path: string, what: string): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readText(io, path, what));
	} catch (error) {
		if (error instanceof CliError) throw error;
		throw new CliError(`${what} file "${path}" is not JSON: ${(error as Error).message}`);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(`${what} file "${path}" must be a JSON object such as {"riskScoreEscalation": 8}`);
	return parsed as Record<string, unknown>;
}

/** "backtest: 5/26 dates, 1,234 accounts/s, about 12 s left". */
export function progressLine(progress: BacktestProgress): string {
	const rate = progress.elapsedMs > 0 ? (progress.accountsEvaluated * 1000) / progress.elapsedMs : 0;
	const left = progress.datesDone ? (progress.elapsedMs / progress.datesDone) * (progress.datesTotal - progress.datesDone) : 0;
	return `backtest: ${progress.datesDone}/${progress.datesTotal} dates, ${Math.round(rate).toLocaleString('en-US')} accounts/s, about ${Math.ceil(left / 1000)} s left`;
}

export const backtestCommand: CliCommand = {
	name: 'backtest',
	summary: 'Replay rule packs over a history with known outcomes: per-rule precision, recall, lead time, alert volume, lift.',
	async run(args, cliIo) {
		const io = cliIo as BacktestCliIo;
		rejectUnknownOptions(args, OPTIONS, 'backtest', USAGE);
		const { flags, positionals } = parseArgs(args, ['help', 'json', 'progress']);
		if (flags.help) {
			io.stdout(USAGE);
			return 0;
		}
		const compare = flags.compare ? [...flags.compare, ...positionals] : null;
		if (compare && compare.length !== 2) throw new CliError(`--compare needs two pack files: --compare packA.json packB.json (got ${compare.length}).\n\n${USAGE}`);
		if (!compare && positionals.length) throw new CliError(`"backtest" takes no arguments, got "${positionals.join(' ')}".\n\n${USAGE}`);
		if (compare && flags.rules) throw new CliError('Give either --rules or --compare: --compare names the two packs to run.');
		const format = single(flags, 'format') ?? 'table';
		if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format "${format}" is not one of ${FORMATS.join(', ')}.`);
		if (compare && format === 'html') throw new CliError('--format html shows one report: run --compare with the table or --json.');
		const accountsPath = single(flags, 'accounts');
		const outcomesPath = single(flags, 'outcomes');
		if (!accountsPath || !outcomesPath || !(flags.history || flags.signals || flags.tickets))
			throw new CliError(`backtest needs --accounts, --outcomes and a history (--history, --signals or --tickets).\n\n${USAGE}`);

		const where: Record<string, Locations> = { accounts: [], usage: [], tickets: [], signals: [], outcomes: [] };
		const inputs: BacktestInputs & { usage: unknown[]; tickets: unknown[]; signals: unknown[]; accounts: unknown[]; outcomes: unknown[] } = { accounts: [], usage: [], tickets: [], signals: [], outcomes: [] };
		readRows(io, accountsPath, 'accounts', inputs.accounts, where.accounts, false);
		for (const path of flags.history ?? []) readRows(io, path, 'usage', inputs.usage, where.usage, true);
		for (const path of flags.tickets ?? []) readRows(io, path, 'tickets', inputs.tickets, where.tickets, false);
		for (const path of flags.signals ?? []) readRows(io, path, 'signals', inputs.signals, where.signals, false);
		readRows(io, outcomesPath, 'outcomes', inputs.outcomes, where.outcomes, true);
		const thresholdsPath = single(flags, 'thresholds');
		const thresholds = thresholdsPath ? (jsonObject(io, thresholdsPath, 'thresholds') as ThresholdOverrides) : undefined;

		const showProgress = flags.progress !== undefined || io.stderrIsTTY === true;
		const options: BacktestOptions = {
			from: single(flags, 'from'),
			to: single(flags, 'to'),
			every: single(flags, 'every'),
			horizon: single(flags, 'horizon'),
			timezone: single(flags, 'timezone'),
			thresholds,
			onProgress: showProgress ? (progress) => io.stderr(progressLine(progress)) : undefined,
		};
		const run = async (packs: PackInput[] | undefined): Promise<BacktestReport> => {
			try {
				return await runBacktest(inputs, { ...options, packs });
			} catch (error) {
				if (error instanceof BacktestInputError) {
					const lines = error.problems.map((p) => `${where[p.input]?.[p.itemIndex] ?? p.input}: ${p.message}`);
					throw new CliError(`${lines.length === 1 ? '1 row is' : `${lines.length} rows are`} not usable; nothing was replayed:\n${lines.join('\n')}`);
				}
				throw new CliError(`backtest: ${(error as Error).message}`);
			}
		};
		if (compare) {
			const packsA = readPackFiles(io, [compare[0]]);
			const packsB = readPackFiles(io, [compare[1]]);
			const comparison = compareBacktests(await run(packsA), await run(packsB));
			io.stdout(flags.json ? JSON.stringify(comparison, null, 2) : renderComparisonTable(comparison, { a: compare[0], b: compare[1] }));
			return 0;
		}
		const report = await run(flags.rules ? readPackFiles(io, flags.rules) : undefined);
		if (flags.json) io.stdout(JSON.stringify(report, null, 2));
		else io.stdout(format === 'html' ? renderBacktestHtml(report) : renderBacktestTable(report));
		return 0;
	},
};
