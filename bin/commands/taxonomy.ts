import { SIGNAL_CATEGORIES, didYouMean, type SignalCategory } from '../../engine/model';
import { SIGNAL_TYPES, type SignalTypeDefinition } from '../../engine/taxonomy';
import { CliError, parseArgs, type CliCommand } from './cli';

const OPTIONS = ['json', 'category', 'help'];

const HELP = [
	'Usage: cs-signal-os taxonomy [--json] [--category <category>]',
	'',
	'List the signal taxonomy: every signal type with its polarity, default severity (1-10),',
	'decay half-life in days, the health dimension it feeds and what it means.',
	'',
	'Options:',
	'  --json                 print the whole taxonomy as a JSON array (with detection parameters)',
	`  --category <category>  only one category: ${SIGNAL_CATEGORIES.join(', ')}`,
].join('\n');

const COLUMNS: Array<{ header: string; cell(type: SignalTypeDefinition): string }> = [
	{ header: 'ID', cell: (t) => t.id },
	{ header: 'POLARITY', cell: (t) => t.polarity },
	{ header: 'SEVERITY', cell: (t) => String(t.defaultSeverity) },
	{ header: 'HALF-LIFE', cell: (t) => `${t.halfLifeDays}d` },
	{ header: 'DIMENSION', cell: (t) => t.dimension },
	{ header: 'DESCRIPTION', cell: (t) => t.description },
];

/** A left-aligned table, columns separated by two spaces; the last column is not padded. */
export function formatTaxonomyTable(types: readonly SignalTypeDefinition[]): string {
	const rows = [COLUMNS.map((c) => c.header), ...types.map((type) => COLUMNS.map((c) => c.cell(type)))];
	const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	return rows
		.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '))
		.join('\n');
}

function selectCategory(value: string): SignalCategory {
	const category = SIGNAL_CATEGORIES.find((c) => c === value.toLowerCase());
	if (category) return category;
	throw new CliError(
		`Unknown category "${value}".${didYouMean(value, SIGNAL_CATEGORIES)} Categories: ${SIGNAL_CATEGORIES.join(', ')}.`,
	);
}

export const taxonomyCommand: CliCommand = {
	name: 'taxonomy',
	summary: 'List the signal taxonomy (--json for the full JSON array, --category to filter).',
	async run(args, io) {
		for (const arg of args) {
			const name = arg.startsWith('--') ? arg.slice(2).split('=')[0] : undefined;
			if (name !== undefined && !OPTIONS.includes(name)) {
				throw new CliError(`Unknown option --${name} for "taxonomy".${didYouMean(`--${name}`, OPTIONS.map((o) => `--${o}`))}\n\n${HELP}`);
			}
		}
		const { flags, positionals } = parseArgs(args, ['json', 'help']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		if (positionals.length > 0) throw new CliError(`"taxonomy" takes no arguments, got "${positionals.join(' ')}".\n\n${HELP}`);
		if ((flags.category?.length ?? 0) > 1) throw new CliError('Give --category once.');

		const category = flags.category ? selectCategory(flags.category[0]) : undefined;
		const types = category ? SIGNAL_TYPES.filter((type) => type.category === category) : SIGNAL_TYPES;

		if (flags.json) {
			io.stdout(JSON.stringify(types, null, 2));
			return 0;
		}
		const categories = new Set(types.map((type) => type.category)).size;
		io.stdout(`${formatTaxonomyTable(types)}\n\n${types.length} signal types in ${categories} ${categories === 1 ? 'category' : 'categories'}.`);
		return 0;
	},
};
