import { didYouMean, plural } from '../../engine/model';
import { reportFromItems } from '../../engine/act/report';
import { CliError, parseArgs, readJsonItems, rejectPositionals, rejectUnknownOptions, single, type CliCommand } from './cli';

const OPTIONS = ['intelligence', 'actions', 'format', 'as-of', 'timezone', 'title', 'help'];
const FORMATS = ['html', 'markdown', 'slack', 'json'] as const;

const HELP = [
	'Usage: cs-signal-os report --intelligence <file.json> [--actions <file>] [--format html|markdown|slack|json] [--as-of <ISO date>] [--timezone <IANA zone>]',
	'',
	'Print the weekly portfolio report: health distribution, at-risk ARR, renewals due in 30/60/90/120 days with',
	'forecast, expansion pipeline, NRR/GRR (when accounts carry arrMovements), actions this week, detection-to-action.',
	'',
	'Options:',
	'  --intelligence <file>  AccountIntelligence items for the book (JSON array or JSON lines)',
	'  --actions <file>       Action items (and {openedAt, doneAt} records) for actions this week and detection-to-action',
	'  --format <format>      html (default; self-contained page, inline SVG charts), markdown, slack, json',
	'  --as-of <date>         week ending (default: the latest as-of of the intelligence); no offset = --timezone',
	'  --timezone <zone>      the time zone of an offset-less --as-of (default UTC)',
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
		const actionItems = (flags.actions ?? []).flatMap((f) => readJsonItems(io, f, 'actions').map((item, at) => ({ item, file: f, at })));
		const actions = actionItems.map((entry) => entry.item);
		const fileOf = (index: number) => (index < items.length ? file : actionItems[index - items.length].file);
		const displayIndex = (index: number) => (index < items.length ? index : actionItems[index - items.length].at);
		let result: ReturnType<typeof reportFromItems>;
		try {
			result = reportFromItems([...items, ...actions], { asOf: single(flags, 'as-of'), title: single(flags, 'title'), timezone: single(flags, 'timezone'), displayIndex });
		} catch (error) {
			throw new CliError(`report: ${(error as Error).message}`);
		}
		if (result.unusable.length > 0) {
			throw new CliError(`${plural(result.unusable.length, 'bad item')}; no report was written:\n${result.unusable.map((p) => `${fileOf(p.itemIndex)}: ${p.message}`).join('\n')}`);
		}
		for (const warning of result.warnings) io.stderr(`warning: ${warning}`);
		const output = result.output!;
		if (format === 'html') io.stdout(output.html);
		else if (format === 'markdown') io.stdout(output.markdown);
		else io.stdout(JSON.stringify(format === 'slack' ? output.slack : output.report, null, 2));
		return 0;
	},
};
