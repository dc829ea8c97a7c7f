import { buildPackJsonSchema, formatProblem, parsePackJson, validatePacks, type PackInput } from '../../engine/decide';
import { FACT_CATALOGUE } from '../../engine/model';
import { CliError, parseArgs, type CliCommand, type CliIo } from './cli';

const HELP = `Usage:
  cs-signal-os rules check <pack.json>…   Validate rule packs (every problem at once; exit 1 when any)
  cs-signal-os rules schema               Print the JSON Schema of the pack format (rules/pack.schema.json)
  cs-signal-os rules facts                List the facts rules may use`;

function readPacks(io: CliIo, files: string[]): PackInput[] {
	return files.flatMap((file) => {
		let text: string;
		try {
			text = io.readFile(file);
		} catch (error) {
			throw new CliError(`Cannot read rule pack "${file}": ${(error as Error).message}`);
		}
		try {
			return parsePackJson(text, file);
		} catch (error) {
			throw new CliError((error as Error).message);
		}
	});
}

export const rulesCommand: CliCommand = {
	name: 'rules',
	summary: 'Check rule packs (rules check <file…>), print the pack JSON Schema or the fact list.',
	async run(args, io) {
		const { flags, positionals } = parseArgs(args, ['help']);
		const [sub, ...files] = positionals;
		if (flags.help || !sub) {
			io.stdout(HELP);
			return flags.help ? 0 : 1;
		}
		if (sub === 'schema') {
			io.stdout(JSON.stringify(buildPackJsonSchema(), null, '\t'));
			return 0;
		}
		if (sub === 'facts') {
			io.stdout(FACT_CATALOGUE.map((f) => `${f.name.padEnd(30)} ${(f.type + (f.nullable ? ' | null' : '')).padEnd(16)} ${f.description}`).join('\n'));
			return 0;
		}
		if (sub !== 'check') throw new CliError(`Unknown rules subcommand "${sub}".\n\n${HELP}`);
		if (files.length === 0) throw new CliError('rules check needs at least one pack file, e.g. cs-signal-os rules check rules/*.json');
		const inputs = readPacks(io, files.filter((file) => !file.endsWith('pack.schema.json')));
		const problems = validatePacks(inputs);
		if (problems.length > 0) {
			io.stderr(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`);
			return 1;
		}
		const rules = inputs.reduce((n, input) => n + ((input.pack as { rules: unknown[] }).rules?.length ?? 0), 0);
		io.stdout(`${rules} rules OK`);
		return 0;
	},
};
