import { aggregateItems, IntelligenceConfigError, resolveIntelligenceConfig, type IntelligenceConfig } from '../../engine/aggregate';
import { listing, plural } from '../../engine/model';
import { CliError, parseArgs, readJsonItems, rejectPositionals, rejectUnknownOptions, single, type CliCommand } from './cli';

const OPTIONS = ['accounts', 'signals', 'as-of', 'config', 'ignore-unmatched', 'help'];

const USAGE = `Usage: cs-signal-os intelligence --accounts <accounts.json> --signals <signals.json|.jsonl> [--as-of <ISO date>] [--config <overrides.json>] [--ignore-unmatched]

Scores every account (accounts without signals included) and prints the AccountIntelligence items as a JSON array.
  --accounts          JSON array (or JSON lines) of canonical Account items
  --signals           JSON array or .jsonl of canonical Signal items
  --as-of             the date to score as of (default: now)
  --config            JSON object overriding any default (weights, bands, windows, freshness, segments, forecast)
  --ignore-unmatched  leave out signals whose accountId matches no account instead of failing`;

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
		rejectUnknownOptions(args, OPTIONS, 'intelligence', USAGE);
		const { flags, positionals } = parseArgs(args, ['help', 'ignore-unmatched']);
		if (flags.help) {
			io.stdout(USAGE);
			return 0;
		}
		rejectPositionals(positionals, 'intelligence', USAGE);
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
			const { accounts: badAccounts, signals: badSignals } = result.leftOut;
			const counted = listing([badAccounts ? plural(badAccounts, 'account item') : '', badSignals ? plural(badSignals, 'signal item') : ''].filter(Boolean));
			const verb = badAccounts + badSignals === 1 ? 'is' : 'are';
			throw new CliError(`${counted} ${verb} not usable; nothing was scored:\n${lines.join('\n')}`);
		}
		io.stdout(JSON.stringify(result.items.map((item) => item.intelligence), null, 2));
		return 0;
	},
};
