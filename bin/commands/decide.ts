import { runActionSweep } from '../../engine/act/actions';
import { checkFacts, checkPacks, factsRead, formatProblem, parseDailyAlertBudget, prepareRules, SHIPPED_PACK_NAMES, shippedPackInputs, type PackInput } from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { parseIntelligence, plural, resolveAsOf, toIso, type AccountIntelligence } from '../../engine/model';
import { CliError, parseArgs, readJsonItems, readPackFiles, rejectPositionals, rejectUnknownOptions, type CliCommand } from './cli';

const OPTIONS = ['intelligence', 'rules', 'pack', 'thresholds', 'as-of', 'timezone', 'budget', 'help'];

const HELP = `Usage: cs-signal-os decide --intelligence <file.json> [--rules <pack.json>]… [--pack <shipped pack>]… [--thresholds <overrides.json>] [--as-of <ISO date>] [--timezone <IANA zone>] [--budget <n>]

Evaluates rule packs over AccountIntelligence items (a JSON array or JSON lines, e.g. the output of
"cs-signal-os intelligence") and prints the Action items as a JSON array — one per account and playbook, with
every rule that led to it in "reasons": the same items CS Decision Triggers emits on "All Actions". --pack
selects shipped packs by name (${SHIPPED_PACK_NAMES.join(', ')}); without --rules or --pack all of them are used. The ledger is in memory, so every action is "new" and no budget applies
unless --budget is given. --thresholds is a JSON object of threshold overrides, e.g. {"riskScoreEscalation": 6.5}.
--as-of without an offset is read in --timezone (default UTC), as a workflow reads it in its time zone.`;

export const decideCommand: CliCommand = {
	name: 'decide',
	summary: 'Evaluate rule packs over AccountIntelligence JSON and print Action items (one per account and playbook).',
	async run(args, io) {
		rejectUnknownOptions(args, OPTIONS, 'decide', HELP);
		const { flags, positionals } = parseArgs(args, ['help']);
		if (flags.help) {
			io.stdout(HELP);
			return 0;
		}
		const file = flags.intelligence?.[0];
		if (!file) throw new CliError(`decide needs --intelligence <file.json>.\n\n${HELP}`);
		rejectPositionals(positionals, 'decide', HELP);
		let packs: PackInput[];
		try {
			packs = flags.rules || flags.pack ? [...shippedPackInputs(flags.pack ?? []), ...(flags.rules ? readPackFiles(io, flags.rules) : [])] : shippedPackInputs();
		} catch (error) {
			throw new CliError((error as Error).message);
		}
		let overrides: Record<string, unknown> = {};
		if (flags.thresholds) {
			const [parsed] = readJsonItems(io, flags.thresholds[0], 'thresholds');
			if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
				throw new CliError(`thresholds file "${flags.thresholds[0]}" must be a JSON object such as {"riskScoreEscalation": 6.5}`);
			overrides = parsed as Record<string, unknown>;
		}
		const timezone = flags.timezone?.[0];
		let asOf: string | null = null;
		try {
			if (timezone) resolveAsOf(null, timezone);
			if (flags['as-of']) asOf = toIso(resolveAsOf(flags['as-of'][0], timezone, '--as-of'));
		} catch (error) {
			throw new CliError((error as Error).message);
		}
		let rules;
		try {
			rules = prepareRules(packs, overrides);
		} catch (error) {
			throw new CliError((error as Error).message);
		}
		for (const warning of checkPacks(packs).warnings) io.stderr(`warning: ${formatProblem(warning)}`);
		const facts = factsRead(rules);
		const items = readJsonItems(io, file, 'intelligence');
		const intelligence: Array<{ intel: AccountIntelligence; itemIndex: number }> = [];
		const problems: string[] = [];
		const undecided: string[] = [];
		items.forEach((item, index) => {
			let intel: AccountIntelligence;
			try {
				intel = parseIntelligence(item, index);
			} catch (error) {
				problems.push(`${file}: ${(error as Error).message}`);
				return;
			}
			try {
				checkFacts(intel, facts, index);
				intelligence.push({ intel, itemIndex: index });
			} catch (error) {
				undecided.push(`${file}: ${(error as Error).message}`);
			}
		});
		if (problems.length) throw new CliError(problems.join('\n'));
		let budget = 0;
		try {
			if (flags.budget) budget = parseDailyAlertBudget(flags.budget[0], '--budget');
		} catch (error) {
			throw new CliError((error as Error).message);
		}
		const result = await runActionSweep(rules, intelligence, new RecordStoreLedger(), { asOf, timezone, dailyAlertBudget: budget, ownerDigests: false });
		io.stdout(JSON.stringify(result.actions.map((a) => a.action), null, 2));
		// the other accounts decided; the ones whose facts are not what the catalogue says are named, and the exit code says so
		if (undecided.length) {
			io.stderr(`${plural(undecided.length, 'account')} not decided (the others were):\n${undecided.join('\n')}`);
			return 1;
		}
		return 0;
	},
};
