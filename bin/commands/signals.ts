/**
 * `cs-signal-os signals <source> --input <file> --accounts <accounts.json>`: the source nodes' detectors for
 * exported data — the same sweeps the nodes' "From Input Items" modes call. One entry per source in SIGNAL_SOURCES
 * (a new source adds its entry: name, summary, its own options and the sweep it runs). A source whose exports are
 * big (usage: millions of rows) reads the input file itself, as a stream (`stream` instead of `run`).
 */
import { dirname, resolve } from 'node:path';
import { AccountSchema, ItemValidationError, parseItem, plural, unusableItem, type Account, type AccountMappingRow, type Signal, type UnusableItem } from '../../engine/model';
import { sweepEmailItems, sweepExecItems, sweepMarketItems, sweepMeetingItems, sweepSlackItems } from '../../engine/sweeps';
import { EXEC_FIELD_MAP_PRESETS } from '../../engine/detect/exec';
import { CliError, parseArgs, readJsonItems, rejectUnknownOptions, single, type CliCommand, type CliIo } from './cli';
import { usageSignals } from './signals/usage';

/** What one source gives back: its signals and the items it could not use. */
interface SourceRun {
	signals: Signal[];
	unusable: UnusableItem[];
}

export interface SignalSource {
	name: string;
	summary: string;
	/** Options besides the common ones, as `--name <value>  what it does` lines for the help. */
	options: Array<{ name: string; value?: string; help: string }>;
	/** Flags that take no value. */
	booleans?: string[];
	/** Input formats besides JSON and JSON lines, for the help (usage: CSV). */
	formats?: string;
	run?(input: { rows: unknown[]; accounts: unknown[]; asOf?: string; flags: Record<string, string[]>; io: CliIo }): SourceRun;
	/** Reads `inputPath` itself, row by row (an export too big to hold); messages of rows name their line. */
	stream?(input: { inputPath: string; accounts: unknown[]; asOf?: string; flags: Record<string, string[]>; io: CliIo }): Promise<SourceRun>;
}

function readJsonObject(io: CliIo, path: string, what: string): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(io.readFile(path));
	} catch (error) {
		throw new CliError(`Cannot read ${what} file "${path}": ${(error as Error).message}`);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CliError(`${what} file "${path}" must hold a JSON object`);
	return parsed as Record<string, unknown>;
}

/** `--map title=Job Title --map accountId=Company.Id` → { title: 'Job Title', accountId: 'Company.Id' }. */
function fieldMappings(values: string[] = []): Record<string, string> {
	const out: Record<string, string> = {};
	for (const value of values) {
		const at = value.indexOf('=');
		if (at <= 0) throw new CliError(`--map "${value}" is not field=path (for example --map title=Job Title)`);
		out[value.slice(0, at).trim()] = value.slice(at + 1).trim();
	}
	return out;
}

const exec: SignalSource = {
	name: 'exec',
	summary: 'executive changes from contact-change rows (UserGems, Clay, a LinkedIn export, HubSpot contacts, Salesforce ContactHistory)',
	options: [
		{ name: 'format', value: '<preset>', help: `where the fields sit: ${Object.keys(EXEC_FIELD_MAP_PRESETS).join(', ')} (default canonical)` },
		{ name: 'map', value: '<field=path>', help: 'one field of the format mapped to another column or dot path (repeatable)' },
		{ name: 'system', value: '<name>', help: 'source system named in the signals (default input)' },
		{ name: 'time-zone', value: '<IANA zone>', help: 'zone of dates written without an offset (default UTC)' },
		{ name: 'detection', value: '<file.json>', help: 'detection overrides: look-back days, newExecutiveMinSeniority, …' },
	],
	run({ rows, accounts, asOf, flags, io }) {
		const detectionPath = single(flags, 'detection');
		let result;
		try {
			result = sweepExecItems({
				rows,
				accounts,
				asOf,
				fieldMap: { preset: single(flags, 'format') ?? 'canonical', ...fieldMappings(flags.map) },
				system: single(flags, 'system') ?? 'input',
				timeZone: single(flags, 'time-zone'),
				detection: detectionPath ? readJsonObject(io, detectionPath, 'detection') : undefined,
			});
		} catch (error) {
			throw new CliError(`signals exec: ${(error as Error).message}`);
		}
		return { signals: result.detections.map((detection) => detection.signal), unusable: result.unusable };
	},
};

const market: SignalSource = {
	name: 'market',
	summary: "market news from news items (CS Market Signals' NewsItem JSON, or n8n RSS Read items)",
	options: [
		{ name: 'competitors', value: '<a,b>', help: 'competitor names: a partnership with one of them is a risk signal' },
		{ name: 'max-age-days', value: '<n>', help: "news older than this is history (default: each signal type's own)" },
	],
	run({ rows, accounts, asOf, flags }) {
		const competitors = single(flags, 'competitors');
		const maxAge = single(flags, 'max-age-days');
		if (maxAge !== undefined && !(Number(maxAge) > 0)) throw new CliError(`--max-age-days "${maxAge}" must be a positive number of days`);
		let result;
		try {
			result = sweepMarketItems({
				items: rows,
				accounts,
				asOf,
				detection: {
					...(competitors ? { competitors: competitors.split(',').map((name) => name.trim()).filter(Boolean) } : {}),
					...(maxAge ? { maxArticleAgeDays: Number(maxAge) } : {}),
				},
			});
		} catch (error) {
			throw new CliError(`signals market: ${(error as Error).message}`);
		}
		return { signals: result.detections.map((detection) => detection.signal), unusable: result.unusable };
	},
};

// ── conversations: meetings, e-mail, Slack ───────────────────────────────────────────────────────────

/** Account items as the conversation sweeps take them; a bad one is reported against the accounts file. */
function parseAccounts(raw: readonly unknown[]): { accounts: Account[]; unusable: UnusableItem[] } {
	const accounts: Account[] = [];
	const unusable: UnusableItem[] = [];
	raw.forEach((item, index) => {
		try {
			accounts.push(parseItem(AccountSchema, 'account', index, item));
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error;
			unusable.push(unusableItem(error, index, 'accounts'));
		}
	});
	return { accounts, unusable };
}

function readMapping(io: CliIo, path: string | undefined): AccountMappingRow[] {
	if (!path) return [];
	return readJsonItems(io, path, 'mapping').map((row, index) => {
		const r = row as Partial<AccountMappingRow> | null;
		if (!r || typeof r.from !== 'string' || typeof r.accountId !== 'string') throw new CliError(`mapping file "${path}" row ${index}: needs "from" and "accountId" strings`);
		return { from: r.from, accountId: r.accountId, ...(typeof r.accountName === 'string' ? { accountName: r.accountName } : {}) };
	});
}

/** The language settings every conversation source takes. */
function language(io: CliIo, flags: Record<string, string[]>) {
	const path = single(flags, 'lexicons');
	let overrides: unknown;
	if (path) {
		try {
			overrides = JSON.parse(io.readFile(path));
		} catch (error) {
			throw new CliError(`Cannot read lexicon overrides "${path}": ${(error as Error).message}`);
		}
	}
	const competitors = single(flags, 'competitors');
	return {
		timezone: single(flags, 'time-zone'),
		redact: Boolean(flags.redact),
		lexicons: { ...(competitors ? { competitors } : {}), ...(overrides !== undefined ? { overrides } : {}) },
	};
}

const list = (value: string | undefined) => (value ?? '').split(/[,;]/).map((v) => v.trim()).filter(Boolean);

const CONVERSATION_OPTIONS = [
	{ name: 'mapping', value: '<rows.json>', help: 'JSON array of { "from": domain | CRM id | channel id, "accountId", "accountName" } rows' },
	{ name: 'map', value: '<field=path>', help: 'one canonical field read from another column or dot path (repeatable)' },
	{ name: 'time-zone', value: '<IANA zone>', help: 'zone of as-of without an offset, evidence dates and business hours (default UTC)' },
	{ name: 'competitors', value: '<a,b>', help: 'competitor names: each becomes a competitor-mention phrase' },
	{ name: 'lexicons', value: '<file.json>', help: 'lexicon overrides: {"budget_pressure": {"add": ["cost review"]}}' },
	{ name: 'redact', help: 'mask names, e-mail addresses and numbers inside the quoted snippets' },
];

/** Items naming a transcript file get its text (the file is read relative to the input file). */
function withTranscriptFiles(io: CliIo, items: readonly unknown[], inputPath: string): unknown[] {
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

const meetings: SignalSource = {
	name: 'meetings',
	summary: 'meetings with their transcripts (WebVTT or speaker-turn JSON, or a transcriptFile beside the input)',
	options: [
		...CONVERSATION_OPTIONS,
		{ name: 'vendor-domains', value: '<a.io,b.io>', help: 'your e-mail domains: those participants are your side' },
		{ name: 'unknown-speakers-are-customers', help: 'speakers matching no participant count as the customer’s' },
	],
	booleans: ['redact', 'unknown-speakers-are-customers'],
	run({ rows, accounts, asOf, flags, io }) {
		const parsed = parseAccounts(accounts);
		const result = sweepMeetingItems({
			items: withTranscriptFiles(io, rows, single(flags, 'input')!),
			accounts: parsed.accounts,
			mapping: readMapping(io, single(flags, 'mapping')),
			fieldMap: fieldMappings(flags.map),
			detection: { asOf, ...language(io, flags), vendorDomains: list(single(flags, 'vendor-domains')), unknownSpeakersAreCustomer: Boolean(flags['unknown-speakers-are-customers']) },
		});
		return { signals: result.detections.map((d) => d.signal), unusable: [...parsed.unusable, ...result.unusable] };
	},
};

const email: SignalSource = {
	name: 'email',
	summary: 'e-mail messages (headers, optionally the text): reply times, silence, stakeholders, tone, budget / cancellation language',
	options: [...CONVERSATION_OPTIONS, { name: 'vendor-domains', value: '<a.io,b.io>', help: 'your e-mail domains: they decide the direction of a message' }],
	booleans: ['redact'],
	run({ rows, accounts, asOf, flags, io }) {
		const parsed = parseAccounts(accounts);
		const result = sweepEmailItems({
			items: rows,
			accounts: parsed.accounts,
			mapping: readMapping(io, single(flags, 'mapping')),
			fieldMap: fieldMappings(flags.map),
			detection: { asOf, ...language(io, flags), vendorDomains: list(single(flags, 'vendor-domains')) },
		});
		return { signals: result.detections.map((d) => d.signal), unusable: [...parsed.unusable, ...result.unusable] };
	},
};

const slack: SignalSource = {
	name: 'slack',
	summary: 'shared-channel Slack messages (Slack’s own shape works): tone, escalation, unanswered questions, activity',
	options: [...CONVERSATION_OPTIONS, { name: 'our-team', value: '<T0123>', help: 'your Slack team id: messages of any other team are the customer’s' }],
	booleans: ['redact'],
	run({ rows, accounts, asOf, flags, io }) {
		const parsed = parseAccounts(accounts);
		const result = sweepSlackItems({
			items: rows,
			mapping: readMapping(io, single(flags, 'mapping')),
			fieldMap: fieldMappings(flags.map),
			ourTeamId: single(flags, 'our-team'),
			detection: { asOf, ...language(io, flags), accountNames: Object.fromEntries(parsed.accounts.map((a) => [a.accountId, a.name])) },
		});
		return { signals: result.detections.map((d) => d.signal), unusable: [...parsed.unusable, ...result.unusable] };
	},
};

/** The sources `signals` knows, in the order the help lists them. */
export const SIGNAL_SOURCES: SignalSource[] = [usageSignals, exec, market, meetings, email, slack];

const COMMON = ['input', 'accounts', 'as-of', 'skip-unusable', 'help'];

function usage(source?: SignalSource): string {
	const lines = [
		`Usage: cs-signal-os signals ${source ? source.name : '<source>'} --input <rows${source?.formats ?? ''}.json|.jsonl> --accounts <accounts.json> [--as-of <ISO date>] [--skip-unusable]${source?.options.length ? ' [options]' : ''}`,
		'',
		'Detects signals in exported data and prints them as a JSON array (the same detectors as the source nodes).',
	];
	if (!source) {
		lines.push('', 'Sources:');
		for (const entry of SIGNAL_SOURCES) lines.push(`  ${entry.name.padEnd(8)} ${entry.summary}`);
	}
	lines.push(
		'',
		'  --input           JSON array or .jsonl of the rows or items to read',
		'  --accounts        JSON array (or JSON lines) of Account items (with their contacts and roles)',
		'  --as-of           the moment to detect for (default: now)',
		'  --skip-unusable   print the signals of the usable items and list the others on stderr (default: fail on any)',
	);
	for (const option of source?.options ?? []) lines.push(`  ${`--${option.name} ${option.value ?? ''}`.padEnd(17)} ${option.help}`);
	if (!source) lines.push('', 'Run "cs-signal-os signals <source> --help" for its options.');
	return lines.join('\n');
}

export const signalsCommand: CliCommand = {
	name: 'signals',
	summary: 'Detect signals in exported data: product usage, exec changes, market news, meetings, e-mail, Slack (JSON).',
	async run(args, io) {
		const [name, ...rest] = args;
		if (!name || name === '--help' || name === '-h') {
			io.stdout(usage());
			return name ? 0 : 1;
		}
		const source = SIGNAL_SOURCES.find((entry) => entry.name === name);
		if (!source) throw new CliError(`Unknown source "${name}" for "signals" (known: ${SIGNAL_SOURCES.map((entry) => entry.name).join(', ')}).\n\n${usage()}`);
		const help = usage(source);
		rejectUnknownOptions(rest, [...COMMON, ...source.options.map((option) => option.name)], `signals ${name}`, help);
		const { flags, positionals } = parseArgs(rest, ['help', 'skip-unusable', ...(source.booleans ?? [])]);
		if (flags.help) {
			io.stdout(help);
			return 0;
		}
		if (positionals.length > 0) throw new CliError(`"signals ${name}" takes no further arguments, got "${positionals.join(' ')}".\n\n${help}`);
		const inputPath = single(flags, 'input');
		const accountsPath = single(flags, 'accounts');
		if (!inputPath || !accountsPath) throw new CliError(`Both --input and --accounts are required.\n\n${help}`);
		const accounts = readJsonItems(io, accountsPath, 'accounts');
		const asOf = single(flags, 'as-of');
		const { signals, unusable } = source.stream
			? await source.stream({ inputPath, accounts, asOf, flags, io })
			: source.run!({ rows: readJsonItems(io, inputPath, 'input'), accounts, asOf, flags, io });
		const lines = unusable.map((item) => `${item.input === 'accounts' ? accountsPath : inputPath}: ${item.message}`);
		if (lines.length > 0 && !flags['skip-unusable']) {
			throw new CliError(`${plural(lines.length, 'unusable item')}; no signals were printed (--skip-unusable prints the others):\n${lines.join('\n')}`);
		}
		if (lines.length > 0) io.stderr(`${plural(lines.length, 'item')} skipped:\n${lines.join('\n')}`);
		io.stdout(JSON.stringify(signals, null, 2));
		return 0;
	},
};

