/**
 * `cs-signal-os signals <source> --input <file>`: the source nodes' detectors over exported data, one sub-command
 * per source in SIGNAL_SOURCES (other sources add a row there). Prints the Signal items as a JSON array; items that
 * cannot be used are listed on stderr by index (exit 1), the others still give their signals.
 */
import { dirname, resolve } from 'node:path';
import { AccountSchema, parseItem, plural, type Account, type AccountMappingRow, type UnusableItem, type Signal } from '../../engine/model';
import { sweepEmailItems, sweepMeetingItems, sweepSlackItems } from '../../engine/sweeps';
import { CliError, parseArgs, readJsonItems, rejectUnknownOptions, single, type CliCommand, type CliIo, type ParsedArgs } from './cli';

interface SourceRun {
	items: unknown[];
	accounts: Account[];
	mapping: AccountMappingRow[];
	flags: ParsedArgs['flags'];
	common: { asOf?: string; timezone?: string; redact: boolean; lexicons: { competitors?: string; overrides?: unknown } };
}

interface SignalSource {
	summary: string;
	/** Options of this source beside the common ones. */
	options: string[];
	help: string;
	run(input: SourceRun): { signals: Signal[]; unusable: UnusableItem[] };
}

const list = (value: string | undefined) => (value ?? '').split(/[,;]/).map((v) => v.trim()).filter(Boolean);
const signalsOf = (detections: ReadonlyArray<{ signal: Signal }>) => detections.map((d) => d.signal);

/** The sources `signals` knows: one row each (usage, fields and extra options in `help`). */
export const SIGNAL_SOURCES: Record<string, SignalSource> = {
	meetings: {
		summary: 'meetings with transcripts (WebVTT or speaker-turn JSON) → meeting signals',
		options: ['vendor-domains', 'unknown-speakers-are-customers'],
		help: `  One item per meeting: callId, accountId (or participants' e-mail domains in --accounts / --mapping), startedAt,
  participants [{ name, email, title, affiliation, attended }], transcript (WebVTT text, speaker-turn JSON or turns)
  or transcriptFile (a .vtt / .json file, relative to the input file).
  --vendor-domains                    your e-mail domains (comma-separated): those participants are your side
  --unknown-speakers-are-customers    speakers matching no participant count as the customer's`,
		run: ({ items, accounts, mapping, flags, common }) => {
			const result = sweepMeetingItems({
				items,
				accounts,
				mapping,
				fieldMap: fieldMap(flags),
				detection: {
					asOf: common.asOf,
					timezone: common.timezone,
					redact: common.redact,
					lexicons: common.lexicons,
					vendorDomains: list(single(flags, 'vendor-domains')),
					unknownSpeakersAreCustomer: Boolean(flags['unknown-speakers-are-customers']),
				},
			});
			return { signals: signalsOf(result.detections), unusable: result.unusable };
		},
	},
	email: {
		summary: 'e-mail messages (headers, optional text) → e-mail signals',
		options: ['vendor-domains'],
		help: `  One item per message: messageId, threadId, from, to, cc ("Name <address>" or lists), sentAt, text (optional),
  direction (inbound / outbound; or --vendor-domains decides), accountId (or the counterpart's domain in --accounts / --mapping).
  --vendor-domains   your e-mail domains (comma-separated)`,
		run: ({ items, accounts, mapping, flags, common }) => {
			const result = sweepEmailItems({
				items,
				accounts,
				mapping,
				fieldMap: fieldMap(flags),
				detection: { asOf: common.asOf, timezone: common.timezone, redact: common.redact, lexicons: common.lexicons, vendorDomains: list(single(flags, 'vendor-domains')) },
			});
			return { signals: signalsOf(result.detections), unusable: result.unusable };
		},
	},
	slack: {
		summary: 'shared-channel Slack messages → Slack signals',
		options: ['our-team'],
		help: `  One item per message (Slack's own shape works: ts, thread_ts, user, user_team, text, channel via --field-map), the
  account from accountId or a --mapping row per channel id ({ "from": "C0123ABC", "accountId": "acme" }).
  --our-team   your Slack team id: messages of any other team are the customer's`,
		run: ({ items, accounts, mapping, flags, common }) => {
			const accountNames = Object.fromEntries(accounts.map((a) => [a.accountId, a.name]));
			const result = sweepSlackItems({
				items,
				mapping,
				fieldMap: fieldMap(flags),
				ourTeamId: single(flags, 'our-team'),
				detection: { asOf: common.asOf, timezone: common.timezone, redact: common.redact, lexicons: common.lexicons, accountNames },
			});
			return { signals: signalsOf(result.detections), unusable: result.unusable };
		},
	},
};

const COMMON = ['input', 'accounts', 'mapping', 'field-map', 'as-of', 'time-zone', 'competitors', 'lexicons', 'redact', 'help'];
const BOOLEANS = ['help', 'redact', 'unknown-speakers-are-customers'];

function usage(): string {
	return [
		'Usage: cs-signal-os signals <source> --input <items.json|.jsonl> [--accounts <accounts.json>] [options]',
		'',
		'Runs a source node\'s detectors over exported items and prints the Signal items as a JSON array.',
		'Sources:',
		...Object.entries(SIGNAL_SOURCES).map(([name, source]) => `  ${name.padEnd(10)} ${source.summary}`),
		'',
		'Options:',
		'  --input       JSON array or JSON lines of items (one meeting / message each)',
		'  --accounts    Account items (CS CRM Signals\' output): domains map items to accounts, contacts name champions',
		'  --mapping     JSON array of { "from": domain | CRM id | channel id, "accountId", "accountName" } rows',
		'  --field-map   JSON object: canonical field → dot path of the items',
		'  --as-of       the moment to detect for (default now; without an offset it is read in --time-zone)',
		'  --time-zone   IANA zone for dates in evidence and business hours (default UTC)',
		'  --competitors comma-separated competitor names      --lexicons  JSON file of lexicon overrides',
		'  --redact      mask names, e-mail addresses and numbers inside the quoted snippets',
		'',
		'Run "cs-signal-os signals <source> --help" for the fields a source reads.',
	].join('\n');
}

function fieldMap(flags: ParsedArgs['flags']): Record<string, unknown> | undefined {
	const text = single(flags, 'field-map');
	if (!text) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must be a JSON object');
		return parsed as Record<string, unknown>;
	} catch (error) {
		throw new CliError(`--field-map ${JSON.stringify(text)} is not a JSON object of field → path (${(error as Error).message})`);
	}
}

function readAccounts(io: CliIo, path: string | undefined): Account[] {
	if (!path) return [];
	const items = readJsonItems(io, path, 'accounts');
	const problems: string[] = [];
	const accounts: Account[] = [];
	items.forEach((item, index) => {
		try {
			accounts.push(parseItem(AccountSchema, 'account', index, item));
		} catch (error) {
			problems.push(`${path}: ${(error as Error).message}`);
		}
	});
	if (problems.length) throw new CliError(`${plural(problems.length, 'bad account')}; fix them first:\n${problems.join('\n')}`);
	return accounts;
}

function readMapping(io: CliIo, path: string | undefined): AccountMappingRow[] {
	if (!path) return [];
	return readJsonItems(io, path, 'mapping').map((row, index) => {
		const r = row as Partial<AccountMappingRow> | null;
		if (!r || typeof r.from !== 'string' || typeof r.accountId !== 'string') throw new CliError(`mapping file "${path}" row ${index}: needs "from" and "accountId" strings`);
		return { from: r.from, accountId: r.accountId, ...(typeof r.accountName === 'string' ? { accountName: r.accountName } : {}) };
	});
}

/** Items naming a transcript file get its text (the file is read relative to the input file). */
function withTranscriptFiles(io: CliIo, items: unknown[], inputPath: string): unknown[] {
	return items.map((item, index) => {
		const file = (item as { transcriptFile?: unknown } | null)?.transcriptFile;
		if (typeof file !== 'string') return item;
		const path = resolve(dirname(inputPath), file);
		try {
			return { ...(item as object), transcript: io.readFile(path) };
		} catch (error) {
			throw new CliError(`meeting ${index}: cannot read transcriptFile "${file}" (${path}): ${(error as Error).message}`);
		}
	});
}

export const signalsCommand: CliCommand = {
	name: 'signals',
	summary: 'Detect signals in exported meetings, e-mail or Slack messages (JSON).',
	async run(args, io) {
		const [name, ...rest] = args;
		if (!name || name === '--help' || name === '-h') {
			io.stdout(usage());
			return name ? 0 : 1;
		}
		const source = SIGNAL_SOURCES[name];
		if (!source) throw new CliError(`Unknown source "${name}" for "signals" (known: ${Object.keys(SIGNAL_SOURCES).join(', ')}).\n\n${usage()}`);
		const help = `Usage: cs-signal-os signals ${name} --input <items.json|.jsonl> [--accounts <accounts.json>] [options]\n\n${source.help}\n\nCommon options: see "cs-signal-os signals --help".`;
		rejectUnknownOptions(rest, [...COMMON, ...source.options], `signals ${name}`, help);
		const { flags, positionals } = parseArgs(rest, BOOLEANS);
		if (flags.help) {
			io.stdout(help);
			return 0;
		}
		if (positionals.length) throw new CliError(`"signals ${name}" takes no arguments, got "${positionals.join(' ')}".\n\n${help}`);
		const input = single(flags, 'input');
		if (!input) throw new CliError(`--input is required.\n\n${help}`);
		let items = readJsonItems(io, input, 'input');
		if (name === 'meetings') items = withTranscriptFiles(io, items, input);
		const lexiconsPath = single(flags, 'lexicons');
		let overrides: unknown;
		if (lexiconsPath) {
			try {
				overrides = JSON.parse(io.readFile(lexiconsPath));
			} catch (error) {
				throw new CliError(`Cannot read lexicon overrides "${lexiconsPath}": ${(error as Error).message}`);
			}
		}
		let result: ReturnType<SignalSource['run']>;
		try {
			result = source.run({
				items,
				accounts: readAccounts(io, single(flags, 'accounts')),
				mapping: readMapping(io, single(flags, 'mapping')),
				flags,
				common: {
					asOf: single(flags, 'as-of'),
					timezone: single(flags, 'time-zone'),
					redact: Boolean(flags.redact),
					lexicons: { ...(single(flags, 'competitors') ? { competitors: single(flags, 'competitors') } : {}), ...(overrides !== undefined ? { overrides } : {}) },
				},
			});
		} catch (error) {
			if (error instanceof CliError) throw error;
			throw new CliError(`signals ${name}: ${(error as Error).message}`);
		}
		io.stdout(JSON.stringify(result.signals, null, 2));
		if (result.unusable.length) {
			io.stderr(`${plural(result.unusable.length, 'item')} of ${input} could not be used (the others gave their signals):\n${result.unusable.map((u) => `${input}: ${u.message}`).join('\n')}`);
			return 1;
		}
		return 0;
	},
};
