import { BRIEF_TYPES, buildBrief, parseSignals, type BriefType } from '../../engine/act/briefs';
import { AccountIntelligenceSchema, didYouMean, parseItem, plural } from '../../engine/model';
import { CliError, parseArgs, readJsonItems, rejectPositionals, rejectUnknownOptions, single, type CliCommand } from './cli';

const OPTIONS = ['intelligence', 'account', 'type', 'signals', 'format', 'help'];
const FORMATS = ['markdown', 'html', 'slack', 'context'] as const;

const HELP = [
	'Usage: cs-signal-os brief --intelligence <file.json> --account <id> --type executive|pre-meeting|ebr|qbr [--signals <file>] [--format markdown|html|slack|context]',
	'',
	'Print one account brief to stdout. Every factual sentence cites the signals it rests on.',
	'',
	'Options:',
	'  --intelligence <file>  AccountIntelligence items (JSON array or JSON lines), e.g. from "cs-signal-os intelligence"',
	'  --account <id>         the accountId to brief',
	`  --type <type>          ${BRIEF_TYPES.join(', ')}`,
	'  --signals <file>       the signal history (Signal items); without it the risk drivers are cited by what they said',
	'  --format <format>      markdown (default), html, slack (Block Kit JSON), context (JSON for an AI node)',
].join('\n');

export const briefCommand: CliCommand = {
	name: 'brief',
	summary: 'Print an executive, pre-meeting, EBR or QBR brief for one account (markdown, html, slack, context).',
	async run(args, io) {
		rejectUnknownOptions(args, OPTIONS, 'brief', HELP);
		const { flags, positionals } = parseArgs(args, ['help']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		rejectPositionals(positionals, 'brief', HELP);
		const intelligenceFile = single(flags, 'intelligence');
		const accountId = single(flags, 'account');
		const type = single(flags, 'type') ?? 'executive';
		const format = single(flags, 'format') ?? 'markdown';
		if (!intelligenceFile) throw new CliError(`Option --intelligence is required.\n\n${HELP}`);
		if (!accountId) throw new CliError(`Option --account is required.\n\n${HELP}`);
		if (!(BRIEF_TYPES as readonly string[]).includes(type)) {
			const prefixed = BRIEF_TYPES.find((t) => type.length >= 2 && t.startsWith(type.toLowerCase()));
			const hint = prefixed ? ` Did you mean "${prefixed}"?` : didYouMean(type, BRIEF_TYPES);
			throw new CliError(`Unknown brief type "${type}".${hint} Types: ${BRIEF_TYPES.join(', ')}.`);
		}
		if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`Unknown format "${format}".${didYouMean(format, FORMATS)} Formats: ${FORMATS.join(', ')}.`);

		const items = readJsonItems(io, intelligenceFile, 'intelligence');
		const idOf = (item: unknown) => {
			const id = item && typeof item === 'object' ? (item as { accountId?: unknown }).accountId : undefined;
			return typeof id === 'string' && id !== '' ? id : null;
		};
		const index = items.findIndex((item) => idOf(item) === accountId);
		if (index < 0) {
			// ids are shown as text (control characters escaped), items without one are counted, never "undefined"
			const ids = items.map(idOf).filter((id): id is string => id !== null);
			const shown = (id: string) => JSON.stringify(id).slice(1, -1);
			const missing = items.length - ids.length;
			const accounts = ids.length ? ` Accounts: ${ids.slice(0, 10).map(shown).join(', ')}${ids.length > 10 ? ', …' : ''}.` : '';
			const without = missing
				? ` ${plural(missing, 'item')} ${missing === 1 ? 'has' : 'have'} no accountId: is ${intelligenceFile} AccountIntelligence (the output of "cs-signal-os intelligence")?`
				: '';
			throw new CliError(`No account ${JSON.stringify(accountId)} in ${intelligenceFile}.${didYouMean(accountId, ids)}${accounts}${without}`);
		}
		let intelligence;
		try {
			intelligence = parseItem(AccountIntelligenceSchema, 'intelligence', index, items[index]);
		} catch (error) {
			throw new CliError(`${intelligenceFile}: ${(error as Error).message}`);
		}
		const signalsFile = single(flags, 'signals');
		const signals = signalsFile ? parseSignalsFile(signalsFile, readJsonItems(io, signalsFile, 'signals')) : [];
		const output = buildBrief(type as BriefType, { intelligence, signals });
		if (format === 'markdown') io.stdout(output.markdown);
		else if (format === 'html') io.stdout(output.html);
		else io.stdout(JSON.stringify(format === 'slack' ? output.slack : output.context, null, 2));
		return 0;
	},
};

function parseSignalsFile(file: string, items: unknown[]) {
	try {
		return parseSignals(items, 0, 'signals');
	} catch (error) {
		throw new CliError(`${file}: ${(error as Error).message.replace(/^item 0 /, '')}`);
	}
}

