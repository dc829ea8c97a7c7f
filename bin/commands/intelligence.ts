import { aggregateItems, IntelligenceConfigError, resolveIntelligenceConfig, type IntelligenceConfig } from '../../engine/aggregate';
import { CliError, parseArgs, readJsonItems, type CliCommand } from './cli';

const USAGE = `Usage: cs-signal-os intelligence --accounts <accounts.json> --signals <signals.json|.jsonl> [--as-of <ISO date>] [--config <overrides.json>] [--ignore-unmatched]

Scores every account (accounts without signals included) and prints the AccountIntelligence items as a JSON array.
  --accounts          JSON array (or JSON lines) of canonical Account items
  --signals           JSON array or .jsonl of canonical Signal items
  --as-of             the date to score as of (default: now)
  --config            JSON object overriding any default (weights, bands, windows, freshness, segments, forecast)
  --ignore-unmatched  leave out signals whose accountId matches no account instead of failing`;

function single(flags: Record<string, string[]>, name: string): string | undefined {
	const values = flags[name];
	if (!values) return undefined;
	if (values.length > 1) throw new CliError(`Option --${name} was given ${values.length} times; give it once.`);
	return values[0];
}

function readConfig(path: string | undefined, readFile: (p: string) => string): IntelligenceConfig {
	if (!path) return resolveIntelligenceConfig();
	let overrides: unknown;
	try {
		overrides = JSON.parse(readFile(path));
	} catch (error) {
		throw new CliError(`Cannot read config file "${path}": ${(error as Error).message}`);
	}
	try {
		return resolveIntelligenceConfig(overrides);
	} catch (error) {
		if (error instanceof IntelligenceConfigError) throw new CliError(`Config file "${path}": ${error.message}`);
		throw error;
	}
}

export const intelligenceCommand: CliCommand = {
	name: 'intelligence',
	summary: 'Score accounts from Account + Signal items: health, risk, expansion, renewal, facts (JSON).',
	async run(args, io) {
		const { flags, positionals } = parseArgs(args, ['help', 'ignore-unmatched']);
		if (flags.help) {
			io.stdout(USAGE);
			return 0;
		}
		if (positionals.length) throw new CliError(`Unexpected argument "${positionals[0]}".\n\n${USAGE}`);
		const known = new Set(['accounts', 'signals', 'as-of', 'config', 'ignore-unmatched', 'help']);
		for (const name of Object.keys(flags)) if (!known.has(name)) throw new CliError(`Unknown option --${name}.\n\n${USAGE}`);
		const accountsPath = single(flags, 'accounts');
		const signalsPath = single(flags, 'signals');
		if (!accountsPath || !signalsPath) throw new CliError(`Both --accounts and --signals are required.\n\n${USAGE}`);
		const config = readConfig(single(flags, 'config'), (p) => io.readFile(p));
		const accounts = readJsonItems(io, accountsPath, 'accounts');
		const signals = readJsonItems(io, signalsPath, 'signals');
		let result;
		try {
			result = aggregateItems(accounts, signals, {
				asOf: single(flags, 'as-of'),
				config,
				unmatchedSignals: flags['ignore-unmatched'] ? 'ignore' : 'error',
			});
		} catch (error) {
			throw new CliError(`intelligence: ${(error as Error).message}`);
		}
		if (result.unusable.length) {
			const lines = result.unusable.map((p) => `${p.input === 'accounts' ? accountsPath : signalsPath}: ${p.message}`);
			throw new CliError(`${lines.length} bad item${lines.length === 1 ? '' : 's'}; nothing was scored:\n${lines.join('\n')}`);
		}
		io.stdout(JSON.stringify(result.items.map((item) => item.intelligence), null, 2));
		return 0;
	},
};
