import { buildPackJsonSchema, checkPacks, formatProblem } from '../../engine/decide';
import { FACT_CATALOGUE, plural } from '../../engine/model';
import { CliError, parseArgs, readPackFiles, type CliCommand } from './cli';

const HELP = `Usage:
  cs-signal-os rules check <pack.json>…   Validate rule packs (every problem at once; exit 1 when any)
  cs-signal-os rules schema               Print the JSON Schema of the pack format (rules/pack.schema.json)
  cs-signal-os rules facts                List the facts rules may use`;

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
		const inputs = readPackFiles(io, files.filter((file) => !file.endsWith('pack.schema.json')));
		const { problems, warnings } = checkPacks(inputs);
		for (const warning of warnings) io.stderr(`warning: ${formatProblem(warning)}`);
		if (problems.length > 0) {
			io.stderr(`${plural(problems.length, 'problem')} in ${plural(files.length, 'file')}:\n${problems.map(formatProblem).join('\n')}`);
			return 1;
		}
		const rules = inputs.reduce((n, input) => n + ((input.pack as { rules: unknown[] }).rules?.length ?? 0), 0);
		io.stdout(`${rules} rules OK`);
		return 0;
	},
};
