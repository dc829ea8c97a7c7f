import { didYouMean, plural } from '../../engine/model';
import { reportFromItems } from '../../engine/act/report';
import { CliError, parseArgs, readJsonItems, rejectPositionals, rejectUnknownOptions, single, type CliCommand } from './cli';

const OPTIONS = ['intelligence', 'decisions', 'format', 'as-of', 'title', 'help'];
const FORMATS = ['html', 'markdown', 'slack', 'json'] as const;

const HELP = [
	'Usage: cs-signal-os report --intelligence <file.json> [--decisions <file>] [--format html|markdown|slack|json] [--as-of <ISO date>]',
	'',
	'Print the weekly portfolio report: health distribution, at-risk ARR, renewals due in 30/60/90/120 days with',
	'forecast, expansion pipeline, NRR/GRR (when accounts carry arrMovements), triggers this week, detection-to-action.',
	'',
	'Options:',
	'  --intelligence <file>  AccountIntelligence items for the book (JSON array or JSON lines)',
	'  --decisions <file>     Decision items (and {firedAt, actionedAt} records) for triggers and detection-to-action',
	'  --format <format>      html (default; self-contained page, inline SVG charts), markdown, slack, json',
	'  --as-of <date>         week ending (default: the latest as-of of the intelligence)',
	'  --title <text>         report title',
].join('\n');

export const reportCommand: CliCommand = {
	name: 'report',
	summary: 'Print the portfolio report for a book of accounts (html, markdown, slack).',
	async run(args, io) {
		rejectUnknownOptions(args, OPTIONS, 'report', HELP);
		const { flags, positionals } = parseArgs(args, ['help']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		rejectPositionals(positionals, 'report', HELP);
		const file = flags.intelligence?.[0];
		if (!file) throw new CliError(`Option --intelligence is required.\n\n${HELP}`);
		const format = flags.format?.[0] ?? 'html';
		if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`Unknown format "${format}".${didYouMean(format, FORMATS)} Formats: ${FORMATS.join(', ')}.`);
		const items = readJsonItems(io, file, 'intelligence');
		// every item remembers its file and its place in it: messages number items within their own file
		const decisionItems = (flags.decisions ?? []).flatMap((f) => readJsonItems(io, f, 'decisions').map((item, at) => ({ item, file: f, at })));
		const decisions = decisionItems.map((entry) => entry.item);
		const fileOf = (index: number) => (index < items.length ? file : decisionItems[index - items.length].file);
		const displayIndex = (index: number) => (index < items.length ? index : decisionItems[index - items.length].at);
		let result: ReturnType<typeof reportFromItems>;
		try {
			result = reportFromItems([...items, ...decisions], { asOf: single(flags, 'as-of'), title: single(flags, 'title'), displayIndex });
		} catch (error) {
			throw new CliError(`report: ${(error as Error).message}`);
		}
		if (result.unusable.length > 0) {
			throw new CliError(`${plural(result.unusable.length, 'bad item')}; no report was written:\n${result.unusable.map((p) => `${fileOf(p.itemIndex)}: ${p.message}`).join('\n')}`);
		}
		for (const warning of result.warnings) io.stderr(`warning: ${warning}`);
		const { output } = result;
		if (format === 'html') io.stdout(output.html);
		else if (format === 'markdown') io.stdout(output.markdown);
		else io.stdout(JSON.stringify(format === 'slack' ? output.slack : output.report, null, 2));
		return 0;
	},
};
