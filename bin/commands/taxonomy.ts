import { didYouMean, plural, SIGNAL_CATEGORIES, type SignalCategory } from '../../engine/model';
import { SIGNAL_TYPES, type SignalTypeDefinition } from '../../engine/taxonomy';
import { CliError, parseArgs, rejectPositionals, rejectUnknownOptions, single, type CliCommand } from './cli';

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
		rejectUnknownOptions(args, OPTIONS, 'taxonomy', HELP);
		const { flags, positionals } = parseArgs(args, ['json', 'help']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		rejectPositionals(positionals, 'taxonomy', HELP);
		const categoryName = single(flags, 'category');
		const category = categoryName ? selectCategory(categoryName) : undefined;
		const types = category ? SIGNAL_TYPES.filter((type) => type.category === category) : SIGNAL_TYPES;

		if (flags.json) {
			io.stdout(JSON.stringify(types, null, 2));
			return 0;
		}
		const categories = new Set(types.map((type) => type.category)).size;
		io.stdout(`${formatTaxonomyTable(types)}\n\n${types.length} signal types in ${plural(categories, 'category', 'categories')}.`);
		return 0;
	},
};
